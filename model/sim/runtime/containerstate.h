#pragma once

// The runtime's private model of one container: its processes and what each behaviour model remembers. Plain
// values throughout (no raw pointers, no references), so that copying a Container copies a running container.

#include "commandcache.h"
#include "container.h"
#include "containerlog.h"
#include "environmentblock.h"
#include "servedfile.h"

#include "sim/fs/filesystem.h"
#include "sim/shell/shellprocess.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace podlab::sim::runtime::detail {

// A value kept on the heap and copied with its owner: a process holds one model's state, and the shell's
// (hundreds of bytes) should not weigh on the nginx masters of 150 000 pods.
template <class T>
class Boxed {
public:
    Boxed()
        : m_p(std::make_unique<T>())
    {
    }
    Boxed(T value)
        : m_p(std::make_unique<T>(std::move(value)))
    {
    }
    Boxed(const Boxed& other)
        : m_p(std::make_unique<T>(*other.m_p))
    {
    }
    Boxed(Boxed&&) noexcept = default;
    Boxed& operator=(const Boxed& other)
    {
        if (this != &other)
            m_p = std::make_unique<T>(*other.m_p);
        return *this;
    }
    Boxed& operator=(Boxed&&) noexcept = default;
    ~Boxed() = default;

    T& operator*() { return *m_p; }
    const T& operator*() const { return *m_p; }
    bool operator==(const Boxed& other) const { return *m_p == *other.m_p; }

private:
    std::unique_ptr<T> m_p;
};

struct Listen {
    int port = 0;
    bool udp = false;
    bool operator==(const Listen&) const = default;
};

// A process a program started beside itself (nginx's workers): it only shows in `ps` and answers signals.
struct Child {
    int pid = 0;
    std::string title;
    std::string user;
    std::string comm;
    uint32_t uid = 0;
    bool operator==(const Child&) const = default;
};

// A shell or utility process: the shell library's resumable process and when it last ran.
struct ShellRun {
    shell::ShellProcess process;
    shell::StepResult last;
    SimTime lastRun = 0;
    bool operator==(const ShellRun&) const = default;
};

// A program that follows one of the catalogue's server, sleeper or workload models.
struct ModelRun {
    // The program (an agnhost subcommand's own entry) in the image content: the aliasing shared_ptr keeps the
    // content alive with it, so copies of the container can never see it dangle.
    std::shared_ptr<const Program> program;
    std::vector<std::string> argv;
    std::map<std::string, std::string> arguments; // by role: workers, bytes, cpus, subcommand, ...
    std::vector<Listen> listens;
    SimTime readyAt = 0;
    bool listening = false; // after startupMillis, until it stops accepting
    bool stopped = false;   // stopped accepting for good (a graceful exit under way)
    bool exiting = false;
    SimTime exitAt = 0;
    int exitCode = 0;
    int exitSignal = 0;
    std::string documentRoot;                    // http-server
    // tcp-server configuration, grpc-health services: the program's own until one changes (copy on write).
    api::SharedOptional<std::map<std::string, std::string>> settings;
    const std::map<std::string, std::string>& settingsView() const
    {
        static const std::map<std::string, std::string> none;
        return settings ? *settings : none;
    }
    std::map<std::string, std::string>& settingsForWriting()
    {
        if (!settings)
            settings.emplace();
        return *settings;
    }
    std::map<std::string, std::string> data;     // the keys a Redis holds
    bool configFile = false;                     // tcp-server: started with a configuration file
    int64_t allocBytes = 0;                      // memory-hog, cpu-burner: the full allocation
    SimTime rampMillis = 0;                      // time to reach it
    int64_t residentBytes = 0;                   // besides the allocation
    int cpuWorkers = 0;                          // threads or processes spinning on a CPU
    SimTime endAt = shell::kForever;             // stress --timeout: when it ends by itself
    uint32_t requests = 0;                       // served so far (ephemeral ports of {remoteAddr})
    bool operator==(const ModelRun&) const = default;
};

struct Process {
    int pid = 0;
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string user; // as ps shows it: the name in /etc/passwd, else the number
    std::string title;
    std::string comm; // the executable's name, what killall and pidof match
    SimTime startedAt = 0;
    // monostate: a process an exec runs outside this table (it is listed here only for `ps`).
    std::variant<std::monostate, Boxed<ShellRun>, Boxed<ModelRun>> run;
    std::vector<Child> children;
    bool busy = false;        // being run right now by an outer call (a request it sent came back to this container)
    bool execSession = false; // run by an exec call, which alone moves it on and takes its output
    bool readsTerminal = false; // an interactive shell with the container's stdin open: it waits for input
    // Which view of the files it gets: an exec that can only read image files runs on the shared ones.
    enum class Access : uint8_t { Read, Write };
    Access access = Access::Write;
    bool operator==(const Process&) const = default;

    ShellRun* shell()
    {
        auto* b = std::get_if<Boxed<ShellRun>>(&run);
        return b ? &**b : nullptr;
    }
    const ShellRun* shell() const
    {
        const auto* b = std::get_if<Boxed<ShellRun>>(&run);
        return b ? &**b : nullptr;
    }
    ModelRun* model()
    {
        auto* b = std::get_if<Boxed<ModelRun>>(&run);
        return b ? &**b : nullptr;
    }
    const ModelRun* model() const
    {
        const auto* b = std::get_if<Boxed<ModelRun>>(&run);
        return b ? &**b : nullptr;
    }
};

// Everything a container is, as one value.
struct ContainerState {
    ContainerConfig config;

    // The root file system: the image's unpacked files, shared by every container of the image, until a process
    // writes or needs the kubelet's injected files; then `own`, this container's copy with them written.
    // Copies of the container share `own` until one of them writes again.
    std::shared_ptr<const fs::FileSystem> base;
    std::shared_ptr<fs::FileSystem> own;

    bool started = false;
    SimTime startedAt = 0;
    std::optional<Termination> termination;
    SimTime clock = 0; // the latest time the processes have run to
    EnvironmentBlock env;
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string user;
    std::string home;
    std::string cwd = "/";
    int nodeCpus = 1;

    std::vector<Process> processes; // by pid; PID 1 first while it runs
    int nextPid = 2;
    uint64_t execs = 0;
    bool oomKilled = false;

    ContainerLog log;

    int depth = 0; // nesting of calls into this container (a request to itself from one of its processes)

    // Derived from the rest, for speed; not compared.
    CommandCache commands;
    std::vector<ServedFile> served;

    bool operator==(const ContainerState& other) const;
};

} // namespace podlab::sim::runtime::detail
