#include "imagemanager.h"

#include <algorithm>

namespace podlab::sim {

SimTime ImageManager::schedulePull(SimTime now, SimTime duration)
{
    const SimTime start = std::max(now, m_queueFreeAt);
    m_queueFreeAt = start + duration;
    return m_queueFreeAt;
}

void ImageManager::add(const std::string& reference, const std::string& digest, int64_t size)
{
    ++m_changes;
    m_references.insert(reference);
    m_digests.insert(digest);
    Entry& e = m_byDigest[digest];
    e.size = size;
    if (std::find(e.names.begin(), e.names.end(), reference) == e.names.end())
        e.names.push_back(reference);
}

std::vector<ImageManager::Entry> ImageManager::images() const
{
    std::vector<Entry> out;
    for (const auto& [digest, e] : m_byDigest) {
        Entry withDigest = e;
        // The repo@digest name comes first for a pulled image, then its tags (as `kubectl get node -o yaml`
        // shows them).
        const std::string& ref = e.names.front();
        const size_t colon = ref.rfind(':');
        const size_t slash = ref.rfind('/');
        const std::string repository = (colon != std::string::npos && (slash == std::string::npos || colon > slash))
                                           ? ref.substr(0, colon)
                                           : ref;
        withDigest.names.insert(withDigest.names.begin(), repository + "@" + digest);
        out.push_back(std::move(withDigest));
    }
    std::stable_sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return a.size > b.size; });
    return out;
}

std::string goDuration(SimTime ms)
{
    if (ms == 0)
        return "0s";
    if (ms < 1000)
        return std::to_string(ms) + "ms";
    std::string out;
    if (ms >= 3'600'000) {
        out += std::to_string(ms / 3'600'000) + "h";
        ms %= 3'600'000;
    }
    if (!out.empty() || ms >= 60'000) {
        out += std::to_string(ms / 60'000) + "m";
        ms %= 60'000;
    }
    out += std::to_string(ms / 1000);
    if (ms % 1000) {
        std::string frac = std::to_string(1000 + ms % 1000).substr(1);
        while (frac.back() == '0')
            frac.pop_back();
        out += "." + frac;
    }
    return out + "s";
}

} // namespace podlab::sim
