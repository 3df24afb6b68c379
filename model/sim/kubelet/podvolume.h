#pragma once

#include "sim/core/simtime.h"
#include "sim/fs/filesystem.h"
#include "sim/store/kind.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace podlab::sim {

// A service-account token the kubelet's token manager holds for one serviceAccountToken source of a
// projected volume (pkg/kubelet/token): reused until it needs a refresh. The JWT itself is not kept: what it
// was issued from is, so it can be issued again byte for byte when a container reads it.
//
// One in every pod, so it is kept small: the jti inline, the uids shared with the node's other pods.
struct HeldToken {
    size_t source = 0; // index of the source in the projected volume
    int64_t issuedAtMs = 0;
    int64_t expirationTimestampMs = 0;
    int64_t expirationSeconds = 0;
    std::array<char, 36> jti{}; // a UUID's text
    std::shared_ptr<const std::string> accountUid; // never null
    std::shared_ptr<const std::string> nodeUid;    // never null; empty when the node had no object

    std::string jtiText() const { return std::string(jti.begin(), jti.end()); }
    // By what they hold: two equal worlds simulated apart compare equal.
    bool operator==(const HeldToken& o) const
    {
        return source == o.source && issuedAtMs == o.issuedAtMs && expirationTimestampMs == o.expirationTimestampMs &&
               expirationSeconds == o.expirationSeconds && jti == o.jti && *accountUid == *o.accountUid &&
               *nodeUid == *o.nodeUid;
    }
};

// What the atomic writer last wrote into a volume nobody has looked into: enough to write it again exactly —
// the write's time and directory suffix, and the objects its payload came from as they were then (shared
// with the store, so this costs pointers, not copies).
struct VolumeWrite {
    int64_t atMs = 0;
    uint32_t suffix = 0;
    int64_t firstAtMs = 0;     // the first write: the user-visible links keep its time
    bool namesChanged = false; // a later write added or removed a top-level name (links of several times)
    std::vector<std::pair<std::string, Ptr<api::ConfigMap>>> configMaps; // null: missing (an optional source)
    std::vector<std::pair<std::string, Ptr<api::Secret>>> secrets;
    Ptr<api::Pod> pod;  // the pod then, when its labels or annotations are projected
    uint64_t stamp = 0; // fs::LazyFiles::stamp

    // By what the objects hold, not where: two equal worlds simulated apart compare equal.
    bool operator==(const VolumeWrite& o) const
    {
        auto same = [](const auto& a, const auto& b) { return a == b || (a && b && *a == *b); };
        auto sameList = [&](const auto& a, const auto& b) {
            if (a.size() != b.size())
                return false;
            for (size_t i = 0; i < a.size(); ++i)
                if (a[i].first != b[i].first || !same(a[i].second, b[i].second))
                    return false;
            return true;
        };
        return atMs == o.atMs && suffix == o.suffix && firstAtMs == o.firstAtMs && namesChanged == o.namesChanged &&
               sameList(configMaps, o.configMaps) && sameList(secrets, o.secrets) && same(pod, o.pod);
    }
};

// One volume of a pod as the kubelet's volume manager keeps it: set up once before the sandbox, and for the
// atomically written kinds (configMap, secret, downwardAPI, projected) written again whenever what they
// project has changed by the time the pod worker syncs. Those are read-only to containers, so their files are
// built only when a container first enters the volume (`built`); until then `written` stands for them.
struct PodVolume {
    enum class Type : uint8_t { EmptyDir, HostPath, Atomic, Unsimulated };
    Type type = Type::Unsimulated;
    bool mounted = false;
    bool built = false;   // atomically written: `files` holds the files (else `written` says what they are)
    fs::FileSystem files; // emptyDir, and atomically written volumes once built
    VolumeWrite written;
    std::string hostPath; // hostPath: the directory or file on the node, as the spec names it

    // A failed SetUp is tried again after an exponential back-off (nestedpendingoperations: 500 ms doubling
    // to 2 m 2 s).
    int failures = 0;
    SimTime retryAt = 0;

    std::vector<HeldToken> tokens;

    bool operator==(const PodVolume&) const = default;
};

} // namespace podlab::sim
