#pragma once

#include "api/time.h"

#include <cstdint>
#include <string>

namespace podlab::sim::kubectl {

// apimachinery's duration.HumanDuration: about two significant figures ("95s", "3m7s", "150m", "5h12m",
// "3d4h").
std::string humanDuration(int64_t milliseconds);

// The AGE of a timestamp as kubectl prints it (translateTimestampSince): "<unknown>" for a null time.
std::string ageSince(const api::Time& timestamp, const api::Time& now);

// A timestamp in Go's RFC1123Z layout, in UTC: "Mon, 02 Jan 2006 15:04:05 +0000"; a null time prints as Go's
// zero time does, "Mon, 01 Jan 0001 00:00:00 +0000".
std::string rfc1123z(const api::Time& timestamp);

} // namespace podlab::sim::kubectl
