#pragma once

#include <cstddef>
#include <memory>
#include <unordered_map>

namespace podlab::sim::runtime {

namespace detail {
struct TimedLine;
}

// The log lines that many containers write alike, held once for the whole cluster: nginx's start-up lines in
// 50 000 pods of one Deployment, the access-log line of the kubelet's probe in every pod of a node. A
// container's log keeps a pointer to the line's shape (its text with holes for the time) instead of the text.
// A line seen for the first time is held here only (its log keeps it as text, which costs less than a shape of
// its own); from the second time on, logs share the held shape. Shapes no log holds are forgotten whenever
// the table has doubled, so lines written once (most of a busy server's access log) do not pile up.
class SharedLines {
public:
    struct Interned {
        std::shared_ptr<const detail::TimedLine> line;
        bool seenBefore = false; // an equal line was held already (and is returned)
    };
    Interned intern(std::shared_ptr<const detail::TimedLine> line);
    size_t size() const { return m_lines.size(); }

private:
    std::unordered_multimap<size_t, std::shared_ptr<const detail::TimedLine>> m_lines; // by hash of the shape
    size_t m_purgeAt = kMinPurge;
    static constexpr size_t kMinPurge = 4096;
};

} // namespace podlab::sim::runtime
