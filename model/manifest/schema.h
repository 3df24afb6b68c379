#pragma once

#include "decodecontext.h"

#include "api/intorstring.h"
#include "api/quantity.h"
#include "api/sharedoptional.h"
#include "api/sharedvector.h"
#include "api/time.h"
#include "api/value.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// How each C++ type is read from YAML and written to the JSON-shaped Value. Structs are described by a
// field table (fieldsOf<T>(), one per type in the schema*.cpp files); that one table drives decoding,
// encoding, strict unknown-field checks and "did you mean" hints, so they cannot drift apart.
template <class T>
struct Codec;

template <>
struct Codec<std::string> {
    static void decode(std::string& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const std::string& v) { return v; }
    static bool isEmpty(const std::string& v) { return v.empty(); }
};

template <>
struct Codec<bool> {
    static void decode(bool& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(bool v) { return v; }
    static bool isEmpty(bool v) { return !v; }
};

template <>
struct Codec<int32_t> {
    static void decode(int32_t& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(int32_t v) { return int64_t(v); }
    static bool isEmpty(int32_t v) { return v == 0; }
};

template <>
struct Codec<int64_t> {
    static void decode(int64_t& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(int64_t v) { return v; }
    static bool isEmpty(int64_t v) { return v == 0; }
};

template <>
struct Codec<api::Quantity> {
    static void decode(api::Quantity& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const api::Quantity& v) { return v.toString(); }
    static bool isEmpty(const api::Quantity&) { return false; }
};

// metav1.Time: RFC 3339, and `null` for the zero time (which Go writes even under omitempty).
template <>
struct Codec<api::Time> {
    static void decode(api::Time& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const api::Time& v) { return v.isNull() ? api::Value() : api::Value(v.toString()); }
    static bool isEmpty(const api::Time&) { return false; }
};

template <>
struct Codec<api::IntOrString> {
    static void decode(api::IntOrString& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const api::IntOrString& v)
    {
        return v.isString ? api::Value(v.stringValue) : api::Value(int64_t(v.intValue));
    }
    static bool isEmpty(const api::IntOrString& v) { return !v.isString && v.intValue == 0; }
};

template <>
struct Codec<api::Value> {
    static void decode(api::Value& out, YamlRef node, DecodeContext& ctx);
    static api::Value encode(const api::Value& v) { return v; }
    static bool isEmpty(const api::Value& v) { return v.isNull(); }
};

// Go's encoding rules, which kubectl's output follows: most fields are `omitempty` (a zero value is left
// out), a few are always written (`ready: false`, `restartCount: 0`).
enum class Emit { OmitEmpty, Always };
inline constexpr Emit Always = Emit::Always;

template <class T>
class Field {
public:
    explicit Field(std::string_view name) : m_name(name) {}
    virtual ~Field() = default;
    std::string_view name() const { return m_name; }
    virtual void decode(T& object, YamlRef value, DecodeContext& ctx) const = 0;
    virtual void encode(const T& object, api::Value::Object& out) const = 0;

private:
    std::string_view m_name;
};

template <class T>
using FieldTable = std::vector<std::unique_ptr<const Field<T>>>;

// Specialised once per struct type (schema*.cpp); declared in schemas.h.
template <class T>
const FieldTable<T>& fieldsOf();

template <class T, class M>
class MemberField final : public Field<T> {
public:
    MemberField(std::string_view name, M T::*member, Emit emitMode) : Field<T>(name), m_member(member), m_emit(emitMode) {}
    void decode(T& object, YamlRef value, DecodeContext& ctx) const override
    {
        Codec<M>::decode(object.*m_member, value, ctx);
    }
    void encode(const T& object, api::Value::Object& out) const override
    {
        const M& v = object.*m_member;
        if (m_emit == Emit::Always || !Codec<M>::isEmpty(v))
            out.emplace_back(std::string(this->name()), Codec<M>::encode(v));
    }

private:
    M T::*m_member;
    Emit m_emit;
};

// A field Kubernetes defines that PodLab keeps but does not simulate: stored as a Value in T::unmodelled.
template <class T>
class UnmodelledField final : public Field<T> {
public:
    using Field<T>::Field;
    void decode(T& object, YamlRef value, DecodeContext& ctx) const override
    {
        api::Value v;
        Codec<api::Value>::decode(v, value, ctx);
        if (!v.isNull())
            object.unmodelled[std::string(this->name())] = std::move(v);
    }
    void encode(const T& object, api::Value::Object& out) const override
    {
        if (auto it = object.unmodelled.find(std::string(this->name())); it != object.unmodelled.end())
            out.emplace_back(it->first, it->second);
    }
};

// apiVersion and kind: read by the reader before decoding, written by the writer.
template <class T>
class TypeMetaField final : public Field<T> {
public:
    using Field<T>::Field;
    void decode(T&, YamlRef, DecodeContext&) const override {}
    void encode(const T&, api::Value::Object&) const override {}
};

// Builds a field table: Fields<Probe>().add("exec", &Probe::exec).add(...).table()
template <class T>
class Fields {
public:
    template <class M>
    Fields& add(std::string_view name, M T::*member, Emit emitMode = Emit::OmitEmpty)
    {
        m_table.push_back(std::make_unique<MemberField<T, M>>(name, member, emitMode));
        return *this;
    }
    Fields& unmodelled(std::initializer_list<std::string_view> names)
    {
        for (std::string_view n : names)
            m_table.push_back(std::make_unique<UnmodelledField<T>>(n));
        return *this;
    }
    Fields& typeMeta()
    {
        m_table.push_back(std::make_unique<TypeMetaField<T>>("apiVersion"));
        m_table.push_back(std::make_unique<TypeMetaField<T>>("kind"));
        return *this;
    }
    FieldTable<T> table() { return std::move(m_table); }

private:
    FieldTable<T> m_table;
};

void reportUnknownField(DecodeContext& ctx, YamlRef key, std::string_view name,
                        const std::vector<std::string_view>& known);

// Any struct with a field table.
template <class T>
struct Codec {
    static void decode(T& object, YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
            return;
        if (node.kind() != YamlDocument::Kind::Mapping)
            return ctx.typeError(node, "object");
        const FieldTable<T>& fields = fieldsOf<T>();
        ctx.forEachMember(node, [&](std::string_view key, YamlRef keyNode, YamlRef value) {
            for (const auto& field : fields) {
                if (field->name() == key) {
                    PathScope scope(ctx, field->name());
                    field->decode(object, value, ctx);
                    return;
                }
            }
            std::vector<std::string_view> known;
            for (const auto& field : fields)
                known.push_back(field->name());
            reportUnknownField(ctx, keyNode, key, known);
        });
    }
    static api::Value encode(const T& object)
    {
        api::Value::Object out;
        for (const auto& field : fieldsOf<T>())
            field->encode(object, out);
        return out;
    }
    // Go's omitempty never omits a struct: `resources: {}` and `status: {}` are written.
    static bool isEmpty(const T&) { return false; }
};

// std::optional and api::SharedOptional (the big optional parts of an object) read and write alike.
template <class Optional>
struct OptionalCodec {
    using T = typename Optional::value_type;
    static void decode(Optional& out, YamlRef node, DecodeContext& ctx)
    {
        const YamlRef n = ctx.resolve(node);
        if (!n.isValid() || n.kind() == YamlDocument::Kind::Null)
            return;
        if (!out)
            out.emplace();
        Codec<T>::decode(*out, n, ctx);
    }
    static api::Value encode(const Optional& v) { return Codec<T>::encode(*v); }
    static bool isEmpty(const Optional& v) { return !v.has_value(); }
};

template <class T>
struct Codec<std::optional<T>> : OptionalCodec<std::optional<T>> {};

template <class T>
struct Codec<api::SharedOptional<T>> : OptionalCodec<api::SharedOptional<T>> {};

template <class T>
struct Codec<std::vector<T>> {
    static void decode(std::vector<T>& out, YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
            return;
        if (node.kind() != YamlDocument::Kind::Sequence)
            return ctx.typeError(node, "list");
        out.clear();
        out.reserve(node.childCount());
        size_t i = 0;
        for (YamlRef item = node.firstChild(); item.isValid(); item = item.nextSibling(), ++i) {
            PathScope scope(ctx, i);
            Codec<T>::decode(out.emplace_back(), item, ctx);
        }
    }
    static api::Value encode(const std::vector<T>& v)
    {
        api::Value::Array out;
        out.reserve(v.size());
        for (const T& item : v)
            out.push_back(Codec<T>::encode(item));
        return out;
    }
    static bool isEmpty(const std::vector<T>& v) { return v.empty(); }
};

template <class T>
struct Codec<api::SharedVector<T>> {
    static void decode(api::SharedVector<T>& out, YamlRef node, DecodeContext& ctx)
    {
        std::vector<T> items = out.get();
        Codec<std::vector<T>>::decode(items, node, ctx);
        out = std::move(items);
    }
    static api::Value encode(const api::SharedVector<T>& v) { return Codec<std::vector<T>>::encode(v.get()); }
    static bool isEmpty(const api::SharedVector<T>& v) { return v.empty(); }
};

template <class T>
struct Codec<std::map<std::string, T>> {
    static void decode(std::map<std::string, T>& out, YamlRef node, DecodeContext& ctx)
    {
        node = ctx.resolve(node);
        if (!node.isValid() || node.kind() == YamlDocument::Kind::Null)
            return;
        if (node.kind() != YamlDocument::Kind::Mapping)
            return ctx.typeError(node, "object");
        ctx.forEachMember(node, [&](std::string_view key, YamlRef, YamlRef value) {
            PathScope scope(ctx, PathScope::Key{key});
            Codec<T>::decode(out[std::string(key)], value, ctx);
        });
    }
    static api::Value encode(const std::map<std::string, T>& v)
    {
        api::Value::Object out;
        out.reserve(v.size());
        for (const auto& [key, item] : v)
            out.emplace_back(key, Codec<T>::encode(item));
        return out;
    }
    static bool isEmpty(const std::map<std::string, T>& v) { return v.empty(); }
};

} // namespace podlab::manifest
