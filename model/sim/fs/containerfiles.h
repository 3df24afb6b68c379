#pragma once

#include "filesystem.h"

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::fs {

enum class MountMode : uint8_t { ReadWrite, ReadOnly };

// Files that are built only when a path first enters them: a kubelet volume that can write its files again
// from what it keeps, so that 150 000 pods need not hold files nobody reads.
class LazyFiles {
public:
    virtual FileSystem& files() = 0; // builds them the first time
    virtual bool built() const = 0;
    // Stands for FileSystem::namesVersion() and version() until they are built: a new number whenever what
    // they would hold changes.
    virtual uint64_t stamp() const = 0;

protected:
    ~LazyFiles() = default;
};

// A volume mounted into a container: `path` in the container shows `subPath` of `fs`.
struct Mount {
    std::string path; // absolute; "/data" and "/data/" are the same
    std::reference_wrapper<FileSystem> fs;
    std::string subPath; // relative to the volume's root; empty for the whole volume
    MountMode mode = MountMode::ReadWrite;
    LazyFiles* lazy = nullptr; // set: `fs` is what `lazy` builds into, entered only through files()

    FileSystem& files() const { return lazy ? lazy->files() : fs.get(); }
    bool deferred() const { return lazy && !lazy->built(); }
    uint64_t namesStamp() const { return deferred() ? lazy->stamp() : files().namesVersion(); }
    uint64_t contentStamp() const { return deferred() ? lazy->stamp() : files().version(); }
};

// What one container sees: its root file system with volumes mounted over it. It holds references, so it
// is never stored in model state (that must stay copyable); the runtime builds one for the duration of one
// operation (one ShellProcess::run call, one probe) and drops it.
//
// Paths are resolved component by component, keeping the stack of directories walked: a component that
// names a mount path enters the mount (so nested mounts work and the longest mount path wins), ".." pops
// the stack (so it leaves a mount the way it came in), and symlinks are spliced into the rest of the path
// (absolute targets restart at the container's root, even from inside a volume), at most 40 times (ELOOP).
class ContainerFiles {
public:
    explicit ContainerFiles(FileSystem& root, std::vector<Mount> mounts = {}, Caller caller = {},
                            MountMode rootMode = MountMode::ReadWrite);

    const Caller& caller() const { return m_caller; }
    void setCaller(const Caller& caller) { m_caller = caller; }
    void setNow(int64_t epochMs) { m_caller.nowMs = epochMs; }
    // Relative paths start here; it must be an absolute path.
    const std::string& cwd() const { return m_cwd; }
    void setCwd(std::string_view cwd) { m_cwd.assign(cwd); }

    Error stat(std::string_view path, Stat& out, Follow follow = Follow::Yes) const;
    Error lstat(std::string_view path, Stat& out) const { return stat(path, out, Follow::No); }
    bool exists(std::string_view path) const;
    bool isDirectory(std::string_view path) const;
    Error readFile(std::string_view path, std::string& out) const;
    // Appends the file's bytes to `out` (for `cat a b`).
    Error appendContents(std::string_view path, std::string& out) const;
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
    // rm -r: depth first, never following symlinks; stops at the first error.
    Error removeAll(std::string_view path);
    Error symlink(std::string_view target, std::string_view linkPath);
    Error readlink(std::string_view path, std::string& out) const;
    Error rename(std::string_view from, std::string_view to);
    // Sorted by name, without "." and ".."; mount points directly below `path` are included.
    Error list(std::string_view path, std::vector<DirEntry>& out) const;
    Error chmod(std::string_view path, uint32_t perm);
    Error chown(std::string_view path, uint32_t uid, uint32_t gid);
    Error setMtime(std::string_view path, int64_t epochMs);
    // The canonical absolute path, all symlinks followed.
    Error realpath(std::string_view path, std::string& out) const;
    // Whether writes under `path` would be refused as EROFS (for `mount`-like displays).
    bool isReadOnly(std::string_view path) const;

    // Where a path leads, for caches that keep a file's place while the file systems keep their stamps
    // (FileSystem::version): which file system of this view (0 the root, then the mounts in the order given)
    // and which of its inodes.
    struct Location {
        uint32_t space = 0;
        InodeId inode = kNoInode;
        bool operator==(const Location&) const = default;
    };
    Error locate(std::string_view path, Location& out) const;

private:
    struct Space {
        FileSystem* fs = nullptr; // null until a lazy mount is first entered
        InodeId root = kNoInode;
        std::string path;
        MountMode mode = MountMode::ReadWrite;
        LazyFiles* lazy = nullptr;
    };
    struct Loc {
        uint32_t space = 0;
        InodeId ino = kNoInode;
        bool valid() const { return ino != kNoInode; }
    };
    // Where a path leads: the directory holding its last component, the component, and what it names.
    struct Walk {
        Loc parent;
        std::string name;
        Loc target;        // invalid when the last component does not exist
        std::string path;  // canonical path of the target (or of where it would be created)
        bool mountRoot = false; // the target is the root of a mount (or "/")
    };
    enum Perm : uint32_t { kRead = 4, kWrite = 2, kExec = 1 };
    // Whether the caller needs Walk::name and Walk::path (reads that only need the target skip them).
    enum class Names : uint8_t { No, Yes };

    Error resolve(std::string_view path, Follow followLast, Walk& out, Names names = Names::Yes) const;
    // Space 0 is the root file system, 1.. the mounts in order.
    const Space& space(uint32_t i) const { return i == 0 ? m_root : m_mounts[i - 1]; }
    uint32_t spaceCount() const { return uint32_t(m_mounts.size() + 1); }
    FileSystem& filesOf(uint32_t i) const
    {
        const Space& s = space(i);
        if (!s.fs)
            const_cast<Space&>(s).fs = &s.lazy->files(); // the view's first step into a lazy mount
        return *s.fs;
    }
    const Inode& node(Loc l) const { return filesOf(l.space).inode(l.ino); }
    FileSystem& fsOf(Loc l) const { return filesOf(l.space); }
    bool allowed(const Inode& n, uint32_t perm) const;
    Error writable(Loc dir) const;
    Stat statOf(Loc l) const;

    Space m_root;
    std::vector<Space> m_mounts; // a view without volumes allocates nothing
    Caller m_caller;
    std::string m_cwd = "/";
};

} // namespace podlab::sim::fs
