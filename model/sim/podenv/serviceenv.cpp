#include "serviceenv.h"

#include "sim/core/text.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace podlab::sim {

namespace {

bool hasClusterIP(const api::Service& s)
{
    return !s.spec.clusterIP.empty() && s.spec.clusterIP != "None";
}

std::string upper(std::string s)
{
    std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return char(std::toupper(c)); });
    return s;
}

// net.JoinHostPort: IPv6 addresses are bracketed.
std::string hostPort(const std::string& ip, int32_t port)
{
    const std::string host = ip.find(':') != std::string::npos ? "[" + ip + "]" : ip;
    return host + ":" + std::to_string(port);
}

} // namespace

std::string ServiceEnv::variableName(std::string_view serviceName)
{
    std::string out(serviceName);
    std::replace(out.begin(), out.end(), '-', '_');
    return upper(std::move(out));
}

EnvList ServiceEnv::fromServices(const std::vector<const api::Service*>& services)
{
    EnvList out;
    for (const api::Service* service : services) {
        if (!service || !hasClusterIP(*service) || service->spec.ports.empty())
            continue;
        const std::string& ip = service->spec.clusterIP;
        const std::string prefix = variableName(service->metadata.name);
        out.push_back({prefix + "_SERVICE_HOST", ip});
        const std::string portVar = prefix + "_SERVICE_PORT";
        out.push_back({portVar, std::to_string(service->spec.ports.front().port)});
        for (const api::ServicePort& sp : service->spec.ports)
            if (!sp.name.empty())
                out.push_back({portVar + "_" + variableName(sp.name), std::to_string(sp.port)});
        for (size_t i = 0; i < service->spec.ports.size(); ++i) {
            const api::ServicePort& sp = service->spec.ports[i];
            const std::string protocol = sp.protocol.empty() ? std::string("TCP") : sp.protocol;
            const std::string url = lower(protocol) + "://" + hostPort(ip, sp.port);
            if (i == 0)
                out.push_back({prefix + "_PORT", url});
            const std::string portPrefix =
                prefix + "_PORT_" + std::to_string(sp.port) + "_" + upper(protocol);
            out.push_back({portPrefix, url});
            out.push_back({portPrefix + "_PROTO", lower(protocol)});
            out.push_back({portPrefix + "_PORT", std::to_string(sp.port)});
            out.push_back({portPrefix + "_ADDR", ip});
        }
    }
    return out;
}

EnvList ServiceEnv::forPod(const std::vector<const api::Service*>& allServices, std::string_view podNamespace,
                           bool enableServiceLinks)
{
    std::map<std::string, const api::Service*> byName;
    for (const api::Service* service : allServices) {
        if (!service || !hasClusterIP(*service))
            continue;
        const std::string& name = service->metadata.name;
        if (service->metadata.namespace_ == "default" && name == "kubernetes")
            byName.emplace(name, service);
        else if (service->metadata.namespace_ == podNamespace && enableServiceLinks)
            byName[name] = service;
    }
    std::vector<const api::Service*> mapped;
    for (const auto& [name, service] : byName)
        mapped.push_back(service);
    // Later services overwrite earlier variables of the same name, as the kubelet's map assignment does.
    EnvList out;
    std::map<std::string, size_t, std::less<>> index;
    for (EnvEntry& e : fromServices(mapped)) {
        const auto [it, added] = index.emplace(e.name, out.size());
        if (added)
            out.push_back(std::move(e));
        else
            out[it->second].value = std::move(e.value);
    }
    return out;
}

} // namespace podlab::sim
