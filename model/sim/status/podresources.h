#pragma once

#include "api/pod.h"

namespace podlab::sim {

// The pod's effective requests and limits (component-helpers' PodRequests / PodLimits): regular containers
// and sidecars add up; a regular init container runs alone beside the sidecars started before it, so the pod
// needs the largest of those moments; pod overhead is added to every request and to the limits that are set.
// These are the numbers the scheduler fits and `kubectl describe node` sums.
api::ResourceList podRequestList(const api::PodSpec& spec);
api::ResourceList podLimitList(const api::PodSpec& spec);

} // namespace podlab::sim
