#pragma once

#include "meta.h"

#include <optional>
#include <string>

namespace podlab::api {

struct EventSource {
    std::string component;
    std::string host;
    bool operator==(const EventSource&) const = default;
};

// A core/v1 Event, as `kubectl describe` and `kubectl get events` read them.
struct Event {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Event";
    ObjectMeta metadata;
    ObjectReference involvedObject;
    std::string reason;
    std::string message;
    EventSource source;
    Time firstTimestamp;
    Time lastTimestamp;
    int32_t count = 0;
    std::string type; // Normal or Warning
    std::string action;
    std::optional<ObjectReference> related;
    std::string reportingComponent;
    std::string reportingInstance;
    Unmodelled unmodelled; // eventTime, series
    bool operator==(const Event&) const = default;
};

} // namespace podlab::api
