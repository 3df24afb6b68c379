// The describers of the workload kinds (describe.go's DeploymentDescriber and ReplicaSetDescriber).
#include "describe.h"
#include "humanduration.h"
#include "labels.h"
#include "prefixwriter.h"

#include "sim/controllers/controllerutil.h"

namespace podlab::sim::kubectl {

namespace {

// printReplicaSetsByLabels
std::string replicaSetList(const std::vector<const api::ReplicaSet*>& sets)
{
    std::string out;
    for (const api::ReplicaSet* rs : sets)
        out += (out.empty() ? "" : ", ") + rs->metadata.name + " (" + std::to_string(rs->status.replicas) + "/" +
               std::to_string(rs->spec.replicas.value_or(1)) + " replicas created)";
    return out.empty() ? "<none>" : out;
}

} // namespace

std::string describeDeployment(const api::Deployment& d, const std::vector<api::ReplicaSet>& sets,
                               const std::vector<api::Event>& events, const api::Time& now,
                               const DescribeOptions& options)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + d.metadata.name + "\n");
    w.write(0, "Namespace:\t" + d.metadata.namespace_ + "\n");
    w.write(0, "CreationTimestamp:\t" + rfc1123z(d.metadata.creationTimestamp) + "\n");
    printLabelsMultiline(w, "Labels", d.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", d.metadata.annotations);
    w.write(0, "Selector:\t" + formatLabelSelector(d.spec.selector) + "\n");
    const api::DeploymentStatus& s = d.status;
    w.write(0, "Replicas:\t" + std::to_string(d.spec.replicas.value_or(1)) + " desired | " +
                   std::to_string(s.updatedReplicas) + " updated | " + std::to_string(s.replicas) + " total | " +
                   std::to_string(s.availableReplicas) + " available | " + std::to_string(s.unavailableReplicas) +
                   " unavailable\n");
    w.write(0, "StrategyType:\t" + d.spec.strategy.type + "\n");
    w.write(0, "MinReadySeconds:\t" + std::to_string(d.spec.minReadySeconds) + "\n");
    if (const auto& ru = d.spec.strategy.rollingUpdate) {
        const std::string unavailable = ru->maxUnavailable ? ru->maxUnavailable->toString() : "0";
        const std::string surge = ru->maxSurge ? ru->maxSurge->toString() : "0";
        w.write(0, "RollingUpdateStrategy:\t" + unavailable + " max unavailable, " + surge + " max surge\n");
    }
    describePodTemplate(w, d.spec.template_);
    if (!s.conditions.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for (const api::DeploymentCondition& c : s.conditions)
            w.write(1, c.type + " \t" + c.status + "\t" + c.reason + "\n");
    }
    // deploymentutil.GetAllReplicaSets: the oldest set with the Deployment's template is the new one; old ones
    // are listed only while they ask for pods.
    std::vector<const api::ReplicaSet*> ordered;
    for (const api::ReplicaSet& rs : sets)
        ordered.push_back(&rs);
    std::stable_sort(ordered.begin(), ordered.end(), [](const api::ReplicaSet* a, const api::ReplicaSet* b) {
        if (a->metadata.creationTimestamp != b->metadata.creationTimestamp)
            return a->metadata.creationTimestamp < b->metadata.creationTimestamp;
        return a->metadata.name < b->metadata.name;
    });
    const api::ReplicaSet* newSet = nullptr;
    for (const api::ReplicaSet* rs : ordered)
        if (!newSet && equalIgnoreHash(rs->spec.template_, d.spec.template_))
            newSet = rs;
    std::vector<const api::ReplicaSet*> oldSets;
    for (const api::ReplicaSet* rs : ordered)
        if (rs != newSet && rs->spec.replicas.value_or(1) != 0)
            oldSets.push_back(rs);
    if (!ordered.empty()) {
        w.write(0, "OldReplicaSets:\t" + replicaSetList(oldSets) + "\n");
        w.write(0, "NewReplicaSet:\t" + (newSet ? replicaSetList({newSet}) : std::string("<none>")) + "\n");
    }
    describeEvents(w, events, now, options);
    return w.finish();
}

std::string describeReplicaSet(const api::ReplicaSet& rs, const std::vector<api::Pod>& pods,
                               const std::vector<api::Event>& events, const api::Time& now,
                               const DescribeOptions& options)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + rs.metadata.name + "\n");
    w.write(0, "Namespace:\t" + rs.metadata.namespace_ + "\n");
    w.write(0, "Selector:\t" + formatLabelSelector(rs.spec.selector) + "\n");
    printLabelsMultiline(w, "Labels", rs.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", rs.metadata.annotations);
    if (const api::OwnerReference* owner = controllerOf(rs.metadata))
        w.write(0, "Controlled By:\t" + owner->kind + "/" + owner->name + "\n");
    w.write(0, "Replicas:\t" + std::to_string(rs.status.replicas) + " current / " +
                   std::to_string(rs.spec.replicas.value_or(1)) + " desired\n");
    int running = 0, waiting = 0, succeeded = 0, failed = 0;
    for (const api::Pod& pod : pods) {
        const api::OwnerReference* owner = controllerOf(pod.metadata);
        if (!owner || owner->uid != rs.metadata.uid || pod.metadata.namespace_ != rs.metadata.namespace_)
            continue;
        const std::string& phase = pod.status.phase;
        running += phase == "Running";
        waiting += phase == "Pending";
        succeeded += phase == "Succeeded";
        failed += phase == "Failed";
    }
    w.write(0, "Pods Status:\t" + std::to_string(running) + " Running / " + std::to_string(waiting) + " Waiting / " +
                   std::to_string(succeeded) + " Succeeded / " + std::to_string(failed) + " Failed\n");
    describePodTemplate(w, rs.spec.template_);
    if (!rs.status.conditions.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tReason\n");
        w.write(1, "----\t------\t------\n");
        for (const api::ReplicaSetCondition& c : rs.status.conditions)
            w.write(1, c.type + " \t" + c.status + "\t" + c.reason + "\n");
    }
    describeEvents(w, events, now, options);
    return w.finish();
}

} // namespace podlab::sim::kubectl
