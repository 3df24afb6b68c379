#include "sharedtexts.h"

#include <algorithm>
#include <functional>
#include <string_view>

namespace podlab::sim::runtime {

std::shared_ptr<const std::string> SharedTexts::intern(std::string text)
{
    const size_t hash = std::hash<std::string_view>()(text);
    const auto [first, last] = m_texts.equal_range(hash);
    for (auto it = first; it != last; ++it)
        if (*it->second == text)
            return it->second;
    if (m_texts.size() >= m_purgeAt) {
        std::erase_if(m_texts, [](const auto& entry) { return entry.second.use_count() == 1; });
        m_purgeAt = std::max(kMinPurge, m_texts.size() * 2);
    }
    auto held = std::make_shared<const std::string>(std::move(text));
    m_texts.emplace(hash, held);
    return held;
}

} // namespace podlab::sim::runtime
