#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(KeyToPath)
    .add("key", &Self::key, Always)
    .add("path", &Self::path, Always)
    .add("mode", &Self::mode)
END_FIELDS

FIELDS(HostPathVolumeSource)
    .add("path", &Self::path, Always)
    .add("type", &Self::type)
END_FIELDS

FIELDS(EmptyDirVolumeSource)
    .add("medium", &Self::medium)
    .add("sizeLimit", &Self::sizeLimit)
END_FIELDS

FIELDS(SecretVolumeSource)
    .add("secretName", &Self::secretName)
    .add("items", &Self::items)
    .add("defaultMode", &Self::defaultMode)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(ConfigMapVolumeSource)
    .add("name", &Self::name)
    .add("items", &Self::items)
    .add("defaultMode", &Self::defaultMode)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(PersistentVolumeClaimVolumeSource)
    .add("claimName", &Self::claimName, Always)
    .add("readOnly", &Self::readOnly)
END_FIELDS

FIELDS(DownwardAPIVolumeFile)
    .add("path", &Self::path, Always)
    .add("fieldRef", &Self::fieldRef)
    .add("resourceFieldRef", &Self::resourceFieldRef)
    .add("mode", &Self::mode)
END_FIELDS

FIELDS(DownwardAPIVolumeSource)
    .add("items", &Self::items)
    .add("defaultMode", &Self::defaultMode)
END_FIELDS

FIELDS(SecretProjection)
    .add("name", &Self::name)
    .add("items", &Self::items)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(ConfigMapProjection)
    .add("name", &Self::name)
    .add("items", &Self::items)
    .add("optional", &Self::optional)
END_FIELDS

FIELDS(DownwardAPIProjection)
    .add("items", &Self::items)
END_FIELDS

FIELDS(ServiceAccountTokenProjection)
    .add("audience", &Self::audience)
    .add("expirationSeconds", &Self::expirationSeconds)
    .add("path", &Self::path, Always)
END_FIELDS

FIELDS(VolumeProjection)
    .add("secret", &Self::secret)
    .add("downwardAPI", &Self::downwardAPI)
    .add("configMap", &Self::configMap)
    .add("serviceAccountToken", &Self::serviceAccountToken)
    .unmodelled({"clusterTrustBundle", "podCertificate"})
END_FIELDS

FIELDS(ProjectedVolumeSource)
    .add("sources", &Self::sources)
    .add("defaultMode", &Self::defaultMode)
END_FIELDS

// Every volume source Kubernetes 1.32 serves; the ones PodLab does not simulate are kept as they are.
FIELDS(Volume)
    .add("name", &Self::name, Always)
    .add("hostPath", &Self::hostPath)
    .add("emptyDir", &Self::emptyDir)
    .add("secret", &Self::secret)
    .add("persistentVolumeClaim", &Self::persistentVolumeClaim)
    .add("downwardAPI", &Self::downwardAPI)
    .add("configMap", &Self::configMap)
    .add("projected", &Self::projected)
    .unmodelled({"gcePersistentDisk", "awsElasticBlockStore", "gitRepo", "nfs", "iscsi", "glusterfs", "rbd",
                 "flexVolume", "cinder", "cephfs", "flocker", "fc", "azureFile", "vsphereVolume", "quobyte",
                 "azureDisk", "photonPersistentDisk", "portworxVolume", "scaleIO", "storageos", "csi", "ephemeral",
                 "image"})
END_FIELDS

} // namespace podlab::manifest
