#include "duration.h"

namespace podlab::lesson {

std::optional<Duration> Duration::parse(std::string_view s)
{
    if (s.empty())
        return std::nullopt;
    if (s == "0")
        return Duration{0};
    int64_t total = 0;
    size_t i = 0;
    while (i < s.size()) {
        const size_t start = i;
        int64_t whole = 0;
        while (i < s.size() && s[i] >= '0' && s[i] <= '9')
            whole = whole * 10 + (s[i++] - '0');
        int64_t fracNum = 0, fracDen = 1;
        if (i < s.size() && s[i] == '.') {
            ++i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9' && fracDen < 1'000'000'000) {
                fracNum = fracNum * 10 + (s[i++] - '0');
                fracDen *= 10;
            }
        }
        if (i == start)
            return std::nullopt;
        int64_t unitMs;
        if (s.substr(i, 2) == "ms")
            unitMs = 1, i += 2;
        else if (s.substr(i, 1) == "h")
            unitMs = 3'600'000, i += 1;
        else if (s.substr(i, 1) == "m")
            unitMs = 60'000, i += 1;
        else if (s.substr(i, 1) == "s")
            unitMs = 1'000, i += 1;
        else
            return std::nullopt; // a unit is required, as in Go
        total += whole * unitMs + fracNum * unitMs / fracDen;
    }
    return Duration{total};
}

std::string Duration::toString() const
{
    if (millis == 0)
        return "0s";
    if (millis < 1000)
        return std::to_string(millis) + "ms";
    std::string out;
    int64_t ms = millis;
    if (ms >= 3'600'000) {
        out += std::to_string(ms / 3'600'000) + "h";
        ms %= 3'600'000;
    }
    if (ms >= 60'000 || !out.empty()) {
        out += std::to_string(ms / 60'000) + "m";
        ms %= 60'000;
    }
    out += std::to_string(ms / 1000);
    if (ms % 1000) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (!frac.empty() && frac.back() == '0')
            frac.pop_back();
        out += "." + frac;
    }
    return out + "s";
}

} // namespace podlab::lesson
