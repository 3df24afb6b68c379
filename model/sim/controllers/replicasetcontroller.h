#pragma once

#include "workqueue.h"

#include "sim/cluster/context.h"

#include <map>
#include <set>
#include <string>

namespace podlab::sim {

struct Change;

// The ReplicaSet controller (pkg/controller/replicaset): keeps `spec.replicas` active pods matching the
// selector. It adopts matching pods nobody controls, releases its pods whose labels stop matching, creates
// pods `<name>-<5 random characters>` from the template (with a controller owner reference) and deletes the
// surplus, the least useful first (controller.ActivePods' order). Pods being deleted or finished do not
// count, so a deleted or evicted pod is replaced at once. It reports replicas, fullyLabeledReplicas,
// readyReplicas, availableReplicas (ready for minReadySeconds) and observedGeneration.
//
// It works from store changes: a pod's change queues its owner (or, for a pod nobody owns, the ReplicaSets
// whose selector matches it), and it remembers each ReplicaSet's pods, so a sync looks at those pods only.
// A new ReplicaSet looks once through its namespace's pods for orphans to adopt.
class ReplicaSetController {
public:
    static constexpr uint32_t kTimerTarget = 2; // TimerKind::Controller target
    static constexpr const char* kComponent = "replicaset-controller";
    // The most pods one sync creates or deletes (--replicaset-burst, controller's burstReplicas).
    static constexpr int32_t kBurstReplicas = 500;

    void onChange(const Change& change, ClusterContext& ctx);
    void onTimer(ClusterContext& ctx);

    bool operator==(const ReplicaSetController&) const = default;

private:
    using Key = WorkQueue::Key;
    void sync(const Key& key, ClusterContext& ctx);
    void queue(Key key, ClusterContext& ctx) { m_queue.add(std::move(key), kTimerTarget, ctx); }

    WorkQueue m_queue;
    std::map<std::string, std::set<std::string>> m_podsByOwner; // ReplicaSet uid -> its pods' names (may be stale)
    std::map<Key, std::set<std::string>> m_orphans;             // ReplicaSet -> pods nobody owns that it may adopt
    std::set<Key> m_scanNamespace;                              // new ReplicaSets: look for orphans once
};

} // namespace podlab::sim
