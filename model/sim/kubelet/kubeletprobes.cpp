// The prober (pkg/kubelet/prober): one worker per probe, ticking every period from when the pod was added;
// results flip after failureThreshold failures or successThreshold successes; every failed attempt is an
// Unhealthy event; a liveness or startup failure gets the container killed and restarted.
#include "kubelet.h"
#include "podenvironment.h"

#include <algorithm>

namespace podlab::sim {

namespace {

const char* probeTypeName(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Liveness: return "Liveness";
    case ProbeKind::Readiness: return "Readiness";
    case ProbeKind::Startup: return "Startup";
    }
    return "";
}

// A probe's first cached result for a new container: readiness starts as failure, liveness as success,
// startup as unknown (prober worker initialValue).
ProbeResult initialResult(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Readiness: return ProbeResult::Failure;
    case ProbeKind::Liveness: return ProbeResult::Success;
    case ProbeKind::Startup: return ProbeResult::Unknown;
    }
    return ProbeResult::Unknown;
}

int resolvePort(const api::Container& c, const api::IntOrString& port)
{
    if (!port.isString)
        return port.intValue;
    for (const api::ContainerPort& p : c.ports)
        if (p.name == port.stringValue)
            return p.containerPort;
    return -1;
}

} // namespace

void Kubelet::scheduleProbe(PodState& state, size_t slot, ProbeKind kind, SimTime at, KubeletContext& ctx)
{
    ProbeWorker& w = state.containerSlots[slot].probes[size_t(kind)];
    if (w.armedAt == at)
        return; // that tick is on its way
    w.armedAt = at;
    ctx.cluster.schedule(at, TimerKind::ProbeTick, m_index, podToken(state.id, uint32_t(slot << 2) | uint32_t(kind)));
}

bool Kubelet::probeTimerCurrent(const PodState& state, uint64_t token, SimTime now) const
{
    const uint32_t low = uint32_t(token & 0xFFFFFFFFu);
    const size_t slot = low >> 2;
    const size_t kind = low & 3;
    return slot < state.containerSlots.size() && kind < 3 && state.containerSlots[slot].probes[kind].armedAt == now;
}

// --- parked probes --------------------------------------------------------------------------------------------------
//
// 150 000 pods probed twice every 10 s are 108 million runs an hour, nearly all of them the same success as the
// one before. A worker whose runs have settled (the cached result a success, the success threshold met) and
// whose last run the runtime calls repeatable (runtime::RunEcho: cat/test of files, redis-cli PING, a static
// file served again, a port listened on) stops ticking. Its runs are not lost: they are made real — each with
// its time, record, count and what it leaves in the container — the moment anything else happens in the pod
// (a timer, a change from the API server, kubectl, a request from another pod), in the order they would have
// run: probe ticks run first within their millisecond, by worker (TimerQueue::setLeadingKind), so a tick at
// the very moment of the interruption ran before it, unless the interruption is itself an earlier worker's tick.
// Ticks at or after the probed container's next wake are never parked: that tick would let the wake run first.
// Another worker's run, or a request from another pod, that the runtime calls repeatable changes nothing a
// parked run depends on: the parked runs before it are made real, and the worker stays parked.

void Kubelet::park(PodState& state, size_t index, ProbeKind kind, SimTime period, const runtime::RunEcho& echo,
                   size_t echoSlot, KubeletContext& ctx)
{
    ProbeWorker& w = state.containerSlots[index].probes[size_t(kind)];
    if (!ctx.cluster.config.parkSteadyProbes || state.pod->metadata.deletionTimestamp || w.parked())
        return;
    // Two parked runs writing to one log would interleave their lines: one of them keeps ticking.
    if (echo.accessLine)
        for (const ContainerSlot& other : state.containerSlots)
            for (const ProbeWorker& o : other.probes)
                if (&o != &w && o.parked() && o.echo.accessLine && o.echoSlot == echoSlot)
                    return;
    const SimTime now = ctx.now();
    // The container the run goes into moves its processes on first (Engine::advance); a tcpSocket check only
    // looks.
    const bool entersContainer = echo.exec || echo.serverPid != 0;
    const SimTime before = entersContainer ? state.containerSlots[echoSlot].wakeAt : INT64_MAX;
    if (before <= now + period)
        return;
    w.parkedAt = now;
    w.parkedBefore = before;
    w.echo = echo;
    w.echoSlot = uint16_t(echoSlot);
    ++state.parkedProbes;
    // The first tick at or after the wake runs for real; the one armed for now + period is dropped.
    const SimTime horizonTick = before == INT64_MAX ? INT64_MAX : now + (before - now + period - 1) / period * period;
    w.armedAt = INT64_MAX;
    if (horizonTick != INT64_MAX)
        scheduleProbe(state, index, kind, horizonTick, ctx);
}

void Kubelet::catchUp(PodState& state, KubeletContext& ctx, bool resume)
{
    if (state.parkedProbes == 0)
        return;
    for (size_t s = 0; s < state.containerSlots.size(); ++s)
        for (ProbeKind kind : {ProbeKind::Liveness, ProbeKind::Readiness, ProbeKind::Startup})
            if (state.containerSlots[s].probes[size_t(kind)].parked())
                catchUp(state, s, kind, resume, ctx);
}

void Kubelet::catchUp(PodState& state, size_t index, ProbeKind kind, bool resume, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    ProbeWorker& w = slot.probes[size_t(kind)];
    const auto& probe = probeOf(specOf(state, slot), kind);
    const SimTime period = probe ? probePeriod(*probe) : seconds(1);
    const SimTime now = ctx.now();
    // A tick at this very millisecond ran before whatever is running now, unless that is a probe tick that
    // comes first.
    const uint64_t token = podToken(state.id, uint32_t(index << 2) | uint32_t(kind));
    const Timer* running = ctx.cluster.running;
    const bool tickAtNowRan = !running || running->kind != uint32_t(TimerKind::ProbeTick) ||
                              std::pair(m_index, token) < std::pair(running->target, running->token);
    const uint64_t runs = w.parkedTicksUpTo(tickAtNowRan ? now : now - 1, period);
    if (runs > 0 && w.echo.repeatable) {
        const ProbeRecord last = w.lastRun();
        for (uint64_t k = runs > ProbeWorker::kRecentRuns ? runs - ProbeWorker::kRecentRuns + 1 : 1; k <= runs; ++k)
            w.record({w.parkedAt + SimTime(k) * period, last.result, last.output});
        w.resultRun += int(runs);
        m_probeRuns += runs;
        ContainerSlot& traced = state.containerSlots[w.echoSlot];
        if (traced.current)
            traced.current->repeat(w.echo, w.parkedAt + period, period, runs);
    }
    w.parkedAt += SimTime(runs) * period;
    if (!resume)
        return;
    const SimTime next = w.parkedAt + period;
    w.parkedAt = -1;
    w.parkedBefore = INT64_MAX;
    w.echo = {};
    --state.parkedProbes;
    scheduleProbe(state, index, kind, next, ctx);
}

uint64_t Kubelet::probeRuns(SimTime now) const
{
    uint64_t runs = m_probeRuns;
    for (const auto& [id, state] : m_pods) {
        if (state.parkedProbes == 0)
            continue;
        for (const ContainerSlot& slot : state.containerSlots)
            for (ProbeKind kind : {ProbeKind::Liveness, ProbeKind::Readiness, ProbeKind::Startup}) {
                const auto& probe = probeOf(specOf(state, slot), kind);
                if (probe)
                    runs += slot.probes[size_t(kind)].parkedRunsUpTo(now, probePeriod(*probe));
            }
    }
    return runs;
}

void Kubelet::probeTick(PodState& state, size_t index, ProbeKind kind, KubeletContext& ctx)
{
    if (index >= state.containerSlots.size())
        return;
    ContainerSlot& slot = state.containerSlots[index];
    ProbeWorker& w = slot.probes[size_t(kind)];
    const api::Container& spec = specOf(state, slot);
    const auto& probeSpec = probeOf(spec, kind);
    if (!w.defined || !probeSpec || state.terminal)
        return; // the worker stops with the pod
    if (w.armedAt != ctx.now())
        return; // replaced by another tick
    if (w.parked())
        catchUp(state, index, kind, true, ctx); // its first tick at the container's next wake: real from here
    w.armedAt = INT64_MAX;
    // `probe` lives in the pod as it is now, which a status write during the run replaces: hold on to it.
    const Ptr<api::Pod> pinned = state.pod;
    const api::Probe& probe = *probeSpec;
    const SimTime period = probePeriod(probe);
    scheduleProbe(state, index, kind, ctx.now() + period, ctx);

    const runtime::Container* c = slot.current ? &*slot.current : nullptr;
    if (!c)
        return; // not created yet
    if (w.instance != slot.restartCount) {
        // A new container: start over from the initial value.
        w.instance = slot.restartCount;
        w.cached = initialResult(kind);
        w.onHold = false;
        w.lastResult = ProbeResult::Unknown;
        w.resultRun = 0;
    }
    if (w.onHold)
        return;
    if (!c->running() || slot.postStartRunning) {
        if (!c->running() && w.cached != ProbeResult::Failure) {
            w.cached = ProbeResult::Failure;
            writeStatus(state, ctx);
        }
        return;
    }
    if (state.pod->metadata.deletionTimestamp) {
        // Terminating: liveness and startup count as success (no kill during termination); readiness stops.
        if (kind != ProbeKind::Readiness)
            w.cached = ProbeResult::Success;
        return;
    }
    // Skipped during the initial delay, counted in whole seconds since the container started.
    if ((ctx.now() - c->startedAt()) / 1000 < probe.initialDelaySeconds)
        return;
    const ProbeWorker& startup = slot.probes[size_t(ProbeKind::Startup)];
    const bool started = !startup.defined || startup.cached == ProbeResult::Success;
    if (started ? kind == ProbeKind::Startup : kind != ProbeKind::Startup) {
        // Startup probes stop once started (until the next container: its start catches the worker up); the
        // others wait for it.
        if (kind == ProbeKind::Startup)
            park(state, index, kind, period, runtime::RunEcho{}, index, ctx);
        return;
    }

    ++m_probeRuns;
    runtime::RunEcho echo;
    size_t echoSlot = index;
    const auto [result, output] = runProbe(state, index, probe, kind, ctx, echo, echoSlot);
    if (!echo.repeatable)
        catchUp(state, ctx, true); // it may have changed what the parked runs promised
    w.record({ctx.now(), result, output});
    if (result == ProbeResult::Failure)
        event(state, &slot, "Warning", "Unhealthy", std::string(probeTypeName(kind)) + " probe failed: " + output, ctx);

    if (w.lastResult == result) {
        ++w.resultRun;
    } else {
        w.lastResult = result;
        w.resultRun = 1;
    }
    if ((result == ProbeResult::Failure && w.resultRun < std::max(probe.failureThreshold, 1)) ||
        (result == ProbeResult::Success && w.resultRun < std::max(probe.successThreshold, 1)))
        return;
    const bool changed = w.cached != result;
    w.cached = result;
    if ((kind == ProbeKind::Liveness || kind == ProbeKind::Startup) && result == ProbeResult::Failure) {
        w.onHold = true;
        w.resultRun = 0;
        const bool restarts = state.pod->spec.restartPolicy != "Never" || slot.sidecar;
        slot.killRequested = true;
        slot.killMessage = "Container " + slot.name + " failed " + (kind == ProbeKind::Liveness ? "liveness" : "startup") +
                           " probe" + (restarts ? ", will be restarted" : "");
        requestSync(state, ctx);
        return;
    }
    if (changed) {
        if (kind == ProbeKind::Startup)
            requestSync(state, ctx); // a started sidecar lets the next init container go
        writeStatus(state, ctx);
    }
    if (result == ProbeResult::Success && kind != ProbeKind::Startup && echo.repeatable)
        park(state, index, kind, period, echo, echoSlot, ctx);
}

std::pair<ProbeResult, std::string> Kubelet::runProbe(PodState& state, size_t index, const api::Probe& probe,
                                                      ProbeKind kind, KubeletContext& ctx, runtime::RunEcho& echo,
                                                      size_t& echoSlot)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    const SimTime timeout = seconds(std::max(probe.timeoutSeconds, 1));
    if (probe.exec) {
        PodEnvironment env(*this, state, spec, ctx);
        const runtime::ExecResult r = slot.current->exec(probe.exec->command, env, timeout, {}, &echo);
        armWake(state, index, slot.current->wake(env), ctx);
        if (!r.started)
            return {ProbeResult::Failure, r.error};
        if (r.timedOut) {
            std::string cmd;
            for (const std::string& a : probe.exec->command)
                cmd += (cmd.empty() ? "" : " ") + a;
            return {ProbeResult::Failure, "command \"" + cmd + "\" timed out"};
        }
        return {r.exitCode == 0 ? ProbeResult::Success : ProbeResult::Failure, r.out + r.err};
    }
    if (probe.httpGet) {
        const api::HTTPGetAction& h = *probe.httpGet;
        ProbeWorker& w = slot.probes[size_t(kind)];
        if (!w.httpRequest) {
            w.httpPort = resolvePort(spec, h.port);
            const std::string host = h.host.empty() ? state.podIP : h.host;
            auto request = std::make_shared<shell::HttpRequest>();
            request->url = std::string(h.scheme == "HTTPS" ? "https" : "http") + "://" + host + ":" +
                           std::to_string(w.httpPort) + h.path;
            const std::string version = ctx.cluster.config.kubernetesVersion(); // "v1.34.2"
            request->headers = {{"User-Agent", "kube-probe/" + version.substr(1, version.rfind('.') - 1)},
                                {"Accept", "*/*"}};
            for (const api::HTTPHeader& header : h.httpHeaders)
                request->headers.emplace_back(header.name, header.value);
            w.httpRequest = std::move(request);
        }
        if (w.httpPort <= 0)
            return {ProbeResult::Failure, "unable to resolve port \"" + h.port.stringValue + "\""};
        const shell::HttpRequest& request = *w.httpRequest;
        // The probe comes from the node, not from the pod.
        std::optional<shell::HttpResponse> direct;
        if (h.host.empty())
            direct = serveHttp(state, w.httpPort, request, podGateway(ctx), ctx, &echo, &echoSlot);
        const shell::HttpResponse r = direct ? *direct : ctx.network.http("", request, ctx.now());
        if (r.outcome == shell::HttpResponse::Outcome::Ok || direct) {
            if (r.status >= 200 && r.status < 400)
                return {ProbeResult::Success, {}};
            return {ProbeResult::Failure, "HTTP probe failed with statuscode: " + std::to_string(r.status)};
        }
        if (r.outcome == shell::HttpResponse::Outcome::TimedOut)
            return {ProbeResult::Failure, "Get \"" + request.url +
                                              "\": context deadline exceeded (Client.Timeout exceeded while awaiting "
                                              "headers)"};
        const std::string host = h.host.empty() ? state.podIP : h.host;
        return {ProbeResult::Failure, "Get \"" + request.url + "\": dial tcp " + host + ":" +
                                          std::to_string(w.httpPort) + ": connect: connection refused"};
    }
    if (probe.tcpSocket) {
        const int port = resolvePort(spec, probe.tcpSocket->port);
        const std::string host = probe.tcpSocket->host.empty() ? state.podIP : probe.tcpSocket->host;
        const bool open = probe.tcpSocket->host.empty()
                              ? listens(state, port)
                              : ctx.network.tcp("", host, port, ctx.now()).outcome == shell::HttpResponse::Outcome::Ok;
        // Whether its own pod listens changes only when something happens in the pod.
        echo.repeatable = open && probe.tcpSocket->host.empty();
        if (open)
            return {ProbeResult::Success, {}};
        return {ProbeResult::Failure, "dial tcp " + host + ":" + std::to_string(port) + ": connect: connection refused"};
    }
    if (probe.grpc) {
        const std::string service = probe.grpc->service.value_or("");
        const std::string status = grpcHealth(state.uid(), probe.grpc->port, service, ctx);
        if (status == "SERVING")
            return {ProbeResult::Success, {}};
        if (status.empty())
            return {ProbeResult::Failure, "timeout: failed to connect service \"" + state.podIP + ":" +
                                              std::to_string(probe.grpc->port) + "\" within " +
                                              std::to_string(std::max(probe.timeoutSeconds, 1)) + "s"};
        return {ProbeResult::Failure, "service unhealthy (responded with \"" + status + "\")"};
    }
    (void)kind;
    return {ProbeResult::Unknown, {}};
}

} // namespace podlab::sim
