#include "imagecatalogue.h"

#include "catalogueparser.h"

#include "manifest/decodecontext.h"

#include <QCryptographicHash>
#include <QFile>
#include <QtGlobal>

#include <algorithm>

namespace podlab::sim {

namespace {

constexpr const char* kBuiltinPath = ":/images/catalogue.yaml";

std::string sha256Hex(std::string_view text)
{
    const QByteArray hash =
        QCryptographicHash::hash(QByteArray(text.data(), qsizetype(text.size())), QCryptographicHash::Sha256);
    return hash.toHex().toStdString();
}

// Replaces each {name} of `text` by its value; other braces stay.
std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values)
{
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        const size_t open = text.find('{', pos);
        if (open == std::string_view::npos)
            break;
        const size_t close = text.find('}', open + 1);
        if (close == std::string_view::npos)
            break;
        const std::string_view name = text.substr(open + 1, close - open - 1);
        const auto it =
            std::find_if(values.begin(), values.end(), [&](const auto& v) { return v.first == name; });
        out.append(text.substr(pos, open - pos));
        if (it != values.end()) {
            out += it->second;
            pos = close + 1;
        } else {
            out += '{';
            pos = open + 1;
        }
    }
    out.append(text.substr(pos));
    return out;
}

std::optional<ImageCatalogue> finish(ImageCatalogue catalogue, const manifest::Diagnostics& raw,
                                     manifest::Diagnostics* errors)
{
    // Image-level sections are decoded once per tag; report each problem once.
    manifest::Diagnostics unique;
    for (const manifest::Diagnostic& d : raw)
        if (std::find(unique.begin(), unique.end(), d) == unique.end())
            unique.push_back(d);
    const bool failed = manifest::hasErrors(unique);
    if (errors)
        errors->insert(errors->end(), unique.begin(), unique.end());
    if (failed)
        return std::nullopt;
    return catalogue;
}

} // namespace

SimTime Registry::pullMillis(int64_t bytes) const
{
    if (bytesPerSecond <= 0)
        return latencyMillis;
    // Split so that large images cannot overflow; rounded up to the millisecond.
    const int64_t whole = bytes / bytesPerSecond;
    const int64_t rest = bytes % bytesPerSecond;
    return latencyMillis + whole * 1000 + (rest * 1000 + bytesPerSecond - 1) / bytesPerSecond;
}

bool ImageTag::operator==(const ImageTag& other) const
{
    if (name != other.name || size != other.size || digest != other.digest)
        return false;
    if (content == other.content)
        return true;
    return content && other.content && *content == *other.content;
}

const ImageTag* ImageRepository::findTag(std::string_view tag) const
{
    std::string_view concrete = tag;
    if (const auto it = tagAliases.find(std::string(tag)); it != tagAliases.end())
        concrete = it->second;
    for (const ImageTag& t : tags)
        if (t.name == concrete)
            return &t;
    return nullptr;
}

const ImageTag* ImageRepository::findDigest(std::string_view digest) const
{
    for (const ImageTag& t : tags)
        if (t.digest == digest)
            return &t;
    return nullptr;
}

std::string ResolvedImage::configDigest() const
{
    return "sha256:" + sha256Hex("config " + canonicalName + '@' + digest);
}

std::string ImageResolution::waitingReason() const
{
    switch (status) {
    case Status::Found:
        return {};
    case Status::InvalidReference:
        return "InvalidImageName";
    default:
        return "ErrImagePull";
    }
}

std::string ImageResolution::waitingMessage() const
{
    if (status == Status::Found || status == Status::InvalidReference)
        return error;
    return "rpc error: code = " + grpcCode + " desc = " + error;
}

std::string ImageResolution::eventReason() const
{
    switch (status) {
    case Status::Found:
        return {};
    case Status::InvalidReference:
        return "InspectFailed";
    default:
        return "Failed";
    }
}

std::string ImageResolution::eventMessage(std::string_view image) const
{
    if (status == Status::Found || status == Status::InvalidReference)
        return error;
    return "Failed to pull image \"" + std::string(image) + "\": " + waitingMessage();
}

std::string derivedDigest(std::string_view canonicalName, std::string_view tag, int64_t size)
{
    std::string key(canonicalName);
    key += ':';
    key += tag;
    key += ' ';
    key += std::to_string(size);
    return "sha256:" + sha256Hex(key);
}

std::optional<ImageCatalogue> ImageCatalogue::parse(std::string_view yaml, std::string_view fileName,
                                                    manifest::Diagnostics* errors, const ImageCatalogue* base)
{
    manifest::Diagnostics raw;
    std::optional<ImageCatalogue> result;
    int documents = 0;
    const auto yamlError = manifest::parseYamlStream(yaml, [&](const manifest::YamlDocument& doc) {
        if (++documents > 1) {
            raw.push_back({manifest::Diagnostic::Severity::Error, std::string(fileName), doc.line(),
                           doc.column(), "", "a catalogue is one YAML document; found another here"});
            return;
        }
        manifest::DecodeContext ctx(std::string(fileName), raw, doc);
        CatalogueParser parser(ctx, std::string(fileName), base);
        result = parser.parse(doc.root());
    });
    if (yamlError)
        raw.push_back({manifest::Diagnostic::Severity::Error, std::string(fileName), yamlError->line,
                       yamlError->column, "", yamlError->message});
    if (documents == 0 && !yamlError)
        raw.push_back({manifest::Diagnostic::Severity::Error, std::string(fileName), 1, 1, "",
                       "empty catalogue: expected a mapping with \"images\", or a list of image entries"});
    if (!result) {
        finish(ImageCatalogue(), raw, errors);
        return std::nullopt;
    }
    return finish(std::move(*result), raw, errors);
}

std::optional<ImageCatalogue> ImageCatalogue::parse(manifest::YamlDocument::Ref node,
                                                    std::string_view fileName, manifest::Diagnostics* errors,
                                                    const ImageCatalogue* base)
{
    manifest::Diagnostics raw;
    if (!node.isValid()) {
        raw.push_back({manifest::Diagnostic::Severity::Error, std::string(fileName), 0, 0, "",
                       "expected a mapping with \"images\", or a list of image entries"});
        return finish(ImageCatalogue(), raw, errors);
    }
    manifest::DecodeContext ctx(std::string(fileName), raw, node.document());
    CatalogueParser parser(ctx, std::string(fileName), base);
    return finish(parser.parse(node), raw, errors);
}

ImageCatalogue ImageCatalogue::builtin()
{
    QFile file(QString::fromLatin1(kBuiltinPath));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("PodLab: the built-in image catalogue %s is missing from the build", kBuiltinPath);
        return {};
    }
    const QByteArray bytes = file.readAll();
    manifest::Diagnostics errors;
    auto catalogue =
        parse(std::string_view(bytes.constData(), size_t(bytes.size())), "catalogue.yaml", &errors);
    for (const manifest::Diagnostic& d : errors)
        qWarning("%s", d.toString().c_str());
    return catalogue ? std::move(*catalogue) : ImageCatalogue();
}

void ImageCatalogue::merge(const ImageCatalogue& more)
{
    for (const ImageRepository& incoming : more.m_repositories) {
        const auto existing = std::find_if(m_repositories.begin(), m_repositories.end(),
                                           [&](const ImageRepository& r) { return r.name == incoming.name; });
        if (existing == m_repositories.end()) {
            m_repositories.push_back(incoming);
            continue;
        }
        for (const std::string& alias : incoming.aliases)
            if (std::find(existing->aliases.begin(), existing->aliases.end(), alias) ==
                existing->aliases.end())
                existing->aliases.push_back(alias);
        if (!incoming.description.empty())
            existing->description = incoming.description;
        for (const ImageTag& tag : incoming.tags) {
            const auto same = std::find_if(existing->tags.begin(), existing->tags.end(),
                                           [&](const ImageTag& t) { return t.name == tag.name; });
            if (same != existing->tags.end())
                *same = tag;
            else
                existing->tags.push_back(tag);
            // A concrete tag now hides a moving tag of the same name.
            existing->tagAliases.erase(tag.name);
        }
        for (const auto& [moving, concrete] : incoming.tagAliases)
            existing->tagAliases[moving] = concrete;
    }
    for (const auto& [name, toolset] : more.m_toolsets)
        m_toolsets[name] = toolset;
    for (const auto& [host, registry] : more.m_registries)
        m_registries[host] = registry;
    const RuntimeMessages& m = more.m_runtimeMessages;
    auto take = [](std::string& mine, const std::string& theirs) {
        if (!theirs.empty())
            mine = theirs;
    };
    take(m_runtimeMessages.execFailed, m.execFailed);
    take(m_runtimeMessages.startFailed, m.startFailed);
    take(m_runtimeMessages.notInPath, m.notInPath);
    take(m_runtimeMessages.noSuchFile, m.noSuchFile);
    take(m_runtimeMessages.noCommand, m.noCommand);
    take(m_runtimeMessages.pullFailed, m.pullFailed);
    take(m_runtimeMessages.notFound, m.notFound);
    take(m_runtimeMessages.accessDenied, m.accessDenied);
    take(m_runtimeMessages.unreachable, m.unreachable);
    take(m_runtimeMessages.refused, m.refused);
    reindex();
}

void ImageCatalogue::reindex()
{
    m_byName.clear();
    for (size_t i = 0; i < m_repositories.size(); ++i)
        m_byName[m_repositories[i].name] = i;
    // A canonical name wins over another repository's alias of the same name.
    for (size_t i = 0; i < m_repositories.size(); ++i)
        for (const std::string& alias : m_repositories[i].aliases)
            m_byName.emplace(alias, i);
}

const ImageRepository* ImageCatalogue::repository(std::string_view name) const
{
    const auto parsed = ImageReference::parse(name);
    const std::string key = std::holds_alternative<ImageReference>(parsed)
                                ? std::get<ImageReference>(parsed).repository()
                                : std::string(name);
    const auto it = m_byName.find(key);
    return it == m_byName.end() ? nullptr : &m_repositories[it->second];
}

const Registry* ImageCatalogue::registry(std::string_view host) const
{
    if (const auto it = m_registries.find(std::string(host)); it != m_registries.end())
        return &it->second;
    // "localhost:5000" falls back to "localhost", then to "*".
    const size_t colon = host.rfind(':');
    if (colon != std::string_view::npos && host.find(']', colon) == std::string_view::npos)
        if (const auto it = m_registries.find(std::string(host.substr(0, colon))); it != m_registries.end())
            return &it->second;
    if (const auto it = m_registries.find("*"); it != m_registries.end())
        return &it->second;
    return nullptr;
}

std::shared_ptr<const Toolset> ImageCatalogue::toolset(std::string_view name) const
{
    const auto it = m_toolsets.find(std::string(name));
    return it == m_toolsets.end() ? nullptr : it->second;
}

ImageResolution ImageCatalogue::resolve(std::string_view text) const
{
    ImageResolution result;
    auto parsed = ImageReference::parse(text);
    if (const auto* error = std::get_if<ImageReference::Error>(&parsed)) {
        result.status = ImageResolution::Status::InvalidReference;
        result.error = kubeletInvalidNameMessage(text, *error);
        return result;
    }
    const ImageReference& ref = std::get<ImageReference>(parsed);
    result.reference = ref;
    const Registry* registry = this->registry(ref.domain());
    const SimTime latency = registry ? registry->latencyMillis : 0;

    const auto it = m_byName.find(ref.repository());
    const ImageRepository* repo = it == m_byName.end() ? nullptr : &m_repositories[it->second];
    const ImageTag* tag = nullptr;
    if (repo)
        tag = ref.digest().empty() ? repo->findTag(ref.effectiveTag()) : repo->findDigest(ref.digest());
    if (tag) {
        ResolvedImage image;
        image.reference = ref;
        image.canonicalName = repo->name;
        image.tag = tag->name;
        image.digest = tag->digest;
        image.size = tag->size;
        image.pullMillis = registry ? registry->pullMillis(tag->size) : 0;
        image.content = tag->content;
        result.image = std::move(image);
        return result;
    }

    using U = Registry::UnknownRepository;
    const U behaviour = repo ? U::NotFound : registry ? registry->unknownRepository : U::Unreachable;
    const std::string reference = ref.toString();
    std::string reason;
    switch (behaviour) {
    case U::NotFound:
        reason = fill(m_runtimeMessages.notFound, {{"reference", reference}});
        result.grpcCode = "NotFound";
        break;
    case U::AccessDenied:
        reason = fill(m_runtimeMessages.accessDenied, {{"reference", reference}});
        result.grpcCode = "Unknown";
        break;
    case U::Unreachable:
    case U::Refused: {
        const std::string object = ref.digest().empty() ? ref.effectiveTag() : ref.digest();
        const std::string& host = ref.domain();
        const size_t colon = host.rfind(':');
        const bool hasPort = colon != std::string::npos && host.find(']', colon) == std::string::npos;
        reason = fill(behaviour == U::Unreachable ? m_runtimeMessages.unreachable : m_runtimeMessages.refused,
                      {{"host", host},
                       {"hostname", hasPort ? host.substr(0, colon) : host},
                       {"port", hasPort ? host.substr(colon + 1) : std::string("443")},
                       {"path", ref.path()},
                       {"object", object},
                       {"reference", reference}});
        result.grpcCode = "Unknown";
        break;
    }
    }
    result.status = repo ? ImageResolution::Status::TagNotFound
                    : (behaviour == U::Unreachable || behaviour == U::Refused)
                        ? ImageResolution::Status::RegistryUnreachable
                        : ImageResolution::Status::RepositoryNotFound;
    result.error = fill(m_runtimeMessages.pullFailed, {{"reference", reference}, {"reason", reason}});
    result.failMillis = latency;
    return result;
}

} // namespace podlab::sim
