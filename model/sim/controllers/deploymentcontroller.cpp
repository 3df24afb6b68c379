#include "deploymentcontroller.h"

#include "controllerutil.h"
#include "podtemplatehash.h"
#include "rollingupdate.h"

#include "sim/cluster/apiserver.h"
#include "sim/core/selectors.h"

#include <algorithm>
#include <climits>
#include <cmath>

namespace podlab::sim {

namespace {

constexpr const char* kRevision = "deployment.kubernetes.io/revision";
constexpr const char* kRevisionHistory = "deployment.kubernetes.io/revision-history";
constexpr const char* kDesiredReplicas = "deployment.kubernetes.io/desired-replicas";
constexpr const char* kMaxReplicas = "deployment.kubernetes.io/max-replicas";
constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";
constexpr const char* kRollbackTo = "deprecated.deployment.rollback.to";
constexpr size_t kMaxRevisionHistoryChars = 2000;

// Reasons of the Progressing and Available conditions (deployment/util).
constexpr const char* kNewRSReason = "NewReplicaSetCreated";
constexpr const char* kFoundNewRSReason = "FoundNewReplicaSet";
constexpr const char* kRSUpdatedReason = "ReplicaSetUpdated";
constexpr const char* kNewRSAvailableReason = "NewReplicaSetAvailable";
constexpr const char* kTimedOutReason = "ProgressDeadlineExceeded";
constexpr const char* kPausedReason = "DeploymentPaused";
constexpr const char* kResumedReason = "DeploymentResumed";
constexpr const char* kFailedRSCreateReason = "ReplicaSetCreateError";

bool emptySelector(const std::optional<api::LabelSelector>& s)
{
    return !s || (s->matchLabels.empty() && s->matchExpressions.empty());
}

int64_t parseRevision(const api::ObjectMeta& meta)
{
    const auto it = meta.annotations.find(kRevision);
    if (it == meta.annotations.end())
        return 0;
    try {
        return std::stoll(it->second);
    } catch (...) {
        return 0;
    }
}

std::optional<int32_t> intAnnotation(const api::ObjectMeta& meta, const char* name)
{
    const auto it = meta.annotations.find(name);
    if (it == meta.annotations.end())
        return std::nullopt;
    try {
        size_t used = 0;
        const long v = std::stol(it->second, &used);
        if (used != it->second.size())
            return std::nullopt;
        return int32_t(v);
    } catch (...) {
        return std::nullopt;
    }
}

int32_t specReplicas(const api::ReplicaSet& rs) { return rs.spec.replicas.value_or(1); }
int32_t desiredOf(const api::Deployment& d) { return d.spec.replicas.value_or(1); }

bool hasProgressDeadline(const api::Deployment& d)
{
    return d.spec.progressDeadlineSeconds && *d.spec.progressDeadlineSeconds != INT32_MAX;
}

const api::DeploymentCondition* condition(const api::DeploymentStatus& s, std::string_view type)
{
    for (const api::DeploymentCondition& c : s.conditions)
        if (c.type == type)
            return &c;
    return nullptr;
}

void removeCondition(api::DeploymentStatus& s, std::string_view type)
{
    std::erase_if(s.conditions, [&](const api::DeploymentCondition& c) { return c.type == type; });
}

api::DeploymentCondition newCondition(std::string type, std::string status, std::string reason, std::string message,
                                      api::Time now)
{
    return {std::move(type), std::move(status), now, now, std::move(reason), std::move(message)};
}

// SetDeploymentCondition: nothing changes for the same status and reason; the transition time stays for the same
// status; the condition goes to the end of the list.
void setCondition(api::DeploymentStatus& s, api::DeploymentCondition c)
{
    const api::DeploymentCondition* current = condition(s, c.type);
    if (current && current->status == c.status && current->reason == c.reason)
        return;
    if (current && current->status == c.status)
        c.lastTransitionTime = current->lastTransitionTime;
    removeCondition(s, c.type);
    s.conditions.push_back(std::move(c));
}

bool newerFirst(const api::ReplicaSet& a, const api::ReplicaSet& b)
{
    if (a.metadata.creationTimestamp != b.metadata.creationTimestamp)
        return a.metadata.creationTimestamp > b.metadata.creationTimestamp;
    return a.metadata.name > b.metadata.name;
}

bool olderFirst(const api::ReplicaSet& a, const api::ReplicaSet& b)
{
    if (a.metadata.creationTimestamp != b.metadata.creationTimestamp)
        return a.metadata.creationTimestamp < b.metadata.creationTimestamp;
    return a.metadata.name < b.metadata.name;
}

// One sync of one Deployment: the Deployment as it will be written back, and its ReplicaSets as they are
// now (updated in place as the sync scales them).
class DeploymentSync {
public:
    DeploymentSync(const api::Deployment& d, std::vector<api::ReplicaSet> sets, ClusterContext& ctx)
        : m_d(d), m_original(d), m_sets(std::move(sets)), m_ctx(ctx)
    {
        std::sort(m_sets.begin(), m_sets.end(), olderFirst);
        m_self = referenceTo(d.metadata, "apps/v1", "Deployment");
    }

    // syncDeployment after the ReplicaSets are claimed.
    void run();
    // The Deployment's status and annotations, written if they changed; then a requeue if it might time out.
    std::optional<SimTime> finish();

private:
    // The index of the new ReplicaSet, or -1.
    int findNew() const;
    std::vector<int> oldIndexes(int newIndex) const;
    int64_t maxOldRevision(int newIndex) const;
    // getAllReplicaSetsAndSyncRevision; returns the new ReplicaSet's index (-1: none, and none created).
    int syncRevision(bool createIfMissing, bool& stop);
    bool setNewReplicaSetAnnotations(api::ReplicaSet& rs, const std::string& revision, bool exists) const;
    bool setReplicasAnnotations(api::ReplicaSet& rs) const;
    // scaleReplicaSet: size and annotations; the event when the size changed.
    bool scaleReplicaSet(int index, int32_t newScale, std::string_view operation);
    bool scaleAndRecord(int index, int32_t newScale);
    bool writeReplicaSet(int index);

    void rolloutRolling();
    void rolloutRecreate();
    bool reconcileNew(int newIndex);
    bool reconcileOld(int newIndex);
    bool isScalingEvent();
    void scale(int newIndex);
    void cleanup(int newIndex);
    bool oldPodsRunning(int newIndex) const;
    void checkPaused();

    api::DeploymentStatus calculateStatus(int newIndex) const;
    void syncRolloutStatus(int newIndex);
    void syncStatus(int newIndex) { m_d.status = calculateStatus(newIndex); }
    bool complete(const api::DeploymentStatus& s) const;
    bool progressing(const api::DeploymentStatus& s) const;
    bool timedOut(const api::DeploymentStatus& s) const;

    int32_t sumSpec(const std::vector<int>& idx) const;
    std::vector<int> all(int newIndex) const;
    std::vector<int> active(const std::vector<int>& idx) const;

    api::Deployment m_d;
    api::Deployment m_original;
    std::vector<api::ReplicaSet> m_sets;
    ClusterContext& m_ctx;
    api::ObjectReference m_self;
    bool m_requeueNow = false;
};

int DeploymentSync::findNew() const
{
    for (size_t i = 0; i < m_sets.size(); ++i)
        if (equalIgnoreHash(m_sets[i].spec.template_, m_d.spec.template_))
            return int(i); // the oldest one, should several match
    return -1;
}

std::vector<int> DeploymentSync::oldIndexes(int newIndex) const
{
    std::vector<int> out;
    for (int i = 0; i < int(m_sets.size()); ++i)
        if (i != newIndex)
            out.push_back(i);
    return out;
}

std::vector<int> DeploymentSync::all(int newIndex) const
{
    std::vector<int> out = oldIndexes(newIndex);
    if (newIndex >= 0)
        out.push_back(newIndex);
    return out;
}

std::vector<int> DeploymentSync::active(const std::vector<int>& idx) const
{
    std::vector<int> out;
    for (int i : idx)
        if (specReplicas(m_sets[size_t(i)]) > 0)
            out.push_back(i);
    return out;
}

int32_t DeploymentSync::sumSpec(const std::vector<int>& idx) const
{
    int64_t n = 0; // in 64 bits: replicas may be near INT32_MAX
    for (int i : idx)
        n += specReplicas(m_sets[size_t(i)]);
    return int32_t(std::min<int64_t>(n, INT32_MAX));
}

int64_t DeploymentSync::maxOldRevision(int newIndex) const
{
    int64_t most = 0;
    for (int i : oldIndexes(newIndex))
        most = std::max(most, parseRevision(m_sets[size_t(i)].metadata));
    return most;
}

bool DeploymentSync::setReplicasAnnotations(api::ReplicaSet& rs) const
{
    const int32_t desired = desiredOf(m_d);
    const std::string want = std::to_string(desired);
    const std::string wantMax = std::to_string(int64_t(desired) + deploymentFenceposts(m_d).maxSurge);
    auto& a = rs.metadata.annotations;
    const bool changed = a[kDesiredReplicas] != want || a[kMaxReplicas] != wantMax;
    a[kDesiredReplicas] = want;
    a[kMaxReplicas] = wantMax;
    return changed;
}

bool DeploymentSync::setNewReplicaSetAnnotations(api::ReplicaSet& rs, const std::string& revision, bool exists) const
{
    bool changed = false;
    // The Deployment's own annotations, but for kubectl's and the controller's bookkeeping.
    for (const auto& [k, v] : m_d.metadata.annotations) {
        if (k == kLastApplied || k == kRevision || k == kRevisionHistory || k == kDesiredReplicas || k == kMaxReplicas ||
            k == kRollbackTo)
            continue;
        auto [it, added] = rs.metadata.annotations.try_emplace(k, v);
        if (added || it->second != v) {
            it->second = v;
            changed = true;
        }
    }
    const auto old = rs.metadata.annotations.find(kRevision);
    const bool had = old != rs.metadata.annotations.end();
    const std::string oldRevision = had ? old->second : std::string();
    int64_t oldValue = 0;
    if (had) {
        try {
            oldValue = std::stoll(oldRevision);
        } catch (...) {
            return false;
        }
    }
    const int64_t newValue = std::stoll(revision);
    if (oldValue < newValue) {
        rs.metadata.annotations[kRevision] = revision;
        changed = true;
        // Rolled back to: keep the revisions it had before.
        if (had) {
            std::string history = rs.metadata.annotations[kRevisionHistory];
            history = history.empty() ? oldRevision : history + "," + oldRevision;
            while (history.size() > kMaxRevisionHistoryChars && history.find(',') != std::string::npos)
                history.erase(0, history.find(',') + 1);
            rs.metadata.annotations[kRevisionHistory] = history;
        }
    }
    if (!exists && setReplicasAnnotations(rs))
        changed = true;
    return changed;
}

bool DeploymentSync::writeReplicaSet(int index)
{
    const ApiResult r = ApiServer::update(api::Object(m_sets[size_t(index)]), m_ctx);
    if (!r.ok())
        return false;
    m_sets[size_t(index)] = *std::get<Ptr<api::ReplicaSet>>(r.object);
    return true;
}

int DeploymentSync::syncRevision(bool createIfMissing, bool& stop)
{
    stop = false;
    const int existing = findNew();
    const std::string newRevision = std::to_string(maxOldRevision(existing) + 1);
    const api::Time now = m_ctx.wallTime();
    if (existing >= 0) {
        api::ReplicaSet& rs = m_sets[size_t(existing)];
        api::ReplicaSet copy = rs;
        const bool annotationsUpdated = setNewReplicaSetAnnotations(copy, newRevision, true);
        if (annotationsUpdated || copy.spec.minReadySeconds != m_d.spec.minReadySeconds) {
            copy.spec.minReadySeconds = m_d.spec.minReadySeconds;
            rs = std::move(copy);
            writeReplicaSet(existing);
            return existing;
        }
        const std::string rsRevision = rs.metadata.annotations.contains(kRevision) ? rs.metadata.annotations.at(kRevision) : "";
        if (!rsRevision.empty())
            m_d.metadata.annotations[kRevision] = rsRevision;
        if (hasProgressDeadline(m_d) && !condition(m_d.status, "Progressing"))
            setCondition(m_d.status, newCondition("Progressing", "True", kFoundNewRSReason,
                                                  "Found new replica set \"" + rs.metadata.name + "\"", now));
        return existing;
    }
    if (!createIfMissing)
        return -1;

    api::PodTemplateSpec tmpl = m_d.spec.template_;
    const std::string hash = computePodTemplateHash(tmpl, m_d.status.collisionCount);
    tmpl.metadata.labels[kPodTemplateHashLabel] = hash;
    api::ReplicaSet rs;
    rs.metadata.name = m_d.metadata.name + "-" + hash;
    rs.metadata.namespace_ = m_d.metadata.namespace_;
    rs.metadata.ownerReferences.push_back(controllerRef(m_d.metadata, "apps/v1", "Deployment"));
    rs.metadata.labels = tmpl.metadata.labels;
    rs.spec.selector = m_d.spec.selector;
    rs.spec.selector->matchLabels[kPodTemplateHashLabel] = hash;
    rs.spec.template_ = std::move(tmpl);
    rs.spec.minReadySeconds = m_d.spec.minReadySeconds;
    rs.spec.replicas = 0;
    int32_t replicas = desiredOf(m_d);
    if (m_d.spec.strategy.type == "RollingUpdate") {
        std::vector<int> old = oldIndexes(-1);
        replicas = newReplicaSetReplicas(desiredOf(m_d), deploymentFenceposts(m_d).maxSurge, sumSpec(old), 0);
    }
    rs.spec.replicas = replicas;
    setNewReplicaSetAnnotations(rs, newRevision, false);

    const ApiResult r = ApiServer::create(api::Object(rs), m_ctx);
    if (!r.ok()) {
        if (r.error->reason == "AlreadyExists") {
            const auto found = m_ctx.store.get<api::ReplicaSet>(rs.metadata.namespace_, rs.metadata.name);
            const api::OwnerReference* ref = found ? controllerOf(found->metadata) : nullptr;
            if (found && ref && ref->uid == m_d.metadata.uid && equalIgnoreHash(m_d.spec.template_, found->spec.template_)) {
                m_sets.push_back(*found);
                return int(m_sets.size()) - 1;
            }
            // A hash collision: another template has this name. Count it, so the next hash differs.
            m_d.status.collisionCount = m_d.status.collisionCount.value_or(0) + 1;
            m_requeueNow = true;
            stop = true;
            return -1;
        }
        const std::string msg = "Failed to create new replica set \"" + rs.metadata.name + "\": " + r.error->message;
        if (hasProgressDeadline(m_d))
            setCondition(m_d.status, newCondition("Progressing", "False", kFailedRSCreateReason, msg, now));
        m_ctx.event(m_self, "Warning", kFailedRSCreateReason, msg, DeploymentController::kComponent);
        stop = true;
        return -1;
    }
    const auto& created = std::get<Ptr<api::ReplicaSet>>(r.object);
    if (replicas > 0)
        m_ctx.event(m_self, "Normal", "ScalingReplicaSet",
                    "Scaled up replica set " + created->metadata.name + " to " + std::to_string(replicas),
                    DeploymentController::kComponent);
    m_d.metadata.annotations[kRevision] = newRevision;
    if (hasProgressDeadline(m_d))
        setCondition(m_d.status, newCondition("Progressing", "True", kNewRSReason,
                                              "Created new replica set \"" + created->metadata.name + "\"", now));
    m_sets.push_back(*created);
    return int(m_sets.size()) - 1;
}

bool DeploymentSync::scaleReplicaSet(int index, int32_t newScale, std::string_view operation)
{
    api::ReplicaSet& rs = m_sets[size_t(index)];
    const int32_t oldScale = specReplicas(rs);
    const bool sizeChanged = oldScale != newScale;
    api::ReplicaSet copy = rs;
    const bool annotationsChanged = setReplicasAnnotations(copy);
    if (!sizeChanged && !annotationsChanged)
        return false;
    copy.spec.replicas = newScale;
    const api::ReplicaSet before = rs;
    rs = std::move(copy);
    if (!writeReplicaSet(index)) {
        rs = before;
        return false;
    }
    // Today's controller adds "from <old size>"; the classic profile's (1.12) said only "… to 2".
    const std::string from =
        m_ctx.config.profile == VersionProfile::Modern ? " from " + std::to_string(oldScale) : std::string();
    if (sizeChanged)
        m_ctx.event(m_self, "Normal", "ScalingReplicaSet",
                    "Scaled " + std::string(operation) + " replica set " + rs.metadata.name + " to " +
                        std::to_string(newScale) + from,
                    DeploymentController::kComponent);
    return sizeChanged;
}

bool DeploymentSync::scaleAndRecord(int index, int32_t newScale)
{
    const int32_t current = specReplicas(m_sets[size_t(index)]);
    if (current == newScale)
        return false;
    return scaleReplicaSet(index, newScale, current < newScale ? "up" : "down");
}

// --- RollingUpdate -------------------------------------------------------------------------------------------

bool DeploymentSync::reconcileNew(int newIndex)
{
    const int32_t desired = desiredOf(m_d);
    const int32_t current = specReplicas(m_sets[size_t(newIndex)]);
    if (current == desired)
        return false;
    if (current > desired)
        return scaleAndRecord(newIndex, desired);
    const int32_t target =
        newReplicaSetReplicas(desired, deploymentFenceposts(m_d).maxSurge, sumSpec(all(newIndex)), current);
    return scaleAndRecord(newIndex, target);
}

bool DeploymentSync::reconcileOld(int newIndex)
{
    std::vector<int> old = oldIndexes(newIndex);
    if (sumSpec(old) == 0)
        return false;
    const int32_t desired = desiredOf(m_d);
    const int32_t maxUnavailable = deploymentFenceposts(m_d).maxUnavailable;
    const api::ReplicaSet& fresh = m_sets[size_t(newIndex)];
    int32_t budget = maxScaledDown(desired, maxUnavailable, sumSpec(all(newIndex)), specReplicas(fresh),
                                   fresh.status.availableReplicas);
    if (budget <= 0)
        return false;

    // cleanupUnhealthyReplicas: first the old replicas that are not available anyway, oldest set first.
    std::vector<int> activeOld = active(old);
    std::sort(activeOld.begin(), activeOld.end(),
              [&](int a, int b) { return olderFirst(m_sets[size_t(a)], m_sets[size_t(b)]); });
    int32_t cleaned = 0;
    for (int i : activeOld) {
        const api::ReplicaSet& rs = m_sets[size_t(i)];
        if (cleaned >= budget)
            break;
        if (specReplicas(rs) == 0 || specReplicas(rs) == rs.status.availableReplicas)
            continue;
        const int32_t n = std::min(budget - cleaned, specReplicas(rs) - rs.status.availableReplicas);
        const int32_t target = specReplicas(rs) - n;
        if (target < 0)
            continue;
        scaleAndRecord(i, target);
        cleaned += n;
    }

    // scaleDownOldReplicaSetsForRollingUpdate: then available ones, as far as availability allows.
    int32_t available = 0;
    for (int i : all(newIndex))
        available += m_sets[size_t(i)].status.availableReplicas;
    const int32_t minAvailable = desired - maxUnavailable;
    int32_t scaledDown = 0;
    if (available > minAvailable) {
        const int32_t total = available - minAvailable;
        for (int i : activeOld) {
            if (scaledDown >= total)
                break;
            const int32_t replicas = specReplicas(m_sets[size_t(i)]);
            if (replicas == 0)
                continue;
            const int32_t n = std::min(replicas, total - scaledDown);
            scaleAndRecord(i, replicas - n);
            scaledDown += n;
        }
    }
    return cleaned + scaledDown > 0;
}

void DeploymentSync::rolloutRolling()
{
    bool stop = false;
    const int newIndex = syncRevision(true, stop);
    if (stop || newIndex < 0)
        return;
    if (reconcileNew(newIndex) || reconcileOld(newIndex)) {
        syncRolloutStatus(newIndex);
        return;
    }
    if (complete(m_original.status))
        cleanup(newIndex);
    syncRolloutStatus(newIndex);
}

// --- Recreate -------------------------------------------------------------------------------------------------

bool DeploymentSync::oldPodsRunning(int newIndex) const
{
    std::set<std::string> oldUids;
    for (int i : oldIndexes(newIndex)) {
        if (m_sets[size_t(i)].status.replicas > 0)
            return true;
        oldUids.insert(m_sets[size_t(i)].metadata.uid);
    }
    if (oldUids.empty())
        return false;
    for (const Ptr<api::Pod>& pod : m_ctx.store.list<api::Pod>(m_d.metadata.namespace_)) {
        const api::OwnerReference* ref = controllerOf(pod->metadata);
        if (!ref || !oldUids.contains(ref->uid))
            continue;
        if (pod->status.phase != "Failed" && pod->status.phase != "Succeeded")
            return true; // terminating pods count: Recreate waits until they are gone
    }
    return false;
}

void DeploymentSync::rolloutRecreate()
{
    bool stop = false;
    int newIndex = syncRevision(false, stop);
    if (stop)
        return;
    bool scaledDown = false;
    for (int i : active(oldIndexes(newIndex)))
        scaledDown = scaleAndRecord(i, 0) || scaledDown;
    if (scaledDown || oldPodsRunning(newIndex)) {
        syncRolloutStatus(newIndex);
        return;
    }
    if (newIndex < 0) {
        newIndex = syncRevision(true, stop);
        if (stop || newIndex < 0)
            return;
    }
    scaleAndRecord(newIndex, desiredOf(m_d));
    if (complete(m_original.status))
        cleanup(newIndex);
    syncRolloutStatus(newIndex);
}

// --- scaling -----------------------------------------------------------------------------------------------------

bool DeploymentSync::isScalingEvent()
{
    const int newIndex = findNew();
    for (int i : active(all(newIndex)))
        if (const auto desired = intAnnotation(m_sets[size_t(i)].metadata, kDesiredReplicas); desired && *desired != desiredOf(m_d))
            return true;
    return false;
}

void DeploymentSync::scale(int newIndex)
{
    const int32_t desired = desiredOf(m_d);
    // FindActiveOrLatest: the one active set, or the newest when none is active.
    std::vector<int> everything = all(newIndex);
    std::vector<int> act = active(everything);
    int activeOrLatest = -1;
    if (act.size() == 1) {
        activeOrLatest = act.front();
    } else if (act.empty() && !everything.empty()) {
        if (newIndex >= 0) {
            activeOrLatest = newIndex;
        } else {
            activeOrLatest = *std::min_element(everything.begin(), everything.end(), [&](int a, int b) {
                return newerFirst(m_sets[size_t(a)], m_sets[size_t(b)]);
            });
        }
    }
    if (activeOrLatest >= 0) {
        if (specReplicas(m_sets[size_t(activeOrLatest)]) != desired)
            scaleAndRecord(activeOrLatest, desired);
        return;
    }
    // IsSaturated: the new set has everything; the old ones go to zero.
    if (newIndex >= 0) {
        const api::ReplicaSet& fresh = m_sets[size_t(newIndex)];
        if (intAnnotation(fresh.metadata, kDesiredReplicas) == desired && specReplicas(fresh) == desired &&
            fresh.status.availableReplicas == desired) {
            for (int i : active(oldIndexes(newIndex)))
                scaleAndRecord(i, 0);
            return;
        }
    }
    if (m_d.spec.strategy.type != "RollingUpdate")
        return;
    // Proportional scaling: what the Deployment may hold now, shared out by each set's part of the old size.
    const int32_t maxSurge = deploymentFenceposts(m_d).maxSurge;
    const int64_t allowed = desired > 0 ? int64_t(desired) + maxSurge : 0;
    const int32_t toAdd = int32_t(std::clamp<int64_t>(allowed - sumSpec(act), INT32_MIN, INT32_MAX));
    std::string_view operation;
    // Largest first; among equals, newer first when growing and older first when shrinking.
    const auto largestFirst = [&](auto tieBreak) {
        std::sort(act.begin(), act.end(), [&](int a, int b) {
            const auto &x = m_sets[size_t(a)], &y = m_sets[size_t(b)];
            if (specReplicas(x) != specReplicas(y))
                return specReplicas(x) > specReplicas(y);
            return tieBreak(x, y);
        });
    };
    if (toAdd > 0) {
        largestFirst(newerFirst);
        operation = "up";
    } else if (toAdd < 0) {
        largestFirst(olderFirst);
        operation = "down";
    }
    std::vector<int32_t> sizes;
    int32_t added = 0;
    for (int i : act) {
        const api::ReplicaSet& rs = m_sets[size_t(i)];
        int32_t proportion = 0;
        if (toAdd != 0 && specReplicas(rs) != 0 && toAdd != added) {
            // getReplicaSetFraction
            int32_t fraction;
            if (desired == 0) {
                fraction = -specReplicas(rs);
            } else {
                int32_t before = intAnnotation(rs.metadata, kMaxReplicas).value_or(0);
                if (before == 0)
                    before = specReplicas(rs);
                const double size = double(specReplicas(rs)) * (double(desired) + double(maxSurge)) / double(before);
                fraction = int32_t(std::lround(size)) - specReplicas(rs);
            }
            const int32_t left = toAdd - added;
            proportion = toAdd > 0 ? std::min(fraction, left) : std::max(fraction, left);
        }
        sizes.push_back(specReplicas(rs) + proportion);
        added += proportion;
    }
    for (size_t k = 0; k < act.size(); ++k) {
        if (k == 0 && toAdd != 0)
            sizes[0] = std::max(sizes[0] + toAdd - added, 0);
        scaleReplicaSet(act[k], sizes[k], operation);
    }
}

void DeploymentSync::cleanup(int newIndex)
{
    if (!m_d.spec.revisionHistoryLimit)
        return;
    std::vector<int> cleanable;
    for (int i : oldIndexes(newIndex))
        if (!m_sets[size_t(i)].metadata.deletionTimestamp)
            cleanable.push_back(i);
    const int32_t diff = int32_t(cleanable.size()) - *m_d.spec.revisionHistoryLimit;
    if (diff <= 0)
        return;
    std::sort(cleanable.begin(), cleanable.end(), [&](int a, int b) {
        const auto &x = m_sets[size_t(a)], &y = m_sets[size_t(b)];
        if (parseRevision(x.metadata) != parseRevision(y.metadata))
            return parseRevision(x.metadata) < parseRevision(y.metadata);
        return olderFirst(x, y);
    });
    for (int32_t k = 0; k < diff; ++k) {
        const api::ReplicaSet& rs = m_sets[size_t(cleanable[size_t(k)])];
        if (rs.status.replicas != 0 || specReplicas(rs) != 0 || rs.metadata.generation > rs.status.observedGeneration)
            continue;
        ApiServer::remove(Kind::ReplicaSet, rs.metadata.namespace_, rs.metadata.name, {}, m_ctx);
    }
}

void DeploymentSync::checkPaused()
{
    if (!hasProgressDeadline(m_d))
        return;
    const api::DeploymentCondition* c = condition(m_d.status, "Progressing");
    if (c && c->reason == kTimedOutReason)
        return;
    const bool pausedCondition = c && c->reason == kPausedReason;
    const api::Time now = m_ctx.wallTime();
    if (m_d.spec.paused && !pausedCondition)
        setCondition(m_d.status, newCondition("Progressing", "Unknown", kPausedReason, "Deployment is paused", now));
    else if (!m_d.spec.paused && pausedCondition)
        setCondition(m_d.status, newCondition("Progressing", "Unknown", kResumedReason, "Deployment is resumed", now));
}

// --- status ----------------------------------------------------------------------------------------------------

api::DeploymentStatus DeploymentSync::calculateStatus(int newIndex) const
{
    api::DeploymentStatus s;
    const std::vector<int> everything = all(newIndex);
    int32_t available = 0;
    for (int i : everything) {
        const api::ReplicaSet& rs = m_sets[size_t(i)];
        available += rs.status.availableReplicas;
        s.replicas += rs.status.replicas;
        s.readyReplicas += rs.status.readyReplicas;
    }
    s.observedGeneration = m_d.metadata.generation;
    s.updatedReplicas = newIndex >= 0 ? m_sets[size_t(newIndex)].status.replicas : 0;
    s.availableReplicas = available;
    s.unavailableReplicas = std::max(sumSpec(everything) - available, 0);
    s.collisionCount = m_d.status.collisionCount;
    s.terminatingReplicas = m_d.status.terminatingReplicas;
    s.conditions = m_d.status.conditions;
    const api::Time now = m_ctx.wallTime();
    if (available >= desiredOf(m_d) - deploymentFenceposts(m_d).maxUnavailable)
        setCondition(s, newCondition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability.", now));
    else
        setCondition(s, newCondition("Available", "False", "MinimumReplicasUnavailable",
                                     "Deployment does not have minimum availability.", now));
    return s;
}

bool DeploymentSync::complete(const api::DeploymentStatus& s) const
{
    const int32_t desired = desiredOf(m_d);
    return s.updatedReplicas == desired && s.replicas == desired && s.availableReplicas == desired &&
           s.observedGeneration >= m_d.metadata.generation;
}

bool DeploymentSync::progressing(const api::DeploymentStatus& s) const
{
    const api::DeploymentStatus& old = m_original.status;
    return s.updatedReplicas > old.updatedReplicas || (s.replicas - s.updatedReplicas) < (old.replicas - old.updatedReplicas) ||
           s.readyReplicas > old.readyReplicas || s.availableReplicas > old.availableReplicas;
}

bool DeploymentSync::timedOut(const api::DeploymentStatus& s) const
{
    if (!hasProgressDeadline(m_d))
        return false;
    const api::DeploymentCondition* c = condition(s, "Progressing");
    if (!c || c->reason == kNewRSAvailableReason)
        return false;
    if (c->reason == kTimedOutReason)
        return true;
    return c->lastUpdateTime.millis() + int64_t(*m_d.spec.progressDeadlineSeconds) * 1000 < m_ctx.wallTime().millis();
}

void DeploymentSync::syncRolloutStatus(int newIndex)
{
    api::DeploymentStatus s = calculateStatus(newIndex);
    if (!hasProgressDeadline(m_d))
        removeCondition(s, "Progressing");
    const api::DeploymentCondition* current = condition(m_d.status, "Progressing");
    const bool isComplete = s.replicas == s.updatedReplicas && current && current->reason == kNewRSAvailableReason;
    const std::string rsName = newIndex >= 0 ? m_sets[size_t(newIndex)].metadata.name : std::string();
    const std::string subject = newIndex >= 0 ? "ReplicaSet \"" + rsName + "\"" : "Deployment \"" + m_d.metadata.name + "\"";
    const api::Time now = m_ctx.wallTime();
    if (hasProgressDeadline(m_d) && !isComplete) {
        if (complete(s)) {
            setCondition(s, newCondition("Progressing", "True", kNewRSAvailableReason, subject + " has successfully progressed.", now));
        } else if (progressing(s)) {
            api::DeploymentCondition c = newCondition("Progressing", "True", kRSUpdatedReason, subject + " is progressing.", now);
            if (current) {
                if (current->status == "True")
                    c.lastTransitionTime = current->lastTransitionTime;
                removeCondition(s, "Progressing");
            }
            setCondition(s, std::move(c));
        } else if (timedOut(s)) {
            setCondition(s, newCondition("Progressing", "False", kTimedOutReason, subject + " has timed out progressing.", now));
        }
    }
    m_d.status = std::move(s);
}

void DeploymentSync::run()
{
    checkPaused();
    if (m_d.spec.paused || isScalingEvent()) {
        // sync: scale only, no new revision.
        bool stop = false;
        const int newIndex = syncRevision(false, stop);
        if (stop)
            return;
        scale(newIndex);
        if (m_d.spec.paused)
            cleanup(newIndex);
        syncStatus(newIndex);
        return;
    }
    if (m_d.spec.strategy.type == "Recreate")
        rolloutRecreate();
    else
        rolloutRolling();
}

std::optional<SimTime> DeploymentSync::finish()
{
    const Ptr<api::Deployment> current = m_ctx.store.get<api::Deployment>(m_d.metadata.namespace_, m_d.metadata.name);
    if (!current || current->metadata.uid != m_d.metadata.uid)
        return std::nullopt;
    if (!(m_d.status == current->status) || m_d.metadata.annotations != current->metadata.annotations) {
        api::Deployment updated = *current;
        updated.status = m_d.status;
        updated.metadata.annotations = m_d.metadata.annotations;
        m_ctx.store.put(std::move(updated));
        return std::nullopt; // the write queues another sync, which looks again
    }
    if (m_requeueNow)
        return m_ctx.now;
    // requeueStuckDeployment: nothing changed; if it is still rolling out, look again just after it would time
    // out. (Kubernetes requeues at once, rate-limited, when that moment has passed; here a sync that could
    // time out has already done so, and nothing but a change can alter a condition that cannot.)
    const api::DeploymentCondition* c = condition(m_d.status, "Progressing");
    if (!hasProgressDeadline(m_d) || !c || complete(m_d.status) || c->reason == kTimedOutReason ||
        c->reason == kNewRSAvailableReason || c->reason == kPausedReason || m_d.spec.paused)
        return std::nullopt;
    const SimTime at = c->lastUpdateTime.millis() + int64_t(*m_d.spec.progressDeadlineSeconds) * 1000 + 1000 -
                       m_ctx.config.startEpochMillis;
    if (at <= m_ctx.now)
        return std::nullopt;
    return at;
}

bool selects(const api::Deployment& d, const api::StringMap& labels)
{
    return !emptySelector(d.spec.selector) && matches(*d.spec.selector, labels);
}

} // namespace

void DeploymentController::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::Deployment) {
        const auto& d = std::get<Ptr<api::Deployment>>(change.object);
        Key key{d->metadata.namespace_, d->metadata.name};
        if (change.type == Change::Type::Deleted) {
            m_setsByOwner.erase(d->metadata.uid);
            m_orphans.erase(key);
            m_scanNamespace.erase(key);
            return;
        }
        if (change.type == Change::Type::Added)
            m_scanNamespace.insert(key);
        queue(std::move(key), ctx);
        return;
    }
    if (change.kind == Kind::ReplicaSet) {
        const auto& rs = std::get<Ptr<api::ReplicaSet>>(change.object);
        const api::ObjectMeta& meta = rs->metadata;
        if (const api::OwnerReference* ref = controllerOf(meta)) {
            if (ref->kind != "Deployment")
                return;
            if (change.type == Change::Type::Deleted) {
                if (const auto it = m_setsByOwner.find(ref->uid); it != m_setsByOwner.end())
                    it->second.erase(meta.name);
            } else {
                m_setsByOwner[ref->uid].insert(meta.name);
            }
            queue({meta.namespace_, ref->name}, ctx);
            return;
        }
        if (change.type == Change::Type::Deleted)
            return;
        const auto& deployments = ctx.store.all<api::Deployment>();
        for (auto it = deployments.lower_bound(Store::KeyView{meta.namespace_, {}});
             it != deployments.end() && it->first.namespace_ == meta.namespace_; ++it) {
            if (it->second->metadata.deletionTimestamp || !selects(*it->second, meta.labels))
                continue;
            Key key{meta.namespace_, it->second->metadata.name};
            m_orphans[key].insert(meta.name);
            queue(std::move(key), ctx);
        }
        return;
    }
    // Recreate waits for the old pods to be gone: a deleted pod of a Deployment's ReplicaSet wakes it.
    if (change.kind == Kind::Pod && change.type == Change::Type::Deleted) {
        const auto& pod = std::get<Ptr<api::Pod>>(change.object);
        const api::OwnerReference* ref = controllerOf(pod->metadata);
        if (!ref || ref->kind != "ReplicaSet")
            return;
        const auto rs = ctx.store.get<api::ReplicaSet>(pod->metadata.namespace_, ref->name);
        const api::OwnerReference* owner = rs ? controllerOf(rs->metadata) : nullptr;
        if (!owner || owner->kind != "Deployment")
            return;
        const auto d = ctx.store.get<api::Deployment>(pod->metadata.namespace_, owner->name);
        if (d && d->spec.strategy.type == "Recreate")
            queue({d->metadata.namespace_, d->metadata.name}, ctx);
    }
}

void DeploymentController::onTimer(ClusterContext& ctx)
{
    for (const Key& key : m_queue.take(ctx.now))
        sync(key, ctx);
}

void DeploymentController::sync(const Key& key, ClusterContext& ctx)
{
    const Ptr<api::Deployment> d = ctx.store.get<api::Deployment>(key.namespace_, key.name);
    if (!d) {
        m_orphans.erase(key);
        m_scanNamespace.erase(key);
        return;
    }
    const std::string& uid = d->metadata.uid;
    if (emptySelector(d->spec.selector)) {
        ctx.event(referenceTo(d->metadata, "apps/v1", "Deployment"), "Warning", "SelectingAll",
                  "This deployment is selecting all pods. A non-empty selector is required.", kComponent);
        return;
    }
    const bool deleting = d->metadata.deletionTimestamp.has_value();
    // Claim the ReplicaSets: its own that still match, orphans that match; release the rest.
    std::vector<api::ReplicaSet> sets;
    std::set<std::string>& known = m_setsByOwner[uid];
    for (auto it = known.begin(); it != known.end();) {
        const Ptr<api::ReplicaSet> rs = ctx.store.get<api::ReplicaSet>(key.namespace_, *it);
        const api::OwnerReference* ref = rs ? controllerOf(rs->metadata) : nullptr;
        if (!ref || ref->uid != uid) {
            it = known.erase(it);
            continue;
        }
        ++it;
        if (selects(*d, rs->metadata.labels)) {
            sets.push_back(*rs);
        } else if (!deleting) {
            api::ReplicaSet released = *rs;
            std::erase_if(released.metadata.ownerReferences, [&](const api::OwnerReference& r) { return r.uid == uid; });
            ctx.store.put(std::move(released));
        }
    }
    std::set<std::string> orphans;
    if (const auto it = m_orphans.find(key); it != m_orphans.end()) {
        orphans = std::move(it->second);
        m_orphans.erase(it);
    }
    if (m_scanNamespace.erase(key))
        for (const Ptr<api::ReplicaSet>& rs : ctx.store.list<api::ReplicaSet>(key.namespace_))
            if (!controllerOf(rs->metadata))
                orphans.insert(rs->metadata.name);
    if (!deleting) {
        for (const std::string& name : orphans) {
            const Ptr<api::ReplicaSet> rs = ctx.store.get<api::ReplicaSet>(key.namespace_, name);
            if (!rs || controllerOf(rs->metadata) || rs->metadata.deletionTimestamp || !selects(*d, rs->metadata.labels))
                continue;
            api::ReplicaSet adopted = *rs;
            adopted.metadata.ownerReferences.push_back(controllerRef(d->metadata, "apps/v1", "Deployment"));
            sets.push_back(*ctx.store.put(std::move(adopted)));
            known.insert(name);
        }
    }

    DeploymentSync sync(*d, std::move(sets), ctx);
    if (!deleting)
        sync.run();
    if (const auto at = sync.finish())
        m_queue.addAt(key, *at, kTimerTarget, ctx);
}

} // namespace podlab::sim
