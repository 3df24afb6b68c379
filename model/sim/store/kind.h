#pragma once

#include "api/object.h"

#include <cstdint>
#include <memory>
#include <string_view>
#include <variant>

namespace podlab::sim {

// The kinds the store holds, in the order of api::Object's alternatives.
enum class Kind : uint8_t {
    Pod,
    Node,
    ConfigMap,
    Secret,
    ServiceAccount,
    Namespace,
    Deployment,
    ReplicaSet,
    Service,
    Endpoints,
    Event,
    PodPreset,
    Lease,
};
constexpr size_t kKindCount = std::variant_size_v<api::Object>;

namespace detail {
template <class T, class Variant>
struct AlternativeIndex;
template <class T, class... Ts>
struct AlternativeIndex<T, std::variant<Ts...>> {
    static constexpr size_t value = [] {
        constexpr bool same[] = {std::is_same_v<T, Ts>...};
        for (size_t i = 0; i < sizeof...(Ts); ++i)
            if (same[i])
                return i;
        return sizeof...(Ts);
    }();
};
} // namespace detail

template <class T>
constexpr Kind kindOf()
{
    return Kind(detail::AlternativeIndex<T, api::Object>::value);
}

std::string_view kindName(Kind kind);              // "Pod"
std::string_view resourceName(Kind kind);          // "pods", as kubectl names the resource
bool isNamespaced(Kind kind);

// Objects in the store are immutable once stored: a write stores a new object. Sharing them makes copying
// the store (a snapshot, a rewind point) cheap, and lets readers keep an object while the world moves on.
template <class T>
using Ptr = std::shared_ptr<const T>;

// One stored object of any kind.
using ObjectPtr = std::variant<Ptr<api::Pod>, Ptr<api::Node>, Ptr<api::ConfigMap>, Ptr<api::Secret>,
                               Ptr<api::ServiceAccount>, Ptr<api::Namespace>, Ptr<api::Deployment>,
                               Ptr<api::ReplicaSet>, Ptr<api::Service>, Ptr<api::Endpoints>, Ptr<api::Event>,
                               Ptr<api::PodPreset>, Ptr<api::Lease>>;

const api::ObjectMeta& metadataOf(const ObjectPtr& object);
api::Object copyOf(const ObjectPtr& object);

} // namespace podlab::sim
