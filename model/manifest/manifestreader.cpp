#include "manifestreader.h"

#include "defaults.h"
#include "schemas.h"
#include "validation.h"

#include <algorithm>
#include <cstdio>
#include <tuple>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <sys/stat.h>

namespace podlab::manifest {

using Kind = YamlDocument::Kind;

namespace {

// One kind PodLab serves: its group/version and how to decode it.
struct KindEntry {
    std::string_view apiVersion;
    std::string_view kind;
    api::Object (*decode)(YamlRef root, DecodeContext& ctx);
};

template <class T>
api::Object decodeAs(YamlRef root, DecodeContext& ctx)
{
    T object;
    Codec<T>::decode(object, root, ctx);
    return object;
}

template <class T>
constexpr KindEntry entry()
{
    return {T::kApiVersion, T::kKind, &decodeAs<T>};
}

constexpr KindEntry kServedKinds[] = {
    entry<api::Pod>(),        entry<api::Node>(),       entry<api::ConfigMap>(),  entry<api::Secret>(),
    entry<api::ServiceAccount>(), entry<api::Namespace>(), entry<api::Deployment>(), entry<api::ReplicaSet>(),
    entry<api::Service>(),    entry<api::Endpoints>(),  entry<api::Event>(),      entry<api::PodPreset>(),
    entry<api::Lease>(),
};

// Real Kubernetes kinds PodLab reads no further than their name, so the message can say so.
constexpr std::pair<std::string_view, std::string_view> kUnsimulatedKinds[] = {
    {"Job", "batch/v1"},
    {"CronJob", "batch/v1"},
    {"StatefulSet", "apps/v1"},
    {"DaemonSet", "apps/v1"},
    {"ControllerRevision", "apps/v1"},
    {"PersistentVolume", "v1"},
    {"PersistentVolumeClaim", "v1"},
    {"ReplicationController", "v1"},
    {"PodTemplate", "v1"},
    {"LimitRange", "v1"},
    {"ResourceQuota", "v1"},
    {"Ingress", "networking.k8s.io/v1"},
    {"IngressClass", "networking.k8s.io/v1"},
    {"NetworkPolicy", "networking.k8s.io/v1"},
    {"EndpointSlice", "discovery.k8s.io/v1"},
    {"Role", "rbac.authorization.k8s.io/v1"},
    {"RoleBinding", "rbac.authorization.k8s.io/v1"},
    {"ClusterRole", "rbac.authorization.k8s.io/v1"},
    {"ClusterRoleBinding", "rbac.authorization.k8s.io/v1"},
    {"StorageClass", "storage.k8s.io/v1"},
    {"HorizontalPodAutoscaler", "autoscaling/v2"},
    {"PodDisruptionBudget", "policy/v1"},
    {"PriorityClass", "scheduling.k8s.io/v1"},
    {"RuntimeClass", "node.k8s.io/v1"},
    {"CustomResourceDefinition", "apiextensions.k8s.io/v1"},
};

std::string quoted(std::string_view s) { return BadValue::quote(s); }

YamlRef member(YamlRef mapping, std::string_view name)
{
    for (YamlRef key = mapping.firstChild(); key.isValid();) {
        const YamlRef value = key.nextSibling();
        if (key.kind() == Kind::Scalar && key.text() == name)
            return value;
        key = value.isValid() ? value.nextSibling() : YamlRef();
    }
    return {};
}

YamlRef keyOf(YamlRef mapping, std::string_view name)
{
    for (YamlRef key = mapping.firstChild(); key.isValid();) {
        const YamlRef value = key.nextSibling();
        if (key.kind() == Kind::Scalar && key.text() == name)
            return key;
        key = value.isValid() ? value.nextSibling() : YamlRef();
    }
    return {};
}

YamlRef follow(YamlRef n)
{
    // Aliases in a located path lead to the anchored node; a bounded number of hops avoids cycles.
    for (int i = 0; i < 16 && n.isValid() && n.kind() == Kind::Alias; ++i)
        n = n.aliasTarget();
    return n;
}


class Reader {
public:
    Reader(std::string_view file, const ReadOptions& options, ReadResult& result)
        : m_file(file), m_options(options), m_result(result)
    {
    }

    // True once a List was read: an input of only empty Lists deserves its own message.
    bool readAList() const { return m_readAList; }

    void document(const YamlDocument& doc)
    {
        const YamlRef root = doc.root();
        if (!root.isValid() || root.kind() == Kind::Null)
            return; // an empty document ("---" alone, or only comments) holds nothing, as for kubectl
        DecodeContext ctx(m_file, m_result.diagnostics, doc);
        object(root, ctx);
    }

private:
    // apiVersion and kind, read ahead of the object itself (which reports any duplicate key once, later).
    std::string typeMetaField(YamlRef mapping, std::string_view name, DecodeContext& ctx, YamlRef* where)
    {
        std::string value;
        *where = member(mapping, name);
        if (where->isValid()) {
            PathScope scope(ctx, name);
            Codec<std::string>::decode(value, *where, ctx);
        }
        return value;
    }

    void object(YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid())
            return;
        if (node.kind() != Kind::Mapping) {
            ctx.error(node, "a manifest must be a mapping with apiVersion, kind and metadata, not a " +
                                std::string(node.kind() == Kind::Sequence ? "list" : "scalar"));
            return;
        }
        YamlRef apiVersionNode, kindNode;
        const size_t errorsBefore = ctx.errorCount();
        const std::string apiVersion = typeMetaField(node, "apiVersion", ctx, &apiVersionNode);
        const std::string kind = typeMetaField(node, "kind", ctx, &kindNode);
        if (ctx.errorCount() != errorsBefore)
            return;
        if (apiVersion.empty() || kind.empty()) {
            if (apiVersion.empty()) {
                PathScope scope(ctx, "apiVersion");
                ctx.error(node, "Required value: every object needs apiVersion (for example \"v1\")");
            }
            if (kind.empty()) {
                PathScope scope(ctx, "kind");
                ctx.error(node, "Required value: every object needs kind (for example \"Pod\")");
            }
            return;
        }
        if (kind == "List" && apiVersion == "v1")
            return list(node, ctx);

        for (const KindEntry& k : kServedKinds) {
            if (k.kind == kind && k.apiVersion == apiVersion)
                return decodeServed(k, node, ctx);
        }
        ctx.error(kindNode, unservedMessage(apiVersion, kind));
    }

    static std::string unservedMessage(const std::string& apiVersion, const std::string& kind)
    {
        std::string message = "no matches for kind " + quoted(kind) + " in version " + quoted(apiVersion);
        for (const KindEntry& k : kServedKinds) {
            if (k.kind == kind) {
                message += ": PodLab serves " + std::string(kind) + " as " + std::string(k.apiVersion);
                if (kind == "Deployment" || kind == "ReplicaSet")
                    message += " (" + apiVersion + " was removed in Kubernetes 1.16)";
                return message;
            }
        }
        for (const auto& [name, version] : kUnsimulatedKinds) {
            if (name == kind) {
                return message + ": " + kind + " (" + std::string(version) +
                       ") is a Kubernetes kind that PodLab does not simulate";
            }
        }
        std::vector<std::string_view> known;
        for (const KindEntry& k : kServedKinds)
            known.push_back(k.kind);
        message += ": ";
        if (const std::string_view hint = suggestName(kind, known); !hint.empty())
            message += "did you mean \"" + std::string(hint) + "\"? ";
        return message + "PodLab knows Pod, Node, ConfigMap, Secret, ServiceAccount, Namespace, Deployment, "
                         "ReplicaSet, Service, Endpoints, Event, PodPreset and Lease";
    }

    void list(YamlRef node, DecodeContext& ctx)
    {
        m_readAList = true;
        ctx.forEachMember(node, [&](std::string_view key, YamlRef keyNode, YamlRef value) {
            if (key == "apiVersion" || key == "kind" || key == "metadata")
                return;
            if (key != "items") {
                reportUnknownField(ctx, keyNode, key, {"apiVersion", "kind", "metadata", "items"});
                return;
            }
            const YamlRef items = ctx.resolve(value);
            if (!items.isValid() || items.kind() == Kind::Null)
                return;
            if (items.kind() != Kind::Sequence) {
                PathScope scope(ctx, "items");
                ctx.typeError(items, "list");
                return;
            }
            for (YamlRef item = items.firstChild(); item.isValid(); item = item.nextSibling())
                object(item, ctx);
        });
    }

    void decodeServed(const KindEntry& k, YamlRef node, DecodeContext& ctx)
    {
        const size_t errorsBefore = ctx.errorCount();
        api::Object object = k.decode(node, ctx);
        if (ctx.errorCount() != errorsBefore)
            return;
        if (m_options.applyDefaults || m_options.validate)
            applyDefaults(object);
        if (m_options.validate) {
            bool failed = false;
            const size_t first = m_result.diagnostics.size();
            for (const FieldError& e : validate(object)) {
                const YamlRef at = locateField(node, e.path);
                m_result.diagnostics.push_back({e.warning ? Diagnostic::Severity::Warning : Diagnostic::Severity::Error,
                                                m_file, at.isValid() ? at.line() : node.line(),
                                                at.isValid() ? at.column() : node.column(), e.path, e.message});
                failed = failed || !e.warning;
            }
            // In file order, as a compiler lists them (the API server's order is its checking order).
            std::stable_sort(m_result.diagnostics.begin() + std::ptrdiff_t(first), m_result.diagnostics.end(),
                             [](const Diagnostic& a, const Diagnostic& b) {
                                 return std::tie(a.line, a.column) < std::tie(b.line, b.column);
                             });
            if (failed)
                return;
        }
        api::Value source;
        if (m_options.keepSource)
            Codec<api::Value>::decode(source, node, ctx);
        m_result.objects.push_back({std::move(object), std::move(source), m_file, node.line(), node.column()});
    }

    std::string m_file;
    const ReadOptions& m_options;
    ReadResult& m_result;
    bool m_readAList = false;
};

} // namespace

YamlRef locateField(YamlRef object, std::string_view path)
{
    YamlRef node = follow(object);
    YamlRef best = node;
    size_t i = 0;
    while (i < path.size() && node.isValid()) {
        std::string_view segment;
        bool bracket = false;
        if (path[i] == '.') {
            ++i;
            continue;
        }
        if (path[i] == '[') {
            const size_t close = path.find(']', i);
            if (close == std::string_view::npos)
                break;
            segment = path.substr(i + 1, close - i - 1);
            bracket = true;
            i = close + 1;
        } else {
            const size_t end = path.find_first_of(".[", i);
            segment = path.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
            i = end == std::string_view::npos ? path.size() : end;
        }
        if (node.kind() == Kind::Sequence && bracket) {
            size_t index = 0;
            for (char c : segment)
                index = index * 10 + size_t(c - '0');
            YamlRef item = node.firstChild();
            for (size_t k = 0; k < index && item.isValid(); ++k)
                item = item.nextSibling();
            if (!item.isValid())
                break;
            node = follow(item);
            best = item;
        } else if (node.kind() == Kind::Mapping) {
            const YamlRef key = keyOf(node, segment);
            if (!key.isValid())
                break;
            best = key;
            node = follow(member(node, segment));
        } else {
            break;
        }
    }
    return best;
}

ReadResult readManifests(std::string_view bytes, std::string_view fileName, const ReadOptions& options)
{
    ReadResult result;
    Reader reader(fileName, options, result);
    const auto error = parseYamlStream(bytes, [&](const YamlDocument& doc) { reader.document(doc); }, options.limits);
    if (error)
        result.diagnostics.push_back(
            {Diagnostic::Severity::Error, std::string(fileName), error->line, error->column, {}, error->message});
    else if (result.objects.empty() && result.diagnostics.empty())
        result.diagnostics.push_back({Diagnostic::Severity::Error, std::string(fileName), 1, 1, {},
                                      reader.readAList()
                                          ? "no objects in the input: its List has no items"
                                          : "no objects in the input: the file is empty or holds only comments"});
    return result;
}

ReadResult readManifestFile(const std::string& path, const ReadOptions& options)
{
    std::string bytes;
    const std::string name = path == "-" ? "<stdin>" : path;
    if (path == "-") {
        // Read at most one byte past the limit: enough to know the input is too large.
        std::vector<char> buffer(options.limits.maxFileBytes + 1);
        std::cin.read(buffer.data(), std::streamsize(buffer.size()));
        bytes.assign(buffer.data(), size_t(std::cin.gcount()));
    } else {
        struct stat st {};
        if (::stat(path.c_str(), &st) != 0) {
            ReadResult r;
            r.diagnostics.push_back({Diagnostic::Severity::Error, name, 0, 0, {}, "cannot open the file"});
            return r;
        }
        if (size_t(st.st_size) > options.limits.maxFileBytes) {
            ReadResult r;
            r.diagnostics.push_back({Diagnostic::Severity::Error, name, 1, 1, {},
                                     fileTooLargeMessage(size_t(st.st_size), options.limits.maxFileBytes)});
            return r;
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            ReadResult r;
            r.diagnostics.push_back({Diagnostic::Severity::Error, name, 0, 0, {}, "cannot open the file"});
            return r;
        }
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    return readManifests(bytes, name, options);
}

} // namespace podlab::manifest
