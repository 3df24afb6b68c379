#include "sharedlines.h"

#include "containerlog.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace podlab::sim::runtime {

namespace {

size_t hashOf(const detail::TimedLine& line)
{
    size_t h = std::hash<std::string_view>()(line.text);
    auto mix = [&h](size_t v) { h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2); };
    mix(std::hash<std::string_view>()(line.format));
    mix(size_t(line.epochOffset));
    mix(line.holes.size());
    for (const uint32_t hole : line.holes)
        mix(hole);
    return h;
}

} // namespace

SharedLines::Interned SharedLines::intern(std::shared_ptr<const detail::TimedLine> line)
{
    const size_t hash = hashOf(*line);
    const auto [first, last] = m_lines.equal_range(hash);
    for (auto it = first; it != last; ++it)
        if (it->second == line || *it->second == *line)
            return {it->second, true};
    if (m_lines.size() >= m_purgeAt) {
        std::erase_if(m_lines, [](const auto& entry) { return entry.second.use_count() == 1; });
        m_purgeAt = std::max(kMinPurge, m_lines.size() * 2);
    }
    m_lines.emplace(hash, line);
    return {std::move(line), false};
}

} // namespace podlab::sim::runtime
