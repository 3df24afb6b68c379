#include "labels.h"

#include <algorithm>
#include <vector>

namespace podlab::sim::kubectl {

std::string formatLabels(const api::StringMap& labels)
{
    std::string out;
    for (const auto& [key, value] : labels) {
        if (!out.empty())
            out += ',';
        out += key + "=" + value;
    }
    return out.empty() ? "<none>" : out;
}

std::string selectorString(const std::optional<api::LabelSelector>& selector)
{
    if (!selector)
        return {};
    struct Requirement {
        std::string key;
        std::string text;
    };
    std::vector<Requirement> requirements;
    for (const auto& [key, value] : selector->matchLabels)
        requirements.push_back({key, key + "=" + value});
    for (const auto& e : selector->matchExpressions) {
        std::vector<std::string> values = e.values;
        std::sort(values.begin(), values.end());
        std::string joined;
        for (const auto& v : values)
            joined += (joined.empty() ? "" : ",") + v;
        if (e.operator_ == "In")
            requirements.push_back({e.key, e.key + " in (" + joined + ")"});
        else if (e.operator_ == "NotIn")
            requirements.push_back({e.key, e.key + " notin (" + joined + ")"});
        else if (e.operator_ == "Exists")
            requirements.push_back({e.key, e.key});
        else if (e.operator_ == "DoesNotExist")
            requirements.push_back({e.key, "!" + e.key});
    }
    // The selector keeps its requirements sorted by key; equal keys keep the order they were added in.
    std::stable_sort(requirements.begin(), requirements.end(),
                     [](const Requirement& a, const Requirement& b) { return a.key < b.key; });
    std::string out;
    for (const auto& r : requirements)
        out += (out.empty() ? "" : ",") + r.text;
    return out;
}

std::string formatLabelSelector(const std::optional<api::LabelSelector>& selector)
{
    std::string s = selectorString(selector);
    return s.empty() ? "<none>" : s;
}

} // namespace podlab::sim::kubectl
