#include "store.h"

#include <algorithm>

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

template <class T>
void Store::intern(api::SharedVector<T>& list, std::vector<api::SharedVector<T>>& recent)
{
    constexpr size_t kRecent = 8;
    if (list.empty())
        return;
    for (size_t i = 0; i < recent.size(); ++i) {
        if (list.sharesWith(recent[i]))
            return;
        if (list == recent[i]) {
            list.shareWith(recent[i]);
            std::rotate(recent.begin(), recent.begin() + long(i), recent.begin() + long(i) + 1);
            return;
        }
    }
    if (recent.size() == kRecent)
        recent.pop_back();
    list.shrink_to_fit();
    recent.insert(recent.begin(), list);
}

void Store::compact(api::Pod& pod)
{
    api::PodStatus& status = pod.status;
    status.conditions.shrink_to_fit();
    status.containerStatuses.shrink_to_fit();
    status.initContainerStatuses.shrink_to_fit();
    status.hostIPs.shrink_to_fit();
    status.podIPs.shrink_to_fit();
    intern(pod.spec.containers, m_recentContainers);
    intern(pod.spec.initContainers, m_recentContainers);
    intern(pod.spec.tolerations, m_recentTolerations);
}

std::vector<Change> Store::takeChanges()
{
    std::vector<Change> out;
    out.swap(m_changes);
    return out;
}

} // namespace podlab::sim
