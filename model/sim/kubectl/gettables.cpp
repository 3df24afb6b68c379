#include "gettables.h"

#include "humanduration.h"
#include "labels.h"
#include "podcolumns.h"

#include "sim/core/text.h"

#include <algorithm>
#include <cctype>
#include <set>

namespace podlab::sim::kubectl {

namespace {

std::string trimSpace(const std::string& s)
{
    const char* ws = " \t\n\v\f\r";
    const size_t begin = s.find_first_not_of(ws);
    if (begin == std::string::npos)
        return {};
    return s.substr(begin, s.find_last_not_of(ws) - begin + 1);
}

std::string joinHostPort(const std::string& host, int32_t port)
{
    const std::string p = std::to_string(port);
    return host.find(':') != std::string::npos ? "[" + host + "]:" + p : host + ":" + p;
}

// The wide CONTAINERS and IMAGES cells of a workload.
std::pair<std::string, std::string> containerCells(const std::vector<api::Container>& containers)
{
    std::vector<std::string> names;
    std::vector<std::string> images;
    for (const auto& c : containers) {
        names.push_back(c.name);
        images.push_back(c.image);
    }
    return {join(names, ","), join(images, ",")};
}

TableRow rowOf(const api::ObjectMeta& meta, std::vector<std::string> cells)
{
    return TableRow{std::move(cells), meta.namespace_, meta.labels};
}

std::string formatEndpoints(const api::Endpoints& endpoints)
{
    if (endpoints.subsets.empty())
        return "<none>";
    std::vector<std::string> list;
    const size_t max = 3;
    bool more = false;
    size_t count = 0;
    for (const auto& subset : endpoints.subsets) {
        if (subset.ports.empty()) {
            // A headless service without ports lists bare addresses.
            count += subset.addresses.size();
            for (const auto& address : subset.addresses) {
                if (list.size() == max) {
                    more = true;
                    break;
                }
                list.push_back(address.ip);
            }
            continue;
        }
        for (const auto& port : subset.ports) {
            count += subset.addresses.size();
            for (const auto& address : subset.addresses) {
                if (list.size() == max) {
                    more = true;
                    break;
                }
                list.push_back(joinHostPort(address.ip, port.port));
            }
        }
    }
    std::string out = join(list, ",");
    if (more)
        out += " + " + std::to_string(count - max) + " more...";
    return out;
}

std::string serviceExternalIP(const api::Service& svc)
{
    const auto& spec = svc.spec;
    if (spec.type == "ClusterIP" || spec.type == "NodePort")
        return spec.externalIPs.empty() ? "<none>" : join(spec.externalIPs, ",");
    if (spec.type == "LoadBalancer")
        // The load balancer's status is not modelled: no ingress address is ever assigned.
        return spec.externalIPs.empty() ? "<pending>" : join(spec.externalIPs, ",");
    if (spec.type == "ExternalName")
        return spec.externalName;
    return "<unknown>";
}

std::string servicePorts(const std::vector<api::ServicePort>& ports)
{
    std::vector<std::string> pieces;
    for (const auto& p : ports) {
        if (p.nodePort > 0)
            pieces.push_back(std::to_string(p.port) + ":" + std::to_string(p.nodePort) + "/" + p.protocol);
        else
            pieces.push_back(std::to_string(p.port) + "/" + p.protocol);
    }
    return pieces.empty() ? "<none>" : join(pieces, ",");
}

std::string nodeAddress(const api::Node& node, const char* type)
{
    for (const auto& a : node.status.addresses)
        if (a.type == type)
            return a.address;
    return "<none>";
}

std::string orUnknown(const std::string& s)
{
    return s.empty() ? "<unknown>" : s;
}

} // namespace

std::string nodeStatus(const api::Node& node)
{
    std::vector<std::string> status;
    for (const auto& c : node.status.conditions) {
        if (c.type == "Ready") {
            status.push_back(c.status == "True" ? "Ready" : "NotReady");
            break;
        }
    }
    if (status.empty())
        status.push_back("Unknown");
    if (node.spec.unschedulable)
        status.push_back("SchedulingDisabled");
    return join(status, ",");
}

std::vector<std::string> nodeRoles(const api::Node& node)
{
    static const std::string kRolePrefix = "node-role.kubernetes.io/";
    std::set<std::string> roles;
    for (const auto& [key, value] : node.metadata.labels) {
        if (key.starts_with(kRolePrefix)) {
            if (key.size() > kRolePrefix.size())
                roles.insert(key.substr(kRolePrefix.size()));
        } else if (key == "kubernetes.io/role" && !value.empty()) {
            roles.insert(value);
        }
    }
    return {roles.begin(), roles.end()};
}

Table podTable(const std::vector<api::Pod>& pods, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Ready", 0}, {"Status", 0},         {"Restarts", 0},       {"Age", 0},
                 {"IP", 1},   {"Node", 1},  {"Nominated Node", 1}, {"Readiness Gates", 1}};
    for (const auto& pod : pods) {
        PodColumns c = podColumns(pod, now);
        t.rows.push_back(rowOf(pod.metadata, {c.name, c.ready, c.status, c.restarts, c.age, c.ip, c.node,
                                              c.nominatedNode, c.readinessGates}));
    }
    return t;
}

Table nodeTable(const std::vector<api::Node>& nodes, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0},           {"Status", 0},           {"Roles", 0},       {"Age", 0},
                 {"Version", 0},        {"Internal-IP", 1},      {"External-IP", 1}, {"OS-Image", 1},
                 {"Kernel-Version", 1}, {"Container-Runtime", 1}};
    for (const auto& node : nodes) {
        std::string roles = join(nodeRoles(node), ",");
        const auto& info = node.status.nodeInfo;
        t.rows.push_back(
            rowOf(node.metadata,
                  {node.metadata.name, nodeStatus(node), roles.empty() ? "<none>" : roles,
                   ageSince(node.metadata.creationTimestamp, now), info.kubeletVersion,
                   nodeAddress(node, "InternalIP"), nodeAddress(node, "ExternalIP"), orUnknown(info.osImage),
                   orUnknown(info.kernelVersion), orUnknown(info.containerRuntimeVersion)}));
    }
    return t;
}

Table eventTable(const std::vector<api::Event>& events, const api::Time& now)
{
    Table t;
    t.columns = {{"Last Seen", 0}, {"Type", 0},    {"Reason", 0},     {"Object", 0}, {"Subobject", 1},
                 {"Source", 1},    {"Message", 0}, {"First Seen", 1}, {"Count", 1},  {"Name", 1}};
    for (const auto& e : events) {
        // eventTime (the events.k8s.io field) is not modelled: without firstTimestamp the age is unknown.
        const std::string firstSeen = ageSince(e.firstTimestamp, now);
        const std::string lastSeen = e.lastTimestamp.isNull() ? firstSeen : ageSince(e.lastTimestamp, now);
        const int32_t count = e.count == 0 ? 1 : e.count;
        const std::string& kind = e.involvedObject.kind;
        const std::string target =
            e.involvedObject.name.empty() ? lower(kind) : lower(kind) + "/" + e.involvedObject.name;
        const std::string component = !e.source.component.empty() ? e.source.component : e.reportingComponent;
        const std::string host = !e.source.host.empty() ? e.source.host : e.reportingInstance;
        const std::string source = host.empty() ? component : component + ", " + host;
        t.rows.push_back(
            rowOf(e.metadata, {lastSeen, e.type, e.reason, target, e.involvedObject.fieldPath, source,
                               trimSpace(e.message), firstSeen, std::to_string(count), e.metadata.name}));
    }
    return t;
}

Table configMapTable(const std::vector<api::ConfigMap>& configMaps, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Data", 0}, {"Age", 0}};
    for (const auto& cm : configMaps)
        t.rows.push_back(
            rowOf(cm.metadata, {cm.metadata.name, std::to_string(cm.data.size() + cm.binaryData.size()),
                                ageSince(cm.metadata.creationTimestamp, now)}));
    return t;
}

Table secretTable(const std::vector<api::Secret>& secrets, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Type", 0}, {"Data", 0}, {"Age", 0}};
    for (const auto& s : secrets)
        t.rows.push_back(rowOf(s.metadata, {s.metadata.name, s.type, std::to_string(s.data.size()),
                                            ageSince(s.metadata.creationTimestamp, now)}));
    return t;
}

Table serviceAccountTable(const std::vector<api::ServiceAccount>& accounts, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Secrets", 0}, {"Age", 0}};
    for (const auto& sa : accounts)
        t.rows.push_back(rowOf(sa.metadata, {sa.metadata.name, std::to_string(sa.secrets.size()),
                                             ageSince(sa.metadata.creationTimestamp, now)}));
    return t;
}

Table namespaceTable(const std::vector<api::Namespace>& namespaces, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Status", 0}, {"Age", 0}};
    for (const auto& ns : namespaces)
        t.rows.push_back(rowOf(
            ns.metadata, {ns.metadata.name, ns.status.phase, ageSince(ns.metadata.creationTimestamp, now)}));
    return t;
}

Table deploymentTable(const std::vector<api::Deployment>& deployments, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Ready", 0},      {"Up-to-date", 0}, {"Available", 0},
                 {"Age", 0},  {"Containers", 1}, {"Images", 1},     {"Selector", 1}};
    for (const auto& d : deployments) {
        const auto [names, images] = containerCells(d.spec.template_.spec.containers);
        const int32_t desired = d.spec.replicas.value_or(1);
        t.rows.push_back(rowOf(
            d.metadata,
            {d.metadata.name, std::to_string(d.status.readyReplicas) + "/" + std::to_string(desired),
             std::to_string(d.status.updatedReplicas), std::to_string(d.status.availableReplicas),
             ageSince(d.metadata.creationTimestamp, now), names, images, selectorString(d.spec.selector)}));
    }
    return t;
}

Table replicaSetTable(const std::vector<api::ReplicaSet>& replicaSets, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Desired", 0},    {"Current", 0}, {"Ready", 0},
                 {"Age", 0},  {"Containers", 1}, {"Images", 1},  {"Selector", 1}};
    for (const auto& rs : replicaSets) {
        const auto [names, images] = containerCells(rs.spec.template_.spec.containers);
        t.rows.push_back(
            rowOf(rs.metadata, {rs.metadata.name, std::to_string(rs.spec.replicas.value_or(1)),
                                std::to_string(rs.status.replicas), std::to_string(rs.status.readyReplicas),
                                ageSince(rs.metadata.creationTimestamp, now), names, images,
                                formatLabelSelector(rs.spec.selector)}));
    }
    return t;
}

Table serviceTable(const std::vector<api::Service>& services, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0},    {"Type", 0}, {"Cluster-IP", 0}, {"External-IP", 0},
                 {"Port(s)", 0}, {"Age", 0},  {"Selector", 1}};
    for (const auto& svc : services) {
        std::string clusterIP =
            !svc.spec.clusterIPs.empty() ? svc.spec.clusterIPs.front() : svc.spec.clusterIP;
        if (clusterIP.empty())
            clusterIP = "<none>";
        t.rows.push_back(
            rowOf(svc.metadata, {svc.metadata.name, svc.spec.type, clusterIP, serviceExternalIP(svc),
                                 servicePorts(svc.spec.ports), ageSince(svc.metadata.creationTimestamp, now),
                                 formatLabels(svc.spec.selector)}));
    }
    return t;
}

Table endpointsTable(const std::vector<api::Endpoints>& endpoints, const api::Time& now)
{
    Table t;
    t.columns = {{"Name", 0}, {"Endpoints", 0}, {"Age", 0}};
    for (const auto& ep : endpoints)
        t.rows.push_back(rowOf(ep.metadata, {ep.metadata.name, formatEndpoints(ep),
                                             ageSince(ep.metadata.creationTimestamp, now)}));
    return t;
}

std::string resourceName(const api::Object& object)
{
    const std::string apiVersion = apiVersionOf(object);
    const size_t slash = apiVersion.find('/');
    std::string kind = lower(kindOf(object));
    if (slash != std::string::npos)
        kind += "." + apiVersion.substr(0, slash);
    return kind + "/" + metadataOf(object).name;
}

} // namespace podlab::sim::kubectl
