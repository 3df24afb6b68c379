#include "civiltime.h"

namespace podlab::sim::fs {

namespace {

int64_t floorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Days since 1970-01-01 of a proleptic Gregorian date, by counting 400-year eras that start in March (so
// that the leap day is the last day of an era year).
int64_t daysFromCivil(int64_t y, int m, int d)
{
    y -= m <= 2;
    const int64_t era = floorDiv(y, 400);
    const int64_t yoe = y - era * 400;
    const int64_t mp = (m + 9) % 12;
    const int64_t doy = (153 * mp + 2) / 5 + d - 1;
    const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

} // namespace

CivilTime CivilTime::fromEpochMs(int64_t epochMs)
{
    CivilTime t;
    const int64_t days = floorDiv(epochMs, 86400000);
    int64_t msOfDay = epochMs - days * 86400000;
    t.millis = int(msOfDay % 1000);
    msOfDay /= 1000;
    t.hour = int(msOfDay / 3600);
    t.minute = int(msOfDay / 60 % 60);
    t.second = int(msOfDay % 60);
    t.weekday = int(((days % 7) + 11) % 7); // day 0 was a Thursday (4)

    const int64_t z = days + 719468;
    const int64_t era = floorDiv(z, 146097);
    const int64_t doe = z - era * 146097;
    const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const int64_t mp = (5 * doy + 2) / 153;
    t.day = int(doy - (153 * mp + 2) / 5 + 1);
    t.month = int(mp < 10 ? mp + 3 : mp - 9);
    t.year = int(yoe + era * 400 + (t.month <= 2));
    return t;
}

int64_t CivilTime::toEpochMs() const
{
    const int64_t days = daysFromCivil(year, month, day);
    return ((days * 24 + hour) * 60 + minute) * 60000 + int64_t(second) * 1000 + millis;
}

const char* CivilTime::monthAbbrev(int month)
{
    static const char* const names[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    return month >= 1 && month <= 12 ? names[month - 1] : "???";
}

const char* CivilTime::weekdayAbbrev(int weekday)
{
    static const char* const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    return weekday >= 0 && weekday <= 6 ? names[weekday] : "???";
}

} // namespace podlab::sim::fs
