#include "apiserver.h"

#include "sim/status/qosclass.h"

#include "admission.h"
#include "configupdate.h"

#include "manifest/manifestwriter.h"
#include "manifest/writer.h"

#include <algorithm>
#include <climits>

namespace podlab::sim {

namespace {

template <class T>
Ptr<T> existing(const ClusterContext& ctx, const api::ObjectMeta& meta)
{
    return ctx.store.get<T>(meta.namespace_, meta.name);
}

ApiError error(std::string reason, std::string message) { return {std::move(reason), std::move(message)}; }

// Events sent to the API server go to the event log (there is no table of Event objects).
ApiResult createEvent(const api::Event& event, ClusterContext& ctx)
{
    EventLog::Record r;
    r.involvedObject = event.involvedObject;
    if (r.involvedObject.namespace_.empty())
        r.involvedObject.namespace_ = event.metadata.namespace_.empty() ? "default" : event.metadata.namespace_;
    r.type = event.type.empty() ? "Normal" : event.type;
    r.reason = event.reason;
    r.message = event.message;
    r.component = event.source.component;
    r.host = event.source.host;
    r.time = event.lastTimestamp.isNull() ? ctx.wallTime() : event.lastTimestamp;
    ctx.store.recordEvent(r);
    return {};
}

ApiResult createTyped(api::Event event, ClusterContext& ctx) { return createEvent(event, ctx); }

ApiResult updateTyped(api::Event, ClusterContext&, bool)
{
    return {{}, error("MethodNotAllowed", "events are recorded, not updated, in PodLab")};
}

template <class T>
ApiResult createTyped(T object, ClusterContext& ctx)
{
    constexpr Kind kind = kindOf<T>();
    if constexpr (std::is_same_v<T, api::Secret>)
        foldStringData(object);
    api::ObjectMeta& meta = object.metadata;
    if (isNamespaced(kind)) {
        if (meta.namespace_.empty())
            meta.namespace_ = "default";
        const auto ns = ctx.store.get<api::Namespace>("", meta.namespace_);
        if (!ns)
            return {{}, error("NotFound", "namespaces \"" + meta.namespace_ + "\" not found")};
        if (ns->status.phase == "Terminating")
            return {{},
                    error("Forbidden", std::string(resourceName(kind)) + " \"" + meta.name + "\" is forbidden: unable to create new content in namespace " +
                                           meta.namespace_ + " because it is being terminated")};
    } else {
        meta.namespace_.clear();
    }
    if (meta.name.empty() && !meta.generateName.empty()) {
        // Retry like the API server would on a (vanishingly unlikely) collision.
        do {
            meta.name = meta.generateName + ctx.random.nameSuffix();
        } while (existing<T>(ctx, meta));
    }
    if (existing<T>(ctx, meta))
        return {{}, error("AlreadyExists", std::string(resourceName(kind)) + " \"" + meta.name + "\" already exists")};
    if constexpr (std::is_same_v<T, api::Pod>) {
        if (ctx.store.all<api::Pod>().size() >= ctx.config.maxPods)
            return {{}, error("Forbidden", "pods \"" + meta.name + "\" is forbidden: PodLab simulates at most " +
                                               std::to_string(ctx.config.maxPods) + " pods")};
    }
    if (auto problem = admit(object, ctx))
        return {{}, std::move(*problem)};
    if constexpr (std::is_same_v<T, api::Pod>) {
        // The pod strategy's PrepareForCreate: whatever status was sent, a new pod is Pending with its QoS class.
        object.status = {};
        object.status.phase = "Pending";
        object.status.qosClass = podQosClass(object.spec);
    }
    meta.uid = ctx.random.uuid();
    meta.creationTimestamp = ctx.wallTime();
    meta.deletionTimestamp.reset();
    meta.deletionGracePeriodSeconds.reset();
    meta.resourceVersion.clear();
    if constexpr (requires { object.spec; } && !std::is_same_v<T, api::Pod> && !std::is_same_v<T, api::Node> &&
                  !std::is_same_v<T, api::Namespace>)
        meta.generation = 1;
    return {ObjectPtr(ctx.store.put(std::move(object))), std::nullopt};
}

// A label selector as the API server shows an invalid value: JSON from v1.34 (the modern profile), Go's %#v
// dump before (classic).
std::string selectorValue(const std::optional<api::LabelSelector>& selector, VersionProfile profile)
{
    if (profile == VersionProfile::Classic) {
        if (!selector)
            return "(*v1.LabelSelector)(nil)";
        std::string out = "v1.LabelSelector{MatchLabels:map[string]string{";
        bool first = true;
        for (const auto& [k, v] : selector->matchLabels) {
            out += (first ? "" : ", ") + manifest::toCompactJson(api::Value(k)) + ":" + manifest::toCompactJson(api::Value(v));
            first = false;
        }
        out += "}, MatchExpressions:[]v1.LabelSelectorRequirement";
        if (selector->matchExpressions.empty())
            return out + "(nil)}";
        out += "{";
        first = true;
        for (const api::LabelSelectorRequirement& r : selector->matchExpressions) {
            out += std::string(first ? "" : ", ") + "v1.LabelSelectorRequirement{Key:" + manifest::toCompactJson(api::Value(r.key)) +
                   ", Operator:" + manifest::toCompactJson(api::Value(r.operator_)) + ", Values:[]string";
            if (r.values.empty()) {
                out += "(nil)}";
            } else {
                out += "{";
                for (size_t i = 0; i < r.values.size(); ++i)
                    out += (i ? ", " : "") + manifest::toCompactJson(api::Value(r.values[i]));
                out += "}}";
            }
            first = false;
        }
        return out + "}}";
    }
    if (!selector)
        return "null";
    api::Value::Object o;
    if (!selector->matchLabels.empty()) {
        api::Value::Object labels;
        for (const auto& [k, v] : selector->matchLabels)
            labels.emplace_back(k, api::Value(v));
        o.emplace_back("matchLabels", api::Value(labels));
    }
    if (!selector->matchExpressions.empty()) {
        api::Value::Array exprs;
        for (const api::LabelSelectorRequirement& r : selector->matchExpressions) {
            api::Value::Object e{{"key", api::Value(r.key)}, {"operator", api::Value(r.operator_)}};
            if (!r.values.empty()) {
                api::Value::Array values;
                for (const std::string& v : r.values)
                    values.emplace_back(v);
                e.emplace_back("values", api::Value(values));
            }
            exprs.emplace_back(e);
        }
        o.emplace_back("matchExpressions", api::Value(exprs));
    }
    return manifest::toCompactJson(api::Value(o));
}

// The kind's own rules for an update (ValidatePodUpdate, ValidateConfigMapUpdate, ValidateSecretUpdate,
// ValidateDeploymentUpdate and ValidateReplicaSetUpdate: an apps/v1 selector is immutable); a status update of
// a pod is not held to the spec's.
template <class T>
std::vector<ApiError::Cause> kindUpdateErrors(const T& updated, const T& old, bool includeStatus, VersionProfile profile)
{
    if constexpr (std::is_same_v<T, api::Deployment> || std::is_same_v<T, api::ReplicaSet>) {
        if (!(updated.spec.selector == old.spec.selector))
            return {{"spec.selector", "Invalid value: " + selectorValue(updated.spec.selector, profile) + ": field is immutable"}};
        return {};
    } else if constexpr (std::is_same_v<T, api::Pod>)
        return includeStatus ? std::vector<ApiError::Cause>{} : ApiServer::podUpdateErrors(updated, old);
    else if constexpr (std::is_same_v<T, api::ConfigMap>)
        return configMapUpdateErrors(updated, old);
    else if constexpr (std::is_same_v<T, api::Secret>)
        return secretUpdateErrors(updated, old);
    else
        return {};
}

template <class T>
ApiResult updateTyped(T object, ClusterContext& ctx, bool includeStatus)
{
    constexpr Kind kind = kindOf<T>();
    if (isNamespaced(kind) && object.metadata.namespace_.empty())
        object.metadata.namespace_ = "default";
    const Ptr<T> current = existing<T>(ctx, object.metadata);
    if (!current)
        return {{}, error("NotFound", ApiServer::notFoundMessage(kind, object.metadata.name))};
    if constexpr (std::is_same_v<T, api::Secret>)
        foldStringData(object);
    if (auto causes = kindUpdateErrors(object, *current, includeStatus, ctx.config.profile); !causes.empty())
        return {{}, ApiServer::invalid(T::kKind, object.metadata.name, std::move(causes))};
    T updated = std::move(object);
    api::ObjectMeta& meta = updated.metadata;
    meta.uid = current->metadata.uid;
    meta.creationTimestamp = current->metadata.creationTimestamp;
    meta.deletionTimestamp = current->metadata.deletionTimestamp;
    meta.deletionGracePeriodSeconds = current->metadata.deletionGracePeriodSeconds;
    meta.generateName = current->metadata.generateName;
    meta.generation = current->metadata.generation;
    if (meta.ownerReferences.empty())
        meta.ownerReferences = current->metadata.ownerReferences;
    if constexpr (requires { updated.status; }) {
        if (!includeStatus)
            updated.status = current->status;
    }
    if constexpr (requires { updated.spec; }) {
        // metadata.generation counts changes of the desired state (not status, not metadata).
        if (!(updated.spec == current->spec) && meta.generation > 0)
            ++meta.generation;
    }
    if (updated == *current)
        return {ObjectPtr(current), std::nullopt}; // a no-op update stores nothing, as the API server does
    return {ObjectPtr(ctx.store.put(std::move(updated))), std::nullopt};
}

bool isTerminalPod(const api::Pod& pod) { return pod.status.phase == "Succeeded" || pod.status.phase == "Failed"; }

ApiResult removePod(const Ptr<api::Pod>& pod, const DeleteOptions& options, ClusterContext& ctx)
{
    int64_t grace = options.gracePeriodSeconds.value_or(pod->spec.terminationGracePeriodSeconds.value_or(30));
    if (grace < 0)
        grace = 1;
    // An unscheduled or finished pod has no kubelet to wait for: it goes at once (CheckGracefulDelete).
    if (pod->spec.nodeName.empty() || isTerminalPod(*pod))
        grace = 0;
    if (grace == 0) {
        ctx.store.erase<api::Pod>(pod->metadata.namespace_, pod->metadata.name);
        return {ObjectPtr(pod), std::nullopt};
    }
    // Graceful: mark it; the kubelet stops the containers and then removes the object.
    if (pod->metadata.deletionTimestamp) {
        // A second delete may only shorten the grace period.
        if (pod->metadata.deletionGracePeriodSeconds && grace >= *pod->metadata.deletionGracePeriodSeconds)
            return {ObjectPtr(pod), std::nullopt};
    }
    api::Pod marked = *pod;
    marked.metadata.deletionTimestamp = api::Time::fromMillis(ctx.wallTime().millis() + grace * 1000);
    marked.metadata.deletionGracePeriodSeconds = grace;
    return {ObjectPtr(ctx.store.put(std::move(marked))), std::nullopt};
}

// propagationPolicy Orphan: what names `uid` as an owner loses that reference (the garbage collector's orphan
// finalizer, done before the owner goes), so the collector finds nothing to delete after it.
template <class T>
void orphanDependents(const std::string& namespace_, const std::string& uid, ClusterContext& ctx)
{
    std::vector<T> changed;
    for (const Ptr<T>& object : ctx.store.list<T>(namespace_)) {
        const auto& refs = object->metadata.ownerReferences;
        if (std::none_of(refs.begin(), refs.end(), [&](const api::OwnerReference& r) { return r.uid == uid; }))
            continue;
        T updated = *object;
        std::erase_if(updated.metadata.ownerReferences, [&](const api::OwnerReference& r) { return r.uid == uid; });
        changed.push_back(std::move(updated));
    }
    for (T& object : changed)
        ctx.store.put(std::move(object));
}

template <class T>
ApiResult removeTyped(std::string_view namespace_, std::string_view name, const DeleteOptions& options,
                      ClusterContext& ctx)
{
    constexpr Kind kind = kindOf<T>();
    const std::string ns = isNamespaced(kind) ? (namespace_.empty() ? std::string("default") : std::string(namespace_))
                                             : std::string();
    const Ptr<T> current = ctx.store.get<T>(ns, name);
    if (!current)
        return {{}, error("NotFound", ApiServer::notFoundMessage(kind, name))};
    if (options.propagation == DeleteOptions::Propagation::Orphan && isNamespaced(kind) &&
        !std::is_same_v<T, api::Pod>) {
        orphanDependents<api::ReplicaSet>(ns, current->metadata.uid, ctx);
        orphanDependents<api::Pod>(ns, current->metadata.uid, ctx);
    }
    if constexpr (std::is_same_v<T, api::Pod>) {
        return removePod(current, options, ctx);
    } else if constexpr (std::is_same_v<T, api::Namespace>) {
        if (name == "default" || name == "kube-system" || name == "kube-public")
            return {{}, error("Forbidden", "namespaces \"" + std::string(name) +
                                               "\" is forbidden: this namespace may not be deleted")};
        api::Namespace terminating = *current;
        terminating.status.phase = "Terminating";
        terminating.metadata.deletionTimestamp = ctx.wallTime();
        terminating.metadata.deletionGracePeriodSeconds = 0;
        return {ObjectPtr(ctx.store.put(std::move(terminating))), std::nullopt};
    } else {
        ctx.store.erase<T>(ns, name);
        return {ObjectPtr(current), std::nullopt};
    }
}

// --- ValidatePodUpdate ------------------------------------------------------------------------------------

using Cause = ApiError::Cause;

std::string quotedGo(const std::string& s) { return manifest::toCompactJson(api::Value(s)); }

// ValidateContainerUpdates: the same number of containers, each with an image. True when the rest of the
// validation is skipped (containers added or removed).
bool containerUpdateErrors(const std::vector<api::Container>& updated, const std::vector<api::Container>& old,
                           const std::string& path, std::vector<Cause>& out)
{
    if (updated.size() != old.size()) {
        out.push_back({path, "Forbidden: pod updates may not add or remove containers"});
        return true;
    }
    for (size_t i = 0; i < updated.size(); ++i) {
        const std::string& image = updated[i].image;
        const std::string field = path + "[" + std::to_string(i) + "].image";
        if (image.empty())
            out.push_back({field, "Required value"});
        const auto first = image.find_first_not_of(" \t\n\r\v\f");
        const auto last = image.find_last_not_of(" \t\n\r\v\f");
        if (!image.empty() && (first != 0 || last != image.size() - 1))
            out.push_back({field, "Invalid value: " + quotedGo(image) + ": must not have leading or trailing whitespace"});
    }
    return false;
}

// The spec as JSON, for the diff in the "may not change fields" message.
api::Value specValue(const api::PodSpec& spec)
{
    api::Pod pod;
    pod.spec = spec;
    const api::Value v = manifest::encodeObject(api::Object(pod));
    const api::Value* s = v.find("spec");
    return s ? *s : api::Value(api::Value::Object{});
}

// A diff in the shape of go-cmp's, which the API server appends: the spec's fields in declaration order,
// unchanged runs folded into "... // N identical fields", each changed field as a - and a + line. (go-cmp
// prints Go values; PodLab prints the fields' JSON, which says the same.)
std::string specDiff(const api::PodSpec& old, const api::PodSpec& updated)
{
    const api::Value before = specValue(old);
    const api::Value after = specValue(updated);
    std::vector<std::string> names;
    for (const auto* v : {&before, &after})
        for (const auto& [k, member] : v->asObject())
            if (std::find(names.begin(), names.end(), k) == names.end())
                names.push_back(k);
    std::string out = "  core.PodSpec{\n";
    int identical = 0;
    auto flush = [&] {
        if (identical > 0)
            out += "  \t... // " + std::to_string(identical) + (identical == 1 ? " identical field\n" : " identical fields\n");
        identical = 0;
    };
    for (const std::string& name : names) {
        const api::Value* a = before.find(name);
        const api::Value* b = after.find(name);
        if ((!a && !b) || (a && b && *a == *b)) {
            ++identical;
            continue;
        }
        flush();
        std::string goName = name;
        goName[0] = char(std::toupper(static_cast<unsigned char>(goName[0])));
        out += "- \t" + goName + ": " + (a ? manifest::toCompactJson(*a) : std::string("nil")) + ",\n";
        out += "+ \t" + goName + ": " + (b ? manifest::toCompactJson(*b) : std::string("nil")) + ",\n";
    }
    flush();
    out += "  }\n";
    return out;
}

} // namespace

std::vector<ApiError::Cause> ApiServer::podUpdateErrors(const api::Pod& updated, const api::Pod& old)
{
    std::vector<Cause> errors;
    // Mirror pods: their annotation may be neither added, changed nor removed.
    const std::string mirror = "kubernetes.io/config.mirror";
    const auto& na = updated.metadata.annotations;
    const auto& oa = old.metadata.annotations;
    for (const auto& [k, v] : oa)
        if (k.starts_with(mirror) && (!na.contains(k) || na.at(k) != v))
            errors.push_back({"metadata.annotations[" + k + "]", "Forbidden: may not remove or update mirror pod annotation"});
    for (const auto& [k, v] : na)
        if (k.starts_with(mirror) && !oa.contains(k))
            errors.push_back({"metadata.annotations[" + k + "]", "Forbidden: may not add mirror pod annotation"});

    const api::PodSpec& spec = updated.spec;
    const api::PodSpec& was = old.spec;
    if (containerUpdateErrors(spec.containers, was.containers, "spec.containers", errors) ||
        containerUpdateErrors(spec.initContainers, was.initContainers, "spec.initContainers", errors))
        return errors;

    // activeDeadlineSeconds may be set, or shortened, never raised or removed.
    if (spec.activeDeadlineSeconds) {
        const int64_t v = *spec.activeDeadlineSeconds;
        if (v < 0 || v > INT32_MAX) {
            errors.push_back({"spec.activeDeadlineSeconds",
                              "Invalid value: " + std::to_string(v) + ": must be between 0 and 2147483647, inclusive"});
            return errors;
        }
        if (was.activeDeadlineSeconds && *was.activeDeadlineSeconds < v) {
            errors.push_back({"spec.activeDeadlineSeconds",
                              "Invalid value: " + std::to_string(v) + ": must be less than or equal to previous value"});
            return errors;
        }
    } else if (was.activeDeadlineSeconds) {
        errors.push_back({"spec.activeDeadlineSeconds",
                          "Invalid value: null: must not update from a positive integer to nil value"});
    }

    // Tolerations: every existing one must still be there (its tolerationSeconds may change).
    for (const api::Toleration& t : was.tolerations) {
        const bool kept = std::any_of(spec.tolerations.begin(), spec.tolerations.end(), [&](const api::Toleration& n) {
            api::Toleration same = t;
            same.tolerationSeconds = n.tolerationSeconds;
            return same == n;
        });
        if (!kept) {
            errors.push_back({"spec.tolerations", "Forbidden: existing toleration can not be modified except its tolerationSeconds"});
            break;
        }
    }

    // Scheduling gates may only be removed. (The API server walks a Go map here, so with several new gates
    // its order varies between calls; PodLab names them in the order of the list.)
    for (size_t i = 0; i < spec.schedulingGates.size(); ++i) {
        const std::string& name = spec.schedulingGates[i].name;
        const bool existed = std::any_of(was.schedulingGates.begin(), was.schedulingGates.end(),
                                         [&](const api::PodSchedulingGate& g) { return g.name == name; });
        if (!existed)
            errors.push_back({"spec.schedulingGates[" + std::to_string(i) + "].name",
                              "Forbidden: only deletion is allowed, but found new scheduling gate '" + name + "'"});
    }

    if (spec == was)
        return errors;

    // Everything else must stay as it was: set the fields that may change back to their old values and compare.
    api::PodSpec munged = spec;
    for (size_t i = 0; i < munged.containers.size(); ++i)
        munged.containers[i].image = was.containers[i].image;
    for (size_t i = 0; i < munged.initContainers.size(); ++i)
        munged.initContainers[i].image = was.initContainers[i].image;
    munged.activeDeadlineSeconds = was.activeDeadlineSeconds;
    munged.schedulingGates = was.schedulingGates;
    munged.tolerations = was.tolerations;
    if (was.terminationGracePeriodSeconds && *was.terminationGracePeriodSeconds < 0 &&
        munged.terminationGracePeriodSeconds == int64_t(1))
        munged.terminationGracePeriodSeconds = was.terminationGracePeriodSeconds;
    if (!was.schedulingGates.empty() && munged.nodeSelector != was.nodeSelector) {
        // A gated pod's node selector may grow (that is how queueing systems place it), nothing more.
        for (const auto& [k, v] : was.nodeSelector) {
            const auto it = munged.nodeSelector.find(k);
            if (it == munged.nodeSelector.end() || it->second != v) {
                api::Value::Object shown;
                for (const auto& [nk, nv] : munged.nodeSelector)
                    shown.emplace_back(nk, nv);
                errors.push_back({"spec.nodeSelector", "Invalid value: " + manifest::toCompactJson(api::Value(shown)) +
                                                           ": only additions to spec.nodeSelector are allowed (no "
                                                           "mutations or deletions)"});
                break;
            }
        }
        munged.nodeSelector = was.nodeSelector;
    }
    if (!(munged == was))
        errors.push_back(
            {"spec", "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                     "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions "
                     "to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it "
                     "was previously negative)\n" +
                         specDiff(was, munged)});
    return errors;
}

ApiError ApiServer::invalid(std::string_view kind, std::string_view name, std::vector<ApiError::Cause> causes)
{
    // errors.NewInvalid: "<Kind> "<name>" is invalid: " and the aggregate ("a" alone, "[a, b]" for several).
    std::string all;
    for (const Cause& c : causes)
        all += (all.empty() ? "" : ", ") + c.field + ": " + c.message;
    if (causes.size() > 1)
        all = "[" + all + "]";
    ApiError e;
    e.reason = "Invalid";
    e.message = std::string(kind) + " \"" + std::string(name) + "\" is invalid: " + all;
    e.kind = kind;
    e.name = name;
    e.causes = std::move(causes);
    return e;
}

std::string ApiServer::notFoundMessage(Kind kind, std::string_view name)
{
    return std::string(resourceName(kind)) + " \"" + std::string(name) + "\" not found";
}

ApiResult ApiServer::create(api::Object object, ClusterContext& ctx)
{
    return std::visit([&](auto& o) { return createTyped(std::move(o), ctx); }, object);
}

ApiResult ApiServer::update(api::Object object, ClusterContext& ctx, bool includeStatus)
{
    return std::visit([&](auto& o) { return updateTyped(std::move(o), ctx, includeStatus); }, object);
}

ApiResult ApiServer::remove(Kind kind, std::string_view namespace_, std::string_view name, const DeleteOptions& options,
                            ClusterContext& ctx)
{
    switch (kind) {
    case Kind::Pod: return removeTyped<api::Pod>(namespace_, name, options, ctx);
    case Kind::Node: return removeTyped<api::Node>(namespace_, name, options, ctx);
    case Kind::ConfigMap: return removeTyped<api::ConfigMap>(namespace_, name, options, ctx);
    case Kind::Secret: return removeTyped<api::Secret>(namespace_, name, options, ctx);
    case Kind::ServiceAccount: return removeTyped<api::ServiceAccount>(namespace_, name, options, ctx);
    case Kind::Namespace: return removeTyped<api::Namespace>(namespace_, name, options, ctx);
    case Kind::Deployment: return removeTyped<api::Deployment>(namespace_, name, options, ctx);
    case Kind::ReplicaSet: return removeTyped<api::ReplicaSet>(namespace_, name, options, ctx);
    case Kind::Service: return removeTyped<api::Service>(namespace_, name, options, ctx);
    case Kind::Endpoints: return removeTyped<api::Endpoints>(namespace_, name, options, ctx);
    case Kind::PodPreset: return removeTyped<api::PodPreset>(namespace_, name, options, ctx);
    case Kind::Lease: return removeTyped<api::Lease>(namespace_, name, options, ctx);
    case Kind::Event: break;
    }
    return {{}, error("MethodNotAllowed", "the server does not allow this method on the requested resource")};
}

} // namespace podlab::sim
