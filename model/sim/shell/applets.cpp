// The busybox applets the shell simulates (cat, ls, sleep, wget, ...), with busybox's options, output and
// error messages. Each works on the container's files through the host's view.

#include "pattern.h"
#include "runner.h"

#include "sim/core/text.h"
#include "sim/fs/civiltime.h"
#include "sim/fs/lsformat.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <regex>

namespace podlab::sim::shell {

namespace {

constexpr int kNotApplet = -2000;

std::string dirName(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const size_t slash = path.rfind('/');
    if (slash == std::string_view::npos)
        return ".";
    if (slash == 0)
        return "/";
    std::string d(path.substr(0, slash));
    while (d.size() > 1 && d.back() == '/')
        d.pop_back();
    return d;
}

bool parseCount(std::string_view s, int64_t& out)
{
    if (s.empty())
        return false;
    int64_t v = 0;
    for (char c : s) {
        if (c < '0' || c > '9')
            return false;
        v = v * 10 + (c - '0');
    }
    out = v;
    return true;
}

std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            lines.push_back(text.substr(pos));
            break;
        }
        lines.push_back(text.substr(pos, end - pos + 1));
        pos = end + 1;
    }
    return lines;
}

// Options in busybox's getopt style: "-abc" clusters; `withValue` letters take the next argument (or the
// rest of the cluster). Stops at the first operand or "--". Returns false on an unknown option.
struct Options {
    std::string flags;
    std::vector<std::pair<char, std::string>> values;
    std::vector<std::string> operands;
    char bad = 0;

    bool has(char c) const { return flags.find(c) != std::string::npos; }
    const std::string* value(char c) const
    {
        for (auto it = values.rbegin(); it != values.rend(); ++it) {
            if (it->first == c)
                return &it->second;
        }
        return nullptr;
    }
};

Options parseOptions(const std::vector<std::string>& a, const char* known, const char* withValue,
                     bool permute = true)
{
    Options o;
    bool done = false;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& w = a[i];
        if (done || w.size() < 2 || w[0] != '-') {
            o.operands.push_back(w);
            if (!permute)
                done = true;
            continue;
        }
        if (w == "--") {
            done = true;
            continue;
        }
        for (size_t k = 1; k < w.size(); ++k) {
            const char c = w[k];
            if (std::strchr(withValue, c)) {
                std::string v = w.substr(k + 1);
                if (v.empty() && i + 1 < a.size())
                    v = a[++i];
                o.values.emplace_back(c, v);
                o.flags += c;
                break;
            }
            if (!std::strchr(known, c)) {
                o.bad = c;
                return o;
            }
            o.flags += c;
        }
    }
    return o;
}

struct Url {
    std::string scheme = "http";
    std::string host;
    int port = 80;
    bool explicitPort = false;
    std::string path = "/";
};

Url parseUrl(std::string_view text)
{
    Url u;
    const size_t sep = text.find("://");
    if (sep != std::string_view::npos) {
        u.scheme.assign(text.substr(0, sep));
        text.remove_prefix(sep + 3);
        if (u.scheme == "https")
            u.port = 443;
    }
    const size_t slash = text.find('/');
    std::string_view hostPort = text.substr(0, slash);
    if (slash != std::string_view::npos)
        u.path.assign(text.substr(slash));
    const size_t colon = hostPort.rfind(':');
    if (colon != std::string_view::npos) {
        int64_t p = 0;
        if (parseCount(hostPort.substr(colon + 1), p)) {
            u.port = int(p);
            u.explicitPort = true;
        }
        hostPort = hostPort.substr(0, colon);
    }
    u.host.assign(hostPort);
    return u;
}

std::string formatDate(std::string_view format, int64_t epochMs)
{
    const fs::CivilTime t = fs::CivilTime::fromEpochMs(epochMs);
    static const char* const longDays[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    static const char* const longMonths[] = {"January", "February", "March",     "April",   "May",      "June",
                                             "July",    "August",   "September", "October", "November", "December"};
    std::string out;
    char buf[64];
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 >= format.size()) {
            out += format[i];
            continue;
        }
        const char c = format[++i];
        switch (c) {
        case 'Y':
            std::snprintf(buf, sizeof buf, "%d", t.year);
            break;
        case 'y':
            std::snprintf(buf, sizeof buf, "%02d", t.year % 100);
            break;
        case 'm':
            std::snprintf(buf, sizeof buf, "%02d", t.month);
            break;
        case 'd':
            std::snprintf(buf, sizeof buf, "%02d", t.day);
            break;
        case 'e':
            std::snprintf(buf, sizeof buf, "%2d", t.day);
            break;
        case 'H':
            std::snprintf(buf, sizeof buf, "%02d", t.hour);
            break;
        case 'I':
            std::snprintf(buf, sizeof buf, "%02d", t.hour % 12 == 0 ? 12 : t.hour % 12);
            break;
        case 'M':
            std::snprintf(buf, sizeof buf, "%02d", t.minute);
            break;
        case 'S':
            std::snprintf(buf, sizeof buf, "%02d", t.second);
            break;
        case 'N':
            std::snprintf(buf, sizeof buf, "%09d", t.millis * 1000000);
            break;
        case 's':
            std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(epochMs >= 0 ? epochMs / 1000 : -((-epochMs + 999) / 1000)));
            break;
        case 'a':
            std::snprintf(buf, sizeof buf, "%s", fs::CivilTime::weekdayAbbrev(t.weekday));
            break;
        case 'A':
            std::snprintf(buf, sizeof buf, "%s", longDays[t.weekday]);
            break;
        case 'b':
        case 'h':
            std::snprintf(buf, sizeof buf, "%s", fs::CivilTime::monthAbbrev(t.month));
            break;
        case 'B':
            std::snprintf(buf, sizeof buf, "%s", longMonths[t.month - 1]);
            break;
        case 'p':
            std::snprintf(buf, sizeof buf, "%s", t.hour < 12 ? "AM" : "PM");
            break;
        case 'Z':
            std::snprintf(buf, sizeof buf, "UTC");
            break;
        case 'z':
            std::snprintf(buf, sizeof buf, "+0000");
            break;
        case 'T':
            std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", t.hour, t.minute, t.second);
            break;
        case 'R':
            std::snprintf(buf, sizeof buf, "%02d:%02d", t.hour, t.minute);
            break;
        case 'D':
            std::snprintf(buf, sizeof buf, "%02d/%02d/%02d", t.month, t.day, t.year % 100);
            break;
        case 'F':
            std::snprintf(buf, sizeof buf, "%d-%02d-%02d", t.year, t.month, t.day);
            break;
        case 'j': {
            const int64_t jan1 = fs::CivilTime{t.year, 1, 1, 0, 0, 0, 0, 0}.toEpochMs();
            std::snprintf(buf, sizeof buf, "%03d", int((epochMs - jan1) / 86400000) + 1);
            break;
        }
        case 'u':
            std::snprintf(buf, sizeof buf, "%d", t.weekday == 0 ? 7 : t.weekday);
            break;
        case 'w':
            std::snprintf(buf, sizeof buf, "%d", t.weekday);
            break;
        case 'n':
            std::snprintf(buf, sizeof buf, "\n");
            break;
        case 't':
            std::snprintf(buf, sizeof buf, "\t");
            break;
        case '%':
            std::snprintf(buf, sizeof buf, "%%");
            break;
        default:
            std::snprintf(buf, sizeof buf, "%%%c", c);
            break;
        }
        out += buf;
    }
    return out;
}

std::string busyboxUsage(const char* applet, const char* usage)
{
    return std::string("BusyBox v1.36.1 (2023-07-27 17:12:24 UTC) multi-call binary.\n\nUsage: ") + applet + " "
           + usage + "\n";
}

} // namespace

int Runner::pendingFinish(SimTime delay, int status, std::string outText, std::string errText)
{
    if (delay <= 0) {
        out(outText);
        err(errText);
        return status;
    }
    Frame f;
    f.kind = FrameKind::Program;
    f.until = delay == kForever ? kForever : m_now + delay;
    f.status = status;
    f.values = {std::move(outText), std::move(errText)};
    push(std::move(f));
    return kPending;
}

int Runner::runApplet(std::string_view name, Argv& a)
{
    int status = kNotApplet;
    if (name == "cat")
        status = apCat(a);
    else if (name == "ls")
        status = apLs(a);
    else if (name == "echo")
        status = biEcho(a);
    else if (name == "printf")
        status = biPrintf(a);
    else if (name == "test")
        status = biTest(a, false);
    else if (name == "[")
        status = biTest(a, true);
    else if (name == "true")
        status = 0;
    else if (name == "false")
        status = 1;
    else if (name == "kill")
        status = biKill(a);
    else if (name == "pwd")
        status = biPwd(a);
    else if (name == "touch")
        status = apTouch(a);
    else if (name == "rm")
        status = apRm(a);
    else if (name == "mkdir")
        status = apMkdir(a);
    else if (name == "rmdir")
        status = apRmdir(a);
    else if (name == "cp")
        status = apCp(a);
    else if (name == "mv")
        status = apMv(a);
    else if (name == "ln")
        status = apLn(a);
    else if (name == "sleep")
        status = apSleep(a);
    else if (name == "date")
        status = apDate(a);
    else if (name == "env")
        status = apEnv(a);
    else if (name == "printenv")
        status = apPrintenv(a);
    else if (name == "hostname")
        status = apHostname(a);
    else if (name == "basename")
        status = apBasename(a);
    else if (name == "dirname")
        status = apDirname(a);
    else if (name == "id")
        status = apId(a, false);
    else if (name == "whoami")
        status = apId(a, true);
    else if (name == "uname")
        status = apUname(a);
    else if (name == "grep" || name == "egrep" || name == "fgrep")
        status = apGrep(a);
    else if (name == "head")
        status = apHeadTail(a, false);
    else if (name == "tail")
        status = apHeadTail(a, true);
    else if (name == "wc")
        status = apWc(a);
    else if (name == "seq")
        status = apSeq(a);
    else if (name == "expr")
        status = apExpr(a);
    else if (name == "wget")
        status = apWget(a);
    else if (name == "curl")
        status = apCurl(a);
    else if (name == "nc")
        status = apNc(a);
    else if (name == "ps")
        status = apPs(a);
    else if (name == "which")
        status = apWhich(a);
    else if (name == "killall")
        status = apKillall(a);
    else if (name == "sort")
        status = apSort(a);
    else if (name == "tr")
        status = apTr(a);
    else if (name == "readlink")
        status = apReadlink(a);
    else if (name == "realpath")
        status = apRealpath(a);
    else if (name == "chmod")
        status = apChmod(a);
    else if (name == "tee")
        status = apTee(a);
    else if (name == "cut")
        status = apCut(a);
    else if (name == "nproc")
        status = apNproc(a);
    else if (name == "sh" || name == "ash" || name == "bash") {
        // A nested shell: `sh -c 'script' [args]` runs in a subshell of this one.
        size_t i = 1;
        while (i < a.size() && a[i].size() > 1 && a[i][0] == '-' && a[i].find('c') == std::string::npos)
            ++i;
        if (i < a.size() && a[i].find('c') != std::string::npos && a[i][0] == '-' && i + 1 < a.size()) {
            const uint16_t s = addScript(a[i + 1]);
            Frame sub;
            sub.kind = FrameKind::Call;
            sub.values = m_p.m_state.positional;
            push(std::move(sub));
            enterSubshell(top());
            // A new process: it inherits only the environment, not shell variables, functions or traps.
            m_p.m_state.traps.clear();
            m_p.m_state.functions.clear();
            auto& vars = m_p.m_state.vars;
            vars.erase(std::remove_if(vars.begin(), vars.end(), [](const ShellProcess::Var& v) { return !v.exported; }),
                       vars.end());
            if (i + 2 < a.size())
                m_p.m_state.arg0 = a[i + 2];
            m_p.m_state.positional.assign(a.begin() + long(std::min(a.size(), i + 3)), a.end());
            pushNode(s, script(s).root());
            return kPending;
        }
        return 0;
    }
    if (status != kNotApplet)
        return status;
    // Not an applet PodLab simulates: maybe the runtime models the program (nginx -s quit).
    ProgramResult r = m_host.runProgram(a);
    switch (r.kind) {
    case ProgramResult::Kind::Unknown:
        shellError(a[0] + ": not simulated in PodLab");
        return 127;
    case ProgramResult::Kind::Exited:
        return pendingFinish(r.duration, r.exitCode, std::move(r.out), std::move(r.err));
    case ProgramResult::Kind::Running:
        out(r.out);
        err(r.err);
        return pendingFinish(kForever, 0, {}, {});
    }
    return 127;
}

int Runner::apCat(Argv& a) { return catFiles(std::span<const std::string>(a).subspan(1), *this, m_scratch); }

int Runner::apLs(Argv& a)
{
    const Options o = parseOptions(a, "aAlnd1FCxtrRhie", "");
    if (o.bad) {
        err(std::string("ls: unrecognized option: ") + o.bad + "\n");
        return 1;
    }
    fs::LsOptions opt;
    opt.all = o.has('a');
    opt.almostAll = o.has('A');
    opt.longFormat = o.has('l') || o.has('n');
    opt.numericIds = o.has('n');
    opt.directory = o.has('d');
    std::string outText, errText;
    std::vector<std::string> operands = o.operands;
    // Relative operands are listed as given but resolved from the shell's directory.
    fs::ContainerFiles& view = files();
    const std::string saved = view.cwd();
    view.setCwd(m_p.m_state.cwd);
    const int status = fs::LsFormat::list(view, operands, opt, m_host.epochMs(m_now), outText, errText);
    view.setCwd(saved);
    out(outText);
    err(errText);
    return status;
}

int Runner::apTouch(Argv& a)
{
    const Options o = parseOptions(a, "acm", "dt");
    int status = 0;
    for (const std::string& n : o.operands) {
        fs::ContainerFiles& f = files();
        if (o.has('c') && !f.exists(absolute(n)))
            continue;
        const fs::Error e = f.touch(absolute(n));
        if (e != fs::Error::None) {
            err("touch: " + n + ": " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apRm(Argv& a)
{
    const Options o = parseOptions(a, "frRiv", "");
    const bool force = o.has('f'), recursive = o.has('r') || o.has('R');
    int status = 0;
    for (const std::string& n : o.operands) {
        fs::ContainerFiles& f = files();
        const std::string p = absolute(n);
        fs::Stat st;
        fs::Error e = f.lstat(p, st);
        if (e == fs::Error::None && st.isDirectory() && !recursive) {
            err("rm: '" + n + "' is a directory\n");
            status = 1;
            continue;
        }
        if (e == fs::Error::None)
            e = st.isDirectory() ? f.removeAll(p) : f.unlink(p);
        if (e == fs::Error::NoEntry && force)
            continue;
        if (e != fs::Error::None) {
            err("rm: can't remove '" + n + "': " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apMkdir(Argv& a)
{
    const Options o = parseOptions(a, "pv", "m");
    uint32_t mode = 0755;
    if (const std::string* m = o.value('m'))
        mode = uint32_t(std::strtoul(m->c_str(), nullptr, 8));
    int status = 0;
    for (const std::string& n : o.operands) {
        fs::ContainerFiles& f = files();
        const fs::Error e = o.has('p') ? f.mkdirs(absolute(n), mode) : f.mkdir(absolute(n), mode);
        if (e != fs::Error::None) {
            err("mkdir: can't create directory '" + n + "': " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apRmdir(Argv& a)
{
    const Options o = parseOptions(a, "p", "");
    int status = 0;
    for (const std::string& n : o.operands) {
        const fs::Error e = files().rmdir(absolute(n));
        if (e != fs::Error::None) {
            err("rmdir: '" + n + "': " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apCp(Argv& a)
{
    const Options o = parseOptions(a, "rRapfdPLv", "");
    if (o.operands.size() < 2) {
        err(busyboxUsage("cp", "[-arPLHpfinlsTu] SOURCE DEST"));
        return 1;
    }
    const bool recursive = o.has('r') || o.has('R') || o.has('a');
    fs::ContainerFiles& f = files();
    const std::string dest = absolute(o.operands.back());
    const bool intoDir = f.isDirectory(dest);
    int status = 0;
    // Copies one path, recursing into directories with -r.
    std::function<bool(const std::string&, const std::string&, const std::string&)> copy =
        [&](const std::string& from, const std::string& to, const std::string& shown) -> bool {
        fs::Stat st;
        fs::Error e = f.stat(from, st);
        if (e != fs::Error::None) {
            err("cp: can't stat '" + shown + "': " + fs::message(e) + "\n");
            return false;
        }
        if (st.isDirectory()) {
            if (!recursive) {
                err("cp: omitting directory '" + shown + "'\n");
                return false;
            }
            e = f.mkdir(to, st.mode);
            if (e != fs::Error::None && e != fs::Error::Exists) {
                err("cp: can't create directory '" + to + "': " + fs::message(e) + "\n");
                return false;
            }
            std::vector<fs::DirEntry> entries;
            f.list(from, entries);
            bool ok = true;
            for (const fs::DirEntry& entry : entries)
                ok &= copy(from + "/" + entry.name, to + "/" + entry.name, shown + "/" + entry.name);
            return ok;
        }
        std::string data;
        e = f.readFile(from, data);
        if (e == fs::Error::None)
            e = f.writeFile(to, data, fs::WriteMode::Truncate, st.mode);
        if (e != fs::Error::None) {
            err("cp: can't create '" + to + "': " + fs::message(e) + "\n");
            return false;
        }
        return true;
    };
    for (size_t i = 0; i + 1 < o.operands.size(); ++i) {
        const std::string& src = o.operands[i];
        const std::string target = intoDir ? dest + "/" + std::string(baseName(src)) : dest;
        if (!copy(absolute(src), target, src))
            status = 1;
    }
    return status;
}

int Runner::apMv(Argv& a)
{
    const Options o = parseOptions(a, "finTv", "");
    if (o.operands.size() < 2) {
        err(busyboxUsage("mv", "[-fin] SOURCE DEST"));
        return 1;
    }
    fs::ContainerFiles& f = files();
    const std::string dest = absolute(o.operands.back());
    const bool intoDir = f.isDirectory(dest);
    int status = 0;
    for (size_t i = 0; i + 1 < o.operands.size(); ++i) {
        const std::string& src = o.operands[i];
        const std::string target = intoDir ? dest + "/" + std::string(baseName(src)) : dest;
        fs::Error e = f.rename(absolute(src), target);
        if (e == fs::Error::CrossDevice) {
            // Across mounts mv copies and deletes, as it does between real file systems.
            std::string data;
            fs::Stat st;
            e = f.stat(absolute(src), st);
            if (e == fs::Error::None && st.isDirectory())
                e = fs::Error::CrossDevice;
            if (e == fs::Error::None)
                e = f.readFile(absolute(src), data);
            if (e == fs::Error::None)
                e = f.writeFile(target, data, fs::WriteMode::Truncate, st.mode);
            if (e == fs::Error::None)
                e = f.unlink(absolute(src));
        }
        if (e != fs::Error::None) {
            err("mv: can't rename '" + src + "': " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apLn(Argv& a)
{
    const Options o = parseOptions(a, "sfnTv", "");
    if (o.operands.size() < 2) {
        err(busyboxUsage("ln", "[-sfnbtv] [-S SUF] TARGET... LINK|DIR"));
        return 1;
    }
    fs::ContainerFiles& f = files();
    std::string link = o.operands.back();
    if (f.isDirectory(absolute(link)) && !o.has('n'))
        link += "/" + std::string(baseName(o.operands[0]));
    const std::string& target = o.operands[0];
    if (o.has('f')) {
        fs::Stat st;
        if (f.lstat(absolute(link), st) == fs::Error::None && !st.isDirectory())
            f.unlink(absolute(link));
    }
    fs::Error e;
    if (o.has('s')) {
        e = f.symlink(target, absolute(link));
    } else {
        // No hard links in the simulated file system: a copy is what a reader sees.
        std::string data;
        e = f.readFile(absolute(target), data);
        if (e != fs::Error::None) {
            err("ln: " + target + ": " + fs::message(e) + "\n");
            return 1;
        }
        e = f.exists(absolute(link)) ? fs::Error::Exists : f.writeFile(absolute(link), data);
    }
    if (e != fs::Error::None) {
        err("ln: " + o.operands.back() + ": " + fs::message(e) + "\n");
        return 1;
    }
    return 0;
}

int Runner::apSleep(Argv& a)
{
    if (a.size() < 2) {
        err(busyboxUsage("sleep", "[N]...\n\nPause for a time equal to the total of the args given, where each arg "
                                  "can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays"));
        return 1;
    }
    double total = 0;
    for (size_t i = 1; i < a.size(); ++i) {
        std::string s = a[i];
        double scale = 1;
        if (!s.empty() && std::strchr("smhd", s.back())) {
            scale = s.back() == 'm' ? 60 : s.back() == 'h' ? 3600 : s.back() == 'd' ? 86400 : 1;
            s.pop_back();
        }
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        if (s.empty() || end != s.c_str() + s.size() || v < 0 || std::isnan(v)) {
            err("sleep: invalid number '" + a[i] + "'\n");
            return 1;
        }
        total += v * scale;
    }
    const SimTime ms = SimTime(std::llround(total * 1000.0));
    Frame f;
    f.kind = FrameKind::Sleep;
    f.until = m_now + ms;
    push(std::move(f));
    return kPending;
}

int Runner::apDate(Argv& a)
{
    int64_t when = m_host.epochMs(m_now);
    std::string format = "%a %b %e %H:%M:%S %Z %Y";
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& w = a[i];
        if (w == "-u" || w == "--utc")
            continue;
        if (w == "-I" || w == "-Idate")
            format = "%Y-%m-%d";
        else if (w == "-Iseconds")
            format = "%Y-%m-%dT%H:%M:%S+00:00";
        else if (w == "-R")
            format = "%a, %d %b %Y %H:%M:%S +0000";
        else if ((w == "-d" || w == "-D") && i + 1 < a.size()) {
            const std::string& d = a[++i];
            int64_t secs = 0;
            if (!d.empty() && d[0] == '@' && parseCount(d.substr(1), secs)) {
                when = secs * 1000;
            } else {
                err("date: invalid date '" + d + "'\n");
                return 1;
            }
        } else if (!w.empty() && w[0] == '+') {
            format = w.substr(1);
        }
    }
    out(formatDate(format, when) + "\n");
    return 0;
}

int Runner::apEnv(Argv& a)
{
    size_t i = 1;
    bool clear = false;
    for (; i < a.size(); ++i) {
        if (a[i] == "-i" || a[i] == "-") {
            clear = true;
            continue;
        }
        if (a[i] == "-u" && i + 1 < a.size()) {
            m_p.m_tempVars.push_back(findVar(a[i + 1]) ? *findVar(a[i + 1]) : ShellProcess::Var{a[i + 1], {}, false, true});
            unsetVar(a[++i]);
            continue;
        }
        const size_t eq = a[i].find('=');
        if (eq == std::string::npos || eq == 0)
            break;
        const std::string name = a[i].substr(0, eq);
        const ShellProcess::Var* old = findVar(name);
        m_p.m_tempVars.push_back(old ? *old : ShellProcess::Var{name, {}, false, true});
        setVar(name, std::string_view(a[i]).substr(eq + 1), true);
    }
    if (clear) {
        for (const ShellProcess::Var& v : m_p.m_state.vars) {
            if (v.exported) {
                m_p.m_tempVars.push_back(v);
            }
        }
        for (ShellProcess::Var& v : m_p.m_state.vars)
            v.exported = false;
    }
    if (i >= a.size()) {
        std::string text;
        for (const auto& [name, value] : environment())
            text += name + "=" + value + "\n";
        out(text);
        return 0;
    }
    Argv rest(a.begin() + long(i), a.end());
    if (!m_host.hasCommand(rest[0])) {
        err("env: can't execute '" + rest[0] + "': No such file or directory\n");
        return 127;
    }
    return runApplet(baseName(rest[0]), rest);
}

int Runner::apPrintenv(Argv& a)
{
    const Environment env = environment();
    if (a.size() < 2) {
        std::string text;
        for (const auto& [name, value] : env)
            text += name + "=" + value + "\n";
        out(text);
        return 0;
    }
    int status = 0;
    std::string text;
    for (size_t i = 1; i < a.size(); ++i) {
        const auto it = std::find_if(env.begin(), env.end(), [&](const auto& e) { return e.first == a[i]; });
        if (it == env.end())
            status = 1;
        else
            text += it->second + "\n";
    }
    out(text);
    return status;
}

int Runner::apHostname(Argv& a)
{
    (void)a;
    out(m_host.hostname() + "\n");
    return 0;
}

int Runner::apBasename(Argv& a)
{
    if (a.size() < 2) {
        err(busyboxUsage("basename", "FILE [SUFFIX]"));
        return 1;
    }
    std::string b(baseName(a[1]));
    if (a.size() > 2 && b.size() > a[2].size() && b.compare(b.size() - a[2].size(), a[2].size(), a[2]) == 0)
        b.resize(b.size() - a[2].size());
    out(b + "\n");
    return 0;
}

int Runner::apDirname(Argv& a)
{
    if (a.size() < 2) {
        err(busyboxUsage("dirname", "FILENAME"));
        return 1;
    }
    out(dirName(a[1]) + "\n");
    return 0;
}

int Runner::apId(Argv& a, bool whoami)
{
    fs::ContainerFiles& f = files();
    const std::string user = fs::LsFormat::userName(f, m_p.m_uid);
    const std::string group = fs::LsFormat::groupName(f, m_p.m_gid);
    const bool userKnown = user != std::to_string(m_p.m_uid);
    if (whoami) {
        if (!userKnown) {
            err("whoami: unknown uid " + std::to_string(m_p.m_uid) + "\n");
            return 1;
        }
        out(user + "\n");
        return 0;
    }
    const Options o = parseOptions(a, "ugnrG", "");
    if (o.has('u') || o.has('g')) {
        const bool name = o.has('n');
        if (o.has('u'))
            out((name ? user : std::to_string(m_p.m_uid)) + "\n");
        else
            out((name ? group : std::to_string(m_p.m_gid)) + "\n");
        return 0;
    }
    std::string text = "uid=" + std::to_string(m_p.m_uid);
    if (userKnown)
        text += "(" + user + ")";
    text += " gid=" + std::to_string(m_p.m_gid);
    if (group != std::to_string(m_p.m_gid))
        text += "(" + group + ")";
    out(text + "\n");
    return 0;
}

int Runner::apUname(Argv& a)
{
    const Options o = parseOptions(a, "asnrvmpio", "");
    const std::string kernel = "Linux", node = m_host.hostname(), release = "6.1.0-podlab",
                      version = "#1 SMP PREEMPT_DYNAMIC", machine = "x86_64";
    std::vector<std::string> parts;
    const bool all = o.has('a');
    if (all || o.has('s') || o.flags.empty())
        parts.push_back(kernel);
    if (all || o.has('n'))
        parts.push_back(node);
    if (all || o.has('r'))
        parts.push_back(release);
    if (all || o.has('v'))
        parts.push_back(version);
    if (all || o.has('m'))
        parts.push_back(machine);
    if (all || o.has('o'))
        parts.push_back("GNU/Linux");
    std::string text;
    for (size_t i = 0; i < parts.size(); ++i)
        text += (i ? " " : "") + parts[i];
    out(text + "\n");
    return 0;
}

int Runner::apGrep(Argv& a)
{
    Options o = parseOptions(a, "qvicnlHhEFwsxo", "e");
    if (o.bad) {
        err(std::string("grep: invalid option -- '") + o.bad + "'\n");
        return 2;
    }
    std::vector<std::string> patterns;
    for (const auto& [c, v] : o.values) {
        if (c == 'e')
            patterns.push_back(v);
    }
    std::vector<std::string> fileNames = o.operands;
    if (patterns.empty()) {
        if (fileNames.empty()) {
            err(busyboxUsage("grep", "[-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]..."));
            return 2;
        }
        patterns.push_back(fileNames.front());
        fileNames.erase(fileNames.begin());
    }
    const bool fixed = o.has('F') || a[0] == "fgrep";
    const bool extended = o.has('E') || a[0] == "egrep";
    const bool icase = o.has('i');
    std::vector<std::regex> res;
    try {
        for (const std::string& p : patterns) {
            if (fixed)
                continue;
            auto flags = extended ? std::regex::extended : std::regex::basic;
            if (icase)
                flags |= std::regex::icase;
            std::string pat = p;
            if (o.has('w'))
                pat = (extended ? "(^|[^[:alnum:]_])(" : "\\(^\\|[^[:alnum:]_]\\)\\(") + p
                      + (extended ? ")([^[:alnum:]_]|$)" : "\\)\\([^[:alnum:]_]\\|$\\)");
            if (o.has('x'))
                pat = "^" + pat + "$";
            res.emplace_back(pat, flags);
        }
    } catch (const std::regex_error&) {
        err("grep: bad regex '" + patterns.front() + "'\n");
        return 2;
    }
    auto lower = [](std::string s) {
        for (char& c : s)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        return s;
    };
    auto matches = [&](std::string_view line) {
        if (fixed) {
            for (const std::string& p : patterns) {
                if (icase ? lower(std::string(line)).find(lower(p)) != std::string::npos
                          : line.find(p) != std::string_view::npos)
                    return true;
            }
            return false;
        }
        for (const std::regex& re : res) {
            if (std::regex_search(line.begin(), line.end(), re))
                return true;
        }
        return false;
    };
    if (fileNames.empty())
        fileNames.push_back("-");
    const bool prefix = (fileNames.size() > 1 || o.has('H')) && !o.has('h');
    bool any = false;
    int status = 0;
    std::string text;
    for (const std::string& name : fileNames) {
        std::string data;
        if (name == "-") {
            data = readStdin();
        } else {
            const fs::Error e = files().readFile(absolute(name), data);
            if (e != fs::Error::None) {
                if (!o.has('s'))
                    err("grep: " + name + ": " + fs::message(e) + "\n");
                status = 2;
                continue;
            }
        }
        const std::string shown = name == "-" ? "(standard input)" : name;
        int count = 0;
        int lineNo = 0;
        for (std::string_view line : splitLines(data)) {
            ++lineNo;
            std::string_view content = line;
            if (!content.empty() && content.back() == '\n')
                content.remove_suffix(1);
            if (matches(content) == o.has('v'))
                continue;
            ++count;
            any = true;
            if (o.has('q'))
                return 0;
            if (o.has('c') || o.has('l'))
                continue;
            if (prefix)
                text += shown + ":";
            if (o.has('n'))
                text += std::to_string(lineNo) + ":";
            text.append(content);
            text += '\n';
        }
        if (o.has('c'))
            text += (prefix ? shown + ":" : std::string()) + std::to_string(count) + "\n";
        if (o.has('l') && count > 0)
            text += shown + "\n";
    }
    out(text);
    if (status == 2 && !(o.has('s') && any))
        return any && !o.has('q') ? 2 : 2;
    return any ? 0 : 1;
}

int Runner::apHeadTail(Argv& a, bool tail)
{
    const char* name = tail ? "tail" : "head";
    // "-5" is "-n 5".
    Argv args = a;
    for (size_t i = 1; i < args.size(); ++i) {
        if (args[i].size() > 1 && args[i][0] == '-' && std::isdigit(static_cast<unsigned char>(args[i][1])))
            args[i] = "-n" + args[i].substr(1);
    }
    const Options o = parseOptions(args, "fFqsv", "nc");
    if (o.bad) {
        err(std::string(name) + ": invalid option -- '" + o.bad + "'\n");
        return 1;
    }
    int64_t lines = 10;
    bool fromStart = false;
    if (const std::string* n = o.value('n')) {
        std::string v = *n;
        if (!v.empty() && v[0] == '+') {
            fromStart = tail;
            v.erase(0, 1);
        }
        if (!parseCount(v, lines)) {
            err(std::string(name) + ": invalid number '" + *n + "'\n");
            return 1;
        }
    }
    std::vector<std::string> names = o.operands;
    if (names.empty())
        names.push_back("-");
    const bool headers = names.size() > 1 && !o.has('q');
    int status = 0;
    int opened = 0;
    std::string text;
    std::string followPath;
    uint32_t followOffset = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        std::string data;
        if (names[i] == "-") {
            data = readStdin();
        } else {
            const fs::Error e = files().readFile(absolute(names[i]), data);
            if (tail && (o.has('f') || o.has('F')))
                followPath = absolute(names[i]);
            if (e != fs::Error::None) {
                if (tail)
                    err("tail: can't open '" + names[i] + "': " + fs::message(e) + "\n");
                else
                    err("head: " + names[i] + ": " + fs::message(e) + "\n");
                status = 1;
                continue;
            }
        }
        ++opened;
        followOffset = uint32_t(data.size());
        if (headers)
            text += std::string(i > 0 && opened > 1 ? "\n" : "") + "==> " + names[i] + " <==\n";
        if (const std::string* c = o.value('c')) {
            int64_t bytes = 0;
            parseCount(*c, bytes);
            text += tail ? data.substr(data.size() - std::min<size_t>(data.size(), size_t(bytes)))
                         : data.substr(0, size_t(bytes));
            continue;
        }
        const std::vector<std::string_view> all = splitLines(data);
        size_t from = 0, to = all.size();
        if (tail)
            from = fromStart ? size_t(std::max<int64_t>(0, lines - 1)) : all.size() - std::min<size_t>(all.size(), size_t(lines));
        else
            to = std::min<size_t>(all.size(), size_t(lines));
        for (size_t k = from; k < to; ++k)
            text.append(all[k]);
    }
    out(text);
    if (tail && !followPath.empty()) {
        Frame f;
        f.kind = FrameKind::Follow;
        f.text = followPath;
        f.aux = followOffset;
        f.until = m_now + 1000;
        push(std::move(f));
        return kPending;
    }
    if (tail && opened == 0 && names.size() > 0 && status != 0 && names[0] != "-") {
        err("tail: no files\n");
    }
    return status;
}

int Runner::apWc(Argv& a)
{
    const Options o = parseOptions(a, "lwcmL", "");
    bool lines = o.has('l'), words = o.has('w'), bytes = o.has('c') || o.has('m');
    if (!lines && !words && !bytes)
        lines = words = bytes = true;
    const int columns = int(lines) + int(words) + int(bytes);
    std::vector<std::string> names = o.operands;
    const bool fromStdin = names.empty();
    if (fromStdin)
        names.push_back("");
    uint64_t tl = 0, tw = 0, tc = 0;
    int status = 0;
    std::string text;
    auto line = [&](uint64_t l, uint64_t w, uint64_t c, const std::string& name) {
        std::string s;
        char buf[32];
        const bool bare = columns == 1 && names.size() <= 1;
        auto col = [&](uint64_t v) {
            std::snprintf(buf, sizeof buf, bare ? "%llu" : "%9llu", static_cast<unsigned long long>(v));
            if (!s.empty())
                s += ' ';
            s += buf;
        };
        if (lines)
            col(l);
        if (words)
            col(w);
        if (bytes)
            col(c);
        if (!name.empty())
            s += " " + name;
        text += s + "\n";
    };
    for (const std::string& name : names) {
        std::string data;
        if (name.empty() || name == "-") {
            data = readStdin();
        } else if (const fs::Error e = files().readFile(absolute(name), data); e != fs::Error::None) {
            err("wc: " + name + ": " + fs::message(e) + "\n");
            status = 1;
            continue;
        }
        uint64_t l = 0, w = 0;
        bool inWord = false;
        for (char c : data) {
            l += c == '\n';
            const bool space = std::isspace(static_cast<unsigned char>(c));
            if (!space && !inWord)
                ++w;
            inWord = !space;
        }
        tl += l;
        tw += w;
        tc += data.size();
        line(l, w, data.size(), name);
    }
    if (names.size() > 1)
        line(tl, tw, tc, "total");
    out(text);
    return status;
}

int Runner::apSeq(Argv& a)
{
    std::string sep = "\n";
    std::vector<std::string> nums;
    for (size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-s" && i + 1 < a.size())
            sep = a[++i];
        else if (a[i].rfind("-s", 0) == 0 && a[i].size() > 2)
            sep = a[i].substr(2);
        else if (a[i] == "-w")
            continue;
        else
            nums.push_back(a[i]);
    }
    if (nums.empty() || nums.size() > 3) {
        err(busyboxUsage("seq", "[-w] [-s SEP] [FIRST [INC]] LAST"));
        return 1;
    }
    double first = 1, inc = 1, last = 0;
    std::vector<double> v;
    for (const std::string& n : nums) {
        char* end = nullptr;
        v.push_back(std::strtod(n.c_str(), &end));
        if (end != n.c_str() + n.size()) {
            err("seq: invalid number '" + n + "'\n");
            return 1;
        }
    }
    if (v.size() == 1)
        last = v[0];
    else if (v.size() == 2) {
        first = v[0];
        last = v[1];
    } else {
        first = v[0];
        inc = v[1];
        last = v[2];
    }
    if (inc == 0)
        return 1;
    std::string text;
    int count = 0;
    for (double x = first; inc > 0 ? x <= last : x >= last; x += inc) {
        if (count++ > 0)
            text += sep;
        char buf[64];
        std::snprintf(buf, sizeof buf, "%g", x);
        text += buf;
        if (count > 1000000)
            break;
    }
    if (count > 0)
        text += "\n";
    out(text);
    return 0;
}

namespace {

// expr's grammar: | & (= > >= < <= !=) (+ -) (* / %) (:) and the functions length, substr, index, match.
class ExprEval {
public:
    explicit ExprEval(const std::vector<std::string>& t)
        : m_t(t)
    {
    }
    bool run(std::string& result, std::string& error)
    {
        result = orExpr();
        if (m_error.empty() && m_i < m_t.size())
            m_error = "syntax error";
        error = m_error;
        return m_error.empty();
    }

private:
    static bool toInt(const std::string& s, int64_t& v)
    {
        if (s.empty())
            return false;
        size_t i = s[0] == '-' ? 1 : 0;
        if (i == s.size())
            return false;
        for (; i < s.size(); ++i) {
            if (s[i] < '0' || s[i] > '9')
                return false;
        }
        v = std::stoll(s);
        return true;
    }
    static bool truthy(const std::string& s) { return !s.empty() && s != "0"; }
    bool at(const char* op) const { return m_i < m_t.size() && m_t[m_i] == op; }
    std::string orExpr()
    {
        std::string l = andExpr();
        while (at("|")) {
            ++m_i;
            const std::string r = andExpr();
            if (!truthy(l))
                l = truthy(r) ? r : "0";
        }
        return l;
    }
    std::string andExpr()
    {
        std::string l = cmpExpr();
        while (at("&")) {
            ++m_i;
            const std::string r = cmpExpr();
            l = truthy(l) && truthy(r) ? l : "0";
        }
        return l;
    }
    std::string cmpExpr()
    {
        std::string l = addExpr();
        for (const char* op : {"=", "==", "!=", "<", "<=", ">", ">="}) {
            if (!at(op))
                continue;
            ++m_i;
            const std::string r = addExpr();
            int64_t a = 0, b = 0;
            int c;
            if (toInt(l, a) && toInt(r, b))
                c = a < b ? -1 : a > b ? 1 : 0;
            else
                c = l < r ? -1 : l > r ? 1 : 0;
            const std::string o = op;
            const bool v = (o == "=" || o == "==") ? c == 0 : o == "!=" ? c != 0 : o == "<" ? c < 0 : o == "<=" ? c <= 0 : o == ">" ? c > 0 : c >= 0;
            return v ? "1" : "0";
        }
        return l;
    }
    std::string arith(const std::string& l, const std::string& op, const std::string& r)
    {
        int64_t a = 0, b = 0;
        if (!toInt(l, a) || !toInt(r, b)) {
            m_error = "non-numeric argument";
            return "0";
        }
        if ((op == "/" || op == "%") && b == 0) {
            m_error = "division by zero";
            return "0";
        }
        const int64_t v = op == "+" ? a + b : op == "-" ? a - b : op == "*" ? a * b : op == "/" ? a / b : a % b;
        return std::to_string(v);
    }
    std::string addExpr()
    {
        std::string l = mulExpr();
        while (at("+") || at("-")) {
            const std::string op = m_t[m_i++];
            l = arith(l, op, mulExpr());
        }
        return l;
    }
    std::string mulExpr()
    {
        std::string l = matchExpr();
        while (at("*") || at("/") || at("%")) {
            const std::string op = m_t[m_i++];
            l = arith(l, op, matchExpr());
        }
        return l;
    }
    std::string match(const std::string& s, const std::string& re)
    {
        try {
            std::smatch m;
            const std::string text = s;
            if (std::regex_search(text, m, std::regex("^(" + re + ")", std::regex::extended))) {
                std::smatch inner;
                std::regex withGroups("^" + re, std::regex::basic);
                if (std::regex_search(text, inner, withGroups) && inner.size() > 1)
                    return inner[1].str();
                return std::to_string(m[0].length());
            }
        } catch (const std::regex_error&) {
            m_error = "bad regex";
        }
        return "0";
    }
    std::string matchExpr()
    {
        std::string l = primary();
        while (at(":")) {
            ++m_i;
            l = match(l, primary());
        }
        return l;
    }
    std::string primary()
    {
        if (m_i >= m_t.size()) {
            m_error = "syntax error";
            return "";
        }
        const std::string& t = m_t[m_i];
        if (t == "(") {
            ++m_i;
            std::string v = orExpr();
            if (!at(")"))
                m_error = "syntax error";
            ++m_i;
            return v;
        }
        if (t == "length" && m_i + 1 < m_t.size()) {
            m_i += 2;
            return std::to_string(m_t[m_i - 1].size());
        }
        if (t == "match" && m_i + 2 < m_t.size()) {
            m_i += 3;
            return match(m_t[m_i - 2], m_t[m_i - 1]);
        }
        if (t == "substr" && m_i + 3 < m_t.size()) {
            const std::string& s = m_t[m_i + 1];
            int64_t pos = 0, len = 0;
            toInt(m_t[m_i + 2], pos);
            toInt(m_t[m_i + 3], len);
            m_i += 4;
            if (pos < 1 || len < 1 || size_t(pos) > s.size())
                return "";
            return s.substr(size_t(pos - 1), size_t(len));
        }
        if (t == "index" && m_i + 2 < m_t.size()) {
            const std::string& s = m_t[m_i + 1];
            const std::string& chars = m_t[m_i + 2];
            m_i += 3;
            const size_t p = s.find_first_of(chars);
            return p == std::string::npos ? "0" : std::to_string(p + 1);
        }
        ++m_i;
        return t;
    }

    const std::vector<std::string>& m_t;
    size_t m_i = 0;
    std::string m_error;
};

} // namespace

int Runner::apExpr(Argv& a)
{
    const std::vector<std::string> tokens(a.begin() + 1, a.end());
    if (tokens.empty()) {
        err("expr: syntax error\n");
        return 2;
    }
    ExprEval e(tokens);
    std::string result, error;
    if (!e.run(result, error)) {
        err("expr: " + error + "\n");
        return 2;
    }
    out(result + "\n");
    return result.empty() || result == "0" ? 1 : 0;
}

int Runner::apWget(Argv& a)
{
    bool quiet = false, spider = false, serverResponse = false;
    std::string output;
    std::string urlText;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string userAgent = "Wget"; // busybox's own, what a server's access log shows
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& w = a[i];
        if (w == "-q" || w == "--quiet")
            quiet = true;
        else if (w == "--spider")
            spider = true;
        else if (w == "-S" || w == "--server-response")
            serverResponse = true;
        else if ((w == "-O" || w == "--output-document") && i + 1 < a.size())
            output = a[++i];
        else if (w.rfind("-O", 0) == 0 && w.size() > 2)
            output = w.substr(2);
        else if ((w == "-U" || w == "--user-agent") && i + 1 < a.size())
            userAgent = a[++i];
        else if ((w == "-T" || w == "-Y" || w == "-t" || w == "-P") && i + 1 < a.size())
            ++i;
        else if (w == "--header" && i + 1 < a.size()) {
            const std::string& h = a[++i];
            const size_t colon = h.find(':');
            headers.emplace_back(h.substr(0, colon), colon == std::string::npos ? "" : h.substr(colon + 2));
        } else if (!w.empty() && w[0] != '-')
            urlText = w;
    }
    if (urlText.empty()) {
        err(busyboxUsage("wget", "[-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL..."));
        return 1;
    }
    const Url url = parseUrl(urlText);
    HttpRequest req;
    req.url = urlText;
    req.headers = headers;
    req.headers.insert(req.headers.begin(), {"User-Agent", userAgent});
    const HttpResponse r = m_host.httpRequest(req);
    std::string errText;
    const std::string hostPort = url.host + (url.explicitPort ? ":" + std::to_string(url.port) : "");
    const std::string address = r.address.empty() ? url.host : r.address;
    if (r.outcome == HttpResponse::Outcome::BadAddress)
        return pendingFinish(r.latency, 1, {}, "wget: bad address '" + url.host + "'\n");
    if (!quiet)
        errText += "Connecting to " + hostPort + " (" + address + ":" + std::to_string(url.port) + ")\n";
    switch (r.outcome) {
    case HttpResponse::Outcome::Refused:
        return pendingFinish(r.latency, 1, {}, errText + "wget: can't connect to remote host (" + address + "): Connection refused\n");
    case HttpResponse::Outcome::NoRoute:
        return pendingFinish(r.latency, 1, {}, errText + "wget: can't connect to remote host (" + address + "): No route to host\n");
    case HttpResponse::Outcome::TimedOut:
        return pendingFinish(r.latency, 1, {}, errText + "wget: download timed out\n");
    case HttpResponse::Outcome::BadAddress:
    case HttpResponse::Outcome::Ok:
        break;
    }
    if (serverResponse && !quiet) {
        errText += "  " + r.httpVersion + " " + std::to_string(r.status) + " " + r.reason + "\n";
        for (const auto& [k, v] : r.headers)
            errText += "  " + k + ": " + v + "\n";
        errText += "  \n";
    }
    if (r.status < 200 || r.status >= 300) {
        return pendingFinish(r.latency, 1, {},
                             errText + "wget: server returned error: " + r.httpVersion + " " + std::to_string(r.status)
                                 + " " + r.reason + "\n");
    }
    if (spider) {
        if (!quiet)
            errText += "remote file exists\n";
        return pendingFinish(r.latency, 0, {}, errText);
    }
    std::string outText;
    std::string target = output;
    if (target.empty()) {
        target = std::string(baseName(url.path));
        if (target.empty() || url.path.back() == '/' || target == "/")
            target = "index.html";
    }
    const bool toStdout = target == "-";
    if (!quiet)
        errText += toStdout ? "writing to stdout\n" : "saving to '" + target + "'\n";
    if (toStdout) {
        outText = r.body;
    } else {
        const fs::Error e = files().writeFile(absolute(target), r.body);
        if (e != fs::Error::None)
            return pendingFinish(r.latency, 1, {}, errText + "wget: can't open '" + target + "': " + fs::message(e) + "\n");
    }
    if (!quiet) {
        char line[160];
        const std::string shown = toStdout ? "-" : std::string(baseName(target));
        const size_t n = r.body.size();
        const std::string size = n < 100000 ? std::to_string(n) : std::to_string(n / 1024) + "k";
        std::snprintf(line, sizeof line, "%-20.20s%4u%% |%s| %5s  0:00:00 ETA\n", shown.c_str(), 100u,
                      "********************************", size.c_str());
        errText += line;
        errText += toStdout ? "written to stdout\n" : "'" + target + "' saved\n";
    }
    return pendingFinish(r.latency, 0, std::move(outText), std::move(errText));
}

int Runner::apCurl(Argv& a)
{
    bool silent = false, showError = false, fail = false, head = false, include = false;
    std::string output, writeOut, method = "GET", urlText;
    std::vector<std::pair<std::string, std::string>> headers;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& w = a[i];
        if (w == "-o" || w == "--output") {
            if (i + 1 < a.size())
                output = a[++i];
        } else if (w == "-w" || w == "--write-out") {
            if (i + 1 < a.size())
                writeOut = a[++i];
        } else if (w == "-X" || w == "--request") {
            if (i + 1 < a.size())
                method = a[++i];
        } else if (w == "-H" || w == "--header") {
            if (i + 1 < a.size()) {
                const std::string& h = a[++i];
                const size_t colon = h.find(':');
                headers.emplace_back(h.substr(0, colon), colon == std::string::npos ? "" : h.substr(colon + 2));
            }
        } else if (w == "-m" || w == "--max-time" || w == "--connect-timeout" || w == "-d" || w == "--data"
                   || w == "-A" || w == "-u") {
            ++i;
        } else if (w == "--silent") {
            silent = true;
        } else if (w == "--fail") {
            fail = true;
        } else if (w == "--head") {
            head = true;
        } else if (w == "--include") {
            include = true;
        } else if (w.size() > 1 && w[0] == '-' && w[1] != '-') {
            for (size_t k = 1; k < w.size(); ++k) {
                switch (w[k]) {
                case 's':
                    silent = true;
                    break;
                case 'S':
                    showError = true;
                    break;
                case 'f':
                    fail = true;
                    break;
                case 'I':
                    head = true;
                    break;
                case 'i':
                    include = true;
                    break;
                default:
                    break; // -L, -k, -v and the like change nothing here
                }
            }
        } else if (!w.empty() && w[0] != '-') {
            urlText = w;
        }
    }
    if (urlText.empty()) {
        err("curl: try 'curl --help' or 'curl --manual' for more information\n");
        return 2;
    }
    const Url url = parseUrl(urlText);
    HttpRequest req;
    req.method = head ? "HEAD" : method;
    req.url = urlText;
    req.headers = headers;
    const HttpResponse r = m_host.httpRequest(req);
    const bool errors = !silent || showError;
    auto failWith = [&](int code, const std::string& message) {
        return pendingFinish(r.latency, code, {}, errors ? "curl: (" + std::to_string(code) + ") " + message + "\n" : "");
    };
    switch (r.outcome) {
    case HttpResponse::Outcome::BadAddress:
        return failWith(6, "Could not resolve host: " + url.host);
    case HttpResponse::Outcome::Refused:
        return failWith(7, "Failed to connect to " + url.host + " port " + std::to_string(url.port)
                               + " after 0 ms: Couldn't connect to server");
    case HttpResponse::Outcome::NoRoute:
        return failWith(7, "Failed to connect to " + url.host + " port " + std::to_string(url.port)
                               + " after 0 ms: No route to host");
    case HttpResponse::Outcome::TimedOut:
        return failWith(28, "Connection timed out after " + std::to_string(r.latency) + " milliseconds");
    case HttpResponse::Outcome::Ok:
        break;
    }
    if (fail && r.status >= 400)
        return failWith(22, "The requested URL returned error: " + std::to_string(r.status));
    std::string text;
    if (head || include) {
        text += r.httpVersion + " " + std::to_string(r.status) + " " + r.reason + "\r\n";
        for (const auto& [k, v] : r.headers)
            text += k + ": " + v + "\r\n";
        text += "\r\n";
    }
    if (!head)
        text += r.body;
    if (!output.empty() && output != "-") {
        const fs::Error e = files().writeFile(absolute(output), text);
        if (e != fs::Error::None)
            return failWith(23, "Failure writing output to destination");
        text.clear();
    }
    if (!writeOut.empty()) {
        std::string w = writeOut;
        const size_t p = w.find("%{http_code}");
        if (p != std::string::npos)
            w.replace(p, 12, std::to_string(r.status));
        bool stop = false;
        (void)stop;
        size_t nl;
        while ((nl = w.find("\\n")) != std::string::npos)
            w.replace(nl, 2, "\n");
        text += w;
    }
    return pendingFinish(r.latency, 0, std::move(text), {});
}

int Runner::apNc(Argv& a)
{
    bool zero = false, verbose = false;
    std::vector<std::string> operands;
    for (size_t i = 1; i < a.size(); ++i) {
        const std::string& w = a[i];
        if (w == "-w" || w == "-i" || w == "-p") {
            ++i;
            continue;
        }
        if (w.size() > 1 && w[0] == '-') {
            zero |= w.find('z') != std::string::npos;
            verbose |= w.find('v') != std::string::npos;
            continue;
        }
        operands.push_back(w);
    }
    (void)zero;
    if (operands.size() < 2) {
        err(busyboxUsage("nc", "[OPTIONS] HOST PORT  - connect"));
        return 1;
    }
    int64_t port = 0;
    parseCount(operands[1], port);
    const ConnectResult r = m_host.tcpConnect(operands[0], int(port));
    const std::string address = r.address.empty() ? operands[0] : r.address;
    if (r.outcome == HttpResponse::Outcome::Ok) {
        return pendingFinish(r.latency, 0, {}, verbose ? operands[0] + " (" + address + ":" + operands[1] + ") open\n" : "");
    }
    std::string message;
    switch (r.outcome) {
    case HttpResponse::Outcome::BadAddress:
        message = "nc: bad address '" + operands[0] + "'\n";
        break;
    case HttpResponse::Outcome::TimedOut:
        message = "nc: timed out\n";
        break;
    default:
        message = verbose ? "nc: " + operands[0] + " (" + address + ":" + operands[1] + "): Connection refused\n" : "";
        break;
    }
    return pendingFinish(r.latency, 1, {}, message);
}

int Runner::apPs(Argv& a)
{
    (void)a;
    // busybox's default columns (pid,user,time,args); TIME is minutes:seconds of CPU.
    std::string text = "PID   USER     TIME  COMMAND\n";
    char buf[512];
    for (const ProcessInfo& p : m_host.processes()) {
        const long long seconds = p.cpuMillis / 1000;
        std::snprintf(buf, sizeof buf, "%5d %-8.8s %2lld:%02lld %s\n", p.pid, p.user.c_str(), seconds / 60, seconds % 60,
                      p.command.c_str());
        text += buf;
    }
    out(text);
    return 0;
}

int Runner::apWhich(Argv& a)
{
    int status = 0;
    std::string text;
    for (size_t i = 1; i < a.size(); ++i) {
        if (a[i] == "-a")
            continue;
        if (m_host.hasCommand(a[i]))
            text += (a[i].find('/') == std::string::npos ? "/bin/" : "") + a[i] + "\n";
        else
            status = 1;
    }
    out(text);
    return status;
}

int Runner::apKillall(Argv& a)
{
    int sig = kSigTerm;
    bool quiet = false;
    size_t i = 1;
    for (; i < a.size() && a[i].size() > 1 && a[i][0] == '-'; ++i) {
        const std::string& w = a[i];
        if (w == "-q") {
            quiet = true;
        } else if (w == "-s" && i + 1 < a.size()) {
            Argv k{"kill", "-l", a[++i]};
            sig = std::atoi(a[i].c_str());
            if (sig == 0 && a[i] != "0") {
                const std::string n = a[i];
                static const std::pair<const char*, int> names[] = {{"HUP", 1}, {"INT", 2}, {"QUIT", 3}, {"KILL", 9},
                                                                    {"USR1", 10}, {"USR2", 12}, {"TERM", 15}};
                for (const auto& [nm, num] : names) {
                    if (n == nm || n == std::string("SIG") + nm)
                        sig = num;
                }
            }
        } else {
            const std::string n = w.substr(1);
            if (std::all_of(n.begin(), n.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
                sig = std::atoi(n.c_str());
            } else {
                static const std::pair<const char*, int> names[] = {{"HUP", 1}, {"INT", 2}, {"QUIT", 3}, {"KILL", 9},
                                                                    {"USR1", 10}, {"USR2", 12}, {"TERM", 15}};
                for (const auto& [nm, num] : names) {
                    if (n == nm || n == std::string("SIG") + nm)
                        sig = num;
                }
            }
        }
    }
    int status = 0;
    for (; i < a.size(); ++i) {
        if (m_host.killAll(a[i], sig) == 0) {
            if (!quiet)
                err("killall: " + a[i] + ": no process killed\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apSort(Argv& a)
{
    const Options o = parseOptions(a, "rnu", "");
    std::string data;
    if (o.operands.empty()) {
        data = readStdin();
    } else {
        for (const std::string& n : o.operands) {
            if (const fs::Error e = files().appendContents(absolute(n), data); e != fs::Error::None) {
                err("sort: can't open '" + n + "': " + fs::message(e) + "\n");
                return 2;
            }
        }
    }
    std::vector<std::string> lines;
    for (std::string_view l : splitLines(data)) {
        std::string s(l);
        if (!s.empty() && s.back() == '\n')
            s.pop_back();
        lines.push_back(s);
    }
    if (o.has('n'))
        std::stable_sort(lines.begin(), lines.end(), [](const std::string& x, const std::string& y) {
            return std::strtod(x.c_str(), nullptr) < std::strtod(y.c_str(), nullptr);
        });
    else
        std::stable_sort(lines.begin(), lines.end());
    if (o.has('r'))
        std::reverse(lines.begin(), lines.end());
    if (o.has('u'))
        lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
    std::string text;
    for (const std::string& l : lines)
        text += l + "\n";
    out(text);
    return 0;
}

int Runner::apTr(Argv& a)
{
    const Options o = parseOptions(a, "ds", "");
    auto expandSet = [](const std::string& s) {
        std::string set;
        for (size_t i = 0; i < s.size(); ++i) {
            if (i + 2 < s.size() && s[i + 1] == '-') {
                for (int c = static_cast<unsigned char>(s[i]); c <= static_cast<unsigned char>(s[i + 2]); ++c)
                    set += char(c);
                i += 2;
            } else if (s[i] == '\\' && i + 1 < s.size()) {
                const char n = s[++i];
                set += n == 'n' ? '\n' : n == 't' ? '\t' : n;
            } else {
                set += s[i];
            }
        }
        return set;
    };
    if (o.operands.empty()) {
        err(busyboxUsage("tr", "[-cds] STRING1 [STRING2]"));
        return 1;
    }
    const std::string from = expandSet(o.operands[0]);
    const std::string to = o.operands.size() > 1 ? expandSet(o.operands[1]) : std::string();
    const std::string in = readStdin();
    std::string text;
    for (char c : in) {
        const size_t p = from.find(c);
        if (p == std::string::npos) {
            text += c;
        } else if (!o.has('d')) {
            const char r = to.empty() ? c : to[std::min(p, to.size() - 1)];
            if (o.has('s') && !text.empty() && text.back() == r)
                continue;
            text += r;
        }
    }
    out(text);
    return 0;
}

int Runner::apReadlink(Argv& a)
{
    const Options o = parseOptions(a, "fenqsv", "");
    int status = 0;
    for (const std::string& n : o.operands) {
        std::string target;
        const fs::Error e = o.has('f') ? files().realpath(absolute(n), target) : files().readlink(absolute(n), target);
        if (e != fs::Error::None) {
            status = 1;
            continue;
        }
        out(target + (o.has('n') ? "" : "\n"));
    }
    return status;
}

int Runner::apRealpath(Argv& a)
{
    int status = 0;
    for (size_t i = 1; i < a.size(); ++i) {
        std::string target;
        const fs::Error e = files().realpath(absolute(a[i]), target);
        if (e != fs::Error::None) {
            err("realpath: " + a[i] + ": " + fs::message(e) + "\n");
            status = 1;
            continue;
        }
        out(target + "\n");
    }
    return status;
}

int Runner::apChmod(Argv& a)
{
    const Options o = parseOptions(a, "Rvcf", "", false);
    if (o.operands.size() < 2) {
        err(busyboxUsage("chmod", "[-Rcvf] MODE[,MODE]... FILE..."));
        return 1;
    }
    const std::string& modeText = o.operands[0];
    int status = 0;
    for (size_t i = 1; i < o.operands.size(); ++i) {
        const std::string path = absolute(o.operands[i]);
        fs::Stat st;
        fs::Error e = files().stat(path, st);
        uint32_t mode = st.mode;
        if (e == fs::Error::None) {
            if (!modeText.empty() && std::isdigit(static_cast<unsigned char>(modeText[0]))) {
                mode = uint32_t(std::strtoul(modeText.c_str(), nullptr, 8));
            } else {
                // [ugoa]*[+-=][rwxst]*
                size_t k = 0;
                uint32_t who = 0;
                for (; k < modeText.size() && std::strchr("ugoa", modeText[k]); ++k)
                    who |= modeText[k] == 'u' ? 0700 : modeText[k] == 'g' ? 070 : modeText[k] == 'o' ? 07 : 0777;
                if (who == 0)
                    who = 0777;
                const char op = k < modeText.size() ? modeText[k++] : '+';
                uint32_t bits = 0;
                for (; k < modeText.size(); ++k)
                    bits |= modeText[k] == 'r' ? 0444 : modeText[k] == 'w' ? 0222 : modeText[k] == 'x' ? 0111 : 0;
                bits &= who;
                mode = op == '+' ? mode | bits : op == '-' ? mode & ~bits : (mode & ~who) | bits;
            }
            e = files().chmod(path, mode);
        }
        if (e != fs::Error::None) {
            err("chmod: " + o.operands[i] + ": " + fs::message(e) + "\n");
            status = 1;
        }
    }
    return status;
}

int Runner::apTee(Argv& a)
{
    const Options o = parseOptions(a, "ai", "");
    const std::string data = readStdin();
    int status = 0;
    for (const std::string& n : o.operands) {
        const fs::Error e = files().writeFile(absolute(n), data, o.has('a') ? fs::WriteMode::Append : fs::WriteMode::Truncate);
        if (e != fs::Error::None) {
            err("tee: " + n + ": " + fs::message(e) + "\n");
            status = 1;
        }
    }
    out(data);
    return status;
}

int Runner::apCut(Argv& a)
{
    const Options o = parseOptions(a, "s", "dfc");
    const std::string* d = o.value('d');
    const char delim = d && !d->empty() ? (*d)[0] : '\t';
    const std::string* fieldsText = o.value('f');
    const std::string* charsText = o.value('c');
    if (!fieldsText && !charsText) {
        err("cut: expected a list of bytes, characters, or fields\n");
        return 1;
    }
    std::vector<std::pair<int, int>> ranges;
    {
        const std::string& list = fieldsText ? *fieldsText : *charsText;
        size_t pos = 0;
        while (pos <= list.size()) {
            size_t end = list.find(',', pos);
            if (end == std::string::npos)
                end = list.size();
            const std::string part = list.substr(pos, end - pos);
            const size_t dash = part.find('-');
            if (dash == std::string::npos) {
                const int v = std::atoi(part.c_str());
                ranges.emplace_back(v, v);
            } else {
                const int lo = dash == 0 ? 1 : std::atoi(part.substr(0, dash).c_str());
                const int hi = dash + 1 == part.size() ? 1 << 30 : std::atoi(part.substr(dash + 1).c_str());
                ranges.emplace_back(lo, hi);
            }
            pos = end + 1;
        }
    }
    auto selected = [&](int i) {
        return std::any_of(ranges.begin(), ranges.end(), [&](const auto& r) { return i >= r.first && i <= r.second; });
    };
    std::string data;
    if (o.operands.empty())
        data = readStdin();
    for (const std::string& n : o.operands)
        files().appendContents(absolute(n), data);
    std::string text;
    for (std::string_view line : splitLines(data)) {
        if (!line.empty() && line.back() == '\n')
            line.remove_suffix(1);
        std::string result;
        if (charsText) {
            for (size_t i = 0; i < line.size(); ++i) {
                if (selected(int(i) + 1))
                    result += line[i];
            }
        } else {
            if (line.find(delim) == std::string_view::npos) {
                if (!o.has('s'))
                    text += std::string(line) + "\n";
                continue;
            }
            int field = 1;
            size_t pos = 0;
            bool first = true;
            while (pos <= line.size()) {
                size_t end = line.find(delim, pos);
                if (end == std::string_view::npos)
                    end = line.size();
                if (selected(field)) {
                    if (!first)
                        result += delim;
                    result.append(line.substr(pos, end - pos));
                    first = false;
                }
                ++field;
                pos = end + 1;
            }
        }
        text += result + "\n";
    }
    out(text);
    return 0;
}

int Runner::apNproc(Argv&)
{
    out("1\n");
    return 0;
}

} // namespace podlab::sim::shell
