#include "rollingupdate.h"

#include <algorithm>
#include <charconv>
#include <climits>

namespace podlab::sim {

std::optional<int32_t> scaledValue(const api::IntOrString& value, int32_t total, bool roundUp)
{
    if (!value.isString)
        return value.intValue;
    const std::string& s = value.stringValue;
    if (s.size() < 2 || s.back() != '%')
        return std::nullopt;
    int32_t percent = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size() - 1, percent);
    if (ec != std::errc() || end != s.data() + s.size() - 1)
        return std::nullopt;
    const int64_t scaled = int64_t(percent) * int64_t(total);
    if (roundUp)
        return int32_t((scaled + 99) / 100);
    return int32_t(scaled / 100);
}

Fenceposts resolveFenceposts(const std::optional<api::IntOrString>& maxSurge,
                             const std::optional<api::IntOrString>& maxUnavailable, int32_t desired)
{
    Fenceposts f;
    f.maxSurge = maxSurge ? scaledValue(*maxSurge, desired, true).value_or(0) : 0;
    f.maxUnavailable = maxUnavailable ? scaledValue(*maxUnavailable, desired, false).value_or(0) : 0;
    if (f.maxSurge == 0 && f.maxUnavailable == 0)
        f.maxUnavailable = 1;
    return f;
}

Fenceposts deploymentFenceposts(const api::Deployment& d)
{
    if (d.spec.strategy.type != "RollingUpdate" || !d.spec.strategy.rollingUpdate)
        return {};
    const int32_t desired = d.spec.replicas.value_or(1);
    Fenceposts f = resolveFenceposts(d.spec.strategy.rollingUpdate->maxSurge,
                                     d.spec.strategy.rollingUpdate->maxUnavailable, desired);
    // MaxUnavailable never exceeds the replicas themselves.
    f.maxUnavailable = std::min(f.maxUnavailable, desired);
    return f;
}

// Sums of replica counts are taken in 64 bits: replicas may be near INT32_MAX, and the surge on top.
int32_t newReplicaSetReplicas(int32_t desired, int32_t maxSurge, int32_t allReplicas, int32_t newReplicas)
{
    const int64_t maxTotal = int64_t(desired) + maxSurge;
    if (allReplicas >= maxTotal)
        return newReplicas; // cannot scale up
    const int64_t scaleUp = std::min(maxTotal - allReplicas, int64_t(desired) - newReplicas);
    return int32_t(std::clamp<int64_t>(newReplicas + std::max<int64_t>(scaleUp, 0), 0, INT32_MAX));
}

int32_t maxScaledDown(int32_t desired, int32_t maxUnavailable, int32_t allReplicas, int32_t newReplicas,
                      int32_t newAvailable)
{
    const int64_t minAvailable = int64_t(desired) - maxUnavailable;
    const int64_t newUnavailable = int64_t(newReplicas) - newAvailable;
    return int32_t(std::clamp<int64_t>(allReplicas - minAvailable - newUnavailable, INT32_MIN, INT32_MAX));
}

} // namespace podlab::sim
