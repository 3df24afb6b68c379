#pragma once

#include <memory>
#include <optional>
#include <utility>

namespace podlab::api {

// An optional value kept on the heap and shared between copies until one of them writes it (copy on
// write, as Qt's implicitly shared classes do). For the big parts of an object that copies of it almost
// never change: every status write stores a new version of a pod, and a ReplicaSet stamps all its pods out
// of one template, yet a container's probes and lifecycle hooks stay as they were. Inline, a
// std::optional<Probe> costs every copy 384 bytes; this costs 16 and shares the probe.
//
// The interface is std::optional's. Non-const access detaches (copies a shared value first), so read
// through a const reference where a value may be shared. A reference taken through non-const access is
// good only until the object is next copied: writing through it afterwards would write to both copies.
template <class T>
class SharedOptional {
public:
    using value_type = T;

    SharedOptional() = default;
    SharedOptional(std::nullopt_t) {}
    SharedOptional(const T& value) : m_value(std::make_shared<T>(value)) {}
    SharedOptional(T&& value) : m_value(std::make_shared<T>(std::move(value))) {}
    SharedOptional(const std::optional<T>& value)
    {
        if (value)
            m_value = std::make_shared<T>(*value);
    }

    SharedOptional& operator=(std::nullopt_t)
    {
        m_value.reset();
        return *this;
    }
    SharedOptional& operator=(const T& value)
    {
        m_value = std::make_shared<T>(value);
        return *this;
    }
    SharedOptional& operator=(T&& value)
    {
        m_value = std::make_shared<T>(std::move(value));
        return *this;
    }
    SharedOptional& operator=(const std::optional<T>& value)
    {
        return value ? (*this = *value) : (*this = std::nullopt);
    }

    bool has_value() const { return m_value != nullptr; }
    explicit operator bool() const { return has_value(); }

    const T& operator*() const { return *m_value; }
    T& operator*() { return detached(); }
    const T* operator->() const { return m_value.get(); }
    T* operator->() { return &detached(); }
    const T& value() const
    {
        if (!m_value)
            throw std::bad_optional_access();
        return *m_value;
    }
    T& value()
    {
        if (!m_value)
            throw std::bad_optional_access();
        return detached();
    }
    template <class U>
    T value_or(U&& fallback) const
    {
        return m_value ? *m_value : T(std::forward<U>(fallback));
    }

    template <class... Args>
    T& emplace(Args&&... args)
    {
        m_value = std::make_shared<T>(std::forward<Args>(args)...);
        return *m_value;
    }
    void reset() { m_value.reset(); }

    // By value, as std::optional compares; one shared value is equal to itself without a look.
    friend bool operator==(const SharedOptional& a, const SharedOptional& b)
    {
        if (a.m_value == b.m_value)
            return true;
        return a.m_value && b.m_value && *a.m_value == *b.m_value;
    }
    friend bool operator==(const SharedOptional& a, std::nullopt_t) { return !a.m_value; }

private:
    T& detached()
    {
        if (m_value.use_count() > 1)
            m_value = std::make_shared<T>(*m_value);
        return *m_value;
    }

    std::shared_ptr<T> m_value;
};

} // namespace podlab::api
