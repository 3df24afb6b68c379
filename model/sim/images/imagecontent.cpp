#include "imagecontent.h"

#include <algorithm>
#include <charconv>

namespace podlab::sim {

namespace {

// containerd's default when an image sets no PATH.
constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr int kMaxLinkHops = 40;

template <class Map>
auto findIn(const Map& map, const std::string& key) -> decltype(&map.begin()->second)
{
    const auto it = map.find(key);
    return it == map.end() ? nullptr : &it->second;
}

// A uid or gid as the runtime has always read them: any 64-bit number, kept modulo 2^32.
std::optional<uint32_t> toId(std::string_view text)
{
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return uint32_t(v);
}

std::vector<PasswdEntry> parsePasswd(std::string_view text)
{
    std::vector<PasswdEntry> entries;
    size_t i = 0;
    while (i < text.size()) {
        size_t end = text.find('\n', i);
        if (end == std::string_view::npos)
            end = text.size();
        std::string_view line = text.substr(i, end - i);
        i = end + 1;
        std::string_view f[6];
        size_t n = 0;
        while (n < 6) {
            const size_t colon = line.find(':');
            f[n++] = line.substr(0, colon);
            if (colon == std::string_view::npos)
                break;
            line.remove_prefix(colon + 1);
        }
        if (n < 6)
            continue;
        const auto uid = toId(f[2]);
        const auto gid = toId(f[3]);
        if (!uid || !gid)
            continue;
        entries.push_back(PasswdEntry{std::string(f[0]), *uid, *gid, std::string(f[5])});
    }
    return entries;
}

} // namespace

std::optional<std::string> ImageConfig::envValue(std::string_view key) const
{
    for (const std::string& kv : env)
        if (kv.size() > key.size() && kv.compare(0, key.size(), key) == 0 && kv[key.size()] == '=')
            return kv.substr(key.size() + 1);
    return std::nullopt;
}

void ImageConfig::setEnv(std::string keyValue)
{
    const std::string_view key = std::string_view(keyValue).substr(0, keyValue.find('='));
    for (std::string& kv : env) {
        if (kv.size() > key.size() && kv.compare(0, key.size(), key) == 0 && kv[key.size()] == '=') {
            kv = std::move(keyValue);
            return;
        }
    }
    env.push_back(std::move(keyValue));
}

std::string ImageContent::canonicalPath(std::string_view path) const
{
    std::string start;
    std::string_view rest = path;
    if (path.empty() || path.front() != '/') {
        start = config.workingDir.empty() ? std::string("/") : config.workingDir;
        start += '/';
        start += path;
        rest = start;
    }
    // The path walked so far grows and shrinks in place (components never hold a '/'); the text still to
    // walk is `rest`, which a link's target is spliced in front of. No allocation unless a link is followed:
    // runc looks up every PATH directory this way.
    std::string current;
    current.reserve(rest.size() + 16);
    std::string pending;
    int hops = 0;
    while (true) {
        size_t i = 0;
        while (i < rest.size() && rest[i] == '/')
            ++i;
        if (i == rest.size())
            break;
        size_t j = i;
        while (j < rest.size() && rest[j] != '/')
            ++j;
        const std::string_view part = rest.substr(i, j - i);
        rest.remove_prefix(j);
        if (part == ".")
            continue;
        if (part == "..") {
            if (!current.empty())
                current.resize(current.rfind('/'));
            continue;
        }
        const size_t parentLen = current.size();
        current += '/';
        current += part;
        const FileEntry* entry = findIn(files, current);
        for (size_t t = 0; !entry && t < toolsets.size(); ++t)
            entry = findIn(toolsets[t]->files, current);
        if (!entry || !entry->isLink() || ++hops > kMaxLinkHops)
            continue;
        current.resize(entry->linkTarget.front() == '/' ? 0 : parentLen);
        std::string next;
        next.reserve(entry->linkTarget.size() + 1 + rest.size());
        next += entry->linkTarget;
        next += '/';
        next += rest;
        pending = std::move(next);
        rest = pending;
    }
    return current.empty() ? std::string("/") : current;
}

const FileEntry* ImageContent::file(std::string_view path) const
{
    const std::string canonical = canonicalPath(path);
    if (const FileEntry* f = findIn(files, canonical))
        return f;
    for (const auto& t : toolsets)
        if (const FileEntry* f = findIn(t->files, canonical))
            return f;
    return nullptr;
}

const Program* ImageContent::program(std::string_view path) const
{
    const std::string canonical = canonicalPath(path);
    if (const Program* p = findIn(programs, canonical))
        return p;
    // A file the image ships at that path hides a toolset's program there.
    if (findIn(files, canonical))
        return nullptr;
    for (const auto& t : toolsets)
        if (const Program* p = findIn(t->programs, canonical))
            return p;
    return nullptr;
}

const Toolset* ImageContent::toolset(std::string_view name) const
{
    for (const auto& t : toolsets)
        if (t->name == name)
            return t.get();
    return nullptr;
}

std::optional<std::string> ImageContent::lookPath(std::string_view name,
                                                  std::optional<std::string_view> pathEnv) const
{
    if (name.empty())
        return std::nullopt;
    auto runnable = [this](std::string_view candidate) {
        if (program(candidate))
            return true;
        const FileEntry* f = file(candidate);
        return f && !f->isLink() && (f->mode & 0111) != 0;
    };
    if (name.find('/') != std::string_view::npos) {
        if (runnable(name))
            return std::string(name);
        return std::nullopt;
    }
    const std::optional<std::string> imagePath = config.envValue("PATH");
    const std::string_view path = pathEnv     ? *pathEnv
                                  : imagePath ? std::string_view(*imagePath)
                                              : kDefaultPath;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t colon = path.find(':', start);
        std::string_view dir = path.substr(start, colon == std::string_view::npos ? colon : colon - start);
        if (dir.empty())
            dir = ".";
        std::string candidate(dir);
        candidate += '/';
        candidate += name;
        if (runnable(candidate))
            return candidate;
        if (colon == std::string_view::npos)
            break;
        start = colon + 1;
    }
    return std::nullopt;
}

const Program* ImageContent::shell() const
{
    const std::optional<std::string> sh = lookPath("sh");
    const Program* p = sh ? program(*sh) : nullptr;
    return p && p->model == Program::Model::Shell ? p : nullptr;
}

const std::vector<PasswdEntry>& ImageContent::users() const
{
    if (!m_users) {
        const FileEntry* passwd = file("/etc/passwd");
        m_users = std::make_shared<const std::vector<PasswdEntry>>(passwd ? parsePasswd(passwd->content)
                                                                          : std::vector<PasswdEntry>{});
    }
    return *m_users;
}

bool ImageContent::operator==(const ImageContent& other) const
{
    if (!(config == other.config && files == other.files && programs == other.programs &&
          toolsets.size() == other.toolsets.size()))
        return false;
    for (size_t i = 0; i < toolsets.size(); ++i)
        if (toolsets[i] != other.toolsets[i] && !(*toolsets[i] == *other.toolsets[i]))
            return false;
    return true;
}

std::vector<std::string> containerArgv(const ImageConfig& config, const std::vector<std::string>& command,
                                       const std::vector<std::string>& args)
{
    std::vector<std::string> argv = command.empty() ? config.entrypoint : command;
    const std::vector<std::string>& rest = !args.empty() ? args : command.empty() ? config.cmd : args;
    argv.insert(argv.end(), rest.begin(), rest.end());
    return argv;
}

} // namespace podlab::sim
