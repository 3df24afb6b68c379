#pragma once

#include "apiserver.h"

#include "api/config.h"

#include <vector>

namespace podlab::sim {

// What the API server does to ConfigMaps and Secrets beyond storing them.

// A Secret's stringData is a write-only convenience: the conversion from v1 folds it into data (its keys win)
// before validation or storage sees the object, so stored Secrets never hold it.
void foldStringData(api::Secret& secret);

// ValidateConfigMapUpdate's immutability rule: once `immutable: true` is stored, neither data nor binaryData
// may change and immutable may not be cleared. Metadata stays editable; delete and create again is the way to
// change the content.
std::vector<ApiError::Cause> configMapUpdateErrors(const api::ConfigMap& updated, const api::ConfigMap& old);

// ValidateSecretUpdate: the type never changes, and the same immutability rule for data (stringData is
// already folded into it).
std::vector<ApiError::Cause> secretUpdateErrors(const api::Secret& updated, const api::Secret& old);

} // namespace podlab::sim
