#pragma once

#include "error.h"

#include "api/valueptr.h"

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::fs {

using InodeId = uint32_t;
constexpr InodeId kNoInode = UINT32_MAX;

enum class FileType : uint8_t { Regular, Directory, Symlink };

// What kind of storage a file system imitates. It changes only what stat() reports for directories and
// block counts, so that `ls -l` of an emptyDir on a node's disk and of a Secret volume (tmpfs) look as
// they do on a real node.
enum class Medium : uint8_t { Disk, Tmpfs };

enum class WriteMode : uint8_t { Truncate, Append, CreateNew };
enum class Follow : uint8_t { Yes, No };

struct Stat {
    FileType type = FileType::Regular;
    uint32_t mode = 0;  // permission bits (07777)
    uint32_t uid = 0;
    uint32_t gid = 0;
    uint32_t nlink = 1;
    uint64_t size = 0;
    uint64_t blocks = 0; // in 1 KiB units, as `ls -s` and the `total` line count them
    int64_t mtimeMs = 0; // milliseconds since the Unix epoch
    uint64_t ino = 0;
    uint32_t device = 0; // which mount of a ContainerFiles view; 0 for the root file system

    bool isDirectory() const { return type == FileType::Directory; }
    bool isRegular() const { return type == FileType::Regular; }
    bool isSymlink() const { return type == FileType::Symlink; }
};

struct DirEntry {
    std::string name;
    FileType type = FileType::Regular;

    bool operator==(const DirEntry&) const = default;
};

// Whose request a path operation is, and when it happens. uid 0 bypasses permission checks, as root does.
struct Caller {
    uint32_t uid = 0;
    uint32_t gid = 0;
    int64_t nowMs = 0; // epoch milliseconds stamped on what the operation changes
};

// A directory's entries, sorted by name (the order `ls` prints). Most inodes are files, which have none, so
// the map lives on the heap and only while there are entries: an inode without any carries a null pointer
// instead of an empty std::map's 48 bytes, in every file of every image on every node.
class DirEntries {
public:
    using Map = std::map<std::string, InodeId, std::less<>>;
    using const_iterator = Map::const_iterator;

    bool empty() const { return !m_map; }
    size_t size() const { return m_map.orEmpty().size(); }
    const_iterator begin() const { return m_map.orEmpty().cbegin(); }
    const_iterator end() const { return m_map.orEmpty().cend(); }
    const_iterator find(std::string_view name) const { return m_map.orEmpty().find(name); }
    void add(std::string name, InodeId id) { m_map.ensure().emplace(std::move(name), id); }
    // Removes the entry called `name`, which must be there.
    void remove(std::string_view name)
    {
        m_map->erase(m_map->find(name));
        if (m_map->empty())
            m_map.reset();
    }

    bool operator==(const DirEntries&) const = default;

private:
    api::ValuePtr<Map> m_map; // null while there are no entries (never an empty map)
};

// One stored object. Directories keep their entries sorted by name, which is the order `ls` prints, and
// their parent for "..".
struct Inode {
    FileType type = FileType::Regular;
    uint32_t mode = 0644;
    uint32_t uid = 0;
    uint32_t gid = 0;
    uint32_t nlink = 1;
    InodeId parent = kNoInode;
    int64_t mtimeMs = 0;
    std::string data; // file contents, or a symlink's target
    DirEntries entries;

    bool operator==(const Inode&) const = default;
};

// An in-memory POSIX-like file system: a copyable value (the world is a value), so a copied cluster carries
// its containers' files with it. Inodes live in one vector and refer to each other by index; freed slots are
// reused lowest-last, deterministically. Copies share their inodes until one of them changes one (copy on
// write, inode by inode): a container's writable root starts as a copy of its image's files, and touching
// one file must not cost a copy of them all in each of thousands of containers.
//
// Two levels of API. The *At functions work on a directory inode and one name, like the kernel's *at()
// calls, and check nothing: they are the primitives a resolver (ContainerFiles) uses once it has walked a
// path across mounts and checked permissions. The path functions resolve a path in this file system alone,
// as root, stamping times from clock(); they are what the kubelet uses to fill a volume.
class FileSystem {
public:
    explicit FileSystem(Medium medium = Medium::Disk);

    Medium medium() const { return m_medium; }
    // The epoch milliseconds the path functions stamp on what they change.
    int64_t clock() const { return m_clockMs; }
    void setClock(int64_t epochMs) { m_clockMs = epochMs; }

    // --- primitives -----------------------------------------------------------------------------------
    InodeId rootInode() const { return 0; }
    const Inode& inode(InodeId id) const { return *m_inodes[id]; }
    InodeId lookup(InodeId dir, std::string_view name) const;
    Stat statOf(InodeId id) const;
    InodeId createAt(InodeId dir, std::string_view name, FileType type, uint32_t mode, const Caller& who,
                     std::string_view data = {});
    void writeAt(InodeId file, std::string_view data, WriteMode mode, int64_t nowMs);
    void truncateAt(InodeId file, uint64_t size, int64_t nowMs);
    // Removes the entry `name` of `dir`, freeing its whole subtree.
    void removeAt(InodeId dir, std::string_view name, int64_t nowMs);
    // Moves an entry, replacing whatever `toName` named (the caller has checked that this is allowed).
    void moveAt(InodeId fromDir, std::string_view fromName, InodeId toDir, std::string_view toName,
                int64_t nowMs);
    void setMode(InodeId id, uint32_t mode);
    void setOwner(InodeId id, uint32_t uid, uint32_t gid);
    void setMtime(InodeId id, int64_t epochMs);
    // Whether `dir` is `ancestor` or lies below it (moving a directory into itself is EINVAL).
    bool isWithin(InodeId dir, InodeId ancestor) const;
    // Number of live inodes (tests and memory accounting).
    size_t inodeCount() const { return m_inodes.size() - m_free.size(); }

    // Stamps of this file system's state, for caches of what was found in it (a resolved command, a served
    // file): equal stamps mean equal contents. A copy keeps its stamps; every change takes a number that no
    // file system in the process has had, so two different states never share one.
    // version(): any change. namesVersion(): names, types, modes and owners only (what a path lookup and its
    // permission checks see), not file contents or times.
    uint64_t version() const { return m_version; }
    // A stamp no file system has had, for what stands in for one (fs::LazyFiles).
    static uint64_t nextStamp();
    uint64_t namesVersion() const { return m_namesVersion; }

    // --- paths, resolved in this file system alone, as root ------------------------------------------
    Error stat(std::string_view path, Stat& out, Follow follow = Follow::Yes) const;
    Error lstat(std::string_view path, Stat& out) const { return stat(path, out, Follow::No); }
    bool exists(std::string_view path) const;
    bool isDirectory(std::string_view path) const;
    Error readFile(std::string_view path, std::string& out) const;
    Error writeFile(std::string_view path, std::string_view data, WriteMode mode = WriteMode::Truncate,
                    uint32_t perm = 0644);
    Error appendFile(std::string_view path, std::string_view data)
    {
        return writeFile(path, data, WriteMode::Append);
    }
    Error truncate(std::string_view path, uint64_t size);
    Error touch(std::string_view path);
    Error mkdir(std::string_view path, uint32_t perm = 0755);
    Error mkdirs(std::string_view path, uint32_t perm = 0755);
    Error unlink(std::string_view path);
    Error rmdir(std::string_view path);
    Error removeAll(std::string_view path);
    Error symlink(std::string_view target, std::string_view linkPath);
    Error readlink(std::string_view path, std::string& out) const;
    Error rename(std::string_view from, std::string_view to);
    Error list(std::string_view path, std::vector<DirEntry>& out) const;
    Error chmod(std::string_view path, uint32_t perm);
    Error chown(std::string_view path, uint32_t uid, uint32_t gid);
    Error realpath(std::string_view path, std::string& out) const;

    // The contents; the stamps are not part of the value.
    bool operator==(const FileSystem& other) const;

private:
    InodeId allocate();
    // The inode, for writing: copied first if another file system still shares it.
    Inode& edit(InodeId id);
    // What a freed slot holds until it is reused (shared, so that nothing writes to it in place).
    static const std::shared_ptr<Inode>& freedInode();
    void release(InodeId id);
    void changed() { m_version = nextStamp(); }
    void renamed() { m_namesVersion = m_version = nextStamp(); }

    std::vector<std::shared_ptr<Inode>> m_inodes; // never null
    std::vector<InodeId> m_free;
    Medium m_medium = Medium::Disk;
    int64_t m_clockMs = 0;
    uint64_t m_version = 0;
    uint64_t m_namesVersion = 0;
};

} // namespace podlab::sim::fs
