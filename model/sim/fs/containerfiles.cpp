#include "containerfiles.h"

#include <algorithm>
#include <array>

namespace podlab::sim::fs {

namespace {

constexpr int kMaxSymlinks = 40; // Linux's limit on links followed in one path walk
constexpr size_t kMaxDepth = 128;

// "/a//b/" -> "/a/b"; "/" stays "/".
std::string normalizeMountPath(std::string_view p)
{
    std::string out;
    size_t i = 0;
    while (i < p.size()) {
        while (i < p.size() && p[i] == '/')
            ++i;
        const size_t start = i;
        while (i < p.size() && p[i] != '/')
            ++i;
        if (i > start) {
            out += '/';
            out.append(p.substr(start, i - start));
        }
    }
    return out.empty() ? std::string("/") : out;
}

} // namespace

ContainerFiles::ContainerFiles(FileSystem& root, std::vector<Mount> mounts, Caller caller, MountMode rootMode)
    : m_caller(caller)
{
    m_root = Space{&root, root.rootInode(), "/", rootMode};
    m_mounts.reserve(mounts.size());
    for (Mount& m : mounts) {
        if (m.deferred() && m.subPath.empty()) {
            // Built when a path first enters it (its root is the file system's root inode, 0).
            m_mounts.push_back(Space{nullptr, 0, normalizeMountPath(m.path), m.mode, m.lazy});
            continue;
        }
        FileSystem& fs = m.files();
        InodeId top = fs.rootInode();
        if (!m.subPath.empty()) {
            // A subPath is looked up inside the volume alone; a missing one leaves the mount empty of
            // anything (every access below it is ENOENT), since creating it is the kubelet's business.
            ContainerFiles inside(fs);
            Walk w;
            // It may name a file: the runtime bind-mounts that file over the mount point.
            top = inside.resolve(m.subPath, Follow::Yes, w) == Error::None && w.target.valid()
                          && fs.inode(w.target.ino).type != FileType::Symlink
                      ? w.target.ino
                      : kNoInode;
        }
        m_mounts.push_back(Space{&fs, top, normalizeMountPath(m.path), m.mode, m.lazy});
    }
}

bool ContainerFiles::allowed(const Inode& n, uint32_t perm) const
{
    if (m_caller.uid == 0)
        return true;
    uint32_t bits = n.mode & 07;
    if (n.uid == m_caller.uid)
        bits = (n.mode >> 6) & 07;
    else if (n.gid == m_caller.gid)
        bits = (n.mode >> 3) & 07;
    return (bits & perm) == perm;
}

Error ContainerFiles::writable(Loc dir) const
{
    if (space(dir.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (!allowed(node(dir), kWrite | kExec))
        return Error::Access;
    return Error::None;
}

Stat ContainerFiles::statOf(Loc l) const
{
    Stat s = fsOf(l).statOf(l.ino);
    s.device = l.space;
    return s;
}

Error ContainerFiles::resolve(std::string_view path, Follow followLast, Walk& out, Names names) const
{
    if (path.empty())
        return Error::NoEntry;
    // Directories walked so far, and the canonical path they spell; ".." pops both.
    struct Step {
        uint32_t space;
        InodeId ino;
        size_t pathLen;
        Loc loc() const { return Loc{space, ino}; }
    };
    // Fixed storage, left uninitialised: resolving must not allocate or clear anything in the common case
    // (probes run `cat` millions of times).
    Step stack[kMaxDepth];
    size_t depth = 0;
    auto top = [&]() -> Step& { return stack[depth - 1]; };
    auto resetToRoot = [&]() {
        stack[0] = Step{0, m_root.fs->rootInode(), 0};
        depth = 1;
    };
    // The canonical path is needed for the caller's names and to find mount points on the way.
    const bool wantNames = names == Names::Yes;
    const bool track = wantNames || spaceCount() > 1;

    std::string canonical;
    std::string pending; // used only once a symlink has been spliced in
    std::string_view rest = path;
    if (path.front() != '/') {
        pending.reserve(m_cwd.size() + 1 + path.size());
        pending.append(m_cwd).append("/").append(path);
        rest = pending;
    }
    resetToRoot();
    int links = 0;
    const bool trailingSlash = path.back() == '/';

    auto finishRoot = [&]() {
        const Step& t = top();
        out.target = t.loc();
        out.mountRoot = t.ino == space(t.space).root;
        out.parent = depth > 1 ? stack[depth - 2].loc() : t.loc();
        if (!wantNames)
            return;
        out.path = canonical.empty() ? std::string("/") : canonical;
        const size_t slash = out.path.rfind('/');
        out.name = out.path == "/" ? std::string() : out.path.substr(slash + 1);
    };

    while (true) {
        // Next component.
        size_t i = 0;
        while (i < rest.size() && rest[i] == '/')
            ++i;
        if (i == rest.size()) {
            finishRoot(); // the path named a directory already on the stack ("/", "a/..", "dir/")
            if (out.target.valid() && trailingSlash && node(out.target).type != FileType::Directory)
                return Error::NotDirectory;
            return Error::None;
        }
        size_t j = i;
        while (j < rest.size() && rest[j] != '/')
            ++j;
        const std::string_view comp = rest.substr(i, j - i);
        size_t k = j;
        while (k < rest.size() && rest[k] == '/')
            ++k;
        const bool last = k == rest.size();
        const std::string_view after = rest.substr(j); // keeps its leading '/'

        if (comp == ".") {
            rest = after;
            continue;
        }
        if (comp == "..") {
            if (depth > 1) {
                --depth;
                if (track)
                    canonical.resize(top().pathLen);
            }
            rest = after;
            continue;
        }

        const Loc dir = top().loc();
        if (!dir.valid())
            return Error::NoEntry;
        const Inode& d = node(dir);
        if (d.type != FileType::Directory)
            return Error::NotDirectory;
        if (!allowed(d, kExec))
            return Error::Access;

        const size_t parentLen = canonical.size();
        if (track) {
            canonical += '/';
            canonical.append(comp);
        }

        Loc child{dir.space, fsOf(dir).lookup(dir.ino, comp)};
        bool enteredMount = false;
        for (uint32_t s = 1; s < spaceCount(); ++s) {
            if (space(s).path == canonical) {
                child = Loc{s, space(s).root};
                enteredMount = true; // the last matching mount wins, as the last mount on a path does
            }
        }

        if (!enteredMount && !child.valid()) {
            if (!last)
                return Error::NoEntry;
            out.parent = dir;
            out.target = Loc{};
            out.mountRoot = false;
            if (wantNames) {
                out.name.assign(comp);
                out.path = canonical;
            }
            return Error::None;
        }
        if (enteredMount && !child.valid())
            return Error::NoEntry; // mount whose subPath is missing

        const Inode& c = node(child);
        if (c.type == FileType::Symlink && (!last || followLast == Follow::Yes || trailingSlash)) {
            if (++links > kMaxSymlinks)
                return Error::Loop;
            if (track)
                canonical.resize(parentLen);
            std::string spliced = c.data;
            spliced.append(after);
            pending = std::move(spliced);
            rest = pending;
            if (!pending.empty() && pending.front() == '/') {
                resetToRoot();
                canonical.clear();
            }
            if (pending.empty())
                return Error::NoEntry;
            continue;
        }
        if (last) {
            out.parent = dir;
            out.target = child;
            out.mountRoot = enteredMount;
            if (wantNames) {
                out.name.assign(comp);
                out.path = canonical;
            }
            if (trailingSlash && c.type != FileType::Directory)
                return Error::NotDirectory;
            return Error::None;
        }
        if (depth == kMaxDepth)
            return Error::NameTooLong;
        stack[depth++] = Step{child.space, child.ino, canonical.size()};
        rest = after;
    }
}

Error ContainerFiles::stat(std::string_view path, Stat& out, Follow follow) const
{
    Walk w;
    if (Error e = resolve(path, follow, w, Names::No); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    out = statOf(w.target);
    return Error::None;
}

bool ContainerFiles::exists(std::string_view path) const
{
    Walk w;
    return resolve(path, Follow::Yes, w, Names::No) == Error::None && w.target.valid();
}

bool ContainerFiles::isDirectory(std::string_view path) const
{
    Walk w;
    return resolve(path, Follow::Yes, w, Names::No) == Error::None && w.target.valid()
           && node(w.target).type == FileType::Directory;
}

Error ContainerFiles::appendContents(std::string_view path, std::string& out) const
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w, Names::No); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    const Inode& n = node(w.target);
    if (n.type == FileType::Directory)
        return Error::IsDirectory;
    if (!allowed(n, kRead))
        return Error::Access;
    out.append(n.data);
    return Error::None;
}

Error ContainerFiles::readFile(std::string_view path, std::string& out) const
{
    out.clear();
    return appendContents(path, out);
}

Error ContainerFiles::writeFile(std::string_view path, std::string_view data, WriteMode mode, uint32_t perm)
{
    // The null device takes every write and keeps nothing, whichever view of the files the writer has (an exec
    // writing only there runs on the read-only image files).
    if (path == "/dev/null" && mode != WriteMode::CreateNew)
        return Error::None;
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid()) {
        if (w.name.empty())
            return Error::IsDirectory;
        if (Error e = writable(w.parent); e != Error::None)
            return e;
        fsOf(w.parent).createAt(w.parent.ino, w.name, FileType::Regular, perm, m_caller, data);
        return Error::None;
    }
    const Inode& n = node(w.target);
    if (mode == WriteMode::CreateNew)
        return Error::Exists;
    if (n.type == FileType::Directory)
        return Error::IsDirectory;
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (!allowed(n, kWrite))
        return Error::Access;
    fsOf(w.target).writeAt(w.target.ino, data, mode, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::truncate(std::string_view path, uint64_t size)
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    const Inode& n = node(w.target);
    if (n.type == FileType::Directory)
        return Error::IsDirectory;
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (!allowed(n, kWrite))
        return Error::Access;
    fsOf(w.target).truncateAt(w.target.ino, size, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::touch(std::string_view path)
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid()) {
        if (Error e = writable(w.parent); e != Error::None)
            return e;
        fsOf(w.parent).createAt(w.parent.ino, w.name, FileType::Regular, 0644, m_caller);
        return Error::None;
    }
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (m_caller.uid != 0 && node(w.target).uid != m_caller.uid && !allowed(node(w.target), kWrite))
        return Error::Access;
    fsOf(w.target).setMtime(w.target.ino, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::mkdir(std::string_view path, uint32_t perm)
{
    Walk w;
    if (Error e = resolve(path, Follow::No, w); e != Error::None)
        return e;
    if (w.target.valid())
        return Error::Exists;
    if (Error e = writable(w.parent); e != Error::None)
        return e;
    fsOf(w.parent).createAt(w.parent.ino, w.name, FileType::Directory, perm, m_caller);
    return Error::None;
}

Error ContainerFiles::mkdirs(std::string_view path, uint32_t perm)
{
    // Each prefix in turn, so that symlinked and mounted directories on the way are followed.
    size_t pos = 0;
    while (pos <= path.size()) {
        size_t next = path.find('/', pos);
        if (next == std::string_view::npos)
            next = path.size();
        if (next > pos) {
            const std::string_view prefix = path.substr(0, next);
            Stat st;
            const Error e = stat(prefix, st);
            if (e == Error::None) {
                if (!st.isDirectory())
                    return Error::NotDirectory;
            } else if (e == Error::NoEntry) {
                if (Error m = mkdir(prefix, perm); m != Error::None && m != Error::Exists)
                    return m;
            } else {
                return e;
            }
        }
        pos = next + 1;
    }
    return Error::None;
}

Error ContainerFiles::unlink(std::string_view path)
{
    Walk w;
    if (Error e = resolve(path, Follow::No, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    if (node(w.target).type == FileType::Directory)
        return Error::IsDirectory;
    if (Error e = writable(w.parent); e != Error::None)
        return e;
    fsOf(w.parent).removeAt(w.parent.ino, w.name, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::rmdir(std::string_view path)
{
    Walk w;
    if (Error e = resolve(path, Follow::No, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    const Inode& n = node(w.target);
    if (n.type != FileType::Directory)
        return Error::NotDirectory;
    if (w.mountRoot || w.name.empty())
        return Error::Busy;
    if (!n.entries.empty())
        return Error::NotEmpty;
    if (Error e = writable(w.parent); e != Error::None)
        return e;
    fsOf(w.parent).removeAt(w.parent.ino, w.name, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::removeAll(std::string_view path)
{
    Stat st;
    if (Error e = lstat(path, st); e != Error::None)
        return e;
    if (!st.isDirectory())
        return unlink(path);
    std::vector<DirEntry> entries;
    if (Error e = list(path, entries); e != Error::None)
        return e;
    std::string child(path);
    if (child.empty() || child.back() != '/')
        child += '/';
    const size_t base = child.size();
    for (const DirEntry& entry : entries) {
        child.resize(base);
        child += entry.name;
        if (Error e = removeAll(child); e != Error::None)
            return e;
    }
    return rmdir(path);
}

Error ContainerFiles::symlink(std::string_view target, std::string_view linkPath)
{
    Walk w;
    if (Error e = resolve(linkPath, Follow::No, w); e != Error::None)
        return e;
    if (w.target.valid())
        return Error::Exists;
    if (target.empty())
        return Error::NoEntry;
    if (Error e = writable(w.parent); e != Error::None)
        return e;
    fsOf(w.parent).createAt(w.parent.ino, w.name, FileType::Symlink, 0777, m_caller, target);
    return Error::None;
}

Error ContainerFiles::readlink(std::string_view path, std::string& out) const
{
    Walk w;
    if (Error e = resolve(path, Follow::No, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    const Inode& n = node(w.target);
    if (n.type != FileType::Symlink)
        return Error::Invalid;
    out = n.data;
    return Error::None;
}

Error ContainerFiles::rename(std::string_view from, std::string_view to)
{
    Walk src, dst;
    if (Error e = resolve(from, Follow::No, src); e != Error::None)
        return e;
    if (!src.target.valid())
        return Error::NoEntry;
    if (Error e = resolve(to, Follow::No, dst); e != Error::None)
        return e;
    if (src.mountRoot || src.name.empty() || dst.mountRoot || dst.name.empty())
        return Error::Busy;
    if (src.parent.space != dst.parent.space)
        return Error::CrossDevice;
    if (Error e = writable(src.parent); e != Error::None)
        return e;
    if (Error e = writable(dst.parent); e != Error::None)
        return e;
    FileSystem& fs = fsOf(src.parent);
    const Inode& moving = node(src.target);
    const bool movingDir = moving.type == FileType::Directory;
    if (dst.target.valid()) {
        if (dst.target.ino == src.target.ino)
            return Error::None;
        const Inode& replaced = node(dst.target);
        const bool replacedDir = replaced.type == FileType::Directory;
        if (movingDir && !replacedDir)
            return Error::NotDirectory;
        if (!movingDir && replacedDir)
            return Error::IsDirectory;
        if (replacedDir && !replaced.entries.empty())
            return Error::NotEmpty;
    }
    if (movingDir && fs.isWithin(dst.parent.ino, src.target.ino))
        return Error::Invalid;
    fs.moveAt(src.parent.ino, src.name, dst.parent.ino, dst.name, m_caller.nowMs);
    return Error::None;
}

Error ContainerFiles::list(std::string_view path, std::vector<DirEntry>& out) const
{
    out.clear();
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    const Inode& n = node(w.target);
    if (n.type != FileType::Directory)
        return Error::NotDirectory;
    if (!allowed(n, kRead))
        return Error::Access;
    out.reserve(n.entries.size());
    const FileSystem& fs = fsOf(w.target);
    for (const auto& [name, id] : n.entries)
        out.push_back(DirEntry{name, fs.inode(id).type});
    // Mount points right below this directory show even where the root file system lacks the directory.
    bool added = false;
    for (uint32_t s = 1; s < spaceCount(); ++s) {
        const std::string& mp = space(s).path;
        const std::string& dir = w.path;
        const size_t prefix = dir == "/" ? 1 : dir.size() + 1;
        if (mp.size() <= prefix || mp.compare(0, dir.size(), dir) != 0 || mp[prefix - 1] != '/')
            continue;
        const std::string_view name = std::string_view(mp).substr(prefix);
        if (name.find('/') != std::string_view::npos)
            continue;
        if (n.entries.find(name) == n.entries.end()) {
            const Space& mount = space(s);
            // A lazy mount's root is a directory: listing its parent does not build it.
            const FileType type =
                mount.root == kNoInode || !mount.fs ? FileType::Directory : mount.fs->inode(mount.root).type;
            out.push_back(DirEntry{std::string(name), type});
            added = true;
        }
    }
    if (added) {
        std::sort(out.begin(), out.end(), [](const DirEntry& a, const DirEntry& b) { return a.name < b.name; });
        out.erase(std::unique(out.begin(), out.end()), out.end());
    }
    return Error::None;
}

Error ContainerFiles::chmod(std::string_view path, uint32_t perm)
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (m_caller.uid != 0 && node(w.target).uid != m_caller.uid)
        return Error::Access;
    fsOf(w.target).setMode(w.target.ino, perm);
    return Error::None;
}

Error ContainerFiles::chown(std::string_view path, uint32_t uid, uint32_t gid)
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    if (m_caller.uid != 0)
        return Error::Access;
    fsOf(w.target).setOwner(w.target.ino, uid, gid);
    return Error::None;
}

Error ContainerFiles::setMtime(std::string_view path, int64_t epochMs)
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    if (space(w.target.space).mode == MountMode::ReadOnly)
        return Error::ReadOnly;
    fsOf(w.target).setMtime(w.target.ino, epochMs);
    return Error::None;
}

Error ContainerFiles::realpath(std::string_view path, std::string& out) const
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    out = w.path;
    return Error::None;
}

Error ContainerFiles::locate(std::string_view path, Location& out) const
{
    Walk w;
    if (Error e = resolve(path, Follow::Yes, w, Names::No); e != Error::None)
        return e;
    if (!w.target.valid())
        return Error::NoEntry;
    out = Location{w.target.space, w.target.ino};
    return Error::None;
}

bool ContainerFiles::isReadOnly(std::string_view path) const
{
    Walk w;
    if (resolve(path, Follow::Yes, w) != Error::None)
        return false;
    const Loc l = w.target.valid() ? w.target : w.parent;
    return space(l.space).mode == MountMode::ReadOnly;
}

} // namespace podlab::sim::fs
