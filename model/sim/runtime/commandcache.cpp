#include "commandcache.h"

#include <algorithm>

namespace podlab::sim::runtime::detail {

bool FilesStamp::matches(const fs::FileSystem& root, const std::vector<fs::Mount>& ms, bool contents) const
{
    if (root.namesVersion() != rootNames || (contents && root.version() != rootVersion) || ms.size() != mounts.size())
        return false;
    for (size_t i = 0; i < ms.size(); ++i) {
        const Mount& m = mounts[i];
        if (ms[i].namesStamp() != m.names || (contents && ms[i].contentStamp() != m.version) || ms[i].mode != m.mode ||
            ms[i].path != m.path || ms[i].subPath != m.subPath)
            return false;
    }
    return true;
}

void FilesStamp::assign(const fs::FileSystem& root, const std::vector<fs::Mount>& ms)
{
    rootNames = root.namesVersion();
    rootVersion = root.version();
    mounts.clear();
    for (const fs::Mount& m : ms)
        mounts.push_back(Mount{m.path, m.subPath, m.mode, m.namesStamp(), m.contentStamp()});
}

void CommandCache::validate(const fs::FileSystem& root, const std::vector<fs::Mount>& mounts)
{
    if (m_files.matches(root, mounts, true))
        return;
    if (m_files.matches(root, mounts, false))
        std::erase_if(m_lookups, [](const Lookup& l) { return l.readContents; });
    else
        m_lookups.clear();
    m_files.assign(root, mounts);
}

const Resolved* CommandCache::find(std::string_view name) const
{
    for (const Lookup& l : m_lookups)
        if (l.name == name)
            return &l.resolved;
    return nullptr;
}

void CommandCache::remember(std::string_view name, const Resolved& resolved, bool readContents)
{
    if (m_lookups.size() >= kMaxEntries)
        m_lookups.erase(m_lookups.begin());
    m_lookups.push_back(Lookup{std::string(name), resolved, readContents});
}

const ExecShape* CommandCache::shape(const std::vector<std::string>& argv) const
{
    for (const Line& l : m_lines)
        if (l.argv == argv)
            return &l.shape;
    return nullptr;
}

void CommandCache::rememberShape(const std::vector<std::string>& argv, const ExecShape& shape)
{
    if (m_lines.size() >= kMaxEntries)
        m_lines.erase(m_lines.begin());
    m_lines.push_back(Line{argv, shape});
}

} // namespace podlab::sim::runtime::detail
