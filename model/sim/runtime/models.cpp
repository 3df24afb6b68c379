// The catalogue's behaviour models: how each kind of program starts, reacts to signals and answers requests.

#include "engine.h"

#include "api/quantity.h"
#include "manifest/writer.h"
#include "sim/core/text.h"
#include "sim/fs/civiltime.h"
#include "sim/shell/scriptcache.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <optional>
#include <span>

namespace podlab::sim::runtime::detail {

namespace {

std::string joinArgs(const std::vector<std::string>& argv)
{
    std::string out;
    for (const std::string& a : argv)
        out += (out.empty() ? "" : " ") + a;
    return out;
}

// The value of option `flag` in `args`: "--flag value" or "--flag=value"; Go's flag package also takes one dash
// where the catalogue writes two and the other way round.
std::optional<std::string> flagValue(const std::vector<std::string>& args, const std::string& flag)
{
    if (flag.empty())
        return std::nullopt;
    std::vector<std::string> spellings{flag};
    if (flag.rfind("--", 0) == 0)
        spellings.push_back(flag.substr(1));
    else if (flag.rfind("-", 0) == 0)
        spellings.push_back("-" + flag);
    for (size_t i = 0; i < args.size(); ++i) {
        for (const std::string& f : spellings) {
            if (args[i] == f && i + 1 < args.size())
                return args[i + 1];
            if (args[i].size() > f.size() && args[i].compare(0, f.size(), f) == 0 && args[i][f.size()] == '=')
                return args[i].substr(f.size() + 1);
        }
    }
    return std::nullopt;
}

// stress's sizes: a number with an optional B, K, M or G (powers of 1024, either case).
int64_t stressBytes(std::string_view text)
{
    if (text.empty())
        return 0;
    int64_t unit = 1;
    switch (std::tolower(static_cast<unsigned char>(text.back()))) {
    case 'b': unit = 1; text.remove_suffix(1); break;
    case 'k': unit = int64_t(1) << 10; text.remove_suffix(1); break;
    case 'm': unit = int64_t(1) << 20; text.remove_suffix(1); break;
    case 'g': unit = int64_t(1) << 30; text.remove_suffix(1); break;
    default: break;
    }
    return toInt(text).value_or(0) * unit;
}

// stress's durations: seconds, or a number with s, m, h, d or y.
SimTime stressDuration(std::string_view text)
{
    if (text.empty())
        return 0;
    int64_t unit = 1000;
    switch (text.back()) {
    case 's': text.remove_suffix(1); break;
    case 'm': unit = 60000; text.remove_suffix(1); break;
    case 'h': unit = 3600000; text.remove_suffix(1); break;
    case 'd': unit = 86400000; text.remove_suffix(1); break;
    case 'y': unit = int64_t(31536000) * 1000; text.remove_suffix(1); break;
    default: break;
    }
    return toInt(text).value_or(0) * unit;
}

// A Go time.Duration literal ("1ms", "2s", "1m30s") in milliseconds, rounded up to 1 when positive.
SimTime goDurationValue(std::string_view text)
{
    double total = 0;
    size_t i = 0;
    while (i < text.size()) {
        size_t j = i;
        while (j < text.size() && (std::isdigit(static_cast<unsigned char>(text[j])) || text[j] == '.'))
            ++j;
        double value = 0;
        std::from_chars(text.data() + i, text.data() + j, value);
        size_t k = j;
        while (k < text.size() && std::isalpha(static_cast<unsigned char>(text[k])))
            ++k;
        const std::string_view unit = text.substr(j, k - j);
        const double scale = unit == "h" ? 3.6e6 : unit == "m" ? 6e4 : unit == "s" ? 1e3 : unit == "ms" ? 1 : unit == "us" || unit == "µs" ? 1e-3 : unit == "ns" ? 1e-6 : 1e3;
        total += value * scale;
        if (k == i)
            break;
        i = k;
    }
    return total > 0 && total < 1 ? 1 : SimTime(total);
}

// Redis's memory units: k = 1000, kb = 1024, m, mb, g, gb; a bare number is bytes.
std::string redisMemory(std::string_view value)
{
    const std::string v = lower(value);
    size_t i = 0;
    while (i < v.size() && std::isdigit(static_cast<unsigned char>(v[i])))
        ++i;
    const auto number = toInt(std::string_view(v).substr(0, i));
    if (!number)
        return std::string(value);
    const std::string unit = v.substr(i);
    int64_t scale = 1;
    if (unit == "k")
        scale = 1000;
    else if (unit == "kb")
        scale = 1024;
    else if (unit == "m")
        scale = 1000 * 1000;
    else if (unit == "mb")
        scale = 1024 * 1024;
    else if (unit == "g")
        scale = 1000 * 1000 * 1000;
    else if (unit == "gb")
        scale = int64_t(1024) * 1024 * 1024;
    else if (!unit.empty() && unit != "b")
        return std::string(value);
    return std::to_string(*number * scale);
}

bool isRedisMemorySetting(std::string_view key)
{
    return key == "maxmemory" || key == "proto-max-bulk-len" || key == "client-query-buffer-limit";
}

// What each model holds in memory besides what it allocates on purpose, when the catalogue does not say
// (PodLab's estimates of what `kubectl top` shows for these programs idling).
int64_t defaultResident(Program::Model model)
{
    constexpr int64_t MiB = 1 << 20;
    switch (model) {
    case Program::Model::Sleeper:
    case Program::Model::Printer:
        return MiB / 4;
    case Program::Model::Shell:
    case Program::Model::Utility:
        return MiB / 2;
    case Program::Model::HttpServer:
        return 3 * MiB / 2;
    case Program::Model::TcpServer:
        return 3 * MiB;
    case Program::Model::GrpcHealth:
        return 24 * MiB;
    case Program::Model::CpuBurner:
        return 3 * MiB / 2;
    default:
        return 5 * MiB;
    }
}
constexpr int64_t kChildResident = 1 << 20;

// Shell-style glob with * ? (Redis's CONFIG GET and KEYS patterns).
bool globMatch(std::string_view pattern, std::string_view text)
{
    size_t p = 0;
    size_t t = 0;
    size_t star = std::string_view::npos;
    size_t mark = 0;
    while (t < text.size()) {
        if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
            ++p;
            ++t;
        } else if (p < pattern.size() && pattern[p] == '*') {
            star = p++;
            mark = t;
        } else if (star != std::string_view::npos) {
            p = star + 1;
            t = ++mark;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*')
        ++p;
    return p == pattern.size();
}

std::string percentDecode(std::string_view s)
{
    std::string out;
    for (size_t i = 0; i < s.size(); ++i) {
        if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
            out += char(std::stoi(std::string(s.substr(i + 1, 2)), nullptr, 16));
            i += 2;
        } else if (s[i] == '+') {
            out += ' ';
        } else {
            out += s[i];
        }
    }
    return out;
}

struct Url {
    std::string uri;   // path?query
    std::string path;  // decoded? no: as sent
    std::string query;
};

Url parseUrl(std::string_view url)
{
    Url u;
    std::string_view rest = url;
    if (const size_t scheme = rest.find("://"); scheme != std::string_view::npos)
        rest.remove_prefix(scheme + 3);
    if (!rest.empty() && rest.front() != '/') {
        const size_t slash = rest.find('/');
        rest = slash == std::string_view::npos ? std::string_view() : rest.substr(slash);
    }
    u.uri = rest.empty() ? "/" : std::string(rest);
    const size_t q = u.uri.find('?');
    u.path = u.uri.substr(0, q);
    u.query = q == std::string::npos ? std::string() : u.uri.substr(q + 1);
    return u;
}

std::string queryValue(std::string_view query, std::string_view key)
{
    size_t i = 0;
    while (i <= query.size()) {
        size_t amp = query.find('&', i);
        if (amp == std::string_view::npos)
            amp = query.size();
        const std::string_view pair = query.substr(i, amp - i);
        const size_t eq = pair.find('=');
        if (percentDecode(pair.substr(0, eq)) == key)
            return eq == std::string_view::npos ? std::string() : percentDecode(pair.substr(eq + 1));
        i = amp + 1;
    }
    return {};
}

bool sameLetters(std::string_view a, std::string_view b)
{
    if (a.size() != b.size())
        return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i])))
            return false;
    return true;
}

std::string header(const shell::HttpRequest& r, std::string_view name)
{
    for (const auto& [k, v] : r.headers)
        if (sameLetters(k, name))
            return v;
    return {};
}

std::string reasonPhrase(int status)
{
    switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 204: return "No Content";
    case 301: return "Moved Permanently";
    case 302: return "Found";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "Status " + std::to_string(status);
    }
}

std::string mimeType(std::string_view path)
{
    const size_t dot = path.rfind('.');
    const std::string ext = dot == std::string_view::npos ? std::string() : lower(path.substr(dot + 1));
    if (ext == "html" || ext == "htm" || ext == "shtml")
        return "text/html";
    if (ext == "css")
        return "text/css";
    if (ext == "xml")
        return "text/xml";
    if (ext == "txt")
        return "text/plain";
    if (ext == "js")
        return "application/javascript";
    if (ext == "json")
        return "application/json";
    if (ext == "png")
        return "image/png";
    if (ext == "gif")
        return "image/gif";
    if (ext == "jpg" || ext == "jpeg")
        return "image/jpeg";
    if (ext == "svg" || ext == "svgz")
        return "image/svg+xml";
    if (ext == "ico")
        return "image/x-icon";
    if (ext == "pdf")
        return "application/pdf";
    return {};
}

// Go's http.DetectContentType for the texts PodLab's servers send.
std::string sniff(std::string_view body)
{
    size_t i = 0;
    while (i < body.size() && std::isspace(static_cast<unsigned char>(body[i])))
        ++i;
    const std::string head = lower(body.substr(i, 14));
    if (head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0 || head.rfind("<head", 0) == 0 ||
        head.rfind("<pre", 0) == 0 || head.rfind("<a ", 0) == 0 || head.rfind("<h1", 0) == 0 ||
        head.rfind("<body", 0) == 0 || head.rfind("<p", 0) == 0)
        return "text/html; charset=utf-8";
    return "text/plain; charset=utf-8";
}

// Go's Time.String() in UTC with the monotonic reading: "2026-01-01 00:00:12.5 +0000 UTC m=+12.500000001".
std::string goTimeString(int64_t epochMs, SimTime age)
{
    const fs::CivilTime c = fs::CivilTime::fromEpochMs(epochMs);
    char buf[96];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d %02d:%02d:%02d", c.year, c.month, c.day, c.hour, c.minute, c.second);
    std::string out = buf;
    if (c.millis) {
        std::snprintf(buf, sizeof buf, ".%03d", c.millis);
        std::string frac = buf;
        while (frac.back() == '0')
            frac.pop_back();
        out += frac;
    }
    std::snprintf(buf, sizeof buf, " +0000 UTC m=+%lld.%03lld000000", static_cast<long long>(age / 1000),
                  static_cast<long long>(age % 1000));
    return out + buf;
}

bool defaultIgnored(int signal)
{
    return signal == shell::kSigChld || signal == shell::kSigCont || signal == 28 /* WINCH */ || signal == 23 /* URG */;
}

} // namespace

bool Engine::implementsUtility(std::string_view command) { return command == "redis-cli"; }

void Engine::finishResponse(shell::HttpResponse& r, const Program& program, SimTime t, const std::string& contentType,
                            bool fileHeaders, int64_t mtimeMs, std::string_view method) const
{
    r.reason = reasonPhrase(r.status);
    r.headers.reserve(r.headers.size() + 8);
    if (!program.serverHeader.empty())
        r.headers.emplace_back("Server", program.serverHeader);
    r.headers.emplace_back("Date", httpDate(epochAt(t)));
    if (!contentType.empty())
        r.headers.emplace_back("Content-Type", contentType);
    r.headers.emplace_back("Content-Length", std::to_string(r.body.size()));
    if (fileHeaders) {
        r.headers.emplace_back("Last-Modified", httpDate(mtimeMs));
        if (!program.serverHeader.empty()) {
            char etag[64];
            std::snprintf(etag, sizeof etag, "\"%llx-%zx\"", static_cast<unsigned long long>(mtimeMs / 1000),
                          r.body.size());
            r.headers.emplace_back("ETag", etag);
        }
        r.headers.emplace_back("Accept-Ranges", "bytes");
    }
    if (program.model == Program::Model::HttpServer && !program.serverHeader.empty())
        r.headers.emplace_back("Connection", "keep-alive");
    if (method == "HEAD")
        r.body.clear();
}

// ---- starting programs ---------------------------------------------------------------------------------------------

Launch Engine::startProgram(const Resolved& r, std::vector<std::string> argv, int pid, const Sink& sink, SimTime t,
                            const Identity& identity, int depth)
{
    const Program& program = *r.program;
    Launch l;
    // The process as placeholders see it, for programs that end at once; made when a line is written (most
    // starts write none: an exec probe's redis-cli, a shell).
    std::optional<Process> scratchProcess;
    auto scratch = [&]() -> Process& {
        if (!scratchProcess) {
            scratchProcess.emplace();
            scratchProcess->pid = pid;
            scratchProcess->startedAt = t;
            ModelRun m;
            m.program = r.program;
            m.argv = argv;
            scratchProcess->run = std::move(m);
        }
        return *scratchProcess;
    };

    // Fixed answers to particular command lines (nginx -v, nginx -s quit).
    const std::span<const std::string> args = std::span<const std::string>(argv).subspan(1);
    for (const Invocation& inv : program.invocations) {
        if (!std::equal(inv.args.begin(), inv.args.end(), args.begin(), args.end()))
            continue;
        writeLines(sink, scratch(), t, inv.log);
        l.kind = Launch::Kind::Finished;
        l.exitCode = inv.exitCode;
        if (inv.signal != 0) {
            int target = 0;
            for (const Process& p : m_s.processes)
                if (p.pid != pid && !target && p.title.rfind(inv.signalTarget, 0) == 0)
                    target = p.pid;
            if (target)
                deliver(target, inv.signal, t);
            else
                l.exitCode = 1; // nothing to signal (nginx: no master process, no pid file)
        }
        return l;
    }

    switch (program.model) {
    case Program::Model::ExecWrapper: {
        // The image's entrypoint script: rewrite the arguments rule by rule, say what it does, then exec them.
        std::vector<std::string> next(args.begin(), args.end());
        Identity who = identity;
        size_t lines = 0;
        for (const WrapperRule& rule : program.rules) {
            bool match = rule.condition == WrapperRule::Condition::Always;
            if (!next.empty() && !rule.values.empty()) {
                const std::string& first = next.front();
                const std::string& v = rule.values.front();
                switch (rule.condition) {
                case WrapperRule::Condition::Always:
                    break;
                case WrapperRule::Condition::FirstArgIs:
                    match = std::find(rule.values.begin(), rule.values.end(), first) != rule.values.end();
                    break;
                case WrapperRule::Condition::FirstArgStartsWith:
                    match = first.rfind(v, 0) == 0;
                    break;
                case WrapperRule::Condition::FirstArgEndsWith:
                    match = first.size() >= v.size() && first.compare(first.size() - v.size(), v.size(), v) == 0;
                    break;
                }
            }
            if (!match)
                continue;
            next.insert(next.begin(), rule.prepend.begin(), rule.prepend.end());
            writeLines(sink, scratch(), t, rule.log);
            lines += rule.log.size();
            if (!rule.user.empty() && who.uid == 0) {
                std::string home;
                resolveUser(rule.user, who.uid, who.gid, who.user, home);
            }
        }
        // The scripts an entrypoint runs (find, sort, sed, its .d/ scripts) use up process ids before the
        // program it execs starts its workers: roughly three per line it logs.
        m_s.nextPid += int(3 * lines);
        if (next.empty()) {
            l.kind = Launch::Kind::Finished;
            return l;
        }
        Launch run = launch(next, pid, sink, t, who, depth + 1);
        if (run.kind != Launch::Kind::NotFound)
            return run;
        // `exec "$@"` fails the way the script's shell reports a missing command.
        const ImageContent* image = m_s.config.imageContent().get();
        const Program* sh = image ? image->shell() : nullptr;
        std::string message = sh && !sh->commandNotFound.empty() ? sh->commandNotFound : "{argv0}: {command}: not found";
        int line = 1;
        if (const FileEntry* script = image ? image->file(r.path) : nullptr) {
            // The line of the script's `exec` command, which is where the shell reports it.
            int n = 0;
            size_t i = 0;
            while (i < script->content.size()) {
                ++n;
                size_t end = script->content.find('\n', i);
                if (end == std::string::npos)
                    end = script->content.size();
                const size_t start = script->content.find_first_not_of(" \t", i);
                if (start < end && script->content.compare(start, 5, "exec ") == 0) {
                    line = n;
                    break;
                }
                i = end + 1;
            }
        }
        const std::vector<std::pair<std::string_view, std::string>> values{
            {"argv0", r.path}, {"line", std::to_string(line)}, {"command", "exec: " + next.front()}};
        std::string text;
        for (size_t i = 0; i < message.size(); ++i) {
            bool replaced = false;
            for (const auto& [name, value] : values) {
                if (message.compare(i, name.size() + 2, "{" + std::string(name) + "}") == 0) {
                    text += value;
                    i += name.size() + 1;
                    replaced = true;
                    break;
                }
            }
            if (!replaced)
                text += message[i];
        }
        write(sink, t, true, text + "\n");
        l.kind = Launch::Kind::Finished;
        l.exitCode = 127;
        return l;
    }
    case Program::Model::Shell:
    case Program::Model::Utility: {
        if (program.model == Program::Model::Utility && implementsUtility(program.command))
            return redisCli(argv, pid, sink, t);
        shell::ProcessOptions options;
        options.pid = pid;
        options.uid = identity.uid;
        options.gid = identity.gid;
        options.cwd = m_s.cwd;
        options.stdinData = m_stdin;
        Process p;
        p.pid = pid;
        p.uid = identity.uid;
        p.gid = identity.gid;
        p.user = identity.user;
        p.title = joinArgs(argv);
        p.comm = baseName(argv[0]);
        p.startedAt = t;
        p.access = m_access;
        p.run = ShellRun{shell::ShellProcess::fromArgv(argv, m_s.env.variables(), options, m_env.scripts()), {}, t};
        // `sh` with no script, as PID 1 of a container whose stdin stays open (stdin: true, kubectl run -i):
        // it waits for what is typed. Without stdin it reads end of file and exits at once.
        const bool interactive =
            program.model == Program::Model::Shell &&
            std::all_of(argv.begin() + 1, argv.end(), [](const std::string& a) {
                return a.size() > 1 && a[0] == '-' && a.find('c') == std::string::npos;
            });
        p.readsTerminal = interactive && pid == 1 && m_s.config.stdinOpen;
        l.kind = Launch::Kind::Shell;
        l.process = std::move(p);
        return l;
    }
    case Program::Model::Agnhost: {
        const Program* sub = argv.size() > 1 ? program.subcommand(argv[1]) : nullptr;
        if (!sub) {
            ModelRun& m = *scratch().model();
            m.arguments["subcommand"] = argv.size() > 1 ? argv[1] : std::string();
            writeLines(sink, scratch(), t, program.usage);
            l.kind = Launch::Kind::Finished;
            l.exitCode = 1;
            return l;
        }
        return startModel(std::shared_ptr<const Program>(r.program, sub), std::move(argv), 2, pid, sink, t, identity);
    }
    default:
        return startModel(r.program, std::move(argv), 1, pid, sink, t, identity);
    }
}

Launch Engine::startModel(std::shared_ptr<const Program> programPtr, std::vector<std::string> argv, size_t firstArg,
                          int pid, const Sink& sink, SimTime t, const Identity& identity)
{
    const Program& program = *programPtr;
    Launch l;
    Process p;
    p.pid = pid;
    p.startedAt = t;
    p.comm = baseName(argv[0]);
    p.title = program.processTitle.empty() ? joinArgs(argv) : program.processTitle;
    p.uid = identity.uid;
    p.gid = identity.gid;
    p.user = identity.user;
    if (!program.user.empty()) {
        std::string home;
        resolveUser(program.user, p.uid, p.gid, p.user, home);
    }

    ModelRun m;
    m.program = programPtr;
    m.argv = argv;
    const std::vector<std::string> args(argv.begin() + long(std::min(firstArg, argv.size())), argv.end());
    if (firstArg == 2)
        m.arguments["subcommand"] = argv[1];
    for (const auto& [role, spec] : program.arguments)
        m.arguments[role] = flagValue(args, spec.flag).value_or(spec.defaultValue);
    for (const Listener& listener : program.listeners) {
        int port = listener.port;
        if (const auto v = flagValue(args, listener.flag))
            port = int(toInt(*v).value_or(port));
        if (!listener.env.empty())
            if (const std::string v = envValue(listener.env); !v.empty())
                port = int(toInt(v).value_or(port));
        m.listens.push_back(Listen{port, listener.protocol == Listener::Protocol::UDP});
    }
    m.readyAt = t + program.startupMillis;
    m.residentBytes = program.overheadBytes > 0 ? program.overheadBytes : defaultResident(program.model);
    for (const ChildProcess& spec : program.children) {
        const int count = spec.count > 0 ? spec.count : m_s.nodeCpus;
        std::string user = p.user;
        uint32_t uid = p.uid;
        if (!spec.user.empty()) {
            uint32_t gid = 0;
            std::string home;
            resolveUser(spec.user, uid, gid, user, home);
        }
        for (int i = 0; i < count; ++i)
            p.children.push_back(Child{allocatePid(), spec.title, user, p.comm, uid});
    }

    bool finished = false;
    int finishCode = 0;
    switch (program.model) {
    case Program::Model::Printer:
        finished = true;
        finishCode = program.exitCode.value_or(0);
        break;
    case Program::Model::HttpServer: {
        m.documentRoot = program.documentRoot;
        if (!program.configFile.empty()) {
            // The listen ports and document root a configuration gives (nginx's listen/root, Apache's
            // Listen/DocumentRoot), following include globs; a mounted configuration changes them.
            fs::ContainerFiles files = view(Access::Read, 0, 0, t);
            std::vector<std::string> texts;
            std::string main;
            if (files.readFile(program.configFile, main) == fs::Error::None)
                texts.push_back(main);
            std::vector<int> ports;
            std::string root;
            for (size_t k = 0; k < texts.size() && k < 64; ++k) {
                const std::string text = texts[k];
                size_t i = 0;
                while (i < text.size()) {
                    size_t end = text.find('\n', i);
                    if (end == std::string::npos)
                        end = text.size();
                    std::string line = text.substr(i, end - i);
                    i = end + 1;
                    if (const size_t hash = line.find('#'); hash != std::string::npos)
                        line.erase(hash);
                    std::vector<std::string> words;
                    size_t w = 0;
                    while (w < line.size()) {
                        while (w < line.size() && (std::isspace(static_cast<unsigned char>(line[w])) || line[w] == ';' || line[w] == '{' || line[w] == '}'))
                            ++w;
                        const size_t start = w;
                        while (w < line.size() && !std::isspace(static_cast<unsigned char>(line[w])) && line[w] != ';')
                            ++w;
                        if (w > start)
                            words.push_back(line.substr(start, w - start));
                    }
                    if (words.size() < 2)
                        continue;
                    const std::string key = lower(words[0]);
                    std::string value = words[1];
                    if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                        value = value.substr(1, value.size() - 2);
                    if (key == "listen") {
                        const size_t colon = value.rfind(':');
                        if (const auto port = toInt(colon == std::string::npos ? value : value.substr(colon + 1)))
                            if (std::find(ports.begin(), ports.end(), int(*port)) == ports.end())
                                ports.push_back(int(*port));
                    } else if ((key == "root" || key == "documentroot") && root.empty()) {
                        root = value;
                    } else if (key == "include" || key == "includeoptional") {
                        const size_t star = value.find('*');
                        if (star == std::string::npos) {
                            std::string more;
                            if (files.readFile(value, more) == fs::Error::None)
                                texts.push_back(more);
                            continue;
                        }
                        const std::string dir = parentDirectory(value.substr(0, star) + "x");
                        const std::string suffix = value.substr(star + 1);
                        std::vector<fs::DirEntry> entries;
                        if (files.list(dir, entries) != fs::Error::None)
                            continue;
                        for (const fs::DirEntry& e : entries) {
                            if (e.name.size() < suffix.size() ||
                                e.name.compare(e.name.size() - suffix.size(), suffix.size(), suffix) != 0)
                                continue;
                            std::string more;
                            if (files.readFile(dir + "/" + e.name, more) == fs::Error::None)
                                texts.push_back(more);
                        }
                    }
                }
            }
            if (!ports.empty()) {
                m.listens.clear();
                for (int port : ports)
                    m.listens.push_back(Listen{port, false});
            }
            if (!root.empty())
                m.documentRoot = root;
        }
        break;
    }
    case Program::Model::TcpServer: {
        m.settings = program.settings;
        // A configuration file named on the command line is read now, and only now.
        std::string configPath;
        size_t next = 0;
        if (!program.configArgSuffix.empty()) {
            for (size_t i = 0; i < args.size(); ++i) {
                const std::string& a = args[i];
                if (a.size() >= program.configArgSuffix.size() &&
                    a.compare(a.size() - program.configArgSuffix.size(), program.configArgSuffix.size(),
                              program.configArgSuffix) == 0 &&
                    a.rfind("--", 0) != 0) {
                    configPath = a;
                    next = i + 1;
                    break;
                }
            }
        }
        if (!configPath.empty()) {
            std::string text;
            const Access access = touchesInjected(configPath, m_s.cwd) ? Access::Write : Access::Read;
            const fs::Error e = view(access, p.uid, p.gid, t).readFile(configPath, text);
            if (e != fs::Error::None) {
                write(sink, t, true, "Fatal error, can't open config file '" + configPath + "': " + fs::message(e) + "\n");
                l.kind = Launch::Kind::Finished;
                l.exitCode = 1;
                return l;
            }
            m.configFile = true;
            size_t i = 0;
            while (i < text.size()) {
                size_t end = text.find('\n', i);
                if (end == std::string::npos)
                    end = text.size();
                std::string line = text.substr(i, end - i);
                i = end + 1;
                while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
                    line.pop_back();
                size_t s = 0;
                while (s < line.size() && std::isspace(static_cast<unsigned char>(line[s])))
                    ++s;
                if (s == line.size() || line[s] == '#')
                    continue;
                const size_t sp = line.find_first_of(" \t", s);
                const std::string key = lower(line.substr(s, sp == std::string::npos ? std::string::npos : sp - s));
                std::string value = sp == std::string::npos ? std::string() : line.substr(line.find_first_not_of(" \t", sp));
                if (value.size() >= 2 && value.front() == '"' && value.back() == '"')
                    value = value.substr(1, value.size() - 2);
                m.settingsForWriting()[key] = isRedisMemorySetting(key) ? redisMemory(value) : value;
            }
        }
        // `--name value` options after it override the file (redis-server --maxmemory 2mb).
        for (size_t i = next; i < args.size(); ++i) {
            if (args[i].rfind("--", 0) != 0 || args[i].size() <= 2)
                continue;
            const std::string key = args[i].substr(2);
            std::string value;
            while (i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0)
                value += (value.empty() ? "" : " ") + args[++i];
            m.settingsForWriting()[key] = isRedisMemorySetting(key) ? redisMemory(value) : value;
        }
        if (const auto it = m.settingsView().find("port"); it != m.settingsView().end() && !m.listens.empty())
            m.listens.front().port = int(toInt(it->second).value_or(m.listens.front().port));
        break;
    }
    case Program::Model::GrpcHealth:
        m.settings = program.services;
        break;
    case Program::Model::MemoryHog: {
        const auto count = [&](const char* role) { return toInt(m.arguments[role]).value_or(0); };
        m.allocBytes = count("workers") * stressBytes(m.arguments["bytes"]);
        m.rampMillis = program.rampMillis;
        m.cpuWorkers = int(count("cpu"));
        if (const SimTime timeout = stressDuration(m.arguments["timeout"]); timeout > 0)
            m.endAt = t + timeout;
        if (count("workers") + count("cpu") + count("io") + count("hdd") == 0) {
            finished = true; // nothing to run: stress ends at once
            finishCode = 0;
        }
        break;
    }
    case Program::Model::CpuBurner: {
        m.cpuWorkers = int(toInt(m.arguments["cpus"]).value_or(0));
        if (const auto q = api::Quantity::parse(m.arguments["memTotal"]))
            m.allocBytes = q->value();
        if (m.allocBytes > 0) {
            const auto chunk = api::Quantity::parse(m.arguments["memAllocSize"]);
            const int64_t chunkBytes = chunk && chunk->value() > 0 ? chunk->value() : 4096;
            const SimTime pause = std::max<SimTime>(1, goDurationValue(m.arguments["memAllocSleep"]));
            m.rampMillis = (m.allocBytes + chunkBytes - 1) / chunkBytes * pause;
        }
        break;
    }
    default:
        break;
    }
    if (program.startupMillis == 0 && !finished)
        m.listening = true;
    p.run = std::move(m);
    writeLines(sink, p, t, program.log);
    if (finished) {
        l.kind = Launch::Kind::Finished;
        l.exitCode = finishCode;
        return l;
    }
    l.kind = Launch::Kind::Model;
    l.process = std::move(p);
    return l;
}

// ---- signals ------------------------------------------------------------------------------------------------------

void Engine::modelSignal(int pid, int signal, SimTime t)
{
    Process* p = find(pid);
    if (!p || !p->model())
        return;
    if (signal == shell::kSigKill) {
        exitProcess(pid, 128 + signal, signal, t);
        return;
    }
    const Program& program = *p->model()->program;
    const auto it = program.onSignal.find(signal);
    if (it == program.onSignal.end()) {
        // No handler: PID 1 of a container ignores what it does not handle; anything else dies of it.
        if (pid != 1 && !defaultIgnored(signal))
            exitProcess(pid, 128 + signal, signal, t);
        return;
    }
    const SignalAction& action = it->second;
    if (action.kind == SignalAction::Kind::Reload)
        for (Child& c : p->children)
            c.pid = allocatePid(); // new workers replace the old ones
    writeLines(Sink{}, *p, t, action.log, nullptr, signal);
    ModelRun& m = *p->model();
    switch (action.kind) {
    case SignalAction::Kind::Ignore:
    case SignalAction::Kind::Reload:
    case SignalAction::Kind::ReopenLogs:
        return;
    case SignalAction::Kind::GracefulExit:
        m.listening = false;
        m.stopped = true;
        [[fallthrough]];
    case SignalAction::Kind::Exit:
        if (action.delayMillis <= 0) {
            exitProcess(pid, action.exitCode, 0, t);
            return;
        }
        if (!m.exiting || t + action.delayMillis < m.exitAt) {
            m.exiting = true;
            m.exitAt = t + action.delayMillis;
            m.exitCode = action.exitCode;
            m.exitSignal = 0;
        }
        return;
    }
}

// ---- memory and CPU -------------------------------------------------------------------------------------------------

int64_t memoryOf(const ContainerState& s, SimTime t)
{
    if (!s.started || s.termination)
        return 0;
    int64_t total = 0;
    for (const Process& p : s.processes) {
        if (const ModelRun* m = p.model()) {
            total += m->residentBytes;
            if (m->allocBytes > 0) {
                const SimTime age = t - p.startedAt;
                if (m->rampMillis <= 0 || age >= m->rampMillis)
                    total += m->allocBytes;
                else if (age > 0)
                    total += int64_t(double(m->allocBytes) * double(age) / double(m->rampMillis));
            }
        } else {
            total += defaultResident(Program::Model::Shell);
        }
        total += int64_t(p.children.size()) * kChildResident;
    }
    return total;
}

int64_t cpuOf(const ContainerState& s, SimTime t)
{
    (void)t;
    if (!s.started || s.termination)
        return 0;
    int64_t millis = 0;
    for (const Process& p : s.processes) {
        if (const ModelRun* m = p.model())
            millis += int64_t(m->cpuWorkers) * 1000;
        else if (const ShellRun* r = p.shell(); r && r->last.kind == shell::StepResult::Kind::Busy)
            millis += 1000;
    }
    // The CFS quota throttles the container to its limit; without one it can have the whole node.
    int64_t cap = int64_t(std::max(1, s.nodeCpus)) * 1000;
    if (s.config.cpuLimitMillis > 0)
        cap = std::min(cap, s.config.cpuLimitMillis);
    return std::min(millis, cap);
}

SimTime oomTimeOf(const ContainerState& m_s, SimTime from)
{
    const int64_t limit = m_s.config.memoryLimitBytes;
    if (limit <= 0 || !m_s.started || m_s.termination)
        return shell::kForever;
    auto memoryAt = [&](SimTime t) { return memoryOf(m_s, t); };
    if (memoryAt(from) > limit)
        return from;
    SimTime rampEnd = from;
    for (const Process& p : m_s.processes)
        if (const ModelRun* m = p.model(); m && m->allocBytes > 0)
            rampEnd = std::max(rampEnd, p.startedAt + m->rampMillis);
    if (rampEnd <= from || memoryAt(rampEnd) <= limit)
        return shell::kForever;
    // Memory only grows until the ramps end: the first millisecond over the limit.
    SimTime lo = from;
    SimTime hi = rampEnd;
    while (hi - lo > 1) {
        const SimTime mid = lo + (hi - lo) / 2;
        if (memoryAt(mid) > limit)
            hi = mid;
        else
            lo = mid;
    }
    return hi;
}

// ---- serving ------------------------------------------------------------------------------------------------------

std::optional<shell::HttpResponse> Engine::serveHttp(int port, const shell::HttpRequest& request)
{
    advance(m_now);
    if (!running())
        return std::nullopt;
    for (const Process& p : m_s.processes) {
        const ModelRun* m = p.model();
        if (!m || !m->listening)
            continue;
        for (const Listen& l : m->listens)
            if (!l.udp && l.port == port)
                return answer(p.pid, request);
    }
    return std::nullopt;
}

std::string grpcHealthOf(const ContainerState& m_s, int port, const std::string& service)
{
    for (const Process& p : m_s.processes) {
        const ModelRun* m = p.model();
        if (!m || !m->listening)
            continue;
        for (const Listen& l : m->listens) {
            if (l.udp || l.port != port)
                continue;
            if (m->program->model != Program::Model::GrpcHealth || (l.port != m->listens.front().port))
                return {};
            const auto it = m->settingsView().find(service);
            return it == m->settingsView().end() ? std::string("SERVICE_UNKNOWN") : it->second;
        }
    }
    return {};
}

std::optional<shell::HttpResponse> Engine::answer(int pid, const shell::HttpRequest& request)
{
    Process* p = find(pid);
    ModelRun* m = p ? p->model() : nullptr;
    if (!m)
        return std::nullopt;
    const std::shared_ptr<const Program> programPtr = m->program;
    const Program& program = *programPtr;
    if (program.model == Program::Model::HttpServer)
        if (std::optional<shell::HttpResponse> again = answerAgain(pid, request))
            return again;
    const SimTime t = m_now;
    const Url url = parseUrl(request.url);
    const std::string peer = m_env.peerAddress();

    RequestFields rf;
    rf.method = request.method.empty() ? "GET" : request.method;
    rf.path = url.path;
    rf.uri = url.uri;
    rf.request = rf.method + " " + url.uri + " HTTP/1.1";
    rf.remoteAddr = peer;
    rf.referer = header(request, "Referer");
    if (rf.referer.empty())
        rf.referer = "-";
    rf.userAgent = header(request, "User-Agent");
    if (rf.userAgent.empty())
        rf.userAgent = "-";

    shell::HttpResponse r;
    r.outcome = shell::HttpResponse::Outcome::Ok;
    r.address = m_env.podIP();
    std::string contentType;
    bool fileHeaders = false;
    int64_t mtimeMs = 0;
    bool dropConnection = false;
    int exitCode = 0;
    // A file served as it is, and where it lies: the answer can be kept (servedfiles.cpp).
    bool fromFile = false;
    fs::ContainerFiles::Location servedAt;
    bool servedNamesInjected = false;

    PlaceholderContext ctx = placeholders(*p, t, program.timeFormat);
    const std::string hostname = m_env.hostname();
    const std::string podIP = m_env.podIP();
    ctx.hostname = hostname;
    ctx.podIP = podIP;

    auto errorBody = [&](int status) -> std::string {
        if (const auto it = program.errorPages.find(status); it != program.errorPages.end())
            return it->second;
        if (const auto it = program.errorPages.find(404); it != program.errorPages.end()) {
            std::string body = it->second;
            const std::string from = "404 Not Found";
            const std::string to = std::to_string(status) + " " + reasonPhrase(status);
            for (size_t at = body.find(from); at != std::string::npos; at = body.find(from, at + to.size()))
                body.replace(at, from.size(), to);
            if (body != it->second)
                return body;
        }
        return std::to_string(status) + " " + lower(reasonPhrase(status)) + "\n";
    };

    switch (program.model) {
    case Program::Model::HttpServer: {
        const bool goServer = program.serverHeader.empty();
        const std::string decoded = percentDecode(url.path);
        // Lexically inside the document root: ".." cannot leave it.
        std::string rel = normalize(decoded, "/");
        if (rel == "/")
            rel.clear();
        const std::string root = m->documentRoot.empty() ? std::string("/") : m->documentRoot;
        const std::string full = rel.empty() ? root : (root == "/" ? rel : root + rel);
        // Workers read as their user (nginx, www-data): a file only root may read is forbidden.
        uint32_t uid = p->uid;
        uint32_t gid = p->gid;
        if (!p->children.empty()) {
            std::string name;
            std::string home;
            resolveUser(p->children.front().user, uid, gid, name, home);
        }
        const Access access = touchesInjected(full, "/") ? Access::Write : Access::Read;
        servedNamesInjected = namesInjected(full, "/");
        const fs::ContainerFiles files = view(access, uid, gid, t);
        fs::Stat st;
        const fs::Error e = files.stat(full, st);
        std::string served;
        if (e == fs::Error::Access) {
            r.status = 403;
        } else if (e != fs::Error::None) {
            r.status = 404;
        } else if (st.isDirectory()) {
            if (url.path.empty() || url.path.back() != '/') {
                r.status = 301;
                if (goServer) {
                    r.headers.emplace_back("Location", std::string(baseName(url.path)) + "/");
                    r.body = "<a href=\"" + std::string(baseName(url.path)) + "/\">Moved Permanently</a>.\n\n";
                    contentType = "text/html; charset=utf-8";
                } else {
                    std::string host = header(request, "Host");
                    if (host.empty())
                        host = podIP;
                    r.headers.emplace_back("Location", "http://" + host + url.path + "/");
                }
            } else {
                for (const std::string& index : program.indexFiles) {
                    fs::Stat ist;
                    const std::string candidate = (full == "/" ? "" : full) + "/" + index;
                    if (files.stat(candidate, ist) == fs::Error::None && ist.isRegular()) {
                        served = candidate;
                        st = ist;
                        break;
                    }
                }
                if (served.empty() && goServer) {
                    fs::Stat ist;
                    const std::string candidate = (full == "/" ? "" : full) + "/index.html";
                    if (files.stat(candidate, ist) == fs::Error::None && ist.isRegular()) {
                        served = candidate;
                        st = ist;
                    }
                }
                if (served.empty()) {
                    if (program.autoIndex) {
                        std::vector<fs::DirEntry> entries;
                        files.list(full, entries);
                        r.body = "<pre>\n";
                        for (const fs::DirEntry& entry : entries) {
                            const std::string name = entry.name + (entry.type == fs::FileType::Directory ? "/" : "");
                            r.body += "<a href=\"" + name + "\">" + name + "</a>\n";
                        }
                        r.body += "</pre>\n";
                        r.status = 200;
                        contentType = "text/html; charset=utf-8";
                        fileHeaders = true;
                        mtimeMs = st.mtimeMs;
                    } else {
                        r.status = 403;
                    }
                }
            }
        } else {
            served = full;
        }
        if (!served.empty()) {
            const fs::Error re = files.readFile(served, r.body);
            if (re == fs::Error::None) {
                r.status = 200;
                fromFile = files.locate(served, servedAt) == fs::Error::None;
                fileHeaders = true;
                mtimeMs = st.mtimeMs;
                contentType = mimeType(served);
                if (goServer)
                    contentType = contentType.empty() ? sniff(r.body)
                                  : contentType.rfind("text/", 0) == 0 ? contentType + "; charset=utf-8"
                                                                     : contentType;
                else if (contentType.empty())
                    contentType = "application/octet-stream";
            } else {
                r.status = re == fs::Error::Access ? 403 : 404;
            }
        }
        if (r.status >= 400) {
            r.body = errorBody(r.status);
            contentType = goServer ? "text/plain; charset=utf-8" : "text/html";
            fileHeaders = false;
        } else if (r.status == 301 && !goServer) {
            r.body = errorBody(301);
            contentType = "text/html";
        }
        break;
    }
    case Program::Model::ScriptedHttp:
    case Program::Model::GrpcHealth: {
        // Go's ServeMux: the longest matching pattern; an exact one wins over a subtree of the same length.
        const Route* best = nullptr;
        for (const Route& route : program.routes) {
            const bool match = route.match == Route::Match::Exact ? url.path == route.path
                                                                  : url.path.rfind(route.path, 0) == 0;
            if (!match)
                continue;
            if (!best || route.path.size() > best->path.size() ||
                (route.path.size() == best->path.size() && route.match == Route::Match::Exact))
                best = &route;
        }
        if (!best) {
            const ResponsePhase& nf = program.notFoundResponse;
            const bool fallback = nf.body.empty() && nf.status == 200;
            r.status = fallback ? 404 : nf.status;
            r.body = fallback ? std::string("404 page not found\n") : expandText(nf.body, ctx);
            contentType = nf.contentType.empty() ? std::string("text/plain; charset=utf-8") : nf.contentType;
            break;
        }
        r.status = 200;
        switch (best->handler) {
        case Route::Handler::Static: {
            const ResponsePhase* phase = nullptr;
            for (const ResponsePhase& ph : best->phases) {
                if (!ph.untilMillis || ctx.age <= *ph.untilMillis) {
                    phase = &ph;
                    break;
                }
            }
            if (phase) {
                r.status = phase->status;
                r.body = expandText(phase->body, ctx);
                contentType = phase->contentType;
            }
            // agnhost grpc-health-checking: these two turn the health service's answer around.
            if (program.model == Program::Model::GrpcHealth && best->path == "/make-serving")
                m->settingsForWriting()[""] = "SERVING";
            if (program.model == Program::Model::GrpcHealth && best->path == "/make-not-serving")
                m->settingsForWriting()[""] = "NOT_SERVING";
            break;
        }
        case Route::Handler::Hostname:
            r.body = hostname;
            break;
        case Route::Handler::Echo:
            r.body = queryValue(url.query, best->param);
            break;
        case Route::Handler::ClientIp:
            r.body = peer + ":" + std::to_string(40000 + m->requests % 20000);
            break;
        case Route::Handler::Header:
            r.body = header(request, queryValue(url.query, best->param));
            break;
        case Route::Handler::Now:
            r.body = "NOW: " + goTimeString(epochAt(t), ctx.age);
            break;
        case Route::Handler::Exit: {
            const std::string code = queryValue(url.query, best->param);
            const auto n = toInt(code);
            if (n || code.empty()) {
                dropConnection = true; // os.Exit: the connection closes without an answer
                exitCode = int(n.value_or(0));
            } else {
                r.body = "argument 'code' must be an integer [0-127] or empty, got \"" + code + "\"";
            }
            break;
        }
        case Route::Handler::Shell: {
            const std::string cmd = queryValue(url.query, best->param);
            const ExecResult er = exec({"/bin/sh", "-c", cmd}, 60 * kSecond, {});
            std::string json = "{";
            if (er.exitCode != 0 || !er.started)
                json += "\"error\":" + manifest::jsonQuoted(er.started ? "exit status " + std::to_string(er.exitCode) : er.error);
            const std::string output = er.out + er.err;
            if (!output.empty())
                json += std::string(json.size() > 1 ? "," : "") + "\"output\":" + manifest::jsonQuoted(output);
            r.body = json + "}";
            p = find(pid);
            m = p ? p->model() : nullptr;
            if (!m)
                return std::nullopt;
            break;
        }
        }
        if (contentType.empty() && !r.body.empty())
            contentType = sniff(r.body);
        break;
    }
    case Program::Model::TcpServer:
        if (program.protocol != "http-proxy")
            return std::nullopt; // not HTTP: PodLab cannot show the empty reply a client gets
        r.status = 500;
        r.body = "This is a proxy server. Does not respond to non-proxy requests.\n";
        contentType = "text/plain; charset=utf-8";
        r.headers.emplace_back("X-Content-Type-Options", "nosniff");
        break;
    default:
        return std::nullopt;
    }

    finishResponse(r, program, t, contentType, fileHeaders, mtimeMs, rf.method);

    rf.status = r.status;
    rf.bodyBytes = int64_t(r.body.size());
    std::shared_ptr<const TimedLine> logged;
    if (program.accessLog)
        writeLines(Sink{}, *p, t, {*program.accessLog}, &rf, 0,
                   program.accessLogTimeFormat.empty() ? program.timeFormat : program.accessLogTimeFormat, &logged);
    if (program.model == Program::Model::HttpServer && fromFile && r.status == 200) {
        ServedFile kept;
        kept.pid = pid;
        kept.method = request.method;
        kept.url = request.url;
        kept.referer = header(request, "Referer");
        kept.userAgent = header(request, "User-Agent");
        kept.peer = peer;
        kept.namesInjected = servedNamesInjected;
        kept.body = servedAt;
        kept.mtimeMs = mtimeMs;
        kept.contentType = contentType;
        kept.accessLine = logged;
        kept.accessToStderr = program.accessLog && program.accessLog->stream == LogLine::Stream::Stderr;
        rememberServed(std::move(kept), program, *m);
    }
    if ((p = find(pid)) && p->model())
        ++p->model()->requests;
    if (dropConnection) {
        exitProcess(pid, exitCode, 0, t);
        return std::nullopt;
    }
    return r;
}

// ---- redis-cli ------------------------------------------------------------------------------------------------------

namespace {

struct Reply {
    enum class Kind : uint8_t { Status, Error, Integer, Bulk, Nil, Array };
    Kind kind = Kind::Status;
    std::string text;
    std::vector<Reply> items;
};

Reply status(std::string s) { return Reply{Reply::Kind::Status, std::move(s), {}}; }
Reply error(std::string s) { return Reply{Reply::Kind::Error, std::move(s), {}}; }
Reply integer(int64_t n) { return Reply{Reply::Kind::Integer, std::to_string(n), {}}; }
Reply bulk(std::string s) { return Reply{Reply::Kind::Bulk, std::move(s), {}}; }

// Splits a line typed at redis-cli into words, with double and single quotes.
std::vector<std::string> splitCommand(std::string_view line)
{
    std::vector<std::string> words;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i])))
            ++i;
        if (i == line.size())
            break;
        std::string word;
        if (line[i] == '"' || line[i] == '\'') {
            const char q = line[i++];
            while (i < line.size() && line[i] != q)
                word += line[i++];
            ++i;
        } else {
            while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i])))
                word += line[i++];
        }
        words.push_back(word);
    }
    return words;
}

Reply execute(ModelRun& server, std::span<const std::string> words)
{
    const std::string cmd = lower(words[0]);
    const size_t n = words.size();
    auto arity = [&]() { return error("ERR wrong number of arguments for '" + cmd + "' command"); };
    if (cmd == "ping")
        return n == 1 ? status("PONG") : n == 2 ? bulk(words[1]) : arity();
    if (cmd == "echo")
        return n == 2 ? bulk(words[1]) : arity();
    if (cmd == "config") {
        const std::string sub = n > 1 ? lower(words[1]) : std::string();
        if (sub == "get" && n >= 3) {
            Reply a{Reply::Kind::Array, {}, {}};
            for (const auto& [key, value] : server.settingsView()) {
                bool match = false;
                for (size_t i = 2; i < n; ++i)
                    match = match || globMatch(lower(words[i]), key);
                if (match) {
                    a.items.push_back(bulk(key));
                    a.items.push_back(bulk(value));
                }
            }
            return a;
        }
        if (sub == "set" && n >= 4 && n % 2 == 0) {
            for (size_t i = 2; i + 1 < n; i += 2) {
                const std::string key = lower(words[i]);
                server.settingsForWriting()[key] = isRedisMemorySetting(key) ? redisMemory(words[i + 1]) : words[i + 1];
            }
            return status("OK");
        }
        return error("ERR unknown subcommand or wrong number of arguments for '" + (n > 1 ? words[1] : std::string()) +
                     "'. Try CONFIG HELP.");
    }
    if (cmd == "set")
        return n >= 3 ? (server.data[words[1]] = words[2], status("OK")) : arity();
    if (cmd == "get") {
        if (n != 2)
            return arity();
        const auto it = server.data.find(words[1]);
        return it == server.data.end() ? Reply{Reply::Kind::Nil, {}, {}} : bulk(it->second);
    }
    if (cmd == "del" || cmd == "exists") {
        if (n < 2)
            return arity();
        int64_t count = 0;
        for (size_t i = 1; i < n; ++i)
            count += cmd == "del" ? int64_t(server.data.erase(words[i])) : int64_t(server.data.count(words[i]));
        return integer(count);
    }
    if (cmd == "incr" || cmd == "decr") {
        if (n != 2)
            return arity();
        const std::string current = server.data.count(words[1]) ? server.data[words[1]] : "0";
        const auto v = toInt(current);
        if (!v)
            return error("ERR value is not an integer or out of range");
        const int64_t next = *v + (cmd == "incr" ? 1 : -1);
        server.data[words[1]] = std::to_string(next);
        return integer(next);
    }
    if (cmd == "keys") {
        if (n != 2)
            return arity();
        Reply a{Reply::Kind::Array, {}, {}};
        for (const auto& [key, value] : server.data)
            if (globMatch(words[1], key))
                a.items.push_back(bulk(key));
        return a;
    }
    if (cmd == "dbsize")
        return integer(int64_t(server.data.size()));
    if (cmd == "flushall" || cmd == "flushdb") {
        server.data.clear();
        return status("OK");
    }
    std::string args;
    for (size_t i = 1; i < n; ++i)
        args += "'" + words[i] + "' ";
    return error("ERR unknown command '" + words[0] + "', with args beginning with: " + args);
}

// redis-cli's output: as on a terminal (1) "maxmemory") or raw, as when its output goes to a pipe.
std::string format(const Reply& r, bool tty, const std::string& indent = {})
{
    switch (r.kind) {
    case Reply::Kind::Status:
        return r.text + "\n";
    case Reply::Kind::Error:
        return (tty ? "(error) " : "") + r.text + "\n";
    case Reply::Kind::Integer:
        return (tty ? "(integer) " : "") + r.text + "\n";
    case Reply::Kind::Bulk:
        return tty ? "\"" + r.text + "\"\n" : r.text + "\n";
    case Reply::Kind::Nil:
        return tty ? "(nil)\n" : "\n";
    case Reply::Kind::Array: {
        if (r.items.empty())
            return tty ? "(empty array)\n" : "";
        std::string out;
        for (size_t i = 0; i < r.items.size(); ++i) {
            if (!tty) {
                out += format(r.items[i], false);
                continue;
            }
            const std::string number = std::to_string(i + 1) + ") ";
            out += (i == 0 ? "" : indent) + number + format(r.items[i], true, indent + std::string(number.size(), ' '));
        }
        return out;
    }
    }
    return {};
}

} // namespace

Launch Engine::redisCli(const std::vector<std::string>& argv, int pid, const Sink& sink, SimTime t)
{
    (void)pid;
    Launch l;
    l.kind = Launch::Kind::Finished;
    std::string_view host = "127.0.0.1";
    int port = 6379;
    bool raw = false;
    bool noRaw = false;
    size_t i = 1;
    while (i < argv.size() && argv[i].size() > 1 && argv[i][0] == '-') {
        const std::string& a = argv[i];
        if ((a == "-h" || a == "-p" || a == "-a" || a == "-n" || a == "-u") && i + 1 < argv.size()) {
            if (a == "-h")
                host = argv[i + 1];
            else if (a == "-p")
                port = int(toInt(argv[i + 1]).value_or(6379));
            i += 2;
            continue;
        }
        raw = raw || a == "--raw";
        noRaw = noRaw || a == "--no-raw";
        ++i;
    }
    // One command from the arguments, or the lines typed on standard input.
    const bool interactive = i >= argv.size();
    std::vector<std::vector<std::string>> typed;
    if (interactive) {
        size_t s = 0;
        while (s < m_stdin.size()) {
            size_t end = m_stdin.find('\n', s);
            if (end == std::string::npos)
                end = m_stdin.size();
            std::vector<std::string> words = splitCommand(std::string_view(m_stdin).substr(s, end - s));
            if (!words.empty())
                typed.push_back(std::move(words));
            s = end + 1;
        }
    }
    const size_t count = interactive ? typed.size() : 1;
    auto command = [&](size_t n) {
        return interactive ? std::span<const std::string>(typed[n]) : std::span<const std::string>(argv).subspan(i);
    };
    // Without a terminal flag PodLab assumes what the documentation does: commands typed into
    // `kubectl exec -it … -- redis-cli` get the terminal's format, one-shot commands the raw one.
    const bool tty = noRaw || (interactive && !raw);

    const bool local = host == "127.0.0.1" || host == "localhost" || host == "::1" || host == m_env.podIP() ||
                       host == m_env.hostname();
    int serverPid = 0;
    if (local) {
        for (const Process& p : m_s.processes) {
            const ModelRun* m = p.model();
            if (m && m->listening && m->program->protocol == "redis")
                for (const Listen& listen : m->listens)
                    if (!listen.udp && listen.port == port)
                        serverPid = p.pid;
        }
    }
    if (!serverPid) {
        const shell::ConnectResult c = m_env.tcp(host, port);
        if (c.outcome != shell::HttpResponse::Outcome::Ok) {
            const std::string why = c.outcome == shell::HttpResponse::Outcome::BadAddress
                                        ? "Name or service not known"
                                        : c.outcome == shell::HttpResponse::Outcome::TimedOut ? "Connection timed out"
                                                                                              : "Connection refused";
            write(sink, t, true,
                  "Could not connect to Redis at " + std::string(host) + ":" + std::to_string(port) + ": " + why + "\n");
            l.exitCode = 1;
            return l;
        }
    }
    // PING of the server in this container reads nothing and changes nothing: asked again, it answers alike.
    m_pureClient = serverPid && !interactive && count == 1 && command(0).size() == 1 && lower(command(0)[0]) == "ping";
    std::string out;
    for (size_t n = 0; n < count; ++n) {
        const std::span<const std::string> words = command(n);
        if (lower(words[0]) == "quit" || lower(words[0]) == "exit")
            break;
        Reply reply;
        if (Process* server = serverPid ? find(serverPid) : nullptr) {
            reply = execute(*server->model(), words);
        } else if (lower(words[0]) == "ping") {
            reply = status("PONG");
        } else {
            // PodLab simplifies: it answers for a Redis in this container only.
            reply = error("ERR PodLab answers only PING for a Redis in another pod");
        }
        out += format(reply, tty);
        if (!interactive && reply.kind == Reply::Kind::Error)
            l.exitCode = 1;
    }
    write(sink, t, false, out);
    return l;
}

} // namespace podlab::sim::runtime::detail
