#pragma once

#include <cstddef>
#include <string_view>

namespace podlab::manifest {

// UTF-8 as Go's unicode/utf8 accepts it: no overlong forms, no surrogates, nothing above U+10FFFF. The YAML
// reader refuses other input, and kubectl decides by it whether a file's bytes are text.

// Length of the valid UTF-8 sequence starting at s[i], or 0.
size_t utf8SequenceLength(std::string_view s, size_t i);

// utf8.Valid.
bool isUtf8(std::string_view s);

} // namespace podlab::manifest
