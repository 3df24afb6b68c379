#pragma once

#include "container.h"
#include "meta.h"
#include "sharedoptional.h"
#include "sharedvector.h"
#include "volume.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

// --- scheduling constraints ------------------------------------------------------------------------------

struct NodeSelectorRequirement {
    std::string key;
    std::string operator_; // In, NotIn, Exists, DoesNotExist, Gt, Lt
    std::vector<std::string> values;
    bool operator==(const NodeSelectorRequirement&) const = default;
};

struct NodeSelectorTerm {
    std::vector<NodeSelectorRequirement> matchExpressions;
    std::vector<NodeSelectorRequirement> matchFields;
    bool operator==(const NodeSelectorTerm&) const = default;
};

struct NodeSelector {
    std::vector<NodeSelectorTerm> nodeSelectorTerms;
    bool operator==(const NodeSelector&) const = default;
};

struct PreferredSchedulingTerm {
    int32_t weight = 0;
    NodeSelectorTerm preference;
    bool operator==(const PreferredSchedulingTerm&) const = default;
};

struct NodeAffinity {
    std::optional<NodeSelector> requiredDuringSchedulingIgnoredDuringExecution;
    std::vector<PreferredSchedulingTerm> preferredDuringSchedulingIgnoredDuringExecution;
    bool operator==(const NodeAffinity&) const = default;
};

struct Affinity {
    std::optional<NodeAffinity> nodeAffinity;
    Unmodelled unmodelled; // podAffinity, podAntiAffinity
    bool operator==(const Affinity&) const = default;
};

struct Toleration {
    std::string key;
    std::string operator_; // Equal (default) or Exists
    std::string value;
    std::string effect; // NoSchedule, PreferNoSchedule, NoExecute, or "" for all
    std::optional<int64_t> tolerationSeconds;
    bool operator==(const Toleration&) const = default;
};

struct HostAlias {
    std::string ip;
    std::vector<std::string> hostnames;
    bool operator==(const HostAlias&) const = default;
};

struct PodDNSConfigOption {
    std::string name;
    std::optional<std::string> value;
    bool operator==(const PodDNSConfigOption&) const = default;
};

struct PodDNSConfig {
    std::vector<std::string> nameservers;
    std::vector<std::string> searches;
    std::vector<PodDNSConfigOption> options;
    bool operator==(const PodDNSConfig&) const = default;
};

struct PodSchedulingGate {
    std::string name;
    bool operator==(const PodSchedulingGate&) const = default;
};

struct PodReadinessGate {
    std::string conditionType;
    bool operator==(const PodReadinessGate&) const = default;
};

struct PodSpec {
    SharedVector<Volume> volumes; // shared by every version of the pod the kubelet writes
    SharedVector<Container> initContainers;
    SharedVector<Container> containers;
    std::string restartPolicy;
    std::optional<int64_t> terminationGracePeriodSeconds;
    std::optional<int64_t> activeDeadlineSeconds;
    std::string dnsPolicy;
    StringMap nodeSelector;
    std::string serviceAccountName;
    std::string serviceAccount; // deprecated alias of serviceAccountName
    std::optional<bool> automountServiceAccountToken;
    std::string nodeName;
    bool hostNetwork = false;
    bool hostPID = false;
    bool hostIPC = false;
    std::optional<bool> shareProcessNamespace;
    std::vector<LocalObjectReference> imagePullSecrets;
    std::string hostname;
    std::string subdomain;
    SharedOptional<Affinity> affinity;
    std::string schedulerName;
    SharedVector<Toleration> tolerations;
    std::vector<HostAlias> hostAliases;
    std::string priorityClassName;
    std::optional<int32_t> priority;
    SharedOptional<PodDNSConfig> dnsConfig;
    std::vector<PodReadinessGate> readinessGates;
    std::optional<std::string> runtimeClassName;
    std::optional<bool> enableServiceLinks;
    std::optional<std::string> preemptionPolicy;
    ResourceList overhead;
    std::optional<bool> setHostnameAsFQDN;
    std::optional<bool> hostUsers;
    std::vector<PodSchedulingGate> schedulingGates;
    // securityContext, ephemeralContainers, topologySpreadConstraints, os, resourceClaims, resources
    Unmodelled unmodelled;
    bool operator==(const PodSpec&) const = default;
};

// --- status -------------------------------------------------------------------------------------------------

struct PodCondition {
    std::string type;
    std::string status; // "True", "False", "Unknown"
    Time lastProbeTime;
    Time lastTransitionTime;
    std::string reason;
    std::string message;
    bool operator==(const PodCondition&) const = default;
};

struct ContainerStateWaiting {
    std::string reason;
    std::string message;
    bool operator==(const ContainerStateWaiting&) const = default;
};

struct ContainerStateRunning {
    Time startedAt;
    bool operator==(const ContainerStateRunning&) const = default;
};

struct ContainerStateTerminated {
    int32_t exitCode = 0;
    int32_t signal = 0;
    std::string reason;
    std::string message;
    Time startedAt;
    Time finishedAt;
    std::string containerID;
    bool operator==(const ContainerStateTerminated&) const = default;
};

struct ContainerState {
    SharedOptional<ContainerStateWaiting> waiting;
    std::optional<ContainerStateRunning> running;
    SharedOptional<ContainerStateTerminated> terminated;
    bool operator==(const ContainerState&) const = default;
};

struct ContainerStatus {
    std::string name;
    ContainerState state;
    ContainerState lastState;
    bool ready = false;
    int32_t restartCount = 0;
    std::string image;
    std::string imageID;
    std::string containerID;
    std::optional<bool> started;
    Unmodelled unmodelled; // allocatedResources, resources, volumeMounts, user, …
    bool operator==(const ContainerStatus&) const = default;
};

struct PodIP {
    std::string ip;
    bool operator==(const PodIP&) const = default;
};

struct PodStatus {
    std::string phase;
    std::vector<PodCondition> conditions;
    std::string message;
    std::string reason;
    std::string nominatedNodeName;
    std::string hostIP;
    std::vector<PodIP> hostIPs;
    std::string podIP;
    std::vector<PodIP> podIPs;
    std::optional<Time> startTime;
    std::vector<ContainerStatus> initContainerStatuses;
    std::vector<ContainerStatus> containerStatuses;
    std::string qosClass;
    Unmodelled unmodelled; // ephemeralContainerStatuses, resize, resourceClaimStatuses, …
    bool operator==(const PodStatus&) const = default;
};

struct Pod {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Pod";
    ObjectMeta metadata;
    PodSpec spec;
    PodStatus status;
    bool operator==(const Pod&) const = default;
};

struct PodTemplateSpec {
    ObjectMeta metadata;
    PodSpec spec;
    bool operator==(const PodTemplateSpec&) const = default;
};

} // namespace podlab::api
