#include "resourcefields.h"

namespace podlab::sim {

namespace {

constexpr std::string_view kHugePagesPrefix = "hugepages-";

api::Quantity amount(const api::ResourceList& list, const std::string& name)
{
    const auto it = list.find(name);
    return it == list.end() ? api::Quantity() : it->second;
}

int64_t ceilDiv(int64_t a, int64_t b)
{
    if (b == 0)
        return 0;
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) == (b < 0)))
        ++q;
    return q;
}

std::string cpuString(const api::Quantity& cpu, const api::Quantity& divisor)
{
    return std::to_string(ceilDiv(cpu.milliValue(), divisor.milliValue()));
}

std::string bytesString(const api::Quantity& bytes, const api::Quantity& divisor)
{
    return std::to_string(ceilDiv(bytes.value(), divisor.value()));
}

} // namespace

Outcome<std::string> ResourceFields::containerValue(const api::ResourceFieldSelector& selector,
                                                    const api::Container& container)
{
    using Result = Outcome<std::string>;
    const api::Quantity divisor = selector.divisor.isZero() ? api::Quantity::fromUnits(1) : selector.divisor;
    const std::string& r = selector.resource;
    const api::ResourceList& limits = container.resources.limits;
    const api::ResourceList& requests = container.resources.requests;
    if (r == "limits.cpu")
        return Result::success(cpuString(amount(limits, "cpu"), divisor));
    if (r == "limits.memory")
        return Result::success(bytesString(amount(limits, "memory"), divisor));
    if (r == "limits.ephemeral-storage")
        return Result::success(bytesString(amount(limits, "ephemeral-storage"), divisor));
    if (r == "requests.cpu")
        return Result::success(cpuString(amount(requests, "cpu"), divisor));
    if (r == "requests.memory")
        return Result::success(bytesString(amount(requests, "memory"), divisor));
    if (r == "requests.ephemeral-storage")
        return Result::success(bytesString(amount(requests, "ephemeral-storage"), divisor));
    for (const auto& [prefix, list] :
         {std::pair<std::string_view, const api::ResourceList*>{"requests.", &requests},
          std::pair<std::string_view, const api::ResourceList*>{"limits.", &limits}}) {
        if (r.compare(0, prefix.size(), prefix) != 0)
            continue;
        const std::string name = r.substr(prefix.size());
        if (name.compare(0, kHugePagesPrefix.size(), kHugePagesPrefix) == 0)
            return Result::success(bytesString(amount(*list, name), divisor));
    }
    return Result::failure("unsupported container resource : " + r);
}

Outcome<std::string> ResourceFields::valueByContainerName(const api::ResourceFieldSelector& selector,
                                                          const api::Pod& pod, std::string_view containerName,
                                                          const api::ResourceList* allocatable)
{
    const api::Container* found = nullptr;
    for (const auto* list : {&pod.spec.containers, &pod.spec.initContainers}) {
        for (const api::Container& c : *list) {
            if (c.name == containerName) {
                found = &c;
                break;
            }
        }
        if (found)
            break;
    }
    if (!found)
        return Outcome<std::string>::failure("container " + std::string(containerName) + " not found");
    if (!allocatable)
        return containerValue(selector, *found);
    api::Container merged = *found;
    mergeLimits(merged, *allocatable);
    return containerValue(selector, merged);
}

void ResourceFields::mergeLimits(api::Container& container, const api::ResourceList& allocatable)
{
    for (const char* name : {"cpu", "memory", "ephemeral-storage"}) {
        const auto limit = container.resources.limits.find(name);
        if (limit != container.resources.limits.end() && !limit->second.isZero())
            continue;
        const auto cap = allocatable.find(name);
        if (cap != allocatable.end())
            container.resources.limits[name] = cap->second;
    }
}

} // namespace podlab::sim
