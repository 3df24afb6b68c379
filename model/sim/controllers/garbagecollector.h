#pragma once

#include "sim/cluster/context.h"

#include <map>
#include <set>
#include <string>

namespace podlab::sim {

struct Change;

// The garbage collector (pkg/controller/garbagecollector), for the owners PodLab has: when an object goes,
// every object whose ownerReferences name it (by uid) goes too, in the background (the default propagation
// policy): a deleted Deployment takes its ReplicaSets, and they take their pods (deleted gracefully, as any
// pod). A dependent that still has another owner only loses the reference. A ReplicaSet or pod created
// with a controller reference to a workload that does not exist is deleted, as the collector does with
// dangling references.
//
// It keeps an index of dependents by owner uid from the store's changes; only objects with owner references
// are in it, so plain pods cost nothing.
class GarbageCollector {
public:
    void onChange(const Change& change, ClusterContext& ctx);

    bool operator==(const GarbageCollector&) const = default;

private:
    struct Dependent {
        Kind kind;
        std::string namespace_;
        std::string name;
        auto operator<=>(const Dependent&) const = default;
    };
    void collect(const std::string& ownerUid, ClusterContext& ctx);

    std::map<std::string, std::set<Dependent>> m_dependents; // owner uid -> objects naming it (may be stale)
};

} // namespace podlab::sim
