// The prober (pkg/kubelet/prober): one worker per probe, ticking every period from when the pod was added;
// results flip after failureThreshold failures or successThreshold successes; every failed attempt is an
// Unhealthy event; a liveness or startup failure gets the container killed and restarted.
#include "kubelet.h"
#include "podenvironment.h"

#include <algorithm>

namespace podlab::sim {

namespace {

uint64_t podToken(uint32_t podId, uint32_t low) { return (uint64_t(podId) << 32) | low; }

const char* probeTypeName(ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Liveness: return "Liveness";
    case ProbeKind::Readiness: return "Readiness";
    case ProbeKind::Startup: return "Startup";
    }
    return "";
}

const api::SharedOptional<api::Probe>& probeOf(const api::Container& c, ProbeKind kind)
{
    switch (kind) {
    case ProbeKind::Liveness: return c.livenessProbe;
    case ProbeKind::Readiness: return c.readinessProbe;
    case ProbeKind::Startup: return c.startupProbe;
    }
    return c.livenessProbe;
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
    ctx.cluster.schedule(at, TimerKind::ProbeTick, m_index, podToken(state.id, uint32_t(slot << 2) | uint32_t(kind)));
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
    const api::Probe& probe = *probeSpec;
    scheduleProbe(state, index, kind, ctx.now() + seconds(std::max(probe.periodSeconds, 1)), ctx);

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
    if (started ? kind == ProbeKind::Startup : kind != ProbeKind::Startup)
        return; // startup probes stop once started; the others wait for it

    ++m_probeRuns;
    const auto [result, output] = runProbe(state, index, probe, kind, ctx);
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
}

std::pair<ProbeResult, std::string> Kubelet::runProbe(PodState& state, size_t index, const api::Probe& probe,
                                                      ProbeKind kind, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    const SimTime timeout = seconds(std::max(probe.timeoutSeconds, 1));
    if (probe.exec) {
        PodEnvironment env(*this, state, spec, ctx);
        const runtime::ExecResult r = slot.current->exec(probe.exec->command, env, timeout);
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
            direct = serveHttp(state, w.httpPort, request, podGateway(ctx), ctx);
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
        if (open)
            return {ProbeResult::Success, {}};
        return {ProbeResult::Failure, "dial tcp " + host + ":" + std::to_string(port) + ": connect: connection refused"};
    }
    if (probe.grpc) {
        const std::string service = probe.grpc->service.value_or("");
        const std::string status = grpcHealth(state.uid, probe.grpc->port, service, ctx);
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
