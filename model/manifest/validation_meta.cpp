#include "validation_meta.h"

#include <algorithm>

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

// Kubernetes reports a bad label value at the map; PodLab names the key too, so the position is the entry.
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
        // The rule is a qualified name regardless of case; the message quotes the key as written.
        std::string lower = key;
        for (char& c : lower)
            c = char(std::tolower(static_cast<unsigned char>(c)));
        addMessages(errors, path, key, isQualifiedName(lower));
        total += key.size() + value.size();
    }
    if (total > kTotalAnnotationSizeLimit)
        errors.push_back(tooLong(path, kTotalAnnotationSizeLimit));
    return errors;
}

FieldErrors validateFinalizerName(const std::string& name, const FieldPath& path)
{
    FieldErrors errors;
    if (name.find('/') == std::string::npos && name != "kubernetes" && name != "orphan" &&
        name != "foregroundDeletion")
        errors.push_back(invalid(path, name, "name is neither a standard finalizer name nor is it fully qualified"));
    return errors;
}

namespace {

std::string ownerJson(const api::OwnerReference& ref)
{
    std::string out = "{\"apiVersion\":" + BadValue::jsonQuote(ref.apiVersion) + ",\"kind\":" +
                      BadValue::jsonQuote(ref.kind) + ",\"name\":" + BadValue::jsonQuote(ref.name) +
                      ",\"uid\":" + BadValue::jsonQuote(ref.uid);
    if (ref.controller)
        out += std::string(",\"controller\":") + (*ref.controller ? "true" : "false");
    if (ref.blockOwnerDeletion)
        out += std::string(",\"blockOwnerDeletion\":") + (*ref.blockOwnerDeletion ? "true" : "false");
    return out + "}";
}

FieldErrors validateOwnerReferences(const std::vector<api::OwnerReference>& refs, const FieldPath& path)
{
    FieldErrors errors;
    std::string firstController;
    for (size_t i = 0; i < refs.size(); ++i) {
        const api::OwnerReference& ref = refs[i];
        // Kubernetes names only the list; PodLab names the entry, so the position is right.
        const FieldPath p = path.index(i);
        const size_t slash = ref.apiVersion.find('/');
        const std::string version = slash == std::string::npos ? ref.apiVersion : ref.apiVersion.substr(slash + 1);
        if (version.empty())
            errors.push_back(invalid(p.child("apiVersion"), ref.apiVersion, "version must not be empty"));
        if (ref.kind.empty())
            errors.push_back(invalid(p.child("kind"), ref.kind, "must not be empty"));
        if (ref.name.empty())
            errors.push_back(invalid(p.child("name"), ref.name, "must not be empty"));
        if (ref.uid.empty())
            errors.push_back(invalid(p.child("uid"), ref.uid, "must not be empty"));
        if (ref.apiVersion == "v1" && ref.kind == "Event")
            errors.push_back(invalid(p, BadValue::raw(ownerJson(ref)), "/v1, Kind=Event is disallowed from being an owner"));
        if (ref.controller.value_or(false)) {
            const std::string current = ref.kind + "/" + ref.name;
            if (!firstController.empty()) {
                std::string all = "[";
                for (const api::OwnerReference& r : refs)
                    all += (all.size() > 1 ? "," : "") + ownerJson(r);
                errors.push_back(invalid(path, BadValue::raw(all + "]"),
                                         "Only one reference can have Controller set to true. Found \"true\" in "
                                         "references for " +
                                             firstController + " and " + current));
            } else {
                firstController = current;
            }
        }
    }
    return errors;
}

} // namespace

FieldErrors validateObjectMeta(const api::ObjectMeta& meta, bool namespaced, NameCheck nameCheck,
                               const FieldPath& path)
{
    FieldErrors errors;
    if (!meta.generateName.empty())
        addMessages(errors, path.child("generateName"), meta.generateName, nameCheck(maskTrailingDash(meta.generateName)));
    if (meta.name.empty()) {
        // The API server generates the name from generateName before it validates; PodLab has no name yet.
        if (meta.generateName.empty())
            errors.push_back(required(path.child("name"), "name or generateName is required"));
    } else {
        addMessages(errors, path.child("name"), meta.name, nameCheck(meta.name));
    }
    // An empty namespace is not an error here: kubectl fills in the namespace of the context.
    if (namespaced) {
        if (!meta.namespace_.empty())
            addMessages(errors, path.child("namespace"), meta.namespace_, isDns1123Label(meta.namespace_));
    } else if (!meta.namespace_.empty()) {
        errors.push_back(forbidden(path.child("namespace"), "not allowed on this type"));
    }
    addAll(errors, validateNonNegative(meta.generation, path.child("generation")));
    addAll(errors, validateLabels(meta.labels, path.child("labels")));
    addAll(errors, validateAnnotations(meta.annotations, path.child("annotations")));
    addAll(errors, validateOwnerReferences(meta.ownerReferences, path.child("ownerReferences")));
    bool orphan = false, foreground = false;
    for (size_t i = 0; i < meta.finalizers.size(); ++i) {
        addMessages(errors, path.child("finalizers").index(i), meta.finalizers[i], isQualifiedName(meta.finalizers[i]));
        orphan = orphan || meta.finalizers[i] == "orphan";
        foreground = foreground || meta.finalizers[i] == "foregroundDeletion";
    }
    if (orphan && foreground)
        errors.push_back(invalid(path.child("finalizers"), BadValue::raw(jsonOf(meta.finalizers)),
                                 "finalizer orphan and foregroundDeletion cannot be both set"));
    for (size_t i = 0; i < meta.finalizers.size(); ++i)
        addAll(errors, validateFinalizerName(meta.finalizers[i], path.child("finalizers").index(i)));
    return errors;
}

FieldErrors validateLabelSelector(const api::LabelSelector& selector, const FieldPath& path)
{
    FieldErrors errors = validateLabels(selector.matchLabels, path.child("matchLabels"));
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
        for (size_t k = 0; k < r.values.size(); ++k)
            addMessages(errors, p.child("values").index(k), r.values[k], isLabelValue(r.values[k]));
    }
    return errors;
}

bool isConvertibleSelector(const api::LabelSelector& selector)
{
    for (const auto& [key, value] : selector.matchLabels)
        if (!isQualifiedName(key).empty() || !isLabelValue(value).empty())
            return false;
    for (const api::LabelSelectorRequirement& r : selector.matchExpressions) {
        if (!isQualifiedName(r.key).empty())
            return false;
        if (r.operator_ == "In" || r.operator_ == "NotIn") {
            if (r.values.empty())
                return false;
        } else if (r.operator_ == "Exists" || r.operator_ == "DoesNotExist") {
            if (!r.values.empty())
                return false;
        } else {
            return false;
        }
        for (const std::string& v : r.values)
            if (!isLabelValue(v).empty())
                return false;
    }
    return true;
}

bool selectorMatches(const api::LabelSelector& selector, const api::StringMap& labels)
{
    for (const auto& [k, v] : selector.matchLabels) {
        auto it = labels.find(k);
        if (it == labels.end() || it->second != v)
            return false;
    }
    for (const api::LabelSelectorRequirement& r : selector.matchExpressions) {
        const auto it = labels.find(r.key);
        const bool has = it != labels.end();
        const bool in = has && std::find(r.values.begin(), r.values.end(), it->second) != r.values.end();
        if ((r.operator_ == "In" && !in) || (r.operator_ == "NotIn" && in) || (r.operator_ == "Exists" && !has) ||
            (r.operator_ == "DoesNotExist" && has))
            return false;
    }
    return true;
}

std::string jsonOf(const api::StringMap& map)
{
    if (map.empty())
        return "null";
    std::string out = "{";
    for (const auto& [k, v] : map) {
        if (out.size() > 1)
            out += ',';
        out += BadValue::jsonQuote(k) + ":" + BadValue::jsonQuote(v);
    }
    return out + "}";
}

std::string jsonOf(const api::IntOrString& v)
{
    return v.isString ? BadValue::jsonQuote(v.stringValue) : std::to_string(v.intValue);
}

std::string jsonOf(const std::optional<api::IntOrString>& v) { return v ? jsonOf(*v) : "null"; }

std::string jsonOf(const std::vector<std::string>& list)
{
    if (list.empty())
        return "null";
    std::string out = "[";
    for (const std::string& s : list) {
        if (out.size() > 1)
            out += ',';
        out += BadValue::jsonQuote(s);
    }
    return out + "]";
}

std::string jsonOf(const api::LabelSelector& selector)
{
    std::string out = "{";
    if (!selector.matchLabels.empty())
        out += "\"matchLabels\":" + jsonOf(selector.matchLabels);
    if (!selector.matchExpressions.empty()) {
        if (out.size() > 1)
            out += ',';
        out += "\"matchExpressions\":[";
        bool first = true;
        for (const api::LabelSelectorRequirement& r : selector.matchExpressions) {
            out += first ? "" : ",";
            first = false;
            out += "{\"key\":" + BadValue::jsonQuote(r.key) + ",\"operator\":" + BadValue::jsonQuote(r.operator_);
            if (!r.values.empty())
                out += ",\"values\":" + jsonOf(r.values);
            out += "}";
        }
        out += "]";
    }
    return out + "}";
}

} // namespace podlab::manifest
