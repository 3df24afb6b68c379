#include "cluster.h"

namespace podlab::sim {

namespace {

api::Namespace makeNamespace(const std::string& name)
{
    api::Namespace ns;
    ns.metadata.name = name;
    ns.metadata.labels["kubernetes.io/metadata.name"] = name;
    ns.spec.finalizers = {"kubernetes"};
    ns.status.phase = "Active";
    return ns;
}

api::ServiceAccount makeDefaultServiceAccount(const std::string& ns)
{
    api::ServiceAccount sa;
    sa.metadata.name = "default";
    sa.metadata.namespace_ = ns;
    return sa;
}

api::Service makeKubernetesService()
{
    api::Service svc;
    svc.metadata.name = "kubernetes";
    svc.metadata.namespace_ = "default";
    svc.metadata.labels = {{"component", "apiserver"}, {"provider", "kubernetes"}};
    svc.spec.type = "ClusterIP";
    svc.spec.clusterIP = "10.96.0.1";
    svc.spec.clusterIPs = {"10.96.0.1"};
    svc.spec.ipFamilies = {"IPv4"};
    svc.spec.ipFamilyPolicy = "SingleStack";
    svc.spec.internalTrafficPolicy = "Cluster";
    svc.spec.sessionAffinity = "None";
    api::ServicePort https;
    https.name = "https";
    https.protocol = "TCP";
    https.port = 443;
    https.targetPort = api::IntOrString::fromInt(6443);
    svc.spec.ports = {https};
    return svc;
}

} // namespace

Cluster::Cluster(const ClusterConfig& config) : m_config(config), m_random(config.seed)
{
    // What a new cluster holds before anyone applies anything: the four namespaces, their default service
    // accounts (the service account controller makes them), and the API server's own Service.
    for (const char* name : {"default", "kube-node-lease", "kube-public", "kube-system"}) {
        create(makeNamespace(name));
        create(makeDefaultServiceAccount(name));
    }
    create(makeKubernetesService());
}

Cluster Cluster::withDefaultNodes(int nodes, const ClusterConfig& config)
{
    Cluster cluster(config);
    for (int i = 1; i <= nodes; ++i)
        cluster.create(defaultNode(i, config));
    return cluster;
}

api::Node Cluster::defaultNode(int index, const ClusterConfig& config)
{
    api::Node node;
    const std::string name = "node-" + std::to_string(index);
    node.metadata.name = name;
    node.metadata.labels = {{"beta.kubernetes.io/arch", "amd64"}, {"beta.kubernetes.io/os", "linux"},
                            {"kubernetes.io/arch", "amd64"},      {"kubernetes.io/hostname", name},
                            {"kubernetes.io/os", "linux"}};
    node.metadata.annotations = {{"node.alpha.kubernetes.io/ttl", "0"},
                                 {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}};
    const std::string cidr = "10.244." + std::to_string(index) + ".0/24";
    node.spec.podCIDR = cidr;
    node.spec.podCIDRs = {cidr};
    auto q = [](std::string_view s) { return *api::Quantity::parse(s); };
    node.status.capacity = {{"cpu", q("4")},
                            {"ephemeral-storage", q("61255492Ki")},
                            {"hugepages-1Gi", q("0")},
                            {"hugepages-2Mi", q("0")},
                            {"memory", q("8129516Ki")},
                            {"pods", q("110")}};
    // kubeadm reserves nothing for the system; the hard eviction thresholds (memory.available<100Mi,
    // nodefs.available<10%) come off allocatable.
    node.status.allocatable = node.status.capacity;
    node.status.allocatable["memory"] = q("8027116Ki");
    node.status.allocatable["ephemeral-storage"] = q("56453061334");
    node.status.addresses = {{"InternalIP", "172.18.0." + std::to_string(index + 1)}, {"Hostname", name}};
    api::NodeSystemInfo& info = node.status.nodeInfo;
    info.architecture = "amd64";
    info.operatingSystem = "linux";
    info.kubeletVersion = config.kubernetesVersion();
    if (config.profile == VersionProfile::Modern) {
        info.containerRuntimeVersion = "containerd://1.7.24";
        info.kernelVersion = "6.1.0-28-amd64";
        info.osImage = "Debian GNU/Linux 12 (bookworm)";
    } else {
        info.containerRuntimeVersion = "docker://18.6.1";
        info.kernelVersion = "4.15.0-43-generic";
        info.osImage = "Ubuntu 18.04.1 LTS";
        info.kubeProxyVersion = config.kubernetesVersion();
    }
    // Machine identities: fixed per node index so that clusters built alike look alike.
    Random ids(uint64_t(index) * 7919 + 17);
    info.machineID = ids.hex(32);
    info.systemUUID = ids.uuid();
    info.bootID = ids.uuid();
    node.status.unmodelled["daemonEndpoints"] =
        api::Value(api::Value::Object{{"kubeletEndpoint", api::Value(api::Value::Object{{"Port", api::Value(10250)}})}});
    return node;
}

ClusterContext Cluster::context() { return ClusterContext{m_store, m_timers, m_random, m_config, m_now}; }

void Cluster::settle()
{
    while (m_store.hasChanges()) {
        std::vector<Change> changes = m_store.takeChanges();
        ClusterContext ctx = context();
        for (const Change& change : changes)
            m_scheduler.onChange(change, ctx);
        if (m_recordChanges)
            m_changeLog.insert(m_changeLog.end(), changes.begin(), changes.end());
    }
}

void Cluster::dispatch(const Timer& timer)
{
    ClusterContext ctx = context();
    switch (TimerKind(timer.kind)) {
    case TimerKind::SchedulerRun:
        m_scheduler.onTimer(ctx);
        break;
    case TimerKind::EventExpiry:
        m_store.events().expireBefore(api::Time::fromMillis(ctx.wallTime().millis() - EventLog::kTtlMillis));
        break;
    default:
        break;
    }
}

void Cluster::runUntil(SimTime t)
{
    Timer timer;
    while (m_timers.popUntil(t, timer)) {
        m_now = timer.at;
        dispatch(timer);
        settle();
    }
    m_now = std::max(m_now, t);
}

bool Cluster::runNext()
{
    const SimTime next = m_timers.nextTime();
    if (next == INT64_MAX)
        return false;
    runUntil(next);
    return true;
}

ApiResult Cluster::create(api::Object object)
{
    ClusterContext ctx = context();
    ApiResult r = ApiServer::create(std::move(object), ctx);
    settle();
    return r;
}

ApiResult Cluster::update(api::Object object)
{
    ClusterContext ctx = context();
    ApiResult r = ApiServer::update(std::move(object), ctx);
    settle();
    return r;
}

ApiResult Cluster::remove(Kind kind, std::string_view namespace_, std::string_view name, const DeleteOptions& options)
{
    ClusterContext ctx = context();
    ApiResult r = ApiServer::remove(kind, namespace_, name, options, ctx);
    settle();
    return r;
}

std::vector<Change> Cluster::takeChangeLog()
{
    std::vector<Change> out;
    out.swap(m_changeLog);
    return out;
}

} // namespace podlab::sim
