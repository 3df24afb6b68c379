#pragma once

#include "container.h"
#include "meta.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

struct Taint {
    std::string key;
    std::string value;
    std::string effect; // NoSchedule, PreferNoSchedule, NoExecute
    std::optional<Time> timeAdded;
    bool operator==(const Taint&) const = default;
};

struct NodeSpec {
    std::string podCIDR;
    std::vector<std::string> podCIDRs;
    std::string providerID;
    bool unschedulable = false;
    std::vector<Taint> taints;
    Unmodelled unmodelled; // configSource, externalID
    bool operator==(const NodeSpec&) const = default;
};

struct NodeCondition {
    std::string type;
    std::string status;
    Time lastHeartbeatTime;
    Time lastTransitionTime;
    std::string reason;
    std::string message;
    bool operator==(const NodeCondition&) const = default;
};

struct NodeAddress {
    std::string type; // InternalIP, ExternalIP, Hostname
    std::string address;
    bool operator==(const NodeAddress&) const = default;
};

struct NodeSystemInfo {
    std::string machineID;
    std::string systemUUID;
    std::string bootID;
    std::string kernelVersion;
    std::string osImage;
    std::string containerRuntimeVersion;
    std::string kubeletVersion;
    std::string kubeProxyVersion;
    std::string operatingSystem;
    std::string architecture;
    Unmodelled unmodelled; // swap
    bool operator==(const NodeSystemInfo&) const = default;
};

struct ContainerImage {
    std::vector<std::string> names;
    int64_t sizeBytes = 0;
    bool operator==(const ContainerImage&) const = default;
};

struct NodeStatus {
    ResourceList capacity;
    ResourceList allocatable;
    std::string phase;
    std::vector<NodeCondition> conditions;
    std::vector<NodeAddress> addresses;
    NodeSystemInfo nodeInfo;
    std::vector<ContainerImage> images;
    std::vector<std::string> volumesInUse;
    Unmodelled unmodelled; // daemonEndpoints, volumesAttached, config, runtimeHandlers, features
    bool operator==(const NodeStatus&) const = default;
};

struct Node {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Node";
    ObjectMeta metadata;
    NodeSpec spec;
    NodeStatus status;
    bool operator==(const Node&) const = default;
};

} // namespace podlab::api
