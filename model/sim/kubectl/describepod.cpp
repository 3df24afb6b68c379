#include "describe.h"

#include "humanduration.h"
#include "prefixwriter.h"
#include "sim/core/text.h"
#include "sim/status/qosclass.h"

#include <algorithm>
#include <cmath>

namespace podlab::sim::kubectl {

namespace {

std::string stringOrNone(const std::string& s)
{
    return s.empty() ? "<none>" : s;
}

std::vector<std::string> splitLines(const std::string& s)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t nl = s.find('\n', start);
        if (nl == std::string::npos) {
            out.push_back(s.substr(start));
            return out;
        }
        out.push_back(s.substr(start, nl - start));
        start = nl + 1;
    }
}

std::string portList(const std::vector<api::ContainerPort>& ports, bool host)
{
    std::string out;
    for (const auto& p : ports) {
        if (!out.empty())
            out += ", ";
        out += std::to_string(host ? p.hostPort : p.containerPort) + "/" + p.protocol;
        if (!p.name.empty())
            out += " (" + p.name + ")";
    }
    return out;
}

// Go's url.URL path escaping (encodePath): letters, digits, "-_.~" and "$&+,/:;=@" stay as they are.
std::string escapePath(const std::string& path)
{
    static const std::string kKept = "-_.~$&+,/:;=@";
    static const char* kHex = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : path) {
        if (std::isalnum(c) || kKept.find(char(c)) != std::string::npos) {
            out += char(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

std::string joinHostPort(const std::string& host, const std::string& port)
{
    return host.find(':') != std::string::npos ? "[" + host + "]:" + port : host + ":" + port;
}

// DescribeProbe.
std::string describeProbe(const api::Probe& probe)
{
    const std::string attrs = "delay=" + std::to_string(probe.initialDelaySeconds) +
                              "s timeout=" + std::to_string(probe.timeoutSeconds) +
                              "s period=" + std::to_string(probe.periodSeconds) +
                              "s #success=" + std::to_string(probe.successThreshold) +
                              " #failure=" + std::to_string(probe.failureThreshold);
    if (probe.exec) {
        std::string command;
        for (const auto& part : probe.exec->command)
            command += (command.empty() ? "" : " ") + part;
        return "exec [" + command + "] " + attrs;
    }
    if (probe.httpGet) {
        const auto& h = *probe.httpGet;
        // url.URL{Scheme, Host, Path}.String()
        std::string url;
        const std::string scheme = lower(h.scheme);
        if (!scheme.empty())
            url += scheme + ":";
        const std::string port = h.port.toString();
        const std::string host = port.empty() ? h.host : joinHostPort(h.host, port);
        const std::string path = escapePath(h.path);
        if ((!scheme.empty() || !host.empty()) && (!host.empty() || !path.empty()))
            url += "//" + host;
        if (!path.empty() && path.front() != '/' && !host.empty())
            url += '/';
        url += path;
        return "http-get " + url + " " + attrs;
    }
    if (probe.tcpSocket)
        return "tcp-socket " + probe.tcpSocket->host + ":" + probe.tcpSocket->port.toString() + " " + attrs;
    if (probe.grpc)
        return "grpc <pod>:" + std::to_string(probe.grpc->port) + " " + probe.grpc->service.value_or("") +
               " " + attrs;
    return "unknown " + attrs;
}

// kubectl resolves a fieldRef through its client scheme, which converts no field label but the object's name
// and namespace: every other path prints as an empty value.
std::string resolveFieldRef(const api::Pod& pod, const api::ObjectFieldSelector& ref)
{
    if (ref.fieldPath == "metadata.name")
        return pod.metadata.name;
    if (ref.fieldPath == "metadata.namespace")
        return pod.metadata.namespace_;
    return {};
}

std::string containerResourceValue(const api::ResourceFieldSelector& ref, const api::Container& c)
{
    const api::Quantity divisor = ref.divisor.isZero() ? api::Quantity::fromUnits(1) : ref.divisor;
    auto quantity = [](const api::ResourceList& list, const char* name) {
        auto it = list.find(name);
        return it == list.end() ? api::Quantity() : it->second;
    };
    // As kubectl does it, in floating point and rounded up.
    auto ceilRatio = [](int64_t value, int64_t by) {
        return std::to_string(int64_t(std::ceil(double(value) / double(by))));
    };
    const std::string& r = ref.resource;
    if (r == "limits.cpu" || r == "requests.cpu") {
        const auto& list = r == "limits.cpu" ? c.resources.limits : c.resources.requests;
        return ceilRatio(quantity(list, "cpu").milliValue(), divisor.milliValue());
    }
    for (const char* name : {"memory", "ephemeral-storage"}) {
        if (r == std::string("limits.") + name)
            return ceilRatio(quantity(c.resources.limits, name).value(), divisor.value());
        if (r == std::string("requests.") + name)
            return ceilRatio(quantity(c.resources.requests, name).value(), divisor.value());
    }
    if (r.starts_with("requests.hugepages-") || r.starts_with("limits.hugepages-")) {
        const bool limits = r.starts_with("limits.");
        const std::string name = r.substr(r.find('.') + 1);
        return ceilRatio(quantity(limits ? c.resources.limits : c.resources.requests, name.c_str()).value(),
                         divisor.value());
    }
    return {};
}

void describeState(PrefixWriter& w, const std::string& name, const api::ContainerState& state)
{
    if (state.running) {
        w.write(2, name + ":\tRunning\n");
        w.write(3, "Started:\t" + rfc1123z(state.running->startedAt) + "\n");
    } else if (state.waiting) {
        w.write(2, name + ":\tWaiting\n");
        if (!state.waiting->reason.empty())
            w.write(3, "Reason:\t" + state.waiting->reason + "\n");
    } else if (state.terminated) {
        const auto& t = *state.terminated;
        w.write(2, name + ":\tTerminated\n");
        if (!t.reason.empty())
            w.write(3, "Reason:\t" + t.reason + "\n");
        if (!t.message.empty())
            w.write(3, "Message:\t" + t.message + "\n");
        w.write(3, "Exit Code:\t" + std::to_string(t.exitCode) + "\n");
        if (t.signal > 0)
            w.write(3, "Signal:\t" + std::to_string(t.signal) + "\n");
        w.write(3, "Started:\t" + rfc1123z(t.startedAt) + "\n");
        w.write(3, "Finished:\t" + rfc1123z(t.finishedAt) + "\n");
    } else {
        w.write(2, name + ":\tWaiting\n");
    }
}

void describeResources(PrefixWriter& w, const api::ResourceRequirements& resources, int level)
{
    if (!resources.limits.empty())
        w.write(level, "Limits:\n");
    for (const auto& [name, quantity] : resources.limits)
        w.write(level + 1, name + ":\t" + quantity.toString() + "\n");
    if (!resources.requests.empty())
        w.write(level, "Requests:\n");
    for (const auto& [name, quantity] : resources.requests)
        w.write(level + 1, name + ":\t" + quantity.toString() + "\n");
}

void describeEnv(PrefixWriter& w, const api::Pod& pod, const api::Container& c)
{
    if (!c.envFrom.empty()) {
        w.write(2, "Environment Variables from:\n");
        for (const auto& e : c.envFrom) {
            std::string from;
            std::string name;
            bool optional = false;
            if (e.configMapRef) {
                from = "ConfigMap";
                name = e.configMapRef->name;
                optional = e.configMapRef->optional.value_or(false);
            } else if (e.secretRef) {
                from = "Secret";
                name = e.secretRef->name;
                optional = e.secretRef->optional.value_or(false);
            }
            if (e.prefix.empty())
                w.write(3, name + "\t" + from + "\tOptional: " + goBool(optional) + "\n");
            else
                w.write(3, name + "\t" + from + " with prefix '" + e.prefix +
                               "'\tOptional: " + goBool(optional) + "\n");
        }
    }
    w.write(2, c.env.empty() ? "Environment:\t<none>\n" : "Environment:\n");
    for (const auto& e : c.env) {
        if (!e.valueFrom) {
            const auto lines = splitLines(e.value);
            for (size_t i = 0; i < lines.size(); ++i)
                w.write(3, i == 0 ? e.name + ":\t" + lines[i] + "\n" : "\t" + lines[i] + "\n");
            continue;
        }
        const api::EnvVarSource& from = *e.valueFrom;
        if (from.fieldRef) {
            w.write(3, e.name + ":\t" + resolveFieldRef(pod, *from.fieldRef) + " (" +
                           from.fieldRef->apiVersion + ":" + from.fieldRef->fieldPath + ")\n");
        } else if (from.resourceFieldRef) {
            std::string value = containerResourceValue(*from.resourceFieldRef, c);
            const std::string& resource = from.resourceFieldRef->resource;
            if (value == "0" && (resource == "limits.cpu" || resource == "limits.memory"))
                value = "node allocatable";
            w.write(3, e.name + ":\t" + value + " (" + resource + ")\n");
        } else if (from.secretKeyRef) {
            w.write(3, e.name + ":\t<set to the key '" + from.secretKeyRef->key + "' in secret '" +
                           from.secretKeyRef->name +
                           "'>\tOptional: " + goBool(from.secretKeyRef->optional.value_or(false)) + "\n");
        } else if (from.configMapKeyRef) {
            w.write(3, e.name + ":\t<set to the key '" + from.configMapKeyRef->key + "' of config map '" +
                           from.configMapKeyRef->name +
                           "'>\tOptional: " + goBool(from.configMapKeyRef->optional.value_or(false)) + "\n");
        }
    }
}

void describeMounts(PrefixWriter& w, std::vector<api::VolumeMount> mounts)
{
    w.write(2, mounts.empty() ? "Mounts:\t<none>\n" : "Mounts:\n");
    std::stable_sort(mounts.begin(), mounts.end(), [](const api::VolumeMount& a, const api::VolumeMount& b) {
        return a.mountPath < b.mountPath;
    });
    for (const auto& m : mounts) {
        std::string flags = m.readOnly ? "ro" : "rw";
        if (!m.subPath.empty())
            flags += ",path=\"" + m.subPath + "\"";
        w.write(3, m.mountPath + " from " + m.name + " (" + flags + ")\n");
    }
}

// `space` indents a pod template's sections (DescribePodTemplate): the section title by two more spaces, each
// container's name by one, the container's fields not at all — as kubectl's output reads.
void describeContainers(PrefixWriter& w, const char* label, const api::Pod& pod,
                        const std::vector<api::Container>& containers,
                        const std::vector<api::ContainerStatus>& statuses, std::string_view space = {})
{
    w.write(0, std::string(space) + label + (containers.empty() ? ": <none>\n" : ":\n"));
    for (const auto& c : containers) {
        const api::ContainerStatus* status = nullptr;
        for (const auto& s : statuses)
            if (s.name == c.name)
                status = &s;
        w.write(1, (space.empty() ? "" : " ") + c.name + ":\n");
        if (status)
            w.write(2, "Container ID:\t" + status->containerID + "\n");
        w.write(2, "Image:\t" + c.image + "\n");
        if (status)
            w.write(2, "Image ID:\t" + status->imageID + "\n");
        const std::string ports = portList(c.ports, false);
        if (ports.find(',') != std::string::npos)
            w.write(2, "Ports:\t" + ports + "\n");
        else
            w.write(2, "Port:\t" + stringOrNone(ports) + "\n");
        const std::string hostPorts = portList(c.ports, true);
        if (hostPorts.find(',') != std::string::npos)
            w.write(2, "Host Ports:\t" + hostPorts + "\n");
        else
            w.write(2, "Host Port:\t" + stringOrNone(hostPorts) + "\n");
        if (!c.command.empty()) {
            w.write(2, "Command:\n");
            for (const auto& part : c.command)
                for (const auto& line : splitLines(part))
                    w.write(3, line + "\n");
        }
        if (!c.args.empty()) {
            w.write(2, "Args:\n");
            for (const auto& part : c.args)
                for (const auto& line : splitLines(part))
                    w.write(3, line + "\n");
        }
        if (status) {
            describeState(w, "State", status->state);
            if (status->lastState.terminated)
                describeState(w, "Last State", status->lastState);
            w.write(2, std::string("Ready:\t") + (status->ready ? "True" : "False") + "\n");
            w.write(2, "Restart Count:\t" + std::to_string(status->restartCount) + "\n");
        }
        describeResources(w, c.resources, 2);
        if (c.livenessProbe)
            w.write(2, "Liveness:\t" + describeProbe(*c.livenessProbe) + "\n");
        if (c.readinessProbe)
            w.write(2, "Readiness:\t" + describeProbe(*c.readinessProbe) + "\n");
        if (c.startupProbe)
            w.write(2, "Startup:\t" + describeProbe(*c.startupProbe) + "\n");
        describeEnv(w, pod, c);
        describeMounts(w, c.volumeMounts);
    }
}

void describeVolumes(PrefixWriter& w, const std::vector<api::Volume>& volumes, std::string_view space = {})
{
    if (volumes.empty()) {
        w.write(0, std::string(space) + "Volumes:\t<none>\n");
        return;
    }
    w.write(0, std::string(space) + "Volumes:\n");
    for (const auto& v : volumes) {
        w.write(1, (space.empty() ? "" : " ") + v.name + ":\n");
        if (v.hostPath) {
            w.write(2, "Type:\tHostPath (bare host directory volume)\n    Path:\t" + v.hostPath->path +
                           "\n    HostPathType:\t" + v.hostPath->type.value_or("<none>") + "\n");
        } else if (v.emptyDir) {
            const std::string sizeLimit = v.emptyDir->sizeLimit && v.emptyDir->sizeLimit->sign() > 0
                                              ? v.emptyDir->sizeLimit->toString()
                                              : "<unset>";
            w.write(2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n    Medium:\t" +
                           v.emptyDir->medium + "\n    SizeLimit:\t" + sizeLimit + "\n");
        } else if (v.secret) {
            w.write(2, "Type:\tSecret (a volume populated by a Secret)\n    SecretName:\t" +
                           v.secret->secretName + "\n    Optional:\t" +
                           goBool(v.secret->optional.value_or(false)) + "\n");
        } else if (v.configMap) {
            w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n    Name:\t" +
                           v.configMap->name + "\n    Optional:\t" +
                           goBool(v.configMap->optional.value_or(false)) + "\n");
        } else if (v.persistentVolumeClaim) {
            w.write(2, "Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same "
                       "namespace)\n    ClaimName:\t" +
                           v.persistentVolumeClaim->claimName + "\n    ReadOnly:\t" +
                           goBool(v.persistentVolumeClaim->readOnly) + "\n");
        } else if (v.downwardAPI) {
            w.write(2, "Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n");
            for (const auto& item : v.downwardAPI->items) {
                if (item.fieldRef)
                    w.write(3, item.fieldRef->fieldPath + " -> " + item.path + "\n");
                if (item.resourceFieldRef)
                    w.write(3, item.resourceFieldRef->resource + " -> " + item.path + "\n");
            }
        } else if (v.projected) {
            w.write(2, "Type:\tProjected (a volume that contains injected data from multiple sources)\n");
            for (const auto& source : v.projected->sources) {
                if (source.secret) {
                    w.write(2, "SecretName:\t" + source.secret->name + "\n    Optional:\t" +
                                   goBool(source.secret->optional.value_or(false)) + "\n");
                } else if (source.downwardAPI) {
                    w.write(2, "DownwardAPI:\ttrue\n");
                } else if (source.configMap) {
                    w.write(2, "ConfigMapName:\t" + source.configMap->name + "\n    Optional:\t" +
                                   goBool(source.configMap->optional.value_or(false)) + "\n");
                } else if (source.serviceAccountToken) {
                    // Defaulting always sets expirationSeconds (3600).
                    w.write(2,
                            "TokenExpirationSeconds:\t" +
                                std::to_string(source.serviceAccountToken->expirationSeconds.value_or(3600)) +
                                "\n");
                }
            }
        } else {
            // NFS, CSI and the other sources PodLab accepts without simulating; kubectl has a layout for
            // most, PodLab does not model their fields.
            w.write(1, "<unknown>\n");
        }
    }
}

} // namespace

void describePodTemplate(PrefixWriter& w, const api::PodTemplateSpec& tmpl)
{
    w.write(0, "Pod Template:\n");
    printLabelsMultiline(w, "  Labels", tmpl.metadata.labels);
    if (!tmpl.metadata.annotations.empty())
        printAnnotationsMultiline(w, "  Annotations", tmpl.metadata.annotations);
    if (!tmpl.spec.serviceAccountName.empty())
        w.write(1, "Service Account:\t" + tmpl.spec.serviceAccountName + "\n");
    // Environment values from fields resolve against a pod; a template has only its own metadata.
    api::Pod pod;
    pod.metadata = tmpl.metadata;
    pod.spec = tmpl.spec;
    if (!tmpl.spec.initContainers.empty())
        describeContainers(w, "Init Containers", pod, tmpl.spec.initContainers, {}, "  ");
    describeContainers(w, "Containers", pod, tmpl.spec.containers, {}, "  ");
    describeVolumes(w, tmpl.spec.volumes, "  ");
    if (!tmpl.spec.priorityClassName.empty())
        w.write(1, "Priority Class Name:\t" + tmpl.spec.priorityClassName + "\n");
    printLabelsMultiline(w, "  Node-Selectors", tmpl.spec.nodeSelector);
    printTolerationsMultiline(w, "  Tolerations", tmpl.spec.tolerations);
}

std::string describePod(const api::Pod& pod, const std::vector<api::Event>& events, const api::Time& now,
                        const DescribeOptions& options)
{
    PrefixWriter w;
    const auto& spec = pod.spec;
    const auto& status = pod.status;
    w.write(0, "Name:\t" + pod.metadata.name + "\n");
    w.write(0, "Namespace:\t" + pod.metadata.namespace_ + "\n");
    if (spec.priority)
        w.write(0, "Priority:\t" + std::to_string(*spec.priority) + "\n");
    if (!spec.priorityClassName.empty())
        w.write(0, "Priority Class Name:\t" + spec.priorityClassName + "\n");
    if (spec.runtimeClassName && !spec.runtimeClassName->empty())
        w.write(0, "Runtime Class Name:\t" + *spec.runtimeClassName + "\n");
    if (!spec.serviceAccountName.empty())
        w.write(0, "Service Account:\t" + spec.serviceAccountName + "\n");
    if (spec.nodeName.empty())
        w.write(0, "Node:\t<none>\n");
    else
        w.write(0, "Node:\t" + spec.nodeName + "/" + status.hostIP + "\n");
    if (status.startTime)
        w.write(0, "Start Time:\t" + rfc1123z(*status.startTime) + "\n");
    printLabelsMultiline(w, "Labels", pod.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", pod.metadata.annotations);
    if (pod.metadata.deletionTimestamp && status.phase != "Failed" && status.phase != "Succeeded") {
        // The deletion timestamp lies a grace period ahead, so this usually reads "<invalid>", as in kubectl.
        w.write(0, "Status:\tTerminating (lasts " + ageSince(*pod.metadata.deletionTimestamp, now) + ")\n");
        w.write(0, "Termination Grace Period:\t" +
                       std::to_string(pod.metadata.deletionGracePeriodSeconds.value_or(0)) + "s\n");
    } else {
        w.write(0, "Status:\t" + status.phase + "\n");
    }
    if (!status.reason.empty())
        w.write(0, "Reason:\t" + status.reason + "\n");
    if (!status.message.empty())
        w.write(0, "Message:\t" + status.message + "\n");
    w.write(0, "IP:\t" + status.podIP + "\n");
    if (status.podIPs.empty()) {
        w.write(0, "IPs:\t<none>\n");
    } else {
        w.write(0, "IPs:\n");
        for (const auto& ip : status.podIPs)
            w.write(1, "IP:\t" + ip.ip + "\n");
    }
    for (const auto& owner : pod.metadata.ownerReferences) {
        if (owner.controller.value_or(false)) {
            w.write(0, "Controlled By:\t" + owner.kind + "/" + owner.name + "\n");
            break;
        }
    }
    if (!status.nominatedNodeName.empty())
        w.write(0, "NominatedNodeName:\t" + status.nominatedNodeName + "\n");
    if (!spec.initContainers.empty())
        describeContainers(w, "Init Containers", pod, spec.initContainers, status.initContainerStatuses);
    describeContainers(w, "Containers", pod, spec.containers, status.containerStatuses);
    if (!spec.readinessGates.empty()) {
        w.write(0, "Readiness Gates:\n  Type\tStatus\n");
        for (const auto& gate : spec.readinessGates) {
            std::string gateStatus = "<none>";
            for (const auto& c : status.conditions) {
                if (c.type == gate.conditionType) {
                    gateStatus = c.status;
                    break;
                }
            }
            w.write(1, gate.conditionType + " \t" + gateStatus + " \n");
        }
    }
    if (!status.conditions.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\n");
        for (const auto& c : status.conditions)
            w.write(1, c.type + " \t" + c.status + " \n");
    }
    describeVolumes(w, spec.volumes);
    w.write(0, "QoS Class:\t" + (status.qosClass.empty() ? podQosClass(spec) : status.qosClass) + "\n");
    printLabelsMultiline(w, "Node-Selectors", spec.nodeSelector);
    printTolerationsMultiline(w, "Tolerations", spec.tolerations);
    describeEvents(w, events, now, options);
    return w.finish();
}

} // namespace podlab::sim::kubectl
