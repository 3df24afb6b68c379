#include "containerstatuses.h"

namespace podlab::sim {

const api::ContainerStatus* findContainerStatus(const api::PodStatus& status, std::string_view name)
{
    for (const auto& s : status.initContainerStatuses)
        if (s.name == name)
            return &s;
    for (const auto& s : status.containerStatuses)
        if (s.name == name)
            return &s;
    return nullptr;
}

bool hasAnyRegularContainerStarted(const api::PodSpec& spec, const api::PodStatus& status)
{
    for (const auto& c : spec.containers) {
        const api::ContainerStatus* s = findContainerStatus(status, c.name);
        if (s && (s->state.running || s->state.terminated))
            return true;
    }
    return false;
}

const char* defaultWaitingReason(const api::PodSpec& spec)
{
    return spec.initContainers.empty() ? "ContainerCreating" : "PodInitializing";
}

} // namespace podlab::sim
