// The kubelet's pod lifecycle: admission, the pod worker's sync (sandbox, init containers, app containers,
// restarts with back-off), termination, and the node heartbeat. Containers, probes and status are in
// kubeletcontainers.cpp, kubeletprobes.cpp and kubeletstatus.cpp.
#include "kubelet.h"
#include "podenvironment.h"

#include "sim/core/resources.h"
#include "sim/core/selectors.h"
#include "sim/status/podphase.h"

#include <algorithm>

namespace podlab::sim {

namespace {

constexpr const char* kComponent = "kubelet";

uint32_t podOf(uint64_t token) { return uint32_t(token >> 32); }
uint32_t lowOf(uint64_t token) { return uint32_t(token & 0xFFFFFFFFu); }

api::NodeCondition condition(std::string type, std::string status, std::string reason, std::string message,
                             api::Time now)
{
    return api::NodeCondition{std::move(type), std::move(status), now, now, std::move(reason), std::move(message)};
}

} // namespace

uint64_t Kubelet::uidKey(std::string_view uid) { return std::hash<std::string_view>()(uid); }

const PodState* Kubelet::podState(std::string_view uid) const
{
    const auto [first, last] = m_podsByUid.equal_range(uidKey(uid));
    for (auto it = first; it != last; ++it)
        if (const PodState& state = m_pods.at(it->second); state.uid() == uid)
            return &state;
    return nullptr;
}

PodState* Kubelet::findByUid(std::string_view uid)
{
    return const_cast<PodState*>(std::as_const(*this).podState(uid));
}

PodState* Kubelet::find(uint32_t id)
{
    const auto it = m_pods.find(id);
    return it == m_pods.end() ? nullptr : &it->second;
}

const api::Container& Kubelet::specOf(const PodState& state, const ContainerSlot& slot) const
{
    return slot.init ? state.pod->spec.initContainers[slot.specIndex] : state.pod->spec.containers[slot.specIndex];
}

void Kubelet::event(const PodState& state, const ContainerSlot* slot, std::string_view type, std::string_view reason,
                    std::string message, KubeletContext& ctx)
{
    if (!m_reporting)
        return; // a partitioned kubelet's events never reach the API server
    std::string fieldPath;
    if (slot)
        fieldPath = std::string(slot->init ? "spec.initContainers{" : "spec.containers{") + slot->name + "}";
    ctx.cluster.event(referenceTo(*state.pod, fieldPath), type, reason, std::move(message), kComponent, m_nodeName);
}

// --- changes from the API server ----------------------------------------------------------------------------

void Kubelet::onChange(const Change& change, KubeletContext& ctx)
{
    if (change.kind == Kind::Node) {
        const auto& node = std::get<Ptr<api::Node>>(change.object);
        if (node->metadata.name == m_nodeName && change.type == Change::Type::Added && !m_started)
            start(ctx);
        return;
    }
    if ((change.kind == Kind::ConfigMap || change.kind == Kind::Secret) && m_reporting) {
        // The kubelet's object cache (the Watch strategy) has the change after the configured delay; a pod
        // sees it at its next sync after that.
        const auto& meta = change.kind == Kind::ConfigMap ? std::get<Ptr<api::ConfigMap>>(change.object)->metadata
                                                          : std::get<Ptr<api::Secret>>(change.object)->metadata;
        objectChanged(change.kind, meta.namespace_, meta.name, ctx);
        return;
    }
    if (change.kind != Kind::Pod || !m_reporting)
        return;
    const Ptr<api::Pod>& pod = std::get<Ptr<api::Pod>>(change.object);
    if (pod->spec.nodeName != m_nodeName)
        return;
    PodState* state = findByUid(pod->metadata.uid);
    if (state)
        catchUp(*state, ctx);
    if (change.type == Change::Type::Deleted) {
        if (state)
            forget(*state, ctx);
        return;
    }
    if (!state)
        admit(pod, ctx);
    else
        podUpdated(*state, pod, ctx);
}

void Kubelet::admit(const Ptr<api::Pod>& pod, KubeletContext& ctx)
{
    if (isTerminalPhase(pod->status.phase))
        return;
    const auto node = ctx.cluster.store.get<api::Node>("", m_nodeName);
    if (!node)
        return;
    // Admission (pkg/kubelet/lifecycle/predicate.go): a pod the scheduler never saw (spec.nodeName set by
    // hand) may not fit. The kubelet rejects it: phase Failed, with the reason and message it gives.
    const ResourceAmounts requests = podRequests(pod->spec);
    ResourceAmounts used;
    int podCount = 0;
    for (const auto& [id, s] : m_pods) {
        if (s.terminal)
            continue;
        used += podRequests(s.pod->spec);
        ++podCount;
    }
    const ResourceAmounts allocatable = amountsOf(node->status.allocatable);
    std::string reason, message;
    const auto podsCapacity = node->status.allocatable.find("pods");
    if (podsCapacity != node->status.allocatable.end() && podCount + 1 > podsCapacity->second.value()) {
        reason = "OutOfpods";
        message = "Node didn't have enough resource: pods, requested: 1, used: " + std::to_string(podCount) +
                  ", capacity: " + std::to_string(podsCapacity->second.value());
    } else if (requests.milliCpu > 0 && used.milliCpu + requests.milliCpu > allocatable.milliCpu) {
        reason = "OutOfcpu";
        message = "Node didn't have enough resource: cpu, requested: " + std::to_string(requests.milliCpu) +
                  ", used: " + std::to_string(used.milliCpu) + ", capacity: " + std::to_string(allocatable.milliCpu);
    } else if (requests.memory > 0 && used.memory + requests.memory > allocatable.memory) {
        reason = "OutOfmemory";
        message = "Node didn't have enough resource: memory, requested: " + std::to_string(requests.memory) +
                  ", used: " + std::to_string(used.memory) + ", capacity: " + std::to_string(allocatable.memory);
    } else if (!matchesNodeAffinity(pod->spec, *node)) {
        reason = "NodeAffinity";
        message = "Predicate NodeAffinity failed";
    }
    if (!reason.empty()) {
        api::Pod rejected = *pod;
        rejected.status.phase = "Failed";
        rejected.status.reason = reason;
        rejected.status.message = "Pod was rejected: " + message;
        rejected.status.startTime = ctx.cluster.wallTime();
        if (m_reporting)
            ctx.cluster.store.put(std::move(rejected));
        ctx.cluster.event(referenceTo(*pod), "Warning", reason, message, kComponent, m_nodeName);
        return;
    }

    PodState state;
    state.id = m_nextPodId++;
    state.pod = pod;
    state.addedAt = ctx.now();
    state.startTime = pod->status.startTime ? *pod->status.startTime : ctx.cluster.wallTime();
    for (size_t i = 0; i < pod->spec.initContainers.size(); ++i) {
        ContainerSlot slot;
        slot.name = pod->spec.initContainers[i].name;
        slot.init = true;
        slot.sidecar = pod->spec.initContainers[i].isSidecar() && ctx.cluster.config.profile == VersionProfile::Modern;
        slot.specIndex = i;
        state.containerSlots.push_back(std::move(slot));
    }
    for (size_t i = 0; i < pod->spec.containers.size(); ++i) {
        ContainerSlot slot;
        slot.name = pod->spec.containers[i].name;
        slot.specIndex = i;
        state.containerSlots.push_back(std::move(slot));
    }
    // The volumes the pod worker will set up; an emptyDir lives as long as the pod.
    addVolumes(state);
    const uint32_t id = state.id;
    m_podsByUid.emplace(uidKey(state.uid()), id);
    PodState& stored = m_pods.emplace(id, std::move(state)).first->second;

    // One prober worker per probe; each starts ticking now, when the pod is added (not when its container
    // starts), and probes once per period from then on.
    for (size_t s = 0; s < stored.containerSlots.size(); ++s) {
        ContainerSlot& slot = stored.containerSlots[s];
        const api::Container& spec = specOf(stored, slot);
        const bool probesAllowed = !slot.init || slot.sidecar;
        slot.probes[size_t(ProbeKind::Liveness)].defined = probesAllowed && spec.livenessProbe.has_value();
        slot.probes[size_t(ProbeKind::Readiness)].defined = probesAllowed && spec.readinessProbe.has_value();
        slot.probes[size_t(ProbeKind::Startup)].defined = probesAllowed && spec.startupProbe.has_value();
        for (ProbeKind kind : {ProbeKind::Liveness, ProbeKind::Readiness, ProbeKind::Startup})
            if (slot.probes[size_t(kind)].defined)
                scheduleProbe(stored, s, kind, ctx.now(), ctx);
    }
    if (pod->spec.activeDeadlineSeconds) {
        const SimTime startedAt = stored.startTime.millis() - ctx.cluster.config.startEpochMillis;
        ctx.cluster.schedule(startedAt + seconds(*pod->spec.activeDeadlineSeconds), TimerKind::KubeletSync, m_index,
                             podToken(id, 0));
    }
    writeStatus(stored, ctx);
    requestSync(stored, ctx);
}

void Kubelet::podUpdated(PodState& state, const Ptr<api::Pod>& pod, KubeletContext& ctx)
{
    catchUp(state, ctx);
    const Ptr<api::Pod> before = state.pod;
    state.pod = pod;
    bool resync = false;
    if (pod->metadata.deletionTimestamp && !state.terminating) {
        state.terminating = true;
        resync = true;
    }
    // A container whose image changed is replaced ("definition changed"); other spec fields are immutable.
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        const std::string& was = slot.init ? before->spec.initContainers[slot.specIndex].image
                                           : before->spec.containers[slot.specIndex].image;
        const std::string& now = specOf(state, slot).image;
        if (was != now && slot.current && slot.current->running() && !slot.killRequested) {
            slot.killRequested = true;
            slot.killMessage = "Container " + slot.name + " definition changed, will be restarted";
            resync = true;
        }
    }
    // Labels and annotations reach downwardAPI volumes at the sync the update causes (only a volume that
    // projects them is written again: a label on any other pod costs nothing).
    const auto& volumes = pod->spec.volumes;
    if ((pod->metadata.labels != before->metadata.labels || pod->metadata.annotations != before->metadata.annotations) &&
        std::any_of(volumes.begin(), volumes.end(), [](const api::Volume& v) { return projectsMetadata(v); })) {
        state.volumesStaleAt = ctx.now();
        resync = true;
    }
    if (resync)
        requestSync(state, ctx);
}

void Kubelet::forget(PodState& state, KubeletContext& ctx)
{
    catchUp(state, ctx);
    // The API object is gone (force-deleted, or deleted by this kubelet once it stopped everything):
    // whatever still runs is killed at once, the sandbox and its IP released.
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (slot.current && slot.current->running()) {
            PodEnvironment env(*this, state, specOf(state, slot), ctx);
            slot.current->signal(shell::kSigKill, env);
        }
    }
    if (!state.podIP.empty()) {
        const size_t host = size_t(std::stoi(state.podIP.substr(state.podIP.rfind('.') + 1)));
        if (host < m_ipInUse.size())
            m_ipInUse[host] = 0;
        ctx.network.unregisterPodIP(state.podIP);
    }
    for (auto [it, last] = m_podsByUid.equal_range(uidKey(state.uid())); it != last; ++it)
        if (it->second == state.id) {
            m_podsByUid.erase(it);
            break;
        }
    m_pods.erase(state.id);
    m_images.unpacked().prune(); // the snapshots only this pod's containers used
}

// --- timers ------------------------------------------------------------------------------------------------------

void Kubelet::onTimer(const Timer& timer, KubeletContext& ctx)
{
    switch (TimerKind(timer.kind)) {
    case TimerKind::NodeHeartbeat:
        heartbeat(ctx);
        return;
    case TimerKind::KubeletSync:
        if (PodState* s = find(podOf(timer.token))) {
            const uint32_t low = lowOf(timer.token);
            if (low == 3) {
                // A planned resync for volume work: it catches the pod up only if it touches files.
                if (ctx.now() == s->volumeResyncAt) {
                    s->volumeResyncAt = INT64_MAX;
                    volumeResync(*s, ctx);
                }
                return;
            }
            catchUp(*s, ctx);
            if (low == 1) {
                if (ctx.now() != s->resyncAt)
                    return; // replaced by a later request
                s->resyncAt = INT64_MAX;
            } else if (low == 2) {
                s->syncPending = false;
            }
            checkActiveDeadline(*s, ctx);
            sync(*s, ctx);
        }
        return;
    case TimerKind::KubeletStep:
        if (PodState* s = find(podOf(timer.token))) {
            catchUp(*s, ctx);
            finishOp(*s, lowOf(timer.token), ctx);
        }
        return;
    case TimerKind::ProbeTick:
        if (PodState* s = find(podOf(timer.token)); s && probeTimerCurrent(*s, timer.token, ctx.now())) {
            catchUp(*s, ctx, false); // probeTick resumes them if its run may change what they promised
            const uint32_t low = lowOf(timer.token);
            probeTick(*s, size_t(low >> 2), ProbeKind(low & 3), ctx);
        }
        return;
    case TimerKind::ProcessWake:
        if (PodState* s = find(podOf(timer.token))) {
            catchUp(*s, ctx);
            wakeContainer(*s, size_t(lowOf(timer.token)), ctx);
        }
        return;
    default:
        return;
    }
}

void Kubelet::requestSync(PodState& state, KubeletContext& ctx, SimTime delay)
{
    if (delay == 0) {
        if (!state.syncPending) {
            state.syncPending = true;
            ctx.cluster.schedule(ctx.now(), TimerKind::KubeletSync, m_index, podToken(state.id, 2));
        }
        return;
    }
    state.resyncAt = ctx.now() + delay;
    ctx.cluster.schedule(state.resyncAt, TimerKind::KubeletSync, m_index, podToken(state.id, 1));
}

SimTime Kubelet::nextRelist(SimTime now) const
{
    // The PLEG relists every second, on the node's own beat.
    const SimTime since = (now - m_plegPhase) % 1000;
    return now + (since < 0 ? -since : 1000 - since);
}

void Kubelet::requeueAfterError(PodState& state, KubeletContext& ctx)
{
    if (state.updatePending)
        requestSync(state, ctx);
    requestSync(state, ctx, seconds(10) + SimTime(ctx.cluster.random.below(5001)));
}

void Kubelet::waitFor(ContainerSlot& slot, std::string reason, std::string message)
{
    slot.nextWaitingReason = std::move(reason);
    slot.nextWaitingMessage = std::move(message);
}

// --- the pod worker's sync --------------------------------------------------------------------------------------

void Kubelet::checkActiveDeadline(PodState& state, KubeletContext& ctx)
{
    const auto& deadline = state.pod->spec.activeDeadlineSeconds;
    if (!deadline || state.terminating || state.terminal || state.startTime.isNull())
        return;
    const SimTime started = state.startTime.millis() - ctx.cluster.config.startEpochMillis;
    if (ctx.now() < started + seconds(*deadline))
        return;
    // The kubelet kills the pod and fails it (pkg/kubelet/active_deadline.go).
    state.terminating = true;
    state.terminalReason = "DeadlineExceeded";
    state.terminalMessage = "Pod was active on the node longer than the specified deadline";
    event(state, nullptr, "Normal", "DeadlineExceeded", state.terminalMessage, ctx);
}

void Kubelet::sync(PodState& state, KubeletContext& ctx)
{
    if (state.terminal) {
        writeStatus(state, ctx);
        return;
    }
    if (state.op != PodState::Op::None) {
        state.updatePending = true; // the pod worker is busy; this sync waits for it
        return;
    }
    state.updatePending = false;
    // The status this sync reports carries the reasons the previous sync found.
    for (ContainerSlot& slot : state.containerSlots) {
        if (!slot.nextWaitingReason.empty()) {
            slot.waitingReason = std::move(slot.nextWaitingReason);
            slot.waitingMessage = std::move(slot.nextWaitingMessage);
            slot.nextWaitingReason.clear();
            slot.nextWaitingMessage.clear();
        }
    }
    if (state.terminating) {
        if (syncTermination(state, ctx))
            writeStatus(state, ctx);
        return;
    }
    state.lastSyncAt = ctx.now();
    ++state.syncs;
    if (!state.sandboxReady) {
        // The volumes first (WaitForAttachAndMount); the sandbox only once every one is mounted.
        if (!mountVolumes(state, ctx)) {
            writeStatus(state, ctx);
            return;
        }
        beginOp(state, PodState::Op::Sandbox, 0, ctx.cluster.config.sandboxCreationTime, ctx);
        writeStatus(state, ctx);
        return;
    }
    // Kills the pod worker owes: a failed liveness or startup probe, a failed postStart hook, a changed image.
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (slot.killRequested && slot.current && slot.current->running() && !slot.stopping) {
            const api::Container& spec = specOf(state, slot);
            int64_t grace = state.pod->spec.terminationGracePeriodSeconds.value_or(30);
            const api::Probe* failed = nullptr;
            if (slot.probes[size_t(ProbeKind::Liveness)].onHold && spec.livenessProbe)
                failed = &*spec.livenessProbe;
            else if (slot.probes[size_t(ProbeKind::Startup)].onHold && spec.startupProbe)
                failed = &*spec.startupProbe;
            if (failed && failed->terminationGracePeriodSeconds)
                grace = *failed->terminationGracePeriodSeconds;
            stopContainer(state, s, grace, slot.killMessage, ctx);
        }
    }
    refreshVolumes(state, ctx);
    if (syncInitContainers(state, ctx))
        syncAppContainers(state, ctx);
    writeStatus(state, ctx);
    planVolumeResync(state, ctx);
}

bool Kubelet::shouldRestart(const PodState& state, const ContainerSlot& slot) const
{
    if (!slot.current || slot.current->running())
        return false;
    if (slot.sidecar)
        return true; // sidecars always come back
    const std::string& policy = state.pod->spec.restartPolicy;
    const int code = slot.current->termination() ? slot.current->termination()->exitCode : 0;
    if (slot.init)
        return policy != "Never" && code != 0; // an init container that succeeded is never run again
    if (policy == "Always")
        return true;
    return policy == "OnFailure" && code != 0;
}

bool Kubelet::appContainersDone(const PodState& state) const
{
    bool any = false;
    for (const ContainerSlot& slot : state.containerSlots) {
        if (slot.init)
            continue;
        if (!slot.current || slot.current->running() || shouldRestart(state, slot))
            return false;
        any = true;
    }
    return any;
}

bool Kubelet::syncInitContainers(PodState& state, KubeletContext& ctx)
{
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (!slot.init)
            break;
        const runtime::Container* c = slot.current ? &*slot.current : nullptr;
        if (slot.sidecar) {
            if (appContainersDone(state))
                continue; // the pod is finishing: its sidecars are stopped, never started again
            const bool started = c && c->running() && !slot.postStartRunning &&
                                 (!slot.probes[size_t(ProbeKind::Startup)].defined ||
                                  slot.probes[size_t(ProbeKind::Startup)].cached == ProbeResult::Success);
            if (started)
                continue; // the next init container starts once this sidecar has started
            if (c && c->running())
                return false;
            tryStart(state, s, ctx);
            return false;
        }
        if (c && !c->running() && c->termination() && c->termination()->exitCode == 0)
            continue;
        if (c && c->running())
            return false;
        if (c && !c->running() && !shouldRestart(state, slot)) {
            // restartPolicy Never: the pod has failed for good.
            state.terminal = true;
            return false;
        }
        tryStart(state, s, ctx);
        return false;
    }
    return true;
}

void Kubelet::syncAppContainers(PodState& state, KubeletContext& ctx)
{
    bool anyRunningOrComing = false;
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (slot.init)
            continue;
        if (slot.current && slot.current->running()) {
            anyRunningOrComing = true;
            continue;
        }
        if (slot.current && !shouldRestart(state, slot))
            continue;
        anyRunningOrComing = true;
        if (tryStart(state, s, ctx) == StartDecision::Started)
            return; // containers start one after another; the operation's end continues the sync
    }
    if (!anyRunningOrComing) {
        // Every app container has finished for good: the kubelet stops the sidecars (last first) and the
        // pod is done.
        bool sidecarsRunning = false;
        for (size_t s = state.containerSlots.size(); s-- > 0;) {
            ContainerSlot& slot = state.containerSlots[s];
            if (slot.sidecar && slot.current && slot.current->running()) {
                sidecarsRunning = true;
                if (!slot.stopping)
                    stopContainer(state, s, state.pod->spec.terminationGracePeriodSeconds.value_or(30),
                                  "Stopping container " + slot.name, ctx);
                break;
            }
        }
        if (!sidecarsRunning)
            state.terminal = true;
    }
}

bool Kubelet::syncTermination(PodState& state, KubeletContext& ctx)
{
    // Graceful termination (deletion, eviction, active deadline): every running container gets its
    // preStop hook and stop signal at once; sidecars only after the app containers have stopped, in reverse
    // order; SIGKILL at the end of the grace period.
    const int64_t grace = state.pod->metadata.deletionGracePeriodSeconds.value_or(
        state.pod->spec.terminationGracePeriodSeconds.value_or(30));
    bool regularRunning = false;
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (slot.sidecar || !slot.current || !slot.current->running())
            continue;
        regularRunning = true;
        if (!slot.stopping)
            stopContainer(state, s, grace, "Stopping container " + slot.name, ctx);
    }
    bool sidecarRunning = false;
    if (!regularRunning) {
        for (size_t s = state.containerSlots.size(); s-- > 0;) {
            ContainerSlot& slot = state.containerSlots[s];
            if (!slot.sidecar || !slot.current || !slot.current->running())
                continue;
            sidecarRunning = true;
            if (!slot.stopping)
                stopContainer(state, s, grace, "Stopping container " + slot.name, ctx);
            break;
        }
    }
    if (regularRunning || sidecarRunning)
        return true;
    // Everything has stopped: the pod reaches its terminal phase, then the kubelet deletes the API object
    // it was asked to delete (with grace 0, the final step of graceful deletion).
    for (ContainerSlot& slot : state.containerSlots) {
        slot.waitingReason.clear();
        slot.waitingMessage.clear();
        slot.nextWaitingReason.clear();
        slot.nextWaitingMessage.clear();
    }
    state.terminal = true;
    writeStatus(state, ctx);
    if (state.pod->metadata.deletionTimestamp && m_reporting) {
        const std::string ns = state.namespace_(), name = state.name();
        ctx.cluster.store.erase<api::Pod>(ns, name); // our onChange(Deleted) forgets the pod
        return false;
    }
    return true;
}

// --- heartbeat ------------------------------------------------------------------------------------------------

void Kubelet::start(KubeletContext& ctx)
{
    m_started = true;
    m_plegPhase = SimTime(ctx.cluster.random.below(1000));
    heartbeat(ctx);
}

void Kubelet::setReporting(bool reporting, KubeletContext& ctx)
{
    if (m_reporting == reporting)
        return;
    m_reporting = reporting;
    if (!reporting)
        return;
    // Back online: catch up with the API server (pods added, changed or deleted meanwhile), report every
    // pod's status and renew the lease at once.
    std::vector<std::string> gone;
    for (const auto& [id, state] : m_pods) {
        const auto pod = ctx.cluster.store.get<api::Pod>(state.namespace_(), state.name());
        if (!pod || pod->metadata.uid != state.uid())
            gone.push_back(state.uid());
    }
    for (const std::string& uid : gone)
        if (PodState* s = findByUid(uid))
            forget(*s, ctx);
    for (const auto& [key, pod] : ctx.cluster.store.all<api::Pod>()) {
        if (pod->spec.nodeName != m_nodeName)
            continue;
        if (PodState* s = findByUid(pod->metadata.uid))
            podUpdated(*s, pod, ctx);
        else
            admit(pod, ctx);
    }
    for (auto& [id, state] : m_pods)
        requestSync(state, ctx);
    heartbeat(ctx);
}

void Kubelet::heartbeat(KubeletContext& ctx)
{
    const ClusterConfig& config = ctx.cluster.config;
    ctx.cluster.schedule(ctx.now() + config.nodeLeaseRenewInterval, TimerKind::NodeHeartbeat, m_index);
    if (!m_reporting)
        return;
    Store& store = ctx.cluster.store;
    const api::Time now = ctx.cluster.wallTime();
    // The lease in kube-node-lease (modern profile): renewed every 10 s; this is what the node lifecycle
    // controller watches.
    if (config.profile == VersionProfile::Modern) {
        api::Lease lease;
        if (const auto existing = store.get<api::Lease>("kube-node-lease", m_nodeName)) {
            lease = *existing;
        } else {
            lease.metadata.name = m_nodeName;
            lease.metadata.namespace_ = "kube-node-lease";
            lease.metadata.uid = ctx.cluster.random.uuid();
            lease.metadata.creationTimestamp = now;
            lease.metadata.ownerReferences.push_back({"v1", "Node", m_nodeName, "", std::nullopt, std::nullopt});
            if (const auto node = store.get<api::Node>("", m_nodeName))
                lease.metadata.ownerReferences.back().uid = node->metadata.uid;
            lease.spec.holderIdentity = m_nodeName;
            lease.spec.leaseDurationSeconds = 40;
        }
        lease.spec.renewTime = api::MicroTime{now};
        store.put(std::move(lease));
    }
    // The Node's status: conditions, and the images present. Written when something changed or when the
    // last report is older than nodeStatusReportFrequency (5 minutes; the classic profile reported every
    // 10 s, which was then the heartbeat).
    const auto current = store.get<api::Node>("", m_nodeName);
    if (!current)
        return;
    const api::NodeStatus& reported = current->status;
    const SimTime reportEvery = config.profile == VersionProfile::Modern ? seconds(300) : config.nodeStatusUpdateFrequency;
    std::vector<api::NodeCondition> wanted = {
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", now),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", now),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", now),
    };
    bool changed = false;
    for (api::NodeCondition& w : wanted) {
        const auto old = std::find_if(reported.conditions.begin(), reported.conditions.end(),
                                      [&](const auto& c) { return c.type == w.type; });
        if (old == reported.conditions.end() || old->status != w.status || old->reason != w.reason)
            changed = true;
        else
            w.lastTransitionTime = old->lastTransitionTime;
    }
    // The image list is worked out again only if an image came or the Node was written by someone else since
    // this kubelet's last report: most heartbeats (every 10 s on every node) change nothing.
    const bool imagesMayDiffer =
        m_images.changes() != m_imagesReported || current->metadata.resourceVersion != m_nodeVersionWritten;
    std::vector<api::ContainerImage> images;
    if (imagesMayDiffer) {
        for (const ImageManager::Entry& e : m_images.images())
            images.push_back({e.names, e.size});
        if (images != reported.images)
            changed = true;
    }
    if (!changed && ctx.now() - m_lastNodeStatusAt < reportEvery)
        return;
    if (!imagesMayDiffer)
        images = reported.images;
    if (!changed) {
        for (size_t i = 0; i < wanted.size(); ++i)
            wanted[i].lastTransitionTime = reported.conditions.size() == wanted.size()
                                               ? reported.conditions[i].lastTransitionTime
                                               : wanted[i].lastTransitionTime;
    }
    api::Node node = *current;
    // NetworkUnavailable is the CNI's; keep any condition the kubelet does not own.
    std::vector<api::NodeCondition> conditions;
    for (const api::NodeCondition& c : node.status.conditions)
        if (c.type != "MemoryPressure" && c.type != "DiskPressure" && c.type != "PIDPressure" && c.type != "Ready")
            conditions.push_back(c);
    conditions.insert(conditions.end(), wanted.begin(), wanted.end());
    node.status.conditions = std::move(conditions);
    node.status.images = std::move(images);
    m_lastNodeStatusAt = ctx.now();
    const auto written = store.put(std::move(node));
    m_imagesReported = m_images.changes();
    m_nodeVersionWritten = written ? written->metadata.resourceVersion : std::string();
}

} // namespace podlab::sim
