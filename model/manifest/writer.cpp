#include "writer.h"

#include "scalar.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <regex>

namespace podlab::manifest {

using api::Value;

namespace {

// --- key order ---------------------------------------------------------------------------------------------

bool isLetter(unsigned char c) { return std::isalpha(c) || c >= 0x80; }
bool isDigit(unsigned char c) { return c >= '0' && c <= '9'; }

// go-yaml v2's keyList.Less for string keys: letters after other characters, runs of digits compared as numbers.
bool naturalLess(std::string_view a, std::string_view b)
{
    for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
        const auto ac = static_cast<unsigned char>(a[i]);
        const auto bc = static_cast<unsigned char>(b[i]);
        if (ac == bc)
            continue;
        const bool al = isLetter(ac), bl = isLetter(bc);
        if (al && bl)
            return ac < bc;
        if (al || bl)
            return bl;
        int64_t an = 0, bn = 0;
        if (ac == '0' || bc == '0') {
            for (size_t j = i; j-- > 0 && isDigit(static_cast<unsigned char>(a[j]));) {
                if (a[j] != '0') {
                    an = bn = 1;
                    break;
                }
            }
        }
        size_t ai = i, bi = i;
        for (; ai < a.size() && isDigit(static_cast<unsigned char>(a[ai])); ++ai)
            an = an * 10 + (a[ai] - '0');
        for (; bi < b.size() && isDigit(static_cast<unsigned char>(b[bi])); ++bi)
            bn = bn * 10 + (b[bi] - '0');
        if (an != bn)
            return an < bn;
        if (ai != bi)
            return ai < bi;
        return ac < bc;
    }
    return a.size() < b.size();
}

template <class Less>
std::vector<const std::pair<std::string, Value>*> sortedMembers(const Value::Object& object, Less less)
{
    std::vector<const std::pair<std::string, Value>*> members;
    members.reserve(object.size());
    for (const auto& m : object)
        members.push_back(&m);
    std::stable_sort(members.begin(), members.end(), [&](auto* x, auto* y) { return less(x->first, y->first); });
    return members;
}

std::string formatFloat(double v, bool json)
{
    if (std::isnan(v))
        return json ? "null" : ".nan";
    if (std::isinf(v))
        return json ? "null" : (v > 0 ? ".inf" : "-.inf");
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    std::string s(buf, r.ptr);
    if (!json && s.find_first_of(".en") == std::string::npos)
        s += ".0"; // keep it a float when read back
    return s;
}

// --- YAML scalars --------------------------------------------------------------------------------------------

constexpr size_t kBestWidth = 80;

// go-yaml v2 resolves these plain scalars to timestamps, so a string that looks like one is quoted.
bool looksLikeTimestamp(std::string_view s)
{
    static const std::regex pattern(R"(^\d{4}-\d{1,2}-\d{1,2}([Tt ].*)?$)");
    return s.size() >= 8 && isDigit(static_cast<unsigned char>(s[0])) && std::regex_match(s.begin(), s.end(), pattern);
}

bool isBase60Float(std::string_view s)
{
    static const std::regex pattern(R"(^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$)");
    return s.find(':') != std::string_view::npos && std::regex_match(s.begin(), s.end(), pattern);
}

bool isPrintable(unsigned char c) { return c == '\n' || (c >= 0x20 && c <= 0x7E) || c >= 0x80; }

struct ScalarAnalysis {
    bool plainAllowed = true;
    bool singleQuotedAllowed = true;
    bool blockAllowed = true;
    bool multiline = false;
};

// The emitter's analysis of a string (yaml_emitter_analyze_scalar), for a scalar in block context.
ScalarAnalysis analyse(std::string_view v)
{
    ScalarAnalysis a;
    if (v.empty()) {
        a.plainAllowed = false;
        a.blockAllowed = false;
        return a;
    }
    if (v.substr(0, 3) == "---" || v.substr(0, 3) == "...")
        a.plainAllowed = false;
    bool blockIndicators = false, specialCharacters = false, lineBreaks = false;
    bool spaceBreak = false, breakSpace = false;
    bool previousSpace = false, previousBreak = false;
    const auto blankAt = [&](size_t i) { return i >= v.size() || v[i] == ' ' || v[i] == '\t' || v[i] == '\n'; };
    for (size_t i = 0; i < v.size(); ++i) {
        const auto c = static_cast<unsigned char>(v[i]);
        const bool followedByWhitespace = blankAt(i + 1);
        if (i == 0) {
            if (std::string_view("#,[]{}&*!|>'\"%@`").find(char(c)) != std::string_view::npos)
                blockIndicators = true;
            else if ((c == '?' || c == ':' || c == '-') && followedByWhitespace)
                blockIndicators = true;
        } else {
            if (c == ':' && followedByWhitespace)
                blockIndicators = true;
            if (c == '#' && (v[i - 1] == ' ' || v[i - 1] == '\t' || v[i - 1] == '\n'))
                blockIndicators = true;
        }
        if (!isPrintable(c))
            specialCharacters = true;
        if (c == '\n')
            lineBreaks = true;
        if (c == ' ') {
            if (previousBreak)
                breakSpace = true;
            previousSpace = true;
            previousBreak = false;
        } else if (c == '\n') {
            if (previousSpace)
                spaceBreak = true;
            previousBreak = true;
            previousSpace = false;
        } else {
            previousSpace = previousBreak = false;
        }
    }
    const bool leadingSpace = v.front() == ' ', leadingBreak = v.front() == '\n';
    const bool trailingSpace = v.back() == ' ', trailingBreak = v.back() == '\n';
    if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        a.plainAllowed = false;
    if (trailingSpace)
        a.blockAllowed = false;
    if (breakSpace)
        a.plainAllowed = a.singleQuotedAllowed = false;
    if (spaceBreak || specialCharacters)
        a.plainAllowed = a.singleQuotedAllowed = a.blockAllowed = false;
    if (lineBreaks)
        a.plainAllowed = false, a.multiline = true;
    if (blockIndicators)
        a.plainAllowed = false;
    return a;
}

class YamlWriter {
public:
    std::string take() { return std::move(m_out); }

    void writeDocument(const Value& v)
    {
        if (v.isObject() && !v.asObject().empty()) {
            writeMappingBody(v.asObject(), 0);
        } else if (v.isArray() && !v.asArray().empty()) {
            writeSequenceBody(v.asArray(), 0);
        } else {
            writeInline(v, 0, false);
            m_out += '\n';
        }
    }

private:
    void indentTo(size_t indent)
    {
        m_out.append(indent, ' ');
        m_column = indent;
    }

    void newline()
    {
        m_out += '\n';
        m_column = 0;
    }

    void put(std::string_view s)
    {
        m_out += s;
        m_column += s.size(); // ASCII-dominated; exact enough for folding decisions
    }

    void writeMappingBody(const Value::Object& object, size_t indent, bool firstInline = false)
    {
        bool first = true;
        for (const auto* member : sortedMembers(object, naturalLess)) {
            if (!(first && firstInline))
                indentTo(indent);
            first = false;
            writeString(member->first, indent, true);
            put(":");
            writeValueAfterKey(member->second, indent);
        }
    }

    void writeSequenceBody(const Value::Array& array, size_t indent)
    {
        for (const Value& item : array) {
            indentTo(indent);
            put("-");
            if (item.isObject() && !item.asObject().empty()) {
                put(" ");
                writeMappingBody(item.asObject(), indent + 2, true);
            } else if (item.isArray() && !item.asArray().empty()) {
                put(" ");
                // A nested list starts on the same line as its dash.
                bool first = true;
                for (const Value& inner : item.asArray()) {
                    if (!first)
                        indentTo(indent + 2);
                    first = false;
                    Value::Array one{inner};
                    std::string saved = std::move(m_out);
                    m_out.clear();
                    writeSequenceBody(one, 0);
                    std::string piece = std::move(m_out);
                    m_out = std::move(saved);
                    // re-indent the continuation lines of the piece
                    std::string shifted;
                    for (size_t i = 0; i < piece.size(); ++i) {
                        shifted += piece[i];
                        if (piece[i] == '\n' && i + 1 < piece.size())
                            shifted.append(indent + 2, ' ');
                    }
                    m_out += shifted;
                    m_column = 0;
                }
            } else {
                put(" ");
                writeInline(item, indent + 2, true);
                newline();
            }
        }
    }

    void writeValueAfterKey(const Value& v, size_t indent)
    {
        if (v.isObject() && !v.asObject().empty()) {
            newline();
            writeMappingBody(v.asObject(), indent + 2);
        } else if (v.isArray() && !v.asArray().empty()) {
            newline();
            writeSequenceBody(v.asArray(), indent);
        } else {
            put(" ");
            writeInline(v, indent + 2, true);
            newline();
        }
    }

    // A scalar, or an empty collection, on the current line (a literal block continues below it).
    void writeInline(const Value& v, size_t indent, bool /*inBlock*/)
    {
        switch (v.type()) {
        case Value::Type::Null:
            put("null");
            break;
        case Value::Type::Bool:
            put(v.asBool() ? "true" : "false");
            break;
        case Value::Type::Int:
            put(std::to_string(v.asInt()));
            break;
        case Value::Type::Float:
            put(formatFloat(v.asFloat(), false));
            break;
        case Value::Type::String:
            writeString(v.asString(), indent, false);
            break;
        case Value::Type::Array:
            put("[]");
            break;
        case Value::Type::Object:
            put("{}");
            break;
        }
    }

    void writeString(std::string_view s, size_t indent, bool isKey)
    {
        const ScalarAnalysis a = analyse(s);
        const ResolvedScalar r = resolvePlainScalar(s);
        const bool readsAsString = r.type == ResolvedScalar::Type::String && !looksLikeTimestamp(s) && !isBase60Float(s);
        if (a.multiline && !isKey && a.blockAllowed)
            return writeLiteral(s, indent);
        if (readsAsString && a.plainAllowed)
            return writeFolded(s, indent, '\0', isKey);
        if (readsAsString && a.singleQuotedAllowed && !a.multiline)
            return writeFolded(s, indent, '\'', isKey);
        writeDoubleQuoted(s, indent, isKey);
    }

    // Plain or single-quoted, folding at a space once past the best width (as the emitter does).
    void writeFolded(std::string_view s, size_t indent, char quote, bool isKey)
    {
        if (quote)
            put(std::string(1, quote));
        for (size_t i = 0; i < s.size(); ++i) {
            const char c = s[i];
            if (c == ' ' && !isKey && m_column > kBestWidth && i > 0 && i + 1 < s.size() && s[i + 1] != ' ' &&
                s[i - 1] != ' ') {
                newline();
                indentTo(indent);
                continue;
            }
            if (c == '\'' && quote == '\'')
                put("''");
            else
                put(std::string_view(&s[i], 1));
        }
        if (quote)
            put(std::string(1, quote));
    }

    void writeDoubleQuoted(std::string_view s, size_t indent, bool isKey)
    {
        put("\"");
        for (size_t i = 0; i < s.size(); ++i) {
            const auto c = static_cast<unsigned char>(s[i]);
            if (c == ' ' && !isKey && m_column > kBestWidth && i > 0 && i + 1 < s.size()) {
                newline();
                indentTo(indent);
                if (s[i + 1] == ' ')
                    put("\\");
                continue;
            }
            switch (c) {
            case '"': put("\\\""); break;
            case '\\': put("\\\\"); break;
            case '\0': put("\\0"); break;
            case '\a': put("\\a"); break;
            case '\b': put("\\b"); break;
            case '\t': put("\\t"); break;
            case '\n': put("\\n"); break;
            case '\v': put("\\v"); break;
            case '\f': put("\\f"); break;
            case '\r': put("\\r"); break;
            case 0x1B: put("\\e"); break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\x%02X", c);
                    put(buf);
                } else {
                    put(std::string_view(&s[i], 1));
                }
            }
        }
        put("\"");
    }

    void writeLiteral(std::string_view s, size_t indent)
    {
        put("|");
        if (s.front() == ' ' || s.front() == '\n')
            put("2"); // indentation indicator: the content's own leading spaces would be misread
        size_t trailing = 0;
        while (trailing < s.size() && s[s.size() - 1 - trailing] == '\n')
            ++trailing;
        if (trailing == 0)
            put("-");
        else if (trailing > 1)
            put("+");
        std::string_view body = s;
        if (trailing >= 1)
            body.remove_suffix(1);
        size_t start = 0;
        while (start <= body.size()) {
            size_t end = body.find('\n', start);
            if (end == std::string_view::npos)
                end = body.size();
            newline();
            const std::string_view line = body.substr(start, end - start);
            if (!line.empty()) {
                indentTo(indent);
                put(line);
            }
            start = end + 1;
            if (end == body.size())
                break;
        }
        // The caller ends the last line, as it does after any scalar.
    }

    std::string m_out;
    size_t m_column = 0;
};

// --- JSON ----------------------------------------------------------------------------------------------------

void appendJsonString(std::string& out, std::string_view s)
{
    out += '"';
    for (size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
        case '"': out += "\\\""; break;
        case '\\': out += "\\\\"; break;
        case '\n': out += "\\n"; break;
        case '\r': out += "\\r"; break;
        case '\t': out += "\\t"; break;
        case '<': out += "\\u003c"; break;
        case '>': out += "\\u003e"; break;
        case '&': out += "\\u0026"; break;
        default:
            if (c < 0x20) {
                char buf[8];
                std::snprintf(buf, sizeof buf, "\\u%04x", c);
                out += buf;
            } else if (c == 0xE2 && i + 2 < s.size() && uint8_t(s[i + 1]) == 0x80 &&
                       (uint8_t(s[i + 2]) == 0xA8 || uint8_t(s[i + 2]) == 0xA9)) {
                out += uint8_t(s[i + 2]) == 0xA8 ? "\\u2028" : "\\u2029";
                i += 2;
            } else {
                out += char(c);
            }
        }
    }
    out += '"';
}

void appendJson(std::string& out, const Value& v, size_t indent, KeyOrder order)
{
    switch (v.type()) {
    case Value::Type::Null: out += "null"; return;
    case Value::Type::Bool: out += v.asBool() ? "true" : "false"; return;
    case Value::Type::Int: out += std::to_string(v.asInt()); return;
    case Value::Type::Float: out += formatFloat(v.asFloat(), true); return;
    case Value::Type::String: appendJsonString(out, v.asString()); return;
    case Value::Type::Array: {
        const Value::Array& a = v.asArray();
        if (a.empty()) {
            out += "[]";
            return;
        }
        out += "[\n";
        for (size_t i = 0; i < a.size(); ++i) {
            out.append(indent + 4, ' ');
            appendJson(out, a[i], indent + 4, order);
            out += i + 1 < a.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += ']';
        return;
    }
    case Value::Type::Object: {
        // AsGiven: a stable sort by a comparison that never says "less" leaves the members where they are.
        const auto members = order == KeyOrder::Sorted
                                 ? sortedMembers(v.asObject(), std::less<std::string_view>())
                                 : sortedMembers(v.asObject(), [](std::string_view, std::string_view) { return false; });
        if (members.empty()) {
            out += "{}";
            return;
        }
        out += "{\n";
        for (size_t i = 0; i < members.size(); ++i) {
            out.append(indent + 4, ' ');
            appendJsonString(out, members[i]->first);
            out += ": ";
            appendJson(out, members[i]->second, indent + 4, order);
            out += i + 1 < members.size() ? ",\n" : "\n";
        }
        out.append(indent, ' ');
        out += '}';
        return;
    }
    }
}

void appendCompactJson(std::string& out, const Value& v)
{
    switch (v.type()) {
    case Value::Type::Array: {
        out += '[';
        bool first = true;
        for (const Value& item : v.asArray()) {
            if (!first)
                out += ',';
            first = false;
            appendCompactJson(out, item);
        }
        out += ']';
        return;
    }
    case Value::Type::Object: {
        out += '{';
        bool first = true;
        for (const auto* member : sortedMembers(v.asObject(), std::less<std::string_view>())) {
            if (!first)
                out += ',';
            first = false;
            appendJsonString(out, member->first);
            out += ':';
            appendCompactJson(out, member->second);
        }
        out += '}';
        return;
    }
    default:
        appendJson(out, v, 0, KeyOrder::Sorted);
    }
}

} // namespace

std::string toCompactJson(const Value& value)
{
    std::string out;
    appendCompactJson(out, value);
    return out;
}

std::string toYaml(const Value& value)
{
    YamlWriter w;
    w.writeDocument(value);
    return w.take();
}

std::string jsonQuoted(std::string_view s)
{
    std::string out;
    appendJsonString(out, s);
    return out;
}

std::string toJson(const Value& value, KeyOrder order)
{
    std::string out;
    appendJson(out, value, 0, order);
    out += '\n';
    return out;
}

} // namespace podlab::manifest
