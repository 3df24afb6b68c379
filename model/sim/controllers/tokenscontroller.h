#pragma once

#include "sim/cluster/context.h"

#include "api/config.h"

#include <string>

namespace podlab::sim {

// The tokens controller of the 1.11–1.12 era the course notes describe (pkg/controller/serviceaccount/
// tokens_controller.go; it stopped making Secrets in 1.24): every ServiceAccount gets a Secret
// `<account>-token-<5 random>` of type kubernetes.io/service-account-token — a token that never expires, the
// cluster CA and the namespace — and lists it under `secrets`. A deleted token Secret is replaced; the tokens
// of a deleted account go with it. The classic profile's ServiceAccount admission mounts that Secret in pods.
class TokensController {
public:
    static constexpr const char* kSecretType = "kubernetes.io/service-account-token";
    static constexpr const char* kNameAnnotation = "kubernetes.io/service-account.name";
    static constexpr const char* kUidAnnotation = "kubernetes.io/service-account.uid";

    void onChange(const Change& change, ClusterContext& ctx);
    bool operator==(const TokensController&) const = default;

    // The token Secret of `account` that the account references (what admission mounts), or "" if none yet.
    static std::string referencedToken(const api::ServiceAccount& account, const Store& store);

private:
    static bool isTokenOf(const api::Secret& secret, const api::ServiceAccount& account);
    static void ensureToken(const api::ServiceAccount& account, ClusterContext& ctx);
};

} // namespace podlab::sim
