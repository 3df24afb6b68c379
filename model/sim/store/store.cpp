#include "store.h"

namespace podlab::sim {

uint64_t Store::recordEvent(const EventLog::Record& record)
{
    const uint64_t id = m_events.record(record, ++m_resourceVersion);
    Change c;
    c.type = Change::Type::Added;
    c.kind = Kind::Event;
    c.eventId = id;
    c.resourceVersion = m_resourceVersion;
    m_changes.push_back(c);
    return id;
}

void Store::shrink(api::Pod& pod)
{
    api::PodStatus& status = pod.status;
    status.conditions.shrink_to_fit();
    status.containerStatuses.shrink_to_fit();
    status.initContainerStatuses.shrink_to_fit();
    status.hostIPs.shrink_to_fit();
    status.podIPs.shrink_to_fit();
    pod.spec.tolerations.shrink_to_fit();
}

std::vector<Change> Store::takeChanges()
{
    std::vector<Change> out;
    out.swap(m_changes);
    return out;
}

} // namespace podlab::sim
