#include "prefixwriter.h"

#include "humanduration.h"
#include "tabwriter.h"

#include <algorithm>

namespace podlab::sim::kubectl {

namespace {

// Annotations longer than this (key and value) are wrapped onto their own lines.
constexpr size_t kMaxAnnotationLength = 140;

std::vector<std::string> splitLines(std::string_view s)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t nl = s.find('\n', start);
        if (nl == std::string_view::npos) {
            out.emplace_back(s.substr(start));
            return out;
        }
        out.emplace_back(s.substr(start, nl - start));
        start = nl + 1;
    }
}

} // namespace

std::string PrefixWriter::finish() const
{
    return tabAlign(m_text, kDescribeTabWriter);
}

std::string trimSpace(std::string_view s)
{
    const char* ws = " \t\n\v\f\r";
    const size_t begin = s.find_first_not_of(ws);
    if (begin == std::string_view::npos)
        return {};
    return std::string(s.substr(begin, s.find_last_not_of(ws) - begin + 1));
}

std::string goBool(bool value)
{
    return value ? "true" : "false";
}

void printLabelsMultiline(PrefixWriter& w, std::string_view title, const api::StringMap& labels)
{
    w.write(0, std::string(title) + ":\t");
    if (labels.empty()) {
        w.writeLine("<none>");
        return;
    }
    bool first = true;
    for (const auto& [key, value] : labels) {
        if (!first)
            w.write(0, "\t");
        first = false;
        w.write(0, key + "=" + value + "\n");
    }
}

void printAnnotationsMultiline(PrefixWriter& w, std::string_view title, const api::StringMap& annotations)
{
    w.write(0, std::string(title) + ":\t");
    std::vector<std::string> keys;
    for (const auto& [key, value] : annotations)
        if (key != "kubectl.kubernetes.io/last-applied-configuration")
            keys.push_back(key);
    if (keys.empty()) {
        w.writeLine("<none>");
        return;
    }
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i != 0)
            w.write(0, "\t");
        std::string value = annotations.at(keys[i]);
        if (!value.empty() && value.back() == '\n')
            value.pop_back();
        if (value.size() + keys[i].size() + 2 > kMaxAnnotationLength ||
            value.find('\n') != std::string::npos) {
            w.write(0, keys[i] + ":\n");
            for (const auto& line : splitLines(value)) {
                const std::string shortened = line.size() > kMaxAnnotationLength - 2
                                                  ? line.substr(0, kMaxAnnotationLength - 2) + "..."
                                                  : line;
                w.write(0, "\t  " + shortened + "\n");
            }
        } else {
            w.write(0, keys[i] + ": " + value + "\n");
        }
    }
}

void printTolerationsMultiline(PrefixWriter& w, std::string_view title,
                               std::vector<api::Toleration> tolerations)
{
    w.write(0, std::string(title) + ":\t");
    if (tolerations.empty()) {
        w.writeLine("<none>");
        return;
    }
    // Go's sort.Slice by key: insertion sort, stable, for the few tolerations a pod has.
    std::stable_sort(tolerations.begin(), tolerations.end(),
                     [](const api::Toleration& a, const api::Toleration& b) { return a.key < b.key; });
    for (size_t i = 0; i < tolerations.size(); ++i) {
        const api::Toleration& t = tolerations[i];
        if (i != 0)
            w.write(0, "\t");
        std::string line = t.key;
        if (!t.value.empty())
            line += "=" + t.value;
        if (!t.effect.empty())
            line += ":" + t.effect;
        // An Exists toleration with no key and no effect tolerates everything.
        if (t.operator_ == "Exists" && t.value.empty())
            line += (!t.key.empty() || !t.effect.empty()) ? " op=Exists" : "op=Exists";
        if (t.tolerationSeconds)
            line += " for " + std::to_string(*t.tolerationSeconds) + "s";
        w.write(0, line + "\n");
    }
}

void describeEvents(PrefixWriter& w, std::vector<api::Event> events, const api::Time& now,
                    const DescribeOptions& options)
{
    if (options.events == EventsSection::Hidden)
        return;
    if (events.empty()) {
        w.write(0, "Events:\t<none>\n");
        return;
    }
    // Sorted by last timestamp (the events.k8s.io eventTime and series are not modelled). Go's sort is stable
    // for up to twelve events; beyond that ties may come out in another order than here.
    std::stable_sort(events.begin(), events.end(), [](const api::Event& a, const api::Event& b) {
        return a.lastTimestamp < b.lastTimestamp;
    });
    w.write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n");
    w.write(1, "----\t------\t----\t----\t-------\n");
    for (const auto& e : events) {
        const std::string firstSeen = ageSince(e.firstTimestamp, now);
        const std::string interval = e.count > 1 ? ageSince(e.lastTimestamp, now) + " (x" +
                                                       std::to_string(e.count) + " over " + firstSeen + ")"
                                                 : firstSeen;
        const std::string& source = !e.source.component.empty() ? e.source.component : e.reportingComponent;
        std::string message = trimSpace(e.message);
        if (options.fieldPath == EventFieldPath::MessagePrefix && !e.involvedObject.fieldPath.empty())
            message = e.involvedObject.fieldPath + ": " + message;
        w.write(1, e.type + "\t" + e.reason + "\t" + interval + "\t" + source + "\t" + message + "\n");
    }
}

} // namespace podlab::sim::kubectl
