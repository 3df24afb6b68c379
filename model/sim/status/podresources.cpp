#include "podresources.h"

namespace podlab::sim {

namespace {

void add(api::ResourceList& total, const api::ResourceList& list)
{
    for (const auto& [name, quantity] : list) {
        auto it = total.find(name);
        if (it == total.end())
            total.emplace(name, quantity);
        else
            it->second += quantity;
    }
}

void keepMax(api::ResourceList& total, const api::ResourceList& list)
{
    for (const auto& [name, quantity] : list) {
        auto it = total.find(name);
        if (it == total.end())
            total.emplace(name, quantity);
        else if (quantity > it->second)
            it->second = quantity;
    }
}

enum class ResourceKind { Requests, Limits };

api::ResourceList aggregate(const api::PodSpec& spec, ResourceKind kind)
{
    auto of = [kind](const api::Container& c) -> const api::ResourceList& {
        return kind == ResourceKind::Requests ? c.resources.requests : c.resources.limits;
    };
    api::ResourceList total;
    for (const auto& c : spec.containers)
        add(total, of(c));
    api::ResourceList sidecars;
    api::ResourceList initPeak;
    for (const auto& c : spec.initContainers) {
        if (c.isSidecar()) {
            add(total, of(c));
            add(sidecars, of(c));
            keepMax(initPeak, sidecars);
        } else {
            api::ResourceList moment = of(c);
            add(moment, sidecars);
            keepMax(initPeak, moment);
        }
    }
    keepMax(total, initPeak);
    return total;
}

} // namespace

api::ResourceList podRequestList(const api::PodSpec& spec)
{
    api::ResourceList requests = aggregate(spec, ResourceKind::Requests);
    add(requests, spec.overhead);
    return requests;
}

api::ResourceList podLimitList(const api::PodSpec& spec)
{
    api::ResourceList limits = aggregate(spec, ResourceKind::Limits);
    for (const auto& [name, quantity] : spec.overhead) {
        auto it = limits.find(name);
        if (it != limits.end())
            it->second += quantity;
    }
    return limits;
}

} // namespace podlab::sim
