#include "serviceaccounttoken.h"

#include "manifest/base64.h"
#include "manifest/writer.h"

#include <QByteArray>
#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>

namespace podlab::sim {

namespace {

constexpr int64_t kMaxTtlMs = 24LL * 60 * 60 * 1000;
constexpr size_t kSignatureBytes = 256; // an RS256 signature with a 2048-bit key


// A JSON object built member by member; callers add keys in byte order, as Go's map encoding sorts them.
class JsonObject {
public:
    JsonObject& raw(std::string_view key, std::string_view json)
    {
        m_out += m_out.empty() ? "{" : ",";
        m_out += manifest::jsonQuoted(key);
        m_out += ':';
        m_out += json;
        return *this;
    }
    JsonObject& string(std::string_view key, std::string_view value) { return raw(key, manifest::jsonQuoted(value)); }
    JsonObject& number(std::string_view key, int64_t value) { return raw(key, std::to_string(value)); }
    std::string done() const { return m_out.empty() ? std::string("{}") : m_out + "}"; }

private:
    std::string m_out;
};

std::string refJson(const TokenObjectRef& ref)
{
    JsonObject o;
    if (!ref.name.empty())
        o.string("name", ref.name);
    if (!ref.uid.empty())
        o.string("uid", ref.uid);
    return o.done();
}

std::string sha256(std::string_view data)
{
    const QByteArray digest = QCryptographicHash::hash(QByteArrayView(data.data(), qsizetype(data.size())),
                                                       QCryptographicHash::Sha256);
    return digest.toStdString();
}

std::optional<std::string> base64UrlDecode(std::string_view text)
{
    std::string standard(text);
    std::replace(standard.begin(), standard.end(), '-', '+');
    std::replace(standard.begin(), standard.end(), '_', '/');
    if (standard.find('=') != std::string::npos || standard.size() % 4 == 1)
        return std::nullopt;
    standard.append((4 - standard.size() % 4) % 4, '=');
    return manifest::base64Decode(standard);
}

std::optional<TokenObjectRef> refFrom(const QJsonObject& parent, const char* key)
{
    if (!parent.contains(QLatin1String(key)))
        return std::nullopt;
    const QJsonObject o = parent.value(QLatin1String(key)).toObject();
    return TokenObjectRef{o.value(QLatin1String("name")).toString().toStdString(),
                          o.value(QLatin1String("uid")).toString().toStdString()};
}

} // namespace

std::string TokenClaims::toJson() const
{
    std::string aud = "[";
    for (size_t i = 0; i < audiences.size(); ++i)
        aud += (i ? "," : "") + manifest::jsonQuoted(audiences[i]);
    aud += "]";

    JsonObject k8s;
    if (!namespace_.empty())
        k8s.string("namespace", namespace_);
    if (node)
        k8s.raw("node", refJson(*node));
    if (pod)
        k8s.raw("pod", refJson(*pod));
    if (secret)
        k8s.raw("secret", refJson(*secret));
    k8s.raw("serviceaccount", refJson(serviceAccount));
    if (warnAfter)
        k8s.number("warnafter", *warnAfter);

    JsonObject o;
    if (!audiences.empty())
        o.raw("aud", aud);
    o.number("exp", expiry).number("iat", issuedAt);
    if (!issuer.empty())
        o.string("iss", issuer);
    if (!id.empty())
        o.string("jti", id);
    o.raw("kubernetes.io", k8s.done()).number("nbf", notBefore);
    if (!subject.empty())
        o.string("sub", subject);
    return o.done();
}

std::string ServiceAccountToken::username(std::string_view namespace_, std::string_view serviceAccount)
{
    return "system:serviceaccount:" + std::string(namespace_) + ":" + std::string(serviceAccount);
}

IssuedToken ServiceAccountToken::issue(const TokenRequest& request, int64_t nowEpochMs,
                                       const TokenIssuerSettings& settings, Random& random)
{
    return issue(request, nowEpochMs, settings, random.uuid());
}

IssuedToken ServiceAccountToken::issue(const TokenRequest& request, int64_t nowEpochMs,
                                       const TokenIssuerSettings& settings, std::string jti)
{
    IssuedToken out;
    const std::vector<std::string> audiences =
        request.audiences.empty() ? settings.apiAudiences : request.audiences;

    int64_t requested = request.expirationSeconds;
    if (settings.maxExpirationSeconds > 0 && requested > settings.maxExpirationSeconds) {
        out.warnings.push_back("requested expiration of " + std::to_string(requested) +
                               " seconds shortened to " + std::to_string(settings.maxExpirationSeconds) +
                               " seconds");
        requested = settings.maxExpirationSeconds;
    }
    // Only pod-bound tokens for the API server's own audiences with exactly the admission default get the
    // grace year, so that clients that never re-read the file keep working while the cluster warns.
    const bool kubeAudiences = std::all_of(audiences.begin(), audiences.end(), [&](const std::string& a) {
        return std::find(settings.apiAudiences.begin(), settings.apiAudiences.end(), a) !=
               settings.apiAudiences.end();
    });
    int64_t lifetime = requested;
    std::optional<int64_t> warnAfter;
    if (settings.extendExpiration && requested == kWarnOnlyExpirationSeconds && kubeAudiences) {
        warnAfter = requested;
        lifetime = kExpirationExtensionSeconds;
    }

    // JWT times are whole seconds, cut down like Go's Time.Unix.
    const int64_t now = nowEpochMs >= 0 ? nowEpochMs / 1000 : -((-nowEpochMs + 999) / 1000);
    TokenClaims& c = out.claims;
    c.audiences = audiences;
    c.issuedAt = now;
    c.notBefore = now;
    c.expiry = now + lifetime;
    c.issuer = settings.issuer;
    c.id = std::move(jti);
    c.subject = username(request.namespace_, request.serviceAccount.name);
    c.namespace_ = request.namespace_;
    c.serviceAccount = request.serviceAccount;
    c.pod = request.pod;
    c.node = request.node;
    if (warnAfter)
        c.warnAfter = now + *warnAfter;

    out.token = encode(c, settings);
    out.expirationSeconds = requested;
    out.expirationTimestampMs = (now + requested) * 1000;
    return out;
}

std::string ServiceAccountToken::keyId(const TokenIssuerSettings& settings)
{
    // Real key ids are the base64url SHA-256 of the public key: 43 characters.
    return manifest::base64UrlEncode(sha256("kid:" + settings.keySeed));
}

std::string ServiceAccountToken::encode(const TokenClaims& claims, const TokenIssuerSettings& settings)
{
    return sign(JsonObject().string("alg", "RS256").string("kid", keyId(settings)).done(), claims.toJson(), settings);
}

std::string ServiceAccountToken::encodeLegacy(const LegacyTokenClaims& claims, const TokenIssuerSettings& settings)
{
    const std::string payload = JsonObject()
                                    .string("iss", kLegacyIssuer)
                                    .string("kubernetes.io/serviceaccount/namespace", claims.namespace_)
                                    .string("kubernetes.io/serviceaccount/secret.name", claims.secretName)
                                    .string("kubernetes.io/serviceaccount/service-account.name", claims.serviceAccountName)
                                    .string("kubernetes.io/serviceaccount/service-account.uid", claims.serviceAccountUid)
                                    .string("sub", username(claims.namespace_, claims.serviceAccountName))
                                    .done();
    return sign(JsonObject().string("alg", "RS256").string("kid", "").done(), payload, settings);
}

std::string ServiceAccountToken::sign(const std::string& header, const std::string& payload,
                                      const TokenIssuerSettings& settings)
{
    const std::string signingInput = manifest::base64UrlEncode(header) + "." + manifest::base64UrlEncode(payload);
    // One hash of the signed text, stretched to the signature's length by hashing that digest (a token is
    // issued for every pod, and renewed every hour or so: the long text is hashed once).
    const std::string digest = sha256(settings.keySeed + '\0' + signingInput);
    std::string signature;
    for (int block = 0; signature.size() < kSignatureBytes; ++block)
        signature += sha256(digest + std::to_string(block));
    signature.resize(kSignatureBytes);
    return signingInput + "." + manifest::base64UrlEncode(signature);
}

Outcome<DecodedToken> ServiceAccountToken::decode(std::string_view token)
{
    using Result = Outcome<DecodedToken>;
    const size_t dot1 = token.find('.');
    const size_t dot2 = dot1 == std::string_view::npos ? dot1 : token.find('.', dot1 + 1);
    if (dot2 == std::string_view::npos || token.find('.', dot2 + 1) != std::string_view::npos)
        return Result::failure("square/go-jose: compact JWS format must have three parts");
    const auto header = base64UrlDecode(token.substr(0, dot1));
    const auto payload = base64UrlDecode(token.substr(dot1 + 1, dot2 - dot1 - 1));
    if (!header || !payload || !base64UrlDecode(token.substr(dot2 + 1)))
        return Result::failure("illegal base64 data in token");

    QJsonParseError error;
    const QJsonDocument h = QJsonDocument::fromJson(QByteArray::fromStdString(*header), &error);
    if (error.error != QJsonParseError::NoError || !h.isObject())
        return Result::failure("invalid JSON in token header");
    const QJsonDocument p = QJsonDocument::fromJson(QByteArray::fromStdString(*payload), &error);
    if (error.error != QJsonParseError::NoError || !p.isObject())
        return Result::failure("invalid JSON in token payload");

    DecodedToken d;
    d.headerJson = *header;
    d.payloadJson = *payload;
    d.algorithm = h.object().value(QLatin1String("alg")).toString().toStdString();
    d.keyId = h.object().value(QLatin1String("kid")).toString().toStdString();
    const QJsonObject o = p.object();
    TokenClaims& c = d.claims;
    // "aud" may be a single string or a list.
    const QJsonValue aud = o.value(QLatin1String("aud"));
    if (aud.isString())
        c.audiences.push_back(aud.toString().toStdString());
    for (const QJsonValue a : aud.toArray())
        c.audiences.push_back(a.toString().toStdString());
    c.expiry = o.value(QLatin1String("exp")).toInteger();
    c.issuedAt = o.value(QLatin1String("iat")).toInteger();
    c.notBefore = o.value(QLatin1String("nbf")).toInteger();
    c.issuer = o.value(QLatin1String("iss")).toString().toStdString();
    c.id = o.value(QLatin1String("jti")).toString().toStdString();
    c.subject = o.value(QLatin1String("sub")).toString().toStdString();
    const QJsonObject k8s = o.value(QLatin1String("kubernetes.io")).toObject();
    c.namespace_ = k8s.value(QLatin1String("namespace")).toString().toStdString();
    c.node = refFrom(k8s, "node");
    c.pod = refFrom(k8s, "pod");
    c.secret = refFrom(k8s, "secret");
    c.serviceAccount = refFrom(k8s, "serviceaccount").value_or(TokenObjectRef());
    if (k8s.contains(QLatin1String("warnafter")))
        c.warnAfter = k8s.value(QLatin1String("warnafter")).toInteger();
    return Result::success(std::move(d));
}

int ServiceAccountToken::refreshJitterSeconds(Random& random)
{
    // time.Duration(rand.Float64()*10) * time.Second: the fraction is cut off, leaving 0–9 s.
    return int(random.below(10));
}

int64_t ServiceAccountToken::refreshAfterMs(int64_t expirationTimestampMs, int64_t expirationSeconds,
                                            int jitterSeconds)
{
    const int64_t jitterMs = int64_t(jitterSeconds) * 1000;
    const int64_t issuedAtMs = expirationTimestampMs - expirationSeconds * 1000;
    const int64_t byAge = issuedAtMs + kMaxTtlMs - jitterMs;
    const int64_t byExpiry = expirationTimestampMs - (expirationSeconds * 20 / 100) * 1000 - jitterMs;
    return std::min(byAge, byExpiry);
}

bool ServiceAccountToken::requiresRefresh(int64_t nowEpochMs, int64_t expirationTimestampMs,
                                          int64_t expirationSeconds, int jitterSeconds)
{
    const int64_t issuedAtMs = expirationTimestampMs - expirationSeconds * 1000;
    return nowEpochMs > refreshAfterMs(expirationTimestampMs, expirationSeconds, jitterSeconds) ||
           nowEpochMs < issuedAtMs;
}

} // namespace podlab::sim
