#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

namespace podlab::sim::runtime {

// Texts that many containers hold alike, held once for the whole cluster: the environment block of every pod
// of one template (PATH, the image's variables, the KUBERNETES_* service variables) is the same bytes but
// for the pod's own HOSTNAME. Texts nobody holds any more are forgotten whenever the table has doubled.
class SharedTexts {
public:
    std::shared_ptr<const std::string> intern(std::string text);
    size_t size() const { return m_texts.size(); }

private:
    std::unordered_multimap<size_t, std::shared_ptr<const std::string>> m_texts; // by hash of the text
    size_t m_purgeAt = kMinPurge;
    static constexpr size_t kMinPurge = 1024;
};

} // namespace podlab::sim::runtime
