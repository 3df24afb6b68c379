#pragma once

#include "context.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

// An error as the API server returns it; kubectl prints it as
// "Error from server (<reason>): <message>".
struct ApiError {
    std::string reason; // AlreadyExists, NotFound, Invalid, Forbidden, Conflict, BadRequest, MethodNotAllowed
    std::string message;
    // An Invalid error's details, which kubectl prints instead of the message: "The <kind> "<name>" is
    // invalid: <field>: <message>", one cause per line when there are several.
    struct Cause {
        std::string field;   // spec.schedulingGates[0].name
        std::string message; // Forbidden: only deletion is allowed, …
        bool operator==(const Cause&) const = default;
    };
    std::string kind{};
    std::string name{};
    std::vector<Cause> causes{};
    bool operator==(const ApiError&) const = default;
};

struct ApiResult {
    ObjectPtr object; // what was stored (or, for a delete that removed it, the last version)
    std::optional<ApiError> error;
    bool ok() const { return !error; }
};

struct DeleteOptions {
    std::optional<int64_t> gracePeriodSeconds; // unset: the object's own (a pod's terminationGracePeriodSeconds)
    // What happens to the objects it owns: Background (the garbage collector deletes them after it), or Orphan
    // (they lose their owner reference and stay). Foreground is taken as Background: PodLab does not keep the
    // owner, being deleted, until its dependents are gone.
    enum class Propagation { Background, Foreground, Orphan };
    Propagation propagation = Propagation::Background;
};

// The API server's behaviour on top of the store: what create, update and delete do to an object beyond
// storing it — uids, timestamps, generateName, admission (service account, default tolerations, priority,
// PodPreset in the classic profile), and graceful deletion of pods. Objects arrive already defaulted and
// validated (model/manifest does that, as the API server does).
class ApiServer {
public:
    static ApiResult create(api::Object object, ClusterContext& ctx);
    // Replaces an existing object's spec-like content, keeping what the server owns (uid, creation time,
    // status unless `includeStatus`).
    static ApiResult update(api::Object object, ClusterContext& ctx, bool includeStatus = false);
    static ApiResult remove(Kind kind, std::string_view namespace_, std::string_view name, const DeleteOptions& options,
                            ClusterContext& ctx);

    static std::string notFoundMessage(Kind kind, std::string_view name);

    // What ValidatePodUpdate says of replacing `old` with `updated` (empty: the update is allowed). Only the
    // images, activeDeadlineSeconds (set or shortened), added tolerations, removed scheduling gates, a
    // negative terminationGracePeriodSeconds set to 1 and, while gated, additions to the node selector may
    // change in a pod's spec.
    static std::vector<ApiError::Cause> podUpdateErrors(const api::Pod& updated, const api::Pod& old);
    // The Invalid error for `causes`, with the API server's aggregated message.
    static ApiError invalid(std::string_view kind, std::string_view name, std::vector<ApiError::Cause> causes);
};

} // namespace podlab::sim
