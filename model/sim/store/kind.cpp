#include "kind.h"

#include <array>

namespace podlab::sim {

namespace {

struct KindInfo {
    std::string_view name;
    std::string_view resource;
    bool namespaced;
};

constexpr std::array<KindInfo, kKindCount> kKinds{{
    {"Pod", "pods", true},
    {"Node", "nodes", false},
    {"ConfigMap", "configmaps", true},
    {"Secret", "secrets", true},
    {"ServiceAccount", "serviceaccounts", true},
    {"Namespace", "namespaces", false},
    {"Deployment", "deployments", true},
    {"ReplicaSet", "replicasets", true},
    {"Service", "services", true},
    {"Endpoints", "endpoints", true},
    {"Event", "events", true},
    {"PodPreset", "podpresets", true},
    {"Lease", "leases", true},
}};

} // namespace

std::string_view kindName(Kind kind) { return kKinds[size_t(kind)].name; }
std::string_view resourceName(Kind kind) { return kKinds[size_t(kind)].resource; }
bool isNamespaced(Kind kind) { return kKinds[size_t(kind)].namespaced; }

const api::ObjectMeta& metadataOf(const ObjectPtr& object)
{
    return std::visit([](const auto& p) -> const api::ObjectMeta& { return p->metadata; }, object);
}

api::Object copyOf(const ObjectPtr& object)
{
    return std::visit([](const auto& p) { return api::Object(*p); }, object);
}

} // namespace podlab::sim
