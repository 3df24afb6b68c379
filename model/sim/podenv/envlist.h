#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

struct EnvEntry {
    std::string name;
    std::string value;
    bool operator==(const EnvEntry&) const = default;
};

// A container's environment in the order it is handed to the runtime. Names are unique.
using EnvList = std::vector<EnvEntry>;

inline const std::string* findEnv(const EnvList& env, std::string_view name)
{
    for (const EnvEntry& e : env)
        if (e.name == name)
            return &e.value;
    return nullptr;
}

} // namespace podlab::sim
