#pragma once

#include "api/pod.h"

#include <string>

namespace podlab::sim {

// The pod's QoS class, "Guaranteed", "Burstable" or "BestEffort", from the cpu and memory requests and limits
// of all its containers, init containers included (ComputePodQOS; pod-level resources are not modelled).
// Expects a defaulted spec, where a limit without a request has already been copied into the request.
std::string podQosClass(const api::PodSpec& spec);

} // namespace podlab::sim
