#pragma once

#include "api/meta.h"
#include "api/node.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// kubectl label / annotate: "key=value" sets, "key-" removes.
struct MapEdits {
    std::vector<std::pair<std::string, std::string>> set;
    std::vector<std::string> remove;
};

enum class MapKind { Labels, Annotations };
enum class Overwrite { No, Yes };

// Parses the KEY=VALUE and KEY- arguments, worded as kubectl fails ("unknown label spec: x", "can not both
// modify and remove a label in the same command", "invalid label value: …").
std::optional<MapEdits> parseMapEdits(const std::vector<std::string>& specs, MapKind kind, std::string* error);

// Applies them to a map as kubectl label/annotate does: without --overwrite an existing key is an error
// (labels: any existing key; annotations: only a different value). Returns the new map, or nullopt with
// `error` set.
std::optional<api::StringMap> applyMapEdits(const api::StringMap& current, const MapEdits& edits, MapKind kind,
                                            Overwrite overwrite, std::string* error);

// kubectl taint: "key=value:Effect", "key:Effect" add; "key:Effect-" and "key-" remove.
struct TaintEdits {
    std::vector<api::Taint> add;
    std::vector<api::Taint> remove; // effect "" removes every effect of the key
};
std::optional<TaintEdits> parseTaintEdits(const std::vector<std::string>& specs, std::string* error);

// The node's new taints and kubectl's word for what happened ("tainted", "untainted", "modified"), or
// nullopt with `error` set (a taint to remove that is not there, one to add that exists without --overwrite).
struct TaintResult {
    std::vector<api::Taint> taints;
    std::string operation;
};
std::optional<TaintResult> applyTaintEdits(const api::Node& node, const TaintEdits& edits, Overwrite overwrite,
                                           std::string* error);

} // namespace podlab::sim::kubectl
