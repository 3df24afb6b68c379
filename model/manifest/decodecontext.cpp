#include "decodecontext.h"

#include <algorithm>
#include <cctype>

namespace podlab::manifest {

namespace {

constexpr size_t kMinAliasBudget = 10'000;
constexpr size_t kAliasBudgetPerNode = 10;
constexpr size_t kSmallMapping = 32;

std::string quoted(std::string_view s)
{
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n')
            out += "\\n";
        else if (c == '\t')
            out += "\\t";
        else
            out += c;
    }
    return out + '"';
}

const char* article(std::string_view noun)
{
    return (!noun.empty() && std::string_view("aeiou").find(noun[0]) != std::string_view::npos) ? "an" : "a";
}

size_t editDistance(std::string_view a, std::string_view b)
{
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j)
        row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
        size_t diagonal = row[0];
        row[0] = i;
        for (size_t j = 1; j <= b.size(); ++j) {
            const size_t above = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}

bool equalsIgnoringCase(std::string_view a, std::string_view b)
{
    return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
               return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
           });
}

} // namespace

std::string_view suggestName(std::string_view name, const std::vector<std::string_view>& candidates)
{
    std::string_view best;
    size_t bestDistance = name.size() >= 5 ? 2 : 1;
    for (std::string_view c : candidates) {
        if (equalsIgnoringCase(name, c))
            return c;
        const size_t d = editDistance(name, c);
        if (d <= bestDistance && (best.empty() || d < bestDistance)) {
            best = c;
            bestDistance = d;
        }
    }
    return best;
}

DecodeContext::DecodeContext(std::string file, Diagnostics& out, const YamlDocument& document)
    : m_file(std::move(file)), m_out(out),
      m_aliasBudget(std::max(kMinAliasBudget, document.nodeCount() * kAliasBudgetPerNode))
{
}

std::string DecodeContext::path() const
{
    std::string out;
    for (const Segment& s : m_path) {
        switch (s.kind) {
        case Segment::Kind::Field:
            if (!out.empty())
                out += '.';
            out += s.name;
            break;
        case Segment::Kind::Index:
            out += '[' + std::to_string(s.index) + ']';
            break;
        case Segment::Kind::Key:
            out += '[';
            out += s.name;
            out += ']';
            break;
        }
    }
    return out;
}

void DecodeContext::error(YamlRef at, std::string message)
{
    ++m_errors;
    m_out.push_back({Diagnostic::Severity::Error, m_file, at.isValid() ? at.line() : 0,
                     at.isValid() ? at.column() : 0, path(), std::move(message)});
}

void DecodeContext::report(Diagnostic diagnostic)
{
    if (diagnostic.isError())
        ++m_errors;
    m_out.push_back(std::move(diagnostic));
}

void DecodeContext::warning(YamlRef at, std::string message)
{
    m_out.push_back({Diagnostic::Severity::Warning, m_file, at.isValid() ? at.line() : 0,
                     at.isValid() ? at.column() : 0, path(), std::move(message)});
}

void DecodeContext::duplicateKey(YamlRef key, std::string_view name)
{
    // Say where the first one is: the path names the mapping, the position the second key.
    error(key, "duplicate field " + quoted(name) + ": a key may appear only once in a mapping");
}

bool DecodeContext::SeenKeys::insert(std::string_view key)
{
    if (m_large.empty()) {
        if (std::find(m_small.begin(), m_small.end(), key) != m_small.end())
            return false;
        m_small.push_back(key);
        if (m_small.size() > kSmallMapping) {
            m_large.insert(m_small.begin(), m_small.end());
            m_small.clear();
        }
        return true;
    }
    return m_large.insert(key).second;
}

YamlRef DecodeContext::resolve(YamlRef node)
{
    if (!node.isValid() || node.kind() != YamlDocument::Kind::Alias)
        return node;
    const YamlRef target = node.aliasTarget();
    if (target.index() <= node.index() && node.index() < target.node().end) {
        // The alias sits inside the very node it names: following it would never end.
        error(node, "alias *" + std::string(node.document().anchorName(target.index())) +
                        " refers to the node that contains it");
        return {};
    }
    const size_t cost = target.subtreeSize();
    if (cost > m_aliasBudget) {
        m_aliasBudget = 0;
        if (!m_aliasBudgetReported) {
            m_aliasBudgetReported = true;
            error(node, "document contains excessive aliasing (a YAML alias bomb?); PodLab stopped expanding it");
        }
        return {};
    }
    m_aliasBudget -= cost;
    return target;
}

std::optional<Scalar> DecodeContext::scalar(YamlRef node, std::string_view expected)
{
    using T = ResolvedScalar::Type;
    node = resolve(node);
    Scalar s;
    if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
        return s;
    if (node.kind() != YamlDocument::Kind::Scalar) {
        const std::string got = node.kind() == YamlDocument::Kind::Mapping ? "mapping" : "list";
        error(node, "Invalid value: " + got + ": expected " + std::string(article(expected)) + " " +
                        std::string(expected) + ", got " + article(got) + " " + got);
        return std::nullopt;
    }
    s.text = node.text();
    switch (node.style()) {
    case YamlDocument::Style::Quoted:
        s.type = T::String;
        return s;
    case YamlDocument::Style::Plain:
        s.resolved = resolvePlainScalar(s.text);
        s.type = s.resolved.type;
        return s;
    case YamlDocument::Style::Tagged: {
        const std::string_view tag = node.tag();
        const std::string_view core = "tag:yaml.org,2002:";
        const std::string_view name = tag.substr(0, core.size()) == core ? tag.substr(core.size()) : tag;
        if (name == "str" || name == "binary") {
            s.type = T::String;
        } else if (name == "null") {
            s.type = T::Null;
        } else if (name == "int" || name == "float" || name == "bool") {
            s.resolved = resolvePlainScalar(s.text);
            s.type = s.resolved.type;
            const T want = name == "int" ? T::Int : (name == "float" ? T::Float : T::Bool);
            if (s.type == T::Int && want == T::Float)
                s.resolved.floatValue = double(s.resolved.intValue), s.type = T::Float;
            if (s.type != want) {
                error(node, "Invalid value: " + quoted(s.text) + ": cannot be read as !!" + std::string(name));
                return std::nullopt;
            }
        } else {
            error(node, "unsupported YAML tag " + quoted(tag) + ": Kubernetes manifests use plain values");
            return std::nullopt;
        }
        return s;
    }
    }
    return s;
}

void DecodeContext::typeError(YamlRef at, std::string_view expected)
{
    const auto s = scalar(at, expected);
    if (!s)
        return; // scalar() has reported a mapping or list already
    const std::string got = typeName(s->type);
    std::string message = "Invalid value: " + (s->type == ResolvedScalar::Type::String ? quoted(s->text)
                                                                                        : std::string(s->text)) +
                          ": expected " + article(expected) + " " + std::string(expected) + ", got " + article(got) +
                          " " + got;
    if (expected == "string")
        message += " (put it in quotes: " + quoted(s->text) + ")";
    error(at, std::move(message));
}

} // namespace podlab::manifest
