#pragma once

#include "restartbackoff.h"

#include "sim/runtime/imagefiles.h"

#include "sim/core/simtime.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace podlab::sim {

// The node's images and pulls, as the kubelet's image manager and containerd see them: which references
// and digests are present, a queue that pulls one image at a time (the kubelet's default serializeImagePulls),
// and the pull back-off per pod and image.
class ImageManager {
public:
    // A pull of `reference` (normalised) with digest `digest`, asked at `now`, taking `duration` once it
    // starts. Returns when it will be done: pulls are serialised, so it may wait behind others.
    SimTime schedulePull(SimTime now, SimTime duration);

    bool hasReference(const std::string& reference) const { return m_references.contains(reference); }
    bool hasDigest(const std::string& digest) const { return m_digests.contains(digest); }
    void add(const std::string& reference, const std::string& digest, int64_t size);

    // The node's unpacked image files (containerd's snapshots), shared by every container of an image.
    runtime::ImageFileSystems& unpacked() { return m_unpacked; }

    RestartBackoff& backoff() { return m_backoff; }
    const RestartBackoff& backoff() const { return m_backoff; }

    // For node.status.images: the present images, biggest first (as the kubelet reports them), with their
    // names (reference and repo@digest).
    struct Entry {
        std::vector<std::string> names;
        int64_t size = 0;
        bool operator==(const Entry&) const = default;
    };
    std::vector<Entry> images() const;
    // Counts additions: the heartbeat rebuilds the node's image list only when this moved.
    uint64_t changes() const { return m_changes; }

    bool operator==(const ImageManager&) const = default;

private:
    std::set<std::string> m_references;
    std::map<std::string, Entry> m_byDigest;
    std::set<std::string> m_digests;
    SimTime m_queueFreeAt = 0;
    uint64_t m_changes = 0;
    RestartBackoff m_backoff;
    runtime::ImageFileSystems m_unpacked;
};

// Go's time.Duration.String(), to the millisecond: "3.928s", "467ms", "1m2.5s".
std::string goDuration(SimTime millis);

} // namespace podlab::sim
