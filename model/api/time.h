#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::api {

// A metav1.Time: an instant, or null (Go's zero time, which Kubernetes writes as `null`). Kept in
// milliseconds since the Unix epoch because simulated time is in milliseconds; written at second precision
// in RFC 3339, as the API server writes it.
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

    bool isNull() const { return !m_ms.has_value(); }
    int64_t millis() const { return m_ms.value_or(0); }
    std::string toString() const; // "2026-01-01T00:00:00Z", or "" when null

    bool operator==(const Time&) const = default;
    auto operator<=>(const Time&) const = default;

private:
    std::optional<int64_t> m_ms;
};

} // namespace podlab::api
