#include "container.h"

#include "engine.h"

namespace podlab::sim::runtime {

struct Container::State : detail::ContainerState {};

namespace {

const ContainerConfig kNoConfig;
const std::optional<Termination> kNoTermination;
const fs::FileSystem kNoFiles;

// Counts the calls into one container that are under way, so that a call made back into it by one of its own
// processes (curl localhost) answers without moving its processes on.
class CallDepth {
public:
    explicit CallDepth(detail::ContainerState& s)
        : m_s(s)
    {
        ++m_s.depth;
    }
    ~CallDepth() { --m_s.depth; }
    CallDepth(const CallDepth&) = delete;
    CallDepth& operator=(const CallDepth&) = delete;

private:
    detail::ContainerState& m_s;
};

} // namespace

Container::Container(ContainerConfig config)
    : m_state(std::make_shared<State>())
{
    m_state->config = std::move(config);
    m_state->base = m_state->config.imageFiles;
}

Container::State& Container::detach()
{
    if (!m_state)
        m_state = std::make_shared<State>();
    else if (m_state.use_count() > 1)
        m_state = std::make_shared<State>(*m_state);
    return *m_state;
}

const ContainerConfig& Container::config() const { return m_state ? m_state->config : kNoConfig; }

const std::string& Container::id() const { return config().id; }

StartResult Container::start(ContainerEnvironment& env)
{
    State& s = detach();
    if (s.started) {
        StartResult again;
        again.ok = false;
        again.reason = "StartError";
        again.error = "container " + s.config.id + " was already started";
        return again;
    }
    CallDepth depth(s);
    detail::Engine engine(s, env);
    return engine.start();
}

SimTime Container::wake(ContainerEnvironment& env)
{
    if (!m_state)
        return shell::kForever;
    // Nothing due: answer without taking a copy the container shares with a snapshot.
    if (const SimTime next = detail::nextWakeOf(*m_state); next > env.now() || m_state->depth > 0)
        return next;
    State& s = detach();
    CallDepth depth(s);
    detail::Engine engine(s, env);
    engine.advance(env.now());
    return engine.nextWake();
}

SimTime Container::signal(int signal, ContainerEnvironment& env)
{
    if (!running())
        return shell::kForever;
    State& s = detach();
    CallDepth depth(s);
    detail::Engine engine(s, env);
    engine.advance(env.now());
    engine.signalInit(signal);
    engine.advance(env.now());
    return engine.nextWake();
}

bool Container::running() const { return m_state && m_state->started && !m_state->termination; }

const std::optional<Termination>& Container::termination() const
{
    return m_state ? m_state->termination : kNoTermination;
}

SimTime Container::startedAt() const { return m_state ? m_state->startedAt : 0; }

ExecResult Container::exec(const std::vector<std::string>& argv, ContainerEnvironment& env, SimTime timeout,
                           const std::string& stdinData, RunEcho* echo)
{
    State& s = detach();
    CallDepth depth(s);
    detail::Engine engine(s, env);
    engine.setEcho(echo);
    engine.advance(env.now());
    return engine.exec(argv, timeout, stdinData);
}

bool Container::listens(int port, bool udp) const
{
    if (!running())
        return false;
    for (const detail::Process& p : m_state->processes)
        if (const detail::ModelRun* m = p.model(); m && m->listening)
            for (const detail::Listen& l : m->listens)
                if (l.port == port && l.udp == udp)
                    return true;
    return false;
}

std::optional<shell::HttpResponse> Container::serveHttp(int port, const shell::HttpRequest& request,
                                                        ContainerEnvironment& env, RunEcho* echo)
{
    if (!running())
        return std::nullopt;
    State& s = detach();
    CallDepth depth(s);
    detail::Engine engine(s, env);
    engine.setEcho(echo);
    return engine.serveHttp(port, request);
}

void Container::repeat(const RunEcho& echo, SimTime first, SimTime period, uint64_t count)
{
    if (!echo.repeatable || count == 0 || !running())
        return;
    State& s = detach();
    if (echo.exec) {
        s.execs += count;
        s.nextPid += int(count);
    }
    if (echo.serverPid) {
        for (detail::Process& p : s.processes)
            if (p.pid == echo.serverPid && p.model())
                p.model()->requests += uint32_t(count);
    }
    if (echo.accessLine)
        s.log.writeTimedRepeated(first, period, count, echo.accessToStderr, echo.accessLine);
    // Each run moved the processes on to its own time (nothing was due: the kubelet repeats only before the
    // container's next wake).
    s.clock = std::max(s.clock, first + SimTime(count - 1) * period);
}

std::string Container::grpcHealth(int port, const std::string& service, ContainerEnvironment& env) const
{
    (void)env;
    if (!running())
        return {};
    return detail::grpcHealthOf(*m_state, port, service);
}

int64_t Container::memoryBytes(SimTime now) const { return m_state ? detail::memoryOf(*m_state, now) : 0; }

int64_t Container::cpuMillicores(SimTime now) const { return m_state ? detail::cpuOf(*m_state, now) : 0; }

std::vector<LogEntry> Container::logs() const { return m_state ? m_state->log.entries() : std::vector<LogEntry>{}; }

std::vector<shell::ProcessInfo> Container::processes() const
{
    return m_state ? detail::processListOf(*m_state) : std::vector<shell::ProcessInfo>{};
}

const fs::FileSystem& Container::rootFileSystem() const
{
    if (!m_state)
        return kNoFiles;
    if (m_state->own)
        return *m_state->own;
    return m_state->base ? *m_state->base : kNoFiles;
}

bool Container::operator==(const Container& other) const
{
    if (m_state == other.m_state)
        return true;
    if (!m_state || !other.m_state)
        return false;
    return static_cast<const detail::ContainerState&>(*m_state) ==
           static_cast<const detail::ContainerState&>(*other.m_state);
}

std::string newContainerId(Random& random) { return random.hex(64); }

} // namespace podlab::sim::runtime
