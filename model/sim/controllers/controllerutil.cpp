#include "controllerutil.h"

#include <algorithm>
#include <cmath>

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

// logarithmicRankDiff: the difference of floor(log2(now - t)) in nanoseconds, -1 for a time not before now.
int64_t logRankDiff(int64_t t1, int64_t t2, int64_t now)
{
    auto rank = [&](int64_t t) -> int64_t {
        const int64_t d = (now - t) * 1'000'000; // Go's durations are nanoseconds
        return d > 0 ? int64_t(std::log2(double(d))) : -1;
    };
    return rank(t1) - rank(t2);
}

// afterOrZero: a zero time comes first, then the later one.
bool afterOrZero(const api::Time& a, const api::Time& b)
{
    if (a.isNull() || b.isNull())
        return a.isNull();
    return a.millis() > b.millis();
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
    // 1. Unassigned before assigned.
    if (a.spec.nodeName != b.spec.nodeName && (a.spec.nodeName.empty() || b.spec.nodeName.empty()))
        return a.spec.nodeName.empty();
    // 2. Pending before Unknown before Running.
    if (phaseOrdinal(a.status.phase) != phaseOrdinal(b.status.phase))
        return phaseOrdinal(a.status.phase) < phaseOrdinal(b.status.phase);
    // 3. Not ready before ready.
    const bool readyA = isPodReady(a), readyB = isPodReady(b);
    if (readyA != readyB)
        return !readyA;
    // 4. (pod-deletion-cost annotation: PodLab pods carry none.) 5. More pods of the owner on the same node first.
    if (rankA != rankB)
        return rankA > rankB;
    // 6. Ready for a shorter time first (in log2 buckets; a tie goes by uid).
    if (readyA && readyB) {
        const int64_t ta = *podReadySince(a), tb = *podReadySince(b);
        if (ta != tb) {
            const int64_t diff = logRankDiff(wholeSecond(ta), wholeSecond(tb), now.millis());
            if (diff == 0)
                return a.metadata.uid < b.metadata.uid;
            return diff < 0;
        }
    }
    // 7. More restarts first.
    if (maxRestarts(a) != maxRestarts(b))
        return maxRestarts(a) > maxRestarts(b);
    // 8. Newer first (log2 buckets of age; a tie goes by uid).
    const api::Time& ca = a.metadata.creationTimestamp;
    const api::Time& cb = b.metadata.creationTimestamp;
    if (ca.millis() != cb.millis() || ca.isNull() != cb.isNull()) {
        if (ca.isNull() || cb.isNull())
            return afterOrZero(ca, cb);
        const int64_t diff = logRankDiff(wholeSecond(ca.millis()), wholeSecond(cb.millis()), now.millis());
        if (diff == 0)
            return a.metadata.uid < b.metadata.uid;
        return diff < 0;
    }
    return false;
}

} // namespace podlab::sim
