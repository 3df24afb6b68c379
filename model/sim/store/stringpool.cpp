#include "stringpool.h"

namespace podlab::sim {

StringPool::StringPool()
{
    m_slots.push_back({std::string(), 1});
    reindex();
}

StringPool::StringPool(const StringPool& other) : m_slots(other.m_slots), m_free(other.m_free)
{
    reindex();
}

StringPool& StringPool::operator=(const StringPool& other)
{
    if (this != &other) {
        m_slots = other.m_slots;
        m_free = other.m_free;
        reindex();
    }
    return *this;
}

// The index holds views into this pool's own slots, so a copy builds its own.
void StringPool::reindex()
{
    m_ids.clear();
    for (size_t i = 0; i < m_slots.size(); ++i)
        if (m_slots[i].users > 0)
            m_ids.emplace(m_slots[i].text, Id(i));
}

StringPool::Id StringPool::acquire(std::string_view s)
{
    if (s.empty())
        return 0;
    if (const auto it = m_ids.find(s); it != m_ids.end()) {
        ++m_slots[it->second].users;
        return it->second;
    }
    Id id;
    if (!m_free.empty()) {
        id = m_free.back();
        m_free.pop_back();
    } else {
        id = Id(m_slots.size());
        m_slots.emplace_back();
    }
    Slot& slot = m_slots[id];
    slot.text.assign(s);
    slot.users = 1;
    m_ids.emplace(slot.text, id);
    return id;
}

void StringPool::release(Id id)
{
    if (id == 0)
        return;
    Slot& slot = m_slots[id];
    if (--slot.users > 0)
        return;
    m_ids.erase(slot.text);
    std::string().swap(slot.text);
    m_free.push_back(id);
}

StringPool::Id StringPool::find(std::string_view s) const
{
    const auto it = m_ids.find(s);
    return it == m_ids.end() ? 0 : it->second;
}

} // namespace podlab::sim
