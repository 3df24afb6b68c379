#pragma once

#include "api/sharedoptional.h"
#include "sim/fs/filesystem.h"
#include "sim/images/imagecatalogue.h"

#include <map>
#include <memory>
#include <string>

namespace podlab::sim::runtime {

// An image's files as containerd unpacks them into a snapshot: the image's and its toolsets' files and links,
// an empty file for every program that is not a toolset utility (nginx, the shells, /pause), the directories
// every distribution has (/tmp, /root, /var, ...) and the image's working directory. Immutable once built:
// every container of the image starts from it and copies it only when one of its processes writes.
//
// Toolset utilities (the ~400 BusyBox applets, coreutils) get no file: a container that writes copies its
// whole root, and 150 000 pods must fit in memory. They run all the same (ImageContent::lookPath), but
// `ls /bin` does not list them.
std::shared_ptr<const fs::FileSystem> unpackImage(const ImageContent& image);

// Every image's unpacked files, held once for the whole cluster: a snapshot depends on the image alone, so
// the nodes that unpacked one image share it (5 000 nodes, a few images each, would otherwise hold 5 000 copies
// of each). Held weakly: the nodes' ImageFileSystems own the snapshots.
class UnpackedImages {
public:
    std::shared_ptr<const fs::FileSystem> get(const ResolvedImage& image);
    // `base` with `dirs` made (mode 0755) and `files` made empty (0644) where missing, stamped `epochMs`, shared
    // while anyone holds it: the mount points runc adds to a container's root, which every pod with the same
    // mounts needs alike. Their times are those of the first container that needed them.
    std::shared_ptr<const fs::FileSystem> withMountPoints(const std::shared_ptr<const fs::FileSystem>& base,
                                                          const std::vector<std::string>& dirs,
                                                          const std::vector<std::string>& files, int64_t epochMs);

private:
    std::map<std::string, std::weak_ptr<const fs::FileSystem>> m_unpacked; // by digest
    // By the base's stamp (FileSystem::version: never reused) and the directories.
    std::map<std::pair<uint64_t, std::string>, std::weak_ptr<const fs::FileSystem>> m_withMountPoints;
    size_t m_purgeAt = 64;
};

// The images a node has unpacked, by digest (containerd keeps one snapshot per image and node): a value the
// kubelet keeps, so that every container of one image shares one copy of its files. `cluster`, if given, is
// where the snapshot comes from when this node has none yet.
class ImageFileSystems {
public:
    std::shared_ptr<const fs::FileSystem> get(const ResolvedImage& image, UnpackedImages* cluster = nullptr);
    // The image as the node's containers of it share it (ContainerConfig::image, the kubelet's slots).
    api::SharedOptional<ResolvedImage> resolved(const ResolvedImage& image);
    // Drops what no container uses any more (the kubelet's image garbage collection).
    void prune();
    size_t size() const { return m_unpacked.size(); }

    bool operator==(const ImageFileSystems& other) const { return m_unpacked == other.m_unpacked; }

private:
    std::map<std::string, std::shared_ptr<const fs::FileSystem>> m_unpacked;
    std::map<std::string, api::SharedOptional<ResolvedImage>, std::less<>> m_resolved; // by name@digest
};

} // namespace podlab::sim::runtime
