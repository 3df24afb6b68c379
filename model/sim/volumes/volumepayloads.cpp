#include "volumepayloads.h"

#include "sim/podenv/fieldpath.h"
#include "sim/podenv/resourcefields.h"

#include <algorithm>
#include <set>

namespace podlab::sim {

namespace {

uint32_t modeOf(const std::optional<int32_t>& itemMode, int32_t defaultMode)
{
    return uint32_t(itemMode.value_or(defaultMode));
}

// downwardapi.sortLines: every value's lines are sorted, which orders labels and annotations.
std::string sortLines(const std::string& value)
{
    std::vector<std::string> lines;
    size_t start = 0;
    while (true) {
        const size_t end = value.find('\n', start);
        lines.push_back(value.substr(start, end == std::string::npos ? std::string::npos : end - start));
        if (end == std::string::npos)
            break;
        start = end + 1;
    }
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (size_t i = 0; i < lines.size(); ++i) {
        if (i)
            out += '\n';
        out += lines[i];
    }
    return out;
}

void mergeInto(VolumePayload& payload, const VolumePayload& more)
{
    for (const auto& [path, file] : more)
        payload[path] = file;
}

} // namespace

std::string VolumePayloads::aggregate(const std::vector<std::string>& errors)
{
    std::vector<std::string> unique;
    std::set<std::string> seen;
    for (const std::string& e : errors)
        if (seen.insert(e).second)
            unique.push_back(e);
    if (unique.empty())
        return {};
    if (unique.size() == 1)
        return unique.front();
    std::string out = "[";
    for (size_t i = 0; i < unique.size(); ++i)
        out += (i ? ", " : "") + unique[i];
    return out + "]";
}

Outcome<VolumePayload> VolumePayloads::configMapFiles(const std::vector<api::KeyToPath>& items,
                                                      const api::ConfigMap& configMap, int32_t defaultMode,
                                                      bool optional)
{
    VolumePayload payload;
    if (items.empty()) {
        for (const auto& [key, value] : configMap.data)
            payload[key] = {value, uint32_t(defaultMode)};
        for (const auto& [key, bytes] : configMap.binaryData)
            payload[key] = {bytes.data, uint32_t(defaultMode)};
        return Outcome<VolumePayload>::success(std::move(payload));
    }
    for (const api::KeyToPath& item : items) {
        std::string content;
        if (const auto it = configMap.data.find(item.key); it != configMap.data.end()) {
            content = it->second;
        } else if (const auto bin = configMap.binaryData.find(item.key); bin != configMap.binaryData.end()) {
            content = bin->second.data;
        } else {
            if (optional)
                continue;
            return Outcome<VolumePayload>::failure("configmap references non-existent config key: " +
                                                   item.key);
        }
        payload[item.path] = {std::move(content), modeOf(item.mode, defaultMode)};
    }
    return Outcome<VolumePayload>::success(std::move(payload));
}

Outcome<VolumePayload> VolumePayloads::secretFiles(const std::vector<api::KeyToPath>& items,
                                                   const api::Secret& secret, int32_t defaultMode,
                                                   bool optional)
{
    VolumePayload payload;
    if (items.empty()) {
        for (const auto& [key, bytes] : secret.data)
            payload[key] = {bytes.data, uint32_t(defaultMode)};
        return Outcome<VolumePayload>::success(std::move(payload));
    }
    for (const api::KeyToPath& item : items) {
        const auto it = secret.data.find(item.key);
        if (it == secret.data.end()) {
            if (optional)
                continue;
            return Outcome<VolumePayload>::failure("references non-existent secret key: " + item.key);
        }
        payload[item.path] = {it->second.data, modeOf(item.mode, defaultMode)};
    }
    return Outcome<VolumePayload>::success(std::move(payload));
}

Outcome<VolumePayload> VolumePayloads::configMap(const api::ConfigMapVolumeSource& source,
                                                 const ObjectLookup& objects)
{
    const bool optional = source.optional.value_or(false);
    const api::ConfigMap* cm = objects.findConfigMap(source.name);
    if (!cm && !optional)
        return Outcome<VolumePayload>::failure(objects.configMapNotFound(source.name));
    return configMapFiles(source.items, cm ? *cm : api::ConfigMap(),
                          source.defaultMode.value_or(kDefaultMode), optional);
}

Outcome<VolumePayload> VolumePayloads::secret(const api::SecretVolumeSource& source,
                                              const ObjectLookup& objects)
{
    const bool optional = source.optional.value_or(false);
    const api::Secret* s = objects.findSecret(source.secretName);
    if (!s && !optional)
        return Outcome<VolumePayload>::failure(objects.secretNotFound(source.secretName));
    return secretFiles(source.items, s ? *s : api::Secret(), source.defaultMode.value_or(kDefaultMode),
                       optional);
}

Outcome<VolumePayload> VolumePayloads::downwardApi(const std::vector<api::DownwardAPIVolumeFile>& items,
                                                   int32_t defaultMode, const api::Pod& pod,
                                                   const NodeFacts& node)
{
    VolumePayload payload;
    std::vector<std::string> errors;
    for (const api::DownwardAPIVolumeFile& item : items) {
        FileProjection file{{}, modeOf(item.mode, defaultMode)};
        if (item.fieldRef) {
            Outcome<std::string> v = FieldPath::extract(pod, item.fieldRef->fieldPath);
            if (v.ok())
                file.data = sortLines(v.value);
            else
                errors.push_back(v.error);
        } else if (item.resourceFieldRef) {
            Outcome<std::string> v = ResourceFields::valueByContainerName(
                *item.resourceFieldRef, pod, item.resourceFieldRef->containerName, &node.allocatable);
            if (v.ok())
                file.data = sortLines(v.value);
            else
                errors.push_back(v.error);
        }
        // A failed item still leaves its (empty) file in the payload; the error stops the write anyway.
        payload[AtomicWriter::cleanPath(item.path)] = std::move(file);
    }
    if (!errors.empty())
        return Outcome<VolumePayload>::failure(aggregate(errors));
    return Outcome<VolumePayload>::success(std::move(payload));
}

Outcome<VolumePayload> VolumePayloads::projected(const api::ProjectedVolumeSource& source,
                                                 const api::Pod& pod, const VolumeContext& context)
{
    const int32_t defaultMode = source.defaultMode.value_or(kDefaultMode);
    VolumePayload payload;
    std::vector<std::string> errors;
    for (const api::VolumeProjection& projection : source.sources) {
        if (projection.secret) {
            const api::SecretProjection& p = *projection.secret;
            const bool optional = p.optional.value_or(false);
            const api::Secret* s = context.objects.findSecret(p.name);
            if (!s && !optional) {
                errors.push_back(context.objects.secretNotFound(p.name));
                continue;
            }
            Outcome<VolumePayload> files =
                secretFiles(p.items, s ? *s : api::Secret(), defaultMode, optional);
            if (!files.ok()) {
                errors.push_back(files.error);
                continue;
            }
            mergeInto(payload, files.value);
        } else if (projection.configMap) {
            const api::ConfigMapProjection& p = *projection.configMap;
            const bool optional = p.optional.value_or(false);
            const api::ConfigMap* cm = context.objects.findConfigMap(p.name);
            if (!cm && !optional) {
                errors.push_back(context.objects.configMapNotFound(p.name));
                continue;
            }
            Outcome<VolumePayload> files =
                configMapFiles(p.items, cm ? *cm : api::ConfigMap(), defaultMode, optional);
            if (!files.ok()) {
                errors.push_back(files.error);
                continue;
            }
            mergeInto(payload, files.value);
        } else if (projection.downwardAPI) {
            Outcome<VolumePayload> files =
                downwardApi(projection.downwardAPI->items, defaultMode, pod, context.node);
            if (!files.ok()) {
                errors.push_back(files.error);
                continue;
            }
            mergeInto(payload, files.value);
        } else if (projection.serviceAccountToken) {
            const api::ServiceAccountTokenProjection& p = *projection.serviceAccountToken;
            Outcome<std::string> token =
                context.serviceAccountToken
                    ? context.serviceAccountToken(p)
                    : Outcome<std::string>::failure("failed to fetch token: no token source");
            if (!token.ok()) {
                errors.push_back(token.error);
                continue;
            }
            payload[p.path] = {std::move(token.value),
                               context.tokenOwnedByPod ? 0600u : uint32_t(defaultMode)};
        }
    }
    if (!errors.empty())
        return Outcome<VolumePayload>::failure(aggregate(errors));
    return Outcome<VolumePayload>::success(std::move(payload));
}

bool VolumePayloads::isAtomicallyWritten(const api::Volume& volume)
{
    return volume.configMap || volume.secret || volume.downwardAPI || volume.projected;
}

Outcome<VolumePayload> VolumePayloads::forVolume(const api::Volume& volume, const api::Pod& pod,
                                                 const VolumeContext& context)
{
    if (volume.configMap)
        return configMap(*volume.configMap, context.objects);
    if (volume.secret)
        return secret(*volume.secret, context.objects);
    if (volume.downwardAPI)
        return downwardApi(volume.downwardAPI->items, volume.downwardAPI->defaultMode.value_or(kDefaultMode),
                           pod, context.node);
    if (volume.projected)
        return projected(*volume.projected, pod, context);
    return Outcome<VolumePayload>::failure("volume \"" + volume.name +
                                           "\" is not written by the atomic writer");
}

std::string VolumePayloads::setUpFailedMessage(std::string_view volumeName, std::string_view error)
{
    return "MountVolume.SetUp failed for volume " + FieldPath::goQuote(volumeName) + " : " +
           std::string(error);
}

fs::Medium VolumePayloads::medium(const api::Volume& volume)
{
    if (volume.secret || volume.projected)
        return fs::Medium::Tmpfs;
    if (volume.emptyDir && volume.emptyDir->medium == "Memory")
        return fs::Medium::Tmpfs;
    return fs::Medium::Disk;
}

} // namespace podlab::sim
