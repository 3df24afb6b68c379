#include "controllerutil.h"

#include <algorithm>
#include <climits>
#include <cmath>
#include <string_view>
#include <tuple>

namespace podlab::sim {

namespace {

const api::PodCondition* readyCondition(const api::Pod& pod)
{
    for (const api::PodCondition& c : pod.status.conditions)
        if (c.type == "Ready")
            return &c;
    return nullptr;
}

int phaseOrdinal(const std::string& phase)
{
    if (phase == "Pending")
        return 0;
    if (phase == "Unknown")
        return 1;
    if (phase == "Running")
        return 2;
    return 0; // a phase the ordering does not name counts as the zero value, as a missing map key does in Go
}

int maxRestarts(const api::Pod& pod)
{
    int most = 0;
    for (const api::ContainerStatus& s : pod.status.containerStatuses)
        most = std::max(most, int(s.restartCount));
    return most;
}

int64_t wholeSecond(int64_t ms) { return ms - ((ms % 1000) + 1000) % 1000; }

// logarithmicRankDiff's rank: floor(log2(now - t)) with the difference in nanoseconds, -1 for a time not before now.
int64_t logRank(int64_t t, int64_t now)
{
    const double d = double(now - t) * 1e6; // Go's durations are nanoseconds
    return d > 0 ? int64_t(std::log2(d)) : -1;
}

} // namespace

bool isPodActive(const api::Pod& pod)
{
    return pod.status.phase != "Succeeded" && pod.status.phase != "Failed" && !pod.metadata.deletionTimestamp;
}

bool isPodReady(const api::Pod& pod)
{
    const api::PodCondition* c = readyCondition(pod);
    return c && c->status == "True";
}

std::optional<int64_t> podReadySince(const api::Pod& pod)
{
    const api::PodCondition* c = readyCondition(pod);
    if (!c || c->status != "True")
        return std::nullopt;
    return c->lastTransitionTime.millis();
}

std::optional<int64_t> podAvailableAt(const api::Pod& pod, int32_t minReadySeconds)
{
    const auto since = podReadySince(pod);
    if (!since)
        return std::nullopt;
    return wholeSecond(*since) + int64_t(minReadySeconds) * 1000;
}

bool isPodAvailable(const api::Pod& pod, int32_t minReadySeconds, api::Time now)
{
    const auto at = podAvailableAt(pod, minReadySeconds);
    if (!at)
        return false;
    // LastTransitionTime + minReadySeconds must be strictly before now.
    return minReadySeconds == 0 || *at < now.millis();
}

const api::OwnerReference* controllerOf(const api::ObjectMeta& meta)
{
    for (const api::OwnerReference& ref : meta.ownerReferences)
        if (ref.controller.value_or(false))
            return &ref;
    return nullptr;
}

api::OwnerReference controllerRef(const api::ObjectMeta& owner, std::string_view apiVersion, std::string_view kind)
{
    api::OwnerReference ref;
    ref.apiVersion = apiVersion;
    ref.kind = kind;
    ref.name = owner.name;
    ref.uid = owner.uid;
    ref.controller = true;
    ref.blockOwnerDeletion = true;
    return ref;
}

api::ObjectReference referenceTo(const api::ObjectMeta& meta, std::string_view apiVersion, std::string_view kind)
{
    api::ObjectReference r;
    r.kind = kind;
    r.namespace_ = meta.namespace_;
    r.name = meta.name;
    r.uid = meta.uid;
    r.apiVersion = apiVersion;
    r.resourceVersion = meta.resourceVersion;
    return r;
}

bool equalIgnoreHash(const api::PodTemplateSpec& a, const api::PodTemplateSpec& b)
{
    if (a.metadata.labels.contains("pod-template-hash") || b.metadata.labels.contains("pod-template-hash")) {
        api::PodTemplateSpec x = a, y = b;
        x.metadata.labels.erase("pod-template-hash");
        y.metadata.labels.erase("pod-template-hash");
        return x == y;
    }
    return a == b;
}

bool deleteBefore(const api::Pod& a, int rankA, const api::Pod& b, int rankB, api::Time now)
{
    // Each pod's place as a tuple, compared in order, so the order is a strict weak ordering whatever the pods
    // (std::sort needs one; Kubernetes' pairwise Less is not always transitive, which Go's sort tolerates).
    // Where Less settles two different ready or creation times of the same power of two by uid at once, this
    // goes on to the next rule first.
    auto key = [&](const api::Pod& p, int rank) {
        const bool ready = isPodReady(p);
        // 6. ready for less time first: the power of two of how long, in nanoseconds, as logarithmicRankDiff.
        const int64_t readyRank = ready ? logRank(wholeSecond(*podReadySince(p)), now.millis()) : 0;
        // 8. newer first; a pod without a creation time before all.
        const api::Time& created = p.metadata.creationTimestamp;
        const int64_t ageRank = created.isNull() ? INT64_MIN : logRank(wholeSecond(created.millis()), now.millis());
        return std::make_tuple(p.spec.nodeName.empty() ? 0 : 1, // 1. unassigned first
                               phaseOrdinal(p.status.phase),     // 2. Pending, Unknown, Running
                               ready ? 1 : 0,                    // 3. not ready first
                               -rank,                            // 5. more pods of the owner on its node first
                               readyRank, -maxRestarts(p),       // 7. more restarts first
                               ageRank, std::string_view(p.metadata.uid));
    };
    return key(a, rankA) < key(b, rankB);
}

} // namespace podlab::sim
