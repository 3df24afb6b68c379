#include "decodeerror.h"

#include <algorithm>
#include <map>
#include <vector>

namespace podlab::sim::kubectl {

namespace {

// The Go types of the fields in k8s.io/api, "Struct.jsonName" -> the type as reflect prints it (pointers
// dropped: encoding/json reports the type it decodes into). Enough of the tree of the kinds PodLab reads.
const std::map<std::string, std::string, std::less<>>& goTypes()
{
    static const std::map<std::string, std::string, std::less<>> types = {
        // Objects
        {"Pod.metadata", "v1.ObjectMeta"}, {"Pod.spec", "v1.PodSpec"}, {"Pod.status", "v1.PodStatus"},
        {"Node.metadata", "v1.ObjectMeta"}, {"Node.spec", "v1.NodeSpec"},
        {"ConfigMap.metadata", "v1.ObjectMeta"}, {"ConfigMap.data", "map[string]string"},
        {"ConfigMap.binaryData", "map[string][]uint8"}, {"ConfigMap.immutable", "bool"},
        {"Secret.metadata", "v1.ObjectMeta"}, {"Secret.data", "map[string][]uint8"},
        {"Secret.stringData", "map[string]string"}, {"Secret.type", "v1.SecretType"}, {"Secret.immutable", "bool"},
        {"Namespace.metadata", "v1.ObjectMeta"}, {"ServiceAccount.metadata", "v1.ObjectMeta"},
        {"Service.metadata", "v1.ObjectMeta"}, {"Service.spec", "v1.ServiceSpec"},
        {"Deployment.metadata", "v1.ObjectMeta"}, {"Deployment.spec", "v1.DeploymentSpec"},
        {"ReplicaSet.metadata", "v1.ObjectMeta"}, {"ReplicaSet.spec", "v1.ReplicaSetSpec"},
        {"DeploymentSpec.replicas", "int32"}, {"DeploymentSpec.selector", "v1.LabelSelector"},
        {"DeploymentSpec.template", "v1.PodTemplateSpec"}, {"ReplicaSetSpec.replicas", "int32"},
        {"ReplicaSetSpec.selector", "v1.LabelSelector"}, {"ReplicaSetSpec.template", "v1.PodTemplateSpec"},
        {"PodTemplateSpec.metadata", "v1.ObjectMeta"}, {"PodTemplateSpec.spec", "v1.PodSpec"},
        {"LabelSelector.matchLabels", "map[string]string"},
        {"LabelSelector.matchExpressions", "[]v1.LabelSelectorRequirement"},
        {"ServiceSpec.ports", "[]v1.ServicePort"}, {"ServiceSpec.selector", "map[string]string"},
        {"ServiceSpec.type", "v1.ServiceType"}, {"ServiceSpec.clusterIP", "string"},
        {"ServicePort.port", "int32"}, {"ServicePort.name", "string"}, {"ServicePort.nodePort", "int32"},
        {"NodeSpec.taints", "[]v1.Taint"}, {"NodeSpec.unschedulable", "bool"}, {"NodeSpec.podCIDR", "string"},
        {"Taint.key", "string"}, {"Taint.value", "string"}, {"Taint.effect", "v1.TaintEffect"},
        // ObjectMeta
        {"ObjectMeta.name", "string"}, {"ObjectMeta.generateName", "string"}, {"ObjectMeta.namespace", "string"},
        {"ObjectMeta.labels", "map[string]string"}, {"ObjectMeta.annotations", "map[string]string"},
        {"ObjectMeta.finalizers", "[]string"}, {"ObjectMeta.ownerReferences", "[]v1.OwnerReference"},
        // PodSpec
        {"PodSpec.volumes", "[]v1.Volume"}, {"PodSpec.initContainers", "[]v1.Container"},
        {"PodSpec.containers", "[]v1.Container"}, {"PodSpec.ephemeralContainers", "[]v1.EphemeralContainer"},
        {"PodSpec.restartPolicy", "v1.RestartPolicy"}, {"PodSpec.terminationGracePeriodSeconds", "int64"},
        {"PodSpec.activeDeadlineSeconds", "int64"}, {"PodSpec.dnsPolicy", "v1.DNSPolicy"},
        {"PodSpec.nodeSelector", "map[string]string"}, {"PodSpec.serviceAccountName", "string"},
        {"PodSpec.serviceAccount", "string"}, {"PodSpec.automountServiceAccountToken", "bool"},
        {"PodSpec.nodeName", "string"}, {"PodSpec.hostNetwork", "bool"}, {"PodSpec.hostPID", "bool"},
        {"PodSpec.hostIPC", "bool"}, {"PodSpec.shareProcessNamespace", "bool"},
        {"PodSpec.securityContext", "v1.PodSecurityContext"},
        {"PodSpec.imagePullSecrets", "[]v1.LocalObjectReference"}, {"PodSpec.hostname", "string"},
        {"PodSpec.subdomain", "string"}, {"PodSpec.affinity", "v1.Affinity"}, {"PodSpec.schedulerName", "string"},
        {"PodSpec.tolerations", "[]v1.Toleration"}, {"PodSpec.hostAliases", "[]v1.HostAlias"},
        {"PodSpec.priorityClassName", "string"}, {"PodSpec.priority", "int32"},
        {"PodSpec.dnsConfig", "v1.PodDNSConfig"}, {"PodSpec.readinessGates", "[]v1.PodReadinessGate"},
        {"PodSpec.runtimeClassName", "string"}, {"PodSpec.enableServiceLinks", "bool"},
        {"PodSpec.preemptionPolicy", "v1.PreemptionPolicy"},
        {"PodSpec.topologySpreadConstraints", "[]v1.TopologySpreadConstraint"},
        {"PodSpec.schedulingGates", "[]v1.PodSchedulingGate"}, {"PodSchedulingGate.name", "string"},
        {"HostAlias.ip", "string"}, {"HostAlias.hostnames", "[]string"},
        {"LocalObjectReference.name", "string"},
        {"Toleration.key", "string"}, {"Toleration.operator", "v1.TolerationOperator"},
        {"Toleration.value", "string"}, {"Toleration.effect", "v1.TaintEffect"},
        {"Toleration.tolerationSeconds", "int64"},
        // Affinity
        {"Affinity.nodeAffinity", "v1.NodeAffinity"}, {"Affinity.podAffinity", "v1.PodAffinity"},
        {"Affinity.podAntiAffinity", "v1.PodAntiAffinity"},
        {"NodeAffinity.requiredDuringSchedulingIgnoredDuringExecution", "v1.NodeSelector"},
        {"NodeAffinity.preferredDuringSchedulingIgnoredDuringExecution", "[]v1.PreferredSchedulingTerm"},
        {"NodeSelector.nodeSelectorTerms", "[]v1.NodeSelectorTerm"},
        {"NodeSelectorTerm.matchExpressions", "[]v1.NodeSelectorRequirement"},
        {"NodeSelectorTerm.matchFields", "[]v1.NodeSelectorRequirement"},
        {"NodeSelectorRequirement.key", "string"}, {"NodeSelectorRequirement.operator", "v1.NodeSelectorOperator"},
        {"NodeSelectorRequirement.values", "[]string"},
        {"PreferredSchedulingTerm.weight", "int32"}, {"PreferredSchedulingTerm.preference", "v1.NodeSelectorTerm"},
        {"PodAffinity.requiredDuringSchedulingIgnoredDuringExecution", "[]v1.PodAffinityTerm"},
        {"PodAffinity.preferredDuringSchedulingIgnoredDuringExecution", "[]v1.WeightedPodAffinityTerm"},
        {"PodAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution", "[]v1.PodAffinityTerm"},
        {"PodAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution", "[]v1.WeightedPodAffinityTerm"},
        {"PodAffinityTerm.labelSelector", "v1.LabelSelector"}, {"PodAffinityTerm.topologyKey", "string"},
        {"PodAffinityTerm.namespaces", "[]string"},
        {"WeightedPodAffinityTerm.weight", "int32"}, {"WeightedPodAffinityTerm.podAffinityTerm", "v1.PodAffinityTerm"},
        // Container
        {"Container.name", "string"}, {"Container.image", "string"}, {"Container.command", "[]string"},
        {"Container.args", "[]string"}, {"Container.workingDir", "string"}, {"Container.ports", "[]v1.ContainerPort"},
        {"Container.envFrom", "[]v1.EnvFromSource"}, {"Container.env", "[]v1.EnvVar"},
        {"Container.resources", "v1.ResourceRequirements"}, {"Container.restartPolicy", "v1.ContainerRestartPolicy"},
        {"Container.volumeMounts", "[]v1.VolumeMount"}, {"Container.livenessProbe", "v1.Probe"},
        {"Container.readinessProbe", "v1.Probe"}, {"Container.startupProbe", "v1.Probe"},
        {"Container.lifecycle", "v1.Lifecycle"}, {"Container.terminationMessagePath", "string"},
        {"Container.terminationMessagePolicy", "v1.TerminationMessagePolicy"},
        {"Container.imagePullPolicy", "v1.PullPolicy"}, {"Container.securityContext", "v1.SecurityContext"},
        {"Container.stdin", "bool"}, {"Container.stdinOnce", "bool"}, {"Container.tty", "bool"},
        {"ContainerPort.name", "string"}, {"ContainerPort.hostPort", "int32"}, {"ContainerPort.containerPort", "int32"},
        {"ContainerPort.protocol", "v1.Protocol"}, {"ContainerPort.hostIP", "string"},
        {"EnvVar.name", "string"}, {"EnvVar.value", "string"}, {"EnvVar.valueFrom", "v1.EnvVarSource"},
        {"EnvVarSource.fieldRef", "v1.ObjectFieldSelector"}, {"EnvVarSource.resourceFieldRef", "v1.ResourceFieldSelector"},
        {"EnvVarSource.configMapKeyRef", "v1.ConfigMapKeySelector"}, {"EnvVarSource.secretKeyRef", "v1.SecretKeySelector"},
        {"ObjectFieldSelector.fieldPath", "string"}, {"ResourceFieldSelector.resource", "string"},
        {"ResourceFieldSelector.containerName", "string"}, {"ConfigMapKeySelector.key", "string"},
        {"ConfigMapKeySelector.name", "string"}, {"SecretKeySelector.key", "string"}, {"SecretKeySelector.name", "string"},
        {"EnvFromSource.prefix", "string"}, {"EnvFromSource.configMapRef", "v1.ConfigMapEnvSource"},
        {"EnvFromSource.secretRef", "v1.SecretEnvSource"},
        {"ResourceRequirements.limits", "v1.ResourceList"}, {"ResourceRequirements.requests", "v1.ResourceList"},
        {"VolumeMount.name", "string"}, {"VolumeMount.mountPath", "string"}, {"VolumeMount.subPath", "string"},
        {"VolumeMount.readOnly", "bool"},
        {"Probe.exec", "v1.ExecAction"}, {"Probe.httpGet", "v1.HTTPGetAction"}, {"Probe.tcpSocket", "v1.TCPSocketAction"},
        {"Probe.grpc", "v1.GRPCAction"}, {"Probe.initialDelaySeconds", "int32"}, {"Probe.timeoutSeconds", "int32"},
        {"Probe.periodSeconds", "int32"}, {"Probe.successThreshold", "int32"}, {"Probe.failureThreshold", "int32"},
        {"Probe.terminationGracePeriodSeconds", "int64"},
        {"ExecAction.command", "[]string"}, {"HTTPGetAction.path", "string"}, {"HTTPGetAction.host", "string"},
        {"HTTPGetAction.scheme", "v1.URIScheme"}, {"HTTPGetAction.httpHeaders", "[]v1.HTTPHeader"},
        {"HTTPHeader.name", "string"}, {"HTTPHeader.value", "string"}, {"TCPSocketAction.host", "string"},
        {"GRPCAction.port", "int32"}, {"GRPCAction.service", "string"},
        {"Lifecycle.postStart", "v1.LifecycleHandler"}, {"Lifecycle.preStop", "v1.LifecycleHandler"},
        {"LifecycleHandler.exec", "v1.ExecAction"}, {"LifecycleHandler.httpGet", "v1.HTTPGetAction"},
        {"LifecycleHandler.tcpSocket", "v1.TCPSocketAction"}, {"LifecycleHandler.sleep", "v1.SleepAction"},
        {"SleepAction.seconds", "int64"},
        {"SecurityContext.privileged", "bool"}, {"SecurityContext.runAsUser", "int64"},
        {"SecurityContext.runAsGroup", "int64"}, {"SecurityContext.runAsNonRoot", "bool"},
        {"SecurityContext.readOnlyRootFilesystem", "bool"}, {"SecurityContext.allowPrivilegeEscalation", "bool"},
        {"PodSecurityContext.runAsUser", "int64"}, {"PodSecurityContext.runAsGroup", "int64"},
        {"PodSecurityContext.fsGroup", "int64"}, {"PodSecurityContext.runAsNonRoot", "bool"},
        {"PodSecurityContext.supplementalGroups", "[]int64"},
        {"PodDNSConfig.nameservers", "[]string"}, {"PodDNSConfig.searches", "[]string"},
        {"PodDNSConfig.options", "[]v1.PodDNSConfigOption"},
        // Volumes (VolumeSource is inlined: its fields belong to Volume)
        {"Volume.name", "string"}, {"Volume.emptyDir", "v1.EmptyDirVolumeSource"},
        {"Volume.hostPath", "v1.HostPathVolumeSource"}, {"Volume.configMap", "v1.ConfigMapVolumeSource"},
        {"Volume.secret", "v1.SecretVolumeSource"}, {"Volume.downwardAPI", "v1.DownwardAPIVolumeSource"},
        {"Volume.projected", "v1.ProjectedVolumeSource"},
        {"Volume.persistentVolumeClaim", "v1.PersistentVolumeClaimVolumeSource"},
        {"EmptyDirVolumeSource.medium", "v1.StorageMedium"}, {"HostPathVolumeSource.path", "string"},
        {"ConfigMapVolumeSource.name", "string"}, {"ConfigMapVolumeSource.items", "[]v1.KeyToPath"},
        {"ConfigMapVolumeSource.defaultMode", "int32"}, {"SecretVolumeSource.secretName", "string"},
        {"SecretVolumeSource.items", "[]v1.KeyToPath"}, {"SecretVolumeSource.defaultMode", "int32"},
        {"KeyToPath.key", "string"}, {"KeyToPath.path", "string"}, {"KeyToPath.mode", "int32"},
    };
    return types;
}

std::string structOf(std::string_view goType)
{
    std::string t(goType);
    if (t.starts_with("[]"))
        t.erase(0, 2);
    if (!t.starts_with("v1."))
        return {};
    return t.substr(3);
}

// "spec.containers[0].ports[1].containerPort" -> {"spec", "containers", "ports", "containerPort"}
std::vector<std::string> fieldNames(std::string_view path)
{
    std::vector<std::string> out;
    std::string current;
    bool inIndex = false;
    for (char c : path) {
        if (inIndex) {
            inIndex = c != ']';
            continue;
        }
        if (c == '[' || c == '.') {
            if (!current.empty())
                out.push_back(std::move(current));
            current.clear();
            inIndex = c == '[';
            continue;
        }
        current += c;
    }
    if (!current.empty())
        out.push_back(std::move(current));
    return out;
}

// A path's components, indices as numbers, in the order a walk over sorted keys meets them.
struct PathKey {
    std::vector<std::pair<std::string, long>> parts; // name ("" for an index) and index
    bool operator<(const PathKey& other) const { return parts < other.parts; }
};

PathKey pathKey(std::string_view path)
{
    PathKey key;
    std::string current;
    size_t i = 0;
    while (i < path.size()) {
        const char c = path[i];
        if (c == '.') {
            if (!current.empty())
                key.parts.push_back({std::move(current), -1});
            current.clear();
            ++i;
        } else if (c == '[') {
            if (!current.empty())
                key.parts.push_back({std::move(current), -1});
            current.clear();
            const size_t close = path.find(']', i);
            const std::string_view inside = path.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1);
            key.parts.push_back({"", std::atol(std::string(inside).c_str())});
            i = close == std::string_view::npos ? path.size() : close + 1;
        } else {
            current += c;
            ++i;
        }
    }
    if (!current.empty())
        key.parts.push_back({std::move(current), -1});
    return key;
}

// The JSON kind encoding/json names in "cannot unmarshal <kind>", from the reader's "got a …" wording.
std::string jsonKind(std::string_view message)
{
    const size_t got = message.rfind(", got ");
    if (got == std::string_view::npos)
        return {};
    std::string_view what = message.substr(got + 6);
    if (what.starts_with("a "))
        what.remove_prefix(2);
    else if (what.starts_with("an "))
        what.remove_prefix(3);
    if (what.starts_with("list"))
        return "array";
    if (what.starts_with("mapping"))
        return "object";
    if (what.starts_with("string"))
        return "string";
    if (what.starts_with("boolean"))
        return "bool";
    if (what.starts_with("integer"))
        return "number";
    if (what.starts_with("number")) {
        // A fraction into an integer field is named with its text ("number 1.5"), as Go does.
        const std::string_view prefix = "Invalid value: ";
        if (message.starts_with(prefix) && message.find("expected an integer") != std::string_view::npos) {
            const size_t colon = message.find(':', prefix.size());
            return "number " + std::string(message.substr(prefix.size(), colon - prefix.size()));
        }
        return "number";
    }
    return {};
}

} // namespace

GoField goFieldOf(std::string_view kind, std::string_view path)
{
    const std::vector<std::string> names = fieldNames(path);
    std::string structName(kind);
    std::string type;
    for (size_t i = 0; i < names.size(); ++i) {
        const auto it = goTypes().find(structName + "." + names[i]);
        if (it == goTypes().end())
            return {};
        type = it->second;
        if (i + 1 < names.size()) {
            structName = structOf(type);
            if (structName.empty())
                return {};
        }
    }
    if (names.empty())
        return {};
    return {structName, type};
}

std::optional<std::string> serverDecodeError(std::string_view kind, std::string_view apiVersion,
                                             const manifest::Diagnostics& problems)
{
    const std::string version(apiVersion.substr(apiVersion.find('/') == std::string_view::npos ? 0 : apiVersion.find('/') + 1));
    const std::string prefix = std::string(kind) + " in version \"" + version + "\" cannot be handled as a " +
                               std::string(kind) + ": ";
    std::vector<const manifest::Diagnostic*> errors;
    for (const manifest::Diagnostic& d : problems)
        if (d.isError())
            errors.push_back(&d);
    std::stable_sort(errors.begin(), errors.end(), [](const auto* a, const auto* b) {
        return pathKey(a->path) < pathKey(b->path);
    });
    // The first type error or undecodable base64 ([]byte fields: a Secret's data, a ConfigMap's binaryData)
    // the decoder meets is its answer. PodLab's reader adds a hint to the base64 error, which the server has not.
    constexpr std::string_view kBase64 = "illegal base64 data at input byte ";
    for (const manifest::Diagnostic* d : errors) {
        if (d->message.starts_with(kBase64))
            return prefix + d->message.substr(0, d->message.find(" ("));
        if (!d->message.starts_with("Invalid value: ") || d->message.find(": expected ") == std::string::npos)
            continue;
        const std::string value = jsonKind(d->message);
        const GoField field = goFieldOf(kind, d->path);
        if (value.empty() || field.type.empty())
            continue;
        std::string goPath;
        for (const std::string& n : fieldNames(d->path))
            goPath += (goPath.empty() ? "" : ".") + n;
        return prefix + "json: cannot unmarshal " + value + " into Go struct field " + field.structName + "." + goPath +
               " of type " + field.type;
    }
    std::string unknown;
    for (const manifest::Diagnostic* d : errors)
        if (d->message.starts_with("unknown field"))
            unknown += (unknown.empty() ? "" : ", ") + std::string("unknown field \"") + d->path + "\"";
    if (unknown.empty())
        return std::nullopt;
    return prefix + "strict decoding error: " + unknown;
}

} // namespace podlab::sim::kubectl
