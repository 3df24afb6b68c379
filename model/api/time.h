#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::api {

// A metav1.Time: an instant, or null (Go's zero time, which Kubernetes writes as `null`). Kept in
// milliseconds since the Unix epoch because simulated time is in milliseconds; written at second precision
// in RFC 3339, as the API server writes it. Eight bytes, null being the least int64_t (which orders it before
// every instant, as an empty std::optional would): a pod's status alone holds a dozen of them.
class Time {
public:
    Time() = default;
    static Time fromMillis(int64_t ms)
    {
        Time t;
        t.m_ms = ms;
        return t;
    }
    // RFC 3339 ("2026-01-01T00:00:00Z", fractions and offsets accepted); nullopt if malformed.
    static std::optional<Time> parse(std::string_view text);

    bool isNull() const { return m_ms == kNull; }
    int64_t millis() const { return isNull() ? 0 : m_ms; }
    std::string toString() const; // "2026-01-01T00:00:00Z", or "" when null

    bool operator==(const Time&) const = default;
    auto operator<=>(const Time&) const = default;

private:
    static constexpr int64_t kNull = INT64_MIN;
    int64_t m_ms = kNull;
};

} // namespace podlab::api
