#pragma once

// Checks shared by the validation of every kind (private to the validation*.cpp files).
#include "fielderror.h"
#include "names.h"

#include "api/meta.h"

namespace podlab::manifest {

using NameCheck = Messages (*)(std::string_view);

void addAll(FieldErrors& errors, FieldErrors more);
// One "Invalid value" error per message, as the API server reports name problems.
void addMessages(FieldErrors& errors, const FieldPath& path, std::string_view value, const Messages& messages);

FieldErrors validateObjectMeta(const api::ObjectMeta& meta, bool namespaced, NameCheck nameCheck,
                               const FieldPath& path);
FieldErrors validateLabels(const api::StringMap& labels, const FieldPath& path);
FieldErrors validateAnnotations(const api::StringMap& annotations, const FieldPath& path);
FieldErrors validateLabelSelector(const api::LabelSelector& selector, const FieldPath& path);
FieldErrors validateNonNegative(int64_t value, const FieldPath& path);

} // namespace podlab::manifest
