#pragma once

#include "sim/core/simtime.h"

#include <map>
#include <string>

namespace podlab::sim {

// client-go's flowcontrol.Backoff as the kubelet uses it, for crash loops (key: pod + container) and image
// pulls (key: pod + image): the first failure waits nothing and arms 10 s; each failure inside the window
// doubles it up to 300 s; an entry untouched for twice the maximum (10 minutes) is forgotten, so a container
// that ran cleanly that long starts again from the beginning.
class RestartBackoff {
public:
    RestartBackoff(SimTime initial = seconds(10), SimTime maximum = seconds(300))
        : m_initial(initial), m_maximum(maximum)
    {
    }

    // Records a failure at `eventTime` and returns the delay now in force.
    SimTime next(const std::string& key, SimTime eventTime);
    // Whether `now` is still inside the back-off that started at `eventTime` (the last container's finish).
    bool isInBackOffSince(const std::string& key, SimTime eventTime, SimTime now) const;
    // Whether `now` is inside the back-off counted from the entry's last update (image pulls).
    bool isInBackOffSinceUpdate(const std::string& key, SimTime now) const;
    // The delay in force for `key` (0 if none).
    SimTime current(const std::string& key) const;
    SimTime lastUpdate(const std::string& key) const;
    void reset(const std::string& key) { m_entries.erase(key); }
    // Drops entries untouched for 2 × maximum.
    void gc(SimTime now);

    bool operator==(const RestartBackoff&) const = default;

private:
    struct Entry {
        SimTime backoff = 0;
        SimTime lastUpdate = 0;
        bool operator==(const Entry&) const = default;
    };
    bool hasExpired(SimTime eventTime, SimTime lastUpdate) const { return eventTime - lastUpdate > 2 * m_maximum; }

    SimTime m_initial;
    SimTime m_maximum;
    std::map<std::string, Entry> m_entries;
};

} // namespace podlab::sim
