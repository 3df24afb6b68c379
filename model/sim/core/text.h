#pragma once

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// Small text helpers that the kubectl printers, the pod environment and the runtime all need.

// ASCII lower case (Kubernetes' names and Redis' keywords are ASCII).
inline std::string lower(std::string_view s)
{
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    return out;
}

// A whole decimal integer ("42", "-7"), or nothing for anything else ("", "4x", "0x10").
inline std::optional<int64_t> toInt(std::string_view text)
{
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size())
        return std::nullopt;
    return v;
}

inline std::string join(const std::vector<std::string>& parts, std::string_view separator)
{
    std::string out;
    for (size_t i = 0; i < parts.size(); ++i) {
        if (i > 0)
            out += separator;
        out += parts[i];
    }
    return out;
}

// The last component of a path, as basename(1) gives it (trailing slashes ignored).
inline std::string_view baseName(std::string_view path)
{
    while (path.size() > 1 && path.back() == '/')
        path.remove_suffix(1);
    const size_t slash = path.rfind('/');
    return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

// The directory an absolute path lies in ("/" at the top, and for a bare name): what the runtime creates before a
// file or mount point. Unlike dirname(1), which says "." for a bare name.
inline std::string parentDirectory(std::string_view path)
{
    const size_t slash = path.rfind('/');
    return slash == 0 || slash == std::string_view::npos ? std::string("/") : std::string(path.substr(0, slash));
}

} // namespace podlab::sim
