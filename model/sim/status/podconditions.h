#pragma once

#include "api/pod.h"

#include <string>
#include <vector>

namespace podlab::sim {

// Condition types the kubelet owns; any other condition on the pod (a readiness gate's, DisruptionTarget) is
// someone else's and is carried over untouched.
inline constexpr const char* kPodReadyToStartContainers = "PodReadyToStartContainers";
inline constexpr const char* kPodInitialized = "Initialized";
inline constexpr const char* kPodReady = "Ready";
inline constexpr const char* kContainersReady = "ContainersReady";
inline constexpr const char* kPodScheduled = "PodScheduled";

bool isKubeletOwnedCondition(const std::string& type);

// Whether the pod's sandbox exists with its network configured (false before it is created or after it is
// lost).
enum class SandboxState { Missing, Ready };

// Each generator returns the condition without times: type, status, reason and message exactly as the kubelet
// words them (pkg/kubelet/status/generate.go). `status` must carry the phase and the container statuses the
// kubelet has just computed.
api::PodCondition readyToStartContainersCondition(SandboxState sandbox);
api::PodCondition initializedCondition(const api::PodSpec& spec, const api::PodStatus& status);
api::PodCondition containersReadyCondition(const api::PodSpec& spec, const api::PodStatus& status);
// `conditions` are those already decided in this round, where the readiness gates' conditions are looked up.
api::PodCondition readyCondition(const api::PodSpec& spec, const api::PodStatus& status,
                                 const std::vector<api::PodCondition>& conditions);

// The full condition list the kubelet writes, in its order: conditions it does not own (kept from
// `previous`), then PodReadyToStartContainers, Initialized, Ready, ContainersReady and PodScheduled (always
// True: the pod is on a node). A condition whose status is unchanged from `previous` keeps its
// lastTransitionTime; a new or changed one gets `now`. lastProbeTime stays null, as the kubelet leaves it.
std::vector<api::PodCondition> kubeletPodConditions(const api::PodSpec& spec, const api::PodStatus& status,
                                                    const std::vector<api::PodCondition>& previous,
                                                    SandboxState sandbox, api::Time now);

// Go's %s of a []string: "[a b]".
std::string goStringList(const std::vector<std::string>& items);

} // namespace podlab::sim
