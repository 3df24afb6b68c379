#include "tokenscontroller.h"

#include "rootcacertpublisher.h"

#include "sim/cluster/apiserver.h"
#include "sim/volumes/serviceaccounttoken.h"

#include <algorithm>
#include <vector>

namespace podlab::sim {

bool TokensController::isTokenOf(const api::Secret& secret, const api::ServiceAccount& account)
{
    const auto& a = secret.metadata.annotations;
    const auto name = a.find(kNameAnnotation);
    const auto uid = a.find(kUidAnnotation);
    return secret.type == kSecretType && name != a.end() && name->second == account.metadata.name &&
           (uid == a.end() || uid->second.empty() || uid->second == account.metadata.uid);
}

std::string TokensController::referencedToken(const api::ServiceAccount& account, const Store& store)
{
    for (const api::ObjectReference& ref : account.secrets)
        if (const auto secret = store.get<api::Secret>(account.metadata.namespace_, ref.name))
            if (isTokenOf(*secret, account))
                return ref.name;
    return {};
}

void TokensController::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::ServiceAccount) {
        const auto& account = std::get<Ptr<api::ServiceAccount>>(change.object);
        if (change.type != Change::Type::Deleted) {
            ensureToken(*account, ctx);
            return;
        }
        // The account is gone: so are its tokens.
        std::vector<std::string> tokens;
        for (const auto& [key, secret] : ctx.store.all<api::Secret>())
            if (secret->metadata.namespace_ == account->metadata.namespace_ && isTokenOf(*secret, *account))
                tokens.push_back(secret->metadata.name);
        for (const std::string& name : tokens)
            ApiServer::remove(Kind::Secret, account->metadata.namespace_, name, {}, ctx);
    } else if (change.kind == Kind::Secret && change.type == Change::Type::Deleted) {
        // A deleted token: the account loses the reference, and gets a new token.
        const auto& secret = std::get<Ptr<api::Secret>>(change.object);
        const auto name = secret->metadata.annotations.find(kNameAnnotation);
        if (secret->type != kSecretType || name == secret->metadata.annotations.end())
            return;
        const auto account = ctx.store.get<api::ServiceAccount>(secret->metadata.namespace_, name->second);
        if (!account)
            return;
        api::ServiceAccount updated = *account;
        std::erase_if(updated.secrets, [&](const auto& ref) { return ref.name == secret->metadata.name; });
        if (updated.secrets.size() != account->secrets.size())
            ApiServer::update(api::Object(std::move(updated)), ctx); // its change makes the new token
    }
}

void TokensController::ensureToken(const api::ServiceAccount& account, ClusterContext& ctx)
{
    const std::string& ns = account.metadata.namespace_;
    const auto namespace_ = ctx.store.get<api::Namespace>("", ns);
    if (!namespace_ || namespace_->status.phase == "Terminating" || !referencedToken(account, ctx.store).empty())
        return;
    api::Secret secret;
    do
        secret.metadata.name = account.metadata.name + "-token-" + ctx.random.nameSuffix();
    while (ctx.store.get<api::Secret>(ns, secret.metadata.name));
    secret.metadata.namespace_ = ns;
    secret.metadata.annotations[kNameAnnotation] = account.metadata.name;
    secret.metadata.annotations[kUidAnnotation] = account.metadata.uid;
    secret.type = kSecretType;
    secret.data["ca.crt"] = api::Bytes{RootCaCertPublisher::caBundle(ctx.config.seed)};
    secret.data["namespace"] = api::Bytes{ns};
    secret.data["token"] = api::Bytes{ServiceAccountToken::encodeLegacy(
        LegacyTokenClaims{ns, account.metadata.name, account.metadata.uid, secret.metadata.name}, TokenIssuerSettings{})};
    const std::string name = secret.metadata.name;
    if (!ApiServer::create(api::Object(std::move(secret)), ctx).ok())
        return;
    api::ServiceAccount updated = account;
    api::ObjectReference ref;
    ref.name = name;
    updated.secrets.push_back(std::move(ref));
    ApiServer::update(api::Object(std::move(updated)), ctx);
}

} // namespace podlab::sim
