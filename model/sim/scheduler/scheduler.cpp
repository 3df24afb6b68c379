#include "scheduler.h"

#include "sim/core/selectors.h"

#include <algorithm>
#include <climits>

namespace podlab::sim {

namespace {

constexpr const char* kComponent = "default-scheduler";
constexpr int64_t kDefaultMilliCpuRequest = 100;
constexpr int64_t kDefaultMemoryRequest = 200 * 1024 * 1024;
constexpr size_t kMinFeasibleNodesToFind = 100;

bool isTerminal(const api::Pod& pod) { return pod.status.phase == "Succeeded" || pod.status.phase == "Failed"; }

bool wantsScheduling(const api::Pod& pod)
{
    return pod.spec.nodeName.empty() && pod.spec.schedulerName == "default-scheduler" &&
           !pod.metadata.deletionTimestamp && !isTerminal(pod);
}

std::string controllerUid(const api::Pod& pod)
{
    for (const api::OwnerReference& ref : pod.metadata.ownerReferences)
        if (ref.controller.value_or(false))
            return ref.uid;
    return {};
}

std::vector<std::pair<std::string, int32_t>> hostPortsOf(const api::PodSpec& spec)
{
    std::vector<std::pair<std::string, int32_t>> out;
    auto collect = [&](const std::vector<api::Container>& list) {
        for (const api::Container& c : list)
            for (const api::ContainerPort& p : c.ports)
                if (p.hostPort > 0)
                    out.emplace_back(p.protocol.empty() ? "TCP" : p.protocol, p.hostPort);
    };
    collect(spec.initContainers);
    collect(spec.containers);
    return out;
}

void setCondition(api::PodStatus& status, api::PodCondition condition)
{
    for (api::PodCondition& c : status.conditions) {
        if (c.type == condition.type) {
            if (c.status == condition.status)
                condition.lastTransitionTime = c.lastTransitionTime;
            c = std::move(condition);
            return;
        }
    }
    status.conditions.push_back(std::move(condition));
}

} // namespace

void Scheduler::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::Pod)
        onPod(change, ctx);
    else if (change.kind == Kind::Node)
        onNode(change, ctx);
}

void Scheduler::account(const api::Pod& pod)
{
    if (m_placed.contains(pod.metadata.uid))
        return;
    std::string owner = controllerUid(pod);
    NodeEntry& n = m_nodes[pod.spec.nodeName];
    n.requested += podRequests(pod.spec);
    n.nonZeroRequested += podNonZeroRequests(pod.spec);
    ++n.pods;
    for (const auto& port : hostPortsOf(pod.spec))
        n.usedPorts.insert(port);
    if (!owner.empty())
        ++n.podsByOwner[owner];
    m_placed.emplace(pod.metadata.uid, std::move(owner));
}

void Scheduler::unaccount(const api::Pod& pod)
{
    const auto it = m_placed.find(pod.metadata.uid);
    if (it == m_placed.end())
        return;
    const std::string& owner = it->second;
    if (auto n = m_nodes.find(pod.spec.nodeName); n != m_nodes.end()) {
        NodeEntry& e = n->second;
        e.requested -= podRequests(pod.spec);
        e.nonZeroRequested -= podNonZeroRequests(pod.spec);
        --e.pods;
        for (const auto& port : hostPortsOf(pod.spec))
            if (auto pi = e.usedPorts.find(port); pi != e.usedPorts.end())
                e.usedPorts.erase(pi);
        if (!owner.empty() && --e.podsByOwner[owner] <= 0)
            e.podsByOwner.erase(owner);
    }
    m_placed.erase(it);
}

void Scheduler::onPod(const Change& change, ClusterContext& ctx)
{
    const auto& pod = *std::get<Ptr<api::Pod>>(change.object);
    const Store::Key key{pod.metadata.namespace_, pod.metadata.name};
    if (change.type == Change::Type::Deleted) {
        m_queue.erase(key);
        const bool freed = m_placed.contains(pod.metadata.uid);
        unaccount(pod);
        if (freed)
            moveAllToActive(ctx);
        return;
    }
    if (!pod.spec.nodeName.empty()) {
        m_queue.erase(key);
        if (isTerminal(pod)) {
            const bool freed = m_placed.contains(pod.metadata.uid);
            unaccount(pod);
            if (freed)
                moveAllToActive(ctx);
        } else {
            account(pod);
        }
        return;
    }
    if (!wantsScheduling(pod)) {
        m_queue.erase(key);
        return;
    }
    if (!pod.spec.schedulingGates.empty()) {
        // PreEnqueue keeps a gated pod out of the queue and says why on the pod.
        m_queue.erase(key);
        const auto scheduled = std::find_if(pod.status.conditions.begin(), pod.status.conditions.end(),
                                            [](const auto& c) { return c.type == "PodScheduled"; });
        if (scheduled == pod.status.conditions.end() || scheduled->reason != "SchedulingGated") {
            api::Pod updated = pod;
            setCondition(updated.status, {"PodScheduled", "False", {}, ctx.wallTime(), "SchedulingGated",
                                          "Scheduling is blocked due to non-empty scheduling gates"});
            if (updated.status.phase.empty())
                updated.status.phase = "Pending";
            ctx.store.put(std::move(updated));
        }
        return;
    }
    auto [it, added] = m_queue.try_emplace(key);
    if (added || it->second.uid != pod.metadata.uid) {
        it->second = QueuedPod{};
        it->second.uid = pod.metadata.uid;
        it->second.readyAt = ctx.now;
        // Due now: no need to look through the whole queue for the earliest (that is quadratic when many
        // pods are created at once).
        if (ctx.now < m_armedAt) {
            m_armedAt = ctx.now;
            ctx.schedule(ctx.now, TimerKind::SchedulerRun);
        }
    }
}

namespace {

// Whether a node update can make a pending pod fit where it did not (the scheduler's queueing hints for
// Node/Update): schedulable again, new or changed labels or taints, more allocatable, Ready again. Heartbeats
// and image lists change nothing a filter looks at.
bool mayHelpPendingPods(const api::Node* before, const api::Node& after)
{
    if (!before)
        return true;
    auto ready = [](const api::Node& n) {
        for (const api::NodeCondition& c : n.status.conditions)
            if (c.type == "Ready")
                return c.status == "True";
        return false;
    };
    return before->spec.unschedulable != after.spec.unschedulable || before->spec.taints != after.spec.taints ||
           before->metadata.labels != after.metadata.labels ||
           before->status.allocatable != after.status.allocatable || ready(*before) != ready(after);
}

} // namespace

void Scheduler::rebuildWalk()
{
    m_nodeWalk.clear();
    for (const std::string& name : m_nodeOrder)
        m_nodeWalk.push_back(&m_nodes.at(name));
}

void Scheduler::onNode(const Change& change, ClusterContext& ctx)
{
    const auto& node = std::get<Ptr<api::Node>>(change.object);
    const std::string& name = node->metadata.name;
    bool relevant = true;
    if (change.type == Change::Type::Deleted) {
        m_nodes.erase(name);
        std::erase(m_nodeOrder, name);
        rebuildWalk();
    } else {
        auto [it, added] = m_nodes.try_emplace(name);
        NodeEntry& e = it->second;
        relevant = mayHelpPendingPods(e.node.get(), *node);
        e.node = node;
        e.allocatable = amountsOf(node->status.allocatable);
        const auto pods = node->status.allocatable.find("pods");
        e.allocatablePods = pods == node->status.allocatable.end() ? 110 : pods->second.value();
        if (added || !std::binary_search(m_nodeOrder.begin(), m_nodeOrder.end(), name)) {
            m_nodeOrder.insert(std::lower_bound(m_nodeOrder.begin(), m_nodeOrder.end(), name), name);
            rebuildWalk();
        }
    }
    if (relevant && !m_queue.empty())
        moveAllToActive(ctx);
}

void Scheduler::moveAllToActive(ClusterContext& ctx)
{
    bool moved = false;
    for (auto& [key, q] : m_queue) {
        if (!q.unschedulable)
            continue;
        q.unschedulable = false;
        const SimTime backoff = std::min(ctx.config.schedulerMaxBackoff,
                                         ctx.config.schedulerInitialBackoff << std::min(q.attempts - 1, 10));
        q.readyAt = std::max(ctx.now, q.unschedulableSince + backoff);
        moved = true;
    }
    if (moved)
        arm(ctx);
}

void Scheduler::arm(ClusterContext& ctx)
{
    SimTime next = INT64_MAX;
    for (const auto& [key, q] : m_queue)
        next = std::min(next, q.unschedulable ? q.unschedulableSince + ctx.config.schedulerUnschedulableFlush
                                              : q.readyAt);
    if (next != INT64_MAX && next < m_armedAt) {
        m_armedAt = next;
        ctx.schedule(next, TimerKind::SchedulerRun);
    }
}

void Scheduler::onTimer(ClusterContext& ctx)
{
    if (ctx.now < m_armedAt)
        return; // a stale arming; the current one is still ahead
    m_armedAt = INT64_MAX;
    // Pods in order of when they became ready (then name), as the active queue pops them.
    std::vector<std::pair<SimTime, Store::Key>> due;
    for (auto& [key, q] : m_queue) {
        if (q.unschedulable && ctx.now >= q.unschedulableSince + ctx.config.schedulerUnschedulableFlush) {
            q.unschedulable = false;
            q.readyAt = ctx.now;
        }
        if (!q.unschedulable && q.readyAt <= ctx.now)
            due.emplace_back(q.readyAt, key);
    }
    std::sort(due.begin(), due.end());
    for (const auto& [readyAt, key] : due) {
        auto it = m_queue.find(key);
        if (it != m_queue.end())
            scheduleOne(key, it->second, ctx);
    }
    arm(ctx);
}

Scheduler::Verdict Scheduler::filter(const api::Pod& pod, const ResourceAmounts& requests,
                                     const std::vector<std::pair<std::string, int32_t>>& hostPorts,
                                     const NodeEntry& n) const
{
    Verdict v;
    const api::Node& node = *n.node;
    if (node.spec.unschedulable) {
        const api::Taint cordon{"node.kubernetes.io/unschedulable", "", "NoSchedule", std::nullopt};
        if (!tolerates(pod.spec.tolerations, cordon)) {
            v.reasons.push_back("node(s) were unschedulable");
            return v;
        }
    }
    if (auto taint = firstUntoleratedTaint(pod.spec.tolerations, node.spec.taints, {"NoSchedule", "NoExecute"})) {
        v.reasons.push_back("node(s) had untolerated taint {" + taint->key + ": " + taint->value + "}");
        return v;
    }
    if (!matchesNodeAffinity(pod.spec, node)) {
        v.reasons.push_back("node(s) didn't match Pod's node affinity/selector");
        return v;
    }
    for (const auto& port : hostPorts) {
        if (n.usedPorts.contains(port)) {
            v.reasons.push_back("node(s) didn't have free ports for the requested pod ports");
            v.resolvableByPreemption = true;
            return v;
        }
    }
    // A request bigger than the whole node can never fit there, whatever is evicted: unresolvable (1.34).
    bool unresolvable = false;
    auto insufficient = [&](int64_t request, int64_t used, int64_t allocatable, const std::string& name) {
        if (request > 0 && used + request > allocatable) {
            v.reasons.push_back("Insufficient " + name);
            unresolvable = unresolvable || request > allocatable;
        }
    };
    if (n.pods + 1 > n.allocatablePods)
        v.reasons.push_back("Too many pods");
    insufficient(requests.milliCpu, n.requested.milliCpu, n.allocatable.milliCpu, "cpu");
    insufficient(requests.memory, n.requested.memory, n.allocatable.memory, "memory");
    insufficient(requests.ephemeralStorage, n.requested.ephemeralStorage, n.allocatable.ephemeralStorage,
                 "ephemeral-storage");
    for (const auto& [name, amount] : requests.scalars) {
        const auto have = n.allocatable.scalars.find(name);
        const auto used = n.requested.scalars.find(name);
        insufficient(amount, used == n.requested.scalars.end() ? 0 : used->second,
                     have == n.allocatable.scalars.end() ? 0 : have->second, name);
    }
    v.resolvableByPreemption = !v.reasons.empty() && !unresolvable;
    return v;
}

int64_t Scheduler::score(const api::Pod& pod, const ResourceAmounts& nonZero, const NodeEntry& n,
                         const std::string& owner) const
{
    const double cpuAlloc = double(std::max<int64_t>(n.allocatable.milliCpu, 1));
    const double memAlloc = double(std::max<int64_t>(n.allocatable.memory, 1));
    const double cpuFrac = std::min(1.0, double(n.nonZeroRequested.milliCpu + nonZero.milliCpu) / cpuAlloc);
    const double memFrac = std::min(1.0, double(n.nonZeroRequested.memory + nonZero.memory) / memAlloc);
    const int64_t leastAllocated = int64_t(((1 - cpuFrac) * 100 + (1 - memFrac) * 100) / 2);
    const int64_t balanced = int64_t((1 - std::abs(cpuFrac - memFrac) / 2) * 100);
    int64_t preferred = 0;
    if (pod.spec.affinity && pod.spec.affinity->nodeAffinity)
        for (const auto& term : pod.spec.affinity->nodeAffinity->preferredDuringSchedulingIgnoredDuringExecution)
            if (matches(term.preference, *n.node))
                preferred += term.weight;
    int64_t preferNoSchedule = 0;
    for (const api::Taint& t : n.node->spec.taints)
        if (t.effect == "PreferNoSchedule" && !tolerates(pod.spec.tolerations, t))
            ++preferNoSchedule;
    int64_t sameOwner = 0;
    if (!owner.empty())
        if (auto it = n.podsByOwner.find(owner); it != n.podsByOwner.end())
            sameOwner = it->second;
    // Weights as the default profile sets them: fit 1, balanced 1, node affinity 2, taints 3, spreading 2.
    return leastAllocated + balanced + 2 * std::min<int64_t>(preferred, 100) - 3 * 10 * preferNoSchedule -
           2 * 10 * sameOwner;
}

void Scheduler::scheduleOne(const Store::Key& key, QueuedPod& queued, ClusterContext& ctx)
{
    const Ptr<api::Pod> podPtr = ctx.store.get<api::Pod>(key.namespace_, key.name);
    if (!podPtr || !wantsScheduling(*podPtr) || !podPtr->spec.schedulingGates.empty()) {
        m_queue.erase(key);
        return;
    }
    const api::Pod& pod = *podPtr;
    ++queued.attempts;
    const size_t total = m_nodeOrder.size();
    if (total == 0) {
        markUnschedulable(pod, queued, "no nodes available to schedule pods", ctx);
        return;
    }
    // Like kube-scheduler, stop looking once enough feasible nodes are found (all of them in small
    // clusters), starting where the previous pod stopped.
    size_t wanted = total;
    if (total >= kMinFeasibleNodesToFind) {
        const int64_t percentage = std::max<int64_t>(5, 50 - int64_t(total) / 125);
        wanted = std::max(kMinFeasibleNodesToFind, total * size_t(percentage) / 100);
    }
    const ResourceAmounts requests = podRequests(pod.spec);
    const ResourceAmounts nonZero = podNonZeroRequests(pod.spec);
    const auto hostPorts = hostPortsOf(pod.spec);
    const std::string owner = controllerUid(pod);
    std::vector<Verdict> verdicts;
    std::vector<const NodeEntry*> feasible;
    size_t processed = 0;
    for (; processed < total && feasible.size() < wanted; ++processed) {
        const NodeEntry& n = *m_nodeWalk[(m_nextStartIndex + processed) % total];
        Verdict v = filter(pod, requests, hostPorts, n);
        if (v.reasons.empty())
            feasible.push_back(&n);
        else
            verdicts.push_back(std::move(v));
    }
    m_nextStartIndex = (m_nextStartIndex + processed) % total;
    if (feasible.empty()) {
        markUnschedulable(pod, queued, fitError(total, verdicts, ctx), ctx);
        return;
    }
    // Highest score wins; ties go to a random one among them (reservoir sampling), as selectHost does.
    const NodeEntry* best = nullptr;
    int64_t bestScore = INT64_MIN;
    uint64_t ties = 0;
    for (const NodeEntry* n : feasible) {
        const int64_t s = score(pod, nonZero, *n, owner);
        if (s > bestScore) {
            best = n;
            bestScore = s;
            ties = 1;
        } else if (s == bestScore && ctx.random.below(++ties) == 0) {
            best = n;
        }
    }
    bind(pod, best->node->metadata.name, ctx);
    m_queue.erase(key);
}

void Scheduler::bind(const api::Pod& pod, const std::string& node, ClusterContext& ctx)
{
    api::Pod bound = pod;
    bound.spec.nodeName = node;
    setCondition(bound.status, {"PodScheduled", "True", {}, ctx.wallTime(), {}, {}});
    if (bound.status.phase.empty())
        bound.status.phase = "Pending";
    const Ptr<api::Pod> stored = ctx.store.put(std::move(bound));
    account(*stored);
    ctx.event(referenceTo(*stored), "Normal", "Scheduled",
              "Successfully assigned " + pod.metadata.namespace_ + "/" + pod.metadata.name + " to " + node, kComponent);
}

void Scheduler::markUnschedulable(const api::Pod& pod, QueuedPod& queued, const std::string& message,
                                  ClusterContext& ctx)
{
    queued.unschedulable = true;
    queued.unschedulableSince = ctx.now;
    queued.lastMessage = message;
    api::Pod updated = pod;
    if (updated.status.phase.empty())
        updated.status.phase = "Pending";
    setCondition(updated.status, {"PodScheduled", "False", {}, ctx.wallTime(), "Unschedulable", message});
    if (!(updated.status == pod.status))
        ctx.store.put(std::move(updated));
    ctx.event(referenceTo(pod), "Warning", "FailedScheduling", message, kComponent);
}

std::string Scheduler::fitError(size_t nodeCount, const std::vector<Verdict>& verdicts, ClusterContext&) const
{
    // "0/3 nodes are available: <reason histogram>. preemption: 0/3 nodes are available: <histogram>."
    auto histogram = [](const std::map<std::string, int>& counts) {
        std::vector<std::string> parts;
        for (const auto& [reason, count] : counts)
            parts.push_back(std::to_string(count) + " " + reason);
        std::sort(parts.begin(), parts.end()); // as plain strings: "10 …" sorts before "2 …"
        std::string joined;
        for (const std::string& p : parts)
            joined += (joined.empty() ? "" : ", ") + p;
        return joined;
    };
    std::map<std::string, int> reasons, preemption;
    for (const Verdict& v : verdicts) {
        for (const std::string& r : v.reasons)
            ++reasons[r];
        // All pods have priority 0, so preemption finds no victims where it could help at all.
        ++preemption[v.resolvableByPreemption ? "No preemption victims found for incoming pod"
                                               : "Preemption is not helpful for scheduling"];
    }
    const std::string n = std::to_string(nodeCount);
    return "0/" + n + " nodes are available: " + histogram(reasons) + ". preemption: 0/" + n +
           " nodes are available: " + histogram(preemption) + ".";
}

std::string Scheduler::lastFailure(std::string_view namespace_, std::string_view name) const
{
    const auto it = m_queue.find(Store::Key{std::string(namespace_), std::string(name)});
    return it == m_queue.end() ? std::string() : it->second.lastMessage;
}

} // namespace podlab::sim
