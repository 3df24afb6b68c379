#include "engine.h"

#include "imagefiles.h"
#include "sharedlines.h"

#include "sim/core/text.h"
#include "sim/shell/scriptcache.h"

#include <QCryptographicHash>

#include <algorithm>
#include <array>
#include <charconv>

namespace podlab::sim::runtime::detail {

namespace {

// containerd's PATH when neither the image nor the Pod sets one (oci.WithDefaultPathEnv).
constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
// A loop that never sleeps gets the shell's instruction budget once per simulated second: it burns a CPU
// (cpuMillicores) without costing the simulation a run per millisecond.
constexpr SimTime kBusySliceMillis = 1000;
// An exec with no timeout of its own ends as the kubelet's idle stream does (streamingConnectionIdleTimeout, 4 h).
constexpr SimTime kMaxExecMillis = 4 * kHour;
constexpr int kMaxExecChain = 8; // wrappers exec'ing wrappers, #! interpreters


void setEnv(shell::Environment& env, std::string key, std::string value)
{
    for (auto& [k, v] : env) {
        if (k == key) {
            v = std::move(value);
            return;
        }
    }
    env.emplace_back(std::move(key), std::move(value));
}

// Replaces each {name} of a runtime message template.
std::string fillMessage(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values)
{
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        if (text[i] == '{') {
            const size_t close = text.find('}', i);
            if (close != std::string_view::npos) {
                const std::string_view name = text.substr(i + 1, close - i - 1);
                const auto it = std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
                if (it != values.end()) {
                    out += it->second;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += text[i++];
    }
    return out;
}

std::string sha256Hex(std::string_view text)
{
    return QCryptographicHash::hash(QByteArray(text.data(), qsizetype(text.size())), QCryptographicHash::Sha256)
        .toHex()
        .toStdString();
}

// The processes and files of a container as a shell process sees them, for one ShellProcess::run call.
class ContainerHost final : public shell::ShellHost {
public:
    ContainerHost(Engine& engine, int pid, Sink sink, SimTime t, Access access, uint32_t uid, uint32_t gid)
        : m_e(engine)
        , m_pid(pid)
        , m_sink(sink)
        , m_t(t)
        , m_access(access)
        , m_uid(uid)
        , m_gid(gid)
    {
    }

    fs::ContainerFiles& files() override
    {
        if (!m_view)
            m_view.emplace(m_e.view(m_access, m_uid, m_gid, m_t));
        return *m_view;
    }
    void writeOut(std::string_view text) override { m_e.write(m_sink, m_t, false, text); }
    void writeErr(std::string_view text) override { m_e.write(m_sink, m_t, true, text); }
    std::string hostname() const override { return m_e.env().hostname(); }
    int64_t epochMs(SimTime now) const override { return m_e.epochAt(now); }
    bool hasCommand(std::string_view name) const override { return m_e.resolve(name, m_t).found(); }
    shell::ProgramResult runProgram(const std::vector<std::string>& argv) override
    {
        return m_e.runProgram(argv, m_pid, m_t);
    }
    shell::HttpResponse httpRequest(const shell::HttpRequest& request) override { return m_e.env().http(request); }
    shell::ConnectResult tcpConnect(std::string_view host, int port) override { return m_e.env().tcp(host, port); }
    bool kill(int pid, int signal) override { return m_e.kill(pid, signal, m_t); }
    int killAll(std::string_view name, int signal) override { return m_e.killAll(name, signal, m_t); }
    std::vector<shell::ProcessInfo> processes() const override { return m_e.processList(); }

private:
    Engine& m_e;
    int m_pid;
    Sink m_sink;
    SimTime m_t;
    Access m_access;
    uint32_t m_uid;
    uint32_t m_gid;
    std::optional<fs::ContainerFiles> m_view;
};

} // namespace

std::string normalize(std::string_view path, std::string_view cwd)
{
    std::string full = path.empty() || path.front() != '/' ? std::string(cwd) + "/" + std::string(path)
                                                          : std::string(path);
    std::vector<std::string> parts;
    size_t i = 0;
    while (i < full.size()) {
        while (i < full.size() && full[i] == '/')
            ++i;
        const size_t start = i;
        while (i < full.size() && full[i] != '/')
            ++i;
        const std::string part = full.substr(start, i - start);
        if (part.empty() || part == ".")
            continue;
        if (part == "..") {
            if (!parts.empty())
                parts.pop_back();
            continue;
        }
        parts.push_back(part);
    }
    std::string out;
    for (const std::string& p : parts)
        out += "/" + p;
    return out.empty() ? std::string("/") : out;
}

bool ContainerState::operator==(const ContainerState& o) const
{
    auto sameFs = [](const auto& a, const auto& b) { return a == b || (a && b && *a == *b); };
    const ContainerConfig& c = config;
    const ContainerConfig& d = o.config;
    const bool sameConfig = c.id == d.id && c.name == d.name && c.image == d.image &&
                            c.command == d.command && c.args == d.args && c.env == d.env &&
                            c.workingDir == d.workingDir && c.memoryLimitBytes == d.memoryLimitBytes &&
                            c.cpuLimitMillis == d.cpuLimitMillis && c.injectedFiles == d.injectedFiles &&
                            sameFs(c.injectedPaths, d.injectedPaths) &&
                            c.tty == d.tty && c.stdinOpen == d.stdinOpen;
    return sameConfig && sameFs(base, o.base) && sameFs(own, o.own) && started == o.started &&
           startedAt == o.startedAt && termination == o.termination && clock == o.clock && env == o.env &&
           uid == o.uid && gid == o.gid && user == o.user && home == o.home && cwd == o.cwd &&
           nodeCpus == o.nodeCpus && processes == o.processes && nextPid == o.nextPid && execs == o.execs &&
           oomKilled == o.oomKilled && log == o.log;
}

Engine::Engine(ContainerState& state, ContainerEnvironment& env)
    : m_s(state)
    , m_env(env)
    , m_now(env.now())
    , m_epochBase(env.epochMs() - env.now())
    , m_shortcuts(env.shortcuts())
{
}

// ---- identity, environment, files ----------------------------------------------------------------------------

void Engine::resolveUser(std::string_view spec, uint32_t& uid, uint32_t& gid, std::string& name,
                         std::string& home) const
{
    uid = 0;
    gid = 0;
    home = "/";
    static const std::vector<PasswdEntry> kNoUsers;
    const ImageContent* image = m_s.config.imageContent().get();
    const std::vector<PasswdEntry>& passwd = image ? image->users() : kNoUsers;
    const size_t colon = spec.find(':');
    const std::string_view userPart = spec.substr(0, colon);
    const std::string_view groupPart = colon == std::string_view::npos ? std::string_view() : spec.substr(colon + 1);
    const PasswdEntry* entry = nullptr;
    if (const auto n = toInt(userPart)) {
        uid = uint32_t(*n);
        for (const PasswdEntry& e : passwd)
            if (e.uid == uid && !entry)
                entry = &e;
        if (entry)
            gid = entry->gid;
    } else if (!userPart.empty()) {
        for (const PasswdEntry& e : passwd)
            if (e.name == userPart && !entry)
                entry = &e;
        if (entry) {
            uid = entry->uid;
            gid = entry->gid;
        }
    } else {
        for (const PasswdEntry& e : passwd)
            if (e.uid == 0 && !entry)
                entry = &e;
    }
    if (const auto g = toInt(groupPart))
        gid = uint32_t(*g);
    if (entry)
        home = entry->home;
    // A name the image's passwd lacks keeps its spelling (PodLab does not fail the start as gosu would).
    name = entry ? entry->name : !userPart.empty() && !toInt(userPart) ? std::string(userPart) : std::to_string(uid);
}

std::vector<shell::ProcessInfo> Engine::processList() const
{
    std::vector<shell::ProcessInfo> list = m_env.processNamespace(processListOf(m_s));
    // ps names users from the /etc/passwd it reads: this container's (nginx's workers are "101" to busybox).
    for (shell::ProcessInfo& p : list)
        if (p.foreign)
            p.user = userName(p.uid);
    return list;
}

std::string Engine::userName(uint32_t uid) const
{
    uint32_t u = 0;
    uint32_t g = 0;
    std::string name;
    std::string home;
    resolveUser(std::to_string(uid), u, g, name, home);
    return name;
}

std::string Engine::envValue(std::string_view key) const
{
    return m_s.env.value(key);
}

fs::FileSystem& Engine::writableRoot()
{
    if (!m_s.own) {
        m_s.own = std::make_shared<fs::FileSystem>(m_s.base ? *m_s.base : fs::FileSystem());
        m_s.own->setClock(epochAt(m_s.startedAt));
        auto inject = [this](const std::vector<std::pair<std::string, std::string>>& files) {
            for (const auto& [path, content] : files) {
                m_s.own->mkdirs(parentDirectory(path));
                m_s.own->writeFile(path, content);
            }
        };
        inject(m_s.config.injectedFiles);
        if (m_s.config.injectedPaths && !m_s.config.injectedPaths->empty())
            inject(m_env.injectedFiles());
    } else if (m_s.own.use_count() > 1) {
        m_s.own = std::make_shared<fs::FileSystem>(*m_s.own);
    }
    return *m_s.own;
}

fs::ContainerFiles Engine::view(Access access, uint32_t uid, uint32_t gid, SimTime t)
{
    return view(access, uid, gid, t, m_env.mounts());
}

fs::ContainerFiles Engine::view(Access access, uint32_t uid, uint32_t gid, SimTime t, std::vector<fs::Mount> mounts)
{
    const fs::Caller caller{uid, gid, epochAt(t)};
    if (access == Access::Write) {
        fs::ContainerFiles v(writableRoot(), std::move(mounts), caller);
        v.setCwd(m_s.cwd);
        return v;
    }
    if (!m_s.base && !m_s.own)
        m_s.base = std::make_shared<const fs::FileSystem>();
    // Reading only: the root is mounted read-only, so that the shared image files (or a copy another
    // Container value still shares) can never be written through this view.
    const fs::FileSystem& root = m_s.own ? *m_s.own : *m_s.base;
    fs::ContainerFiles v(const_cast<fs::FileSystem&>(root), std::move(mounts), caller, fs::MountMode::ReadOnly);
    v.setCwd(m_s.cwd);
    return v;
}

bool Engine::touchesInjected(std::string_view path, std::string_view cwd) const
{
    if (m_s.own)
        return false;
    return namesInjected(path, cwd);
}

bool Engine::namesInjected(std::string_view path, std::string_view cwd) const
{
    const std::vector<std::string>* paths = m_s.config.injectedPaths.get();
    if (m_s.config.injectedFiles.empty() && (!paths || paths->empty()))
        return false;
    if (path.find_first_of("*?[") != std::string_view::npos)
        return true;
    const std::string norm = normalize(path, cwd);
    auto names = [&norm](const std::string& injected) {
        if (norm == injected || norm == parentDirectory(injected))
            return true;
        return norm.size() > injected.size() && norm.compare(0, injected.size(), injected) == 0 &&
               norm[injected.size()] == '/';
    };
    return std::any_of(m_s.config.injectedFiles.begin(), m_s.config.injectedFiles.end(),
                       [&](const auto& file) { return names(file.first); }) ||
           (paths && std::any_of(paths->begin(), paths->end(), names));
}

Resolved Engine::resolve(std::string_view name, SimTime t)
{
    if (name.empty())
        return Resolved{};
    if (!m_shortcuts || (!m_s.base && !m_s.own))
        return lookUp(name, t, nullptr);
    std::vector<fs::Mount> mounts = m_env.mounts();
    m_s.commands.validate(m_s.own ? *m_s.own : *m_s.base, mounts);
    if (const Resolved* known = m_s.commands.find(name))
        return *known;
    bool readContents = false;
    Resolved found = lookUp(name, t, &readContents, std::move(mounts));
    m_s.commands.remember(name, found, readContents);
    return found;
}

Resolved Engine::lookUp(std::string_view name, SimTime t, bool* readContents,
                        std::optional<std::vector<fs::Mount>> mounts)
{
    Resolved r;
    const ImageContent* image = m_s.config.imageContent().get();
    std::optional<fs::ContainerFiles> files;
    auto check = [&](const std::string& candidate) -> std::optional<Resolved> {
        if (image) {
            if (const Program* p = image->program(candidate)) {
                Resolved found;
                found.kind = Resolved::Kind::Program;
                found.path = candidate;
                found.program = std::shared_ptr<const Program>(m_s.config.imageContent(), p);
                return found;
            }
        }
        if (!files) {
            files.emplace(mounts ? view(Access::Read, m_s.uid, m_s.gid, t, std::move(*mounts))
                                 : view(Access::Read, m_s.uid, m_s.gid, t));
            mounts.reset();
        }
        fs::Stat st;
        if (files->stat(candidate, st) != fs::Error::None || st.isDirectory())
            return std::nullopt;
        Resolved found;
        found.path = candidate;
        if ((st.mode & 0111) == 0) {
            found.kind = Resolved::Kind::PermissionDenied;
            return found;
        }
        std::string content;
        files->readFile(candidate, content);
        if (readContents)
            *readContents = true;
        if (content.rfind("#!", 0) != 0) {
            found.kind = Resolved::Kind::NotExecutable;
            return found;
        }
        const std::string line = content.substr(2, content.find('\n') == std::string::npos ? std::string::npos
                                                                                            : content.find('\n') - 2);
        size_t i = 0;
        while (i < line.size()) {
            while (i < line.size() && (line[i] == ' ' || line[i] == '\t'))
                ++i;
            const size_t start = i;
            while (i < line.size() && line[i] != ' ' && line[i] != '\t')
                ++i;
            if (i > start)
                found.interpreter.push_back(line.substr(start, i - start));
        }
        found.kind = found.interpreter.empty() ? Resolved::Kind::NotExecutable : Resolved::Kind::Script;
        return found;
    };

    if (name.find('/') != std::string_view::npos) {
        const std::string candidate = name.front() == '/' ? std::string(name) : normalize(name, m_s.cwd);
        if (auto found = check(candidate)) {
            found->path = std::string(name);
            return *found;
        }
        r.kind = Resolved::Kind::NoSuchFile;
        r.path = std::string(name);
        return r;
    }
    std::string path = envValue("PATH");
    if (path.empty())
        path = std::string(kDefaultPath);
    size_t start = 0;
    while (start <= path.size()) {
        const size_t colon = path.find(':', start);
        std::string dir = path.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
        if (dir.empty())
            dir = ".";
        const std::string candidate = (dir == "/" ? "" : dir) + "/" + std::string(name);
        // Go's exec.LookPath, as runc uses it, passes over files it may not execute.
        if (auto found = check(candidate[0] == '/' ? candidate : normalize(candidate, m_s.cwd));
            found && found->found()) {
            found->path = candidate;
            return *found;
        }
        if (colon == std::string::npos)
            break;
        start = colon + 1;
    }
    r.kind = Resolved::Kind::NotFound;
    r.path = std::string(name);
    return r;
}

// ---- logs and placeholders -------------------------------------------------------------------------------------

void Engine::write(const Sink& sink, SimTime t, bool toStderr, std::string_view text)
{
    if (text.empty())
        return;
    if (!sink.toLog()) {
        (toStderr ? sink.err : sink.out)->append(text);
        return;
    }
    m_s.log.write(t, toStderr, text);
}

PlaceholderContext Engine::placeholders(const Process& p, SimTime t, std::string_view timeFormat) const
{
    PlaceholderContext c;
    c.epochMs = m_epochBase + t;
    c.timeFormat = timeFormat;
    c.pid = p.pid;
    c.age = t - p.startedAt;
    if (const ModelRun* m = p.model()) {
        c.cpus = m->cpuWorkers;
        c.arguments = &m->arguments;
        c.argv = &m->argv;
        for (const Listen& l : m->listens) {
            if (!l.udp && c.port == 0)
                c.port = l.port;
            if (l.udp && c.udpPort == 0)
                c.udpPort = l.port;
        }
    }
    return c;
}

bool writesLine(const LogLine& line, const ModelRun* m)
{
    return !((line.when == "config-file" && !(m && m->configFile)) || (line.when == "no-config-file" && m && m->configFile));
}

void Engine::writeLines(const Sink& sink, const Process& p, SimTime t, const std::vector<LogLine>& lines,
                        const RequestFields* request, int signal, std::string_view timeFormat,
                        std::shared_ptr<const TimedLine>* timed)
{
    if (lines.empty())
        return;
    const ModelRun* m = p.model();
    const Program* program = m ? m->program.get() : nullptr;
    if (timeFormat.empty() && program)
        timeFormat = program->timeFormat;
    PlaceholderContext c = placeholders(p, t, timeFormat);
    std::vector<int> children;
    for (const Child& child : p.children)
        children.push_back(child.pid);
    c.children = &children;
    // What the environment knows is asked for only when a line names it (the kernel release is a lookup in
    // the cluster's store).
    auto names = [&](std::string_view placeholder) {
        return std::any_of(lines.begin(), lines.end(),
                           [&](const LogLine& l) { return l.text.find(placeholder) != std::string::npos; });
    };
    const std::string hostname = names("{hostname}") ? m_env.hostname() : std::string();
    const std::string podIP = names("{podIP}") ? m_env.podIP() : std::string();
    const std::string nodeName = names("{nodeName}") ? m_env.nodeName() : std::string();
    const std::string kernel = names("{kernel}") ? m_env.kernelRelease() : std::string();
    c.hostname = hostname;
    c.podIP = podIP;
    c.nodeName = nodeName;
    c.kernel = kernel;
    c.request = request;
    c.signal = signal;
    std::vector<bool> written; // by line: whether the program writes it
    std::vector<std::optional<std::vector<SharedLines::Interned>>> shapes; // by line; nullopt: written as text
    for (const LogLine& line : lines) {
        written.push_back(writesLine(line, m));
        shapes.push_back(sink.toLog() && written.back() ? lineShapes(line.text, c) : std::nullopt);
    }
    if (sink.toLog() && writeBurst(lines, written, shapes, t, timed))
        return;
    for (size_t i = 0; i < lines.size(); ++i) {
        const LogLine& line = lines[i];
        if (!written[i])
            continue;
        const bool toStderr = line.stream == LogLine::Stream::Stderr;
        if (shapes[i]) {
            for (SharedLines::Interned& shape : *shapes[i]) {
                m_s.log.writeTimed(t, toStderr, shape.line, shape.seenBefore);
                if (timed && !shape.line->holes.empty())
                    *timed = std::move(shape.line);
            }
            continue;
        }
        for (const std::string& text : expandLine(line.text, c))
            write(sink, t, toStderr, text + "\n");
    }
}

bool Engine::writeBurst(const std::vector<LogLine>& lines, const std::vector<bool>& written,
                        const std::vector<std::optional<std::vector<SharedLines::Interned>>>& shapes, SimTime t,
                        std::shared_ptr<const TimedLine>* timed)
{
    // Several lines at once, to one stream, every one of a shape other containers have written already: the
    // start-up burst of the second and later pods of a template. One shape for the burst, shared in turn.
    SharedLines* shared = m_env.sharedLines();
    std::optional<LogLine::Stream> stream;
    auto burst = std::make_shared<TimedLine>();
    size_t count = 0;
    std::shared_ptr<const TimedLine> lastTimed;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (!written[i])
            continue;
        if (!shapes[i] || (stream && *stream != lines[i].stream))
            return false;
        stream = lines[i].stream;
        for (const SharedLines::Interned& shape : *shapes[i]) {
            const TimedLine& line = *shape.line;
            if (!shape.seenBefore || (!line.holes.empty() && !burst->holes.empty() &&
                                      (line.format != burst->format || line.epochOffset != burst->epochOffset)))
                return false;
            for (const uint32_t hole : line.holes)
                burst->holes.push_back(uint32_t(burst->text.size()) + hole);
            if (!line.holes.empty()) {
                burst->format = line.format;
                burst->epochOffset = line.epochOffset;
                lastTimed = shape.line;
            }
            burst->text += line.text;
            ++count;
        }
    }
    if (!shared || count < 2)
        return false;
    m_s.log.writeTimed(t, *stream == LogLine::Stream::Stderr, shared->intern(std::move(burst)).line, true);
    if (timed && lastTimed)
        *timed = std::move(lastTimed);
    return true;
}

std::optional<std::vector<SharedLines::Interned>> Engine::lineShapes(std::string_view text,
                                                                     const PlaceholderContext& c) const
{
    const std::string_view format = c.timeFormat.empty() ? std::string_view("%Y/%m/%d %H:%M:%S") : c.timeFormat;
    std::vector<SharedLines::Interned> shapes;
    for (LineWithoutTime& filled : expandLinesWithoutTime(text, c)) {
        if (filled.holes.size() > TimedLine::kMaxHoles || filled.text.find('\n') != std::string::npos)
            return std::nullopt;
        auto line = std::make_shared<TimedLine>();
        line->text = std::move(filled.text);
        line->text += '\n';
        if (!filled.holes.empty()) {
            if (format.find("%n") != std::string_view::npos)
                return std::nullopt; // a time with a newline in it makes two entries
            line->format = format;
            line->epochOffset = m_epochBase;
            line->holes.assign(filled.holes.begin(), filled.holes.end());
        }
        SharedLines* shared = m_env.sharedLines();
        shapes.push_back(shared ? shared->intern(std::move(line)) : SharedLines::Interned{std::move(line), false});
    }
    return shapes;
}

// ---- processes -------------------------------------------------------------------------------------------------

Process* Engine::find(int pid)
{
    for (Process& p : m_s.processes)
        if (p.pid == pid)
            return &p;
    return nullptr;
}

const Process* Engine::find(int pid) const
{
    for (const Process& p : m_s.processes)
        if (p.pid == pid)
            return &p;
    return nullptr;
}

StartResult Engine::start()
{
    StartResult result;
    m_s.started = true;
    m_s.startedAt = m_now;
    m_s.clock = m_now;
    m_s.nodeCpus = std::max(1, m_env.nodeCpus());
    const ContainerConfig& config = m_s.config;
    const ImageContent* image = config.imageContent().get();
    if (!m_s.base && !m_s.own)
        m_s.base = image ? unpackImage(*image) : std::make_shared<const fs::FileSystem>();

    const ImageConfig imageConfig = image ? image->config : ImageConfig();
    resolveUser(imageConfig.user, m_s.uid, m_s.gid, m_s.user, m_s.home);
    m_s.cwd = !config.workingDir.empty()         ? config.workingDir
              : !imageConfig.workingDir.empty() ? imageConfig.workingDir
                                                : std::string("/");

    // The environment as containerd's CRI plugin builds it: the default PATH, TERM for a terminal, HOSTNAME,
    // then the image's variables and the kubelet's, each replacing a variable of the same name in place; runc
    // adds HOME from the user's passwd entry when nothing set it.
    shell::Environment env;
    setEnv(env, "PATH", std::string(kDefaultPath));
    if (config.tty)
        setEnv(env, "TERM", "xterm");
    setEnv(env, "HOSTNAME", m_env.hostname());
    for (const std::string& kv : imageConfig.env) {
        const size_t eq = kv.find('=');
        setEnv(env, kv.substr(0, eq), eq == std::string::npos ? std::string() : kv.substr(eq + 1));
    }
    for (const auto& [k, v] : config.env)
        setEnv(env, k, v);
    if (std::none_of(env.begin(), env.end(), [](const auto& kv) { return kv.first == "HOME"; }))
        env.emplace_back("HOME", m_s.home);
    m_s.env = EnvironmentBlock(env, m_env.sharedTexts());
    // Merged into it: a second copy would be a kilobyte per pod at scale. (Assigning {} would keep the room.)
    std::vector<std::pair<std::string, std::string>>().swap(m_s.config.env);

    const std::vector<std::string> argv = containerArgv(imageConfig, config.command, config.args);
    const RuntimeMessages* messages = m_env.runtimeMessages();
    if (argv.empty()) {
        result.ok = false;
        result.reason = "CreateContainerError";
        result.error = messages ? fillMessage(messages->noCommand, {{"containerId", config.id}})
                                : "no command specified";
        m_s.started = false;
        return result;
    }

    // runc creates the mount points and the working directory that the image lacks.
    {
        const fs::ContainerFiles files = view(Access::Read, 0, 0, m_now);
        std::vector<std::string> missing;
        for (const fs::Mount& mount : m_env.mounts())
            if (const std::string parent = parentDirectory(normalize(mount.path, "/")); !files.isDirectory(parent))
                missing.push_back(parent);
        if (!files.isDirectory(m_s.cwd))
            missing.push_back(m_s.cwd);
        // And the files the kubelet's /etc/hosts, /etc/hostname and /etc/resolv.conf go into: made here, in the
        // shared root, a container that writes anywhere later copies only those files, not the directories
        // that would gain their names.
        std::vector<std::string> missingFiles;
        auto addFile = [&](const std::string& path) {
            if (m_s.base && !m_s.base->exists(path))
                missingFiles.push_back(path);
        };
        for (const auto& [path, content] : config.injectedFiles)
            addFile(path);
        if (config.injectedPaths)
            for (const std::string& path : *config.injectedPaths)
                addFile(path);
        if (!missing.empty() || !missingFiles.empty()) {
            // The same mount points over the same image files are shared (every pod's token mount needs
            // /var/run/secrets/kubernetes.io): a root of its own would cost each container a copy.
            std::shared_ptr<const fs::FileSystem> shared;
            if (!m_s.own && m_s.base)
                shared = m_env.baseWithMountPoints(m_s.base, missing, missingFiles, epochAt(m_now));
            if (shared) {
                m_s.base = std::move(shared);
            } else if (!missing.empty()) {
                fs::FileSystem& root = writableRoot();
                for (const std::string& dir : missing)
                    root.mkdirs(dir);
            }
        }
    }

    const Sink log;
    Identity identity{m_s.uid, m_s.gid, m_s.user};
    Launch l = launch(argv, 1, log, m_now, identity);
    switch (l.kind) {
    case Launch::Kind::NotFound:
        result.ok = false;
        result.reason = "StartError";
        result.error = messages ? fillMessage(messages->startFailed, {{"reason", l.reason}}) : l.reason;
        m_s.termination = Termination{128, 0, "StartError", result.error, m_now};
        return result;
    case Launch::Kind::Finished:
        terminate(l.exitCode, 0, {}, m_now);
        return result;
    case Launch::Kind::Shell:
    case Launch::Kind::Model:
        m_s.processes.insert(m_s.processes.begin(), std::move(l.process));
        break;
    }
    if (Process* init = find(1); init && init->shell())
        runShell(1, m_now, log);
    processDue(m_now);
    return result;
}

Launch Engine::launch(std::vector<std::string> argv, int pid, const Sink& sink, SimTime t, const Identity& identity,
                      int depth)
{
    Launch l;
    if (argv.empty()) {
        l.kind = Launch::Kind::Finished;
        return l;
    }
    const Resolved r = resolve(argv[0], t);
    const RuntimeMessages* messages = m_env.runtimeMessages();
    auto reasonFor = [&](const Resolved& res, const std::string& command) -> std::string {
        switch (res.kind) {
        case Resolved::Kind::NotFound:
            return messages ? fillMessage(messages->notInPath, {{"command", command}})
                            : "exec: \"" + command + "\": executable file not found in $PATH";
        case Resolved::Kind::NoSuchFile:
            return messages ? fillMessage(messages->noSuchFile, {{"command", command}})
                            : "exec: \"" + command + "\": stat " + command + ": no such file or directory";
        case Resolved::Kind::PermissionDenied:
            return "exec: \"" + command + "\": permission denied";
        default:
            return "exec " + command + ": exec format error";
        }
    };
    if (!r.found() || depth > kMaxExecChain) {
        l.kind = Launch::Kind::NotFound;
        l.reason = reasonFor(r, argv[0]);
        return l;
    }
    if (r.kind == Resolved::Kind::Script) {
        // The kernel runs the #! interpreter with the script's path; a missing interpreter fails the exec as
        // if the script itself were missing (ENOENT).
        std::vector<std::string> next = r.interpreter;
        next.push_back(r.path);
        next.insert(next.end(), argv.begin() + 1, argv.end());
        if (!resolve(next[0], t).found()) {
            l.kind = Launch::Kind::NotFound;
            Resolved missing;
            missing.kind = Resolved::Kind::NoSuchFile;
            l.reason = reasonFor(missing, argv[0]);
            return l;
        }
        return launch(std::move(next), pid, sink, t, identity, depth + 1);
    }
    return startProgram(r, std::move(argv), pid, sink, t, identity, depth);
}

std::vector<shell::ProcessInfo> processListOf(const ContainerState& m_s)
{
    std::vector<shell::ProcessInfo> list;
    for (const Process& p : m_s.processes) {
        char state = 'S';
        if (const ShellRun* s = p.shell(); s && s->last.kind == shell::StepResult::Kind::Busy)
            state = 'R';
        if (const ModelRun* m = p.model(); m && m->cpuWorkers > 0)
            state = 'R';
        // A process spinning on the CPU has used it since it started (the runtime does not keep a finer
        // account); the others sleep and have used next to nothing.
        const SimTime cpu = state == 'R' ? std::max<SimTime>(0, m_s.clock - p.startedAt) : 0;
        list.push_back(shell::ProcessInfo{p.pid, p.user, p.title, state, cpu, p.uid});
        for (const Child& c : p.children)
            list.push_back(shell::ProcessInfo{c.pid, c.user, c.title, 'S', 0, c.uid});
    }
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.pid < b.pid; });
    return list;
}

shell::StepResult Engine::runShell(int pid, SimTime t, const Sink& sink)
{
    Process* p = find(pid);
    if (!p || !p->shell() || p->busy || p->readsTerminal)
        return shell::StepResult{shell::StepResult::Kind::Sleeping, 0, shell::kForever};
    // The process leaves the table while it runs: what it does may call back into this container (a request to
    // itself, a program it starts) and change the table.
    ShellRun run = std::move(*p->shell());
    p->busy = true;
    const uint32_t uid = p->uid;
    const uint32_t gid = p->gid;
    const SimTime at = std::max(t, run.lastRun);
    const Access access = p->access;
    {
        ContainerHost host(*this, pid, sink, at, access, uid, gid);
        run.last = run.process.run(host, at);
    }
    run.lastRun = at;
    p = find(pid);
    if (!p)
        return run.last; // the container ended meanwhile
    p->busy = false;
    const shell::StepResult last = run.last;
    *p->shell() = std::move(run);
    if (last.kind == shell::StepResult::Kind::Exited)
        exitProcess(pid, last.exitCode, last.exitCode == 128 + shell::kSigKill ? shell::kSigKill : 0, at);
    return last;
}

void Engine::exitProcess(int pid, int exitCode, int signal, SimTime t)
{
    if (pid == 1) {
        terminate(exitCode, signal, {}, t);
        return;
    }
    m_s.processes.erase(std::remove_if(m_s.processes.begin(), m_s.processes.end(),
                                       [&](const Process& p) { return p.pid == pid; }),
                        m_s.processes.end());
}

void Engine::terminate(int exitCode, int signal, std::string reason, SimTime t)
{
    if (m_s.termination)
        return;
    if (reason.empty())
        reason = exitCode == 0 ? "Completed" : "Error";
    m_s.termination = Termination{exitCode, signal, std::move(reason), {}, t};
    // PID 1 is gone: the kernel kills everything else in the container's PID namespace.
    m_s.processes.clear();
    m_s.clock = std::max(m_s.clock, t);
}

// ---- time --------------------------------------------------------------------------------------------------------

SimTime nextWakeOf(const ContainerState& m_s)
{
    if (!m_s.started || m_s.termination)
        return shell::kForever;
    SimTime next = shell::kForever;
    for (const Process& p : m_s.processes) {
        if (p.execSession || p.busy)
            continue;
        if (const ShellRun* s = p.shell()) {
            switch (s->last.kind) {
            case shell::StepResult::Kind::Sleeping:
            case shell::StepResult::Kind::Waiting:
                next = std::min(next, s->last.wakeAt);
                break;
            case shell::StepResult::Kind::Busy:
                next = std::min(next, s->lastRun + kBusySliceMillis);
                break;
            case shell::StepResult::Kind::Exited:
                break;
            }
        } else if (const ModelRun* m = p.model()) {
            if (!m->listening && !m->exiting && !m->listens.empty() && !m->stopped)
                next = std::min(next, m->readyAt);
            if (m->exiting)
                next = std::min(next, m->exitAt);
            next = std::min(next, m->endAt);
        }
    }
    return std::min(next, oomTimeOf(m_s, m_s.clock));
}

void Engine::processDue(SimTime t)
{
    const Sink log;
    // Each pass handles what is due for one process; the table may change under it, so go by pid. (On the
    // stack for the usual few processes: every exec that ends at once passes here.)
    std::array<int, 16> few{};
    std::vector<int> many;
    size_t count = 0;
    for (const Process& p : m_s.processes) {
        if (p.execSession || p.busy)
            continue;
        if (count < few.size())
            few[count] = p.pid;
        else
            many.push_back(p.pid);
        ++count;
    }
    for (size_t k = 0; k < count; ++k) {
        const int pid = k < few.size() ? few[k] : many[k - few.size()];
        if (!running())
            return;
        Process* p = find(pid);
        if (!p)
            continue;
        if (ShellRun* s = p->shell()) {
            const bool due = (s->last.kind == shell::StepResult::Kind::Sleeping ||
                              s->last.kind == shell::StepResult::Kind::Waiting)
                                 ? s->last.wakeAt <= t
                                 : s->last.kind == shell::StepResult::Kind::Busy && s->lastRun + kBusySliceMillis <= t;
            if (due)
                runShell(pid, t, log);
        } else if (ModelRun* m = p->model()) {
            if (m->exiting && m->exitAt <= t) {
                exitProcess(pid, m->exitCode, m->exitSignal, m->exitAt);
                continue;
            }
            if (m->endAt <= t) {
                exitProcess(pid, 0, 0, m->endAt);
                continue;
            }
            if (!m->listening && !m->exiting && !m->stopped && m->readyAt <= t)
                m->listening = true;
        }
    }
    if (running()) {
        const SimTime oom = oomTimeOf(m_s, std::min(t, m_s.clock));
        if (oom <= t) {
            // The kernel's OOM killer: cgroup v2 with memory.oom.group kills the whole container.
            m_s.oomKilled = true;
            terminate(128 + shell::kSigKill, shell::kSigKill, "OOMKilled", std::max(oom, m_s.startedAt));
        }
    }
}

void Engine::advance(SimTime t)
{
    if (m_s.depth > 1)
        return; // called back from a process the outer call is running: that call moves time on
    for (int guard = 0; guard < 100000 && running(); ++guard) {
        const SimTime next = nextWake();
        if (next > t)
            break;
        processDue(std::max(next, SimTime(0)));
        m_s.clock = std::max(m_s.clock, next);
    }
    if (running())
        m_s.clock = std::max(m_s.clock, t);
}

// ---- signals ------------------------------------------------------------------------------------------------------

bool Engine::kill(int pid, int signal, SimTime t)
{
    for (Process& p : m_s.processes) {
        if (p.pid == pid) {
            deliver(pid, signal, t);
            return true;
        }
        for (Child& c : p.children) {
            if (c.pid != pid)
                continue;
            // A worker that dies is replaced by its master (nginx, httpd do), with a new pid.
            if (signal != 0 && signal != shell::kSigChld && signal != shell::kSigCont && signal != 28 && signal != 23)
                c.pid = allocatePid();
            return true;
        }
    }
    return false;
}

int Engine::killAll(std::string_view name, int signal, SimTime t)
{
    std::vector<int> targets;
    for (const Process& p : m_s.processes) {
        if (p.comm == name)
            targets.push_back(p.pid);
        for (const Child& c : p.children)
            if (c.comm == name)
                targets.push_back(c.pid);
    }
    if (signal != 0)
        for (int pid : targets)
            kill(pid, signal, t);
    return int(targets.size());
}

void Engine::signalInit(int signal)
{
    if (running())
        deliver(1, signal, m_now);
}

void Engine::deliver(int pid, int signal, SimTime t)
{
    Process* p = find(pid);
    if (!p || signal == 0)
        return;
    if (p->model()) {
        modelSignal(pid, signal, t);
        return;
    }
    if (ShellRun* s = p->shell()) {
        if (p->busy)
            return;
        s->process.deliverSignal(signal);
        if (s->process.hasExited()) {
            s->last = s->process.lastResult();
            if (!p->execSession)
                exitProcess(pid, s->process.exitCode(), signal, t);
            return;
        }
        if (!p->execSession && !p->readsTerminal)
            runShell(pid, t, Sink{});
    }
}

// ---- exec -----------------------------------------------------------------------------------------------------------

ExecResult Engine::exec(const std::vector<std::string>& argv, SimTime timeout, const std::string& stdinData)
{
    ExecResult result;
    if (!running()) {
        result.started = false;
        result.error = "container " + m_s.config.id + " is not running";
        return result;
    }
    const RuntimeMessages* messages = m_env.runtimeMessages();
    const uint64_t execNumber = ++m_s.execs;
    const int pid = allocatePid();
    const Sink sink{&result.out, &result.err};
    const ExecShape shape = execShape(argv);
    const bool touches = shape.namesInjected && !m_s.own;
    const Access access = shape.readOnly && !touches ? Access::Read : Access::Write;
    if (m_shortcuts && shape.direct != ExecShape::Direct::None && stdinData.empty() &&
        execDirect(argv, shape.direct, access, result)) {
        // cat and test read the files, and with read access cannot change them: the same files, the same answer.
        if (m_echo && access == Access::Read) {
            m_echo->repeatable = true;
            m_echo->exec = true;
        }
        return result;
    }

    m_stdin = stdinData;
    m_access = access;
    m_pureClient = false;
    Launch l = launch(argv, pid, sink, m_now, Identity{m_s.uid, m_s.gid, m_s.user});
    m_stdin.clear();
    m_access = Access::Write;
    if (m_echo && m_pureClient && l.kind == Launch::Kind::Finished && nextWake() > m_now) {
        m_echo->repeatable = true;
        m_echo->exec = true;
    }
    switch (l.kind) {
    case Launch::Kind::NotFound:
        result.started = false;
        result.error =
            messages ? fillMessage(messages->execFailed,
                                   {{"execId", sha256Hex(m_s.config.id + " exec " + std::to_string(execNumber))},
                                    {"reason", l.reason}})
                     : l.reason;
        return result;
    case Launch::Kind::Finished:
        result.exitCode = l.exitCode;
        processDue(m_now);
        return result;
    case Launch::Kind::Model:
        // A server started by hand runs until the exec gives up on it.
        result.timedOut = true;
        result.duration = timeout > 0 ? timeout : kMaxExecMillis;
        return result;
    case Launch::Kind::Shell:
        break;
    }

    l.process.execSession = true;
    m_s.processes.push_back(std::move(l.process));
    const SimTime deadline = m_now + (timeout > 0 ? timeout : kMaxExecMillis);
    SimTime t = m_now;
    while (true) {
        const shell::StepResult r = runShell(pid, t, sink);
        if (!running()) {
            // PID 1 ended while the command ran (it killed PID 1, or nginx -s quit in a preStop hook): the kernel
            // kills everything else in the container, the command included.
            result.exitCode = 128 + shell::kSigKill;
            result.duration = std::max(m_s.termination->finishedAt, t) - m_now;
            break;
        }
        if (r.kind == shell::StepResult::Kind::Exited || !find(pid)) {
            result.exitCode = r.kind == shell::StepResult::Kind::Exited ? r.exitCode : 128 + shell::kSigKill;
            result.duration = t - m_now;
            break;
        }
        const SimTime next = r.kind == shell::StepResult::Kind::Busy ? t + kBusySliceMillis : r.wakeAt;
        if (next > deadline) {
            result.timedOut = true;
            result.exitCode = 128 + shell::kSigKill;
            result.duration = deadline - m_now;
            break;
        }
        // The command's own time runs ahead of the caller's clock; the rest of the container keeps pace.
        advance(next);
        if (!running()) {
            result.exitCode = 128 + shell::kSigKill;
            result.duration = m_s.termination->finishedAt - m_now;
            break;
        }
        if (Process* p = find(pid); p && p->shell() && p->shell()->process.hasExited()) {
            result.exitCode = p->shell()->process.exitCode(); // a signal from another process ended it
            result.duration = next - m_now;
            break;
        }
        t = next;
    }
    exitProcess(pid, 0, 0, t);
    return result;
}

// ---- programs a shell runs ----------------------------------------------------------------------------------------

shell::ProgramResult Engine::runProgram(const std::vector<std::string>& argv, int parentPid, SimTime t)
{
    shell::ProgramResult result;
    if (argv.empty())
        return result;
    const Resolved r = resolve(argv[0], t);
    if (!r.found())
        return result;
    if (r.kind == Resolved::Kind::Program &&
        (r.program->model == Program::Model::Shell ||
         (r.program->model == Program::Model::Utility && !implementsUtility(r.program->command))))
        return result; // the shell's own applets, or a utility PodLab does not simulate
    const Process* parent = find(parentPid);
    const Identity identity = parent ? Identity{parent->uid, parent->gid, parent->user} : Identity{m_s.uid, m_s.gid, m_s.user};
    const int pid = allocatePid();
    const Sink sink{&result.out, &result.err};
    Launch l = launch(argv, pid, sink, t, identity);
    switch (l.kind) {
    case Launch::Kind::NotFound:
        return shell::ProgramResult{};
    case Launch::Kind::Finished:
        result.kind = shell::ProgramResult::Kind::Exited;
        result.exitCode = l.exitCode;
        return result;
    case Launch::Kind::Model:
        m_s.processes.push_back(std::move(l.process));
        result.kind = shell::ProgramResult::Kind::Running;
        return result;
    case Launch::Kind::Shell:
        break;
    }
    // A script the shell runs by path: it runs to its end here, in its own time.
    ShellRun& run = *l.process.shell();
    SimTime at = t;
    for (int rounds = 0; rounds < 100000; ++rounds) {
        ContainerHost h(*this, pid, sink, at, Access::Write, l.process.uid, l.process.gid);
        const shell::StepResult step = run.process.run(h, at);
        if (step.kind == shell::StepResult::Kind::Exited) {
            result.kind = shell::ProgramResult::Kind::Exited;
            result.exitCode = step.exitCode;
            result.duration = at - t;
            return result;
        }
        const SimTime next = step.kind == shell::StepResult::Kind::Busy ? at + kBusySliceMillis : step.wakeAt;
        if (next >= t + kMaxExecMillis)
            break;
        at = next;
    }
    result.kind = shell::ProgramResult::Kind::Running;
    return result;
}

} // namespace podlab::sim::runtime::detail
