#pragma once

#include "manifest/diagnostic.h"

#include <optional>
#include <string>
#include <string_view>

namespace podlab::sim::kubectl {

// What the API server answers when the body kubectl sent cannot be decoded into the object's type, from the
// problems PodLab's manifest reader found in it. kubectl (with its default --validate=strict) asks the
// server to decode strictly and checks nothing itself, so the answer is the server's:
//   Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.x", …
//   Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal array into Go struct field
//       NodeAffinity.spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution of type
//       v1.NodeSelector
//   Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4
// A type error or bad base64 wins over unknown fields (the first the decoder meets is its answer); several
// unknown fields are listed in the order the server meets them, which is key order, since kubectl sends JSON
// with sorted keys.
// nullopt when the problems are not decoding problems (the server would decode the object, and then
// validate it).
std::optional<std::string> serverDecodeError(std::string_view kind, std::string_view apiVersion,
                                             const manifest::Diagnostics& problems);

// The Go type encoding/json names for the field at a JSON path with the indices removed
// ("spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution" of a Pod: "v1.NodeSelector"),
// and the Go struct that holds it ("NodeAffinity"). Empty when PodLab does not know the field's Go type.
struct GoField {
    std::string structName;
    std::string type;
};
GoField goFieldOf(std::string_view kind, std::string_view path);

} // namespace podlab::sim::kubectl
