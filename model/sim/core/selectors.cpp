#include "selectors.h"

#include <algorithm>
#include <charconv>

namespace podlab::sim {

namespace {

bool contains(const std::vector<std::string>& values, const std::string& v)
{
    return std::find(values.begin(), values.end(), v) != values.end();
}

std::optional<int64_t> parseInt(const std::string& s)
{
    int64_t v = 0;
    const auto r = std::from_chars(s.data(), s.data() + s.size(), v);
    if (r.ec != std::errc() || r.ptr != s.data() + s.size())
        return std::nullopt;
    return v;
}

bool requirementMatches(const std::string& op, const std::vector<std::string>& values, const api::StringMap& labels,
                        const std::string& key)
{
    const auto it = labels.find(key);
    const bool has = it != labels.end();
    if (op == "In")
        return has && contains(values, it->second);
    if (op == "NotIn")
        return !has || !contains(values, it->second);
    if (op == "Exists")
        return has;
    if (op == "DoesNotExist")
        return !has;
    if (op == "Gt" || op == "Lt") {
        if (!has || values.size() != 1)
            return false;
        const auto label = parseInt(it->second), bound = parseInt(values[0]);
        if (!label || !bound)
            return false;
        return op == "Gt" ? *label > *bound : *label < *bound;
    }
    return false;
}

std::string_view trim(std::string_view s)
{
    while (!s.empty() && s.front() == ' ')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ')
        s.remove_suffix(1);
    return s;
}

} // namespace

bool matches(const api::LabelSelector& selector, const api::StringMap& labels)
{
    if (!matches(selector.matchLabels, labels))
        return false;
    return std::all_of(selector.matchExpressions.begin(), selector.matchExpressions.end(), [&](const auto& r) {
        return requirementMatches(r.operator_, r.values, labels, r.key);
    });
}

bool matches(const api::StringMap& selector, const api::StringMap& labels)
{
    return std::all_of(selector.begin(), selector.end(), [&](const auto& kv) {
        const auto it = labels.find(kv.first);
        return it != labels.end() && it->second == kv.second;
    });
}

bool matches(const api::NodeSelectorTerm& term, const api::Node& node)
{
    // A term with neither expressions nor fields matches no node.
    if (term.matchExpressions.empty() && term.matchFields.empty())
        return false;
    for (const auto& r : term.matchExpressions)
        if (!requirementMatches(r.operator_, r.values, node.metadata.labels, r.key))
            return false;
    for (const auto& r : term.matchFields) {
        const api::StringMap fields{{"metadata.name", node.metadata.name}};
        if (!requirementMatches(r.operator_, r.values, fields, r.key))
            return false;
    }
    return true;
}

bool matches(const api::NodeSelector& selector, const api::Node& node)
{
    return std::any_of(selector.nodeSelectorTerms.begin(), selector.nodeSelectorTerms.end(),
                       [&](const auto& term) { return matches(term, node); });
}

bool matchesNodeAffinity(const api::PodSpec& spec, const api::Node& node)
{
    if (!matches(spec.nodeSelector, node.metadata.labels))
        return false;
    if (spec.affinity && spec.affinity->nodeAffinity &&
        spec.affinity->nodeAffinity->requiredDuringSchedulingIgnoredDuringExecution)
        return matches(*spec.affinity->nodeAffinity->requiredDuringSchedulingIgnoredDuringExecution, node);
    return true;
}

bool tolerates(const api::Toleration& t, const api::Taint& taint)
{
    if (!t.effect.empty() && t.effect != taint.effect)
        return false;
    if (!t.key.empty() && t.key != taint.key)
        return false;
    if (t.operator_ == "Exists")
        return true;
    // Equal (or empty, which means Equal): an empty key only makes sense with Exists.
    return !t.key.empty() && t.value == taint.value;
}

bool tolerates(const std::vector<api::Toleration>& tolerations, const api::Taint& taint)
{
    return std::any_of(tolerations.begin(), tolerations.end(), [&](const auto& t) { return tolerates(t, taint); });
}

std::optional<api::Taint> firstUntoleratedTaint(const std::vector<api::Toleration>& tolerations,
                                                const std::vector<api::Taint>& taints,
                                                std::initializer_list<std::string_view> effects)
{
    for (const api::Taint& taint : taints) {
        if (std::find(effects.begin(), effects.end(), taint.effect) == effects.end())
            continue;
        if (!tolerates(tolerations, taint))
            return taint;
    }
    return std::nullopt;
}

ParsedSelector parseLabelSelector(std::string_view text)
{
    ParsedSelector out;
    // Split on commas outside parentheses.
    std::vector<std::string_view> parts;
    int depth = 0;
    size_t start = 0;
    for (size_t i = 0; i <= text.size(); ++i) {
        if (i == text.size() || (text[i] == ',' && depth == 0)) {
            parts.push_back(trim(text.substr(start, i - start)));
            start = i + 1;
        } else if (text[i] == '(') {
            ++depth;
        } else if (text[i] == ')') {
            --depth;
        }
    }
    for (std::string_view part : parts) {
        if (part.empty())
            continue;
        api::LabelSelectorRequirement r;
        auto setIn = [&](std::string_view key, std::string_view list, const char* op) {
            r.key = std::string(trim(key));
            r.operator_ = op;
            list = trim(list);
            if (list.size() < 2 || list.front() != '(' || list.back() != ')') {
                out.error = "unable to parse requirement: found '" + std::string(list) + "', expected: '('";
                return;
            }
            list = list.substr(1, list.size() - 2);
            size_t s = 0;
            for (size_t i = 0; i <= list.size(); ++i) {
                if (i == list.size() || list[i] == ',') {
                    r.values.emplace_back(trim(list.substr(s, i - s)));
                    s = i + 1;
                }
            }
            out.selector.matchExpressions.push_back(r);
        };
        if (const size_t ne = part.find("!="); ne != std::string_view::npos) {
            r.key = std::string(trim(part.substr(0, ne)));
            r.operator_ = "NotIn";
            r.values = {std::string(trim(part.substr(ne + 2)))};
            out.selector.matchExpressions.push_back(r);
        } else if (const size_t eq = part.find('='); eq != std::string_view::npos) {
            const size_t valueStart = part.size() > eq + 1 && part[eq + 1] == '=' ? eq + 2 : eq + 1;
            out.selector.matchLabels[std::string(trim(part.substr(0, eq)))] = std::string(trim(part.substr(valueStart)));
        } else if (const size_t notin = part.find(" notin "); notin != std::string_view::npos) {
            setIn(part.substr(0, notin), part.substr(notin + 7), "NotIn");
        } else if (const size_t in = part.find(" in "); in != std::string_view::npos) {
            setIn(part.substr(0, in), part.substr(in + 4), "In");
        } else if (part.front() == '!') {
            r.key = std::string(trim(part.substr(1)));
            r.operator_ = "DoesNotExist";
            out.selector.matchExpressions.push_back(r);
        } else {
            r.key = std::string(part);
            r.operator_ = "Exists";
            out.selector.matchExpressions.push_back(r);
        }
        if (!out.error.empty())
            return out;
    }
    return out;
}

} // namespace podlab::sim
