#pragma once

#include "api/node.h"

#include <string>
#include <vector>

namespace podlab::sim {

// What a kubelet knows about its own node when it fills in a pod's environment and volumes.
struct NodeFacts {
    std::string name;
    std::string uid;
    // The node's IPs as the kubelet reports them in status.hostIPs: the first InternalIP (ExternalIP when
    // there is none), then the first address of the other IP family, if any.
    std::vector<std::string> hostIPs;
    // Exposed through resourceFieldRef when a container sets no cpu, memory or ephemeral-storage limit.
    api::ResourceList allocatable;

    static NodeFacts of(const api::Node& node);
};

} // namespace podlab::sim
