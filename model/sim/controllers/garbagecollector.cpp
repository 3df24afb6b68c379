#include "garbagecollector.h"

#include "sim/cluster/apiserver.h"

#include <algorithm>

namespace podlab::sim {

namespace {

// Whether the object an owner reference names exists with that uid. Only workload owners are resolved;
// any other kind counts as present (PodLab does not collect what it cannot look up).
bool ownerExists(const api::OwnerReference& ref, std::string_view namespace_, const Store& store)
{
    if (ref.kind == "ReplicaSet") {
        const auto rs = store.get<api::ReplicaSet>(namespace_, ref.name);
        return rs && rs->metadata.uid == ref.uid;
    }
    if (ref.kind == "Deployment") {
        const auto d = store.get<api::Deployment>(namespace_, ref.name);
        return d && d->metadata.uid == ref.uid;
    }
    return true;
}

template <class T>
void dropOwner(const std::string& namespace_, const std::string& name, const std::string& ownerUid, ClusterContext& ctx)
{
    const Ptr<T> object = ctx.store.get<T>(namespace_, name);
    if (!object)
        return;
    const auto& refs = object->metadata.ownerReferences;
    if (std::none_of(refs.begin(), refs.end(), [&](const api::OwnerReference& r) { return r.uid == ownerUid; }))
        return;
    const bool othersRemain = std::any_of(refs.begin(), refs.end(), [&](const api::OwnerReference& r) {
        return r.uid != ownerUid && ownerExists(r, namespace_, ctx.store);
    });
    if (othersRemain) {
        T updated = *object;
        std::erase_if(updated.metadata.ownerReferences, [&](const api::OwnerReference& r) { return r.uid == ownerUid; });
        ctx.store.put(std::move(updated));
        return;
    }
    ApiServer::remove(kindOf<T>(), namespace_, name, {}, ctx);
}

} // namespace

void GarbageCollector::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::Event)
        return;
    const api::ObjectMeta& meta = metadataOf(change.object);
    if (change.type == Change::Type::Deleted) {
        for (const api::OwnerReference& ref : meta.ownerReferences) {
            const auto it = m_dependents.find(ref.uid);
            if (it == m_dependents.end())
                continue;
            it->second.erase({change.kind, meta.namespace_, meta.name});
            if (it->second.empty())
                m_dependents.erase(it);
        }
        if (!meta.uid.empty())
            collect(meta.uid, ctx);
        return;
    }
    if (meta.ownerReferences.empty() || (change.kind != Kind::Pod && change.kind != Kind::ReplicaSet))
        return;
    bool dangling = false;
    for (const api::OwnerReference& ref : meta.ownerReferences) {
        if (ref.uid.empty())
            continue;
        m_dependents[ref.uid].insert({change.kind, meta.namespace_, meta.name});
        if (ref.controller.value_or(false))
            dangling = !ownerExists(ref, meta.namespace_, ctx.store);
    }
    if (dangling && change.type == Change::Type::Added) {
        ApiServer::remove(change.kind, meta.namespace_, meta.name, {}, ctx);
    }
}

void GarbageCollector::collect(const std::string& ownerUid, ClusterContext& ctx)
{
    const auto it = m_dependents.find(ownerUid);
    if (it == m_dependents.end())
        return;
    const std::set<Dependent> dependents = std::move(it->second);
    m_dependents.erase(it);
    for (const Dependent& d : dependents) {
        if (d.kind == Kind::Pod)
            dropOwner<api::Pod>(d.namespace_, d.name, ownerUid, ctx);
        else if (d.kind == Kind::ReplicaSet)
            dropOwner<api::ReplicaSet>(d.namespace_, d.name, ownerUid, ctx);
    }
}

} // namespace podlab::sim
