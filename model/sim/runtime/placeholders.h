#pragma once

#include "sim/core/simtime.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::runtime {

// The texts programs print are data (resources/images/catalogue.yaml) with {placeholders} that the runtime
// fills in when it writes them. These are the formatting rules the programs themselves follow: C's strftime
// for the servers written in C, Go's fmt for the Go ones.

// `format` as strftime formats it in UTC (containers run with TZ unset), plus %3f / %6f for the milliseconds
// and microseconds of the second (nginx, etcd, glog and Redis print fractions of a second).
std::string formatTime(std::string_view format, int64_t epochMs);
// The length of formatTime(format, epochMs) when every field of the format has a fixed width (and the year has
// four digits); nullopt when only formatting tells (%B, %A, %s).
std::optional<size_t> formatTimeWidth(std::string_view format, int64_t epochMs);
// RFC 1123 in GMT, as HTTP's Date and Last-Modified headers carry it: "Thu, 01 Jan 2026 00:00:00 GMT". The last
// few seconds asked for are remembered: every probe answered in one simulated second carries the same date.
std::string httpDate(int64_t epochMs);
// A float64 as Go's %v prints it: the shortest digits that read back exactly, in exponent form when the
// decimal exponent is below -4 or at least 6 ("10.5", "12", "1.5e-05", "1.2345e+06").
std::string goFloat(double value);
// A time.Duration as Go's String() prints it: "0s", "250ms", "10.5s", "1m30s", "2h0m1.5s".
std::string goDuration(SimTime millis);
// The name Go's os/signal gives a signal ("terminated", "interrupt"); "signal N" for others.
std::string goSignalName(int signal);

// One HTTP exchange as the access-log placeholders see it.
struct RequestFields {
    std::string method;
    std::string path;    // the path, without the query
    std::string uri;     // path and query, as the request line carries it
    std::string request; // the request line: "GET /index.html HTTP/1.1"
    int status = 0;
    int64_t bodyBytes = 0;
    std::string remoteAddr;
    std::string referer;   // "-" when absent
    std::string userAgent; // "-" when absent
};

// What a line's placeholders draw on. Pointers are borrowed for the duration of one expansion.
struct PlaceholderContext {
    int64_t epochMs = 0;
    std::string_view timeFormat;
    int pid = 1;
    const std::vector<int>* children = nullptr; // pids of the child processes ({workerPid}, {each:children})
    int cpus = 0;                               // {each:cpus}
    std::string_view hostname;
    std::string_view podIP;
    std::string_view nodeName;
    std::string_view kernel;
    SimTime age = 0; // since the program started
    const RequestFields* request = nullptr;
    const std::map<std::string, std::string>* arguments = nullptr; // {arg:ROLE}
    const std::vector<std::string>* argv = nullptr;                // {args}, {argsJson}
    int port = 0;
    int udpPort = 0;
    int signal = 0;
};

// The lines one template line gives: a line starting with {each:children} or {each:cpus} is written once per
// child (with {workerPid} set to it) or per burned CPU; every other line gives one. Placeholders that name
// nothing known stay as written (JSON bodies keep their braces).
std::vector<std::string> expandLine(std::string_view text, const PlaceholderContext& context);
// A response body or other text: placeholders filled, no {each:} repetition.
std::string expandText(std::string_view text, const PlaceholderContext& context);
// Every line one template line gives (as expandLine), each with its {time} places left as holes.
struct LineWithoutTime {
    std::string text;
    std::vector<uint32_t> holes;
};
std::vector<LineWithoutTime> expandLinesWithoutTime(std::string_view text, const PlaceholderContext& context);

} // namespace podlab::sim::runtime
