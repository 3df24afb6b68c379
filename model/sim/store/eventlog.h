#pragma once

#include "api/event.h"

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace podlab::sim {

// The cluster's Events, stored compactly: a big cluster records hundreds of thousands of them, and each
// api::Event is over a kilobyte. Repeated strings (namespaces, names, reasons, components) are interned; an
// api::Event is built only when someone reads one. Recording the same event again for the same object (same
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
    struct Entry {
        uint32_t namespace_, involvedName, involvedKind, involvedApiVersion, involvedUid, fieldPath;
        uint32_t type, reason, component, host;
        int32_t count;
        std::string message;
        std::string involvedResourceVersion;
        int64_t firstMillis, lastMillis;
        uint64_t nameSuffix; // the event's own name is "<involved name>.<hex of this>", as client-go names them
        uint64_t resourceVersion;
        uint64_t hash;
    };

    uint32_t intern(std::string_view s);
    const std::string& text(uint32_t id) const { return m_strings[id]; }
    static uint64_t hashOf(const Record& r);
    bool sameEvent(const Entry& e, const Record& r) const;

    std::deque<Entry> m_events;
    uint64_t m_firstId = 1; // id of m_events.front()
    std::vector<std::string> m_strings{std::string()};
    std::unordered_map<std::string, uint32_t> m_stringIds{{std::string(), 0}};
    std::unordered_map<uint64_t, std::vector<uint64_t>> m_byHash; // aggregation key -> ids
    std::unordered_map<std::string, std::vector<uint64_t>> m_byUid;
    uint64_t m_lastSuffix = 0;
};

} // namespace podlab::sim
