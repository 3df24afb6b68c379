#pragma once

// `cat` and `test`: the commands exec probes run most, written once for two callers. The shell's Runner runs
// them for a script; the container runtime runs them straight from an exec (`cat /tmp/healthy`, `test -f`)
// without building a shell process, and must print, fail and touch files exactly as the shell would.

#include "sim/fs/containerfiles.h"

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::shell {

// What these commands need of the process running them. files() is asked for only when a command reaches
// the files (the runtime may copy the image's files the first time).
class CommandIo {
public:
    virtual ~CommandIo() = default;
    virtual fs::ContainerFiles& files() = 0;
    // The process's working directory, which relative paths start from.
    virtual std::string_view workingDirectory() const = 0;
    virtual void out(std::string_view text) = 0;
    virtual void err(std::string_view text) = 0;
    // What is left on standard input, all of it.
    virtual std::string readStdin() = 0;
    // A message of the shell itself: "sh: " and the message, on standard error.
    virtual void shellError(std::string_view message) = 0;
};

// cat's operands (argv without argv[0]): each file's bytes in turn, "-" (or no operand) for standard input,
// busybox's messages for what cannot be read. `scratch` is a buffer kept between calls.
// A decimal integer with an optional sign, as test, exit, shift and kill read their numbers.
bool isNumber(std::string_view s, int64_t& out);

int catFiles(std::span<const std::string> operands, CommandIo& io, std::string& scratch);

// `test EXPR` or `[ EXPR ]` (`bracket`: the last word must be "]"), argv[0] included.
int testCommand(std::span<const std::string> argv, bool bracket, CommandIo& io);

// A test expression over expanded words (test's and ['s without the closing "]"): 0 true, 1 false, 2 for a
// malformed expression, with busybox's messages. `ops` marks the words of [[ ]] that were operators as
// written (not quoted); `doubleBracket` enables ==, =~, && and || patterns.
int evalTest(std::span<const std::string> words, const std::vector<uint8_t>* ops, bool doubleBracket, CommandIo& io);

} // namespace podlab::sim::shell
