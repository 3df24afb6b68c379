#pragma once

#include "container.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::runtime::detail {

// A line whose only varying part is the time it is written: every placeholder of a program's line filled but
// {time}, which stays a hole (an access-log line, one per probe). Shared between the log and the runtime's
// caches: it never changes once made. It may also be several lines written at one time (a program's start-up
// burst, which every pod of a template writes alike): one shape, and one log record, for all of them.
struct TimedLine {
    static constexpr size_t kMaxHoles = 4; // in one line
    std::string text;            // the line(s) without their times, each '\n' included
    std::vector<uint32_t> holes; // where each time goes in `text`, in order
    std::string format;      // strftime format of the times (placeholders.h: formatTime)
    int64_t epochOffset = 0; // epoch milliseconds at SimTime 0

    // The line as written at `t`.
    std::string at(SimTime t) const;
    // Its length at `t`, without formatting it when the format's width is fixed.
    size_t sizeAt(SimTime t) const;
    bool operator==(const TimedLine&) const = default;
};

// A container's log as containerd's CRI logger keeps it: one entry per line, stamped when the line began; a line
// written in pieces is one entry; past 1 MiB the oldest quarter goes. `kubectl logs` reads it as entries().
//
// Stored compactly, because 150 000 pods are probed every 10 s and many of them log each probe: a line of one
// TimedLine shape repeated at a steady period (nginx's access-log line for the kubelet's probe) is one run —
// shape, first time, period, count — formatted only when the log is read. Other text, single timed lines
// included, lies back to back in one buffer. A value: copies are independent.
class ContainerLog {
public:
    // Text as a process writes it to standard output or error: whole lines, or pieces that make one.
    void write(SimTime t, bool toStderr, std::string_view text);
    // One whole line of `line`'s shape, written at `t` (its time is line.epochOffset + t). `shared`: other logs
    // write it alike (SharedLines), so a line of its own is kept as the shape they share rather than as text.
    void writeTimed(SimTime t, bool toStderr, const std::shared_ptr<const TimedLine>& line, bool shared = false);

    // `count` lines of `line`'s shape, the first at `first` and then every `period`: what as many writeTimed
    // calls would leave, rotation included, without writing the lines of a run one by one.
    void writeTimedRepeated(SimTime first, SimTime period, uint64_t count, bool toStderr,
                            const std::shared_ptr<const TimedLine>& line);

    // The entries as the log file holds them.
    std::vector<LogEntry> entries() const;
    // Bytes of text in the log (what rotation counts).
    size_t bytes() const { return m_bytes; }
    bool empty() const { return m_records.empty(); }

    // Equal entries, however they are stored.
    bool operator==(const ContainerLog& other) const;

private:
    // One entry, or a run of entries of one shape.
    // 24 bytes (a log's start-up burst is a record a line, in every pod).
    struct Record {
        SimTime time = 0;         // of the (first) entry
        uint32_t offset = 0;      // text: into m_text; run: into m_shapes
        uint32_t size : 31 = 0;   // text: its bytes; run: the bytes of each of its lines (a log holds 1 MiB)
        uint32_t toStderr : 1 = 0;
        uint32_t count = 0;       // 0: text; else the lines in the run
        uint32_t period = 0;      // run: milliseconds from one line to the next
        bool isRun() const { return count > 0; }
        bool operator==(const Record&) const = default;
    };

    void appendText(SimTime t, bool toStderr, std::string_view line);
    void rotate();
    uint32_t shapeIndex(const std::shared_ptr<const TimedLine>& line);

    std::vector<Record> m_records;
    std::string m_text;   // the text records' bytes, in order; m_dead of them at the front belong to dropped ones
    size_t m_dead = 0;
    std::vector<std::shared_ptr<const TimedLine>> m_shapes;
    size_t m_bytes = 0;

};

} // namespace podlab::sim::runtime::detail
