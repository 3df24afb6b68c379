#include "varexpansion.h"

namespace podlab::sim {

std::string VarExpansion::expand(std::string_view input, const Mapping& mapping)
{
    std::string out;
    out.reserve(input.size());
    size_t checkpoint = 0;
    // A `$` as the very last byte has nothing after it and is copied with the tail.
    for (size_t cursor = 0; cursor + 1 < input.size(); ++cursor) {
        if (input[cursor] != '$')
            continue;
        out.append(input.substr(checkpoint, cursor - checkpoint));
        const std::string_view rest = input.substr(cursor + 1);
        size_t consumed = 1;
        if (rest[0] == '$') {
            out += '$';
        } else if (rest[0] == '(') {
            const size_t close = rest.find(')', 1);
            if (close == std::string_view::npos) {
                out += "$(";
            } else {
                const std::string_view name = rest.substr(1, close - 1);
                const std::optional<std::string_view> value = mapping ? mapping(name) : std::nullopt;
                if (value) {
                    out.append(*value);
                } else {
                    out += "$(";
                    out.append(name);
                    out += ')';
                }
                consumed = close + 1;
            }
        } else {
            out += '$';
            out += rest[0];
        }
        cursor += consumed;
        checkpoint = cursor + 1;
    }
    if (checkpoint < input.size())
        out.append(input.substr(checkpoint));
    return out;
}

} // namespace podlab::sim
