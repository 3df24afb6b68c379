#pragma once

#include "script.h"

#include <map>
#include <memory>
#include <string>
#include <string_view>

namespace podlab::sim::shell {

// Parses each distinct script text once: an exec probe's `sh -c` runs every few seconds in every pod, and
// a Deployment's pods all run the same command. A value (a map of shared immutable scripts), so a copied
// cluster keeps its cache.
class ScriptCache {
public:
    std::shared_ptr<const Script> get(std::string_view source);
    size_t size() const { return m_scripts.size(); }

private:
    std::map<std::string, std::shared_ptr<const Script>, std::less<>> m_scripts;
};

} // namespace podlab::sim::shell
