#include "scenario.h"

#include <algorithm>

#include "manifest/defaults.h"
#include "manifest/manifestreader.h"
#include "manifest/schemadefinition.h"

#include <algorithm>
#include <fstream>
#include <iterator>

namespace podlab::manifest {

using lesson::ContainerExpectation;
using lesson::Duration;
using lesson::EditorAction;
using lesson::EventExpectation;
using lesson::Expectation;
using lesson::KubeletTiming;
using lesson::NodeList;
using lesson::Scenario;
using lesson::Step;

template <>
struct Codec<Duration> {
    static void decode(Duration& out, YamlRef node, DecodeContext& ctx)
    {
        const auto s = ctx.scalar(node, "duration");
        if (!s || s->type == ResolvedScalar::Type::Null)
            return;
        if (s->type == ResolvedScalar::Type::Int) {
            ctx.error(node, "Invalid value: " + std::string(s->text) + ": a duration needs a unit, for example \"" +
                                std::string(s->text) + "s\"");
            return;
        }
        if (auto d = Duration::parse(s->text))
            out = *d;
        else
            ctx.error(node, "Invalid value: \"" + std::string(s->text) +
                                "\": not a duration (write it as 40s, 1m30s, 500ms or 2h)");
    }
    static api::Value encode(const Duration& d) { return d.toString(); }
    static bool isEmpty(const Duration&) { return false; }
};

template <>
struct Codec<NodeList> {
    static void decode(NodeList& out, YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
            return;
        if (node.kind() == YamlDocument::Kind::Scalar) {
            Codec<int32_t>::decode(out.count, node, ctx);
            if (out.count < 0 || out.count > 5000)
                ctx.error(node, "Invalid value: " + std::to_string(out.count) + ": must be between 0 and 5000");
            return;
        }
        if (node.kind() != YamlDocument::Kind::Sequence)
            return ctx.typeError(node, "node count or list of Node manifests");
        size_t i = 0;
        for (YamlRef item = node.firstChild(); item.isValid(); item = item.nextSibling(), ++i) {
            PathScope scope(ctx, i);
            const size_t errorsBefore = ctx.errorCount();
            api::Node n;
            Codec<api::Node>::decode(n, item, ctx);
            if (ctx.errorCount() != errorsBefore)
                continue;
            if (n.metadata.name.empty()) {
                PathScope name(ctx, "metadata");
                ctx.error(item, "Required value: a node needs metadata.name");
                continue;
            }
            api::Object object = n;
            applyDefaults(object);
            out.nodes.push_back(std::get<api::Node>(object));
        }
        out.count = int32_t(out.nodes.size());
    }
    static api::Value encode(const NodeList& n) { return int64_t(n.count); }
    static bool isEmpty(const NodeList&) { return false; }
};

template <>
struct Codec<std::shared_ptr<const sim::ImageCatalogue>> {
    static void decode(std::shared_ptr<const sim::ImageCatalogue>& out, YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
            return;
        static const sim::ImageCatalogue base = sim::ImageCatalogue::builtin();
        Diagnostics problems;
        if (auto catalogue = sim::ImageCatalogue::parse(node, ctx.file(), &problems, &base))
            out = std::make_shared<const sim::ImageCatalogue>(std::move(*catalogue));
        for (Diagnostic& d : problems)
            ctx.report(std::move(d));
    }
    static api::Value encode(const std::shared_ptr<const sim::ImageCatalogue>&) { return api::Value(); }
    static bool isEmpty(const std::shared_ptr<const sim::ImageCatalogue>& c) { return !c; }
};

FIELDS_OF(EventExpectation)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
    .add("type", &Self::type)
    .add("count", &Self::count)
    .add("minCount", &Self::minCount)
END_FIELDS

FIELDS_OF(ContainerExpectation)
    .add("state", &Self::state)
    .add("reason", &Self::reason)
    .add("exitCode", &Self::exitCode)
    .add("restartCount", &Self::restartCount)
    .add("ready", &Self::ready)
    .add("started", &Self::started)
    .add("lastReason", &Self::lastReason)
    .add("lastExitCode", &Self::lastExitCode)
END_FIELDS

FIELDS_OF(Expectation)
    .add("name", &Self::name)
    .add("pod", &Self::pod)
    .add("node", &Self::node)
    .add("object", &Self::object)
    .add("namespace", &Self::namespace_)
    .add("exists", &Self::exists)
    .add("phase", &Self::phase)
    .add("status", &Self::status)
    .add("ready", &Self::ready)
    .add("restarts", &Self::restarts)
    .add("nodeName", &Self::nodeName)
    .add("conditions", &Self::conditions)
    .add("containers", &Self::containers)
    .add("events", &Self::events)
    .add("noEvents", &Self::noEvents)
    .add("kubectl", &Self::kubectl)
    .add("output", &Self::output)
    .add("contains", &Self::contains)
    .add("notContains", &Self::notContains)
    .add("exitCode", &Self::exitCode)
    .add("within", &Self::within)
END_FIELDS

FIELDS_OF(EditorAction)
    .add("replace", &Self::replace)
END_FIELDS

FIELDS_OF(KubeletTiming)
    .add("syncFrequency", &Self::syncFrequency)
    .add("configMapCacheDelay", &Self::configMapCacheDelay)
END_FIELDS

FIELDS_OF(Step)
    .add("kubectl", &Self::kubectl)
    .add("editor", &Self::editor)
    .add("wait", &Self::wait)
    .add("node", &Self::node)
    .add("state", &Self::state)
    .add("snapshot", &Self::snapshot)
    .add("expect", &Self::expect)
    .add("say", &Self::say)
END_FIELDS

FIELDS_OF(Scenario)
    .add("kind", &Self::kind)
    .add("title", &Self::title)
    .add("description", &Self::description)
    .add("seed", &Self::seed)
    .add("start", &Self::start)
    .add("profile", &Self::profile)
    .add("nodes", &Self::nodes)
    .add("kubelet", &Self::kubelet)
    .add("images", &Self::images)
    .add("steps", &Self::steps)
END_FIELDS

} // namespace podlab::manifest

namespace podlab::lesson {

using manifest::Diagnostic;
using manifest::YamlDocument;
using manifest::YamlRef;

namespace {

// Checks a decoded scenario; `root` is its document, for positions.
void check(const Scenario& s, YamlRef root, std::string_view file, manifest::Diagnostics& out)
{
    auto problem = [&](const std::string& path, const std::string& message) {
        const YamlRef at = manifest::locateField(root, path);
        out.push_back({Diagnostic::Severity::Error, std::string(file), at.isValid() ? at.line() : root.line(),
                       at.isValid() ? at.column() : root.column(), path, message});
    };
    if (s.kind != "Scenario")
        problem("kind", s.kind.empty() ? "Required value: a scenario starts with kind: Scenario"
                                       : "Unsupported value: \"" + s.kind + "\": supported values: \"Scenario\"");
    if (!s.profile.empty() && s.profile != "modern" && s.profile != "classic")
        problem("profile", "Unsupported value: \"" + s.profile + "\": supported values: \"classic\", \"modern\"");
    if (s.kubelet.syncFrequency && s.kubelet.syncFrequency->millis < 1000)
        problem("kubelet.syncFrequency", "Invalid value: \"" + s.kubelet.syncFrequency->toString() +
                                             "\": must be at least 1s");
    if (s.kubelet.configMapCacheDelay && s.kubelet.configMapCacheDelay->millis < 0)
        problem("kubelet.configMapCacheDelay", "Invalid value: must not be negative");
    if (!s.start.empty() && !api::Time::parse(s.start))
        problem("start", "Invalid value: \"" + s.start + "\": must be an RFC 3339 time, for example 2026-01-01T00:00:00Z");
    for (size_t i = 0; i < s.steps.size(); ++i) {
        const Step& step = s.steps[i];
        const std::string path = "steps[" + std::to_string(i) + "]";
        const int actions = int(!step.kubectl.empty()) + int(step.wait.has_value()) + int(!step.node.empty()) +
                            int(!step.snapshot.empty()) + int(step.expect.has_value()) + int(!step.say.empty());
        if (actions == 0)
            problem(path, "Required value: a step does one thing: kubectl, wait, node (with state), snapshot, expect "
                          "or say");
        else if (actions > 1)
            problem(path, "Invalid value: a step does one thing; split this one into several steps");
        if (step.editor) {
            const std::string_view command = std::string_view(step.kubectl).substr(
                std::string_view(step.kubectl).starts_with("kubectl ") ? 8 : 0);
            if (!command.starts_with("edit "))
                problem(path + ".editor", "Forbidden: editor goes with kubectl: edit TYPE NAME");
            else if (step.editor->replace.empty())
                problem(path + ".editor.replace", "Required value: the text to find and what to put instead");
        }
        if (!step.state.empty() && step.node.empty())
            problem(path + ".state", "Forbidden: state goes with node: NAME");
        if (!step.node.empty() && step.state != "NotReady" && step.state != "Ready")
            problem(path + ".state", step.state.empty() ? "Required value: node: NAME needs state: NotReady or Ready"
                                                        : "Unsupported value: \"" + step.state +
                                                              "\": supported values: \"NotReady\", \"Ready\"");
        if (step.expect) {
            const Expectation& e = *step.expect;
            const int targets = int(!e.pod.empty()) + int(!e.node.empty()) + int(!e.object.empty());
            if (targets > 1)
                problem(path + ".expect", "Invalid value: name one object: pod, node or object");
            if (targets == 0 && e.kubectl.empty())
                problem(path + ".expect", "Required value: an expectation is about an object (pod, node, object) or "
                                          "a command (kubectl)");
            if (e.kubectl.empty() && (e.output || !e.contains.empty() || !e.notContains.empty() || e.exitCode))
                problem(path + ".expect", "Forbidden: output, contains, notContains and exitCode check a kubectl "
                                          "command: add kubectl: COMMAND");
            // A key that does not apply to the object named would be a check that cannot fail: refuse it.
            const char* target = !e.pod.empty() ? "pod" : !e.node.empty() ? "node" : !e.object.empty() ? "object" : nullptr;
            const auto onlyFor = [&](bool given, const char* key, std::initializer_list<std::string_view> kinds) {
                if (!given || !target || std::find(kinds.begin(), kinds.end(), target) != kinds.end())
                    return;
                std::string list;
                for (std::string_view k : kinds)
                    list += std::string(list.empty() ? "" : " or ") + std::string(k);
                problem(path + ".expect." + key, std::string("Forbidden: ") + key + " is checked for a " + list +
                                                     ", not for " + (std::string_view(target) == "object" ? "an object: KIND/NAME" : std::string("a ") + target));
            };
            onlyFor(!e.phase.empty(), "phase", {"pod"});
            onlyFor(!e.status.empty(), "status", {"pod", "node"});
            onlyFor(!e.ready.empty(), "ready", {"pod"});
            onlyFor(e.restarts.has_value(), "restarts", {"pod"});
            onlyFor(!e.nodeName.empty(), "nodeName", {"pod"});
            onlyFor(!e.conditions.empty(), "conditions", {"pod", "node"});
            onlyFor(!e.containers.empty(), "containers", {"pod"});
            onlyFor(!e.events.empty(), "events", {"pod"});
            onlyFor(!e.noEvents.empty(), "noEvents", {"pod"});
            if (!target && (!e.phase.empty() || !e.status.empty() || !e.ready.empty() || e.restarts || !e.nodeName.empty() ||
                            !e.conditions.empty() || !e.containers.empty() || !e.events.empty() || !e.noEvents.empty() ||
                            e.exists))
                problem(path + ".expect", "Required value: these keys check an object: add pod, node or object");
            if (!e.object.empty() && e.object.find('/') == std::string::npos)
                problem(path + ".expect.object", "Invalid value: \"" + e.object + "\": write it as kind/name, for "
                                                 "example deployment/web");
        }
    }
}

} // namespace

ScenarioReadResult readScenario(std::string_view bytes, std::string_view fileName)
{
    ScenarioReadResult result;
    int documents = 0;
    const auto error = manifest::parseYamlStream(bytes, [&](const YamlDocument& doc) {
        const YamlRef root = doc.root();
        if (!root.isValid() || root.kind() == YamlDocument::Kind::Null)
            return;
        if (++documents > 1) {
            result.diagnostics.push_back({Diagnostic::Severity::Error, std::string(fileName), doc.line(), doc.column(),
                                          {}, "a scenario file holds one document; this is a second one"});
            return;
        }
        manifest::DecodeContext ctx(std::string(fileName), result.diagnostics, doc);
        Scenario s;
        manifest::Codec<Scenario>::decode(s, root, ctx);
        if (ctx.errorCount() > 0)
            return;
        for (size_t i = 0; i < s.steps.size(); ++i) {
            const YamlRef at = manifest::locateField(root, "steps[" + std::to_string(i) + "]");
            s.steps[i].line = at.line();
            s.steps[i].column = at.column();
        }
        const size_t before = result.diagnostics.size();
        check(s, root, fileName, result.diagnostics);
        if (result.diagnostics.size() == before)
            result.scenario = std::move(s);
    });
    if (error)
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, std::string(fileName), error->line, error->column, {}, error->message});
    else if (documents == 0)
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, std::string(fileName), 1, 1, {}, "the scenario file is empty"});
    if (!manifest::hasErrors(result.diagnostics) && !result.scenario)
        result.diagnostics.push_back({Diagnostic::Severity::Error, std::string(fileName), 1, 1, {}, "no scenario read"});
    if (manifest::hasErrors(result.diagnostics))
        result.scenario.reset();
    return result;
}

ScenarioReadResult readScenarioFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        ScenarioReadResult r;
        r.diagnostics.push_back({Diagnostic::Severity::Error, path, 0, 0, {}, "cannot open the file"});
        return r;
    }
    const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    return readScenario(bytes, path);
}

bool looksLikeScenario(std::string_view bytes)
{
    bool scenario = false;
    bool first = true;
    manifest::parseYamlStream(bytes, [&](const YamlDocument& doc) {
        if (!first)
            return;
        first = false;
        const YamlRef root = doc.root();
        if (!root.isValid() || root.kind() != YamlDocument::Kind::Mapping)
            return;
        for (YamlRef key = root.firstChild(); key.isValid();) {
            const YamlRef value = key.nextSibling();
            if (key.kind() == YamlDocument::Kind::Scalar && key.text() == "kind" && value.isValid() &&
                value.kind() == YamlDocument::Kind::Scalar)
                scenario = value.text() == "Scenario";
            key = value.isValid() ? value.nextSibling() : YamlRef();
        }
    });
    return scenario;
}

} // namespace podlab::lesson
