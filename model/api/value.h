#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace podlab::api {

// A JSON-shaped value. It holds the parts of an object PodLab accepts but does not simulate (for example a
// container's securityContext), so they survive a read and a write unchanged, and it is the intermediate
// form the YAML and JSON writers print from.
class Value {
public:
    using Array = std::vector<Value>;
    // Keys keep their insertion order; writers sort them, as kubectl's output does.
    using Object = std::vector<std::pair<std::string, Value>>;
    enum class Type { Null, Bool, Int, Float, String, Array, Object };

    Value() = default;
    Value(std::nullptr_t) {}
    Value(bool b) : m_v(b) {}
    Value(int v) : m_v(int64_t(v)) {}
    Value(int64_t v) : m_v(v) {}
    Value(double v) : m_v(v) {}
    Value(const char* s) : m_v(std::string(s)) {}
    Value(std::string s) : m_v(std::move(s)) {}
    Value(Array a) : m_v(std::move(a)) {}
    Value(Object o) : m_v(std::move(o)) {}

    Type type() const { return Type(m_v.index()); }
    bool isNull() const { return type() == Type::Null; }
    bool isObject() const { return type() == Type::Object; }
    bool isArray() const { return type() == Type::Array; }
    bool isString() const { return type() == Type::String; }

    bool asBool() const { return std::get<bool>(m_v); }
    int64_t asInt() const { return std::get<int64_t>(m_v); }
    double asFloat() const { return std::get<double>(m_v); }
    const std::string& asString() const { return std::get<std::string>(m_v); }
    const Array& asArray() const { return std::get<Array>(m_v); }
    Array& asArray() { return std::get<Array>(m_v); }
    const Object& asObject() const { return std::get<Object>(m_v); }
    Object& asObject() { return std::get<Object>(m_v); }

    // For objects: the member called `key`, or nullptr.
    const Value* find(std::string_view key) const;
    // For objects: appends a member (no check for duplicates: builders add each key once).
    void insert(std::string key, Value v) { asObject().emplace_back(std::move(key), std::move(v)); }

    // Objects compare equal regardless of member order.
    bool operator==(const Value& other) const;

private:
    std::variant<std::monostate, bool, int64_t, double, std::string, Array, Object> m_v;
};

// Fields Kubernetes defines that PodLab accepts and preserves without simulating them, by JSON name: a
// std::map with the part of its interface PodLab uses. Nearly always empty, and every API object has some
// (a stored pod has six), so the map lives on the heap and only while it holds something: empty, it is one
// null pointer instead of an empty std::map's 48 bytes. Copies share the map until one of them writes (every
// version of a pod the kubelet writes keeps its spec's `securityContext: {}`: one map, not one a version).
// Iterators are const: the fields are kept, not edited in place.
class Unmodelled {
public:
    using Map = std::map<std::string, Value>;
    using const_iterator = Map::const_iterator;

    Unmodelled() = default;
    Unmodelled(const Unmodelled& other) : m_held(other.m_held) { hold(); }
    Unmodelled(Unmodelled&& other) noexcept : m_held(std::exchange(other.m_held, nullptr)) {}
    Unmodelled& operator=(const Unmodelled& other)
    {
        if (m_held != other.m_held) {
            release();
            m_held = other.m_held;
            hold();
        }
        return *this;
    }
    Unmodelled& operator=(Unmodelled&& other) noexcept
    {
        if (this != &other) {
            release();
            m_held = std::exchange(other.m_held, nullptr);
        }
        return *this;
    }
    ~Unmodelled() { release(); }

    bool empty() const { return !m_held; }
    size_t size() const { return read().size(); }
    bool contains(const std::string& key) const { return read().contains(key); }
    const Value& at(const std::string& key) const { return read().at(key); }
    Value& operator[](const std::string& key) { return detached()[key]; }
    const_iterator find(const std::string& key) const { return read().find(key); }
    const_iterator begin() const { return read().cbegin(); }
    const_iterator end() const { return read().cend(); }
    size_t erase(const std::string& key);

    friend bool operator==(const Unmodelled& a, const Unmodelled& b)
    {
        return a.m_held == b.m_held || (a.m_held && b.m_held && a.m_held->map == b.m_held->map);
    }

private:
    // The map and how many Unmodelled share it: one pointer, where a std::shared_ptr would be two, in every
    // object and in each of its parts.
    struct Held {
        Map map;
        std::atomic<uint32_t> owners{1};
    };
    const Map& read() const;
    Map& detached();
    void hold()
    {
        if (m_held)
            m_held->owners.fetch_add(1, std::memory_order_relaxed);
    }
    void release()
    {
        if (m_held && m_held->owners.fetch_sub(1, std::memory_order_acq_rel) == 1)
            delete m_held;
        m_held = nullptr;
    }

    Held* m_held = nullptr; // null while there are no fields (never an empty map)
};

} // namespace podlab::api
