#include "restartbackoff.h"

#include <algorithm>

namespace podlab::sim {

SimTime RestartBackoff::next(const std::string& key, SimTime eventTime)
{
    auto [it, added] = m_entries.try_emplace(key);
    Entry& e = it->second;
    if (added || hasExpired(eventTime, e.lastUpdate))
        e.backoff = m_initial;
    else
        e.backoff = std::min(e.backoff * 2, m_maximum);
    e.lastUpdate = eventTime;
    return e.backoff;
}

bool RestartBackoff::isInBackOffSince(const std::string& key, SimTime eventTime, SimTime now) const
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || hasExpired(eventTime, it->second.lastUpdate))
        return false;
    return now - eventTime < it->second.backoff;
}

bool RestartBackoff::isInBackOffSinceUpdate(const std::string& key, SimTime now) const
{
    const auto it = m_entries.find(key);
    if (it == m_entries.end() || hasExpired(now, it->second.lastUpdate))
        return false;
    return now - it->second.lastUpdate < it->second.backoff;
}

SimTime RestartBackoff::current(const std::string& key) const
{
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? 0 : it->second.backoff;
}

SimTime RestartBackoff::lastUpdate(const std::string& key) const
{
    const auto it = m_entries.find(key);
    return it == m_entries.end() ? 0 : it->second.lastUpdate;
}

void RestartBackoff::gc(SimTime now)
{
    std::erase_if(m_entries, [&](const auto& kv) { return hasExpired(now, kv.second.lastUpdate); });
}

} // namespace podlab::sim
