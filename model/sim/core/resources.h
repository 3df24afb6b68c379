#pragma once

#include "api/pod.h"

#include <cstdint>
#include <map>
#include <string>

namespace podlab::sim {

// Resource amounts as the scheduler and the kubelet add them up: milli-CPU, bytes, and counts.
struct ResourceAmounts {
    int64_t milliCpu = 0;
    int64_t memory = 0;
    int64_t ephemeralStorage = 0;
    std::map<std::string, int64_t> scalars; // hugepages-*, extended resources

    ResourceAmounts& operator+=(const ResourceAmounts& other);
    ResourceAmounts& operator-=(const ResourceAmounts& other);
    bool operator==(const ResourceAmounts&) const = default;
};

ResourceAmounts amountsOf(const api::ResourceList& list);

// What a pod asks for: the larger of the sum over app containers and sidecars and the largest init
// container (each init container runs alone), plus the pod overhead — Kubernetes' effective pod request.
ResourceAmounts podRequests(const api::PodSpec& spec);
ResourceAmounts podLimits(const api::PodSpec& spec);
// podRequests with the scheduler's defaults for containers that request no CPU or memory (for scoring).
ResourceAmounts podNonZeroRequests(const api::PodSpec& spec);

} // namespace podlab::sim
