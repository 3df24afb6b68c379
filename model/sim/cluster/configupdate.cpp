#include "configupdate.h"

#include "manifest/fielderror.h"

namespace podlab::sim {

namespace {

constexpr const char* kImmutable = "field is immutable when `immutable` is set";

ApiError::Cause forbiddenWhileImmutable(const char* field)
{
    const manifest::FieldError e = manifest::forbidden(manifest::FieldPath(field), kImmutable);
    return {e.path, e.message};
}

bool isImmutable(const std::optional<bool>& immutable)
{
    return immutable.value_or(false);
}

} // namespace

void foldStringData(api::Secret& secret)
{
    for (auto& [key, value] : secret.stringData)
        secret.data[key] = api::Bytes{std::move(value)};
    secret.stringData.clear();
}

std::vector<ApiError::Cause> configMapUpdateErrors(const api::ConfigMap& updated, const api::ConfigMap& old)
{
    std::vector<ApiError::Cause> causes;
    if (!isImmutable(old.immutable))
        return causes;
    if (!isImmutable(updated.immutable))
        causes.push_back(forbiddenWhileImmutable("immutable"));
    if (updated.data != old.data)
        causes.push_back(forbiddenWhileImmutable("data"));
    if (updated.binaryData != old.binaryData)
        causes.push_back(forbiddenWhileImmutable("binaryData"));
    return causes;
}

std::vector<ApiError::Cause> secretUpdateErrors(const api::Secret& updated, const api::Secret& old)
{
    std::vector<ApiError::Cause> causes;
    if (updated.type != old.type) {
        // ValidateImmutableField.
        const manifest::FieldError e =
            manifest::invalid(manifest::FieldPath("type"), updated.type, "field is immutable");
        causes.push_back({e.path, e.message});
    }
    if (isImmutable(old.immutable)) {
        if (!isImmutable(updated.immutable))
            causes.push_back(forbiddenWhileImmutable("immutable"));
        if (updated.data != old.data)
            causes.push_back(forbiddenWhileImmutable("data"));
    }
    return causes;
}

} // namespace podlab::sim
