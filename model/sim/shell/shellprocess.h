#pragma once

#include "script.h"
#include "shellhost.h"

#include "sim/core/simtime.h"

#include <array>
#include <climits>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace podlab::sim::shell {

class ScriptCache;

constexpr SimTime kForever = INT64_MAX;

// What one ShellProcess::run call ended with.
struct StepResult {
    enum class Kind : uint8_t {
        Exited,   // the process is gone; exitCode says how (128+n: killed by signal n)
        Sleeping, // in `sleep` (or waiting for a modelled program or the network) until wakeAt
        Waiting,  // polling (tail -F): run again at wakeAt, or for ever (kForever) if nothing can wake it
        Busy,     // used up its instruction budget (a loop without sleep): run again at wakeAt = now + 1 ms
    };
    Kind kind = Kind::Exited;
    int exitCode = 0;
    SimTime wakeAt = 0;

    bool operator==(const StepResult&) const = default;
};

using Environment = std::vector<std::pair<std::string, std::string>>;

struct ProcessOptions {
    int pid = 1;       // PID 1 ignores signals it has no trap for, as the kernel arranges for init
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string cwd = "/";
    std::string stdinData; // what the process reads on standard input (kubectl exec -i); then end of file
    int budget = 20000;    // interpreter steps per run() call before yielding as Busy
};

// One shell process (sh -c, an exec probe, kubectl exec, a lifecycle hook) that runs in simulated time: a
// copyable value holding an explicit stack of frames, so `sleep 30` just returns Sleeping{now + 30 s} and
// the next run() continues where it left off. No threads, no coroutines, no pointers: copying a process
// mid-sleep gives a twin that behaves identically (rewind, what-if).
//
// The shell follows busybox ash: its grammar, builtins, applets and error messages ("sh: foo: not found",
// "cat: can't open '/tmp/healthy': No such file or directory").
class ShellProcess {
public:
    ShellProcess() = default;

    // `sh -c script arg0 args...` as the kubelet starts it: args[0] becomes $0 (default "sh").
    static ShellProcess fromScript(std::shared_ptr<const Script> script, std::vector<std::string> args,
                                   Environment env, ProcessOptions options = {});
    // A container command or exec probe: ["/bin/sh", "-c", "..."] runs a script (parsed through `cache`
    // when given), ["cat", "/tmp/healthy"] runs that command directly.
    static ShellProcess fromArgv(const std::vector<std::string>& argv, Environment env,
                                 ProcessOptions options = {}, ScriptCache* cache = nullptr);

    // Runs until the process exits, sleeps, waits, or uses up its budget. `now` must not go backwards.
    StepResult run(ShellHost& host, SimTime now);

    // Delivers a signal. SIGKILL ends the process at once (137). A trapped signal runs its trap at the next
    // command boundary (after the current foreground command, such as a sleep, completes, as POSIX says).
    // An untrapped signal kills a non-init process (128+n) and is ignored by PID 1, which is why a busybox
    // `sh -c` container takes its whole grace period to stop.
    void deliverSignal(int signal);

    bool hasExited() const { return m_exited; }
    int exitCode() const { return m_exitCode; }
    int pid() const { return m_pid; }
    // What run() last returned.
    const StepResult& lastResult() const { return m_last; }

    // Interpreter state, public so that the step machine (an implementation detail) can reach it.
    struct Var {
        std::string name;
        std::string value;
        bool exported = false;
        bool readOnly = false;
        bool operator==(const Var&) const = default;
    };
    struct Function {
        std::string name;
        uint16_t script = 0;
        uint32_t node = kNone;
        bool operator==(const Function&) const = default;
    };
    struct Trap {
        int signal = 0; // 0 = EXIT
        std::string action; // empty: ignore the signal
        bool operator==(const Trap&) const = default;
    };
    // Where a file descriptor leads.
    struct FdTarget {
        enum class Kind : uint8_t { Closed, Out, Err, Null, File, Buffer };
        Kind kind = Kind::Closed;
        uint32_t buffer = 0;    // Buffer
        std::string path;       // File (writes append: the file was truncated when opened)
        bool operator==(const FdTarget&) const = default;
    };
    // What a subshell copies and restores.
    struct State {
        std::vector<Var> vars;
        std::vector<std::string> positional;
        std::string arg0 = "sh";
        std::vector<Function> functions;
        std::vector<Trap> traps;
        std::string cwd = "/";
        int lastStatus = 0;
        bool errexit = false;
        bool operator==(const State&) const = default;
    };
    struct Buffer {
        std::string data;
        size_t readPos = 0;
        bool operator==(const Buffer&) const = default;
    };
    enum class FrameKind : uint8_t {
        Node,     // a script node
        Exec,     // run `argv` (the whole process for fromArgv)
        Sleep,    // until `until`
        Follow,   // tail -f/-F: poll `text` (path) every second
        Program,  // a modelled program: finish at `until` with `status`, or never
        Subst,    // $(...): run `node`, capture its output for the frame below
        Call,     // a function body
        Trap,     // a trap action
        Syntax,   // report a syntax error and exit 2
    };
    struct Frame {
        FrameKind kind = FrameKind::Node;
        uint16_t script = 0;
        uint32_t node = kNone;
        uint32_t pc = 0;
        uint32_t aux = 0;
        int status = 0;
        bool redirsApplied = false;
        bool condition = false; // in an if/while condition or before && / ||: `set -e` does not apply
        SimTime until = 0;
        // Resources to release when the frame ends, as stack heights.
        uint32_t fdSaveBase = 0;
        uint32_t tempVarBase = 0;
        uint32_t bufferBase = 0;
        uint32_t stateSave = UINT32_MAX;
        std::vector<std::string> substs; // results of $(...) met while expanding this frame's words
        std::vector<std::string> values; // expanded words (argv, for-loop items)
        std::string text;
        bool operator==(const Frame&) const = default;
    };
    struct FdSave {
        int fd;
        FdTarget previous;
        bool operator==(const FdSave&) const = default;
    };

    bool operator==(const ShellProcess&) const = default;

private:
    friend class Runner;

    std::vector<std::shared_ptr<const Script>> m_scripts; // [0] the main script; eval/trap texts after
    State m_state;
    std::array<FdTarget, 10> m_fds{};
    std::vector<Frame> m_frames;
    std::vector<FdSave> m_fdSaves;
    std::vector<Var> m_tempVars; // values hidden by `X=1 cmd`, restored after cmd
    std::vector<Buffer> m_buffers;
    std::vector<State> m_savedStates;
    uint64_t m_pendingSignals = 0; // bit n: signal n arrived and has a trap to run
    int m_pid = 1;
    uint32_t m_uid = 0;
    uint32_t m_gid = 0;
    int m_budget = 20000;
    bool m_exited = false;
    bool m_exitTrapDone = false;
    int m_exitCode = 0;
    int m_lastSubstStatus = -1;
    // Unwinding for break/continue/return/exit.
    enum class Unwind : uint8_t { None, Break, Continue, Return, Exit };
    Unwind m_unwind = Unwind::None;
    int m_unwindCount = 0;
    int m_unwindStatus = 0;
    StepResult m_last;
};

} // namespace podlab::sim::shell
