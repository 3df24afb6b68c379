#include "workloadcommands.h"

#include "prefixwriter.h"
#include "tabwriter.h"

#include "sim/controllers/controllerutil.h"

#include "manifest/validation.h"
#include "sim/core/selectors.h"

#include <algorithm>
#include <charconv>
#include <map>

namespace podlab::sim::kubectl {

namespace {

constexpr const char* kRevision = "deployment.kubernetes.io/revision";
constexpr const char* kChangeCause = "kubernetes.io/change-cause";
constexpr const char* kRestartedAt = "kubectl.kubernetes.io/restartedAt";

enum class Workload { Deployment, ReplicaSet, Other, Unknown };

Workload workloadOf(std::string type)
{
    std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    for (const char* n : {"deployments", "deployment", "deploy", "deployments.apps", "deployment.apps"})
        if (type == n)
            return Workload::Deployment;
    for (const char* n : {"replicasets", "replicaset", "rs", "replicasets.apps", "replicaset.apps"})
        if (type == n)
            return Workload::ReplicaSet;
    for (const char* n : {"pods", "pod", "po", "nodes", "node", "no", "services", "service", "svc", "configmaps",
                          "configmap", "cm", "secrets", "secret", "serviceaccounts", "serviceaccount", "sa",
                          "namespaces", "namespace", "ns", "endpoints", "ep", "events", "event", "ev"})
        if (type == n)
            return Workload::Other;
    return Workload::Unknown;
}

struct Target {
    Workload kind;
    std::string type; // as typed
    std::string name;
};

// "deployment/web", or "deployment web other": kubectl's resource/name arguments.
std::vector<Target> targetsOf(const std::vector<std::string>& args, size_t from, std::string& error)
{
    std::vector<Target> out;
    if (from >= args.size())
        return out;
    if (args[from].find('/') == std::string::npos) {
        const Workload kind = workloadOf(args[from]);
        if (kind == Workload::Unknown) {
            error = "error: the server doesn't have a resource type \"" + args[from] + "\"";
            return {};
        }
        for (size_t i = from + 1; i < args.size(); ++i)
            out.push_back({kind, args[from], args[i]});
        if (out.empty())
            error = "error: you must specify the name of the resource";
        return out;
    }
    for (size_t i = from; i < args.size(); ++i) {
        const size_t slash = args[i].find('/');
        if (slash == std::string::npos) {
            error = "error: there is no need to specify a resource type as a separate argument when passing "
                    "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                    "'kubectl get resource resource/<resource_name>'";
            return {};
        }
        const std::string type = args[i].substr(0, slash);
        const Workload kind = workloadOf(type);
        if (kind == Workload::Unknown) {
            error = "error: the server doesn't have a resource type \"" + type + "\"";
            return {};
        }
        out.push_back({kind, type, args[i].substr(slash + 1)});
    }
    return out;
}

std::string workloadNotFound(Workload kind, const std::string& name)
{
    return std::string("Error from server (NotFound): ") +
           (kind == Workload::Deployment ? "deployments.apps" : "replicasets.apps") + " \"" + name + "\" not found";
}

void failWith(CommandOutput& out, const std::string& message, int code = 1)
{
    out.err += message + "\n";
    out.exitCode = code;
}

// An API error as kubectl prints it; an Invalid one by its causes (kubectl's checkErr).
void reportError(CommandOutput& out, const ApiError& e)
{
    if (e.reason != "Invalid" || e.causes.empty()) {
        failWith(out, "Error from server (" + e.reason + "): " + e.message);
        return;
    }
    failWith(out, invalidMessage(e));
}

void reportResult(CommandOutput& out, const ApiResult& r)
{
    if (r.error)
        reportError(out, *r.error);
}

// What the API server checks of the changed object before storing it (a `set image` to "" is refused).
bool validUpdate(const api::Object& object, CommandOutput& out)
{
    std::vector<ApiError::Cause> causes;
    for (const manifest::FieldError& e : manifest::validate(object))
        if (!e.warning)
            causes.push_back({e.path, e.message});
    if (causes.empty())
        return true;
    reportError(out, ApiServer::invalid(api::kindOf(object), api::metadataOf(object).name, std::move(causes)));
    return false;
}

// Validates, then updates through the API server.
ApiResult updateChecked(Cluster& cluster, api::Object object, CommandOutput& out)
{
    if (!validUpdate(object, out)) {
        ApiResult refused;
        refused.error = ApiError{"Invalid", "invalid"};
        return refused;
    }
    ApiResult r = cluster.update(std::move(object));
    reportResult(out, r);
    return r;
}

std::optional<int64_t> parseInteger(const std::string& s)
{
    int64_t v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || s.empty())
        return std::nullopt;
    return v;
}

bool goBoolValue(const std::string& s, bool& value)
{
    if (s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True") {
        value = true;
        return true;
    }
    if (s == "0" || s == "f" || s == "F" || s == "false" || s == "FALSE" || s == "False") {
        value = false;
        return true;
    }
    return false;
}

// The ReplicaSets a Deployment controls (deploymentutil.GetAllReplicaSets lists by selector and controller).
std::vector<Ptr<api::ReplicaSet>> setsOf(const Store& store, const api::Deployment& d)
{
    std::vector<Ptr<api::ReplicaSet>> out;
    for (const Ptr<api::ReplicaSet>& rs : store.list<api::ReplicaSet>(d.metadata.namespace_)) {
        const api::OwnerReference* ref = controllerOf(rs->metadata);
        if (ref && ref->uid == d.metadata.uid)
            out.push_back(rs);
    }
    return out;
}

std::optional<int64_t> revisionOf(const api::ReplicaSet& rs)
{
    const auto it = rs.metadata.annotations.find(kRevision);
    return it == rs.metadata.annotations.end() ? std::nullopt : parseInteger(it->second);
}

// --- rollout status (polymorphichelpers' DeploymentStatusViewer) ------------------------------------------------

CommandOutput rolloutStatus(const api::Deployment& d)
{
    CommandOutput out;
    const std::string name = "\"" + d.metadata.name + "\"";
    if (d.metadata.generation > d.status.observedGeneration) {
        out.out = "Waiting for deployment spec update to be observed...\n";
        return out;
    }
    for (const api::DeploymentCondition& c : d.status.conditions)
        if (c.type == "Progressing" && c.reason == "ProgressDeadlineExceeded") {
            failWith(out, "error: deployment " + name + " exceeded its progress deadline");
            return out;
        }
    const int32_t desired = d.spec.replicas.value_or(1);
    const api::DeploymentStatus& s = d.status;
    if (s.updatedReplicas < desired)
        out.out = "Waiting for deployment " + name + " rollout to finish: " + std::to_string(s.updatedReplicas) +
                  " out of " + std::to_string(desired) + " new replicas have been updated...\n";
    else if (s.replicas > s.updatedReplicas)
        out.out = "Waiting for deployment " + name + " rollout to finish: " + std::to_string(s.replicas - s.updatedReplicas) +
                  " old replicas are pending termination...\n";
    else if (s.availableReplicas < s.updatedReplicas)
        out.out = "Waiting for deployment " + name + " rollout to finish: " + std::to_string(s.availableReplicas) +
                  " of " + std::to_string(s.updatedReplicas) + " updated replicas are available...\n";
    else
        out.out = "deployment " + name + " successfully rolled out\n";
    return out;
}

// --- rollout history (DeploymentHistoryViewer) --------------------------------------------------------------------

CommandOutput rolloutHistory(const Store& store, const api::Deployment& d, const WorkloadFlags& flags)
{
    CommandOutput out;
    int64_t wanted = 0;
    if (flags.revision) {
        const auto v = parseInteger(*flags.revision);
        if (!v) {
            failWith(out, "error: invalid argument \"" + *flags.revision + "\" for \"--revision\" flag: strconv.ParseInt: parsing \"" +
                          *flags.revision + "\": invalid syntax");
            return out;
        }
        if (*v < 0) {
            failWith(out, "error: revision must be a positive integer: " + *flags.revision);
            return out;
        }
        wanted = *v;
    }
    std::map<int64_t, Ptr<api::ReplicaSet>> byRevision;
    for (const Ptr<api::ReplicaSet>& rs : setsOf(store, d))
        if (const auto v = revisionOf(*rs))
            byRevision[*v] = rs;
    const std::string header = "deployment.apps/" + d.metadata.name + " ";
    if (wanted > 0) {
        const auto it = byRevision.find(wanted);
        if (it == byRevision.end()) {
            failWith(out, "error: unable to find the specified revision");
            return out;
        }
        api::PodTemplateSpec tmpl = it->second->spec.template_;
        if (const auto cause = it->second->metadata.annotations.find(kChangeCause); cause != it->second->metadata.annotations.end())
            tmpl.metadata.annotations[kChangeCause] = cause->second;
        PrefixWriter w;
        describePodTemplate(w, tmpl);
        out.out = header + "with revision #" + std::to_string(wanted) + "\n" + w.raw() + "\n";
        return out;
    }
    if (byRevision.empty()) {
        out.out = header + "\nNo rollout history found.\n";
        return out;
    }
    std::string table = "REVISION\tCHANGE-CAUSE\n";
    for (const auto& [revision, rs] : byRevision) {
        const auto cause = rs->metadata.annotations.find(kChangeCause);
        table += std::to_string(revision) + "\t" +
                 (cause == rs->metadata.annotations.end() || cause->second.empty() ? std::string("<none>") : cause->second) + "\n";
    }
    out.out = header + "\n" + tabAlign(table, kDescribeTabWriter) + "\n";
    return out;
}

// --- rollout undo (DeploymentRollbacker) ----------------------------------------------------------------------------

CommandOutput rolloutUndo(Cluster& cluster, const api::Deployment& d, const WorkloadFlags& flags)
{
    CommandOutput out;
    int64_t toRevision = 0;
    if (flags.toRevision) {
        const auto v = parseInteger(*flags.toRevision);
        if (!v) {
            failWith(out, "error: invalid argument \"" + *flags.toRevision +
                          "\" for \"--to-revision\" flag: strconv.ParseInt: parsing \"" + *flags.toRevision +
                          "\": invalid syntax");
            return out;
        }
        toRevision = *v;
    }
    if (toRevision < 0) {
        failWith(out, "error: unable to find specified revision " + std::to_string(toRevision) + " in history");
        return out;
    }
    Ptr<api::ReplicaSet> target;
    Ptr<api::ReplicaSet> latest, previous;
    int64_t latestRevision = -1, previousRevision = -1;
    for (const Ptr<api::ReplicaSet>& rs : setsOf(cluster.store(), d)) {
        const auto v = revisionOf(*rs);
        if (!v)
            continue;
        if (toRevision == 0) {
            if (latestRevision < *v) {
                previousRevision = latestRevision;
                previous = latest;
                latestRevision = *v;
                latest = rs;
            } else if (previousRevision < *v) {
                previousRevision = *v;
                previous = rs;
            }
        } else if (toRevision == *v) {
            target = rs;
        }
    }
    if (toRevision > 0 && !target) {
        failWith(out, "error: unable to find specified revision " + std::to_string(toRevision) + " in history");
        return out;
    }
    if (toRevision == 0) {
        if (!previous) {
            failWith(out, "error: no rollout history found for deployment \"" + d.metadata.name + "\"");
            return out;
        }
        target = previous;
    }
    if (d.spec.paused) {
        failWith(out, "error: you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again");
        return out;
    }
    const std::string prefix = "deployment.apps/" + d.metadata.name + " ";
    if (equalIgnoreHash(target->spec.template_, d.spec.template_)) {
        out.out = prefix + "skipped rollback (current template already matches revision " + std::to_string(toRevision) + ")\n";
        return out;
    }
    // The template back, without its hash label; the annotations the set carries, but the controller's own.
    api::Deployment updated = d;
    updated.spec.template_ = target->spec.template_;
    updated.spec.template_.metadata.labels.erase("pod-template-hash");
    static const char* skipped[] = {"kubectl.kubernetes.io/last-applied-configuration", kRevision,
                                    "deployment.kubernetes.io/revision-history", "deployment.kubernetes.io/desired-replicas",
                                    "deployment.kubernetes.io/max-replicas", "deprecated.deployment.rollback.to"};
    api::StringMap annotations;
    for (const char* k : skipped)
        if (const auto it = d.metadata.annotations.find(k); it != d.metadata.annotations.end())
            annotations[k] = it->second;
    for (const auto& [k, v] : target->metadata.annotations)
        if (std::none_of(std::begin(skipped), std::end(skipped), [&](const char* s) { return k == s; }))
            annotations[k] = v;
    updated.metadata.annotations = std::move(annotations);
    const ApiResult r = updateChecked(cluster, api::Object(std::move(updated)), out);
    if (r.ok())
        out.out = prefix + "rolled back\n";
    return out;
}

Ptr<api::Deployment> findDeployment(const Cluster& cluster, const std::string& namespace_, const Target& t,
                                    CommandOutput& out)
{
    const auto d = cluster.store().get<api::Deployment>(namespace_, t.name);
    if (!d)
        failWith(out, workloadNotFound(Workload::Deployment, t.name));
    return d;
}

void appendOutput(CommandOutput& out, const CommandOutput& more)
{
    out.out += more.out;
    out.err += more.err;
    if (more.exitCode != 0)
        out.exitCode = more.exitCode;
}

} // namespace

CommandOutput scaleCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args,
                           const WorkloadFlags& flags)
{
    CommandOutput out;
    if (!flags.replicas) {
        failWith(out, "error: required flag(s) \"replicas\" not set");
        return out;
    }
    const auto replicas = parseInteger(*flags.replicas);
    if (!replicas || *replicas > INT32_MAX) {
        failWith(out, "error: invalid argument \"" + *flags.replicas + "\" for \"--replicas\" flag: strconv.ParseInt: parsing \"" +
                      *flags.replicas + "\": " + (replicas ? "value out of range" : "invalid syntax"));
        return out;
    }
    if (*replicas < 0) {
        failWith(out, "error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0");
        return out;
    }
    std::string error;
    const std::vector<Target> targets = targetsOf(args, 0, error);
    if (!error.empty() || targets.empty()) {
        failWith(out, error.empty() ? "error: resource(s) were provided, but no name was specified" : error);
        return out;
    }
    for (const Target& t : targets) {
        ApiResult r;
        if (t.kind == Workload::Deployment) {
            const auto d = cluster.store().get<api::Deployment>(namespace_, t.name);
            if (!d) {
                failWith(out, workloadNotFound(t.kind, t.name));
                continue;
            }
            api::Deployment updated = *d;
            updated.spec.replicas = int32_t(*replicas);
            r = updateChecked(cluster, api::Object(std::move(updated)), out);
        } else if (t.kind == Workload::ReplicaSet) {
            const auto rs = cluster.store().get<api::ReplicaSet>(namespace_, t.name);
            if (!rs) {
                failWith(out, workloadNotFound(t.kind, t.name));
                continue;
            }
            api::ReplicaSet updated = *rs;
            updated.spec.replicas = int32_t(*replicas);
            r = updateChecked(cluster, api::Object(std::move(updated)), out);
        } else {
            // Only kinds with a scale subresource can be scaled.
            failWith(out, "Error from server (NotFound): the server could not find the requested resource");
            continue;
        }
        if (r.ok())
            out.out += std::string(t.kind == Workload::Deployment ? "deployment.apps/" : "replicaset.apps/") + t.name + " scaled\n";
    }
    return out;
}

CommandOutput rolloutCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args,
                             const WorkloadFlags& flags)
{
    CommandOutput out;
    // `rollout restart` came with kubectl 1.15: the classic profile's kubectl has no such command.
    std::vector<std::string> subcommands = {"history", "pause", "restart", "resume", "status", "undo"};
    if (cluster.config().profile == VersionProfile::Classic)
        std::erase(subcommands, "restart");
    if (args.empty() || std::find(subcommands.begin(), subcommands.end(), args[0]) == subcommands.end()) {
        if (!args.empty()) {
            failWith(out, "error: unknown command \"" + args[0] + "\" for \"kubectl rollout\"");
            return out;
        }
        out.out = "Manage the rollout of one or many resources.\n";
        return out;
    }
    const std::string& sub = args[0];
    std::string error;
    const std::vector<Target> targets = targetsOf(args, 1, error);
    if (!error.empty()) {
        failWith(out, error);
        return out;
    }
    if (targets.empty()) {
        failWith(out, "error: required resource not specified");
        return out;
    }
    if (flags.watch) {
        bool ignored = false;
        if (!goBoolValue(*flags.watch, ignored)) {
            failWith(out, "error: invalid argument \"" + *flags.watch + "\" for \"-w, --watch\" flag: strconv.ParseBool: parsing \"" +
                          *flags.watch + "\": invalid syntax");
            return out;
        }
    }
    for (const Target& t : targets) {
        if (t.kind != Workload::Deployment) {
            // PodLab has no DaemonSets or StatefulSets; every other kind has no rollout.
            const std::string group = t.kind == Workload::ReplicaSet ? "ReplicaSet.apps" : t.type;
            if (sub == "status")
                failWith(out, "error: no status viewer has been implemented for " + group);
            else if (sub == "history")
                failWith(out, "error: no history viewer has been implemented for " + group);
            else if (sub == "undo")
                failWith(out, "error: no rollbacker has been implemented for " + group);
            else
                failWith(out, "error: " + (t.kind == Workload::ReplicaSet ? std::string("replicasets.apps") : t.type) + " \"" + t.name +
                              "\" " + (sub == "restart" ? "restarting is not supported" : sub + "ing is not supported"));
            continue;
        }
        const auto d = findDeployment(cluster, namespace_, t, out);
        if (!d)
            continue;
        const std::string prefix = "deployment.apps/" + d->metadata.name + " ";
        if (sub == "status") {
            appendOutput(out, rolloutStatus(*d));
        } else if (sub == "history") {
            appendOutput(out, rolloutHistory(cluster.store(), *d, flags));
        } else if (sub == "undo") {
            appendOutput(out, rolloutUndo(cluster, *d, flags));
        } else if (sub == "restart") {
            if (d->spec.paused) {
                failWith(out, "error: deployments.apps \"" + d->metadata.name + "\" can't restart paused deployment (run rollout resume first)");
                continue;
            }
            api::Deployment updated = *d;
            updated.spec.template_.metadata.annotations[kRestartedAt] = cluster.wallTime().toString();
            const ApiResult r = updateChecked(cluster, api::Object(std::move(updated)), out);
            if (r.ok())
                out.out += prefix + "restarted\n";
        } else {
            const bool pause = sub == "pause";
            if (d->spec.paused == pause) {
                failWith(out, "error: deployments.apps \"" + d->metadata.name + "\" is " + (pause ? "already paused" : "not paused"));
                continue;
            }
            api::Deployment updated = *d;
            updated.spec.paused = pause;
            const ApiResult r = updateChecked(cluster, api::Object(std::move(updated)), out);
            if (r.ok())
                out.out += prefix + (pause ? "paused\n" : "resumed\n");
        }
    }
    return out;
}

CommandOutput setCommand(Cluster& cluster, const std::string& namespace_, const std::vector<std::string>& args)
{
    CommandOutput out;
    if (args.empty() || args[0] != "image") {
        failWith(out, args.empty() ? "error: Usage: kubectl set SUBCOMMAND" : "error: unknown command \"" + args[0] + "\" for \"kubectl set\"");
        return out;
    }
    // Resources first, then CONTAINER=IMAGE pairs.
    std::vector<std::string> resources;
    std::vector<std::pair<std::string, std::string>> images;
    for (size_t i = 1; i < args.size(); ++i) {
        const size_t eq = args[i].find('=');
        if (eq == std::string::npos)
            resources.push_back(args[i]);
        else
            images.emplace_back(args[i].substr(0, eq), args[i].substr(eq + 1));
    }
    if (resources.empty()) {
        failWith(out, "error: one or more resources must be specified as <resource> <name> or <resource>/<name>");
        return out;
    }
    if (images.empty()) {
        failWith(out, "error: at least one image update is required");
        return out;
    }
    std::string error;
    const std::vector<Target> targets = targetsOf(resources, 0, error);
    if (!error.empty()) {
        failWith(out, error);
        return out;
    }
    for (const Target& t : targets) {
        api::PodTemplateSpec* tmpl = nullptr;
        api::Deployment d;
        api::ReplicaSet rs;
        if (t.kind == Workload::Deployment) {
            const auto found = cluster.store().get<api::Deployment>(namespace_, t.name);
            if (!found) {
                failWith(out, workloadNotFound(t.kind, t.name));
                continue;
            }
            d = *found;
            tmpl = &d.spec.template_;
        } else if (t.kind == Workload::ReplicaSet) {
            const auto found = cluster.store().get<api::ReplicaSet>(namespace_, t.name);
            if (!found) {
                failWith(out, workloadNotFound(t.kind, t.name));
                continue;
            }
            rs = *found;
            tmpl = &rs.spec.template_;
        } else {
            failWith(out, "error: the resource type \"" + t.type + "\" has no pod template PodLab can set images in");
            continue;
        }
        bool missing = false;
        for (const auto& [container, image] : images) {
            bool found = false;
            for (auto* list : {&tmpl->spec.initContainers, &tmpl->spec.containers})
                for (api::Container& c : *list)
                    if (container == "*" || c.name == container) {
                        c.image = image;
                        found = true;
                    }
            if (!found) {
                failWith(out, "error: unable to find container named \"" + container + "\"");
                missing = true;
            }
        }
        if (missing)
            continue;
        const ApiResult r = updateChecked(cluster, t.kind == Workload::Deployment ? api::Object(d) : api::Object(rs), out);
        if (r.ok())
            out.out += std::string(t.kind == Workload::Deployment ? "deployment.apps/" : "replicaset.apps/") + t.name +
                       " image updated\n";
    }
    return out;
}

std::optional<Ptr<api::Pod>> podOfWorkload(const Store& store, const std::string& namespace_, const std::string& typeName,
                                           const std::string& name, api::Time now, std::string& error, std::string& note)
{
    const Workload kind = workloadOf(typeName);
    if (kind != Workload::Deployment && kind != Workload::ReplicaSet)
        return std::nullopt;
    std::optional<api::LabelSelector> selector;
    if (kind == Workload::Deployment) {
        if (const auto d = store.get<api::Deployment>(namespace_, name))
            selector = d->spec.selector;
    } else if (const auto rs = store.get<api::ReplicaSet>(namespace_, name)) {
        selector = rs->spec.selector;
    }
    if (!selector) {
        error = workloadNotFound(kind, name);
        return Ptr<api::Pod>();
    }
    std::vector<Ptr<api::Pod>> pods;
    for (const Ptr<api::Pod>& pod : store.list<api::Pod>(namespace_))
        if (matches(*selector, pod->metadata.labels))
            pods.push_back(pod);
    if (pods.empty()) {
        // kubectl waits --pod-running-timeout (20 s) for one to appear; time does not pass within a command.
        error = "error: timed out waiting for the condition";
        return Ptr<api::Pod>();
    }
    const auto best = std::max_element(pods.begin(), pods.end(), [&](const Ptr<api::Pod>& a, const Ptr<api::Pod>& b) {
        return deleteBefore(*a, 0, *b, 0, now);
    });
    if (pods.size() > 1)
        note = "Found " + std::to_string(pods.size()) + " pods, using pod/" + (*best)->metadata.name + "\n";
    return *best;
}

} // namespace podlab::sim::kubectl
