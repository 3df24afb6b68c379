#pragma once

#include "sim/shell/shellhost.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::sim {

// The cluster's address book: which kubelet runs the pod behind each pod IP, and the outside hosts a pod
// may reach. Routing a request also needs the kubelets; Cluster does that with this table.
class ClusterNetwork {
public:
    struct PodEndpoint {
        uint32_t kubelet = 0;
        std::string uid;
        bool operator==(const PodEndpoint&) const = default;
    };
    struct OutsideHost {
        std::string ip;
        std::map<std::string, std::string> pages; // path -> body
        bool operator==(const OutsideHost&) const = default;
    };

    ClusterNetwork();

    void registerPod(const std::string& ip, uint32_t kubelet, const std::string& uid) { m_pods[ip] = {kubelet, uid}; }
    void unregisterPod(const std::string& ip) { m_pods.erase(ip); }
    std::optional<PodEndpoint> pod(std::string_view ip) const;

    // An outside host by name or address, if the stubbed internet has it.
    const OutsideHost* outside(std::string_view hostOrIp) const;

    // "http://10.244.1.5:8080/healthz?x=1" -> host, port, path (with query); "localhost" -> port 80, "/".
    struct Url {
        std::string scheme = "http";
        std::string host;
        int port = 80;
        std::string path = "/";
    };
    static Url parseUrl(std::string_view url);

    bool operator==(const ClusterNetwork&) const = default;

private:
    std::map<std::string, PodEndpoint, std::less<>> m_pods;
    std::map<std::string, OutsideHost, std::less<>> m_outside; // by name and by IP
};

} // namespace podlab::sim
