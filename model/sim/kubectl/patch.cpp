#include "patch.h"
#include "strategicmerge.h"

#include "manifest/decodecontext.h"
#include "manifest/schema.h"
#include "manifest/yamldocument.h"

#include <algorithm>

namespace podlab::sim::kubectl {

namespace {

api::Value* member(api::Value& object, std::string_view key)
{
    for (auto& [k, v] : object.asObject())
        if (k == key)
            return &v;
    return nullptr;
}

void eraseMember(api::Value& object, std::string_view key)
{
    auto& members = object.asObject();
    members.erase(std::remove_if(members.begin(), members.end(), [&](const auto& m) { return m.first == key; }),
                  members.end());
}

// The strategic merge of one map: `parent` names the field the map is in, for the list rules below it.
api::Value strategicMerge(std::string_view kind, std::string_view parent, const api::Value& target,
                          const api::Value& patch)
{
    if (!patch.isObject() || !target.isObject())
        return patch;
    api::Value out = target;
    for (const auto& [key, value] : patch.asObject()) {
        if (value.isNull()) {
            eraseMember(out, key);
            continue;
        }
        api::Value* current = member(out, key);
        if (!current) {
            out.insert(key, value);
            continue;
        }
        if (value.isObject()) {
            *current = strategicMerge(kind, key, *current, value);
        } else if (value.isArray() && current->isArray()) {
            const ListMergeRule rule = listMergeRule(kind, parent, key);
            if (rule.strategy == ListMergeRule::Strategy::MergePrimitives) {
                for (const api::Value& v : value.asArray())
                    if (std::find(current->asArray().begin(), current->asArray().end(), v) == current->asArray().end())
                        current->asArray().push_back(v);
            } else if (rule.strategy == ListMergeRule::Strategy::MergeByKey) {
                api::Value::Array& list = current->asArray();
                for (const api::Value& element : value.asArray()) {
                    const api::Value* id = element.isObject() ? element.find(rule.key) : nullptr;
                    auto same = std::find_if(list.begin(), list.end(), [&](const api::Value& e) {
                        const api::Value* other = e.isObject() ? e.find(rule.key) : nullptr;
                        return id && other && *id == *other;
                    });
                    const api::Value* directive = element.isObject() ? element.find("$patch") : nullptr;
                    if (directive && directive->isString() && directive->asString() == "delete") {
                        if (same != list.end())
                            list.erase(same);
                    } else if (same != list.end()) {
                        *same = strategicMerge(kind, key, *same, element);
                    } else {
                        list.push_back(element);
                    }
                }
            } else {
                *current = value;
            }
        } else {
            *current = value;
        }
    }
    return out;
}

// A JSON pointer token as a list index ("-" is one past the end).
std::optional<size_t> patchIndex(const std::string& token, size_t size)
{
    if (token == "-")
        return size;
    if (token.empty() || !std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return size_t(std::stoull(token));
}

// A JSON pointer ("/data/color", "~1" for '/', "~0" for '~') as its reference tokens.
std::vector<std::string> pointerTokens(const std::string& pointer)
{
    std::vector<std::string> tokens;
    size_t i = 1;
    while (i <= pointer.size()) {
        const size_t next = pointer.find('/', i);
        std::string token = pointer.substr(i, next == std::string::npos ? std::string::npos : next - i);
        for (size_t p; (p = token.find("~1")) != std::string::npos;)
            token.replace(p, 2, "/");
        for (size_t p; (p = token.find("~0")) != std::string::npos;)
            token.replace(p, 2, "~");
        tokens.push_back(std::move(token));
        if (next == std::string::npos)
            break;
        i = next + 1;
    }
    return tokens;
}

// The value a pointer's parent names, and the last token; nullptr if the parent does not exist.
api::Value* parentOf(api::Value& root, const std::vector<std::string>& tokens)
{
    api::Value* at = &root;
    for (size_t i = 0; i + 1 < tokens.size(); ++i) {
        if (at->isObject()) {
            at = member(*at, tokens[i]);
        } else if (at->isArray()) {
            const auto index = patchIndex(tokens[i], at->asArray().size());
            at = index && *index < at->asArray().size() ? &at->asArray()[*index] : nullptr;
        } else {
            at = nullptr;
        }
        if (!at)
            return nullptr;
    }
    return at;
}

} // namespace

Outcome<api::Value> readPatch(std::string_view text)
{
    std::optional<api::Value> value;
    manifest::Diagnostics diagnostics;
    const auto error = manifest::parseYamlStream(text, [&](const manifest::YamlDocument& doc) {
        if (value)
            return;
        manifest::DecodeContext ctx("patch", diagnostics, doc);
        api::Value v;
        manifest::Codec<api::Value>::decode(v, doc.root(), ctx);
        value = std::move(v);
    });
    if (error || !value || !diagnostics.empty())
        // kubectl quotes the YAML parser's error as go-yaml words it: "yaml: line 1: …".
        return Outcome<api::Value>::failure("unable to parse \"" + std::string(text) + "\": " +
                                            (error ? "yaml: line " + std::to_string(error->line) + ": " + error->message
                                                   : std::string("not a patch")));
    return Outcome<api::Value>::success(std::move(*value));
}

api::Value mergePatch(const api::Value& target, const api::Value& patch)
{
    if (!patch.isObject())
        return patch;
    api::Value out = target.isObject() ? target : api::Value(api::Value::Object{});
    for (const auto& [key, value] : patch.asObject()) {
        if (value.isNull()) {
            eraseMember(out, key);
        } else if (api::Value* current = member(out, key)) {
            *current = mergePatch(*current, value);
        } else {
            out.insert(key, mergePatch(api::Value(), value));
        }
    }
    return out;
}

api::Value strategicMergePatch(std::string_view kind, const api::Value& target, const api::Value& patch)
{
    return strategicMerge(kind, "", target, patch);
}

Outcome<api::Value> jsonPatch(const api::Value& target, const api::Value& operations)
{
    using Result = Outcome<api::Value>;
    if (!operations.isArray())
        return Result::failure("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
    api::Value doc = target;
    const auto missing = [](const std::string& path) {
        return Result::failure("doc is missing path: \"" + path + "\": missing value");
    };
    // The value a pointer names, or nullptr.
    const auto valueAt = [&doc](const std::string& pointer) -> api::Value* {
        const std::vector<std::string> tokens = pointerTokens(pointer);
        if (tokens.empty())
            return &doc;
        api::Value* parent = parentOf(doc, tokens);
        if (!parent)
            return nullptr;
        if (parent->isObject())
            return member(*parent, tokens.back());
        if (!parent->isArray())
            return nullptr;
        const auto index = patchIndex(tokens.back(), parent->asArray().size());
        return index && *index < parent->asArray().size() ? &parent->asArray()[*index] : nullptr;
    };
    // add, or replace (which needs something there), of `value` at `path`; "" when it held.
    const auto put = [&](const std::string& path, const api::Value& value, bool replace) -> std::optional<Result> {
        const std::vector<std::string> tokens = pointerTokens(path);
        api::Value* parent = tokens.empty() ? nullptr : parentOf(doc, tokens);
        if (!parent)
            return missing(path);
        const std::string& last = tokens.back();
        if (parent->isObject()) {
            api::Value* existing = member(*parent, last);
            if (replace && !existing)
                return Result::failure("replace operation does not apply: doc is missing key: " + path +
                                       ": missing value");
            if (existing)
                *existing = value;
            else
                parent->insert(last, value);
        } else if (parent->isArray()) {
            auto& list = parent->asArray();
            const auto index = patchIndex(last, list.size());
            if (!index || *index > list.size() || (replace && *index >= list.size()))
                return missing(path);
            if (replace)
                list[*index] = value;
            else
                list.insert(list.begin() + std::ptrdiff_t(*index), value);
        } else {
            return missing(path);
        }
        return std::nullopt;
    };
    const auto remove = [&](const std::string& path) -> std::optional<Result> {
        const std::vector<std::string> tokens = pointerTokens(path);
        api::Value* parent = tokens.empty() ? nullptr : parentOf(doc, tokens);
        if (!parent)
            return missing(path);
        if (parent->isObject() && member(*parent, tokens.back())) {
            eraseMember(*parent, tokens.back());
        } else if (parent->isArray()) {
            auto& list = parent->asArray();
            const auto index = patchIndex(tokens.back(), list.size());
            if (!index || *index >= list.size())
                return missing(path);
            list.erase(list.begin() + std::ptrdiff_t(*index));
        } else {
            return missing(path);
        }
        return std::nullopt;
    };
    for (const api::Value& op : operations.asArray()) {
        const api::Value* opName = op.isObject() ? op.find("op") : nullptr;
        const api::Value* pathValue = op.isObject() ? op.find("path") : nullptr;
        if (!opName || !opName->isString() || !pathValue || !pathValue->isString())
            return Result::failure("Unexpected kind: unknown");
        const std::string name = opName->asString();
        const std::string path = pathValue->asString();
        const api::Value* value = op.find("value");
        std::optional<Result> problem;
        if (name == "add" || name == "replace") {
            if (!value)
                return Result::failure("missing value");
            problem = put(path, *value, name == "replace");
        } else if (name == "remove") {
            problem = remove(path);
        } else if (name == "move" || name == "copy") {
            // RFC 6902: the value at "from", added at "path" (and, for move, taken away from "from" first).
            const api::Value* fromValue = op.find("from");
            if (!fromValue || !fromValue->isString())
                return Result::failure(name + " operation does not apply: missing from path");
            const std::string from = fromValue->asString();
            const api::Value* source = valueAt(from);
            if (!source)
                return Result::failure(name + " operation does not apply: doc is missing from path: " + from +
                                       ": missing value");
            const api::Value moved = *source;
            if (name == "move" && (problem = remove(from)))
                return *problem;
            problem = put(path, moved, false);
        } else if (name == "test") {
            const api::Value* existing = valueAt(path);
            if (!existing || !value || !(*existing == *value))
                return Result::failure("testing value " + path + " failed: test failed");
        } else {
            return Result::failure("Unexpected kind: " + name);
        }
        if (problem)
            return *problem;
    }
    return Result::success(std::move(doc));
}

} // namespace podlab::sim::kubectl
