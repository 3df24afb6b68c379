#include "catalogueparser.h"

#include <algorithm>
#include <limits>

namespace podlab::sim {

using manifest::PathScope;
using manifest::ResolvedScalar;
using manifest::YamlDocument;
using manifest::YamlRef;

namespace {

using Kind = YamlDocument::Kind;

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
constexpr int64_t kMaxPort = 65535;

std::string quote(std::string_view s)
{
    return '"' + std::string(s) + '"';
}

std::string joinNames(const std::vector<std::string_view>& names)
{
    std::string out;
    for (std::string_view n : names)
        out += (out.empty() ? "" : ", ") + quote(n);
    return out;
}

// Fields every program accepts, and those each model adds. A field outside both is a typo or belongs to
// another model, and is reported.
const std::vector<std::string_view> kCommonProgramFields = {
    "model",    "startupMillis", "log",  "timeFormat", "onSignal",
    "exitCode", "processTitle",  "user", "children",   "invocations"};

std::vector<std::string_view> modelFields(Program::Model model)
{
    using M = Program::Model;
    switch (model) {
    case M::Shell:
        return {"flavour", "commandNotFound", "builtins"};
    case M::Utility:
        return {"command", "flavour", "toolset"};
    case M::HttpServer:
        return {"listen",     "documentRoot", "indexFiles",          "autoIndex", "serverHeader",
                "errorPages", "accessLog",    "accessLogTimeFormat", "configFile"};
    case M::ScriptedHttp:
        return {"listen", "routes", "notFound", "serverHeader", "accessLog", "accessLogTimeFormat"};
    case M::TcpServer:
        return {"listen", "protocol", "configArgSuffix", "settings", "configFile"};
    case M::GrpcHealth:
        return {"listen", "services", "routes"};
    case M::MemoryHog:
    case M::CpuBurner:
        return {"arguments", "rampMillis", "overheadBytes"};
    case M::Agnhost:
        return {"subcommands", "usage"};
    case M::ExecWrapper:
        return {"rules"};
    case M::Sleeper:
    case M::Printer:
        return {};
    }
    return {};
}

// What a model cannot do without.
std::vector<std::string_view> modelRequiredFields(Program::Model model)
{
    using M = Program::Model;
    switch (model) {
    case M::Shell:
        return {"flavour", "commandNotFound"};
    case M::Utility:
        return {"command"};
    case M::HttpServer:
        return {"listen", "documentRoot"};
    case M::ScriptedHttp:
        return {"listen", "routes"};
    case M::TcpServer:
    case M::GrpcHealth:
        return {"listen"};
    case M::MemoryHog:
    case M::CpuBurner:
        return {"arguments"};
    case M::Agnhost:
        return {"subcommands"};
    case M::ExecWrapper:
        return {"rules"};
    case M::Sleeper:
    case M::Printer:
        return {};
    }
    return {};
}

const std::vector<std::string_view> kShellFlavours = {"busybox-ash", "dash", "bash"};
const std::vector<std::string_view> kProtocols = {"plain", "redis", "http-proxy"};

std::string normalisePath(std::string_view path)
{
    ImageContent empty;
    return empty.canonicalPath(path);
}

} // namespace

CatalogueParser::CatalogueParser(manifest::DecodeContext& ctx, std::string fileName,
                                 const ImageCatalogue* base)
    : m_ctx(ctx), m_file(std::move(fileName)), m_base(base)
{}

// ---- primitives
// ----------------------------------------------------------------------------------------------

bool CatalogueParser::isNull(YamlRef node)
{
    node = m_ctx.resolve(node);
    if (!node.isValid() || node.kind() == Kind::Null)
        return true;
    return node.kind() == Kind::Scalar && node.style() == YamlDocument::Style::Plain &&
           manifest::resolvePlainScalar(node.text()).type == ResolvedScalar::Type::Null;
}

std::string CatalogueParser::expand(std::string_view text, YamlRef at)
{
    std::string out;
    size_t pos = 0;
    while (true) {
        const size_t open = text.find("{{", pos);
        if (open == std::string_view::npos)
            break;
        const size_t close = text.find("}}", open + 2);
        if (close == std::string_view::npos)
            break;
        out.append(text.substr(pos, open - pos));
        const std::string name(text.substr(open + 2, close - open - 2));
        const auto it = m_vars ? m_vars->find(name) : decltype(m_vars->end())();
        if (m_vars && it != m_vars->end()) {
            out += it->second;
        } else {
            m_ctx.error(at,
                        "unknown variable \"{{" + name + "}}\": define it under `vars` of the image or tag");
            out.append(text.substr(open, close + 2 - open));
        }
        pos = close + 2;
    }
    out.append(text.substr(pos));
    return out;
}

std::optional<std::string> CatalogueParser::string(YamlRef node)
{
    const auto s = m_ctx.scalar(node, "string");
    if (!s)
        return std::nullopt;
    if (s->type == ResolvedScalar::Type::Null) {
        m_ctx.error(node, "Required value: expected a string");
        return std::nullopt;
    }
    // Plain numbers and words are taken as written ("1.10" stays "1.10"): catalogue authors mean text here.
    return expand(s->text, node);
}

std::optional<int64_t> CatalogueParser::integer(YamlRef node, int64_t min, int64_t max)
{
    const auto s = m_ctx.scalar(node, "integer");
    if (!s)
        return std::nullopt;
    if (s->type != ResolvedScalar::Type::Int) {
        m_ctx.typeError(node, "integer");
        return std::nullopt;
    }
    const int64_t v = s->resolved.intValue;
    if (v < min || v > max) {
        m_ctx.error(node, "Invalid value: " + std::string(s->text) + ": must be between " +
                              std::to_string(min) + " and " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<bool> CatalogueParser::boolean(YamlRef node)
{
    const auto s = m_ctx.scalar(node, "boolean");
    if (!s)
        return std::nullopt;
    if (s->type != ResolvedScalar::Type::Bool) {
        m_ctx.typeError(node, "boolean");
        return std::nullopt;
    }
    return s->resolved.boolValue;
}

template <class Fn>
bool CatalogueParser::items(YamlRef node, Fn&& fn)
{
    const YamlRef seq = m_ctx.resolve(node);
    if (!seq.isValid() || seq.kind() != Kind::Sequence) {
        if (seq.isValid())
            m_ctx.error(node, "Invalid value: expected a list");
        return false;
    }
    size_t index = 0;
    for (YamlRef item = seq.firstChild(); item.isValid(); item = item.nextSibling(), ++index) {
        PathScope scope(m_ctx, index);
        fn(item);
    }
    return true;
}

template <class Fn>
bool CatalogueParser::members(YamlRef node, const std::vector<std::string_view>& known, Fn&& fn)
{
    const YamlRef map = m_ctx.resolve(node);
    if (!map.isValid() || map.kind() != Kind::Mapping) {
        if (map.isValid())
            m_ctx.error(node, "Invalid value: expected a mapping");
        return false;
    }
    m_ctx.forEachMember(map, [&](std::string_view name, YamlRef key, YamlRef value) {
        if (std::find(known.begin(), known.end(), name) == known.end()) {
            PathScope scope(m_ctx, name);
            std::string message = "unknown field " + quote(name);
            if (const std::string_view hint = manifest::suggestName(name, known); !hint.empty())
                message += ", did you mean " + quote(hint) + "?";
            m_ctx.error(key, std::move(message));
            return;
        }
        PathScope scope(m_ctx, name);
        fn(name, key, value);
    });
    return true;
}

template <class Fn>
bool CatalogueParser::entries(YamlRef node, Fn&& fn)
{
    const YamlRef map = m_ctx.resolve(node);
    if (!map.isValid() || map.kind() != Kind::Mapping) {
        if (map.isValid())
            m_ctx.error(node, "Invalid value: expected a mapping");
        return false;
    }
    m_ctx.forEachMember(map, [&](std::string_view key, YamlRef keyNode, YamlRef value) {
        PathScope scope(m_ctx, PathScope::Key{key});
        fn(key, keyNode, value);
    });
    return true;
}

void CatalogueParser::required(YamlRef mapping, std::string_view field)
{
    const YamlRef map = m_ctx.resolve(mapping);
    bool present = false;
    if (map.isValid() && map.kind() == Kind::Mapping)
        m_ctx.forEachMember(map, [&](std::string_view name, YamlRef, YamlRef) { present |= name == field; });
    if (!present) {
        PathScope scope(m_ctx, field);
        m_ctx.error(mapping, "Required value");
    }
}

std::optional<std::vector<std::string>> CatalogueParser::stringList(YamlRef node)
{
    if (isNull(node))
        return std::vector<std::string>();
    std::vector<std::string> out;
    bool ok = true;
    const bool isList = items(node, [&](YamlRef item) {
        if (auto s = string(item))
            out.push_back(std::move(*s));
        else
            ok = false;
    });
    if (!isList || !ok)
        return std::nullopt;
    return out;
}

std::optional<std::map<std::string, std::string>> CatalogueParser::stringMap(YamlRef node)
{
    std::map<std::string, std::string> out;
    bool ok = true;
    const bool isMap = entries(node, [&](std::string_view name, YamlRef, YamlRef value) {
        if (auto s = string(value))
            out[std::string(name)] = std::move(*s);
        else
            ok = false;
    });
    if (!isMap || !ok)
        return std::nullopt;
    return out;
}

std::optional<std::string> CatalogueParser::absolutePath(YamlRef keyNode, std::string_view key)
{
    if (key.empty() || key.front() != '/') {
        m_ctx.error(keyNode, "Invalid value: " + quote(key) + ": must be an absolute path");
        return std::nullopt;
    }
    return normalisePath(key);
}

// ---- the document
// --------------------------------------------------------------------------------------------

ImageCatalogue CatalogueParser::parse(YamlRef root)
{
    const YamlRef node = m_ctx.resolve(root);
    if (node.isValid() && node.kind() == Kind::Sequence) {
        items(node, [&](YamlRef item) { decodeImage(item); });
        m_result.m_toolsets = m_builtToolsets;
        m_result.reindex();
        return m_result;
    }
    if (!node.isValid() || node.kind() != Kind::Mapping) {
        m_ctx.error(root, "Invalid value: expected a mapping with \"images\", or a list of image entries");
        return m_result;
    }

    YamlRef imagesNode;
    members(node, {"images", "toolsets", "registries", "runtimeMessages"},
            [&](std::string_view name, YamlRef, YamlRef value) {
                if (name == "images")
                    imagesNode = value;
                else if (name == "toolsets")
                    entries(value, [&](std::string_view toolset, YamlRef, YamlRef def) {
                        m_toolsetNodes[std::string(toolset)] = def;
                    });
                else if (name == "registries")
                    decodeRegistries(value);
                else
                    decodeRuntimeMessages(value);
            });
    // Toolsets are built on first use, so that their order in the file does not matter; unused ones still get
    // checked here.
    {
        PathScope scope(m_ctx, "toolsets");
        for (const auto& [name, def] : m_toolsetNodes) {
            PathScope key(m_ctx, PathScope::Key{name});
            toolset(name, def);
        }
    }
    if (imagesNode.isValid()) {
        PathScope scope(m_ctx, "images");
        items(imagesNode, [&](YamlRef item) { decodeImage(item); });
    } else {
        required(root, "images");
    }
    m_result.m_toolsets = m_builtToolsets;
    m_result.reindex();
    return m_result;
}

void CatalogueParser::decodeRegistries(YamlRef node)
{
    entries(node, [&](std::string_view host, YamlRef, YamlRef value) {
        Registry registry;
        registry.host = host;
        members(value, {"latencyMillis", "bytesPerSecond", "unknownRepository"},
                [&](std::string_view field, YamlRef, YamlRef v) {
                    if (field == "latencyMillis") {
                        registry.latencyMillis = integer(v, 0, kMaxInt).value_or(0);
                    } else if (field == "bytesPerSecond") {
                        registry.bytesPerSecond = integer(v, 1, kMaxInt).value_or(1);
                    } else if (const auto s = string(v)) {
                        using U = Registry::UnknownRepository;
                        const std::vector<std::pair<std::string_view, U>> kinds = {
                            {"access-denied", U::AccessDenied},
                            {"not-found", U::NotFound},
                            {"unreachable", U::Unreachable},
                            {"refused", U::Refused}};
                        const auto it = std::find_if(kinds.begin(), kinds.end(),
                                                     [&](const auto& k) { return k.first == *s; });
                        if (it != kinds.end())
                            registry.unknownRepository = it->second;
                        else
                            m_ctx.error(v, "Unsupported value: " + quote(*s) +
                                               ": supported values: \"access-denied\", \"not-found\", "
                                               "\"unreachable\", \"refused\"");
                    }
                });
        m_result.m_registries[registry.host] = registry;
    });
}

void CatalogueParser::decodeRuntimeMessages(YamlRef node)
{
    RuntimeMessages& m = m_result.m_runtimeMessages;
    const std::vector<std::pair<std::string_view, std::string*>> fields = {
        {"execFailed", &m.execFailed}, {"startFailed", &m.startFailed},   {"notInPath", &m.notInPath},
        {"noSuchFile", &m.noSuchFile}, {"noCommand", &m.noCommand},       {"pullFailed", &m.pullFailed},
        {"notFound", &m.notFound},     {"accessDenied", &m.accessDenied}, {"unreachable", &m.unreachable},
        {"refused", &m.refused}};
    std::vector<std::string_view> names;
    for (const auto& f : fields)
        names.push_back(f.first);
    members(node, names, [&](std::string_view name, YamlRef, YamlRef value) {
        for (const auto& [field, target] : fields)
            if (field == name)
                if (auto s = string(value))
                    *target = std::move(*s);
    });
}

// ---- toolsets
// ------------------------------------------------------------------------------------------------

std::shared_ptr<const Toolset> CatalogueParser::toolset(std::string_view name, YamlRef at)
{
    const std::string key(name);
    if (const auto it = m_builtToolsets.find(key); it != m_builtToolsets.end())
        return it->second;
    if (const auto it = m_toolsetNodes.find(key); it != m_toolsetNodes.end()) {
        if (std::find(m_toolsetsBeingBuilt.begin(), m_toolsetsBeingBuilt.end(), key) !=
            m_toolsetsBeingBuilt.end()) {
            m_ctx.error(at, "Invalid value: " + quote(name) + ": toolsets extend each other in a cycle");
            return nullptr;
        }
        m_toolsetsBeingBuilt.push_back(key);
        auto built = buildToolset(name, it->second);
        m_toolsetsBeingBuilt.pop_back();
        m_builtToolsets[key] = built;
        return built;
    }
    if (m_base)
        if (auto t = m_base->toolset(name)) {
            m_builtToolsets[key] = t;
            return t;
        }
    m_ctx.error(at, "Invalid value: " + quote(name) + ": no such toolset");
    return nullptr;
}

std::shared_ptr<const Toolset> CatalogueParser::buildToolset(std::string_view name, YamlRef node)
{
    auto result = std::make_shared<Toolset>();
    result->name = name;
    YamlRef commands, programs, files;
    members(node, {"extends", "flavour", "version", "messages", "commands", "programs", "files"},
            [&](std::string_view field, YamlRef, YamlRef value) {
                if (field == "extends") {
                    if (const auto parent = string(value))
                        if (const auto base = toolset(*parent, value)) {
                            *result = *base;
                            result->name = name;
                        }
                } else if (field == "flavour") {
                    result->flavour = string(value).value_or("");
                } else if (field == "version") {
                    result->version = string(value).value_or("");
                } else if (field == "messages") {
                    for (auto& [k, v] : stringMap(value).value_or(std::map<std::string, std::string>()))
                        result->messages[k] = v;
                } else if (field == "commands") {
                    commands = value;
                } else if (field == "programs") {
                    programs = value;
                } else {
                    files = value;
                }
            });
    if (result->flavour.empty())
        required(node, "flavour");
    // Files first: their links decide where programs live.
    if (files.isValid()) {
        PathScope scope(m_ctx, "files");
        decodeFiles(files, result->files);
    }
    if (commands.isValid()) {
        PathScope scope(m_ctx, "commands");
        decodeCommands(commands, result->name, result->flavour, result->programs);
    }
    if (programs.isValid()) {
        PathScope scope(m_ctx, "programs");
        decodePrograms(programs, result->programs);
    }
    // Key programs by their path with the toolset's own links followed, as ImageContent looks them up.
    ImageContent view;
    view.files = result->files;
    std::map<std::string, Program> canonical;
    for (auto& [path, program] : result->programs)
        canonical[view.canonicalPath(path)] = std::move(program);
    result->programs = std::move(canonical);
    return result;
}

void CatalogueParser::decodeCommands(YamlRef node, const std::string& toolset, const std::string& flavour,
                                     std::map<std::string, Program>& programs)
{
    entries(node, [&](std::string_view dir, YamlRef key, YamlRef value) {
        const auto path = absolutePath(key, dir);
        const auto names = stringList(value);
        if (!path || !names)
            return;
        for (const std::string& n : *names) {
            Program p;
            p.model = Program::Model::Utility;
            p.command = n;
            p.flavour = flavour;
            p.toolset = toolset;
            programs[(*path == "/" ? std::string() : *path) + '/' + n] = std::move(p);
        }
    });
}

// ---- images
// --------------------------------------------------------------------------------------------------

std::optional<ImageContent> CatalogueParser::baseImage(YamlRef at, std::string_view reference)
{
    const ImageResolution local = m_result.resolve(reference);
    if (local.found())
        return *local.image->content;
    if (m_base) {
        const ImageResolution inBase = m_base->resolve(reference);
        if (inBase.found())
            return *inBase.image->content;
    }
    m_ctx.error(at, "Invalid value: " + quote(reference) +
                        ": no such image (a `from` image must be defined earlier in this file or built in)");
    return std::nullopt;
}

void CatalogueParser::decodeImage(YamlRef node)
{
    YamlRef nameNode, aliasesNode, descriptionNode, fromNode, varsNode, toolsetsNode, commandsNode,
        configNode, filesNode, programsNode, tagsNode, tagAliasesNode;
    const bool isMap = members(
        node,
        {"name", "aliases", "description", "from", "vars", "toolsets", "commands", "config", "files",
         "programs", "tags", "tagAliases"},
        [&](std::string_view field, YamlRef, YamlRef value) {
            const std::vector<std::pair<std::string_view, YamlRef*>> members = {
                {"name", &nameNode},         {"aliases", &aliasesNode}, {"description", &descriptionNode},
                {"from", &fromNode},         {"vars", &varsNode},       {"toolsets", &toolsetsNode},
                {"commands", &commandsNode}, {"config", &configNode},   {"files", &filesNode},
                {"programs", &programsNode}, {"tags", &tagsNode},       {"tagAliases", &tagAliasesNode}};
            for (const auto& [n, slot] : members)
                if (n == field)
                    *slot = value;
        });
    if (!isMap)
        return;
    if (!nameNode.isValid())
        required(node, "name");
    if (!tagsNode.isValid())
        required(node, "tags");
    if (!nameNode.isValid() || !tagsNode.isValid())
        return;

    ImageRepository repo;
    repo.file = m_file;
    repo.line = node.line();
    auto repositoryName = [&](YamlRef at) -> std::optional<std::string> {
        const auto text = string(at);
        if (!text)
            return std::nullopt;
        const auto parsed = ImageReference::parse(*text);
        if (const auto* error = std::get_if<ImageReference::Error>(&parsed)) {
            m_ctx.error(at, "Invalid value: " + quote(*text) + ": " + error->message);
            return std::nullopt;
        }
        const ImageReference& ref = std::get<ImageReference>(parsed);
        if (!ref.tag().empty() || !ref.digest().empty()) {
            m_ctx.error(at, "Invalid value: " + quote(*text) +
                                ": a repository name has no tag or digest (list tags under `tags`)");
            return std::nullopt;
        }
        return ref.repository();
    };
    {
        PathScope scope(m_ctx, "name");
        const auto name = repositoryName(nameNode);
        if (!name)
            return;
        repo.name = *name;
    }
    for (const ImageRepository& existing : m_result.m_repositories) {
        if (existing.name == repo.name) {
            PathScope scope(m_ctx, "name");
            m_ctx.error(nameNode, "Duplicate value: " + quote(repo.name) + ": already defined at line " +
                                      std::to_string(existing.line));
            return;
        }
    }
    // Which other repository `name` already designates, here or in the base; "" if none. A scenario may
    // extend a base repository under its own name, so that one does not count.
    auto owner = [&](const std::string& name) -> std::string {
        if (const auto it = m_result.m_byName.find(name); it != m_result.m_byName.end())
            return m_result.m_repositories[it->second].name;
        if (m_base)
            if (const auto it = m_base->m_byName.find(name);
                it != m_base->m_byName.end() && m_base->m_repositories[it->second].name != repo.name)
                return m_base->m_repositories[it->second].name;
        return {};
    };
    if (const std::string other = owner(repo.name); !other.empty()) {
        PathScope scope(m_ctx, "name");
        m_ctx.error(nameNode,
                    "Duplicate value: " + quote(repo.name) + ": already another name of " + quote(other));
        return;
    }
    if (aliasesNode.isValid()) {
        PathScope scope(m_ctx, "aliases");
        items(aliasesNode, [&](YamlRef item) {
            const auto alias = repositoryName(item);
            if (!alias)
                return;
            const std::string other = *alias == repo.name ? repo.name : owner(*alias);
            if (!other.empty())
                m_ctx.error(item, "Duplicate value: " + quote(*alias) + ": already names " + quote(other));
            else
                repo.aliases.push_back(*alias);
        });
    }
    if (descriptionNode.isValid()) {
        PathScope scope(m_ctx, "description");
        repo.description = string(descriptionNode).value_or("");
    }

    Vars imageVars;
    if (varsNode.isValid()) {
        PathScope scope(m_ctx, "vars");
        imageVars = stringMap(varsNode).value_or(Vars());
    }

    ImageContent base;
    if (fromNode.isValid()) {
        PathScope scope(m_ctx, "from");
        if (const auto reference = string(fromNode))
            if (auto content = baseImage(fromNode, *reference))
                base = std::move(*content);
    }
    if (toolsetsNode.isValid()) {
        PathScope scope(m_ctx, "toolsets");
        items(toolsetsNode, [&](YamlRef item) {
            if (const auto name = string(item))
                if (auto t = toolset(*name, item))
                    base.toolsets.push_back(std::move(t));
        });
    }

    // Tags first (name, size, digest, variables); then each tag's content: the image-level sections decoded
    // with that tag's variables, then the tag's own sections on top. Diagnostics repeated by the per-tag
    // decoding are dropped by ImageCatalogue::parse.
    struct TagEntry {
        ImageTag tag;
        Vars vars;
        size_t index = 0;
        YamlRef config, files, programs, toolsets;
    };
    std::vector<TagEntry> tagEntries;
    std::vector<std::string> seenTags;
    {
        PathScope scope(m_ctx, "tags");
        size_t index = 0;
        items(tagsNode, [&](YamlRef tagNode) {
            TagEntry entry;
            entry.index = index++;
            YamlRef tagName, sizeNode, digestNode, tagVars;
            const bool tagIsMap =
                members(tagNode, {"tag", "size", "digest", "vars", "toolsets", "config", "files", "programs"},
                        [&](std::string_view field, YamlRef, YamlRef value) {
                            if (field == "tag")
                                tagName = value;
                            else if (field == "size")
                                sizeNode = value;
                            else if (field == "digest")
                                digestNode = value;
                            else if (field == "vars")
                                tagVars = value;
                            else if (field == "config")
                                entry.config = value;
                            else if (field == "files")
                                entry.files = value;
                            else if (field == "toolsets")
                                entry.toolsets = value;
                            else
                                entry.programs = value;
                        });
            if (!tagIsMap)
                return;
            if (!tagName.isValid())
                required(tagNode, "tag");
            if (!sizeNode.isValid())
                required(tagNode, "size");
            if (!tagName.isValid() || !sizeNode.isValid())
                return;

            ImageTag& tag = entry.tag;
            {
                PathScope s(m_ctx, "tag");
                const auto text = string(tagName);
                if (!text)
                    return;
                // A tag must be what a reference can carry after the ':'.
                const auto check = ImageReference::parse("a:" + *text);
                if (std::holds_alternative<ImageReference::Error>(check) ||
                    std::get<ImageReference>(check).tag() != *text) {
                    m_ctx.error(tagName, "Invalid value: " + quote(*text) +
                                             ": a tag is at most 128 letters, digits, '_', '.' and '-', not "
                                             "starting with '.' or '-'");
                    return;
                }
                if (std::find(seenTags.begin(), seenTags.end(), *text) != seenTags.end()) {
                    m_ctx.error(tagName, "Duplicate value: " + quote(*text));
                    return;
                }
                seenTags.push_back(*text);
                tag.name = *text;
            }
            {
                PathScope s(m_ctx, "size");
                tag.size = integer(sizeNode, 1, kMaxInt).value_or(0);
            }
            if (digestNode.isValid()) {
                PathScope s(m_ctx, "digest");
                const auto text = string(digestNode).value_or("");
                const bool valid = text.size() == 71 && text.starts_with("sha256:") &&
                                   std::all_of(text.begin() + 7, text.end(), [](char c) {
                                       return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
                                   });
                if (valid)
                    tag.digest = text;
                else
                    m_ctx.error(digestNode, "Invalid value: " + quote(text) +
                                                ": must be sha256: and 64 lowercase hex digits");
            }
            if (tag.digest.empty())
                tag.digest = derivedDigest(repo.name, tag.name, tag.size);

            entry.vars = imageVars;
            entry.vars["tag"] = tag.name;
            entry.vars["repository"] = repo.name;
            if (tagVars.isValid()) {
                PathScope s(m_ctx, "vars");
                for (auto& [k, v] : stringMap(tagVars).value_or(Vars()))
                    entry.vars[k] = v;
            }
            tagEntries.push_back(std::move(entry));
        });
    }

    auto section = [&](YamlRef n, std::string_view field, auto&& decode) {
        if (n.isValid()) {
            PathScope s(m_ctx, field);
            decode(n);
        }
    };
    for (TagEntry& entry : tagEntries) {
        m_vars = &entry.vars;
        ImageContent content = base;
        if (entry.toolsets.isValid()) {
            PathScope tags(m_ctx, "tags");
            PathScope index(m_ctx, entry.index);
            PathScope field(m_ctx, "toolsets");
            content.toolsets.clear();
            items(entry.toolsets, [&](YamlRef item) {
                if (const auto name = string(item))
                    if (auto t = toolset(*name, item))
                        content.toolsets.push_back(std::move(t));
            });
        }
        // Commands listed by the image take the wording of its first toolset.
        const std::string firstToolset =
            content.toolsets.empty() ? std::string() : content.toolsets.front()->name;
        const std::string flavour =
            content.toolsets.empty() ? std::string() : content.toolsets.front()->flavour;
        if (commandsNode.isValid() && content.toolsets.empty()) {
            PathScope scope(m_ctx, "commands");
            m_ctx.error(commandsNode, "Invalid value: commands need a toolset (list one under `toolsets`)");
        }
        section(configNode, "config", [&](YamlRef n) { decodeConfig(n, content.config); });
        section(filesNode, "files", [&](YamlRef n) { decodeFiles(n, content.files); });
        section(commandsNode, "commands",
                [&](YamlRef n) { decodeCommands(n, firstToolset, flavour, content.programs); });
        section(programsNode, "programs", [&](YamlRef n) { decodePrograms(n, content.programs); });
        {
            PathScope tags(m_ctx, "tags");
            PathScope index(m_ctx, entry.index);
            section(entry.config, "config", [&](YamlRef n) { decodeConfig(n, content.config); });
            section(entry.files, "files", [&](YamlRef n) { decodeFiles(n, content.files); });
            section(entry.programs, "programs", [&](YamlRef n) { decodePrograms(n, content.programs); });
        }
        m_vars = nullptr;

        std::map<std::string, Program> canonical;
        for (auto& [path, program] : content.programs)
            canonical[content.canonicalPath(path)] = std::move(program);
        content.programs = std::move(canonical);
        entry.tag.content = std::make_shared<const ImageContent>(std::move(content));
        repo.tags.push_back(std::move(entry.tag));
    }
    if (tagAliasesNode.isValid()) {
        PathScope scope(m_ctx, "tagAliases");
        entries(tagAliasesNode, [&](std::string_view moving, YamlRef key, YamlRef value) {
            const auto target = string(value);
            if (!target)
                return;
            if (std::find(seenTags.begin(), seenTags.end(), moving) != seenTags.end()) {
                m_ctx.error(key, "Invalid value: " + quote(moving) + ": is a concrete tag already");
                return;
            }
            if (std::find(seenTags.begin(), seenTags.end(), *target) == seenTags.end()) {
                m_ctx.error(value,
                            "Invalid value: " + quote(*target) + ": not one of the tags (" +
                                joinNames(std::vector<std::string_view>(seenTags.begin(), seenTags.end())) +
                                ")");
                return;
            }
            repo.tagAliases[std::string(moving)] = *target;
        });
    }
    m_result.m_repositories.push_back(std::move(repo));
    m_result.reindex();
}

void CatalogueParser::decodeConfig(YamlRef node, ImageConfig& config)
{
    members(node, {"entrypoint", "cmd", "env", "workingDir", "user", "stopSignal", "exposedPorts", "labels"},
            [&](std::string_view field, YamlRef, YamlRef value) {
                if (field == "entrypoint") {
                    config.entrypoint = stringList(value).value_or(std::vector<std::string>());
                } else if (field == "cmd") {
                    config.cmd = stringList(value).value_or(std::vector<std::string>());
                } else if (field == "env") {
                    for (std::string& kv : stringList(value).value_or(std::vector<std::string>())) {
                        if (kv.empty() || kv.front() == '=') {
                            m_ctx.error(value, "Invalid value: " + quote(kv) + ": must be KEY=value");
                        } else if (kv.find('=') == std::string::npos) {
                            // A bare KEY removes what an image or an earlier section set.
                            std::erase_if(config.env, [&](const std::string& e) {
                                return e.size() > kv.size() && e.compare(0, kv.size(), kv) == 0 &&
                                       e[kv.size()] == '=';
                            });
                        } else {
                            config.setEnv(std::move(kv));
                        }
                    }
                } else if (field == "workingDir") {
                    config.workingDir = string(value).value_or("");
                } else if (field == "user") {
                    config.user = string(value).value_or("");
                } else if (field == "stopSignal") {
                    const std::string s = string(value).value_or("");
                    if (signalNumber(s) == 0)
                        m_ctx.error(value, "Invalid value: " + quote(s) +
                                               ": not a signal name (SIGTERM, SIGQUIT ...)");
                    else
                        config.stopSignal = signalName(signalNumber(s));
                } else if (field == "exposedPorts") {
                    config.exposedPorts = stringList(value).value_or(std::vector<std::string>());
                } else {
                    for (auto& [k, v] : stringMap(value).value_or(std::map<std::string, std::string>()))
                        config.labels[k] = v;
                }
            });
}

void CatalogueParser::decodeFiles(YamlRef node, std::map<std::string, FileEntry>& files)
{
    entries(node, [&](std::string_view key, YamlRef keyNode, YamlRef value) {
        const auto path = absolutePath(keyNode, key);
        if (!path)
            return;
        if (isNull(value)) {
            files.erase(*path);
            return;
        }
        FileEntry entry;
        const YamlRef v = m_ctx.resolve(value);
        if (v.isValid() && v.kind() == Kind::Mapping) {
            members(value, {"content", "link", "mode"}, [&](std::string_view field, YamlRef, YamlRef fv) {
                if (field == "content")
                    entry.content = string(fv).value_or("");
                else if (field == "link")
                    entry.linkTarget = string(fv).value_or("");
                else
                    entry.mode = int(integer(fv, 0, 07777).value_or(0644));
            });
            if (entry.isLink() && !entry.content.empty())
                m_ctx.error(value, "Invalid value: a file is either a link or has content, not both");
        } else if (auto text = string(value)) {
            entry.content = std::move(*text);
        }
        files[*path] = std::move(entry);
    });
}

void CatalogueParser::decodePrograms(YamlRef node, std::map<std::string, Program>& programs)
{
    entries(node, [&](std::string_view key, YamlRef keyNode, YamlRef value) {
        const auto path = absolutePath(keyNode, key);
        if (!path)
            return;
        if (isNull(value)) {
            programs.erase(*path);
            return;
        }
        if (auto program = decodeProgram(value))
            programs[*path] = std::move(*program);
    });
}

// ---- programs
// ------------------------------------------------------------------------------------------------

std::optional<LogLine> CatalogueParser::decodeLogLine(YamlRef node)
{
    const YamlRef v = m_ctx.resolve(node);
    if (v.isValid() && v.kind() == Kind::Mapping) {
        std::optional<LogLine> line;
        int streams = 0;
        std::string when;
        members(node, {"stdout", "stderr", "when"}, [&](std::string_view field, YamlRef, YamlRef value) {
            if (field == "when") {
                when = string(value).value_or("");
                if (when != "config-file" && when != "no-config-file")
                    m_ctx.error(value, "Unsupported value: " + quote(when) +
                                           ": supported values: \"config-file\", \"no-config-file\"");
                return;
            }
            ++streams;
            if (auto s = string(value))
                line = LogLine{
                    field == "stdout" ? LogLine::Stream::Stdout : LogLine::Stream::Stderr, std::move(*s), {}};
        });
        if (streams != 1) {
            m_ctx.error(node, "Invalid value: a log line is {stdout: text} or {stderr: text}");
            return std::nullopt;
        }
        if (line)
            line->when = when;
        return line;
    }
    if (auto s = string(node))
        return LogLine{LogLine::Stream::Stdout, std::move(*s), {}};
    return std::nullopt;
}

std::vector<LogLine> CatalogueParser::decodeLog(YamlRef node)
{
    std::vector<LogLine> out;
    items(node, [&](YamlRef item) {
        if (auto line = decodeLogLine(item))
            out.push_back(std::move(*line));
    });
    return out;
}

std::optional<SignalAction> CatalogueParser::decodeSignalAction(YamlRef node)
{
    using K = SignalAction::Kind;
    const std::vector<std::pair<std::string_view, K>> kinds = {{"ignore", K::Ignore},
                                                               {"exit", K::Exit},
                                                               {"graceful-exit", K::GracefulExit},
                                                               {"reload", K::Reload},
                                                               {"reopen-logs", K::ReopenLogs}};
    auto kindOf = [&](YamlRef at, const std::string& s) -> std::optional<K> {
        for (const auto& [name, kind] : kinds)
            if (name == s)
                return kind;
        m_ctx.error(
            at,
            "Unsupported value: " + quote(s) +
                ": supported values: \"ignore\", \"exit\", \"graceful-exit\", \"reload\", \"reopen-logs\"");
        return std::nullopt;
    };
    SignalAction action;
    const YamlRef v = m_ctx.resolve(node);
    if (v.isValid() && v.kind() == Kind::Scalar) {
        const auto s = string(node);
        const auto kind = s ? kindOf(node, *s) : std::nullopt;
        if (!kind)
            return std::nullopt;
        action.kind = *kind;
        return action;
    }
    bool ok = true;
    bool hasAction = false;
    members(node, {"action", "exitCode", "delayMillis", "log"},
            [&](std::string_view field, YamlRef, YamlRef fv) {
                if (field == "action") {
                    hasAction = true;
                    const auto s = string(fv);
                    const auto kind = s ? kindOf(fv, *s) : std::nullopt;
                    if (kind)
                        action.kind = *kind;
                    else
                        ok = false;
                } else if (field == "exitCode") {
                    action.exitCode = int(integer(fv, 0, 255).value_or(0));
                } else if (field == "delayMillis") {
                    action.delayMillis = integer(fv, 0, kMaxInt).value_or(0);
                } else {
                    action.log = decodeLog(fv);
                }
            });
    if (!hasAction) {
        required(node, "action");
        return std::nullopt;
    }
    return ok ? std::optional<SignalAction>(action) : std::nullopt;
}

std::vector<Listener> CatalogueParser::decodeListeners(YamlRef node)
{
    std::vector<Listener> out;
    items(node, [&](YamlRef item) {
        Listener l;
        const YamlRef v = m_ctx.resolve(item);
        if (v.isValid() && v.kind() == Kind::Mapping) {
            members(item, {"port", "protocol", "flag", "env"},
                    [&](std::string_view field, YamlRef, YamlRef fv) {
                        if (field == "port") {
                            l.port = int(integer(fv, 1, kMaxPort).value_or(0));
                        } else if (field == "protocol") {
                            const std::string p = string(fv).value_or("");
                            if (p == "UDP")
                                l.protocol = Listener::Protocol::UDP;
                            else if (p != "TCP")
                                m_ctx.error(fv, "Unsupported value: " + quote(p) +
                                                    ": supported values: \"TCP\", \"UDP\"");
                        } else if (field == "flag") {
                            l.flag = string(fv).value_or("");
                        } else {
                            l.env = string(fv).value_or("");
                        }
                    });
            if (l.port == 0)
                required(item, "port");
        } else {
            l.port = int(integer(item, 1, kMaxPort).value_or(0));
        }
        if (l.port != 0)
            out.push_back(std::move(l));
    });
    return out;
}

std::optional<ResponsePhase> CatalogueParser::decodePhase(YamlRef node)
{
    ResponsePhase phase;
    const bool ok = members(node, {"untilMillis", "status", "body", "contentType"},
                            [&](std::string_view field, YamlRef, YamlRef v) {
                                if (field == "untilMillis")
                                    phase.untilMillis = integer(v, 0, kMaxInt);
                                else if (field == "status")
                                    phase.status = int(integer(v, 100, 599).value_or(200));
                                else if (field == "body")
                                    phase.body = string(v).value_or("");
                                else
                                    phase.contentType = string(v).value_or("");
                            });
    return ok ? std::optional<ResponsePhase>(phase) : std::nullopt;
}

std::optional<Route> CatalogueParser::decodeRoute(YamlRef node)
{
    using H = Route::Handler;
    const std::vector<std::pair<std::string_view, H>> handlers = {
        {"static", H::Static},      {"hostname", H::Hostname}, {"echo", H::Echo},     {"shell", H::Shell},
        {"client-ip", H::ClientIp}, {"exit", H::Exit},         {"header", H::Header}, {"now", H::Now}};
    Route route;
    ResponsePhase single;
    bool hasSingle = false;
    const bool ok =
        members(node, {"path", "match", "handler", "param", "phases", "status", "body", "contentType"},
                [&](std::string_view field, YamlRef, YamlRef v) {
                    if (field == "path") {
                        route.path = string(v).value_or("");
                    } else if (field == "match") {
                        const std::string m = string(v).value_or("");
                        if (m == "prefix")
                            route.match = Route::Match::Prefix;
                        else if (m != "exact")
                            m_ctx.error(v, "Unsupported value: " + quote(m) +
                                               ": supported values: \"exact\", \"prefix\"");
                    } else if (field == "handler") {
                        const std::string h = string(v).value_or("");
                        const auto it = std::find_if(handlers.begin(), handlers.end(),
                                                     [&](const auto& p) { return p.first == h; });
                        if (it != handlers.end()) {
                            route.handler = it->second;
                        } else {
                            std::vector<std::string_view> names;
                            for (const auto& p : handlers)
                                names.push_back(p.first);
                            m_ctx.error(v, "Unsupported value: " + quote(h) +
                                               ": supported values: " + joinNames(names));
                        }
                    } else if (field == "param") {
                        route.param = string(v).value_or("");
                    } else if (field == "phases") {
                        items(v, [&](YamlRef p) {
                            if (auto phase = decodePhase(p))
                                route.phases.push_back(std::move(*phase));
                        });
                    } else {
                        hasSingle = true;
                        if (field == "status")
                            single.status = int(integer(v, 100, 599).value_or(200));
                        else if (field == "body")
                            single.body = string(v).value_or("");
                        else
                            single.contentType = string(v).value_or("");
                    }
                });
    if (!ok)
        return std::nullopt;
    if (route.path.empty() || route.path.front() != '/') {
        PathScope scope(m_ctx, "path");
        m_ctx.error(node, "Required value: a route's path starts with '/'");
        return std::nullopt;
    }
    if (hasSingle && !route.phases.empty())
        m_ctx.error(node, "Invalid value: give either status/body or phases, not both");
    if (hasSingle)
        route.phases = {single};
    if (route.handler == H::Static && route.phases.empty())
        route.phases = {ResponsePhase{}};
    for (size_t i = 0; i + 1 < route.phases.size(); ++i) {
        const auto& a = route.phases[i].untilMillis;
        const auto& b = route.phases[i + 1].untilMillis;
        if (!a || (b && *b <= *a)) {
            PathScope scope(m_ctx, "phases");
            m_ctx.error(node,
                        "Invalid value: every phase but the last needs an untilMillis, in increasing order");
            break;
        }
    }
    return route;
}

std::optional<WrapperRule> CatalogueParser::decodeRule(YamlRef node)
{
    WrapperRule rule;
    const bool ok =
        members(node, {"when", "prepend", "log", "user"}, [&](std::string_view field, YamlRef, YamlRef v) {
            if (field == "when") {
                using C = WrapperRule::Condition;
                members(v, {"always", "firstArgIs", "firstArgStartsWith", "firstArgEndsWith"},
                        [&](std::string_view cond, YamlRef, YamlRef cv) {
                            if (cond == "always") {
                                rule.condition = C::Always;
                                boolean(cv);
                            } else if (cond == "firstArgIs") {
                                rule.condition = C::FirstArgIs;
                                rule.values = stringList(cv).value_or(std::vector<std::string>());
                            } else {
                                rule.condition = cond == "firstArgStartsWith" ? C::FirstArgStartsWith
                                                                              : C::FirstArgEndsWith;
                                rule.values = {string(cv).value_or("")};
                            }
                        });
            } else if (field == "prepend") {
                rule.prepend = stringList(v).value_or(std::vector<std::string>());
            } else if (field == "log") {
                rule.log = decodeLog(v);
            } else {
                rule.user = string(v).value_or("");
            }
        });
    return ok ? std::optional<WrapperRule>(rule) : std::nullopt;
}

std::optional<Program> CatalogueParser::decodeProgram(YamlRef node)
{
    const YamlRef map = m_ctx.resolve(node);
    if (!map.isValid() || map.kind() != Kind::Mapping) {
        m_ctx.error(node, "Invalid value: expected a mapping with a `model`");
        return std::nullopt;
    }
    // The model first: it decides which other fields belong.
    std::optional<Program::Model> model;
    bool hasModel = false;
    m_ctx.forEachMember(map, [&](std::string_view name, YamlRef, YamlRef value) {
        if (name != "model")
            return;
        hasModel = true;
        PathScope scope(m_ctx, "model");
        const auto s = string(value);
        if (!s)
            return;
        model = modelFromName(*s);
        if (!model) {
            std::vector<std::string_view> names;
            for (int i = 0; i <= int(Program::Model::ExecWrapper); ++i)
                names.push_back(modelName(Program::Model(i)));
            m_ctx.error(value, "Unsupported value: " + quote(*s) + ": supported values: " + joinNames(names));
        }
    });
    if (!hasModel) {
        required(node, "model");
        return std::nullopt;
    }
    if (!model)
        return std::nullopt;

    Program p;
    p.model = *model;
    std::vector<std::string_view> known = kCommonProgramFields;
    for (std::string_view f : modelFields(*model))
        known.push_back(f);
    for (std::string_view f : modelRequiredFields(*model)) {
        bool present = false;
        m_ctx.forEachMember(map, [&](std::string_view name, YamlRef, YamlRef) { present |= name == f; });
        if (!present) {
            PathScope scope(m_ctx, f);
            m_ctx.error(node, "Required value: the " + std::string(modelName(*model)) + " model needs it");
        }
    }

    const size_t errorsBefore = m_ctx.errorCount();
    members(node, known, [&](std::string_view field, YamlRef, YamlRef v) {
        if (field == "model") {
        } else if (field == "startupMillis") {
            p.startupMillis = integer(v, 0, kMaxInt).value_or(0);
        } else if (field == "log") {
            p.log = decodeLog(v);
        } else if (field == "onSignal") {
            entries(v, [&](std::string_view name, YamlRef key, YamlRef action) {
                const int number = signalNumber(name);
                if (number == 0) {
                    m_ctx.error(key, "Invalid value: " + quote(name) +
                                         ": not a signal name (TERM, SIGQUIT, 15 ...)");
                    return;
                }
                if (auto a = decodeSignalAction(action))
                    p.onSignal[number] = std::move(*a);
            });
        } else if (field == "exitCode") {
            p.exitCode = int(integer(v, 0, 255).value_or(0));
        } else if (field == "processTitle") {
            p.processTitle = string(v).value_or("");
        } else if (field == "user") {
            p.user = string(v).value_or("");
        } else if (field == "children") {
            items(v, [&](YamlRef item) {
                ChildProcess child;
                members(item, {"title", "user", "count"}, [&](std::string_view f, YamlRef, YamlRef cv) {
                    if (f == "title") {
                        child.title = string(cv).value_or("");
                    } else if (f == "user") {
                        child.user = string(cv).value_or("");
                    } else {
                        const YamlRef c = m_ctx.resolve(cv);
                        if (c.isValid() && c.kind() == Kind::Scalar && c.text() == "auto")
                            child.count = 0;
                        else
                            child.count = int(integer(cv, 1, 1024).value_or(1));
                    }
                });
                p.children.push_back(std::move(child));
            });
        } else if (field == "invocations") {
            items(v, [&](YamlRef item) {
                Invocation inv;
                members(item, {"args", "log", "exitCode", "signal", "signalTarget"},
                        [&](std::string_view f, YamlRef, YamlRef iv) {
                            if (f == "args") {
                                inv.args = stringList(iv).value_or(std::vector<std::string>());
                            } else if (f == "log") {
                                inv.log = decodeLog(iv);
                            } else if (f == "exitCode") {
                                inv.exitCode = int(integer(iv, 0, 255).value_or(0));
                            } else if (f == "signal") {
                                const std::string s = string(iv).value_or("");
                                inv.signal = signalNumber(s);
                                if (inv.signal == 0)
                                    m_ctx.error(iv, "Invalid value: " + quote(s) + ": not a signal name");
                            } else {
                                inv.signalTarget = string(iv).value_or("");
                            }
                        });
                p.invocations.push_back(std::move(inv));
            });
        } else if (field == "flavour") {
            p.flavour = string(v).value_or("");
            if (p.model == Program::Model::Shell &&
                std::find(kShellFlavours.begin(), kShellFlavours.end(), p.flavour) == kShellFlavours.end())
                m_ctx.error(v, "Unsupported value: " + quote(p.flavour) +
                                   ": supported values: " + joinNames(kShellFlavours));
        } else if (field == "commandNotFound") {
            p.commandNotFound = string(v).value_or("");
        } else if (field == "builtins") {
            p.builtins = stringList(v).value_or(std::vector<std::string>());
        } else if (field == "command") {
            p.command = string(v).value_or("");
        } else if (field == "toolset") {
            p.toolset = string(v).value_or("");
        } else if (field == "listen") {
            p.listeners = decodeListeners(v);
        } else if (field == "documentRoot") {
            p.documentRoot = string(v).value_or("");
        } else if (field == "indexFiles") {
            p.indexFiles = stringList(v).value_or(std::vector<std::string>());
        } else if (field == "autoIndex") {
            p.autoIndex = boolean(v).value_or(false);
        } else if (field == "serverHeader") {
            p.serverHeader = string(v).value_or("");
        } else if (field == "errorPages") {
            entries(v, [&](std::string_view status, YamlRef key, YamlRef body) {
                const auto code = manifest::resolvePlainScalar(status);
                if (code.type != ResolvedScalar::Type::Int || code.intValue < 100 || code.intValue > 599) {
                    m_ctx.error(key, "Invalid value: " + quote(status) + ": must be an HTTP status code");
                    return;
                }
                p.errorPages[int(code.intValue)] = string(body).value_or("");
            });
        } else if (field == "accessLog") {
            p.accessLog = decodeLogLine(v);
        } else if (field == "accessLogTimeFormat") {
            p.accessLogTimeFormat = string(v).value_or("");
        } else if (field == "timeFormat") {
            p.timeFormat = string(v).value_or("");
        } else if (field == "configFile") {
            p.configFile = string(v).value_or("");
        } else if (field == "routes") {
            items(v, [&](YamlRef item) {
                if (auto r = decodeRoute(item))
                    p.routes.push_back(std::move(*r));
            });
        } else if (field == "notFound") {
            if (auto phase = decodePhase(v))
                p.notFoundResponse = std::move(*phase);
        } else if (field == "protocol") {
            p.protocol = string(v).value_or("");
            if (std::find(kProtocols.begin(), kProtocols.end(), p.protocol) == kProtocols.end())
                m_ctx.error(v, "Unsupported value: " + quote(p.protocol) +
                                   ": supported values: " + joinNames(kProtocols));
        } else if (field == "configArgSuffix") {
            p.configArgSuffix = string(v).value_or("");
        } else if (field == "settings") {
            p.settings = stringMap(v).value_or(std::map<std::string, std::string>());
        } else if (field == "services") {
            p.services = stringMap(v).value_or(std::map<std::string, std::string>());
            for (const auto& [service, status] : p.services)
                if (status != "SERVING" && status != "NOT_SERVING")
                    m_ctx.error(v, "Unsupported value: " + quote(status) +
                                       ": supported values: \"SERVING\", \"NOT_SERVING\"");
        } else if (field == "arguments") {
            entries(v, [&](std::string_view role, YamlRef, YamlRef av) {
                ArgumentSpec spec;
                members(av, {"flag", "default"}, [&](std::string_view f, YamlRef, YamlRef fv) {
                    if (f == "flag")
                        spec.flag = string(fv).value_or("");
                    else
                        spec.defaultValue = string(fv).value_or("");
                });
                p.arguments[std::string(role)] = std::move(spec);
            });
        } else if (field == "rampMillis") {
            p.rampMillis = integer(v, 0, kMaxInt).value_or(0);
        } else if (field == "overheadBytes") {
            p.overheadBytes = integer(v, 0, kMaxInt).value_or(0);
        } else if (field == "subcommands") {
            entries(v, [&](std::string_view name, YamlRef, YamlRef sv) {
                if (auto sub = decodeProgram(sv)) {
                    sub->name = name;
                    p.subcommands.push_back(std::move(*sub));
                }
            });
        } else if (field == "usage") {
            p.usage = decodeLog(v);
        } else if (field == "rules") {
            items(v, [&](YamlRef item) {
                if (auto r = decodeRule(item))
                    p.rules.push_back(std::move(*r));
            });
        }
    });
    if (m_ctx.errorCount() != errorsBefore)
        return std::nullopt;
    return p;
}

} // namespace podlab::sim
