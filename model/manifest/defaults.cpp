#include "defaults.h"

namespace podlab::manifest {

using namespace api;

namespace {

constexpr int32_t kDefaultMode = 0644;

// SetDefaults_ResourceList: values finer than a milli-unit are rounded up to one ("100n" becomes "1m").
void roundUpToMilli(ResourceList& list)
{
    for (auto& [name, q] : list) {
        const Quantity rounded = Quantity::fromMilli(q.milliValue(), q.format());
        if (rounded != q)
            q = rounded;
    }
}

void defaultProbe(SharedOptional<Probe>& probe)
{
    if (!probe)
        return;
    // The generated defaults give a gRPC probe an explicit empty service name.
    if (probe->grpc && !probe->grpc->service)
        probe->grpc->service = "";
    // Zero means "not set" in the Go types, so an explicit 0 is defaulted too.
    if (probe->timeoutSeconds == 0)
        probe->timeoutSeconds = 1;
    if (probe->periodSeconds == 0)
        probe->periodSeconds = 10;
    if (probe->successThreshold == 0)
        probe->successThreshold = 1;
    if (probe->failureThreshold == 0)
        probe->failureThreshold = 3;
}

void defaultHttpGet(std::optional<HTTPGetAction>& action)
{
    if (!action)
        return;
    if (action->path.empty())
        action->path = "/";
    if (action->scheme.empty())
        action->scheme = "HTTP";
}

void defaultHandler(SharedOptional<Probe>& probe)
{
    if (probe)
        defaultHttpGet(probe->httpGet);
}

void defaultHandler(std::optional<LifecycleHandler>& handler)
{
    if (handler)
        defaultHttpGet(handler->httpGet);
}

void defaultFieldRef(std::optional<ObjectFieldSelector>& ref)
{
    if (ref && ref->apiVersion.empty())
        ref->apiVersion = "v1";
}

void defaultDownwardItems(std::vector<DownwardAPIVolumeFile>& items)
{
    for (DownwardAPIVolumeFile& item : items)
        defaultFieldRef(item.fieldRef);
}

void defaultEnv(std::vector<EnvVar>& env)
{
    for (EnvVar& var : env)
        if (var.valueFrom)
            defaultFieldRef(var.valueFrom->fieldRef);
}

void defaultVolume(Volume& v)
{
    if (v.sourceCount() == 0)
        v.emptyDir.emplace();
    if (v.secret && !v.secret->defaultMode)
        v.secret->defaultMode = kDefaultMode;
    if (v.configMap && !v.configMap->defaultMode)
        v.configMap->defaultMode = kDefaultMode;
    if (v.downwardAPI) {
        if (!v.downwardAPI->defaultMode)
            v.downwardAPI->defaultMode = kDefaultMode;
        defaultDownwardItems(v.downwardAPI->items);
    }
    if (v.projected) {
        if (!v.projected->defaultMode)
            v.projected->defaultMode = kDefaultMode;
        for (VolumeProjection& source : v.projected->sources) {
            if (source.serviceAccountToken && !source.serviceAccountToken->expirationSeconds)
                source.serviceAccountToken->expirationSeconds = 3600;
            if (source.downwardAPI)
                defaultDownwardItems(source.downwardAPI->items);
        }
    }
    if (v.hostPath && !v.hostPath->type)
        v.hostPath->type = "";
}

void defaultTemplate(PodTemplateSpec& t) { applyDefaults(t.spec); }

// Only Pods get requests copied from limits (SetDefaults_Pod); templates keep what was written.
void defaultRequestsFromLimits(Container& c)
{
    for (const auto& [name, limit] : c.resources.limits)
        c.resources.requests.try_emplace(name, limit);
}

void defaultObject(Pod& pod) { applyDefaults(pod); }

void defaultObject(Node& node)
{
    roundUpToMilli(node.status.capacity);
    roundUpToMilli(node.status.allocatable);
    if (node.status.allocatable.empty())
        node.status.allocatable = node.status.capacity;
}

void defaultObject(ConfigMap&) {}

void defaultObject(Secret& secret)
{
    if (secret.type.empty())
        secret.type = "Opaque";
}

void defaultObject(ServiceAccount&) {}

void defaultObject(Namespace& ns)
{
    // NamespaceDefaultLabelName (GA in 1.22): every namespace carries its own name as a label.
    if (!ns.metadata.name.empty())
        ns.metadata.labels["kubernetes.io/metadata.name"] = ns.metadata.name;
    if (ns.status.phase.empty())
        ns.status.phase = "Active";
}

void defaultObject(Deployment& d)
{
    DeploymentSpec& s = d.spec;
    if (!s.replicas)
        s.replicas = 1;
    if (s.strategy.type.empty())
        s.strategy.type = "RollingUpdate";
    if (s.strategy.type == "RollingUpdate") {
        if (!s.strategy.rollingUpdate)
            s.strategy.rollingUpdate.emplace();
        if (!s.strategy.rollingUpdate->maxUnavailable)
            s.strategy.rollingUpdate->maxUnavailable = IntOrString::fromString("25%");
        if (!s.strategy.rollingUpdate->maxSurge)
            s.strategy.rollingUpdate->maxSurge = IntOrString::fromString("25%");
    }
    if (!s.revisionHistoryLimit)
        s.revisionHistoryLimit = 10;
    if (!s.progressDeadlineSeconds)
        s.progressDeadlineSeconds = 600;
    defaultTemplate(s.template_);
}

void defaultObject(ReplicaSet& rs)
{
    if (!rs.spec.replicas)
        rs.spec.replicas = 1;
    defaultTemplate(rs.spec.template_);
}

void defaultObject(Service& svc)
{
    ServiceSpec& s = svc.spec;
    if (s.sessionAffinity.empty())
        s.sessionAffinity = "None";
    if (s.sessionAffinity == "None")
        s.unmodelled.erase("sessionAffinityConfig");
    if (s.sessionAffinity == "ClientIP") {
        const auto it = s.unmodelled.find("sessionAffinityConfig");
        const Value* clientIP = it != s.unmodelled.end() ? it->second.find("clientIP") : nullptr;
        if (!clientIP || !clientIP->find("timeoutSeconds")) {
            Value timeout = Value(Value::Object{});
            timeout.insert("timeoutSeconds", int64_t(10800));
            Value config = Value(Value::Object{});
            config.insert("clientIP", std::move(timeout));
            s.unmodelled["sessionAffinityConfig"] = std::move(config);
        }
    }
    if (s.type.empty())
        s.type = "ClusterIP";
    for (ServicePort& p : s.ports) {
        if (p.protocol.empty())
            p.protocol = "TCP";
        if (p.targetPort == IntOrString() || p.targetPort == IntOrString::fromString(""))
            p.targetPort = IntOrString::fromInt(p.port);
    }
    const bool externallyAccessible =
        s.type == "LoadBalancer" || s.type == "NodePort" || (s.type == "ClusterIP" && !s.externalIPs.empty());
    if (externallyAccessible && s.externalTrafficPolicy.empty())
        s.externalTrafficPolicy = "Cluster";
    if (!s.internalTrafficPolicy && (s.type == "NodePort" || s.type == "LoadBalancer" || s.type == "ClusterIP"))
        s.internalTrafficPolicy = "Cluster";
    if (s.type == "LoadBalancer" && !s.allocateLoadBalancerNodePorts)
        s.allocateLoadBalancerNodePorts = true;
}

void defaultObject(Endpoints& ep)
{
    for (EndpointSubset& subset : ep.subsets)
        for (EndpointPort& p : subset.ports)
            if (p.protocol.empty())
                p.protocol = "TCP";
}

void defaultObject(Event&) {}

void defaultObject(Lease&) {}

void defaultObject(PodPreset& preset)
{
    defaultEnv(preset.spec.env);
    for (Volume& v : preset.spec.volumes)
        defaultVolume(v);
}

} // namespace

std::string defaultPullPolicy(std::string_view image)
{
    // Kubernetes parses the reference (ParseImageName): no tag and no digest means ":latest"; a reference it
    // cannot parse (empty, upper case in the repository path) has no tag, so IfNotPresent.
    const size_t at = image.find('@');
    const bool digest = at != std::string_view::npos;
    const std::string_view named = image.substr(0, at);
    // The tag follows the last ':' after the last '/' (a ':' before it belongs to a registry port).
    const size_t slash = named.rfind('/');
    const size_t colon = named.rfind(':');
    const bool tagged = colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash);
    const std::string_view repository = tagged ? named.substr(0, colon) : named;
    const size_t firstSlash = repository.find('/');
    const std::string_view domain = firstSlash == std::string_view::npos ? std::string_view() : repository.substr(0, firstSlash);
    const bool hasDomain = domain.find_first_of(".:") != std::string_view::npos || domain == "localhost";
    const std::string_view path = hasDomain ? repository.substr(firstSlash + 1) : repository;
    if (path.empty() || path.find_first_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ \t") != std::string_view::npos)
        return "IfNotPresent";
    if (tagged)
        return named.substr(colon + 1) == "latest" ? "Always" : "IfNotPresent";
    return digest ? "IfNotPresent" : "Always";
}

void applyDefaults(Container& c)
{
    if (c.imagePullPolicy.empty())
        c.imagePullPolicy = defaultPullPolicy(c.image);
    if (c.terminationMessagePath.empty())
        c.terminationMessagePath = "/dev/termination-log";
    if (c.terminationMessagePolicy.empty())
        c.terminationMessagePolicy = "File";
    for (ContainerPort& p : c.ports)
        if (p.protocol.empty())
            p.protocol = "TCP";
    roundUpToMilli(c.resources.limits);
    roundUpToMilli(c.resources.requests);
    defaultProbe(c.livenessProbe);
    defaultProbe(c.readinessProbe);
    defaultProbe(c.startupProbe);
    defaultHandler(c.livenessProbe);
    defaultHandler(c.readinessProbe);
    defaultHandler(c.startupProbe);
    if (c.lifecycle) {
        defaultHandler(c.lifecycle->postStart);
        defaultHandler(c.lifecycle->preStop);
    }
    defaultEnv(c.env);
}

void applyDefaults(PodSpec& spec)
{
    if (spec.dnsPolicy.empty())
        spec.dnsPolicy = "ClusterFirst";
    if (spec.restartPolicy.empty())
        spec.restartPolicy = "Always";
    if (!spec.terminationGracePeriodSeconds)
        spec.terminationGracePeriodSeconds = 30;
    if (spec.schedulerName.empty())
        spec.schedulerName = "default-scheduler";
    if (!spec.unmodelled.contains("securityContext"))
        spec.unmodelled["securityContext"] = Value(Value::Object{});
    for (Volume& v : spec.volumes)
        defaultVolume(v);
    for (Container& c : spec.initContainers)
        applyDefaults(c);
    for (Container& c : spec.containers)
        applyDefaults(c);
    roundUpToMilli(spec.overhead);
}

void applyDefaults(Pod& pod)
{
    applyDefaults(pod.spec);
    for (Container& c : pod.spec.initContainers)
        defaultRequestsFromLimits(c);
    for (Container& c : pod.spec.containers)
        defaultRequestsFromLimits(c);
    if (!pod.spec.enableServiceLinks)
        pod.spec.enableServiceLinks = true;
    // With host networking every container port is a host port (Pods only, not templates).
    if (pod.spec.hostNetwork) {
        for (auto* list : {&pod.spec.containers, &pod.spec.initContainers})
            for (Container& c : *list)
                for (ContainerPort& p : c.ports)
                    if (p.hostPort == 0)
                        p.hostPort = p.containerPort;
    }
}

void applyDefaults(Object& object)
{
    std::visit([](auto& o) { defaultObject(o); }, object);
}

} // namespace podlab::manifest
