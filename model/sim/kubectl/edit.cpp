#include "edit.h"

#include <cstdint>

namespace podlab::sim::kubectl {

namespace {

bool isComment(std::string_view line)
{
    const size_t first = line.find_first_not_of(" \t");
    return first != std::string_view::npos && line[first] == '#';
}

template <class F>
void forEachLine(std::string_view text, F&& f)
{
    while (!text.empty()) {
        const size_t end = text.find('\n');
        f(text.substr(0, end == std::string_view::npos ? text.size() : end + 1));
        text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
    }
}

} // namespace

std::string editFile(std::string_view objectYaml, const std::vector<std::string>& reasons)
{
    std::string file = "# Please edit the object below. Lines beginning with a '#' will be ignored,\n"
                       "# and an empty file will abort the edit. If an error occurs while saving this file will be\n"
                       "# reopened with the relevant failures.\n"
                       "#\n";
    for (const std::string& reason : reasons)
        forEachLine(reason, [&](std::string_view line) {
            file += "# ";
            file += line;
            if (line.empty() || line.back() != '\n')
                file += '\n';
        });
    if (!reasons.empty())
        file += "#\n";
    file += objectYaml;
    return file;
}

std::string stripComments(std::string_view file)
{
    std::string out;
    forEachLine(file, [&](std::string_view line) {
        if (!isComment(line))
            out += line;
    });
    return out;
}

bool hasLines(std::string_view file)
{
    bool any = false;
    forEachLine(file, [&](std::string_view line) {
        if (line.find_first_not_of(" \t\r\n") != std::string_view::npos && !isComment(line))
            any = true;
    });
    return any;
}

std::string preservedFilePath(std::string_view text)
{
    uint64_t h = 1469598103934665603ULL; // FNV-1a
    for (const char c : text)
        h = (h ^ uint8_t(c)) * 1099511628211ULL;
    return "/tmp/kubectl-edit-" + std::to_string(1000000000 + h % 3000000000ULL) + ".yaml";
}

} // namespace podlab::sim::kubectl
