#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::shell {

constexpr uint32_t kNone = UINT32_MAX;

enum class PartKind : uint8_t {
    Literal,  // text
    Param,    // $name, ${name...}: `text` is the name ("?", "@", "1", "HOME")
    Command,  // $(...) or `...`: `node` is the list to run
    Arith,    // $((...)): `text` is the expression
    Tilde,    // a leading unquoted ~: $HOME
};

// ${name<op>word}
enum class ParamOp : uint8_t {
    Plain,
    Length,          // ${#name}
    Default,         // ${name-word} / ${name:-word}
    Assign,          // ${name=word} / ${name:=word}
    Alternative,     // ${name+word} / ${name:+word}
    Error,           // ${name?word} / ${name:?word}
    RemoveSuffix,    // ${name%pattern}
    RemoveLongSuffix,// ${name%%pattern}
    RemovePrefix,    // ${name#pattern}
    RemoveLongPrefix,// ${name##pattern}
    Replace,         // ${name/pattern/string}
    ReplaceAll,      // ${name//pattern/string}
    Substring,       // ${name:offset:length}
};

struct WordPart {
    PartKind kind = PartKind::Literal;
    ParamOp op = ParamOp::Plain;
    bool quoted = false; // inside quotes or escaped: no field splitting, no pathname expansion
    bool colon = false;  // ${name:-word} rather than ${name-word}: empty counts as unset
    std::string text;
    uint32_t arg = kNone;  // Param: the operand word (index into Script::words)
    uint32_t arg2 = kNone; // Param: Replace's replacement, Substring's length
    uint32_t node = kNone; // Command: the list node
};

struct Word {
    std::vector<WordPart> parts;
    // The source text, for messages and for keyword/operator recognition.
    std::string raw;
};

enum class RedirOp : uint8_t {
    Out,        // >
    Append,     // >>
    In,         // <
    DupOut,     // >&
    DupIn,      // <&
    ReadWrite,  // <>
    HereDoc,    // << and <<- (the word is the body)
};

struct Redir {
    int fd = 1;
    RedirOp op = RedirOp::Out;
    uint32_t word = kNone;
};

struct Assign {
    std::string name;
    uint32_t value = kNone; // word
};

enum class NodeKind : uint8_t {
    List,          // kids: and-or lists; `flags` per kid: 1 = ran with '&'
    AndOr,         // kids: pipelines; `flags[i]` joins kid i to kid i+1: 0 = &&, 1 = ||
    Pipeline,      // kids: commands; `bang` for a leading '!'
    Simple,        // assigns, words, redirs
    If,            // kids: cond, body, cond, body, ..., [else body]; `hasElse`
    While,         // kids: cond, body
    Until,         // kids: cond, body
    For,           // name, words (or "$@" when `useArgs`), kids: body
    Case,          // words[0] is the subject; items
    Brace,         // kids: list
    Subshell,      // kids: list
    FunctionDef,   // name, kids: body (a compound command)
    DoubleBracket, // words, with `flags[i]` = 1 where words[i] is an operator token (&&, ||, !, (, ))
    SyntaxError,   // `name` is the message: the line that failed to parse; running it exits 2
};

struct CaseItem {
    std::vector<uint32_t> patterns; // words
    uint32_t body = kNone;          // list node, or kNone for an empty body
};

struct Node {
    NodeKind kind = NodeKind::List;
    bool bang = false;
    bool hasElse = false;
    bool useArgs = false;
    uint32_t line = 1;
    std::string name;
    std::vector<uint32_t> kids;
    std::vector<uint8_t> flags;
    std::vector<uint32_t> words;
    std::vector<Assign> assigns;
    std::vector<Redir> redirs; // on compound commands: applied around the whole command
    std::vector<CaseItem> items;
};

// A parsed shell script: immutable once built, so one parse is shared (std::shared_ptr<const Script>) by
// every process that runs it, and processes refer to its nodes by index, which survives copying and saving.
class Script {
public:
    // Never fails: the lines before a syntax error run, then the error is printed and the shell exits 2.
    static std::shared_ptr<const Script> parse(std::string_view source);

    bool ok() const { return m_error.empty(); }
    // busybox's text after "sh: ", e.g. `syntax error: unexpected "fi"`.
    const std::string& error() const { return m_error; }
    uint32_t errorLine() const { return m_errorLine; }
    const std::string& source() const { return m_source; }
    uint32_t root() const { return m_root; }
    const Node& node(uint32_t i) const { return m_nodes[i]; }
    const Word& word(uint32_t i) const { return m_words[i]; }
    size_t nodeCount() const { return m_nodes.size(); }

private:
    friend class Parser;
    std::string m_source;
    std::vector<Node> m_nodes;
    std::vector<Word> m_words;
    // Texts parsed apart from the source (backquote bodies after unescaping, here-document bodies); a deque
    // so that the parser's views into them stay valid.
    std::deque<std::string> m_backquoteSources;
    uint32_t m_root = kNone;
    std::string m_error;
    uint32_t m_errorLine = 0;
};

} // namespace podlab::sim::shell
