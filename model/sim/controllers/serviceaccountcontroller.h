#pragma once

#include "sim/cluster/context.h"

namespace podlab::sim {

// The service account controller (pkg/controller/serviceaccount): every active namespace gets a
// ServiceAccount named "default" as soon as it exists, and gets it back if it is deleted. Pods name it
// unless they say otherwise, so without it the service account admission plugin refuses them.
class ServiceAccountController {
public:
    void onChange(const Change& change, ClusterContext& ctx);

    bool operator==(const ServiceAccountController&) const = default;

private:
    static void ensureDefault(const std::string& namespace_, ClusterContext& ctx);
};

} // namespace podlab::sim
