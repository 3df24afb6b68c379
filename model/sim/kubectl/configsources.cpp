#include "configsources.h"

#include "manifest/names.h"
#include "manifest/utf8.h"
#include "sim/core/text.h"
#include "sim/podenv/fieldpath.h"

#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <functional>

namespace podlab::sim::kubectl {

namespace {

// What went wrong, in kubectl's words; nothing when all went well.
using Problem = std::optional<std::string>;

// How the kind being built takes a key: with text (a literal, a line of an env file) or a file's bytes.
struct KeySink {
    std::function<Problem(const std::string& key, std::string text)> text;
    std::function<Problem(const std::string& key, std::string bytes)> file;
};

std::string goQuoted(std::string_view s)
{
    return FieldPath::goQuote(s);
}

// A system error as Go's syscall package words it: strerror's text, lower case first ("no such file or
// directory").
std::string goErrno(int error)
{
    std::string text = std::strerror(error);
    if (!text.empty())
        text[0] = char(std::tolower(static_cast<unsigned char>(text[0])));
    return text;
}

// Bytes as Go's %v prints a []byte: "[104 105]".
std::string goBytes(std::string_view bytes)
{
    std::string out = "[";
    for (size_t i = 0; i < bytes.size(); ++i)
        out += (i ? " " : "") + std::to_string(static_cast<unsigned char>(bytes[i]));
    return out + "]";
}

// `path` where the kubectl process would find it: relative paths start in the folder it runs in.
std::string onDisk(const std::string& directory, const std::string& path)
{
    return path.starts_with('/') ? path : (std::filesystem::path(directory) / path).string();
}

// os.Stat (symbolic links followed): a folder or not, or why not.
struct PathInfo {
    int error = 0;
    bool directory = false;
};
PathInfo statPath(const std::string& directory, const std::string& path)
{
    struct stat st {};
    if (path.empty())
        return {ENOENT, false};
    if (::stat(onDisk(directory, path).c_str(), &st) != 0)
        return {errno, false};
    return {0, S_ISDIR(st.st_mode)};
}

// os.ReadFile, its failure worded as its *PathError: "open <path>: <reason>".
Problem readFile(const std::string& directory, const std::string& path, std::string& bytes)
{
    std::FILE* f = std::fopen(onDisk(directory, path).c_str(), "rb");
    if (!f)
        return "open " + path + ": " + goErrno(errno);
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0)
        bytes.append(buffer, n);
    const int error = std::ferror(f) ? errno : 0;
    std::fclose(f);
    if (error)
        return "read " + path + ": " + goErrno(error);
    return std::nullopt;
}

// --- the three kinds of source ---------------------------------------------------------------------------

// util.ParseLiteralSource: the key is what stands before the first '=' (which must not be the first
// character); the rest, quotes and all, is the value.
Problem addLiterals(const std::vector<std::string>& literals, const KeySink& sink)
{
    for (const std::string& source : literals) {
        const size_t eq = source.find('=');
        if (eq == std::string::npos || eq == 0)
            return "invalid literal source " + source + ", expected key=value";
        if (Problem p = sink.text(source.substr(0, eq), source.substr(eq + 1)))
            return p;
    }
    return std::nullopt;
}

// util.ParseFileSource: "path", whose base name is the key, or "key=path".
Problem parseFileSource(const std::string& source, std::string& key, std::string& path)
{
    const auto separators = std::count(source.begin(), source.end(), '=');
    if (separators == 0) {
        key = source.empty() ? std::string(".") : std::string(baseName(source));
        path = source;
        return std::nullopt;
    }
    if (separators == 1 && source.front() == '=')
        return "key name for file path " + source.substr(1) + " missing";
    if (separators == 1 && source.back() == '=')
        return "file path for key name " + source.substr(0, source.size() - 1) + " missing";
    if (separators > 1)
        return std::string("key names or file paths cannot contain '='");
    const size_t eq = source.find('=');
    key = source.substr(0, eq);
    path = source.substr(eq + 1);
    return std::nullopt;
}

// The names of the regular files in a folder, sorted as os.ReadDir sorts them. Symbolic links, subfolders
// and the like are left out.
Problem regularFilesIn(const std::string& directory, const std::string& path, std::vector<std::string>& names)
{
    std::error_code ec;
    for (std::filesystem::directory_iterator it(onDisk(directory, path), ec), end; !ec && it != end;
         it.increment(ec))
        if (it->symlink_status(ec).type() == std::filesystem::file_type::regular)
            names.push_back(it->path().filename().string());
    if (ec)
        return "error listing files in " + path + ": open " + path + ": " + goErrno(ec.value());
    std::sort(names.begin(), names.end());
    return std::nullopt;
}

Problem addFiles(const std::vector<std::string>& files, const std::string& directory, const KeySink& sink)
{
    for (const std::string& source : files) {
        std::string key, path;
        if (Problem p = parseFileSource(source, key, path))
            return p;
        const PathInfo info = statPath(directory, path);
        if (info.error)
            return "error reading " + path + ": " + goErrno(info.error);
        std::vector<std::pair<std::string, std::string>> entries; // key, path
        if (info.directory) {
            if (source.find('=') != std::string::npos)
                return std::string("cannot give a key name for a directory path");
            std::vector<std::string> names;
            if (Problem p = regularFilesIn(directory, path, names))
                return p;
            for (const std::string& name : names) // path.Join
                entries.emplace_back(
                    name, (std::filesystem::path(path) / name).lexically_normal().generic_string());
        } else {
            entries.emplace_back(key, path);
        }
        for (auto& [entryKey, entryPath] : entries) {
            std::string bytes;
            if (Problem p = readFile(directory, entryPath, bytes))
                return p;
            if (Problem p = sink.file(entryKey, std::move(bytes)))
                return p;
        }
    }
    return std::nullopt;
}

// unicode.IsSpace for what an env file line can start with. (Spaces beyond Latin-1, such as U+2003, are
// kept as part of the key, which then fails as one.)
std::string_view trimLeadingSpace(std::string_view line)
{
    const auto asciiSpace = [](char c) { return c == ' ' || (c >= '\t' && c <= '\r'); };
    while (!line.empty()) {
        if (asciiSpace(line.front()))
            line.remove_prefix(1);
        else if (line.starts_with("\xC2\x85") || line.starts_with("\xC2\xA0"))
            line.remove_prefix(2);
        else
            break;
    }
    return line;
}

// cmdutil.AddFromEnvFile: a KEY=value a line, blank lines and # comments skipped, leading white space dropped
// (the value keeps trailing spaces and quotes), a byte-order mark at the start ignored. A line without '='
// takes the value of that variable in kubectl's own environment; PodLab's kubectl has none, so it is empty.
Problem addEnvLines(const std::string& bytes, const std::string& path, const KeySink& sink)
{
    size_t start = 0;
    for (int number = 1; start < bytes.size(); ++number) {
        const size_t nl = bytes.find('\n', start);
        std::string_view line(bytes.data() + start, (nl == std::string::npos ? bytes.size() : nl) - start);
        start = nl == std::string::npos ? bytes.size() : nl + 1;
        if (line.ends_with('\r')) // bufio.ScanLines
            line.remove_suffix(1);
        if (!manifest::isUtf8(line))
            return "env file " + path + " contains invalid utf8 bytes at line " + std::to_string(number) +
                   ": " + goBytes(line);
        if (number == 1 && line.starts_with("\xEF\xBB\xBF"))
            line.remove_prefix(3);
        line = trimLeadingSpace(line);
        if (line.empty() || line.front() == '#')
            continue;
        const size_t eq = line.find('=');
        const std::string key(line.substr(0, eq));
        if (const manifest::Messages m = manifest::isStrictEnvVarName(key); !m.empty())
            return goQuoted(key) + " is not a valid key name: " + join(m, ";");
        if (Problem p = sink.text(key, eq == std::string_view::npos ? std::string()
                                                                    : std::string(line.substr(eq + 1))))
            return p;
    }
    return std::nullopt;
}

Problem addEnvFiles(const std::vector<std::string>& envFiles, const std::string& directory,
                    const char* kindWord, const KeySink& sink)
{
    for (const std::string& path : envFiles) {
        const PathInfo info = statPath(directory, path);
        if (info.error)
            return "error reading " + path + ": " + goErrno(info.error);
        if (info.directory)
            return std::string("env ") + kindWord + " file cannot be a directory";
        std::string bytes;
        if (Problem p = readFile(directory, path, bytes))
            return p;
        if (Problem p = addEnvLines(bytes, path, sink))
            return p;
    }
    return std::nullopt;
}

// --- the two kinds ----------------------------------------------------------------------------------------

// validateNewConfigMap: a valid key that neither data nor binaryData holds yet.
Problem checkNewConfigMapKey(const api::ConfigMap& configMap, const std::string& key)
{
    if (const manifest::Messages m = manifest::isConfigMapKey(key); !m.empty())
        return goQuoted(key) + " is not a valid key name for a ConfigMap: " + join(m, ",");
    for (const auto& [bag, taken] : {std::pair{"Data", configMap.data.contains(key)},
                                     std::pair{"BinaryData", configMap.binaryData.contains(key)}})
        if (taken)
            return "cannot add key " + goQuoted(key) + ", another key by that name already exists in " + bag +
                   " for ConfigMap " + goQuoted(configMap.metadata.name);
    return std::nullopt;
}

// addKeyFromLiteralToSecret's checks, worded unlike the ConfigMap's (no colon, the key unquoted when taken).
Problem checkNewSecretKey(const api::Secret& secret, const std::string& key)
{
    if (const manifest::Messages m = manifest::isConfigMapKey(key); !m.empty())
        return goQuoted(key) + " is not valid key name for a Secret " + join(m, ";");
    if (secret.data.contains(key))
        return "cannot add key " + key + ", another key by that name already exists";
    return std::nullopt;
}

} // namespace

std::vector<std::string> sliceFlagValues(const std::vector<std::string>& flags)
{
    std::vector<std::string> out;
    for (const std::string& flag : flags) {
        if (flag.empty())
            continue;
        size_t start = 0;
        for (size_t comma; (comma = flag.find(',', start)) != std::string::npos; start = comma + 1)
            out.push_back(flag.substr(start, comma - start));
        out.push_back(flag.substr(start));
    }
    return out;
}

std::optional<api::ConfigMap> configMapFromSources(const std::string& name, const ConfigSources& sources,
                                                   const std::string& directory, std::string* error)
{
    api::ConfigMap configMap;
    configMap.metadata.name = name;
    KeySink sink;
    sink.text = [&](const std::string& key, std::string text) -> Problem {
        if (Problem p = checkNewConfigMapKey(configMap, key))
            return p;
        configMap.data[key] = std::move(text);
        return std::nullopt;
    };
    sink.file = [&](const std::string& key, std::string bytes) -> Problem {
        if (manifest::isUtf8(bytes))
            return sink.text(key, std::move(bytes));
        if (Problem p = checkNewConfigMapKey(configMap, key))
            return p;
        configMap.binaryData[key] = api::Bytes{std::move(bytes)};
        return std::nullopt;
    };
    Problem problem = addFiles(sources.files, directory, sink);
    if (!problem)
        problem = addLiterals(sources.literals, sink);
    if (!problem)
        problem = addEnvFiles(sources.envFiles, directory, "config", sink);
    if (problem) {
        *error = *problem;
        return std::nullopt;
    }
    return configMap;
}

std::optional<api::Secret> secretFromSources(const std::string& name, const std::string& type,
                                             const ConfigSources& sources, const std::string& directory,
                                             std::string* error)
{
    api::Secret secret;
    secret.metadata.name = name;
    secret.type = type;
    KeySink sink;
    sink.text = [&](const std::string& key, std::string bytes) -> Problem {
        if (Problem p = checkNewSecretKey(secret, key))
            return p;
        secret.data[key] = api::Bytes{std::move(bytes)};
        return std::nullopt;
    };
    sink.file = sink.text;
    Problem problem = addLiterals(sources.literals, sink);
    if (!problem)
        problem = addFiles(sources.files, directory, sink);
    if (!problem)
        problem = addEnvFiles(sources.envFiles, directory, "secret", sink);
    if (problem) {
        *error = *problem;
        return std::nullopt;
    }
    return secret;
}

} // namespace podlab::sim::kubectl
