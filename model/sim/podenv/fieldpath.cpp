#include "fieldpath.h"

#include "manifest/names.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

namespace podlab::sim {

namespace {

constexpr char kHex[] = "0123456789abcdef";

void appendHexEscape(std::string& out, char kind, uint32_t value, int digits)
{
    out += '\\';
    out += kind;
    for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
        out += kHex[(value >> shift) & 0xF];
}

// Decodes one UTF-8 sequence at `s`; returns its length, or 0 for an invalid sequence (Go's RuneError, width
// 1).
size_t decodeUtf8(std::string_view s, uint32_t& rune)
{
    const auto b0 = static_cast<unsigned char>(s[0]);
    size_t len = 0;
    uint32_t min = 0;
    if (b0 < 0x80) {
        rune = b0;
        return 1;
    } else if ((b0 & 0xE0) == 0xC0) {
        len = 2, rune = b0 & 0x1F, min = 0x80;
    } else if ((b0 & 0xF0) == 0xE0) {
        len = 3, rune = b0 & 0x0F, min = 0x800;
    } else if ((b0 & 0xF8) == 0xF0) {
        len = 4, rune = b0 & 0x07, min = 0x10000;
    } else {
        return 0;
    }
    if (s.size() < len)
        return 0;
    for (size_t i = 1; i < len; ++i) {
        const auto b = static_cast<unsigned char>(s[i]);
        if ((b & 0xC0) != 0x80)
            return 0;
        rune = (rune << 6) | (b & 0x3F);
    }
    if (rune < min || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        return 0;
    return len;
}

// unicode.IsPrint for code points above ASCII: Go treats letters, marks, numbers, punctuation and symbols as
// printable, so what remains are the separators, format characters, controls and private-use areas listed
// here. Unassigned code points count as printable, a simplification nobody will meet in an annotation.
bool isPrintable(uint32_t r)
{
    struct Range {
        uint32_t lo, hi;
    };
    static constexpr Range kNotPrintable[] = {
        {0x80, 0xA0},     {0xAD, 0xAD},        {0x600, 0x605},   {0x61C, 0x61C},   {0x6DD, 0x6DD},
        {0x70F, 0x70F},   {0x1680, 0x1680},    {0x180E, 0x180E}, {0x2000, 0x200F}, {0x2028, 0x202F},
        {0x205F, 0x2064}, {0x2066, 0x206F},    {0x3000, 0x3000}, {0xE000, 0xF8FF}, {0xFEFF, 0xFEFF},
        {0xFFF9, 0xFFFB}, {0xF0000, 0x10FFFF},
    };
    for (const Range& range : kNotPrintable)
        if (r >= range.lo && r <= range.hi)
            return false;
    return true;
}

} // namespace

std::string FieldPath::goQuote(std::string_view text)
{
    std::string out = "\"";
    size_t i = 0;
    while (i < text.size()) {
        uint32_t rune = 0;
        const size_t width = decodeUtf8(text.substr(i), rune);
        if (width == 0) {
            appendHexEscape(out, 'x', static_cast<unsigned char>(text[i]), 2);
            ++i;
            continue;
        }
        const std::string_view bytes = text.substr(i, width);
        i += width;
        if (rune == '"' || rune == '\\') {
            out += '\\';
            out += char(rune);
        } else if (rune >= 0x20 && rune < 0x7F) {
            out += char(rune);
        } else if (rune >= 0x80 && isPrintable(rune)) {
            out.append(bytes);
        } else {
            switch (rune) {
            case '\a':
                out += "\\a";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\v':
                out += "\\v";
                break;
            default:
                if (rune < 0x80)
                    appendHexEscape(out, 'x', rune, 2);
                else if (rune < 0x10000)
                    appendHexEscape(out, 'u', rune, 4);
                else
                    appendHexEscape(out, 'U', rune, 8);
            }
        }
    }
    out += '"';
    return out;
}

std::string FieldPath::formatMap(const api::StringMap& map)
{
    std::string out;
    for (const auto& [key, value] : map) {
        if (!out.empty())
            out += '\n';
        out += key;
        out += '=';
        out += goQuote(value);
    }
    return out;
}

std::optional<FieldPath::Subscripted> FieldPath::splitSubscripted(std::string_view fieldPath)
{
    constexpr std::string_view kClose = "']";
    if (fieldPath.size() < kClose.size() || fieldPath.substr(fieldPath.size() - kClose.size()) != kClose)
        return std::nullopt;
    const std::string_view s = fieldPath.substr(0, fieldPath.size() - kClose.size());
    const size_t open = s.find("['");
    if (open == std::string_view::npos || open == 0)
        return std::nullopt;
    return Subscripted{std::string(s.substr(0, open)), std::string(s.substr(open + 2))};
}

Outcome<std::string> FieldPath::extract(const api::Pod& pod, std::string_view fieldPath)
{
    using Result = Outcome<std::string>;
    const api::ObjectMeta& meta = pod.metadata;
    if (const auto sub = splitSubscripted(fieldPath)) {
        const bool annotations = sub->path == "metadata.annotations";
        if (!annotations && sub->path != "metadata.labels")
            return Result::failure("fieldPath \"" + std::string(fieldPath) + "\" does not support subscript");
        // Annotation keys are checked case-insensitively, label keys as they are.
        std::string checked = sub->key;
        if (annotations)
            std::transform(checked.begin(), checked.end(), checked.begin(),
                           [](unsigned char c) { return char(std::tolower(c)); });
        const manifest::Messages errs = manifest::isQualifiedName(checked);
        if (!errs.empty()) {
            std::string joined;
            for (const std::string& e : errs)
                joined += (joined.empty() ? "" : ";") + e;
            return Result::failure("invalid key subscript in " + std::string(fieldPath) + ": " + joined);
        }
        const api::StringMap& map = annotations ? meta.annotations : meta.labels;
        const auto it = map.find(sub->key);
        return Result::success(it == map.end() ? std::string() : it->second);
    }
    if (fieldPath == "metadata.annotations")
        return Result::success(formatMap(meta.annotations));
    if (fieldPath == "metadata.labels")
        return Result::success(formatMap(meta.labels));
    if (fieldPath == "metadata.name")
        return Result::success(meta.name);
    if (fieldPath == "metadata.namespace")
        return Result::success(meta.namespace_);
    if (fieldPath == "metadata.uid")
        return Result::success(meta.uid);
    return Result::failure("unsupported fieldPath: " + std::string(fieldPath));
}

} // namespace podlab::sim
