#pragma once

// Objects for the kubectl golden tests, as a cluster would hold them: admission-injected token volume and
// tolerations, kubelet-reported statuses, events as the kubelet and scheduler record them. Times are seconds
// after 2024-01-01T10:00:00Z; the tests look at them from `at(60)`.

#include "../status/podbuilders.h"
#include "api/config.h"
#include "api/event.h"
#include "api/node.h"

namespace podlab::testing {

inline api::Quantity quantity(const char* text)
{
    return *api::Quantity::parse(text);
}

inline api::PodCondition podCondition(const char* type, const char* status, int64_t transition,
                                      std::string reason = {}, std::string message = {})
{
    api::PodCondition c;
    c.type = type;
    c.status = status;
    c.lastTransitionTime = at(transition);
    c.reason = std::move(reason);
    c.message = std::move(message);
    return c;
}

// What the ServiceAccount and DefaultTolerationSeconds admission plugins add to every pod.
inline void admit(api::Pod& p, const std::string& tokenVolume)
{
    api::VolumeProjection token;
    token.serviceAccountToken = api::ServiceAccountTokenProjection{{}, 3607, "token"};
    api::VolumeProjection ca;
    ca.configMap = api::ConfigMapProjection{"kube-root-ca.crt", {{"ca.crt", "ca.crt", {}}}, {}};
    api::VolumeProjection ns;
    api::DownwardAPIVolumeFile file;
    file.path = "namespace";
    file.fieldRef = api::ObjectFieldSelector{"v1", "metadata.namespace"};
    ns.downwardAPI = api::DownwardAPIProjection{{file}};
    api::Volume v;
    v.name = tokenVolume;
    v.projected = api::ProjectedVolumeSource{{token, ca, ns}, 420};
    p.spec.volumes.push_back(v);
    for (auto& c : p.spec.containers) {
        api::VolumeMount m;
        m.name = tokenVolume;
        m.readOnly = true;
        m.mountPath = "/var/run/secrets/kubernetes.io/serviceaccount";
        c.volumeMounts.push_back(m);
    }
    for (const char* key : {"node.kubernetes.io/not-ready", "node.kubernetes.io/unreachable"})
        p.spec.tolerations.push_back(api::Toleration{key, "Exists", "", "NoExecute", 300});
    p.spec.priority = 0;
    p.spec.serviceAccount = p.spec.serviceAccountName;
}

inline api::Event event(const std::string& name, const std::string& type, const std::string& reason,
                        const std::string& message, int64_t first, int64_t last, int32_t count,
                        const std::string& component, const std::string& fieldPath = {},
                        const std::string& object = "liveness-exec", const std::string& kind = "Pod")
{
    api::Event e;
    e.metadata.name = name;
    e.metadata.namespace_ = kind == "Node" ? "default" : "default";
    e.metadata.creationTimestamp = at(first);
    e.involvedObject.kind = kind;
    e.involvedObject.name = object;
    e.involvedObject.namespace_ = kind == "Node" ? "" : "default";
    e.involvedObject.apiVersion = "v1";
    e.involvedObject.fieldPath = fieldPath;
    e.type = type;
    e.reason = reason;
    e.message = message;
    e.firstTimestamp = at(first);
    e.lastTimestamp = at(last);
    e.count = count;
    e.source.component = component;
    if (component == "kubelet")
        e.source.host = "node-1";
    return e;
}

// The docs' liveness-exec pod (tasks/configure-pod-container/configure-liveness-readiness-startup-probes),
// 60 s after creation: /tmp/healthy disappeared at 32 s, three probes failed (37, 42, 47 s) and the kubelet
// is killing the container, which still runs out its 30 s grace period.
inline api::Pod livenessPod()
{
    api::Pod p = pod("liveness-exec");
    p.metadata.labels = {{"test", "liveness"}};
    p.metadata.resourceVersion = "1234";
    api::Container c = container("liveness", "registry.k8s.io/busybox:1.27.2");
    c.args = {"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"};
    api::Probe probe;
    probe.exec = api::ExecAction{{"cat", "/tmp/healthy"}};
    probe.initialDelaySeconds = 5;
    probe.periodSeconds = 5;
    probe.timeoutSeconds = 1;
    probe.successThreshold = 1;
    probe.failureThreshold = 3;
    c.livenessProbe = probe;
    p.spec.containers = {c};
    p.spec.enableServiceLinks = true;
    p.spec.preemptionPolicy = "PreemptLowerPriority";
    admit(p, "kube-api-access-x7k2p");

    p.status.phase = "Running";
    p.status.conditions = {podCondition("PodReadyToStartContainers", "True", 2),
                           podCondition("Initialized", "True", 0), podCondition("Ready", "True", 2),
                           podCondition("ContainersReady", "True", 2),
                           podCondition("PodScheduled", "True", 0)};
    p.status.hostIP = "192.168.49.2";
    p.status.hostIPs = {{"192.168.49.2"}};
    p.status.podIP = "10.244.1.7";
    p.status.podIPs = {{"10.244.1.7"}};
    p.status.startTime = at(0);
    api::ContainerStatus s = running("liveness", 2);
    s.image = "registry.k8s.io/busybox:1.27.2";
    s.imageID =
        "registry.k8s.io/busybox@sha256:545e6a6310a27636260920bc07b994a299b6708a1b26910cfefd335fdfb60d2b";
    s.containerID = "containerd://3f2a8c1d9b7e6f5a4c3b2a1908f7e6d5c4b3a29180f7e6d5c4b3a2918f7e6d5c";
    p.status.containerStatuses = {s};
    p.status.qosClass = "BestEffort";
    return p;
}

inline std::vector<api::Event> livenessEvents()
{
    const std::string container = "spec.containers{liveness}";
    return {
        event("liveness-exec.17a6b1c2d3e4f501", "Normal", "Scheduled",
              "Successfully assigned default/liveness-exec to node-1", 0, 0, 1, "default-scheduler"),
        event("liveness-exec.17a6b1c2d3e4f502", "Normal", "Pulling",
              "Pulling image \"registry.k8s.io/busybox:1.27.2\"", 1, 1, 1, "kubelet", container),
        event("liveness-exec.17a6b1c2d3e4f503", "Normal", "Pulled",
              "Successfully pulled image \"registry.k8s.io/busybox:1.27.2\" in 826ms (826ms including "
              "waiting). "
              "Image size: 1144547 bytes.",
              2, 2, 1, "kubelet", container),
        event("liveness-exec.17a6b1c2d3e4f504", "Normal", "Created", "Created container: liveness", 2, 2, 1,
              "kubelet", container),
        event("liveness-exec.17a6b1c2d3e4f505", "Normal", "Started", "Started container liveness", 2, 2, 1,
              "kubelet", container),
        event("liveness-exec.17a6b1c2d3e4f506", "Warning", "Unhealthy",
              "Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory", 37, 47, 3,
              "kubelet", container),
        event("liveness-exec.17a6b1c2d3e4f507", "Normal", "Killing",
              "Container liveness failed liveness probe, will be restarted", 47, 47, 1, "kubelet", container),
    };
}

// A Deployment's pod using most of what describe lays out: an init container, two ports, resources, three
// probe kinds, every env form, sub-path mounts, each volume type, a readiness gate, a node selector and an
// extra toleration. Its container was OOM-killed twice.
inline api::Pod webPod()
{
    api::Pod p = pod("web-7d4b9c8f5-abcde");
    p.metadata.labels = {{"app", "web"}, {"pod-template-hash", "7d4b9c8f5"}};
    p.metadata.annotations = {{"kubectl.kubernetes.io/restartedAt", "2024-01-01T09:00:00Z"}};
    p.metadata.ownerReferences = {{"apps/v1", "ReplicaSet", "web-7d4b9c8f5", "9a8b7c6d", true, true}};
    p.metadata.creationTimestamp = at(-3600);

    api::Container init = container("init-config", "busybox:1.36");
    init.command = {"sh", "-c", "echo ready > /work/ready"};
    p.spec.initContainers = {init};

    api::Container c = container("nginx", "nginx:1.25");
    c.ports = {{"http", 0, 80, "TCP", {}}, {"https", 0, 443, "TCP", {}}};
    c.resources.requests = {{"cpu", quantity("100m")}, {"memory", quantity("64Mi")}};
    c.resources.limits = {{"cpu", quantity("200m")}, {"memory", quantity("128Mi")}};
    api::Probe readiness;
    readiness.httpGet = api::HTTPGetAction{"/healthz", api::IntOrString::fromInt(80), "", "HTTP", {}};
    readiness.periodSeconds = 10;
    readiness.timeoutSeconds = 1;
    readiness.successThreshold = 1;
    readiness.failureThreshold = 3;
    c.readinessProbe = readiness;
    api::Probe startup;
    startup.tcpSocket = api::TCPSocketAction{api::IntOrString::fromString("http"), ""};
    startup.periodSeconds = 10;
    startup.timeoutSeconds = 1;
    startup.successThreshold = 1;
    startup.failureThreshold = 30;
    c.startupProbe = startup;
    api::EnvFromSource fromConfig;
    fromConfig.prefix = "CFG_";
    fromConfig.configMapRef = api::ConfigMapEnvSource{"web-config", {}};
    api::EnvFromSource fromSecret;
    fromSecret.secretRef = api::SecretEnvSource{"web-secret", true};
    c.envFrom = {fromConfig, fromSecret};
    auto env = [](std::string name, std::string value) {
        return api::EnvVar{std::move(name), std::move(value), {}};
    };
    auto envFrom = [](std::string name, api::EnvVarSource source) {
        return api::EnvVar{std::move(name), {}, std::move(source)};
    };
    api::EnvVarSource podName;
    podName.fieldRef = api::ObjectFieldSelector{"v1", "metadata.name"};
    api::EnvVarSource podIP;
    podIP.fieldRef = api::ObjectFieldSelector{"v1", "status.podIP"};
    api::EnvVarSource cpuLimit;
    cpuLimit.resourceFieldRef = api::ResourceFieldSelector{"", "limits.cpu", quantity("1m")};
    api::EnvVarSource memRequest;
    memRequest.resourceFieldRef = api::ResourceFieldSelector{"", "requests.memory", quantity("1Mi")};
    api::EnvVarSource storageLimit;
    storageLimit.resourceFieldRef = api::ResourceFieldSelector{"", "limits.ephemeral-storage", {}};
    api::EnvVarSource password;
    password.secretKeyRef = api::SecretKeySelector{"web-secret", "password", {}};
    api::EnvVarSource mode;
    mode.configMapKeyRef = api::ConfigMapKeySelector{"web-config", "mode", true};
    c.env = {env("GREETING", "hello\nworld"),
             envFrom("POD_NAME", podName),
             envFrom("POD_IP", podIP),
             envFrom("CPU_LIMIT", cpuLimit),
             envFrom("MEMORY_REQUEST", memRequest),
             envFrom("STORAGE_LIMIT", storageLimit),
             envFrom("PASSWORD", password),
             envFrom("MODE", mode)};
    auto mount = [](std::string name, std::string path, bool readOnly, std::string subPath = {}) {
        api::VolumeMount m;
        m.name = std::move(name);
        m.mountPath = std::move(path);
        m.readOnly = readOnly;
        m.subPath = std::move(subPath);
        return m;
    };
    c.volumeMounts = {mount("config", "/etc/nginx/conf.d", true), mount("cache", "/var/cache/nginx", false),
                      mount("content", "/usr/share/nginx/html/index.html", false, "index.html"),
                      mount("podinfo", "/etc/podinfo", true)};
    p.spec.containers = {c};

    api::Volume config;
    config.name = "config";
    config.configMap = api::ConfigMapVolumeSource{"web-config", {}, 420, {}};
    api::Volume cache;
    cache.name = "cache";
    cache.emptyDir = api::EmptyDirVolumeSource{"Memory", quantity("64Mi")};
    api::Volume content;
    content.name = "content";
    content.secret = api::SecretVolumeSource{"web-content", {}, 420, true};
    api::Volume logs;
    logs.name = "logs";
    logs.hostPath = api::HostPathVolumeSource{"/var/log", "Directory"};
    api::Volume data;
    data.name = "data";
    data.persistentVolumeClaim = api::PersistentVolumeClaimVolumeSource{"web-data", false};
    api::Volume podinfo;
    podinfo.name = "podinfo";
    api::DownwardAPIVolumeFile labels;
    labels.path = "labels";
    labels.fieldRef = api::ObjectFieldSelector{"v1", "metadata.labels"};
    api::DownwardAPIVolumeFile cpu;
    cpu.path = "cpu_limit";
    cpu.resourceFieldRef = api::ResourceFieldSelector{"nginx", "limits.cpu", quantity("1m")};
    podinfo.downwardAPI = api::DownwardAPIVolumeSource{{labels, cpu}, 420};
    api::Volume scratch;
    scratch.name = "scratch";
    scratch.emptyDir = api::EmptyDirVolumeSource{};
    p.spec.volumes = {config, cache, content, logs, data, podinfo, scratch};
    p.spec.readinessGates = {{"www.example.com/feature-1"}};
    p.spec.nodeSelector = {{"disktype", "ssd"}};
    p.spec.tolerations = {api::Toleration{"example.com/gpu", "Exists", "", "NoSchedule", {}}};
    admit(p, "kube-api-access-9zq4m");

    p.status.phase = "Running";
    p.status.conditions = {podCondition("www.example.com/feature-1", "True", -3500),
                           podCondition("PodReadyToStartContainers", "True", -3598),
                           podCondition("Initialized", "True", -3590),
                           podCondition("Ready", "True", 30),
                           podCondition("ContainersReady", "True", 30),
                           podCondition("PodScheduled", "True", -3600)};
    p.status.hostIP = "192.168.49.2";
    p.status.hostIPs = {{"192.168.49.2"}};
    p.status.podIP = "10.244.1.9";
    p.status.podIPs = {{"10.244.1.9"}};
    p.status.startTime = at(-3600);
    api::ContainerStatus initStatus = terminated("init-config", termination(0, "Completed", -3595, -3594));
    initStatus.ready = true;
    initStatus.image = "docker.io/library/busybox:1.36";
    initStatus.imageID = "docker.io/library/busybox@sha256:1111";
    initStatus.containerID = "containerd://aaaa";
    initStatus.state.terminated->containerID = "containerd://aaaa";
    p.status.initContainerStatuses = {initStatus};
    api::ContainerStatus s =
        withLastState(running("nginx", 20, true, 2), termination(137, "OOMKilled", -1800, 18));
    s.image = "docker.io/library/nginx:1.25";
    s.imageID = "docker.io/library/nginx@sha256:2222";
    s.containerID = "containerd://bbbb";
    p.status.containerStatuses = {s};
    p.status.qosClass = "Burstable";
    return p;
}

// A pod no node can take: no IP yet (describe writes an empty IP cell), the scheduler's condition and event.
inline api::Pod pendingPod()
{
    api::Pod p = pod("big");
    p.spec.nodeName.clear();
    api::Container c = container("app", "nginx");
    c.resources.requests = {{"cpu", quantity("8")}};
    p.spec.containers = {c};
    admit(p, "kube-api-access-b2c3d");
    p.status.phase = "Pending";
    p.status.conditions = {podCondition(
        "PodScheduled", "False", 0, "Unschedulable",
        "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption "
        "victims found for incoming pod.")};
    p.status.qosClass = "Burstable";
    return p;
}

inline std::vector<api::Event> pendingEvents()
{
    return {event("big.17a6b1c2d3e4f601", "Warning", "FailedScheduling",
                  "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: 1 No "
                  "preemption victims found for incoming pod.",
                  0, 55, 2, "default-scheduler", {}, "big")};
}

inline api::Node node1()
{
    api::Node n;
    n.metadata.name = "node-1";
    n.metadata.uid = "node-1-uid";
    n.metadata.creationTimestamp = at(-864000);
    n.metadata.labels = {{"beta.kubernetes.io/arch", "amd64"},
                         {"kubernetes.io/arch", "amd64"},
                         {"kubernetes.io/hostname", "node-1"},
                         {"kubernetes.io/os", "linux"},
                         {"disktype", "ssd"}};
    n.metadata.annotations = {{"node.alpha.kubernetes.io/ttl", "0"},
                              {"volumes.kubernetes.io/controller-managed-attach-detach", "true"}};
    n.spec.podCIDR = "10.244.1.0/24";
    n.spec.podCIDRs = {"10.244.1.0/24"};
    n.spec.taints = {{"example.com/dedicated", "web", "PreferNoSchedule", {}},
                     {"example.com/maintenance", "", "NoSchedule", {}}};
    auto condition = [](const char* type, const char* status, const char* reason, const char* message) {
        api::NodeCondition c;
        c.type = type;
        c.status = status;
        c.lastHeartbeatTime = at(55);
        c.lastTransitionTime = at(-864000);
        c.reason = reason;
        c.message = message;
        return c;
    };
    n.status.conditions = {
        condition("MemoryPressure", "False", "KubeletHasSufficientMemory",
                  "kubelet has sufficient memory available"),
        condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure"),
        condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available"),
        condition("Ready", "True", "KubeletReady", "kubelet is posting ready status"),
    };
    n.status.addresses = {{"InternalIP", "192.168.49.2"}, {"Hostname", "node-1"}};
    n.status.capacity = {{"cpu", quantity("2")},
                         {"ephemeral-storage", quantity("61202244Ki")},
                         {"hugepages-2Mi", quantity("0")},
                         {"memory", quantity("4025332Ki")},
                         {"pods", quantity("110")}};
    n.status.allocatable = n.status.capacity;
    n.status.nodeInfo.machineID = "0c4bd5b6a3e44a4e8c9f1d2e3f4a5b6c";
    n.status.nodeInfo.systemUUID = "0c4bd5b6-a3e4-4a4e-8c9f-1d2e3f4a5b6c";
    n.status.nodeInfo.bootID = "7e1f3c2a-9b8d-4e6f-a1b2-c3d4e5f6a7b8";
    n.status.nodeInfo.kernelVersion = "6.1.0-18-amd64";
    n.status.nodeInfo.osImage = "Debian GNU/Linux 12 (bookworm)";
    n.status.nodeInfo.containerRuntimeVersion = "containerd://1.7.13";
    n.status.nodeInfo.kubeletVersion = "v1.31.2";
    n.status.nodeInfo.kubeProxyVersion = "v1.31.2";
    n.status.nodeInfo.operatingSystem = "linux";
    n.status.nodeInfo.architecture = "amd64";
    return n;
}

inline api::Pod systemPod()
{
    api::Pod p = pod("kube-proxy-x7v2k");
    p.metadata.namespace_ = "kube-system";
    p.metadata.creationTimestamp = at(-864000);
    api::Container c = container("kube-proxy", "registry.k8s.io/kube-proxy:v1.31.2");
    c.resources.requests = {{"cpu", quantity("250m")}, {"memory", quantity("100Mi")}};
    c.resources.limits = {{"memory", quantity("200Mi")}};
    p.spec.containers = {c};
    p.status.phase = "Running";
    return p;
}

inline api::Pod completedPod()
{
    api::Pod p = pod("job-done");
    p.spec.containers = {container("work")};
    p.spec.containers[0].resources.requests = {{"cpu", quantity("1")}};
    p.status.phase = "Succeeded";
    return p;
}

inline std::vector<api::Event> nodeEvents()
{
    return {event("node-1.17a6b1c2d3e4f701", "Normal", "RegisteredNode",
                  "Node node-1 event: Registered Node node-1 in Controller", -863990, -863990, 1,
                  "node-controller", {}, "node-1", "Node"),
            event("node-1.17a6b1c2d3e4f702", "Normal", "NodeReady", "Node node-1 status is now: NodeReady",
                  -863995, -863995, 1, "kubelet", {}, "node-1", "Node")};
}

inline api::ConfigMap gameConfig()
{
    api::ConfigMap cm;
    cm.metadata.name = "game-demo";
    cm.metadata.namespace_ = "default";
    cm.metadata.creationTimestamp = at(-120);
    cm.data = {{"player_initial_lives", "3"},
               {"ui_properties_file_name", "user-interface.properties"},
               {"game.properties", "enemy.types=aliens,monsters\nplayer.maximum-lives=5\n"}};
    cm.binaryData = {{"logo.png", api::Bytes{std::string(1024, 'x')}}};
    return cm;
}

inline api::Secret dbSecret()
{
    api::Secret s;
    s.metadata.name = "db-user-pass";
    s.metadata.namespace_ = "default";
    s.metadata.creationTimestamp = at(-300);
    s.type = "Opaque";
    s.data = {{"password", api::Bytes{"S!B\\*d$zDsb="}}, {"username", api::Bytes{"admin"}}};
    return s;
}

inline api::ServiceAccount buildRobot()
{
    api::ServiceAccount sa;
    sa.metadata.name = "build-robot";
    sa.metadata.namespace_ = "default";
    sa.metadata.creationTimestamp = at(-600);
    sa.metadata.labels = {{"team", "ci"}};
    sa.imagePullSecrets = {{"registry-a"}, {"registry-b"}};
    api::ObjectReference token; // what a 1.11–1.12 tokens controller adds
    token.name = "build-robot-token-7k2xq";
    sa.secrets = {token};
    return sa;
}

} // namespace podlab::testing
