#include "admission.h"
#include "serviceaccountadmission.h"

#include "podpresetadmission.h"

#include <algorithm>

namespace podlab::sim {

namespace {

void addDefaultTolerations(api::Pod& pod, int64_t seconds)
{
    for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"}) {
        const bool tolerated = std::any_of(pod.spec.tolerations.begin(), pod.spec.tolerations.end(), [&](const auto& t) {
            return (t.key == key || (t.key.empty() && t.operator_ == "Exists")) &&
                   (t.effect.empty() || t.effect == "NoExecute");
        });
        if (!tolerated)
            pod.spec.tolerations.push_back({key, "Exists", "", "NoExecute", seconds});
    }
}

} // namespace

std::optional<ApiError> admit(api::Pod& pod, ClusterContext& ctx)
{
    // First, as in 1.11–1.12, where the PodPreset plugin ran before the ServiceAccount plugin.
    if (auto problem = PodPresetAdmission::admit(pod, ctx))
        return problem;
    if (pod.spec.serviceAccountName.empty())
        pod.spec.serviceAccountName = pod.spec.serviceAccount.empty() ? "default" : pod.spec.serviceAccount;
    pod.spec.serviceAccount = pod.spec.serviceAccountName; // the deprecated field mirrors the real one
    const auto account = ctx.store.get<api::ServiceAccount>(pod.metadata.namespace_, pod.spec.serviceAccountName);
    if (!account)
        return ApiError{"Forbidden", "pods \"" + pod.metadata.name + "\" is forbidden: error looking up service account " +
                                         pod.metadata.namespace_ + "/" + pod.spec.serviceAccountName +
                                         ": serviceaccount \"" + pod.spec.serviceAccountName + "\" not found"};
    if (!pod.metadata.annotations.count("kubernetes.io/config.mirror") &&
        ServiceAccountAdmission::shouldAutomount(*account, pod)) {
        if (ctx.config.profile == VersionProfile::Modern)
            ServiceAccountAdmission::mountToken(pod, ctx);
        else if (auto problem = ServiceAccountAdmission::mountSecretToken(pod, *account, ctx))
            return problem;
    }
    addDefaultTolerations(pod, ctx.config.defaultTolerationSeconds);
    if (!pod.spec.priority)
        pod.spec.priority = 0;
    if (ctx.config.profile == VersionProfile::Modern && !pod.spec.preemptionPolicy)
        pod.spec.preemptionPolicy = "PreemptLowerPriority";
    return std::nullopt;
}

} // namespace podlab::sim
