#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(ServicePort)
    .add("name", &Self::name)
    .add("protocol", &Self::protocol)
    .add("appProtocol", &Self::appProtocol)
    .add("port", &Self::port, Always)
    .add("targetPort", &Self::targetPort)
    .add("nodePort", &Self::nodePort)
END_FIELDS

FIELDS(ServiceSpec)
    .add("ports", &Self::ports)
    .add("selector", &Self::selector)
    .add("clusterIP", &Self::clusterIP)
    .add("clusterIPs", &Self::clusterIPs)
    .add("type", &Self::type)
    .add("externalIPs", &Self::externalIPs)
    .add("sessionAffinity", &Self::sessionAffinity)
    .add("loadBalancerIP", &Self::loadBalancerIP)
    .add("loadBalancerSourceRanges", &Self::loadBalancerSourceRanges)
    .add("externalName", &Self::externalName)
    .add("externalTrafficPolicy", &Self::externalTrafficPolicy)
    .add("healthCheckNodePort", &Self::healthCheckNodePort)
    .add("publishNotReadyAddresses", &Self::publishNotReadyAddresses)
    .add("ipFamilies", &Self::ipFamilies)
    .add("ipFamilyPolicy", &Self::ipFamilyPolicy)
    .add("allocateLoadBalancerNodePorts", &Self::allocateLoadBalancerNodePorts)
    .add("loadBalancerClass", &Self::loadBalancerClass)
    .add("internalTrafficPolicy", &Self::internalTrafficPolicy)
    .unmodelled({"sessionAffinityConfig", "trafficDistribution"})
END_FIELDS

FIELDS(ServiceStatus)
    .unmodelled({"loadBalancer", "conditions"})
END_FIELDS

FIELDS(Service)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

FIELDS(EndpointAddress)
    .add("ip", &Self::ip, Always)
    .add("hostname", &Self::hostname)
    .add("nodeName", &Self::nodeName)
    .add("targetRef", &Self::targetRef)
END_FIELDS

FIELDS(EndpointPort)
    .add("name", &Self::name)
    .add("port", &Self::port, Always)
    .add("protocol", &Self::protocol)
    .add("appProtocol", &Self::appProtocol)
END_FIELDS

FIELDS(EndpointSubset)
    .add("addresses", &Self::addresses)
    .add("notReadyAddresses", &Self::notReadyAddresses)
    .add("ports", &Self::ports)
END_FIELDS

FIELDS(Endpoints)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("subsets", &Self::subsets)
END_FIELDS

} // namespace podlab::manifest
