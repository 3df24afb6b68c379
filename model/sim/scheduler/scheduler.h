#pragma once

#include "sim/cluster/context.h"
#include "sim/core/resources.h"

#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace podlab::sim {

// kube-scheduler: binds each pending pod (no spec.nodeName, schedulerName default-scheduler, no scheduling
// gates) to a node that passes the default filters, in their order — NodeUnschedulable, TaintToleration,
// NodeAffinity (nodeSelector and required affinity), NodePorts, NodeResourcesFit (requests, and the pod count
// against allocatable pods) — choosing among them by score (least allocated, balanced, preferred affinity,
// PreferNoSchedule taints, spreading pods of one owner). A pod that fits nowhere gets PodScheduled=False
// reason Unschedulable and a FailedScheduling event worded as the real FitError, and is retried when the
// cluster changes (or after five minutes), with the scheduler's back-off.
class Scheduler {
public:
    void onChange(const Change& change, ClusterContext& ctx);
    void onTimer(ClusterContext& ctx);

    // Why a pod is still pending, as the last FailedScheduling message said it ("" if none).
    std::string lastFailure(std::string_view namespace_, std::string_view name) const;

private:
    struct QueuedPod {
        std::string uid;
        int attempts = 0;
        SimTime readyAt = 0;
        bool unschedulable = false; // waiting for a cluster change
        SimTime unschedulableSince = 0;
        std::string lastMessage;
    };
    struct NodeEntry {
        Ptr<api::Node> node;
        ResourceAmounts allocatable;
        int64_t allocatablePods = 110;
        ResourceAmounts requested;
        ResourceAmounts nonZeroRequested;
        int pods = 0;
        std::multiset<std::pair<std::string, int32_t>> usedPorts;
        std::map<std::string, int> podsByOwner;
    };
    struct Verdict {
        std::vector<std::string> reasons; // empty: the node fits
        bool resolvableByPreemption = false;
    };

    void onPod(const Change& change, ClusterContext& ctx);
    void onNode(const Change& change, ClusterContext& ctx);
    void account(const api::Pod& pod);
    // Takes back what account() added for `pod` (its requests, node and host ports never change once bound).
    void unaccount(const api::Pod& pod);
    void moveAllToActive(ClusterContext& ctx);
    void rebuildWalk();
    void arm(ClusterContext& ctx);
    void scheduleOne(const Store::Key& key, QueuedPod& queued, ClusterContext& ctx);
    Verdict filter(const api::Pod& pod, const ResourceAmounts& requests,
                   const std::vector<std::pair<std::string, int32_t>>& hostPorts, const NodeEntry& node) const;
    int64_t score(const api::Pod& pod, const ResourceAmounts& nonZero, const NodeEntry& node,
                  const std::string& owner) const;
    void bind(const api::Pod& pod, const std::string& node, ClusterContext& ctx);
    void markUnschedulable(const api::Pod& pod, QueuedPod& queued, const std::string& message, ClusterContext& ctx);
    std::string fitError(size_t nodeCount, const std::vector<Verdict>& verdicts, ClusterContext& ctx) const;

    std::map<std::string, NodeEntry> m_nodes;
    std::vector<std::string> m_nodeOrder; // node names, sorted: the order filtering walks (from a moving start)
    std::vector<NodeEntry*> m_nodeWalk;   // the same nodes, for the walk (std::map keeps them in place)
    size_t m_nextStartIndex = 0;
    std::map<Store::Key, QueuedPod> m_queue;
    // Pods counted on their nodes: uid -> the controller uid they count under for spreading (as it was when
    // counted, so that they are taken back under it). Only that: the rest is in the pod, which keeps it.
    std::unordered_map<std::string, std::string> m_placed;
    SimTime m_armedAt = INT64_MAX;
};

// The NonZeroRequested the scheduler scores with: containers without CPU or memory requests count as 100m
// and 200Mi.

} // namespace podlab::sim
