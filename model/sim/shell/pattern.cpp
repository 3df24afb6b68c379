#include "pattern.h"

#include <vector>

namespace podlab::sim::shell {

namespace {

// Matches one bracket expression at pattern[pi] (just past '[') against c. Returns the index past ']' and
// whether c matched; npos if the bracket is not closed (then '[' is an ordinary character).
size_t matchBracket(std::string_view p, size_t pi, char c, bool& matched)
{
    bool negate = false;
    if (pi < p.size() && (p[pi] == '!' || p[pi] == '^')) {
        negate = true;
        ++pi;
    }
    bool any = false;
    bool first = true;
    while (pi < p.size() && (p[pi] != ']' || first)) {
        first = false;
        char lo = p[pi];
        if (lo == '\\' && pi + 1 < p.size())
            lo = p[++pi];
        ++pi;
        char hi = lo;
        if (pi + 1 < p.size() && p[pi] == '-' && p[pi + 1] != ']') {
            hi = p[pi + 1];
            if (hi == '\\' && pi + 2 < p.size()) {
                hi = p[pi + 2];
                ++pi;
            }
            pi += 2;
        }
        if (static_cast<unsigned char>(c) >= static_cast<unsigned char>(lo)
            && static_cast<unsigned char>(c) <= static_cast<unsigned char>(hi))
            any = true;
    }
    if (pi >= p.size())
        return std::string_view::npos;
    matched = any != negate;
    return pi + 1;
}

} // namespace

bool Pattern::match(std::string_view p, std::string_view t)
{
    // Iterative matching with one backtrack point for the last '*': linear for the patterns shells see.
    size_t pi = 0, ti = 0;
    size_t starP = std::string_view::npos, starT = 0;
    while (ti < t.size()) {
        if (pi < p.size()) {
            const char pc = p[pi];
            if (pc == '*') {
                starP = ++pi;
                starT = ti;
                continue;
            }
            if (pc == '?') {
                ++pi;
                ++ti;
                continue;
            }
            if (pc == '[') {
                bool matched = false;
                const size_t next = matchBracket(p, pi + 1, t[ti], matched);
                if (next != std::string_view::npos) {
                    if (matched) {
                        pi = next;
                        ++ti;
                        continue;
                    }
                } else if (t[ti] == '[') {
                    ++pi;
                    ++ti;
                    continue;
                }
            } else {
                char lit = pc;
                size_t adv = 1;
                if (pc == '\\' && pi + 1 < p.size()) {
                    lit = p[pi + 1];
                    adv = 2;
                }
                if (lit == t[ti]) {
                    pi += adv;
                    ++ti;
                    continue;
                }
            }
        }
        if (starP == std::string_view::npos)
            return false;
        pi = starP;
        ti = ++starT;
    }
    while (pi < p.size() && p[pi] == '*')
        ++pi;
    return pi == p.size();
}

bool Pattern::hasWildcards(std::string_view p)
{
    for (size_t i = 0; i < p.size(); ++i) {
        if (p[i] == '\\') {
            ++i;
            continue;
        }
        if (p[i] == '*' || p[i] == '?' || p[i] == '[')
            return true;
    }
    return false;
}

} // namespace podlab::sim::shell
