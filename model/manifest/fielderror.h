#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// A field path as the API server prints it: spec.containers[0].livenessProbe.periodSeconds. Built as a chain
// on the stack while validating, turned into text only for an error, so a valid object costs no string building.
//
// A path refers to the path it was made from, which must outlive it. A named path refers to its named parent;
// a path made from a temporary (`path.child("ports").index(i)`, whose intermediate dies at the end of the
// statement) takes the temporary's segments into itself instead, so that storing such a chain is safe.
class FieldPath {
public:
    explicit FieldPath(std::string_view root = {});
    FieldPath child(std::string_view name) const& { return FieldPath(this, {Kind::Field, name, 0}); }
    FieldPath index(size_t i) const& { return FieldPath(this, {Kind::Index, {}, i}); }
    FieldPath key(std::string_view k) const& { return FieldPath(this, {Kind::Key, k, 0}); }
    FieldPath child(std::string_view name) && { return extended({Kind::Field, name, 0}); }
    FieldPath index(size_t i) && { return extended({Kind::Index, {}, i}); }
    FieldPath key(std::string_view k) && { return extended({Kind::Key, k, 0}); }
    std::string toString() const;

private:
    enum class Kind : uint8_t { Field, Index, Key };
    struct Segment {
        Kind kind = Kind::Field;
        std::string_view name;
        size_t index = 0;
    };
    static constexpr size_t kInlineSegments = 8;

    FieldPath(const FieldPath* parent, Segment segment);
    FieldPath extended(Segment segment) const;
    void appendTo(std::string& out) const;

    const FieldPath* m_parent = nullptr;
    std::array<Segment, kInlineSegments> m_segments;
    uint8_t m_count = 0;
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
