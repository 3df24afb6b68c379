#include "diagnostic.h"

namespace podlab::manifest {

std::string Diagnostic::toString() const
{
    std::string out = file.empty() ? std::string("<input>") : file;
    if (line > 0)
        out += ':' + std::to_string(line) + ':' + std::to_string(column);
    out += severity == Severity::Error ? ": error: " : ": warning: ";
    if (!path.empty())
        out += path + ": ";
    out += message;
    return out;
}

} // namespace podlab::manifest
