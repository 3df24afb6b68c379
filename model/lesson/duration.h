#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::lesson {

// A span of simulated time written as Go writes durations ("40s", "1m30s", "500ms", "2h"), as kubectl and
// Kubernetes docs do.
struct Duration {
    int64_t millis = 0;
    static std::optional<Duration> parse(std::string_view text);
    std::string toString() const; // "1m30s", "500ms", "0s"
    bool operator==(const Duration&) const = default;
};

} // namespace podlab::lesson
