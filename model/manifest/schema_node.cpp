#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(Taint)
    .add("key", &Self::key, Always)
    .add("value", &Self::value)
    .add("effect", &Self::effect, Always)
    .add("timeAdded", &Self::timeAdded)
END_FIELDS

FIELDS(NodeSpec)
    .add("podCIDR", &Self::podCIDR)
    .add("podCIDRs", &Self::podCIDRs)
    .add("providerID", &Self::providerID)
    .add("unschedulable", &Self::unschedulable)
    .add("taints", &Self::taints)
    .unmodelled({"configSource", "externalID"})
END_FIELDS

FIELDS(NodeCondition)
    .add("type", &Self::type, Always)
    .add("status", &Self::status, Always)
    .add("lastHeartbeatTime", &Self::lastHeartbeatTime)
    .add("lastTransitionTime", &Self::lastTransitionTime)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
END_FIELDS

FIELDS(NodeAddress)
    .add("type", &Self::type, Always)
    .add("address", &Self::address, Always)
END_FIELDS

FIELDS(NodeSystemInfo)
    .add("machineID", &Self::machineID, Always)
    .add("systemUUID", &Self::systemUUID, Always)
    .add("bootID", &Self::bootID, Always)
    .add("kernelVersion", &Self::kernelVersion, Always)
    .add("osImage", &Self::osImage, Always)
    .add("containerRuntimeVersion", &Self::containerRuntimeVersion, Always)
    .add("kubeletVersion", &Self::kubeletVersion, Always)
    .add("kubeProxyVersion", &Self::kubeProxyVersion, Always)
    .add("operatingSystem", &Self::operatingSystem, Always)
    .add("architecture", &Self::architecture, Always)
    .unmodelled({"swap"})
END_FIELDS

FIELDS(ContainerImage)
    .add("names", &Self::names)
    .add("sizeBytes", &Self::sizeBytes)
END_FIELDS

FIELDS(NodeStatus)
    .add("capacity", &Self::capacity)
    .add("allocatable", &Self::allocatable)
    .add("phase", &Self::phase)
    .add("conditions", &Self::conditions)
    .add("addresses", &Self::addresses)
    .add("nodeInfo", &Self::nodeInfo)
    .add("images", &Self::images)
    .add("volumesInUse", &Self::volumesInUse)
    .unmodelled({"daemonEndpoints", "volumesAttached", "config", "runtimeHandlers", "features"})
END_FIELDS

FIELDS(Node)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

} // namespace podlab::manifest
