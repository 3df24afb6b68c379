#pragma once

#include "sim/cluster/context.h"

#include <climits>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace podlab::sim {

// A controller's work queue (client-go's workqueue, without threads): keys of objects to sync, each at most
// once however often it was added, taken in key order so runs are deterministic; and keys to add again later
// (AddAfter), kept as data with one timer per moment so the cluster stays a copyable value.
class WorkQueue {
public:
    struct Key {
        std::string namespace_;
        std::string name;
        auto operator<=>(const Key&) const = default;
    };

    // How long a controller takes to act on a change: the watch event's trip through the informer and the
    // queue. The scheduler and the kubelet act on the same change first, so a pod an RS adopts and deletes at
    // once has been bound and has begun to start, and shows Terminating as on a real cluster.
    static constexpr SimTime kReactionDelay = 5;

    // Queues `key` for a sync kReactionDelay from now (TimerKind::Controller, `target`); everything queued by
    // then is synced together.
    void add(Key key, uint32_t target, ClusterContext& ctx);
    bool empty() const { return m_dirty.empty(); }
    // Everything due by now, emptying the queue; the controller's timer calls this.
    std::vector<Key> take(SimTime now);

    // Adds `key` at `at` (sim time): a TimerKind::Controller timer with `target` fires then and the owner
    // calls promote(). A later request for the same key is kept only if it is earlier than the pending one.
    void addAt(Key key, SimTime at, uint32_t target, ClusterContext& ctx);
    bool operator==(const WorkQueue&) const = default;

private:
    std::set<Key> m_dirty;
    std::map<SimTime, std::set<Key>> m_later;
    std::map<Key, SimTime> m_pendingAt; // the earliest pending addAt of each key
    SimTime m_armedAt = INT64_MAX;      // when the timer for m_dirty runs
};

} // namespace podlab::sim
