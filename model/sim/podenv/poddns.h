#pragma once

#include "outcome.h"

#include "api/pod.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// A pod's resolver configuration as the kubelet hands it to the runtime (pkg/kubelet/network/dns).
struct DnsConfig {
    std::vector<std::string> servers;
    std::vector<std::string> searches;
    std::vector<std::string> options; // "ndots:5", "edns0"
    bool operator==(const DnsConfig&) const = default;
};

// The kubelet's DNS flags and what it reads from its node.
struct DnsSettings {
    std::vector<std::string> clusterDns = {"10.96.0.10"}; // --cluster-dns; empty = not configured
    std::string clusterDomain = "cluster.local";          // --cluster-domain
    // The contents of the file named by --resolv-conf (the node's /etc/resolv.conf), or nullopt when the flag
    // is the empty string.
    std::optional<std::string> nodeResolvConf = std::string();
    std::vector<std::string> nodeIPs; // for the localhost fallback when there is no --resolv-conf
    // ExpandedDNSConfig limits (GA since 1.28); before that 6 paths and 256 characters.
    size_t maxSearchPaths = 32;
    size_t maxSearchListChars = 2048;
    size_t maxNameservers = 3;
};

// Who writes /etc/resolv.conf from the DnsConfig. containerd and CRI-O write `search`, then `nameserver`
// lines, then `options`; dockershim (Kubernetes before 1.24, and the docs' example output) wrote the
// nameservers first.
enum class ResolvConfLayout { Containerd, Dockershim };

struct DnsResult {
    DnsConfig config;
    std::vector<KubeletWarning> podWarnings;  // DNSConfigForming, MissingClusterDNS
    std::vector<KubeletWarning> nodeWarnings; // MissingClusterDNS, recorded on the Node
};

class PodDns {
public:
    // GetPodDNS. dnsPolicy: ClusterFirst (the cluster DNS, `<ns>.svc.<domain> svc.<domain> <domain>` then the
    // node's search domains, `ndots:5`; falls back to Default for hostNetwork pods), ClusterFirstWithHostNet
    // (ClusterFirst even on the host network), Default (the node's resolv.conf), None (nothing but
    // dnsConfig). dnsConfig is then merged in: nameservers and searches appended without duplicates, options
    // merged by name with the pod's value winning. Finally the resolver's limits are applied.
    static DnsResult podDns(const api::Pod& pod, const DnsSettings& settings);

    // Reads a resolv.conf as the kubelet does: nameserver lines accumulate, the last search and options lines
    // win.
    static DnsConfig parseResolvConf(std::string_view text);

    // The file the runtime writes into the container.
    static std::string resolvConf(const DnsConfig& config,
                                  ResolvConfLayout layout = ResolvConfLayout::Containerd);
};

} // namespace podlab::sim
