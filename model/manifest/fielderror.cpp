#include "fielderror.h"

#include <cstdio>

namespace podlab::manifest {

std::string FieldPath::toString() const
{
    std::vector<const FieldPath*> chain;
    for (const FieldPath* p = this; p; p = p->m_parent)
        chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
        const FieldPath& p = **it;
        switch (p.m_kind) {
        case Kind::Field:
            if (p.m_name.empty())
                break;
            if (!out.empty())
                out += '.';
            out += p.m_name;
            break;
        case Kind::Index:
            out += '[' + std::to_string(p.m_index) + ']';
            break;
        case Kind::Key:
            out += '[';
            out += p.m_name;
            out += ']';
            break;
        }
    }
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

std::string BadValue::jsonQuote(std::string_view s)
{
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\t': out += "\\t"; break;
        case '\r': out += "\\r"; break;
        case '<': out += "\\u003c"; break;
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else {
                out += char(c);
            }
        }
    }
    return out + '"';
}

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
