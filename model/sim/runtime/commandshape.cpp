// Which exec commands can only read: they run on the image's shared files, so that 150 000 nginx pods probed
// with `cat /usr/share/nginx/html/index.html` do not each copy their root file system. Anything not recognised
// is taken to write; a mistake the other way would show as "Read-only file system", never as a changed image.

#include "engine.h"

#include "sim/core/text.h"
#include "sim/shell/scriptcache.h"

#include <algorithm>
#include <iterator>

namespace podlab::sim::runtime::detail {

namespace {

bool isShell(std::string_view name)
{
    const std::string_view b = baseName(name);
    return b == "sh" || b == "ash" || b == "bash" || b == "dash";
}

constexpr std::string_view kReaders[] = {
    ":",        "[",        "[[",        "basename", "break",     "cat",      "cd",      "cmp",     "command",
    "continue", "curl",     "cut",       "date",     "df",        "diff",     "dig",     "dirname", "du",
    "echo",     "egrep",    "env",       "exit",     "expr",      "false",    "fgrep",   "find",    "free",
    "grep",     "head",     "host",      "hostname", "id",        "kill",     "killall", "ls",      "md5sum",
    "nc",       "netstat",  "nginx",     "nproc",    "nslookup",  "pgrep",    "pidof",   "ping",    "pkill",
    "printenv", "printf",   "ps",        "pwd",      "read",      "readlink", "realpath", "redis-cli", "return",
    "seq",      "sha256sum", "shift",    "sleep",    "sort",      "ss",       "stat",    "tail",    "test",
    "tr",       "true",     "type",      "uname",    "uniq",      "wait",     "wc",      "wget",    "which",
    "whoami",
};

bool isReader(std::string_view name)
{
    return std::find(std::begin(kReaders), std::end(kReaders), name) != std::end(kReaders);
}

// Whether a reader's arguments keep it a reader: no output files, no commands it runs.
bool argsOnlyRead(std::string_view name, const std::vector<std::string>& args)
{
    auto has = [&](std::initializer_list<std::string_view> flags) {
        for (const std::string& a : args)
            for (std::string_view f : flags)
                if (a == f || (f.size() > 2 && a.rfind(std::string(f) + "=", 0) == 0))
                    return true;
        return false;
    };
    auto shortCluster = [&](std::string_view letters) {
        for (const std::string& a : args)
            if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find_first_of(letters) != std::string::npos)
                return true;
        return false;
    };
    if (name == "curl")
        return !has({"--output", "--remote-name", "--dump-header", "--cookie-jar", "--create-dirs", "--output-dir"}) &&
               !shortCluster("oODc");
    if (name == "wget") {
        if (has({"--spider"}))
            return true;
        for (size_t i = 0; i < args.size(); ++i) {
            const std::string& a = args[i];
            std::string value;
            if (a.rfind("--output-document=", 0) == 0)
                value = a.substr(18);
            else if (a.size() > 1 && a[0] == '-' && a[1] != '-' && a.find('O') != std::string::npos) {
                const size_t o = a.find('O');
                value = o + 1 < a.size() ? a.substr(o + 1) : (i + 1 < args.size() ? args[i + 1] : std::string());
            } else {
                continue;
            }
            return value == "-" || value == "/dev/null";
        }
        return false;
    }
    if (name == "sort")
        return !has({"--output"}) && !shortCluster("o");
    if (name == "date")
        return !has({"--set"}) && !shortCluster("s");
    if (name == "find")
        return !has({"-delete", "-exec", "-execdir", "-ok", "-okdir", "-fprint", "-fprintf", "-fls"});
    if (name == "env")
        return std::all_of(args.begin(), args.end(),
                           [](const std::string& a) { return a.find('=') != std::string::npos || a[0] == '-'; });
    if (name == "nginx")
        return args == std::vector<std::string>{"-v"} || args == std::vector<std::string>{"-t"} ||
               (args.size() == 2 && args[0] == "-s");
    return true;
}

bool literalWord(const shell::Script& s, uint32_t w, std::string& out)
{
    out.clear();
    for (const shell::WordPart& part : s.word(w).parts) {
        if (part.kind != shell::PartKind::Literal)
            return false;
        out += part.text;
    }
    return true;
}

bool redirsOnlyRead(const shell::Script& s, const std::vector<shell::Redir>& redirs, CommandShape& shape)
{
    for (const shell::Redir& r : redirs) {
        if (r.op == shell::RedirOp::DupOut || r.op == shell::RedirOp::DupIn || r.op == shell::RedirOp::HereDoc)
            continue;
        std::string target;
        if (!literalWord(s, r.word, target))
            return false;
        if (r.op == shell::RedirOp::In) {
            shape.words.push_back(target);
            continue;
        }
        if (target != "/dev/null" && target != "/dev/stdout" && target != "/dev/stderr")
            return false;
    }
    return true;
}

bool nodeOnlyReads(const shell::Script& s, uint32_t index, CommandShape& shape, int depth)
{
    if (index == shell::kNone)
        return true;
    if (depth > 64)
        return false;
    const shell::Node& n = s.node(index);
    if (!redirsOnlyRead(s, n.redirs, shape))
        return false;
    switch (n.kind) {
    case shell::NodeKind::Simple: {
        for (const shell::Assign& a : n.assigns) {
            std::string value;
            if (a.value != shell::kNone && !literalWord(s, a.value, value))
                return false;
        }
        if (n.words.empty())
            return true;
        std::vector<std::string> words;
        for (uint32_t w : n.words) {
            std::string text;
            if (!literalWord(s, w, text))
                return false;
            words.push_back(std::move(text));
        }
        const std::string_view name = baseName(words.front());
        if (!isReader(name))
            return false;
        const std::vector<std::string> args(words.begin() + 1, words.end());
        if (!argsOnlyRead(name, args))
            return false;
        shape.words.insert(shape.words.end(), args.begin(), args.end());
        if ((name == "ls" || name == "find" || name == "du") &&
            std::none_of(args.begin(), args.end(), [](const std::string& a) { return !a.empty() && a[0] != '-'; }))
            shape.words.push_back("."); // the working directory
        return true;
    }
    case shell::NodeKind::List:
    case shell::NodeKind::AndOr:
    case shell::NodeKind::Pipeline:
    case shell::NodeKind::If:
    case shell::NodeKind::While:
    case shell::NodeKind::Until:
    case shell::NodeKind::Brace:
    case shell::NodeKind::Subshell:
        return std::all_of(n.kids.begin(), n.kids.end(),
                           [&](uint32_t k) { return nodeOnlyReads(s, k, shape, depth + 1); });
    case shell::NodeKind::DoubleBracket:
        for (uint32_t w : n.words) {
            std::string text;
            if (!literalWord(s, w, text))
                return false;
            shape.words.push_back(text);
        }
        return true;
    default:
        return false;
    }
}

} // namespace

CommandShape commandShape(const std::vector<std::string>& argv, shell::ScriptCache* cache)
{
    CommandShape shape;
    if (argv.empty())
        return shape;
    if (isShell(argv[0])) {
        // sh -c 'script': look at the script; any other use of a shell may do anything.
        if (argv.size() < 3 || argv[1] != "-c")
            return shape;
        const std::shared_ptr<const shell::Script> script =
            cache ? cache->get(argv[2]) : shell::Script::parse(argv[2]);
        if (!script->ok())
            return shape;
        shape.readOnly = nodeOnlyReads(*script, script->root(), shape, 0);
        if (!shape.readOnly)
            shape.words.clear();
        return shape;
    }
    const std::string_view name = baseName(argv[0]);
    const std::vector<std::string> args(argv.begin() + 1, argv.end());
    shape.readOnly = isReader(name) && argsOnlyRead(name, args);
    if (shape.readOnly) {
        shape.words = args;
        if ((name == "ls" || name == "find" || name == "du") &&
            std::none_of(args.begin(), args.end(), [](const std::string& a) { return !a.empty() && a[0] != '-'; }))
            shape.words.push_back(".");
    }
    return shape;
}

} // namespace podlab::sim::runtime::detail
