#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace podlab::manifest {

std::string base64Encode(std::string_view bytes);
// Standard alphabet with padding, as Go's encoding/json reads []byte. On failure returns nullopt and the
// offset of the first bad byte (Go's "illegal base64 data at input byte N").
std::optional<std::string> base64Decode(std::string_view text, size_t* badOffset = nullptr);
// URL-safe alphabet without padding (JWT segments).
std::string base64UrlEncode(std::string_view bytes);

} // namespace podlab::manifest
