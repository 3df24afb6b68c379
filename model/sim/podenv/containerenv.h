#pragma once

#include "envlist.h"
#include "nodefacts.h"
#include "objectlookup.h"
#include "outcome.h"

#include "api/pod.h"
#include "api/service.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// What happens to envFrom keys that are not valid variable names. Kubernetes before 1.30 skipped them and
// said so in an InvalidEnvironmentVariableNames event; since 1.30 the kubelet passes every key through.
enum class EnvFromKeys { PassThrough, SkipInvalid };

struct EnvContext {
    ObjectLookup objects;                      // the pod's namespace
    std::vector<const api::Service*> services; // every Service the kubelet knows, any namespace
    NodeFacts node;
    EnvFromKeys envFromKeys = EnvFromKeys::PassThrough;
};

struct EnvResult {
    EnvList env;
    // Why the container cannot be created; it becomes the waiting message under CreateContainerConfigError
    // and, prefixed by "Error: ", a Warning event with reason Failed.
    std::string error;
    std::vector<KubeletWarning> warnings;
    bool ok() const { return error.empty(); }
};

// A container's environment exactly as the kubelet builds it (makeEnvironmentVariables): envFrom sources
// first (later ones overwrite earlier keys), then `env` in order (overwriting envFrom), each value either
// `$(VAR)`-expanded against the variables defined so far and the service variables, or resolved from its
// valueFrom; then the service variables not already set. The image's own ENV is the runtime's business.
// The kubelet collects the variables in a Go map, so the order it hands over is random; here the first
// definition of a name fixes its place.
class ContainerEnv {
public:
    static constexpr const char* kConfigErrorReason = "CreateContainerConfigError";
    static constexpr const char* kFailedReason = "Failed";

    static EnvResult build(const api::Pod& pod, const api::Container& container, const EnvContext& context);

    // "Error: <error>", the message of the Failed event for a CreateContainerConfigError.
    static std::string failedEventMessage(std::string_view error);

    // One fieldRef, as the kubelet resolves it for env (podFieldSelectorRuntimeValue).
    static Outcome<std::string> fieldValue(const api::ObjectFieldSelector& selector, const api::Pod& pod,
                                           const NodeFacts& node);

    // One resourceFieldRef for env: the container's own values by default, node allocatable standing in for
    // missing cpu, memory and ephemeral-storage limits (defaultPodLimitsForDownwardAPI).
    static Outcome<std::string> resourceValue(const api::ResourceFieldSelector& selector, const api::Pod& pod,
                                              const api::Container& container, const NodeFacts& node);

    // command and args with `$(VAR)` expanded from the final environment (ExpandContainerCommandAndArgs).
    struct Command {
        std::vector<std::string> command;
        std::vector<std::string> args;
        bool operator==(const Command&) const = default;
    };
    static Command expandCommand(const api::Container& container, const EnvList& env);
};

} // namespace podlab::sim
