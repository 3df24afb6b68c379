#pragma once

#include "sim/cluster/context.h"

#include <map>
#include <string>

namespace podlab::sim {

// The node lifecycle controller (pkg/controller/nodelifecycle) and, in the modern profile, the taint
// eviction controller. Every --node-monitor-period (5 s) it checks each node's last heartbeat (its Lease's
// renewTime, or the Ready condition's lastHeartbeatTime); past --node-monitor-grace-period it marks the
// kubelet's conditions Unknown, taints the node unreachable (NoSchedule and NoExecute) and marks its pods
// not Ready. Modern: a pod is evicted when its toleration of the NoExecute taint runs out (300 s by
// default). Classic (1.11–1.12): after --pod-eviction-timeout (5 minutes) every pod on the node is deleted
// and marked NodeLost. The taints go when the kubelet reports Ready again.
class NodeLifecycleController {
public:
    void onTimer(ClusterContext& ctx);
    void start(ClusterContext& ctx);

    bool operator==(const NodeLifecycleController&) const = default;

private:
    void markUnknown(const api::Node& node, ClusterContext& ctx);
    void markReachable(const api::Node& node, ClusterContext& ctx);
    void evictPods(const api::Node& node, ClusterContext& ctx);

    bool m_started = false;
    std::map<std::string, SimTime> m_unknownSince; // node -> when it went Unknown
};

} // namespace podlab::sim
