#pragma once

#include <string_view>

namespace podlab::sim::shell {

// Shell pattern matching (case patterns, ${x%pattern}, [[ x == pattern ]], pathname expansion): `*`, `?`,
// bracket expressions with ranges and `!`/`^` negation, and backslash escapes.
class Pattern {
public:
    static bool match(std::string_view pattern, std::string_view text);
    // Whether `pattern` has an unescaped *, ? or [, i.e. whether expanding it could change it.
    static bool hasWildcards(std::string_view pattern);
};

} // namespace podlab::sim::shell
