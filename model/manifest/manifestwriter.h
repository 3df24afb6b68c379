#pragma once

#include "api/object.h"
#include "api/value.h"

#include <string>
#include <vector>

namespace podlab::manifest {

// An object as the JSON-shaped value the API server would return (apiVersion and kind included).
api::Value encodeObject(const api::Object& object);

enum class OutputFormat { Yaml, Json };

// As `kubectl get -o yaml|json` prints it.
std::string writeObject(const api::Object& object, OutputFormat format);
// Several objects as `kubectl get -o yaml` prints a list of them (kind: List).
std::string writeList(const std::vector<api::Object>& objects, OutputFormat format);

} // namespace podlab::manifest
