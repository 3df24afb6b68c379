#pragma once

// The runtime's work on one container for the duration of one call: it holds the state and the environment by
// reference (never stored), so the state itself stays a copyable value.

#include "containerstate.h"
#include "placeholders.h"
#include "sharedlines.h"

#include "sim/core/text.h"

#include <charconv>
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace podlab::sim::runtime::detail {

// Where a process's output goes: the container log (PID 1 and what it starts) or an exec's buffers.
struct Sink {
    std::string* out = nullptr; // exec: stdout; null: the container log
    std::string* err = nullptr;
    bool toLog() const { return out == nullptr; }
};

// What starting a command line gave: output already written, and then either an end (exit code) or a process
// that runs on.
struct Launch {
    enum class Kind : uint8_t { NotFound, Finished, Shell, Model };
    Kind kind = Kind::Finished;
    std::string reason; // NotFound: runc's reason ("exec: \"foo\": executable file not found in $PATH")
    int exitCode = 0;
    Process process; // Shell, Model: the process to run (pid, title, user filled in)
};

// Which view of the files an operation needs. Read: it only reads image files, so the shared unpacked image
// will do. Write: it may write, or read what the kubelet injected: the container's own copy.
using Access = Process::Access;

// Who a process runs as.
struct Identity {
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string user;
};

// Whether a program's line is written by this run of it (LogLine::when).
bool writesLine(const LogLine& line, const ModelRun* m);

// What the container's processes use at time t: resident bytes, and CPU in millicores after the CFS quota.
int64_t memoryOf(const ContainerState& state, SimTime t);
int64_t cpuOf(const ContainerState& state, SimTime t);
// When the container next needs to run (shell::kForever: only a signal, a request or an exec will wake it).
SimTime nextWakeOf(const ContainerState& state);
// The first time from `from` on when its memory exceeds its limit, or shell::kForever.
SimTime oomTimeOf(const ContainerState& state, SimTime from);
std::vector<shell::ProcessInfo> processListOf(const ContainerState& state);
std::string grpcHealthOf(const ContainerState& state, int port, const std::string& service);
// "/a/./b/../c" -> "/a/c", lexically (".." never climbs above "/"); relative paths start at `cwd`.
std::string normalize(std::string_view path, std::string_view cwd);

class Engine {
public:
    Engine(ContainerState& state, ContainerEnvironment& env);

    ContainerState& state() { return m_s; }
    ContainerEnvironment& env() { return m_env; }
    SimTime now() const { return m_now; }
    int64_t epochAt(SimTime t) const { return m_epochBase + t; }
    bool running() const { return m_s.started && !m_s.termination; }

    StartResult start();
    // Whether the runtime itself implements a utility the shell does not (redis-cli).
    static bool implementsUtility(std::string_view command);
    // Runs every process's work that is due up to `t` (in time order) and returns nothing; nextWake() tells
    // when more is due.
    void advance(SimTime t);
    SimTime nextWake() const { return nextWakeOf(m_s); }
    void signalInit(int signal);
    ExecResult exec(const std::vector<std::string>& argv, SimTime timeout, const std::string& stdinData);
    // Where the next exec or request says whether it can be repeated without running it (RunEcho).
    void setEcho(RunEcho* echo)
    {
        m_echo = echo;
        if (echo)
            *echo = {};
    }
    std::optional<shell::HttpResponse> serveHttp(int port, const shell::HttpRequest& request);

    // ---- services for the processes (the shell host) ------------------------------------------------------
    Resolved resolve(std::string_view name, SimTime t);
    shell::ProgramResult runProgram(const std::vector<std::string>& argv, int parentPid, SimTime t);
    bool kill(int pid, int signal, SimTime t);
    int killAll(std::string_view name, int signal, SimTime t);
    std::vector<shell::ProcessInfo> processList() const;
    // A view of the container's files at time t. Write copies the image files first if still shared.
    fs::ContainerFiles view(Access access, uint32_t uid, uint32_t gid, SimTime t);
    fs::ContainerFiles view(Access access, uint32_t uid, uint32_t gid, SimTime t, std::vector<fs::Mount> mounts);
    // Whether a path names (or lies above) a file the kubelet injected, which the shared image files lack.
    bool touchesInjected(std::string_view path, std::string_view cwd) const;
    // The same, whether or not the container has its own copy of the files yet.
    bool namesInjected(std::string_view path, std::string_view cwd) const;

    void write(const Sink& sink, SimTime t, bool toStderr, std::string_view text);
    PlaceholderContext placeholders(const Process& p, SimTime t, std::string_view timeFormat) const;
    // Writes a program's lines; `timeFormat` replaces the program's own for {time} (access logs).
    // `timed`: set to the shape of the last line written with a {time} in it.
    void writeLines(const Sink& sink, const Process& p, SimTime t, const std::vector<LogLine>& lines,
                    const RequestFields* request = nullptr, int signal = 0, std::string_view timeFormat = {},
                    std::shared_ptr<const TimedLine>* timed = nullptr);
    // The lines a program's template line gives, each as a shape with its {time} left for the log to fill
    // (ContainerLog::writeTimed) and held once for the cluster (SharedLines); nullopt when one of them cannot be
    // a shape (a line break or a time format with one in it, too many times).
    // Writes lines of one time as one burst shape when every one is a shape other containers share; false when
    // they are not (then they are written line by line).
    bool writeBurst(const std::vector<LogLine>& lines, const std::vector<bool>& written,
                    const std::vector<std::optional<std::vector<SharedLines::Interned>>>& shapes, SimTime t,
                    std::shared_ptr<const TimedLine>* timed);
    std::optional<std::vector<SharedLines::Interned>> lineShapes(std::string_view text,
                                                                const PlaceholderContext& c) const;

private:
    // What an exec's command line is (cached per line), and the direct run of the commands that need no
    // shell process (directexec.cpp): false when the general path must run it.
    ExecShape execShape(const std::vector<std::string>& argv);
    bool execDirect(const std::vector<std::string>& argv, ExecShape::Direct direct, Access access, ExecResult& result);
    // runc's lookup of argv[0] itself; `readContents` is set when it read a file (a #! line).
    Resolved lookUp(std::string_view name, SimTime t, bool* readContents,
                    std::optional<std::vector<fs::Mount>> mounts = std::nullopt);
    Launch launch(std::vector<std::string> argv, int pid, const Sink& sink, SimTime t, const Identity& identity,
                  int depth = 0);
    Launch startProgram(const Resolved& r, std::vector<std::string> argv, int pid, const Sink& sink, SimTime t,
                        const Identity& identity, int depth);
    Launch startModel(std::shared_ptr<const Program> program, std::vector<std::string> argv, size_t firstArg,
                      int pid, const Sink& sink, SimTime t, const Identity& identity);
    Launch redisCli(const std::vector<std::string>& argv, int pid, const Sink& sink, SimTime t);
    void modelSignal(int pid, int signal, SimTime t);
    std::optional<shell::HttpResponse> answer(int pid, const shell::HttpRequest& request);
    // The headers every answer ends with (Server, Date, Content-Type, ...), and HEAD's empty body.
    void finishResponse(shell::HttpResponse& r, const Program& program, SimTime t, const std::string& contentType,
                        bool fileHeaders, int64_t mtimeMs, std::string_view method) const;
    // A static file an http-server program served, answered again while nothing it depends on changed; and
    // keeping one (servedfiles.cpp).
    std::optional<shell::HttpResponse> answerAgain(int pid, const shell::HttpRequest& request);
    void rememberServed(ServedFile served, const Program& program, const ModelRun& server);
    shell::StepResult runShell(int pid, SimTime t, const Sink& sink);
    void processDue(SimTime t);
    void exitProcess(int pid, int exitCode, int signal, SimTime t);
    void terminate(int exitCode, int signal, std::string reason, SimTime t);
    void deliver(int pid, int signal, SimTime t);
    Process* find(int pid);
    const Process* find(int pid) const;
    int allocatePid() { return m_s.nextPid++; }
    std::string userName(uint32_t uid) const;
    void resolveUser(std::string_view spec, uint32_t& uid, uint32_t& gid, std::string& name, std::string& home) const;
    std::string envValue(std::string_view key) const;
    fs::FileSystem& writableRoot();

    ContainerState& m_s;
    ContainerEnvironment& m_env;
    SimTime m_now;
    int64_t m_epochBase; // epoch ms at SimTime 0
    // For the exec being launched: its standard input and the view of files it may have.
    std::string m_stdin;
    Access m_access = Access::Write;
    bool m_shortcuts = true; // ContainerEnvironment::shortcuts()
    RunEcho* m_echo = nullptr;
    bool m_pureClient = false; // the client program just run changed nothing (redis-cli PING)
};

// Conservative static checks of a command an exec runs (the exec probes of 150 000 nginx pods must not each
// copy the image's files): whether it can only read, and which words it names as paths.
struct CommandShape {
    bool readOnly = false;           // no command that writes files, no redirection into a file
    std::vector<std::string> words;  // every literal argument (for touchesInjected)
};
CommandShape commandShape(const std::vector<std::string>& argv, shell::ScriptCache* cache);

} // namespace podlab::sim::runtime::detail
