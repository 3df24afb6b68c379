#pragma once

#include "api/pod.h"

#include <string>

namespace podlab::sim::kubectl {

// The cells of one `kubectl get pods` row, computed as the API server's printPod does
// (pkg/printers/internalversion/printers.go).
struct PodColumns {
    std::string name;
    std::string ready;  // "1/2": ready regular containers (and started, ready sidecars) / regular + sidecars
    std::string status; // podStatusReason
    std::string restarts; // "5 (40s ago)", or "0"
    std::string age;
    // -o wide
    std::string ip;
    std::string node;
    std::string nominatedNode;
    std::string readinessGates;
};

PodColumns podColumns(const api::Pod& pod, const api::Time& now);

// printPod's STATUS cell: the phase or status.reason, SchedulingGated, Init:N/M and Init:<reason> while
// initializing, the first regular container's waiting or terminated reason (Signal:N / ExitCode:N without
// one), NotReady when a completed container leaves a running one behind in an unready pod, Terminating (or
// Unknown for a NodeLost pod) once deleted.
std::string podStatusReason(const api::Pod& pod);

} // namespace podlab::sim::kubectl
