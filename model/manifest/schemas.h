#pragma once

// Declares the field table of every API type, so that templates instantiated anywhere find them.
#include "schema.h"

#include "api/object.h"

namespace podlab::manifest {

// MicroTime: RFC 3339 with six fractional digits.
template <>
struct Codec<api::MicroTime> {
    static void decode(api::MicroTime& out, YamlRef node, DecodeContext& ctx) { Codec<api::Time>::decode(out.time, node, ctx); }
    static api::Value encode(const api::MicroTime& v);
    static bool isEmpty(const api::MicroTime&) { return false; }
};

template <>
struct Codec<api::Bytes> {
    static void decode(api::Bytes& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const api::Bytes& v);
    static bool isEmpty(const api::Bytes&) { return false; }
};

#define PODLAB_DECLARE_FIELDS(Type) \
    template <>                     \
    const FieldTable<api::Type>& fieldsOf<api::Type>();

// meta.h
PODLAB_DECLARE_FIELDS(OwnerReference)
PODLAB_DECLARE_FIELDS(ObjectMeta)
PODLAB_DECLARE_FIELDS(ObjectReference)
PODLAB_DECLARE_FIELDS(LocalObjectReference)
PODLAB_DECLARE_FIELDS(LabelSelectorRequirement)
PODLAB_DECLARE_FIELDS(LabelSelector)
// container.h
PODLAB_DECLARE_FIELDS(ExecAction)
PODLAB_DECLARE_FIELDS(HTTPHeader)
PODLAB_DECLARE_FIELDS(HTTPGetAction)
PODLAB_DECLARE_FIELDS(TCPSocketAction)
PODLAB_DECLARE_FIELDS(GRPCAction)
PODLAB_DECLARE_FIELDS(SleepAction)
PODLAB_DECLARE_FIELDS(Probe)
PODLAB_DECLARE_FIELDS(LifecycleHandler)
PODLAB_DECLARE_FIELDS(Lifecycle)
PODLAB_DECLARE_FIELDS(ObjectFieldSelector)
PODLAB_DECLARE_FIELDS(ResourceFieldSelector)
PODLAB_DECLARE_FIELDS(ConfigMapKeySelector)
PODLAB_DECLARE_FIELDS(SecretKeySelector)
PODLAB_DECLARE_FIELDS(EnvVarSource)
PODLAB_DECLARE_FIELDS(EnvVar)
PODLAB_DECLARE_FIELDS(ConfigMapEnvSource)
PODLAB_DECLARE_FIELDS(SecretEnvSource)
PODLAB_DECLARE_FIELDS(EnvFromSource)
PODLAB_DECLARE_FIELDS(ContainerPort)
PODLAB_DECLARE_FIELDS(ResourceRequirements)
PODLAB_DECLARE_FIELDS(VolumeMount)
PODLAB_DECLARE_FIELDS(Container)
// volume.h
PODLAB_DECLARE_FIELDS(KeyToPath)
PODLAB_DECLARE_FIELDS(HostPathVolumeSource)
PODLAB_DECLARE_FIELDS(EmptyDirVolumeSource)
PODLAB_DECLARE_FIELDS(SecretVolumeSource)
PODLAB_DECLARE_FIELDS(ConfigMapVolumeSource)
PODLAB_DECLARE_FIELDS(PersistentVolumeClaimVolumeSource)
PODLAB_DECLARE_FIELDS(DownwardAPIVolumeFile)
PODLAB_DECLARE_FIELDS(DownwardAPIVolumeSource)
PODLAB_DECLARE_FIELDS(SecretProjection)
PODLAB_DECLARE_FIELDS(ConfigMapProjection)
PODLAB_DECLARE_FIELDS(DownwardAPIProjection)
PODLAB_DECLARE_FIELDS(ServiceAccountTokenProjection)
PODLAB_DECLARE_FIELDS(VolumeProjection)
PODLAB_DECLARE_FIELDS(ProjectedVolumeSource)
PODLAB_DECLARE_FIELDS(Volume)
// pod.h
PODLAB_DECLARE_FIELDS(NodeSelectorRequirement)
PODLAB_DECLARE_FIELDS(NodeSelectorTerm)
PODLAB_DECLARE_FIELDS(NodeSelector)
PODLAB_DECLARE_FIELDS(PreferredSchedulingTerm)
PODLAB_DECLARE_FIELDS(NodeAffinity)
PODLAB_DECLARE_FIELDS(Affinity)
PODLAB_DECLARE_FIELDS(Toleration)
PODLAB_DECLARE_FIELDS(HostAlias)
PODLAB_DECLARE_FIELDS(PodDNSConfigOption)
PODLAB_DECLARE_FIELDS(PodDNSConfig)
PODLAB_DECLARE_FIELDS(PodSchedulingGate)
PODLAB_DECLARE_FIELDS(PodReadinessGate)
PODLAB_DECLARE_FIELDS(PodSpec)
PODLAB_DECLARE_FIELDS(PodCondition)
PODLAB_DECLARE_FIELDS(ContainerStateWaiting)
PODLAB_DECLARE_FIELDS(ContainerStateRunning)
PODLAB_DECLARE_FIELDS(ContainerStateTerminated)
PODLAB_DECLARE_FIELDS(ContainerState)
PODLAB_DECLARE_FIELDS(ContainerStatus)
PODLAB_DECLARE_FIELDS(PodIP)
PODLAB_DECLARE_FIELDS(PodStatus)
PODLAB_DECLARE_FIELDS(Pod)
PODLAB_DECLARE_FIELDS(PodTemplateSpec)
// node.h
PODLAB_DECLARE_FIELDS(Taint)
PODLAB_DECLARE_FIELDS(NodeSpec)
PODLAB_DECLARE_FIELDS(NodeCondition)
PODLAB_DECLARE_FIELDS(NodeAddress)
PODLAB_DECLARE_FIELDS(NodeSystemInfo)
PODLAB_DECLARE_FIELDS(ContainerImage)
PODLAB_DECLARE_FIELDS(NodeStatus)
PODLAB_DECLARE_FIELDS(Node)
// config.h
PODLAB_DECLARE_FIELDS(ConfigMap)
PODLAB_DECLARE_FIELDS(Secret)
PODLAB_DECLARE_FIELDS(ServiceAccount)
PODLAB_DECLARE_FIELDS(NamespaceSpec)
PODLAB_DECLARE_FIELDS(NamespaceStatus)
PODLAB_DECLARE_FIELDS(Namespace)
// workloads.h
PODLAB_DECLARE_FIELDS(RollingUpdateDeployment)
PODLAB_DECLARE_FIELDS(DeploymentStrategy)
PODLAB_DECLARE_FIELDS(DeploymentSpec)
PODLAB_DECLARE_FIELDS(DeploymentCondition)
PODLAB_DECLARE_FIELDS(DeploymentStatus)
PODLAB_DECLARE_FIELDS(Deployment)
PODLAB_DECLARE_FIELDS(ReplicaSetSpec)
PODLAB_DECLARE_FIELDS(ReplicaSetCondition)
PODLAB_DECLARE_FIELDS(ReplicaSetStatus)
PODLAB_DECLARE_FIELDS(ReplicaSet)
// service.h
PODLAB_DECLARE_FIELDS(ServicePort)
PODLAB_DECLARE_FIELDS(ServiceSpec)
PODLAB_DECLARE_FIELDS(ServiceStatus)
PODLAB_DECLARE_FIELDS(Service)
PODLAB_DECLARE_FIELDS(EndpointAddress)
PODLAB_DECLARE_FIELDS(EndpointPort)
PODLAB_DECLARE_FIELDS(EndpointSubset)
PODLAB_DECLARE_FIELDS(Endpoints)
// event.h
PODLAB_DECLARE_FIELDS(EventSource)
PODLAB_DECLARE_FIELDS(Event)
// podpreset.h
PODLAB_DECLARE_FIELDS(PodPresetSpec)
PODLAB_DECLARE_FIELDS(PodPreset)
// lease.h
PODLAB_DECLARE_FIELDS(LeaseSpec)
PODLAB_DECLARE_FIELDS(Lease)

#undef PODLAB_DECLARE_FIELDS

} // namespace podlab::manifest
