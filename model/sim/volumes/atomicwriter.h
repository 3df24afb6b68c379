#pragma once

#include "sim/core/random.h"
#include "sim/fs/filesystem.h"

#include <cstdint>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>

namespace podlab::sim {

// One file of a configMap, secret, downwardAPI or projected volume.
struct FileProjection {
    std::string data;
    uint32_t mode = 0644;
    bool operator==(const FileProjection&) const = default;
};

// Relative path in the volume → file. Paths may have directories ("my-group/my-username").
using VolumePayload = std::map<std::string, FileProjection>;

// The kubelet's atomic writer (pkg/volume/util/atomic_writer.go). The real files live in a hidden directory
// named after the UTC time of the write, `..2026_11_27_10_00_00.<random uint32>`; `..data` is a symlink to
// it, and each first path segment of the payload is a symlink `name -> ..data/name`. An update writes a new
// timestamped directory, points `..data_tmp` at it and renames that over `..data` (one atomic step a reader
// can never see half done), adds the new top-level symlinks, removes the ones no longer in the payload and
// deletes the old directory. Names starting with ".." are the writer's own.
//
// Holds a reference: build one for a write, do not keep it in model state.
class AtomicWriter {
public:
    enum class Change { Written, Unchanged };
    struct Result {
        Change change = Change::Unchanged;
        std::string dataDir; // the timestamped directory `..data` points to afterwards
        std::string error;   // the SetUp error, e.g. "invalid path: must not contain '..': a/../b"
        bool ok() const { return error.empty(); }
    };

    // `targetDir` is an existing directory of `fs` (the volume's root is "/").
    AtomicWriter(fs::FileSystem& fs, std::string targetDir);

    // Files whose bytes are unchanged are not rewritten: a payload that differs from the current one only in
    // file modes counts as unchanged (Kubernetes compares contents only), and then only missing top-level
    // symlinks are restored. Times are stamped as `nowEpochMs`; the directory suffix comes from `random`.
    Result write(const VolumePayload& payload, int64_t nowEpochMs, Random& random);
    // The same with the directory's suffix given: a write made again, exactly as it was made.
    Result writeAs(const VolumePayload& payload, int64_t nowEpochMs, uint32_t suffix);
    // The suffix a write draws for its directory (os.MkdirTemp's random uint32).
    static uint32_t drawSuffix(Random& random) { return uint32_t(random.next() >> 32); }
    // Whether writing `next` over what `current` wrote changes anything: the same paths with the same bytes
    // (modes do not count, as in write()).
    static bool sameContents(const VolumePayload& current, const VolumePayload& next);

    // The timestamped directory `..data` points to, or "" before the first write.
    std::string currentDataDir() const;

    // validatePath: the error for a payload path the writer refuses, or "" when it is acceptable.
    static std::string validatePath(std::string_view path);
    // path.Clean for the relative paths validatePath accepts ("a//b/./c/" → "a/b/c").
    static std::string cleanPath(std::string_view path);
    // "..2006_01_02_15_04_05." for the UTC time `epochMs`, the name a new directory starts with.
    static std::string timestampPrefix(int64_t epochMs);

private:
    std::string join(std::string_view name) const;
    // Paths of the current data directory that the new payload no longer has.
    std::set<std::string> stalePaths(const VolumePayload& clean, const std::string& oldTsDir) const;
    bool contentChanged(const VolumePayload& clean, const std::string& oldTsDir) const;
    // Writes the payload into a new timestamped directory and makes `..data` point to it; returns the error.
    Result write(const VolumePayload& payload, int64_t nowEpochMs, const std::function<uint32_t()>& suffix);
    std::string writeDataDir(const VolumePayload& clean, int64_t nowEpochMs, const std::function<uint32_t()>& suffix,
                             std::string& tsDirName);
    std::string createUserVisibleFiles(const VolumePayload& clean);

    fs::FileSystem& m_fs;
    std::string m_targetDir;
};

} // namespace podlab::sim
