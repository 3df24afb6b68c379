#pragma once

#include "program.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// The image configuration, as `docker inspect` shows its Config: what the runtime starts when the Pod gives
// no command, with which environment, as which user, stopped by which signal.
struct ImageConfig {
    std::vector<std::string> entrypoint;
    std::vector<std::string> cmd;
    std::vector<std::string> env;          // "KEY=value", in the image's order
    std::string workingDir;                // "" is "/"
    std::string user;                      // "" is root
    std::string stopSignal;                // "" is SIGTERM
    std::vector<std::string> exposedPorts; // "80/tcp"
    std::map<std::string, std::string> labels;

    std::optional<std::string> envValue(std::string_view key) const;
    // Sets or replaces KEY (given as "KEY=value"), keeping the position of a replaced variable.
    void setEnv(std::string keyValue);
    bool operator==(const ImageConfig&) const = default;
};

// A file the image ships. A link points elsewhere (absolute, or relative to its directory); a link to a
// directory moves every path under it (Debian's /bin -> usr/bin).
struct FileEntry {
    std::string content;
    std::string linkTarget;
    int mode = 0644;
    bool isLink() const { return !linkTarget.empty(); }
    bool operator==(const FileEntry&) const = default;
};

// Utilities installed together and sharing one style of messages: BusyBox's applets, Debian's essential
// packages. Images list the toolsets they contain; the toolset's programs become theirs.
struct Toolset {
    std::string name;
    std::string flavour;                         // busybox, gnu: which wording the runtime's utilities use
    std::string version;                         // the banner (`busybox` with no arguments, `ls --version`)
    std::map<std::string, std::string> messages; // message templates by key, see the catalogue header
    std::map<std::string, Program> programs;     // by absolute path, utilities included
    std::map<std::string, FileEntry> files;      // links such as /bin -> usr/bin, and files the toolset owns
    bool operator==(const Toolset&) const = default;
};

// One line of an image's /etc/passwd: who a user name or number is, and where its home is.
struct PasswdEntry {
    std::string name;
    uint32_t uid = 0;
    uint32_t gid = 0;
    std::string home;
    bool operator==(const PasswdEntry&) const = default;
};

// Everything one image (one tag) holds, immutable once loaded and shared by every container that runs it.
struct ImageContent {
    ImageConfig config;
    std::map<std::string, FileEntry> files;
    std::map<std::string, Program> programs; // by absolute path
    std::vector<std::shared_ptr<const Toolset>> toolsets;

    // `path` with every link on the way followed (at most 40, as Linux allows), normalised ("." and ".."
    // resolved, no trailing slash). Relative paths start at the image's working directory.
    std::string canonicalPath(std::string_view path) const;
    const FileEntry* file(std::string_view path) const;
    const Program* program(std::string_view path) const;
    const Toolset* toolset(std::string_view name) const;
    // Where `name` is found as runc finds argv[0]: a name with a slash is a path; otherwise each directory of
    // PATH (from `env`, else the image's) in order. Returns the path as searched (/bin/sh), not canonical.
    std::optional<std::string> lookPath(std::string_view name,
                                        std::optional<std::string_view> pathEnv = {}) const;
    // The image's `sh`, or nullptr: then `kubectl exec -- sh` fails (RuntimeMessages::execNotFound).
    const Program* shell() const;
    // The entries of the image's /etc/passwd (lines without six fields and numeric ids are skipped), parsed
    // on first use: every container start and every request a worker serves asks who a user is.
    const std::vector<PasswdEntry>& users() const;
    bool operator==(const ImageContent&) const;

private:
    // Derived from the fields above once they are complete (loaded images never change); not part of the
    // value.
    mutable std::shared_ptr<const std::vector<PasswdEntry>> m_users;
};

// The command line Kubernetes starts for a container: `command` replaces the image's ENTRYPOINT and drops
// its CMD; `args` alone replace CMD; neither keeps both. Empty when nothing is left to run.
std::vector<std::string> containerArgv(const ImageConfig& config, const std::vector<std::string>& command,
                                       const std::vector<std::string>& args);

} // namespace podlab::sim
