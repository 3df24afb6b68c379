// Round trip: every field of every API type survives writing (YAML and JSON, as kubectl prints them) and reading
// back. Systematic on three levels, so that a field forgotten anywhere fails a row:
//   1. each struct has exactly as many members as its field table has entries (a new member without a table
//      entry, or the reverse, is caught);
//   2. the fully populated value of each type encodes every field of its table (the fillers below set every
//      member to something that is not its zero value);
//   3. decode(encode(x)) == x for every type, and read(write(object)) == object for every kind.
// schema.h names a parameter `emit`, which Qt defines as a macro: it has to come before any Qt header.
#ifndef Q_MOC_RUN
#include "manifest/schemas.h"
#include "manifest/writer.h"
#endif

#include "manifesttesting.h"

#include <QTest>

#include <functional>
#include <utility>

using namespace podlab;
using namespace podlab::api;
using manifest::Codec;
using manifest::fieldsOf;

namespace {

// --- counting the members of an aggregate (the technique Boost.PFR uses) ------------------------------------------

template <class T>
struct IsOptional : std::false_type {};
template <class T>
struct IsOptional<std::optional<T>> : std::true_type {};

// Converts to any member type. An std::optional is left to its own converting constructor where that one works
// (optional<int>); where it does not (optional<std::string>: a string has too many constructors), the member is
// converted to directly.
struct AnyNonOptional {
    template <class T>
        requires(!IsOptional<T>::value)
    operator T&() const;
};

template <class T>
constexpr bool convertsDirectly()
{
    if constexpr (IsOptional<T>::value)
        return !std::is_constructible_v<typename T::value_type, AnyNonOptional>;
    else
        return true;
}

struct AnyMember {
    template <class T>
        requires(convertsDirectly<T>())
    operator T&() const;
};

template <class T, size_t... I>
constexpr bool initializableWith(std::index_sequence<I...>)
{
    return requires { T{(void(I), AnyMember{})...}; };
}

// Binary search between Lo members (initializable) and Hi (not): counting up one at a time instantiated a check
// of every length up to the count, each converting that many members, and made this file the slowest of the
// build by far.
template <class T, size_t Lo, size_t Hi>
constexpr size_t memberCountBetween()
{
    if constexpr (Hi - Lo <= 1) {
        return Lo;
    } else {
        constexpr size_t mid = (Lo + Hi) / 2;
        if constexpr (initializableWith<T>(std::make_index_sequence<mid>{}))
            return memberCountBetween<T, mid, Hi>();
        else
            return memberCountBetween<T, Lo, mid>();
    }
}

template <class T>
constexpr size_t memberCount()
{
    return memberCountBetween<T, 0, 65>(); // at most 64
}

// --- values that are not zero: every filler sets every member -----------------------------------------------------

// Strings that make a YAML writer work: each must be quoted, folded or written as a block to read back the same.
const std::vector<std::string> kTrickyStrings = {
    "80", "true", "yes", "no", "on", "null", "~", "", " leading space", "trailing space ", "0644", "0x1F", "1e3",
    ".inf", "2026-01-01", "2026-01-01T10:00:00Z", "12:30", "- dash", "key: value", "# not a comment", "@at", "`tick",
    "'single'", "\"double\"", "a\nb", "two lines\n", "keep\n\n", "\ttab", "ünïcödé ✓", "<html> & </html>",
    "line one\n  indented\n", "[flow]", "{flow}", "*alias", "&anchor", "!tag", "%percent", "---", "...", "a: b: c",
    "x" + std::string(120, 'y'),
    "a long sentence that goes on and on so that the writer has to fold it somewhere past the eightieth column "
    "of the line, twice over if it is long enough to need it",
    "bell\x07", "\x1b[0m"};

Time t(int64_t seconds) { return Time::fromMillis(seconds * 1000); }
Quantity qty(const char* text) { return *Quantity::parse(text); }

Value unmodelledValue(std::string_view name)
{
    Value v = Value(Value::Object{});
    v.insert("name", std::string(name));
    v.insert("count", int64_t(3));
    v.insert("ratio", 0.5);
    v.insert("enabled", true);
    v.insert("nothing", Value());
    v.insert("list", Value(Value::Array{Value("a"), Value(int64_t(1)), Value(Value::Object{})}));
    return v;
}

// Sets every unmodelled field the type's table declares.
template <class T>
void fillUnmodelled(T& x)
{
    for (const auto& field : fieldsOf<T>())
        if (dynamic_cast<const manifest::UnmodelledField<T>*>(field.get()))
            x.unmodelled[std::string(field->name())] = unmodelledValue(field->name());
}

void fill(OwnerReference& x)
{
    x = {"apps/v1", "ReplicaSet", "web-7d4b9c8f5", "uid-1", true, true};
}
void fill(ObjectReference& x)
{
    x = {"Pod", "default", "web-0", "uid-2", "v1", "1234", "spec.containers{web}"};
}
void fill(LocalObjectReference& x) { x.name = "registry-key"; }
void fill(LabelSelectorRequirement& x) { x = {"tier", "In", {"frontend", "backend"}}; }
void fill(LabelSelector& x)
{
    x.matchLabels = {{"app", "web"}, {"app.kubernetes.io/name", "web"}};
    fill(x.matchExpressions.emplace_back());
}
void fill(ObjectMeta& x)
{
    x.name = "web";
    x.generateName = "web-";
    x.namespace_ = "default";
    x.selfLink = "/api/v1/namespaces/default/pods/web";
    x.uid = "0f7c6b3a-uid";
    x.resourceVersion = "4711";
    x.generation = 3;
    x.creationTimestamp = t(1767225600);
    x.deletionTimestamp = t(1767225660);
    x.deletionGracePeriodSeconds = 30;
    x.labels = {{"app", "web"}, {"tier", "80"}};
    for (size_t i = 0; i < kTrickyStrings.size(); ++i)
        x.annotations["example.com/a" + std::to_string(i)] = kTrickyStrings[i];
    fill(x.ownerReferences.emplace_back());
    x.finalizers = {"kubernetes", "example.com/cleanup"};
    fillUnmodelled(x);
}

void fill(ExecAction& x) { x.command = {"sh", "-c", "echo $(HOSTNAME) && sleep 1"}; }
void fill(HTTPHeader& x) { x = {"X-Custom", "true"}; }
void fill(HTTPGetAction& x)
{
    x.path = "/healthz";
    x.port = IntOrString::fromString("http");
    x.host = "10.0.0.1";
    x.scheme = "HTTPS";
    fill(x.httpHeaders.emplace_back());
}
void fill(TCPSocketAction& x)
{
    x.port = IntOrString::fromInt(8080);
    x.host = "localhost";
}
void fill(GRPCAction& x) { x = {2379, "etcd"}; }
void fill(SleepAction& x) { x.seconds = 5; }
void fill(Probe& x)
{
    fill(x.exec.emplace());
    fill(x.httpGet.emplace());
    fill(x.tcpSocket.emplace());
    fill(x.grpc.emplace());
    x.initialDelaySeconds = 5;
    x.timeoutSeconds = 2;
    x.periodSeconds = 7;
    x.successThreshold = 1;
    x.failureThreshold = 4;
    x.terminationGracePeriodSeconds = 9;
}
void fill(LifecycleHandler& x)
{
    fill(x.exec.emplace());
    fill(x.httpGet.emplace());
    fill(x.tcpSocket.emplace());
    fill(x.sleep.emplace());
}
void fill(Lifecycle& x)
{
    fill(x.postStart.emplace());
    fill(x.preStop.emplace());
}
void fill(ObjectFieldSelector& x) { x = {"v1", "metadata.labels['app']"}; }
void fill(ResourceFieldSelector& x) { x = {"web", "limits.memory", qty("1Mi")}; }
void fill(ConfigMapKeySelector& x) { x = {"settings", "log.level", false}; }
void fill(SecretKeySelector& x) { x = {"credentials", "password", true}; }
void fill(EnvVarSource& x)
{
    fill(x.fieldRef.emplace());
    fill(x.resourceFieldRef.emplace());
    fill(x.configMapKeyRef.emplace());
    fill(x.secretKeyRef.emplace());
}
void fill(EnvVar& x)
{
    x.name = "GREETING";
    x.value = "Hello from the environment";
    fill(x.valueFrom.emplace());
}
void fill(ConfigMapEnvSource& x) { x = {"settings", true}; }
void fill(SecretEnvSource& x) { x = {"credentials", false}; }
void fill(EnvFromSource& x)
{
    x.prefix = "APP_";
    fill(x.configMapRef.emplace());
    fill(x.secretRef.emplace());
}
void fill(ContainerPort& x) { x = {"http", 8080, 80, "UDP", "0.0.0.0"}; }
void fill(ResourceRequirements& x)
{
    x.limits = {{"cpu", qty("500m")}, {"memory", qty("1536Mi")}, {"example.com/gpu", qty("1")}};
    x.requests = {{"cpu", qty("250m")}, {"memory", qty("1e9")}, {"ephemeral-storage", qty("2Gi")}};
    fillUnmodelled(x);
}
void fill(VolumeMount& x) { x = {"data", true, "IfPossible", "/var/data", "sub", "HostToContainer", "$(POD_NAME)"}; }
void fill(Container& x)
{
    x.name = "web";
    x.image = "registry.k8s.io/nginx:1.25";
    x.command = {"/bin/sh", "-c"};
    x.args = kTrickyStrings;
    x.workingDir = "/srv";
    fill(x.ports.emplace_back());
    fill(x.envFrom.emplace_back());
    fill(x.env.emplace_back());
    fill(x.resources);
    x.restartPolicy = "Always";
    fill(x.volumeMounts.emplace_back());
    fill(x.livenessProbe.emplace());
    fill(x.readinessProbe.emplace());
    fill(x.startupProbe.emplace());
    fill(x.lifecycle.emplace());
    x.terminationMessagePath = "/tmp/termination";
    x.terminationMessagePolicy = "FallbackToLogsOnError";
    x.imagePullPolicy = "IfNotPresent";
    x.stdin_ = true;
    x.stdinOnce = true;
    x.tty = true;
    fillUnmodelled(x);
}

void fill(KeyToPath& x) { x = {"game.properties", "config/game.properties", 0400}; }
void fill(HostPathVolumeSource& x) { x = {"/var/log", "DirectoryOrCreate"}; }
void fill(EmptyDirVolumeSource& x) { x = {"Memory", qty("64Mi")}; }
void fill(SecretVolumeSource& x)
{
    x.secretName = "credentials";
    fill(x.items.emplace_back());
    x.defaultMode = 0440;
    x.optional = true;
}
void fill(ConfigMapVolumeSource& x)
{
    x.name = "settings";
    fill(x.items.emplace_back());
    x.defaultMode = 0644;
    x.optional = false;
}
void fill(PersistentVolumeClaimVolumeSource& x) { x = {"data-claim", true}; }
void fill(DownwardAPIVolumeFile& x)
{
    x.path = "labels";
    fill(x.fieldRef.emplace());
    fill(x.resourceFieldRef.emplace());
    x.mode = 0600;
}
void fill(DownwardAPIVolumeSource& x)
{
    fill(x.items.emplace_back());
    x.defaultMode = 0644;
}
void fill(SecretProjection& x)
{
    x.name = "credentials";
    fill(x.items.emplace_back());
    x.optional = true;
}
void fill(ConfigMapProjection& x)
{
    x.name = "kube-root-ca.crt";
    fill(x.items.emplace_back());
    x.optional = false;
}
void fill(DownwardAPIProjection& x) { fill(x.items.emplace_back()); }
void fill(ServiceAccountTokenProjection& x) { x = {"vault", 3607, "token"}; }
void fill(VolumeProjection& x)
{
    fill(x.secret.emplace());
    fill(x.downwardAPI.emplace());
    fill(x.configMap.emplace());
    fill(x.serviceAccountToken.emplace());
    fillUnmodelled(x);
}
void fill(ProjectedVolumeSource& x)
{
    fill(x.sources.emplace_back());
    x.defaultMode = 0420;
}
void fill(Volume& x)
{
    x.name = "data";
    fill(x.hostPath.emplace());
    fill(x.emptyDir.emplace());
    fill(x.secret.emplace());
    fill(x.persistentVolumeClaim.emplace());
    fill(x.downwardAPI.emplace());
    fill(x.configMap.emplace());
    fill(x.projected.emplace());
    fillUnmodelled(x);
}

void fill(NodeSelectorRequirement& x) { x = {"kubernetes.io/os", "In", {"linux"}}; }
void fill(NodeSelectorTerm& x)
{
    fill(x.matchExpressions.emplace_back());
    x.matchFields.push_back({"metadata.name", "NotIn", {"node-1"}});
}
void fill(NodeSelector& x) { fill(x.nodeSelectorTerms.emplace_back()); }
void fill(PreferredSchedulingTerm& x)
{
    x.weight = 50;
    fill(x.preference);
}
void fill(NodeAffinity& x)
{
    fill(x.requiredDuringSchedulingIgnoredDuringExecution.emplace());
    fill(x.preferredDuringSchedulingIgnoredDuringExecution.emplace_back());
}
void fill(Affinity& x)
{
    fill(x.nodeAffinity.emplace());
    fillUnmodelled(x);
}
void fill(Toleration& x) { x = {"node.kubernetes.io/not-ready", "Exists", "yes", "NoExecute", 300}; }
void fill(HostAlias& x) { x = {"127.0.0.1", {"foo.local", "bar.local"}}; }
void fill(PodDNSConfigOption& x) { x = {"ndots", "2"}; }
void fill(PodDNSConfig& x)
{
    x.nameservers = {"192.0.2.1"};
    x.searches = {"ns1.svc.cluster-domain.example", "my.dns.search.suffix"};
    fill(x.options.emplace_back());
}
void fill(PodSchedulingGate& x) { x.name = "example.com/foo"; }
void fill(PodReadinessGate& x) { x.conditionType = "www.example.com/feature-1"; }
void fill(PodSpec& x)
{
    fill(x.volumes.emplace_back());
    fill(x.initContainers.emplace_back());
    fill(x.containers.emplace_back());
    Container second;
    fill(second);
    second.name = "sidecar";
    second.restartPolicy.reset();
    x.containers.push_back(second);
    x.restartPolicy = "OnFailure";
    x.terminationGracePeriodSeconds = 45;
    x.activeDeadlineSeconds = 600;
    x.dnsPolicy = "None";
    x.nodeSelector = {{"disktype", "ssd"}};
    x.serviceAccountName = "build-robot";
    x.serviceAccount = "build-robot";
    x.automountServiceAccountToken = false;
    x.nodeName = "node-1";
    x.hostNetwork = true;
    x.hostPID = true;
    x.hostIPC = true;
    x.shareProcessNamespace = true;
    fill(x.imagePullSecrets.emplace_back());
    x.hostname = "web-0";
    x.subdomain = "web";
    fill(x.affinity.emplace());
    x.schedulerName = "my-scheduler";
    fill(x.tolerations.emplace_back());
    fill(x.hostAliases.emplace_back());
    x.priorityClassName = "high";
    x.priority = 1000;
    fill(x.dnsConfig.emplace());
    fill(x.readinessGates.emplace_back());
    x.runtimeClassName = "gvisor";
    x.enableServiceLinks = false;
    x.preemptionPolicy = "Never";
    x.overhead = {{"cpu", qty("250m")}};
    x.setHostnameAsFQDN = true;
    x.hostUsers = false;
    fill(x.schedulingGates.emplace_back());
    fillUnmodelled(x);
}
void fill(PodCondition& x)
{
    x = {"Ready", "False", t(1767225600), t(1767225601), "ContainersNotReady", "containers with unready status: [web]"};
}
void fill(ContainerStateWaiting& x) { x = {"CrashLoopBackOff", "back-off 10s restarting failed container"}; }
void fill(ContainerStateRunning& x) { x.startedAt = t(1767225605); }
void fill(ContainerStateTerminated& x)
{
    x = {137, 9, "OOMKilled", "out of memory", t(1767225605), t(1767225610), "containerd://abc"};
}
void fill(ContainerState& x)
{
    fill(x.waiting.emplace());
    fill(x.running.emplace());
    fill(x.terminated.emplace());
}
void fill(ContainerStatus& x)
{
    x.name = "web";
    fill(x.state);
    fill(x.lastState);
    x.ready = true;
    x.restartCount = 3;
    x.image = "nginx:1.25";
    x.imageID = "docker.io/library/nginx@sha256:0123";
    x.containerID = "containerd://3f2a";
    x.started = true;
    fillUnmodelled(x);
}
void fill(PodIP& x) { x.ip = "10.244.1.7"; }
void fill(PodStatus& x)
{
    x.phase = "Running";
    fill(x.conditions.emplace_back());
    x.message = "Pod was active on the node longer than the specified deadline";
    x.reason = "DeadlineExceeded";
    x.nominatedNodeName = "node-2";
    x.hostIP = "192.168.49.2";
    fill(x.hostIPs.emplace_back());
    x.podIP = "10.244.1.7";
    fill(x.podIPs.emplace_back());
    x.startTime = t(1767225600);
    fill(x.initContainerStatuses.emplace_back());
    fill(x.containerStatuses.emplace_back());
    x.qosClass = "Burstable";
    fillUnmodelled(x);
}
void fill(Pod& x)
{
    fill(x.metadata);
    fill(x.spec);
    fill(x.status);
}
void fill(PodTemplateSpec& x)
{
    fill(x.metadata);
    fill(x.spec);
}

void fill(Taint& x) { x = {"dedicated", "gpu", "NoSchedule", t(1767225600)}; }
void fill(NodeSpec& x)
{
    x.podCIDR = "10.244.1.0/24";
    x.podCIDRs = {"10.244.1.0/24", "fd00::/64"};
    x.providerID = "kind://docker/kind/node-1";
    x.unschedulable = true;
    fill(x.taints.emplace_back());
    fillUnmodelled(x);
}
void fill(NodeCondition& x)
{
    x = {"Ready", "True", t(1767225600), t(1767225500), "KubeletReady", "kubelet is posting ready status"};
}
void fill(NodeAddress& x) { x = {"InternalIP", "192.168.49.2"}; }
void fill(NodeSystemInfo& x)
{
    x = {"machine", "uuid", "boot", "6.1.0", "Debian GNU/Linux 12 (bookworm)", "containerd://1.7.0", "v1.31.2",
         "v1.31.2", "linux", "amd64", {}};
    fillUnmodelled(x);
}
void fill(ContainerImage& x)
{
    x.names = {"docker.io/library/nginx@sha256:0123", "docker.io/library/nginx:1.25"};
    x.sizeBytes = 72223946;
}
void fill(NodeStatus& x)
{
    x.capacity = {{"cpu", qty("4")}, {"memory", qty("16Gi")}, {"pods", qty("110")}};
    x.allocatable = {{"cpu", qty("3800m")}, {"memory", qty("15Gi")}};
    x.phase = "Running";
    fill(x.conditions.emplace_back());
    fill(x.addresses.emplace_back());
    fill(x.nodeInfo);
    fill(x.images.emplace_back());
    x.volumesInUse = {"kubernetes.io/csi/pd"};
    fillUnmodelled(x);
}
void fill(Node& x)
{
    fill(x.metadata);
    x.metadata.namespace_.clear();
    fill(x.spec);
    fill(x.status);
}

void fill(ConfigMap& x)
{
    fill(x.metadata);
    for (size_t i = 0; i < kTrickyStrings.size(); ++i)
        x.data["k" + std::to_string(i)] = kTrickyStrings[i];
    x.binaryData = {{"blob", {std::string("\x00\x01\xfe\xff", 4)}}, {"empty", {""}}};
    x.immutable = true;
}
void fill(Secret& x)
{
    fill(x.metadata);
    x.data = {{"username", {"admin"}}, {"password", {"39528$vdg7Jb"}}, {"binary", {std::string("\x00\xff\x10", 3)}}};
    x.stringData = {{"config.yaml", "apiUrl: \"https://my.api.com/api/v1\"\nusername: admin\n"}};
    x.type = "kubernetes.io/basic-auth";
    x.immutable = false;
}
void fill(ServiceAccount& x)
{
    fill(x.metadata);
    fill(x.secrets.emplace_back());
    fill(x.imagePullSecrets.emplace_back());
    x.automountServiceAccountToken = false;
}
void fill(NamespaceSpec& x) { x.finalizers = {"kubernetes"}; }
void fill(NamespaceStatus& x)
{
    x.phase = "Terminating";
    fillUnmodelled(x);
}
void fill(Namespace& x)
{
    fill(x.metadata);
    x.metadata.namespace_.clear();
    fill(x.spec);
    fill(x.status);
}

void fill(RollingUpdateDeployment& x)
{
    x.maxUnavailable = IntOrString::fromInt(0);
    x.maxSurge = IntOrString::fromString("100%");
}
void fill(DeploymentStrategy& x)
{
    x.type = "RollingUpdate";
    fill(x.rollingUpdate.emplace());
}
void fill(DeploymentSpec& x)
{
    x.replicas = 0;
    fill(x.selector.emplace());
    fill(x.template_);
    fill(x.strategy);
    x.minReadySeconds = 10;
    x.revisionHistoryLimit = 0;
    x.paused = true;
    x.progressDeadlineSeconds = 600;
}
void fill(DeploymentCondition& x)
{
    x = {"Progressing", "True", t(1767225600), t(1767225500), "NewReplicaSetAvailable",
         "ReplicaSet \"web-7d4b9c8f5\" has successfully progressed."};
}
void fill(DeploymentStatus& x)
{
    x.observedGeneration = 2;
    x.replicas = 3;
    x.updatedReplicas = 3;
    x.readyReplicas = 2;
    x.availableReplicas = 2;
    x.unavailableReplicas = 1;
    x.terminatingReplicas = 1;
    fill(x.conditions.emplace_back());
    x.collisionCount = 1;
}
void fill(Deployment& x)
{
    fill(x.metadata);
    fill(x.spec);
    fill(x.status);
}
void fill(ReplicaSetSpec& x)
{
    x.replicas = 5;
    x.minReadySeconds = 3;
    fill(x.selector.emplace());
    fill(x.template_);
}
void fill(ReplicaSetCondition& x) { x = {"ReplicaFailure", "True", t(1767225600), "FailedCreate", "quota exceeded"}; }
void fill(ReplicaSetStatus& x)
{
    x.replicas = 5;
    x.fullyLabeledReplicas = 5;
    x.readyReplicas = 4;
    x.availableReplicas = 4;
    x.terminatingReplicas = 1;
    x.observedGeneration = 7;
    fill(x.conditions.emplace_back());
}
void fill(ReplicaSet& x)
{
    fill(x.metadata);
    fill(x.spec);
    fill(x.status);
}

void fill(ServicePort& x) { x = {"https", "TCP", "kubernetes.io/h2c", 443, IntOrString::fromString("https"), 30443}; }
void fill(ServiceSpec& x)
{
    fill(x.ports.emplace_back());
    x.selector = {{"app", "web"}};
    x.clusterIP = "10.96.0.10";
    x.clusterIPs = {"10.96.0.10", "fd00::10"};
    x.type = "LoadBalancer";
    x.externalIPs = {"192.0.2.10"};
    x.sessionAffinity = "ClientIP";
    x.loadBalancerIP = "198.51.100.1";
    x.loadBalancerSourceRanges = {"10.0.0.0/8"};
    x.externalName = "db.example.com";
    x.externalTrafficPolicy = "Local";
    x.healthCheckNodePort = 32000;
    x.publishNotReadyAddresses = true;
    x.ipFamilies = {"IPv4", "IPv6"};
    x.ipFamilyPolicy = "PreferDualStack";
    x.allocateLoadBalancerNodePorts = false;
    x.loadBalancerClass = "example.com/lb";
    x.internalTrafficPolicy = "Local";
    fillUnmodelled(x);
}
void fill(ServiceStatus& x) { fillUnmodelled(x); }
void fill(Service& x)
{
    fill(x.metadata);
    fill(x.spec);
    fill(x.status);
}
void fill(EndpointAddress& x)
{
    x.ip = "10.244.1.7";
    x.hostname = "web-0";
    x.nodeName = "node-1";
    fill(x.targetRef.emplace());
}
void fill(EndpointPort& x) { x = {"http", 8080, "TCP", "http"}; }
void fill(EndpointSubset& x)
{
    fill(x.addresses.emplace_back());
    fill(x.notReadyAddresses.emplace_back());
    fill(x.ports.emplace_back());
}
void fill(Endpoints& x)
{
    fill(x.metadata);
    fill(x.subsets.emplace_back());
}

void fill(EventSource& x) { x = {"kubelet", "node-1"}; }
void fill(Event& x)
{
    fill(x.metadata);
    fill(x.involvedObject);
    x.reason = "BackOff";
    x.message = "Back-off restarting failed container web in pod web-0_default(uid)";
    fill(x.source);
    x.firstTimestamp = t(1767225600);
    x.lastTimestamp = t(1767225700);
    x.count = 5;
    x.type = "Warning";
    x.action = "Restarting";
    fill(x.related.emplace());
    x.reportingComponent = "kubelet";
    x.reportingInstance = "node-1";
    fillUnmodelled(x);
}

void fill(PodPresetSpec& x)
{
    fill(x.selector);
    fill(x.env.emplace_back());
    fill(x.envFrom.emplace_back());
    fill(x.volumes.emplace_back());
    fill(x.volumeMounts.emplace_back());
}
void fill(PodPreset& x)
{
    fill(x.metadata);
    fill(x.spec);
}

void fill(LeaseSpec& x)
{
    x.holderIdentity = "node-1";
    x.leaseDurationSeconds = 40;
    x.acquireTime = MicroTime{Time::fromMillis(1767225600123)};
    x.renewTime = MicroTime{Time::fromMillis(1767225610456)};
    x.leaseTransitions = 2;
    fillUnmodelled(x);
}
void fill(Lease& x)
{
    fill(x.metadata);
    fill(x.spec);
}

// --- the per-type checks, registered once per type -------------------------------------------------------------

struct TypeChecks {
    QString name;
    std::function<int()> members;
    std::function<int()> tableMembers;      // field-table entries standing for one member each
    std::function<QStringList()> missing;   // table fields a fully populated value does not write
    std::function<QString(bool json)> roundTrip; // "" when decode(encode(x)) == x
};

template <class T>
int tableMembers()
{
    int members = 0;
    bool unmodelled = false;
    for (const auto& field : fieldsOf<T>()) {
        if (dynamic_cast<const manifest::UnmodelledField<T>*>(field.get()))
            unmodelled = true;
        else if (!dynamic_cast<const manifest::TypeMetaField<T>*>(field.get()))
            ++members;
    }
    return members + int(unmodelled);
}

template <class T>
QStringList missingFields()
{
    T x;
    fill(x);
    const Value encoded = Codec<T>::encode(x);
    QStringList missing;
    for (const auto& field : fieldsOf<T>()) {
        if (dynamic_cast<const manifest::TypeMetaField<T>*>(field.get()))
            continue;
        if (!encoded.find(field->name()))
            missing << QString::fromUtf8(field->name().data(), qsizetype(field->name().size()));
    }
    return missing;
}

template <class T>
QString roundTrip(bool json)
{
    T x;
    fill(x);
    const std::string text = json ? manifest::toJson(Codec<T>::encode(x)) : manifest::toYaml(Codec<T>::encode(x));
    T back;
    manifest::Diagnostics diagnostics;
    const auto error = manifest::parseYamlStream(text, [&](const manifest::YamlDocument& doc) {
        manifest::DecodeContext ctx("roundtrip", diagnostics, doc);
        Codec<T>::decode(back, doc.root(), ctx);
    });
    if (error)
        return QString::fromStdString("does not parse: " + error->message + " at line " + std::to_string(error->line));
    if (!diagnostics.empty())
        return QString::fromStdString(diagnostics.front().toString());
    if (!(back == x))
        return QString::fromStdString("differs after reading back:\n" + text);
    return {};
}

template <class T>
TypeChecks checks(const char* name)
{
    return {name, [] { return int(memberCount<T>()); }, &tableMembers<T>, &missingFields<T>, &roundTrip<T>};
}

const std::vector<TypeChecks>& allTypes()
{
    static const std::vector<TypeChecks> types = {
#define T(Type) checks<Type>(#Type)
        T(OwnerReference), T(ObjectMeta), T(ObjectReference), T(LocalObjectReference), T(LabelSelectorRequirement),
        T(LabelSelector), T(ExecAction), T(HTTPHeader), T(HTTPGetAction), T(TCPSocketAction), T(GRPCAction),
        T(SleepAction), T(Probe), T(LifecycleHandler), T(Lifecycle), T(ObjectFieldSelector), T(ResourceFieldSelector),
        T(ConfigMapKeySelector), T(SecretKeySelector), T(EnvVarSource), T(EnvVar), T(ConfigMapEnvSource),
        T(SecretEnvSource), T(EnvFromSource), T(ContainerPort), T(ResourceRequirements), T(VolumeMount), T(Container),
        T(KeyToPath), T(HostPathVolumeSource), T(EmptyDirVolumeSource), T(SecretVolumeSource), T(ConfigMapVolumeSource),
        T(PersistentVolumeClaimVolumeSource), T(DownwardAPIVolumeFile), T(DownwardAPIVolumeSource), T(SecretProjection),
        T(ConfigMapProjection), T(DownwardAPIProjection), T(ServiceAccountTokenProjection), T(VolumeProjection),
        T(ProjectedVolumeSource), T(Volume), T(NodeSelectorRequirement), T(NodeSelectorTerm), T(NodeSelector),
        T(PreferredSchedulingTerm), T(NodeAffinity), T(Affinity), T(Toleration), T(HostAlias), T(PodDNSConfigOption),
        T(PodDNSConfig), T(PodSchedulingGate), T(PodReadinessGate), T(PodSpec), T(PodCondition),
        T(ContainerStateWaiting), T(ContainerStateRunning), T(ContainerStateTerminated), T(ContainerState),
        T(ContainerStatus), T(PodIP), T(PodStatus), T(Pod), T(PodTemplateSpec), T(Taint), T(NodeSpec),
        T(NodeCondition), T(NodeAddress), T(NodeSystemInfo), T(ContainerImage), T(NodeStatus), T(Node), T(ConfigMap),
        T(Secret), T(ServiceAccount), T(NamespaceSpec), T(NamespaceStatus), T(Namespace), T(RollingUpdateDeployment),
        T(DeploymentStrategy), T(DeploymentSpec), T(DeploymentCondition), T(DeploymentStatus), T(Deployment),
        T(ReplicaSetSpec), T(ReplicaSetCondition), T(ReplicaSetStatus), T(ReplicaSet), T(ServicePort), T(ServiceSpec),
        T(ServiceStatus), T(Service), T(EndpointAddress), T(EndpointPort), T(EndpointSubset), T(Endpoints),
        T(EventSource), T(Event), T(PodPresetSpec), T(PodPreset), T(LeaseSpec), T(Lease),
#undef T
    };
    return types;
}

template <class T>
Object filledObject()
{
    T x;
    fill(x);
    return x;
}

const std::vector<std::pair<const char*, Object>>& allKinds()
{
    static const std::vector<std::pair<const char*, Object>> kinds = {
        {"Pod", filledObject<Pod>()},
        {"Node", filledObject<Node>()},
        {"ConfigMap", filledObject<ConfigMap>()},
        {"Secret", filledObject<Secret>()},
        {"ServiceAccount", filledObject<ServiceAccount>()},
        {"Namespace", filledObject<Namespace>()},
        {"Deployment", filledObject<Deployment>()},
        {"ReplicaSet", filledObject<ReplicaSet>()},
        {"Service", filledObject<Service>()},
        {"Endpoints", filledObject<Endpoints>()},
        {"Event", filledObject<Event>()},
        {"PodPreset", filledObject<PodPreset>()},
        {"Lease", filledObject<Lease>()},
    };
    return kinds;
}

} // namespace

class RoundTripTest : public QObject {
    Q_OBJECT

private slots:
    void fieldTableCoversEveryMember_data();
    void fieldTableCoversEveryMember();
    void fullValueWritesEveryField_data() { typeRows(); }
    void fullValueWritesEveryField();
    void typeRoundTrip_data();
    void typeRoundTrip();
    void objectRoundTrip_data();
    void objectRoundTrip();
    void listRoundTrip_data();
    void listRoundTrip();
    void everyKindIsCovered();

private:
    static void typeRows();
};

void RoundTripTest::typeRows()
{
    QTest::addColumn<int>("type");
    for (size_t i = 0; i < allTypes().size(); ++i)
        QTest::newRow(allTypes()[i].name.toUtf8().constData()) << int(i);
}

void RoundTripTest::fieldTableCoversEveryMember_data() { typeRows(); }

void RoundTripTest::fieldTableCoversEveryMember()
{
    QFETCH(int, type);
    const TypeChecks& c = allTypes()[size_t(type)];
    QVERIFY(c.members() > 0);
    QCOMPARE(c.tableMembers(), c.members());
}

void RoundTripTest::fullValueWritesEveryField()
{
    QFETCH(int, type);
    QCOMPARE(allTypes()[size_t(type)].missing(), QStringList{});
}

void RoundTripTest::typeRoundTrip_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<bool>("json");
    for (size_t i = 0; i < allTypes().size(); ++i) {
        const QByteArray name = allTypes()[i].name.toUtf8();
        QTest::newRow((name + " as YAML").constData()) << int(i) << false;
        QTest::newRow((name + " as JSON").constData()) << int(i) << true;
    }
}

void RoundTripTest::typeRoundTrip()
{
    QFETCH(int, type);
    QFETCH(bool, json);
    QCOMPARE(allTypes()[size_t(type)].roundTrip(json), QString());
}

void RoundTripTest::objectRoundTrip_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<bool>("json");
    for (size_t i = 0; i < allKinds().size(); ++i) {
        QTest::newRow((QByteArray(allKinds()[i].first) + " as YAML").constData()) << int(i) << false;
        QTest::newRow((QByteArray(allKinds()[i].first) + " as JSON").constData()) << int(i) << true;
    }
}

void RoundTripTest::objectRoundTrip()
{
    QFETCH(int, kind);
    QFETCH(bool, json);
    const Object& original = allKinds()[size_t(kind)].second;
    const auto format = json ? manifest::OutputFormat::Json : manifest::OutputFormat::Yaml;
    const std::string text = manifest::writeObject(original, format);
    const manifest::ReadResult r = podlab::testing::read(QString::fromStdString(text), podlab::testing::rawReading());
    QCOMPARE(podlab::testing::errorsOf(r), QStringList{});
    QCOMPARE(r.objects.size(), size_t(1));
    QCOMPARE(QString(kindOf(r.objects[0].object)), QString(allKinds()[size_t(kind)].first));
    QVERIFY2(r.objects[0].object == original, text.c_str());
    // Writing what was read gives the same text again.
    QCOMPARE(manifest::writeObject(r.objects[0].object, format), text);
}

void RoundTripTest::listRoundTrip_data()
{
    QTest::addColumn<bool>("json");
    QTest::newRow("YAML") << false;
    QTest::newRow("JSON") << true;
}

void RoundTripTest::listRoundTrip()
{
    QFETCH(bool, json);
    std::vector<Object> objects;
    for (const auto& [name, object] : allKinds())
        objects.push_back(object);
    const std::string text = manifest::writeList(objects, json ? manifest::OutputFormat::Json : manifest::OutputFormat::Yaml);
    const manifest::ReadResult r = podlab::testing::read(QString::fromStdString(text), podlab::testing::rawReading());
    QCOMPARE(podlab::testing::errorsOf(r), QStringList{});
    QCOMPARE(r.objects.size(), objects.size());
    for (size_t i = 0; i < objects.size(); ++i)
        QVERIFY2(r.objects[i].object == objects[i], kindOf(objects[i]));
}

void RoundTripTest::everyKindIsCovered()
{
    // One row per alternative of api::Object: a new kind needs a filler and a row here.
    QCOMPARE(allKinds().size(), std::variant_size_v<Object>);
    for (size_t i = 0; i < allKinds().size(); ++i)
        QCOMPARE(allKinds()[i].second.index(), i);
}

QTEST_APPLESS_MAIN(RoundTripTest)
#include "tst_roundtrip.moc"
