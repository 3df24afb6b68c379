#pragma once

#include <cstdint>
#include <string>

namespace podlab::api {

// Kubernetes' IntOrString (a port given as 8080 or by name as "http", a surge given as 1 or "25%").
struct IntOrString {
    bool isString = false;
    int32_t intValue = 0;
    std::string stringValue;

    static IntOrString fromInt(int32_t v) { return {false, v, {}}; }
    static IntOrString fromString(std::string s) { return {true, 0, std::move(s)}; }
    std::string toString() const { return isString ? stringValue : std::to_string(intValue); }
    bool operator==(const IntOrString&) const = default;
};

} // namespace podlab::api
