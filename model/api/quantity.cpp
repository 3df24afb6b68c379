#include "quantity.h"

#include <array>
#include <cstdlib>

namespace podlab::api {

namespace {

constexpr const char* kFormatError =
    "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
constexpr Int128 kNanosPerUnit = 1'000'000'000;
// Beyond this PodLab refuses the quantity rather than lose exactness (Kubernetes' own limit is larger,
// but no resource a lesson meets comes near 10^20 units).
constexpr Int128 kMaxNanos = Int128(1'000'000'000'000'000'000LL) * 100'000'000'000LL;

bool isDigit(char c) { return c >= '0' && c <= '9'; }

struct Suffix {
    int base = 10; // 10 or 2
    int exponent = 0;
    Quantity::Format format = Quantity::Format::DecimalSI;
};

std::optional<Suffix> interpretSuffix(std::string_view s)
{
    using F = Quantity::Format;
    static constexpr std::array<std::pair<std::string_view, int>, 10> decimal{{
        {"n", -9}, {"u", -6}, {"m", -3}, {"", 0}, {"k", 3}, {"M", 6}, {"G", 9}, {"T", 12}, {"P", 15}, {"E", 18}}};
    static constexpr std::array<std::pair<std::string_view, int>, 6> binary{
        {{"Ki", 10}, {"Mi", 20}, {"Gi", 30}, {"Ti", 40}, {"Pi", 50}, {"Ei", 60}}};
    for (auto [name, exp] : decimal)
        if (s == name)
            return Suffix{10, exp, F::DecimalSI};
    for (auto [name, exp] : binary)
        if (s == name)
            return Suffix{2, exp, F::BinarySI};
    if (s.size() >= 2 && (s[0] == 'e' || s[0] == 'E')) {
        std::string_view digits = s.substr(1);
        bool negative = false;
        if (digits[0] == '+' || digits[0] == '-') {
            negative = digits[0] == '-';
            digits.remove_prefix(1);
        }
        if (digits.empty() || digits.size() > 4)
            return std::nullopt;
        int exp = 0;
        for (char c : digits) {
            if (!isDigit(c))
                return std::nullopt;
            exp = exp * 10 + (c - '0');
        }
        return Suffix{10, negative ? -exp : exp, F::DecimalExponent};
    }
    return std::nullopt;
}

// Multiplies by 10^power (power may be negative: then divides, rounding away from zero). False on overflow.
bool scaleByPowerOfTen(Int128& v, int power)
{
    for (; power > 0; --power) {
        if (v > kMaxNanos / 10 || v < -kMaxNanos / 10)
            return false;
        v *= 10;
    }
    for (; power < 0; ++power) {
        const bool inexact = v % 10 != 0;
        v /= 10;
        if (inexact)
            v += v >= 0 ? 1 : -1;
    }
    return true;
}

std::string int128ToString(Int128 v)
{
    if (v == 0)
        return "0";
    const bool negative = v < 0;
    if (negative)
        v = -v;
    std::string out;
    while (v > 0) {
        out.insert(out.begin(), char('0' + int(v % 10)));
        v /= 10;
    }
    if (negative)
        out.insert(out.begin(), '-');
    return out;
}

Int128 ceilDivAwayFromZero(Int128 a, Int128 b)
{
    Int128 q = a / b;
    if (a % b != 0)
        q += (a < 0) == (b < 0) ? 1 : -1;
    return q;
}

} // namespace

std::optional<Quantity> Quantity::parse(std::string_view text, std::string* error)
{
    auto fail = [&](const char* why) -> std::optional<Quantity> {
        if (error)
            *error = why;
        return std::nullopt;
    };
    if (text.empty())
        return fail(kFormatError);

    size_t pos = 0;
    bool negative = false;
    if (text[0] == '+' || text[0] == '-') {
        negative = text[0] == '-';
        ++pos;
    }
    const size_t intStart = pos;
    while (pos < text.size() && isDigit(text[pos]))
        ++pos;
    std::string_view whole = text.substr(intStart, pos - intStart);
    std::string_view fraction;
    if (pos < text.size() && text[pos] == '.') {
        const size_t fracStart = ++pos;
        while (pos < text.size() && isDigit(text[pos]))
            ++pos;
        fraction = text.substr(fracStart, pos - fracStart);
    }
    if (whole.empty() && fraction.empty())
        return fail(kFormatError);
    std::string_view suffixText = text.substr(pos);
    for (char c : suffixText)
        if (!isDigit(c) && std::string_view("eEinumkKMGTP+-").find(c) == std::string_view::npos)
            return fail(kFormatError);
    const std::optional<Suffix> suffix = interpretSuffix(suffixText);
    if (!suffix)
        return fail("unable to parse quantity's suffix");

    while (!whole.empty() && whole.front() == '0')
        whole.remove_prefix(1);
    while (!fraction.empty() && fraction.back() == '0')
        fraction.remove_suffix(1);
    if (whole.size() + fraction.size() > 30)
        return fail("quantity has more digits than PodLab can represent exactly");

    Int128 mantissa = 0;
    for (char c : whole)
        mantissa = mantissa * 10 + (c - '0');
    for (char c : fraction)
        mantissa = mantissa * 10 + (c - '0');

    Quantity q;
    q.m_format = suffix->format;
    int power = 9 - int(fraction.size());
    if (suffix->base == 10) {
        power += suffix->exponent;
    } else {
        for (int i = 0; i < suffix->exponent; ++i) {
            if (mantissa > kMaxNanos)
                return fail("quantity is too large");
            mantissa *= 2;
        }
    }
    if (!scaleByPowerOfTen(mantissa, power) || mantissa > kMaxNanos)
        return fail("quantity is too large");
    if (suffix->format == Format::BinarySI) {
        // Kubernetes caps binary quantities at 2^63-1 and writes values under one as decimal.
        const Int128 cap = Int128(INT64_MAX) * kNanosPerUnit;
        if (mantissa > cap)
            mantissa = cap;
        if (mantissa > 0 && mantissa < kNanosPerUnit)
            q.m_format = Format::DecimalSI;
    }
    q.m_nanos = negative ? -mantissa : mantissa;
    return q;
}

Quantity Quantity::fromMilli(int64_t milli, Format format)
{
    Quantity q;
    q.m_nanos = Int128(milli) * 1'000'000;
    q.m_format = format;
    return q;
}

Quantity Quantity::fromUnits(int64_t units, Format format)
{
    Quantity q;
    q.m_nanos = Int128(units) * kNanosPerUnit;
    q.m_format = format;
    return q;
}

std::string Quantity::toString() const
{
    if (m_nanos == 0)
        return "0";
    Format format = m_format;
    if (format == Format::BinarySI) {
        const Int128 limit = 1024 * kNanosPerUnit;
        if ((m_nanos > -limit && m_nanos < limit) || m_nanos % kNanosPerUnit != 0)
            format = Format::DecimalSI;
    }
    if (format == Format::BinarySI) {
        static constexpr std::array<const char*, 7> suffixes{"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};
        Int128 units = m_nanos / kNanosPerUnit;
        size_t k = 0;
        while (k + 1 < suffixes.size() && units % 1024 == 0) {
            units /= 1024;
            ++k;
        }
        return int128ToString(units) + suffixes[k];
    }
    Int128 mantissa = m_nanos;
    int exponent = -9;
    while (mantissa % 1000 == 0) {
        mantissa /= 1000;
        exponent += 3;
    }
    std::string number = int128ToString(mantissa);
    if (format == Format::DecimalSI && exponent <= 18) {
        static constexpr std::array<const char*, 10> suffixes{"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
        return number + suffixes[size_t((exponent + 9) / 3)];
    }
    return exponent == 0 ? number : number + "e" + std::to_string(exponent);
}

int64_t Quantity::value() const { return int64_t(ceilDivAwayFromZero(m_nanos, kNanosPerUnit)); }

int64_t Quantity::milliValue() const { return int64_t(ceilDivAwayFromZero(m_nanos, 1'000'000)); }

int64_t Quantity::ceilDiv(const Quantity& divisor) const
{
    if (divisor.m_nanos == 0)
        return 0;
    return int64_t(ceilDivAwayFromZero(m_nanos, divisor.m_nanos));
}

Quantity& Quantity::operator+=(const Quantity& other)
{
    m_nanos += other.m_nanos;
    return *this;
}

Quantity& Quantity::operator-=(const Quantity& other)
{
    m_nanos -= other.m_nanos;
    return *this;
}

} // namespace podlab::api
