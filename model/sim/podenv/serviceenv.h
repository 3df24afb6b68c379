#pragma once

#include "envlist.h"

#include "api/service.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// Docker-links style service variables (pkg/kubelet/envvars and getServiceEnvVarMap).
class ServiceEnv {
public:
    // `my-nginx` → `MY_NGINX`.
    static std::string variableName(std::string_view serviceName);

    // FromServices, per service in the given order: <SVC>_SERVICE_HOST, <SVC>_SERVICE_PORT (first port),
    // <SVC>_SERVICE_PORT_<NAME> per named port, <SVC>_PORT (first port, `tcp://ip:port`), then per port
    // <SVC>_PORT_<port>_<PROTO> with _PROTO, _PORT and _ADDR. Services without a cluster IP (headless,
    // "None", ExternalName) or without ports give nothing.
    static EnvList fromServices(const std::vector<const api::Service*>& services);

    // What a pod in `podNamespace` sees: `default/kubernetes` always, and every service of its own namespace
    // when enableServiceLinks is true (a same-named service there takes the place of `kubernetes`). The
    // kubelet walks a Go map here, so its order is arbitrary; this one is by service name.
    static EnvList forPod(const std::vector<const api::Service*>& allServices, std::string_view podNamespace,
                          bool enableServiceLinks);
};

} // namespace podlab::sim
