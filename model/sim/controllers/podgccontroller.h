#pragma once

#include "sim/cluster/context.h"

#include <map>
#include <string>

namespace podlab::sim {

// The pod garbage collector (pkg/controller/podgc), every 20 s: a pod bound to a node that no longer
// exists — checked again after a 40 s quarantine, in case the node was only slow to appear — is marked
// Failed with a DisruptionTarget condition and deleted at once; so is a pod being deleted that was never
// scheduled (no kubelet will ever finish its deletion).
class PodGcController {
public:
    static constexpr SimTime kCheckPeriod = 20'000;
    static constexpr SimTime kQuarantine = 40'000;

    void start(ClusterContext& ctx);
    void onTimer(ClusterContext& ctx);

    bool operator==(const PodGcController&) const = default;

private:
    std::map<std::string, SimTime> m_missingSince; // node name -> when a pod first named it while it was absent
};

} // namespace podlab::sim
