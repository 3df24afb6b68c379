#include "poddns.h"

#include "sim/core/text.h"

#include <algorithm>
#include <set>

namespace podlab::sim {

namespace {

// strings.Fields: the words of a line, split at any run of white space.
std::vector<std::string> fields(std::string_view line)
{
    auto isSpace = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; };
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && isSpace(line[i]))
            ++i;
        size_t j = i;
        while (j < line.size() && !isSpace(line[j]))
            ++j;
        if (j > i)
            out.emplace_back(line.substr(i, j - i));
        i = j;
    }
    return out;
}

std::vector<std::string> omitDuplicates(const std::vector<std::string>& items)
{
    std::vector<std::string> out;
    std::set<std::string> seen;
    for (const std::string& s : items)
        if (seen.insert(s).second)
            out.push_back(s);
    return out;
}

// mergeDNSOptions keys options by name in a Go map, so the kubelet's order is arbitrary; keeping first
// appearance gives the order the documentation prints (`options ndots:2 edns0`).
std::vector<std::string> mergeOptions(const std::vector<std::string>& existing,
                                      const std::vector<api::PodDNSConfigOption>& podOptions)
{
    std::vector<std::pair<std::string, std::string>> merged;
    auto set = [&](const std::string& name, const std::string& value) {
        auto it = std::find_if(merged.begin(), merged.end(), [&](const auto& p) { return p.first == name; });
        if (it == merged.end())
            merged.emplace_back(name, value);
        else
            it->second = value;
    };
    for (const std::string& op : existing) {
        const size_t colon = op.find(':');
        if (colon == std::string::npos)
            set(op, "");
        else
            set(op.substr(0, colon), op.substr(colon + 1));
    }
    for (const api::PodDNSConfigOption& op : podOptions)
        set(op.name, op.value.value_or(""));
    std::vector<std::string> out;
    for (const auto& [name, value] : merged)
        out.push_back(value.empty() ? name : name + ":" + value);
    return out;
}

// The pod's identity in the kubelet's messages (format.Pod).
std::string podDescription(const api::Pod& pod)
{
    return pod.metadata.name + "_" + pod.metadata.namespace_ + "(" + pod.metadata.uid + ")";
}

} // namespace

DnsConfig PodDns::parseResolvConf(std::string_view text)
{
    DnsConfig config;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos)
            end = text.size();
        const std::vector<std::string> f = fields(text.substr(start, end - start));
        start = end + 1;
        if (f.empty() || f[0][0] == '#')
            continue;
        if (f[0] == "nameserver" && f.size() >= 2)
            config.servers.push_back(f[1]);
        else if (f[0] == "search")
            config.searches.assign(f.begin() + 1, f.end());
        else if (f[0] == "options")
            config.options.assign(f.begin() + 1, f.end());
    }
    return config;
}

DnsResult PodDns::podDns(const api::Pod& pod, const DnsSettings& settings)
{
    DnsResult result;
    DnsConfig& config = result.config;
    if (settings.nodeResolvConf)
        config = parseResolvConf(*settings.nodeResolvConf);

    enum class Type { Cluster, Host, None };
    const std::string& policy = pod.spec.dnsPolicy;
    Type type = Type::Cluster; // also the fallback for an unknown policy, which validation rejects anyway
    if (policy == "None")
        type = Type::None;
    else if (policy == "Default" || (policy == "ClusterFirst" && pod.spec.hostNetwork))
        type = Type::Host;

    if (type == Type::None) {
        config = DnsConfig();
    } else if (type == Type::Cluster && !settings.clusterDns.empty()) {
        config.servers = settings.clusterDns;
        if (!settings.clusterDomain.empty()) {
            const std::string& d = settings.clusterDomain;
            std::vector<std::string> searches = {pod.metadata.namespace_ + ".svc." + d, "svc." + d, d};
            searches.insert(searches.end(), config.searches.begin(), config.searches.end());
            config.searches = omitDuplicates(searches);
        }
        config.options = {"ndots:5"};
    } else {
        if (type == Type::Cluster) {
            const std::string message =
                "kubelet does not have ClusterDNS IP configured and cannot create Pod using "
                "\"ClusterFirst\" policy. Falling back to \"Default\" policy.";
            result.nodeWarnings.push_back({"MissingClusterDNS", message});
            result.podWarnings.push_back(
                {"MissingClusterDNS", "pod: \"" + podDescription(pod) + "\". " + message});
        }
        // Without --resolv-conf the kubelet points the pod at a resolver on localhost.
        if (!settings.nodeResolvConf) {
            config.servers.clear();
            for (const std::string& ip : settings.nodeIPs)
                config.servers.push_back(ip.find(':') != std::string::npos ? "::1" : "127.0.0.1");
            if (config.servers.empty())
                config.servers.push_back("127.0.0.1");
            config.searches = {"."};
        }
    }

    if (pod.spec.dnsConfig) {
        const api::PodDNSConfig& extra = *pod.spec.dnsConfig;
        std::vector<std::string> servers = config.servers;
        servers.insert(servers.end(), extra.nameservers.begin(), extra.nameservers.end());
        config.servers = omitDuplicates(servers);
        std::vector<std::string> searches = config.searches;
        searches.insert(searches.end(), extra.searches.begin(), extra.searches.end());
        config.searches = omitDuplicates(searches);
        config.options = mergeOptions(config.options, extra.options);
    }

    // formDNSConfigFitsLimits
    if (config.servers.size() > settings.maxNameservers) {
        config.servers.resize(settings.maxNameservers);
        result.podWarnings.push_back(
            {"DNSConfigForming", "Nameserver limits were exceeded, some nameservers have "
                                 "been omitted, the applied nameserver line is: " +
                                     join(config.servers, " ")});
    }
    bool searchCut = false;
    if (config.searches.size() > settings.maxSearchPaths) {
        config.searches.resize(settings.maxSearchPaths);
        searchCut = true;
    }
    // Some resolvers (glibc 2.28) abort on a search path longer than a DNS name may be.
    constexpr size_t kMaxDomainLength = 253;
    const size_t before = config.searches.size();
    std::erase_if(config.searches, [](const std::string& s) { return s.size() > kMaxDomainLength; });
    searchCut = searchCut || config.searches.size() != before;
    size_t lineLength = join(config.searches, " ").size();
    if (lineLength > settings.maxSearchListChars) {
        while (!config.searches.empty() && lineLength > settings.maxSearchListChars) {
            lineLength -= std::min(lineLength, config.searches.back().size() + 1);
            config.searches.pop_back();
        }
        searchCut = true;
    }
    if (searchCut)
        result.podWarnings.push_back(
            {"DNSConfigForming", "Search Line limits were exceeded, some search paths have "
                                 "been omitted, the applied search line is: " +
                                     join(config.searches, " ")});
    return result;
}

std::string PodDns::resolvConf(const DnsConfig& config, ResolvConfLayout layout)
{
    std::string search, servers, options;
    if (!config.searches.empty())
        search = "search " + join(config.searches, " ") + "\n";
    for (const std::string& s : config.servers)
        servers += "nameserver " + s + "\n";
    if (!config.options.empty())
        options = "options " + join(config.options, " ") + "\n";
    return layout == ResolvConfLayout::Containerd ? search + servers + options : servers + search + options;
}

} // namespace podlab::sim
