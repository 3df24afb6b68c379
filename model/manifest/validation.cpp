// Validation of the kinds other than Pod (apps/validation and core/validation).
#include "validation.h"
#include "validation_meta.h"

#include <algorithm>
#include <set>

namespace podlab::manifest {

using namespace api;

namespace {

constexpr size_t kMaxConfigSize = 1024 * 1024; // ConfigMaps and Secrets: 1 MiB in total

template <class Map>
FieldErrors validateDataKeys(const Map& data, const FieldPath& path, size_t& totalSize)
{
    FieldErrors errors;
    for (const auto& [key, value] : data) {
        addMessages(errors, path.key(key), key, isConfigMapKey(key));
        if constexpr (std::is_same_v<typename Map::mapped_type, Bytes>)
            totalSize += value.data.size();
        else
            totalSize += value.size();
    }
    return errors;
}

FieldErrors check(const Node& node)
{
    FieldErrors errors = validateObjectMeta(node.metadata, false, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath taints = FieldPath("spec").child("taints");
    std::set<std::pair<std::string, std::string>> seen;
    const std::vector<std::string_view> effects = {"NoExecute", "NoSchedule", "PreferNoSchedule"};
    for (size_t i = 0; i < node.spec.taints.size(); ++i) {
        const Taint& t = node.spec.taints[i];
        const FieldPath p = taints.index(i);
        addMessages(errors, p.child("key"), t.key, isQualifiedName(t.key));
        if (!t.value.empty())
            addMessages(errors, p.child("value"), t.value, isLabelValue(t.value));
        if (t.effect.empty())
            errors.push_back(required(p.child("effect")));
        else if (std::find(effects.begin(), effects.end(), t.effect) == effects.end())
            errors.push_back(notSupported(p.child("effect"), t.effect, effects));
        if (!seen.insert({t.key, t.effect}).second)
            errors.push_back(duplicate(p, BadValue::raw("{" + t.key + " " + t.effect + "}")));
    }
    for (const auto& [name, q] : node.status.capacity)
        if (q.sign() < 0)
            errors.push_back(invalid(FieldPath("status").child("capacity").key(name), q.toString(),
                                     "must be greater than or equal to 0"));
    return errors;
}

FieldErrors check(const ConfigMap& cm)
{
    FieldErrors errors = validateObjectMeta(cm.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    size_t total = 0;
    addAll(errors, validateDataKeys(cm.data, FieldPath("data"), total));
    addAll(errors, validateDataKeys(cm.binaryData, FieldPath("binaryData"), total));
    for (const auto& [key, value] : cm.binaryData)
        if (cm.data.contains(key))
            errors.push_back(invalid(FieldPath("data").key(key), key, "duplicate of key present in binaryData"));
    if (total > kMaxConfigSize)
        errors.push_back(tooLong(FieldPath(""), kMaxConfigSize));
    return errors;
}

FieldErrors check(const Secret& secret)
{
    FieldErrors errors = validateObjectMeta(secret.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    size_t total = 0;
    addAll(errors, validateDataKeys(secret.data, FieldPath("data"), total));
    addAll(errors, validateDataKeys(secret.stringData, FieldPath("stringData"), total));
    if (total > kMaxConfigSize)
        errors.push_back(tooLong(FieldPath("data"), kMaxConfigSize));
    auto requireKey = [&](const char* key) {
        if (!secret.data.contains(key) && !secret.stringData.contains(key))
            errors.push_back(required(FieldPath("data").key(key)));
    };
    if (secret.type == "kubernetes.io/tls") {
        requireKey("tls.crt");
        requireKey("tls.key");
    } else if (secret.type == "kubernetes.io/basic-auth") {
        if (!secret.data.contains("username") && !secret.data.contains("password") &&
            !secret.stringData.contains("username") && !secret.stringData.contains("password"))
            errors.push_back(required(FieldPath("data").key("username"), "either username or password is required"));
    } else if (secret.type == "kubernetes.io/ssh-auth") {
        requireKey("ssh-privatekey");
    } else if (secret.type == "kubernetes.io/dockerconfigjson") {
        requireKey(".dockerconfigjson");
    } else if (secret.type == "kubernetes.io/service-account-token") {
        if (!secret.metadata.annotations.contains("kubernetes.io/service-account.name"))
            errors.push_back(required(FieldPath("metadata").child("annotations").key("kubernetes.io/service-account.name")));
    }
    return errors;
}

FieldErrors check(const ServiceAccount& sa)
{
    return validateObjectMeta(sa.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
}

FieldErrors check(const Namespace& ns)
{
    return validateObjectMeta(ns.metadata, false, isDns1123Label, FieldPath("metadata"));
}

bool selectorMatches(const LabelSelector& selector, const StringMap& labels)
{
    for (const auto& [k, v] : selector.matchLabels) {
        auto it = labels.find(k);
        if (it == labels.end() || it->second != v)
            return false;
    }
    for (const LabelSelectorRequirement& r : selector.matchExpressions) {
        const auto it = labels.find(r.key);
        const bool has = it != labels.end();
        const bool in = has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
        if ((r.operator_ == "In" && !in) || (r.operator_ == "NotIn" && in) || (r.operator_ == "Exists" && !has) ||
            (r.operator_ == "DoesNotExist" && has))
            return false;
    }
    return true;
}

std::string goMapLiteral(const StringMap& labels)
{
    std::string out = "map[string]string{";
    bool first = true;
    for (const auto& [k, v] : labels) {
        out += (first ? "" : ", ") + BadValue::quote(k) + ":" + BadValue::quote(v);
        first = false;
    }
    return out + "}";
}

// The parts Deployments and ReplicaSets share: a selector that selects the template's labels, and a
// template whose pods restart always.
FieldErrors validateWorkload(const std::optional<int32_t>& replicas, const std::optional<LabelSelector>& selector,
                             const PodTemplateSpec& tmpl, const char* kind)
{
    FieldErrors errors;
    const FieldPath spec("spec");
    if (replicas)
        addAll(errors, validateNonNegative(*replicas, spec.child("replicas")));
    if (!selector) {
        errors.push_back(required(spec.child("selector")));
    } else {
        addAll(errors, validateLabelSelector(*selector, spec.child("selector")));
        if (selector->matchLabels.empty() && selector->matchExpressions.empty())
            errors.push_back(invalid(spec.child("selector"), BadValue::raw("v1.LabelSelector{}"),
                                     std::string("empty selector is invalid for ") + kind));
        else if (!selectorMatches(*selector, tmpl.metadata.labels))
            errors.push_back(invalid(spec.child("template").child("metadata").child("labels"),
                                     BadValue::raw(goMapLiteral(tmpl.metadata.labels)),
                                     "`selector` does not match template `labels`"));
    }
    const FieldPath t = spec.child("template");
    addAll(errors, validateLabels(tmpl.metadata.labels, t.child("metadata").child("labels")));
    addAll(errors, validateAnnotations(tmpl.metadata.annotations, t.child("metadata").child("annotations")));
    addAll(errors, validatePodSpec(tmpl.spec, t.child("spec")));
    if (tmpl.spec.restartPolicy != "Always")
        errors.push_back(notSupported(t.child("spec").child("restartPolicy"), tmpl.spec.restartPolicy, {"Always"}));
    if (tmpl.spec.activeDeadlineSeconds)
        errors.push_back(forbidden(t.child("spec").child("activeDeadlineSeconds"),
                                   "activeDeadlineSeconds in ReplicaSet is not Supported"));
    return errors;
}

FieldErrors validateIntOrPercent(const IntOrString& v, const FieldPath& path)
{
    if (!v.isString)
        return validateNonNegative(v.intValue, path);
    const std::string& s = v.stringValue;
    if (s.size() < 2 || s.back() != '%' ||
        !std::all_of(s.begin(), s.end() - 1, [](char c) { return c >= '0' && c <= '9'; }))
        return {invalid(path, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. "
                                 "'1%',  or '93%', regex used for validation is '[0-9]+%')")};
    if (std::stoi(s.substr(0, s.size() - 1)) > 100)
        return {invalid(path, s, "must not be greater than 100%")};
    return {};
}

bool isZero(const std::optional<IntOrString>& v)
{
    return !v || (v->isString ? (v->stringValue == "0%") : v->intValue == 0);
}

FieldErrors check(const Deployment& d)
{
    FieldErrors errors = validateObjectMeta(d.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    addAll(errors, validateWorkload(d.spec.replicas, d.spec.selector, d.spec.template_, "deployment"));
    const FieldPath strategy = FieldPath("spec").child("strategy");
    const std::string& type = d.spec.strategy.type;
    if (type == "Recreate") {
        if (d.spec.strategy.rollingUpdate)
            errors.push_back(forbidden(strategy.child("rollingUpdate"),
                                       "may not be specified when strategy `type` is 'Recreate'"));
    } else if (type == "RollingUpdate") {
        if (!d.spec.strategy.rollingUpdate) {
            errors.push_back(required(strategy.child("rollingUpdate"), "this should be defaulted and never be nil"));
        } else {
            const RollingUpdateDeployment& ru = *d.spec.strategy.rollingUpdate;
            const FieldPath rp = strategy.child("rollingUpdate");
            if (ru.maxUnavailable)
                addAll(errors, validateIntOrPercent(*ru.maxUnavailable, rp.child("maxUnavailable")));
            if (ru.maxSurge)
                addAll(errors, validateIntOrPercent(*ru.maxSurge, rp.child("maxSurge")));
            if (isZero(ru.maxUnavailable) && isZero(ru.maxSurge))
                errors.push_back(invalid(rp.child("maxUnavailable"), ru.maxUnavailable->toString(),
                                         "may not be 0 when `maxSurge` is 0"));
        }
    } else {
        errors.push_back(notSupported(strategy.child("type"), type, {"Recreate", "RollingUpdate"}));
    }
    addAll(errors, validateNonNegative(d.spec.minReadySeconds, FieldPath("spec").child("minReadySeconds")));
    if (d.spec.revisionHistoryLimit)
        addAll(errors, validateNonNegative(*d.spec.revisionHistoryLimit, FieldPath("spec").child("revisionHistoryLimit")));
    if (d.spec.progressDeadlineSeconds) {
        addAll(errors, validateNonNegative(*d.spec.progressDeadlineSeconds,
                                           FieldPath("spec").child("progressDeadlineSeconds")));
        if (*d.spec.progressDeadlineSeconds <= d.spec.minReadySeconds)
            errors.push_back(invalid(FieldPath("spec").child("progressDeadlineSeconds"), *d.spec.progressDeadlineSeconds,
                                     "must be greater than minReadySeconds"));
    }
    return errors;
}

FieldErrors check(const ReplicaSet& rs)
{
    FieldErrors errors = validateObjectMeta(rs.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    addAll(errors, validateWorkload(rs.spec.replicas, rs.spec.selector, rs.spec.template_, "replicaset"));
    addAll(errors, validateNonNegative(rs.spec.minReadySeconds, FieldPath("spec").child("minReadySeconds")));
    return errors;
}

FieldErrors check(const Service& svc)
{
    FieldErrors errors = validateObjectMeta(svc.metadata, true, isDns1035Label, FieldPath("metadata"));
    const FieldPath spec("spec");
    const ServiceSpec& s = svc.spec;
    const std::vector<std::string_view> types = {"ClusterIP", "ExternalName", "LoadBalancer", "NodePort"};
    if (std::find(types.begin(), types.end(), s.type) == types.end())
        errors.push_back(notSupported(spec.child("type"), s.type, types));
    if (s.type == "ExternalName") {
        if (s.externalName.empty())
            errors.push_back(required(spec.child("externalName")));
    } else if (s.ports.empty() && s.clusterIP != "None") {
        errors.push_back(required(spec.child("ports")));
    }
    std::set<std::string> names;
    for (size_t i = 0; i < s.ports.size(); ++i) {
        const ServicePort& port = s.ports[i];
        const FieldPath p = spec.child("ports").index(i);
        if (s.ports.size() > 1 && port.name.empty())
            errors.push_back(required(p.child("name")));
        if (!port.name.empty()) {
            addMessages(errors, p.child("name"), port.name, isDns1123Label(port.name));
            if (!names.insert(port.name).second)
                errors.push_back(duplicate(p.child("name"), port.name));
        }
        for (const std::string& m : isValidPortNum(port.port))
            errors.push_back(invalid(p.child("port"), port.port, m));
        const std::vector<std::string_view> protocols = {"SCTP", "TCP", "UDP"};
        if (std::find(protocols.begin(), protocols.end(), port.protocol) == protocols.end())
            errors.push_back(notSupported(p.child("protocol"), port.protocol, protocols));
        if (port.targetPort.isString)
            addMessages(errors, p.child("targetPort"), port.targetPort.stringValue,
                        isValidPortName(port.targetPort.stringValue));
        else
            for (const std::string& m : isValidPortNum(port.targetPort.intValue))
                errors.push_back(invalid(p.child("targetPort"), port.targetPort.intValue, m));
        if (port.nodePort != 0 && s.type != "NodePort" && s.type != "LoadBalancer")
            errors.push_back(forbidden(p.child("nodePort"), "may not be used when `type` is 'ClusterIP'"));
    }
    if (!s.clusterIP.empty() && s.clusterIP != "None")
        addMessages(errors, spec.child("clusterIP"), s.clusterIP, isValidIP(s.clusterIP));
    const std::vector<std::string_view> affinities = {"ClientIP", "None"};
    if (std::find(affinities.begin(), affinities.end(), s.sessionAffinity) == affinities.end())
        errors.push_back(notSupported(spec.child("sessionAffinity"), s.sessionAffinity, affinities));
    addAll(errors, validateLabels(s.selector, spec.child("selector")));
    return errors;
}

FieldErrors check(const Endpoints& ep)
{
    FieldErrors errors = validateObjectMeta(ep.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    for (size_t i = 0; i < ep.subsets.size(); ++i) {
        const FieldPath p = FieldPath("subsets").index(i);
        auto addresses = [&](const std::vector<EndpointAddress>& list, const char* name) {
            for (size_t k = 0; k < list.size(); ++k)
                addMessages(errors, p.child(name).index(k).child("ip"), list[k].ip, isValidIP(list[k].ip));
        };
        addresses(ep.subsets[i].addresses, "addresses");
        addresses(ep.subsets[i].notReadyAddresses, "notReadyAddresses");
        for (size_t k = 0; k < ep.subsets[i].ports.size(); ++k)
            for (const std::string& m : isValidPortNum(ep.subsets[i].ports[k].port))
                errors.push_back(invalid(p.child("ports").index(k).child("port"), ep.subsets[i].ports[k].port, m));
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
    // A preset's parts are checked as they would be inside a pod: wrap them in one.
    PodSpec podSpec;
    podSpec.volumes = preset.spec.volumes;
    podSpec.restartPolicy = "Always";
    podSpec.dnsPolicy = "ClusterFirst";
    FieldErrors volumeErrors = validatePodSpec(podSpec, spec);
    for (FieldError& e : volumeErrors)
        if (e.path.rfind("spec.volumes", 0) == 0)
            errors.push_back(std::move(e));
    for (size_t i = 0; i < preset.spec.env.size(); ++i)
        if (preset.spec.env[i].name.empty())
            errors.push_back(required(spec.child("env").index(i).child("name")));
    for (size_t i = 0; i < preset.spec.volumeMounts.size(); ++i) {
        if (preset.spec.volumeMounts[i].name.empty())
            errors.push_back(required(spec.child("volumeMounts").index(i).child("name")));
        if (preset.spec.volumeMounts[i].mountPath.empty())
            errors.push_back(required(spec.child("volumeMounts").index(i).child("mountPath")));
    }
    return errors;
}

FieldErrors check(const Pod& pod) { return validatePod(pod); }

} // namespace

FieldErrors validate(const Object& object)
{
    return std::visit([](const auto& o) { return check(o); }, object);
}

} // namespace podlab::manifest
