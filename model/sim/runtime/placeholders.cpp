#include "placeholders.h"

#include "manifest/writer.h"

#include "sim/fs/civiltime.h"
#include "sim/images/program.h"

#include <array>
#include <charconv>
#include <climits>
#include <cstdio>
#include <cstdlib>

namespace podlab::sim::runtime {

namespace {

using fs::CivilTime;

const char* const kMonthNames[] = {"January", "February", "March",     "April",   "May",      "June",
                                   "July",    "August",   "September", "October", "November", "December"};
const char* const kDayNames[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};

void appendPadded(std::string& out, int64_t value, int width, char pad = '0')
{
    char buf[32];
    std::snprintf(buf, sizeof buf, "%lld", static_cast<long long>(value));
    for (int n = int(std::char_traits<char>::length(buf)); n < width; ++n)
        out += pad;
    out += buf;
}

int dayOfYear(const CivilTime& t)
{
    CivilTime jan1;
    jan1.year = t.year;
    return int((CivilTime{t.year, t.month, t.day}.toEpochMs() - jan1.toEpochMs()) / 86400000) + 1;
}

} // namespace

std::string formatTime(std::string_view format, int64_t epochMs)
{
    const CivilTime t = CivilTime::fromEpochMs(epochMs);
    std::string out;
    for (size_t i = 0; i < format.size(); ++i) {
        const char c = format[i];
        if (c != '%' || i + 1 == format.size()) {
            out += c;
            continue;
        }
        char f = format[++i];
        if ((f == '3' || f == '6') && i + 1 < format.size() && format[i + 1] == 'f') {
            ++i;
            appendPadded(out, f == '3' ? t.millis : int64_t(t.millis) * 1000, f == '3' ? 3 : 6);
            continue;
        }
        switch (f) {
        case 'Y': appendPadded(out, t.year, 4); break;
        case 'y': appendPadded(out, t.year % 100, 2); break;
        case 'm': appendPadded(out, t.month, 2); break;
        case 'd': appendPadded(out, t.day, 2); break;
        case 'e': appendPadded(out, t.day, 2, ' '); break;
        case 'H': appendPadded(out, t.hour, 2); break;
        case 'I': appendPadded(out, t.hour % 12 == 0 ? 12 : t.hour % 12, 2); break;
        case 'M': appendPadded(out, t.minute, 2); break;
        case 'S': appendPadded(out, t.second, 2); break;
        case 'p': out += t.hour < 12 ? "AM" : "PM"; break;
        case 'j': appendPadded(out, dayOfYear(t), 3); break;
        case 'b':
        case 'h': out += CivilTime::monthAbbrev(t.month); break;
        case 'B': out += kMonthNames[t.month - 1]; break;
        case 'a': out += CivilTime::weekdayAbbrev(t.weekday); break;
        case 'A': out += kDayNames[t.weekday]; break;
        case 'z': out += "+0000"; break;
        case 'Z': out += "UTC"; break;
        case 's': out += std::to_string(epochMs / 1000); break;
        case 'T': out += formatTime("%H:%M:%S", epochMs); break;
        case 'F': out += formatTime("%Y-%m-%d", epochMs); break;
        case 'D': out += formatTime("%m/%d/%y", epochMs); break;
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case '%': out += '%'; break;
        default:
            out += '%';
            out += f;
        }
    }
    return out;
}

std::optional<size_t> formatTimeWidth(std::string_view format, int64_t epochMs)
{
    // Years 1000 to 9999: "%Y" is four digits.
    constexpr int64_t kYear1000 = -30610224000000;
    constexpr int64_t kYear10000 = 253402300800000;
    const bool fourDigitYear = epochMs >= kYear1000 && epochMs < kYear10000;
    size_t width = 0;
    for (size_t i = 0; i < format.size(); ++i) {
        if (format[i] != '%' || i + 1 == format.size()) {
            ++width;
            continue;
        }
        const char f = format[++i];
        if ((f == '3' || f == '6') && i + 1 < format.size() && format[i + 1] == 'f') {
            ++i;
            width += f == '3' ? 3 : 6;
            continue;
        }
        switch (f) {
        case 'Y':
            if (!fourDigitYear)
                return std::nullopt;
            width += 4;
            break;
        case 'F':
            if (!fourDigitYear)
                return std::nullopt;
            width += 10;
            break;
        case 'y': case 'm': case 'd': case 'e': case 'H': case 'I': case 'M': case 'S': case 'p': width += 2; break;
        case 'j': case 'b': case 'h': case 'a': case 'Z': width += 3; break;
        case 'z': width += 5; break;
        case 'T': case 'D': width += 8; break;
        case 'n': case 't': case '%': width += 1; break;
        case 'B': case 'A': case 's': return std::nullopt;
        default: width += 2; break; // printed as written
        }
    }
    return width;
}

std::string httpDate(int64_t epochMs)
{
    // The date depends on the second alone. A few slots, so that Date and Last-Modified of the same answers do
    // not evict each other; a memo of a pure function, invisible to the simulation.
    struct Slot {
        int64_t second = INT64_MIN;
        std::string text;
    };
    thread_local std::array<Slot, 4> recent;
    thread_local size_t next = 0;
    const int64_t second = epochMs >= 0 ? epochMs / 1000 : (epochMs - 999) / 1000;
    for (const Slot& s : recent)
        if (s.second == second)
            return s.text;
    Slot& s = recent[next];
    next = (next + 1) % recent.size();
    s.second = second;
    s.text = formatTime("%a, %d %b %Y %H:%M:%S GMT", second * 1000);
    return s.text;
}

std::string goFloat(double value)
{
    if (value == 0)
        return "0";
    // The shortest round-trip digits, in scientific form: d.ddde±XX.
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, value, std::chars_format::scientific);
    const std::string sci(buf, r.ptr);
    const size_t e = sci.find('e');
    const int exponent = std::atoi(sci.c_str() + e + 1);
    std::string mantissa = sci.substr(0, e);
    const bool negative = mantissa.front() == '-';
    if (negative)
        mantissa.erase(0, 1);
    std::string digits;
    for (char c : mantissa)
        if (c != '.')
            digits += c;
    std::string out = negative ? "-" : "";
    if (exponent < -4 || exponent >= 6) {
        out += digits.substr(0, 1);
        if (digits.size() > 1)
            out += '.' + digits.substr(1);
        char ex[16];
        std::snprintf(ex, sizeof ex, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + ex;
    }
    if (exponent < 0)
        return out + "0." + std::string(size_t(-exponent - 1), '0') + digits;
    const size_t intDigits = size_t(exponent) + 1;
    if (digits.size() <= intDigits)
        return out + digits + std::string(intDigits - digits.size(), '0');
    return out + digits.substr(0, intDigits) + '.' + digits.substr(intDigits);
}

std::string goDuration(SimTime millis)
{
    if (millis == 0)
        return "0s";
    std::string out = millis < 0 ? "-" : "";
    uint64_t ms = uint64_t(millis < 0 ? -millis : millis);
    if (ms < 1000)
        return out + std::to_string(ms) + "ms";
    const uint64_t hours = ms / 3600000;
    const uint64_t minutes = ms / 60000 % 60;
    const uint64_t seconds = ms / 1000 % 60;
    const uint64_t fraction = ms % 1000;
    if (hours > 0)
        out += std::to_string(hours) + 'h';
    if (hours > 0 || minutes > 0)
        out += std::to_string(minutes) + 'm';
    out += std::to_string(seconds);
    if (fraction > 0) {
        char buf[8];
        std::snprintf(buf, sizeof buf, "%03u", unsigned(fraction));
        std::string f = buf;
        while (f.back() == '0')
            f.pop_back();
        out += '.' + f;
    }
    return out + 's';
}


std::string goSignalName(int signal)
{
    switch (signal) {
    case 1: return "hangup";
    case 2: return "interrupt";
    case 3: return "quit";
    case 9: return "killed";
    case 10: return "user defined signal 1";
    case 12: return "user defined signal 2";
    case 13: return "broken pipe";
    case 14: return "alarm clock";
    case 15: return "terminated";
    case 17: return "child exited";
    case 18: return "continued";
    case 19: return "stopped (signal)";
    case 20: return "stopped";
    case 23: return "urgent I/O condition";
    case 28: return "window changed";
    default: return "signal " + std::to_string(signal);
    }
}

namespace {

// The value of placeholder `name`, or false when it names nothing this context knows.
bool lookup(std::string_view name, const PlaceholderContext& c, int workerPid, std::string& out)
{
    if (name == "time") {
        out = formatTime(c.timeFormat.empty() ? std::string_view("%Y/%m/%d %H:%M:%S") : c.timeFormat, c.epochMs);
    } else if (name == "pid") {
        out = std::to_string(c.pid);
    } else if (name == "workerPid") {
        if (workerPid < 0)
            return false;
        out = std::to_string(workerPid);
    } else if (name == "hostname") {
        out = c.hostname;
    } else if (name == "podIP") {
        out = c.podIP;
    } else if (name == "nodeName") {
        out = c.nodeName;
    } else if (name == "kernel") {
        out = c.kernel;
    } else if (name == "elapsedSeconds") {
        out = goFloat(double(c.age) / 1000.0);
    } else if (name == "elapsedDuration") {
        out = goDuration(c.age);
    } else if (name == "epochSeconds") {
        out = std::to_string(c.epochMs / 1000);
    } else if (name == "port") {
        out = std::to_string(c.port);
    } else if (name == "udpPort") {
        out = std::to_string(c.udpPort);
    } else if (name == "signal") {
        out = goSignalName(c.signal);
    } else if (name == "signalNumber") {
        out = std::to_string(c.signal);
    } else if (name == "signalName") {
        out = signalName(c.signal);
        if (out.empty())
            out = "SIG" + std::to_string(c.signal);
    } else if (name == "args" && c.argv) {
        out.clear();
        for (const std::string& a : *c.argv)
            out += (out.empty() ? "" : " ") + a;
    } else if (name == "argsJson" && c.argv) {
        out = "[";
        for (size_t i = 0; i < c.argv->size(); ++i)
            out += (i ? "," : "") + manifest::jsonQuoted((*c.argv)[i]);
        out += ']';
    } else if (name.substr(0, 4) == "arg:" && c.arguments) {
        const auto it = c.arguments->find(std::string(name.substr(4)));
        if (it == c.arguments->end())
            return false;
        out = it->second;
    } else if (c.request) {
        const RequestFields& r = *c.request;
        if (name == "path")
            out = r.path;
        else if (name == "uri")
            out = r.uri;
        else if (name == "request")
            out = r.request;
        else if (name == "method")
            out = r.method;
        else if (name == "status")
            out = std::to_string(r.status);
        else if (name == "bodyBytes")
            out = std::to_string(r.bodyBytes);
        else if (name == "remoteAddr")
            out = r.remoteAddr;
        else if (name == "referer")
            out = r.referer;
        else if (name == "userAgent")
            out = r.userAgent;
        else
            return false;
    } else {
        return false;
    }
    return true;
}

bool isNameChar(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ':' || c == '_' ||
           c == '-';
}

// `holes`: when given, {time} is left out and its place recorded.
std::string fill(std::string_view text, const PlaceholderContext& c, int workerPid,
                 std::vector<uint32_t>* holes = nullptr)
{
    std::string out;
    out.reserve(text.size() + 32);
    std::string value;
    size_t i = 0;
    while (i < text.size()) {
        const size_t open = text.find('{', i);
        if (open == std::string_view::npos) {
            out.append(text.substr(i));
            break;
        }
        out.append(text.substr(i, open - i));
        size_t close = open + 1;
        while (close < text.size() && isNameChar(text[close]))
            ++close;
        if (holes && close < text.size() && text[close] == '}' && text.substr(open + 1, close - open - 1) == "time") {
            holes->push_back(uint32_t(out.size()));
            i = close + 1;
        } else if (close < text.size() && text[close] == '}' && close > open + 1 &&
            lookup(text.substr(open + 1, close - open - 1), c, workerPid, value)) {
            out += value;
            i = close + 1;
        } else {
            out += '{';
            i = open + 1;
        }
    }
    return out;
}

} // namespace

namespace {

// Calls `line(text, workerPid)` for each line a template line gives: once per child for {each:children} (with
// {workerPid} set to it), once per burned CPU for {each:cpus}, else once, with the first child as {workerPid}.
template <class F>
void forEachLine(std::string_view text, const PlaceholderContext& context, F&& line)
{
    constexpr std::string_view kEachChild = "{each:children}";
    constexpr std::string_view kEachCpu = "{each:cpus}";
    if (text.starts_with(kEachChild)) {
        text.remove_prefix(kEachChild.size());
        if (context.children)
            for (int pid : *context.children)
                line(text, pid);
        return;
    }
    if (text.starts_with(kEachCpu)) {
        text.remove_prefix(kEachCpu.size());
        for (int i = 0; i < context.cpus; ++i)
            line(text, -1);
        return;
    }
    line(text, context.children && !context.children->empty() ? context.children->front() : -1);
}

} // namespace

std::vector<std::string> expandLine(std::string_view text, const PlaceholderContext& context)
{
    std::vector<std::string> lines;
    forEachLine(text, context, [&](std::string_view t, int workerPid) { lines.push_back(fill(t, context, workerPid)); });
    return lines;
}

std::string expandText(std::string_view text, const PlaceholderContext& context)
{
    const int firstChild = context.children && !context.children->empty() ? context.children->front() : -1;
    return fill(text, context, firstChild);
}

std::vector<LineWithoutTime> expandLinesWithoutTime(std::string_view text, const PlaceholderContext& context)
{
    std::vector<LineWithoutTime> lines;
    forEachLine(text, context, [&](std::string_view t, int workerPid) {
        LineWithoutTime& line = lines.emplace_back();
        line.text = fill(t, context, workerPid, &line.holes);
    });
    return lines;
}

} // namespace podlab::sim::runtime
