#pragma once

#include <cstdint>

namespace podlab::sim::fs {

// The errno values the simulated file system can produce. Named, not numbered, so that they cannot be
// confused with the host's <cerrno> macros; message() gives the text a glibc-based image prints.
enum class Error : uint8_t {
    None,
    NoEntry,      // ENOENT
    NotDirectory, // ENOTDIR
    IsDirectory,  // EISDIR
    Exists,       // EEXIST
    ReadOnly,     // EROFS
    Loop,         // ELOOP
    NotEmpty,     // ENOTEMPTY
    Access,       // EACCES
    Busy,         // EBUSY: removing or renaming a mount point
    CrossDevice,  // EXDEV: renaming across mounts
    Invalid,      // EINVAL: readlink of a non-link, moving a directory into itself
    NameTooLong,  // ENAMETOOLONG: more directory levels than the resolver walks
};

// "No such file or directory", as strerror() says it.
const char* message(Error e);
// "ENOENT".
const char* code(Error e);

} // namespace podlab::sim::fs
