#pragma once

#include <cstdint>

namespace podlab::sim::fs {

// A UTC calendar date and time, from epoch milliseconds. Containers in PodLab run in UTC (TZ unset), so
// `ls -l` and `date` need nothing else.
struct CivilTime {
    int year = 1970;
    int month = 1; // 1..12
    int day = 1;   // 1..31
    int hour = 0;
    int minute = 0;
    int second = 0;
    int millis = 0;
    int weekday = 4; // 0 = Sunday; 1 Jan 1970 was a Thursday

    static CivilTime fromEpochMs(int64_t epochMs);
    // Inverse of fromEpochMs (fields out of range are normalised arithmetically).
    int64_t toEpochMs() const;

    static const char* monthAbbrev(int month); // "Jan"
    static const char* weekdayAbbrev(int weekday); // "Thu"
};

} // namespace podlab::sim::fs
