#pragma once

#include "atomicwriter.h"

#include "sim/fs/filesystem.h"
#include "sim/podenv/nodefacts.h"
#include "sim/podenv/objectlookup.h"
#include "sim/podenv/outcome.h"

#include "api/pod.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// The TokenRequest the kubelet makes for a serviceAccountToken source: the token, or the error as the kubelet
// reports it (e.g. `failed to fetch token: serviceaccounts "build-robot" not found`).
using TokenSource = std::function<Outcome<std::string>(const api::ServiceAccountTokenProjection&)>;

struct VolumeContext {
    ObjectLookup objects;
    NodeFacts node;
    TokenSource serviceAccountToken;
    // Whether the kubelet hands the token file to the pod's fsUser or fsGroup (all containers share a
    // runAsUser, or the pod sets fsGroup): the token is then written 0600 instead of with the volume's
    // defaultMode.
    bool tokenOwnedByPod = false;
};

// What the kubelet's configMap, secret, downwardAPI and projected volume plugins write (their MakePayload and
// CollectData), ready for the AtomicWriter, or the error their SetUp fails with.
class VolumePayloads {
public:
    static constexpr int32_t kDefaultMode = 0644;
    static constexpr const char* kFailedMountReason = "FailedMount";

    // MakePayload for a ConfigMap that exists: every key of data and binaryData at its own name, or only the
    // listed items at their paths (a missing key is an error unless optional).
    static Outcome<VolumePayload> configMapFiles(const std::vector<api::KeyToPath>& items,
                                                 const api::ConfigMap& configMap, int32_t defaultMode,
                                                 bool optional);
    static Outcome<VolumePayload> secretFiles(const std::vector<api::KeyToPath>& items,
                                              const api::Secret& secret, int32_t defaultMode, bool optional);

    // The whole SetUp payload of each volume type. A missing object fails with `configmap "x" not found`
    // unless the source is optional, in which case it counts as empty.
    static Outcome<VolumePayload> configMap(const api::ConfigMapVolumeSource& source,
                                            const ObjectLookup& objects);
    static Outcome<VolumePayload> secret(const api::SecretVolumeSource& source, const ObjectLookup& objects);
    // labels and annotations one `key="value"` per line, sorted; resources rounded up to the divisor, node
    // allocatable standing in for missing limits. Every item is tried; the errors are aggregated.
    static Outcome<VolumePayload> downwardApi(const std::vector<api::DownwardAPIVolumeFile>& items,
                                              int32_t defaultMode, const api::Pod& pod,
                                              const NodeFacts& node);
    // The sources merged in order: a later source's file replaces an earlier one at the same path (the API
    // server rejects duplicate item paths, but not e.g. a whole Secret's key meeting a token's path). Every
    // source is tried; the errors are aggregated.
    static Outcome<VolumePayload> projected(const api::ProjectedVolumeSource& source, const api::Pod& pod,
                                            const VolumeContext& context);

    // Whichever of the above `volume` is. Other volume types are not written by the atomic writer.
    static bool isAtomicallyWritten(const api::Volume& volume);
    static Outcome<VolumePayload> forVolume(const api::Volume& volume, const api::Pod& pod,
                                            const VolumeContext& context);

    // The FailedMount event message: `MountVolume.SetUp failed for volume "config" : configmap "x" not
    // found`.
    static std::string setUpFailedMessage(std::string_view volumeName, std::string_view error);

    // Where the kubelet keeps a volume's files: Secret and projected volumes are tmpfs, configMap and
    // downwardAPI volumes sit on the node's disk, emptyDir depends on its medium.
    static fs::Medium medium(const api::Volume& volume);

    // utilerrors.NewAggregate's message: one error as it is, several as "[a, b]", repeated texts once.
    static std::string aggregate(const std::vector<std::string>& errors);
};

} // namespace podlab::sim
