#pragma once

#include "sim/cluster/context.h"
#include "sim/images/imagecatalogue.h"
#include "sim/runtime/containerenvironment.h"
#include "sim/runtime/imagefiles.h"
#include "sim/runtime/sharedlines.h"
#include "sim/runtime/sharedtexts.h"
#include "sim/shell/scriptcache.h"

namespace podlab::sim {

// The pod network as the kubelet and its containers reach it; the cluster implements it, because a request
// may go to a pod on another node or to a Service.
class PodNetwork {
public:
    virtual ~PodNetwork() = default;
    // `fromPodIP` is the sender (a probe comes from the node: its InternalIP).
    virtual shell::HttpResponse http(std::string_view fromPodIP, const shell::HttpRequest& request, SimTime now) = 0;
    virtual shell::ConnectResult tcp(std::string_view fromPodIP, std::string_view host, int port, SimTime now) = 0;
    // gRPC health of host:port for `service`: "SERVING", "NOT_SERVING", or "" if nothing answers gRPC.
    virtual std::string grpcHealth(std::string_view host, int port, const std::string& service, SimTime now) = 0;
    // Where a pod IP leads: the kubelet that runs the pod, and the pod's uid.
    virtual void registerPodIP(const std::string& ip, uint32_t kubelet, const std::string& uid) = 0;
    virtual void unregisterPodIP(const std::string& ip) = 0;
};

// What a kubelet works with when the cluster calls it: the cluster's context, the image catalogue (its
// registries), the network, the parsed-script cache for exec probes, and the log lines, texts and image files that containers share.
struct KubeletContext {
    ClusterContext& cluster;
    const ImageCatalogue& images;
    PodNetwork& network;
    shell::ScriptCache& scripts;
    runtime::SharedLines& lines;
    runtime::SharedTexts& texts;
    runtime::UnpackedImages& unpackedImages;

    SimTime now() const { return cluster.now; }
};

} // namespace podlab::sim
