#include "scalar.h"

#include <array>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <string>

namespace podlab::manifest {

namespace {

__extension__ using UInt128 = unsigned __int128;
__extension__ using Int128 = __int128;

bool isOneOf(std::string_view s, std::initializer_list<std::string_view> words)
{
    for (std::string_view w : words)
        if (s == w)
            return true;
    return false;
}

// Parses an integer with an optional sign and YAML 1.1 prefixes (0x, 0b, 0o, leading 0 = octal), '_' allowed.
bool parseInteger(std::string_view s, int64_t& out, bool& overflow)
{
    overflow = false;
    bool negative = false;
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
        negative = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty())
        return false;
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
        base = 16, s.remove_prefix(2);
    else if (s.size() > 2 && s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
        base = 2, s.remove_prefix(2);
    else if (s.size() > 2 && s[0] == '0' && (s[1] == 'o' || s[1] == 'O'))
        base = 8, s.remove_prefix(2);
    else if (s.size() > 1 && s[0] == '0')
        base = 8, s.remove_prefix(1);
    UInt128 value = 0;
    bool anyDigit = false;
    for (char c : s) {
        if (c == '_')
            continue;
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        if (d >= base)
            return false;
        anyDigit = true;
        value = value * unsigned(base) + unsigned(d);
        if (value > (UInt128)(INT64_MAX) + 1)
            overflow = true, value = (UInt128)(INT64_MAX) + 1;
    }
    if (!anyDigit)
        return false;
    if (!negative && value > (UInt128)INT64_MAX)
        overflow = true;
    out = negative ? int64_t(-(Int128)value) : int64_t(value);
    return true;
}

bool parseFloat(std::string_view s, double& out)
{
    if (isOneOf(s, {".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF"}))
        return out = INFINITY, true;
    if (isOneOf(s, {"-.inf", "-.Inf", "-.INF"}))
        return out = -INFINITY, true;
    if (isOneOf(s, {".nan", ".NaN", ".NAN"}))
        return out = NAN, true;
    // A float is digits with a point and/or an exponent: [-+]?(digits)?(.digits)?([eE][-+]?digits)?
    std::string cleaned;
    bool digits = false, dot = false, exponent = false;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '_')
            continue;
        if (c >= '0' && c <= '9')
            digits = true;
        else if (c == '.' && !dot && !exponent)
            dot = true;
        else if ((c == 'e' || c == 'E') && digits && !exponent)
            exponent = true, digits = false;
        else if ((c == '+' || c == '-') && (i == 0 || s[i - 1] == 'e' || s[i - 1] == 'E'))
            ;
        else
            return false;
        cleaned += c;
    }
    if (!digits)
        return false;
    errno = 0;
    char* end = nullptr;
    out = std::strtod(cleaned.c_str(), &end);
    return end == cleaned.c_str() + cleaned.size();
}

} // namespace

ResolvedScalar resolvePlainScalar(std::string_view s)
{
    using T = ResolvedScalar::Type;
    ResolvedScalar r;
    if (s.empty() || isOneOf(s, {"~", "null", "Null", "NULL"})) {
        r.type = T::Null;
        return r;
    }
    const char c = s[0];
    if (c == 'y' || c == 'Y' || c == 'n' || c == 'N' || c == 't' || c == 'T' || c == 'f' || c == 'F' || c == 'o' ||
        c == 'O') {
        if (isOneOf(s, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"})) {
            r.type = T::Bool;
            r.boolValue = true;
        } else if (isOneOf(s, {"n", "N", "no", "No", "NO", "false", "False", "FALSE", "off", "Off", "OFF"})) {
            r.type = T::Bool;
        }
        return r;
    }
    if (!((c >= '0' && c <= '9') || c == '-' || c == '+' || c == '.'))
        return r;
    bool overflow = false;
    if (parseInteger(s, r.intValue, overflow)) {
        if (!overflow) {
            r.type = T::Int;
            return r;
        }
        r.intOverflow = true;
    }
    if (parseFloat(s, r.floatValue))
        r.type = T::Float;
    return r;
}

const char* typeName(ResolvedScalar::Type type)
{
    static constexpr std::array<const char*, 5> names{"null", "boolean", "integer", "number", "string"};
    return names[size_t(type)];
}

} // namespace podlab::manifest
