#pragma once

#include <cstdint>

namespace podlab::sim {

// Simulated time: milliseconds since the scenario's start instant. An integer, so that the same inputs give
// the same event order on every machine.
using SimTime = int64_t;

constexpr SimTime kMillisecond = 1;
constexpr SimTime kSecond = 1000;
constexpr SimTime kMinute = 60 * kSecond;
constexpr SimTime kHour = 60 * kMinute;

constexpr SimTime seconds(int64_t s) { return s * kSecond; }

} // namespace podlab::sim
