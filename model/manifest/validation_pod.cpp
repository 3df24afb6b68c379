// Pod validation, after k8s.io/kubernetes pkg/apis/core/validation (ValidatePodCreate and what it calls).
#include "validation.h"
#include "validation_meta.h"

#include <algorithm>
#include <set>

namespace podlab::manifest {

using namespace api;

namespace {

template <class Container, class Value>
bool contains(const Container& c, const Value& v)
{
    return std::find(std::begin(c), std::end(c), v) != std::end(c);
}

FieldErrors validatePortNumOrName(const IntOrString& port, const FieldPath& path)
{
    FieldErrors errors;
    if (port.isString) {
        if (port.stringValue.empty())
            errors.push_back(required(path));
        else
            addMessages(errors, path, port.stringValue, isValidPortName(port.stringValue));
    } else {
        for (const std::string& m : isValidPortNum(port.intValue))
            errors.push_back(invalid(path, port.intValue, m));
    }
    return errors;
}

FieldErrors validateExec(const ExecAction& exec, const FieldPath& path)
{
    if (exec.command.empty())
        return {required(path.child("command"))};
    return {};
}

FieldErrors validateHttpGet(const HTTPGetAction& http, const FieldPath& path)
{
    FieldErrors errors;
    if (http.path.empty())
        errors.push_back(required(path.child("path")));
    addAll(errors, validatePortNumOrName(http.port, path.child("port")));
    if (http.scheme != "HTTP" && http.scheme != "HTTPS")
        errors.push_back(notSupported(path.child("scheme"), http.scheme, {"HTTP", "HTTPS"}));
    for (const HTTPHeader& h : http.httpHeaders)
        addMessages(errors, path.child("httpHeaders"), h.name, isHttpHeaderName(h.name));
    return errors;
}

template <class Handler>
int handlerCount(const Handler& h)
{
    int n = int(h.exec.has_value()) + int(h.httpGet.has_value()) + int(h.tcpSocket.has_value());
    if constexpr (requires { h.grpc; })
        n += int(h.grpc.has_value());
    if constexpr (requires { h.sleep; })
        n += int(h.sleep.has_value());
    return n;
}

template <class Handler>
FieldErrors validateHandler(const Handler& h, const FieldPath& path, int64_t gracePeriod)
{
    FieldErrors errors;
    const int n = handlerCount(h);
    if (n == 0)
        return {required(path, "must specify a handler type")};
    // The API server names the second handler it finds.
    int seen = 0;
    auto check = [&](bool present, std::string_view name, auto&& validateOne) {
        if (!present)
            return;
        if (++seen > 1)
            errors.push_back(forbidden(path.child(name), "may not specify more than 1 handler type"));
        else
            addAll(errors, validateOne());
    };
    check(h.exec.has_value(), "exec", [&] { return validateExec(*h.exec, path.child("exec")); });
    check(h.httpGet.has_value(), "httpGet", [&] { return validateHttpGet(*h.httpGet, path.child("httpGet")); });
    check(h.tcpSocket.has_value(), "tcpSocket",
          [&] { return validatePortNumOrName(h.tcpSocket->port, path.child("tcpSocket").child("port")); });
    if constexpr (requires { h.grpc; }) {
        check(h.grpc.has_value(), "grpc", [&] {
            FieldErrors e;
            for (const std::string& m : isValidPortNum(h.grpc->port))
                e.push_back(invalid(path.child("grpc").child("port"), h.grpc->port, m));
            return e;
        });
    }
    if constexpr (requires { h.sleep; }) {
        check(h.sleep.has_value(), "sleep", [&] {
            FieldErrors e;
            if (h.sleep->seconds <= 0 || h.sleep->seconds > gracePeriod)
                e.push_back(invalid(path.child("sleep").child("seconds"), h.sleep->seconds,
                                    "must be greater than 0 and less than terminationGracePeriodSeconds (" +
                                        std::to_string(gracePeriod) + ")"));
            return e;
        });
    }
    return errors;
}

enum class ProbeKind { Liveness, Readiness, Startup };

FieldErrors validateProbe(const std::optional<Probe>& probe, ProbeKind kind, const FieldPath& path, int64_t grace)
{
    if (!probe)
        return {};
    FieldErrors errors = validateHandler(*probe, path, grace);
    addAll(errors, validateNonNegative(probe->initialDelaySeconds, path.child("initialDelaySeconds")));
    addAll(errors, validateNonNegative(probe->timeoutSeconds, path.child("timeoutSeconds")));
    addAll(errors, validateNonNegative(probe->periodSeconds, path.child("periodSeconds")));
    addAll(errors, validateNonNegative(probe->successThreshold, path.child("successThreshold")));
    addAll(errors, validateNonNegative(probe->failureThreshold, path.child("failureThreshold")));
    if (kind != ProbeKind::Readiness && probe->successThreshold != 1)
        errors.push_back(invalid(path.child("successThreshold"), probe->successThreshold, "must be 1"));
    if (probe->terminationGracePeriodSeconds) {
        if (kind == ProbeKind::Readiness)
            errors.push_back(invalid(path.child("terminationGracePeriodSeconds"),
                                     *probe->terminationGracePeriodSeconds, "must not be set for readinessProbes"));
        else if (*probe->terminationGracePeriodSeconds <= 0)
            errors.push_back(invalid(path.child("terminationGracePeriodSeconds"),
                                     *probe->terminationGracePeriodSeconds, "must be greater than 0"));
    }
    return errors;
}

const std::vector<std::string_view> kEnvFieldPaths = {
    "metadata.name",      "metadata.namespace", "metadata.uid", "spec.nodeName", "spec.serviceAccountName",
    "status.hostIP",      "status.hostIPs",     "status.podIP", "status.podIPs"};
const std::vector<std::string_view> kVolumeFieldPaths = {"metadata.annotations", "metadata.labels",
                                                         "metadata.name", "metadata.namespace", "metadata.uid"};
const std::vector<std::string_view> kResourceFields = {"limits.cpu",          "limits.ephemeral-storage",
                                                       "limits.memory",       "requests.cpu",
                                                       "requests.ephemeral-storage", "requests.memory"};

// metadata.labels['key'] / metadata.annotations['key']: a subscript must name a valid key.
bool isSubscriptedPath(std::string_view path, std::string& key)
{
    for (std::string_view prefix : {"metadata.labels['", "metadata.annotations['"}) {
        if (path.substr(0, prefix.size()) == prefix && path.size() > prefix.size() + 2 &&
            path.substr(path.size() - 2) == "']") {
            key = std::string(path.substr(prefix.size(), path.size() - prefix.size() - 2));
            return true;
        }
    }
    return false;
}

FieldErrors validateFieldRef(const ObjectFieldSelector& ref, const std::vector<std::string_view>& supported,
                             const FieldPath& path)
{
    FieldErrors errors;
    if (ref.apiVersion.empty())
        errors.push_back(required(path.child("apiVersion")));
    if (ref.fieldPath.empty()) {
        errors.push_back(required(path.child("fieldPath")));
        return errors;
    }
    if (ref.apiVersion != "v1" && !ref.apiVersion.empty()) {
        errors.push_back(invalid(path.child("apiVersion"), ref.apiVersion, "unsupported version"));
        return errors;
    }
    std::string key;
    if (isSubscriptedPath(ref.fieldPath, key)) {
        addMessages(errors, path.child("fieldPath"), ref.fieldPath, isQualifiedName(key));
        return errors;
    }
    if (!contains(supported, ref.fieldPath))
        errors.push_back(notSupported(path.child("fieldPath"), ref.fieldPath, supported));
    return errors;
}

FieldErrors validateResourceFieldRef(const ResourceFieldSelector& ref, const FieldPath& path,
                                     bool containerNameRequired, const std::set<std::string>& containerNames)
{
    FieldErrors errors;
    if (containerNameRequired && ref.containerName.empty())
        errors.push_back(required(path.child("containerName")));
    else if (!ref.containerName.empty() && !containerNames.contains(ref.containerName))
        errors.push_back(notFound(path.child("containerName"), ref.containerName));
    if (ref.resource.empty()) {
        errors.push_back(required(path.child("resource")));
    } else if (!contains(kResourceFields, ref.resource) && ref.resource.rfind("limits.hugepages-", 0) != 0 &&
               ref.resource.rfind("requests.hugepages-", 0) != 0) {
        errors.push_back(notSupported(path.child("resource"), ref.resource, kResourceFields));
    } else if (!ref.divisor.isZero()) {
        const std::string d = ref.divisor.toString();
        if (ref.resource.ends_with(".cpu") && d != "1m" && d != "1")
            errors.push_back(invalid(path.child("divisor"), d,
                                     "only divisor's values 1m and 1 are supported with the cpu resource"));
        if (ref.resource.ends_with(".memory") &&
            !contains(std::vector<std::string_view>{"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi",
                                                    "1Ti", "1Pi", "1Ei"},
                      d))
            errors.push_back(invalid(path.child("divisor"), d,
                                     "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei "
                                     "are supported with the memory resource"));
    }
    return errors;
}

FieldErrors validateEnv(const std::vector<EnvVar>& env, const FieldPath& path,
                        const std::set<std::string>& containerNames)
{
    FieldErrors errors;
    for (size_t i = 0; i < env.size(); ++i) {
        const EnvVar& var = env[i];
        const FieldPath p = path.index(i);
        if (var.name.empty())
            errors.push_back(required(p.child("name")));
        else
            addMessages(errors, p.child("name"), var.name, isEnvVarName(var.name));
        if (!var.valueFrom)
            continue;
        const EnvVarSource& from = *var.valueFrom;
        const FieldPath fp = p.child("valueFrom");
        const int sources = int(from.fieldRef.has_value()) + int(from.resourceFieldRef.has_value()) +
                            int(from.configMapKeyRef.has_value()) + int(from.secretKeyRef.has_value());
        if (!var.value.empty()) {
            errors.push_back(invalid(fp, "", "may not be specified when `value` is not empty"));
        } else if (sources == 0) {
            errors.push_back(invalid(fp, "",
                                     "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or "
                                     "`secretKeyRef`"));
        } else if (sources > 1) {
            errors.push_back(invalid(fp, "", "may not have more than one field specified at a time"));
        }
        if (from.fieldRef)
            addAll(errors, validateFieldRef(*from.fieldRef, kEnvFieldPaths, fp.child("fieldRef")));
        if (from.resourceFieldRef)
            addAll(errors, validateResourceFieldRef(*from.resourceFieldRef, fp.child("resourceFieldRef"), false,
                                                    containerNames));
        auto keyRef = [&](const std::string& name, const std::string& key, const FieldPath& rp) {
            if (name.empty())
                errors.push_back(required(rp.child("name")));
            else
                addMessages(errors, rp.child("name"), name, isDns1123Subdomain(name));
            if (key.empty())
                errors.push_back(required(rp.child("key")));
            else
                addMessages(errors, rp.child("key"), key, isConfigMapKey(key));
        };
        if (from.configMapKeyRef)
            keyRef(from.configMapKeyRef->name, from.configMapKeyRef->key, fp.child("configMapKeyRef"));
        if (from.secretKeyRef)
            keyRef(from.secretKeyRef->name, from.secretKeyRef->key, fp.child("secretKeyRef"));
    }
    return errors;
}

FieldErrors validateEnvFrom(const std::vector<EnvFromSource>& envFrom, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < envFrom.size(); ++i) {
        const EnvFromSource& e = envFrom[i];
        const FieldPath p = path.index(i);
        if (!e.prefix.empty())
            addMessages(errors, p.child("prefix"), e.prefix, isEnvVarName(e.prefix));
        const int n = int(e.configMapRef.has_value()) + int(e.secretRef.has_value());
        if (n == 0)
            errors.push_back(invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
        else if (n > 1)
            errors.push_back(invalid(p, "", "may not have more than one field specified at a time"));
        if (e.configMapRef) {
            if (e.configMapRef->name.empty())
                errors.push_back(required(p.child("configMapRef").child("name")));
            else
                addMessages(errors, p.child("configMapRef").child("name"), e.configMapRef->name,
                            isDns1123Subdomain(e.configMapRef->name));
        }
        if (e.secretRef) {
            if (e.secretRef->name.empty())
                errors.push_back(required(p.child("secretRef").child("name")));
            else
                addMessages(errors, p.child("secretRef").child("name"), e.secretRef->name,
                            isDns1123Subdomain(e.secretRef->name));
        }
    }
    return errors;
}

FieldErrors validateRelativePath(const std::string& path, const FieldPath& field)
{
    FieldErrors errors;
    if (!path.empty() && path.front() == '/')
        errors.push_back(invalid(field, path, "must be a relative path"));
    size_t start = 0;
    while (start <= path.size()) {
        const size_t slash = path.find('/', start);
        const std::string_view part =
            std::string_view(path).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..") {
            errors.push_back(invalid(field, path, "must not contain '..'"));
            break;
        }
        if (slash == std::string::npos)
            break;
        start = slash + 1;
    }
    return errors;
}

FieldErrors validateVolumeMounts(const std::vector<VolumeMount>& mounts, const std::set<std::string>& volumes,
                                 const FieldPath& path)
{
    FieldErrors errors;
    std::set<std::string> mountPaths;
    for (size_t i = 0; i < mounts.size(); ++i) {
        const VolumeMount& m = mounts[i];
        const FieldPath p = path.index(i);
        if (m.name.empty())
            errors.push_back(required(p.child("name")));
        else if (!volumes.contains(m.name))
            errors.push_back(notFound(p.child("name"), m.name));
        if (m.mountPath.empty())
            errors.push_back(required(p.child("mountPath")));
        else if (!mountPaths.insert(m.mountPath).second)
            errors.push_back(invalid(p.child("mountPath"), m.mountPath, "must be unique"));
        if (!m.subPath.empty())
            addAll(errors, validateRelativePath(m.subPath, p.child("subPath")));
        if (!m.subPath.empty() && !m.subPathExpr.empty())
            errors.push_back(invalid(p.child("subPathExpr"), m.subPathExpr,
                                     "subPathExpr and subPath are mutually exclusive"));
        if (m.mountPropagation && !contains(std::vector<std::string_view>{"Bidirectional", "HostToContainer", "None"},
                                            *m.mountPropagation))
            errors.push_back(notSupported(p.child("mountPropagation"), *m.mountPropagation,
                                          {"Bidirectional", "HostToContainer", "None"}));
    }
    return errors;
}

bool isStandardResourceName(const std::string& name)
{
    return name == "cpu" || name == "memory" || name == "ephemeral-storage" || name == "storage" ||
           name.rfind("hugepages-", 0) == 0 || name.find('/') != std::string::npos;
}

FieldErrors validateResources(const ResourceRequirements& r, const FieldPath& path)
{
    FieldErrors errors;
    auto checkList = [&](const ResourceList& list, const FieldPath& lp) {
        for (const auto& [name, q] : list) {
            const FieldPath p = lp.key(name);
            if (!isStandardResourceName(name))
                errors.push_back(invalid(p, name, "must be a standard resource type or fully qualified"));
            if (q.sign() < 0)
                errors.push_back(invalid(p, q.toString(), "must be greater than or equal to 0"));
        }
    };
    checkList(r.limits, path.child("limits"));
    checkList(r.requests, path.child("requests"));
    for (const auto& [name, request] : r.requests) {
        const auto limit = r.limits.find(name);
        if (limit != r.limits.end() && request > limit->second)
            errors.push_back(invalid(path.child("requests").key(name), request.toString(),
                                     "must be less than or equal to " + name + " limit of " +
                                         limit->second.toString()));
    }
    return errors;
}

enum class ContainerKind { Regular, Init };

FieldErrors validateContainer(const Container& c, ContainerKind kind, const std::set<std::string>& volumes,
                              const std::set<std::string>& containerNames, int64_t grace, const FieldPath& p)
{
    FieldErrors errors;
    if (c.name.empty())
        errors.push_back(required(p.child("name")));
    else
        addMessages(errors, p.child("name"), c.name, isDns1123Label(c.name));
    if (c.image.empty())
        errors.push_back(required(p.child("image")));
    else if (c.image != std::string(c.image.begin(), std::find_if(c.image.begin(), c.image.end(), ::isspace)) ||
             c.image.front() == ' ')
        errors.push_back(invalid(p.child("image"), c.image, "must not have leading or trailing whitespace"));
    if (!contains(std::vector<std::string_view>{"Always", "IfNotPresent", "Never"}, c.imagePullPolicy))
        errors.push_back(notSupported(p.child("imagePullPolicy"), c.imagePullPolicy, {"Always", "IfNotPresent", "Never"}));
    if (!contains(std::vector<std::string_view>{"FallbackToLogsOnError", "File"}, c.terminationMessagePolicy))
        errors.push_back(notSupported(p.child("terminationMessagePolicy"), c.terminationMessagePolicy,
                                      {"FallbackToLogsOnError", "File"}));

    std::set<std::string> portNames;
    for (size_t i = 0; i < c.ports.size(); ++i) {
        const ContainerPort& port = c.ports[i];
        const FieldPath pp = p.child("ports").index(i);
        if (!port.name.empty()) {
            addMessages(errors, pp.child("name"), port.name, isValidPortName(port.name));
            if (!portNames.insert(port.name).second)
                errors.push_back(duplicate(pp.child("name"), port.name));
        }
        if (port.containerPort == 0)
            errors.push_back(required(pp.child("containerPort")));
        else
            for (const std::string& m : isValidPortNum(port.containerPort))
                errors.push_back(invalid(pp.child("containerPort"), port.containerPort, m));
        if (port.hostPort != 0)
            for (const std::string& m : isValidPortNum(port.hostPort))
                errors.push_back(invalid(pp.child("hostPort"), port.hostPort, m));
        if (!contains(std::vector<std::string_view>{"SCTP", "TCP", "UDP"}, port.protocol))
            errors.push_back(notSupported(pp.child("protocol"), port.protocol, {"SCTP", "TCP", "UDP"}));
    }

    addAll(errors, validateEnv(c.env, p.child("env"), containerNames));
    addAll(errors, validateEnvFrom(c.envFrom, p.child("envFrom")));
    addAll(errors, validateVolumeMounts(c.volumeMounts, volumes, p.child("volumeMounts")));
    addAll(errors, validateResources(c.resources, p.child("resources")));

    const bool sidecar = kind == ContainerKind::Init && c.isSidecar();
    if (kind == ContainerKind::Init && !sidecar) {
        const char* why = "may not be set for init containers without restartPolicy=Always";
        if (c.restartPolicy)
            errors.push_back(notSupported(p.child("restartPolicy"), *c.restartPolicy, {"Always"}));
        if (c.lifecycle)
            errors.push_back(forbidden(p.child("lifecycle"), why));
        if (c.livenessProbe)
            errors.push_back(forbidden(p.child("livenessProbe"), why));
        if (c.readinessProbe)
            errors.push_back(forbidden(p.child("readinessProbe"), why));
        if (c.startupProbe)
            errors.push_back(forbidden(p.child("startupProbe"), why));
        return errors;
    }
    if (kind == ContainerKind::Regular && c.restartPolicy)
        errors.push_back(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
    addAll(errors, validateProbe(c.livenessProbe, ProbeKind::Liveness, p.child("livenessProbe"), grace));
    addAll(errors, validateProbe(c.readinessProbe, ProbeKind::Readiness, p.child("readinessProbe"), grace));
    addAll(errors, validateProbe(c.startupProbe, ProbeKind::Startup, p.child("startupProbe"), grace));
    if (c.lifecycle) {
        if (c.lifecycle->postStart)
            addAll(errors, validateHandler(*c.lifecycle->postStart, p.child("lifecycle").child("postStart"), grace));
        if (c.lifecycle->preStop)
            addAll(errors, validateHandler(*c.lifecycle->preStop, p.child("lifecycle").child("preStop"), grace));
    }
    return errors;
}

FieldErrors validateKeyToPaths(const std::vector<KeyToPath>& items, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < items.size(); ++i) {
        const KeyToPath& item = items[i];
        const FieldPath p = path.index(i);
        if (item.key.empty())
            errors.push_back(required(p.child("key")));
        if (item.path.empty())
            errors.push_back(required(p.child("path")));
        else
            addAll(errors, validateRelativePath(item.path, p.child("path")));
        if (item.path.rfind("..", 0) == 0)
            errors.push_back(invalid(p.child("path"), item.path, "must not start with '..'"));
        if (item.mode && (*item.mode < 0 || *item.mode > 0777))
            errors.push_back(invalid(p.child("mode"), *item.mode, "must be a number between 0 and 0777 (octal), both inclusive"));
    }
    return errors;
}

FieldErrors validateMode(const std::optional<int32_t>& mode, const FieldPath& path)
{
    if (mode && (*mode < 0 || *mode > 0777))
        return {invalid(path, *mode, "must be a number between 0 and 0777 (octal), both inclusive")};
    return {};
}

FieldErrors validateDownwardItems(const std::vector<DownwardAPIVolumeFile>& items,
                                  const std::set<std::string>& containerNames, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < items.size(); ++i) {
        const DownwardAPIVolumeFile& f = items[i];
        const FieldPath p = path.index(i);
        if (f.path.empty())
            errors.push_back(required(p.child("path")));
        else
            addAll(errors, validateRelativePath(f.path, p.child("path")));
        addAll(errors, validateMode(f.mode, p.child("mode")));
        const int n = int(f.fieldRef.has_value()) + int(f.resourceFieldRef.has_value());
        if (n == 0)
            errors.push_back(required(p, "one of fieldRef and resourceFieldRef is required"));
        if (n > 1)
            errors.push_back(invalid(p.child("resourceFieldRef"), "resource",
                                     "fieldRef and resourceFieldRef can not be specified simultaneously"));
        if (f.fieldRef)
            addAll(errors, validateFieldRef(*f.fieldRef, kVolumeFieldPaths, p.child("fieldRef")));
        if (f.resourceFieldRef)
            addAll(errors, validateResourceFieldRef(*f.resourceFieldRef, p.child("resourceFieldRef"), true,
                                                    containerNames));
    }
    return errors;
}

FieldErrors validateProjected(const ProjectedVolumeSource& projected, const std::set<std::string>& containerNames,
                              const FieldPath& path)
{
    FieldErrors errors = validateMode(projected.defaultMode, path.child("defaultMode"));
    std::set<std::string> paths;
    auto addPath = [&](const std::string& filePath, const FieldPath& at) {
        if (!paths.insert(filePath).second)
            errors.push_back(invalid(at, filePath, "conflicting duplicate paths"));
    };
    for (size_t i = 0; i < projected.sources.size(); ++i) {
        const VolumeProjection& s = projected.sources[i];
        const FieldPath p = path.child("sources").index(i);
        const int n = int(s.secret.has_value()) + int(s.configMap.has_value()) + int(s.downwardAPI.has_value()) +
                      int(s.serviceAccountToken.has_value()) + int(s.unmodelled.size());
        if (n == 0)
            errors.push_back(required(p, "must specify exactly 1 of: secret, configMap, downwardAPI, serviceAccountToken"));
        if (n > 1)
            errors.push_back(forbidden(p, "may not specify more than 1 volume type per source"));
        auto keyed = [&](const std::string& name, const std::vector<KeyToPath>& items, const FieldPath& sp) {
            if (name.empty())
                errors.push_back(required(sp.child("name")));
            addAll(errors, validateKeyToPaths(items, sp.child("items")));
            for (size_t k = 0; k < items.size(); ++k)
                addPath(items[k].path, sp.child("items").index(k).child("path"));
        };
        if (s.secret)
            keyed(s.secret->name, s.secret->items, p.child("secret"));
        if (s.configMap)
            keyed(s.configMap->name, s.configMap->items, p.child("configMap"));
        if (s.downwardAPI) {
            addAll(errors, validateDownwardItems(s.downwardAPI->items, containerNames, p.child("downwardAPI").child("items")));
            for (size_t k = 0; k < s.downwardAPI->items.size(); ++k)
                addPath(s.downwardAPI->items[k].path, p.child("downwardAPI").child("items").index(k).child("path"));
        }
        if (s.serviceAccountToken) {
            const ServiceAccountTokenProjection& t = *s.serviceAccountToken;
            const FieldPath tp = p.child("serviceAccountToken");
            const int64_t seconds = t.expirationSeconds.value_or(3600);
            if (seconds < 600)
                errors.push_back(invalid(tp.child("expirationSeconds"), seconds,
                                         "may not specify a duration less than 10 minutes"));
            if (seconds > (int64_t(1) << 32))
                errors.push_back(invalid(tp.child("expirationSeconds"), seconds,
                                         "may not specify a duration larger than 2^32 seconds"));
            if (t.path.empty())
                errors.push_back(required(tp.child("path")));
            else {
                addAll(errors, validateRelativePath(t.path, tp.child("path")));
                addPath(t.path, tp.child("path"));
            }
        }
    }
    return errors;
}

FieldErrors validateVolume(const Volume& v, const std::set<std::string>& containerNames, const FieldPath& p)
{
    FieldErrors errors;
    const int sources = v.sourceCount();
    if (sources == 0)
        errors.push_back(required(p, "must specify a volume type"));
    else if (sources > 1)
        errors.push_back(forbidden(p, "may not specify more than 1 volume type"));
    if (v.hostPath) {
        if (v.hostPath->path.empty())
            errors.push_back(required(p.child("hostPath").child("path")));
        const std::vector<std::string_view> types = {"",          "BlockDevice", "CharDevice", "Directory",
                                                     "DirectoryOrCreate", "File", "FileOrCreate", "Socket"};
        if (v.hostPath->type && !contains(types, *v.hostPath->type))
            errors.push_back(notSupported(p.child("hostPath").child("type"), *v.hostPath->type, types));
    }
    if (v.emptyDir && !contains(std::vector<std::string_view>{"", "Memory", "HugePages"}, v.emptyDir->medium) &&
        v.emptyDir->medium.rfind("HugePages-", 0) != 0)
        errors.push_back(notSupported(p.child("emptyDir").child("medium"), v.emptyDir->medium, {"", "HugePages", "Memory"}));
    if (v.emptyDir && v.emptyDir->sizeLimit && v.emptyDir->sizeLimit->sign() < 0)
        errors.push_back(invalid(p.child("emptyDir").child("sizeLimit"), v.emptyDir->sizeLimit->toString(),
                                 "must be greater than or equal to 0"));
    if (v.secret) {
        if (v.secret->secretName.empty())
            errors.push_back(required(p.child("secret").child("secretName")));
        addAll(errors, validateMode(v.secret->defaultMode, p.child("secret").child("defaultMode")));
        addAll(errors, validateKeyToPaths(v.secret->items, p.child("secret").child("items")));
    }
    if (v.configMap) {
        if (v.configMap->name.empty())
            errors.push_back(required(p.child("configMap").child("name")));
        addAll(errors, validateMode(v.configMap->defaultMode, p.child("configMap").child("defaultMode")));
        addAll(errors, validateKeyToPaths(v.configMap->items, p.child("configMap").child("items")));
    }
    if (v.persistentVolumeClaim && v.persistentVolumeClaim->claimName.empty())
        errors.push_back(required(p.child("persistentVolumeClaim").child("claimName")));
    if (v.downwardAPI) {
        addAll(errors, validateMode(v.downwardAPI->defaultMode, p.child("downwardAPI").child("defaultMode")));
        addAll(errors, validateDownwardItems(v.downwardAPI->items, containerNames, p.child("downwardAPI").child("items")));
    }
    if (v.projected)
        addAll(errors, validateProjected(*v.projected, containerNames, p.child("projected")));
    return errors;
}

FieldErrors validateNodeSelectorTerm(const NodeSelectorTerm& term, const FieldPath& path)
{
    FieldErrors errors;
    auto requirement = [&](const NodeSelectorRequirement& r, const FieldPath& p, bool field) {
        if (r.operator_ == "In" || r.operator_ == "NotIn") {
            if (r.values.empty())
                errors.push_back(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        } else if (r.operator_ == "Exists" || r.operator_ == "DoesNotExist") {
            if (!r.values.empty())
                errors.push_back(forbidden(p.child("values"),
                                           "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        } else if (r.operator_ == "Gt" || r.operator_ == "Lt") {
            if (r.values.size() != 1)
                errors.push_back(required(p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        } else {
            errors.push_back(invalid(p.child("operator"), r.operator_, "not a valid selector operator"));
        }
        if (field) {
            if (r.key != "metadata.name")
                errors.push_back(invalid(p.child("key"), r.key, "not a valid field selector key"));
        } else {
            addMessages(errors, p.child("key"), r.key, isQualifiedName(r.key));
        }
    };
    for (size_t i = 0; i < term.matchExpressions.size(); ++i)
        requirement(term.matchExpressions[i], path.child("matchExpressions").index(i), false);
    for (size_t i = 0; i < term.matchFields.size(); ++i)
        requirement(term.matchFields[i], path.child("matchFields").index(i), true);
    return errors;
}

FieldErrors validateAffinity(const Affinity& affinity, const FieldPath& path)
{
    FieldErrors errors;
    if (!affinity.nodeAffinity)
        return errors;
    const NodeAffinity& na = *affinity.nodeAffinity;
    const FieldPath np = path.child("nodeAffinity");
    if (na.requiredDuringSchedulingIgnoredDuringExecution) {
        const FieldPath rp = np.child("requiredDuringSchedulingIgnoredDuringExecution");
        const auto& terms = na.requiredDuringSchedulingIgnoredDuringExecution->nodeSelectorTerms;
        if (terms.empty())
            errors.push_back(required(rp.child("nodeSelectorTerms"), "must have at least one node selector term"));
        for (size_t i = 0; i < terms.size(); ++i)
            addAll(errors, validateNodeSelectorTerm(terms[i], rp.child("nodeSelectorTerms").index(i)));
    }
    const auto& preferred = na.preferredDuringSchedulingIgnoredDuringExecution;
    for (size_t i = 0; i < preferred.size(); ++i) {
        const FieldPath pp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        if (preferred[i].weight < 1 || preferred[i].weight > 100)
            errors.push_back(invalid(pp.child("weight"), preferred[i].weight, "must be in the range 1-100"));
        addAll(errors, validateNodeSelectorTerm(preferred[i].preference, pp.child("preference")));
    }
    return errors;
}

FieldErrors validateTolerations(const std::vector<Toleration>& tolerations, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < tolerations.size(); ++i) {
        const Toleration& t = tolerations[i];
        const FieldPath p = path.index(i);
        if (!t.key.empty())
            addMessages(errors, p.child("key"), t.key, isQualifiedName(t.key));
        if (t.key.empty() && t.operator_ != "Exists")
            errors.push_back(invalid(p.child("operator"), t.operator_,
                                     "operator must be Exists when `key` is empty, which means \"match all values and "
                                     "all keys\""));
        if (t.tolerationSeconds && t.effect != "NoExecute")
            errors.push_back(invalid(p.child("effect"), t.effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        if (t.operator_ == "Exists") {
            if (!t.value.empty())
                errors.push_back(invalid(p.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
        } else if (!t.operator_.empty() && t.operator_ != "Equal") {
            errors.push_back(notSupported(p.child("operator"), t.operator_, {"Equal", "Exists"}));
        } else {
            addMessages(errors, p.child("value"), t.value, isLabelValue(t.value));
        }
        if (!t.effect.empty() && !contains(std::vector<std::string_view>{"NoExecute", "NoSchedule", "PreferNoSchedule"}, t.effect))
            errors.push_back(notSupported(p.child("effect"), t.effect, {"NoExecute", "NoSchedule", "PreferNoSchedule"}));
    }
    return errors;
}

} // namespace

FieldErrors validatePodSpec(const PodSpec& spec, const FieldPath& path)
{
    FieldErrors errors;
    const int64_t grace = spec.terminationGracePeriodSeconds.value_or(30);

    std::set<std::string> containerNames;
    for (const Container& c : spec.initContainers)
        containerNames.insert(c.name);
    for (const Container& c : spec.containers)
        containerNames.insert(c.name);

    std::set<std::string> volumeNames;
    for (size_t i = 0; i < spec.volumes.size(); ++i) {
        const Volume& v = spec.volumes[i];
        const FieldPath p = path.child("volumes").index(i);
        if (v.name.empty())
            errors.push_back(required(p.child("name")));
        else
            addMessages(errors, p.child("name"), v.name, isDns1123Label(v.name));
        if (!v.name.empty() && !volumeNames.insert(v.name).second)
            errors.push_back(duplicate(p.child("name"), v.name));
        addAll(errors, validateVolume(v, containerNames, p));
    }

    std::set<std::string> seenContainers;
    auto checkContainers = [&](const std::vector<Container>& list, ContainerKind kind, const FieldPath& lp) {
        for (size_t i = 0; i < list.size(); ++i) {
            const FieldPath p = lp.index(i);
            addAll(errors, validateContainer(list[i], kind, volumeNames, containerNames, grace, p));
            if (!list[i].name.empty() && !seenContainers.insert(list[i].name).second)
                errors.push_back(duplicate(p.child("name"), list[i].name));
        }
    };
    checkContainers(spec.initContainers, ContainerKind::Init, path.child("initContainers"));
    if (spec.containers.empty())
        errors.push_back(required(path.child("containers")));
    checkContainers(spec.containers, ContainerKind::Regular, path.child("containers"));

    if (!contains(std::vector<std::string_view>{"Always", "Never", "OnFailure"}, spec.restartPolicy))
        errors.push_back(notSupported(path.child("restartPolicy"), spec.restartPolicy, {"Always", "Never", "OnFailure"}));
    const std::vector<std::string_view> dnsPolicies = {"ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"};
    if (!contains(dnsPolicies, spec.dnsPolicy))
        errors.push_back(notSupported(path.child("dnsPolicy"), spec.dnsPolicy, dnsPolicies));
    if (spec.dnsPolicy == "None" && !spec.dnsConfig)
        errors.push_back(required(path.child("dnsConfig"), "must provide `dnsConfig` when `dnsPolicy` is None"));
    if (spec.dnsConfig) {
        const FieldPath dp = path.child("dnsConfig");
        if (spec.dnsConfig->nameservers.size() > 3)
            errors.push_back(invalid(dp.child("nameservers"), BadValue::raw(std::to_string(spec.dnsConfig->nameservers.size()) + " nameservers"),
                                     "must not have more than 3 nameservers"));
        for (size_t i = 0; i < spec.dnsConfig->nameservers.size(); ++i)
            addMessages(errors, dp.child("nameservers").index(i), spec.dnsConfig->nameservers[i],
                        isValidIP(spec.dnsConfig->nameservers[i]));
        if (spec.dnsPolicy == "None" && spec.dnsConfig->nameservers.empty())
            errors.push_back(required(dp.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None"));
        for (size_t i = 0; i < spec.dnsConfig->options.size(); ++i)
            if (spec.dnsConfig->options[i].name.empty())
                errors.push_back(required(dp.child("options").index(i), "Option.Name must not be empty"));
    }
    if (spec.terminationGracePeriodSeconds && *spec.terminationGracePeriodSeconds < 0)
        errors.push_back(invalid(path.child("terminationGracePeriodSeconds"), *spec.terminationGracePeriodSeconds,
                                 "must be greater than or equal to 0"));
    if (spec.activeDeadlineSeconds &&
        (*spec.activeDeadlineSeconds <= 0 || *spec.activeDeadlineSeconds > 2147483647))
        errors.push_back(invalid(path.child("activeDeadlineSeconds"), *spec.activeDeadlineSeconds,
                                 "must be between 1 and 2147483647, inclusive"));
    addAll(errors, validateLabels(spec.nodeSelector, path.child("nodeSelector")));
    if (!spec.nodeName.empty())
        addMessages(errors, path.child("nodeName"), spec.nodeName, isDns1123Subdomain(spec.nodeName));
    if (!spec.serviceAccountName.empty())
        addMessages(errors, path.child("serviceAccountName"), spec.serviceAccountName,
                    isDns1123Subdomain(spec.serviceAccountName));
    if (!spec.hostname.empty())
        addMessages(errors, path.child("hostname"), spec.hostname, isDns1123Label(spec.hostname));
    if (!spec.subdomain.empty())
        addMessages(errors, path.child("subdomain"), spec.subdomain, isDns1123Label(spec.subdomain));
    for (size_t i = 0; i < spec.hostAliases.size(); ++i) {
        const HostAlias& alias = spec.hostAliases[i];
        const FieldPath p = path.child("hostAliases").index(i);
        if (alias.ip.empty())
            errors.push_back(required(p.child("ip")));
        else
            addMessages(errors, p.child("ip"), alias.ip, isValidIP(alias.ip));
        for (size_t k = 0; k < alias.hostnames.size(); ++k)
            addMessages(errors, p.child("hostnames").index(k), alias.hostnames[k],
                        isDns1123Subdomain(alias.hostnames[k]));
    }
    addAll(errors, validateTolerations(spec.tolerations, path.child("tolerations")));
    if (spec.affinity)
        addAll(errors, validateAffinity(*spec.affinity, path.child("affinity")));
    if (spec.shareProcessNamespace.value_or(false) && spec.hostPID)
        errors.push_back(invalid(path.child("shareProcessNamespace"), true,
                                 "ShareProcessNamespace and HostPID cannot both be enabled"));
    std::set<std::string> gates;
    for (size_t i = 0; i < spec.schedulingGates.size(); ++i) {
        const FieldPath p = path.child("schedulingGates").index(i);
        addMessages(errors, p, spec.schedulingGates[i].name, isQualifiedName(spec.schedulingGates[i].name));
        if (!gates.insert(spec.schedulingGates[i].name).second)
            errors.push_back(duplicate(p, spec.schedulingGates[i].name));
    }
    for (size_t i = 0; i < spec.readinessGates.size(); ++i)
        addMessages(errors, path.child("readinessGates").index(i).child("conditionType"),
                    spec.readinessGates[i].conditionType, isQualifiedName(spec.readinessGates[i].conditionType));
    for (size_t i = 0; i < spec.imagePullSecrets.size(); ++i)
        if (spec.imagePullSecrets[i].name.empty())
            errors.push_back(required(path.child("imagePullSecrets").index(i).child("name")));
    return errors;
}

FieldErrors validatePod(const Pod& pod)
{
    FieldErrors errors = validateObjectMeta(pod.metadata, true, isDns1123Subdomain, FieldPath("metadata"));
    const FieldPath spec("spec");
    addAll(errors, validatePodSpec(pod.spec, spec));
    if (!pod.spec.nodeName.empty() && !pod.spec.schedulingGates.empty())
        errors.push_back(forbidden(spec.child("nodeName"), "cannot be set until all schedulingGates have been removed"));
    return errors;
}

} // namespace podlab::manifest
