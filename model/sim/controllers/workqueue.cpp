#include "workqueue.h"

namespace podlab::sim {

void WorkQueue::add(Key key, uint32_t target, ClusterContext& ctx)
{
    m_dirty.insert(std::move(key));
    const SimTime at = ctx.now + kReactionDelay;
    if (m_armedAt > at) {
        m_armedAt = at;
        ctx.schedule(at, TimerKind::Controller, target);
    }
}

std::vector<WorkQueue::Key> WorkQueue::take(SimTime now)
{
    while (!m_later.empty() && m_later.begin()->first <= now) {
        for (const Key& key : m_later.begin()->second) {
            m_pendingAt.erase(key);
            m_dirty.insert(key);
        }
        m_later.erase(m_later.begin());
    }
    if (m_armedAt <= now)
        m_armedAt = INT64_MAX;
    std::vector<Key> out(m_dirty.begin(), m_dirty.end());
    m_dirty.clear();
    return out;
}

void WorkQueue::addAt(Key key, SimTime at, uint32_t target, ClusterContext& ctx)
{
    if (at <= ctx.now) {
        add(std::move(key), target, ctx);
        return;
    }
    if (const auto it = m_pendingAt.find(key); it != m_pendingAt.end()) {
        if (it->second <= at)
            return;
        // An earlier request replaces the later one (the later timer then finds nothing to do).
        m_later[it->second].erase(key);
        it->second = at;
    } else {
        m_pendingAt.emplace(key, at);
    }
    auto [slot, added] = m_later.try_emplace(at);
    if (added)
        ctx.schedule(at, TimerKind::Controller, target);
    slot->second.insert(std::move(key));
}

} // namespace podlab::sim
