#include "kubectlcommand.h"

#include "createconfig.h"
#include "describe.h"
#include "gettables.h"
#include "humanduration.h"
#include "decodeerror.h"
#include "jsonpath.h"
#include "objectedits.h"
#include "tabwriter.h"
#include "workloadcommands.h"
#include "patch.h"
#include "strategicmerge.h"
#include "table.h"

#include "manifest/defaults.h"
#include "manifest/manifestreader.h"
#include "manifest/manifestwriter.h"
#include "manifest/validation.h"
#include "manifest/writer.h"
#include "sim/core/selectors.h"
#include "sim/core/text.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

namespace podlab::sim::kubectl {

namespace {

constexpr const char* kLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

// --- the command line ------------------------------------------------------------------------------------

// kubectl's flags that take a value, by long name, and their short forms.
const std::map<std::string, std::string> kValueFlags = {
    {"namespace", "n"}, {"output", "o"}, {"selector", "l"}, {"filename", "f"}, {"container", "c"},
    {"grace-period", ""}, {"field-selector", ""}, {"tail", ""}, {"timeout", ""}, {"since", ""},
    {"from-literal", ""}, {"from-file", ""}, {"from-env-file", ""}, {"type", ""}, {"patch", ""},
    {"replicas", ""}, {"to-revision", ""}, {"revision", ""},
};
const std::map<std::string, std::string> kBoolFlags = {
    {"all-namespaces", "A"}, {"show-labels", ""}, {"no-headers", ""}, {"force", ""},  {"now", ""},
    {"previous", "p"},       {"stdin", "i"},      {"tty", "t"},         {"timestamps", ""}, {"all", ""},
    {"ignore-not-found", ""}, {"recursive", "R"}, {"wait", ""},          {"quiet", "q"},
    {"overwrite", ""}, {"watch", ""},
    // --cascade too: alone it is "background" (NoOptDefVal); true and false are the old boolean spellings.
    {"cascade", ""},
    // --dry-run takes a value only after '=' (cobra's NoOptDefVal): alone it is the old boolean form.
    {"dry-run", ""},
};

struct Args {
    std::vector<std::string> positional;
    std::map<std::string, std::vector<std::string>> flags; // long name -> values ("" for booleans)
    std::vector<std::string> command;                      // after "--"
    bool dashDash = false;
    std::string error;

    bool has(const std::string& name) const { return flags.contains(name); }
    std::string value(const std::string& name, const std::string& fallback = {}) const
    {
        const auto it = flags.find(name);
        return it == flags.end() || it->second.empty() ? fallback : it->second.back();
    }
    const std::vector<std::string>& values(const std::string& name) const
    {
        static const std::vector<std::string> none;
        const auto it = flags.find(name);
        return it == flags.end() ? none : it->second;
    }
};

// Shorthands a command gives its own flags, ahead of the shared ones: cobra's flags are per command, so patch's
// -p is --patch where logs' -p is --previous.
const std::map<std::string, std::map<std::string, std::string>> kCommandShorthands = {
    {"patch", {{"p", "patch"}}},
    {"rollout", {{"w", "watch"}}},
};

std::string longNameOf(const std::string& shortName, const std::string& verb)
{
    if (const auto own = kCommandShorthands.find(verb); own != kCommandShorthands.end())
        if (const auto it = own->second.find(shortName); it != own->second.end())
            return it->second;
    for (const auto* table : {&kValueFlags, &kBoolFlags})
        for (const auto& [name, s] : *table)
            if (!s.empty() && s == shortName)
                return name;
    return {};
}

Args parse(const std::vector<std::string>& argv)
{
    Args a;
    for (size_t i = 0; i < argv.size(); ++i) {
        const std::string& arg = argv[i];
        if (arg == "--") {
            a.dashDash = true;
            a.command.assign(argv.begin() + std::ptrdiff_t(i) + 1, argv.end());
            break;
        }
        if (arg.size() > 2 && arg.starts_with("--")) {
            std::string name = arg.substr(2);
            std::string value;
            bool hasValue = false;
            if (const size_t eq = name.find('='); eq != std::string::npos) {
                value = name.substr(eq + 1);
                name.resize(eq);
                hasValue = true;
            }
            if (kValueFlags.contains(name)) {
                if (!hasValue) {
                    if (i + 1 >= argv.size()) {
                        a.error = "error: flag needs an argument: --" + name;
                        return a;
                    }
                    value = argv[++i];
                }
                a.flags[name].push_back(value);
            } else if (kBoolFlags.contains(name)) {
                a.flags[name].push_back(hasValue ? value : "true");
            } else {
                a.error = "error: unknown flag: --" + name;
                return a;
            }
            continue;
        }
        if (arg.size() > 1 && arg[0] == '-' && arg[1] != '-') {
            // -o yaml, -oyaml, -n ns, -it, -A
            for (size_t k = 1; k < arg.size(); ++k) {
                const std::string s(1, arg[k]);
                const std::string name = longNameOf(s, argv.front());
                if (name.empty()) {
                    a.error = "error: unknown shorthand flag: '" + s + "' in " + arg;
                    return a;
                }
                if (kValueFlags.contains(name)) {
                    std::string value = arg.substr(k + 1);
                    if (value.starts_with("="))
                        value.erase(0, 1);
                    if (value.empty()) {
                        if (i + 1 >= argv.size()) {
                            a.error = "error: flag needs an argument: '" + s + "' in -" + s;
                            return a;
                        }
                        value = argv[++i];
                    }
                    a.flags[name].push_back(value);
                    break;
                }
                a.flags[name].push_back("true");
            }
            continue;
        }
        a.positional.push_back(arg);
    }
    return a;
}

// --- resource types --------------------------------------------------------------------------------------

struct ResourceType {
    Kind kind;
    std::string plural; // as kubectl names it in messages ("pods", "deployments.apps")
};

std::optional<ResourceType> resourceType(std::string name)
{
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return char(std::tolower(c)); });
    static const std::vector<std::pair<std::vector<std::string>, ResourceType>> types = {
        {{"pods", "pod", "po"}, {Kind::Pod, "pods"}},
        {{"nodes", "node", "no"}, {Kind::Node, "nodes"}},
        {{"events", "event", "ev"}, {Kind::Event, "events"}},
        {{"configmaps", "configmap", "cm"}, {Kind::ConfigMap, "configmaps"}},
        {{"secrets", "secret"}, {Kind::Secret, "secrets"}},
        {{"serviceaccounts", "serviceaccount", "sa"}, {Kind::ServiceAccount, "serviceaccounts"}},
        {{"namespaces", "namespace", "ns"}, {Kind::Namespace, "namespaces"}},
        {{"deployments", "deployment", "deploy", "deployments.apps", "deployment.apps"}, {Kind::Deployment, "deployments.apps"}},
        {{"replicasets", "replicaset", "rs", "replicasets.apps", "replicaset.apps"}, {Kind::ReplicaSet, "replicasets.apps"}},
        {{"services", "service", "svc"}, {Kind::Service, "services"}},
        {{"endpoints", "ep"}, {Kind::Endpoints, "endpoints"}},
        {{"leases", "lease", "leases.coordination.k8s.io"}, {Kind::Lease, "leases.coordination.k8s.io"}},
        {{"podpresets", "podpreset"}, {Kind::PodPreset, "podpresets.settings.k8s.io"}},
    };
    for (const auto& [names, type] : types)
        if (std::find(names.begin(), names.end(), name) != names.end())
            return type;
    return std::nullopt;
}

// "pods" as kubectl says it in singular messages: `pod "web" deleted`.
std::string singular(Kind kind) { return lower(std::string(kindName(kind))); }

// "deployment.apps/web": the -o name form and apply's "created" lines.
std::string typedName(Kind kind, const std::string& name)
{
    std::string group;
    if (kind == Kind::Deployment || kind == Kind::ReplicaSet)
        group = ".apps";
    else if (kind == Kind::Lease)
        group = ".coordination.k8s.io";
    else if (kind == Kind::PodPreset)
        group = ".settings.k8s.io";
    return singular(kind) + group + "/" + name;
}

// "deployment.apps": the lowercase kind and group of kubectl delete's message.
std::string typedGroupKind(Kind kind)
{
    const std::string withName = typedName(kind, "");
    return withName.substr(0, withName.size() - 1);
}

// --- reading objects ---------------------------------------------------------------------------------------

template <class T>
std::vector<Ptr<T>> listOf(const Store& store, const std::string& namespace_, bool allNamespaces)
{
    std::vector<Ptr<T>> out;
    if (!allNamespaces && isNamespaced(kindOf<T>()))
        return store.list<T>(namespace_);
    for (const auto& [key, object] : store.all<T>())
        out.push_back(object);
    return out;
}

bool matchesFieldSelector(const api::Pod& pod, const std::string& selector)
{
    // spec.nodeName=node-1,status.phase!=Running (what `kubectl get pods --field-selector` supports for pods)
    size_t start = 0;
    while (start <= selector.size()) {
        const size_t comma = selector.find(',', start);
        const std::string term = selector.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        const bool negated = term.find("!=") != std::string::npos;
        const size_t op = negated ? term.find("!=") : term.find('=');
        if (op != std::string::npos) {
            const std::string field = term.substr(0, op);
            std::string value = term.substr(op + (negated ? 2 : 1));
            if (!value.empty() && value[0] == '=')
                value.erase(0, 1);
            std::string actual;
            if (field == "spec.nodeName")
                actual = pod.spec.nodeName;
            else if (field == "status.phase")
                actual = pod.status.phase;
            else if (field == "metadata.name")
                actual = pod.metadata.name;
            else if (field == "metadata.namespace")
                actual = pod.metadata.namespace_;
            else if (field == "spec.restartPolicy")
                actual = pod.spec.restartPolicy;
            if ((actual == value) == negated)
                return false;
        }
        if (comma == std::string::npos)
            break;
        start = comma + 1;
    }
    return true;
}

std::vector<api::Event> eventsFor(const Store& store, const std::string& uid)
{
    std::vector<api::Event> out;
    for (uint64_t id : store.events().idsFor(uid))
        out.push_back(store.events().toApi(id));
    return out;
}

class Runner {
public:
    Runner(Cluster& cluster, const Session& session, const Args& args, CommandOutput& out)
        : m_cluster(cluster), m_session(session), m_args(args), m_out(out)
    {
        m_namespace = args.value("namespace", session.namespace_);
        m_allNamespaces = args.has("all-namespaces");
    }

    void run(const std::string& verb)
    {
        if (verb == "get")
            get();
        else if (verb == "describe")
            describe();
        else if (verb == "apply")
            applyOrCreate(true);
        else if (verb == "create")
            create();
        else if (verb == "label")
            editMap(MapKind::Labels);
        else if (verb == "annotate")
            editMap(MapKind::Annotations);
        else if (verb == "patch")
            patch();
        else if (verb == "edit")
            edit();
        else if (verb == "taint")
            taint();
        else if (verb == "cordon" || verb == "uncordon")
            cordon(verb == "cordon");
        else if (verb == "top")
            top();
        else if (verb == "delete")
            remove();
        else if (verb == "logs")
            logs();
        else if (verb == "exec")
            exec();
        else if (verb == "version")
            version();
        else if (verb == "scale" || verb == "rollout" || verb == "set")
            workload(verb);
        else
            fail("error: unknown command \"" + verb + "\" for \"kubectl\"\nRun 'kubectl --help' for usage.");
    }

private:
    void fail(const std::string& message, int code = 1)
    {
        m_out.err += message + "\n";
        m_out.exitCode = code;
    }

    api::Time now() const { return m_cluster.wallTime(); }

    // scale, rollout and set (workloadcommands.cpp).
    void workload(const std::string& verb)
    {
        WorkloadFlags flags;
        auto flag = [&](const char* name) -> std::optional<std::string> {
            if (!m_args.has(name))
                return std::nullopt;
            return m_args.value(name);
        };
        flags.replicas = flag("replicas");
        flags.toRevision = flag("to-revision");
        flags.revision = flag("revision");
        flags.watch = flag("watch");
        const std::vector<std::string> rest(m_args.positional.begin() + 1, m_args.positional.end());
        CommandOutput r = verb == "scale"     ? scaleCommand(m_cluster, m_namespace, rest, flags)
                          : verb == "rollout" ? rolloutCommand(m_cluster, m_namespace, rest, flags)
                                              : setCommand(m_cluster, m_namespace, rest);
        m_out.out += r.out;
        m_out.err += r.err;
        if (r.exitCode != 0)
            m_out.exitCode = r.exitCode;
    }
    const Store& store() const { return m_cluster.store(); }

    // --- get -----------------------------------------------------------------------------------------------

    // kind, then names: "get pods", "get pod web", "get pod/web", "get pods,nodes".
    bool resolveTargets(std::vector<std::pair<ResourceType, std::vector<std::string>>>& targets)
    {
        const auto& pos = m_args.positional;
        if (pos.size() < 2) {
            fail("error: you must specify the type of resource to get. Use \"kubectl api-resources\" for a complete "
                 "list of supported resources.");
            return false;
        }
        if (pos[1].find('/') != std::string::npos) {
            for (size_t i = 1; i < pos.size(); ++i) {
                const size_t slash = pos[i].find('/');
                if (slash == std::string::npos) {
                    fail("error: there is no need to specify a resource type as a separate argument when passing "
                         "arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of "
                         "'kubectl get resource resource/<resource_name>'");
                    return false;
                }
                const auto type = resourceType(pos[i].substr(0, slash));
                if (!type) {
                    fail("error: the server doesn't have a resource type \"" + pos[i].substr(0, slash) + "\"");
                    return false;
                }
                targets.push_back({*type, {pos[i].substr(slash + 1)}});
            }
            return true;
        }
        size_t start = 0;
        const std::string& kinds = pos[1];
        while (start <= kinds.size()) {
            const size_t comma = kinds.find(',', start);
            const std::string name = kinds.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const auto type = resourceType(name);
            if (!type) {
                fail("error: the server doesn't have a resource type \"" + name + "\"");
                return false;
            }
            targets.push_back({*type, {}});
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        for (size_t i = 2; i < pos.size(); ++i)
            for (auto& target : targets)
                target.second.push_back(pos[i]);
        return true;
    }

    // Every object of the type the flags select, in the order the API server lists them.
    std::vector<api::Object> select(Kind kind, const std::vector<std::string>& names, bool& failed)
    {
        std::vector<api::Object> out;
        const std::string selectorText = m_args.value("selector");
        const ParsedSelector selector = parseLabelSelector(selectorText);
        if (!selector.error.empty()) {
            fail("error: " + selector.error);
            failed = true;
            return out;
        }
        const std::string fieldSelector = m_args.value("field-selector");
        auto keep = [&](const api::Object& o) {
            const api::ObjectMeta& meta = api::metadataOf(o);
            if (!selectorText.empty() && !matches(selector.selector, meta.labels))
                return false;
            if (!fieldSelector.empty()) {
                if (const auto* pod = std::get_if<api::Pod>(&o))
                    return matchesFieldSelector(*pod, fieldSelector);
            }
            return true;
        };
        auto collect = [&]<class T>(std::type_identity<T>) {
            if (!names.empty()) {
                for (const std::string& name : names) {
                    const std::string ns = isNamespaced(kindOf<T>()) ? m_namespace : std::string();
                    if (const auto p = store().template get<T>(ns, name))
                        out.push_back(*p);
                    else if (!m_args.has("ignore-not-found")) {
                        fail("Error from server (NotFound): " + ApiServer::notFoundMessage(kindOf<T>(), name));
                        failed = true;
                    }
                }
                return;
            }
            for (const auto& p : listOf<T>(store(), m_namespace, m_allNamespaces))
                if (api::Object o = *p; keep(o))
                    out.push_back(std::move(o));
        };
        switch (kind) {
        case Kind::Pod: collect(std::type_identity<api::Pod>()); break;
        case Kind::Node: collect(std::type_identity<api::Node>()); break;
        case Kind::ConfigMap: collect(std::type_identity<api::ConfigMap>()); break;
        case Kind::Secret: collect(std::type_identity<api::Secret>()); break;
        case Kind::ServiceAccount: collect(std::type_identity<api::ServiceAccount>()); break;
        case Kind::Namespace: collect(std::type_identity<api::Namespace>()); break;
        case Kind::Deployment: collect(std::type_identity<api::Deployment>()); break;
        case Kind::ReplicaSet: collect(std::type_identity<api::ReplicaSet>()); break;
        case Kind::Service: collect(std::type_identity<api::Service>()); break;
        case Kind::Endpoints: collect(std::type_identity<api::Endpoints>()); break;
        case Kind::Lease: collect(std::type_identity<api::Lease>()); break;
        case Kind::PodPreset: collect(std::type_identity<api::PodPreset>()); break;
        case Kind::Event: {
            std::vector<api::Event> events;
            for (uint64_t id : store().events().ids()) {
                api::Event e = store().events().toApi(id);
                if (!m_allNamespaces && e.metadata.namespace_ != m_namespace)
                    continue;
                if (!names.empty() && std::find(names.begin(), names.end(), e.metadata.name) == names.end())
                    continue;
                events.push_back(std::move(e));
            }
            std::stable_sort(events.begin(), events.end(), [](const api::Event& a, const api::Event& b) {
                return std::tie(a.metadata.namespace_, a.metadata.name) < std::tie(b.metadata.namespace_, b.metadata.name);
            });
            for (api::Event& e : events)
                out.push_back(std::move(e));
            break;
        }
        }
        return out;
    }

    template <class T>
    static std::vector<T> typed(const std::vector<api::Object>& objects)
    {
        std::vector<T> out;
        for (const api::Object& o : objects)
            out.push_back(std::get<T>(o));
        return out;
    }

    std::optional<Table> tableOf(Kind kind, const std::vector<api::Object>& objects)
    {
        const api::Time t = now();
        switch (kind) {
        case Kind::Pod: return podTable(typed<api::Pod>(objects), t);
        case Kind::Node: return nodeTable(typed<api::Node>(objects), t);
        case Kind::Event: return eventTable(typed<api::Event>(objects), t);
        case Kind::ConfigMap: return configMapTable(typed<api::ConfigMap>(objects), t);
        case Kind::Secret: return secretTable(typed<api::Secret>(objects), t);
        case Kind::ServiceAccount: return serviceAccountTable(typed<api::ServiceAccount>(objects), t);
        case Kind::Namespace: return namespaceTable(typed<api::Namespace>(objects), t);
        case Kind::Deployment: return deploymentTable(typed<api::Deployment>(objects), t);
        case Kind::ReplicaSet: return replicaSetTable(typed<api::ReplicaSet>(objects), t);
        case Kind::Service: return serviceTable(typed<api::Service>(objects), t);
        case Kind::Endpoints: return endpointsTable(typed<api::Endpoints>(objects), t);
        case Kind::Lease: {
            Table table;
            table.columns = {{"Name", 0}, {"Holder", 0}, {"Age", 0}};
            for (const api::Lease& l : typed<api::Lease>(objects))
                table.rows.push_back({{l.metadata.name, l.spec.holderIdentity.value_or(""),
                                       ageSince(l.metadata.creationTimestamp, t)},
                                      l.metadata.namespace_,
                                      l.metadata.labels});
            return table;
        }
        case Kind::PodPreset: {
            Table table;
            table.columns = {{"Name", 0}, {"Age", 0}};
            for (const api::PodPreset& p : typed<api::PodPreset>(objects))
                table.rows.push_back({{p.metadata.name, ageSince(p.metadata.creationTimestamp, t)},
                                      p.metadata.namespace_,
                                      p.metadata.labels});
            return table;
        }
        }
        return std::nullopt;
    }

    void get()
    {
        std::vector<std::pair<ResourceType, std::vector<std::string>>> targets;
        if (!resolveTargets(targets))
            return;
        const std::string output = m_args.value("output");
        if (output.starts_with("jsonpath=") || output.starts_with("custom-columns=")) {
            templated(targets, output);
            return;
        }
        if (!output.empty() && output != "wide" && output != "yaml" && output != "json" && output != "name") {
            fail("error: unable to match a printer suitable for the output format \"" + output +
                 "\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,"
                 "jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml");
            return;
        }
        std::vector<api::Object> all;
        bool anyNamed = false;
        bool printedTable = false;
        for (const auto& [type, names] : targets) {
            bool failed = false;
            std::vector<api::Object> objects = select(type.kind, names, failed);
            anyNamed = anyNamed || !names.empty();
            if (output == "yaml" || output == "json") {
                all.insert(all.end(), objects.begin(), objects.end());
                continue;
            }
            if (output == "name") {
                for (const api::Object& o : objects)
                    m_out.out += typedName(type.kind, api::metadataOf(o).name) + "\n";
                continue;
            }
            if (objects.empty())
                continue;
            const std::optional<Table> table = tableOf(type.kind, objects);
            if (!table)
                continue;
            PrintOptions options;
            options.width = output == "wide" ? OutputWidth::Wide : OutputWidth::Normal;
            options.noHeaders = m_args.has("no-headers");
            options.showLabels = m_args.has("show-labels");
            options.withNamespace = m_allNamespaces;
            const bool severalKinds = std::any_of(targets.begin(), targets.end(),
                                                  [&](const auto& t) { return t.first.kind != targets.front().first.kind; });
            if (severalKinds)
                options.kindPrefix = typedName(type.kind, "");
            if (printedTable && targets.size() > 1)
                m_out.out += "\n";
            m_out.out += printTable(*table, options);
            printedTable = true;
        }
        if (output == "yaml" || output == "json") {
            const manifest::OutputFormat format =
                output == "yaml" ? manifest::OutputFormat::Yaml : manifest::OutputFormat::Json;
            if (all.size() == 1 && anyNamed && targets.size() == 1 && targets[0].second.size() == 1)
                m_out.out += manifest::writeObject(all[0], format);
            else if (!all.empty() || m_out.exitCode == 0)
                m_out.out += manifest::writeList(all, format);
            return;
        }
        if (!printedTable && m_out.exitCode == 0 && output != "name" && !anyNamed)
            m_out.err += noResourcesMessage(
                             m_allNamespaces || !isNamespaced(targets.front().first.kind) ? ListScope::Cluster
                                                                                          : ListScope::Namespace,
                             m_namespace) +
                         "\n";
    }

    // -o jsonpath=TEMPLATE and -o custom-columns=HEADER:PATH,…: one named object is given to the template as
    // itself, anything else as a List of the objects.
    void templated(const std::vector<std::pair<ResourceType, std::vector<std::string>>>& targets, const std::string& output)
    {
        std::vector<api::Object> all;
        bool named = false;
        for (const auto& [type, names] : targets) {
            bool failed = false;
            std::vector<api::Object> objects = select(type.kind, names, failed);
            all.insert(all.end(), objects.begin(), objects.end());
            named = named || !names.empty();
        }
        std::vector<api::Value> values;
        for (const api::Object& o : all)
            values.push_back(manifest::encodeObject(o));
        if (output.starts_with("jsonpath=")) {
            const std::string text = output.substr(9);
            std::string error;
            const auto path = JsonPath::parse(text, &error);
            if (!path) {
                fail("error: error parsing jsonpath " + text + ", " + error);
                return;
            }
            api::Value data;
            if (named && values.size() == 1 && targets.size() == 1 && targets[0].second.size() == 1) {
                data = values[0];
            } else {
                data = api::Value(api::Value::Object{});
                data.insert("apiVersion", api::Value("v1"));
                data.insert("items", api::Value(values));
                data.insert("kind", api::Value("List"));
                api::Value meta(api::Value::Object{});
                meta.insert("resourceVersion", api::Value(""));
                data.insert("metadata", meta);
            }
            if (m_out.exitCode == 0 || !values.empty())
                m_out.out += path->execute(data);
            return;
        }
        // custom-columns: each "HEADER:.path" column, "<none>" where the path finds nothing.
        const std::string spec = output.substr(15);
        std::vector<std::pair<std::string, JsonPath>> columns;
        size_t start = 0;
        while (start <= spec.size()) {
            const size_t comma = spec.find(',', start);
            const std::string column = spec.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
            const size_t colon = column.find(':');
            if (colon == std::string::npos) {
                fail("error: unexpected custom-columns spec: " + column + ", expected <header>:<json-path-expr>");
                return;
            }
            std::string expr = column.substr(colon + 1);
            if (!expr.starts_with("{"))
                expr = "{" + expr + "}";
            std::string error;
            auto path = JsonPath::parse(expr, &error);
            if (!path) {
                fail("error: error parsing jsonpath " + expr + ", " + error);
                return;
            }
            columns.emplace_back(column.substr(0, colon), std::move(*path));
            if (comma == std::string::npos)
                break;
            start = comma + 1;
        }
        std::string text;
        if (!m_args.has("no-headers")) {
            for (size_t i = 0; i < columns.size(); ++i)
                text += (i ? "\t" : "") + columns[i].first;
            text += "\n";
        }
        for (const api::Value& v : values) {
            for (size_t i = 0; i < columns.size(); ++i) {
                const std::vector<api::Value> found = columns[i].second.findResults(v);
                std::string cell;
                for (const api::Value& f : found)
                    cell += (cell.empty() ? "" : ",") + goValueText(f);
                text += (i ? "\t" : "") + (found.empty() ? std::string("<none>") : cell);
            }
            text += "\n";
        }
        if (values.empty() && m_out.exitCode == 0) {
            m_out.err += noResourcesMessage(m_allNamespaces || !isNamespaced(targets.front().first.kind) ? ListScope::Cluster
                                                                                                          : ListScope::Namespace,
                                            m_namespace) + "\n";
            return;
        }
        m_out.out += tabAlign(text, kGetTabWriter);
    }

    // --- create, label, annotate, taint, cordon ------------------------------------------------------------

    void create()
    {
        const auto& pos = m_args.positional;
        if (pos.size() >= 2 && (pos[1] == "namespace" || pos[1] == "ns")) {
            if (pos.size() != 3) {
                fail("error: exactly one NAME is required, got " + std::to_string(pos.size() - 2) +
                     "\nSee 'kubectl create namespace -h' for help and examples");
                return;
            }
            api::Namespace ns;
            ns.metadata.name = pos[2];
            api::Object object = ns;
            if (!admitObject(object))
                return;
            const ApiResult r = m_cluster.create(object);
            if (!r.ok()) {
                fail("Error from server (" + r.error->reason + "): " + r.error->message);
                return;
            }
            m_out.out += "namespace/" + pos[2] + " created\n";
            return;
        }
        if (pos.size() >= 2 && (pos[1] == "configmap" || pos[1] == "cm")) {
            createConfigObject(ConfigKind::ConfigMap, 2);
            return;
        }
        if (pos.size() >= 2 && pos[1] == "secret") {
            if (pos.size() >= 3 && pos[2] == "generic")
                createConfigObject(ConfigKind::Secret, 3);
            else
                secretSubcommandMissing({pos.begin() + 2, pos.end()}, m_out);
            return;
        }
        applyOrCreate(false);
    }

    // create configmap NAME / create secret generic NAME, whose arguments start at `firstName`.
    void createConfigObject(ConfigKind kind, size_t firstName)
    {
        const auto& pos = m_args.positional;
        CreateConfigCommand command;
        command.kind = kind;
        command.names.assign(pos.begin() + std::ptrdiff_t(firstName), pos.end());
        command.sources = {m_args.values("from-literal"), sliceFlagValues(m_args.values("from-file")),
                           sliceFlagValues(m_args.values("from-env-file"))};
        command.secretType = m_args.value("type");
        command.dryRun = m_args.values("dry-run");
        command.output = m_args.value("output");
        command.namespace_ = m_namespace;
        command.namespaceFlag = m_args.has("namespace");
        command.directory = m_session.directory;
        createConfig(m_cluster, command, m_out);
    }

    // "label pods web a=b", "label pod/web a=b c-", "label nodes -l x=y a=b": the objects, then the edits.
    bool splitTargetsAndSpecs(std::vector<std::pair<Kind, std::string>>& objects, std::vector<std::string>& specs,
                              const char* what)
    {
        const auto& pos = m_args.positional;
        std::vector<std::string> resources;
        for (size_t i = 1; i < pos.size(); ++i) {
            const bool spec = pos[i].find('=') != std::string::npos || (pos[i].ends_with("-") && resources.size() >= 1);
            (spec ? specs : resources).push_back(pos[i]);
        }
        if (resources.empty()) {
            fail(std::string("error: You must provide one or more resources by argument or filename.\nExample "
                             "resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   "
                             "'<resource> <name>'\n   '<resource>'"));
            return false;
        }
        if (specs.empty()) {
            fail(std::string("error: at least one ") + what + " update is required");
            return false;
        }
        std::vector<std::pair<ResourceType, std::vector<std::string>>> targets;
        if (resources[0].find('/') != std::string::npos) {
            for (const std::string& r : resources) {
                const size_t slash = r.find('/');
                const auto type = resourceType(r.substr(0, slash));
                if (!type) {
                    fail("error: the server doesn't have a resource type \"" + r.substr(0, slash) + "\"");
                    return false;
                }
                targets.push_back({*type, {r.substr(slash + 1)}});
            }
        } else {
            const auto type = resourceType(resources[0]);
            if (!type) {
                fail("error: the server doesn't have a resource type \"" + resources[0] + "\"");
                return false;
            }
            targets.push_back({*type, {resources.begin() + 1, resources.end()}});
            if (targets[0].second.empty() && !m_args.has("all") && !m_args.has("selector")) {
                fail("error: resource(s) were provided, but no name was specified");
                return false;
            }
        }
        for (const auto& [type, names] : targets) {
            bool failed = false;
            for (const api::Object& o : select(type.kind, names, failed))
                objects.push_back({type.kind, api::metadataOf(o).name});
            if (failed)
                return false;
        }
        return true;
    }

    ApiResult updateObject(api::Object object)
    {
        const ApiResult r = m_cluster.update(std::move(object));
        if (!r.ok()) {
            if (r.error->reason == "Invalid")
                failInvalid(*r.error);
            else
                fail("Error from server (" + r.error->reason + "): " + r.error->message);
        }
        return r;
    }

    // TYPE NAME or TYPE/NAME after the verb, for the commands that change one object.
    bool oneTarget(std::string& typeName, std::string& name)
    {
        const auto& pos = m_args.positional;
        if (pos.size() == 2 && pos[1].find('/') != std::string::npos) {
            typeName = pos[1].substr(0, pos[1].find('/'));
            name = pos[1].substr(pos[1].find('/') + 1);
            return true;
        }
        if (pos.size() == 3) {
            typeName = pos[1];
            name = pos[2];
            return true;
        }
        fail("error: You must provide one or more resources by argument or filename.\nExample resource "
             "specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   "
             "'<resource>'");
        return false;
    }

    // The object TYPE NAME names, with its type; missing, kubectl's or the API server's error.
    std::optional<std::pair<ResourceType, api::Object>> namedObject(const std::string& typeName, const std::string& name)
    {
        const auto type = resourceType(typeName);
        if (!type) {
            fail("error: the server doesn't have a resource type \"" + typeName + "\"");
            return std::nullopt;
        }
        auto live = existingObject(type->kind, m_namespace, name);
        if (!live)
            return std::nullopt;
        return std::pair{*type, std::move(*live)};
    }

    // kubectl edit TYPE NAME: the object as YAML in the session's editor; what is saved goes to the server. A
    // save the server refuses (or that does not parse) reopens the file with the reasons on top; saving it
    // again unchanged gives up and says where kubectl kept the copy.
    void edit()
    {
        std::string typeName, name;
        if (!oneTarget(typeName, name))
            return;
        const auto target = namedObject(typeName, name);
        if (!target)
            return;
        const ResourceType* type = &target->first;
        const api::Object* live = &target->second;
        const std::string original = manifest::writeObject(*live, manifest::OutputFormat::Yaml);
        std::string file = editFile(original);
        std::optional<std::string> failedSave; // what was saved last, when it failed
        constexpr int kPatience = 20;          // a person gives up at last
        for (int round = 0; round < kPatience; ++round) {
            const std::optional<std::string> saved = m_session.editor ? m_session.editor(file) : std::nullopt;
            const std::string edited = stripComments(saved ? *saved : file);
            if (failedSave && edited == *failedSave) {
                giveUp(edited, "error: Edit cancelled, no valid changes were saved.");
                return;
            }
            if (edited == stripComments(original)) { // also a failed save put back as it was
                m_out.err += "Edit cancelled, no changes made.\n";
                return;
            }
            if (!hasLines(edited)) {
                m_out.err += "Edit cancelled, saved file was empty.\n";
                return;
            }
            std::vector<std::string> reasons;
            manifest::ReadOptions options;
            options.applyDefaults = false;
            options.validate = false;
            const manifest::ReadResult decoded = manifest::readManifests(edited, "edited-file", options);
            if (decoded.objects.size() != 1 || !decoded.ok()) {
                const std::string why = decoded.diagnostics.empty() ? std::string("expected one object")
                                                                    : decoded.diagnostics.front().message;
                reasons.push_back("The edited file had a syntax error: " + why);
            } else {
                const api::Object& object = decoded.objects.front().object;
                const api::ObjectMeta& meta = api::metadataOf(object);
                if (std::string_view(api::kindOf(object)) != kindName(type->kind) || meta.name != name ||
                    (!meta.namespace_.empty() && meta.namespace_ != api::metadataOf(*live).namespace_)) {
                    giveUp(edited, "error: At least one of apiVersion, kind and name was changed");
                    return;
                }
                const ApiResult r = m_cluster.update(object);
                if (r.ok()) {
                    m_out.out += typedName(type->kind, name) + " edited\n";
                    return;
                }
                m_out.out += "error: " + type->plural + " \"" + name + "\" is invalid\n";
                std::string reason = type->plural + " \"" + name + "\" was not valid:";
                if (r.error->causes.empty())
                    reason += "\n* " + r.error->message;
                for (const ApiError::Cause& c : r.error->causes)
                    reason += "\n* " + c.field + ": " + c.message;
                reasons.push_back(reason);
            }
            failedSave = edited;
            file = editFile(edited, reasons);
        }
        giveUp(*failedSave, "error: Edit cancelled, no valid changes were saved.");
    }

    void giveUp(const std::string& edited, const std::string& error)
    {
        m_out.err += "A copy of your changes has been stored to \"" + preservedFilePath(edited) + "\"\n";
        fail(error);
    }

    // kubectl patch TYPE NAME (or TYPE/NAME) -p PATCH [--type strategic|merge|json]: the API server applies
    // the patch to the live object, validates and stores it.
    void patch()
    {
        std::string typeName, name;
        if (!oneTarget(typeName, name))
            return;
        const std::string text = m_args.value("patch");
        if (text.empty()) {
            fail("error: must specify --patch or --patch-file containing the contents of the patch");
            return;
        }
        const std::string typeFlag = m_args.value("type", "strategic");
        if (typeFlag != "strategic" && typeFlag != "merge" && typeFlag != "json") {
            fail("error: --type must be one of [json merge strategic], not \"" + typeFlag + "\"");
            return;
        }
        const auto target = namedObject(typeName, name);
        if (!target)
            return;
        const ResourceType* type = &target->first;
        const api::Object* live = &target->second;
        const Outcome<api::Value> parsed = readPatch(text);
        if (!parsed.ok()) {
            fail("error: " + parsed.error);
            return;
        }
        const api::Value current = manifest::encodeObject(*live);
        api::Value patched;
        if (typeFlag == "json") {
            const Outcome<api::Value> r = jsonPatch(current, parsed.value);
            if (!r.ok()) {
                fail("The request is invalid: " + r.error);
                return;
            }
            patched = r.value;
        } else {
            patched = typeFlag == "merge" ? mergePatch(current, parsed.value)
                                          : strategicMergePatch(kindName(type->kind), current, parsed.value);
        }
        if (patched == current) {
            m_out.out += typedName(type->kind, name) + " patched (no change)\n";
            return;
        }
        manifest::ReadOptions options;
        options.applyDefaults = false;
        options.validate = false;
        const manifest::ReadResult decoded = manifest::readManifests(manifest::toJson(patched), "patch", options);
        if (decoded.objects.empty()) {
            fail("Error from server (BadRequest): " +
                 (decoded.diagnostics.empty() ? std::string("cannot decode the patched object")
                                              : decoded.diagnostics.front().message));
            return;
        }
        if (!updateObject(decoded.objects.front().object).ok())
            return;
        m_out.out += typedName(type->kind, name) + " patched\n";
    }

    void editMap(MapKind kind)
    {
        const char* noun = kind == MapKind::Labels ? "label" : "annotation";
        std::vector<std::pair<Kind, std::string>> objects;
        std::vector<std::string> specs;
        if (!splitTargetsAndSpecs(objects, specs, noun))
            return;
        std::string error;
        const auto edits = parseMapEdits(specs, kind, &error);
        if (!edits) {
            fail("error: " + error);
            return;
        }
        const Overwrite overwrite = m_args.has("overwrite") ? Overwrite::Yes : Overwrite::No;
        for (const auto& [k, name] : objects) {
            auto live = existingObject(k, m_namespace, name);
            if (!live)
                continue;
            api::ObjectMeta& meta = api::metadataOf(*live);
            api::StringMap& map = kind == MapKind::Labels ? meta.labels : meta.annotations;
            if (kind == MapKind::Labels)
                for (const std::string& key : edits->remove)
                    if (!map.contains(key))
                        m_out.out += "label \"" + key + "\" not found.\n";
            const auto updated = applyMapEdits(map, *edits, kind, overwrite, &error);
            if (!updated) {
                fail("error: " + error);
                continue;
            }
            // label says "not labeled" when nothing changed and, without --overwrite, "unlabeled" when the
            // object only lost labels; annotate always says "annotated".
            std::string operation = "annotated";
            if (kind == MapKind::Labels) {
                operation = "not labeled";
                if (*updated != map)
                    operation = overwrite == Overwrite::No && updated->size() < map.size() ? "unlabeled" : "labeled";
            }
            map = *updated;
            if (!updateObject(*live).ok())
                continue;
            m_out.out += typedName(k, name) + " " + operation + "\n";
        }
    }

    void taint()
    {
        const auto& pos = m_args.positional;
        if (pos.size() < 2 || (resourceType(pos[1]) && resourceType(pos[1])->kind != Kind::Node) ||
            (pos[1].find('/') != std::string::npos && !pos[1].starts_with("node"))) {
            fail("error: invalid resource type " + (pos.size() < 2 ? std::string() : pos[1]) +
                 ", only node types are supported");
            return;
        }
        std::vector<std::pair<Kind, std::string>> objects;
        std::vector<std::string> specs;
        if (!splitTargetsAndSpecs(objects, specs, "taint"))
            return;
        std::string error;
        const auto edits = parseTaintEdits(specs, &error);
        if (!edits) {
            fail("error: " + error);
            return;
        }
        for (const auto& [k, name] : objects) {
            const auto node = store().get<api::Node>("", name);
            if (!node)
                continue;
            const auto result =
                applyTaintEdits(*node, *edits, m_args.has("overwrite") ? Overwrite::Yes : Overwrite::No, &error);
            if (!result) {
                fail("error: " + error);
                continue;
            }
            api::Node updated = *node;
            updated.spec.taints = result->taints;
            if (updateObject(updated).ok())
                m_out.out += "node/" + name + " " + result->operation + "\n";
        }
    }

    void cordon(bool unschedulable)
    {
        const auto& pos = m_args.positional;
        const std::string verb = unschedulable ? "cordon" : "uncordon";
        if (pos.size() < 2 && !m_args.has("selector")) {
            fail("error: USAGE: " + verb + " NODE [flags]\nSee 'kubectl " + verb + " -h' for help and examples");
            return;
        }
        std::vector<std::string> names(pos.begin() + 1, pos.end());
        for (std::string& n : names)
            if (n.starts_with("node/") || n.starts_with("nodes/"))
                n = n.substr(n.find('/') + 1);
        bool failed = false;
        for (const api::Object& o : select(Kind::Node, names, failed)) {
            api::Node node = std::get<api::Node>(o);
            if (node.spec.unschedulable == unschedulable) {
                m_out.out += "node/" + node.metadata.name + " already " + verb + "ed\n";
                continue;
            }
            node.spec.unschedulable = unschedulable;
            if (updateObject(node).ok())
                m_out.out += "node/" + node.metadata.name + " " + verb + "ed\n";
        }
    }

    // --- top -------------------------------------------------------------------------------------------------

    // What metrics-server would report: each running container's CPU and working set, summed per pod.
    struct Usage {
        int64_t milliCpu = 0;
        int64_t memoryBytes = 0;
    };
    std::optional<Usage> podUsage(const api::Pod& pod) const
    {
        const Kubelet* kubelet = pod.spec.nodeName.empty() ? nullptr : m_cluster.kubelet(pod.spec.nodeName);
        const PodState* state = kubelet ? kubelet->podState(pod.metadata.uid) : nullptr;
        if (!state)
            return std::nullopt;
        Usage usage;
        bool any = false;
        for (const ContainerSlot& slot : state->containerSlots) {
            if (!slot.current || !slot.current->running())
                continue;
            any = true;
            usage.milliCpu += slot.current->cpuMillicores(m_cluster.now());
            usage.memoryBytes += slot.current->memoryBytes(m_cluster.now());
        }
        return any ? std::optional<Usage>(usage) : std::nullopt;
    }

    static std::string cpuText(int64_t milli) { return std::to_string(milli) + "m"; }
    static std::string memoryText(int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + "Mi"; }

    void top()
    {
        const auto& pos = m_args.positional;
        const std::string what = pos.size() >= 2 ? lower(pos[1]) : std::string();
        std::vector<std::string> names(pos.size() > 2 ? pos.begin() + 2 : pos.end(), pos.end());
        bool failed = false;
        if (what == "pod" || what == "pods" || what == "po") {
            std::string text = m_allNamespaces ? "NAMESPACE\tNAME\tCPU(cores)\tMEMORY(bytes)\t\n"
                                               : "NAME\tCPU(cores)\tMEMORY(bytes)\t\n";
            int rows = 0;
            std::vector<api::Object> pods = select(Kind::Pod, names, failed);
            if (failed)
                return;
            std::stable_sort(pods.begin(), pods.end(), [](const api::Object& a, const api::Object& b) {
                return std::tie(api::metadataOf(a).namespace_, api::metadataOf(a).name) <
                       std::tie(api::metadataOf(b).namespace_, api::metadataOf(b).name);
            });
            for (const api::Object& o : pods) {
                const api::Pod& pod = std::get<api::Pod>(o);
                const auto usage = podUsage(pod);
                if (!usage)
                    continue;
                ++rows;
                if (m_allNamespaces)
                    text += pod.metadata.namespace_ + "\t";
                text += pod.metadata.name + "\t" + cpuText(usage->milliCpu) + "\t" + memoryText(usage->memoryBytes) + "\t\n";
            }
            if (rows == 0) {
                if (pods.empty())
                    m_out.err += noResourcesMessage(m_allNamespaces ? ListScope::Cluster : ListScope::Namespace,
                                                    m_namespace) + "\n";
                else
                    fail("error: metrics not available yet");
                return;
            }
            m_out.out += tabAlign(text, kGetTabWriter);
            return;
        }
        if (what == "node" || what == "nodes" || what == "no") {
            std::vector<api::Object> nodes = select(Kind::Node, names, failed);
            if (failed)
                return;
            std::map<std::string, Usage> perNode;
            for (const auto& [key, pod] : store().all<api::Pod>())
                if (const auto usage = podUsage(*pod)) {
                    perNode[pod->spec.nodeName].milliCpu += usage->milliCpu;
                    perNode[pod->spec.nodeName].memoryBytes += usage->memoryBytes;
                }
            std::string text = "NAME\tCPU(cores)\tCPU(%)\tMEMORY(bytes)\tMEMORY(%)\t\n";
            std::string unknown;
            for (const api::Object& o : nodes) {
                const api::Node& node = std::get<api::Node>(o);
                const Kubelet* kubelet = m_cluster.kubelet(node.metadata.name);
                if (!kubelet || !kubelet->reporting()) {
                    // No metrics from this node: listed last, as kubectl does.
                    unknown += node.metadata.name + "\t<unknown>\t<unknown>\t<unknown>\t<unknown>\t\n";
                    continue;
                }
                const Usage usage = perNode[node.metadata.name];
                auto percent = [&](const char* resource, int64_t used, bool milli) {
                    const auto it = node.status.allocatable.find(resource);
                    if (it == node.status.allocatable.end())
                        return std::string("<unknown>");
                    const int64_t available = milli ? it->second.milliValue() : it->second.value();
                    return available > 0 ? std::to_string(used * 100 / available) + "%" : std::string("<unknown>");
                };
                text += node.metadata.name + "\t" + cpuText(usage.milliCpu) + "\t" + percent("cpu", usage.milliCpu, true) +
                        "\t" + memoryText(usage.memoryBytes) + "\t" + percent("memory", usage.memoryBytes, false) + "\t\n";
            }
            m_out.out += tabAlign(text + unknown, kGetTabWriter);
            return;
        }
        fail("error: unknown command \"" + (pos.size() >= 2 ? pos[1] : std::string()) +
             "\" for \"kubectl top\"\nRun 'kubectl top --help' for usage.");
    }

    // --- describe ------------------------------------------------------------------------------------------

    void describe()
    {
        const auto& pos = m_args.positional;
        if (pos.size() < 2) {
            fail("error: You must specify the type of resource to describe. Use \"kubectl api-resources\" for a "
                 "complete list of supported resources.");
            return;
        }
        std::string typeName = pos[1];
        std::vector<std::string> names(pos.begin() + 2, pos.end());
        if (const size_t slash = typeName.find('/'); slash != std::string::npos) {
            names.insert(names.begin(), typeName.substr(slash + 1));
            typeName.resize(slash);
        }
        const auto type = resourceType(typeName);
        if (!type) {
            fail("error: the server doesn't have a resource type \"" + typeName + "\"");
            return;
        }
        bool failed = false;
        std::vector<api::Object> objects;
        if (names.empty()) {
            objects = select(type->kind, {}, failed);
        } else {
            for (const std::string& name : names) {
                std::vector<api::Object> exact = select(type->kind, {name}, failed);
                if (!exact.empty()) {
                    objects.insert(objects.end(), exact.begin(), exact.end());
                    continue;
                }
                // describe falls back to every object whose name starts with what was given.
                m_out.err.clear();
                m_out.exitCode = 0;
                bool ignored = false;
                std::vector<api::Object> prefixed;
                for (api::Object& o : select(type->kind, {}, ignored))
                    if (api::metadataOf(o).name.starts_with(name))
                        prefixed.push_back(std::move(o));
                if (prefixed.empty())
                    fail("Error from server (NotFound): " + ApiServer::notFoundMessage(type->kind, name));
                objects.insert(objects.end(), prefixed.begin(), prefixed.end());
            }
        }
        if (objects.empty() && m_out.exitCode == 0) {
            m_out.err += noResourcesMessage(isNamespaced(type->kind) ? ListScope::Namespace : ListScope::Cluster,
                                            m_namespace) +
                         "\n";
            return;
        }
        bool first = true;
        for (const api::Object& o : objects) {
            if (!first)
                m_out.out += "\n\n";
            first = false;
            m_out.out += describeOne(o);
        }
    }

    std::string describeOne(const api::Object& o)
    {
        const api::Time t = now();
        if (const auto* pod = std::get_if<api::Pod>(&o))
            return describePod(*pod, eventsFor(store(), pod->metadata.uid), t);
        if (const auto* node = std::get_if<api::Node>(&o)) {
            std::vector<api::Pod> pods;
            for (const auto& [key, p] : store().all<api::Pod>())
                pods.push_back(*p);
            std::optional<NodeLease> lease;
            if (const auto l = store().get<api::Lease>("kube-node-lease", node->metadata.name))
                lease = NodeLease{l->spec.holderIdentity.value_or(""),
                                  l->spec.acquireTime ? l->spec.acquireTime->time : api::Time(),
                                  l->spec.renewTime ? l->spec.renewTime->time : api::Time()};
            return describeNode(*node, pods, eventsFor(store(), node->metadata.uid.empty() ? node->metadata.name
                                                                                         : node->metadata.name),
                                lease, t);
        }
        if (const auto* cm = std::get_if<api::ConfigMap>(&o))
            return describeConfigMap(*cm, eventsFor(store(), cm->metadata.uid), t);
        if (const auto* secret = std::get_if<api::Secret>(&o))
            return describeSecret(*secret);
        if (const auto* sa = std::get_if<api::ServiceAccount>(&o))
            return describeServiceAccount(*sa, eventsFor(store(), sa->metadata.uid), t);
        if (const auto* d = std::get_if<api::Deployment>(&o)) {
            std::vector<api::ReplicaSet> sets;
            for (const Ptr<api::ReplicaSet>& rs : store().list<api::ReplicaSet>(d->metadata.namespace_))
                for (const api::OwnerReference& ref : rs->metadata.ownerReferences)
                    if (ref.controller.value_or(false) && ref.uid == d->metadata.uid)
                        sets.push_back(*rs);
            return describeDeployment(*d, sets, eventsFor(store(), d->metadata.uid), t);
        }
        if (const auto* rs = std::get_if<api::ReplicaSet>(&o)) {
            std::vector<api::Pod> pods;
            for (const Ptr<api::Pod>& p : store().list<api::Pod>(rs->metadata.namespace_))
                pods.push_back(*p);
            return describeReplicaSet(*rs, pods, eventsFor(store(), rs->metadata.uid), t);
        }
        // Kinds without a describer of their own yet: their YAML, which says everything describe would.
        return manifest::writeObject(o, manifest::OutputFormat::Yaml);
    }

    // --- apply, create, delete -f -------------------------------------------------------------------------

    // One document of a -f file: an object, or why the API server would refuse to decode it.
    struct FileItem {
        std::optional<manifest::ManifestObject> object;
        std::string error; // "Error from server (BadRequest): error when creating …"
        int line = 0;
    };
    struct FileObjects {
        std::string file;
        std::vector<FileItem> items;
    };

    // Reads every -f file (a folder means its .yaml, .yml and .json files). A file that is not YAML stops
    // everything, as kubectl's own parsing does before it sends anything; a document the API server could not
    // decode (unknown fields, wrong types) becomes that server error, in its place among the others.
    std::optional<std::vector<FileObjects>> readFiles()
    {
        std::vector<FileObjects> out;
        const auto& files = m_args.values("filename");
        if (files.empty()) {
            fail("error: must specify one of -f and -k");
            return std::nullopt;
        }
        for (const std::string& f : files) {
            if (f.starts_with("http://") || f.starts_with("https://")) {
                fail("error: unable to read URL \"" + f + "\", server reported: PodLab's cluster has no internet "
                     "access; save the manifest to a file and apply that");
                return std::nullopt;
            }
            std::filesystem::path path(f);
            if (path.is_relative())
                path = std::filesystem::path(m_session.directory) / path;
            std::vector<std::filesystem::path> paths;
            std::error_code ec;
            if (std::filesystem::is_directory(path, ec)) {
                for (const auto& entry : std::filesystem::directory_iterator(path, ec)) {
                    const std::string ext = entry.path().extension().string();
                    if (ext == ".yaml" || ext == ".yml" || ext == ".json")
                        paths.push_back(entry.path());
                }
                std::sort(paths.begin(), paths.end());
            } else {
                paths.push_back(path);
            }
            for (const auto& p : paths) {
                std::ifstream in(p, std::ios::binary);
                if (!in) {
                    fail("error: the path \"" + f + "\" does not exist");
                    return std::nullopt;
                }
                const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
                const std::string shown = paths.size() > 1 ? p.string() : f;
                auto items = readDocuments(bytes, shown);
                if (!items)
                    return std::nullopt;
                out.push_back({shown, std::move(*items)});
            }
        }
        return out;
    }

    std::optional<std::vector<FileItem>> readDocuments(const std::string& bytes, const std::string& file)
    {
        manifest::ReadOptions options;
        options.applyDefaults = false;
        options.validate = false;
        options.keepSource = true;
        const manifest::ReadResult r = manifest::readManifests(bytes, file, options);
        for (const manifest::Diagnostic& d : r.diagnostics) {
            if (d.isError() && d.path.empty()) {
                fail("error: error parsing " + file + ": error converting YAML to JSON: yaml: line " +
                     std::to_string(d.line) + ": " + d.message);
                return std::nullopt;
            }
        }
        const std::vector<Document> documents = splitDocuments(bytes);
        auto documentAt = [&](int line) {
            size_t i = 0;
            while (i + 1 < documents.size() && documents[i + 1].firstLine <= line)
                ++i;
            return i;
        };
        std::vector<FileItem> items;
        for (const manifest::ManifestObject& o : r.objects)
            items.push_back({o, {}, o.line});
        std::map<size_t, manifest::Diagnostics> failed;
        for (const manifest::Diagnostic& d : r.diagnostics)
            if (d.isError())
                failed[documentAt(d.line)].push_back(d);
        for (const auto& [index, problems] : failed) {
            const Document& doc = documents.empty() ? Document{} : documents[index];
            std::string message;
            if (auto decoded = serverDecodeError(doc.kind, doc.apiVersion, problems)) {
                message = *decoded;
            } else {
                // Not a decoding problem PodLab can word as the server would: its reader's own words.
                const manifest::Diagnostic& d = problems.front();
                message = (d.path.empty() ? "" : d.path + ": ") + d.message + " (line " + std::to_string(d.line) + ")";
            }
            items.push_back({std::nullopt, "Error from server (BadRequest): error when creating \"" + file + "\": " + message,
                             problems.front().line});
        }
        std::stable_sort(items.begin(), items.end(), [](const FileItem& a, const FileItem& b) { return a.line < b.line; });
        return items;
    }

    // Where each YAML document starts, with its kind and apiVersion as written (for the server's decode error,
    // which names them even when the rest does not decode).
    struct Document {
        int firstLine = 1;
        std::string kind;
        std::string apiVersion;
    };
    static std::vector<Document> splitDocuments(const std::string& bytes)
    {
        std::vector<Document> out{Document{}};
        int line = 1;
        size_t start = 0;
        auto unquote = [](std::string v) {
            while (!v.empty() && (v.back() == ' ' || v.back() == '\r' || v.back() == ',' || v.back() == '\t'))
                v.pop_back();
            while (!v.empty() && v.front() == ' ')
                v.erase(0, 1);
            if (v.size() >= 2 && (v.front() == '"' || v.front() == '\'') && v.back() == v.front())
                v = v.substr(1, v.size() - 2);
            return v;
        };
        while (start <= bytes.size()) {
            const size_t nl = bytes.find('\n', start);
            const std::string text = bytes.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
            if (text.starts_with("---")) {
                if (line > out.back().firstLine || !out.back().kind.empty())
                    out.push_back(Document{line + 1, {}, {}});
                else
                    out.back().firstLine = line + 1;
            }
            for (const char* key : {"kind", "apiVersion"}) {
                // Top-level keys, in block YAML or in (one-line-per-key) JSON.
                const std::string yamlKey = std::string(key) + ":";
                const std::string jsonKey = "\"" + std::string(key) + "\":";
                std::string value;
                if (text.starts_with(yamlKey))
                    value = unquote(text.substr(yamlKey.size()));
                else if (const size_t at = text.find(jsonKey); at != std::string::npos && text.find_first_not_of(" {") == at &&
                                                               at <= 4)
                    value = unquote(text.substr(at + jsonKey.size()));
                std::string& slot = std::string(key) == "kind" ? out.back().kind : out.back().apiVersion;
                if (!value.empty() && slot.empty())
                    slot = value;
            }
            if (nl == std::string::npos)
                break;
            start = nl + 1;
            ++line;
        }
        return out;
    }

    enum class Operation { Create, Update };

    // Defaults and validation as the API server applies them, worded as kubectl prints an invalid object.
    bool admitObject(api::Object& object, Operation operation = Operation::Create)
    {
        manifest::applyDefaults(object);
        const manifest::FieldErrors errors = manifest::validate(object);
        std::vector<ApiError::Cause> causes;
        for (const manifest::FieldError& e : errors) {
            // ValidatePodCreate alone refuses a node name on a gated pod: an update of a bound pod that
            // brings gates back is refused by the gate rule instead.
            if (operation == Operation::Update && e.path == "spec.nodeName" &&
                e.message.find("schedulingGates") != std::string::npos)
                continue;
            if (!e.warning)
                causes.push_back({e.path, e.message});
        }
        if (causes.empty())
            return true;
        failInvalid(ApiServer::invalid(api::kindOf(object), api::metadataOf(object).name, std::move(causes)));
        return false;
    }

    // kubectl's checkErr for an Invalid error: the causes, not the message.
    void failInvalid(const ApiError& e) { fail(invalidMessage(e)); }

    bool settleNamespace(api::Object& object, const std::string& file)
    {
        api::ObjectMeta& meta = api::metadataOf(object);
        if (!api::isNamespaced(api::kindOf(object)))
            return true;
        if (meta.namespace_.empty()) {
            meta.namespace_ = m_namespace;
        } else if (m_args.has("namespace") && meta.namespace_ != m_namespace) {
            fail("error: the namespace from the provided object \"" + meta.namespace_ +
                 "\" does not match the namespace \"" + m_namespace + "\". You must pass '--namespace=" +
                 meta.namespace_ + "' to perform this operation.");
            return false;
        }
        (void)file;
        return true;
    }

    // What kubectl apply records and sends: the file's own fields (nothing defaulted) with the namespace it
    // was applied to; `annotation` is that as compact JSON, `modified` the same with the annotation set.
    struct Applied {
        std::string annotation;
        api::Value modified;
    };
    static Applied appliedConfiguration(const api::Value& source, const std::string& namespace_)
    {
        api::Value v = source.isObject() ? source : api::Value(api::Value::Object{});
        auto member = [](api::Value& object, const char* key) -> api::Value& {
            for (auto& [k, value] : object.asObject())
                if (k == key) {
                    if (!value.isObject())
                        value = api::Value(api::Value::Object{});
                    return value;
                }
            object.insert(key, api::Value(api::Value::Object{}));
            return object.asObject().back().second;
        };
        api::Value& meta = member(v, "metadata");
        if (!namespace_.empty() && !meta.find("namespace"))
            meta.insert("namespace", api::Value(namespace_));
        api::Value& annotations = member(meta, "annotations");
        // kubectl clears its own annotation but keeps the (then maybe empty) map: "annotations":{} is in
        // every last-applied-configuration of a file without annotations.
        std::erase_if(annotations.asObject(), [](const auto& m) { return m.first == kLastApplied; });
        Applied out;
        out.annotation = manifest::toCompactJson(v) + "\n";
        member(member(v, "metadata"), "annotations").insert(kLastApplied, api::Value(out.annotation));
        out.modified = std::move(v);
        return out;
    }

    void applyOrCreate(bool apply)
    {
        const auto files = readFiles();
        if (!files)
            return;
        for (const FileObjects& file : *files) {
            for (const FileItem& item : file.items) {
                if (!item.object) {
                    fail(item.error);
                    continue;
                }
                const manifest::ManifestObject& read = *item.object;
                api::Object object = read.object;
                if (!settleNamespace(object, file.file))
                    continue;
                const Kind kind = Kind(object.index());
                const std::string name = api::metadataOf(object).name;
                if (kind == Kind::PodPreset && m_cluster.config().profile == VersionProfile::Modern) {
                    fail("error: resource mapping not found for name: \"" + name + "\" namespace: \"\" from \"" +
                         file.file + "\": no matches for kind \"PodPreset\" in version \"settings.k8s.io/v1alpha1\"\n"
                         "ensure CRDs are installed first\n"
                         "(PodPreset was removed in Kubernetes 1.20; today a mutating admission webhook or a "
                         "Kustomize patch does its job. Run the cluster with the classic profile to try it.)");
                    continue;
                }
                const std::string ns = api::isNamespaced(api::kindOf(object)) ? api::metadataOf(object).namespace_ : "";
                const std::optional<api::Object> live = liveObject(kind, ns, name);
                Applied applied;
                if (apply) {
                    applied = appliedConfiguration(read.source, ns);
                    api::metadataOf(object).annotations[kLastApplied] = applied.annotation;
                }
                if (!live) {
                    if (!admitObject(object))
                        continue;
                    const ApiResult r = m_cluster.create(object);
                    if (!r.ok()) {
                        if (r.error->reason == "Invalid")
                            failInvalid(*r.error);
                        else
                            fail("Error from server (" + r.error->reason + "): error when creating \"" + file.file +
                                 "\": " + r.error->message);
                        continue;
                    }
                    m_out.out += typedName(kind, api::metadataOf(copyOf(r.object)).name) + " created\n";
                    continue;
                }
                if (!apply) {
                    if (!admitObject(object))
                        continue;
                    fail("Error from server (AlreadyExists): error when creating \"" + file.file + "\": " +
                         std::string(resourceName(kind)) + " \"" + name + "\" already exists");
                    continue;
                }
                patchLive(kind, name, *live, applied.modified, file.file);
            }
        }
    }

    // The rest of client-side apply on an existing object: the three-way merge with what was applied last
    // time and the live object, "unchanged" when that changes nothing, else the merged object through the API
    // server's defaults, validation and update.
    void patchLive(Kind kind, const std::string& name, const api::Object& live, const api::Value& modified,
                   const std::string& file)
    {
        const api::ObjectMeta& liveMeta = api::metadataOf(live);
        api::Value original;
        if (const auto it = liveMeta.annotations.find(kLastApplied); it != liveMeta.annotations.end()) {
            manifest::ReadOptions options;
            options.applyDefaults = false;
            options.validate = false;
            options.keepSource = true;
            const manifest::ReadResult r = manifest::readManifests(it->second, kLastApplied, options);
            if (!r.objects.empty())
                original = r.objects.front().source;
        } else {
            m_out.err += "Warning: resource " + std::string(resourceName(kind)) + "/" + name + " is missing the " +
                         kLastApplied + " annotation which is required by kubectl apply. kubectl apply should only "
                         "be used on resources created declaratively by either kubectl create --save-config or "
                         "kubectl apply. The missing annotation will be patched automatically.\n";
        }
        const api::Value current = manifest::encodeObject(live);
        const api::Value merged = threeWayMerge(original, modified, current);
        if (merged == current) {
            m_out.out += typedName(kind, name) + " unchanged\n";
            return;
        }
        manifest::ReadOptions options;
        options.applyDefaults = false;
        options.validate = false;
        const manifest::ReadResult decoded = manifest::readManifests(manifest::toJson(merged), file, options);
        if (decoded.objects.empty()) {
            const std::string why = decoded.diagnostics.empty() ? std::string("cannot decode the patched object")
                                                                : decoded.diagnostics.front().message;
            fail("Error from server (BadRequest): error when applying patch to \"" + file + "\": " + why);
            return;
        }
        api::Object object = decoded.objects.front().object;
        if (!admitObject(object, Operation::Update))
            return;
        const ApiResult r = m_cluster.update(object);
        if (!r.ok()) {
            if (r.error->reason == "Invalid")
                failInvalid(*r.error);
            else
                fail("Error from server (" + r.error->reason + "): error when applying patch to \"" + file +
                     "\": " + r.error->message);
            return;
        }
        m_out.out += typedName(kind, name) + " configured\n";
    }

    // The object a command changes: missing, the API server's NotFound.
    std::optional<api::Object> existingObject(Kind kind, const std::string& ns, const std::string& name)
    {
        auto live = liveObject(kind, ns, name);
        if (!live)
            fail("Error from server (NotFound): " + ApiServer::notFoundMessage(kind, name));
        return live;
    }

    std::optional<api::Object> liveObject(Kind kind, const std::string& ns, const std::string& name)
    {
        std::optional<api::Object> out;
        auto look = [&]<class T>(std::type_identity<T>) {
            if (const auto p = store().template get<T>(isNamespaced(kind) ? ns : std::string(), name))
                out = api::Object(*p);
        };
        switch (kind) {
        case Kind::Pod: look(std::type_identity<api::Pod>()); break;
        case Kind::Node: look(std::type_identity<api::Node>()); break;
        case Kind::ConfigMap: look(std::type_identity<api::ConfigMap>()); break;
        case Kind::Secret: look(std::type_identity<api::Secret>()); break;
        case Kind::ServiceAccount: look(std::type_identity<api::ServiceAccount>()); break;
        case Kind::Namespace: look(std::type_identity<api::Namespace>()); break;
        case Kind::Deployment: look(std::type_identity<api::Deployment>()); break;
        case Kind::ReplicaSet: look(std::type_identity<api::ReplicaSet>()); break;
        case Kind::Service: look(std::type_identity<api::Service>()); break;
        case Kind::Endpoints: look(std::type_identity<api::Endpoints>()); break;
        case Kind::Lease: look(std::type_identity<api::Lease>()); break;
        case Kind::PodPreset: look(std::type_identity<api::PodPreset>()); break;
        case Kind::Event: break;
        }
        return out;
    }

    void remove()
    {
        DeleteOptions options;
        if (m_args.has("grace-period"))
            options.gracePeriodSeconds = std::stoll(m_args.value("grace-period", "-1"));
        if (m_args.has("now"))
            options.gracePeriodSeconds = 1;
        const bool forceFlag = m_args.has("force");
        // --grace-period=0 alone means 1 (so nothing is lost by accident); --force makes it, or no period, 0.
        if (options.gracePeriodSeconds == int64_t(0) && !forceFlag)
            options.gracePeriodSeconds = 1;
        const bool force = forceFlag && options.gracePeriodSeconds.value_or(0) == 0;
        if (forceFlag) {
            if (!options.gracePeriodSeconds)
                options.gracePeriodSeconds = 0;
            if (*options.gracePeriodSeconds == 0)
                m_out.err += "Warning: Immediate deletion does not wait for confirmation that the running resource has "
                             "been terminated. The resource may continue to run on the cluster indefinitely.\n";
        }
        if (m_args.has("cascade")) {
            // cmdutil.GetCascadingStrategy
            const std::string cascade = m_args.value("cascade", "background");
            if (cascade == "background" || cascade == "true") {
                options.propagation = DeleteOptions::Propagation::Background;
            } else if (cascade == "orphan" || cascade == "false") {
                options.propagation = DeleteOptions::Propagation::Orphan;
            } else if (cascade == "foreground") {
                options.propagation = DeleteOptions::Propagation::Foreground;
            } else {
                fail("error: invalid cascade value (" + cascade +
                     "). Must be \"background\", \"foreground\", or \"orphan\".");
                return;
            }
            if (cascade == "true" || cascade == "false")
                m_out.err += "warning: --cascade=" + cascade + " is deprecated (boolean value) and can be replaced with "
                             "--cascade=" + (cascade == "true" ? "background" : "orphan") + ".\n";
        }
        std::vector<std::pair<Kind, std::pair<std::string, std::string>>> victims; // kind, (ns, name)
        if (m_args.has("filename")) {
            const auto files = readFiles();
            if (!files)
                return;
            for (const FileObjects& f : *files)
                for (const FileItem& item : f.items) {
                    if (!item.object)
                        continue;
                    const manifest::ManifestObject& o = *item.object;
                    const api::ObjectMeta& meta = api::metadataOf(o.object);
                    victims.push_back({Kind(o.object.index()),
                                       {meta.namespace_.empty() ? m_namespace : meta.namespace_, meta.name}});
                }
        } else {
            std::vector<std::pair<ResourceType, std::vector<std::string>>> targets;
            if (!resolveTargets(targets))
                return;
            for (const auto& [type, names] : targets) {
                if (names.empty() && !m_args.has("all") && !m_args.has("selector")) {
                    fail("error: resource(s) were provided, but no name was specified");
                    return;
                }
                bool failed = false;
                if (names.empty()) {
                    for (const api::Object& o : select(type.kind, {}, failed))
                        victims.push_back({type.kind, {api::metadataOf(o).namespace_, api::metadataOf(o).name}});
                } else {
                    for (const std::string& n : names)
                        victims.push_back({type.kind, {m_namespace, n}});
                }
            }
        }
        for (const auto& [kind, key] : victims) {
            const ApiResult r = m_cluster.remove(kind, key.first, key.second, options);
            if (!r.ok()) {
                if (!(m_args.has("ignore-not-found") && r.error->reason == "NotFound"))
                    fail("Error from server (" + r.error->reason + "): " + r.error->message);
                continue;
            }
            // kubectl 1.34 names the namespace a namespaced object was deleted from (kubernetes#126619).
            std::string operation = force ? "force deleted" : "deleted";
            if (isNamespaced(kind))
                operation += " from " + (key.first.empty() ? m_namespace : key.first) + " namespace";
            m_out.out += typedGroupKind(kind) + " \"" + key.second + "\" " + operation + "\n";
        }
    }

    // --- logs, exec ---------------------------------------------------------------------------------------

    Ptr<api::Pod> podArgument(size_t index)
    {
        const auto& pos = m_args.positional;
        if (pos.size() <= index) {
            fail("error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required "
                 "argument for the logs command\nSee 'kubectl logs -h' for help and examples");
            return nullptr;
        }
        std::string name = pos[index];
        if (name.starts_with("pod/") || name.starts_with("pods/") || name.starts_with("po/"))
            name = name.substr(name.find('/') + 1);
        if (const size_t slash = name.find('/'); slash != std::string::npos) {
            std::string error, note;
            if (const auto picked = podOfWorkload(store(), m_namespace, name.substr(0, slash), name.substr(slash + 1), now(),
                                                  error, note)) {
                if (!*picked)
                    fail(error);
                m_out.err += note;
                return *picked;
            }
        }
        const auto pod = store().get<api::Pod>(m_namespace, name);
        if (!pod)
            fail("Error from server (NotFound): pods \"" + name + "\" not found");
        return pod;
    }

    // -c, or the pod's only (first) container, as kubectl picks it; says so on stderr when it picked.
    std::string containerArgument(const api::Pod& pod)
    {
        if (m_args.has("container"))
            return m_args.value("container");
        if (pod.spec.containers.size() > 1) {
            std::string names;
            for (const api::Container& c : pod.spec.initContainers)
                names += (names.empty() ? "" : ", ") + c.name + " (init)";
            for (const api::Container& c : pod.spec.containers)
                names += (names.empty() ? "" : ", ") + c.name;
            m_out.err += "Defaulted container \"" + pod.spec.containers[0].name + "\" out of: " + names + "\n";
        }
        return pod.spec.containers.empty() ? std::string() : pod.spec.containers[0].name;
    }

    void logs()
    {
        const auto pod = podArgument(1);
        if (!pod)
            return;
        const std::string container = containerArgument(*pod);
        std::string error;
        const auto entries = m_cluster.logs(pod->metadata.namespace_, pod->metadata.name, container,
                                            m_args.has("previous"), &error);
        if (!entries) {
            fail("Error from server (BadRequest): " + error);
            return;
        }
        std::string text;
        for (const runtime::LogEntry& e : *entries) {
            if (m_args.has("timestamps")) {
                // Each line with its RFC 3339 time at nanosecond precision, as the runtime's log file has it.
                const api::Time t = api::Time::fromMillis(m_cluster.config().startEpochMillis + e.time);
                std::string stamp = t.toString();
                char frac[16];
                std::snprintf(frac, sizeof frac, ".%03lld000000Z", static_cast<long long>(t.millis() % 1000));
                stamp.pop_back();
                stamp += frac;
                size_t start = 0;
                while (start < e.text.size()) {
                    const size_t nl = e.text.find('\n', start);
                    const size_t end = nl == std::string::npos ? e.text.size() : nl + 1;
                    text += stamp + " " + e.text.substr(start, end - start);
                    start = end;
                }
            } else {
                text += e.text;
            }
        }
        if (m_args.has("tail")) {
            const long tail = std::stol(m_args.value("tail", "-1"));
            if (tail >= 0) {
                size_t pos = text.size();
                if (pos > 0 && text[pos - 1] == '\n')
                    --pos;
                long lines = 0;
                while (pos > 0 && lines < tail) {
                    --pos;
                    if (text[pos] == '\n')
                        ++lines;
                }
                if (lines == tail && pos > 0)
                    text = text.substr(pos + 1);
            }
        }
        m_out.out += text;
    }

    void exec()
    {
        if (!m_args.dashDash) {
            if (m_args.positional.size() > 2)
                fail("error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead");
            else
                fail("error: you must specify at least one command for the container");
            return;
        }
        const auto pod = podArgument(1);
        if (!pod)
            return;
        if (m_args.command.empty()) {
            fail("error: you must specify at least one command for the container");
            return;
        }
        const std::string container = containerArgument(*pod);
        if (pod->status.phase == "Succeeded" || pod->status.phase == "Failed") {
            fail("error: cannot exec into a container in a completed pod; current phase is " + pod->status.phase);
            return;
        }
        const ExecOutcome r = m_cluster.exec(pod->metadata.namespace_, pod->metadata.name, container, m_args.command);
        m_out.out += r.out;
        m_out.err += r.err;
        if (r.error) {
            fail("error: " + *r.error);
            return;
        }
        if (r.exitCode != 0) {
            m_out.err += "command terminated with exit code " + std::to_string(r.exitCode) + "\n";
            m_out.exitCode = r.exitCode;
        }
    }

    void version()
    {
        m_out.out += "Client Version: v1.34.2\nKustomize Version: v5.7.1\nServer Version: " +
                     m_cluster.config().kubernetesVersion() + "\n";
    }

    Cluster& m_cluster;
    const Session& m_session;
    const Args& m_args;
    CommandOutput& m_out;
    std::string m_namespace;
    bool m_allNamespaces = false;
};

} // namespace

std::vector<std::string> splitCommandLine(std::string_view line, std::string* error)
{
    std::vector<std::string> out;
    std::string current;
    bool inWord = false;
    char quote = 0;
    for (size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) {
                quote = 0;
            } else if (c == '\\' && quote == '"' && i + 1 < line.size() &&
                       std::string_view("\"\\$`").find(line[i + 1]) != std::string_view::npos) {
                current += line[++i];
            } else {
                current += c;
            }
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            inWord = true;
        } else if (c == '\\' && i + 1 < line.size()) {
            current += line[++i];
            inWord = true;
        } else if (c == ' ' || c == '\t' || c == '\n') {
            if (inWord)
                out.push_back(std::move(current));
            current.clear();
            inWord = false;
        } else {
            current += c;
            inWord = true;
        }
    }
    if (quote && error)
        *error = std::string("unterminated quote ") + quote;
    if (inWord)
        out.push_back(std::move(current));
    return out;
}

std::string invalidMessage(const ApiError& e)
{
    std::string message = "The " + e.kind + " \"" + e.name + "\" is invalid: ";
    if (e.causes.size() == 1) {
        message += e.causes[0].field + ": " + e.causes[0].message;
    } else {
        message += "\n";
        for (const ApiError::Cause& c : e.causes)
            message += "* " + c.field + ": " + c.message + "\n";
        message.pop_back();
    }
    return message;
}

CommandOutput Kubectl::run(std::string_view commandLine)
{
    std::string error;
    std::vector<std::string> args = splitCommandLine(commandLine, &error);
    if (!error.empty())
        return {{}, "error: " + error + "\n", 1};
    return run(std::move(args));
}

CommandOutput Kubectl::run(std::vector<std::string> argv)
{
    CommandOutput out;
    if (!argv.empty() && argv.front() == "kubectl")
        argv.erase(argv.begin());
    if (argv.empty()) {
        out.err = "kubectl controls the Kubernetes cluster manager.\n";
        out.exitCode = 1;
        return out;
    }
    const Args args = parse(argv);
    if (!args.error.empty()) {
        out.err = args.error + "\nSee 'kubectl " + argv.front() + " --help' for usage.\n";
        out.exitCode = 1;
        return out;
    }
    Runner(m_cluster, m_session, args, out).run(args.positional.empty() ? std::string() : args.positional.front());
    return out;
}

} // namespace podlab::sim::kubectl
