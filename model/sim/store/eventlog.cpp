#include "eventlog.h"

#include <algorithm>
#include <cstdio>
#include <functional>

namespace podlab::sim {

bool EventLog::sameEvent(const Entry& e, const Record& r) const
{
    return text(e.involvedUid) == r.involvedObject.uid && text(e.involvedName) == r.involvedObject.name &&
           text(e.namespace_) == r.involvedObject.namespace_ && text(e.involvedKind) == r.involvedObject.kind &&
           text(e.fieldPath) == r.involvedObject.fieldPath && text(e.type) == r.type && text(e.reason) == r.reason &&
           text(e.message) == r.message && text(e.component) == r.component && text(e.host) == r.host;
}

uint64_t EventLog::record(const Record& r, uint64_t resourceVersion)
{
    // Only an event about the same object can be counted again, so that object's few events are the only
    // candidates. (Events about no object in particular, with no uid, all share one list.) Every string of
    // a live event is in the pool: a uid the pool does not know is a new object.
    const Id uid = m_strings.find(r.involvedObject.uid);
    // A message the pool does not hold belongs to no live event, so nothing can be counted again: a
    // ReplicaSet's thousands of "Created pod: <name>" events are not each compared with all the others.
    const bool knownMessage = r.message.empty() || m_strings.find(r.message) != 0;
    if (knownMessage && (uid != 0 || r.involvedObject.uid.empty())) {
        if (const auto it = m_byUid.find(uid); it != m_byUid.end()) {
            for (uint64_t id : it->second) {
                Entry& e = m_events[id - m_firstId];
                if (sameEvent(e, r)) {
                    ++e.count;
                    e.lastMillis = r.time.millis();
                    e.resourceVersion = resourceVersion;
                    return id;
                }
            }
        }
    }
    Entry e{};
    e.namespace_ = m_strings.acquire(r.involvedObject.namespace_);
    e.involvedName = m_strings.acquire(r.involvedObject.name);
    e.involvedKind = m_strings.acquire(r.involvedObject.kind);
    e.involvedApiVersion = m_strings.acquire(r.involvedObject.apiVersion);
    e.involvedUid = m_strings.acquire(r.involvedObject.uid);
    e.fieldPath = m_strings.acquire(r.involvedObject.fieldPath);
    e.type = m_strings.acquire(r.type);
    e.reason = m_strings.acquire(r.reason);
    e.message = m_strings.acquire(r.message);
    e.component = m_strings.acquire(r.component);
    e.host = m_strings.acquire(r.host);
    e.count = 1;
    e.involvedResourceVersion = r.involvedObject.resourceVersion;
    e.firstMillis = e.lastMillis = r.time.millis();
    // Nanoseconds since the epoch, kept unique (several events can share a simulated millisecond).
    e.nameSuffix = std::max(uint64_t(r.time.millis()) * 1'000'000, m_lastSuffix + 1);
    m_lastSuffix = e.nameSuffix;
    e.resourceVersion = resourceVersion;
    const uint64_t id = m_firstId + m_events.size();
    m_byUid[e.involvedUid].push_back(id);
    m_events.push_back(std::move(e));
    return id;
}

api::Event EventLog::toApi(uint64_t id) const
{
    const Entry& e = m_events.at(id - m_firstId);
    api::Event ev;
    char suffix[24];
    std::snprintf(suffix, sizeof suffix, ".%llx", static_cast<unsigned long long>(e.nameSuffix));
    ev.metadata.name = text(e.involvedName) + suffix;
    // The event recorder files events about cluster-scoped objects (nodes) under "default".
    ev.metadata.namespace_ = text(e.namespace_);
    if (ev.metadata.namespace_.empty())
        ev.metadata.namespace_ = "default";
    ev.metadata.resourceVersion = std::to_string(e.resourceVersion);
    ev.metadata.creationTimestamp = api::Time::fromMillis(e.firstMillis);
    // A stable, unique uid derived from the name, so that reading an event twice gives the same object.
    char uid[40];
    const uint64_t a = std::hash<std::string>()(ev.metadata.name), b = e.nameSuffix * 0x9E3779B97F4A7C15ull;
    std::snprintf(uid, sizeof uid, "%08llx-%04llx-4%03llx-8%03llx-%012llx", (unsigned long long)(a >> 32),
                  (unsigned long long)((a >> 16) & 0xFFFF), (unsigned long long)(a & 0xFFF),
                  (unsigned long long)((b >> 52) & 0xFFF), (unsigned long long)(b & 0xFFFFFFFFFFFFull));
    ev.metadata.uid = uid;
    ev.involvedObject.kind = text(e.involvedKind);
    ev.involvedObject.namespace_ = text(e.namespace_);
    ev.involvedObject.name = text(e.involvedName);
    ev.involvedObject.uid = text(e.involvedUid);
    ev.involvedObject.apiVersion = text(e.involvedApiVersion);
    ev.involvedObject.resourceVersion = e.involvedResourceVersion;
    ev.involvedObject.fieldPath = text(e.fieldPath);
    ev.reason = text(e.reason);
    ev.message = text(e.message);
    ev.source.component = text(e.component);
    ev.source.host = text(e.host);
    ev.firstTimestamp = api::Time::fromMillis(e.firstMillis);
    ev.lastTimestamp = api::Time::fromMillis(e.lastMillis);
    ev.count = e.count;
    ev.type = text(e.type);
    ev.unmodelled["eventTime"] = api::Value(); // core/v1 events from the recorder carry eventTime: null
    return ev;
}

std::vector<uint64_t> EventLog::ids() const
{
    std::vector<uint64_t> out(m_events.size());
    for (size_t i = 0; i < out.size(); ++i)
        out[i] = m_firstId + i;
    return out;
}

std::vector<uint64_t> EventLog::idsFor(std::string_view uid) const
{
    std::vector<uint64_t> out;
    const Id key = m_strings.find(uid);
    if (key == 0 && !uid.empty())
        return out;
    if (auto it = m_byUid.find(key); it != m_byUid.end())
        for (uint64_t id : it->second)
            if (contains(id))
                out.push_back(id);
    return out;
}

void EventLog::expireBefore(api::Time cutoff)
{
    // An event lives an hour after its last occurrence; the log drops from its old end only, so an old event
    // that keeps recurring holds back younger expired ones until it expires itself.
    while (!m_events.empty() && m_events.front().lastMillis < cutoff.millis()) {
        const Entry& e = m_events.front();
        auto& sameUid = m_byUid[e.involvedUid];
        std::erase(sameUid, m_firstId);
        if (sameUid.empty())
            m_byUid.erase(e.involvedUid);
        for (Id id : {e.namespace_, e.involvedName, e.involvedKind, e.involvedApiVersion, e.involvedUid, e.fieldPath,
                      e.type, e.reason, e.message, e.component, e.host})
            m_strings.release(id);
        m_events.pop_front();
        ++m_firstId;
    }
}

} // namespace podlab::sim
