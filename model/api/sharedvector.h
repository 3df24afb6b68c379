#pragma once

#include <algorithm>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace podlab::api {

// A list kept on the heap and shared between copies until one of them writes it (copy on write, as Qt's
// implicitly shared classes do): SharedOptional's counterpart for the lists that copies of an object share.
// A pod's containers and tolerations are the same in every version the kubelet writes and, after the API
// server has interned them (sim::Store), in every pod stamped from one template: at 150 000 pods, a kilobyte
// each.
//
// The interface is std::vector's. Non-const access detaches (copies a shared list first), so read through a
// const reference where a list may be shared. A reference or iterator taken through non-const access is good
// only until the object is next copied: writing through it afterwards would write to both copies.
template <class T>
class SharedVector {
public:
    using value_type = T;
    using size_type = typename std::vector<T>::size_type;
    using iterator = typename std::vector<T>::iterator;
    using const_iterator = typename std::vector<T>::const_iterator;
    using reference = T&;
    using const_reference = const T&;

    SharedVector() = default;
    SharedVector(std::vector<T> items) { assign(std::move(items)); }
    SharedVector(std::initializer_list<T> items) : SharedVector(std::vector<T>(items)) {}
    SharedVector& operator=(std::vector<T> items)
    {
        assign(std::move(items));
        return *this;
    }
    SharedVector& operator=(std::initializer_list<T> items) { return *this = std::vector<T>(items); }

    // --- reading --------------------------------------------------------------------------------------
    const std::vector<T>& get() const { return m_items ? *m_items : none(); }
    operator const std::vector<T>&() const { return get(); }
    size_type size() const { return get().size(); }
    bool empty() const { return get().empty(); }
    const_iterator begin() const { return get().begin(); }
    const_iterator end() const { return get().end(); }
    const_iterator cbegin() const { return get().begin(); }
    const_iterator cend() const { return get().end(); }
    auto rbegin() const { return get().rbegin(); }
    auto rend() const { return get().rend(); }
    const T& operator[](size_type i) const { return get()[i]; }
    const T& at(size_type i) const { return get().at(i); }
    const T& front() const { return get().front(); }
    const T& back() const { return get().back(); }
    const T* data() const { return get().data(); }
    // Whether the two share one list (tests of the sharing).
    bool sharesWith(const SharedVector& other) const { return m_items && m_items == other.m_items; }

    // --- writing (detaches) ---------------------------------------------------------------------------
    std::vector<T>& mut() { return detached(); }
    iterator begin() { return detached().begin(); }
    iterator end() { return detached().end(); }
    auto rbegin() { return detached().rbegin(); }
    auto rend() { return detached().rend(); }
    T& operator[](size_type i) { return detached()[i]; }
    T& at(size_type i) { return detached().at(i); }
    T& front() { return detached().front(); }
    T& back() { return detached().back(); }
    void push_back(const T& v) { detached().push_back(v); }
    void push_back(T&& v) { detached().push_back(std::move(v)); }
    template <class... Args>
    T& emplace_back(Args&&... args)
    {
        return detached().emplace_back(std::forward<Args>(args)...);
    }
    template <class... Args>
    iterator insert(const_iterator pos, Args&&... args)
    {
        const auto offset = pos - begin_const();
        std::vector<T>& v = detached();
        return v.insert(v.begin() + offset, std::forward<Args>(args)...);
    }
    iterator erase(const_iterator pos)
    {
        const auto offset = pos - begin_const();
        std::vector<T>& v = detached();
        return v.erase(v.begin() + offset);
    }
    iterator erase(const_iterator first, const_iterator last)
    {
        const auto from = first - begin_const();
        const auto to = last - begin_const();
        std::vector<T>& v = detached();
        return v.erase(v.begin() + from, v.begin() + to);
    }
    void pop_back() { detached().pop_back(); }
    void resize(size_type n) { n == 0 ? clear() : detached().resize(n); }
    void reserve(size_type n) { detached().reserve(n); }
    // Drops spare room, copying a shared list only if it has some.
    void shrink_to_fit()
    {
        if (m_items && m_items->capacity() > m_items->size())
            detached().shrink_to_fit();
    }
    void clear() { m_items.reset(); }
    void assign(std::vector<T> items)
    {
        if (items.empty())
            m_items.reset();
        else
            m_items = std::make_shared<std::vector<T>>(std::move(items));
    }
    // Shares `other`'s list (the API server's interning of equal lists).
    void shareWith(const SharedVector& other) { m_items = other.m_items; }

    // By value, as std::vector compares; one shared list is equal to itself without a look.
    friend bool operator==(const SharedVector& a, const SharedVector& b)
    {
        return a.m_items == b.m_items || a.get() == b.get();
    }
    friend bool operator==(const SharedVector& a, const std::vector<T>& b) { return a.get() == b; }

private:
    static const std::vector<T>& none()
    {
        static const std::vector<T> none;
        return none;
    }
    const_iterator begin_const() const { return get().begin(); }
    std::vector<T>& detached()
    {
        if (!m_items)
            m_items = std::make_shared<std::vector<T>>();
        else if (m_items.use_count() > 1)
            m_items = std::make_shared<std::vector<T>>(*m_items);
        return *m_items;
    }

    std::shared_ptr<std::vector<T>> m_items; // null while empty
};

} // namespace podlab::api
