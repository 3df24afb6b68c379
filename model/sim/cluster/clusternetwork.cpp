#include "clusternetwork.h"

#include <QFile>

#include <yaml-cpp/yaml.h>

namespace podlab::sim {

ClusterNetwork::ClusterNetwork()
{
    // The stubbed internet is data (resources/network/internet.yaml, compiled in).
    QFile file(QStringLiteral(":/network/internet.yaml"));
    if (!file.open(QIODevice::ReadOnly))
        return;
    const YAML::Node root = YAML::Load(file.readAll().toStdString());
    for (const YAML::Node& host : root["hosts"]) {
        OutsideHost h;
        h.ip = host["ip"].as<std::string>();
        for (const auto& page : host["pages"])
            h.pages[page.first.as<std::string>()] = page.second.as<std::string>();
        m_outside[host["name"].as<std::string>()] = h;
        m_outside[h.ip] = h;
    }
}

std::optional<ClusterNetwork::PodEndpoint> ClusterNetwork::pod(std::string_view ip) const
{
    const auto it = m_pods.find(ip);
    if (it == m_pods.end())
        return std::nullopt;
    return it->second;
}

const ClusterNetwork::OutsideHost* ClusterNetwork::outside(std::string_view hostOrIp) const
{
    const auto it = m_outside.find(hostOrIp);
    return it == m_outside.end() ? nullptr : &it->second;
}

ClusterNetwork::Url ClusterNetwork::parseUrl(std::string_view url)
{
    Url u;
    if (const size_t scheme = url.find("://"); scheme != std::string_view::npos) {
        u.scheme = std::string(url.substr(0, scheme));
        url.remove_prefix(scheme + 3);
        if (u.scheme == "https")
            u.port = 443;
    }
    const size_t slash = url.find('/');
    std::string_view hostPort = url.substr(0, slash);
    u.path = slash == std::string_view::npos ? "/" : std::string(url.substr(slash));
    if (const size_t colon = hostPort.rfind(':'); colon != std::string_view::npos && hostPort.find(']') == std::string_view::npos) {
        u.port = std::atoi(std::string(hostPort.substr(colon + 1)).c_str());
        hostPort = hostPort.substr(0, colon);
    }
    u.host = std::string(hostPort);
    return u;
}

} // namespace podlab::sim
