#include "filesystem.h"

#include "containerfiles.h"

#include <algorithm>
#include <atomic>

namespace podlab::sim::fs {

const char* message(Error e)
{
    switch (e) {
    case Error::None:
        return "Success";
    case Error::NoEntry:
        return "No such file or directory";
    case Error::NotDirectory:
        return "Not a directory";
    case Error::IsDirectory:
        return "Is a directory";
    case Error::Exists:
        return "File exists";
    case Error::ReadOnly:
        return "Read-only file system";
    case Error::Loop:
        return "Too many levels of symbolic links";
    case Error::NotEmpty:
        return "Directory not empty";
    case Error::Access:
        return "Permission denied";
    case Error::Busy:
        return "Device or resource busy";
    case Error::CrossDevice:
        return "Invalid cross-device link";
    case Error::Invalid:
        return "Invalid argument";
    case Error::NameTooLong:
        return "File name too long";
    }
    return "Unknown error";
}

const char* code(Error e)
{
    switch (e) {
    case Error::None:
        return "OK";
    case Error::NoEntry:
        return "ENOENT";
    case Error::NotDirectory:
        return "ENOTDIR";
    case Error::IsDirectory:
        return "EISDIR";
    case Error::Exists:
        return "EEXIST";
    case Error::ReadOnly:
        return "EROFS";
    case Error::Loop:
        return "ELOOP";
    case Error::NotEmpty:
        return "ENOTEMPTY";
    case Error::Access:
        return "EACCES";
    case Error::Busy:
        return "EBUSY";
    case Error::CrossDevice:
        return "EXDEV";
    case Error::Invalid:
        return "EINVAL";
    case Error::NameTooLong:
        return "ENAMETOOLONG";
    }
    return "E?";
}

uint64_t FileSystem::nextStamp()
{
    // Process-wide, so that stamps identify a state across file systems; it only ever feeds cache keys,
    // never anything a simulation shows.
    static std::atomic<uint64_t> next{0};
    return ++next;
}

bool FileSystem::operator==(const FileSystem& other) const
{
    const auto sameInode = [](const std::shared_ptr<Inode>& a, const std::shared_ptr<Inode>& b) {
        return a == b || *a == *b;
    };
    return std::equal(m_inodes.begin(), m_inodes.end(), other.m_inodes.begin(), other.m_inodes.end(), sameInode) &&
           m_free == other.m_free && m_medium == other.m_medium &&
           m_clockMs == other.m_clockMs;
}

FileSystem::FileSystem(Medium medium)
    : m_medium(medium)
    , m_version(nextStamp())
    , m_namesVersion(m_version)
{
    // Every new file system starts with the same empty root, shared until one writes it (edit() copies a
    // shared inode): most of the kubelet's volumes are never built, and each would hold a root of its own.
    static const std::shared_ptr<Inode> emptyRoot = [] {
        auto root = std::make_shared<Inode>();
        root->type = FileType::Directory;
        root->mode = 0755;
        root->nlink = 2;
        root->parent = 0;
        return root;
    }();
    m_inodes.push_back(emptyRoot);
}

Inode& FileSystem::edit(InodeId id)
{
    std::shared_ptr<Inode>& slot = m_inodes[id];
    if (slot.use_count() > 1)
        slot = std::make_shared<Inode>(*slot);
    return *slot;
}

const std::shared_ptr<Inode>& FileSystem::freedInode()
{
    static const std::shared_ptr<Inode> freed = [] {
        auto n = std::make_shared<Inode>();
        n->nlink = 0;
        return n;
    }();
    return freed;
}

InodeId FileSystem::allocate()
{
    if (!m_free.empty()) {
        const InodeId id = m_free.back();
        m_free.pop_back();
        m_inodes[id] = std::make_shared<Inode>();
        return id;
    }
    m_inodes.push_back(std::make_shared<Inode>());
    return InodeId(m_inodes.size() - 1);
}

void FileSystem::release(InodeId id)
{
    if (inode(id).type == FileType::Directory) {
        for (const auto& [name, child] : inode(id).entries)
            release(child);
    }
    m_inodes[id] = freedInode();
    m_free.push_back(id);
}

InodeId FileSystem::lookup(InodeId dir, std::string_view name) const
{
    const Inode& d = inode(dir);
    if (d.type != FileType::Directory)
        return kNoInode;
    const auto it = d.entries.find(name);
    return it == d.entries.end() ? kNoInode : it->second;
}

Stat FileSystem::statOf(InodeId id) const
{
    const Inode& n = inode(id);
    Stat s;
    s.type = n.type;
    s.mode = n.mode;
    s.uid = n.uid;
    s.gid = n.gid;
    s.nlink = n.nlink;
    s.mtimeMs = n.mtimeMs;
    s.ino = uint64_t(id) + (m_medium == Medium::Disk ? 2 : 1); // inode 2 is a disk's root, 1 a tmpfs's
    switch (n.type) {
    case FileType::Regular:
        s.size = n.data.size();
        s.blocks = (s.size + 4095) / 4096 * 4;
        break;
    case FileType::Symlink:
        s.size = n.data.size();
        break;
    case FileType::Directory:
        // ext4 allocates a 4 KiB block per directory; tmpfs reports a size that grows 20 per entry.
        if (m_medium == Medium::Disk) {
            s.size = 4096;
            s.blocks = 4;
        } else {
            s.size = 40 + 20 * n.entries.size();
        }
        break;
    }
    return s;
}

InodeId FileSystem::createAt(InodeId dir, std::string_view name, FileType type, uint32_t mode,
                             const Caller& who, std::string_view data)
{
    const InodeId id = allocate();
    Inode& n = edit(id);
    n.type = type;
    n.mode = mode & 07777;
    n.uid = who.uid;
    n.gid = who.gid;
    n.mtimeMs = who.nowMs;
    n.data.assign(data);
    if (type == FileType::Directory) {
        n.nlink = 2;
        n.parent = dir;
        edit(dir).nlink++;
    }
    Inode& d = edit(dir);
    d.entries.add(std::string(name), id);
    d.mtimeMs = who.nowMs;
    renamed();
    return id;
}

void FileSystem::writeAt(InodeId file, std::string_view data, WriteMode mode, int64_t nowMs)
{
    Inode& n = edit(file);
    if (mode == WriteMode::Append)
        n.data.append(data);
    else
        n.data.assign(data);
    n.mtimeMs = nowMs;
    changed();
}

void FileSystem::truncateAt(InodeId file, uint64_t size, int64_t nowMs)
{
    Inode& n = edit(file);
    n.data.resize(size, '\0');
    n.mtimeMs = nowMs;
    changed();
}

void FileSystem::removeAt(InodeId dir, std::string_view name, int64_t nowMs)
{
    if (lookup(dir, name) == kNoInode)
        return;
    Inode& d = edit(dir);
    const InodeId child = d.entries.find(name)->second;
    d.entries.remove(name);
    d.mtimeMs = nowMs;
    if (inode(child).type == FileType::Directory)
        d.nlink--;
    release(child);
    renamed();
}

void FileSystem::moveAt(InodeId fromDir, std::string_view fromName, InodeId toDir, std::string_view toName,
                        int64_t nowMs)
{
    const InodeId moving = lookup(fromDir, fromName);
    if (moving == kNoInode)
        return;
    const InodeId replaced = lookup(toDir, toName);
    if (replaced == moving)
        return;
    const bool isDir = inode(moving).type == FileType::Directory;
    {
        Inode& from = edit(fromDir);
        from.entries.remove(fromName);
        from.mtimeMs = nowMs;
        if (isDir)
            from.nlink--;
    }
    if (replaced != kNoInode)
        removeAt(toDir, toName, nowMs);
    Inode& to = edit(toDir);
    to.entries.add(std::string(toName), moving);
    to.mtimeMs = nowMs;
    if (isDir) {
        to.nlink++;
        edit(moving).parent = toDir;
    }
    renamed();
}

void FileSystem::setOwner(InodeId id, uint32_t uid, uint32_t gid)
{
    Inode& n = edit(id);
    n.uid = uid;
    n.gid = gid;
    renamed();
}

void FileSystem::setMode(InodeId id, uint32_t mode)
{
    edit(id).mode = mode & 07777;
    renamed();
}

void FileSystem::setMtime(InodeId id, int64_t epochMs)
{
    edit(id).mtimeMs = epochMs;
    changed();
}

bool FileSystem::isWithin(InodeId dir, InodeId ancestor) const
{
    for (InodeId d = dir;; d = inode(d).parent) {
        if (d == ancestor)
            return true;
        if (d == rootInode() || d == kNoInode)
            return false;
    }
}

// The path functions see this file system as a container with no mounts, acting as root. Reads go through
// a view over a const file system; the view's read functions never modify it.
namespace {
ContainerFiles viewOf(const FileSystem& fs)
{
    return ContainerFiles(const_cast<FileSystem&>(fs), {}, Caller{0, 0, fs.clock()});
}
} // namespace

Error FileSystem::stat(std::string_view path, Stat& out, Follow follow) const
{
    return viewOf(*this).stat(path, out, follow);
}
bool FileSystem::exists(std::string_view path) const { return viewOf(*this).exists(path); }
bool FileSystem::isDirectory(std::string_view path) const { return viewOf(*this).isDirectory(path); }
Error FileSystem::readFile(std::string_view path, std::string& out) const
{
    return viewOf(*this).readFile(path, out);
}
Error FileSystem::writeFile(std::string_view path, std::string_view data, WriteMode mode, uint32_t perm)
{
    return viewOf(*this).writeFile(path, data, mode, perm);
}
Error FileSystem::truncate(std::string_view path, uint64_t size) { return viewOf(*this).truncate(path, size); }
Error FileSystem::touch(std::string_view path) { return viewOf(*this).touch(path); }
Error FileSystem::mkdir(std::string_view path, uint32_t perm) { return viewOf(*this).mkdir(path, perm); }
Error FileSystem::mkdirs(std::string_view path, uint32_t perm) { return viewOf(*this).mkdirs(path, perm); }
Error FileSystem::unlink(std::string_view path) { return viewOf(*this).unlink(path); }
Error FileSystem::rmdir(std::string_view path) { return viewOf(*this).rmdir(path); }
Error FileSystem::removeAll(std::string_view path) { return viewOf(*this).removeAll(path); }
Error FileSystem::symlink(std::string_view target, std::string_view linkPath)
{
    return viewOf(*this).symlink(target, linkPath);
}
Error FileSystem::readlink(std::string_view path, std::string& out) const
{
    return viewOf(*this).readlink(path, out);
}
Error FileSystem::rename(std::string_view from, std::string_view to) { return viewOf(*this).rename(from, to); }
Error FileSystem::list(std::string_view path, std::vector<DirEntry>& out) const
{
    return viewOf(*this).list(path, out);
}
Error FileSystem::chmod(std::string_view path, uint32_t perm) { return viewOf(*this).chmod(path, perm); }
Error FileSystem::chown(std::string_view path, uint32_t uid, uint32_t gid)
{
    return viewOf(*this).chown(path, uid, gid);
}
Error FileSystem::realpath(std::string_view path, std::string& out) const
{
    return viewOf(*this).realpath(path, out);
}

} // namespace podlab::sim::fs
