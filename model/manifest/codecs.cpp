// Decoding of the scalar types every field table bottoms out in.
#include "schema.h"

#include <cmath>
#include <limits>

namespace podlab::manifest {

using T = ResolvedScalar::Type;

void reportUnknownField(DecodeContext& ctx, YamlRef key, std::string_view name,
                        const std::vector<std::string_view>& known)
{
    PathScope scope(ctx, name);
    std::string message = "unknown field \"" + std::string(name) + "\"";
    if (const std::string_view hint = suggestName(name, known); !hint.empty())
        message += ", did you mean \"" + std::string(hint) + "\"?";
    ctx.error(key, std::move(message));
}

void Codec<std::string>::decode(std::string& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "string");
    if (!s || s->type == T::Null)
        return;
    if (s->type != T::String)
        return ctx.typeError(node, "string");
    out.assign(s->text);
}

void Codec<bool>::decode(bool& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "boolean");
    if (!s || s->type == T::Null)
        return;
    if (s->type != T::Bool)
        return ctx.typeError(node, "boolean");
    out = s->resolved.boolValue;
}

namespace {

template <class Int>
void decodeInteger(Int& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "integer");
    if (!s || s->type == T::Null)
        return;
    int64_t v;
    if (s->type == T::Int) {
        v = s->resolved.intValue;
    } else if (s->type == T::Float && std::isfinite(s->resolved.floatValue) &&
               std::floor(s->resolved.floatValue) == s->resolved.floatValue && !s->resolved.intOverflow &&
               std::fabs(s->resolved.floatValue) < 9.2e18) {
        v = int64_t(s->resolved.floatValue); // JSON has one number type: 3.0 reads as 3
    } else if (s->type == T::Float) {
        const char* range = sizeof(Int) == 4 ? "a 32-bit integer" : "a 64-bit integer";
        ctx.error(node, "Invalid value: " + std::string(s->text) + ": must be " + range);
        return;
    } else {
        return ctx.typeError(node, "integer");
    }
    if (v < std::numeric_limits<Int>::min() || v > std::numeric_limits<Int>::max()) {
        const std::string bound = v < 0 ? "at least " + std::to_string(std::numeric_limits<Int>::min())
                                        : "at most " + std::to_string(std::numeric_limits<Int>::max());
        ctx.error(node, "Invalid value: " + std::string(s->text) + ": must be a 32-bit integer (" + bound + ")");
        return;
    }
    out = Int(v);
}

} // namespace

void Codec<int32_t>::decode(int32_t& out, YamlRef node, DecodeContext& ctx) { decodeInteger(out, node, ctx); }

void Codec<int64_t>::decode(int64_t& out, YamlRef node, DecodeContext& ctx) { decodeInteger(out, node, ctx); }

void Codec<api::Quantity>::decode(api::Quantity& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "quantity");
    if (!s || s->type == T::Null)
        return;
    if (s->type != T::String && s->type != T::Int && s->type != T::Float)
        return ctx.typeError(node, "quantity");
    std::string why;
    if (auto q = api::Quantity::parse(s->text, &why))
        out = *q;
    else
        ctx.error(node, "Invalid value: \"" + std::string(s->text) + "\": " + why);
}

void Codec<api::Time>::decode(api::Time& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "time");
    if (!s || s->type == T::Null)
        return;
    if (s->type != T::String)
        return ctx.typeError(node, "RFC 3339 time string");
    if (auto t = api::Time::parse(s->text))
        out = *t;
    else
        ctx.error(node, "Invalid value: \"" + std::string(s->text) +
                            "\": must be an RFC 3339 time, for example \"2026-01-01T00:00:00Z\"");
}

void Codec<api::IntOrString>::decode(api::IntOrString& out, YamlRef node, DecodeContext& ctx)
{
    const auto s = ctx.scalar(node, "integer or string");
    if (!s || s->type == T::Null)
        return;
    if (s->type == T::String) {
        out = api::IntOrString::fromString(std::string(s->text));
    } else if (s->type == T::Int) {
        int32_t v = 0;
        Codec<int32_t>::decode(v, node, ctx);
        out = api::IntOrString::fromInt(v);
    } else {
        ctx.typeError(node, "integer or string");
    }
}

void Codec<api::Value>::decode(api::Value& out, YamlRef node, DecodeContext& ctx)
{
    node = ctx.resolve(node);
    if (!node.isValid())
        return;
    switch (node.kind()) {
    case YamlDocument::Kind::Null:
    case YamlDocument::Kind::Alias:
        out = api::Value();
        return;
    case YamlDocument::Kind::Mapping: {
        api::Value::Object members;
        ctx.forEachMember(node, [&](std::string_view key, YamlRef, YamlRef value) {
            PathScope scope(ctx, key);
            api::Value v;
            decode(v, value, ctx);
            members.emplace_back(std::string(key), std::move(v));
        });
        out = std::move(members);
        return;
    }
    case YamlDocument::Kind::Sequence: {
        api::Value::Array items;
        size_t i = 0;
        for (YamlRef item = node.firstChild(); item.isValid(); item = item.nextSibling(), ++i) {
            PathScope scope(ctx, i);
            api::Value v;
            decode(v, item, ctx);
            items.push_back(std::move(v));
        }
        out = std::move(items);
        return;
    }
    case YamlDocument::Kind::Scalar:
        break;
    }
    const auto s = ctx.scalar(node, "value");
    if (!s)
        return;
    switch (s->type) {
    case T::Null:
        out = api::Value();
        break;
    case T::Bool:
        out = s->resolved.boolValue;
        break;
    case T::Int:
        out = s->resolved.intValue;
        break;
    case T::Float:
        out = s->resolved.floatValue;
        break;
    case T::String:
        out = std::string(s->text);
        break;
    }
}

} // namespace podlab::manifest
