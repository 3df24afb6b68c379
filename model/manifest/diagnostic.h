#pragma once

#include <string>
#include <vector>

namespace podlab::manifest {

// One problem found in a manifest, positioned where a user can find it. Line and column are 1-based
// (0 when unknown: a problem in an object that did not come from a file).
struct Diagnostic {
    enum class Severity { Error, Warning };
    Severity severity = Severity::Error;
    std::string file;
    int line = 0;
    int column = 0;
    std::string path;    // field path, e.g. spec.containers[0].livenessProbe.periodSeconds ("" for the document)
    std::string message; // in the API server's words, e.g. "Invalid value: 0: must be greater than or equal to 1"

    bool isError() const { return severity == Severity::Error; }
    // "file:line:col: error: path: message", the format of `podlab validate` and of compilers.
    std::string toString() const;
    bool operator==(const Diagnostic&) const = default;
};

using Diagnostics = std::vector<Diagnostic>;

inline bool hasErrors(const Diagnostics& ds)
{
    for (const Diagnostic& d : ds)
        if (d.isError())
            return true;
    return false;
}

} // namespace podlab::manifest
