#include "containerenv.h"

#include "fieldpath.h"
#include "resourcefields.h"
#include "serviceenv.h"
#include "varexpansion.h"

#include "sim/core/text.h"

#include <algorithm>
#include <map>

namespace podlab::sim {

namespace {

// The kubelet's tmpEnv: a map whose iteration order Go randomises. Here the first definition fixes the
// position, which is one of the orders a real kubelet may produce.
class OrderedEnv {
public:
    void set(const std::string& name, std::string value)
    {
        const auto it = m_index.find(name);
        if (it == m_index.end()) {
            m_index.emplace(name, m_entries.size());
            m_entries.push_back({name, std::move(value)});
        } else {
            m_entries[it->second].value = std::move(value);
        }
    }
    const std::string* find(std::string_view name) const
    {
        const auto it = m_index.find(name);
        return it == m_index.end() ? nullptr : &m_entries[it->second].value;
    }
    const EnvList& entries() const { return m_entries; }

private:
    EnvList m_entries;
    std::map<std::string, size_t, std::less<>> m_index;
};

// The rule before 1.30 (validation.IsEnvVarName): [-._a-zA-Z][-._a-zA-Z0-9]*.
bool isClassicEnvVarName(std::string_view name)
{
    if (name.empty())
        return false;
    auto allowed = [](char c, bool first) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_' ||
               (!first && c >= '0' && c <= '9');
    };
    for (size_t i = 0; i < name.size(); ++i)
        if (!allowed(name[i], i == 0))
            return false;
    return true;
}

KubeletWarning invalidKeysWarning(std::vector<std::string> keys, std::string_view kind, std::string_view ns,
                                  std::string_view name)
{
    std::sort(keys.begin(), keys.end());
    std::string joined;
    for (const std::string& k : keys)
        joined += (joined.empty() ? "" : ", ") + k;
    return {"InvalidEnvironmentVariableNames",
            "Keys [" + joined + "] from the EnvFrom " + std::string(kind) + " " + std::string(ns) + "/" +
                std::string(name) +
                " were skipped since they are considered invalid environment "
                "variable names."};
}

std::vector<std::string> podIPsOf(const api::Pod& pod)
{
    std::vector<std::string> ips;
    for (const api::PodIP& ip : pod.status.podIPs)
        ips.push_back(ip.ip);
    if (ips.empty() && !pod.status.podIP.empty())
        ips.push_back(pod.status.podIP);
    return ips;
}

// One env entry's valueFrom; nullopt when an optional reference finds nothing, which leaves the variable
// unset.
Outcome<std::optional<std::string>> valueFrom(const api::EnvVarSource& from, const api::Pod& pod,
                                              const api::Container& container, const EnvContext& context)
{
    using Result = Outcome<std::optional<std::string>>;
    const std::string& ns = pod.metadata.namespace_;
    const ObjectLookup& objects = context.objects;
    auto lift = [](Outcome<std::string> v) {
        return v.ok() ? Result::success(std::move(v.value)) : Result::failure(std::move(v.error));
    };
    if (from.fieldRef)
        return lift(ContainerEnv::fieldValue(*from.fieldRef, pod, context.node));
    if (from.resourceFieldRef)
        return lift(ContainerEnv::resourceValue(*from.resourceFieldRef, pod, container, context.node));
    if (from.configMapKeyRef) {
        const api::ConfigMapKeySelector& ref = *from.configMapKeyRef;
        const bool optional = ref.optional.value_or(false);
        const api::ConfigMap* cm = objects.findConfigMap(ref.name);
        if (!cm)
            return optional ? Result::success(std::nullopt)
                            : Result::failure(objects.configMapNotFound(ref.name));
        const auto it = cm->data.find(ref.key);
        if (it == cm->data.end())
            return optional ? Result::success(std::nullopt)
                            : Result::failure("couldn't find key " + ref.key + " in ConfigMap " + ns + "/" +
                                              ref.name);
        return Result::success(it->second);
    }
    if (from.secretKeyRef) {
        const api::SecretKeySelector& ref = *from.secretKeyRef;
        const bool optional = ref.optional.value_or(false);
        const api::Secret* secret = objects.findSecret(ref.name);
        if (!secret)
            return optional ? Result::success(std::nullopt)
                            : Result::failure(objects.secretNotFound(ref.name));
        const auto it = secret->data.find(ref.key);
        if (it == secret->data.end())
            return optional ? Result::success(std::nullopt)
                            : Result::failure("couldn't find key " + ref.key + " in Secret " + ns + "/" +
                                              ref.name);
        return Result::success(it->second.data);
    }
    return Result::success(std::string());
}

} // namespace

std::string ContainerEnv::failedEventMessage(std::string_view error)
{
    return "Error: " + std::string(error);
}

Outcome<std::string> ContainerEnv::fieldValue(const api::ObjectFieldSelector& selector, const api::Pod& pod,
                                              const NodeFacts& node)
{
    using Result = Outcome<std::string>;
    // The API server defaults apiVersion to v1; an empty one here is that default not yet applied.
    const std::string version = selector.apiVersion.empty() ? std::string("v1") : selector.apiVersion;
    if (version != "v1")
        return Result::failure("unsupported pod version: " + version);

    // ConvertDownwardAPIFieldLabel: which paths the kubelet accepts at all.
    std::string path = selector.fieldPath;
    if (const auto sub = FieldPath::splitSubscripted(path)) {
        if (sub->path != "metadata.annotations" && sub->path != "metadata.labels")
            return Result::failure("field label does not support subscript: " + path);
    } else if (path == "spec.host") {
        path = "spec.nodeName";
    } else {
        static const char* const kSupported[] = {"metadata.annotations",
                                                 "metadata.labels",
                                                 "metadata.name",
                                                 "metadata.namespace",
                                                 "metadata.uid",
                                                 "spec.nodeName",
                                                 "spec.restartPolicy",
                                                 "spec.serviceAccountName",
                                                 "spec.schedulerName",
                                                 "status.phase",
                                                 "status.hostIP",
                                                 "status.hostIPs",
                                                 "status.podIP",
                                                 "status.podIPs",
                                                 "spec.terminationGracePeriodSeconds"};
        if (std::none_of(std::begin(kSupported), std::end(kSupported),
                         [&](const char* s) { return path == s; }))
            return Result::failure("field label not supported: " + path);
    }

    const std::vector<std::string> podIPs = podIPsOf(pod);
    if (path == "spec.nodeName")
        return Result::success(pod.spec.nodeName);
    if (path == "spec.serviceAccountName")
        return Result::success(pod.spec.serviceAccountName);
    if (path == "status.hostIP" || path == "status.hostIPs") {
        if (node.hostIPs.empty())
            return Result::failure("host IP unknown; known addresses: []");
        return Result::success(path == "status.hostIP" ? node.hostIPs.front() : join(node.hostIPs, ","));
    }
    if (path == "status.podIP")
        return Result::success(podIPs.empty() ? std::string() : podIPs.front());
    if (path == "status.podIPs")
        return Result::success(join(podIPs, ","));
    if (path == "spec.terminationGracePeriodSeconds")
        return Result::success(std::to_string(pod.spec.terminationGracePeriodSeconds.value_or(30)));
    return FieldPath::extract(pod, path);
}

Outcome<std::string> ContainerEnv::resourceValue(const api::ResourceFieldSelector& selector,
                                                 const api::Pod& pod, const api::Container& container,
                                                 const NodeFacts& node)
{
    if (selector.containerName.empty()) {
        api::Container defaulted = container;
        ResourceFields::mergeLimits(defaulted, node.allocatable);
        return ResourceFields::containerValue(selector, defaulted);
    }
    // Only app containers get the allocatable defaults here; a named init container is read as it is.
    api::Pod defaulted = pod;
    for (api::Container& c : defaulted.spec.containers)
        ResourceFields::mergeLimits(c, node.allocatable);
    return ResourceFields::valueByContainerName(selector, defaulted, selector.containerName);
}

EnvResult ContainerEnv::build(const api::Pod& pod, const api::Container& container, const EnvContext& context)
{
    EnvResult result;
    const std::string& ns = pod.metadata.namespace_;
    const ObjectLookup& objects = context.objects;
    const EnvList serviceEnv =
        ServiceEnv::forPod(context.services, ns, pod.spec.enableServiceLinks.value_or(true));

    OrderedEnv env;
    for (const api::EnvFromSource& from : container.envFrom) {
        std::vector<std::string> invalid;
        auto add = [&](const std::string& key, std::string value) {
            const std::string name = from.prefix + key;
            if (context.envFromKeys == EnvFromKeys::SkipInvalid && !isClassicEnvVarName(name))
                invalid.push_back(name);
            else
                env.set(name, std::move(value));
        };
        if (from.configMapRef) {
            const std::string& name = from.configMapRef->name;
            const api::ConfigMap* cm = objects.findConfigMap(name);
            if (!cm) {
                if (from.configMapRef->optional.value_or(false))
                    continue;
                result.error = objects.configMapNotFound(name);
                return result;
            }
            // Only `data`: binaryData keys never become variables.
            for (const auto& [key, value] : cm->data)
                add(key, value);
            if (!invalid.empty())
                result.warnings.push_back(invalidKeysWarning(invalid, "configMap", ns, name));
        } else if (from.secretRef) {
            const std::string& name = from.secretRef->name;
            const api::Secret* secret = objects.findSecret(name);
            if (!secret) {
                if (from.secretRef->optional.value_or(false))
                    continue;
                result.error = objects.secretNotFound(name);
                return result;
            }
            for (const auto& [key, bytes] : secret->data)
                add(key, bytes.data);
            if (!invalid.empty())
                result.warnings.push_back(invalidKeysWarning(invalid, "secret", ns, name));
        }
    }

    const VarExpansion::Mapping mapping = [&](std::string_view name) -> std::optional<std::string_view> {
        if (const std::string* v = env.find(name))
            return *v;
        if (const std::string* v = findEnv(serviceEnv, name))
            return *v;
        return std::nullopt;
    };

    for (const api::EnvVar& var : container.env) {
        std::string value = var.value;
        if (!value.empty()) {
            value = VarExpansion::expand(value, mapping);
        } else if (var.valueFrom) {
            Outcome<std::optional<std::string>> resolved = valueFrom(*var.valueFrom, pod, container, context);
            if (!resolved.ok()) {
                result.error = std::move(resolved.error);
                return result;
            }
            if (!resolved.value)
                continue;
            value = std::move(*resolved.value);
        }
        env.set(var.name, std::move(value));
    }

    result.env = env.entries();
    for (const EnvEntry& e : serviceEnv)
        if (!env.find(e.name))
            result.env.push_back(e);
    return result;
}

ContainerEnv::Command ContainerEnv::expandCommand(const api::Container& container, const EnvList& env)
{
    const VarExpansion::Mapping mapping = [&](std::string_view name) -> std::optional<std::string_view> {
        if (const std::string* v = findEnv(env, name))
            return *v;
        return std::nullopt;
    };
    Command out;
    for (const std::string& c : container.command)
        out.command.push_back(VarExpansion::expand(c, mapping));
    for (const std::string& a : container.args)
        out.args.push_back(VarExpansion::expand(a, mapping));
    return out;
}

} // namespace podlab::sim
