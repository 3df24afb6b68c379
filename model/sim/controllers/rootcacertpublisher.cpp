#include "rootcacertpublisher.h"

#include "sim/cluster/apiserver.h"
#include "sim/core/random.h"

#include "manifest/base64.h"

namespace podlab::sim {

namespace {

constexpr const char* kCaDescription =
    "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as "
    "the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of "
    "Kubernetes clusters.";

} // namespace

std::string RootCaCertPublisher::caBundle(uint64_t seed)
{
    // The DER header of a kubeadm CA (SEQUENCE of 773 bytes, TBSCertificate, version 3, an 8-byte serial);
    // the rest is drawn from the seed.
    std::string der = {'\x30', '\x82', '\x03', '\x05', '\x30', '\x82', '\x01', '\xed',
                       '\xa0', '\x03', '\x02', '\x01', '\x02', '\x02', '\x08'};
    Random random(seed ^ 0x6b7562652d6361ull); // "kube-ca": its own stream, not the cluster's
    while (der.size() < 777)
        der.push_back(char(random.below(256)));
    const std::string body = manifest::base64Encode(der);
    std::string pem = "-----BEGIN CERTIFICATE-----\n";
    for (size_t i = 0; i < body.size(); i += 64)
        pem += body.substr(i, 64) + "\n";
    pem += "-----END CERTIFICATE-----\n";
    return pem;
}

void RootCaCertPublisher::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::Namespace && change.type != Change::Type::Deleted) {
        sync(std::get<Ptr<api::Namespace>>(change.object)->metadata.name, ctx);
    } else if (change.kind == Kind::ConfigMap) {
        const auto& cm = std::get<Ptr<api::ConfigMap>>(change.object);
        if (cm->metadata.name == kConfigMapName)
            sync(cm->metadata.namespace_, ctx);
    }
}

void RootCaCertPublisher::sync(const std::string& namespace_, ClusterContext& ctx)
{
    const auto ns = ctx.store.get<api::Namespace>("", namespace_);
    if (!ns || ns->status.phase == "Terminating")
        return;
    const std::string bundle = caBundle(ctx.config.seed);
    const auto existing = ctx.store.get<api::ConfigMap>(namespace_, kConfigMapName);
    if (existing) {
        const auto it = existing->data.find(kDataKey);
        if (it != existing->data.end() && it->second == bundle && existing->data.size() == 1 &&
            existing->metadata.annotations.count(kDescriptionAnnotation))
            return;
        // Edited: the controller writes its data back over whatever was changed.
        api::ConfigMap restored = *existing;
        restored.data = {{kDataKey, bundle}};
        restored.metadata.annotations[kDescriptionAnnotation] = kCaDescription;
        ApiServer::update(api::Object(std::move(restored)), ctx);
        return;
    }
    api::ConfigMap cm;
    cm.metadata.name = kConfigMapName;
    cm.metadata.namespace_ = namespace_;
    cm.metadata.annotations[kDescriptionAnnotation] = kCaDescription;
    cm.data[kDataKey] = bundle;
    ApiServer::create(api::Object(std::move(cm)), ctx);
}

} // namespace podlab::sim
