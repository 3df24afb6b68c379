#pragma once

#include "intorstring.h"
#include "meta.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

struct ServicePort {
    std::string name;
    std::string protocol;
    std::optional<std::string> appProtocol;
    int32_t port = 0;
    IntOrString targetPort;
    int32_t nodePort = 0;
    bool operator==(const ServicePort&) const = default;
};

struct ServiceSpec {
    std::vector<ServicePort> ports;
    StringMap selector;
    std::string clusterIP;
    std::vector<std::string> clusterIPs;
    std::string type; // ClusterIP (default), NodePort, LoadBalancer, ExternalName
    std::vector<std::string> externalIPs;
    std::string sessionAffinity;
    std::string loadBalancerIP;
    std::vector<std::string> loadBalancerSourceRanges;
    std::string externalName;
    std::string externalTrafficPolicy;
    int32_t healthCheckNodePort = 0;
    bool publishNotReadyAddresses = false;
    std::vector<std::string> ipFamilies;
    std::optional<std::string> ipFamilyPolicy;
    std::optional<bool> allocateLoadBalancerNodePorts;
    std::optional<std::string> loadBalancerClass;
    std::optional<std::string> internalTrafficPolicy;
    Unmodelled unmodelled; // sessionAffinityConfig, trafficDistribution
    bool operator==(const ServiceSpec&) const = default;
};

struct ServiceStatus {
    Unmodelled unmodelled; // loadBalancer, conditions
    bool operator==(const ServiceStatus&) const = default;
};

struct Service {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Service";
    ObjectMeta metadata;
    ServiceSpec spec;
    ServiceStatus status;
    bool operator==(const Service&) const = default;
};

struct EndpointAddress {
    std::string ip;
    std::string hostname;
    std::optional<std::string> nodeName;
    std::optional<ObjectReference> targetRef;
    bool operator==(const EndpointAddress&) const = default;
};

struct EndpointPort {
    std::string name;
    int32_t port = 0;
    std::string protocol;
    std::optional<std::string> appProtocol;
    bool operator==(const EndpointPort&) const = default;
};

struct EndpointSubset {
    std::vector<EndpointAddress> addresses;
    std::vector<EndpointAddress> notReadyAddresses;
    std::vector<EndpointPort> ports;
    bool operator==(const EndpointSubset&) const = default;
};

struct Endpoints {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Endpoints";
    ObjectMeta metadata;
    std::vector<EndpointSubset> subsets;
    bool operator==(const Endpoints&) const = default;
};

} // namespace podlab::api
