#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::api {

__extension__ using Int128 = __int128; // GCC/Clang built-in; exact arithmetic on nanos

// A resource quantity ("500m", "128Mi", "1e3") with Kubernetes' exact semantics: a fixed-point value kept
// to nano precision (finer values round away from zero), the suffix family remembered so that the value is
// written back the way Kubernetes writes it ("0.5" becomes "500m", "1.5Gi" becomes "1536Mi"), never a float.
class Quantity {
public:
    enum class Format { DecimalSI, BinarySI, DecimalExponent };

    Quantity() = default;

    // Parses Kubernetes' quantity grammar; on failure returns nullopt and, if `error` is given, the reason
    // in the API server's words.
    static std::optional<Quantity> parse(std::string_view text, std::string* error = nullptr);
    static Quantity fromMilli(int64_t milli, Format format = Format::DecimalSI);
    static Quantity fromUnits(int64_t units, Format format = Format::DecimalSI);

    // The canonical form, as the API server serialises it.
    std::string toString() const;

    bool isZero() const { return m_nanos == 0; }
    int sign() const { return m_nanos < 0 ? -1 : (m_nanos > 0 ? 1 : 0); }
    Format format() const { return m_format; }
    // Whole units and thousandths, each rounded up away from zero as Kubernetes' Value()/MilliValue() do.
    int64_t value() const;
    int64_t milliValue() const;
    // The value in units of `divisor`, rounded up (the downward API's resourceFieldRef rule).
    int64_t ceilDiv(const Quantity& divisor) const;
    double approximate() const { return double(m_nanos) / 1e9; }

    Quantity& operator+=(const Quantity& other);
    Quantity& operator-=(const Quantity& other);
    friend Quantity operator+(Quantity a, const Quantity& b) { return a += b; }
    friend Quantity operator-(Quantity a, const Quantity& b) { return a -= b; }

    // Equality and order are by value: "1Gi" == "1024Mi" and "0.5" == "500m".
    bool operator==(const Quantity& other) const { return m_nanos == other.m_nanos; }
    auto operator<=>(const Quantity& other) const { return m_nanos <=> other.m_nanos; }

private:
    Int128 m_nanos = 0;
    Format m_format = Format::DecimalSI;
};

} // namespace podlab::api
