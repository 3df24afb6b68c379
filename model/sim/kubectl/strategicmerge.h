#pragma once

#include "api/value.h"

#include <string_view>

namespace podlab::sim::kubectl {

// kubectl's client-side apply on an object that exists: the three-way strategic merge of
//   original — what was applied last time (the kubectl.kubernetes.io/last-applied-configuration annotation,
//              null when the object has none),
//   modified — the file as applied now (with the new annotation in it),
//   current  — the live object,
// giving the object the API server stores once it has applied kubectl's patch. Maps merge; a field that
// original has and modified lacks is deleted; a field neither mentions (server defaults, what admission and
// the scheduler set) is kept. Lists with a patch merge key in the built-in types (containers by name, ports
// by containerPort, …) merge element by element the same way; other lists are replaced by modified's.
// The patch is empty, and kubectl says "unchanged", exactly when the result equals current.
api::Value threeWayMerge(const api::Value& original, const api::Value& modified, const api::Value& current);

// How the built-in types merge a list field, from their patchStrategy/patchMergeKey tags. `parent` is the
// field holding the object the list is in ("containers" for a container's ports, "spec" for a Service's).
struct ListMergeRule {
    enum class Strategy { Replace, MergeByKey, MergePrimitives };
    Strategy strategy = Strategy::Replace;
    std::string_view key; // for MergeByKey
};
ListMergeRule listMergeRule(std::string_view kind, std::string_view parent, std::string_view field);

} // namespace podlab::sim::kubectl
