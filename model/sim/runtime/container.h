#pragma once

#include "containerenvironment.h"

#include "sim/core/random.h"
#include "sim/fs/filesystem.h"
#include "api/sharedoptional.h"
#include "sim/images/imagecatalogue.h"
#include "sim/shell/shellprocess.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace podlab::sim::runtime {

namespace detail {
struct TimedLine;
}

// One line (or chunk) a container wrote, as the runtime's log file keeps it: `kubectl logs` prints the text,
// `--timestamps` prefixes the time.
struct LogEntry {
    SimTime time = 0;
    bool stderr_ = false;
    std::string text;
    bool operator==(const LogEntry&) const = default;
};

// What the kubelet asks the runtime to create: the container's id, its image (resolved by the kubelet's image
// manager), the command line after Kubernetes' command/args rule and $(VAR) expansion, the environment (the
// kubelet's variables; the runtime adds the image's ENV first and HOSTNAME), working directory and the
// memory limit the kernel enforces (0: none).
struct ContainerConfig {
    std::string id;   // 64 hex digits
    std::string name; // the spec's container name
    // Shared by the node's containers of one image (runtime::ImageFileSystems::resolved): 400 bytes of names
    // and digests, the same in each. Empty: a bare container of no image.
    api::SharedOptional<ResolvedImage> image;
    const std::shared_ptr<const ImageContent>& imageContent() const
    {
        static const std::shared_ptr<const ImageContent> none;
        return image ? image->content : none;
    }
    std::vector<std::string> command; // Pod's command (before the image's entrypoint rule)
    std::vector<std::string> args;
    std::vector<std::pair<std::string, std::string>> env; // merged into the environment by start(), then dropped
    std::string workingDir;
    int64_t memoryLimitBytes = 0;
    int64_t cpuLimitMillis = 0;
    // Files the kubelet writes into the container's root before it starts: /etc/hosts, /etc/hostname,
    // /etc/resolv.conf (path -> content).
    std::vector<std::pair<std::string, std::string>> injectedFiles;
    // More of them, whose contents the environment gives when the container first needs them
    // (ContainerEnvironment::injectedFiles): the kubelet's way, so that 150 000 containers do not each hold a
    // hosts file and a resolv.conf they almost never read. One list shared by the containers it fits.
    std::shared_ptr<const std::vector<std::string>> injectedPaths;
    bool tty = false;
    bool stdinOpen = false;
    // The image's files as the node unpacked them (runtime::ImageFileSystems), shared by every container of the
    // image until one writes; when empty, the container unpacks its own copy.
    std::shared_ptr<const fs::FileSystem> imageFiles;
};

struct StartResult {
    bool ok = true;
    // "StartError" (runc could not exec the command) or "CreateContainerError" (there is no command at all:
    // the container is never created, its state stays waiting).
    std::string reason;
    // When exec fails: containerd's StartError text (the container terminates with exit code 128 and
    // reason StartError), e.g. `failed to create containerd task: … exec: "foo": executable file not found in
    // $PATH: unknown`.
    std::string error;
};

// Why a container ended, as the runtime reports it in containerStatus.state.terminated.
struct Termination {
    int exitCode = 0;
    int signal = 0;      // the signal that killed it, if any (Kubernetes shows exit code 128+n and no signal)
    std::string reason;  // Completed, Error, OOMKilled, StartError
    std::string message;
    SimTime finishedAt = 0;
    bool operator==(const Termination&) const = default;
};

// The result of running a command inside a running container (kubectl exec, exec probes, exec hooks).
struct ExecResult {
    bool started = true;  // false: the command could not be run at all (message in `error`)
    std::string error;    // e.g. OCI runtime exec failed: exec failed: … executable file not found in $PATH
    int exitCode = 0;
    std::string out;      // stdout
    std::string err;      // stderr
    bool timedOut = false;
    SimTime duration = 0; // how long it ran, in simulated time
};

// What one exec or request left in the container, when the runtime can promise that the same exec or request,
// made again while nothing else happens in the container, gets the same answer and leaves the same again: the
// kubelet then need not make a steady probe's runs one by one, and repeat() adds what they would have left.
struct RunEcho {
    bool repeatable = false;
    bool exec = false;    // an exec: uses up one exec number and one pid
    int serverPid = 0;    // a request: the server that counts it
    std::shared_ptr<const detail::TimedLine> accessLine; // … and the access-log line it writes, if any
    bool accessToStderr = false;
    bool operator==(const RunEcho&) const = default;
};

// One container instance of the simulated runtime (containerd + runc): a value the kubelet owns. Its PID 1
// follows the behaviour model of the program it runs (resources/images/catalogue.yaml): a shell script, a
// static web server, a scripted HTTP server, a memory hog, … It writes to its log, serves requests, reacts
// to signals as that program does, and exits with the code and reason Kubernetes shows.
class Container {
public:
    Container() = default;
    explicit Container(ContainerConfig config);

    const ContainerConfig& config() const;
    const std::string& id() const;

    // Starts PID 1 (the command line from the image config and the Pod's command/args, through any
    // entrypoint wrapper) and runs what it does at once (a script's first commands, a server's startup
    // lines). Fails as runc does when the binary is missing. Then wake() tells when it next needs to run.
    StartResult start(ContainerEnvironment& env);

    // Lets the container's processes run what is due at env.now(); returns when it wants to run again
    // (INT64_MAX: only a signal, a request or an exec will make it do anything).
    SimTime wake(ContainerEnvironment& env);

    // Sends a signal to PID 1 (the stop signal on a graceful stop, SIGKILL at the end of the grace period).
    // Returns when the container wants to run again because of it.
    SimTime signal(int signal, ContainerEnvironment& env);

    bool running() const;
    const std::optional<Termination>& termination() const;
    SimTime startedAt() const;

    // Runs `argv` as a new process in the container until it exits or `timeout` passes (exec probes, hooks,
    // kubectl exec). `stdinData` is what it reads on standard input. The call returns at once: the command's
    // sleeps run in its own simulated time (capped by the timeout; when it is 0, by the kubelet's 4 h stream
    // idle timeout), `duration` says how long it took, and the container's other processes are moved on to
    // that time with it (so a preStop hook's `while killall -0 nginx; do sleep 1; done` sees nginx exit).
    // `echo`, if given, says whether and how the run can be repeated without running it (RunEcho).
    ExecResult exec(const std::vector<std::string>& argv, ContainerEnvironment& env, SimTime timeout,
                    const std::string& stdinData = {}, RunEcho* echo = nullptr);

    // Network service: whether a process listens on the port now (after its startup time), and the answer
    // to a request sent to it. nullopt when nothing listens (connection refused).
    bool listens(int port, bool udp = false) const;
    std::optional<shell::HttpResponse> serveHttp(int port, const shell::HttpRequest& request, ContainerEnvironment& env,
                                                 RunEcho* echo = nullptr);
    // What `count` more runs of a repeatable exec or request would leave, the first at `first` and then every
    // `period`, as if each had been made then with nothing else happening in between: exec numbers and pids
    // used up, requests counted, access-log lines written (rotation included), the processes' clock moved on.
    void repeat(const RunEcho& echo, SimTime first, SimTime period, uint64_t count);
    // The gRPC health service on `port` for `service` ("" is the server): "SERVING", "NOT_SERVING", or ""
    // when nothing answers gRPC there.
    std::string grpcHealth(int port, const std::string& service, ContainerEnvironment& env) const;

    // What it uses now: resident memory in bytes and CPU in millicores (for OOM kills and kubectl top).
    int64_t memoryBytes(SimTime now) const;
    int64_t cpuMillicores(SimTime now) const;

    // The log as `kubectl logs` reads it. By value: the runtime keeps repeated lines compactly and writes them
    // out here.
    std::vector<LogEntry> logs() const;
    std::vector<shell::ProcessInfo> processes() const;
    // The container's root file system (without the pod's volumes): the image's files and the container's
    // own changes, for views that show it.
    const fs::FileSystem& rootFileSystem() const;

    bool operator==(const Container&) const;

private:
    struct State;
    std::shared_ptr<State> m_state; // copy-on-write: copies share until one changes (see detach())
    State& detach();
};

// A container id as containerd makes them: 64 hex digits from the cluster's random source.
std::string newContainerId(Random& random);

} // namespace podlab::sim::runtime
