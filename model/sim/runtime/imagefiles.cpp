#include "imagefiles.h"

#include "sim/core/text.h"

#include <set>

namespace podlab::sim::runtime {

namespace {

// PodLab does not know when each image was built; its files all carry this time (2025-01-01 00:00 UTC).
constexpr int64_t kImageFilesEpochMs = 1735689600000;

std::string join(const std::string& dir, const std::string& name) { return dir == "/" ? "/" + name : dir + "/" + name; }

} // namespace

std::shared_ptr<const fs::FileSystem> unpackImage(const ImageContent& image)
{
    auto root = std::make_shared<fs::FileSystem>();
    fs::FileSystem& f = *root;
    f.setClock(kImageFilesEpochMs);

    // Links and files: the image's own first, then each toolset's where the image has none (the order
    // ImageContent::file() looks them up in).
    std::map<std::string, const FileEntry*> entries;
    for (const auto& [path, entry] : image.files)
        entries.emplace(path, &entry);
    for (const auto& toolset : image.toolsets)
        for (const auto& [path, entry] : toolset->files)
            entries.emplace(path, &entry);

    const bool distribution = !image.toolsets.empty();
    const std::vector<std::pair<const char*, uint32_t>> skeleton =
        distribution ? std::vector<std::pair<const char*, uint32_t>>{{"/dev", 0755},  {"/etc", 0755}, {"/home", 0755},
                                                                     {"/proc", 0555}, {"/root", 0700}, {"/run", 0755},
                                                                     {"/sys", 0555},  {"/tmp", 01777}, {"/usr", 0755},
                                                                     {"/var", 0755}}
                     // FROM scratch: only the mount points runc and the kubelet need.
                     : std::vector<std::pair<const char*, uint32_t>>{
                           {"/dev", 0755}, {"/etc", 0755}, {"/proc", 0555}, {"/sys", 0555}};
    for (const auto& [dir, mode] : skeleton) {
        if (entries.count(dir))
            continue;
        f.mkdirs(dir);
        f.chmod(dir, mode);
    }
    if (distribution)
        f.writeFile("/dev/null", {}, fs::WriteMode::Truncate, 0666);

    // Links before files, so that a file below a linked directory (/bin -> usr/bin) lands in the target.
    for (const auto& [path, entry] : entries) {
        if (!entry->isLink())
            continue;
        const std::string parent = image.canonicalPath(parentDirectory(path));
        f.mkdirs(parent);
        f.symlink(entry->linkTarget, join(parent, std::string(baseName(path))));
    }
    for (const auto& [path, entry] : entries) {
        if (entry->isLink())
            continue;
        const std::string target = image.canonicalPath(path);
        f.mkdirs(parentDirectory(target));
        f.writeFile(target, entry->content, fs::WriteMode::Truncate, uint32_t(entry->mode));
        f.chmod(target, uint32_t(entry->mode));
    }

    auto addProgram = [&](const std::string& path, const Program& program) {
        if (program.model == Program::Model::Utility)
            return;
        const std::string target = image.canonicalPath(path);
        fs::Stat st;
        if (f.stat(target, st) == fs::Error::None)
            return;
        f.mkdirs(parentDirectory(target));
        f.writeFile(target, {}, fs::WriteMode::Truncate, 0755);
        f.chmod(target, 0755);
    };
    for (const auto& [path, program] : image.programs)
        addProgram(path, program);
    for (const auto& toolset : image.toolsets)
        for (const auto& [path, program] : toolset->programs)
            addProgram(path, program);

    if (!image.config.workingDir.empty())
        f.mkdirs(image.canonicalPath(image.config.workingDir));
    return root;
}

std::shared_ptr<const fs::FileSystem> UnpackedImages::get(const ResolvedImage& image)
{
    std::weak_ptr<const fs::FileSystem>& held = m_unpacked[image.digest];
    std::shared_ptr<const fs::FileSystem> files = held.lock();
    if (!files) {
        files = unpackImage(*image.content);
        held = files;
    }
    return files;
}

std::shared_ptr<const fs::FileSystem> UnpackedImages::withMountPoints(const std::shared_ptr<const fs::FileSystem>& base,
                                                                      const std::vector<std::string>& dirs,
                                                                      const std::vector<std::string>& files,
                                                                      int64_t epochMs)
{
    std::string key;
    for (const std::string& d : dirs)
        key += d + '\n';
    key += '\0';
    for (const std::string& f : files)
        key += f + '\n';
    std::weak_ptr<const fs::FileSystem>& held = m_withMountPoints[{base->version(), key}];
    std::shared_ptr<const fs::FileSystem> shared = held.lock();
    if (!shared) {
        auto made = std::make_shared<fs::FileSystem>(*base);
        made->setClock(epochMs);
        for (const std::string& d : dirs)
            made->mkdirs(d);
        for (const std::string& f : files) {
            if (made->exists(f))
                continue;
            const size_t slash = f.rfind('/');
            if (slash != std::string::npos && slash > 0)
                made->mkdirs(f.substr(0, slash));
            made->writeFile(f, "");
        }
        shared = std::move(made);
        held = shared;
    }
    if (m_withMountPoints.size() >= m_purgeAt) {
        std::erase_if(m_withMountPoints, [](const auto& entry) { return entry.second.expired(); });
        m_purgeAt = std::max<size_t>(64, m_withMountPoints.size() * 2);
    }
    return shared;
}

std::shared_ptr<const fs::FileSystem> ImageFileSystems::get(const ResolvedImage& image, UnpackedImages* cluster)
{
    if (!image.content)
        return std::make_shared<const fs::FileSystem>();
    std::shared_ptr<const fs::FileSystem>& slot = m_unpacked[image.digest];
    if (!slot)
        slot = cluster ? cluster->get(image) : unpackImage(*image.content);
    return slot;
}

api::SharedOptional<ResolvedImage> ImageFileSystems::resolved(const ResolvedImage& image)
{
    const std::string key = image.imageName() + '@' + image.digest;
    auto it = m_resolved.find(key);
    if (it == m_resolved.end() || !(*it->second == image))
        it = m_resolved.insert_or_assign(key, api::SharedOptional<ResolvedImage>(image)).first;
    return it->second;
}

void ImageFileSystems::prune()
{
    for (auto it = m_unpacked.begin(); it != m_unpacked.end();) {
        if (it->second.use_count() == 1)
            it = m_unpacked.erase(it);
        else
            ++it;
    }
}

} // namespace podlab::sim::runtime
