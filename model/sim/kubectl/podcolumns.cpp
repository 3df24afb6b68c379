#include "podcolumns.h"

#include "humanduration.h"

#include <map>

namespace podlab::sim::kubectl {

namespace {

bool conditionIsTrue(const api::PodStatus& status, const char* type)
{
    for (const auto& c : status.conditions)
        if (c.type == type)
            return c.status == "True";
    return false;
}

} // namespace

PodColumns podColumns(const api::Pod& pod, const api::Time& now)
{
    const api::PodStatus& status = pod.status;
    int64_t restarts = 0;
    int64_t sidecarRestarts = 0;
    int totalContainers = int(pod.spec.containers.size());
    int readyContainers = 0;
    api::Time lastRestart;
    api::Time lastSidecarRestart;
    // Later finishes win; a null time is Go's zero time, before everything.
    auto later = [](api::Time& latest, const api::ContainerStatus& s) {
        if (s.lastState.terminated && s.lastState.terminated->finishedAt > latest)
            latest = s.lastState.terminated->finishedAt;
    };

    std::string reason = status.phase;
    if (!status.reason.empty())
        reason = status.reason;
    for (const auto& c : status.conditions)
        if (c.type == "PodScheduled" && c.reason == "SchedulingGated")
            reason = "SchedulingGated";

    std::map<std::string, const api::Container*> initContainers;
    for (const auto& c : pod.spec.initContainers) {
        initContainers[c.name] = &c;
        if (c.isSidecar())
            ++totalContainers;
    }
    auto isSidecar = [&](const std::string& name) {
        auto it = initContainers.find(name);
        return it != initContainers.end() && it->second->isSidecar();
    };

    bool initializing = false;
    for (size_t i = 0; i < status.initContainerStatuses.size(); ++i) {
        const api::ContainerStatus& c = status.initContainerStatuses[i];
        restarts += c.restartCount;
        later(lastRestart, c);
        if (isSidecar(c.name)) {
            sidecarRestarts += c.restartCount;
            later(lastSidecarRestart, c);
        }
        if (c.state.terminated && c.state.terminated->exitCode == 0)
            continue;
        if (isSidecar(c.name) && c.started.value_or(false)) {
            if (c.ready)
                ++readyContainers;
            continue;
        }
        if (c.state.terminated) {
            const auto& t = *c.state.terminated;
            if (t.reason.empty())
                reason = t.signal != 0 ? "Init:Signal:" + std::to_string(t.signal)
                                       : "Init:ExitCode:" + std::to_string(t.exitCode);
            else
                reason = "Init:" + t.reason;
        } else if (c.state.waiting && !c.state.waiting->reason.empty() &&
                   c.state.waiting->reason != "PodInitializing") {
            reason = "Init:" + c.state.waiting->reason;
        } else {
            reason = "Init:" + std::to_string(i) + "/" + std::to_string(pod.spec.initContainers.size());
        }
        initializing = true;
        break;
    }

    if (!initializing || conditionIsTrue(status, "Initialized")) {
        restarts = sidecarRestarts;
        lastRestart = lastSidecarRestart;
        bool hasRunning = false;
        // From the last container to the first, so that the first one's reason wins.
        for (auto it = status.containerStatuses.rbegin(); it != status.containerStatuses.rend(); ++it) {
            const api::ContainerStatus& c = *it;
            restarts += c.restartCount;
            later(lastRestart, c);
            if (c.state.waiting && !c.state.waiting->reason.empty()) {
                reason = c.state.waiting->reason;
            } else if (c.state.terminated && !c.state.terminated->reason.empty()) {
                reason = c.state.terminated->reason;
            } else if (c.state.terminated) {
                const auto& t = *c.state.terminated;
                reason = t.signal != 0 ? "Signal:" + std::to_string(t.signal)
                                       : "ExitCode:" + std::to_string(t.exitCode);
            } else if (c.ready && c.state.running) {
                hasRunning = true;
                ++readyContainers;
            }
        }
        if (reason == "Completed" && hasRunning)
            reason = conditionIsTrue(status, "Ready") ? "Running" : "NotReady";
    }

    if (pod.metadata.deletionTimestamp && status.reason == "NodeLost")
        reason = "Unknown";
    else if (pod.metadata.deletionTimestamp && status.phase != "Succeeded" && status.phase != "Failed")
        reason = "Terminating";

    PodColumns row;
    row.name = pod.metadata.name;
    row.ready = std::to_string(readyContainers) + "/" + std::to_string(totalContainers);
    row.status = reason;
    row.restarts = std::to_string(restarts);
    if (restarts != 0 && !lastRestart.isNull())
        row.restarts += " (" + ageSince(lastRestart, now) + " ago)";
    row.age = ageSince(pod.metadata.creationTimestamp, now);

    row.ip = !status.podIPs.empty() ? status.podIPs.front().ip : status.podIP;
    if (row.ip.empty())
        row.ip = "<none>";
    row.node = pod.spec.nodeName.empty() ? "<none>" : pod.spec.nodeName;
    row.nominatedNode = status.nominatedNodeName.empty() ? "<none>" : status.nominatedNodeName;
    row.readinessGates = "<none>";
    if (!pod.spec.readinessGates.empty()) {
        int trueGates = 0;
        for (const auto& gate : pod.spec.readinessGates) {
            for (const auto& c : status.conditions) {
                if (c.type == gate.conditionType) {
                    if (c.status == "True")
                        ++trueGates;
                    break;
                }
            }
        }
        row.readinessGates = std::to_string(trueGates) + "/" + std::to_string(pod.spec.readinessGates.size());
    }
    return row;
}

std::string podStatusReason(const api::Pod& pod)
{
    return podColumns(pod, api::Time::fromMillis(0)).status;
}

} // namespace podlab::sim::kubectl
