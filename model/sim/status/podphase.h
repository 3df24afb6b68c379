#pragma once

#include "api/pod.h"

#include <string>

namespace podlab::sim {

inline constexpr const char* kPodPending = "Pending";
inline constexpr const char* kPodRunning = "Running";
inline constexpr const char* kPodSucceeded = "Succeeded";
inline constexpr const char* kPodFailed = "Failed";

// Whether the kubelet has decided the pod is finished (or is tearing it down): its containers will not be
// restarted whatever the restart policy says, so stopped containers decide between Succeeded and Failed.
enum class PodTermination { Active, Terminal };

// Whether a regular container of the current sandbox has started (the kubelet's
// HasAnyActiveRegularContainerStarted). Once it has, restarting sidecars no longer put the pod back to
// Pending.
enum class PodInitialization { NotStarted, RegularContainerStarted };

// The phase the kubelet computes from the spec and the container statuses it has just built (getPhase in
// pkg/kubelet/kubelet_pods.go, with the ContainerRestartRules gates off). Statuses are matched by name; a
// container without one counts as unknown.
std::string podPhase(const api::PodSpec& spec, const api::PodStatus& status, PodTermination termination,
                     PodInitialization initialization);

// The three-way merge the kubelet applies after podPhase: a terminal phase, once reported by the kubelet
// itself (`cachedPhase`) or seen on the API object (`apiPhase`), is never left.
std::string stickyPhase(const std::string& computed, const std::string& cachedPhase,
                        const std::string& apiPhase);

inline bool isTerminalPhase(const std::string& phase)
{
    return phase == kPodSucceeded || phase == kPodFailed;
}

} // namespace podlab::sim
