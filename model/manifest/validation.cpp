// Validation of the kinds other than Pod (core/validation and apps/validation).
#include "validation.h"
#include "validation_meta.h"

#include <algorithm>
#include <set>

namespace podlab::manifest {

using namespace api;

namespace {

constexpr size_t kMaxSecretSize = 1024 * 1024; // ConfigMaps and Secrets: 1 MiB of data in total

template <class Map>
size_t validateDataKeys(const Map& data, const FieldPath& path, FieldErrors& errors)
{
    size_t total = 0;
    for (const auto& [key, value] : data) {
        addMessages(errors, path.key(key), key, isConfigMapKey(key));
        if constexpr (std::is_same_v<typename Map::mapped_type, Bytes>)
            total += value.data.size();
        else
            total += value.size();
    }
    return total;
}

// --- Node ------------------------------------------------------------------------------------------------------

std::string taintJson(const Taint& t)
{
    return "{\"Key\":" + BadValue::jsonQuote(t.key) + ",\"Value\":" + BadValue::jsonQuote(t.value) +
           ",\"Effect\":" + BadValue::jsonQuote(t.effect) + ",\"TimeAdded\":" +
           (t.timeAdded ? BadValue::jsonQuote(t.timeAdded->toString()) : std::string("null")) + "}";
}

FieldErrors check(const Node& node)
{
    FieldErrors errors = validateObjectMeta(node.metadata, false, isDns1123Subdomain, FieldPath("metadata"));
    // Kubernetes files taint problems under metadata.taints; PodLab names the field where they are written.
    const FieldPath taints = FieldPath("spec").child("taints");
    std::set<std::pair<std::string, std::string>> seen;
    for (size_t i = 0; i < node.spec.taints.size(); ++i) {
        const Taint& t = node.spec.taints[i];
        const FieldPath p = taints.index(i);
        addMessages(errors, p.child("key"), t.key, isQualifiedName(t.key));
        if (const Messages m = isLabelValue(t.value); !m.empty()) {
            std::string joined;
            for (const std::string& s : m)
                joined += (joined.empty() ? "" : ";") + s;
            errors.push_back(invalid(p.child("value"), t.value, joined));
        }
        static const Names effects = {"NoSchedule", "PreferNoSchedule", "NoExecute"};
        if (t.effect.empty())
            errors.push_back(required(p.child("effect")));
        else if (!contains(effects, t.effect))
            errors.push_back(notSupported(p.child("effect"), t.effect, effects));
        if (!seen.insert({t.key, t.effect}).second) {
            FieldError e = duplicate(p, BadValue::raw(taintJson(t)));
            e.message += ": taints must be unique by key and effect pair";
            errors.push_back(std::move(e));
        }
    }
    auto quantities = [&](const ResourceList& list, const char* name) {
        for (const auto& [resource, q] : list)
            if (q.sign() < 0)
                errors.push_back(invalid(FieldPath("status").child(name).key(resource), q.toString(),
                                         "must be greater than or equal to 0"));
    };
    quantities(node.status.capacity, "capacity");
    quantities(node.status.allocatable, "allocatable");
    for (size_t i = 0; i < node.spec.podCIDRs.size(); ++i)
        addMessages(errors, FieldPath("spec").child("podCIDRs").index(i), node.spec.podCIDRs[i],
                    isValidCIDR(node.spec.podCIDRs[i]));
    return errors;
}

// --- configuration -----------------------------------------------------------------------------------------------

FieldErrors check(const ConfigMap& cm)
{
    FieldErrors errors = validateObjectMeta(cm.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    size_t total = validateDataKeys(cm.data, FieldPath("data"), errors);
    for (const auto& [key, value] : cm.data)
        if (cm.binaryData.contains(key))
            errors.push_back(invalid(FieldPath("data").key(key), key, "duplicate of key present in binaryData"));
    total += validateDataKeys(cm.binaryData, FieldPath("binaryData"), errors);
    if (total > kMaxSecretSize)
        errors.push_back(tooLong(FieldPath(""), kMaxSecretSize));
    return errors;
}

FieldErrors check(const Secret& secret)
{
    FieldErrors errors = validateObjectMeta(secret.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    // The API server merges stringData into data before it validates; PodLab reports a stringData key where it
    // is written.
    const FieldPath data("data");
    size_t total = validateDataKeys(secret.data, data, errors);
    total += validateDataKeys(secret.stringData, FieldPath("stringData"), errors);
    if (total > kMaxSecretSize)
        errors.push_back(tooLong(data, kMaxSecretSize));
    auto has = [&](const char* key) { return secret.data.contains(key) || secret.stringData.contains(key); };
    auto nonEmpty = [&](const char* key) {
        if (const auto it = secret.stringData.find(key); it != secret.stringData.end())
            return !it->second.empty();
        const auto it = secret.data.find(key);
        return it != secret.data.end() && !it->second.data.empty();
    };
    const std::string& type = secret.type;
    if (type == "kubernetes.io/service-account-token") {
        const auto it = secret.metadata.annotations.find("kubernetes.io/service-account.name");
        if (it == secret.metadata.annotations.end() || it->second.empty())
            errors.push_back(
                required(FieldPath("metadata").child("annotations").key("kubernetes.io/service-account.name")));
    } else if (type == "kubernetes.io/dockercfg") {
        if (!has(".dockercfg"))
            errors.push_back(required(data.key(".dockercfg")));
    } else if (type == "kubernetes.io/dockerconfigjson") {
        if (!has(".dockerconfigjson"))
            errors.push_back(required(data.key(".dockerconfigjson")));
    } else if (type == "kubernetes.io/basic-auth") {
        if (!has("username") && !has("password")) {
            errors.push_back(required(data.key("username")));
            errors.push_back(required(data.key("password")));
        }
    } else if (type == "kubernetes.io/ssh-auth") {
        if (!nonEmpty("ssh-privatekey"))
            errors.push_back(required(data.key("ssh-privatekey")));
    } else if (type == "kubernetes.io/tls") {
        if (!has("tls.crt"))
            errors.push_back(required(data.key("tls.crt")));
        if (!has("tls.key"))
            errors.push_back(required(data.key("tls.key")));
    }
    return errors;
}

FieldErrors check(const ServiceAccount& sa)
{
    return validateObjectMeta(sa.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
}

FieldErrors check(const Namespace& ns)
{
    FieldErrors errors = validateObjectMeta(ns.metadata, false, isDns1123Label, FieldPath("metadata"));
    for (size_t i = 0; i < ns.spec.finalizers.size(); ++i) {
        const FieldPath p = FieldPath("spec").child("finalizers").index(i);
        addMessages(errors, p, ns.spec.finalizers[i], isQualifiedName(ns.spec.finalizers[i]));
        addAll(errors, validateFinalizerName(ns.spec.finalizers[i], p));
    }
    return errors;
}

// --- workloads -----------------------------------------------------------------------------------------------------

// A selector that selects the template's labels, and a template whose pods always restart (ReplicaSet and
// Deployment share this: ValidatePodTemplateSpecForReplicaSet).
FieldErrors validateWorkloadTemplate(const std::optional<LabelSelector>& selector, const PodTemplateSpec& tmpl)
{
    FieldErrors errors;
    const FieldPath spec("spec");
    if (!selector) {
        errors.push_back(required(spec.child("selector")));
    } else {
        addAll(errors, validateLabelSelector(*selector, spec.child("selector")));
        if (selector->matchLabels.empty() && selector->matchExpressions.empty())
            errors.push_back(invalid(spec.child("selector"), BadValue::raw(jsonOf(*selector)),
                                     "empty selector is invalid for deployment"));
    }
    // A selector the API server cannot convert stops here: the template is not checked.
    if (selector && !isConvertibleSelector(*selector)) {
        errors.push_back(invalid(spec.child("selector"), BadValue::raw(jsonOf(*selector)), "invalid label selector"));
        return errors;
    }
    const FieldPath t = spec.child("template");
    const bool emptySelector = !selector || (selector->matchLabels.empty() && selector->matchExpressions.empty());
    if (!emptySelector && !selectorMatches(*selector, tmpl.metadata.labels))
        errors.push_back(invalid(t.child("metadata").child("labels"), BadValue::raw(jsonOf(tmpl.metadata.labels)),
                                 "`selector` does not match template `labels`"));
    addAll(errors, validatePodTemplateSpec(tmpl, t));
    if (tmpl.spec.restartPolicy != "Always")
        errors.push_back(notSupported(t.child("spec").child("restartPolicy"), tmpl.spec.restartPolicy, {"Always"}));
    if (tmpl.spec.activeDeadlineSeconds)
        errors.push_back(forbidden(t.child("spec").child("activeDeadlineSeconds"),
                                   "activeDeadlineSeconds in ReplicaSet is not Supported"));
    return errors;
}

// intstr's IntValue: a string that is not a number counts as 0.
int intOrPercentValue(const IntOrString& v)
{
    if (!v.isString)
        return v.intValue;
    std::string_view s = v.stringValue;
    const bool percent = isValidPercent(s).empty();
    if (percent)
        s.remove_suffix(1);
    if (s.empty() || s.size() > 9 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return 0;
    return std::stoi(std::string(s));
}

FieldErrors validatePositiveIntOrPercent(const IntOrString& v, const FieldPath& path)
{
    if (!v.isString)
        return validateNonNegative(v.intValue, path);
    FieldErrors errors;
    for (const std::string& m : isValidPercent(v.stringValue))
        errors.push_back(invalid(path, BadValue::raw(jsonOf(v)), m));
    return errors;
}

std::string strategyJson(const DeploymentStrategy& s)
{
    std::string out = "{\"Type\":" + BadValue::jsonQuote(s.type) + ",\"RollingUpdate\":";
    if (!s.rollingUpdate)
        return out + "null}";
    return out + "{\"MaxUnavailable\":" + jsonOf(s.rollingUpdate->maxUnavailable) +
           ",\"MaxSurge\":" + jsonOf(s.rollingUpdate->maxSurge) + "}}";
}

FieldErrors validateStrategy(const DeploymentStrategy& strategy, const FieldPath& path)
{
    FieldErrors errors;
    if (strategy.type == "Recreate") {
        if (strategy.rollingUpdate)
            errors.push_back(
                forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
    } else if (strategy.type == "RollingUpdate") {
        if (!strategy.rollingUpdate) {
            errors.push_back(required(path.child("rollingUpdate"), "this should be defaulted and never be nil"));
            return errors;
        }
        const RollingUpdateDeployment& ru = *strategy.rollingUpdate;
        const FieldPath rp = path.child("rollingUpdate");
        const IntOrString maxUnavailable = ru.maxUnavailable.value_or(IntOrString());
        const IntOrString maxSurge = ru.maxSurge.value_or(IntOrString());
        addAll(errors, validatePositiveIntOrPercent(maxUnavailable, rp.child("maxUnavailable")));
        addAll(errors, validatePositiveIntOrPercent(maxSurge, rp.child("maxSurge")));
        if (intOrPercentValue(maxUnavailable) == 0 && intOrPercentValue(maxSurge) == 0)
            errors.push_back(invalid(rp.child("maxUnavailable"), BadValue::raw(jsonOf(maxUnavailable)),
                                     "may not be 0 when `maxSurge` is 0"));
        if (maxUnavailable.isString && isValidPercent(maxUnavailable.stringValue).empty() &&
            intOrPercentValue(maxUnavailable) > 100)
            errors.push_back(invalid(rp.child("maxUnavailable"), BadValue::raw(jsonOf(maxUnavailable)),
                                     "must not be greater than 100%"));
    } else {
        errors.push_back(notSupported(path, BadValue::raw(strategyJson(strategy)), {"Recreate", "RollingUpdate"}));
    }
    return errors;
}

FieldErrors check(const Deployment& d)
{
    FieldErrors errors = validateObjectMeta(d.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath spec("spec");
    if (d.spec.replicas)
        addAll(errors, validateNonNegative(*d.spec.replicas, spec.child("replicas")));
    addAll(errors, validateWorkloadTemplate(d.spec.selector, d.spec.template_));
    addAll(errors, validateStrategy(d.spec.strategy, spec.child("strategy")));
    addAll(errors, validateNonNegative(d.spec.minReadySeconds, spec.child("minReadySeconds")));
    if (d.spec.revisionHistoryLimit)
        addAll(errors, validateNonNegative(*d.spec.revisionHistoryLimit, spec.child("revisionHistoryLimit")));
    if (d.spec.progressDeadlineSeconds) {
        addAll(errors, validateNonNegative(*d.spec.progressDeadlineSeconds, spec.child("progressDeadlineSeconds")));
        if (*d.spec.progressDeadlineSeconds <= d.spec.minReadySeconds)
            errors.push_back(invalid(spec.child("progressDeadlineSeconds"), *d.spec.progressDeadlineSeconds,
                                     "must be greater than minReadySeconds"));
    }
    return errors;
}

FieldErrors check(const ReplicaSet& rs)
{
    FieldErrors errors = validateObjectMeta(rs.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath spec("spec");
    if (rs.spec.replicas)
        addAll(errors, validateNonNegative(*rs.spec.replicas, spec.child("replicas")));
    addAll(errors, validateNonNegative(rs.spec.minReadySeconds, spec.child("minReadySeconds")));
    addAll(errors, validateWorkloadTemplate(rs.spec.selector, rs.spec.template_));
    return errors;
}

// --- Service ---------------------------------------------------------------------------------------------------

std::string servicePortJson(const ServicePort& p)
{
    return "{\"Name\":" + BadValue::jsonQuote(p.name) + ",\"Protocol\":" + BadValue::jsonQuote(p.protocol) +
           ",\"AppProtocol\":null,\"Port\":" + std::to_string(p.port) + ",\"TargetPort\":0,\"NodePort\":0}";
}

FieldErrors validateNonSpecialIP(const std::string& ip, const FieldPath& path)
{
    FieldErrors errors;
    if (ip == "0.0.0.0" || ip == "::")
        errors.push_back(invalid(path, ip, "may not be unspecified (" + ip + ")"));
    if (ip.rfind("127.", 0) == 0 || ip == "::1")
        errors.push_back(invalid(path, ip, "may not be in the loopback range (127.0.0.0/8, ::1/128)"));
    if (ip.rfind("169.254.", 0) == 0 || ip.rfind("fe80:", 0) == 0)
        errors.push_back(invalid(path, ip, "may not be in the link-local range (169.254.0.0/16, fe80::/10)"));
    if (ip.rfind("224.0.0.", 0) == 0 || ip.rfind("ff02:", 0) == 0)
        errors.push_back(
            invalid(path, ip, "may not be in the link-local multicast range (224.0.0.0/24, ff02::/10)"));
    return errors;
}

FieldErrors check(const Service& svc)
{
    FieldErrors errors = validateObjectMeta(svc.metadata, true, isDns1035Label, FieldPath("metadata"));
    const FieldPath spec("spec");
    const ServiceSpec& s = svc.spec;
    // The registry copies clusterIP into clusterIPs before it validates.
    std::vector<std::string> clusterIPs = s.clusterIPs;
    if (clusterIPs.empty() && !s.clusterIP.empty())
        clusterIPs.push_back(s.clusterIP);
    const bool headless = !clusterIPs.empty() && clusterIPs[0] == "None";

    if (s.ports.empty() && !headless && s.type != "ExternalName")
        errors.push_back(required(spec.child("ports")));
    // Kubernetes reports clusterIPs[0]; when only clusterIP was written, PodLab names that field instead.
    const FieldPath firstClusterIP = s.clusterIPs.empty() ? spec.child("clusterIP") : spec.child("clusterIPs").index(0);
    if (s.type == "LoadBalancer" && headless)
        errors.push_back(
            invalid(firstClusterIP, clusterIPs[0], "may not be set to 'None' for LoadBalancer services"));
    if (s.type == "NodePort" && headless)
        errors.push_back(invalid(firstClusterIP, clusterIPs[0], "may not be set to 'None' for NodePort services"));
    if (s.type == "ExternalName") {
        if (!clusterIPs.empty())
            errors.push_back(forbidden(spec.child("clusterIPs"), "may not be set for ExternalName services"));
        if (!s.ipFamilies.empty())
            errors.push_back(forbidden(spec.child("ipFamilies"), "may not be set for ExternalName services"));
        if (s.ipFamilyPolicy)
            errors.push_back(forbidden(spec.child("ipFamilyPolicy"), "may not be set for ExternalName services"));
        std::string cname = s.externalName;
        if (!cname.empty() && cname.back() == '.')
            cname.pop_back();
        if (cname.empty())
            errors.push_back(required(spec.child("externalName")));
        else
            addMessages(errors, spec.child("externalName"), cname, isDns1123Subdomain(cname));
    }

    std::set<std::string> names;
    for (size_t i = 0; i < s.ports.size(); ++i) {
        const ServicePort& port = s.ports[i];
        const FieldPath p = spec.child("ports").index(i);
        if (s.ports.size() > 1 && port.name.empty()) {
            errors.push_back(required(p.child("name")));
        } else if (!port.name.empty()) {
            addMessages(errors, p.child("name"), port.name, isDns1123Label(port.name));
            if (!names.insert(port.name).second)
                errors.push_back(duplicate(p.child("name"), port.name));
        }
        for (const std::string& m : isValidPortNum(port.port))
            errors.push_back(invalid(p.child("port"), port.port, m));
        if (port.protocol.empty())
            errors.push_back(required(p.child("protocol")));
        else if (!contains(Names{"SCTP", "TCP", "UDP"}, port.protocol))
            errors.push_back(notSupported(p.child("protocol"), port.protocol, {"SCTP", "TCP", "UDP"}));
        if (port.targetPort.isString)
            addMessages(errors, p.child("targetPort"), port.targetPort.stringValue,
                        isValidPortName(port.targetPort.stringValue));
        else
            for (const std::string& m : isValidPortNum(port.targetPort.intValue))
                errors.push_back(invalid(p.child("targetPort"), port.targetPort.intValue, m));
        if (port.appProtocol)
            addMessages(errors, p.child("appProtocol"), *port.appProtocol, isQualifiedName(*port.appProtocol));
    }
    addAll(errors, validateLabels(s.selector, spec.child("selector")));

    const bool hasAffinityConfig = s.unmodelled.contains("sessionAffinityConfig");
    if (s.sessionAffinity.empty())
        errors.push_back(required(spec.child("sessionAffinity")));
    else if (s.sessionAffinity != "ClientIP" && s.sessionAffinity != "None")
        errors.push_back(notSupported(spec.child("sessionAffinity"), s.sessionAffinity, {"ClientIP", "None"}));
    if (s.sessionAffinity == "ClientIP" && !hasAffinityConfig)
        errors.push_back(required(spec.child("sessionAffinityConfig"), "when session affinity type is ClientIP"));
    else if (s.sessionAffinity == "None" && hasAffinityConfig)
        errors.push_back(forbidden(spec.child("sessionAffinityConfig"), "must not be set when session affinity is None"));

    for (size_t i = 0; i < clusterIPs.size(); ++i) {
        if (i == 0 && clusterIPs[i] == "None")
            continue;
        const FieldPath p = s.clusterIPs.empty() ? spec.child("clusterIP") : spec.child("clusterIPs").index(i);
        addMessages(errors, p, clusterIPs[i], isValidIP(clusterIPs[i]));
    }
    for (size_t i = 0; i < s.externalIPs.size(); ++i) {
        const FieldPath p = spec.child("externalIPs").index(i);
        const Messages m = isValidIP(s.externalIPs[i]);
        if (!m.empty())
            addMessages(errors, p, s.externalIPs[i], m);
        else
            addAll(errors, validateNonSpecialIP(s.externalIPs[i], p));
    }
    static const Names types = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};
    if (s.type.empty())
        errors.push_back(required(spec.child("type")));
    else if (!contains(types, s.type))
        errors.push_back(notSupported(spec.child("type"), s.type, types));
    if (s.type == "ClusterIP")
        for (size_t i = 0; i < s.ports.size(); ++i)
            if (s.ports[i].nodePort != 0)
                errors.push_back(forbidden(spec.child("ports").index(i).child("nodePort"),
                                           "may not be used when `type` is 'ClusterIP'"));
    std::set<std::pair<std::string, int32_t>> nodePorts, ports;
    for (size_t i = 0; i < s.ports.size(); ++i) {
        const ServicePort& port = s.ports[i];
        if (port.nodePort != 0 && !nodePorts.insert({port.protocol, port.nodePort}).second)
            errors.push_back(duplicate(spec.child("ports").index(i).child("nodePort"), port.nodePort));
    }
    for (size_t i = 0; i < s.ports.size(); ++i) {
        const ServicePort& port = s.ports[i];
        if (!ports.insert({port.protocol, port.port}).second) {
            ServicePort key;
            key.protocol = port.protocol;
            key.port = port.port;
            errors.push_back(duplicate(spec.child("ports").index(i), BadValue::raw(servicePortJson(key))));
        }
    }
    if (!s.loadBalancerSourceRanges.empty()) {
        const FieldPath p = spec.child("loadBalancerSourceRanges");
        if (s.type != "LoadBalancer")
            errors.push_back(forbidden(p, "may only be used when `type` is 'LoadBalancer'"));
        for (size_t i = 0; i < s.loadBalancerSourceRanges.size(); ++i) {
            std::string range = s.loadBalancerSourceRanges[i];
            range.erase(0, range.find_first_not_of(' '));
            range.erase(range.find_last_not_of(' ') + 1);
            addMessages(errors, p.index(i), range, isValidCIDR(range));
        }
    }
    if (s.allocateLoadBalancerNodePorts && s.type != "LoadBalancer")
        errors.push_back(forbidden(spec.child("allocateLoadBalancerNodePorts"),
                                   "may only be used when `type` is 'LoadBalancer'"));
    if (s.type == "LoadBalancer" && !s.allocateLoadBalancerNodePorts)
        errors.push_back(required(FieldPath("allocateLoadBalancerNodePorts")));
    if (s.loadBalancerClass) {
        if (s.type != "LoadBalancer")
            errors.push_back(
                forbidden(spec.child("loadBalancerClass"), "may only be used when `type` is 'LoadBalancer'"));
        else
            addMessages(errors, spec.child("loadBalancerClass"), *s.loadBalancerClass,
                        isQualifiedName(*s.loadBalancerClass));
    }
    const bool externallyAccessible =
        s.type == "LoadBalancer" || s.type == "NodePort" || (s.type == "ClusterIP" && !s.externalIPs.empty());
    if (!externallyAccessible) {
        if (!s.externalTrafficPolicy.empty())
            errors.push_back(invalid(spec.child("externalTrafficPolicy"), s.externalTrafficPolicy,
                                     "may only be set for externally-accessible services"));
    } else if (s.externalTrafficPolicy.empty()) {
        errors.push_back(required(spec.child("externalTrafficPolicy")));
    } else if (s.externalTrafficPolicy != "Cluster" && s.externalTrafficPolicy != "Local") {
        errors.push_back(notSupported(spec.child("externalTrafficPolicy"), s.externalTrafficPolicy, {"Cluster", "Local"}));
    }
    // PodLab allocates no node ports, so a needed healthCheckNodePort is not required here.
    const bool needsHealthCheck = s.type == "LoadBalancer" && s.externalTrafficPolicy == "Local";
    if (!needsHealthCheck && s.healthCheckNodePort != 0)
        errors.push_back(invalid(spec.child("healthCheckNodePort"), s.healthCheckNodePort,
                                 "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
    else if (needsHealthCheck && s.healthCheckNodePort != 0)
        for (const std::string& m : isValidPortNum(s.healthCheckNodePort))
            errors.push_back(invalid(spec.child("healthCheckNodePort"), s.healthCheckNodePort, m));
    if (!s.internalTrafficPolicy && (s.type == "NodePort" || s.type == "LoadBalancer" || s.type == "ClusterIP"))
        errors.push_back(required(spec.child("internalTrafficPolicy")));
    if (s.internalTrafficPolicy && *s.internalTrafficPolicy != "Cluster" && *s.internalTrafficPolicy != "Local")
        errors.push_back(notSupported(spec.child("internalTrafficPolicy"), *s.internalTrafficPolicy, {"Cluster", "Local"}));
    return errors;
}

FieldErrors check(const Endpoints& ep)
{
    FieldErrors errors = validateObjectMeta(ep.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    for (size_t i = 0; i < ep.subsets.size(); ++i) {
        const EndpointSubset& subset = ep.subsets[i];
        const FieldPath p = FieldPath("subsets").index(i);
        if (subset.addresses.empty() && subset.notReadyAddresses.empty())
            errors.push_back(required(p, "must specify `addresses` or `notReadyAddresses`"));
        auto addresses = [&](const std::vector<EndpointAddress>& list, const char* name) {
            for (size_t k = 0; k < list.size(); ++k) {
                const EndpointAddress& a = list[k];
                const FieldPath ap = p.child(name).index(k);
                addMessages(errors, ap.child("ip"), a.ip, isValidIP(a.ip));
                if (!a.hostname.empty())
                    addMessages(errors, ap.child("hostname"), a.hostname, isDns1123Label(a.hostname));
                if (a.nodeName)
                    addMessages(errors, ap.child("nodeName"), *a.nodeName, isDns1123Subdomain(*a.nodeName));
                if (isValidIP(a.ip).empty())
                    addAll(errors, validateNonSpecialIP(a.ip, ap.child("ip")));
                else
                    errors.push_back(invalid(ap.child("ip"), a.ip, "must be a valid IP address"));
            }
        };
        addresses(subset.addresses, "addresses");
        addresses(subset.notReadyAddresses, "notReadyAddresses");
        for (size_t k = 0; k < subset.ports.size(); ++k) {
            const EndpointPort& port = subset.ports[k];
            const FieldPath pp = p.child("ports").index(k);
            if (subset.ports.size() > 1 && port.name.empty())
                errors.push_back(required(pp.child("name")));
            else if (!port.name.empty())
                addMessages(errors, pp.child("name"), port.name, isDns1123Label(port.name));
            for (const std::string& m : isValidPortNum(port.port))
                errors.push_back(invalid(pp.child("port"), port.port, m));
            if (port.protocol.empty())
                errors.push_back(required(pp.child("protocol")));
            else if (!contains(Names{"SCTP", "TCP", "UDP"}, port.protocol))
                errors.push_back(notSupported(pp.child("protocol"), port.protocol, {"SCTP", "TCP", "UDP"}));
            if (port.appProtocol)
                addMessages(errors, pp.child("appProtocol"), *port.appProtocol, isQualifiedName(*port.appProtocol));
        }
    }
    return errors;
}

FieldErrors check(const Event& event)
{
    // Event names carry a timestamp suffix and need not be DNS names; the API server checks the object it
    // points at instead.
    FieldErrors errors;
    if (event.metadata.name.empty())
        errors.push_back(required(FieldPath("metadata").child("name"), "name or generateName is required"));
    if (event.involvedObject.kind.empty())
        errors.push_back(required(FieldPath("involvedObject").child("kind")));
    if (!event.type.empty() && event.type != "Normal" && event.type != "Warning")
        errors.push_back(notSupported(FieldPath("type"), event.type, {"Normal", "Warning"}));
    return errors;
}

FieldErrors check(const PodPreset& preset)
{
    FieldErrors errors = validateObjectMeta(preset.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath spec("spec");
    addAll(errors, validateLabelSelector(preset.spec.selector, spec.child("selector")));
    // A preset's volumes are checked as they would be inside a pod: wrap them in one.
    PodSpec podSpec;
    podSpec.volumes = preset.spec.volumes;
    FieldErrors volumeErrors = validatePodSpec(podSpec, spec);
    for (FieldError& e : volumeErrors)
        if (e.path.rfind("spec.volumes", 0) == 0)
            errors.push_back(std::move(e));
    for (size_t i = 0; i < preset.spec.env.size(); ++i) {
        const FieldPath p = spec.child("env").index(i);
        if (preset.spec.env[i].name.empty())
            errors.push_back(required(p.child("name")));
        else
            addMessages(errors, p.child("name"), preset.spec.env[i].name, isEnvVarName(preset.spec.env[i].name));
    }
    for (size_t i = 0; i < preset.spec.volumeMounts.size(); ++i) {
        if (preset.spec.volumeMounts[i].name.empty())
            errors.push_back(required(spec.child("volumeMounts").index(i).child("name")));
        if (preset.spec.volumeMounts[i].mountPath.empty())
            errors.push_back(required(spec.child("volumeMounts").index(i).child("mountPath")));
    }
    return errors;
}

// coordination/validation ValidateLease: a subdomain name, a positive duration, no negative transitions.
FieldErrors check(const Lease& lease)
{
    FieldErrors errors = validateObjectMeta(lease.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath spec("spec");
    if (lease.spec.leaseDurationSeconds && *lease.spec.leaseDurationSeconds <= 0)
        errors.push_back(invalid(spec.child("leaseDurationSeconds"), *lease.spec.leaseDurationSeconds,
                                 "must be greater than 0"));
    if (lease.spec.leaseTransitions)
        addAll(errors, validateNonNegative(*lease.spec.leaseTransitions, spec.child("leaseTransitions")));
    return errors;
}

FieldErrors check(const Pod& pod) { return validatePod(pod); }

} // namespace

FieldErrors validate(const Object& object)
{
    return std::visit([](const auto& o) { return check(o); }, object);
}

} // namespace podlab::manifest
