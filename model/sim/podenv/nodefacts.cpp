#include "nodefacts.h"

namespace podlab::sim {

namespace {

bool isIPv6(const std::string& ip)
{
    return ip.find(':') != std::string::npos;
}

// utilnode.GetNodeHostIPs: InternalIP addresses win over ExternalIP ones; at most one per family, the first
// address's family first.
std::vector<std::string> hostIPsOf(const api::Node& node)
{
    std::vector<std::string> candidates;
    for (const char* type : {"InternalIP", "ExternalIP"})
        for (const api::NodeAddress& a : node.status.addresses)
            if (a.type == type)
                candidates.push_back(a.address);
    std::vector<std::string> out;
    for (const std::string& ip : candidates) {
        if (out.empty())
            out.push_back(ip);
        else if (out.size() == 1 && isIPv6(ip) != isIPv6(out.front()))
            out.push_back(ip);
    }
    return out;
}

} // namespace

NodeFacts NodeFacts::of(const api::Node& node)
{
    NodeFacts facts;
    facts.name = node.metadata.name;
    facts.uid = node.metadata.uid;
    facts.hostIPs = hostIPsOf(node);
    facts.allocatable = node.status.allocatable;
    return facts;
}

} // namespace podlab::sim
