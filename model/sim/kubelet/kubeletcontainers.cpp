// The kubelet's container operations: pulls, create, start, postStart, stop, restarts with back-off, and
// what kubectl exec/logs and the network ask of a pod's containers.
#include "kubelet.h"
#include "podenvironment.h"

#include "sim/podenv/containerenv.h"
#include "sim/podenv/nodefacts.h"
#include "sim/podenv/poddns.h"
#include "sim/podenv/podhosts.h"
#include "sim/status/containerstatuses.h"

#include <algorithm>

namespace podlab::sim {

namespace {

std::string quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

int64_t limitOf(const api::Container& c, const char* resource, bool milli)
{
    const auto it = c.resources.limits.find(resource);
    if (it == c.resources.limits.end())
        return 0;
    return milli ? it->second.milliValue() : it->second.value();
}

} // namespace

std::string Kubelet::backoffKey(const PodState& state, const ContainerSlot& slot) const
{
    return state.name() + "_" + state.namespace_() + "_" + state.uid() + "_" + slot.name;
}

void Kubelet::beginOp(PodState& state, PodState::Op op, size_t slot, SimTime duration, KubeletContext& ctx)
{
    state.op = op;
    state.opSlot = slot;
    state.opId = m_nextOpId++;
    state.opRequestedAt = ctx.now();
    ctx.cluster.schedule(ctx.now() + duration, TimerKind::KubeletStep, m_index,
                         podToken(state.id, uint32_t(state.opId & 0xFFFFFFFFu)));
}

Kubelet::StartDecision Kubelet::tryStart(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    if (slot.stopping)
        return StartDecision::Waiting;

    // A restart waits out the crash-loop back-off, counted from when the last instance finished.
    if (slot.current && !slot.current->running()) {
        const std::string key = backoffKey(state, slot);
        const SimTime finished = slot.current->termination() ? slot.current->termination()->finishedAt : ctx.now();
        if (m_crashBackoff.isInBackOffSince(key, finished, ctx.now())) {
            const SimTime delay = m_crashBackoff.current(key);
            waitFor(slot, "CrashLoopBackOff",
                    "back-off " + goDuration(delay) + " restarting failed container=" + slot.name + " pod=" +
                        state.name() + "_" + state.namespace_() + "(" + state.uid() + ")");
            event(state, &slot, "Warning", "BackOff",
                  "Back-off restarting failed container " + slot.name + " in pod " + state.name() + "_" +
                      state.namespace_() + "(" + state.uid() + ")",
                  ctx);
            requeueAfterError(state, ctx);
            return StartDecision::Waiting;
        }
        m_crashBackoff.next(key, finished);
    }

    // The environment must be buildable (ConfigMaps, Secrets and keys it names exist).
    EnvContext envContext;
    const std::string ns = state.namespace_();
    const Store& store = ctx.cluster.store;
    envContext.objects = objectLookup(ns, store);
    std::vector<const api::Service*> services;
    for (const auto& [key, svc] : store.all<api::Service>())
        services.push_back(svc.get());
    envContext.services = services;
    if (const auto node = store.get<api::Node>("", m_nodeName))
        envContext.node = NodeFacts::of(*node);
    const EnvResult env = ContainerEnv::build(*state.pod, spec, envContext);
    if (!env.ok()) {
        waitFor(slot, "CreateContainerConfigError", env.error);
        event(state, &slot, "Warning", "Failed", ContainerEnv::failedEventMessage(env.error), ctx);
        requeueAfterError(state, ctx);
        return StartDecision::Waiting;
    }

    // The image, by the pull policy.
    const ImageResolution resolution = ctx.images.resolve(spec.image);
    if (resolution.status == ImageResolution::Status::InvalidReference) {
        waitFor(slot, resolution.waitingReason(), resolution.waitingMessage());
        event(state, &slot, "Warning", resolution.eventReason(), resolution.eventMessage(spec.image), ctx);
        requeueAfterError(state, ctx);
        return StartDecision::Waiting;
    }
    const std::string reference = resolution.reference ? resolution.reference->toString() : spec.image;
    const bool present = m_images.hasReference(reference);
    if (spec.imagePullPolicy == "Never" && !present) {
        const std::string message =
            "Container image " + quote(spec.image) + " is not present with pull policy of Never";
        waitFor(slot, "ErrImageNeverPull", message);
        event(state, &slot, "Warning", "ErrImageNeverPull", message, ctx);
        // startContainer reports every EnsureImageExists error once more, as "Error: <reason>".
        event(state, &slot, "Warning", "Failed", "Error: ErrImageNeverPull", ctx);
        requeueAfterError(state, ctx);
        return StartDecision::Waiting;
    }
    if (present && spec.imagePullPolicy != "Always") {
        event(state, &slot, "Normal", "Pulled", "Container image " + quote(spec.image) + " already present on machine",
              ctx);
        beginOp(state, PodState::Op::Create, index, ctx.cluster.config.containerCreateTime, ctx);
        return StartDecision::Started;
    }
    const std::string pullKey = state.uid() + "_" + spec.image;
    if (m_images.backoff().isInBackOffSinceUpdate(pullKey, ctx.now())) {
        const std::string message = "Back-off pulling image " + quote(spec.image);
        waitFor(slot, "ImagePullBackOff", message);
        event(state, &slot, "Normal", "BackOff", message, ctx);
        event(state, &slot, "Warning", "Failed", "Error: ImagePullBackOff", ctx);
        requeueAfterError(state, ctx);
        return StartDecision::Waiting;
    }
    pullImage(state, index, ctx);
    return StartDecision::Started;
}

void Kubelet::pullImage(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    event(state, &slot, "Normal", "Pulling", "Pulling image " + quote(spec.image), ctx);
    const ImageResolution resolution = ctx.images.resolve(spec.image);
    SimTime duration;
    if (resolution.found()) {
        // Layers already on the node (the same digest under another tag): only the registry round trip.
        duration = m_images.hasDigest(resolution.image->digest) ? ctx.cluster.config.registryRoundTrip
                                                                 : resolution.image->pullMillis;
        duration += SimTime(ctx.cluster.random.below(uint64_t(std::max<SimTime>(duration / 10, 1))));
    } else {
        duration = std::max<SimTime>(resolution.failMillis, 1);
    }
    const SimTime done = m_images.schedulePull(ctx.now(), duration);
    state.op = PodState::Op::Pull;
    state.opSlot = index;
    state.opId = m_nextOpId++;
    state.opRequestedAt = ctx.now();
    state.opDuration = duration;
    ctx.cluster.schedule(done, TimerKind::KubeletStep, m_index, podToken(state.id, uint32_t(state.opId & 0xFFFFFFFFu)));
}

void Kubelet::finishOp(PodState& state, uint64_t opIdLow, KubeletContext& ctx)
{
    if (state.op == PodState::Op::None || uint32_t(state.opId & 0xFFFFFFFFu) != opIdLow)
        return; // stale
    const PodState::Op op = state.op;
    const size_t index = state.opSlot;
    state.op = PodState::Op::None;
    if (op == PodState::Op::Sandbox) {
        if (state.terminating) {
            requestSync(state, ctx);
            return;
        }
        // The sandbox's network: the next free address of the node's pod CIDR (10.244.N.0/24).
        const auto node = ctx.cluster.store.get<api::Node>("", m_nodeName);
        std::string prefix = "10.244." + std::to_string(m_index + 1) + ".";
        if (node && !node->spec.podCIDR.empty())
            prefix = node->spec.podCIDR.substr(0, node->spec.podCIDR.rfind('.') + 1);
        size_t host = 2;
        while (host < 255 && m_ipInUse[host])
            ++host;
        m_ipInUse[host] = 1;
        state.podIP = prefix + std::to_string(host);
        state.sandboxReady = true;
        // The PLEG sees the new sandbox at its next relist, within a second, and asks for a sync.
        ctx.cluster.schedule(nextRelist(ctx.now()), TimerKind::KubeletSync, m_index, podToken(state.id, 4));
        ctx.cluster.random.hex(64); // the sandbox's id: nothing shows it yet, but drawn (the stream stays as it was)
        ctx.network.registerPodIP(state.podIP, m_index, state.uid());
        requestSync(state, ctx);
        writeStatus(state, ctx);
        return;
    }
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    switch (op) {
    case PodState::Op::Pull: {
        const ImageResolution resolution = ctx.images.resolve(spec.image);
        const SimTime pullDuration = state.opDuration;
        if (!resolution.found()) {
            m_images.backoff().next(state.uid() + "_" + spec.image, ctx.now());
            waitFor(slot, resolution.waitingReason(), resolution.waitingMessage());
            event(state, &slot, "Warning", resolution.eventReason(), resolution.eventMessage(spec.image), ctx);
            event(state, &slot, "Warning", "Failed", "Error: " + resolution.waitingReason(), ctx);
            requeueAfterError(state, ctx);
            writeStatus(state, ctx);
            return;
        }
        const ResolvedImage& image = *resolution.image;
        m_images.add(image.imageName(), image.digest, image.size);
        event(state, &slot, "Normal", "Pulled",
              "Successfully pulled image " + quote(spec.image) + " in " + goDuration(pullDuration) + " (" +
                  goDuration(ctx.now() - state.opRequestedAt) + " including waiting). Image size: " +
                  std::to_string(image.size) + " bytes.",
              ctx);
        slot.waitingReason.clear();
        slot.nextWaitingReason.clear();
        beginOp(state, PodState::Op::Create, index, ctx.cluster.config.containerCreateTime, ctx);
        return;
    }
    case PodState::Op::Create:
        createContainer(state, index, ctx);
        return;
    case PodState::Op::Start:
        startContainer(state, index, ctx);
        return;
    case PodState::Op::PostStart: {
        slot.postStartRunning = false;
        requestSync(state, ctx);
        writeStatus(state, ctx);
        return;
    }
    default:
        return;
    }
}

std::vector<std::pair<std::string, std::string>> Kubelet::sandboxFiles(const PodState& state,
                                                                       const api::Container& spec, bool contents)
{
    // /etc/hosts, /etc/hostname and /etc/resolv.conf, as the kubelet and the runtime write them.
    std::vector<std::pair<std::string, std::string>> files;
    if (const auto id = PodHosts::identity(*state.pod); id.ok()) {
        api::Pod withIP = *state.pod;
        withIP.status.podIP = state.podIP;
        withIP.status.podIPs = {{state.podIP}};
        if (PodHosts::mountsHostsFile(withIP, spec))
            files.emplace_back("/etc/hosts", contents ? PodHosts::hostsFile(withIP, id.value) : std::string());
        if (const auto hostname = PodHosts::kernelHostname(id.value, withIP); hostname.ok())
            files.emplace_back("/etc/hostname", contents ? hostname.value + "\n" : std::string());
    }
    std::string resolvConf;
    if (contents) {
        DnsSettings dns;
        resolvConf = PodDns::resolvConf(PodDns::podDns(*state.pod, dns).config);
    }
    files.emplace_back("/etc/resolv.conf", std::move(resolvConf));
    return files;
}

std::shared_ptr<const std::vector<std::string>> Kubelet::sandboxPaths(const PodState& state,
                                                                    const api::Container& spec)
{
    std::vector<std::string> paths;
    for (auto& [path, content] : sandboxFiles(state, spec, false))
        paths.push_back(std::move(path));
    // Nearly every container has all three, or all but a hosts file of its own.
    static const auto all = std::make_shared<const std::vector<std::string>>(
        std::vector<std::string>{"/etc/hosts", "/etc/hostname", "/etc/resolv.conf"});
    static const auto noHosts =
        std::make_shared<const std::vector<std::string>>(std::vector<std::string>{"/etc/hostname", "/etc/resolv.conf"});
    for (const auto& common : {all, noHosts})
        if (*common == paths)
            return common;
    return std::make_shared<const std::vector<std::string>>(std::move(paths));
}

void Kubelet::createContainer(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    const ImageResolution resolution = ctx.images.resolve(spec.image);
    if (!resolution.found()) {
        requestSync(state, ctx);
        return;
    }
    // The environment again, now final (its inputs could have changed while the image was pulled).
    EnvContext envContext;
    const std::string ns = state.namespace_();
    const Store& store = ctx.cluster.store;
    envContext.objects = objectLookup(ns, store);
    std::vector<const api::Service*> services;
    for (const auto& [key, svc] : store.all<api::Service>())
        services.push_back(svc.get());
    envContext.services = services;
    const auto node = store.get<api::Node>("", m_nodeName);
    if (node)
        envContext.node = NodeFacts::of(*node);
    const EnvResult env = ContainerEnv::build(*state.pod, spec, envContext);
    if (!env.ok()) {
        requestSync(state, ctx);
        return;
    }
    const ContainerEnv::Command command = ContainerEnv::expandCommand(spec, env.env);

    // subPath mounts are bound now, to what the volume holds now.
    pinSubPaths(state, slot, ctx);
    runtime::ContainerConfig config;
    config.id = runtime::newContainerId(ctx.cluster.random);
    config.name = spec.name;
    config.image = m_images.unpacked().resolved(*resolution.image);
    config.imageFiles = m_images.unpacked().get(*resolution.image, &ctx.unpackedImages);
    config.command = command.command;
    config.args = command.args;
    for (const EnvEntry& e : env.env)
        config.env.emplace_back(e.name, e.value);
    config.workingDir = spec.workingDir;
    config.memoryLimitBytes = limitOf(spec, "memory", false);
    config.cpuLimitMillis = limitOf(spec, "cpu", true);
    config.tty = spec.tty;
    config.stdinOpen = spec.stdin_;
    config.injectedPaths = sandboxPaths(state, spec);

    if (slot.current) {
        slot.previous = std::move(slot.current);
        ++slot.restartCount;
    }
    slot.current.emplace(std::move(config));
    slot.image = slot.current->config().image;
    slot.waitingReason.clear();
    slot.waitingMessage.clear();
    slot.nextWaitingReason.clear();
    slot.nextWaitingMessage.clear();
    slot.postStartFailed = false;
    slot.killRequested = false;
    slot.stopping = false;
    event(state, &slot, "Normal", "Created", "Created container: " + slot.name, ctx);
    beginOp(state, PodState::Op::Start, index, ctx.cluster.config.containerStartTime, ctx);
}

void Kubelet::startContainer(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    PodEnvironment env(*this, state, spec, ctx);
    const runtime::StartResult started = slot.current->start(env);
    if (!started.ok) {
        event(state, &slot, "Warning", "Failed", "Error: " + started.error, ctx);
        containerExited(state, index, ctx);
        return;
    }
    event(state, &slot, "Normal", "Started", "Started container " + slot.name, ctx);
    armWake(state, index, slot.current->wake(env), ctx);
    if (spec.lifecycle && spec.lifecycle->postStart) {
        runPostStart(state, index, ctx);
        return;
    }
    requestSync(state, ctx);
}

void Kubelet::runPostStart(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    const api::LifecycleHandler& hook = *spec.lifecycle->postStart;
    PodEnvironment env(*this, state, spec, ctx);
    SimTime duration = 0;
    std::string failure;
    const SimTime grace = seconds(state.pod->spec.terminationGracePeriodSeconds.value_or(30));
    if (hook.exec) {
        const runtime::ExecResult r = slot.current->exec(hook.exec->command, env, grace);
        duration = r.duration;
        if (!r.started || r.exitCode != 0) {
            std::string cmd;
            for (const std::string& a : hook.exec->command)
                cmd += (cmd.empty() ? "" : " ") + a;
            failure = "Exec lifecycle hook ([" + cmd + "]) for Container " + quote(slot.name) + " in Pod " +
                      quote(state.name() + "_" + state.namespace_() + "(" + state.uid() + ")") + " failed - error: " +
                      (r.started ? "command '" + cmd + "' exited with " + std::to_string(r.exitCode) + ": " + r.err
                                 : r.error) +
                      ", message: " + quote(r.out + r.err);
        }
    } else if (hook.httpGet) {
        shell::HttpRequest request;
        const std::string host = hook.httpGet->host.empty() ? state.podIP : hook.httpGet->host;
        request.url = "http://" + host + ":" + hook.httpGet->port.toString() + hook.httpGet->path;
        const shell::HttpResponse r = ctx.network.http(state.podIP, request, ctx.now());
        duration = r.latency;
        if (r.outcome != shell::HttpResponse::Outcome::Ok || r.status >= 400)
            failure = "HTTP lifecycle hook (" + hook.httpGet->path + ") for Container " + quote(slot.name) +
                      " in Pod " + quote(state.name() + "_" + state.namespace_() + "(" + state.uid() + ")") +
                      " failed - error: " +
                      (r.outcome == shell::HttpResponse::Outcome::Ok
                           ? "HTTP lifecycle hook failed with status code " + std::to_string(r.status)
                           : "Get \"" + request.url + "\": dial tcp " + host + ":" + hook.httpGet->port.toString() +
                                 ": connect: connection refused");
    } else if (hook.sleep) {
        duration = seconds(hook.sleep->seconds);
    }
    if (!failure.empty()) {
        // The container is killed and restarted per the restart policy (kuberuntime's startContainer).
        event(state, &slot, "Warning", "FailedPostStartHook", "PostStartHook failed", ctx);
        slot.killRequested = true;
        slot.killMessage = "FailedPostStartHook";
        slot.postStartRunning = false;
        slot.postStartFailed = true;
        waitFor(slot, "PostStartHookError", failure);
        requestSync(state, ctx);
        return;
    }
    slot.postStartRunning = true;
    beginOp(state, PodState::Op::PostStart, index, duration, ctx);
    writeStatus(state, ctx);
}

void Kubelet::stopContainer(PodState& state, size_t index, int64_t graceSeconds, const std::string& message,
                            KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    const api::Container& spec = specOf(state, slot);
    event(state, &slot, "Normal", "Killing", message, ctx);
    slot.stopping = true;
    PodEnvironment env(*this, state, spec, ctx);
    // killContainer: preStop first, waited for at most the grace period (a hook that runs longer is left
    // behind, and dies with the container); then the stop signal, and SIGKILL once what is left of the grace
    // period — whole seconds, never less than 2 — has passed.
    SimTime hook = 0;
    if (graceSeconds > 0 && spec.lifecycle && spec.lifecycle->preStop) {
        const api::LifecycleHandler& h = *spec.lifecycle->preStop;
        const SimTime grace = seconds(graceSeconds);
        bool failed = false;
        if (h.exec) {
            const runtime::ExecResult r = slot.current->exec(h.exec->command, env, grace);
            hook = std::min(r.duration, grace);
            if (r.timedOut)
                slot.preStopFailsAtExit = true; // its process is killed with the container
            else
                failed = !r.started || r.exitCode != 0;
        } else if (h.sleep) {
            hook = std::min(seconds(h.sleep->seconds), grace);
        } else if (h.httpGet) {
            shell::HttpRequest request;
            request.url = "http://" + (h.httpGet->host.empty() ? state.podIP : h.httpGet->host) + ":" +
                          h.httpGet->port.toString() + h.httpGet->path;
            const shell::HttpResponse r = ctx.network.http(state.podIP, request, ctx.now());
            hook = std::min(r.latency, grace);
            failed = r.outcome != shell::HttpResponse::Outcome::Ok || r.status >= 400;
        }
        // The event leaves out the hook's error: it could hold a secret.
        if (failed)
            slot.preStopFailureAt = ctx.now() + hook;
    }
    const int64_t remaining = std::max<int64_t>(graceSeconds - hook / 1000, 2);
    slot.stopSignalAt = ctx.now() + hook;
    slot.stopDeadline = slot.stopSignalAt + seconds(remaining);
    if (graceSeconds == 0) {
        slot.stopSignalAt = INT64_MAX;
        slot.current->signal(shell::kSigKill, env);
    } else if (hook == 0) {
        sendStopSignal(state, index, env, ctx);
    } else {
        armWake(state, index, slot.stopSignalAt, ctx);
        if (slot.preStopFailureAt)
            armWake(state, index, *slot.preStopFailureAt, ctx);
    }
    if (!slot.current->running()) {
        containerExited(state, index, ctx);
        return;
    }
    armWake(state, index, slot.stopDeadline, ctx);
}

void Kubelet::sendStopSignal(PodState& state, size_t index, runtime::ContainerEnvironment& env, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    slot.stopSignalAt = INT64_MAX;
    if (!slot.current->running())
        return;
    const std::string stopSignal = slot.current->config().imageContent()
                                       ? slot.current->config().imageContent()->config.stopSignal
                                       : std::string();
    const int sig = stopSignal.empty() ? shell::kSigTerm : signalNumber(stopSignal);
    armWake(state, index, slot.current->signal(sig ? sig : shell::kSigTerm, env), ctx);
}

void Kubelet::armWake(PodState& state, size_t index, SimTime at, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    if (at == INT64_MAX || at < ctx.now())
        return;
    if (slot.wakeAt <= at && slot.wakeAt >= ctx.now())
        return; // an earlier wake is already due; it re-arms the next one
    slot.wakeAt = at;
    ctx.cluster.schedule(at, TimerKind::ProcessWake, m_index, podToken(state.id, uint32_t(index)));
}

void Kubelet::wakeContainer(PodState& state, size_t index, KubeletContext& ctx)
{
    if (index >= state.containerSlots.size())
        return;
    ContainerSlot& slot = state.containerSlots[index];
    if (slot.wakeAt == ctx.now())
        slot.wakeAt = INT64_MAX;
    if (!slot.current || !slot.current->running())
        return;
    PodEnvironment env(*this, state, specOf(state, slot), ctx);
    if (slot.preStopFailureAt && ctx.now() >= *slot.preStopFailureAt) {
        slot.preStopFailureAt.reset();
        event(state, &slot, "Warning", "FailedPreStopHook", "PreStopHook failed", ctx);
    }
    if (slot.stopping && ctx.now() >= slot.stopSignalAt)
        sendStopSignal(state, index, env, ctx);
    if (slot.stopping && ctx.now() >= slot.stopDeadline)
        slot.current->signal(shell::kSigKill, env);
    const SimTime next = slot.current->wake(env);
    if (!slot.current->running()) {
        containerExited(state, index, ctx);
        return;
    }
    armWake(state, index, next, ctx);
    if (slot.stopping) {
        armWake(state, index, std::min(slot.stopSignalAt, slot.stopDeadline), ctx);
        armWake(state, index, slot.stopDeadline, ctx);
    }
}

void Kubelet::containerExited(PodState& state, size_t index, KubeletContext& ctx)
{
    ContainerSlot& slot = state.containerSlots[index];
    if (slot.preStopFailsAtExit || slot.preStopFailureAt)
        event(state, &slot, "Warning", "FailedPreStopHook", "PreStopHook failed", ctx);
    slot.preStopFailsAtExit = false;
    slot.preStopFailureAt.reset();
    slot.stopSignalAt = INT64_MAX;
    slot.stopping = false;
    slot.postStartRunning = false;
    slot.killRequested = false;
    slot.wakeAt = INT64_MAX;
    if (state.op != PodState::Op::None && state.opSlot == index &&
        (state.op == PodState::Op::PostStart || state.op == PodState::Op::Start))
        state.op = PodState::Op::None;
    requestSync(state, ctx);
    writeStatus(state, ctx);
}

// --- what kubectl and the network ask ------------------------------------------------------------------------

ExecOutcome Kubelet::exec(std::string_view uid, std::string_view container, const std::vector<std::string>& argv,
                          const std::string& stdinData, KubeletContext& ctx)
{
    PodState* state = findByUid(uid);
    if (!state)
        return {std::string("pod not found on its node"), 1, {}, {}};
    catchUp(*state, ctx);
    ContainerSlot* slot = nullptr;
    size_t index = 0;
    for (size_t s = 0; s < state->containerSlots.size(); ++s) {
        if ((container.empty() && !state->containerSlots[s].init) || state->containerSlots[s].name == container) {
            slot = &state->containerSlots[s];
            index = s;
            break;
        }
    }
    if (!slot)
        return {"container " + std::string(container) + " is not valid for pod " + state->name(), 1, {}, {}};
    if (!slot->current || !slot->current->running())
        return {"unable to upgrade connection: container not found (\"" + slot->name + "\")", 1, {}, {}};
    PodEnvironment env(*this, *state, specOf(*state, *slot), ctx);
    const runtime::ExecResult r = slot->current->exec(argv, env, INT64_MAX / 4, stdinData);
    armWake(*state, index, slot->current->wake(env), ctx);
    if (!slot->current->running())
        containerExited(*state, index, ctx);
    if (!r.started)
        return {r.error, 1, r.out, r.err};
    return {std::nullopt, r.exitCode, r.out, r.err};
}

std::optional<std::vector<runtime::LogEntry>> Kubelet::logs(std::string_view uid, std::string_view container,
                                                             bool previous, std::string* error, SimTime now) const
{
    const PodState* state = podState(uid);
    if (!state) {
        *error = "pod not found on its node";
        return std::nullopt;
    }
    for (const ContainerSlot& slot : state->containerSlots) {
        if (slot.name != container)
            continue;
        // --previous reads the instance the status names in lastState: the one that just ended once the
        // container waits to restart (CrashLoopBackOff), the one before it otherwise.
        const bool currentIsLast = slot.current && !slot.current->running() && !slot.waitingReason.empty();
        const auto& instance = !previous ? slot.current : currentIsLast ? slot.current : slot.previous;
        if (!instance) {
            *error = previous ? "previous terminated container " + quote(slot.name) + " in pod " + quote(state->name()) +
                                    " not found"
                              : "container " + quote(slot.name) + " in pod " + quote(state->name()) +
                                    " is waiting to start: " + (slot.waitingReason.empty() ? "ContainerCreating"
                                                                                           : slot.waitingReason);
            return std::nullopt;
        }
        // Parked probe runs may have written to it (an access log): read a copy with them added.
        const size_t index = size_t(&slot - state->containerSlots.data());
        std::optional<runtime::Container> withParked;
        for (const ContainerSlot& other : state->containerSlots)
            for (ProbeKind kind : {ProbeKind::Liveness, ProbeKind::Readiness, ProbeKind::Startup}) {
                const ProbeWorker& w = other.probes[size_t(kind)];
                const auto& probe = probeOf(specOf(*state, other), kind);
                if (!w.parked() || w.echoSlot != index || !w.echo.accessLine || !probe || &instance != &slot.current)
                    continue;
                const SimTime period = probePeriod(*probe);
                if (const uint64_t runs = w.parkedRunsUpTo(now, period)) {
                    if (!withParked)
                        withParked = *instance;
                    withParked->repeat(w.echo, w.parkedAt + period, period, runs);
                }
            }
        return withParked ? withParked->logs() : instance->logs();
    }
    *error = "container " + std::string(container) + " is not valid for pod " + state->name();
    return std::nullopt;
}

bool Kubelet::crashContainer(std::string_view uid, std::string_view container, int exitCode, KubeletContext& ctx)
{
    PodState* state = findByUid(uid);
    if (!state)
        return false;
    catchUp(*state, ctx);
    for (size_t s = 0; s < state->containerSlots.size(); ++s) {
        ContainerSlot& slot = state->containerSlots[s];
        if (slot.name != container || !slot.current || !slot.current->running())
            continue;
        PodEnvironment env(*this, *state, specOf(*state, slot), ctx);
        // The fault: the main process dies as if killed, with the code the teacher chose (137 for SIGKILL).
        slot.current->signal(exitCode >= 128 ? exitCode - 128 : shell::kSigKill, env);
        if (!slot.current->running())
            containerExited(*state, s, ctx);
        return true;
    }
    return false;
}

std::optional<shell::HttpResponse> Kubelet::serveHttp(std::string_view uid, int port, const shell::HttpRequest& request,
                                                      std::string_view peer, KubeletContext& ctx)
{
    PodState* state = findByUid(uid);
    if (!state)
        return std::nullopt;
    // A static file served again (the same answer, a line in the access log) changes nothing parked probes
    // depend on: they stay parked.
    catchUp(*state, ctx, false);
    runtime::RunEcho echo;
    auto response = serveHttp(*state, port, request, peer, ctx, &echo);
    if (!echo.repeatable)
        catchUp(*state, ctx, true);
    return response;
}

std::string Kubelet::podGateway(KubeletContext& ctx)
{
    // Probes ask on every run: worked out once, when the node has its pod CIDR.
    if (!m_podGateway.empty())
        return m_podGateway;
    const auto node = ctx.cluster.store.get<api::Node>("", nodeName());
    if (!node)
        return "127.0.0.1";
    const std::string& cidr = node->spec.podCIDR;
    if (const size_t dot = cidr.rfind('.'); dot != std::string::npos && cidr.find('/') != std::string::npos)
        return m_podGateway = cidr.substr(0, dot) + ".1";
    for (const api::NodeAddress& a : node->status.addresses)
        if (a.type == "InternalIP")
            return a.address;
    return "127.0.0.1";
}

std::optional<shell::HttpResponse> Kubelet::serveHttp(PodState& state, int port, const shell::HttpRequest& request,
                                                      std::string_view peer, KubeletContext& ctx,
                                                      runtime::RunEcho* echo, size_t* echoSlot)
{
    for (size_t s = 0; s < state.containerSlots.size(); ++s) {
        ContainerSlot& slot = state.containerSlots[s];
        if (!slot.current || !slot.current->running() || !slot.current->listens(port))
            continue;
        PodEnvironment env(*this, state, specOf(state, slot), ctx);
        env.setPeer(peer);
        auto response = slot.current->serveHttp(port, request, env, echo);
        if (echoSlot)
            *echoSlot = s;
        armWake(state, s, slot.current->wake(env), ctx);
        if (!slot.current->running())
            containerExited(state, s, ctx);
        return response;
    }
    return std::nullopt;
}

bool Kubelet::listens(std::string_view uid, int port) const
{
    const PodState* state = podState(uid);
    return state && listens(*state, port);
}

bool Kubelet::listens(const PodState& state, int port) const
{
    return std::any_of(state.containerSlots.begin(), state.containerSlots.end(), [&](const ContainerSlot& slot) {
        return slot.current && slot.current->running() && slot.current->listens(port);
    });
}

std::string Kubelet::grpcHealth(std::string_view uid, int port, const std::string& service, KubeletContext& ctx)
{
    PodState* state = findByUid(uid);
    if (!state)
        return {};
    catchUp(*state, ctx);
    for (ContainerSlot& slot : state->containerSlots) {
        if (!slot.current || !slot.current->running() || !slot.current->listens(port))
            continue;
        PodEnvironment env(*this, *state, specOf(*state, slot), ctx);
        return slot.current->grpcHealth(port, service, env);
    }
    return {};
}

} // namespace podlab::sim
