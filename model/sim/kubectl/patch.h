#pragma once

#include "sim/podenv/outcome.h"

#include "api/value.h"

#include <string>
#include <string_view>

namespace podlab::sim::kubectl {

// kubectl patch's three patch types, applied to an object as the API server applies them.
enum class PatchType { Strategic, Merge, Json };

// The patch text (JSON or YAML) as a value, or kubectl's error for text it cannot read.
Outcome<api::Value> readPatch(std::string_view text);

// RFC 7386 JSON merge patch: maps merge, null deletes, anything else (lists too) replaces.
api::Value mergePatch(const api::Value& target, const api::Value& patch);

// A strategic merge patch on a built-in kind: a merge patch whose lists merge as the type's patchStrategy
// says (containers by name, ports by containerPort, …; see listMergeRule); `$patch: delete` in a keyed list
// element removes that element.
api::Value strategicMergePatch(std::string_view kind, const api::Value& target, const api::Value& patch);

// RFC 6902 JSON patch: add, remove, replace and test, in order (move and copy are not simulated); the error
// says what failed.
Outcome<api::Value> jsonPatch(const api::Value& target, const api::Value& operations);

} // namespace podlab::sim::kubectl
