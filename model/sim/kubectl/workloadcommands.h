#pragma once

#include "kubectlcommand.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// The flags the workload commands read, as given (unset when absent).
struct WorkloadFlags {
    std::optional<std::string> replicas;    // scale --replicas
    std::optional<std::string> toRevision;  // rollout undo --to-revision
    std::optional<std::string> revision;    // rollout history --revision
    std::optional<std::string> watch;       // rollout status --watch / -w
};

// `kubectl scale TYPE NAME… --replicas=N` for Deployments and ReplicaSets. `args` follow the verb.
CommandOutput scaleCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args,
                           const WorkloadFlags& flags);

// `kubectl rollout status|history|undo|restart|pause|resume deployment/NAME`. `args` follow the verb.
//
// `rollout status` cannot wait in a scenario (simulated time only moves between steps), so it prints the line
// for the rollout's state now and returns, as `--watch=false` does; the `Waiting for …` lines kubectl would go
// on to print appear by running it again after a `wait`.
CommandOutput rolloutCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args,
                             const WorkloadFlags& flags);

// `kubectl set image TYPE/NAME CONTAINER=IMAGE…` (`*` for every container). `args` follow the verb.
CommandOutput setCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args);

// `kubectl logs|exec deployment/NAME` (or rs/NAME): the pod of the workload's selector that kubectl picks —
// scheduled, running, ready longest (the reverse of controller.ActivePods' order). nullopt when `typeName`
// names no workload (the argument is then a pod's). A null pointer with `error` set when there is none;
// `note` is kubectl's "Found N pods, using pod/…" when there are several.
std::optional<Ptr<api::Pod>> podOfWorkload(const Store& store, const std::string& namespace_, const std::string& typeName,
                                           const std::string& name, api::Time now, std::string& error, std::string& note);

} // namespace podlab::sim::kubectl
