#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::sim {

// Kubernetes' `$(VAR)` syntax (third_party/forked/golang/expansion), used for env values, command, args and
// subPathExpr. `$(NAME)` becomes the mapped value; a name with no mapping stays literally `$(NAME)`; `$$`
// is an escaped `$`, so `$$(NAME)` yields `$(NAME)`; any other `$x` and an unclosed `$(` stay as written.
// It is not a shell: nothing else is special.
class VarExpansion {
public:
    // The value of a variable, or nullopt when it is not defined.
    using Mapping = std::function<std::optional<std::string_view>(std::string_view name)>;

    static std::string expand(std::string_view input, const Mapping& mapping);
};

} // namespace podlab::sim
