#pragma once

#include "meta.h"

#include <optional>
#include <string>

namespace podlab::api {

// metav1.MicroTime: like Time, but written with microseconds ("2026-01-01T00:00:10.000000Z"), as leases and
// new-style events carry it.
struct MicroTime {
    Time time;
    bool operator==(const MicroTime&) const = default;
};

struct LeaseSpec {
    std::optional<std::string> holderIdentity;
    std::optional<int32_t> leaseDurationSeconds;
    std::optional<MicroTime> acquireTime;
    std::optional<MicroTime> renewTime;
    std::optional<int32_t> leaseTransitions;
    Unmodelled unmodelled; // strategy, preferredHolder
    bool operator==(const LeaseSpec&) const = default;
};

// coordination.k8s.io/v1 Lease: each kubelet renews one in kube-node-lease every 10 s; that is its heartbeat.
struct Lease {
    static constexpr const char* kApiVersion = "coordination.k8s.io/v1";
    static constexpr const char* kKind = "Lease";
    ObjectMeta metadata;
    LeaseSpec spec;
    bool operator==(const Lease&) const = default;
};

} // namespace podlab::api
