#pragma once

#include <memory>

namespace podlab::api {

// A value on the heap that copies as a value (a std::unique_ptr that copies what it points to), for members
// that are nearly always absent: absent, it costs one null pointer.
template <class T>
class ValuePtr {
public:
    ValuePtr() = default;
    ValuePtr(const ValuePtr& other) : m_value(other.m_value ? std::make_unique<T>(*other.m_value) : nullptr)
    {}
    ValuePtr& operator=(const ValuePtr& other)
    {
        if (this != &other)
            m_value = other.m_value ? std::make_unique<T>(*other.m_value) : nullptr;
        return *this;
    }
    ValuePtr(ValuePtr&&) noexcept = default;
    ValuePtr& operator=(ValuePtr&&) noexcept = default;

    explicit operator bool() const { return m_value != nullptr; }
    T& operator*() const { return *m_value; }
    T* operator->() const { return m_value.get(); }
    // The value, created empty first if there is none.
    T& ensure()
    {
        if (!m_value)
            m_value = std::make_unique<T>();
        return *m_value;
    }
    void reset() { m_value.reset(); }
    // The value, or where there is none an empty one (shared, never changed): for reading.
    const T& orEmpty() const
    {
        static const T empty{};
        return m_value ? *m_value : empty;
    }

    bool operator==(const ValuePtr& other) const
    {
        return m_value ? other.m_value && *m_value == *other.m_value : !other.m_value;
    }

private:
    std::unique_ptr<T> m_value;
};

} // namespace podlab::api
