#include "apiserver.h"

#include "sim/status/qosclass.h"

#include "admission.h"

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

template <class T>
ApiResult updateTyped(T object, ClusterContext& ctx, bool includeStatus)
{
    constexpr Kind kind = kindOf<T>();
    if (isNamespaced(kind) && object.metadata.namespace_.empty())
        object.metadata.namespace_ = "default";
    const Ptr<T> current = existing<T>(ctx, object.metadata);
    if (!current)
        return {{}, error("NotFound", ApiServer::notFoundMessage(kind, object.metadata.name))};
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

} // namespace

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
