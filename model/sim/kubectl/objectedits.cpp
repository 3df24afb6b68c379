#include "objectedits.h"

#include "manifest/names.h"

#include <algorithm>

namespace podlab::sim::kubectl {

namespace {

std::string joined(const std::vector<std::string>& parts, const char* separator)
{
    std::string out;
    for (const std::string& p : parts)
        out += (out.empty() ? "" : separator) + p;
    return out;
}

std::vector<std::string> split(const std::string& s, char c)
{
    std::vector<std::string> out;
    size_t start = 0;
    while (true) {
        const size_t at = s.find(c, start);
        out.push_back(s.substr(start, at == std::string::npos ? std::string::npos : at - start));
        if (at == std::string::npos)
            return out;
        start = at + 1;
    }
}

std::string toString(const api::Taint& t)
{
    std::string out = t.key;
    if (!t.value.empty())
        out += "=" + t.value;
    if (!t.effect.empty())
        out += ":" + t.effect;
    return out;
}

bool sameKeyAndEffect(const api::Taint& a, const api::Taint& b) { return a.key == b.key && a.effect == b.effect; }

// parseTaint: "key", "key:Effect" or "key=value:Effect".
std::optional<api::Taint> parseTaint(const std::string& spec, std::string* error)
{
    api::Taint taint;
    const std::vector<std::string> parts = split(spec, ':');
    if (parts.size() == 1) {
        taint.key = parts[0];
    } else if (parts.size() == 2) {
        taint.effect = parts[1];
        if (taint.effect != "NoSchedule" && taint.effect != "PreferNoSchedule" && taint.effect != "NoExecute") {
            *error = "invalid taint effect: " + taint.effect + ", unsupported taint effect";
            return std::nullopt;
        }
        const std::vector<std::string> kv = split(parts[0], '=');
        if (kv.size() > 2) {
            *error = "invalid taint spec: " + spec;
            return std::nullopt;
        }
        taint.key = kv[0];
        if (kv.size() == 2) {
            taint.value = kv[1];
            if (const auto errs = manifest::isLabelValue(taint.value); !errs.empty()) {
                *error = "invalid taint spec: " + spec + ", " + joined(errs, "; ");
                return std::nullopt;
            }
        }
    } else {
        *error = "invalid taint spec: " + spec;
        return std::nullopt;
    }
    if (const auto errs = manifest::isQualifiedName(taint.key); !errs.empty()) {
        *error = "invalid taint spec: " + spec + ", " + joined(errs, "; ");
        return std::nullopt;
    }
    return taint;
}

} // namespace

std::optional<MapEdits> parseMapEdits(const std::vector<std::string>& specs, MapKind kind, std::string* error)
{
    const std::string noun = kind == MapKind::Labels ? "label" : "annotation";
    MapEdits edits;
    for (const std::string& spec : specs) {
        if (spec.find('=') != std::string::npos) {
            const size_t eq = spec.find('=');
            const std::string key = spec.substr(0, eq);
            const std::string value = spec.substr(eq + 1);
            if (kind == MapKind::Labels) {
                if (value.find('=') != std::string::npos) {
                    *error = "invalid label spec: " + spec;
                    return std::nullopt;
                }
                if (const auto errs = manifest::isLabelValue(value); !errs.empty()) {
                    *error = "invalid label value: \"" + spec + "\": " + joined(errs, ";");
                    return std::nullopt;
                }
            }
            std::erase_if(edits.set, [&](const auto& e) { return e.first == key; });
            edits.set.emplace_back(key, value);
        } else if (spec.ends_with("-")) {
            edits.remove.push_back(spec.substr(0, spec.size() - 1));
        } else {
            *error = "unknown " + noun + " spec: " + spec;
            return std::nullopt;
        }
    }
    for (const std::string& key : edits.remove) {
        if (std::any_of(edits.set.begin(), edits.set.end(), [&](const auto& e) { return e.first == key; })) {
            *error = "can not both modify and remove " + std::string(kind == MapKind::Labels ? "a label" : "an annotation") +
                     " in the same command";
            return std::nullopt;
        }
    }
    return edits;
}

std::optional<api::StringMap> applyMapEdits(const api::StringMap& current, const MapEdits& edits, MapKind kind,
                                            Overwrite overwrite, std::string* error)
{
    if (overwrite == Overwrite::No) {
        std::vector<std::string> found;
        for (const auto& [key, value] : edits.set) {
            const auto it = current.find(key);
            // annotate tolerates setting the value a key already has; label does not.
            if (it != current.end() && (kind == MapKind::Labels || it->second != value))
                found.push_back("'" + key + "' already has a value (" + it->second + ")");
        }
        if (!found.empty()) {
            if (kind == MapKind::Labels) {
                // An aggregate of one error per key, each "…, and --overwrite is false".
                std::vector<std::string> each;
                for (const std::string& f : found)
                    each.push_back(f + ", and --overwrite is false");
                *error = each.size() == 1 ? each[0] : "[" + joined(each, ", ") + "]";
            } else {
                *error = "--overwrite is false but found the following declared annotation(s): " + joined(found, "; ");
            }
            return std::nullopt;
        }
    }
    api::StringMap out = current;
    for (const auto& [key, value] : edits.set)
        out[key] = value;
    for (const std::string& key : edits.remove)
        out.erase(key);
    return out;
}

std::optional<TaintEdits> parseTaintEdits(const std::vector<std::string>& specs, std::string* error)
{
    TaintEdits edits;
    for (const std::string& spec : specs) {
        if (spec.ends_with("-")) {
            auto t = parseTaint(spec.substr(0, spec.size() - 1), error);
            if (!t)
                return std::nullopt;
            edits.remove.push_back(api::Taint{t->key, {}, t->effect, {}});
            continue;
        }
        auto t = parseTaint(spec, error);
        if (!t)
            return std::nullopt;
        if (t->effect.empty()) {
            *error = "unknown taint spec: " + spec;
            return std::nullopt;
        }
        if (std::any_of(edits.add.begin(), edits.add.end(), [&](const api::Taint& o) { return sameKeyAndEffect(o, *t); })) {
            *error = "duplicated taints with the same key and effect: {" + t->key + " " + t->value + " " + t->effect + " <nil>}";
            return std::nullopt;
        }
        edits.add.push_back(*t);
    }
    return edits;
}

std::optional<TaintResult> applyTaintEdits(const api::Node& node, const TaintEdits& edits, Overwrite overwrite,
                                           std::string* error)
{
    if (overwrite == Overwrite::No) {
        std::vector<std::string> existing;
        for (const api::Taint& t : edits.add)
            for (const api::Taint& old : node.spec.taints)
                if (sameKeyAndEffect(t, old))
                    existing.push_back(t.key);
        if (!existing.empty()) {
            *error = "node " + node.metadata.name + " already has " + joined(existing, ",") +
                     " taint(s) with same effect(s) and --overwrite is false";
            return std::nullopt;
        }
    }
    // The new taints first, then the old ones they do not replace (reorganizeTaints).
    std::vector<api::Taint> taints = edits.add;
    for (const api::Taint& old : node.spec.taints)
        if (std::none_of(taints.begin(), taints.end(), [&](const api::Taint& t) { return sameKeyAndEffect(t, old); }))
            taints.push_back(old);
    const bool added = taints.size() != node.spec.taints.size();
    bool removed = false;
    std::vector<std::string> missing;
    for (const api::Taint& r : edits.remove) {
        const size_t before = taints.size();
        std::erase_if(taints, [&](const api::Taint& t) { return t.key == r.key && (r.effect.empty() || t.effect == r.effect); });
        removed = taints.size() != before;
        if (!removed)
            missing.push_back("taint \"" + toString(r) + "\" not found");
    }
    if (!missing.empty()) {
        *error = missing.size() == 1 ? missing[0] : "[" + joined(missing, ", ") + "]";
        return std::nullopt;
    }
    std::string operation = "untainted";
    if ((added && removed) || overwrite == Overwrite::Yes)
        operation = "modified";
    else if (added)
        operation = "tainted";
    return TaintResult{std::move(taints), std::move(operation)};
}

} // namespace podlab::sim::kubectl
