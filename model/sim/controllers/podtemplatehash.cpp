#include "podtemplatehash.h"

#include "manifest/manifestwriter.h"
#include "manifest/writer.h"

namespace podlab::sim {

namespace {

// Kubernetes' alphabet for generated names: no vowels (no words), no 0, 1, 3 (no look-alikes).
constexpr std::string_view kAlphanums = "bcdfghjklmnpqrstvwxz2456789";

} // namespace

uint32_t fnv32a(std::string_view bytes, uint32_t hash)
{
    for (unsigned char c : bytes) {
        hash ^= c;
        hash *= 16777619u;
    }
    return hash;
}

std::string safeEncode(std::string_view text)
{
    std::string out(text.size(), ' ');
    for (size_t i = 0; i < text.size(); ++i)
        out[i] = kAlphanums[static_cast<unsigned char>(text[i]) % kAlphanums.size()];
    return out;
}

std::string computePodTemplateHash(const api::PodTemplateSpec& tmpl, std::optional<int32_t> collisionCount)
{
    // The template as the API server stores it in a PodTemplate: its metadata and spec.
    api::Pod pod;
    pod.metadata = tmpl.metadata;
    pod.spec = tmpl.spec;
    api::Value v = manifest::encodeObject(api::Object(pod));
    uint32_t hash = fnv32a(manifest::toCompactJson(v));
    if (collisionCount) {
        const uint32_t n = uint32_t(*collisionCount);
        const char bytes[8] = {char(n & 0xff), char((n >> 8) & 0xff), char((n >> 16) & 0xff), char((n >> 24) & 0xff),
                               0, 0, 0, 0};
        hash = fnv32a(std::string_view(bytes, 8), hash);
    }
    return safeEncode(std::to_string(hash));
}

} // namespace podlab::sim
