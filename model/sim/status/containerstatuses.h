#pragma once

#include "api/pod.h"

#include <string_view>

namespace podlab::sim {

// The status reported for the container called `name`, looked up in the init container statuses first and
// then in the regular ones (names are unique across both), or nullptr when the kubelet has none for it.
const api::ContainerStatus* findContainerStatus(const api::PodStatus& status, std::string_view name);

// Whether the container's previous instance has terminated: a waiting container with such a record is
// restarting (crash loop), one without it has never run.
inline bool hasPreviousTermination(const api::ContainerStatus& s)
{
    return s.lastState.terminated.has_value();
}

// True when any regular container (not an init container) is running or has terminated: from then on the pod
// counts as initialized even while its sidecars restart (kubecontainer.HasAnyRegularContainerStarted).
bool hasAnyRegularContainerStarted(const api::PodSpec& spec, const api::PodStatus& status);

// The waiting reason the kubelet reports for a container the runtime does not know yet: PodInitializing in a
// pod with init containers, ContainerCreating otherwise.
const char* defaultWaitingReason(const api::PodSpec& spec);

} // namespace podlab::sim
