#pragma once

#include <cstdint>

namespace podlab::sim {

// Which component a Timer is for. Timers are data, so the queue (and the cluster) stays copyable.
enum class TimerKind : uint32_t {
    SchedulerRun,    // the scheduler's queue has a pod due
    KubeletSync,     // target: node index; token: pod slot and generation
    KubeletStep,     // an in-flight kubelet operation completes; target: node; token: operation
    ProbeTick,       // target: node; token: probe worker
    ProcessWake,     // a container process asked to run again; target: node; token: process
    NodeHeartbeat,   // target: node index
    NodeMonitor,     // the node lifecycle controller's period
    EventExpiry,     // drop events past their TTL
    Controller,      // target: which controller (1 pod GC, 2 ReplicaSet, 3 Deployment)
};

} // namespace podlab::sim
