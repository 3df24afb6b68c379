#pragma once

#include "configsources.h"
#include "kubectlcommand.h"

#include <string>
#include <vector>

namespace podlab::sim::kubectl {

enum class ConfigKind { ConfigMap, Secret };

// One `kubectl create configmap NAME …` or `kubectl create secret generic NAME …`, its flags as given.
struct CreateConfigCommand {
    ConfigKind kind = ConfigKind::ConfigMap;
    std::vector<std::string> names; // the arguments after the kind: exactly one is a name
    ConfigSources sources;
    std::string secretType;          // --type
    std::vector<std::string> dryRun; // each --dry-run, "true" where the flag stood alone
    std::string output;              // -o
    std::string namespace_;          // where the object goes
    bool namespaceFlag = false;      // -n was given: a client dry run writes it into the object it prints
    std::string directory;           // where the kubectl process runs: relative source paths start here
};

// Builds the object from its sources, has the API server create it (or, for --dry-run=server, a copy of the
// cluster; --dry-run=client sends nothing) and prints what kubectl prints: "configmap/NAME created", the
// object (-o yaml|json, as the typed object kubectl holds, so JSON keys come in Go's field order) or its
// name.
void createConfig(Cluster& cluster, const CreateConfigCommand& command, CommandOutput& out);

// What `kubectl create secret ARGS` says when ARGS do not start with `generic`: its help (PodLab's is
// abbreviated) or an unknown command. docker-registry and tls secrets are not simulated.
void secretSubcommandMissing(const std::vector<std::string>& args, CommandOutput& out);

} // namespace podlab::sim::kubectl
