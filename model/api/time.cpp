#include "time.h"

#include <chrono>
#include <cstdio>

namespace podlab::api {

namespace {

bool readNumber(std::string_view s, size_t& pos, size_t digits, int& out)
{
    if (pos + digits > s.size())
        return false;
    out = 0;
    for (size_t i = 0; i < digits; ++i) {
        const char c = s[pos + i];
        if (c < '0' || c > '9')
            return false;
        out = out * 10 + (c - '0');
    }
    pos += digits;
    return true;
}

bool expect(std::string_view s, size_t& pos, char c)
{
    if (pos < s.size() && (s[pos] == c || (c == 'T' && s[pos] == 't')))
        return ++pos, true;
    return false;
}

} // namespace

std::optional<Time> Time::parse(std::string_view s)
{
    using namespace std::chrono;
    size_t pos = 0;
    int y, mo, d, h, mi, sec;
    if (!readNumber(s, pos, 4, y) || !expect(s, pos, '-') || !readNumber(s, pos, 2, mo) || !expect(s, pos, '-') ||
        !readNumber(s, pos, 2, d) || !expect(s, pos, 'T') || !readNumber(s, pos, 2, h) || !expect(s, pos, ':') ||
        !readNumber(s, pos, 2, mi) || !expect(s, pos, ':') || !readNumber(s, pos, 2, sec))
        return std::nullopt;
    int64_t millis = 0;
    if (pos < s.size() && s[pos] == '.') {
        ++pos;
        int scale = 100;
        const size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
            millis += (s[pos] - '0') * scale;
            scale /= 10;
            ++pos;
        }
        if (pos == start)
            return std::nullopt;
    }
    int offsetMinutes = 0;
    if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
        ++pos;
    } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
        const int sign = s[pos] == '-' ? -1 : 1;
        ++pos;
        int oh, om;
        if (!readNumber(s, pos, 2, oh) || !expect(s, pos, ':') || !readNumber(s, pos, 2, om))
            return std::nullopt;
        offsetMinutes = sign * (oh * 60 + om);
    } else {
        return std::nullopt;
    }
    if (pos != s.size())
        return std::nullopt;
    const year_month_day date{year{y}, month{unsigned(mo)}, day{unsigned(d)}};
    if (!date.ok() || h > 23 || mi > 59 || sec > 60)
        return std::nullopt;
    const auto instant = sys_days{date} + hours{h} + minutes{mi} + seconds{sec} - minutes{offsetMinutes};
    return Time::fromMillis(duration_cast<milliseconds>(instant.time_since_epoch()).count() + millis);
}

std::string Time::toString() const
{
    using namespace std::chrono;
    if (isNull())
        return {};
    const sys_time<milliseconds> instant{milliseconds{m_ms}};
    const sys_days day = floor<days>(instant);
    const year_month_day date{day};
    const hh_mm_ss clock{floor<seconds>(instant - day)};
    char buf[64];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02uT%02ld:%02ld:%02lldZ", int(date.year()), unsigned(date.month()),
                  unsigned(date.day()), long(clock.hours().count()), long(clock.minutes().count()),
                  static_cast<long long>(clock.seconds().count()));
    return buf;
}

} // namespace podlab::api
