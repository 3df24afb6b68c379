#include "podphase.h"

#include "containerstatuses.h"

namespace podlab::sim {

std::string podPhase(const api::PodSpec& spec, const api::PodStatus& status, PodTermination termination,
                     PodInitialization initialization)
{
    int pendingRegularInit = 0;
    int pendingSidecars = 0;
    int failedInit = 0;
    for (const auto& c : spec.initContainers) {
        if (c.isSidecar())
            continue;
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (!s || s->state.running) {
            ++pendingRegularInit;
        } else if (s->state.terminated) {
            if (s->state.terminated->exitCode != 0)
                ++failedInit;
        } else if (s->state.waiting) {
            if (!hasPreviousTermination(*s))
                ++pendingRegularInit;
            else if (s->lastState.terminated->exitCode != 0)
                ++failedInit;
        } else {
            ++pendingRegularInit;
        }
    }

    int unknown = 0;
    int running = 0;
    int waiting = 0;
    int stopped = 0;
    int succeeded = 0;
    for (const auto& c : spec.initContainers) {
        if (!c.isSidecar())
            continue;
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (!s) {
            ++unknown;
        } else if (s->state.running) {
            if (!s->started.value_or(false))
                ++pendingSidecars;
            ++running;
        } else if (s->state.terminated) {
            // A stopped sidecar never decides the phase: the pod's outcome is its regular containers'.
        } else if (s->state.waiting) {
            if (!hasPreviousTermination(*s)) {
                ++pendingSidecars;
                ++waiting;
            }
        } else {
            ++pendingSidecars;
            ++unknown;
        }
    }
    for (const auto& c : spec.containers) {
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (!s) {
            ++unknown;
        } else if (s->state.running) {
            ++running;
        } else if (s->state.terminated) {
            ++stopped;
            if (s->state.terminated->exitCode == 0)
                ++succeeded;
        } else if (s->state.waiting) {
            // Waiting after a termination is a restart in progress: stopped, but never a success.
            if (hasPreviousTermination(*s))
                ++stopped;
            else
                ++waiting;
        } else {
            ++unknown;
        }
    }

    if (failedInit > 0 && spec.restartPolicy == "Never")
        return kPodFailed;
    const bool initialized = initialization == PodInitialization::RegularContainerStarted;
    if (pendingRegularInit > 0 || (pendingSidecars > 0 && !initialized) || waiting > 0)
        return kPodPending;
    if (running > 0 && unknown == 0)
        return kPodRunning;
    if (running == 0 && stopped > 0 && unknown == 0) {
        if (termination == PodTermination::Terminal)
            return stopped == succeeded ? kPodSucceeded : kPodFailed;
        if (spec.restartPolicy == "Always")
            return kPodRunning;
        if (stopped == succeeded)
            return kPodSucceeded;
        if (spec.restartPolicy == "Never")
            return kPodFailed;
        return kPodRunning; // OnFailure: the failed containers are being restarted
    }
    return kPodPending;
}

std::string stickyPhase(const std::string& computed, const std::string& cachedPhase,
                        const std::string& apiPhase)
{
    if (isTerminalPhase(apiPhase))
        return apiPhase;
    if (!isTerminalPhase(computed) && isTerminalPhase(cachedPhase))
        return cachedPhase;
    return computed;
}

} // namespace podlab::sim
