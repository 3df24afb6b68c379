#pragma once

#include "edit.h"

#include "sim/cluster/cluster.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::kubectl {

// What a kubectl command wrote and how it ended, as a terminal would show it.
struct CommandOutput {
    std::string out;
    std::string err;
    int exitCode = 0;
    bool operator==(const CommandOutput&) const = default;
};

// Where a kubectl session runs: the folder `-f` paths are relative to, the current namespace, and the editor
// `kubectl edit` opens (none: the person saves the file as it was).
struct Session {
    std::string directory = ".";
    std::string namespace_ = "default";
    Editor editor;
};

// The kubectl emulator: parses a command line as kubectl does (flags anywhere, -o/-n/-l/-f/-c, `--` before
// an exec command) and runs it against a cluster at its current time, printing what kubectl prints. The
// scenario runner, lessons and the GUI's console all use this one implementation.
class Kubectl {
public:
    Kubectl(Cluster& cluster, Session session = {}) : m_cluster(cluster), m_session(std::move(session)) {}

    // "kubectl get pods -o wide" (the leading "kubectl" is optional).
    CommandOutput run(std::string_view commandLine);
    CommandOutput run(std::vector<std::string> args);
    Session& session() { return m_session; }

private:
    Cluster& m_cluster;
    Session m_session;
};

// How kubectl's checkErr words an Invalid error: "The Pod \"web\" is invalid: <field>: <message>", one cause
// per line ("* field: message") when there are several.
std::string invalidMessage(const ApiError& e);

// Splits a command line as a POSIX shell would (quotes, backslashes), without expansions. Sets `error` on an
// unterminated quote.
std::vector<std::string> splitCommandLine(std::string_view line, std::string* error = nullptr);

} // namespace podlab::sim::kubectl
