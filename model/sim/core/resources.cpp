#include "resources.h"

#include <algorithm>

namespace podlab::sim {

ResourceAmounts& ResourceAmounts::operator+=(const ResourceAmounts& o)
{
    milliCpu += o.milliCpu;
    memory += o.memory;
    ephemeralStorage += o.ephemeralStorage;
    for (const auto& [k, v] : o.scalars)
        scalars[k] += v;
    return *this;
}

ResourceAmounts& ResourceAmounts::operator-=(const ResourceAmounts& o)
{
    milliCpu -= o.milliCpu;
    memory -= o.memory;
    ephemeralStorage -= o.ephemeralStorage;
    for (const auto& [k, v] : o.scalars)
        scalars[k] -= v;
    return *this;
}

ResourceAmounts amountsOf(const api::ResourceList& list)
{
    ResourceAmounts r;
    for (const auto& [name, q] : list) {
        if (name == "cpu")
            r.milliCpu += q.milliValue();
        else if (name == "memory")
            r.memory += q.value();
        else if (name == "ephemeral-storage")
            r.ephemeralStorage += q.value();
        else if (name != "pods")
            r.scalars[name] += q.value();
    }
    return r;
}

namespace {

ResourceAmounts maxOf(const ResourceAmounts& a, const ResourceAmounts& b)
{
    ResourceAmounts r = a;
    r.milliCpu = std::max(a.milliCpu, b.milliCpu);
    r.memory = std::max(a.memory, b.memory);
    r.ephemeralStorage = std::max(a.ephemeralStorage, b.ephemeralStorage);
    for (const auto& [k, v] : b.scalars)
        r.scalars[k] = std::max(r.scalars[k], v);
    return r;
}

template <class Pick>
ResourceAmounts effective(const api::PodSpec& spec, Pick pick)
{
    ResourceAmounts sum;
    for (const api::Container& c : spec.containers)
        sum += pick(c);
    // Sidecars keep running beside the app containers; a regular init container runs alone, but alongside
    // the sidecars started before it.
    ResourceAmounts initMax, sidecars;
    for (const api::Container& c : spec.initContainers) {
        const ResourceAmounts a = pick(c);
        if (c.isSidecar()) {
            sidecars += a;
            sum += a;
        } else {
            ResourceAmounts withSidecars = a;
            withSidecars += sidecars;
            initMax = maxOf(initMax, withSidecars);
        }
    }
    ResourceAmounts r = maxOf(sum, initMax);
    r += amountsOf(spec.overhead);
    return r;
}

} // namespace

ResourceAmounts podRequests(const api::PodSpec& spec)
{
    return effective(spec, [](const api::Container& c) { return amountsOf(c.resources.requests); });
}

ResourceAmounts podLimits(const api::PodSpec& spec)
{
    return effective(spec, [](const api::Container& c) { return amountsOf(c.resources.limits); });
}

ResourceAmounts podNonZeroRequests(const api::PodSpec& spec)
{
    // The scheduler's GetNonzeroRequests: a container that asks for no CPU or memory counts as asking for
    // 100m and 200 MiB, so that spreading still sees it.
    return effective(spec, [](const api::Container& c) {
        ResourceAmounts a = amountsOf(c.resources.requests);
        if (!c.resources.requests.contains("cpu"))
            a.milliCpu = 100;
        if (!c.resources.requests.contains("memory"))
            a.memory = int64_t(200) * 1024 * 1024;
        return a;
    });
}

} // namespace podlab::sim
