#pragma once

#include "api/sharedoptional.h"

#include "sim/core/simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// What an executable in an image does, as data: one of a fixed set of behaviour models that the simulated
// container runtime implements, with that model's parameters. resources/images/catalogue.yaml documents every
// model and parameter in its header; the field comments below only say how they are stored.

// One line a program writes. `text` may hold {placeholders} that the runtime fills in when it writes the line
// ({time}, {pid}, {hostname}, ... listed in the catalogue header); `{{vars}}` were already expanded on load.
struct LogLine {
    enum class Stream : uint8_t { Stdout, Stderr };
    Stream stream = Stream::Stdout;
    std::string text;
    // Written only in some runs: "" always; "config-file" / "no-config-file" when the program was (not) given
    // a configuration file argument (tcp-server's configArgSuffix).
    std::string when;
    bool operator==(const LogLine&) const = default;
};

// How a program reacts to one signal. Signals a program does not list keep the kernel's default: ignored by
// PID 1 of a container (nothing installed a handler), fatal (exit 128 + n) for any other process.
struct SignalAction {
    enum class Kind : uint8_t {
        Ignore,       // handled and ignored
        Exit,         // exits with exitCode after delayMillis
        GracefulExit, // stops accepting work, finishes what is in flight, then exits with exitCode
        Reload,       // re-reads its configuration and keeps running
        ReopenLogs,
    };
    Kind kind = Kind::Exit;
    int exitCode = 0;
    SimTime delayMillis = 0;
    std::vector<LogLine> log; // written when the signal arrives
    bool operator==(const SignalAction&) const = default;
};

// A port a server listens on. `flag` and `env` name an option or an environment variable that moves it
// (agnhost netexec --http-port=8080, hello-app's PORT).
struct Listener {
    enum class Protocol : uint8_t { TCP, UDP };
    int port = 0;
    Protocol protocol = Protocol::TCP;
    std::string flag;
    std::string env;
    bool operator==(const Listener&) const = default;
};

// One response of a scripted HTTP route while the program's age (time since it started) is at most
// `untilMillis`; the last phase has no limit.
struct ResponsePhase {
    std::optional<SimTime> untilMillis;
    int status = 200;
    std::string body;
    std::string contentType;
    bool operator==(const ResponsePhase&) const = default;
};

struct Route {
    enum class Match : uint8_t { Exact, Prefix };
    // Static: the phases' responses. The others compute the answer as the named agnhost handler does.
    enum class Handler : uint8_t { Static, Hostname, Echo, Shell, ClientIp, Exit, Header, Now };
    std::string path;
    Match match = Match::Exact;
    Handler handler = Handler::Static;
    std::string param; // query parameter the handler reads (echo: msg, shell: cmd, exit: code, header: key)
    std::vector<ResponsePhase> phases;
    bool operator==(const Route&) const = default;
};

// Arguments a program reads its workload from: `flag` (as `--vm-bytes 150M` or `--vm-bytes=150M`) and the
// value used when it is absent.
struct ArgumentSpec {
    std::string flag;
    std::string defaultValue;
    bool operator==(const ArgumentSpec&) const = default;
};

// A fixed answer to a particular command line, matched on the arguments after argv[0]: `nginx -v` prints
// the version; `nginx -s quit` signals the running master.
struct Invocation {
    std::vector<std::string> args;
    std::vector<LogLine> log;
    int exitCode = 0;
    int signal = 0; // if not 0: sent to the process whose title starts with signalTarget
    std::string signalTarget;
    bool operator==(const Invocation&) const = default;
};

// Processes a program starts beside itself, for `ps` (nginx's workers). count 0 means one per CPU.
struct ChildProcess {
    std::string title;
    std::string user;
    int count = 1;
    bool operator==(const ChildProcess&) const = default;
};

// One rule of an entrypoint script that rewrites the command line and then execs it (the official images'
// docker-entrypoint.sh). Rules apply in order; each sees the arguments the earlier ones left.
struct WrapperRule {
    enum class Condition : uint8_t { Always, FirstArgIs, FirstArgStartsWith, FirstArgEndsWith };
    Condition condition = Condition::Always;
    std::vector<std::string> values; // FirstArgIs: any of them; the other conditions: the first
    std::vector<std::string> prepend;
    std::vector<LogLine> log;
    std::string user; // drop to this user (gosu) before exec
    bool operator==(const WrapperRule&) const = default;
};

struct Program {
    enum class Model : uint8_t {
        Shell,
        Utility,
        HttpServer,
        ScriptedHttp,
        TcpServer,
        GrpcHealth,
        Sleeper,
        MemoryHog,
        CpuBurner,
        Printer,
        Agnhost,
        ExecWrapper,
    };

    Model model = Model::Sleeper;
    std::string name; // agnhost subcommands: the subcommand; otherwise empty

    // Every model.
    SimTime startupMillis = 0;            // from exec until it serves (listening, ready)
    std::vector<LogLine> log;             // written at start
    std::map<int, SignalAction> onSignal; // by signal number
    std::optional<int> exitCode;          // for programs that end by themselves (printer, utility)
    std::string processTitle;             // as `ps` shows it; empty: the command line
    std::string user;                     // user it runs as, if not the image's
    std::vector<ChildProcess> children;
    std::vector<Invocation> invocations;

    // shell: busybox-ash, dash, bash; utility: the toolset flavour (busybox, gnu).
    std::string flavour;
    // shell: the message for a command it cannot find ("{argv0}: {command}: not found"); exit code 127.
    std::string commandNotFound;
    std::vector<std::string> builtins; // shell
    std::string command;               // utility: which utility the runtime runs (cat, sleep, wget, ...)
    std::string toolset;               // utility: the toolset it came from (its messages)

    // Servers (http-server, scripted-http, tcp-server, grpc-health, agnhost subcommands).
    std::vector<Listener> listeners;
    std::string documentRoot;              // http-server
    std::vector<std::string> indexFiles;   // http-server
    bool autoIndex = false;                // http-server: directory listings
    std::string serverHeader;              // http-server, scripted-http
    std::map<int, std::string> errorPages; // http-server: body per status
    std::optional<LogLine> accessLog;      // one line per request
    std::string accessLogTimeFormat;       // strftime format of {time} in accessLog
    std::string timeFormat;                // strftime format of {time} in the other lines
    std::string configFile;                // the configuration it reads at start and on reload
    std::vector<Route> routes;             // scripted-http, grpc-health (its plain HTTP side)
    ResponsePhase notFoundResponse;        // scripted-http: unmatched paths
    std::string protocol;                  // tcp-server: plain, redis, http-proxy
    std::string configArgSuffix;           // tcp-server: the argument naming a config file ends with this
    // tcp-server: configuration defaults (redis CONFIG GET), shared with every server started from it until
    // one changes a setting (150 000 Redis pods, a kilobyte each).
    api::SharedOptional<std::map<std::string, std::string>> settings;
    std::map<std::string, std::string> services; // grpc-health: service name -> SERVING / NOT_SERVING

    // memory-hog, cpu-burner.
    std::map<std::string, ArgumentSpec> arguments; // by role: workers, bytes, hangSeconds, cpus, ...
    SimTime rampMillis = 0;                        // time to reach the full allocation
    int64_t overheadBytes = 0;                     // resident memory besides the allocation

    std::vector<Program> subcommands; // agnhost, by name
    std::vector<LogLine> usage;       // agnhost: output for a missing or unknown subcommand
    std::vector<WrapperRule> rules;   // exec-wrapper

    const Program* subcommand(std::string_view name) const;
    bool operator==(const Program&) const = default;
};

std::string_view modelName(Program::Model model);
std::optional<Program::Model> modelFromName(std::string_view name);

// "TERM", "SIGTERM" or "15" -> 15; 0 if unknown.
int signalNumber(std::string_view name);
// 15 -> "SIGTERM"; "" if unknown.
std::string_view signalName(int number);

} // namespace podlab::sim
