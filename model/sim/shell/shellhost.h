#pragma once

#include "sim/core/simtime.h"
#include "sim/fs/containerfiles.h"

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace podlab::sim::shell {

// Signal numbers as on Linux x86-64.
enum Signal : int {
    kSigHup = 1,
    kSigInt = 2,
    kSigQuit = 3,
    kSigKill = 9,
    kSigUsr1 = 10,
    kSigUsr2 = 12,
    kSigPipe = 13,
    kSigAlrm = 14,
    kSigTerm = 15,
    kSigChld = 17,
    kSigCont = 18,
    kSigStop = 19,
};

struct HttpRequest {
    std::string method = "GET";
    std::string url; // as given: "http://10.0.0.1:8080/healthz", "localhost"
    std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
    enum class Outcome : uint8_t {
        Ok,               // a response arrived (any status)
        Refused,          // nothing listens: "Connection refused"
        BadAddress,       // the name does not resolve
        TimedOut,         // no answer (a blackholed address)
        NoRoute,          // "No route to host"
    };
    Outcome outcome = Outcome::Refused;
    std::string address; // the resolved IP, shown in messages: "can't connect to remote host (10.0.0.1)"
    int status = 200;
    std::string reason = "OK";
    std::string httpVersion = "HTTP/1.1";
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    SimTime latency = 0; // how long the exchange takes in simulated time
};

struct ConnectResult {
    HttpResponse::Outcome outcome = HttpResponse::Outcome::Refused;
    std::string address;
    SimTime latency = 0;
};

struct ProcessInfo {
    int pid = 0;
    std::string user = "root";
    std::string command; // the command line as `ps` shows it: "nginx: master process nginx -g daemon off;"
    char state = 'S';
    SimTime cpuMillis = 0; // CPU time used so far, ps's TIME column
    uint32_t uid = 0;      // `user` is its name in the /etc/passwd of the process's own container
    bool foreign = false;  // another container's process, seen through the pod's shared PID namespace
};

// What a runtime-modelled program did when the shell ran it (`nginx -s quit`, `redis-cli ping`).
struct ProgramResult {
    enum class Kind : uint8_t {
        Unknown,  // the runtime does not model this program
        Exited,   // finished, after `duration`, with `exitCode`
        Running,  // became a long-running process (a server in the foreground): the shell waits for ever
    };
    Kind kind = Kind::Unknown;
    int exitCode = 0;
    std::string out;
    std::string err;
    SimTime duration = 0;
};

// The world a shell process runs in. The container runtime implements it for one container; tests
// implement a fake. Everything the shell cannot decide alone comes from here, so that the shell itself
// stays a pure, copyable value. Only files(), writeOut() and writeErr() must be implemented; the rest
// describes an isolated container with no network and no other processes.
class ShellHost {
public:
    virtual ~ShellHost() = default;

    // The container's files (root + mounts), valid for the duration of one ShellProcess::run call.
    virtual fs::ContainerFiles& files() = 0;
    // The process's standard output and error where nothing redirected them (container log, exec output).
    virtual void writeOut(std::string_view text) = 0;
    virtual void writeErr(std::string_view text) = 0;

    virtual std::string hostname() const { return "localhost"; }
    // Simulated wall clock for `date` and file times: epoch milliseconds at simulated time `now`.
    virtual int64_t epochMs(SimTime now) const { return now; }
    // Whether the image has this command (`cat`, `/bin/ls`, `curl`): busybox images lack curl, distroless
    // images lack everything. Shell builtins (echo, printf, test, kill, ...) do not ask.
    virtual bool hasCommand(std::string_view name) const
    {
        (void)name;
        return true;
    }
    virtual ProgramResult runProgram(const std::vector<std::string>& argv)
    {
        (void)argv;
        return {};
    }
    virtual HttpResponse httpRequest(const HttpRequest& request)
    {
        (void)request;
        return {};
    }
    virtual ConnectResult tcpConnect(std::string_view host, int port)
    {
        (void)host;
        (void)port;
        return {};
    }
    // Signals another process of the container (or pod, with a shared process namespace). Returns false
    // if there is no such process ("No such process"). Never called for the shell's own pid.
    virtual bool kill(int pid, int signal)
    {
        (void)pid;
        (void)signal;
        return false;
    }
    // Signals every process with this command name; returns how many there were.
    virtual int killAll(std::string_view name, int signal)
    {
        (void)name;
        (void)signal;
        return 0;
    }
    virtual std::vector<ProcessInfo> processes() const { return {}; }
};

} // namespace podlab::sim::shell
