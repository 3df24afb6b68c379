#include "nodelifecyclecontroller.h"

#include "sim/core/selectors.h"

#include <algorithm>

namespace podlab::sim {

namespace {

constexpr const char* kNodeController = "node-controller";
constexpr const char* kTaintEviction = "taint-eviction-controller";
constexpr const char* kUnreachable = "node.kubernetes.io/unreachable";

api::Time lastHeartbeat(const api::Node& node, const ClusterContext& ctx)
{
    api::Time last = node.metadata.creationTimestamp;
    for (const api::NodeCondition& c : node.status.conditions)
        if (c.type == "Ready" && c.lastHeartbeatTime > last)
            last = c.lastHeartbeatTime;
    if (ctx.config.profile == VersionProfile::Modern)
        if (const auto lease = ctx.store.get<api::Lease>("kube-node-lease", node.metadata.name))
            if (lease->spec.renewTime && lease->spec.renewTime->time > last)
                last = lease->spec.renewTime->time;
    return last;
}

bool isReadyUnknown(const api::Node& node)
{
    return std::any_of(node.status.conditions.begin(), node.status.conditions.end(),
                       [](const auto& c) { return c.type == "Ready" && c.status == "Unknown"; });
}

void setPodCondition(api::Pod& pod, const std::string& type, const std::string& status, const std::string& reason,
                     const std::string& message, api::Time now)
{
    for (api::PodCondition& c : pod.status.conditions) {
        if (c.type != type)
            continue;
        if (c.status != status)
            c.lastTransitionTime = now;
        c.status = status;
        c.reason = reason;
        c.message = message;
        return;
    }
    pod.status.conditions.push_back({type, status, {}, now, reason, message});
}

} // namespace

void NodeLifecycleController::start(ClusterContext& ctx)
{
    if (m_started)
        return;
    m_started = true;
    ctx.schedule(ctx.now + ctx.config.nodeMonitorPeriod, TimerKind::NodeMonitor);
}

void NodeLifecycleController::onTimer(ClusterContext& ctx)
{
    ctx.schedule(ctx.now + ctx.config.nodeMonitorPeriod, TimerKind::NodeMonitor);
    const api::Time now = ctx.wallTime();
    std::vector<Ptr<api::Node>> nodes;
    for (const auto& [key, node] : ctx.store.all<api::Node>())
        nodes.push_back(node);
    for (const Ptr<api::Node>& node : nodes) {
        const bool stale = now.millis() - lastHeartbeat(*node, ctx).millis() > ctx.config.nodeMonitorGracePeriod;
        if (stale && !isReadyUnknown(*node)) {
            markUnknown(*node, ctx);
            m_unknownSince[node->metadata.name] = ctx.now;
        } else if (!stale && m_unknownSince.contains(node->metadata.name)) {
            markReachable(*node, ctx);
            m_unknownSince.erase(node->metadata.name);
        }
        if (stale)
            evictPods(*ctx.store.get<api::Node>("", node->metadata.name), ctx);
    }
}

void NodeLifecycleController::markUnknown(const api::Node& original, ClusterContext& ctx)
{
    const api::Time now = ctx.wallTime();
    api::Node node = original;
    const bool neverPosted = node.status.conditions.empty();
    for (const char* type : {"MemoryPressure", "DiskPressure", "PIDPressure", "Ready"}) {
        auto it = std::find_if(node.status.conditions.begin(), node.status.conditions.end(),
                               [&](const auto& c) { return c.type == type; });
        if (it == node.status.conditions.end()) {
            node.status.conditions.push_back({type, "Unknown", {}, now, {}, {}});
            it = std::prev(node.status.conditions.end());
        }
        it->status = "Unknown";
        it->lastTransitionTime = now;
        it->reason = neverPosted ? "NodeStatusNeverUpdated" : "NodeStatusUnknown";
        it->message = neverPosted ? "Kubelet never posted node status." : "Kubelet stopped posting node status.";
    }
    if (ctx.config.profile == VersionProfile::Modern) {
        for (const char* effect : {"NoSchedule", "NoExecute"}) {
            const bool present = std::any_of(node.spec.taints.begin(), node.spec.taints.end(),
                                             [&](const auto& t) { return t.key == kUnreachable && t.effect == effect; });
            if (!present)
                node.spec.taints.push_back({kUnreachable, "", effect, std::string(effect) == "NoExecute"
                                                                          ? std::optional<api::Time>(now)
                                                                          : std::nullopt});
        }
    }
    ctx.store.put(node);
    ctx.event(referenceTo(node), "Normal", "NodeNotReady", "Node " + node.metadata.name + " status is now: NodeNotReady",
              kNodeController);
    // MarkPodsNotReady: the pods keep their phase but are no longer Ready, so Services stop sending them traffic.
    std::vector<Ptr<api::Pod>> pods;
    for (const auto& [key, pod] : ctx.store.all<api::Pod>())
        if (pod->spec.nodeName == node.metadata.name)
            pods.push_back(pod);
    for (const Ptr<api::Pod>& p : pods) {
        api::Pod pod = *p;
        setPodCondition(pod, "Ready", "False", "", "", now);
        if (!(pod.status == p->status))
            ctx.store.put(std::move(pod));
        ctx.event(referenceTo(*p), "Warning", "NodeNotReady", "Node is not ready", kNodeController);
    }
}

void NodeLifecycleController::markReachable(const api::Node& original, ClusterContext& ctx)
{
    api::Node node = original;
    std::erase_if(node.spec.taints, [](const api::Taint& t) { return t.key == kUnreachable; });
    if (!(node == original))
        ctx.store.put(std::move(node));
}

void NodeLifecycleController::evictPods(const api::Node& node, ClusterContext& ctx)
{
    const api::Time now = ctx.wallTime();
    std::vector<Ptr<api::Pod>> pods;
    for (const auto& [key, pod] : ctx.store.all<api::Pod>())
        if (pod->spec.nodeName == node.metadata.name && !pod->metadata.deletionTimestamp)
            pods.push_back(pod);
    if (ctx.config.profile == VersionProfile::Classic) {
        const auto since = m_unknownSince.find(node.metadata.name);
        if (since == m_unknownSince.end() || ctx.now < since->second + ctx.config.podEvictionTimeout)
            return;
        for (const Ptr<api::Pod>& p : pods) {
            // The 1.11 node controller deleted the pods and marked them NodeLost (SetPodTerminationReason),
            // so kubectl shows STATUS Unknown while the dead kubelet cannot finish them.
            api::Pod pod = *p;
            pod.status.reason = "NodeLost";
            pod.status.message = "Node " + node.metadata.name + " which was running pod " + pod.metadata.name +
                                 " is unresponsive";
            const int64_t grace = pod.spec.terminationGracePeriodSeconds.value_or(30);
            pod.metadata.deletionTimestamp = api::Time::fromMillis(now.millis() + grace * 1000);
            pod.metadata.deletionGracePeriodSeconds = grace;
            ctx.store.put(std::move(pod));
            ctx.event(referenceTo(*p), "Normal", "NodeControllerEviction",
                      "Marking for deletion Pod " + p->metadata.namespace_ + "/" + p->metadata.name + " from Node " +
                          node.metadata.name,
                      kNodeController);
        }
        return;
    }
    // Taint-based eviction: each pod goes when its toleration of the NoExecute taint runs out.
    for (const api::Taint& taint : node.spec.taints) {
        if (taint.effect != "NoExecute" || !taint.timeAdded)
            continue;
        for (const Ptr<api::Pod>& p : pods) {
            if (p->metadata.deletionTimestamp)
                continue;
            std::optional<int64_t> seconds;
            bool tolerated = false;
            for (const api::Toleration& t : p->spec.tolerations) {
                if (!tolerates(t, taint))
                    continue;
                tolerated = true;
                if (!t.tolerationSeconds) {
                    seconds.reset(); // tolerates for ever (DaemonSet pods)
                    break;
                }
                seconds = seconds ? std::min(*seconds, *t.tolerationSeconds) : *t.tolerationSeconds;
            }
            if (tolerated && !seconds)
                continue;
            const int64_t after = tolerated ? *seconds * 1000 : 0;
            if (now.millis() < taint.timeAdded->millis() + after)
                continue;
            api::Pod pod = *p;
            setPodCondition(pod, "DisruptionTarget", "True", "DeletionByTaintManager",
                            "Taint manager: deleting due to NoExecute taint", now);
            const int64_t grace = pod.spec.terminationGracePeriodSeconds.value_or(30);
            pod.metadata.deletionTimestamp = api::Time::fromMillis(now.millis() + grace * 1000);
            pod.metadata.deletionGracePeriodSeconds = grace;
            ctx.store.put(std::move(pod));
            ctx.event(referenceTo(*p), "Normal", "TaintManagerEviction",
                      "Marking for deletion Pod " + p->metadata.namespace_ + "/" + p->metadata.name, kTaintEviction);
        }
    }
}

} // namespace podlab::sim
