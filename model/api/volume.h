#pragma once

#include "container.h"
#include "sharedoptional.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

struct KeyToPath {
    std::string key;
    std::string path;
    std::optional<int32_t> mode;
    bool operator==(const KeyToPath&) const = default;
};

struct HostPathVolumeSource {
    std::string path;
    std::optional<std::string> type;
    bool operator==(const HostPathVolumeSource&) const = default;
};

struct EmptyDirVolumeSource {
    std::string medium; // "" (node disk) or "Memory" (tmpfs)
    std::optional<Quantity> sizeLimit;
    bool operator==(const EmptyDirVolumeSource&) const = default;
};

struct SecretVolumeSource {
    std::string secretName;
    std::vector<KeyToPath> items;
    std::optional<int32_t> defaultMode;
    std::optional<bool> optional;
    bool operator==(const SecretVolumeSource&) const = default;
};

struct ConfigMapVolumeSource {
    std::string name;
    std::vector<KeyToPath> items;
    std::optional<int32_t> defaultMode;
    std::optional<bool> optional;
    bool operator==(const ConfigMapVolumeSource&) const = default;
};

struct PersistentVolumeClaimVolumeSource {
    std::string claimName;
    bool readOnly = false;
    bool operator==(const PersistentVolumeClaimVolumeSource&) const = default;
};

struct DownwardAPIVolumeFile {
    std::string path;
    std::optional<ObjectFieldSelector> fieldRef;
    std::optional<ResourceFieldSelector> resourceFieldRef;
    std::optional<int32_t> mode;
    bool operator==(const DownwardAPIVolumeFile&) const = default;
};

struct DownwardAPIVolumeSource {
    std::vector<DownwardAPIVolumeFile> items;
    std::optional<int32_t> defaultMode;
    bool operator==(const DownwardAPIVolumeSource&) const = default;
};

struct SecretProjection {
    std::string name;
    std::vector<KeyToPath> items;
    std::optional<bool> optional;
    bool operator==(const SecretProjection&) const = default;
};

struct ConfigMapProjection {
    std::string name;
    std::vector<KeyToPath> items;
    std::optional<bool> optional;
    bool operator==(const ConfigMapProjection&) const = default;
};

struct DownwardAPIProjection {
    std::vector<DownwardAPIVolumeFile> items;
    bool operator==(const DownwardAPIProjection&) const = default;
};

struct ServiceAccountTokenProjection {
    std::string audience;
    std::optional<int64_t> expirationSeconds;
    std::string path;
    bool operator==(const ServiceAccountTokenProjection&) const = default;
};

struct VolumeProjection {
    std::optional<SecretProjection> secret;
    std::optional<DownwardAPIProjection> downwardAPI;
    std::optional<ConfigMapProjection> configMap;
    std::optional<ServiceAccountTokenProjection> serviceAccountToken;
    Unmodelled unmodelled; // clusterTrustBundle
    bool operator==(const VolumeProjection&) const = default;
};

struct ProjectedVolumeSource {
    std::vector<VolumeProjection> sources;
    std::optional<int32_t> defaultMode;
    bool operator==(const ProjectedVolumeSource&) const = default;
};

// The sources are copy on write (SharedOptional): every pod's kube-api-access volume projects the same
// sources, and a Deployment's pods share their template's.
struct Volume {
    std::string name;
    SharedOptional<HostPathVolumeSource> hostPath;
    SharedOptional<EmptyDirVolumeSource> emptyDir;
    SharedOptional<SecretVolumeSource> secret;
    SharedOptional<PersistentVolumeClaimVolumeSource> persistentVolumeClaim;
    SharedOptional<DownwardAPIVolumeSource> downwardAPI;
    SharedOptional<ConfigMapVolumeSource> configMap;
    SharedOptional<ProjectedVolumeSource> projected;
    Unmodelled unmodelled; // nfs, csi, ephemeral, … : accepted, not simulated
    bool operator==(const Volume&) const = default;

    // How many sources are set (the API server requires exactly one).
    int sourceCount() const
    {
        return int(hostPath.has_value()) + int(emptyDir.has_value()) + int(secret.has_value()) +
               int(persistentVolumeClaim.has_value()) + int(downwardAPI.has_value()) +
               int(configMap.has_value()) + int(projected.has_value()) + int(unmodelled.size());
    }
};

} // namespace podlab::api
