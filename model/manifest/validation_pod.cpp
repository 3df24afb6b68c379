// Pod validation, after k8s.io/kubernetes pkg/apis/core/validation (ValidatePodCreate and what it calls): the
// same rules, in the same order, with the same messages.
#include "validation.h"
#include "validation_meta.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <set>

namespace podlab::manifest {

using namespace api;

namespace {

const char* const kFileModeError = "must be a number between 0 and 0777 (octal), both inclusive";

// --- paths ---------------------------------------------------------------------------------------------------

bool isAbsolute(std::string_view path) { return !path.empty() && path.front() == '/'; }

FieldErrors validatePathNoBacksteps(const std::string& path, const FieldPath& field)
{
    size_t start = 0;
    while (true) {
        const size_t slash = path.find('/', start);
        const std::string_view part =
            std::string_view(path).substr(start, slash == std::string::npos ? std::string::npos : slash - start);
        if (part == "..")
            return {invalid(field, path, "must not contain '..'")};
        if (slash == std::string::npos)
            return {};
        start = slash + 1;
    }
}

FieldErrors validateLocalDescendingPath(const std::string& path, const FieldPath& field)
{
    FieldErrors errors;
    if (isAbsolute(path))
        errors.push_back(invalid(field, path, "must be a relative path"));
    addAll(errors, validatePathNoBacksteps(path, field));
    return errors;
}

FieldErrors validateLocalNonReservedPath(const std::string& path, const FieldPath& field)
{
    FieldErrors errors = validateLocalDescendingPath(path, field);
    if (path.rfind("..", 0) == 0 && path.rfind("../", 0) != 0)
        errors.push_back(invalid(field, path, "must not start with '..'"));
    return errors;
}

FieldErrors validateMode(const std::optional<int32_t>& mode, const FieldPath& path)
{
    if (mode && (*mode < 0 || *mode > 0777))
        return {invalid(path, *mode, kFileModeError)};
    return {};
}

// --- downward API --------------------------------------------------------------------------------------------

// The field paths the API server converts for the downward API (pods' ConvertDownwardAPIFieldLabel).
const Names kConvertibleFieldPaths = {"metadata.annotations", "metadata.labels",  "metadata.name",
                                      "metadata.namespace",   "metadata.uid",     "spec.nodeName",
                                      "spec.restartPolicy",   "spec.serviceAccountName", "spec.schedulerName",
                                      "status.phase",         "status.hostIP",    "status.hostIPs",
                                      "status.podIP",         "status.podIPs"};
const Names kEnvFieldPaths = {"metadata.name",  "metadata.namespace", "metadata.uid",
                              "spec.nodeName",  "spec.serviceAccountName", "status.hostIP",
                              "status.hostIPs", "status.podIP",       "status.podIPs"};
const Names kVolumeFieldPaths = {"metadata.annotations", "metadata.labels", "metadata.name", "metadata.namespace",
                                 "metadata.uid"};
const Names kResourceFields = {"limits.cpu",   "limits.ephemeral-storage",   "limits.memory",
                               "requests.cpu", "requests.ephemeral-storage", "requests.memory"};

// "metadata.labels['app']" -> path "metadata.labels", subscript "app".
bool splitSubscript(std::string_view fieldPath, std::string_view& path, std::string& subscript)
{
    const size_t open = fieldPath.find("['");
    if (open == std::string_view::npos || fieldPath.size() < open + 4 || fieldPath.substr(fieldPath.size() - 2) != "']")
        return false;
    path = fieldPath.substr(0, open);
    subscript = std::string(fieldPath.substr(open + 2, fieldPath.size() - open - 4));
    return true;
}

FieldErrors validateObjectFieldSelector(const ObjectFieldSelector& ref, const Names& supported, const FieldPath& path)
{
    if (ref.apiVersion.empty())
        return {required(path.child("apiVersion"))};
    if (ref.fieldPath.empty())
        return {required(path.child("fieldPath"))};
    if (ref.apiVersion != "v1")
        return {invalid(path.child("fieldPath"), ref.fieldPath,
                        "error converting fieldPath: unsupported pod version: " + ref.apiVersion)};
    std::string_view base;
    std::string subscript;
    const bool subscripted = splitSubscript(ref.fieldPath, base, subscript);
    if (!contains(kConvertibleFieldPaths, subscripted ? base : std::string_view(ref.fieldPath)) ||
        (subscripted && base != "metadata.labels" && base != "metadata.annotations"))
        return {invalid(path.child("fieldPath"), ref.fieldPath,
                        "error converting fieldPath: field label not supported: " + ref.fieldPath)};
    FieldErrors errors;
    if (subscripted) {
        if (base == "metadata.annotations") {
            std::string lower = subscript;
            for (char& c : lower)
                c = char(std::tolower(static_cast<unsigned char>(c)));
            addMessages(errors, path, lower, isQualifiedName(lower));
        } else {
            addMessages(errors, path, subscript, isQualifiedName(subscript));
        }
    } else if (!contains(supported, ref.fieldPath)) {
        errors.push_back(notSupported(path.child("fieldPath"), ref.fieldPath, supported));
    }
    return errors;
}

FieldErrors validateResourceFieldSelector(const ResourceFieldSelector& ref, const FieldPath& path, bool inVolume)
{
    FieldErrors errors;
    const bool hugePages =
        ref.resource.rfind("requests.hugepages-", 0) == 0 || ref.resource.rfind("limits.hugepages-", 0) == 0;
    if (inVolume && ref.containerName.empty())
        errors.push_back(required(path.child("containerName")));
    else if (ref.resource.empty())
        errors.push_back(required(path.child("resource")));
    else if (!contains(kResourceFields, ref.resource) && !hugePages)
        errors.push_back(notSupported(path.child("resource"), ref.resource, kResourceFields));
    if (ref.divisor.isZero())
        return errors;
    // The API server quotes the resource, not the divisor, as the bad value.
    static const Names byteDivisors = {"1", "1k", "1M", "1G", "1T", "1P", "1E", "1Ki", "1Mi", "1Gi", "1Ti", "1Pi", "1Ei"};
    const std::string d = ref.divisor.toString();
    const char* const byteList = "only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, 1Pi, 1Ei are "
                                 "supported with the ";
    if ((ref.resource == "limits.cpu" || ref.resource == "requests.cpu") && d != "1m" && d != "1")
        errors.push_back(invalid(path.child("divisor"), ref.resource,
                                 "only divisor's values 1m and 1 are supported with the cpu resource"));
    if ((ref.resource == "limits.memory" || ref.resource == "requests.memory") && !contains(byteDivisors, d))
        errors.push_back(invalid(path.child("divisor"), ref.resource, std::string(byteList) + "memory resource"));
    if ((ref.resource == "limits.ephemeral-storage" || ref.resource == "requests.ephemeral-storage") &&
        !contains(byteDivisors, d))
        errors.push_back(
            invalid(path.child("divisor"), ref.resource, std::string(byteList) + "local ephemeral storage resource"));
    if (hugePages && !contains(byteDivisors, d))
        errors.push_back(invalid(path.child("divisor"), ref.resource, std::string(byteList) + "hugepages resource"));
    return errors;
}

// --- environment ---------------------------------------------------------------------------------------------

FieldErrors validateKeySelector(const std::string& name, const std::string& key, const FieldPath& path)
{
    FieldErrors errors;
    addMessages(errors, path.child("name"), name, isDns1123Subdomain(name));
    if (key.empty())
        errors.push_back(required(path.child("key")));
    else
        addMessages(errors, path.child("key"), key, isConfigMapKey(key));
    return errors;
}

FieldErrors validateEnv(const std::vector<EnvVar>& env, const FieldPath& path)
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
        int sources = 0;
        if (from.fieldRef) {
            ++sources;
            addAll(errors, validateObjectFieldSelector(*from.fieldRef, kEnvFieldPaths, fp.child("fieldRef")));
        }
        if (from.resourceFieldRef) {
            ++sources;
            addAll(errors, validateResourceFieldSelector(*from.resourceFieldRef, fp.child("resourceFieldRef"), false));
        }
        if (from.configMapKeyRef) {
            ++sources;
            addAll(errors, validateKeySelector(from.configMapKeyRef->name, from.configMapKeyRef->key,
                                               fp.child("configMapKeyRef")));
        }
        if (from.secretKeyRef) {
            ++sources;
            addAll(errors,
                   validateKeySelector(from.secretKeyRef->name, from.secretKeyRef->key, fp.child("secretKeyRef")));
        }
        if (sources == 0)
            errors.push_back(invalid(fp, "", "must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` "
                                             "or `secretKeyRef`"));
        else if (!var.value.empty())
            errors.push_back(invalid(fp, "", "may not be specified when `value` is not empty"));
        else if (sources > 1)
            errors.push_back(invalid(fp, "", "may not have more than one field specified at a time"));
    }
    return errors;
}

FieldErrors validateEnvFrom(const std::vector<EnvFromSource>& envFrom, const FieldPath& path)
{
    FieldErrors errors;
    // ConfigMap and Secret names here are checked as prefixes, so a trailing dash passes.
    auto refName = [&](const std::string& name, const FieldPath& p) {
        if (name.empty())
            errors.push_back(required(p));
        else
            addMessages(errors, p, name, isDns1123Subdomain(maskTrailingDash(name)));
    };
    for (size_t i = 0; i < envFrom.size(); ++i) {
        const EnvFromSource& e = envFrom[i];
        const FieldPath p = path.index(i);
        if (!e.prefix.empty())
            addMessages(errors, p.child("prefix"), e.prefix, isEnvVarName(e.prefix));
        int sources = 0;
        if (e.configMapRef) {
            ++sources;
            refName(e.configMapRef->name, p.child("configMapRef").child("name"));
        }
        if (e.secretRef) {
            ++sources;
            refName(e.secretRef->name, p.child("secretRef").child("name"));
        }
        if (sources == 0)
            errors.push_back(invalid(p, "", "must specify one of: `configMapRef` or `secretRef`"));
        else if (sources > 1)
            errors.push_back(invalid(p, "", "may not have more than one field specified at a time"));
    }
    return errors;
}

// --- resources -----------------------------------------------------------------------------------------------

bool isHugePages(const std::string& name) { return name.rfind("hugepages-", 0) == 0; }
bool isNativeResource(const std::string& name)
{
    return name.find('/') == std::string::npos || name.find("kubernetes.io/") != std::string::npos;
}
bool isOvercommitAllowed(const std::string& name) { return isNativeResource(name) && !isHugePages(name); }

bool isStandardResourceName(const std::string& name)
{
    static const Names standard = {"cpu", "memory", "ephemeral-storage", "requests.cpu", "requests.memory",
                                   "requests.ephemeral-storage", "limits.cpu", "limits.memory",
                                   "limits.ephemeral-storage", "pods", "services", "replicationcontrollers",
                                   "resourcequotas", "secrets", "configmaps", "persistentvolumeclaims", "storage",
                                   "requests.storage", "services.nodeports", "services.loadbalancers"};
    return contains(standard, name) || isHugePages(name) || name.rfind("requests.hugepages-", 0) == 0;
}

FieldErrors validateContainerResourceName(const std::string& name, const FieldPath& path)
{
    FieldErrors errors;
    addMessages(errors, path, name, isQualifiedName(name));
    if (!errors.empty())
        return errors;
    if (name.find('/') == std::string::npos) {
        if (!isStandardResourceName(name))
            errors.push_back(invalid(path, name, "must be a standard resource type or fully qualified"));
        if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && !isHugePages(name))
            errors.push_back(invalid(path, name, "must be a standard resource for containers"));
    } else if (!isNativeResource(name) && name.rfind("requests.", 0) == 0) {
        errors.push_back(invalid(path, name, "doesn't follow extended resource name standard"));
    }
    return errors;
}

FieldErrors validateQuantityValue(const std::string& name, const Quantity& q, const FieldPath& path)
{
    FieldErrors errors;
    if (q.sign() < 0)
        errors.push_back(invalid(path, q.toString(), "must be greater than or equal to 0"));
    // Extended resources and hugepages count whole units.
    if (!isOvercommitAllowed(name) && !isHugePages(name) && q.milliValue() % 1000 != 0)
        errors.push_back(invalid(path, q.toString(), "must be an integer"));
    return errors;
}

FieldErrors validateHugePageValue(const std::string& name, const Quantity& q, const FieldPath& path)
{
    const auto pageSize = Quantity::parse(name.substr(std::string_view("hugepages-").size()));
    if (pageSize && pageSize->sign() > 0 && pageSize->milliValue() % 1000 == 0 && q.value() % pageSize->value() == 0)
        return {};
    return {invalid(path, q.toString(), q.toString() + " is not positive integer multiple of " + name)};
}

FieldErrors validateResources(const ResourceRequirements& r, const FieldPath& path)
{
    FieldErrors errors;
    const FieldPath limits = path.child("limits");
    const FieldPath requests = path.child("requests");
    bool cpuOrMemory = false, hugePages = false;
    for (const auto& [name, q] : r.limits) {
        const FieldPath p = limits.key(name);
        addAll(errors, validateContainerResourceName(name, p));
        addAll(errors, validateQuantityValue(name, q, p));
        if (isHugePages(name)) {
            hugePages = true;
            addAll(errors, validateHugePageValue(name, q, p));
        }
        cpuOrMemory = cpuOrMemory || name == "cpu" || name == "memory";
    }
    for (const auto& [name, q] : r.requests) {
        const FieldPath p = requests.key(name);
        addAll(errors, validateContainerResourceName(name, p));
        addAll(errors, validateQuantityValue(name, q, p));
        // Kubernetes names the requests map; PodLab names the entry.
        if (const auto limit = r.limits.find(name); limit != r.limits.end()) {
            if (q != limit->second && !isOvercommitAllowed(name))
                errors.push_back(invalid(p, q.toString(), "must be equal to " + name + " limit of " +
                                                              limit->second.toString()));
            else if (q > limit->second)
                errors.push_back(invalid(p, q.toString(), "must be less than or equal to " + name + " limit of " +
                                                              limit->second.toString()));
        } else if (!isOvercommitAllowed(name)) {
            errors.push_back(required(limits, "Limit must be set for non overcommitable resources"));
        }
        if (isHugePages(name)) {
            hugePages = true;
            addAll(errors, validateHugePageValue(name, q, p));
        }
        cpuOrMemory = cpuOrMemory || name == "cpu" || name == "memory";
    }
    if (hugePages && !cpuOrMemory)
        errors.push_back(forbidden(path, "HugePages require cpu or memory"));
    return errors;
}

// --- probes and handlers -------------------------------------------------------------------------------------

FieldErrors validatePortNumOrName(const IntOrString& port, const FieldPath& path)
{
    FieldErrors errors;
    if (port.isString)
        addMessages(errors, path, port.stringValue, isValidPortName(port.stringValue));
    else
        for (const std::string& m : isValidPortNum(port.intValue))
            errors.push_back(invalid(path, port.intValue, m));
    return errors;
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

// Probes and lifecycle handlers share one check: exactly one handler, each checked on its own. The API server
// reports every handler after the first at its own path.
template <class Handler>
FieldErrors validateHandler(const Handler& h, const FieldPath& path, std::optional<int64_t> grace)
{
    FieldErrors errors;
    int handlers = 0;
    auto one = [&](bool present, std::string_view name, auto&& check) {
        if (!present)
            return;
        if (handlers++ > 0)
            errors.push_back(forbidden(path.child(name), "may not specify more than 1 handler type"));
        else
            addAll(errors, check(path.child(name)));
    };
    one(h.exec.has_value(), "exec", [&](const FieldPath& p) -> FieldErrors {
        if (h.exec->command.empty())
            return {required(p.child("command"))};
        return {};
    });
    one(h.httpGet.has_value(), "httpGet", [&](const FieldPath& p) { return validateHttpGet(*h.httpGet, p); });
    one(h.tcpSocket.has_value(), "tcpSocket",
        [&](const FieldPath& p) { return validatePortNumOrName(h.tcpSocket->port, p.child("port")); });
    if constexpr (requires { h.grpc; }) {
        one(h.grpc.has_value(), "grpc", [&](const FieldPath& p) {
            return validatePortNumOrName(IntOrString::fromInt(h.grpc->port), p.child("port"));
        });
    }
    if constexpr (requires { h.sleep; }) {
        // PodLifecycleSleepActionAllowZero (on by default since 1.33) accepts a zero sleep.
        one(h.sleep.has_value(), "sleep", [&](const FieldPath& p) -> FieldErrors {
            const int64_t seconds = h.sleep->seconds;
            if (grace && (seconds < 0 || seconds > *grace))
                return {invalid(p, seconds,
                                "must be non-negative and less than terminationGracePeriodSeconds (" +
                                    std::to_string(*grace) + ")")};
            return {};
        });
    }
    if (handlers == 0)
        errors.push_back(required(path, "must specify a handler type"));
    return errors;
}

enum class ProbeKind { Liveness, Readiness, Startup };

FieldErrors validateProbe(const SharedOptional<Probe>& probe, ProbeKind kind, const FieldPath& path,
                          std::optional<int64_t> grace)
{
    if (!probe)
        return {};
    FieldErrors errors = validateHandler(*probe, path, grace);
    addAll(errors, validateNonNegative(probe->initialDelaySeconds, path.child("initialDelaySeconds")));
    addAll(errors, validateNonNegative(probe->timeoutSeconds, path.child("timeoutSeconds")));
    addAll(errors, validateNonNegative(probe->periodSeconds, path.child("periodSeconds")));
    addAll(errors, validateNonNegative(probe->successThreshold, path.child("successThreshold")));
    addAll(errors, validateNonNegative(probe->failureThreshold, path.child("failureThreshold")));
    if (probe->terminationGracePeriodSeconds && *probe->terminationGracePeriodSeconds <= 0)
        errors.push_back(invalid(path.child("terminationGracePeriodSeconds"), *probe->terminationGracePeriodSeconds,
                                 "must be greater than 0"));
    if (kind != ProbeKind::Readiness && probe->successThreshold != 1)
        errors.push_back(invalid(path.child("successThreshold"), probe->successThreshold, "must be 1"));
    if (kind == ProbeKind::Readiness && probe->terminationGracePeriodSeconds)
        errors.push_back(invalid(path.child("terminationGracePeriodSeconds"), *probe->terminationGracePeriodSeconds,
                                 "must not be set for readinessProbes"));
    return errors;
}

FieldErrors validateLifecycle(const Lifecycle& lifecycle, const FieldPath& path, std::optional<int64_t> grace)
{
    FieldErrors errors;
    if (lifecycle.postStart)
        addAll(errors, validateHandler(*lifecycle.postStart, path.child("postStart"), grace));
    if (lifecycle.preStop)
        addAll(errors, validateHandler(*lifecycle.preStop, path.child("preStop"), grace));
    return errors;
}

// --- volumes -------------------------------------------------------------------------------------------------

FieldErrors validateKeyToPath(const KeyToPath& item, const FieldPath& p)
{
    FieldErrors errors;
    if (item.key.empty())
        errors.push_back(required(p.child("key")));
    if (item.path.empty())
        errors.push_back(required(p.child("path")));
    addAll(errors, validateLocalNonReservedPath(item.path, p.child("path")));
    addAll(errors, validateMode(item.mode, p.child("mode")));
    return errors;
}

FieldErrors validateKeyToPaths(const std::vector<KeyToPath>& items, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < items.size(); ++i)
        addAll(errors, validateKeyToPath(items[i], path.index(i)));
    return errors;
}

FieldErrors validateDownwardAPIFile(const DownwardAPIVolumeFile& f, const FieldPath& p)
{
    FieldErrors errors;
    if (f.path.empty())
        errors.push_back(required(p.child("path")));
    addAll(errors, validateLocalNonReservedPath(f.path, p.child("path")));
    if (f.fieldRef) {
        addAll(errors, validateObjectFieldSelector(*f.fieldRef, kVolumeFieldPaths, p.child("fieldRef")));
        if (f.resourceFieldRef)
            errors.push_back(invalid(p, "resource", "fieldRef and resourceFieldRef can not be specified simultaneously"));
    } else if (f.resourceFieldRef) {
        addAll(errors, validateResourceFieldSelector(*f.resourceFieldRef, p.child("resourceFieldRef"), true));
    } else {
        errors.push_back(required(p, "one of fieldRef and resourceFieldRef is required"));
    }
    addAll(errors, validateMode(f.mode, p.child("mode")));
    return errors;
}

FieldErrors validateProjected(const ProjectedVolumeSource& projected, const FieldPath& path)
{
    FieldErrors errors = validateMode(projected.defaultMode, path.child("defaultMode"));
    std::set<std::string> paths;
    auto claim = [&](const std::string& filePath, const FieldPath& at, const std::string& badValue) {
        if (!filePath.empty() && !paths.insert(filePath).second)
            errors.push_back(invalid(at, badValue, "conflicting duplicate paths"));
    };
    for (size_t i = 0; i < projected.sources.size(); ++i) {
        const VolumeProjection& s = projected.sources[i];
        const FieldPath p = path.child("sources").index(i);
        auto keyed = [&](const std::string& name, const std::vector<KeyToPath>& items, const FieldPath& sp) {
            if (name.empty())
                errors.push_back(required(sp.child("name")));
            for (size_t k = 0; k < items.size(); ++k) {
                const FieldPath ip = sp.child("items").index(k);
                addAll(errors, validateKeyToPath(items[k], ip));
                claim(items[k].path, ip.child("path"), name);
            }
        };
        int sources = 0;
        if (s.secret) {
            ++sources;
            keyed(s.secret->name, s.secret->items, p.child("secret"));
        }
        if (s.configMap) {
            ++sources;
            keyed(s.configMap->name, s.configMap->items, p.child("configMap"));
        }
        if (s.downwardAPI) {
            ++sources;
            for (size_t k = 0; k < s.downwardAPI->items.size(); ++k) {
                const FieldPath ip = p.child("downwardAPI").child("items").index(k);
                addAll(errors, validateDownwardAPIFile(s.downwardAPI->items[k], ip));
                claim(s.downwardAPI->items[k].path, ip.child("path"), s.downwardAPI->items[k].path);
            }
        }
        if (s.serviceAccountToken) {
            ++sources;
            const ServiceAccountTokenProjection& t = *s.serviceAccountToken;
            const FieldPath tp = p.child("serviceAccountToken");
            const int64_t seconds = t.expirationSeconds.value_or(0);
            if (seconds < 600)
                errors.push_back(invalid(tp.child("expirationSeconds"), seconds,
                                         "may not specify a duration less than 10 minutes"));
            if (seconds > (int64_t(1) << 32))
                errors.push_back(invalid(tp.child("expirationSeconds"), seconds,
                                         "may not specify a duration larger than 2^32 seconds"));
            if (t.path.empty())
                errors.push_back(required(tp.child("path")));
            else
                addAll(errors, validateLocalNonReservedPath(t.path, tp.child("path")));
        }
        sources += int(s.unmodelled.size());
        if (sources > 1)
            errors.push_back(forbidden(p, "may not specify more than 1 volume type per source"));
    }
    return errors;
}

FieldErrors validateVolumeSource(const Volume& v, const FieldPath& p)
{
    FieldErrors errors;
    // The API server's order of volume sources: the first one counts, each further one is "more than 1".
    static const Names kOrder = {"emptyDir",  "hostPath",     "gitRepo",   "gcePersistentDisk", "awsElasticBlockStore",
                                 "secret",    "nfs",          "iscsi",     "glusterfs",         "flocker",
                                 "persistentVolumeClaim", "rbd", "cinder", "cephfs",            "quobyte",
                                 "downwardAPI", "fc",         "flexVolume", "configMap",        "azureFile",
                                 "vsphereVolume", "photonPersistentDisk", "portworxVolume",     "azureDisk",
                                 "storageos", "projected",    "scaleIO",   "csi",               "ephemeral",
                                 "image"};
    int sources = 0;
    for (std::string_view name : kOrder) {
        const FieldPath sp = p.child(name);
        FieldErrors own;
        bool present = true;
        if (name == "emptyDir" && v.emptyDir) {
            if (v.emptyDir->sizeLimit && v.emptyDir->sizeLimit->sign() < 0)
                own.push_back(forbidden(sp.child("sizeLimit"), "SizeLimit field must be a valid resource quantity"));
        } else if (name == "hostPath" && v.hostPath) {
            if (v.hostPath->path.empty()) {
                own.push_back(required(sp.child("path")));
            } else {
                own = validatePathNoBacksteps(v.hostPath->path, sp.child("path"));
                static const Names types = {"",     "BlockDevice",  "CharDevice", "Directory", "DirectoryOrCreate",
                                            "File", "FileOrCreate", "Socket"};
                if (v.hostPath->type && !contains(types, *v.hostPath->type))
                    own.push_back(notSupported(sp.child("type"), *v.hostPath->type, types));
            }
        } else if (name == "secret" && v.secret) {
            if (v.secret->secretName.empty())
                own.push_back(required(sp.child("secretName")));
            addAll(own, validateMode(v.secret->defaultMode, sp.child("defaultMode")));
            addAll(own, validateKeyToPaths(v.secret->items, sp.child("items")));
        } else if (name == "persistentVolumeClaim" && v.persistentVolumeClaim) {
            if (v.persistentVolumeClaim->claimName.empty())
                own.push_back(required(sp.child("claimName")));
        } else if (name == "downwardAPI" && v.downwardAPI) {
            own = validateMode(v.downwardAPI->defaultMode, sp.child("defaultMode"));
            for (size_t k = 0; k < v.downwardAPI->items.size(); ++k)
                addAll(own, validateDownwardAPIFile(v.downwardAPI->items[k], sp.child("items").index(k)));
        } else if (name == "configMap" && v.configMap) {
            if (v.configMap->name.empty())
                own.push_back(required(sp.child("name")));
            addAll(own, validateMode(v.configMap->defaultMode, sp.child("defaultMode")));
            addAll(own, validateKeyToPaths(v.configMap->items, sp.child("items")));
        } else if (name == "projected" && v.projected) {
            own = validateProjected(*v.projected, sp);
        } else {
            present = v.unmodelled.contains(std::string(name));
        }
        if (!present)
            continue;
        if (sources++ > 0)
            errors.push_back(forbidden(sp, "may not specify more than 1 volume type"));
        else
            addAll(errors, std::move(own));
    }
    if (sources == 0)
        errors.push_back(required(p, "must specify a volume type"));
    return errors;
}

// Returns the names of the volumes that are valid: a mount may only name one of those.
std::set<std::string> validateVolumes(const std::vector<Volume>& volumes, const FieldPath& path, FieldErrors& errors)
{
    std::set<std::string> valid;
    for (size_t i = 0; i < volumes.size(); ++i) {
        const Volume& v = volumes[i];
        const FieldPath p = path.index(i);
        FieldErrors own = validateVolumeSource(v, p);
        if (v.name.empty())
            own.push_back(required(p.child("name")));
        else
            addMessages(own, p.child("name"), v.name, isDns1123Label(v.name));
        if (valid.contains(v.name))
            own.push_back(duplicate(p.child("name"), v.name));
        if (own.empty())
            valid.insert(v.name);
        else
            addAll(errors, std::move(own));
    }
    return valid;
}

FieldErrors validateVolumeMounts(const Container& c, const std::set<std::string>& volumes, const FieldPath& path)
{
    FieldErrors errors;
    std::set<std::string> mountPaths;
    for (size_t i = 0; i < c.volumeMounts.size(); ++i) {
        const VolumeMount& m = c.volumeMounts[i];
        const FieldPath p = path.index(i);
        if (m.name.empty())
            errors.push_back(required(p.child("name")));
        if (!volumes.contains(m.name))
            errors.push_back(notFound(p.child("name"), m.name));
        if (m.mountPath.empty())
            errors.push_back(required(p.child("mountPath")));
        if (!mountPaths.insert(m.mountPath).second)
            errors.push_back(invalid(p.child("mountPath"), m.mountPath, "must be unique"));
        if (!m.subPath.empty())
            addAll(errors, validateLocalDescendingPath(m.subPath, p.child("subPath")));
        if (!m.subPathExpr.empty()) {
            if (!m.subPath.empty())
                errors.push_back(invalid(p.child("subPathExpr"), m.subPathExpr,
                                         "subPathExpr and subPath are mutually exclusive"));
            addAll(errors, validateLocalDescendingPath(m.subPathExpr, p.child("subPathExpr")));
        }
        if (m.mountPropagation) {
            static const Names modes = {"Bidirectional", "HostToContainer", "None"};
            if (!contains(modes, *m.mountPropagation))
                errors.push_back(notSupported(p.child("mountPropagation"), *m.mountPropagation, modes));
            const Value* securityContext = c.unmodelled.contains("securityContext")
                                               ? c.unmodelled.at("securityContext").find("privileged")
                                               : nullptr;
            const bool privileged = securityContext && securityContext->type() == Value::Type::Bool &&
                                    securityContext->asBool();
            if (*m.mountPropagation == "Bidirectional" && !privileged)
                errors.push_back(forbidden(p.child("mountPropagation"),
                                           "Bidirectional mount propagation is available only to privileged containers"));
        }
        if (m.recursiveReadOnly) {
            const FieldPath rp = p.child("recursiveReadOnly");
            if (*m.recursiveReadOnly == "Enabled" || *m.recursiveReadOnly == "IfPossible") {
                if (!m.readOnly)
                    errors.push_back(forbidden(rp, "may only be specified when readOnly is true"));
                if (m.mountPropagation && *m.mountPropagation != "None")
                    errors.push_back(forbidden(rp, "may only be specified when mountPropagation is None or not specified"));
            } else if (*m.recursiveReadOnly != "Disabled") {
                errors.push_back(notSupported(rp, *m.recursiveReadOnly, {"Disabled", "Enabled", "IfPossible"}));
            }
        }
    }
    return errors;
}

// --- containers ----------------------------------------------------------------------------------------------

FieldErrors validateContainerPorts(const std::vector<ContainerPort>& ports, const FieldPath& path)
{
    FieldErrors errors;
    std::set<std::string> names;
    for (size_t i = 0; i < ports.size(); ++i) {
        const ContainerPort& port = ports[i];
        const FieldPath p = path.index(i);
        if (!port.name.empty()) {
            const Messages m = isValidPortName(port.name);
            if (!m.empty())
                addMessages(errors, p.child("name"), port.name, m);
            else if (!names.insert(port.name).second)
                errors.push_back(duplicate(p.child("name"), port.name));
        }
        if (port.containerPort == 0)
            errors.push_back(required(p.child("containerPort")));
        else
            for (const std::string& m : isValidPortNum(port.containerPort))
                errors.push_back(invalid(p.child("containerPort"), port.containerPort, m));
        if (port.hostPort != 0)
            for (const std::string& m : isValidPortNum(port.hostPort))
                errors.push_back(invalid(p.child("hostPort"), port.hostPort, m));
        if (port.protocol.empty())
            errors.push_back(required(p.child("protocol")));
        else if (!contains(Names{"SCTP", "TCP", "UDP"}, port.protocol))
            errors.push_back(notSupported(p.child("protocol"), port.protocol, {"SCTP", "TCP", "UDP"}));
    }
    return errors;
}

FieldErrors validateContainerCommon(const Container& c, const std::set<std::string>& volumes, const FieldPath& p)
{
    FieldErrors errors;
    if (c.name.empty())
        errors.push_back(required(p.child("name")));
    else
        addMessages(errors, p.child("name"), c.name, isDns1123Label(c.name));
    if (c.image.empty())
        errors.push_back(required(p.child("image")));
    if (c.terminationMessagePolicy.empty())
        errors.push_back(required(p.child("terminationMessagePolicy")));
    else if (c.terminationMessagePolicy != "File" && c.terminationMessagePolicy != "FallbackToLogsOnError")
        errors.push_back(notSupported(p.child("terminationMessagePolicy"), c.terminationMessagePolicy,
                                      {"File", "FallbackToLogsOnError"}));
    addAll(errors, validateContainerPorts(c.ports, p.child("ports")));
    addAll(errors, validateEnv(c.env, p.child("env")));
    addAll(errors, validateEnvFrom(c.envFrom, p.child("envFrom")));
    addAll(errors, validateVolumeMounts(c, volumes, p.child("volumeMounts")));
    if (c.imagePullPolicy.empty())
        errors.push_back(required(p.child("imagePullPolicy")));
    else if (!contains(Names{"Always", "IfNotPresent", "Never"}, c.imagePullPolicy))
        errors.push_back(notSupported(p.child("imagePullPolicy"), c.imagePullPolicy, {"Always", "IfNotPresent", "Never"}));
    addAll(errors, validateResources(c.resources, p.child("resources")));
    return errors;
}

// Host ports must not collide (protocol/hostIP/port): across regular containers, within each init container.
void checkHostPorts(const std::vector<Container>& list, size_t first, size_t last, const FieldPath& path,
                    FieldErrors& errors)
{
    std::set<std::string> seen;
    for (size_t ci = first; ci < last; ++ci) {
        const std::vector<ContainerPort>& ports = list[ci].ports;
        for (size_t pi = 0; pi < ports.size(); ++pi) {
            if (ports[pi].hostPort == 0)
                continue;
            const std::string key =
                ports[pi].protocol + "/" + ports[pi].hostIP + "/" + std::to_string(ports[pi].hostPort);
            if (!seen.insert(key).second)
                errors.push_back(duplicate(path.index(ci).child("ports").index(pi).child("hostPort"), key));
        }
    }
}

void validateContainers(const PodSpec& spec, const std::set<std::string>& volumes, const FieldPath& path,
                        FieldErrors& errors)
{
    const std::optional<int64_t> grace = spec.terminationGracePeriodSeconds;
    const FieldPath cp = path.child("containers");
    if (spec.containers.empty()) {
        errors.push_back(required(cp));
    } else {
        std::set<std::string> names;
        for (size_t i = 0; i < spec.containers.size(); ++i) {
            const Container& c = spec.containers[i];
            const FieldPath p = cp.index(i);
            addAll(errors, validateContainerCommon(c, volumes, p));
            if (!names.insert(c.name).second)
                errors.push_back(duplicate(p.child("name"), c.name));
            if (c.lifecycle)
                addAll(errors, validateLifecycle(*c.lifecycle, p.child("lifecycle"), grace));
            addAll(errors, validateProbe(c.livenessProbe, ProbeKind::Liveness, p.child("livenessProbe"), grace));
            addAll(errors, validateProbe(c.readinessProbe, ProbeKind::Readiness, p.child("readinessProbe"), grace));
            addAll(errors, validateProbe(c.startupProbe, ProbeKind::Startup, p.child("startupProbe"), grace));
            if (c.restartPolicy)
                errors.push_back(forbidden(p.child("restartPolicy"), "may not be set for non-init containers"));
        }
        checkHostPorts(spec.containers, 0, spec.containers.size(), cp, errors);
    }

    // Init container names must differ from every regular container's and from each other.
    const FieldPath ip = path.child("initContainers");
    std::set<std::string> names;
    for (const Container& c : spec.containers)
        names.insert(c.name);
    for (size_t i = 0; i < spec.initContainers.size(); ++i) {
        const Container& c = spec.initContainers[i];
        const FieldPath p = ip.index(i);
        addAll(errors, validateContainerCommon(c, volumes, p));
        if (c.restartPolicy && *c.restartPolicy != "Always")
            errors.push_back(notSupported(p.child("restartPolicy"), *c.restartPolicy, {"Always"}));
        if (names.contains(c.name))
            errors.push_back(duplicate(p.child("name"), c.name));
        else if (!c.name.empty())
            names.insert(c.name);
        checkHostPorts(spec.initContainers, i, i + 1, ip, errors);
        if (c.isSidecar()) {
            if (c.lifecycle)
                addAll(errors, validateLifecycle(*c.lifecycle, p.child("lifecycle"), grace));
            addAll(errors, validateProbe(c.livenessProbe, ProbeKind::Liveness, p.child("livenessProbe"), grace));
            addAll(errors, validateProbe(c.readinessProbe, ProbeKind::Readiness, p.child("readinessProbe"), grace));
            addAll(errors, validateProbe(c.startupProbe, ProbeKind::Startup, p.child("startupProbe"), grace));
        } else {
            const char* why = "may not be set for init containers without restartPolicy=Always";
            if (c.lifecycle)
                errors.push_back(forbidden(p.child("lifecycle"), why));
            if (c.livenessProbe)
                errors.push_back(forbidden(p.child("livenessProbe"), why));
            if (c.readinessProbe)
                errors.push_back(forbidden(p.child("readinessProbe"), why));
            if (c.startupProbe)
                errors.push_back(forbidden(p.child("startupProbe"), why));
        }
    }
}

// --- scheduling ------------------------------------------------------------------------------------------------

FieldErrors validateNodeSelectorTerm(const NodeSelectorTerm& term, bool checkValues, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < term.matchExpressions.size(); ++i) {
        const NodeSelectorRequirement& r = term.matchExpressions[i];
        const FieldPath p = path.child("matchExpressions").index(i);
        if (r.operator_ == "In" || r.operator_ == "NotIn") {
            if (r.values.empty())
                errors.push_back(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        } else if (r.operator_ == "Exists" || r.operator_ == "DoesNotExist") {
            if (!r.values.empty())
                errors.push_back(forbidden(p.child("values"),
                                           "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        } else if (r.operator_ == "Gt" || r.operator_ == "Lt") {
            if (r.values.size() != 1)
                errors.push_back(
                    required(p.child("values"), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
        } else {
            errors.push_back(invalid(p.child("operator"), r.operator_, "not a valid selector operator"));
        }
        addMessages(errors, p.child("key"), r.key, isQualifiedName(r.key));
        if (checkValues)
            for (size_t k = 0; k < r.values.size(); ++k)
                addMessages(errors, p.child("values").index(k), r.values[k], isLabelValue(r.values[k]));
    }
    for (size_t i = 0; i < term.matchFields.size(); ++i) {
        const NodeSelectorRequirement& r = term.matchFields[i];
        const FieldPath p = path.child("matchFields").index(i);
        if (r.operator_ == "In" || r.operator_ == "NotIn") {
            if (r.values.size() != 1)
                errors.push_back(required(p.child("values"), "must be only one value when `operator` is 'In' or "
                                                             "'NotIn' for node field selector"));
        } else {
            errors.push_back(invalid(p.child("operator"), r.operator_, "not a valid selector operator"));
        }
        if (r.key != "metadata.name")
            errors.push_back(invalid(p.child("key"), r.key, "not a valid field selector key"));
        else
            for (size_t k = 0; k < r.values.size(); ++k)
                addMessages(errors, p.child("values").index(k), r.values[k], isDns1123Subdomain(r.values[k]));
    }
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
        const FieldPath tp = np.child("requiredDuringSchedulingIgnoredDuringExecution").child("nodeSelectorTerms");
        const auto& terms = na.requiredDuringSchedulingIgnoredDuringExecution->nodeSelectorTerms;
        if (terms.empty())
            errors.push_back(required(tp, "must have at least one node selector term"));
        for (size_t i = 0; i < terms.size(); ++i)
            addAll(errors, validateNodeSelectorTerm(terms[i], true, tp.index(i)));
    }
    const auto& preferred = na.preferredDuringSchedulingIgnoredDuringExecution;
    for (size_t i = 0; i < preferred.size(); ++i) {
        const FieldPath pp = np.child("preferredDuringSchedulingIgnoredDuringExecution").index(i);
        if (preferred[i].weight <= 0 || preferred[i].weight > 100)
            errors.push_back(invalid(pp.child("weight"), preferred[i].weight, "must be in the range 1-100"));
        // Preferred terms may carry invalid label values: they can still succeed on a one-node cluster.
        addAll(errors, validateNodeSelectorTerm(preferred[i].preference, false, pp.child("preference")));
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
            errors.push_back(
                invalid(p.child("effect"), t.effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
        if (t.operator_.empty() || t.operator_ == "Equal") {
            // The API server joins the label-value messages with ';' and files them under `operator`.
            const Messages m = isLabelValue(t.value);
            if (!m.empty()) {
                std::string joined;
                for (const std::string& s : m)
                    joined += (joined.empty() ? "" : ";") + s;
                errors.push_back(invalid(p.child("operator"), t.value, joined));
            }
        } else if (t.operator_ == "Exists") {
            if (!t.value.empty())
                errors.push_back(invalid(p.child("operator"), t.value, "value must be empty when `operator` is 'Exists'"));
        } else {
            errors.push_back(notSupported(p.child("operator"), t.operator_, {"Equal", "Exists"}));
        }
        if (!t.effect.empty() && !contains(Names{"NoSchedule", "PreferNoSchedule", "NoExecute"}, t.effect))
            errors.push_back(notSupported(p.child("effect"), t.effect, {"NoSchedule", "PreferNoSchedule", "NoExecute"}));
    }
    return errors;
}

FieldErrors validateDNSConfig(const PodSpec& spec, const FieldPath& path)
{
    FieldErrors errors;
    if (spec.dnsPolicy == "None") {
        if (!spec.dnsConfig)
            return {required(path, "must provide `dnsConfig` when `dnsPolicy` is None")};
        if (spec.dnsConfig->nameservers.empty())
            return {required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")};
    }
    if (!spec.dnsConfig)
        return errors;
    const PodDNSConfig& c = *spec.dnsConfig;
    if (c.nameservers.size() > 3)
        errors.push_back(invalid(path.child("nameservers"), BadValue::raw(jsonOf(c.nameservers)),
                                 "must not have more than 3 nameservers"));
    for (size_t i = 0; i < c.nameservers.size(); ++i)
        addMessages(errors, path.child("nameservers").index(i), c.nameservers[i], isValidIP(c.nameservers[i]));
    if (c.searches.size() > 32)
        errors.push_back(invalid(path.child("searches"), BadValue::raw(jsonOf(c.searches)),
                                 "must not have more than 32 search paths"));
    size_t chars = 0;
    for (const std::string& s : c.searches)
        chars += s.size() + (chars ? 1 : 0);
    if (chars > 2048)
        errors.push_back(invalid(path.child("searches"), BadValue::raw(jsonOf(c.searches)),
                                 "must not have more than 2048 characters (including spaces) in the search list"));
    // RelaxedDNSSearchValidation (on by default since 1.33): "." and underscores are accepted.
    for (size_t i = 0; i < c.searches.size(); ++i) {
        if (c.searches[i] == ".")
            continue;
        std::string search = c.searches[i];
        if (!search.empty() && search.back() == '.')
            search.pop_back();
        addMessages(errors, path.child("searches").index(i), search, isDns1123SubdomainWithUnderscore(search));
    }
    for (size_t i = 0; i < c.options.size(); ++i)
        if (c.options[i].name.empty())
            errors.push_back(required(path.child("options").index(i), "must not be empty"));
    return errors;
}

} // namespace

FieldErrors validatePodSpec(const PodSpec& spec, const FieldPath& path, PodSpecContext context)
{
    FieldErrors errors;
    if (!spec.terminationGracePeriodSeconds)
        errors.push_back(required(path.child("terminationGracePeriodSeconds")));
    const std::set<std::string> volumes = validateVolumes(spec.volumes, path.child("volumes"), errors);
    validateContainers(spec, volumes, path, errors);

    if (spec.hostNetwork) {
        // In a Pod hostPort has been defaulted to containerPort; a template may leave it 0.
        for (size_t i = 0; i < spec.containers.size(); ++i) {
            const auto& ports = spec.containers[i].ports;
            for (size_t k = 0; k < ports.size(); ++k)
                if ((context == PodSpecContext::Pod || ports[k].hostPort != 0) &&
                    ports[k].hostPort != ports[k].containerPort)
                    errors.push_back(invalid(path.child("containers").index(i).child("ports").index(k).child("hostPort"),
                                             ports[k].hostPort, "must match `containerPort` when `hostNetwork` is true"));
        }
    }
    if (spec.restartPolicy.empty())
        errors.push_back(required(path.child("restartPolicy")));
    else if (!contains(Names{"Always", "OnFailure", "Never"}, spec.restartPolicy))
        errors.push_back(notSupported(path.child("restartPolicy"), spec.restartPolicy, {"Always", "OnFailure", "Never"}));
    static const Names dnsPolicies = {"ClusterFirstWithHostNet", "ClusterFirst", "Default", "None"};
    if (spec.dnsPolicy.empty())
        errors.push_back(required(path.child("dnsPolicy")));
    else if (!contains(dnsPolicies, spec.dnsPolicy))
        errors.push_back(notSupported(path.child("dnsPolicy"), spec.dnsPolicy, dnsPolicies));
    addAll(errors, validateLabels(spec.nodeSelector, path.child("nodeSelector")));
    if (spec.shareProcessNamespace.value_or(false) && spec.hostPID)
        errors.push_back(invalid(path.child("shareProcessNamespace"), true,
                                 "ShareProcessNamespace and HostPID cannot both be enabled"));
    if (spec.affinity)
        addAll(errors, validateAffinity(*spec.affinity, path.child("affinity")));
    addAll(errors, validateDNSConfig(spec, path.child("dnsConfig")));
    for (size_t i = 0; i < spec.readinessGates.size(); ++i)
        addMessages(errors, path.child("readinessGates").index(i).child("conditionType"),
                    spec.readinessGates[i].conditionType, isQualifiedName(spec.readinessGates[i].conditionType));
    std::set<std::string> gates;
    for (size_t i = 0; i < spec.schedulingGates.size(); ++i) {
        const FieldPath p = path.child("schedulingGates").index(i);
        addMessages(errors, p, spec.schedulingGates[i].name, isQualifiedName(spec.schedulingGates[i].name));
        if (!gates.insert(spec.schedulingGates[i].name).second)
            errors.push_back(duplicate(p, spec.schedulingGates[i].name));
    }
    if (!spec.serviceAccountName.empty())
        addMessages(errors, path.child("serviceAccountName"), spec.serviceAccountName,
                    isDns1123Subdomain(spec.serviceAccountName));
    if (!spec.nodeName.empty())
        addMessages(errors, path.child("nodeName"), spec.nodeName, isDns1123Subdomain(spec.nodeName));
    if (spec.activeDeadlineSeconds && (*spec.activeDeadlineSeconds < 1 || *spec.activeDeadlineSeconds > 2147483647))
        errors.push_back(invalid(path.child("activeDeadlineSeconds"), *spec.activeDeadlineSeconds,
                                 "must be between 1 and 2147483647, inclusive"));
    if (!spec.hostname.empty())
        addMessages(errors, path.child("hostname"), spec.hostname, isDns1123Label(spec.hostname));
    if (!spec.subdomain.empty())
        addMessages(errors, path.child("subdomain"), spec.subdomain, isDns1123Label(spec.subdomain));
    addAll(errors, validateTolerations(spec.tolerations, path.child("tolerations")));
    for (size_t i = 0; i < spec.hostAliases.size(); ++i) {
        const HostAlias& alias = spec.hostAliases[i];
        const FieldPath p = path.child("hostAliases").index(i);
        addMessages(errors, p.child("ip"), alias.ip, isValidIP(alias.ip));
        for (size_t k = 0; k < alias.hostnames.size(); ++k)
            addMessages(errors, p.child("hostnames").index(k), alias.hostnames[k], isDns1123Subdomain(alias.hostnames[k]));
    }
    if (!spec.priorityClassName.empty())
        addMessages(errors, path.child("priorityClassName"), spec.priorityClassName,
                    isDns1123Subdomain(spec.priorityClassName));
    if (spec.runtimeClassName)
        addMessages(errors, path.child("runtimeClassName"), *spec.runtimeClassName,
                    isDns1123Subdomain(*spec.runtimeClassName));
    if (spec.preemptionPolicy) {
        if (spec.preemptionPolicy->empty())
            errors.push_back(required(path.child("preemptionPolicy")));
        else if (*spec.preemptionPolicy != "PreemptLowerPriority" && *spec.preemptionPolicy != "Never")
            errors.push_back(notSupported(path.child("preemptionPolicy"), *spec.preemptionPolicy,
                                          {"PreemptLowerPriority", "Never"}));
    }
    for (const auto& [name, q] : spec.overhead) {
        addAll(errors, validateContainerResourceName(name, path.child("overhead").key(name)));
        addAll(errors, validateQuantityValue(name, q, path.child("overhead").key(name)));
    }
    // A warning, not an error: the API server treats a negative grace period as 1 (pkg/api/pod/warnings.go).
    if (spec.terminationGracePeriodSeconds && *spec.terminationGracePeriodSeconds < 0)
        errors.push_back(warningAt(path.child("terminationGracePeriodSeconds"),
                                   "must be >= 0; negative values are invalid and will be treated as 1"));
    return errors;
}

namespace {

// Annotations the API server reads on pods and their templates.
FieldErrors validatePodAnnotations(const StringMap& annotations, const FieldPath& path)
{
    FieldErrors errors;
    if (const auto it = annotations.find("controller.kubernetes.io/pod-deletion-cost"); it != annotations.end()) {
        const std::string& v = it->second;
        bool ok = !v.empty() && v.size() <= 11;
        for (size_t i = 0; ok && i < v.size(); ++i)
            ok = (v[i] >= '0' && v[i] <= '9') || (i == 0 && (v[i] == '-' || v[i] == '+') && v.size() > 1);
        if (ok) {
            const long long n = std::stoll(v);
            ok = n >= INT32_MIN && n <= INT32_MAX;
        }
        if (!ok)
            errors.push_back(invalid(path.key(it->first), v, "must be a 32bit integer"));
    }
    return errors;
}

} // namespace

FieldErrors validatePodTemplateSpec(const PodTemplateSpec& tmpl, const FieldPath& path)
{
    const FieldPath meta = path.child("metadata");
    FieldErrors errors = validateLabels(tmpl.metadata.labels, meta.child("labels"));
    addAll(errors, validateAnnotations(tmpl.metadata.annotations, meta.child("annotations")));
    addAll(errors, validatePodAnnotations(tmpl.metadata.annotations, meta.child("annotations")));
    addAll(errors, validatePodSpec(tmpl.spec, path.child("spec"), PodSpecContext::Template));
    if (tmpl.spec.unmodelled.contains("ephemeralContainers"))
        errors.push_back(forbidden(path.child("spec").child("ephemeralContainers"),
                                   "ephemeral containers not allowed in pod template"));
    return errors;
}

FieldErrors validatePod(const Pod& pod)
{
    const FieldPath meta("metadata");
    FieldErrors errors = validateObjectMeta(pod.metadata, true, isDns1123Subdomain, meta);
    addAll(errors, validatePodAnnotations(pod.metadata.annotations, meta.child("annotations")));
    const FieldPath spec("spec");
    addAll(errors, validatePodSpec(pod.spec, spec, PodSpecContext::Pod));
    auto imageWhitespace = [&](const std::vector<Container>& list, const FieldPath& lp) {
        for (size_t i = 0; i < list.size(); ++i) {
            const std::string& image = list[i].image;
            if (!image.empty() && (std::isspace(static_cast<unsigned char>(image.front())) ||
                                   std::isspace(static_cast<unsigned char>(image.back()))))
                errors.push_back(
                    invalid(lp.index(i).child("image"), image, "must not have leading or trailing whitespace"));
        }
    };
    imageWhitespace(pod.spec.containers, spec.child("containers"));
    imageWhitespace(pod.spec.initContainers, spec.child("initContainers"));
    if (pod.spec.unmodelled.contains("ephemeralContainers"))
        errors.push_back(forbidden(spec.child("ephemeralContainers"), "cannot be set on create"));
    if (!pod.spec.nodeName.empty() && !pod.spec.schedulingGates.empty())
        errors.push_back(forbidden(spec.child("nodeName"), "cannot be set until all schedulingGates have been cleared"));
    return errors;
}

} // namespace podlab::manifest
