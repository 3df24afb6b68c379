#include "containerlog.h"

#include "placeholders.h"

#include <algorithm>
#include <limits>

namespace podlab::sim::runtime::detail {

namespace {

// The kubelet rotates a container's log at 10 MiB; PodLab keeps the newest 1 MiB (memory for 150 000 pods).
constexpr size_t kLogLimitBytes = size_t(1) << 20;

} // namespace

std::string TimedLine::at(SimTime t) const
{
    if (holes.empty())
        return text;
    const std::string time = formatTime(format, epochOffset + t);
    std::string out;
    out.reserve(text.size() + holes.size() * time.size());
    size_t from = 0;
    for (const uint32_t hole : holes) {
        out.append(text, from, hole - from);
        out += time;
        from = hole;
    }
    out.append(text, from, std::string::npos);
    return out;
}

size_t TimedLine::sizeAt(SimTime t) const
{
    if (holes.empty())
        return text.size();
    const std::optional<size_t> width = formatTimeWidth(format, epochOffset + t);
    return text.size() + holes.size() * (width ? *width : formatTime(format, epochOffset + t).size());
}

void ContainerLog::write(SimTime t, bool toStderr, std::string_view text)
{
    if (text.empty())
        return;
    m_bytes += text.size();
    while (!text.empty()) {
        const size_t newline = text.find('\n');
        const size_t n = newline == std::string_view::npos ? text.size() : newline + 1;
        appendText(t, toStderr, text.substr(0, n));
        text.remove_prefix(n);
    }
    rotate();
}

namespace {

// Room for `more`: a quarter more than needed rather than double. Most logs are a startup burst and then little
// (or runs), and 150 000 containers each keeping half their log's room empty would cost a kilobyte per pod.
template <class Container>
void reserveFor(Container& c, size_t more)
{
    if (c.size() + more > c.capacity())
        c.reserve(c.size() + more + c.size() / 4 + 8);
}

} // namespace

void ContainerLog::appendText(SimTime t, bool toStderr, std::string_view line)
{
    reserveFor(m_text, line.size());
    // A line written in pieces becomes one entry, stamped when it began. The last text record's bytes are
    // always the last of m_text (runs keep none there), so it grows in place.
    if (!m_records.empty()) {
        Record& last = m_records.back();
        if (!last.isRun() && last.toStderr == toStderr && last.size > 0 && m_text.back() != '\n') {
            m_text.append(line);
            last.size += uint32_t(line.size());
            return;
        }
    }
    Record r;
    r.time = t;
    r.offset = uint32_t(m_text.size());
    r.size = uint32_t(line.size());
    r.toStderr = toStderr;
    m_text.append(line);
    reserveFor(m_records, 1);
    m_records.push_back(r);
}

uint32_t ContainerLog::shapeIndex(const std::shared_ptr<const TimedLine>& line)
{
    // The newest few only: a shape is nearly always one just used, and a log of many shapes must not cost a
    // look at all of them per line (a shape kept twice is only a pointer more).
    constexpr size_t kLookBack = 16;
    for (size_t i = m_shapes.size(); i-- > 0 && m_shapes.size() - i <= kLookBack;)
        if (m_shapes[i] == line || *m_shapes[i] == *line)
            return uint32_t(i);
    m_shapes.push_back(line);
    return uint32_t(m_shapes.size() - 1);
}

void ContainerLog::writeTimed(SimTime t, bool toStderr, const std::shared_ptr<const TimedLine>& line, bool shared)
{
    const size_t size = line->sizeAt(t);
    Record* last = m_records.empty() ? nullptr : &m_records.back();
    const bool partial = last && !last->isRun() && last->toStderr == toStderr && last->size > 0 && m_text.back() != '\n';
    const bool alike = last && !partial && last->toStderr == toStderr && last->size == size && t > last->time;
    if (alike && last->isRun()) {
        // The next line of a run, at its period; a single line and the next of its shape set the period.
        const TimedLine& shape = *m_shapes[last->offset];
        const bool single = last->count == 1 && t - last->time <= std::numeric_limits<uint32_t>::max();
        if (last->count < std::numeric_limits<uint32_t>::max() && (&shape == line.get() || shape == *line) &&
            (single || t - last->time == SimTime(last->period) * SimTime(last->count))) {
            if (single)
                last->period = uint32_t(t - last->time);
            m_bytes += size;
            ++last->count;
            rotate();
            return;
        }
    } else if (alike && t - last->time <= std::numeric_limits<uint32_t>::max() &&
               std::string_view(m_text).substr(last->offset) == line->at(last->time)) {
        // The line before is this shape's line of its time: the two become a run, and the period is set.
        m_text.resize(last->offset);
        last->offset = shapeIndex(line);
        last->count = 2;
        last->period = uint32_t(t - last->time);
        m_bytes += size;
        rotate();
        return;
    }
    if (partial || !shared) {
        write(t, toStderr, line->at(t)); // a single line of its own is cheaper as text
        return;
    }
    // A line other containers write alike: a run of one, holding the shape they share rather than the text.
    Record r;
    r.time = t;
    r.offset = shapeIndex(line);
    r.size = uint32_t(size);
    r.count = 1;
    r.toStderr = toStderr;
    reserveFor(m_records, 1);
    m_records.push_back(r);
    m_bytes += size;
    rotate();
}

void ContainerLog::writeTimedRepeated(SimTime first, SimTime period, uint64_t count, bool toStderr,
                                      const std::shared_ptr<const TimedLine>& line)
{
    const bool fixedWidth = formatTimeWidth(line->format, line->epochOffset + first).has_value();
    SimTime t = first;
    while (count > 0) {
        Record* last = m_records.empty() ? nullptr : &m_records.back();
        const size_t size = fixedWidth ? line->sizeAt(t) : 0;
        if (fixedWidth && last && last->isRun() && last->toStderr == toStderr && last->size == size &&
            SimTime(last->period) == period && t - last->time == period * SimTime(last->count) &&
            (m_shapes[last->offset] == line || *m_shapes[last->offset] == *line)) {
            // The run grows by as many lines as fit before the log next rotates (the line that passes the limit
            // rotates it, as writeTimed would), and then goes on.
            const uint64_t toRotation = m_bytes <= kLogLimitBytes ? (kLogLimitBytes - m_bytes) / size + 1 : 1;
            const uint64_t room = std::numeric_limits<uint32_t>::max() - last->count;
            const uint64_t n = std::min({count, toRotation, room});
            if (n > 0) {
                last->count += uint32_t(n);
                m_bytes += n * size;
                rotate();
                t += SimTime(n) * period;
                count -= n;
                continue;
            }
        }
        writeTimed(t, toStderr, line);
        t += period;
        --count;
    }
}

void ContainerLog::rotate()
{
    if (m_bytes <= kLogLimitBytes)
        return;
    // The oldest entries go until a quarter is free, as `kubectl logs` only reads the current file.
    constexpr size_t kKeep = kLogLimitBytes * 3 / 4;
    size_t drop = 0;
    while (drop < m_records.size() && m_bytes > kKeep) {
        Record& r = m_records[drop];
        if (!r.isRun()) {
            m_bytes -= r.size;
            m_dead += r.size;
            ++drop;
            continue;
        }
        const size_t excess = m_bytes - kKeep;
        const size_t lines = std::min<size_t>(r.count, (excess + r.size - 1) / r.size);
        m_bytes -= lines * r.size;
        if (lines == r.count) {
            ++drop;
            continue;
        }
        r.time += SimTime(lines) * r.period;
        r.count -= uint32_t(lines);
    }
    m_records.erase(m_records.begin(), m_records.begin() + long(drop));

    // Keep the shapes and text the remaining records use.
    std::vector<std::shared_ptr<const TimedLine>> shapes;
    for (Record& r : m_records) {
        if (!r.isRun())
            continue;
        const std::shared_ptr<const TimedLine>& shape = m_shapes[r.offset];
        const auto it = std::find(shapes.begin(), shapes.end(), shape);
        r.offset = uint32_t(it - shapes.begin());
        if (it == shapes.end())
            shapes.push_back(shape);
    }
    m_shapes = std::move(shapes);
    if (m_dead > m_text.size() / 2) {
        m_text.erase(0, m_dead);
        for (Record& r : m_records)
            if (!r.isRun())
                r.offset -= uint32_t(m_dead);
        m_dead = 0;
    }
}

std::vector<LogEntry> ContainerLog::entries() const
{
    std::vector<LogEntry> out;
    size_t n = 0;
    for (const Record& r : m_records)
        n += r.isRun() ? r.count : 1;
    out.reserve(n);
    for (const Record& r : m_records) {
        if (!r.isRun()) {
            out.push_back(LogEntry{r.time, r.toStderr != 0, m_text.substr(r.offset, r.size)});
            continue;
        }
        const TimedLine& shape = *m_shapes[r.offset];
        for (uint32_t i = 0; i < r.count; ++i) {
            const SimTime t = r.time + SimTime(i) * r.period;
            std::string text = shape.at(t);
            // A burst's shape is an entry a line.
            for (size_t from = 0; from < text.size();) {
                const size_t end = std::min(text.find('\n', from), text.size() - 1) + 1;
                out.push_back(LogEntry{t, r.toStderr != 0, text.substr(from, end - from)});
                from = end;
            }
        }
    }
    return out;
}

bool ContainerLog::operator==(const ContainerLog& other) const
{
    if (m_bytes != other.m_bytes)
        return false;
    // Logs of one history are stored alike; only differently stored ones are compared entry by entry.
    if (m_records == other.m_records && m_shapes.size() == other.m_shapes.size() &&
        std::string_view(m_text).substr(m_dead) == std::string_view(other.m_text).substr(other.m_dead)) {
        bool sameShapes = true;
        for (size_t i = 0; i < m_shapes.size() && sameShapes; ++i)
            sameShapes = m_shapes[i] == other.m_shapes[i] || *m_shapes[i] == *other.m_shapes[i];
        if (sameShapes && m_dead == other.m_dead)
            return true;
    }
    return entries() == other.entries();
}

} // namespace podlab::sim::runtime::detail
