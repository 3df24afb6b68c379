// The pod status the kubelet reports: container states from its containers, then the phase and conditions
// by the kubelet's own rules (model/sim/status), written only when it changed.
#include "kubelet.h"

#include "sim/status/containerstatuses.h"
#include "sim/status/podconditions.h"
#include "sim/status/podphase.h"
#include "sim/status/qosclass.h"

namespace podlab::sim {

namespace {

api::ContainerStateTerminated terminatedOf(const runtime::Container& c, const ClusterContext& ctx)
{
    api::ContainerStateTerminated t;
    const runtime::Termination& term = *c.termination();
    t.exitCode = term.exitCode;
    t.signal = 0; // containerd reports the exit code (128+n), not the signal
    t.reason = term.reason;
    t.message = term.message;
    t.startedAt = c.startedAt() >= 0 ? ctx.wallTime(c.startedAt()) : api::Time();
    t.finishedAt = ctx.wallTime(term.finishedAt);
    t.containerID = "containerd://" + c.id();
    return t;
}

} // namespace

api::PodStatus Kubelet::buildStatus(const PodState& state, KubeletContext& ctx) const
{
    const api::Pod& pod = *state.pod;
    const ClusterContext& cctx = ctx.cluster;
    api::PodStatus s;
    if (const auto node = cctx.store.get<api::Node>("", m_nodeName)) {
        for (const api::NodeAddress& a : node->status.addresses)
            if (a.type == "InternalIP") {
                s.hostIP = a.address;
                s.hostIPs = {{a.address}};
                break;
            }
    }
    if (state.sandboxReady && !state.podIP.empty()) {
        s.podIP = state.podIP;
        s.podIPs = {{state.podIP}};
    }
    if (!state.startTime.isNull())
        s.startTime = state.startTime;
    s.qosClass = podQosClass(pod.spec);
    const std::string defaultReason = defaultWaitingReason(pod.spec);

    for (const ContainerSlot& slot : state.containerSlots) {
        const api::Container& spec = specOf(state, slot);
        api::ContainerStatus cs;
        cs.name = slot.name;
        cs.restartCount = slot.restartCount;
        // An instance whose postStart hook failed is killed inside the sync that started it: no status is
        // written meanwhile, so the pod still shows the container as it was before that start.
        const bool unstarted = slot.postStartFailed && slot.current && slot.current->running();
        if (unstarted && cs.restartCount > 0)
            --cs.restartCount;
        cs.image = slot.image ? slot.image->imageName() : spec.image;
        if (slot.image)
            cs.imageID = slot.image->imageID();
        const runtime::Container* c = slot.current ? &*slot.current : nullptr;
        if (c)
            cs.containerID = "containerd://" + c->id();
        // The previous instance's end is the last state; when the current one has ended and a restart is
        // wanted (or waiting in back-off), its end is.
        std::optional<api::ContainerStateTerminated> last;
        if (slot.previous && slot.previous->termination())
            last = terminatedOf(*slot.previous, cctx);
        if (unstarted) {
            cs.state.waiting = api::ContainerStateWaiting{
                slot.waitingReason.empty() ? defaultReason : slot.waitingReason, slot.waitingMessage};
        } else if (!slot.waitingReason.empty()) {
            cs.state.waiting = api::ContainerStateWaiting{slot.waitingReason, slot.waitingMessage};
            if (c && c->termination())
                last = terminatedOf(*c, cctx);
        } else if (c && c->running() && !slot.postStartRunning) {
            cs.state.running = api::ContainerStateRunning{cctx.wallTime(c->startedAt())};
        } else if (c && c->termination()) {
            cs.state.terminated = terminatedOf(*c, cctx);
        } else {
            cs.state.waiting = api::ContainerStateWaiting{defaultReason, {}};
        }
        if (last)
            cs.lastState.terminated = *last;
        const bool running = c && c->running() && !slot.postStartRunning && !unstarted;
        const ProbeWorker& startup = slot.probes[size_t(ProbeKind::Startup)];
        const ProbeWorker& readiness = slot.probes[size_t(ProbeKind::Readiness)];
        const bool started = running && (!startup.defined || startup.cached == ProbeResult::Success);
        cs.started = started;
        cs.ready = started && (!readiness.defined || readiness.cached == ProbeResult::Success) &&
                   !pod.metadata.deletionTimestamp;
        if (slot.init)
            s.initContainerStatuses.push_back(std::move(cs));
        else
            s.containerStatuses.push_back(std::move(cs));
    }

    const PodTermination termination = state.terminal ? PodTermination::Terminal : PodTermination::Active;
    const PodInitialization initialization = hasAnyRegularContainerStarted(pod.spec, s)
                                                 ? PodInitialization::RegularContainerStarted
                                                 : PodInitialization::NotStarted;
    const std::string computed = podPhase(pod.spec, s, termination, initialization);
    s.phase = stickyPhase(computed, state.cachedPhase, pod.status.phase);
    if (!state.terminalReason.empty()) {
        s.phase = "Failed";
        s.reason = state.terminalReason;
        s.message = state.terminalMessage;
    }
    s.conditions = kubeletPodConditions(pod.spec, s, pod.status.conditions,
                                        state.sandboxReady ? SandboxState::Ready : SandboxState::Missing,
                                        cctx.wallTime());
    if (cctx.config.profile == VersionProfile::Classic)
        std::erase_if(s.conditions, [](const api::PodCondition& c) { return c.type == "PodReadyToStartContainers"; });
    return s;
}

void Kubelet::writeStatus(PodState& state, KubeletContext& ctx)
{
    if (!m_reporting)
        return; // kept locally; reported when the node is back
    const auto current = ctx.cluster.store.get<api::Pod>(state.namespace_(), state.name());
    if (!current || current->metadata.uid != state.uid())
        return;
    api::PodStatus status = buildStatus(state, ctx);
    state.cachedPhase = status.phase;
    if (status == current->status)
        return;
    api::Pod updated = *current;
    updated.status = std::move(status);
    state.pod = ctx.cluster.store.put(std::move(updated));
}

} // namespace podlab::sim
