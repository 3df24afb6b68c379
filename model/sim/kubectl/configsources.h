#pragma once

#include "api/config.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// The sources `kubectl create configmap` and `kubectl create secret generic` build an object from, in the
// order given. --from-literal is a string array (each flag one source, commas and all); --from-file and
// --from-env-file are string slices, split by sliceFlagValues.
struct ConfigSources {
    std::vector<std::string> literals; // key=value
    std::vector<std::string> files;    // [key=]path; a folder means each regular file in it
    std::vector<std::string> envFiles; // lines of KEY=value
};

// The items of a string-slice flag given `flags` times: each value split at its commas, an empty value no
// item. (pflag reads a value as one CSV record; PodLab splits at every comma, so a path with a comma in it
// cannot be named.)
std::vector<std::string> sliceFlagValues(const std::vector<std::string>& flags);

// The ConfigMap kubectl builds: the files first, then the literals, then the env files. A file that is not
// UTF-8 goes to binaryData. Relative paths are read from `directory`, and messages name them as given. On a
// malformed source, an unreadable file, an invalid or repeated key: nullopt, and `error` says why in
// kubectl's words (without its "error: ").
std::optional<api::ConfigMap> configMapFromSources(const std::string& name, const ConfigSources& sources,
                                                   const std::string& directory, std::string* error);

// The Secret kubectl builds: the literals first, then the files, then the env files, every value in data.
// `type` as given (empty: the API server's default, Opaque).
std::optional<api::Secret> secretFromSources(const std::string& name, const std::string& type,
                                             const ConfigSources& sources, const std::string& directory,
                                             std::string* error);

} // namespace podlab::sim::kubectl
