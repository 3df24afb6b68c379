#pragma once

#include "stringpool.h"

#include "api/event.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace podlab::sim {

// The cluster's Events, stored compactly: a big cluster records hundreds of thousands of them, and each
// api::Event is over a kilobyte. Their strings (namespaces, names, reasons, messages, components) live in a
// pool, once each, for as long as an event holds them; an api::Event is built only when someone reads one. Recording the same event again for the same object (same
// reason, message, type and source) counts it, as client-go's event correlator does, so `kubectl describe`
// shows "(x3 over 20s)". Events expire an hour after their last occurrence, as with the API server's
// default --event-ttl.
class EventLog {
public:
    struct Record {
        api::ObjectReference involvedObject;
        std::string type; // Normal or Warning
        std::string reason;
        std::string message;
        std::string component; // source.component: kubelet, default-scheduler, …
        std::string host;      // source.host: the node, for kubelet events
        api::Time time;
    };

    // Returns the event's id (stable while it lives; the same id when an existing event was counted again).
    uint64_t record(const Record& record, uint64_t resourceVersion);

    size_t size() const { return m_events.size(); }
    bool contains(uint64_t id) const { return id >= m_firstId && id < m_firstId + m_events.size(); }
    api::Event toApi(uint64_t id) const;
    // Ids of the live events, oldest first.
    std::vector<uint64_t> ids() const;
    // Ids of the live events about one object (by uid, as kubectl describe asks), oldest first.
    std::vector<uint64_t> idsFor(std::string_view uid) const;
    // Drops events last seen before `cutoff`.
    void expireBefore(api::Time cutoff);

    static constexpr int64_t kTtlMillis = 60 * 60 * 1000;

private:
    using Id = StringPool::Id;
    struct Entry {
        Id namespace_, involvedName, involvedKind, involvedApiVersion, involvedUid, fieldPath;
        Id type, reason, message, component, host;
        int32_t count;
        std::string involvedResourceVersion;
        int64_t firstMillis, lastMillis;
        uint64_t nameSuffix; // the event's own name is "<involved name>.<hex of this>", as client-go names them
        uint64_t resourceVersion;
    };

    const std::string& text(Id id) const { return m_strings.text(id); }
    bool sameEvent(const Entry& e, const Record& r) const;

    std::deque<Entry> m_events;
    uint64_t m_firstId = 1; // id of m_events.front()
    StringPool m_strings;
    std::unordered_map<Id, std::vector<uint64_t>> m_byUid; // the involved object's uid -> ids of its live events
    uint64_t m_lastSuffix = 0;
};

} // namespace podlab::sim
