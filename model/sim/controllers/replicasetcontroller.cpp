#include "replicasetcontroller.h"

#include "controllerutil.h"

#include "sim/cluster/apiserver.h"
#include "sim/core/selectors.h"

#include <algorithm>
#include <climits>
#include <unordered_map>

namespace podlab::sim {

namespace {

bool selects(const api::ReplicaSet& rs, const api::StringMap& labels)
{
    // An empty or missing selector selects nothing here (validation refuses both for apps/v1).
    if (!rs.spec.selector || (rs.spec.selector->matchLabels.empty() && rs.spec.selector->matchExpressions.empty()))
        return false;
    return matches(*rs.spec.selector, labels);
}

bool ownedBy(const api::Pod& pod, const std::string& uid)
{
    const api::OwnerReference* ref = controllerOf(pod.metadata);
    return ref && ref->uid == uid;
}

// controller.GetPodFromTemplate: the template's labels, annotations, finalizers and spec, named after the
// ReplicaSet by the API server (generateName), controlled by it.
api::Pod podFromTemplate(const api::ReplicaSet& rs)
{
    api::Pod pod;
    pod.metadata.namespace_ = rs.metadata.namespace_;
    pod.metadata.generateName = rs.metadata.name + "-";
    pod.metadata.labels = rs.spec.template_.metadata.labels;
    pod.metadata.annotations = rs.spec.template_.metadata.annotations;
    pod.metadata.finalizers = rs.spec.template_.metadata.finalizers;
    pod.metadata.ownerReferences.push_back(controllerRef(rs.metadata, "apps/v1", "ReplicaSet"));
    pod.spec = rs.spec.template_.spec;
    return pod;
}

} // namespace

void ReplicaSetController::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::ReplicaSet) {
        const auto& rs = std::get<Ptr<api::ReplicaSet>>(change.object);
        Key key{rs->metadata.namespace_, rs->metadata.name};
        if (change.type == Change::Type::Deleted) {
            m_podsByOwner.erase(rs->metadata.uid);
            m_orphans.erase(key);
            m_scanNamespace.erase(key);
            return;
        }
        if (change.type == Change::Type::Added)
            m_scanNamespace.insert(key);
        queue(std::move(key), ctx);
        return;
    }
    if (change.kind != Kind::Pod)
        return;
    const auto& pod = std::get<Ptr<api::Pod>>(change.object);
    const api::ObjectMeta& meta = pod->metadata;
    if (const api::OwnerReference* ref = controllerOf(meta)) {
        if (ref->kind != "ReplicaSet")
            return;
        if (change.type == Change::Type::Deleted) {
            if (const auto it = m_podsByOwner.find(ref->uid); it != m_podsByOwner.end())
                it->second.erase(meta.name);
        } else {
            m_podsByOwner[ref->uid].insert(meta.name);
        }
        queue({meta.namespace_, ref->name}, ctx);
        return;
    }
    // Nobody controls the pod: every ReplicaSet of its namespace that selects it may adopt it. (Plain pods in a
    // namespace without ReplicaSets cost one failed lookup here.)
    if (change.type == Change::Type::Deleted || !isPodActive(*pod))
        return;
    const auto& sets = ctx.store.all<api::ReplicaSet>();
    for (auto it = sets.lower_bound(Store::KeyView{meta.namespace_, {}});
         it != sets.end() && it->first.namespace_ == meta.namespace_; ++it) {
        const api::ReplicaSet& rs = *it->second;
        if (rs.metadata.deletionTimestamp || !selects(rs, meta.labels))
            continue;
        Key key{rs.metadata.namespace_, rs.metadata.name};
        m_orphans[key].insert(meta.name);
        queue(std::move(key), ctx);
    }
}

void ReplicaSetController::onTimer(ClusterContext& ctx)
{
    for (const Key& key : m_queue.take(ctx.now))
        sync(key, ctx);
}

void ReplicaSetController::sync(const Key& key, ClusterContext& ctx)
{
    const Ptr<api::ReplicaSet> rsPtr = ctx.store.get<api::ReplicaSet>(key.namespace_, key.name);
    if (!rsPtr) {
        m_orphans.erase(key);
        m_scanNamespace.erase(key);
        return;
    }
    const api::ReplicaSet& rs = *rsPtr;
    const std::string& uid = rs.metadata.uid;
    const bool deleting = rs.metadata.deletionTimestamp.has_value();

    // Claim (ControllerRefManager.ClaimPods): its own active pods that still match, and active orphans that match.
    std::vector<Ptr<api::Pod>> pods;
    std::set<std::string>& known = m_podsByOwner[uid];
    for (auto it = known.begin(); it != known.end();) {
        const Ptr<api::Pod> pod = ctx.store.get<api::Pod>(key.namespace_, *it);
        if (!pod || !ownedBy(*pod, uid)) {
            it = known.erase(it);
            continue;
        }
        ++it;
        if (!isPodActive(*pod))
            continue;
        if (selects(rs, pod->metadata.labels)) {
            pods.push_back(pod);
        } else if (!deleting) {
            // Release: its labels no longer match, so it is no longer this ReplicaSet's.
            api::Pod released = *pod;
            std::erase_if(released.metadata.ownerReferences, [&](const api::OwnerReference& r) { return r.uid == uid; });
            ctx.store.put(std::move(released));
        }
    }
    std::set<std::string> orphans;
    if (const auto it = m_orphans.find(key); it != m_orphans.end()) {
        orphans = std::move(it->second);
        m_orphans.erase(it);
    }
    if (m_scanNamespace.erase(key)) {
        // Walked in place: a namespace of many pods is read, not copied, for each new ReplicaSet.
        const auto& pods = ctx.store.all<api::Pod>();
        for (auto it = pods.lower_bound(Store::KeyView{key.namespace_, {}});
             it != pods.end() && it->first.namespace_ == key.namespace_; ++it)
            if (it->second->metadata.ownerReferences.empty() || !controllerOf(it->second->metadata))
                if (!it->second->metadata.deletionTimestamp && selects(rs, it->second->metadata.labels))
                    orphans.insert(it->first.name);
    }
    if (!deleting) {
        for (const std::string& name : orphans) {
            const Ptr<api::Pod> pod = ctx.store.get<api::Pod>(key.namespace_, name);
            if (!pod || controllerOf(pod->metadata) || !isPodActive(*pod) || !selects(rs, pod->metadata.labels))
                continue;
            api::Pod adopted = *pod;
            adopted.metadata.ownerReferences.push_back(controllerRef(rs.metadata, "apps/v1", "ReplicaSet"));
            pods.push_back(ctx.store.put(std::move(adopted)));
            known.insert(name);
        }
    }

    // manageReplicas: create what is missing, delete the surplus (at most a burst at a time).
    const int32_t desired = rs.spec.replicas.value_or(1);
    const int32_t diff = int32_t(pods.size()) - desired;
    const api::ObjectReference self = referenceTo(rs.metadata, "apps/v1", "ReplicaSet");
    if (!deleting && diff < 0) {
        const int32_t missing = std::min(-diff, kBurstReplicas);
        // Slow start (1, 2, 4, … pods per batch) only matters when creation fails: a failed batch stops the rest.
        int32_t created = 0;
        for (int32_t batch = 1; created < missing; batch = std::min(batch * 2, missing - created)) {
            bool failed = false;
            for (int32_t i = 0; i < batch && created < missing; ++i) {
                const ApiResult r = ApiServer::create(api::Object(podFromTemplate(rs)), ctx);
                if (!r.ok()) {
                    ctx.event(self, "Warning", "FailedCreate", "Error creating: " + r.error->message, kComponent);
                    failed = true;
                    break;
                }
                const auto& pod = std::get<Ptr<api::Pod>>(r.object);
                ctx.event(self, "Normal", "SuccessfulCreate", "Created pod: " + pod->metadata.name, kComponent);
                ++created;
            }
            if (failed)
                break;
        }
    } else if (diff > 0) {
        const int32_t surplus = std::min(diff, kBurstReplicas);
        // Rank: how many of its active pods share each pod's node (doubled-up pods go first).
        std::unordered_map<std::string_view, int> onNode;
        for (const Ptr<api::Pod>& pod : pods)
            ++onNode[pod->spec.nodeName];
        std::vector<std::pair<Ptr<api::Pod>, int>> ranked;
        for (const Ptr<api::Pod>& pod : pods)
            ranked.emplace_back(pod, onNode[pod->spec.nodeName]);
        const api::Time now = ctx.wallTime();
        // Only the first `surplus` in order are needed (getPodsToDelete sorts them all; a ReplicaSet scaled down
        // from many thousands does this once a burst).
        auto before = [&](const auto& a, const auto& b) {
            if (deleteBefore(*a.first, a.second, *b.first, b.second, now))
                return true;
            if (deleteBefore(*b.first, b.second, *a.first, a.second, now))
                return false;
            return a.first->metadata.name < b.first->metadata.name; // the same uid: only in hand-made pods
        };
        if (size_t(surplus) < ranked.size())
            std::nth_element(ranked.begin(), ranked.begin() + surplus, ranked.end(), before);
        std::sort(ranked.begin(), ranked.begin() + surplus, before);
        for (int32_t i = 0; i < surplus; ++i) {
            const api::Pod& victim = *ranked[size_t(i)].first;
            const ApiResult r = ApiServer::remove(Kind::Pod, victim.metadata.namespace_, victim.metadata.name, {}, ctx);
            if (r.ok())
                ctx.event(self, "Normal", "SuccessfulDelete", "Deleted pod: " + victim.metadata.name, kComponent);
            else
                ctx.event(self, "Warning", "FailedDelete", "Error deleting: " + r.error->message, kComponent);
        }
    }

    // calculateStatus, from the pods as they were at the start of this sync (as upstream: what it just created
    // or deleted shows in the next sync).
    api::ReplicaSetStatus status = rs.status;
    status.replicas = int32_t(pods.size());
    status.fullyLabeledReplicas = 0;
    status.readyReplicas = 0;
    status.availableReplicas = 0;
    const api::StringMap& templateLabels = rs.spec.template_.metadata.labels;
    const api::Time now = ctx.wallTime();
    int64_t nextAvailable = INT64_MAX;
    for (const Ptr<api::Pod>& pod : pods) {
        if (matches(templateLabels, pod->metadata.labels))
            ++status.fullyLabeledReplicas;
        if (!isPodReady(*pod))
            continue;
        ++status.readyReplicas;
        if (isPodAvailable(*pod, rs.spec.minReadySeconds, now))
            ++status.availableReplicas;
        else if (const auto at = podAvailableAt(*pod, rs.spec.minReadySeconds))
            nextAvailable = std::min(nextAvailable, *at);
    }
    status.observedGeneration = rs.metadata.generation;
    // A pod ready but not yet for minReadySeconds: look again the moment it becomes available.
    if (nextAvailable != INT64_MAX)
        m_queue.addAt(key, nextAvailable - ctx.config.startEpochMillis + 1, kTimerTarget, ctx);
    if (!(status == rs.status)) {
        const Ptr<api::ReplicaSet> current = ctx.store.get<api::ReplicaSet>(key.namespace_, key.name);
        if (current && current->metadata.uid == uid) {
            api::ReplicaSet updated = *current;
            updated.status = std::move(status);
            ctx.store.put(std::move(updated));
        }
    }
}

} // namespace podlab::sim
