#pragma once

#include "outcome.h"

#include "api/pod.h"

#include <string>
#include <string_view>

namespace podlab::sim {

// resourceFieldRef values (pkg/api/v1/resource): a container's request or limit in whole units of the
// divisor, always rounded up: cpu as ceil(milli-cpu / divisor's milli-cpu), so 250m with the default divisor
// 1 is "1"; memory, ephemeral-storage and hugepages as ceil(bytes / divisor's bytes).
class ResourceFields {
public:
    // ExtractContainerResourceValue: limits.cpu, limits.memory, limits.ephemeral-storage, the requests.*
    // counterparts and {limits,requests}.hugepages-<size>. A resource the container does not set counts as 0.
    static Outcome<std::string> containerValue(const api::ResourceFieldSelector& selector,
                                               const api::Container& container);

    // The container named `containerName` among the pod's app and init containers (`container x not found`
    // otherwise). With `allocatable`, a missing or zero cpu, memory or ephemeral-storage limit is replaced by
    // the node's allocatable amount first, as downwardAPI volumes do.
    static Outcome<std::string> valueByContainerName(const api::ResourceFieldSelector& selector,
                                                     const api::Pod& pod, std::string_view containerName,
                                                     const api::ResourceList* allocatable = nullptr);

    // MergeContainerResourceLimits. Hugepages are never defaulted: they cannot be overcommitted, so a
    // container using them always has a limit.
    static void mergeLimits(api::Container& container, const api::ResourceList& allocatable);
};

} // namespace podlab::sim
