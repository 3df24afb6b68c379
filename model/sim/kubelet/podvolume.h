#pragma once

#include "sim/core/simtime.h"
#include "sim/fs/filesystem.h"

#include <cstdint>
#include <string>
#include <vector>

namespace podlab::sim {

// A service-account token the kubelet's token manager holds for one serviceAccountToken source of a
// projected volume (pkg/kubelet/token): reused until it needs a refresh.
// The token itself is not kept twice: it is the file the volume holds at the source's path.
struct HeldToken {
    size_t source = 0; // index of the source in the projected volume
    int64_t expirationTimestampMs = 0;
    int64_t expirationSeconds = 0;
    bool operator==(const HeldToken&) const = default;
};

// One volume of a pod as the kubelet's volume manager keeps it: set up once before the sandbox, and for the
// atomically written kinds (configMap, secret, downwardAPI, projected) written again whenever what they
// project has changed by the time the pod worker syncs.
struct PodVolume {
    enum class Type : uint8_t { EmptyDir, HostPath, Atomic, Unsimulated };
    Type type = Type::Unsimulated;
    bool mounted = false;
    fs::FileSystem files; // emptyDir and atomically written volumes
    std::string hostPath; // hostPath: the directory or file on the node, as the spec names it

    // A failed SetUp is tried again after an exponential back-off (nestedpendingoperations: 500 ms doubling
    // to 2 m 2 s).
    int failures = 0;
    SimTime retryAt = 0;

    std::vector<HeldToken> tokens;

    bool operator==(const PodVolume&) const = default;
};

} // namespace podlab::sim
