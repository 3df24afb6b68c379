#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// A field path as the API server prints it: spec.containers[0].livenessProbe.periodSeconds. Built as a chain
// on the stack while validating (each child refers to its parent), turned into text only for an error, so a
// valid object costs no string building.
class FieldPath {
public:
    explicit FieldPath(std::string_view root = {}) : m_name(root) {}
    FieldPath child(std::string_view name) const { return FieldPath(this, Kind::Field, name, 0); }
    FieldPath index(size_t i) const { return FieldPath(this, Kind::Index, {}, i); }
    FieldPath key(std::string_view k) const { return FieldPath(this, Kind::Key, k, 0); }
    std::string toString() const;

private:
    enum class Kind : uint8_t { Field, Index, Key };
    FieldPath(const FieldPath* parent, Kind kind, std::string_view name, size_t index)
        : m_parent(parent), m_kind(kind), m_name(name), m_index(index)
    {
    }
    const FieldPath* m_parent = nullptr;
    Kind m_kind = Kind::Field;
    std::string_view m_name;
    size_t m_index = 0;
};

// One validation problem, worded exactly as k8s.io/apimachinery's field.Error: "<path>: <type>: <value>: <detail>".
struct FieldError {
    std::string path;
    std::string message; // everything after "path: "
    bool warning = false;
    bool operator==(const FieldError&) const = default;
};

using FieldErrors = std::vector<FieldError>;

// A bad value as field.Error prints it: strings quoted (Go's %q), numbers and booleans bare.
struct BadValue {
    BadValue(std::string_view s) : text(quote(s)) {}
    BadValue(const std::string& s) : text(quote(s)) {}
    BadValue(const char* s) : text(quote(s)) {}
    BadValue(int64_t v) : text(std::to_string(v)) {}
    BadValue(int32_t v) : text(std::to_string(v)) {}
    BadValue(bool v) : text(v ? "true" : "false") {}
    static BadValue raw(std::string printed)
    {
        BadValue b(int64_t(0));
        b.text = std::move(printed);
        return b;
    }
    static std::string quote(std::string_view s);
    // A string as Go's encoding/json writes it (the API server prints structured bad values as JSON).
    static std::string jsonQuote(std::string_view s);
    std::string text;
};

FieldError required(const FieldPath& path, std::string_view detail = {});
FieldError invalid(const FieldPath& path, const BadValue& value, std::string_view detail);
FieldError notSupported(const FieldPath& path, const BadValue& value, const std::vector<std::string_view>& supported);
FieldError duplicate(const FieldPath& path, const BadValue& value);
FieldError notFound(const FieldPath& path, const BadValue& value);
FieldError forbidden(const FieldPath& path, std::string_view detail);
FieldError tooLong(const FieldPath& path, size_t maxBytes);
FieldError tooMany(const FieldPath& path, size_t actual, size_t max);
FieldError warningAt(const FieldPath& path, std::string_view message);

} // namespace podlab::manifest
