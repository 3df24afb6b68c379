#pragma once

#include "eventlog.h"
#include "kind.h"

#include <map>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace podlab::sim {

// What happened to one object, for whoever watches the store.
struct Change {
    enum class Type : uint8_t { Added, Modified, Deleted };
    Type type = Type::Added;
    Kind kind = Kind::Pod;
    ObjectPtr object;        // the new object, or the last one for Deleted; empty for events
    uint64_t eventId = 0;    // for Kind::Event: the event's id in the event log
    uint64_t resourceVersion = 0;
};

// The cluster's API objects (the API server's storage, etcd's part): one table per kind, objects immutable
// behind shared pointers, every write numbered by a cluster-wide resourceVersion and queued as a Change for
// the watchers. It stores what it is given; the API semantics (uids, timestamps, graceful deletion,
// validation, admission) sit above it. Events live in a compact log of their own (there are many).
class Store {
public:
    struct Key {
        std::string namespace_;
        std::string name;
        auto operator<=>(const Key&) const = default;
    };
    struct KeyView {
        std::string_view namespace_;
        std::string_view name;
    };
    struct KeyLess {
        using is_transparent = void;
        template <class A, class B>
        bool operator()(const A& a, const B& b) const
        {
            return std::tie(a.namespace_, a.name) < std::tie(b.namespace_, b.name);
        }
        bool operator()(const Key& a, const KeyView& b) const
        {
            return std::pair<std::string_view, std::string_view>(a.namespace_, a.name) <
                   std::pair(b.namespace_, b.name);
        }
        bool operator()(const KeyView& a, const Key& b) const
        {
            return std::pair(a.namespace_, a.name) <
                   std::pair<std::string_view, std::string_view>(b.namespace_, b.name);
        }
    };
    template <class T>
    using Table = std::map<Key, Ptr<T>, KeyLess>;

    template <class T>
    Ptr<T> get(std::string_view namespace_, std::string_view name) const
    {
        const Table<T>& t = table<T>();
        const auto it = t.find(KeyView{namespace_, name});
        return it == t.end() ? nullptr : it->second;
    }

    // Every object of a kind, ordered by namespace then name.
    template <class T>
    const Table<T>& all() const
    {
        return table<T>();
    }

    template <class T>
    std::vector<Ptr<T>> list(std::string_view namespace_) const
    {
        std::vector<Ptr<T>> out;
        const Table<T>& t = table<T>();
        for (auto it = t.lower_bound(KeyView{namespace_, {}}); it != t.end() && it->first.namespace_ == namespace_; ++it)
            out.push_back(it->second);
        return out;
    }

    // Stores the object (added, or replacing the one with its namespace and name), stamping the next
    // resourceVersion into its metadata.
    template <class T>
    Ptr<T> put(T object)
    {
        object.metadata.resourceVersion = std::to_string(++m_resourceVersion);
        compact(object);
        auto stored = std::make_shared<const T>(std::move(object));
        Table<T>& t = table<T>();
        const Key key{stored->metadata.namespace_, stored->metadata.name};
        auto [it, added] = t.try_emplace(key, stored);
        if (!added)
            it->second = stored;
        m_changes.push_back({added ? Change::Type::Added : Change::Type::Modified, kindOf<T>(), ObjectPtr(stored), 0,
                             m_resourceVersion});
        return stored;
    }

    template <class T>
    bool erase(std::string_view namespace_, std::string_view name)
    {
        Table<T>& t = table<T>();
        const auto it = t.find(KeyView{namespace_, name});
        if (it == t.end())
            return false;
        m_changes.push_back({Change::Type::Deleted, kindOf<T>(), ObjectPtr(it->second), 0, ++m_resourceVersion});
        t.erase(it);
        return true;
    }

    EventLog& events() { return m_events; }
    const EventLog& events() const { return m_events; }
    // Records (or counts again) an event, as the API server stores what an event recorder sends.
    uint64_t recordEvent(const EventLog::Record& record);

    uint64_t resourceVersion() const { return m_resourceVersion; }
    // The changes since the last call, in write order.
    std::vector<Change> takeChanges();
    bool hasChanges() const { return !m_changes.empty(); }

private:
    // A stored object never changes again, so room its lists keep for growth is memory held for nothing:
    // the kubelet builds a pod's conditions with push_back (five conditions in room for eight) and writes
    // a new status every time a probe flips. And the pods of one template (a ReplicaSet's, or the pods a
    // benchmark stamps out) have equal containers and tolerations, after admission gave each its own copy:
    // they share one list, as the versions of one pod already do.
    void compact(api::Pod& pod);
    template <class T>
    void compact(T&)
    {
    }
    // The lists of the pods stored last, newest first: a pod's list equal to one of them is shared with it.
    template <class T>
    void intern(api::SharedVector<T>& list, std::vector<api::SharedVector<T>>& recent);

    template <class T>
    Table<T>& table()
    {
        return std::get<Table<T>>(m_tables);
    }
    template <class T>
    const Table<T>& table() const
    {
        return std::get<Table<T>>(m_tables);
    }

    std::tuple<Table<api::Pod>, Table<api::Node>, Table<api::ConfigMap>, Table<api::Secret>,
               Table<api::ServiceAccount>, Table<api::Namespace>, Table<api::Deployment>, Table<api::ReplicaSet>,
               Table<api::Service>, Table<api::Endpoints>, Table<api::PodPreset>, Table<api::Lease>>
        m_tables; // no table for events: they live in m_events
    EventLog m_events;
    uint64_t m_resourceVersion = 0;
    std::vector<Change> m_changes;
    std::vector<api::SharedVector<api::Container>> m_recentContainers;
    std::vector<api::SharedVector<api::Toleration>> m_recentTolerations;
};

} // namespace podlab::sim
