#pragma once

#include "diagnostic.h"
#include "scalar.h"
#include "yamldocument.h"

#include <optional>
#include <unordered_set>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

using YamlRef = YamlDocument::Ref;

// A scalar as the API server sees it after kubectl's YAML-to-JSON step.
struct Scalar {
    ResolvedScalar::Type type = ResolvedScalar::Type::Null;
    std::string_view text;
    ResolvedScalar resolved;
};

// State of one decode: where we are (the field path, for messages), where problems go, and the alias budget
// that stops "billion laughs" documents.
class DecodeContext {
public:
    DecodeContext(std::string file, Diagnostics& out, const YamlDocument& document);

    // The field path, maintained by PathScope as the decoder descends.
    std::string path() const;

    void error(YamlRef at, std::string message);
    // A problem found by a parser of its own (a nested format), already positioned.
    void report(Diagnostic diagnostic);
    const std::string& file() const { return m_file; }
    void warning(YamlRef at, std::string message);
    // "Invalid value: 8080: expected a string, got an integer", with a hint where one helps.
    void typeError(YamlRef at, std::string_view expected);

    // Follows an alias (charging its size to the budget). Returns an invalid Ref once the budget is spent.
    YamlRef resolve(YamlRef node);
    // The scalar behind `node` (after aliases), typed by YAML 1.1 rules; type Null for null or missing nodes.
    // Reports and returns nullopt for sequences, mappings and unsupported tags.
    std::optional<Scalar> scalar(YamlRef node, std::string_view expected);

    // Calls fn(key, keyNode, valueNode) for each member of a mapping, applying `<<` merge keys and reporting
    // duplicate keys and non-string keys.
    template <class Fn>
    void forEachMember(YamlRef mapping, Fn&& fn);

    size_t errorCount() const { return m_errors; }

private:
    friend class PathScope;
    struct Segment {
        enum class Kind : uint8_t { Field, Index, Key } kind;
        std::string_view name;
        size_t index;
    };

    // Keys of one mapping seen so far: a short list, a hash set once the mapping is large.
    class SeenKeys {
    public:
        bool insert(std::string_view key); // false if already there
    private:
        std::vector<std::string_view> m_small;
        std::unordered_set<std::string_view> m_large;
    };
    template <class Fn>
    void visitMembers(YamlRef mapping, SeenKeys& seen, Fn& fn, bool fromMerge);
    void duplicateKey(YamlRef key, std::string_view name);

    std::string m_file;
    Diagnostics& m_out;
    std::vector<Segment> m_path;
    size_t m_aliasBudget;
    bool m_aliasBudgetReported = false;
    size_t m_errors = 0;
};

// Extends the path for the lifetime of the scope: PathScope s(ctx, "spec"), PathScope s(ctx, index).
class PathScope {
public:
    PathScope(DecodeContext& ctx, std::string_view field) : m_ctx(ctx)
    {
        ctx.m_path.push_back({DecodeContext::Segment::Kind::Field, field, 0});
    }
    PathScope(DecodeContext& ctx, size_t index) : m_ctx(ctx)
    {
        ctx.m_path.push_back({DecodeContext::Segment::Kind::Index, {}, index});
    }
    struct Key {
        std::string_view key;
    };
    PathScope(DecodeContext& ctx, Key key) : m_ctx(ctx)
    {
        ctx.m_path.push_back({DecodeContext::Segment::Kind::Key, key.key, 0});
    }
    ~PathScope() { m_ctx.m_path.pop_back(); }
    PathScope(const PathScope&) = delete;
    PathScope& operator=(const PathScope&) = delete;

private:
    DecodeContext& m_ctx;
};

template <class Fn>
void DecodeContext::forEachMember(YamlRef mapping, Fn&& fn)
{
    SeenKeys seen;
    visitMembers(mapping, seen, fn, false);
}

template <class Fn>
void DecodeContext::visitMembers(YamlRef mapping, SeenKeys& seen, Fn& fn, bool fromMerge)
{
    std::vector<YamlRef> merges;
    YamlRef keyNode = mapping.firstChild();
    while (keyNode.isValid()) {
        const YamlRef valueNode = keyNode.nextSibling();
        const YamlRef nextKey = valueNode.isValid() ? valueNode.nextSibling() : YamlRef();
        const YamlRef key = resolve(keyNode);
        if (!key.isValid()) {
        } else if (key.kind() == YamlDocument::Kind::Scalar && key.style() == YamlDocument::Style::Plain &&
                   key.text() == "<<") {
            merges.push_back(valueNode);
        } else if (key.kind() != YamlDocument::Kind::Scalar && key.kind() != YamlDocument::Kind::Null) {
            error(keyNode, "mapping keys must be strings, not a " +
                               std::string(key.kind() == YamlDocument::Kind::Mapping ? "mapping" : "sequence"));
        } else {
            const std::string_view name = key.kind() == YamlDocument::Kind::Null ? std::string_view("null") : key.text();
            if (seen.insert(name))
                fn(name, keyNode, valueNode);
            else if (!fromMerge)
                duplicateKey(keyNode, name);
        }
        keyNode = nextKey;
    }
    // Merged keys never override keys written in the mapping itself; earlier merges win over later ones.
    for (const YamlRef merge : merges) {
        const YamlRef source = resolve(merge);
        if (!source.isValid())
            continue;
        if (source.kind() == YamlDocument::Kind::Mapping) {
            visitMembers(source, seen, fn, true);
        } else if (source.kind() == YamlDocument::Kind::Sequence) {
            for (YamlRef item = source.firstChild(); item.isValid(); item = item.nextSibling()) {
                const YamlRef m = resolve(item);
                if (m.isValid() && m.kind() == YamlDocument::Kind::Mapping)
                    visitMembers(m, seen, fn, true);
                else if (m.isValid())
                    error(item, "map merge requires a mapping or a list of mappings as its value");
            }
        } else {
            error(merge, "map merge requires a mapping or a list of mappings as its value");
        }
    }
}

// The closest of `candidates` to a misspelt `name` ("livenssProbe" -> "livenessProbe"), or "".
std::string_view suggestName(std::string_view name, const std::vector<std::string_view>& candidates);

} // namespace podlab::manifest
