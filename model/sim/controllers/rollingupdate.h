#pragma once

#include "api/workloads.h"

#include <cstdint>
#include <optional>
#include <utility>

namespace podlab::sim {

// The arithmetic of a Deployment's rollout (pkg/controller/deployment/util), pure functions over numbers so
// that tests can table them.

// intstr.GetScaledValueFromIntOrPercent: an integer as it is; "25%" of `total`, rounded up or down. nullopt for
// a malformed percentage.
std::optional<int32_t> scaledValue(const api::IntOrString& value, int32_t total, bool roundUp);

// ResolveFenceposts: maxSurge rounded up, maxUnavailable rounded down, and never both zero (then
// maxUnavailable is 1, so a rollout can always progress).
struct Fenceposts {
    int32_t maxSurge = 0;
    int32_t maxUnavailable = 0;
    bool operator==(const Fenceposts&) const = default;
};
Fenceposts resolveFenceposts(const std::optional<api::IntOrString>& maxSurge,
                             const std::optional<api::IntOrString>& maxUnavailable, int32_t desired);
// The Deployment's own: zero for Recreate (MaxSurge, MaxUnavailable).
Fenceposts deploymentFenceposts(const api::Deployment& d);

// NewRSNewReplicas for RollingUpdate: how far the new ReplicaSet may grow now, given the replicas all the
// ReplicaSets ask for (`allReplicas`, new included) and what the new one asks for.
int32_t newReplicaSetReplicas(int32_t desired, int32_t maxSurge, int32_t allReplicas, int32_t newReplicas);

// reconcileOldReplicaSets' budget: how many old replicas may go now without falling below
// desired - maxUnavailable, counting the new ReplicaSet's unavailable ones as already missing.
int32_t maxScaledDown(int32_t desired, int32_t maxUnavailable, int32_t allReplicas, int32_t newReplicas,
                      int32_t newAvailable);

} // namespace podlab::sim
