// Command dispatch and the shell's own builtins (those busybox ash runs without looking for a binary).

#include "filecommands.h"
#include "pattern.h"
#include "runner.h"

#include "sim/core/text.h"

#include <algorithm>
#include <cinttypes>
#include <cstdio>
#include <cstring>
#include <regex>

namespace podlab::sim::shell {

namespace {

struct SignalName {
    const char* name;
    int number;
};
constexpr SignalName kSignals[] = {{"HUP", 1},   {"INT", 2},    {"QUIT", 3},  {"ILL", 4},   {"TRAP", 5},
                                   {"ABRT", 6},  {"BUS", 7},    {"FPE", 8},   {"KILL", 9},  {"USR1", 10},
                                   {"SEGV", 11}, {"USR2", 12},  {"PIPE", 13}, {"ALRM", 14}, {"TERM", 15},
                                   {"STKFLT", 16}, {"CHLD", 17}, {"CONT", 18}, {"STOP", 19}, {"TSTP", 20},
                                   {"TTIN", 21}, {"TTOU", 22},  {"URG", 23},  {"XCPU", 24}, {"XFSZ", 25},
                                   {"VTALRM", 26}, {"PROF", 27}, {"WINCH", 28}, {"POLL", 29}, {"PWR", 30},
                                   {"SYS", 31}};

// "TERM", "SIGTERM", "15" -> 15; "EXIT" -> 0; -1 if unknown.
int signalNumber(std::string_view s)
{
    if (s.empty())
        return -1;
    if (std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return s.size() < 3 ? std::stoi(std::string(s)) : -1;
    std::string up(s);
    for (char& c : up)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    if (up.rfind("SIG", 0) == 0)
        up.erase(0, 3);
    if (up == "EXIT")
        return 0;
    for (const SignalName& sn : kSignals) {
        if (up == sn.name)
            return sn.number;
    }
    return -1;
}

const char* signalName(int n)
{
    if (n == 0)
        return "EXIT";
    for (const SignalName& sn : kSignals) {
        if (sn.number == n)
            return sn.name;
    }
    return "?";
}

// Backslash escapes of echo -e and printf; `stop` is set by \c.
std::string unescape(std::string_view s, bool& stop, bool echoOctal)
{
    std::string out;
    stop = false;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] != '\\' || i + 1 >= s.size()) {
            out += s[i];
            continue;
        }
        const char c = s[++i];
        switch (c) {
        case 'a':
            out += '\a';
            break;
        case 'b':
            out += '\b';
            break;
        case 'c':
            stop = true;
            return out;
        case 'e':
            out += '\x1b';
            break;
        case 'f':
            out += '\f';
            break;
        case 'n':
            out += '\n';
            break;
        case 'r':
            out += '\r';
            break;
        case 't':
            out += '\t';
            break;
        case 'v':
            out += '\v';
            break;
        case '\\':
            out += '\\';
            break;
        case 'x': {
            int v = 0, n = 0;
            while (n < 2 && i + 1 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1]))) {
                const char h = s[++i];
                v = v * 16 + (std::isdigit(static_cast<unsigned char>(h)) ? h - '0' : (std::tolower(h) - 'a' + 10));
                ++n;
            }
            if (n == 0)
                out += "\\x";
            else
                out += char(v);
            break;
        }
        default:
            if (c >= '0' && c <= '7') {
                // echo: \0nnn; printf: \nnn
                int v = 0, n = 0;
                size_t j = i;
                if (echoOctal && c == '0')
                    ++j;
                while (n < 3 && j < s.size() && s[j] >= '0' && s[j] <= '7') {
                    v = v * 8 + (s[j] - '0');
                    ++j;
                    ++n;
                }
                i = j - 1;
                out += char(v);
            } else {
                out += '\\';
                out += c;
            }
        }
    }
    return out;
}

enum class Builtin : uint8_t {
    None, Colon, Dot, Break, Continue, Eval, Exec, Exit, Export, Readonly, Return, Set, Shift, Trap, Unset,
    Cd, Pwd, Echo, Printf, Test, Bracket, DoubleBracket, True, False, Kill, Read, Type, Wait, Umask, Local,
    Command, Hash, Times, Ulimit, Alias, Let, Jobs,
};

Builtin builtinOf(std::string_view name)
{
    static const std::pair<std::string_view, Builtin> table[] = {
        {".", Builtin::Dot},           {":", Builtin::Colon},         {"[", Builtin::Bracket},
        {"[[", Builtin::DoubleBracket}, {"alias", Builtin::Alias},    {"break", Builtin::Break},
        {"cd", Builtin::Cd},           {"command", Builtin::Command}, {"continue", Builtin::Continue},
        {"echo", Builtin::Echo},       {"eval", Builtin::Eval},       {"exec", Builtin::Exec},
        {"exit", Builtin::Exit},       {"export", Builtin::Export},   {"false", Builtin::False},
        {"hash", Builtin::Hash},       {"jobs", Builtin::Jobs},       {"kill", Builtin::Kill},
        {"let", Builtin::Let},         {"local", Builtin::Local},     {"printf", Builtin::Printf},
        {"pwd", Builtin::Pwd},         {"read", Builtin::Read},       {"readonly", Builtin::Readonly},
        {"return", Builtin::Return},   {"set", Builtin::Set},         {"shift", Builtin::Shift},
        {"source", Builtin::Dot},      {"test", Builtin::Test},       {"times", Builtin::Times},
        {"trap", Builtin::Trap},       {"true", Builtin::True},       {"type", Builtin::Type},
        {"ulimit", Builtin::Ulimit},   {"umask", Builtin::Umask},     {"unset", Builtin::Unset},
        {"wait", Builtin::Wait},
    };
    const auto it = std::lower_bound(std::begin(table), std::end(table), name,
                                     [](const auto& e, std::string_view n) { return e.first < n; });
    return it != std::end(table) && it->first == name ? it->second : Builtin::None;
}

} // namespace

int Runner::runCommand(Argv& argv, size_t frameIndex)
{
    const std::string name = argv[0];
    if (name.find('/') == std::string::npos) {
        for (const ShellProcess::Function& fn : m_p.m_state.functions) {
            if (fn.name != name)
                continue;
            Frame call;
            call.kind = FrameKind::Call;
            call.script = fn.script;
            call.node = fn.node;
            call.values = std::move(m_p.m_state.positional);
            m_p.m_state.positional.assign(argv.begin() + 1, argv.end());
            push(std::move(call));
            pushNode(fn.script, fn.node);
            return kPending;
        }
        switch (builtinOf(name)) {
        case Builtin::None:
            break;
        case Builtin::Colon:
        case Builtin::Hash:
        case Builtin::Alias:
        case Builtin::Ulimit:
        case Builtin::Jobs:
            return biColon(argv);
        case Builtin::Times:
            out("0m0.000000s 0m0.000000s\n0m0.000000s 0m0.000000s\n");
            return 0;
        case Builtin::Dot:
            return biDot(argv, frameIndex);
        case Builtin::Break:
            return biBreak(argv, false);
        case Builtin::Continue:
            return biBreak(argv, true);
        case Builtin::Eval:
            return biEval(argv, frameIndex);
        case Builtin::Exec:
            return biExec(argv, frameIndex);
        case Builtin::Exit:
            return biExit(argv);
        case Builtin::Export:
            return biExport(argv);
        case Builtin::Readonly:
            return biReadonly(argv);
        case Builtin::Return:
            return biReturn(argv);
        case Builtin::Set:
            return biSet(argv);
        case Builtin::Shift:
            return biShift(argv);
        case Builtin::Trap:
            return biTrap(argv);
        case Builtin::Unset:
            return biUnset(argv);
        case Builtin::Cd:
            return biCd(argv);
        case Builtin::Pwd:
            return biPwd(argv);
        case Builtin::Echo:
            return biEcho(argv);
        case Builtin::Printf:
            return biPrintf(argv);
        case Builtin::Test:
            return biTest(argv, false);
        case Builtin::Bracket:
            return biTest(argv, true);
        case Builtin::DoubleBracket: {
            // Only reached through a quoted or computed "[[": run it as test with a closing "]]".
            Argv a(argv.begin(), argv.end());
            if (a.back() != "]]") {
                shellError("missing ]]");
                return 2;
            }
            a.pop_back();
            a.erase(a.begin());
            return evalTest(a, nullptr, true, "[[");
        }
        case Builtin::True:
            return 0;
        case Builtin::False:
            return 1;
        case Builtin::Kill:
            return biKill(argv);
        case Builtin::Read:
            return biRead(argv);
        case Builtin::Type:
            return biType(argv);
        case Builtin::Wait:
            return biWait(argv);
        case Builtin::Umask:
            return biUmask(argv);
        case Builtin::Local:
            return biLocal(argv);
        case Builtin::Let: {
            int64_t v = 0;
            for (size_t i = 1; i < argv.size(); ++i) {
                if (!arithmetic(argv[i], v))
                    return 2;
            }
            return v == 0 ? 1 : 0;
        }
        case Builtin::Command: {
            if (argv.size() > 1 && (argv[1] == "-v" || argv[1] == "-V")) {
                Argv t{"type"};
                t.insert(t.end(), argv.begin() + 2, argv.end());
                if (argv[1] == "-V")
                    return biType(t);
                int status = 0;
                for (size_t i = 2; i < argv.size(); ++i) {
                    if (builtinOf(argv[i]) != Builtin::None)
                        out(argv[i] + "\n");
                    else if (m_host.hasCommand(argv[i]))
                        out((argv[i].find('/') == std::string::npos ? "/bin/" : "") + argv[i] + "\n");
                    else
                        status = 127;
                }
                return status;
            }
            argv.erase(argv.begin());
            if (argv.empty())
                return 0;
            return runCommand(argv, frameIndex);
        }
        }
    }
    if (!m_host.hasCommand(name)) {
        shellError(name + ": not found");
        return 127;
    }
    return runApplet(baseName(name), argv);
}

int Runner::biColon(Argv&) { return 0; }

int Runner::biCd(Argv& a)
{
    std::string dir;
    if (a.size() < 2) {
        const std::string* home = getVar("HOME");
        dir = home ? *home : "/";
    } else if (a[1] == "-") {
        const std::string* old = getVar("OLDPWD");
        dir = old ? *old : m_p.m_state.cwd;
        out(dir + "\n");
    } else {
        dir = a[1];
    }
    std::string real;
    fs::ContainerFiles& f = files();
    fs::Error e = f.realpath(absolute(dir), real);
    if (e == fs::Error::None && !f.isDirectory(real))
        e = fs::Error::NotDirectory;
    if (e != fs::Error::None) {
        // ash in -c mode counts lines from 0 in this message.
        shellError("cd: line " + std::to_string(m_line - 1) + ": can't cd to " + dir + ": " + fs::message(e));
        return 2;
    }
    setVar("OLDPWD", m_p.m_state.cwd);
    m_p.m_state.cwd = real;
    setVar("PWD", real);
    return 0;
}

int Runner::biPwd(Argv&)
{
    out(m_p.m_state.cwd + "\n");
    return 0;
}

int Runner::biEcho(Argv& a)
{
    bool newline = true, escapes = false;
    size_t i = 1;
    for (; i < a.size(); ++i) {
        const std::string& o = a[i];
        if (o.size() < 2 || o[0] != '-' || o.find_first_not_of("neE", 1) != std::string::npos)
            break;
        for (size_t k = 1; k < o.size(); ++k) {
            if (o[k] == 'n')
                newline = false;
            else if (o[k] == 'e')
                escapes = true;
            else
                escapes = false;
        }
    }
    std::string text;
    for (size_t k = i; k < a.size(); ++k) {
        if (k > i)
            text += ' ';
        if (escapes) {
            bool stop = false;
            text += unescape(a[k], stop, true);
            if (stop) {
                out(text);
                return 0;
            }
        } else {
            text += a[k];
        }
    }
    if (newline)
        text += '\n';
    out(text);
    return 0;
}

int Runner::biPrintf(Argv& a)
{
    if (a.size() < 2) {
        err("printf: usage: printf FORMAT [ARGUMENT...]\n");
        return 2;
    }
    const std::string& format = a[1];
    size_t argi = 2;
    int status = 0;
    std::string text;
    auto nextArg = [&]() -> std::string {
        return argi < a.size() ? a[argi++] : std::string();
    };
    do {
        for (size_t i = 0; i < format.size(); ++i) {
            const char c = format[i];
            if (c == '\\') {
                bool stop = false;
                size_t j = i + 1;
                if (j < format.size() && format[j] >= '0' && format[j] <= '7') {
                    while (j < format.size() && j < i + 4 && format[j] >= '0' && format[j] <= '7')
                        ++j;
                } else {
                    j = std::min(format.size(), i + 2);
                }
                text += unescape(std::string_view(format).substr(i, j - i), stop, false);
                i = j - 1;
                if (stop) {
                    out(text);
                    return status;
                }
                continue;
            }
            if (c != '%') {
                text += c;
                continue;
            }
            if (i + 1 < format.size() && format[i + 1] == '%') {
                text += '%';
                ++i;
                continue;
            }
            // %[flags][width][.precision]conversion
            size_t j = i + 1;
            while (j < format.size() && std::strchr("-+ #0", format[j]))
                ++j;
            std::string width, precision;
            if (j < format.size() && format[j] == '*') {
                width = nextArg();
                ++j;
            } else {
                while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
                    width += format[j++];
            }
            if (j < format.size() && format[j] == '.') {
                ++j;
                while (j < format.size() && std::isdigit(static_cast<unsigned char>(format[j])))
                    precision += format[j++];
                precision = "." + (precision.empty() ? std::string("0") : precision);
            }
            if (j >= format.size()) {
                text.append(format, i, std::string::npos);
                break;
            }
            const char conv = format[j];
            const std::string flags = format.substr(i + 1, j - i - 1 - width.size() - precision.size());
            std::string spec = "%" + flags + width + precision;
            char buf[512];
            const std::string arg = (conv == 's' || conv == 'b' || conv == 'c' || std::strchr("diouxXeEfgG", conv))
                                        ? nextArg()
                                        : std::string();
            switch (conv) {
            case 's':
                std::snprintf(buf, sizeof buf, (spec + "s").c_str(), arg.c_str());
                text += buf;
                break;
            case 'b': {
                bool stop = false;
                const std::string u = unescape(arg, stop, true);
                std::snprintf(buf, sizeof buf, (spec + "s").c_str(), u.c_str());
                text += buf;
                if (stop) {
                    out(text);
                    return status;
                }
                break;
            }
            case 'c':
                if (!arg.empty())
                    text += arg[0];
                break;
            case 'd':
            case 'i':
            case 'o':
            case 'u':
            case 'x':
            case 'X': {
                int64_t v = 0;
                if (!arg.empty()) {
                    if (arg.size() >= 2 && (arg[0] == '\'' || arg[0] == '"')) {
                        v = static_cast<unsigned char>(arg[1]);
                    } else if (!isNumber(arg, v)) {
                        shellError("invalid number '" + arg + "'");
                        status = 1;
                        v = 0;
                    }
                }
                const char conversion[] = {conv == 'i' ? 'd' : conv, '\0'};
                std::snprintf(buf, sizeof buf, (spec + "ll" + conversion).c_str(), static_cast<long long>(v));
                text += buf;
                break;
            }
            case 'e':
            case 'E':
            case 'f':
            case 'g':
            case 'G': {
                const double v = arg.empty() ? 0.0 : std::strtod(arg.c_str(), nullptr);
                const char conversion[] = {conv, '\0'};
                std::snprintf(buf, sizeof buf, (spec + conversion).c_str(), v);
                text += buf;
                break;
            }
            default:
                text.append(format, i, j - i + 1);
                break;
            }
            i = j;
        }
    } while (argi < a.size() && argi > 2);
    out(text);
    return status;
}

int Runner::biTest(Argv& a, bool bracket) { return testCommand(a, bracket, *this); }

int Runner::evalTest(const std::vector<std::string>& words, const std::vector<uint8_t>* ops, bool doubleBracket,
                     std::string_view name)
{
    (void)name;
    return shell::evalTest(words, ops, doubleBracket, *this);
}

int Runner::biExport(Argv& a)
{
    bool print = a.size() < 2;
    for (size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-p") {
            print = true;
            continue;
        }
        const size_t eq = a[i].find('=');
        const std::string name = a[i].substr(0, eq);
        if (eq != std::string::npos) {
            if (!setVar(name, std::string_view(a[i]).substr(eq + 1), true)) {
                shellError(name + ": is read only");
                startExit(2);
                return 2;
            }
        } else {
            bool found = false;
            for (ShellProcess::Var& v : m_p.m_state.vars) {
                if (v.name == name) {
                    v.exported = true;
                    found = true;
                }
            }
            if (!found) {
                // Exported but unset: ash remembers it; PodLab keeps it as an empty, exported variable.
                (void)0;
            }
        }
    }
    if (print) {
        for (const ShellProcess::Var& v : m_p.m_state.vars) {
            if (v.exported)
                out("export " + v.name + "='" + v.value + "'\n");
        }
    }
    return 0;
}

int Runner::biReadonly(Argv& a)
{
    for (size_t i = 1; i < a.size(); ++i) {
        const size_t eq = a[i].find('=');
        const std::string name = a[i].substr(0, eq);
        if (eq != std::string::npos && !setVar(name, std::string_view(a[i]).substr(eq + 1))) {
            shellError(name + ": is read only");
            startExit(2);
            return 2;
        }
        if (eq == std::string::npos && !findVar(name))
            setVar(name, "");
        for (ShellProcess::Var& v : m_p.m_state.vars) {
            if (v.name == name)
                v.readOnly = true;
        }
    }
    if (a.size() < 2) {
        for (const ShellProcess::Var& v : m_p.m_state.vars) {
            if (v.readOnly)
                out("readonly " + v.name + "='" + v.value + "'\n");
        }
    }
    return 0;
}

int Runner::biUnset(Argv& a)
{
    bool functions = false;
    for (size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-f") {
            functions = true;
            continue;
        }
        if (a[i] == "-v")
            continue;
        if (functions) {
            auto& fns = m_p.m_state.functions;
            fns.erase(std::remove_if(fns.begin(), fns.end(), [&](const ShellProcess::Function& f) { return f.name == a[i]; }),
                      fns.end());
            continue;
        }
        const ShellProcess::Var* v = findVar(a[i]);
        if (v && v->readOnly) {
            shellError(a[i] + ": is read only");
            return 1;
        }
        unsetVar(a[i]);
    }
    return 0;
}

int Runner::biSet(Argv& a)
{
    if (a.size() < 2) {
        for (const ShellProcess::Var& v : m_p.m_state.vars)
            out(v.name + "='" + v.value + "'\n");
        return 0;
    }
    size_t i = 1;
    for (; i < a.size(); ++i) {
        const std::string& o = a[i];
        if (o == "--") {
            ++i;
            m_p.m_state.positional.assign(a.begin() + long(i), a.end());
            return 0;
        }
        if (o.size() < 2 || (o[0] != '-' && o[0] != '+'))
            break;
        const bool on = o[0] == '-';
        if (o == "-o" || o == "+o") {
            if (i + 1 < a.size() && a[i + 1] == "errexit")
                m_p.m_state.errexit = on;
            ++i;
            continue;
        }
        for (size_t k = 1; k < o.size(); ++k) {
            if (o[k] == 'e')
                m_p.m_state.errexit = on;
            // -x, -u, -f and the rest are accepted and not simulated.
        }
    }
    if (i < a.size())
        m_p.m_state.positional.assign(a.begin() + long(i), a.end());
    return 0;
}

int Runner::biShift(Argv& a)
{
    int64_t n = 1;
    if (a.size() > 1 && !isNumber(a[1], n)) {
        shellError("shift: line " + std::to_string(m_line - 1) + ": Illegal number: " + a[1]);
        startExit(2);
        return 2;
    }
    auto& pos = m_p.m_state.positional;
    if (n < 0 || size_t(n) > pos.size())
        return 1; // ash: "can't shift that many" is silent with status 1 in -c mode... keep quiet
    pos.erase(pos.begin(), pos.begin() + n);
    return 0;
}

int Runner::biExit(Argv& a)
{
    int64_t status = m_p.m_state.lastStatus;
    if (a.size() > 1 && (!isNumber(a[1], status) || status < 0)) {
        shellError("exit: line " + std::to_string(m_line - 1) + ": Illegal number: " + a[1]);
        status = 2;
    }
    startExit(int(status & 0xff));
    return int(status & 0xff);
}

int Runner::biReturn(Argv& a)
{
    int64_t status = m_p.m_state.lastStatus;
    if (a.size() > 1 && !isNumber(a[1], status)) {
        shellError("return: line " + std::to_string(m_line - 1) + ": Illegal number: " + a[1]);
        status = 2;
    }
    m_p.m_unwind = ShellProcess::Unwind::Return;
    m_p.m_unwindStatus = int(status & 0xff);
    return int(status & 0xff);
}

int Runner::biBreak(Argv& a, bool isContinue)
{
    int64_t n = 1;
    if (a.size() > 1 && (!isNumber(a[1], n) || n < 1)) {
        shellError(std::string(isContinue ? "continue" : "break") + ": line " + std::to_string(m_line - 1)
                   + ": Illegal number: " + a[1]);
        startExit(2);
        return 2;
    }
    // Only loops up to the nearest function or subshell boundary count; outside any, it does nothing.
    int loops = 0;
    for (size_t i = m_p.m_frames.size(); i-- > 0;) {
        const Frame& f = m_p.m_frames[i];
        if (f.kind == FrameKind::Call || f.kind == FrameKind::Subst || f.stateSave != UINT32_MAX
            || f.kind == FrameKind::Trap)
            break;
        if (f.kind == FrameKind::Node) {
            const NodeKind k = script(f.script).node(f.node).kind;
            loops += k == NodeKind::While || k == NodeKind::Until || k == NodeKind::For;
        }
    }
    if (loops == 0)
        return 0;
    m_p.m_unwind = isContinue ? ShellProcess::Unwind::Continue : ShellProcess::Unwind::Break;
    m_p.m_unwindCount = int(std::min<int64_t>(n, loops));
    m_p.m_unwindStatus = 0;
    return 0;
}

int Runner::biTrap(Argv& a)
{
    auto& traps = m_p.m_state.traps;
    if (a.size() < 2 || (a.size() == 2 && a[1] == "-p")) {
        std::vector<ShellProcess::Trap> sorted = traps;
        std::sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) { return x.signal < y.signal; });
        for (const ShellProcess::Trap& t : sorted)
            out("trap -- '" + t.action + "' " + signalName(t.signal) + "\n");
        return 0;
    }
    size_t i = 1;
    if (a[1] == "--")
        ++i;
    if (i >= a.size())
        return 0;
    // "trap N SIG" with a number first resets, as does "trap - SIG".
    std::string action = a[i];
    bool reset = action == "-";
    int64_t dummy;
    if (isNumber(action, dummy) && signalNumber(action) >= 0) {
        reset = true;
    } else {
        ++i;
    }
    int status = 0;
    for (; i < a.size(); ++i) {
        const int sig = signalNumber(a[i]);
        if (sig < 0 || sig >= 64) {
            shellError("trap: line " + std::to_string(m_line - 1) + ": " + a[i] + ": invalid signal specification");
            status = 1;
            continue;
        }
        traps.erase(std::remove_if(traps.begin(), traps.end(), [&](const auto& t) { return t.signal == sig; }),
                    traps.end());
        if (!reset)
            traps.push_back(ShellProcess::Trap{sig, action});
    }
    return status;
}

int Runner::biKill(Argv& a)
{
    int sig = kSigTerm;
    size_t i = 1;
    if (i < a.size() && (a[i] == "-l" || a[i] == "-L")) {
        if (i + 1 < a.size()) {
            int64_t n = 0;
            if (isNumber(a[i + 1], n))
                out(std::string(signalName(int(n > 128 ? n - 128 : n))) + "\n");
            else
                out(std::to_string(signalNumber(a[i + 1])) + "\n");
            return 0;
        }
        std::string list;
        for (const auto& s : kSignals)
            list += std::string(s.name) + "\n";
        out(list);
        return 0;
    }
    if (i < a.size() && (a[i] == "-s" || a[i] == "-n") && i + 1 < a.size()) {
        sig = signalNumber(a[i + 1]);
        i += 2;
    } else if (i < a.size() && a[i].size() > 1 && a[i][0] == '-' && a[i] != "--") {
        sig = signalNumber(std::string_view(a[i]).substr(1));
        ++i;
    }
    if (i < a.size() && a[i] == "--")
        ++i;
    if (sig < 0) {
        shellError("kill: line " + std::to_string(m_line - 1) + ": invalid signal");
        return 1;
    }
    if (i >= a.size()) {
        shellError("you need to specify whom to kill");
        return 1;
    }
    int status = 0;
    for (; i < a.size(); ++i) {
        int64_t pid = 0;
        if (!isNumber(a[i], pid)) {
            shellError("kill: line " + std::to_string(m_line - 1) + ": invalid number '" + a[i] + "'");
            status = 1;
            continue;
        }
        if (pid == m_p.m_pid) {
            if (sig != 0)
                m_p.deliverSignal(sig);
            continue;
        }
        if (!m_host.kill(int(pid), sig)) {
            shellError("can't kill pid " + a[i] + ": No such process");
            status = 1;
        }
    }
    return status;
}

int Runner::biEval(Argv& a, size_t)
{
    std::string text;
    for (size_t i = 1; i < a.size(); ++i) {
        if (i > 1)
            text += ' ';
        text += a[i];
    }
    if (text.empty())
        return 0;
    const uint16_t s = addScript(text);
    pushNode(s, script(s).root());
    return kPending;
}

int Runner::biDot(Argv& a, size_t)
{
    if (a.size() < 2) {
        shellError(".: line " + std::to_string(m_line - 1) + ": filename argument required");
        return 2;
    }
    std::string source;
    const fs::Error e = files().readFile(absolute(a[1]), source);
    if (e != fs::Error::None) {
        shellError(".: line " + std::to_string(m_line - 1) + ": can't open '" + a[1] + "'");
        startExit(2);
        return 2;
    }
    const uint16_t s = addScript(source);
    pushNode(s, script(s).root());
    top().aux = 0xD07; // `return` ends a sourced file
    return kPending;
}

int Runner::biRead(Argv& a)
{
    bool raw = false;
    size_t i = 1;
    for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
        if (a[i] == "-r")
            raw = true;
        else if (a[i] == "-p" && i + 1 < a.size())
            ++i;
    }
    const ShellProcess::FdTarget& t = m_p.m_fds[0];
    std::string line;
    bool gotLine = false;
    if (t.kind == FdTarget::Kind::Buffer) {
        ShellProcess::Buffer& b = m_p.m_buffers[t.buffer];
        if (b.readPos < b.data.size()) {
            size_t end = b.data.find('\n', b.readPos);
            gotLine = end != std::string::npos;
            if (end == std::string::npos)
                end = b.data.size();
            line = b.data.substr(b.readPos, end - b.readPos);
            b.readPos = std::min(b.data.size(), end + 1);
            gotLine = true;
        }
    }
    if (!raw) {
        std::string unescaped;
        for (size_t k = 0; k < line.size(); ++k) {
            if (line[k] == '\\' && k + 1 < line.size())
                ++k;
            unescaped += line[k];
        }
        line = unescaped;
    }
    std::vector<std::string> names(a.begin() + long(i), a.end());
    if (names.empty())
        names.push_back("REPLY");
    size_t pos = 0;
    for (size_t n = 0; n < names.size(); ++n) {
        while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t'))
            ++pos;
        std::string value;
        if (n + 1 == names.size()) {
            value = line.substr(std::min(pos, line.size()));
            while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
                value.pop_back();
        } else {
            const size_t end = line.find_first_of(" \t", pos);
            value = line.substr(pos, end == std::string::npos ? std::string::npos : end - pos);
            pos = end == std::string::npos ? line.size() : end;
        }
        setVar(names[n], value);
    }
    return gotLine ? 0 : 1;
}

int Runner::biType(Argv& a)
{
    int status = 0;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& n = a[i];
        const bool fn = std::any_of(m_p.m_state.functions.begin(), m_p.m_state.functions.end(),
                                    [&](const ShellProcess::Function& f) { return f.name == n; });
        if (fn)
            out(n + " is a function\n");
        else if (builtinOf(n) != Builtin::None)
            out(n + " is a shell builtin\n");
        else if (m_host.hasCommand(n))
            out(n + " is " + (n.find('/') == std::string::npos ? "/bin/" + n : n) + "\n");
        else {
            out(n + ": not found\n");
            status = 127;
        }
    }
    return status;
}

int Runner::biWait(Argv&) { return 0; }

int Runner::biUmask(Argv& a)
{
    if (a.size() < 2)
        out("0022\n");
    return 0;
}

int Runner::biLocal(Argv& a)
{
    // Save the caller's values in the nearest function call; they come back when it returns.
    Frame* call = nullptr;
    for (size_t i = m_p.m_frames.size(); i-- > 0;) {
        if (m_p.m_frames[i].kind == FrameKind::Call) {
            call = &m_p.m_frames[i];
            break;
        }
    }
    if (!call) {
        shellError("local: line " + std::to_string(m_line - 1) + ": not in a function");
        return 2;
    }
    for (size_t i = 1; i < a.size(); ++i) {
        const size_t eq = a[i].find('=');
        const std::string name = a[i].substr(0, eq);
        const std::string* old = getVar(name);
        call->substs.push_back(name);
        call->substs.push_back(old ? *old : std::string());
        call->substs.push_back(old ? "1" : "0");
        setVar(name, eq == std::string::npos ? (old ? *old : std::string()) : a[i].substr(eq + 1));
    }
    return 0;
}

int Runner::biExec(Argv& a, size_t frameIndex)
{
    if (a.size() < 2) {
        // Redirections of a bare `exec` stay for the rest of the shell.
        m_p.m_fdSaves.resize(m_p.m_frames[frameIndex].fdSaveBase);
        return 0;
    }
    Argv rest(a.begin() + 1, a.end());
    const int status = runCommand(rest, frameIndex);
    if (status == kPending) {
        m_p.m_frames[frameIndex].aux = 0xE0E; // exit when it finishes
        return kPending;
    }
    startExit(status);
    return status;
}

} // namespace podlab::sim::shell
