#include "filecommands.h"

#include "pattern.h"

#include <algorithm>
#include <cstring>
#include <regex>

namespace podlab::sim::shell {

namespace {

// `path` as the process names it to the kernel: relative paths start at its working directory. Returns
// `path` itself when it is absolute (no copy: probes pass the same absolute path millions of times).
std::string_view absolute(std::string_view path, std::string_view cwd, std::string& buffer)
{
    if (!path.empty() && path.front() == '/')
        return path;
    buffer.assign(cwd);
    if (buffer.empty() || buffer.back() != '/')
        buffer += '/';
    buffer.append(path);
    return buffer;
}


// The test expression grammar over expanded words; errors become status 2 with busybox's messages.
class TestEval {
public:
    TestEval(std::span<const std::string> w, const std::vector<uint8_t>* ops, bool dbl, CommandIo& io)
        : m_w(w)
        , m_ops(ops)
        , m_dbl(dbl)
        , m_io(io)
    {
    }

    int run()
    {
        if (m_w.empty())
            return 1;
        const bool v = orExpr();
        if (m_failed)
            return 2;
        if (m_i < m_w.size()) {
            error(m_w[m_i] + ": unknown operand");
            return 2;
        }
        return v ? 0 : 1;
    }

private:
    bool isOp(size_t i, std::string_view text) const
    {
        if (i >= m_w.size() || m_w[i] != text)
            return false;
        if (m_ops && (text == "&&" || text == "||" || text == "(" || text == ")"))
            return (*m_ops)[i] != 0;
        return true;
    }
    bool orExpr()
    {
        bool v = andExpr();
        while (!m_failed && (isOp(m_i, "-o") || (m_dbl && isOp(m_i, "||")))) {
            ++m_i;
            const bool rhs = andExpr();
            v = v || rhs;
        }
        return v;
    }
    bool andExpr()
    {
        bool v = notExpr();
        while (!m_failed && (isOp(m_i, "-a") || (m_dbl && isOp(m_i, "&&")))) {
            ++m_i;
            const bool rhs = notExpr();
            v = v && rhs;
        }
        return v;
    }
    bool notExpr()
    {
        if (m_i < m_w.size() && m_w[m_i] == "!" && m_i + 1 < m_w.size()) {
            ++m_i;
            return !notExpr();
        }
        return primary();
    }
    static bool isBinary(std::string_view op, bool dbl)
    {
        static const char* const ops[] = {"=", "==", "!=", "<", ">", "-eq", "-ne", "-lt", "-le",
                                          "-gt", "-ge", "-nt", "-ot", "-ef"};
        for (const char* o : ops) {
            if (op == o)
                return true;
        }
        return dbl && op == "=~";
    }
    bool number(const std::string& s, int64_t& v)
    {
        if (isNumber(s, v))
            return true;
        error(s + ": bad number");
        m_failed = true;
        return false;
    }
    bool primary()
    {
        if (m_i >= m_w.size()) {
            m_failed = true;
            error("argument expected");
            return false;
        }
        if (isOp(m_i, "(") && !(m_i + 1 < m_w.size() && isBinary(m_w[m_i + 1], m_dbl) && m_i + 2 < m_w.size())) {
            ++m_i;
            const bool v = orExpr();
            if (!isOp(m_i, ")")) {
                m_failed = true;
                error("')' expected");
                return false;
            }
            ++m_i;
            return v;
        }
        // Binary operator?
        if (m_i + 2 < m_w.size() + 0 && isBinary(m_w[m_i + 1], m_dbl) && m_i + 2 <= m_w.size() - 1) {
            const std::string& l = m_w[m_i];
            const std::string& op = m_w[m_i + 1];
            const std::string& r = m_w[m_i + 2];
            m_i += 3;
            if (op == "=" || op == "==")
                return m_dbl ? Pattern::match(r, l) : l == r;
            if (op == "!=")
                return m_dbl ? !Pattern::match(r, l) : l != r;
            if (op == "<")
                return l < r;
            if (op == ">")
                return l > r;
            if (op == "=~") {
                try {
                    return std::regex_search(l, std::regex(r, std::regex::extended));
                } catch (const std::regex_error&) {
                    m_failed = true;
                    return false;
                }
            }
            if (op == "-nt" || op == "-ot" || op == "-ef") {
                fs::Stat sl, sr;
                const bool hl = statPath(l, sl, fs::Follow::Yes), hr = statPath(r, sr, fs::Follow::Yes);
                if (op == "-ef")
                    return hl && hr && sl.ino == sr.ino && sl.device == sr.device;
                if (op == "-nt")
                    return hl && (!hr || sl.mtimeMs > sr.mtimeMs);
                return hr && (!hl || sl.mtimeMs < sr.mtimeMs);
            }
            int64_t a = 0, b = 0;
            if (!number(l, a) || !number(r, b))
                return false;
            if (op == "-eq")
                return a == b;
            if (op == "-ne")
                return a != b;
            if (op == "-lt")
                return a < b;
            if (op == "-le")
                return a <= b;
            if (op == "-gt")
                return a > b;
            return a >= b;
        }
        const std::string& w = m_w[m_i];
        if (w.size() == 2 && w[0] == '-' && m_i + 1 < m_w.size() && std::strchr("efdhLsrwxznbcpSgukOGt", w[1])) {
            const std::string& arg = m_w[m_i + 1];
            m_i += 2;
            const char t = w[1];
            if (t == 'z')
                return arg.empty();
            if (t == 'n')
                return !arg.empty();
            if (t == 't')
                return false;
            fs::Stat st;
            const bool follow = !(t == 'h' || t == 'L');
            if (!statPath(arg, st, follow ? fs::Follow::Yes : fs::Follow::No))
                return false;
            switch (t) {
            case 'e':
                return true;
            case 'f':
                return st.isRegular();
            case 'd':
                return st.isDirectory();
            case 'h':
            case 'L':
                return st.isSymlink();
            case 's':
                return st.size > 0;
            case 'r':
                return true;
            case 'w':
                return true;
            case 'x':
                return (st.mode & 0111) != 0 || st.isDirectory();
            case 'g':
                return (st.mode & 02000) != 0;
            case 'u':
                return (st.mode & 04000) != 0;
            case 'k':
                return (st.mode & 01000) != 0;
            default:
                return false; // no devices, pipes or sockets in the simulated file system
            }
        }
        ++m_i;
        return !w.empty();
    }

    bool statPath(std::string_view path, fs::Stat& st, fs::Follow follow)
    {
        if (path.empty())
            return false;
        std::string buffer;
        return m_io.files().stat(absolute(path, m_io.workingDirectory(), buffer), st, follow) == fs::Error::None;
    }
    void error(std::string_view message) { m_io.shellError(message); }

    std::span<const std::string> m_w;
    const std::vector<uint8_t>* m_ops;
    bool m_dbl;
    CommandIo& m_io;
    size_t m_i = 0;
    bool m_failed = false;
};


} // namespace

bool isNumber(std::string_view s, int64_t& out)
{
    if (s.empty())
        return false;
    size_t i = 0;
    bool neg = false;
    if (s[0] == '-' || s[0] == '+') {
        neg = s[0] == '-';
        i = 1;
    }
    if (i >= s.size())
        return false;
    int64_t v = 0;
    for (; i < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9')
            return false;
        v = v * 10 + (s[i] - '0');
    }
    out = neg ? -v : v;
    return true;
}

int catFiles(std::span<const std::string> operands, CommandIo& io, std::string& scratch)
{
    int status = 0;
    // busybox cat takes -u (unbuffered) and ignores it; with no file it reads standard input.
    const bool anyFile = std::any_of(operands.begin(), operands.end(), [](const std::string& n) { return n != "-u"; });
    const std::string stdinName = "-";
    const std::span<const std::string> names = anyFile ? operands : std::span<const std::string>(&stdinName, 1);
    scratch.clear();
    std::string buffer;
    for (const std::string& n : names) {
        if (n == "-u")
            continue;
        if (n == "-") {
            scratch += io.readStdin();
            continue;
        }
        const fs::Error e = io.files().appendContents(absolute(n, io.workingDirectory(), buffer), scratch);
        if (e == fs::Error::IsDirectory) {
            io.out(scratch);
            scratch.clear();
            io.err("cat: read error: Is a directory\n");
            status = 1;
        } else if (e != fs::Error::None) {
            io.out(scratch);
            scratch.clear();
            io.err("cat: can't open '" + n + "': " + fs::message(e) + "\n");
            status = 1;
        }
    }
    io.out(scratch);
    return status;
}

int testCommand(std::span<const std::string> argv, bool bracket, CommandIo& io)
{
    std::span<const std::string> words = argv.subspan(1);
    if (bracket) {
        if (words.empty() || words.back() != "]") {
            io.shellError("missing ]");
            return 2;
        }
        words = words.first(words.size() - 1);
    }
    return evalTest(words, nullptr, false, io);
}

int evalTest(std::span<const std::string> words, const std::vector<uint8_t>* ops, bool doubleBracket, CommandIo& io)
{
    TestEval t(words, ops, doubleBracket, io);
    return t.run();
}

} // namespace podlab::sim::shell
