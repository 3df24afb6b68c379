#pragma once

#include "apiserver.h"
#include "context.h"

#include "api/config.h"
#include "api/pod.h"

#include <optional>
#include <string>

namespace podlab::sim {

// The ServiceAccount admission plugin's token mount (plugin/pkg/admission/serviceaccount): unless automount
// is off, every container and init container gets the projected `kube-api-access-<5 random>` volume at
// /var/run/secrets/kubernetes.io/serviceaccount, read-only: a bound token for the pod's service account
// (3607 s), the cluster CA from the namespace's kube-root-ca.crt ConfigMap, and the namespace.
class ServiceAccountAdmission {
public:
    static constexpr const char* kVolumePrefix = "kube-api-access-";
    static constexpr const char* kMountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
    static constexpr int32_t kDefaultMode = 0644;

    // Whether the token is mounted: the pod's automountServiceAccountToken wins, then the account's; on by
    // default.
    static bool shouldAutomount(const api::ServiceAccount& account, const api::Pod& pod);
    // Adds the mount to every container that has nothing at the mount path yet, and the volume if one of them
    // needed it and the pod has no kube-api-access volume already. The name suffix comes from ctx.random.
    static void mountToken(api::Pod& pod, ClusterContext& ctx);
    // The projected volume admission injects.
    static api::Volume tokenVolume(std::string name);
    // The classic profile's mount (1.11–1.12): the account's token Secret (TokensController) as a secret volume
    // named after it, at the same path. Without one yet the pod is refused with the API server's ServerTimeout.
    static std::optional<ApiError> mountSecretToken(api::Pod& pod, const api::ServiceAccount& account,
                                                    ClusterContext& ctx);

private:
    // Mounts `volumeName` at kMountPath in every container without a mount there; whether any needed it.
    static bool mountEverywhere(api::Pod& pod, const std::string& volumeName);
    static api::ProjectedVolumeSource tokenSources();
};

} // namespace podlab::sim
