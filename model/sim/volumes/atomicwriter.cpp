#include "atomicwriter.h"

#include "sim/fs/civiltime.h"

#include <cctype>
#include <cstdio>
#include <set>
#include <vector>

namespace podlab::sim {

namespace {

constexpr std::string_view kDataDirName = "..data";
constexpr std::string_view kNewDataDirName = "..data_tmp";
constexpr size_t kMaxFileNameLength = 255;
constexpr size_t kMaxPathLength = 4096;

// Go's syscall.Errno text: strerror in lower case ("file exists").
std::string errnoText(fs::Error e)
{
    std::string text = fs::message(e);
    if (!text.empty())
        text[0] = char(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// A Go *PathError as the kubelet would print it: "mkdir /..2026_…: file exists".
std::string pathError(std::string_view op, std::string_view path, fs::Error e)
{
    return std::string(op) + " " + std::string(path) + ": " + errnoText(e);
}

std::string firstSegment(const std::string& path)
{
    return path.substr(0, path.find('/'));
}

// Every path below `dir`, relative to it ("a", "a/b"), as filepath.Walk visits them.
void walk(const fs::FileSystem& fs, const std::string& dir, const std::string& relative,
          std::set<std::string>& out)
{
    std::vector<fs::DirEntry> entries;
    if (fs.list(dir, entries) != fs::Error::None)
        return;
    for (const fs::DirEntry& entry : entries) {
        const std::string rel = relative.empty() ? entry.name : relative + "/" + entry.name;
        out.insert(rel);
        if (entry.type == fs::FileType::Directory)
            walk(fs, dir + "/" + entry.name, rel, out);
    }
}

} // namespace

AtomicWriter::AtomicWriter(fs::FileSystem& fs, std::string targetDir)
    : m_fs(fs), m_targetDir(std::move(targetDir))
{}

std::string AtomicWriter::join(std::string_view name) const
{
    std::string out = m_targetDir;
    if (out.empty() || out.back() != '/')
        out += '/';
    out += name;
    return out;
}

std::string AtomicWriter::validatePath(std::string_view path)
{
    const std::string p(path);
    if (path.empty())
        return "invalid path: must not be empty: \"\"";
    if (path.front() == '/')
        return "invalid path: must be relative path: " + p;
    if (path.size() > kMaxPathLength)
        return "invalid path: must be less than or equal to " + std::to_string(kMaxPathLength) +
               " characters";
    size_t start = 0;
    std::string_view first;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view item = path.substr(start, end - start);
        if (start == 0)
            first = item;
        if (item == "..")
            return "invalid path: must not contain '..': " + p;
        if (item.size() > kMaxFileNameLength)
            return "invalid path: filenames must be less than or equal to " +
                   std::to_string(kMaxFileNameLength) + " characters";
        start = end + 1;
    }
    if (first.size() > 2 && first.substr(0, 2) == "..")
        return "invalid path: must not start with '..': " + p;
    return {};
}

std::string AtomicWriter::cleanPath(std::string_view path)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start <= path.size()) {
        size_t end = path.find('/', start);
        if (end == std::string_view::npos)
            end = path.size();
        const std::string_view item = path.substr(start, end - start);
        if (!item.empty() && item != ".")
            parts.push_back(item);
        start = end + 1;
    }
    std::string out;
    for (const std::string_view part : parts) {
        if (!out.empty())
            out += '/';
        out += part;
    }
    return out.empty() ? std::string(".") : out;
}

std::string AtomicWriter::timestampPrefix(int64_t epochMs)
{
    const fs::CivilTime t = fs::CivilTime::fromEpochMs(epochMs);
    char buf[40];
    std::snprintf(buf, sizeof buf, "..%04d_%02d_%02d_%02d_%02d_%02d.", t.year, t.month, t.day, t.hour,
                  t.minute, t.second);
    return buf;
}

std::string AtomicWriter::currentDataDir() const
{
    std::string target;
    if (m_fs.readlink(join(kDataDirName), target) != fs::Error::None)
        return {};
    return target;
}

AtomicWriter::Result AtomicWriter::write(const VolumePayload& payload, int64_t nowEpochMs, Random& random)
{
    return write(payload, nowEpochMs, [&random] { return drawSuffix(random); });
}

AtomicWriter::Result AtomicWriter::writeAs(const VolumePayload& payload, int64_t nowEpochMs, uint32_t suffix)
{
    return write(payload, nowEpochMs, [suffix] { return suffix; });
}

bool AtomicWriter::sameContents(const VolumePayload& current, const VolumePayload& next)
{
    if (current.size() != next.size())
        return false;
    for (auto a = current.begin(), b = next.begin(); a != current.end(); ++a, ++b)
        if (cleanPath(a->first) != cleanPath(b->first) || a->second.data != b->second.data)
            return false;
    return true;
}

AtomicWriter::Result AtomicWriter::write(const VolumePayload& payload, int64_t nowEpochMs,
                                         const std::function<uint32_t()>& suffix)
{
    Result result;
    VolumePayload clean;
    for (const auto& [path, file] : payload) {
        if (std::string error = validatePath(path); !error.empty()) {
            result.error = std::move(error);
            return result;
        }
        clean[cleanPath(path)] = file;
    }
    m_fs.setClock(nowEpochMs);

    std::string oldTsDir;
    if (const fs::Error e = m_fs.readlink(join(kDataDirName), oldTsDir); e != fs::Error::None) {
        if (e != fs::Error::NoEntry) {
            result.error = pathError("readlink", join(kDataDirName), e);
            return result;
        }
        oldTsDir.clear();
    }

    std::set<std::string> pathsToRemove;
    bool shouldWrite = true;
    if (!oldTsDir.empty()) {
        pathsToRemove = stalePaths(clean, oldTsDir);
        if (!contentChanged(clean, oldTsDir) && pathsToRemove.empty()) {
            // The data is current, but the user-visible symlinks are still checked below.
            shouldWrite = false;
            result.dataDir = oldTsDir;
            oldTsDir.clear();
        }
    }

    if (shouldWrite) {
        result.error = writeDataDir(clean, nowEpochMs, suffix, result.dataDir);
        if (!result.error.empty())
            return result;
        result.change = Change::Written;
    }

    result.error = createUserVisibleFiles(clean);
    if (!result.error.empty())
        return result;

    // Only the volume's top level holds the user-visible symlinks; deeper paths went with the old directory.
    for (const std::string& p : pathsToRemove) {
        if (p.find('/') != std::string::npos)
            continue;
        if (const fs::Error e = m_fs.unlink(join(p)); e != fs::Error::None)
            result.error = pathError("remove", join(p), e);
    }
    if (!result.error.empty())
        return result;

    if (!oldTsDir.empty())
        if (const fs::Error e = m_fs.removeAll(join(oldTsDir)); e != fs::Error::None)
            result.error = pathError("unlinkat", join(oldTsDir), e);
    return result;
}

std::set<std::string> AtomicWriter::stalePaths(const VolumePayload& clean, const std::string& oldTsDir) const
{
    std::set<std::string> current;
    walk(m_fs, join(oldTsDir), {}, current);
    // Every directory on the way to a new file stays, or removing it would fail for not being empty.
    std::set<std::string> wanted;
    for (const auto& [path, file] : clean)
        for (std::string sub = path; !sub.empty();) {
            wanted.insert(sub);
            const size_t slash = sub.rfind('/');
            sub = slash == std::string::npos ? std::string() : sub.substr(0, slash);
        }
    std::set<std::string> stale;
    for (const std::string& p : current)
        if (!wanted.count(p))
            stale.insert(p);
    return stale;
}

bool AtomicWriter::contentChanged(const VolumePayload& clean, const std::string& oldTsDir) const
{
    const std::string oldTsPath = join(oldTsDir);
    for (const auto& [path, file] : clean) {
        std::string onDisk;
        fs::Stat st;
        if (m_fs.lstat(oldTsPath + "/" + path, st) != fs::Error::None ||
            m_fs.readFile(oldTsPath + "/" + path, onDisk) != fs::Error::None || onDisk != file.data)
            return true;
    }
    return false;
}

std::string AtomicWriter::writeDataDir(const VolumePayload& clean, int64_t nowEpochMs,
                                       const std::function<uint32_t()>& suffix, std::string& tsDirName)
{
    // os.MkdirTemp: prefix + a random uint32 in decimal, retried on a clash.
    const std::string prefix = timestampPrefix(nowEpochMs);
    for (int attempt = 0;; ++attempt) {
        tsDirName = prefix + std::to_string(suffix());
        const fs::Error e = m_fs.mkdir(join(tsDirName), 0700);
        if (e == fs::Error::None)
            break;
        if (e != fs::Error::Exists || attempt >= 10000)
            return pathError("mkdir", join(tsDirName), e);
    }
    const std::string tsDir = join(tsDirName);
    // Group and others must be able to walk in, whatever the umask.
    m_fs.chmod(tsDir, 0755);

    for (const auto& [path, file] : clean) {
        const std::string full = tsDir + "/" + path;
        const std::string parent = full.substr(0, full.rfind('/'));
        if (const fs::Error e = m_fs.mkdirs(parent, 0755); e != fs::Error::None)
            return pathError("mkdir", parent, e);
        if (const fs::Error e = m_fs.writeFile(full, file.data, fs::WriteMode::Truncate, file.mode);
            e != fs::Error::None)
            return pathError("open", full, e);
        m_fs.chmod(full, file.mode);
    }

    const std::string newDataDir = join(kNewDataDirName);
    if (const fs::Error e = m_fs.symlink(tsDirName, newDataDir); e != fs::Error::None) {
        m_fs.removeAll(tsDir);
        return "symlink " + tsDirName + " " + newDataDir + ": " + errnoText(e);
    }
    if (const fs::Error e = m_fs.rename(newDataDir, join(kDataDirName)); e != fs::Error::None) {
        m_fs.unlink(newDataDir);
        m_fs.removeAll(tsDir);
        return "rename " + newDataDir + " " + join(kDataDirName) + ": " + errnoText(e);
    }
    return {};
}

std::string AtomicWriter::createUserVisibleFiles(const VolumePayload& clean)
{
    for (const auto& [path, file] : clean) {
        const std::string link = firstSegment(path);
        std::string existing;
        // Anything already there, a symlink or not, is left alone.
        if (m_fs.readlink(join(link), existing) != fs::Error::NoEntry)
            continue;
        if (const fs::Error e = m_fs.symlink(std::string(kDataDirName) + "/" + link, join(link));
            e != fs::Error::None)
            return pathError("symlink", join(link), e);
    }
    return {};
}

} // namespace podlab::sim
