#pragma once

#include "api/object.h"
#include "sim/cluster/context.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

// What the workload controllers share (pkg/controller/controller_utils.go, pkg/api/v1/pod): which pods count,
// which are ready and available, and who controls an object.

// A pod that is neither finished nor being deleted (controller.IsPodActive): the only kind a ReplicaSet counts.
bool isPodActive(const api::Pod& pod);
// The Ready condition is True (podutil.IsPodReady).
bool isPodReady(const api::Pod& pod);
// When the pod last became Ready, in wall milliseconds; nullopt when it is not ready.
std::optional<int64_t> podReadySince(const api::Pod& pod);
// Ready for more than minReadySeconds (podutil.IsPodAvailable). The API keeps times to the second, so the
// ready time counts from its whole second, as it would after a round trip through the API server.
bool isPodAvailable(const api::Pod& pod, int32_t minReadySeconds, api::Time now);
// When a ready pod that is not available yet becomes available (wall milliseconds), if it will.
std::optional<int64_t> podAvailableAt(const api::Pod& pod, int32_t minReadySeconds);

// The owner reference with controller: true, if any (metav1.GetControllerOf).
const api::OwnerReference* controllerOf(const api::ObjectMeta& meta);
// An owner reference naming `owner` as controller, blocking its deletion until this dependent is gone
// (metav1.NewControllerRef).
api::OwnerReference controllerRef(const api::ObjectMeta& owner, std::string_view apiVersion, std::string_view kind);
// The reference events use for a workload object.
api::ObjectReference referenceTo(const api::ObjectMeta& meta, std::string_view apiVersion, std::string_view kind);

// deploymentutil.EqualIgnoreHash: the templates are equal once the pod-template-hash label is set aside.
bool equalIgnoreHash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b);

// controller.ActivePodsWithRanks' order: true when `a` should be deleted before `b`. `rankA`/`rankB` count the
// active pods of the same owner on each pod's node (more colocated pods go first); `now` scales the ready
// and creation times logarithmically (LogarithmicScaleDown, on by default since 1.22).
bool deleteBefore(const api::Pod& a, int rankA, const api::Pod& b, int rankB, api::Time now);

} // namespace podlab::sim
