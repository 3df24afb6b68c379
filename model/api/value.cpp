#include "value.h"

#include <algorithm>

namespace podlab::api {

const Value* Value::find(std::string_view key) const
{
    if (!isObject())
        return nullptr;
    for (const auto& [k, v] : asObject())
        if (k == key)
            return &v;
    return nullptr;
}

bool Value::operator==(const Value& other) const
{
    if (type() != other.type())
        return false;
    if (!isObject())
        return m_v == other.m_v;
    const Object& a = asObject();
    const Object& b = other.asObject();
    if (a.size() != b.size())
        return false;
    return std::all_of(a.begin(), a.end(), [&](const auto& member) {
        const Value* theirs = other.find(member.first);
        return theirs && *theirs == member.second;
    });
}

size_t Unmodelled::erase(const std::string& key)
{
    if (!m_held || !m_held->map.contains(key))
        return 0;
    detached().erase(key);
    if (m_held->map.empty())
        release();
    return 1;
}

const Unmodelled::Map& Unmodelled::read() const
{
    static const Map empty;
    return m_held ? m_held->map : empty;
}

Unmodelled::Map& Unmodelled::detached()
{
    if (!m_held) {
        m_held = new Held;
    } else if (m_held->owners.load(std::memory_order_acquire) > 1) {
        Held* own = new Held{m_held->map};
        release();
        m_held = own;
    }
    return m_held->map;
}

} // namespace podlab::api
