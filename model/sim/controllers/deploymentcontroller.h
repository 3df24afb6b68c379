#pragma once

#include "workqueue.h"

#include "sim/cluster/context.h"

#include <map>
#include <set>
#include <string>

namespace podlab::sim {

struct Change;

// The Deployment controller (pkg/controller/deployment). A Deployment owns ReplicaSets named
// `<deployment>-<pod-template-hash>`; the one whose template equals the Deployment's is the new one, the
// rest are old. RollingUpdate grows the new ReplicaSet while the total stays within replicas + maxSurge and
// shrinks the old ones while the available pods stay above replicas - maxUnavailable; so a rollout advances
// only as new pods become available (ready for minReadySeconds), and a failing readiness probe stalls it.
// Recreate scales every old ReplicaSet to zero, waits for their pods to be gone, then scales up the new one.
// A change of `replicas` alone is a scaling event: the active ReplicaSets are resized in proportion, with
// no new revision. Revisions are the ReplicaSets' `deployment.kubernetes.io/revision` annotations; old
// ReplicaSets beyond revisionHistoryLimit are deleted once scaled to zero. Status carries the Available and
// Progressing conditions with Kubernetes' reasons, Progressing turning False (ProgressDeadlineExceeded) when
// nothing advanced for progressDeadlineSeconds. Events: ScalingReplicaSet, as the controller words them.
class DeploymentController {
public:
    static constexpr uint32_t kTimerTarget = 3; // TimerKind::Controller target
    static constexpr const char* kComponent = "deployment-controller";

    void onChange(const Change& change, ClusterContext& ctx);
    void onTimer(ClusterContext& ctx);

    bool operator==(const DeploymentController&) const = default;

private:
    using Key = WorkQueue::Key;
    void sync(const Key& key, ClusterContext& ctx);
    void queue(Key key, ClusterContext& ctx) { m_queue.add(std::move(key), kTimerTarget, ctx); }

    WorkQueue m_queue;
    std::map<std::string, std::set<std::string>> m_setsByOwner; // Deployment uid -> its ReplicaSets' names (may be stale)
    std::map<Key, std::set<std::string>> m_orphans;             // Deployment -> ReplicaSets nobody owns it may adopt
    std::set<Key> m_scanNamespace;                              // new Deployments: look for orphans once
};

} // namespace podlab::sim
