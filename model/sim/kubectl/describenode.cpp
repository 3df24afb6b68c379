#include "describe.h"

#include "gettables.h"
#include "humanduration.h"
#include "prefixwriter.h"
#include "sim/status/podresources.h"

#include <algorithm>
#include <climits>

namespace podlab::sim::kubectl {

namespace {

api::Quantity quantityOf(const api::ResourceList& list, const std::string& name)
{
    auto it = list.find(name);
    return it == list.end() ? api::Quantity() : it->second;
}

// int64(float64(part) / float64(whole) * 100), as Go computes it. A zero whole gives NaN or infinity, which
// Go on amd64 converts to the most negative int64; no real node has zero cpu or memory.
int64_t percent(int64_t part, int64_t whole)
{
    if (whole == 0)
        return INT64_MIN;
    return int64_t(double(part) / double(whole) * 100);
}

std::string withPercent(const api::Quantity& q, int64_t pct)
{
    return q.toString() + " (" + std::to_string(pct) + "%)";
}

std::string taintString(const api::Taint& t)
{
    return t.value.empty() ? t.key + ":" + t.effect : t.key + "=" + t.value + ":" + t.effect;
}

} // namespace

std::string describeNode(const api::Node& node, const std::vector<api::Pod>& pods,
                         const std::vector<api::Event>& events, const std::optional<NodeLease>& lease,
                         const api::Time& now, const DescribeOptions& options)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + node.metadata.name + "\n");
    std::string roles;
    for (const auto& role : nodeRoles(node))
        roles += (roles.empty() ? "" : ",") + role;
    w.write(0, "Roles:\t" + (roles.empty() ? std::string("<none>") : roles) + "\n");
    printLabelsMultiline(w, "Labels", node.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", node.metadata.annotations);
    w.write(0, "CreationTimestamp:\t" + rfc1123z(node.metadata.creationTimestamp) + "\n");

    w.write(0, "Taints:\t");
    if (node.spec.taints.empty()) {
        w.writeLine("<none>");
    } else {
        std::vector<api::Taint> taints = node.spec.taints;
        std::stable_sort(taints.begin(), taints.end(), [](const api::Taint& a, const api::Taint& b) {
            return a.effect + "," + a.key < b.effect + "," + b.key;
        });
        for (size_t i = 0; i < taints.size(); ++i) {
            if (i != 0)
                w.write(0, "\t");
            w.write(0, taintString(taints[i]) + "\n");
        }
    }
    w.write(0, "Unschedulable:\t" + goBool(node.spec.unschedulable) + "\n");

    if (lease) {
        w.write(0, "Lease:\n");
        w.write(1, "HolderIdentity:\t" + (lease->holderIdentity.empty() ? "<unset>" : lease->holderIdentity) +
                       "\n");
        w.write(1, "AcquireTime:\t" +
                       (lease->acquireTime.isNull() ? "<unset>" : rfc1123z(lease->acquireTime)) + "\n");
        w.write(1,
                "RenewTime:\t" + (lease->renewTime.isNull() ? "<unset>" : rfc1123z(lease->renewTime)) + "\n");
    } else {
        w.write(0, "Lease:\tFailed to get lease: leases.coordination.k8s.io \"" + node.metadata.name +
                       "\" not found\n");
    }

    if (!node.status.conditions.empty()) {
        w.write(0, "Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n");
        w.write(1, "----\t------\t-----------------\t------------------\t------\t-------\n");
        for (const auto& c : node.status.conditions)
            w.write(1, c.type + " \t" + c.status + " \t" + rfc1123z(c.lastHeartbeatTime) + " \t" +
                           rfc1123z(c.lastTransitionTime) + " \t" + c.reason + " \t" + c.message + "\n");
    }

    w.write(0, "Addresses:\n");
    for (const auto& a : node.status.addresses)
        w.write(1, a.type + ":\t" + a.address + "\n");
    auto printResources = [&w](const api::ResourceList& list) {
        for (const auto& [name, quantity] : list)
            w.write(0, "  " + name + ":\t" + quantity.toString() + "\n");
    };
    if (!node.status.capacity.empty()) {
        w.write(0, "Capacity:\n");
        printResources(node.status.capacity);
    }
    if (!node.status.allocatable.empty()) {
        w.write(0, "Allocatable:\n");
        printResources(node.status.allocatable);
    }
    const auto& info = node.status.nodeInfo;
    w.write(0, "System Info:\n");
    w.write(0, "  Machine ID:\t" + info.machineID + "\n");
    w.write(0, "  System UUID:\t" + info.systemUUID + "\n");
    w.write(0, "  Boot ID:\t" + info.bootID + "\n");
    w.write(0, "  Kernel Version:\t" + info.kernelVersion + "\n");
    w.write(0, "  OS Image:\t" + info.osImage + "\n");
    w.write(0, "  Operating System:\t" + info.operatingSystem + "\n");
    w.write(0, "  Architecture:\t" + info.architecture + "\n");
    w.write(0, "  Container Runtime Version:\t" + info.containerRuntimeVersion + "\n");
    w.write(0, "  Kubelet Version:\t" + info.kubeletVersion + "\n");
    if (!node.spec.podCIDR.empty())
        w.write(0, "PodCIDR:\t" + node.spec.podCIDR + "\n");
    if (!node.spec.podCIDRs.empty()) {
        std::string cidrs;
        for (const auto& c : node.spec.podCIDRs)
            cidrs += (cidrs.empty() ? "" : ",") + c;
        w.write(0, "PodCIDRs:\t" + cidrs + "\n");
    }
    if (!node.spec.providerID.empty())
        w.write(0, "ProviderID:\t" + node.spec.providerID + "\n");

    // kubectl lists the node's pods with a field selector: bound here, not Succeeded, not Failed.
    std::vector<const api::Pod*> nodePods;
    for (const auto& pod : pods)
        if (pod.spec.nodeName == node.metadata.name && pod.status.phase != "Succeeded" &&
            pod.status.phase != "Failed")
            nodePods.push_back(&pod);
    std::stable_sort(nodePods.begin(), nodePods.end(), [](const api::Pod* a, const api::Pod* b) {
        return std::tie(a->metadata.namespace_, a->metadata.name) <
               std::tie(b->metadata.namespace_, b->metadata.name);
    });
    const api::ResourceList& allocatable =
        node.status.allocatable.empty() ? node.status.capacity : node.status.allocatable;
    const int64_t cpuAllocatable = quantityOf(allocatable, "cpu").milliValue();
    const int64_t memoryAllocatable = quantityOf(allocatable, "memory").value();

    w.write(0, "Non-terminated Pods:\t(" + std::to_string(nodePods.size()) + " in total)\n");
    w.write(1, "Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n");
    w.write(1, "---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n");
    api::ResourceList totalRequests;
    api::ResourceList totalLimits;
    auto addTo = [](api::ResourceList& total, const api::ResourceList& list) {
        for (const auto& [name, quantity] : list) {
            auto it = total.find(name);
            if (it == total.end())
                total.emplace(name, quantity);
            else
                it->second += quantity;
        }
    };
    for (const api::Pod* pod : nodePods) {
        const api::ResourceList requests = podRequestList(pod->spec);
        const api::ResourceList limits = podLimitList(pod->spec);
        addTo(totalRequests, requests);
        addTo(totalLimits, limits);
        const api::Quantity cpuReq = quantityOf(requests, "cpu");
        const api::Quantity cpuLim = quantityOf(limits, "cpu");
        const api::Quantity memReq = quantityOf(requests, "memory");
        const api::Quantity memLim = quantityOf(limits, "memory");
        w.write(1, pod->metadata.namespace_ + "\t" + pod->metadata.name + "\t\t" +
                       withPercent(cpuReq, percent(cpuReq.milliValue(), cpuAllocatable)) + "\t" +
                       withPercent(cpuLim, percent(cpuLim.milliValue(), cpuAllocatable)) + "\t" +
                       withPercent(memReq, percent(memReq.value(), memoryAllocatable)) + "\t" +
                       withPercent(memLim, percent(memLim.value(), memoryAllocatable)) + "\t" +
                       ageSince(pod->metadata.creationTimestamp, now) + "\n");
    }

    w.write(0, "Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n");
    w.write(1, "Resource\tRequests\tLimits\n");
    w.write(1, "--------\t--------\t------\n");
    // The totals lines guard against a zero allocatable, unlike the per-pod lines.
    auto totalLine = [&](const std::string& name, bool milli) {
        const api::Quantity req = quantityOf(totalRequests, name);
        const api::Quantity lim = quantityOf(totalLimits, name);
        const api::Quantity alloc = quantityOf(allocatable, name);
        const int64_t whole = milli ? alloc.milliValue() : alloc.value();
        const int64_t reqPct = whole == 0 ? 0 : percent(milli ? req.milliValue() : req.value(), whole);
        const int64_t limPct = whole == 0 ? 0 : percent(milli ? lim.milliValue() : lim.value(), whole);
        w.write(1, name + "\t" + withPercent(req, reqPct) + "\t" + withPercent(lim, limPct) + "\n");
    };
    totalLine("cpu", true);
    totalLine("memory", false);
    totalLine("ephemeral-storage", false);
    std::vector<std::string> hugePages;
    std::vector<std::string> extended;
    for (const auto& [name, quantity] : allocatable) {
        if (name.starts_with("hugepages-"))
            hugePages.push_back(name);
        else if (name != "cpu" && name != "memory" && name != "ephemeral-storage" && name != "pods")
            extended.push_back(name);
    }
    for (const auto& name : hugePages)
        totalLine(name, false);
    for (const auto& name : extended)
        w.write(1, name + "\t" + quantityOf(totalRequests, name).toString() + "\t" +
                       quantityOf(totalLimits, name).toString() + "\n");

    describeEvents(w, events, now, options);
    return w.finish();
}

} // namespace podlab::sim::kubectl
