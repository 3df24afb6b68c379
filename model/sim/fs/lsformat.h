#pragma once

#include "containerfiles.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::fs {

struct LsOptions {
    bool all = false;        // -a: also ".", ".." and dot files
    bool almostAll = false;  // -A: dot files, not "." and ".."
    bool longFormat = false; // -l
    bool numericIds = false; // -n
    bool directory = false;  // -d: list directories themselves
};

// `ls` output as busybox prints it when stdout is not a terminal (one name per line), and the pieces of its
// long format: `lrwxrwxrwx    1 root     root            13 Mar  2 10:00 labels -> ..data/labels`.
class LsFormat {
public:
    // "-rw-r--r--", "drwxrwxrwt", "lrwxrwxrwx".
    static std::string modeString(const Stat& st);
    // "Mar  2 10:00" for times within half a year before now, else "Mar  2  2023".
    static std::string dateString(int64_t mtimeMs, int64_t nowMs);
    static std::string longLine(const Stat& st, std::string_view name, std::string_view owner,
                                std::string_view group, int64_t nowMs, std::string_view linkTarget = {});
    // Names from the container's /etc/passwd and /etc/group; the number when there is no entry.
    static std::string userName(const ContainerFiles& files, uint32_t uid);
    static std::string groupName(const ContainerFiles& files, uint32_t gid);

    // The whole output of `ls [options] operands` (no operands means "."): listings on `out`, one
    // "ls: x: No such file or directory" line per bad operand on `err`. Returns the exit status.
    static int list(const ContainerFiles& files, const std::vector<std::string>& operands,
                    const LsOptions& options, int64_t nowMs, std::string& out, std::string& err);
};

} // namespace podlab::sim::fs
