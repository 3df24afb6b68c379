#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// One YAML document as a compact, positioned tree: nodes in document (pre-)order in one vector, scalar text in
// one string. Built from yaml-cpp's event parser, it costs a fraction of YAML::Node (no per-node allocation,
// no shared pointers), and keeps every node's line and column for error messages.
class YamlDocument {
public:
    enum class Kind : uint8_t { Null, Scalar, Sequence, Mapping, Alias };
    enum class Style : uint8_t { Plain, Quoted, Tagged }; // scalars: plain (type resolved), quoted/block, !!tag

    struct Node {
        Kind kind = Kind::Null;
        Style style = Style::Plain;
        uint16_t tagLength = 0; // tagged scalars: the tag is the first tagLength bytes of the text
        uint32_t line = 0;   // 1-based
        uint32_t column = 0; // 1-based
        uint32_t end = 0;    // one past this node's last descendant
        uint32_t next = 0;   // next sibling, 0 if none (node 0 is the root, never a sibling)
        uint32_t text = 0;   // scalars and tags: offset into the text; aliases: index of the anchored node
        uint32_t length = 0; // scalars: text length (tag included for tagged ones)
    };

    class Ref {
    public:
        Ref() = default;
        Ref(const YamlDocument* doc, uint32_t index) : m_doc(doc), m_index(index) {}
        bool isValid() const { return m_doc != nullptr; }
        uint32_t index() const { return m_index; }
        const YamlDocument& document() const { return *m_doc; }
        const Node& node() const { return m_doc->m_nodes[m_index]; }
        Kind kind() const { return node().kind; }
        Style style() const { return node().style; }
        int line() const { return int(node().line); }
        int column() const { return int(node().column); }
        std::string_view text() const;   // scalar text (for tagged scalars, without the tag)
        std::string_view tag() const;    // explicit tag of a tagged scalar, e.g. "tag:yaml.org,2002:str"
        Ref firstChild() const;          // invalid if none
        Ref nextSibling() const;         // invalid if none
        Ref aliasTarget() const;         // for aliases
        uint32_t subtreeSize() const { return node().end - m_index; }
        size_t childCount() const;

    private:
        const YamlDocument* m_doc = nullptr;
        uint32_t m_index = 0;
    };

    bool isEmpty() const { return m_nodes.empty(); }
    Ref root() const { return m_nodes.empty() ? Ref() : Ref(this, 0); }
    size_t nodeCount() const { return m_nodes.size(); }
    int line() const { return m_line; }
    int column() const { return m_column; }
    // The name an anchored node was given (&name), or "".
    std::string_view anchorName(uint32_t index) const;

private:
    friend class YamlDocumentBuilder;
    std::vector<Node> m_nodes;
    std::vector<std::pair<uint32_t, std::string>> m_anchorNames; // by node index, ascending
    std::string m_text;
    int m_line = 1;
    int m_column = 1;
};

// Limits that keep a hostile or broken file from taking the program down (see README, "Limits").
struct YamlLimits {
    size_t maxFileBytes = 32u << 20;      // 32 MiB
    unsigned maxDepth = 100;              // nesting of mappings and sequences
    size_t maxNodesPerDocument = 1'000'000;
};

struct YamlError {
    int line = 0;
    int column = 0;
    std::string message;
};

std::string fileTooLargeMessage(size_t bytes, size_t limit);

// Parses every document of a YAML (or JSON) stream, calling `onDocument` for each as soon as it is complete,
// so memory stays bounded by the largest document. Returns the first error, positioned; documents before it
// have already been delivered. Also rejects input that is not text: invalid UTF-8, NUL and other control bytes,
// UTF-16/32, and input over the size limit.
std::optional<YamlError> parseYamlStream(std::string_view bytes,
                                         const std::function<void(const YamlDocument&)>& onDocument,
                                         const YamlLimits& limits = {});

} // namespace podlab::manifest
