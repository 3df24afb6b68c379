#pragma once

#include "sim/core/random.h"
#include "sim/podenv/outcome.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

struct TokenObjectRef {
    std::string name;
    std::string uid;
    bool operator==(const TokenObjectRef&) const = default;
};

// The claims of a service-account JWT (pkg/serviceaccount/claims.go). Times are Unix seconds.
struct TokenClaims {
    std::vector<std::string> audiences; // "aud"
    int64_t expiry = 0;                 // "exp"
    int64_t issuedAt = 0;               // "iat"
    std::string issuer;                 // "iss"
    std::string id;                     // "jti"
    int64_t notBefore = 0;              // "nbf"
    std::string subject;                // "sub": system:serviceaccount:<ns>:<name>
    // The private "kubernetes.io" claim.
    std::string namespace_;
    std::optional<TokenObjectRef> node;
    std::optional<TokenObjectRef> pod;
    std::optional<TokenObjectRef> secret;
    TokenObjectRef serviceAccount;
    std::optional<int64_t> warnAfter; // only on the admission-injected (3607 s) tokens the API server extends

    // The payload JSON as the API server writes it: compact, keys in byte order at every level.
    std::string toJson() const;
    bool operator==(const TokenClaims&) const = default;
};

// A TokenRequest for a token bound to a pod, as the kubelet makes it for a serviceAccountToken projection.
struct TokenRequest {
    std::string namespace_;
    TokenObjectRef serviceAccount;
    TokenObjectRef pod;
    std::optional<TokenObjectRef> node; // the pod's node, recorded in the token since 1.30
    std::vector<std::string> audiences; // the projection's audience; empty = the API server's own audiences
    int64_t expirationSeconds = 3600;
};

// The API server's service-account token settings (kube-apiserver flags).
struct TokenIssuerSettings {
    std::string issuer = "https://kubernetes.default.svc.cluster.local"; // --service-account-issuer
    std::vector<std::string> apiAudiences = {
        "https://kubernetes.default.svc.cluster.local"}; // --api-audiences
    bool extendExpiration = true;                        // --service-account-extend-token-expiration
    int64_t maxExpirationSeconds = 0; // --service-account-max-token-expiration; 0 = no maximum
    // Stands for the signing key: the key id and every signature derive from it, so tokens are reproducible.
    std::string keySeed = "podlab-service-account-key";
};

struct IssuedToken {
    std::string token;
    TokenClaims claims;
    // status.expirationTimestamp (Unix ms, whole seconds): issue time + the requested seconds, even when the
    // JWT's own exp was extended. The kubelet times its refresh by this.
    int64_t expirationTimestampMs = 0;
    int64_t expirationSeconds = 0; // spec.expirationSeconds after the API server's maximum
    std::vector<std::string> warnings;
};

struct DecodedToken {
    std::string algorithm; // header "alg"
    std::string keyId;     // header "kid"
    std::string headerJson;
    std::string payloadJson;
    TokenClaims claims;
};

// The token a ServiceAccount's token Secret held before bound tokens (pkg/serviceaccount/legacy.go): no audience,
// no expiry, no pod; the issuer "kubernetes/serviceaccount" and four private claims naming the account and the
// Secret. Tokens controllers up to 1.23 wrote one for every account; the 1.11–1.12 era the course notes describe
// mounted it in every pod.
struct LegacyTokenClaims {
    std::string namespace_;
    std::string serviceAccountName;
    std::string serviceAccountUid;
    std::string secretName;
};

// Bound service-account tokens: what the API server issues, and when the kubelet renews them.
class ServiceAccountToken {
public:
    // Admission gives kube-api-access volumes this lifetime; with extendExpiration the API server then makes
    // the JWT valid for a year and records the nominal expiry as "warnafter".
    static constexpr int64_t kWarnOnlyExpirationSeconds = 60 * 60 + 7;
    static constexpr int64_t kExpirationExtensionSeconds = 24 * 365 * 60 * 60;

    static std::string username(std::string_view namespace_, std::string_view serviceAccount);

    // TokenRequest on the API server. The jti comes from `random`.
    static IssuedToken issue(const TokenRequest& request, int64_t nowEpochMs,
                             const TokenIssuerSettings& settings, Random& random);
    // The same with the jti given: a token issued again, exactly as it was issued.
    static IssuedToken issue(const TokenRequest& request, int64_t nowEpochMs, const TokenIssuerSettings& settings,
                             std::string jti);

    // A JWT: base64url (unpadded) header `{"alg":"RS256","kid":…}`, payload, and a 256-byte signature that is
    // a pure function of the key seed and the signed text.
    static std::string encode(const TokenClaims& claims, const TokenIssuerSettings& settings);
    static std::string keyId(const TokenIssuerSettings& settings);
    // A legacy token as the tokens controller of 1.11–1.12 signed it: header {"alg":"RS256","kid":""} (go-jose
    // with a key of no id), payload keys in byte order as Go marshals a map.
    static std::string encodeLegacy(const LegacyTokenClaims& claims, const TokenIssuerSettings& settings);
    static constexpr const char* kLegacyIssuer = "kubernetes/serviceaccount";
    static Outcome<DecodedToken> decode(std::string_view token);

private:
    // header.payload.signature, base64url: the signature a pure function of the key seed and the signed text.
    static std::string sign(const std::string& header, const std::string& payload, const TokenIssuerSettings& settings);

public:

    // The kubelet's token manager (requiresRefresh): renew once the token is older than 24 h or within 20 %
    // of its requested lifetime of the expiry, either brought forward by a jitter of 0–9 whole seconds drawn
    // afresh at every check; also when the issue time lies in the future.
    static int refreshJitterSeconds(Random& random);
    static bool requiresRefresh(int64_t nowEpochMs, int64_t expirationTimestampMs, int64_t expirationSeconds,
                                int jitterSeconds);
    // The instant after which requiresRefresh holds (for scheduling the next check).
    static int64_t refreshAfterMs(int64_t expirationTimestampMs, int64_t expirationSeconds,
                                  int jitterSeconds);
};

} // namespace podlab::sim
