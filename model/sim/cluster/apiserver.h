#pragma once

#include "context.h"

#include <optional>
#include <string>

namespace podlab::sim {

// An error as the API server returns it; kubectl prints it as
// "Error from server (<reason>): <message>".
struct ApiError {
    std::string reason; // AlreadyExists, NotFound, Invalid, Forbidden, Conflict, BadRequest, MethodNotAllowed
    std::string message;
    bool operator==(const ApiError&) const = default;
};

struct ApiResult {
    ObjectPtr object; // what was stored (or, for a delete that removed it, the last version)
    std::optional<ApiError> error;
    bool ok() const { return !error; }
};

struct DeleteOptions {
    std::optional<int64_t> gracePeriodSeconds; // unset: the object's own (a pod's terminationGracePeriodSeconds)
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
};

} // namespace podlab::sim
