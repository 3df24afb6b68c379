#pragma once

#include "sim/core/simtime.h"

#include <cstdint>
#include <string>

namespace podlab::sim {

// Which Kubernetes the cluster behaves like. Modern is today's behaviour (k8s-semantics.md); classic is the
// 1.11–1.12 era the course notes describe (PodPreset served, eviction by the node controller after
// --pod-eviction-timeout, NodeLost, 40 s node grace period, no sidecars, no PodReadyToStartContainers).
enum class VersionProfile { Modern, Classic };

// Everything about the cluster that is fixed when it is made: its seed, when it starts, which Kubernetes it
// behaves like, and the timing constants, with Kubernetes' defaults (a classroom may shorten some).
struct ClusterConfig {
    uint64_t seed = 1;
    int64_t startEpochMillis = 1767225600000; // 2026-01-01T00:00:00Z
    VersionProfile profile = VersionProfile::Modern;

    // Node heartbeats and the node lifecycle controller.
    SimTime nodeStatusUpdateFrequency = seconds(10);
    SimTime nodeLeaseRenewInterval = seconds(10);
    SimTime nodeMonitorPeriod = seconds(5);
    SimTime nodeMonitorGracePeriod = seconds(50); // 40 s before v1.32
    SimTime podEvictionTimeout = seconds(300);    // classic profile only
    int64_t defaultTolerationSeconds = 300;

    // The kubelet.
    SimTime kubeletSyncFrequency = seconds(60);   // configMap/secret volume refresh
    SimTime configMapCacheDelay = 0;              // the Watch strategy: changes arrive at once
    SimTime sandboxCreationTime = 800;
    SimTime containerCreateTime = 60;
    SimTime containerStartTime = 90;
    int64_t imagePullBytesPerSecond = 24 * 1000 * 1000;
    SimTime registryRoundTrip = 350;

    // A steady probe — the same success, run after run, whose next runs the runtime promises will answer
    // alike (RunEcho) — is not run tick by tick: its runs are added when anything happens in its pod or anyone
    // looks (kubeletprobes.cpp). The world comes out the same either way; off, for the tests that prove it.
    bool parkSteadyProbes = true;

    // The simulation's own limit, far above Kubernetes' documented 150 000 pods a cluster: a ReplicaSet scaled
    // to millions (a typo in `kubectl scale`) would otherwise fill the memory. Creating a pod beyond it is
    // refused, as a quota would refuse it.
    size_t maxPods = 200'000;

    // The scheduler.
    SimTime schedulerInitialBackoff = seconds(1);
    SimTime schedulerMaxBackoff = seconds(10);
    SimTime schedulerUnschedulableFlush = seconds(300);

    std::string kubernetesVersion() const { return profile == VersionProfile::Modern ? "v1.34.2" : "v1.12.10"; }
    static ClusterConfig forProfile(VersionProfile profile)
    {
        ClusterConfig c;
        c.profile = profile;
        if (profile == VersionProfile::Classic)
            c.nodeMonitorGracePeriod = seconds(40);
        return c;
    }
};

} // namespace podlab::sim
