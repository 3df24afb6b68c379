#include "script.h"

#include <cstring>

namespace podlab::sim::shell {

namespace {

enum class Tok : uint8_t {
    Word,
    Newline,
    Semi,
    Amp,
    Pipe,
    AndIf,
    OrIf,
    DSemi,
    LParen,
    RParen,
    Redirect,
    Eof,
};

struct Token {
    Tok type = Tok::Eof;
    uint32_t word = kNone;
    uint32_t line = 1;
    std::string text; // as written, for messages
    // Redirect tokens
    RedirOp op = RedirOp::Out;
    int fd = -1;
    bool stripTabs = false; // <<-
};

struct SyntaxError {
    std::string message;
    uint32_t line;
};

bool isNameStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool isNameChar(char c) { return isNameStart(c) || (c >= '0' && c <= '9'); }
bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isMeta(char c) { return std::strchr(" \t\n;&|<>()", c) != nullptr; }

bool isName(std::string_view s)
{
    if (s.empty() || !isNameStart(s[0]))
        return false;
    for (char c : s) {
        if (!isNameChar(c))
            return false;
    }
    return true;
}

} // namespace

// Recursive descent over the source, lexing on demand with one token of look-ahead. Command substitutions
// are parsed in place (the parser recurses from inside a word), so `$(...)` may hold any script.
class Parser {
public:
    Parser(Script& s, std::string_view src, uint32_t line = 1)
        : m_s(s)
        , m_src(src)
        , m_line(line)
    {
    }

    // Like ash, reads one line (a complete command) at a time: lines before a syntax error still run, and
    // the error is reported, with exit status 2, when execution reaches it.
    uint32_t parseProgram(std::string& error, uint32_t& errorLine)
    {
        Node list = makeNode(NodeKind::List, m_line);
        size_t kidsBefore = 0;
        try {
            while (true) {
                skipNewlines();
                if (peek().type == Tok::Eof)
                    break;
                kidsBefore = list.kids.size();
                while (true) {
                    list.kids.push_back(parseAndOr());
                    list.flags.push_back(0);
                    const Token& t = peek();
                    if (t.type == Tok::Semi || t.type == Tok::Amp) {
                        list.flags.back() = t.type == Tok::Amp;
                        take();
                        if (peek().type == Tok::Newline || peek().type == Tok::Eof)
                            break;
                        continue;
                    }
                    if (t.type == Tok::Newline || t.type == Tok::Eof)
                        break;
                    unexpected(t);
                }
            }
        } catch (const SyntaxError& e) {
            list.kids.resize(kidsBefore);
            list.flags.resize(kidsBefore);
            Node bad = makeNode(NodeKind::SyntaxError, e.line);
            bad.name = e.message;
            list.kids.push_back(addNode(std::move(bad)));
            list.flags.push_back(0);
            error = e.message;
            errorLine = e.line;
        }
        return addNode(std::move(list));
    }

    // A backquoted command's text: any syntax error fails the enclosing line.
    uint32_t parseNested()
    {
        const uint32_t list = parseList();
        const Token& t = peek();
        if (t.type != Tok::Eof)
            unexpected(t);
        return list == kNone ? addNode(makeNode(NodeKind::List, m_line)) : list;
    }

private:
    // ---- errors ------------------------------------------------------------------------------------------
    [[noreturn]] void fail(std::string message, uint32_t line) { throw SyntaxError{std::move(message), line}; }
    [[noreturn]] void unexpected(const Token& t, const char* expecting = nullptr)
    {
        if (t.type == Tok::Eof) {
            std::string m = "syntax error: unexpected end of file";
            if (expecting)
                m += std::string(" (expecting \"") + expecting + "\")";
            fail(m, t.line);
        }
        if (t.type == Tok::Newline)
            fail("syntax error: unexpected newline", t.line);
        fail("syntax error: unexpected \"" + t.text + "\"", t.line);
    }

    // ---- building ----------------------------------------------------------------------------------------
    uint32_t addNode(Node n)
    {
        m_s.m_nodes.push_back(std::move(n));
        return uint32_t(m_s.m_nodes.size() - 1);
    }
    uint32_t addWord(Word w)
    {
        m_s.m_words.push_back(std::move(w));
        return uint32_t(m_s.m_words.size() - 1);
    }
    Node makeNode(NodeKind kind, uint32_t line)
    {
        Node n;
        n.kind = kind;
        n.line = line;
        return n;
    }

    // ---- lexing ------------------------------------------------------------------------------------------
    bool atEnd() const { return m_pos >= m_src.size(); }
    char cur() const { return m_pos < m_src.size() ? m_src[m_pos] : '\0'; }
    char at(size_t off) const { return m_pos + off < m_src.size() ? m_src[m_pos + off] : '\0'; }

    const Token& peek()
    {
        if (!m_hasTok) {
            m_tok = lex();
            m_hasTok = true;
        }
        return m_tok;
    }
    Token take()
    {
        peek();
        m_hasTok = false;
        return std::move(m_tok);
    }
    bool isKeyword(const Token& t, const char* kw) const
    {
        if (t.type != Tok::Word)
            return false;
        const Word& w = m_s.m_words[t.word];
        return w.parts.size() == 1 && w.parts[0].kind == PartKind::Literal && !w.parts[0].quoted && w.raw == kw;
    }
    bool peekKeyword(const char* kw) { return isKeyword(peek(), kw); }
    void expectKeyword(const char* kw)
    {
        if (!peekKeyword(kw))
            unexpected(peek(), kw);
        take();
    }
    void skipNewlines()
    {
        while (peek().type == Tok::Newline)
            take();
    }

    void skipBlanksAndComments()
    {
        while (!atEnd()) {
            const char c = cur();
            if (c == ' ' || c == '\t') {
                ++m_pos;
            } else if (c == '\\' && at(1) == '\n') {
                m_pos += 2;
                ++m_line;
            } else if (c == '#') {
                while (!atEnd() && cur() != '\n')
                    ++m_pos;
            } else {
                break;
            }
        }
    }

    Token lex()
    {
        skipBlanksAndComments();
        Token t;
        t.line = m_line;
        if (atEnd()) {
            t.type = Tok::Eof;
            return t;
        }
        const char c = cur();
        auto op = [&](Tok type, size_t len) {
            t.type = type;
            t.text.assign(m_src.substr(m_pos, len));
            m_pos += len;
            return t;
        };
        if (c == '\n') {
            ++m_pos;
            ++m_line;
            t.type = Tok::Newline;
            t.text = "newline";
            readPendingHereDocs();
            return t;
        }
        if (c == ';')
            return at(1) == ';' ? op(Tok::DSemi, 2) : op(Tok::Semi, 1);
        if (c == '&')
            return at(1) == '&' ? op(Tok::AndIf, 2) : op(Tok::Amp, 1);
        if (c == '|')
            return at(1) == '|' ? op(Tok::OrIf, 2) : op(Tok::Pipe, 1);
        if (c == '(')
            return op(Tok::LParen, 1);
        if (c == ')')
            return op(Tok::RParen, 1);
        // An all-digit word right before < or > is the file descriptor of a redirection.
        size_t digits = 0;
        while (isDigit(at(digits)))
            ++digits;
        if ((c == '<' || c == '>') || (digits > 0 && (at(digits) == '<' || at(digits) == '>'))) {
            const size_t start = m_pos;
            if (digits > 0) {
                t.fd = std::stoi(std::string(m_src.substr(m_pos, digits)));
                m_pos += digits;
            }
            const char r = cur();
            const char n = at(1);
            t.type = Tok::Redirect;
            if (r == '>') {
                t.fd = t.fd < 0 ? 1 : t.fd;
                if (n == '>') {
                    t.op = RedirOp::Append;
                    m_pos += 2;
                } else if (n == '&') {
                    t.op = RedirOp::DupOut;
                    m_pos += 2;
                } else if (n == '|') {
                    t.op = RedirOp::Out;
                    m_pos += 2;
                } else {
                    t.op = RedirOp::Out;
                    m_pos += 1;
                }
            } else {
                t.fd = t.fd < 0 ? 0 : t.fd;
                if (n == '<') {
                    t.op = RedirOp::HereDoc;
                    m_pos += 2;
                    if (cur() == '-') {
                        t.stripTabs = true;
                        ++m_pos;
                    }
                } else if (n == '&') {
                    t.op = RedirOp::DupIn;
                    m_pos += 2;
                } else if (n == '>') {
                    t.op = RedirOp::ReadWrite;
                    m_pos += 2;
                } else {
                    t.op = RedirOp::In;
                    m_pos += 1;
                }
            }
            t.text.assign(m_src.substr(start, m_pos - start));
            return t;
        }
        t.type = Tok::Word;
        const size_t start = m_pos;
        Word w;
        readWord(w);
        w.raw.assign(m_src.substr(start, m_pos - start));
        t.text = w.raw;
        t.word = addWord(std::move(w));
        return t;
    }

    static void addLiteral(Word& w, std::string_view text, bool quoted)
    {
        if (!w.parts.empty() && w.parts.back().kind == PartKind::Literal && w.parts.back().quoted == quoted) {
            w.parts.back().text.append(text);
            return;
        }
        WordPart p;
        p.kind = PartKind::Literal;
        p.quoted = quoted;
        p.text.assign(text);
        w.parts.push_back(std::move(p));
    }

    // One word up to an unquoted metacharacter.
    void readWord(Word& w)
    {
        const size_t start = m_pos;
        while (!atEnd()) {
            const char c = cur();
            if (isMeta(c))
                break;
            if (c == '~' && m_pos == start && (isMeta(at(1)) || at(1) == '/' || at(1) == '\0')) {
                WordPart p;
                p.kind = PartKind::Tilde;
                w.parts.push_back(std::move(p));
                ++m_pos;
            } else if (!readQuotedOrExpansion(w, false)) {
                addLiteral(w, m_src.substr(m_pos, 1), false);
                ++m_pos;
            }
        }
    }

    // Handles a quote, escape, `$` or backquote at the current position; false if there is none.
    bool readQuotedOrExpansion(Word& w, bool inDoubleQuotes)
    {
        const char c = cur();
        if (c == '\'' && !inDoubleQuotes) {
            const uint32_t line = m_line;
            const size_t end = m_src.find('\'', m_pos + 1);
            if (end == std::string_view::npos)
                fail("syntax error: unterminated quoted string", line);
            const std::string_view text = m_src.substr(m_pos + 1, end - m_pos - 1);
            for (char ch : text)
                m_line += ch == '\n';
            addLiteral(w, text, true);
            if (text.empty())
                addLiteral(w, "", true); // '' still makes a (quoted, empty) part
            m_pos = end + 1;
            return true;
        }
        if (c == '"' && !inDoubleQuotes) {
            const uint32_t line = m_line;
            ++m_pos;
            bool any = false;
            while (true) {
                if (atEnd())
                    fail("syntax error: unterminated quoted string", line);
                if (cur() == '"') {
                    ++m_pos;
                    break;
                }
                any = true;
                readDoubleQuotedChar(w);
            }
            if (!any)
                addLiteral(w, "", true);
            return true;
        }
        if (c == '\\') {
            if (at(1) == '\n') {
                m_pos += 2;
                ++m_line;
                return true;
            }
            if (m_pos + 1 >= m_src.size()) {
                addLiteral(w, "\\", true);
                ++m_pos;
                return true;
            }
            addLiteral(w, m_src.substr(m_pos + 1, 1), true);
            m_pos += 2;
            return true;
        }
        if (c == '$')
            return readDollar(w, inDoubleQuotes);
        if (c == '`') {
            readBackquote(w, inDoubleQuotes);
            return true;
        }
        return false;
    }

    // One character (or expansion) inside "...": only $, `, and \ before $ ` " \ newline are special.
    void readDoubleQuotedChar(Word& w)
    {
        const char c = cur();
        if (c == '\\') {
            const char n = at(1);
            if (n == '$' || n == '`' || n == '"' || n == '\\') {
                addLiteral(w, m_src.substr(m_pos + 1, 1), true);
                m_pos += 2;
                return;
            }
            if (n == '\n') {
                m_pos += 2;
                ++m_line;
                return;
            }
        }
        if ((c == '$' || c == '`') && readQuotedOrExpansion(w, true))
            return;
        if (c == '\n')
            ++m_line;
        addLiteral(w, m_src.substr(m_pos, 1), true);
        ++m_pos;
    }

    bool readDollar(Word& w, bool quoted)
    {
        const char n = at(1);
        WordPart p;
        p.quoted = quoted;
        if (n == '{') {
            m_pos += 2;
            readBraceParam(p, quoted);
            w.parts.push_back(std::move(p));
            return true;
        }
        if (n == '(' && at(2) == '(') {
            const uint32_t line = m_line;
            m_pos += 3;
            int depth = 2;
            const size_t start = m_pos;
            while (!atEnd()) {
                const char ch = cur();
                if (ch == '(')
                    ++depth;
                else if (ch == ')' && --depth == 0)
                    break;
                if (ch == '\n')
                    ++m_line;
                ++m_pos;
            }
            if (atEnd())
                fail("syntax error: unexpected end of file (expecting \"))\")", line);
            p.kind = PartKind::Arith;
            p.text.assign(m_src.substr(start, m_pos - start - 1)); // without the first of the closing "))"
            ++m_pos;
            w.parts.push_back(std::move(p));
            return true;
        }
        if (n == '(') {
            m_pos += 2;
            p.kind = PartKind::Command;
            p.node = parseSubstitution();
            w.parts.push_back(std::move(p));
            return true;
        }
        if (isNameStart(n)) {
            size_t len = 1;
            while (isNameChar(at(1 + len)))
                ++len;
            p.kind = PartKind::Param;
            p.text.assign(m_src.substr(m_pos + 1, len));
            m_pos += 1 + len;
            w.parts.push_back(std::move(p));
            return true;
        }
        if (isDigit(n) || (n != '\0' && std::strchr("?$#@*!-", n))) {
            p.kind = PartKind::Param;
            p.text.assign(1, n);
            m_pos += 2;
            w.parts.push_back(std::move(p));
            return true;
        }
        return false; // a lone '$' is literal
    }

    // $( list ): the list ends at the matching ')'.
    uint32_t parseSubstitution()
    {
        const bool hadTok = m_hasTok;
        if (hadTok)
            fail("syntax error: internal look-ahead in substitution", m_line);
        const uint32_t list = parseList();
        const Token& t = peek();
        if (t.type != Tok::RParen)
            unexpected(t, ")");
        m_hasTok = false; // consume ')' without looking further
        return list == kNone ? addNode(makeNode(NodeKind::List, m_line)) : list;
    }

    void readBackquote(Word& w, bool quoted)
    {
        const uint32_t line = m_line;
        ++m_pos;
        std::string inner;
        while (true) {
            if (atEnd())
                fail("syntax error: unterminated quoted string", line);
            const char c = cur();
            if (c == '`') {
                ++m_pos;
                break;
            }
            if (c == '\\' && (at(1) == '`' || at(1) == '\\' || at(1) == '$')) {
                inner += at(1);
                m_pos += 2;
                continue;
            }
            if (c == '\n')
                ++m_line;
            inner += c;
            ++m_pos;
        }
        // The backslash-processed text is a new source: parse it with its own parser into this script.
        m_s.m_backquoteSources.push_back(inner);
        Parser sub(m_s, m_s.m_backquoteSources.back(), line);
        WordPart p;
        p.kind = PartKind::Command;
        p.quoted = quoted;
        p.node = sub.parseNested();
        w.parts.push_back(std::move(p));
    }

    // After "${".
    void readBraceParam(WordPart& p, bool quoted)
    {
        const uint32_t line = m_line;
        p.kind = PartKind::Param;
        if (cur() == '#' && at(1) != '}' && at(1) != '\0') {
            p.op = ParamOp::Length;
            ++m_pos;
        }
        const size_t start = m_pos;
        if (isNameStart(cur())) {
            while (isNameChar(cur()))
                ++m_pos;
        } else if (isDigit(cur())) {
            while (isDigit(cur()))
                ++m_pos;
        } else if (cur() != '\0' && std::strchr("?$#@*!-", cur())) {
            ++m_pos;
        }
        p.text.assign(m_src.substr(start, m_pos - start));
        if (p.text.empty())
            fail("syntax error: bad substitution", line);
        if (p.op == ParamOp::Length) {
            if (cur() != '}')
                fail("syntax error: bad substitution", line);
            ++m_pos;
            return;
        }
        const char c = cur();
        if (c == '}') {
            ++m_pos;
            return;
        }
        if (atEnd())
            fail("syntax error: missing '}'", line);
        auto operand = [&](const char* stops) {
            Word w;
            readOperand(w, stops, quoted, line);
            return addWord(std::move(w));
        };
        if (c == ':' && at(1) != '\0' && std::strchr("-=+?", at(1))) {
            p.colon = true;
            ++m_pos;
        }
        switch (cur()) {
        case '-':
            p.op = ParamOp::Default;
            break;
        case '=':
            p.op = ParamOp::Assign;
            break;
        case '+':
            p.op = ParamOp::Alternative;
            break;
        case '?':
            p.op = ParamOp::Error;
            break;
        case '%':
            p.op = at(1) == '%' ? ParamOp::RemoveLongSuffix : ParamOp::RemoveSuffix;
            break;
        case '#':
            p.op = at(1) == '#' ? ParamOp::RemoveLongPrefix : ParamOp::RemovePrefix;
            break;
        case '/':
            p.op = at(1) == '/' ? ParamOp::ReplaceAll : ParamOp::Replace;
            break;
        case ':':
            p.op = ParamOp::Substring;
            break;
        default:
            fail("syntax error: bad substitution", line);
        }
        m_pos += (p.op == ParamOp::RemoveLongSuffix || p.op == ParamOp::RemoveLongPrefix
                  || p.op == ParamOp::ReplaceAll)
                     ? 2
                     : 1;
        if (p.op == ParamOp::Replace || p.op == ParamOp::ReplaceAll) {
            p.arg = operand("/}");
            if (cur() == '/') {
                ++m_pos;
                p.arg2 = operand("}");
            }
        } else if (p.op == ParamOp::Substring) {
            p.arg = operand(":}");
            if (cur() == ':') {
                ++m_pos;
                p.arg2 = operand("}");
            }
        } else {
            p.arg = operand("}");
        }
        if (cur() != '}')
            fail("syntax error: missing '}'", line);
        ++m_pos;
    }

    // The word inside ${name op word}: quotes and expansions allowed, ends at an unquoted stop character.
    void readOperand(Word& w, const char* stops, bool quoted, uint32_t line)
    {
        const size_t start = m_pos;
        int braces = 0;
        while (true) {
            if (atEnd())
                fail("syntax error: missing '}'", line);
            const char c = cur();
            if (braces == 0 && std::strchr(stops, c))
                break;
            if (c == '{')
                ++braces;
            else if (c == '}')
                --braces;
            if (quoted) {
                if (c == '"') {
                    ++m_pos; // "${x:-"a"}": the inner quotes only group
                    continue;
                }
                readDoubleQuotedChar(w);
            } else if (!readQuotedOrExpansion(w, false)) {
                if (c == '\n')
                    ++m_line;
                addLiteral(w, m_src.substr(m_pos, 1), false);
                ++m_pos;
            }
        }
        w.raw.assign(m_src.substr(start, m_pos - start));
    }

    // ---- here-documents ----------------------------------------------------------------------------------
    struct PendingHereDoc {
        uint32_t word;      // to fill with the body
        std::string delim;
        bool expand;
        bool stripTabs;
    };

    void readPendingHereDocs()
    {
        std::vector<PendingHereDoc> docs;
        docs.swap(m_hereDocs);
        for (const PendingHereDoc& d : docs) {
            const uint32_t line = m_line;
            std::string body;
            bool found = false;
            while (!atEnd()) {
                size_t end = m_src.find('\n', m_pos);
                const bool lastLine = end == std::string_view::npos;
                if (lastLine)
                    end = m_src.size();
                std::string_view text = m_src.substr(m_pos, end - m_pos);
                m_pos = lastLine ? end : end + 1;
                ++m_line;
                if (d.stripTabs) {
                    while (!text.empty() && text.front() == '\t')
                        text.remove_prefix(1);
                }
                if (text == d.delim) {
                    found = true;
                    break;
                }
                body.append(text);
                body += '\n';
            }
            (void)found; // ash accepts a here-document ended by the end of the script
            Word w;
            if (!d.expand) {
                addLiteral(w, body, true);
            } else {
                // Expand in place: $, ` and \ work as inside double quotes, quotes themselves are literal.
                m_s.m_backquoteSources.push_back(body);
                Parser sub(m_s, m_s.m_backquoteSources.back(), line);
                while (!sub.atEnd()) {
                    if (sub.cur() == '"') {
                        addLiteral(w, "\"", true);
                        ++sub.m_pos;
                    } else {
                        sub.readDoubleQuotedChar(w);
                    }
                }
            }
            if (w.parts.empty())
                addLiteral(w, "", true);
            w.raw = body;
            m_s.m_words[d.word] = std::move(w);
        }
    }

    // ---- grammar -----------------------------------------------------------------------------------------
    bool atListEnd()
    {
        const Token& t = peek();
        switch (t.type) {
        case Tok::Eof:
        case Tok::RParen:
        case Tok::DSemi:
            return true;
        case Tok::Word:
            for (const char* kw : {"then", "else", "elif", "fi", "do", "done", "esac", "}"}) {
                if (isKeyword(t, kw))
                    return true;
            }
            return false;
        default:
            return false;
        }
    }

    // A compound list; kNone when empty (callers that need a list report the token that ended it).
    uint32_t parseList()
    {
        skipNewlines();
        Node list = makeNode(NodeKind::List, peek().line);
        while (!atListEnd()) {
            list.kids.push_back(parseAndOr());
            list.flags.push_back(0);
            const Token& t = peek();
            if (t.type == Tok::Semi || t.type == Tok::Amp) {
                list.flags.back() = t.type == Tok::Amp;
                take();
                skipNewlines();
            } else if (t.type == Tok::Newline) {
                skipNewlines();
            } else {
                break;
            }
        }
        if (list.kids.empty())
            return kNone;
        return addNode(std::move(list));
    }

    // A list that must not be empty; at the end of the script the error names what should have followed.
    uint32_t requireList(const char* expecting)
    {
        const uint32_t l = parseList();
        if (l == kNone)
            unexpected(peek(), expecting);
        return l;
    }

    uint32_t parseAndOr()
    {
        Node n = makeNode(NodeKind::AndOr, peek().line);
        n.kids.push_back(parsePipeline());
        while (peek().type == Tok::AndIf || peek().type == Tok::OrIf) {
            n.flags.push_back(take().type == Tok::OrIf);
            skipNewlines();
            n.kids.push_back(parsePipeline());
        }
        if (n.kids.size() == 1)
            return n.kids[0];
        return addNode(std::move(n));
    }

    uint32_t parsePipeline()
    {
        Node n = makeNode(NodeKind::Pipeline, peek().line);
        if (peekKeyword("!")) {
            take();
            n.bang = true;
        }
        n.kids.push_back(parseCommand());
        while (peek().type == Tok::Pipe) {
            take();
            skipNewlines();
            n.kids.push_back(parseCommand());
        }
        if (n.kids.size() == 1 && !n.bang)
            return n.kids[0];
        return addNode(std::move(n));
    }

    uint32_t parseCommand()
    {
        const Token& t = peek();
        uint32_t id = kNone;
        if (t.type == Tok::LParen) {
            const uint32_t line = t.line;
            take();
            Node n = makeNode(NodeKind::Subshell, line);
            n.kids.push_back(requireList(")"));
            if (peek().type != Tok::RParen)
                unexpected(peek(), ")");
            take();
            id = addNode(std::move(n));
        } else if (t.type == Tok::Word) {
            if (isKeyword(t, "if"))
                id = parseIf();
            else if (isKeyword(t, "while") || isKeyword(t, "until"))
                id = parseLoop();
            else if (isKeyword(t, "for"))
                id = parseFor();
            else if (isKeyword(t, "case"))
                id = parseCase();
            else if (isKeyword(t, "{"))
                id = parseBrace();
            else if (isKeyword(t, "[["))
                id = parseDoubleBracket();
            else {
                for (const char* kw : {"then", "else", "elif", "fi", "do", "done", "esac", "}", "in"}) {
                    if (isKeyword(t, kw))
                        unexpected(t);
                }
                return parseSimple();
            }
        } else if (t.type == Tok::Redirect) {
            return parseSimple();
        } else {
            unexpected(t);
        }
        // Redirections after a compound command apply to all of it.
        while (peek().type == Tok::Redirect)
            m_s.m_nodes[id].redirs.push_back(parseRedir());
        return id;
    }

    Redir parseRedir()
    {
        Token op = take();
        Redir r;
        r.fd = op.fd;
        r.op = op.op;
        const Token& target = peek();
        if (target.type != Tok::Word)
            unexpected(target);
        Token w = take();
        if (op.op == RedirOp::HereDoc) {
            // The delimiter is the word with quotes removed; any quoting turns expansion off.
            const Word& dw = m_s.m_words[w.word];
            std::string delim;
            bool quoted = false;
            for (const WordPart& p : dw.parts) {
                delim += p.text;
                quoted |= p.quoted;
            }
            r.word = addWord(Word{});
            m_hereDocs.push_back(PendingHereDoc{r.word, delim, !quoted, op.stripTabs});
        } else {
            r.word = w.word;
        }
        return r;
    }

    uint32_t parseSimple()
    {
        Node n = makeNode(NodeKind::Simple, peek().line);
        while (true) {
            const Token& t = peek();
            if (t.type == Tok::Redirect) {
                n.redirs.push_back(parseRedir());
                continue;
            }
            if (t.type != Tok::Word)
                break;
            const Token w = take();
            if (n.words.empty()) {
                // NAME=value before the command name. (Copies, not references: lexing adds words.)
                const Word word = m_s.m_words[w.word];
                if (!word.parts.empty() && word.parts[0].kind == PartKind::Literal && !word.parts[0].quoted) {
                    const std::string first = word.parts[0].text;
                    const size_t eq = first.find('=');
                    if (eq != std::string::npos && eq > 0 && isName(std::string_view(first).substr(0, eq))) {
                        Word value;
                        value.parts = word.parts;
                        value.parts[0].text.erase(0, eq + 1);
                        if (value.parts[0].text.empty())
                            value.parts.erase(value.parts.begin());
                        value.raw = word.raw.substr(eq + 1);
                        const uint32_t valueWord = addWord(std::move(value));
                        n.assigns.push_back(Assign{first.substr(0, eq), valueWord});
                        continue;
                    }
                }
                // name() compound-command
                if (n.assigns.empty() && n.redirs.empty() && isName(word.raw) && peek().type == Tok::LParen) {
                    take();
                    if (peek().type != Tok::RParen)
                        unexpected(peek(), ")");
                    take();
                    skipNewlines();
                    Node f = makeNode(NodeKind::FunctionDef, n.line);
                    f.name = word.raw;
                    f.kids.push_back(parseCommand());
                    return addNode(std::move(f));
                }
            }
            n.words.push_back(w.word);
        }
        if (n.words.empty() && n.assigns.empty() && n.redirs.empty())
            unexpected(peek());
        return addNode(std::move(n));
    }

    uint32_t parseIf()
    {
        Node n = makeNode(NodeKind::If, peek().line);
        take();
        n.kids.push_back(requireList("then"));
        expectKeyword("then");
        n.kids.push_back(requireList("fi"));
        while (true) {
            if (peekKeyword("elif")) {
                take();
                n.kids.push_back(requireList("then"));
                expectKeyword("then");
                n.kids.push_back(requireList("fi"));
                continue;
            }
            if (peekKeyword("else")) {
                take();
                n.kids.push_back(requireList("fi"));
                n.hasElse = true;
            }
            break;
        }
        expectKeyword("fi");
        return addNode(std::move(n));
    }

    uint32_t parseLoop()
    {
        const bool until = peekKeyword("until");
        Node n = makeNode(until ? NodeKind::Until : NodeKind::While, peek().line);
        take();
        n.kids.push_back(requireList("do"));
        expectKeyword("do");
        n.kids.push_back(requireList("done"));
        expectKeyword("done");
        return addNode(std::move(n));
    }

    uint32_t parseFor()
    {
        Node n = makeNode(NodeKind::For, peek().line);
        take();
        const Token& name = peek();
        if (name.type != Tok::Word || !isName(name.text))
            unexpected(name);
        n.name = take().text;
        skipNewlines();
        if (peekKeyword("in")) {
            take();
            while (peek().type == Tok::Word)
                n.words.push_back(take().word);
            if (peek().type == Tok::Semi || peek().type == Tok::Newline)
                take();
            else
                unexpected(peek(), "do");
        } else {
            n.useArgs = true;
            if (peek().type == Tok::Semi)
                take();
        }
        skipNewlines();
        expectKeyword("do");
        n.kids.push_back(requireList("done"));
        expectKeyword("done");
        return addNode(std::move(n));
    }

    uint32_t parseCase()
    {
        Node n = makeNode(NodeKind::Case, peek().line);
        take();
        if (peek().type != Tok::Word)
            unexpected(peek());
        n.words.push_back(take().word);
        skipNewlines();
        expectKeyword("in");
        skipNewlines();
        while (!peekKeyword("esac")) {
            CaseItem item;
            if (peek().type == Tok::LParen)
                take();
            while (true) {
                if (peek().type != Tok::Word)
                    unexpected(peek(), ")");
                item.patterns.push_back(take().word);
                if (peek().type == Tok::Pipe) {
                    take();
                    continue;
                }
                break;
            }
            if (peek().type != Tok::RParen)
                unexpected(peek(), ")");
            take();
            item.body = parseList();
            n.items.push_back(std::move(item));
            if (peek().type == Tok::DSemi) {
                take();
                skipNewlines();
                continue;
            }
            if (!peekKeyword("esac"))
                unexpected(peek(), "esac");
        }
        take();
        return addNode(std::move(n));
    }

    uint32_t parseBrace()
    {
        Node n = makeNode(NodeKind::Brace, peek().line);
        take();
        n.kids.push_back(requireList("}"));
        expectKeyword("}");
        return addNode(std::move(n));
    }

    uint32_t parseDoubleBracket()
    {
        Node n = makeNode(NodeKind::DoubleBracket, peek().line);
        take();
        auto opWord = [&](const std::string& text) {
            Word w;
            addLiteral(w, text, false);
            w.raw = text;
            n.words.push_back(addWord(std::move(w)));
            n.flags.push_back(1);
        };
        while (true) {
            const Token& t = peek();
            if (isKeyword(t, "]]")) {
                take();
                break;
            }
            switch (t.type) {
            case Tok::Eof:
                unexpected(t, "]]");
            case Tok::Word:
                n.flags.push_back(isKeyword(t, "!") ? 1 : 0);
                n.words.push_back(take().word);
                break;
            case Tok::AndIf:
            case Tok::OrIf:
            case Tok::LParen:
            case Tok::RParen:
                opWord(take().text);
                break;
            case Tok::Redirect: {
                const Token r = take();
                if (r.text != "<" && r.text != ">")
                    unexpected(r);
                opWord(r.text);
                n.flags.back() = 0; // < and > compare strings; they are operands of the test, not grouping
                break;
            }
            default:
                unexpected(t);
            }
        }
        return addNode(std::move(n));
    }

    Script& m_s;
    std::string_view m_src;
    size_t m_pos = 0;
    uint32_t m_line = 1;
    Token m_tok;
    bool m_hasTok = false;
    std::vector<PendingHereDoc> m_hereDocs;
};

std::shared_ptr<const Script> Script::parse(std::string_view source)
{
    auto s = std::make_shared<Script>();
    s->m_source.assign(source);
    Parser p(*s, s->m_source);
    s->m_root = p.parseProgram(s->m_error, s->m_errorLine);
    return s;
}

} // namespace podlab::sim::shell
