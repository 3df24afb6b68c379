#include "scriptcache.h"

namespace podlab::sim::shell {

std::shared_ptr<const Script> ScriptCache::get(std::string_view source)
{
    const auto it = m_scripts.find(source);
    if (it != m_scripts.end())
        return it->second;
    auto script = Script::parse(source);
    m_scripts.emplace(std::string(source), script);
    return script;
}

} // namespace podlab::sim::shell
