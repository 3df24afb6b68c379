#pragma once

#include "api/value.h"

#include <string>

namespace podlab::manifest {

// YAML laid out as `kubectl get -o yaml` lays it out (go-yaml v2's emitter, behind sigs.k8s.io/yaml):
// keys sorted in go-yaml's natural order, lists not indented under their key, strings quoted only when they
// would otherwise read as something else ("80", "true", timestamps), long strings folded at 80 columns,
// multi-line strings as literal blocks.
std::string toYaml(const api::Value& value);

// JSON laid out as `kubectl get -o json` lays it out (Go's json.MarshalIndent with four spaces): keys in
// byte order, <, > and & escaped. Go sorts the keys of maps, which is what kubectl get prints (objects decoded
// as unstructured maps); a typed Go struct is written in field order, so a command that prints the object it
// built (kubectl create … -o json) wants the keys as the value holds them.
enum class KeyOrder { Sorted, AsGiven };
std::string toJson(const api::Value& value, KeyOrder order = KeyOrder::Sorted);

// Compact JSON with sorted keys, as Go's json.Marshal writes it (kubectl's last-applied-configuration).
std::string toCompactJson(const api::Value& value);

// A string as Go's encoding/json writes it, quotes included: HTML-safe (<, >, & and U+2028/U+2029 as \u
// escapes), control characters as \u00XX except \n, \r and \t. Every JSON string PodLab prints that a Go
// program would have printed goes through here.
std::string jsonQuoted(std::string_view s);

} // namespace podlab::manifest
