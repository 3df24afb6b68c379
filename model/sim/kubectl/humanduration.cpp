#include "humanduration.h"

#include <chrono>
#include <cstdio>

namespace podlab::sim::kubectl {

std::string humanDuration(int64_t milliseconds)
{
    // Go truncates toward zero, as C++ integer division does; up to a second in the future still reads "0s".
    const int64_t seconds = milliseconds / 1000;
    if (seconds < -1)
        return "<invalid>";
    if (seconds < 0)
        return "0s";
    if (seconds < 120)
        return std::to_string(seconds) + "s";
    const int64_t minutes = seconds / 60;
    if (minutes < 10) {
        const int64_t s = seconds % 60;
        return s == 0 ? std::to_string(minutes) + "m"
                      : std::to_string(minutes) + "m" + std::to_string(s) + "s";
    }
    if (minutes < 60 * 3)
        return std::to_string(minutes) + "m";
    const int64_t hours = minutes / 60;
    if (hours < 8) {
        const int64_t m = minutes % 60;
        return m == 0 ? std::to_string(hours) + "h" : std::to_string(hours) + "h" + std::to_string(m) + "m";
    }
    if (hours < 48)
        return std::to_string(hours) + "h";
    if (hours < 24 * 8) {
        const int64_t h = hours % 24;
        const int64_t days = hours / 24;
        return h == 0 ? std::to_string(days) + "d" : std::to_string(days) + "d" + std::to_string(h) + "h";
    }
    if (hours < 24 * 365 * 2)
        return std::to_string(hours / 24) + "d";
    if (hours < 24 * 365 * 8) {
        const int64_t years = hours / 24 / 365;
        const int64_t days = (hours / 24) % 365;
        return days == 0 ? std::to_string(years) + "y"
                         : std::to_string(years) + "y" + std::to_string(days) + "d";
    }
    return std::to_string(hours / 24 / 365) + "y";
}

std::string ageSince(const api::Time& timestamp, const api::Time& now)
{
    if (timestamp.isNull())
        return "<unknown>";
    return humanDuration(now.millis() - timestamp.millis());
}

std::string rfc1123z(const api::Time& timestamp)
{
    if (timestamp.isNull())
        return "Mon, 01 Jan 0001 00:00:00 +0000";
    using namespace std::chrono;
    static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const sys_time<milliseconds> instant{milliseconds{timestamp.millis()}};
    const sys_days day = floor<days>(instant);
    const year_month_day date{day};
    const weekday wd{day};
    const hh_mm_ss clock{floor<std::chrono::seconds>(instant - day)};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02ld:%02ld:%02lld +0000", kDays[wd.c_encoding()],
                  unsigned(date.day()), kMonths[unsigned(date.month()) - 1], int(date.year()),
                  long(clock.hours().count()), long(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()));
    return buf;
}

} // namespace podlab::sim::kubectl
