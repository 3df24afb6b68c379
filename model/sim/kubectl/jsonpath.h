#pragma once

#include "api/value.h"

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::kubectl {

// kubectl's JSONPath templates (k8s.io/client-go/util/jsonpath): text with {…} actions — field paths
// (.a.b, ['a.b']), indices and slices ([0], [-1], [1:3], [*]), recursive descent (..name), filters
// ([?(@.type=="Ready")], ==, !=, <, >, <=, >=, and a bare path for "exists"), {range …}…{end}, string
// literals ({"\n"}) and @ for the current value. Missing keys print nothing (kubectl's default
// --allow-missing-template-keys=true). Several results of one action are joined with a space; strings
// print raw, other values as JSON.
class JsonPath {
public:
    // nullopt and `error` set ("unclosed action", "unrecognized character in action: …") on a bad template.
    static std::optional<JsonPath> parse(std::string_view templateText, std::string* error);

    std::string execute(const api::Value& data) const;
    // Every value each action finds, for custom-columns (one action: one list).
    std::vector<api::Value> findResults(const api::Value& data) const;

    struct Node; // the parse tree, defined in jsonpath.cpp

private:
    std::vector<std::shared_ptr<const Node>> m_nodes;
};

// How kubectl prints a value found by JSONPath: strings raw, everything else as compact JSON.
std::string jsonPathText(const api::Value& v);
// How Go's fmt %v prints it (custom-columns): maps as map[k:v], lists as [a b].
std::string goValueText(const api::Value& v);

} // namespace podlab::sim::kubectl
