#pragma once

#include <cstdint>
#include <string_view>

namespace podlab::manifest {

// What a plain (unquoted) YAML scalar means. kubectl converts YAML to JSON with go-yaml v2, which follows
// YAML 1.1: `yes`/`no`/`on`/`off` are booleans, `0644` is octal, `1e3` is a float, `~` is null. PodLab reads
// scalars the same way, so a manifest means here exactly what it means to kubectl ("env values must be
// quoted" errors included).
struct ResolvedScalar {
    enum class Type { Null, Bool, Int, Float, String };
    Type type = Type::String;
    bool boolValue = false;
    int64_t intValue = 0;
    double floatValue = 0;
    bool intOverflow = false; // an integer literal too large for 64 bits (type is Float then)
};

ResolvedScalar resolvePlainScalar(std::string_view text);

const char* typeName(ResolvedScalar::Type type); // "null", "boolean", "integer", "number", "string"

} // namespace podlab::manifest
