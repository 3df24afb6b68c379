#pragma once

#include "podvolume.h"

#include "sim/fs/filesystem.h"
#include "sim/runtime/container.h"
#include "sim/store/kind.h"

#include <algorithm>
#include <array>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

enum class ProbeKind : uint8_t { Liveness, Readiness, Startup };

// A kubelet timer's token: the pod's handle (PodState::id) above, what the timer is for below.
inline uint64_t podToken(uint32_t podId, uint32_t low) { return (uint64_t(podId) << 32) | low; }
enum class ProbeResult : uint8_t { Unknown, Success, Failure };

// The spec's probe of a kind, and its period as the prober ticks it (periodSeconds below 1 counts as 1).
inline const api::SharedOptional<api::Probe>& probeOf(const api::Container& c, ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Liveness: return c.livenessProbe;
    case ProbeKind::Readiness: return c.readinessProbe;
    case ProbeKind::Startup: return c.startupProbe;
    }
    return c.livenessProbe;
}
inline SimTime probePeriod(const api::Probe& probe) { return seconds(std::max(probe.periodSeconds, 1)); }

// One probe run, kept for the views (green, red, grey ticks) and the inspector's recent results.
struct ProbeRecord {
    SimTime time = 0;
    ProbeResult result = ProbeResult::Unknown;
    std::string output;
    bool operator==(const ProbeRecord&) const = default;
};

// The kubelet's prober worker for one probe of one container (pkg/kubelet/prober/worker.go): it ticks every
// period from when the pod was added, skips until the container runs and its initial delay has passed,
// and flips the cached result only after failureThreshold failures or successThreshold successes.
struct ProbeWorker {
    static constexpr size_t kRecentRuns = 10;

    // (The small members first, together: three workers in every container of 150 000 pods.)
    bool defined = false;
    ProbeResult cached = ProbeResult::Unknown; // what the results manager holds for the current container
    ProbeResult lastResult = ProbeResult::Unknown;
    bool onHold = false;   // a liveness/startup failure: wait for a new container
    uint16_t echoSlot = 0; // the container the runs leave their traces in (an httpGet's server may be a sidecar)
    int resultRun = 0;
    int instance = -1; // the container instance (its restart count) the cached result belongs to
    int httpPort = 0;
    // An httpGet probe's request, built once (the pod's IP, the port and headers do not change): the
    // prober's own compiled handler.
    std::shared_ptr<const shell::HttpRequest> httpRequest;

    // The one timer that counts: a tick whose time is not this one was replaced (a parked worker's).
    SimTime armedAt = INT64_MAX;
    // Parked: the runs have been the same success since the cached result settled, and the runtime promised
    // (echo) that the next ones would answer alike and leave only what `echo` says. No timer ticks for the
    // runs after `parkedAt` that fall before `parkedBefore` (the probed container's next wake, whose tick must
    // see what the wake did); Kubelet::catchUp makes them real — records, counts, what they leave in the
    // container — when anything happens in the pod, and the worker ticks for real again from there.
    SimTime parkedAt = -1;
    SimTime parkedBefore = INT64_MAX;
    runtime::RunEcho echo;
    bool parked() const { return parkedAt >= 0; }

    // The last few runs, kept as stretches of alike runs: a probe runs every few seconds for hours, nearly always
    // with the result and output of the run before, so a steady worker keeps one stretch (first run, period,
    // count) rather than ten records. A run's output is held once for the runs that printed the same (mostly
    // nothing, or the same failure). Allocated with the first run: most workers of a big cluster (startup
    // probes, containers without probes) never run.
    struct RunStretch {
        SimTime first = 0;   // the oldest run kept
        uint32_t period = 0; // milliseconds from one run to the next (0 while there is one)
        uint32_t count = 0;
        ProbeResult result = ProbeResult::Unknown;
        std::shared_ptr<const std::string> output; // null: no output
        SimTime last() const { return first + SimTime(count - 1) * SimTime(period); }
        bool operator==(const RunStretch& o) const
        {
            return first == o.first && period == o.period && count == o.count && result == o.result &&
                   (output == o.output || (output && o.output && *output == *o.output));
        }
    };
    std::vector<RunStretch> recent; // oldest first; at most kRecentRuns runs in all
    void record(const ProbeRecord& run)
    {
        RunStretch* last = recent.empty() ? nullptr : &recent.back();
        const bool sameOutput = last && (last->output ? *last->output == run.output : run.output.empty());
        if (last && sameOutput && last->result == run.result && run.time > last->last() &&
            (last->count == 1 ? run.time - last->first <= SimTime(std::numeric_limits<uint32_t>::max())
                              : run.time == last->first + SimTime(last->count) * SimTime(last->period))) {
            if (last->count == 1)
                last->period = uint32_t(run.time - last->first);
            ++last->count;
        } else {
            RunStretch stretch{run.time, 0, 1, run.result, nullptr};
            if (!run.output.empty())
                stretch.output = sameOutput ? last->output : std::make_shared<const std::string>(run.output);
            recent.push_back(std::move(stretch));
        }
        // Only the newest kRecentRuns stay.
        size_t kept = 0;
        for (const RunStretch& r : recent)
            kept += r.count;
        while (kept > kRecentRuns) {
            RunStretch& oldest = recent.front();
            const uint32_t drop = uint32_t(std::min<size_t>(oldest.count, kept - kRecentRuns));
            kept -= drop;
            if (drop == oldest.count) {
                recent.erase(recent.begin());
                continue;
            }
            oldest.first += SimTime(drop) * SimTime(oldest.period);
            oldest.count -= drop;
        }
    }
    ProbeRecord lastRun() const
    {
        const RunStretch& r = recent.back();
        return {r.last(), r.result, r.output ? *r.output : std::string()};
    }
    // The runs up to `now` (and those at `now`), oldest first: a parked worker's included.
    std::vector<ProbeRecord> recentRuns(SimTime now, SimTime period) const
    {
        std::vector<ProbeRecord> out;
        for (const RunStretch& r : recent)
            for (uint32_t i = 0; i < r.count; ++i)
                out.push_back({r.first + SimTime(i) * SimTime(r.period), r.result, r.output ? *r.output : std::string()});
        const uint64_t parkedRuns = parkedRunsUpTo(now, period);
        if (parkedRuns > 0) {
            const ProbeRecord last = out.back();
            for (uint64_t k = parkedRuns > kRecentRuns ? parkedRuns - kRecentRuns + 1 : 1; k <= parkedRuns; ++k)
                out.push_back({parkedAt + SimTime(k) * period, last.result, last.output});
            out.erase(out.begin(), out.end() - long(std::min(out.size(), kRecentRuns)));
        }
        return out;
    }
    // How many ticks of a parked worker have not happened yet at or before `upTo`; those that make a run (all
    // but a started startup probe's, which do nothing: `echo` is not repeatable then).
    uint64_t parkedTicksUpTo(SimTime upTo, SimTime period) const
    {
        if (!parked() || period <= 0)
            return 0;
        upTo = std::min(upTo, parkedBefore - 1);
        return upTo < parkedAt + period ? 0 : uint64_t((upTo - parkedAt) / period);
    }
    uint64_t parkedRunsUpTo(SimTime upTo, SimTime period) const
    {
        return echo.repeatable ? parkedTicksUpTo(upTo, period) : 0;
    }
    bool operator==(const ProbeWorker&) const = default;
};

// One container of the pod spec (init or app) and its instances.
struct ContainerSlot {
    std::string name;
    bool init = false;
    bool sidecar = false;
    // (The flags together, before the wider members: a slot for every container of 150 000 pods.)
    bool postStartRunning = false;   // started, but its postStart hook has not returned: not Running yet
    bool killRequested = false;      // a liveness/startup failure or a failed postStart asks for a restart
    bool stopping = false;           // being stopped: preStop, then the stop signal, SIGKILL at stopDeadline
    bool preStopFailsAtExit = false; // preStop outlived the grace period: it fails when the container dies
    bool postStartFailed = false;    // postStart failed: the instance is being killed, never started
    int restartCount = 0;
    size_t specIndex = 0;

    std::optional<runtime::Container> current;
    std::optional<runtime::Container> previous; // lastState and `kubectl logs --previous`
    // The image the container was created from, once created: its name (normalised) and its ID (repo@digest)
    // go into the status. Shared with the node's other containers of the image.
    api::SharedOptional<ResolvedImage> image;

    // Why no container runs when one is wanted (ErrImagePull, CrashLoopBackOff, …); cleared on start.
    std::string waitingReason;
    std::string waitingMessage;
    // The kubelet's reason cache: what a sync found goes into the status the *next* sync writes (the status
    // is generated at the start of a sync), so a crashed container shows Error for a resync before it shows
    // CrashLoopBackOff, and a failed pull ErrImagePull before ImagePullBackOff.
    std::string nextWaitingReason;
    std::string nextWaitingMessage;

    std::string killMessage;          // the Killing event's message for a kill requested
    SimTime stopSignalAt = INT64_MAX; // when the stop signal goes (once preStop has returned)
    SimTime stopDeadline = 0;
    std::optional<SimTime> preStopFailureAt; // when a failed preStop hook returned (its event is due)
    SimTime wakeAt = INT64_MAX;    // when the running container asked to run again
    // subPath mounts of atomically written volumes, by mount path: the volume as it was when the container was
    // created. The runtime bind-mounts the file or directory itself, so later updates never reach it.
    std::map<std::string, fs::FileSystem> pinnedSubPaths;

    std::array<ProbeWorker, 3> probes; // by ProbeKind

    bool operator==(const ContainerSlot&) const = default;
};

// What the kubelet keeps for one pod on its node: the pod worker's state, the sandbox, the volumes and the
// containers (pkg/kubelet/pod_workers.go, kuberuntime's view of the pod).
struct PodState {
    uint32_t id = 0; // the kubelet's handle for timers
    Ptr<api::Pod> pod; // the newest version seen from the API server (never null)
    // Its identity, which no version changes (read through the pod, not copied: 150 000 pods).
    const std::string& uid() const { return pod->metadata.uid; }
    const std::string& namespace_() const { return pod->metadata.namespace_; }
    const std::string& name() const { return pod->metadata.name; }
    SimTime addedAt = 0;
    api::Time startTime; // null until set

    // The pod worker does one thing at a time: creating the sandbox, pulling, creating or starting a container,
    // running a postStart hook, or stopping a container. `op` names it; its timer carries `opId`.
    enum class Op : uint8_t { None, Sandbox, Pull, Create, Start, PostStart, Stop };
    Op op = Op::None;
    uint64_t opId = 0;
    size_t opSlot = 0;
    SimTime opRequestedAt = 0;
    SimTime opDuration = 0; // a pull's own time, without the wait in the node's pull queue

    bool sandboxReady = false;
    // A sync asked for while the pod worker was busy (the PLEG noticing the new sandbox at its next relist,
    // for one): it runs as soon as the current work ends, even if that work ended in an error.
    bool updatePending = false;
    std::string podIP;
    std::map<std::string, PodVolume, std::less<>> volumes; // by volume name
    // Waiting for volumes before the sandbox (WaitForAttachAndMount): since when, for its 2 m 3 s timeout.
    SimTime mountWaitSince = -1;
    // What an atomically written volume projects changed (a ConfigMap or Secret it names, the pod's labels or
    // annotations): the first sync from this moment, when the kubelet's cache has the change, writes them again.
    SimTime volumesStaleAt = INT64_MAX;
    SimTime volumeResyncAt = INT64_MAX; // the resync planned for the volumes' work (its timer is current)
    SimTime lastSyncAt = 0;
    uint32_t syncs = 0; // how many syncs the pod worker has done (draws its resync jitter)

    std::vector<ContainerSlot> containerSlots; // init containers in order, then app containers in order

    // shareProcessNamespace: one PID namespace for the pod, PID 1 the pause process. Each container numbers
    // its processes on its own; the namespace gives each (container instance, pid) the next free PID when
    // `ps` first lists it, and forgets it once it is gone.
    struct SharedPid {
        size_t slot = 0;
        int instance = 0;
        int localPid = 0;
        int pid = 0;
        bool operator==(const SharedPid&) const = default;
    };
    std::vector<SharedPid> sharedPids;
    int nextSharedPid = 2;

    uint16_t parkedProbes = 0; // workers parked (ProbeWorker::parked), so that most pods are caught up at a glance

    bool terminating = false; // deletion, eviction or active deadline: stop everything, restart nothing
    bool terminal = false;    // every container has stopped for good
    std::string terminalReason;  // status.reason (DeadlineExceeded, …)
    std::string terminalMessage;
    std::string cachedPhase;     // the last phase the kubelet reported (terminal phases stick)
    // The pod worker's queue holds one entry per pod: updates while one is pending fold into it, and a
    // delayed resync replaces the one before (pod_workers.go, the work queue keyed by pod uid).
    bool syncPending = false;
    SimTime resyncAt = INT64_MAX;

    bool operator==(const PodState&) const = default;
};

} // namespace podlab::sim
