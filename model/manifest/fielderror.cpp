#include "fielderror.h"
#include "writer.h"

#include <cstdio>
#include <cstdlib>

namespace podlab::manifest {

FieldPath::FieldPath(std::string_view root)
{
    if (!root.empty())
        m_segments[m_count++] = {Kind::Field, root, 0};
}

FieldPath::FieldPath(const FieldPath* parent, Segment segment) : m_parent(parent), m_count(1)
{
    m_segments[0] = segment;
}

FieldPath FieldPath::extended(Segment segment) const
{
    // This path is a temporary: the new one keeps its segments rather than a pointer to it.
    if (m_count == kInlineSegments)
        std::abort(); // a chain of more than eight temporaries in one expression: name an intermediate path
    FieldPath out = *this;
    out.m_segments[out.m_count++] = segment;
    return out;
}

void FieldPath::appendTo(std::string& out) const
{
    if (m_parent)
        m_parent->appendTo(out);
    for (uint8_t i = 0; i < m_count; ++i) {
        const Segment& s = m_segments[i];
        switch (s.kind) {
        case Kind::Field:
            if (s.name.empty())
                break;
            if (!out.empty())
                out += '.';
            out += s.name;
            break;
        case Kind::Index:
            out += '[' + std::to_string(s.index) + ']';
            break;
        case Kind::Key:
            out += '[';
            out += s.name;
            out += ']';
            break;
        }
    }
}

std::string FieldPath::toString() const
{
    std::string out;
    appendTo(out);
    return out;
}

std::string BadValue::quote(std::string_view s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        default:
            if (c < 0x20 || c == 0x7F) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\x%02x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + '"';
}

std::string BadValue::jsonQuote(std::string_view s) { return jsonQuoted(s); }

namespace {

FieldError make(const FieldPath& path, std::string body, std::string_view detail)
{
    if (!detail.empty()) {
        body += ": ";
        body += detail;
    }
    return {path.toString(), std::move(body), false};
}

} // namespace

FieldError required(const FieldPath& path, std::string_view detail) { return make(path, "Required value", detail); }

FieldError invalid(const FieldPath& path, const BadValue& value, std::string_view detail)
{
    return make(path, "Invalid value: " + value.text, detail);
}

FieldError notSupported(const FieldPath& path, const BadValue& value, const std::vector<std::string_view>& supported)
{
    std::string detail;
    for (std::string_view s : supported) {
        detail += detail.empty() ? "supported values: " : ", ";
        detail += BadValue::quote(s);
    }
    return make(path, "Unsupported value: " + value.text, detail);
}

FieldError duplicate(const FieldPath& path, const BadValue& value)
{
    return make(path, "Duplicate value: " + value.text, {});
}

FieldError notFound(const FieldPath& path, const BadValue& value) { return make(path, "Not found: " + value.text, {}); }

FieldError forbidden(const FieldPath& path, std::string_view detail) { return make(path, "Forbidden", detail); }

FieldError tooLong(const FieldPath& path, size_t maxBytes)
{
    return make(path, "Too long", "may not be more than " + std::to_string(maxBytes) + " bytes");
}

FieldError tooMany(const FieldPath& path, size_t actual, size_t max)
{
    return make(path, "Too many: " + std::to_string(actual), "must have at most " + std::to_string(max) + " items");
}

FieldError warningAt(const FieldPath& path, std::string_view message)
{
    return {path.toString(), std::string(message), true};
}

} // namespace podlab::manifest
