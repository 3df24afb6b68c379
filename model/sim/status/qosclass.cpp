#include "qosclass.h"

namespace podlab::sim {

namespace {

bool isQosResource(const std::string& name)
{
    return name == "cpu" || name == "memory";
}

void addPositive(api::ResourceList& total, const api::ResourceList& list)
{
    for (const auto& [name, quantity] : list) {
        if (!isQosResource(name) || quantity.sign() <= 0)
            continue;
        auto it = total.find(name);
        if (it == total.end())
            total.emplace(name, quantity);
        else
            it->second += quantity;
    }
}

} // namespace

std::string podQosClass(const api::PodSpec& spec)
{
    api::ResourceList requests;
    api::ResourceList limits;
    bool guaranteed = true;
    auto visit = [&](const api::Container& c) {
        addPositive(requests, c.resources.requests);
        addPositive(limits, c.resources.limits);
        // Guaranteed needs both a cpu and a memory limit on every container, init containers included.
        int limited = 0;
        for (const char* name : {"cpu", "memory"}) {
            auto it = c.resources.limits.find(name);
            if (it != c.resources.limits.end() && it->second.sign() > 0)
                ++limited;
        }
        if (limited < 2)
            guaranteed = false;
    };
    for (const auto& c : spec.containers)
        visit(c);
    for (const auto& c : spec.initContainers)
        visit(c);

    if (requests.empty() && limits.empty())
        return "BestEffort";
    if (guaranteed) {
        for (const auto& [name, request] : requests) {
            auto it = limits.find(name);
            if (it == limits.end() || !(it->second == request)) {
                guaranteed = false;
                break;
            }
        }
    }
    if (guaranteed && requests.size() == limits.size())
        return "Guaranteed";
    return "Burstable";
}

} // namespace podlab::sim
