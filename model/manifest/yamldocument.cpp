#include "yamldocument.h"

#include "utf8.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <istream>
#include <streambuf>

namespace podlab::manifest {

using Ref = YamlDocument::Ref;

std::string_view Ref::text() const
{
    const Node& n = node();
    return std::string_view(m_doc->m_text).substr(n.text + n.tagLength, n.length - n.tagLength);
}

std::string_view Ref::tag() const
{
    const Node& n = node();
    return std::string_view(m_doc->m_text).substr(n.text, n.tagLength);
}

Ref Ref::firstChild() const
{
    const Node& n = node();
    if (n.kind != Kind::Sequence && n.kind != Kind::Mapping)
        return {};
    return n.end > m_index + 1 ? Ref(m_doc, m_index + 1) : Ref();
}

Ref Ref::nextSibling() const
{
    const uint32_t next = node().next;
    return next ? Ref(m_doc, next) : Ref();
}

Ref Ref::aliasTarget() const { return Ref(m_doc, node().text); }

std::string_view YamlDocument::anchorName(uint32_t index) const
{
    const auto it = std::lower_bound(m_anchorNames.begin(), m_anchorNames.end(), index,
                                     [](const auto& entry, uint32_t i) { return entry.first < i; });
    return it != m_anchorNames.end() && it->first == index ? std::string_view(it->second) : std::string_view();
}

size_t Ref::childCount() const
{
    size_t n = 0;
    for (Ref c = firstChild(); c.isValid(); c = c.nextSibling())
        ++n;
    return n;
}

namespace {

// Thrown from inside yaml-cpp's callbacks to stop a parse that breaks one of our limits.
struct LimitExceeded {
    YamlError error;
};

} // namespace

class YamlDocumentBuilder final : public YAML::EventHandler {
public:
    YamlDocumentBuilder(std::string_view source, const YamlLimits& limits,
                        const std::function<void(const YamlDocument&)>& onDocument)
        : m_source(source), m_limits(limits), m_onDocument(onDocument)
    {
    }

    void OnAnchor(const YAML::Mark&, const std::string& name) override { m_pendingAnchor = name; }

    void OnDocumentStart(const YAML::Mark& mark) override
    {
        m_doc.m_nodes.clear();
        m_doc.m_text.clear();
        m_doc.m_line = mark.line + 1;
        m_doc.m_column = mark.column + 1;
        m_open.clear();
        m_anchors.clear();
        m_doc.m_anchorNames.clear();
    }

    void OnDocumentEnd() override { m_onDocument(m_doc); }

    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        add(YamlDocument::Kind::Null, mark, anchor);
    }

    void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override
    {
        const uint32_t index = add(YamlDocument::Kind::Alias, mark, 0);
        m_doc.m_nodes[index].text = anchor < m_anchors.size() ? m_anchors[anchor] : 0;
    }

    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override
    {
        if (tag == "!")
            checkClosingQuote(mark);
        const uint32_t index = add(YamlDocument::Kind::Scalar, mark, anchor);
        YamlDocument::Node& n = m_doc.m_nodes[index];
        n.text = uint32_t(m_doc.m_text.size());
        if (tag == "?") {
            n.style = YamlDocument::Style::Plain;
        } else if (tag == "!") {
            n.style = YamlDocument::Style::Quoted;
        } else {
            n.style = YamlDocument::Style::Tagged;
            n.tagLength = uint16_t(std::min<size_t>(tag.size(), 0xffff));
            m_doc.m_text.append(tag, 0, n.tagLength);
        }
        m_doc.m_text += value;
        n.length = uint32_t(m_doc.m_text.size() - n.text);
    }

    void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override
    {
        open(add(YamlDocument::Kind::Sequence, mark, anchor), mark);
    }
    void OnSequenceEnd() override { close(); }

    void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override
    {
        open(add(YamlDocument::Kind::Mapping, mark, anchor), mark);
    }
    void OnMapEnd() override { close(); }

private:
    struct Open {
        uint32_t index;
        uint32_t lastChild; // 0: none yet
    };

    uint32_t add(YamlDocument::Kind kind, const YAML::Mark& mark, YAML::anchor_t anchor)
    {
        if (m_doc.m_nodes.size() >= m_limits.maxNodesPerDocument)
            throw LimitExceeded{{mark.line + 1, mark.column + 1,
                                 "document has more than " + std::to_string(m_limits.maxNodesPerDocument) +
                                     " nodes; PodLab reads objects up to that size"}};
        const auto index = uint32_t(m_doc.m_nodes.size());
        YamlDocument::Node n;
        n.kind = kind;
        n.line = uint32_t(mark.line + 1);
        n.column = characterColumn(mark);
        n.end = index + 1;
        m_doc.m_nodes.push_back(n);
        if (!m_open.empty()) {
            Open& parent = m_open.back();
            if (parent.lastChild)
                m_doc.m_nodes[parent.lastChild].next = index;
            parent.lastChild = index;
        }
        if (anchor) {
            if (m_anchors.size() <= anchor)
                m_anchors.resize(anchor + 1, 0);
            m_anchors[anchor] = index;
            m_doc.m_anchorNames.emplace_back(index, std::move(m_pendingAnchor));
            m_pendingAnchor.clear();
        }
        return index;
    }

    // yaml-cpp counts columns in bytes; people (and the text checks) count characters.
    uint32_t characterColumn(const YAML::Mark& mark) const
    {
        if (mark.pos < 0 || size_t(mark.pos) > m_source.size() || mark.column > mark.pos)
            return uint32_t(mark.column + 1);
        const size_t lineStart = size_t(mark.pos - mark.column);
        uint32_t column = 1;
        for (size_t i = lineStart; i < size_t(mark.pos); ++i)
            if ((static_cast<unsigned char>(m_source[i]) & 0xC0) != 0x80)
                ++column;
        return column;
    }

    // yaml-cpp lets a quoted scalar without its closing quote run to the end of the input; go-yaml (and so
    // kubectl) refuses it, and so does PodLab.
    void checkClosingQuote(const YAML::Mark& mark) const
    {
        if (mark.pos < 0 || size_t(mark.pos) >= m_source.size())
            return;
        const char quote = m_source[size_t(mark.pos)];
        if (quote != '"' && quote != '\'')
            return;
        for (size_t i = size_t(mark.pos) + 1; i < m_source.size(); ++i) {
            const char c = m_source[i];
            if (quote == '"' && c == '\\') {
                ++i;
                continue;
            }
            if (c == quote) {
                if (quote == '\'' && i + 1 < m_source.size() && m_source[i + 1] == '\'') {
                    ++i; // '' is an escaped quote
                    continue;
                }
                return;
            }
        }
        throw LimitExceeded{{mark.line + 1, int(characterColumn(mark)),
                             "found unexpected end of stream while scanning a quoted scalar (its closing " +
                                 std::string(1, quote) + " is missing)"}};
    }

    void open(uint32_t index, const YAML::Mark& mark)
    {
        if (m_open.size() >= m_limits.maxDepth)
            throw LimitExceeded{{mark.line + 1, mark.column + 1,
                                 "nesting is deeper than " + std::to_string(m_limits.maxDepth) +
                                     " levels; PodLab reads manifests up to that depth"}};
        m_open.push_back({index, 0});
    }

    void close()
    {
        m_doc.m_nodes[m_open.back().index].end = uint32_t(m_doc.m_nodes.size());
        m_open.pop_back();
    }

    std::string_view m_source;
    const YamlLimits& m_limits;
    const std::function<void(const YamlDocument&)>& m_onDocument;
    std::string m_pendingAnchor;
    YamlDocument m_doc;
    std::vector<Open> m_open;
    std::vector<uint32_t> m_anchors; // yaml-cpp anchor id -> node index
};

std::string fileTooLargeMessage(size_t bytes, size_t limit)
{
    return "file is " + std::to_string(bytes >> 20) + " MiB; PodLab reads manifests up to " +
           std::to_string(limit >> 20) + " MiB";
}

namespace {

class MemoryBuffer : public std::streambuf {
public:
    MemoryBuffer(const char* data, size_t size)
    {
        char* p = const_cast<char*>(data); // read-only use: the get area is never written
        setg(p, p, p + size);
    }
};

struct Position {
    int line = 1;
    int column = 1;
};

Position positionOf(std::string_view bytes, size_t offset)
{
    Position p;
    for (size_t i = 0; i < offset && i < bytes.size(); ++i) {
        if (bytes[i] == '\n') {
            ++p.line;
            p.column = 1;
        } else if ((static_cast<unsigned char>(bytes[i]) & 0xC0) != 0x80) {
            ++p.column; // columns count characters, not bytes
        }
    }
    return p;
}

std::optional<YamlError> checkText(std::string_view bytes, const YamlLimits& limits)
{
    if (bytes.size() > limits.maxFileBytes)
        return YamlError{1, 1, fileTooLargeMessage(bytes.size(), limits.maxFileBytes)};
    if (bytes.size() >= 2 && ((bytes[0] == '\xFF' && bytes[1] == '\xFE') || (bytes[0] == '\xFE' && bytes[1] == '\xFF')))
        return YamlError{1, 1, "file is UTF-16 or UTF-32 encoded; save it as UTF-8"};
    for (size_t i = 0; i < bytes.size();) {
        const auto c = static_cast<unsigned char>(bytes[i]);
        if (c < 0x80) {
            if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) {
                const Position p = positionOf(bytes, i);
                char hex[8];
                std::snprintf(hex, sizeof hex, "0x%02X", c);
                return YamlError{p.line, p.column,
                                 c == 0 ? std::string("file contains a NUL byte: it is binary, not YAML")
                                        : std::string("control character ") + hex + " is not allowed in YAML"};
            }
            ++i;
            continue;
        }
        const size_t n = utf8SequenceLength(bytes, i);
        if (n == 0) {
            const Position p = positionOf(bytes, i);
            char hex[8];
            std::snprintf(hex, sizeof hex, "0x%02X", c);
            return YamlError{p.line, p.column, std::string("invalid UTF-8 (byte ") + hex + "); save the file as UTF-8"};
        }
        i += n;
    }
    return std::nullopt;
}

std::string_view lineAt(std::string_view bytes, int line)
{
    size_t start = 0;
    for (int l = 1; l < line; ++l) {
        start = bytes.find('\n', start);
        if (start == std::string_view::npos)
            return {};
        ++start;
    }
    const size_t end = bytes.find('\n', start);
    return bytes.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

// yaml-cpp's messages are terse; say what went wrong the way go-yaml (and so kubectl) does, with a hint.
YamlError explain(std::string_view bytes, const YAML::Exception& e)
{
    YamlError err{e.mark.is_null() ? 1 : e.mark.line + 1, e.mark.is_null() ? 1 : e.mark.column + 1, e.msg};
    for (int line : {err.line, err.line - 1}) {
        const std::string_view text = lineAt(bytes, line);
        const size_t indentEnd = text.find_first_not_of(" \t");
        const std::string_view indent = text.substr(0, indentEnd == std::string_view::npos ? text.size() : indentEnd);
        if (line >= 1 && indent.find('\t') != std::string_view::npos) {
            err.line = line;
            err.column = int(indent.find('\t')) + 1;
            err.message = "found a tab character where indentation is expected: YAML indents with spaces only";
            return err;
        }
    }
    static const std::pair<std::string_view, std::string_view> rewrites[] = {
        {"illegal map value", "mapping values are not allowed in this context (a value containing \": \" needs quotes)"},
        {"end of map not found", "did not find expected key: check the indentation of this line"},
        {"end of sequence not found", "did not find expected '-' indicator: check the indentation of this line"},
        {"end of map flow not found", "did not find expected ',' or '}'"},
        {"end of sequence flow not found", "did not find expected ',' or ']'"},
        {"bad file", "nesting is too deep"},
        {"block sequence entries are not allowed in this context",
         "block sequence entries are not allowed in this context: check the indentation"},
    };
    for (const auto& [from, to] : rewrites)
        if (e.msg == from)
            err.message = std::string(to);
    return err;
}

} // namespace

std::optional<YamlError> parseYamlStream(std::string_view bytes,
                                         const std::function<void(const YamlDocument&)>& onDocument,
                                         const YamlLimits& limits)
{
    if (auto error = checkText(bytes, limits))
        return error;
    if (bytes.size() >= 3 && bytes.substr(0, 3) == "\xEF\xBB\xBF")
        bytes.remove_prefix(3); // a UTF-8 byte-order mark carries no meaning
    MemoryBuffer buffer(bytes.data(), bytes.size());
    std::istream stream(&buffer);
    try {
        YAML::Parser parser(stream);
        YamlDocumentBuilder builder(bytes, limits, onDocument);
        while (parser.HandleNextDocument(builder)) {
        }
    } catch (const LimitExceeded& e) {
        return e.error;
    } catch (const YAML::Exception& e) {
        return explain(bytes, e);
    }
    return std::nullopt;
}

} // namespace podlab::manifest
