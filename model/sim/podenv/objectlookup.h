#pragma once

#include "api/config.h"

#include <functional>
#include <map>
#include <string>
#include <string_view>

namespace podlab::sim {

// How the kubelet fetches the ConfigMaps and Secrets a pod refers to (its
// configMapAndSecretChangeDetectionStrategy). It decides the wording of "not found": the Watch strategy's
// cache reports the singular resource (`configmap "x" not found`), a GET against the API server (the Cache
// and Get strategies) reports the API server's plural (`configmaps "x" not found`).
enum class ObjectFetch { Watch, ApiGet };

// What the kubelet can see in the pod's namespace. A lookup returns nullptr for an object that does not
// exist; the pointer need only stay valid for the duration of the call it is used in.
struct ObjectLookup {
    std::function<const api::ConfigMap*(std::string_view name)> configMap;
    std::function<const api::Secret*(std::string_view name)> secret;
    ObjectFetch fetch = ObjectFetch::Watch;

    const api::ConfigMap* findConfigMap(std::string_view name) const
    {
        return configMap ? configMap(name) : nullptr;
    }
    const api::Secret* findSecret(std::string_view name) const { return secret ? secret(name) : nullptr; }

    // `configmap "special-config" not found`, `secret "test-secret" not found`.
    std::string configMapNotFound(std::string_view name) const;
    std::string secretNotFound(std::string_view name) const;

    // A lookup over two name-keyed maps, which must outlive it (tests, small scenarios).
    static ObjectLookup over(const std::map<std::string, api::ConfigMap, std::less<>>& configMaps,
                             const std::map<std::string, api::Secret, std::less<>>& secrets);
};

} // namespace podlab::sim
