// Variables, word expansion (parameters, command substitution, arithmetic, field splitting, pathname
// expansion) and the arithmetic evaluator of the shell's step machine.

#include "pattern.h"
#include "runner.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace podlab::sim::shell {

namespace {

bool isIfsSpace(char c) { return c == ' ' || c == '\t' || c == '\n'; }

std::string escapeGlob(std::string_view text)
{
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '*' || c == '?' || c == '[' || c == '\\' || c == ']')
            out += '\\';
        out += c;
    }
    return out;
}

// Parses a shell integer: decimal, 0x hex, leading-0 octal, with sign. False if `s` is not one.
bool parseInteger(std::string_view s, int64_t& out)
{
    while (!s.empty() && isIfsSpace(s.front()))
        s.remove_prefix(1);
    while (!s.empty() && isIfsSpace(s.back()))
        s.remove_suffix(1);
    bool neg = false;
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
        neg = s[0] == '-';
        s.remove_prefix(1);
    }
    if (s.empty())
        return false;
    int base = 10;
    if (s.size() > 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        base = 16;
        s.remove_prefix(2);
    } else if (s.size() > 1 && s[0] == '0') {
        base = 8;
        s.remove_prefix(1);
    }
    uint64_t v = 0;
    for (char c : s) {
        int d;
        if (c >= '0' && c <= '9')
            d = c - '0';
        else if (c >= 'a' && c <= 'f')
            d = c - 'a' + 10;
        else if (c >= 'A' && c <= 'F')
            d = c - 'A' + 10;
        else
            return false;
        if (d >= base)
            return false;
        v = v * uint64_t(base) + uint64_t(d);
    }
    out = neg ? -int64_t(v) : int64_t(v);
    return true;
}

} // namespace

// ---- variables ---------------------------------------------------------------------------------------------

const ShellProcess::Var* Runner::findVar(std::string_view name) const
{
    for (const ShellProcess::Var& v : m_p.m_state.vars) {
        if (v.name == name)
            return &v;
    }
    return nullptr;
}

const std::string* Runner::getVar(std::string_view name) const
{
    const ShellProcess::Var* v = findVar(name);
    return v ? &v->value : nullptr;
}

bool Runner::setVar(std::string_view name, std::string_view value, bool exported)
{
    for (ShellProcess::Var& v : m_p.m_state.vars) {
        if (v.name == name) {
            if (v.readOnly)
                return false;
            v.value.assign(value);
            v.exported |= exported;
            return true;
        }
    }
    m_p.m_state.vars.push_back(ShellProcess::Var{std::string(name), std::string(value), exported, false});
    return true;
}

void Runner::unsetVar(std::string_view name)
{
    auto& vars = m_p.m_state.vars;
    vars.erase(std::remove_if(vars.begin(), vars.end(),
                              [&](const ShellProcess::Var& v) { return v.name == name && !v.readOnly; }),
               vars.end());
}

std::optional<std::string> Runner::special(std::string_view name) const
{
    if (name.size() != 1 && !(name.size() > 1 && std::isdigit(static_cast<unsigned char>(name[0]))))
        return std::nullopt;
    const char c = name[0];
    const auto& pos = m_p.m_state.positional;
    switch (c) {
    case '?':
        return std::to_string(m_p.m_state.lastStatus);
    case '$':
        return std::to_string(m_p.m_pid);
    case '#':
        return std::to_string(pos.size());
    case '!':
        return std::string();
    case '-':
        return m_p.m_state.errexit ? std::string("e") : std::string();
    case '@':
    case '*': {
        std::string joined;
        for (size_t i = 0; i < pos.size(); ++i) {
            if (i)
                joined += ' ';
            joined += pos[i];
        }
        return joined;
    }
    default:
        break;
    }
    if (std::isdigit(static_cast<unsigned char>(c))) {
        const size_t n = size_t(std::stoul(std::string(name)));
        if (n == 0)
            return m_p.m_state.arg0;
        if (n <= pos.size())
            return pos[n - 1];
        return std::nullopt;
    }
    return std::nullopt;
}

Environment Runner::environment() const
{
    Environment env;
    for (const ShellProcess::Var& v : m_p.m_state.vars) {
        if (v.exported)
            env.emplace_back(v.name, v.value);
    }
    return env;
}

// ---- expansion ---------------------------------------------------------------------------------------------

void Runner::appendText(std::vector<Field>& fields, std::string_view text, bool quoted, ExpandMode mode)
{
    if (fields.empty())
        fields.emplace_back();
    if (mode != ExpandMode::Fields || quoted) {
        Field& f = fields.back();
        f.value.append(text);
        if (quoted)
            f.pattern += escapeGlob(text);
        else
            f.pattern.append(text);
        f.started = true;
        return;
    }
    // Unquoted expansion results split at IFS characters.
    const std::string* ifsVar = getVar("IFS");
    const std::string_view ifs = ifsVar ? std::string_view(*ifsVar) : std::string_view(" \t\n");
    for (char c : text) {
        if (ifs.find(c) != std::string_view::npos) {
            if (isIfsSpace(c)) {
                if (fields.back().started)
                    fields.emplace_back();
            } else {
                fields.back().started = true;
                fields.emplace_back();
            }
            continue;
        }
        Field& f = fields.back();
        f.value += c;
        f.pattern += c;
        f.glob |= c == '*' || c == '?' || c == '[';
        f.started = true;
    }
}

bool Runner::expandParts(ExpandCtx& ctx, const Word& w, std::vector<Field>& fields, ExpandMode mode)
{
    for (const WordPart& part : w.parts) {
        switch (part.kind) {
        case PartKind::Literal:
            if (fields.empty())
                fields.emplace_back();
            if (part.quoted || mode != ExpandMode::Fields) {
                appendText(fields, part.text, part.quoted, ExpandMode::Single);
            } else {
                // Unquoted literal text: never split, but its wildcards are live.
                Field& f = fields.back();
                f.value += part.text;
                f.pattern += part.text;
                f.glob |= part.text.find_first_of("*?[") != std::string::npos;
                f.started = true;
            }
            break;
        case PartKind::Tilde: {
            const std::string* home = getVar("HOME");
            appendText(fields, home ? *home : std::string("/"), true, mode);
            break;
        }
        case PartKind::Param:
            if (!expandParam(ctx, part, fields, mode))
                return false;
            break;
        case PartKind::Command: {
            if (ctx.substUsed >= ctx.frame.substs.size()) {
                ctx.needNode = part.node;
                return false;
            }
            const std::string text = ctx.frame.substs[ctx.substUsed++];
            appendText(fields, text, part.quoted, mode);
            break;
        }
        case PartKind::Arith: {
            int64_t v = 0;
            if (!arithmetic(part.text, v)) {
                ctx.failed = true;
                return false;
            }
            appendText(fields, std::to_string(v), part.quoted, mode);
            break;
        }
        }
    }
    return true;
}

bool Runner::expandParam(ExpandCtx& ctx, const WordPart& part, std::vector<Field>& fields, ExpandMode mode)
{
    const std::string& name = part.text;
    // "$@": one field per positional parameter.
    if (name == "@" && part.op == ParamOp::Plain && part.quoted && mode == ExpandMode::Fields) {
        const auto& pos = m_p.m_state.positional;
        for (size_t i = 0; i < pos.size(); ++i) {
            if (i > 0)
                fields.emplace_back();
            appendText(fields, pos[i], true, mode);
        }
        return true;
    }
    std::optional<std::string> sp = special(name);
    const std::string* var = sp ? &*sp : getVar(name);
    const bool set = var != nullptr;
    const std::string value = set ? *var : std::string();
    auto operand = [&](std::string& out, ExpandMode m) {
        return part.arg == kNone || expandSingle(ctx, part.arg, out, m);
    };
    switch (part.op) {
    case ParamOp::Plain:
        if (set)
            appendText(fields, value, part.quoted, mode);
        return true;
    case ParamOp::Length:
        appendText(fields, std::to_string(value.size()), part.quoted, mode);
        return true;
    case ParamOp::Default:
    case ParamOp::Alternative: {
        const bool useValue = set && !(part.colon && value.empty());
        const bool useOperand = part.op == ParamOp::Default ? !useValue : useValue;
        if (useOperand) {
            if (part.arg != kNone) {
                if (fields.empty())
                    fields.emplace_back();
                return expandParts(ctx, script(ctx.script).word(part.arg), fields, mode);
            }
            return true;
        }
        if (part.op == ParamOp::Default)
            appendText(fields, value, part.quoted, mode);
        return true;
    }
    case ParamOp::Assign: {
        if (set && !(part.colon && value.empty())) {
            appendText(fields, value, part.quoted, mode);
            return true;
        }
        std::string v;
        if (!operand(v, ExpandMode::Single))
            return false;
        setVar(name, v);
        appendText(fields, v, part.quoted, mode);
        return true;
    }
    case ParamOp::Error: {
        if (set && !(part.colon && value.empty())) {
            appendText(fields, value, part.quoted, mode);
            return true;
        }
        std::string msg;
        if (!operand(msg, ExpandMode::Single))
            return false;
        exitOnExpansionError(name + ": " + (msg.empty() ? std::string("parameter not set") : msg));
        ctx.failed = true;
        return false;
    }
    case ParamOp::RemoveSuffix:
    case ParamOp::RemoveLongSuffix:
    case ParamOp::RemovePrefix:
    case ParamOp::RemoveLongPrefix: {
        std::string pattern;
        if (!operand(pattern, ExpandMode::Pattern))
            return false;
        std::string v = value;
        const bool suffix = part.op == ParamOp::RemoveSuffix || part.op == ParamOp::RemoveLongSuffix;
        const bool longest = part.op == ParamOp::RemoveLongSuffix || part.op == ParamOp::RemoveLongPrefix;
        const size_t n = v.size();
        if (suffix) {
            // Shortest suffix: start positions from the end; longest: from the start.
            for (size_t k = 0; k <= n; ++k) {
                const size_t start = longest ? k : n - k;
                if (Pattern::match(pattern, std::string_view(v).substr(start))) {
                    v.resize(start);
                    break;
                }
            }
        } else {
            for (size_t k = 0; k <= n; ++k) {
                const size_t len = longest ? n - k : k;
                if (Pattern::match(pattern, std::string_view(v).substr(0, len))) {
                    v.erase(0, len);
                    break;
                }
            }
        }
        appendText(fields, v, part.quoted, mode);
        return true;
    }
    case ParamOp::Replace:
    case ParamOp::ReplaceAll: {
        std::string pattern, replacement;
        if (!operand(pattern, ExpandMode::Pattern))
            return false;
        if (part.arg2 != kNone && !expandSingle(ctx, part.arg2, replacement))
            return false;
        std::string result;
        size_t i = 0;
        bool done = false;
        while (i <= value.size()) {
            size_t matchLen = std::string::npos;
            if (!done && !pattern.empty()) {
                for (size_t len = value.size() - i + 1; len-- > 0;) {
                    if (Pattern::match(pattern, std::string_view(value).substr(i, len))) {
                        matchLen = len;
                        break;
                    }
                }
            }
            if (matchLen != std::string::npos && matchLen > 0) {
                result += replacement;
                i += matchLen;
                done = part.op == ParamOp::Replace;
                continue;
            }
            if (i < value.size())
                result += value[i];
            ++i;
        }
        appendText(fields, result, part.quoted, mode);
        return true;
    }
    case ParamOp::Substring: {
        std::string offText, lenText;
        if (!operand(offText, ExpandMode::Single))
            return false;
        if (part.arg2 != kNone && !expandSingle(ctx, part.arg2, lenText))
            return false;
        int64_t off = 0, len = int64_t(value.size());
        if (!arithmetic(offText, off) || (!lenText.empty() && !arithmetic(lenText, len))) {
            ctx.failed = true;
            return false;
        }
        if (off < 0)
            off = std::max<int64_t>(0, int64_t(value.size()) + off);
        if (off > int64_t(value.size()))
            off = int64_t(value.size());
        if (len < 0)
            len = std::max<int64_t>(0, int64_t(value.size()) - off + len);
        appendText(fields, value.substr(size_t(off), size_t(len)), part.quoted, mode);
        return true;
    }
    }
    return true;
}

void Runner::finishFields(std::vector<Field>& fields, std::vector<std::string>& out)
{
    for (Field& f : fields) {
        if (!f.started)
            continue;
        if (f.glob && Pattern::hasWildcards(f.pattern))
            globInto(f, out);
        else
            out.push_back(std::move(f.value));
    }
}

bool Runner::expandWord(ExpandCtx& ctx, uint32_t word, std::vector<std::string>& out)
{
    std::vector<Field> fields;
    if (!expandParts(ctx, script(ctx.script).word(word), fields, ExpandMode::Fields))
        return false;
    finishFields(fields, out);
    return true;
}

bool Runner::expandSingle(ExpandCtx& ctx, uint32_t word, std::string& out, ExpandMode mode)
{
    std::vector<Field> fields;
    if (!expandParts(ctx, script(ctx.script).word(word), fields, mode))
        return false;
    out.clear();
    for (Field& f : fields)
        out += mode == ExpandMode::Pattern ? f.pattern : f.value;
    return true;
}

void Runner::globInto(const Field& f, std::vector<std::string>& out)
{
    // Walk the pattern one component at a time; components without wildcards are taken as they are.
    const std::string& pattern = f.pattern;
    const bool absolutePattern = !pattern.empty() && pattern[0] == '/';
    std::vector<std::string> components;
    size_t i = 0;
    while (i < pattern.size()) {
        size_t j = pattern.find('/', i);
        if (j == std::string::npos)
            j = pattern.size();
        if (j > i)
            components.push_back(pattern.substr(i, j - i));
        i = j + 1;
    }
    std::vector<std::string> current{absolutePattern ? std::string("/") : std::string()};
    fs::ContainerFiles& fsv = files();
    for (size_t c = 0; c < components.size(); ++c) {
        const std::string& comp = components[c];
        std::vector<std::string> next;
        for (const std::string& base : current) {
            auto join = [&](std::string_view name) {
                std::string p = base;
                if (!p.empty() && p.back() != '/')
                    p += '/';
                p.append(name);
                return p;
            };
            if (!Pattern::hasWildcards(comp)) {
                std::string literal;
                for (size_t k = 0; k < comp.size(); ++k) {
                    if (comp[k] == '\\' && k + 1 < comp.size())
                        ++k;
                    literal += comp[k];
                }
                const std::string p = join(literal);
                fs::Stat st;
                if (fsv.lstat(absolute(p.empty() ? "." : p), st) == fs::Error::None)
                    next.push_back(p);
                continue;
            }
            std::vector<fs::DirEntry> entries;
            if (fsv.list(absolute(base.empty() ? "." : base), entries) != fs::Error::None)
                continue;
            for (const fs::DirEntry& e : entries) {
                if (e.name[0] == '.' && comp[0] != '.')
                    continue;
                if (Pattern::match(comp, e.name))
                    next.push_back(join(e.name));
            }
        }
        current.swap(next);
        if (current.empty())
            break;
    }
    if (current.empty()) {
        out.push_back(f.value);
        return;
    }
    std::sort(current.begin(), current.end());
    for (std::string& p : current)
        out.push_back(std::move(p));
}

void Runner::exitOnExpansionError(std::string_view message)
{
    shellError(message);
    startExit(2);
}

// ---- arithmetic --------------------------------------------------------------------------------------------

namespace {

// Precedence climbing over the text of $((...)), with C's operators, assignments and ++/--.
class Arith {
public:
    Arith(Runner& r, std::string_view text, const std::function<const std::string*(std::string_view)>& get,
          const std::function<void(std::string_view, int64_t)>& set)
        : m_text(text)
        , m_get(get)
        , m_set(set)
    {
        (void)r;
    }

    bool evaluate(int64_t& out)
    {
        skip();
        if (m_pos >= m_text.size()) {
            out = 0;
            return true;
        }
        out = ternary(true);
        skip();
        if (m_pos < m_text.size())
            m_error = m_error.empty() ? "arithmetic syntax error" : m_error;
        return m_error.empty();
    }
    const std::string& error() const { return m_error; }

private:
    void skip()
    {
        while (m_pos < m_text.size() && isIfsSpace(m_text[m_pos]))
            ++m_pos;
    }
    // Consumes `op` if the text continues with exactly that operator (not a longer one starting with it).
    bool eat(std::string_view op)
    {
        skip();
        if (m_text.substr(m_pos, op.size()) != op)
            return false;
        const std::string_view longer = peekBinary();
        if (longer.size() > op.size() && longer.substr(0, op.size()) == op)
            return false;
        m_pos += op.size();
        return true;
    }
    // The binary operator at the current position, longest match first; empty if none.
    std::string_view peekBinary()
    {
        skip();
        static const char* const ops[] = {"||", "&&", "==", "!=", "<=", ">=", "<<", ">>", "**", "|",
                                          "^",  "&",  "<",  ">",  "+",  "-",  "*",  "/",  "%"};
        for (const char* op : ops) {
            const std::string_view o(op);
            if (m_text.substr(m_pos, o.size()) == o)
                return o;
        }
        return {};
    }
    void fail()
    {
        if (m_error.empty())
            m_error = "arithmetic syntax error";
    }
    int64_t valueOf(std::string_view name)
    {
        const std::string* v = m_get(name);
        if (!v || v->empty())
            return 0;
        int64_t n = 0;
        if (!parseInteger(*v, n)) {
            fail();
            return 0;
        }
        return n;
    }

    int64_t ternary(bool live)
    {
        const int64_t c = binary(0, live);
        if (eat("?")) {
            const int64_t a = ternary(live && c != 0);
            if (!eat(":")) {
                fail();
                return 0;
            }
            const int64_t b = ternary(live && c == 0);
            return c ? a : b;
        }
        return c;
    }

    static int precedence(std::string_view op)
    {
        if (op == "||")
            return 1;
        if (op == "&&")
            return 2;
        if (op == "|")
            return 3;
        if (op == "^")
            return 4;
        if (op == "&")
            return 5;
        if (op == "==" || op == "!=")
            return 6;
        if (op == "<" || op == ">" || op == "<=" || op == ">=")
            return 7;
        if (op == "<<" || op == ">>")
            return 8;
        if (op == "+" || op == "-")
            return 9;
        if (op == "*" || op == "/" || op == "%")
            return 10;
        return 11; // **
    }

    int64_t binary(int minPrec, bool live)
    {
        int64_t lhs = unary(live);
        while (m_error.empty()) {
            const std::string_view t = peekBinary();
            if (t.empty() || precedence(t) < minPrec)
                break;
            // "x+=1" is an assignment, handled where the name was read; here '=' after an operator is an error.
            m_pos += t.size();
            const int prec = precedence(t);
            const bool rightAssoc = t == "**";
            const bool shortCircuit = t == "&&" || t == "||";
            const bool rhsLive = live && !(shortCircuit && ((t == "&&") ? lhs == 0 : lhs != 0));
            const int64_t rhs = binary(rightAssoc ? prec : prec + 1, rhsLive);
            if (!live)
                continue;
            if (t == "||")
                lhs = (lhs || rhs) ? 1 : 0;
            else if (t == "&&")
                lhs = (lhs && rhs) ? 1 : 0;
            else if (t == "|")
                lhs |= rhs;
            else if (t == "^")
                lhs ^= rhs;
            else if (t == "&")
                lhs &= rhs;
            else if (t == "==")
                lhs = lhs == rhs;
            else if (t == "!=")
                lhs = lhs != rhs;
            else if (t == "<=")
                lhs = lhs <= rhs;
            else if (t == ">=")
                lhs = lhs >= rhs;
            else if (t == "<")
                lhs = lhs < rhs;
            else if (t == ">")
                lhs = lhs > rhs;
            else if (t == "<<")
                lhs = int64_t(uint64_t(lhs) << (rhs & 63));
            else if (t == ">>")
                lhs >>= (rhs & 63);
            else if (t == "+")
                lhs = int64_t(uint64_t(lhs) + uint64_t(rhs));
            else if (t == "-")
                lhs = int64_t(uint64_t(lhs) - uint64_t(rhs));
            else if (t == "*")
                lhs = int64_t(uint64_t(lhs) * uint64_t(rhs));
            else if (t == "/" || t == "%") {
                if (rhs == 0) {
                    m_error = "divide by zero";
                    return 0;
                }
                if (rhs == -1)
                    lhs = t == "/" ? int64_t(0 - uint64_t(lhs)) : 0;
                else
                    lhs = t == "/" ? lhs / rhs : lhs % rhs;
            } else if (t == "**") {
                if (rhs < 0) {
                    m_error = "exponent less than 0";
                    return 0;
                }
                int64_t r = 1;
                for (int64_t k = 0; k < rhs && k < 64; ++k)
                    r = int64_t(uint64_t(r) * uint64_t(lhs));
                lhs = r;
            }
        }
        return lhs;
    }

    int64_t unary(bool live)
    {
        skip();
        if (m_text.substr(m_pos, 2) == "++" || m_text.substr(m_pos, 2) == "--") {
            const bool inc = m_text[m_pos] == '+';
            m_pos += 2;
            const std::string name = readName();
            if (name.empty()) {
                fail();
                return 0;
            }
            const int64_t v = valueOf(name) + (inc ? 1 : -1);
            if (live)
                m_set(name, v);
            return v;
        }
        const char c = m_pos < m_text.size() ? m_text[m_pos] : '\0';
        const char n = m_pos + 1 < m_text.size() ? m_text[m_pos + 1] : '\0';
        if (c == '!' && n != '=') {
            ++m_pos;
            return unary(live) == 0;
        }
        if (c == '~') {
            ++m_pos;
            return ~unary(live);
        }
        if (c == '-' || c == '+') {
            ++m_pos;
            const int64_t v = unary(live);
            return c == '-' ? int64_t(0 - uint64_t(v)) : v;
        }
        return primary(live);
    }

    std::string readName()
    {
        skip();
        if (m_pos < m_text.size() && m_text[m_pos] == '$') {
            ++m_pos;
            if (m_pos < m_text.size() && m_text[m_pos] == '{') {
                const size_t end = m_text.find('}', m_pos);
                if (end == std::string_view::npos)
                    return {};
                std::string n(m_text.substr(m_pos + 1, end - m_pos - 1));
                m_pos = end + 1;
                return n;
            }
        }
        const size_t start = m_pos;
        while (m_pos < m_text.size()
               && (std::isalnum(static_cast<unsigned char>(m_text[m_pos])) || m_text[m_pos] == '_'))
            ++m_pos;
        return std::string(m_text.substr(start, m_pos - start));
    }

    int64_t primary(bool live)
    {
        skip();
        if (m_pos >= m_text.size()) {
            fail();
            return 0;
        }
        const char c = m_text[m_pos];
        if (c == '(') {
            ++m_pos;
            const int64_t v = ternary(live);
            if (!eat(")"))
                fail();
            return v;
        }
        if (std::isdigit(static_cast<unsigned char>(c))) {
            const size_t start = m_pos;
            while (m_pos < m_text.size() && std::isalnum(static_cast<unsigned char>(m_text[m_pos])))
                ++m_pos;
            int64_t v = 0;
            if (!parseInteger(m_text.substr(start, m_pos - start), v))
                fail();
            return v;
        }
        if (c == '$' || std::isalpha(static_cast<unsigned char>(c)) || c == '_') {
            if (c == '$' && m_pos + 1 < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos + 1]))) {
                ++m_pos;
                const size_t start = m_pos;
                while (m_pos < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])))
                    ++m_pos;
                return valueOf(m_text.substr(start, m_pos - start));
            }
            const std::string name = readName();
            if (name.empty()) {
                fail();
                return 0;
            }
            skip();
            // Assignment operators.
            static const char* assignOps[] = {"<<=", ">>=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "="};
            for (const char* op : assignOps) {
                const std::string_view o(op);
                if (m_text.substr(m_pos, o.size()) == o && !(o == "=" && m_text.substr(m_pos, 2) == "==")) {
                    m_pos += o.size();
                    const int64_t rhs = ternary(live);
                    int64_t v = rhs;
                    const int64_t cur = valueOf(name);
                    if (o == "+=")
                        v = cur + rhs;
                    else if (o == "-=")
                        v = cur - rhs;
                    else if (o == "*=")
                        v = cur * rhs;
                    else if (o == "/=" || o == "%=") {
                        if (rhs == 0) {
                            m_error = "divide by zero";
                            return 0;
                        }
                        v = o == "/=" ? cur / rhs : cur % rhs;
                    } else if (o == "&=")
                        v = cur & rhs;
                    else if (o == "|=")
                        v = cur | rhs;
                    else if (o == "^=")
                        v = cur ^ rhs;
                    else if (o == "<<=")
                        v = int64_t(uint64_t(cur) << (rhs & 63));
                    else if (o == ">>=")
                        v = cur >> (rhs & 63);
                    if (live)
                        m_set(name, v);
                    return v;
                }
            }
            if (m_text.substr(m_pos, 2) == "++" || m_text.substr(m_pos, 2) == "--") {
                const bool inc = m_text[m_pos] == '+';
                m_pos += 2;
                const int64_t v = valueOf(name);
                if (live)
                    m_set(name, v + (inc ? 1 : -1));
                return v;
            }
            return valueOf(name);
        }
        fail();
        return 0;
    }

    std::string_view m_text;
    size_t m_pos = 0;
    std::string m_error;
    const std::function<const std::string*(std::string_view)>& m_get;
    const std::function<void(std::string_view, int64_t)>& m_set;
};

} // namespace

bool Runner::arithmetic(std::string_view expr, int64_t& result)
{
    std::optional<std::string> specialValue;
    const std::function<const std::string*(std::string_view)> get = [&](std::string_view name) -> const std::string* {
        specialValue = special(name);
        if (specialValue)
            return &*specialValue;
        return getVar(name);
    };
    const std::function<void(std::string_view, int64_t)> set = [&](std::string_view name, int64_t v) {
        setVar(name, std::to_string(v));
    };
    Arith a(*this, expr, get, set);
    if (!a.evaluate(result)) {
        exitOnExpansionError(a.error());
        return false;
    }
    return true;
}

} // namespace podlab::sim::shell
