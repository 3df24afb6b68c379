#pragma once

#include "outcome.h"

#include "api/pod.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// A pod's host name and its /etc/hosts, as the kubelet makes them (GeneratePodHostNameAndDomain,
// GetNodenameForKernel, managedHostsFileContent).
class PodHosts {
public:
    static constexpr uint32_t kHostsFileMode = 0644;
    static constexpr const char* kMountName = "k8s-managed-etc-hosts";

    struct Identity {
        std::string hostname; // spec.hostname or the pod name, cut to 63 characters without a trailing - or .
        std::string domain;   // "<subdomain>.<namespace>.svc.<clusterDomain>", or empty without a subdomain
        bool operator==(const Identity&) const = default;
    };
    static Outcome<Identity> identity(const api::Pod& pod, std::string_view clusterDomain = "cluster.local");

    // What `hostname` prints in the container: the short name, or with setHostnameAsFQDN (and a domain)
    // "<hostname>.<domain>", which must fit the kernel's 64 characters.
    static Outcome<std::string> kernelHostname(const Identity& id, const api::Pod& pod);

    // The hosts file of a pod on the pod network: header, the localhost and IPv6 lines, one line per pod IP
    // (`<ip>\t<hostname>`, or `<ip>\t<hostname>.<domain>\t<hostname>`), then the HostAliases block.
    static std::string managedHostsFile(const std::vector<std::string>& podIPs, const Identity& id,
                                        const std::vector<api::HostAlias>& hostAliases);
    // The hosts file of a hostNetwork pod: its own header, the node's /etc/hosts as it is, the HostAliases
    // block.
    static std::string hostNetworkHostsFile(std::string_view nodeHostsFile,
                                            const std::vector<api::HostAlias>& hostAliases);
    // Whichever of the two applies to `pod`, with its IPs taken from the pod's status.
    static std::string hostsFile(const api::Pod& pod, const Identity& id,
                                 std::string_view nodeHostsFile = {});

    // Whether the kubelet bind-mounts its hosts file at /etc/hosts in this container: only once the pod has
    // an IP, and not over a volume the container mounts there itself.
    static bool mountsHostsFile(const api::Pod& pod, const api::Container& container);
};

} // namespace podlab::sim
