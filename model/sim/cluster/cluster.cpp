#include "cluster.h"

#include <algorithm>

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

// The pod network seen by the kubelets, for one call: routes a request to the pod, the node or the outside
// host it names.
class Cluster::Network final : public PodNetwork {
public:
    explicit Network(Cluster& cluster, ClusterContext& ctx) : m_cluster(cluster), m_ctx(ctx) {}

    shell::HttpResponse http(std::string_view fromPodIP, const shell::HttpRequest& request, SimTime) override
    {
        ClusterNetwork::Url url = ClusterNetwork::parseUrl(request.url);
        shell::HttpResponse refused;
        refused.outcome = shell::HttpResponse::Outcome::Refused;
        const bool loopback = url.host == "localhost" || url.host == "127.0.0.1";
        if (loopback)
            url.host = std::string(fromPodIP);
        // The sender sees localhost as 127.0.0.1 (/etc/hosts), whichever container of its pod answers.
        const std::string shownAddress = loopback ? std::string("127.0.0.1") : url.host;
        refused.address = shownAddress;
        if (const auto endpoint = m_cluster.m_network.pod(url.host)) {
            shell::HttpRequest forwarded = request;
            forwarded.url = url.path;
            KubeletContext kctx = kubeletContext();
            Kubelet& kubelet = m_cluster.m_kubelets[endpoint->kubelet];
            // What the server sees as the sender: itself over loopback, the sending pod, or (from a node) the
            // node's end of the pod network.
            const std::string peer = loopback ? std::string("127.0.0.1")
                                   : fromPodIP.empty() ? kubelet.podGateway(kctx)
                                                       : std::string(fromPodIP);
            auto response = kubelet.serveHttp(endpoint->uid, url.port, forwarded, peer, kctx);
            if (!response)
                return refused;
            response->address = shownAddress;
            return *response;
        }
        if (const ClusterNetwork::OutsideHost* host = m_cluster.m_network.outside(url.host)) {
            shell::HttpResponse r;
            r.outcome = shell::HttpResponse::Outcome::Ok;
            r.address = host->ip;
            r.latency = 120;
            const auto page = host->pages.find(url.path);
            if (page == host->pages.end()) {
                r.status = 404;
                r.reason = "Not Found";
                r.body = "Not Found\n";
            } else {
                r.body = page->second;
                r.headers = {{"Content-Type", "text/html"}};
            }
            return r;
        }
        shell::HttpResponse unknown;
        unknown.outcome = isAddress(url.host) ? shell::HttpResponse::Outcome::TimedOut : shell::HttpResponse::Outcome::BadAddress;
        unknown.address = url.host;
        return unknown;
    }

    shell::ConnectResult tcp(std::string_view fromPodIP, std::string_view hostName, int port, SimTime) override
    {
        std::string host(hostName);
        if (host == "localhost" || host == "127.0.0.1")
            host = std::string(fromPodIP);
        if (const auto endpoint = m_cluster.m_network.pod(host)) {
            const bool open = m_cluster.m_kubelets[endpoint->kubelet].listens(endpoint->uid, port);
            return {open ? shell::HttpResponse::Outcome::Ok : shell::HttpResponse::Outcome::Refused, host, 1};
        }
        if (const ClusterNetwork::OutsideHost* outside = m_cluster.m_network.outside(host))
            return {port == 80 || port == 443 ? shell::HttpResponse::Outcome::Ok : shell::HttpResponse::Outcome::TimedOut,
                    outside->ip, 100};
        return {isAddress(host) ? shell::HttpResponse::Outcome::TimedOut : shell::HttpResponse::Outcome::BadAddress, host, 0};
    }

    std::string grpcHealth(std::string_view host, int port, const std::string& service, SimTime) override
    {
        if (const auto endpoint = m_cluster.m_network.pod(host)) {
            KubeletContext kctx = kubeletContext();
            return m_cluster.m_kubelets[endpoint->kubelet].grpcHealth(endpoint->uid, port, service, kctx);
        }
        return {};
    }

    void registerPodIP(const std::string& ip, uint32_t kubelet, const std::string& uid) override
    {
        m_cluster.m_network.registerPod(ip, kubelet, uid);
    }
    void unregisterPodIP(const std::string& ip) override { m_cluster.m_network.unregisterPod(ip); }

    KubeletContext kubeletContext()
    {
        return KubeletContext{m_ctx, *m_cluster.m_images, *this, m_cluster.m_scripts, m_cluster.m_lines, m_cluster.m_texts,
                              m_cluster.m_unpackedImages};
    }

private:
    static bool isAddress(std::string_view host)
    {
        return !host.empty() && std::all_of(host.begin(), host.end(), [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
    }

    Cluster& m_cluster;
    ClusterContext& m_ctx;
};

Cluster::Cluster(const ClusterConfig& config) : Cluster(config, ImageCatalogue::builtin()) {}

Cluster::Cluster(const ClusterConfig& config, ImageCatalogue images)
    : m_config(config), m_random(config.seed), m_images(std::make_shared<const ImageCatalogue>(std::move(images)))
{
    m_timers.setLeadingKind(uint32_t(TimerKind::ProbeTick));
    // What a new cluster holds before anyone applies anything: the four namespaces, their default service
    // accounts (the service account controller makes them), and the API server's own Service.
    for (const char* name : {"default", "kube-node-lease", "kube-public", "kube-system"})
        create(makeNamespace(name)); // the service account controller adds each one's "default"
    create(makeKubernetesService());
    ClusterContext ctx = context();
    m_nodeLifecycle.start(ctx);
    m_podGc.start(ctx);
    ctx.schedule(m_now + seconds(60), TimerKind::EventExpiry);
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
        Network network(*this, ctx);
        KubeletContext kctx = network.kubeletContext();
        for (const Change& change : changes) {
            if (change.kind == Kind::Node && change.type == Change::Type::Added)
                addKubelet(std::get<Ptr<api::Node>>(change.object)->metadata.name);
            m_scheduler.onChange(change, ctx);
            m_serviceAccounts.onChange(change, ctx);
            m_replicaSets.onChange(change, ctx);
            m_deployments.onChange(change, ctx);
            m_garbageCollector.onChange(change, ctx);
            if (m_config.profile == VersionProfile::Modern)
                m_rootCaPublisher.onChange(change, ctx); // from 1.20 (RootCAConfigMap)
            else
                m_tokens.onChange(change, ctx); // token Secrets: until 1.24
            if (change.kind == Kind::Pod) {
                // Only the kubelet of the pod's node watches it (the API server filters by spec.nodeName).
                const auto& pod = std::get<Ptr<api::Pod>>(change.object);
                if (Kubelet* k = kubeletFor(pod->spec.nodeName))
                    k->onChange(change, kctx);
            } else if (change.kind == Kind::Node) {
                const auto& node = std::get<Ptr<api::Node>>(change.object);
                if (Kubelet* k = kubeletFor(node->metadata.name))
                    k->onChange(change, kctx);
            } else if (change.kind == Kind::ConfigMap || change.kind == Kind::Secret) {
                // Every kubelet watches the ConfigMaps and Secrets its pods use.
                for (Kubelet& k : m_kubelets)
                    k.onChange(change, kctx);
            }
        }
        if (m_recordChanges)
            m_changeLog.insert(m_changeLog.end(), changes.begin(), changes.end());
    }
}

void Cluster::addKubelet(const std::string& node)
{
    if (kubeletFor(node))
        return;
    m_kubeletByNode.emplace(node, uint32_t(m_kubelets.size()));
    m_kubelets.emplace_back(node, uint32_t(m_kubelets.size()));
}

Kubelet* Cluster::kubeletFor(std::string_view node)
{
    const auto it = m_kubeletByNode.find(node);
    return it == m_kubeletByNode.end() ? nullptr : &m_kubelets[it->second];
}

const Kubelet* Cluster::kubelet(std::string_view node) const
{
    const auto it = m_kubeletByNode.find(node);
    return it == m_kubeletByNode.end() ? nullptr : &m_kubelets[it->second];
}

bool Cluster::setNodeReporting(std::string_view node, bool reporting)
{
    Kubelet* k = kubeletFor(node);
    if (!k)
        return false;
    ClusterContext ctx = context();
    Network network(*this, ctx);
    KubeletContext kctx = network.kubeletContext();
    k->setReporting(reporting, kctx);
    settle();
    return true;
}

ExecOutcome Cluster::exec(std::string_view namespace_, std::string_view podName, std::string_view container,
                          const std::vector<std::string>& argv, const std::string& stdinData)
{
    const auto pod = m_store.get<api::Pod>(namespace_, podName);
    if (!pod)
        return {"pods \"" + std::string(podName) + "\" not found", 1, {}, {}};
    Kubelet* k = kubeletFor(pod->spec.nodeName);
    if (!k)
        return {"pod " + std::string(podName) + " does not have a host assigned", 1, {}, {}};
    ClusterContext ctx = context();
    Network network(*this, ctx);
    KubeletContext kctx = network.kubeletContext();
    ExecOutcome out = k->exec(pod->metadata.uid, container, argv, stdinData, kctx);
    settle();
    return out;
}

std::optional<std::vector<runtime::LogEntry>> Cluster::logs(std::string_view namespace_, std::string_view podName,
                                                            std::string_view container, bool previous,
                                                            std::string* error) const
{
    const auto pod = m_store.get<api::Pod>(namespace_, podName);
    if (!pod) {
        *error = "pods \"" + std::string(podName) + "\" not found";
        return std::nullopt;
    }
    const Kubelet* k = kubelet(pod->spec.nodeName);
    if (!k) {
        *error = "pod " + std::string(podName) + " does not have a host assigned";
        return std::nullopt;
    }
    return k->logs(pod->metadata.uid, container, previous, error, m_now);
}

bool Cluster::crashContainer(std::string_view namespace_, std::string_view podName, std::string_view container,
                             int exitCode)
{
    const auto pod = m_store.get<api::Pod>(namespace_, podName);
    if (!pod)
        return false;
    Kubelet* k = kubeletFor(pod->spec.nodeName);
    if (!k)
        return false;
    ClusterContext ctx = context();
    Network network(*this, ctx);
    KubeletContext kctx = network.kubeletContext();
    const bool done = k->crashContainer(pod->metadata.uid, container, exitCode, kctx);
    settle();
    return done;
}

void Cluster::dispatch(const Timer& timer)
{
    ClusterContext ctx = context();
    ctx.running = &timer;
    switch (TimerKind(timer.kind)) {
    case TimerKind::SchedulerRun:
        m_scheduler.onTimer(ctx);
        break;
    case TimerKind::EventExpiry:
        m_store.events().expireBefore(api::Time::fromMillis(ctx.wallTime().millis() - EventLog::kTtlMillis));
        ctx.schedule(m_now + seconds(60), TimerKind::EventExpiry);
        break;
    case TimerKind::NodeMonitor:
        m_nodeLifecycle.onTimer(ctx);
        break;
    case TimerKind::Controller:
        if (timer.target == ReplicaSetController::kTimerTarget)
            m_replicaSets.onTimer(ctx);
        else if (timer.target == DeploymentController::kTimerTarget)
            m_deployments.onTimer(ctx);
        else
            m_podGc.onTimer(ctx);
        break;
    case TimerKind::KubeletSync:
    case TimerKind::KubeletStep:
    case TimerKind::ProbeTick:
    case TimerKind::ProcessWake:
    case TimerKind::NodeHeartbeat:
        if (timer.target < m_kubelets.size()) {
            Network network(*this, ctx);
            KubeletContext kctx = network.kubeletContext();
            m_kubelets[timer.target].onTimer(timer, kctx);
        }
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
        ++m_timersRun;
        m_probeTimersRun += timer.kind == uint32_t(TimerKind::ProbeTick);
        dispatch(timer);
        settle();
    }
    m_now = std::max(m_now, t);
}

Cluster::Counters Cluster::counters() const
{
    Counters c;
    c.timers = m_timersRun;
    c.probeTimers = m_probeTimersRun;
    for (const Kubelet& k : m_kubelets)
        c.probes += k.probeRuns(m_now);
    return c;
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
