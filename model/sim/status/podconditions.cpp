#include "podconditions.h"

#include "containerstatuses.h"
#include "podphase.h"

namespace podlab::sim {

namespace {

constexpr const char* kUnknownContainerStatuses = "UnknownContainerStatuses";
constexpr const char* kPodCompleted = "PodCompleted";
constexpr const char* kPodFailedReason = "PodFailed";
constexpr const char* kContainersNotReady = "ContainersNotReady";
constexpr const char* kContainersNotInitialized = "ContainersNotInitialized";
constexpr const char* kReadinessGatesNotReady = "ReadinessGatesNotReady";

api::PodCondition condition(const char* type, const char* status, std::string reason = {},
                            std::string message = {})
{
    api::PodCondition c;
    c.type = type;
    c.status = status;
    c.reason = std::move(reason);
    c.message = std::move(message);
    return c;
}

// Go passes the kubelet's statuses as one appended slice, which is nil only when both lists are empty.
bool noStatuses(const api::PodStatus& status)
{
    return status.initContainerStatuses.empty() && status.containerStatuses.empty();
}

std::string joinMessages(const std::vector<std::string>& parts)
{
    std::string out;
    for (const auto& p : parts) {
        if (!out.empty())
            out += ", ";
        out += p;
    }
    return out;
}

const api::PodCondition* findCondition(const std::vector<api::PodCondition>& conditions,
                                       const std::string& type)
{
    for (const auto& c : conditions)
        if (c.type == type)
            return &c;
    return nullptr;
}

} // namespace

bool isKubeletOwnedCondition(const std::string& type)
{
    return type == kPodReadyToStartContainers || type == kPodInitialized || type == kPodReady ||
           type == kContainersReady || type == kPodScheduled;
}

std::string goStringList(const std::vector<std::string>& items)
{
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) {
        if (i > 0)
            out += ' ';
        out += items[i];
    }
    return out + "]";
}

api::PodCondition readyToStartContainersCondition(SandboxState sandbox)
{
    return condition(kPodReadyToStartContainers, sandbox == SandboxState::Ready ? "True" : "False");
}

api::PodCondition initializedCondition(const api::PodSpec& spec, const api::PodStatus& status)
{
    if (noStatuses(status) && !spec.initContainers.empty())
        return condition(kPodInitialized, "False", kUnknownContainerStatuses);

    std::vector<std::string> unknown;
    std::vector<std::string> incomplete;
    for (const auto& c : spec.initContainers) {
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (!s) {
            unknown.push_back(c.name);
            continue;
        }
        // A sidecar has done its part once started; a regular init container once it succeeded (ready).
        const bool done = c.isSidecar() ? s->started.value_or(false) : s->ready;
        if (!done)
            incomplete.push_back(c.name);
    }
    if (status.phase == kPodSucceeded && unknown.empty())
        return condition(kPodInitialized, "True", kPodCompleted);
    if (hasAnyRegularContainerStarted(spec, status))
        return condition(kPodInitialized, "True");

    std::vector<std::string> messages;
    if (!unknown.empty())
        messages.push_back("containers with unknown status: " + goStringList(unknown));
    if (!incomplete.empty())
        messages.push_back("containers with incomplete status: " + goStringList(incomplete));
    if (!messages.empty())
        return condition(kPodInitialized, "False", kContainersNotInitialized, joinMessages(messages));
    return condition(kPodInitialized, "True");
}

api::PodCondition containersReadyCondition(const api::PodSpec& spec, const api::PodStatus& status)
{
    if (noStatuses(status))
        return condition(kContainersReady, "False", kUnknownContainerStatuses);

    std::vector<std::string> unknown;
    std::vector<std::string> unready;
    auto check = [&](const api::Container& c) {
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (!s)
            unknown.push_back(c.name);
        else if (!s->ready)
            unready.push_back(c.name);
    };
    for (const auto& c : spec.initContainers)
        if (c.isSidecar())
            check(c);
    for (const auto& c : spec.containers)
        check(c);

    if (status.phase == kPodSucceeded && unknown.empty())
        return condition(kContainersReady, "False", kPodCompleted);
    // A failed pod's containers may still be terminating: it is never ready, whatever they report.
    if (status.phase == kPodFailed)
        return condition(kContainersReady, "False", kPodFailedReason);

    std::vector<std::string> messages;
    if (!unknown.empty())
        messages.push_back("containers with unknown status: " + goStringList(unknown));
    if (!unready.empty())
        messages.push_back("containers with unready status: " + goStringList(unready));
    if (!messages.empty())
        return condition(kContainersReady, "False", kContainersNotReady, joinMessages(messages));
    return condition(kContainersReady, "True");
}

api::PodCondition readyCondition(const api::PodSpec& spec, const api::PodStatus& status,
                                 const std::vector<api::PodCondition>& conditions)
{
    const api::PodCondition containersReady = containersReadyCondition(spec, status);
    if (containersReady.status != "True") {
        api::PodCondition ready = containersReady;
        ready.type = kPodReady;
        return ready;
    }
    std::vector<std::string> messages;
    for (const auto& gate : spec.readinessGates) {
        const api::PodCondition* c = findCondition(conditions, gate.conditionType);
        if (!c)
            messages.push_back("corresponding condition of pod readiness gate \"" + gate.conditionType +
                               "\" does not exist.");
        else if (c->status != "True")
            messages.push_back("the status of pod readiness gate \"" + gate.conditionType +
                               "\" is not \"True\", but " + c->status);
    }
    if (!messages.empty())
        return condition(kPodReady, "False", kReadinessGatesNotReady, joinMessages(messages));
    return condition(kPodReady, "True");
}

std::vector<api::PodCondition> kubeletPodConditions(const api::PodSpec& spec, const api::PodStatus& status,
                                                    const std::vector<api::PodCondition>& previous,
                                                    SandboxState sandbox, api::Time now)
{
    std::vector<api::PodCondition> out;
    for (const auto& c : previous)
        if (!isKubeletOwnedCondition(c.type))
            out.push_back(c);

    // Each new condition keeps the previous transition time while its status holds (the status manager's
    // updateLastTransitionTime).
    auto append = [&](api::PodCondition c) {
        const api::PodCondition* old = findCondition(previous, c.type);
        c.lastTransitionTime = old && old->status == c.status ? old->lastTransitionTime : now;
        out.push_back(std::move(c));
    };
    append(readyToStartContainersCondition(sandbox));
    append(initializedCondition(spec, status));
    append(readyCondition(spec, status, out));
    append(containersReadyCondition(spec, status));
    append(condition(kPodScheduled, "True"));
    return out;
}

} // namespace podlab::sim
