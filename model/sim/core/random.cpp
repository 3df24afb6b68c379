#include "random.h"

namespace podlab::sim {

namespace {

uint64_t splitmix64(uint64_t& x)
{
    uint64_t z = (x += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

} // namespace

Random::Random(uint64_t seed)
{
    for (uint64_t& s : m_state)
        s = splitmix64(seed);
}

uint64_t Random::next()
{
    const uint64_t result = rotl(m_state[1] * 5, 7) * 9;
    const uint64_t t = m_state[1] << 17;
    m_state[2] ^= m_state[0];
    m_state[3] ^= m_state[1];
    m_state[1] ^= m_state[2];
    m_state[0] ^= m_state[3];
    m_state[2] ^= t;
    m_state[3] = rotl(m_state[3], 45);
    return result;
}

uint64_t Random::below(uint64_t bound)
{
    if (bound == 0)
        return 0;
    // Rejection keeps the distribution exactly uniform.
    const uint64_t limit = UINT64_MAX - UINT64_MAX % bound;
    uint64_t r;
    do {
        r = next();
    } while (r >= limit);
    return r % bound;
}

int64_t Random::between(int64_t lo, int64_t hi) { return lo + int64_t(below(uint64_t(hi - lo) + 1)); }

std::string Random::hex(int n)
{
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    out.reserve(size_t(n));
    for (int i = 0; i < n; ++i)
        out += digits[below(16)];
    return out;
}

std::string Random::uuid()
{
    std::string h = hex(32);
    h[12] = '4';
    h[16] = "89ab"[below(4)];
    return h.substr(0, 8) + '-' + h.substr(8, 4) + '-' + h.substr(12, 4) + '-' + h.substr(16, 4) + '-' + h.substr(20);
}

std::string Random::nameSuffix(int n)
{
    static constexpr char alphabet[] = "bcdfghjklmnpqrstvwxz2456789";
    std::string out;
    for (int i = 0; i < n; ++i)
        out += alphabet[below(sizeof alphabet - 1)];
    return out;
}

} // namespace podlab::sim
