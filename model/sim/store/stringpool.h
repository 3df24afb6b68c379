#pragma once

#include <cstdint>
#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace podlab::sim {

// Strings that many records repeat (namespaces, names, reasons, messages), each kept once and named by a
// small number. Every user of a string holds it (acquire) until it lets it go (release); a string nobody
// holds is dropped and its number reused, so a long run that keeps creating and expiring objects does not
// keep every name it ever saw. Id 0 is the empty string, always there.
class StringPool {
public:
    using Id = uint32_t;

    StringPool();
    StringPool(const StringPool& other);
    StringPool& operator=(const StringPool& other);
    StringPool(StringPool&&) = default; // a deque's elements stay where they are when it moves
    StringPool& operator=(StringPool&&) = default;

    Id acquire(std::string_view s);
    void release(Id id);
    const std::string& text(Id id) const { return m_slots[id].text; }
    // The string's id if someone holds it, else 0.
    Id find(std::string_view s) const;
    // Strings held (the empty one included), for tests.
    size_t size() const { return m_ids.size(); }

private:
    struct Slot {
        std::string text;
        uint32_t users = 0;
    };
    void reindex();

    std::deque<Slot> m_slots;                       // a deque, so that m_ids' views stay valid as it grows
    std::vector<Id> m_free;                         // released slots, reused last-freed first
    std::unordered_map<std::string_view, Id> m_ids; // views into m_slots
};

} // namespace podlab::sim
