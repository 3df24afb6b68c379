#pragma once

// Checks shared by the validation of every kind (private to the validation*.cpp files).
#include "fielderror.h"
#include "names.h"

#include "api/intorstring.h"
#include "api/meta.h"

#include <algorithm>
#include <iterator>
#include <string_view>
#include <vector>

namespace podlab::manifest {

using NameCheck = Messages (*)(std::string_view);
using Names = std::vector<std::string_view>;

template <class C, class V>
bool contains(const C& c, const V& v)
{
    return std::find(std::begin(c), std::end(c), v) != std::end(c);
}

void addAll(FieldErrors& errors, FieldErrors more);
// One "Invalid value" error per message, as the API server reports name problems.
void addMessages(FieldErrors& errors, const FieldPath& path, std::string_view value, const Messages& messages);

FieldErrors validateObjectMeta(const api::ObjectMeta& meta, bool namespaced, NameCheck nameCheck,
                               const FieldPath& path);
FieldErrors validateLabels(const api::StringMap& labels, const FieldPath& path);
FieldErrors validateAnnotations(const api::StringMap& annotations, const FieldPath& path);
FieldErrors validateLabelSelector(const api::LabelSelector& selector, const FieldPath& path);
// Whether metav1.LabelSelectorAsSelector accepts the selector (workloads skip their template otherwise).
bool isConvertibleSelector(const api::LabelSelector& selector);
bool selectorMatches(const api::LabelSelector& selector, const api::StringMap& labels);
FieldErrors validateNonNegative(int64_t value, const FieldPath& path);
// Finalizer names that need no domain prefix: kubernetes, orphan, foregroundDeletion.
FieldErrors validateFinalizerName(const std::string& name, const FieldPath& path);

// Bad values the API server prints as JSON (encoding/json of the Go value).
std::string jsonOf(const api::StringMap& map); // a nil map prints as null
std::string jsonOf(const api::IntOrString& v);
std::string jsonOf(const std::optional<api::IntOrString>& v);
std::string jsonOf(const std::vector<std::string>& list);
std::string jsonOf(const api::LabelSelector& selector);

} // namespace podlab::manifest
