#include "imagecontent.h"

#include <algorithm>

namespace podlab::sim {

namespace {

// containerd's default when an image sets no PATH.
constexpr std::string_view kDefaultPath = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
constexpr int kMaxLinkHops = 40;

std::vector<std::string_view> splitPath(std::string_view path)
{
    std::vector<std::string_view> parts;
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const size_t end = slash == std::string_view::npos ? path.size() : slash;
        if (end > start)
            parts.push_back(path.substr(start, end - start));
        if (slash == std::string_view::npos)
            break;
        start = slash + 1;
    }
    return parts;
}

std::string joinPath(const std::vector<std::string>& parts)
{
    if (parts.empty())
        return "/";
    std::string out;
    for (const std::string& p : parts)
        out += '/' + p;
    return out;
}

template <class Map>
auto findIn(const Map& map, std::string_view key) -> decltype(&map.begin()->second)
{
    const auto it = map.find(std::string(key));
    return it == map.end() ? nullptr : &it->second;
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
    if (path.empty() || path.front() != '/') {
        start = config.workingDir.empty() ? std::string("/") : config.workingDir;
        start += '/';
    }
    start += path;

    // Components still to walk, last one first, so that a link's target can be pushed in front of the rest.
    std::vector<std::string> todo;
    for (std::string_view part : splitPath(start))
        todo.emplace_back(part);
    std::reverse(todo.begin(), todo.end());
    std::vector<std::string> done;
    int hops = 0;
    while (!todo.empty()) {
        // A copy, not a move: GCC 12 warns (falsely) about comparing a moved-into string below.
        std::string part = todo.back();
        todo.pop_back();
        if (part == ".")
            continue;
        if (part == "..") {
            if (!done.empty())
                done.pop_back();
            continue;
        }
        done.push_back(std::move(part));
        const std::string current = joinPath(done);
        const FileEntry* entry = findIn(files, current);
        for (size_t i = 0; !entry && i < toolsets.size(); ++i)
            entry = findIn(toolsets[i]->files, current);
        if (!entry || !entry->isLink() || ++hops > kMaxLinkHops)
            continue;
        done.pop_back();
        if (entry->linkTarget.front() == '/')
            done.clear();
        const std::vector<std::string_view> target = splitPath(entry->linkTarget);
        for (auto it = target.rbegin(); it != target.rend(); ++it)
            todo.emplace_back(*it);
    }
    return joinPath(done);
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
