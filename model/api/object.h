#pragma once

#include "config.h"
#include "event.h"
#include "lease.h"
#include "node.h"
#include "pod.h"
#include "podpreset.h"
#include "service.h"
#include "workloads.h"

#include <string>
#include <variant>

namespace podlab::api {

// Any API object PodLab knows. A value: copying it copies the object.
using Object = std::variant<Pod, Node, ConfigMap, Secret, ServiceAccount, Namespace, Deployment, ReplicaSet,
                            Service, Endpoints, Event, PodPreset, Lease>;

inline const ObjectMeta& metadataOf(const Object& o)
{
    return std::visit([](const auto& x) -> const ObjectMeta& { return x.metadata; }, o);
}
inline ObjectMeta& metadataOf(Object& o)
{
    return std::visit([](auto& x) -> ObjectMeta& { return x.metadata; }, o);
}
inline const char* kindOf(const Object& o)
{
    return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kKind; }, o);
}
inline const char* apiVersionOf(const Object& o)
{
    return std::visit([](const auto& x) { return std::decay_t<decltype(x)>::kApiVersion; }, o);
}

// Kinds whose objects live in a namespace (Node and Namespace do not).
bool isNamespaced(std::string_view kind);

} // namespace podlab::api
