#pragma once

#include <cstdint>
#include <string>

namespace podlab::sim {

// The cluster's one source of randomness (xoshiro256**, seeded through splitmix64): a copyable value, so a
// copied cluster continues exactly as the original would.
class Random {
public:
    explicit Random(uint64_t seed = 1);

    uint64_t next();
    // Uniform in [0, bound).
    uint64_t below(uint64_t bound);
    // Uniform in [lo, hi].
    int64_t between(int64_t lo, int64_t hi);

    // A version-4 UUID, as the API server gives metadata.uid.
    std::string uuid();
    // `n` characters from the alphabet Kubernetes uses for generated name suffixes (no vowels, no 0/1/3).
    std::string nameSuffix(int n = 5);
    // `n` lowercase hex digits (container IDs, image digests, event name suffixes).
    std::string hex(int n);

    bool operator==(const Random&) const = default;

private:
    uint64_t m_state[4];
};

} // namespace podlab::sim
