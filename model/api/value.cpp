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
    if (!m_map)
        return 0;
    const size_t erased = m_map->erase(key);
    if (m_map->empty())
        m_map.reset();
    return erased;
}

} // namespace podlab::api
