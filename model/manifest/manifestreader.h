#pragma once

#include "diagnostic.h"
#include "yamldocument.h"

#include "api/object.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// An object read from a manifest, with where it starts (for messages and for jumping to it in an editor).
struct ManifestObject {
    api::Object object;
    // The object as written, untyped (with ReadOptions::keepSource): what kubectl apply records in its
    // last-applied-configuration annotation, which holds only the fields the file gives.
    api::Value source;
    std::string file;
    int line = 0;
    int column = 0;
};

struct ReadOptions {
    bool applyDefaults = true; // as the API server does on create
    bool validate = true;      // as the API server does on create (implies defaults first)
    bool keepSource = false;   // fill ManifestObject::source
    YamlLimits limits;
};

struct ReadResult {
    std::vector<ManifestObject> objects; // only objects without errors
    Diagnostics diagnostics;             // errors and warnings, in file order
    bool ok() const { return !hasErrors(diagnostics); }
};

// Reads every object in a YAML or JSON stream: several documents, `kind: List`, block YAML and flow-style
// (KYAML) alike. Unknown fields, wrong types, duplicate keys and (with `validate`) everything the API server
// would reject are reported with file, line, column and field path; objects with errors are left out.
ReadResult readManifests(std::string_view bytes, std::string_view fileName, const ReadOptions& options = {});

// Reads a file ("-" for standard input), refusing one over the size limit before reading it.
ReadResult readManifestFile(const std::string& path, const ReadOptions& options = {});

// Where the field at `path` (as in a diagnostic) is written in the YAML under `object`: the key of the deepest
// field that exists.
YamlDocument::Ref locateField(YamlDocument::Ref object, std::string_view path);

} // namespace podlab::manifest
