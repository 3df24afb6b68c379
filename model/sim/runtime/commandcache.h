#pragma once

// What the runtime works out about commands in one container and keeps: exec probes run the same command
// lines every few seconds in 150 000 pods, and runc's PATH lookup and the static checks of a command line
// cost far more than `cat /tmp/healthy` itself.

#include "sim/fs/containerfiles.h"
#include "sim/images/program.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::runtime::detail {

// How a process found its executable.
struct Resolved {
    enum class Kind : uint8_t { Program, Script, NotFound, NoSuchFile, PermissionDenied, NotExecutable };
    Kind kind = Kind::NotFound;
    std::string path;                        // as found (/bin/sh), for messages and argv
    std::shared_ptr<const Program> program;  // Kind::Program
    std::vector<std::string> interpreter;    // Kind::Script: the #! line
    bool found() const { return kind == Kind::Program || kind == Kind::Script; }
};

// What an exec's command line is, worked out once per distinct line.
struct ExecShape {
    // The commands the runtime runs without a shell process (shell/filecommands.h), named by argv[0] as the
    // shell's applet table names them.
    enum class Direct : uint8_t { None, Cat, Test, Bracket, True, False };
    bool readOnly = false;      // CommandShape::readOnly
    bool namesInjected = false; // a word names a file the kubelet injects (or its directory, or a glob)
    Direct direct = Direct::None;
};

// Which files a lookup was made in, by their stamps (fs::FileSystem::version): the root file system and
// each mount as the environment gives them.
struct FilesStamp {
    struct Mount {
        std::string path;
        std::string subPath;
        fs::MountMode mode = fs::MountMode::ReadWrite;
        uint64_t names = 0;
        uint64_t version = 0;
    };
    uint64_t rootNames = 0;
    uint64_t rootVersion = 0;
    std::vector<Mount> mounts;

    // Whether `root` and `mounts` are these files: by names and modes only, or (`contents`) by everything.
    bool matches(const fs::FileSystem& root, const std::vector<fs::Mount>& mounts, bool contents) const;
    void assign(const fs::FileSystem& root, const std::vector<fs::Mount>& mounts);
};

// The runtime's memory of commands in one container: what runc's PATH lookup found for each name (valid while
// the files it looked in keep their stamps) and each exec command line's shape (valid for good: it depends on
// the line, the injected files and the working directory, none of which change after the start). Derived
// data, kept with the container so that a copy keeps it; not part of the container's value. Bounded: a
// teacher's `kubectl exec` of many different commands must not grow a container.
class CommandCache {
public:
    // Forgets the lookups the files no longer support: all of them when a name, mode or owner changed in the
    // root file system or a mount (or the mounts changed), those that read a file when a file changed.
    void validate(const fs::FileSystem& root, const std::vector<fs::Mount>& mounts);
    const Resolved* find(std::string_view name) const;
    // `readContents`: the lookup read a file (a #! line), so a change of contents may change its answer.
    void remember(std::string_view name, const Resolved& resolved, bool readContents);

    const ExecShape* shape(const std::vector<std::string>& argv) const;
    void rememberShape(const std::vector<std::string>& argv, const ExecShape& shape);

private:
    static constexpr size_t kMaxEntries = 8;
    struct Lookup {
        std::string name;
        Resolved resolved;
        bool readContents = false;
    };
    struct Line {
        std::vector<std::string> argv;
        ExecShape shape;
    };
    FilesStamp m_files;
    std::vector<Lookup> m_lookups;
    std::vector<Line> m_lines;
};

} // namespace podlab::sim::runtime::detail
