#include "validation_meta.h"

namespace podlab::manifest {

void addAll(FieldErrors& errors, FieldErrors more)
{
    errors.insert(errors.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
}

void addMessages(FieldErrors& errors, const FieldPath& path, std::string_view value, const Messages& messages)
{
    for (const std::string& m : messages)
        errors.push_back(invalid(path, value, m));
}

FieldErrors validateNonNegative(int64_t value, const FieldPath& path)
{
    if (value < 0)
        return {invalid(path, value, "must be greater than or equal to 0")};
    return {};
}

FieldErrors validateLabels(const api::StringMap& labels, const FieldPath& path)
{
    FieldErrors errors;
    for (const auto& [key, value] : labels) {
        addMessages(errors, path, key, isQualifiedName(key));
        addMessages(errors, path.key(key), value, isLabelValue(value));
    }
    return errors;
}

FieldErrors validateAnnotations(const api::StringMap& annotations, const FieldPath& path)
{
    constexpr size_t kTotalAnnotationSizeLimit = 256 * 1024;
    FieldErrors errors;
    size_t total = 0;
    for (const auto& [key, value] : annotations) {
        std::string lower = key;
        for (char& c : lower)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        addMessages(errors, path, lower, isQualifiedName(lower));
        total += key.size() + value.size();
    }
    if (total > kTotalAnnotationSizeLimit)
        errors.push_back(tooLong(path, kTotalAnnotationSizeLimit));
    return errors;
}

FieldErrors validateObjectMeta(const api::ObjectMeta& meta, bool namespaced, NameCheck nameCheck,
                               const FieldPath& path)
{
    FieldErrors errors;
    if (!meta.generateName.empty()) {
        // generateName gets a random suffix: check the prefix as a name without its trailing dash.
        std::string prefix = meta.generateName;
        if (!prefix.empty() && prefix.back() == '-')
            prefix.pop_back();
        addMessages(errors, path.child("generateName"), meta.generateName, nameCheck(prefix));
    }
    if (meta.name.empty()) {
        if (meta.generateName.empty())
            errors.push_back(required(path.child("name"), "name or generateName is required"));
    } else {
        addMessages(errors, path.child("name"), meta.name, nameCheck(meta.name));
    }
    if (namespaced) {
        if (!meta.namespace_.empty())
            addMessages(errors, path.child("namespace"), meta.namespace_, isDns1123Label(meta.namespace_));
    } else if (!meta.namespace_.empty()) {
        errors.push_back(forbidden(path.child("namespace"), "not allowed on this type"));
    }
    if (meta.generation < 0)
        errors.push_back(invalid(path.child("generation"), meta.generation, "must be greater than or equal to 0"));
    addAll(errors, validateLabels(meta.labels, path.child("labels")));
    addAll(errors, validateAnnotations(meta.annotations, path.child("annotations")));
    for (size_t i = 0; i < meta.ownerReferences.size(); ++i) {
        const api::OwnerReference& ref = meta.ownerReferences[i];
        const FieldPath p = path.child("ownerReferences").index(i);
        if (ref.apiVersion.empty())
            errors.push_back(invalid(p.child("apiVersion"), ref.apiVersion, "version must not be empty"));
        if (ref.kind.empty())
            errors.push_back(invalid(p.child("kind"), ref.kind, "must not be empty"));
        if (ref.name.empty())
            errors.push_back(invalid(p.child("name"), ref.name, "must not be empty"));
        if (ref.uid.empty())
            errors.push_back(invalid(p.child("uid"), ref.uid, "must not be empty"));
    }
    return errors;
}

FieldErrors validateLabelSelector(const api::LabelSelector& selector, const FieldPath& path)
{
    FieldErrors errors;
    for (size_t i = 0; i < selector.matchExpressions.size(); ++i) {
        const api::LabelSelectorRequirement& r = selector.matchExpressions[i];
        const FieldPath p = path.child("matchExpressions").index(i);
        if (r.operator_ == "In" || r.operator_ == "NotIn") {
            if (r.values.empty())
                errors.push_back(required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
        } else if (r.operator_ == "Exists" || r.operator_ == "DoesNotExist") {
            if (!r.values.empty())
                errors.push_back(
                    forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        } else {
            errors.push_back(invalid(p.child("operator"), r.operator_, "not a valid selector operator"));
        }
        addMessages(errors, p.child("key"), r.key, isQualifiedName(r.key));
    }
    addAll(errors, validateLabels(selector.matchLabels, path.child("matchLabels")));
    return errors;
}

} // namespace podlab::manifest
