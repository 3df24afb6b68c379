#include "scenariorunner.h"

#include "manifest/manifestwriter.h"
#include "sim/kubectl/podcolumns.h"
#include "sim/kubectl/gettables.h"

#include <algorithm>
#include <cstdio>

namespace podlab::lesson {

using namespace podlab::sim;

namespace {

std::string formatClock(SimTime t)
{
    const int64_t s = t / 1000;
    char buf[32];
    if (s >= 3600)
        std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", static_cast<long long>(s / 3600),
                      static_cast<long long>(s / 60 % 60), static_cast<long long>(s % 60));
    else
        std::snprintf(buf, sizeof buf, "%lld:%02lld", static_cast<long long>(s / 60), static_cast<long long>(s % 60));
    std::string out = buf;
    if (t % 1000)
        out += "." + std::to_string(1000 + t % 1000).substr(1);
    return out;
}

std::string join(const std::vector<std::string>& parts, const std::string& separator)
{
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : separator) + p;
    return out;
}

// The number in kubectl's RESTARTS column ("3 (40s ago)" -> 3).
int restartsOf(const api::Pod& pod, const api::Time& now)
{
    const kubectl::PodColumns c = kubectl::podColumns(pod, now);
    return std::atoi(c.restarts.c_str());
}

std::vector<api::Event> eventsAbout(const Store& store, const std::string& uid)
{
    std::vector<api::Event> out;
    for (uint64_t id : store.events().idsFor(uid))
        out.push_back(store.events().toApi(id));
    return out;
}

std::string describeEventExpectation(const EventExpectation& e)
{
    std::string out = e.reason.empty() ? std::string("an event") : e.reason;
    if (!e.type.empty())
        out += " (" + e.type + ")";
    if (!e.message.empty())
        out += " \"" + e.message + "\"";
    if (e.count)
        out += " ×" + std::to_string(*e.count);
    if (e.minCount)
        out += " ×" + std::to_string(*e.minCount) + " or more";
    return out;
}

bool eventMatches(const api::Event& ev, const EventExpectation& e)
{
    return (e.reason.empty() || ev.reason == e.reason) && (e.type.empty() || ev.type == e.type) &&
           (e.message.empty() || ev.message.find(e.message) != std::string::npos);
}

} // namespace

ScenarioRunner::ScenarioRunner(Scenario scenario, std::string directory, RunOptions options)
    : m_scenario(std::move(scenario)), m_directory(std::move(directory)), m_options(options)
{
}

std::optional<Cluster> ScenarioRunner::buildCluster(const Scenario& s, const RunOptions& options,
                                                    manifest::Diagnostics* errors)
{
    ClusterConfig config = ClusterConfig::forProfile(s.profile == "classic" ? VersionProfile::Classic
                                                                            : VersionProfile::Modern);
    config.seed = uint64_t(options.seed.value_or(s.seed));
    config.parkSteadyProbes = options.parkSteadyProbes;
    if (s.kubelet.syncFrequency)
        config.kubeletSyncFrequency = s.kubelet.syncFrequency->millis;
    if (s.kubelet.configMapCacheDelay)
        config.configMapCacheDelay = s.kubelet.configMapCacheDelay->millis;
    if (!s.start.empty()) {
        const auto start = api::Time::parse(s.start);
        if (!start) {
            if (errors)
                errors->push_back({manifest::Diagnostic::Severity::Error, {}, 0, 0, "start", "not an RFC 3339 time"});
            return std::nullopt;
        }
        config.startEpochMillis = start->millis();
    }
    ImageCatalogue images = ImageCatalogue::builtin();
    if (s.images)
        images.merge(*s.images);
    Cluster cluster(config, std::move(images));
    if (s.nodes.nodes.empty()) {
        for (int i = 1; i <= s.nodes.count; ++i)
            cluster.create(Cluster::defaultNode(i, config));
    } else {
        for (const api::Node& n : s.nodes.nodes) {
            // Used as given, status included (a real API server would ignore status on create).
            // What it leaves out comes from a default node of the same position, so that each node keeps
            // its own address and machine identity.
            api::Node node = n;
            const int index = int(cluster.store().all<api::Node>().size()) + 1;
            if (node.status.capacity.empty()) {
                std::vector<api::NodeAddress> given = std::move(node.status.addresses);
                node.status = Cluster::defaultNode(index, config).status;
                node.status.addresses = std::move(given);
            }
            if (node.status.addresses.empty())
                node.status.addresses = {{"InternalIP", "172.18.0." + std::to_string(index + 1)},
                                         {"Hostname", node.metadata.name}};
            if (node.spec.podCIDR.empty()) {
                node.spec.podCIDR = "10.244." + std::to_string(index) + ".0/24";
                node.spec.podCIDRs = {node.spec.podCIDR};
            }
            const ApiResult r = cluster.create(node);
            if (!r.ok() && errors)
                errors->push_back({manifest::Diagnostic::Severity::Error, {}, 0, 0, "nodes", r.error->message});
        }
    }
    return cluster;
}

bool ScenarioRunner::allPassed() const
{
    return std::all_of(m_expectations.begin(), m_expectations.end(), [](const auto& e) { return e.passed; });
}

std::string ScenarioRunner::clock() const { return "[" + formatClock(m_cluster->now()) + "]"; }

bool ScenarioRunner::run(const std::function<void(const std::string&)>& transcript)
{
    m_cluster = buildCluster(m_scenario, m_options, &m_diagnostics);
    if (!m_cluster)
        return false;
    Cluster& cluster = *m_cluster;
    kubectl::Session session;
    session.directory = m_directory;
    kubectl::Kubectl kubectl(cluster, session);
    const ClusterConfig& config = cluster.config();
    transcript("# " + (m_scenario.title.empty() ? std::string("scenario") : m_scenario.title) + ": Kubernetes " +
               config.kubernetesVersion() + " (" +
               (config.profile == VersionProfile::Modern ? "modern" : "classic") + " profile), " +
               std::to_string(cluster.store().all<api::Node>().size()) + " nodes, seed " +
               std::to_string(config.seed) + ", starting " + cluster.wallTime().toString() + "\n");

    for (const Step& step : m_scenario.steps) {
        if (!step.say.empty()) {
            transcript(clock() + " # " + step.say + "\n");
        } else if (!step.kubectl.empty()) {
            const std::string command = step.kubectl.starts_with("kubectl ") ? step.kubectl : "kubectl " + step.kubectl;
            transcript(clock() + " $ " + command + "\n");
            std::vector<std::string> notFound; // editor texts the file did not hold
            if (step.editor)
                kubectl.session().editor = [&, rounds = 0](const std::string& file) mutable -> std::optional<std::string> {
                    if (rounds++ > 0)
                        return file; // a second look at a failed save: saved again as it is
                    std::string edited = file;
                    for (const auto& [from, to] : step.editor->replace) {
                        const size_t at = edited.find(from);
                        if (at == std::string::npos)
                            notFound.push_back(from);
                        else
                            edited.replace(at, from.size(), to);
                    }
                    return edited;
                };
            const kubectl::CommandOutput out = kubectl.run(command);
            kubectl.session().editor = nullptr;
            m_commands.push_back({command, out, cluster.now()});
            transcript(out.out);
            transcript(out.err);
            if (out.exitCode != 0)
                transcript("(exit status " + std::to_string(out.exitCode) + ")\n");
            if (!notFound.empty()) {
                // The scenario's edit does not fit the file: a mistake in the scenario, reported as a failure.
                ExpectationResult r;
                r.line = step.line;
                r.at = cluster.now();
                r.description = "the editor finds the text its step replaces";
                for (const std::string& text : notFound)
                    r.failures.push_back("\"" + text + "\" is not in the file kubectl edit opened");
                transcript(clock() + " [FAIL] " + r.description + "\n");
                for (const std::string& f : r.failures)
                    transcript("         " + f + "\n");
                m_expectations.push_back(std::move(r));
            }
        } else if (step.wait) {
            cluster.runUntil(cluster.now() + step.wait->millis);
            transcript(clock() + " # waited " + step.wait->toString() + "\n");
        } else if (!step.node.empty()) {
            const bool ready = step.state == "Ready";
            if (!cluster.setNodeReporting(step.node, ready))
                transcript(clock() + " # node " + step.node + ": there is no such node\n");
            else
                transcript(clock() + " # node " + step.node + ": " +
                           (ready ? "its kubelet reports again" : "its kubelet stops reporting (NotReady)") + "\n");
        } else if (!step.snapshot.empty()) {
            if (m_options.recordSnapshots)
                snapshot(step.snapshot);
            transcript(clock() + " # snapshot " + step.snapshot + "\n");
        } else if (step.expect) {
            ExpectationResult r = evaluate(*step.expect);
            r.line = step.line;
            transcript(clock() + (r.passed ? " [PASS] " : " [FAIL] ") + r.description + "\n");
            for (const std::string& f : r.failures)
                transcript("         " + f + "\n");
            m_expectations.push_back(std::move(r));
        }
    }
    if (m_options.until && *m_options.until > cluster.now()) {
        cluster.runUntil(*m_options.until);
        transcript(clock() + " # ran until " + Duration{*m_options.until}.toString() + "\n");
    }
    if (m_options.recordSnapshots)
        snapshot("end");
    const size_t failed = size_t(std::count_if(m_expectations.begin(), m_expectations.end(),
                                               [](const auto& e) { return !e.passed; }));
    transcript("# " + std::to_string(m_expectations.size()) + " expectation(s), " + std::to_string(failed) +
               " failed\n");
    return true;
}

ExpectationResult ScenarioRunner::evaluate(const Expectation& e)
{
    Cluster& cluster = *m_cluster;
    const SimTime deadline = cluster.now() + (e.within ? e.within->millis : 0);
    ExpectationResult r;
    for (;;) {
        r = ExpectationResult{};
        r.at = cluster.now();
        std::vector<std::string> wanted;
        const std::string ns = e.namespace_.empty() ? std::string("default") : e.namespace_;
        const api::Time now = cluster.wallTime();
        auto check = [&](bool ok, const std::string& what, const std::string& actual) {
            if (!ok)
                r.failures.push_back(what + ": found " + actual);
        };
        if (!e.pod.empty()) {
            wanted.push_back("pod " + e.pod);
            const auto pod = cluster.store().get<api::Pod>(ns, e.pod);
            if (e.exists)
                check(bool(pod) == *e.exists, *e.exists ? "exists" : "is gone", pod ? "it exists" : "no such pod");
            if (pod) {
                const kubectl::PodColumns c = kubectl::podColumns(*pod, now);
                if (!e.phase.empty()) {
                    wanted.push_back("phase " + e.phase);
                    check(pod->status.phase == e.phase, "phase " + e.phase, pod->status.phase);
                }
                if (!e.status.empty()) {
                    wanted.push_back("STATUS " + e.status);
                    check(c.status == e.status, "STATUS " + e.status, c.status);
                }
                if (!e.ready.empty()) {
                    wanted.push_back("READY " + e.ready);
                    check(c.ready == e.ready, "READY " + e.ready, c.ready);
                }
                if (e.restarts) {
                    wanted.push_back("RESTARTS " + std::to_string(*e.restarts));
                    const int restarts = restartsOf(*pod, now);
                    check(restarts == *e.restarts, "RESTARTS " + std::to_string(*e.restarts), std::to_string(restarts));
                }
                if (!e.nodeName.empty()) {
                    wanted.push_back("on " + e.nodeName);
                    check(pod->spec.nodeName == e.nodeName, "node " + e.nodeName,
                          pod->spec.nodeName.empty() ? "<none>" : pod->spec.nodeName);
                }
                for (const auto& [type, status] : e.conditions) {
                    wanted.push_back(type + "=" + status);
                    std::string actual = "<absent>";
                    for (const api::PodCondition& pc : pod->status.conditions)
                        if (pc.type == type)
                            actual = pc.status;
                    check(actual == status, "condition " + type + "=" + status, actual);
                }
                for (const auto& [name, ce] : e.containers) {
                    const api::ContainerStatus* cs = nullptr;
                    for (const auto* list : {&pod->status.initContainerStatuses, &pod->status.containerStatuses})
                        for (const api::ContainerStatus& s : *list)
                            if (s.name == name)
                                cs = &s;
                    wanted.push_back("container " + name);
                    if (!cs) {
                        r.failures.push_back("container " + name + ": no status for it");
                        continue;
                    }
                    const std::string state = cs->state.running ? "running" : cs->state.terminated ? "terminated" : "waiting";
                    if (!ce.state.empty())
                        check(state == ce.state, "container " + name + " " + ce.state, state);
                    if (!ce.reason.empty()) {
                        const std::string reason = cs->state.waiting ? cs->state.waiting->reason
                                                   : cs->state.terminated ? cs->state.terminated->reason
                                                                          : std::string();
                        check(reason == ce.reason, "container " + name + " reason " + ce.reason, reason.empty() ? "none" : reason);
                    }
                    if (ce.exitCode)
                        check(cs->state.terminated && cs->state.terminated->exitCode == *ce.exitCode,
                              "container " + name + " exit code " + std::to_string(*ce.exitCode),
                              cs->state.terminated ? std::to_string(cs->state.terminated->exitCode) : "not terminated");
                    if (ce.restartCount)
                        check(cs->restartCount == *ce.restartCount, "container " + name + " restartCount " +
                                                                        std::to_string(*ce.restartCount),
                              std::to_string(cs->restartCount));
                    if (ce.ready)
                        check(cs->ready == *ce.ready, "container " + name + " ready " + (*ce.ready ? "true" : "false"),
                              cs->ready ? "true" : "false");
                    if (ce.started)
                        check(cs->started.value_or(false) == *ce.started,
                              "container " + name + " started " + (*ce.started ? "true" : "false"),
                              cs->started.value_or(false) ? "true" : "false");
                    if (!ce.lastReason.empty())
                        check(cs->lastState.terminated && cs->lastState.terminated->reason == ce.lastReason,
                              "container " + name + " last state " + ce.lastReason,
                              cs->lastState.terminated ? cs->lastState.terminated->reason : "none");
                    if (ce.lastExitCode)
                        check(cs->lastState.terminated && cs->lastState.terminated->exitCode == *ce.lastExitCode,
                              "container " + name + " last exit code " + std::to_string(*ce.lastExitCode),
                              cs->lastState.terminated ? std::to_string(cs->lastState.terminated->exitCode) : "none");
                }
                const std::vector<api::Event> events = eventsAbout(cluster.store(), pod->metadata.uid);
                for (const EventExpectation& ee : e.events) {
                    wanted.push_back("event " + describeEventExpectation(ee));
                    int count = 0;
                    for (const api::Event& ev : events)
                        if (eventMatches(ev, ee))
                            count += std::max(ev.count, 1);
                    const bool ok = ee.count ? count == *ee.count : count >= ee.minCount.value_or(1);
                    check(ok, "event " + describeEventExpectation(ee), std::to_string(count) + " such event(s)");
                }
                for (const EventExpectation& ee : e.noEvents) {
                    wanted.push_back("no event " + describeEventExpectation(ee));
                    const auto it = std::find_if(events.begin(), events.end(), [&](const auto& ev) { return eventMatches(ev, ee); });
                    check(it == events.end(), "no event " + describeEventExpectation(ee),
                          it == events.end() ? "" : "\"" + it->message + "\"");
                }
            } else if (!e.exists || *e.exists) {
                r.failures.push_back("pod " + e.pod + " in namespace " + ns + ": not found");
            }
        }
        if (!e.node.empty()) {
            wanted.push_back("node " + e.node);
            const auto node = cluster.store().get<api::Node>("", e.node);
            if (e.exists)
                check(bool(node) == *e.exists, *e.exists ? "exists" : "is gone", node ? "it exists" : "no such node");
            if (node) {
                if (!e.status.empty()) {
                    wanted.push_back("STATUS " + e.status);
                    const std::string status = kubectl::nodeStatus(*node);
                    check(status == e.status, "STATUS " + e.status, status);
                }
                for (const auto& [type, status] : e.conditions) {
                    wanted.push_back(type + "=" + status);
                    std::string actual = "<absent>";
                    for (const api::NodeCondition& nc : node->status.conditions)
                        if (nc.type == type)
                            actual = nc.status;
                    check(actual == status, "condition " + type + "=" + status, actual);
                }
            } else if (!e.exists || *e.exists) {
                r.failures.push_back("node " + e.node + ": not found");
            }
        }
        if (!e.object.empty()) {
            wanted.push_back(e.object);
            kubectl::Kubectl k(cluster);
            const kubectl::CommandOutput out = k.run("get " + e.object + " -n " + ns + " -o name");
            const bool exists = out.exitCode == 0;
            if (e.exists)
                check(exists == *e.exists, *e.exists ? "exists" : "is gone", exists ? "it exists" : "not found");
            else if (!exists)
                r.failures.push_back(e.object + ": not found");
        }
        if (!e.kubectl.empty()) {
            const std::string command = e.kubectl.starts_with("kubectl ") ? e.kubectl : "kubectl " + e.kubectl;
            wanted.push_back("`" + command + "`");
            kubectl::Session session;
            session.directory = m_directory;
            kubectl::Kubectl k(cluster, session);
            const kubectl::CommandOutput out = k.run(command);
            if (e.output) {
                wanted.push_back("prints exactly the expected output");
                check(out.out == *e.output, "output", "\n" + out.out);
            }
            for (const std::string& c : e.contains) {
                wanted.push_back("shows \"" + c + "\"");
                check(out.out.find(c) != std::string::npos || out.err.find(c) != std::string::npos,
                      "output containing \"" + c + "\"", "\n" + out.out + out.err);
            }
            for (const std::string& c : e.notContains) {
                wanted.push_back("does not show \"" + c + "\"");
                check(out.out.find(c) == std::string::npos, "output without \"" + c + "\"", "\n" + out.out);
            }
            if (e.exitCode) {
                wanted.push_back("exits " + std::to_string(*e.exitCode));
                check(out.exitCode == *e.exitCode, "exit status " + std::to_string(*e.exitCode),
                      std::to_string(out.exitCode));
            }
        }
        r.passed = r.failures.empty();
        r.description = (e.name.empty() ? std::string("expect ") : e.name + ": ") + join(wanted, ", ");
        if (r.passed || cluster.now() >= deadline)
            break;
        // Not yet: let the cluster run to its next event (but no further than the deadline) and look again.
        const SimTime next = cluster.nextEventTime();
        cluster.runUntil(std::min(next == INT64_MAX ? deadline : next, deadline));
    }
    if (e.within && r.passed)
        r.description += " (within " + e.within->toString() + ")";
    return r;
}

void ScenarioRunner::snapshot(const std::string& name)
{
    const Cluster& cluster = *m_cluster;
    api::Value::Array objects;
    auto addAll = [&]<class T>(std::type_identity<T>) {
        for (const auto& [key, object] : cluster.store().all<T>())
            objects.push_back(manifest::encodeObject(api::Object(*object)));
    };
    addAll(std::type_identity<api::Namespace>());
    addAll(std::type_identity<api::Node>());
    addAll(std::type_identity<api::Lease>());
    addAll(std::type_identity<api::ServiceAccount>());
    addAll(std::type_identity<api::ConfigMap>());
    addAll(std::type_identity<api::Secret>());
    addAll(std::type_identity<api::Service>());
    addAll(std::type_identity<api::Endpoints>());
    addAll(std::type_identity<api::Deployment>());
    addAll(std::type_identity<api::ReplicaSet>());
    addAll(std::type_identity<api::Pod>());
    addAll(std::type_identity<api::PodPreset>());
    api::Value::Array events;
    for (uint64_t id : cluster.store().events().ids())
        events.push_back(manifest::encodeObject(api::Object(cluster.store().events().toApi(id))));
    api::Value::Array outputs;
    for (const CommandRecord& c : m_commands)
        outputs.push_back(api::Value(api::Value::Object{{"command", api::Value(c.command)},
                                                        {"stdout", api::Value(c.output.out)},
                                                        {"stderr", api::Value(c.output.err)},
                                                        {"exitCode", api::Value(int64_t(c.output.exitCode))}}));
    Snapshot s;
    s.name = name;
    s.time = cluster.now();
    s.json = api::Value(api::Value::Object{{"name", api::Value(name)},
                                           {"time", api::Value(double(cluster.now()) / 1000.0)},
                                           {"objects", api::Value(std::move(objects))},
                                           {"events", api::Value(std::move(events))},
                                           {"outputs", api::Value(std::move(outputs))}});
    m_snapshots.push_back(std::move(s));
}

api::Value ScenarioRunner::toJson() const
{
    api::Value::Array snapshots;
    for (const Snapshot& s : m_snapshots)
        snapshots.push_back(s.json);
    api::Value::Array expectations;
    for (const ExpectationResult& e : m_expectations) {
        api::Value::Array failures;
        for (const std::string& f : e.failures)
            failures.push_back(api::Value(f));
        expectations.push_back(api::Value(api::Value::Object{{"line", api::Value(int64_t(e.line))},
                                                             {"time", api::Value(double(e.at) / 1000.0)},
                                                             {"description", api::Value(e.description)},
                                                             {"passed", api::Value(e.passed)},
                                                             {"failures", api::Value(std::move(failures))}}));
    }
    return api::Value(api::Value::Object{
        {"scenario", api::Value(m_scenario.title)},
        {"seed", api::Value(int64_t(m_cluster ? m_cluster->config().seed : uint64_t(m_scenario.seed)))},
        {"snapshots", api::Value(std::move(snapshots))},
        {"expectations", api::Value(std::move(expectations))}});
}

Scenario scenarioForManifest(const std::string& fileName)
{
    Scenario s;
    s.kind = "Scenario";
    s.title = fileName;
    Step apply;
    apply.kubectl = "apply -f " + fileName;
    s.steps.push_back(apply);
    Step wait;
    wait.wait = Duration{60'000};
    s.steps.push_back(wait);
    Step pods;
    pods.kubectl = "get pods -o wide";
    s.steps.push_back(pods);
    Step events;
    events.kubectl = "get events";
    s.steps.push_back(events);
    return s;
}

} // namespace podlab::lesson
