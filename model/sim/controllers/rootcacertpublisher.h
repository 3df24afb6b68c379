#pragma once

#include "sim/cluster/context.h"

#include <string>

namespace podlab::sim {

// The root CA certificate publisher (pkg/controller/certificates/rootcacertpublisher): every active namespace
// holds a ConfigMap `kube-root-ca.crt` whose `ca.crt` is the cluster's CA bundle, so that the
// kube-api-access volume of every pod can project it. A deleted one comes back, an edited one is put back.
class RootCaCertPublisher {
public:
    static constexpr const char* kConfigMapName = "kube-root-ca.crt";
    static constexpr const char* kDataKey = "ca.crt";
    // The annotation the controller sets on the ConfigMap since 1.26 (the CA bundle's description).
    static constexpr const char* kDescriptionAnnotation = "kubernetes.io/description";

    void onChange(const Change& change, ClusterContext& ctx);
    bool operator==(const RootCaCertPublisher&) const = default;

    // The cluster's CA certificate in PEM: shaped like a kubeadm CA's (a 777-byte DER body wrapped at 64
    // columns) but not a certificate anything could parse. It depends on the cluster's seed only.
    static std::string caBundle(uint64_t seed);

private:
    static void sync(const std::string& namespace_, ClusterContext& ctx);
};

} // namespace podlab::sim
