#include "serviceaccountadmission.h"

#include "sim/controllers/rootcacertpublisher.h"
#include "sim/controllers/tokenscontroller.h"
#include "sim/volumes/serviceaccounttoken.h"

#include <algorithm>
#include <utility>

namespace podlab::sim {

bool ServiceAccountAdmission::shouldAutomount(const api::ServiceAccount& account, const api::Pod& pod)
{
    if (pod.spec.automountServiceAccountToken)
        return *pod.spec.automountServiceAccountToken;
    return account.automountServiceAccountToken.value_or(true);
}

api::Volume ServiceAccountAdmission::tokenVolume(std::string name)
{
    // Every pod's volume projects the same sources: one copy for them all.
    static const api::SharedOptional<api::ProjectedVolumeSource> sources = tokenSources();
    api::Volume volume;
    volume.name = std::move(name);
    volume.projected = sources;
    return volume;
}

api::ProjectedVolumeSource ServiceAccountAdmission::tokenSources()
{
    api::VolumeProjection token;
    token.serviceAccountToken = api::ServiceAccountTokenProjection{
        "", ServiceAccountToken::kWarnOnlyExpirationSeconds, "token"};
    api::VolumeProjection ca;
    ca.configMap = api::ConfigMapProjection{
        RootCaCertPublisher::kConfigMapName,
        {api::KeyToPath{RootCaCertPublisher::kDataKey, RootCaCertPublisher::kDataKey, std::nullopt}},
        std::nullopt};
    api::VolumeProjection namespace_;
    api::DownwardAPIVolumeFile file;
    file.path = "namespace";
    file.fieldRef = api::ObjectFieldSelector{"v1", "metadata.namespace"};
    namespace_.downwardAPI = api::DownwardAPIProjection{{std::move(file)}};

    return api::ProjectedVolumeSource{{std::move(token), std::move(ca), std::move(namespace_)}, kDefaultMode};
}

void ServiceAccountAdmission::mountToken(api::Pod& pod, ClusterContext& ctx)
{
    std::string volumeName;
    for (const api::Volume& v : pod.spec.volumes)
        if (v.name.starts_with(kVolumePrefix)) {
            volumeName = v.name; // a pod created from another's YAML keeps its volume
            break;
        }
    const bool hasVolume = !volumeName.empty();
    if (!hasVolume)
        volumeName = kVolumePrefix + ctx.random.nameSuffix();
    if (mountEverywhere(pod, volumeName) && !hasVolume)
        pod.spec.volumes.push_back(tokenVolume(volumeName));
}

std::optional<ApiError> ServiceAccountAdmission::mountSecretToken(api::Pod& pod, const api::ServiceAccount& account,
                                                                  ClusterContext& ctx)
{
    const std::string secretName = TokensController::referencedToken(account, ctx.store);
    if (secretName.empty())
        return ApiError{"ServerTimeout", "No API token found for service account \"" + account.metadata.name +
                                             "\", retry after the token is automatically created and added to the "
                                             "service account"};
    // The volume is named after the Secret (dots made dashes), unless the pod has one of that name already.
    std::string volumeName;
    bool hasVolume = false;
    for (const api::Volume& v : pod.spec.volumes)
        if (v.secret && v.secret->secretName == secretName) {
            volumeName = v.name;
            hasVolume = true;
            break;
        }
    if (!hasVolume) {
        volumeName = secretName;
        std::replace(volumeName.begin(), volumeName.end(), '.', '-');
        const auto& volumes = pod.spec.volumes;
        if (std::any_of(volumes.begin(), volumes.end(), [&](const api::Volume& v) { return v.name == volumeName; }))
            volumeName += "-" + ctx.random.nameSuffix();
    }
    if (mountEverywhere(pod, volumeName) && !hasVolume) {
        api::Volume volume;
        volume.name = volumeName;
        api::SecretVolumeSource source;
        source.secretName = secretName;
        source.defaultMode = kDefaultMode;
        volume.secret = std::move(source);
        pod.spec.volumes.push_back(std::move(volume));
    }
    return std::nullopt;
}

bool ServiceAccountAdmission::mountEverywhere(api::Pod& pod, const std::string& volumeName)
{
    api::VolumeMount mount;
    mount.name = volumeName;
    mount.readOnly = true;
    mount.mountPath = kMountPath;
    bool needed = false;
    auto addTo = [&](api::SharedVector<api::Container>& containers) {
        for (size_t i = 0; i < containers.size(); ++i) {
            const auto& mounts = std::as_const(containers)[i].volumeMounts;
            // A container that mounts something of its own at the path keeps it.
            if (std::any_of(mounts.begin(), mounts.end(), [](const auto& m) { return m.mountPath == kMountPath; }))
                continue;
            containers[i].volumeMounts.push_back(mount); // detaches this pod's copy
            needed = true;
        }
    };
    addTo(pod.spec.initContainers);
    addTo(pod.spec.containers);
    return needed;
}

} // namespace podlab::sim
