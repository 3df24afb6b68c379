#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::kubectl {

// The editor `kubectl edit` opens: given the file kubectl wrote, the file as the person saved it (nullopt: they
// quit without saving). A console gives a dialog, a scenario the edits its step names.
using Editor = std::function<std::optional<std::string>(const std::string& file)>;

// kubectl edit's file (kubectl/pkg/cmd/util/editor): the object as YAML under kubectl's instructions and, when
// a save failed, under the reasons it failed, each a comment.
std::string editFile(std::string_view objectYaml, const std::vector<std::string>& reasons = {});
// The file without its comment lines: what kubectl compares with what it opened.
std::string stripComments(std::string_view file);
// Whether anything but blank and comment lines is left (an empty file cancels the edit).
bool hasLines(std::string_view file);
// Where kubectl says it kept a copy of an edit it could not save: /tmp/kubectl-edit-<digits>.yaml, the digits
// drawn from the text (the real ones are a temp file's random name).
std::string preservedFilePath(std::string_view text);

} // namespace podlab::sim::kubectl
