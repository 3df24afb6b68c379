#include "strategicmerge.h"

#include <algorithm>
#include <string>

namespace podlab::sim::kubectl {

namespace {

using api::Value;

bool isContainerList(std::string_view field)
{
    return field == "containers" || field == "initContainers" || field == "ephemeralContainers";
}

// Drops explicit nulls: in a patch they mean "delete", so they never reach the stored object.
Value withoutNulls(const Value& v)
{
    if (v.isObject()) {
        Value out{Value::Object{}};
        for (const auto& [k, member] : v.asObject())
            if (!member.isNull())
                out.insert(k, withoutNulls(member));
        return out;
    }
    if (v.isArray()) {
        Value out{Value::Array{}};
        for (const Value& item : v.asArray())
            out.asArray().push_back(withoutNulls(item));
        return out;
    }
    return v;
}

class Merger {
public:
    explicit Merger(std::string kind) : m_kind(std::move(kind)) {}

    // `parent` names the field whose value holds this object (the list's name for list elements).
    Value mergeObject(const Value* original, const Value& modified, const Value& current, std::string_view parent)
    {
        if (!current.isObject())
            return withoutNulls(modified);
        Value out = current;
        Value::Object& members = out.asObject();
        for (const auto& [key, value] : modified.asObject()) {
            auto it = std::find_if(members.begin(), members.end(), [&](const auto& m) { return m.first == key; });
            if (value.isNull()) {
                if (it != members.end())
                    members.erase(it);
                continue;
            }
            const Value* before = original && original->isObject() ? original->find(key) : nullptr;
            if (it == members.end())
                members.emplace_back(key, withoutNulls(value));
            else
                it->second = mergeField(before, value, it->second, parent, key);
        }
        if (original && original->isObject())
            for (const auto& [key, value] : original->asObject())
                if (!modified.find(key))
                    std::erase_if(members, [&](const auto& m) { return m.first == key; });
        return out;
    }

private:
    Value mergeField(const Value* original, const Value& modified, const Value& current, std::string_view parent,
                     std::string_view field)
    {
        if (modified.isObject())
            return mergeObject(original, modified, current, field);
        if (modified.isArray() && current.isArray()) {
            const ListMergeRule rule = listMergeRule(m_kind, parent, field);
            const Value* before = original && original->isArray() ? original : nullptr;
            if (rule.strategy == ListMergeRule::Strategy::MergeByKey)
                return mergeByKey(before, modified, current, field, rule.key);
            if (rule.strategy == ListMergeRule::Strategy::MergePrimitives)
                return mergePrimitives(before, modified, current);
        }
        return withoutNulls(modified);
    }

    static const Value* keyOf(const Value& item, std::string_view key)
    {
        return item.isObject() ? item.find(key) : nullptr;
    }

    static const Value* withKey(const Value* list, std::string_view key, const Value& wanted)
    {
        if (!list)
            return nullptr;
        for (const Value& item : list->asArray())
            if (const Value* k = keyOf(item, key); k && *k == wanted)
                return &item;
        return nullptr;
    }

    // Modified's elements in modified's order, each merged into the live element with the same key; then the
    // live elements modified does not name, unless the last apply named them (then they were deleted).
    Value mergeByKey(const Value* original, const Value& modified, const Value& current, std::string_view field,
                     std::string_view key)
    {
        Value out{Value::Array{}};
        for (const Value& item : modified.asArray()) {
            const Value* k = keyOf(item, key);
            const Value* live = k ? withKey(&current, key, *k) : nullptr;
            if (live && item.isObject())
                out.asArray().push_back(mergeObject(k ? withKey(original, key, *k) : nullptr, item, *live, field));
            else
                out.asArray().push_back(withoutNulls(item));
        }
        for (const Value& item : current.asArray()) {
            const Value* k = keyOf(item, key);
            if (!k) {
                out.asArray().push_back(item);
                continue;
            }
            if (withKey(&modified, key, *k) || withKey(original, key, *k))
                continue;
            out.asArray().push_back(item);
        }
        return out;
    }

    static bool contains(const Value* list, const Value& v)
    {
        return list && std::find(list->asArray().begin(), list->asArray().end(), v) != list->asArray().end();
    }

    // A set of scalars (finalizers): live values stay unless the last apply had them and this one has not.
    static Value mergePrimitives(const Value* original, const Value& modified, const Value& current)
    {
        Value out{Value::Array{}};
        for (const Value& v : current.asArray())
            if (contains(&modified, v) || !contains(original, v))
                out.asArray().push_back(v);
        for (const Value& v : modified.asArray())
            if (!contains(&out, v))
                out.asArray().push_back(v);
        return out;
    }

    std::string m_kind;
};

} // namespace

ListMergeRule listMergeRule(std::string_view kind, std::string_view parent, std::string_view field)
{
    using S = ListMergeRule::Strategy;
    // The patchMergeKey tags of k8s.io/api. Tolerations and taints have none: they are replaced whole.
    if (isContainerList(field) || field == "volumes" || field == "imagePullSecrets" || field == "schedulingGates" ||
        field == "resourceClaims" || field == "env")
        return {S::MergeByKey, "name"};
    if (field == "volumeMounts")
        return {S::MergeByKey, "mountPath"};
    if (field == "volumeDevices")
        return {S::MergeByKey, "devicePath"};
    if (field == "hostAliases")
        return {S::MergeByKey, "ip"};
    if (field == "topologySpreadConstraints")
        return {S::MergeByKey, "topologyKey"};
    if (field == "ownerReferences")
        return {S::MergeByKey, "uid"};
    if (field == "conditions")
        return {S::MergeByKey, "type"};
    if (field == "ports") {
        if (isContainerList(parent))
            return {S::MergeByKey, "containerPort"};
        if (kind == "Service" && parent == "spec")
            return {S::MergeByKey, "port"};
    }
    if (field == "finalizers" || (kind == "Node" && field == "podCIDRs"))
        return {S::MergePrimitives, {}};
    return {};
}

Value threeWayMerge(const Value& original, const Value& modified, const Value& current)
{
    const Value* kind = modified.find("kind");
    Merger merger(kind && kind->isString() ? kind->asString() : std::string());
    if (!modified.isObject())
        return current;
    return merger.mergeObject(original.isObject() ? &original : nullptr, modified, current, {});
}

} // namespace podlab::sim::kubectl
