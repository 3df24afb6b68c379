#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(NodeSelectorRequirement)
    .add("key", &Self::key, Always)
    .add("operator", &Self::operator_, Always)
    .add("values", &Self::values)
END_FIELDS

FIELDS(NodeSelectorTerm)
    .add("matchExpressions", &Self::matchExpressions)
    .add("matchFields", &Self::matchFields)
END_FIELDS

FIELDS(NodeSelector)
    .add("nodeSelectorTerms", &Self::nodeSelectorTerms)
END_FIELDS

FIELDS(PreferredSchedulingTerm)
    .add("weight", &Self::weight, Always)
    .add("preference", &Self::preference)
END_FIELDS

FIELDS(NodeAffinity)
    .add("requiredDuringSchedulingIgnoredDuringExecution", &Self::requiredDuringSchedulingIgnoredDuringExecution)
    .add("preferredDuringSchedulingIgnoredDuringExecution", &Self::preferredDuringSchedulingIgnoredDuringExecution)
END_FIELDS

FIELDS(Affinity)
    .add("nodeAffinity", &Self::nodeAffinity)
    .unmodelled({"podAffinity", "podAntiAffinity"})
END_FIELDS

FIELDS(Toleration)
    .add("key", &Self::key)
    .add("operator", &Self::operator_)
    .add("value", &Self::value)
    .add("effect", &Self::effect)
    .add("tolerationSeconds", &Self::tolerationSeconds)
END_FIELDS

FIELDS(HostAlias)
    .add("ip", &Self::ip, Always)
    .add("hostnames", &Self::hostnames)
END_FIELDS

FIELDS(PodDNSConfigOption)
    .add("name", &Self::name)
    .add("value", &Self::value)
END_FIELDS

FIELDS(PodDNSConfig)
    .add("nameservers", &Self::nameservers)
    .add("searches", &Self::searches)
    .add("options", &Self::options)
END_FIELDS

FIELDS(PodSchedulingGate)
    .add("name", &Self::name, Always)
END_FIELDS

FIELDS(PodReadinessGate)
    .add("conditionType", &Self::conditionType, Always)
END_FIELDS

FIELDS(PodSpec)
    .add("volumes", &Self::volumes)
    .add("initContainers", &Self::initContainers)
    .add("containers", &Self::containers)
    .add("restartPolicy", &Self::restartPolicy)
    .add("terminationGracePeriodSeconds", &Self::terminationGracePeriodSeconds)
    .add("activeDeadlineSeconds", &Self::activeDeadlineSeconds)
    .add("dnsPolicy", &Self::dnsPolicy)
    .add("nodeSelector", &Self::nodeSelector)
    .add("serviceAccountName", &Self::serviceAccountName)
    .add("serviceAccount", &Self::serviceAccount)
    .add("automountServiceAccountToken", &Self::automountServiceAccountToken)
    .add("nodeName", &Self::nodeName)
    .add("hostNetwork", &Self::hostNetwork)
    .add("hostPID", &Self::hostPID)
    .add("hostIPC", &Self::hostIPC)
    .add("shareProcessNamespace", &Self::shareProcessNamespace)
    .add("imagePullSecrets", &Self::imagePullSecrets)
    .add("hostname", &Self::hostname)
    .add("subdomain", &Self::subdomain)
    .add("affinity", &Self::affinity)
    .add("schedulerName", &Self::schedulerName)
    .add("tolerations", &Self::tolerations)
    .add("hostAliases", &Self::hostAliases)
    .add("priorityClassName", &Self::priorityClassName)
    .add("priority", &Self::priority)
    .add("dnsConfig", &Self::dnsConfig)
    .add("readinessGates", &Self::readinessGates)
    .add("runtimeClassName", &Self::runtimeClassName)
    .add("enableServiceLinks", &Self::enableServiceLinks)
    .add("preemptionPolicy", &Self::preemptionPolicy)
    .add("overhead", &Self::overhead)
    .add("setHostnameAsFQDN", &Self::setHostnameAsFQDN)
    .add("hostUsers", &Self::hostUsers)
    .add("schedulingGates", &Self::schedulingGates)
    .unmodelled({"securityContext", "ephemeralContainers", "topologySpreadConstraints", "os", "resourceClaims",
                 "resources"})
END_FIELDS

FIELDS(PodCondition)
    .add("type", &Self::type, Always)
    .add("status", &Self::status, Always)
    .add("lastProbeTime", &Self::lastProbeTime)
    .add("lastTransitionTime", &Self::lastTransitionTime)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
END_FIELDS

FIELDS(ContainerStateWaiting)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
END_FIELDS

FIELDS(ContainerStateRunning)
    .add("startedAt", &Self::startedAt)
END_FIELDS

FIELDS(ContainerStateTerminated)
    .add("exitCode", &Self::exitCode, Always)
    .add("signal", &Self::signal)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
    .add("startedAt", &Self::startedAt)
    .add("finishedAt", &Self::finishedAt)
    .add("containerID", &Self::containerID)
END_FIELDS

FIELDS(ContainerState)
    .add("waiting", &Self::waiting)
    .add("running", &Self::running)
    .add("terminated", &Self::terminated)
END_FIELDS

FIELDS(ContainerStatus)
    .add("name", &Self::name, Always)
    .add("state", &Self::state)
    .add("lastState", &Self::lastState)
    .add("ready", &Self::ready, Always)
    .add("restartCount", &Self::restartCount, Always)
    .add("image", &Self::image, Always)
    .add("imageID", &Self::imageID, Always)
    .add("containerID", &Self::containerID)
    .add("started", &Self::started)
    .unmodelled({"allocatedResources", "resources", "volumeMounts", "user", "allocatedResourcesStatus"})
END_FIELDS

FIELDS(PodIP)
    .add("ip", &Self::ip, Always)
END_FIELDS

FIELDS(PodStatus)
    .add("phase", &Self::phase)
    .add("conditions", &Self::conditions)
    .add("message", &Self::message)
    .add("reason", &Self::reason)
    .add("nominatedNodeName", &Self::nominatedNodeName)
    .add("hostIP", &Self::hostIP)
    .add("hostIPs", &Self::hostIPs)
    .add("podIP", &Self::podIP)
    .add("podIPs", &Self::podIPs)
    .add("startTime", &Self::startTime)
    .add("initContainerStatuses", &Self::initContainerStatuses)
    .add("containerStatuses", &Self::containerStatuses)
    .add("qosClass", &Self::qosClass)
    .unmodelled({"ephemeralContainerStatuses", "resize", "resourceClaimStatuses"})
END_FIELDS

FIELDS(Pod)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

FIELDS(PodTemplateSpec)
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
END_FIELDS

} // namespace podlab::manifest
