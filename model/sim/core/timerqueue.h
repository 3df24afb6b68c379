#pragma once

#include "simtime.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace podlab::sim {

// One pending piece of simulated work: data, not a callback, so that the whole queue (and with it the whole
// cluster) can be copied. `kind` says which component handles it; `target` and `token` say what for, and let
// the component ignore timers made stale since (a restarted container, a deleted pod).
struct Timer {
    SimTime at = 0;
    uint64_t seq = 0; // ties at the same millisecond run in the order they were scheduled
    uint32_t kind = 0;
    uint32_t target = 0;
    uint64_t token = 0;
};

// The event queue, ordered by time, then within a millisecond: timers of the leading kind first, by (target,
// token), then the rest by sequence. The leading kind is the probe tick: ordering those by what they are
// rather than by when they were scheduled lets the kubelet leave a steady probe's ticks unscheduled and still
// know exactly where each would have run (kubeletprobes.cpp). A heap of every timer costs a logarithmic, cache-missing
// step per event; the simulation's timers are mostly periodic and near (probes every few seconds), so this is
// a calendar ring of one-millisecond slots covering the next 65.5 s — O(1) to schedule and to pop — with a
// heap only for the few timers further out (back-offs, token refreshes), moved into the ring as they come near.
class TimerQueue {
public:
    TimerQueue();

    // Timers of `kind` run first within their millisecond, in (target, token) order. Set before scheduling any.
    void setLeadingKind(uint32_t kind) { m_leadingKind = kind; }
    // Whether `a` runs before `b`.
    bool runsBefore(const Timer& a, const Timer& b) const
    {
        if (a.at != b.at)
            return a.at < b.at;
        const bool aLeads = a.kind == m_leadingKind;
        if (aLeads != (b.kind == m_leadingKind))
            return aLeads;
        if (aLeads && (a.target != b.target || a.token != b.token))
            return a.target != b.target ? a.target < b.target : a.token < b.token;
        return a.seq < b.seq;
    }

    // Schedules at `at` (not before now(): earlier times run now). Returns the sequence number.
    uint64_t schedule(SimTime at, uint32_t kind, uint32_t target, uint64_t token = 0);

    // The earliest pending timer with `at <= until`, removed; false (and now() moved to `until`) if none.
    bool popUntil(SimTime until, Timer& out);

    // Time of the earliest pending timer, or INT64_MAX.
    SimTime nextTime() const;
    SimTime now() const { return m_now; }
    size_t size() const { return m_ringCount - m_cursor + m_overflow.size() + m_late.size(); }
    bool empty() const { return size() == 0; }

private:
    static constexpr SimTime kSlots = SimTime(1) << 16;
    static constexpr SimTime kMask = kSlots - 1;
    static constexpr size_t kWords = size_t(kSlots / 64);

    size_t slotOf(SimTime t) const { return size_t(t & kMask); }
    void markSlot(size_t slot) { m_occupied[slot / 64] |= uint64_t(1) << (slot % 64); }
    void unmarkSlot(size_t slot) { m_occupied[slot / 64] &= ~(uint64_t(1) << (slot % 64)); }
    // The first occupied slot time in [m_now, m_now + kSlots), or INT64_MAX.
    SimTime nextRingTime() const;
    void advanceTo(SimTime t);
    void retireCurrentSlot();
    void pullNearOverflow();

    std::vector<std::vector<Timer>> m_ring;
    std::array<uint64_t, kWords> m_occupied{};
    std::array<uint64_t, kWords> m_unsorted{}; // slots that received timers out of sequence order
    std::vector<Timer> m_overflow;             // binary heap, earliest on top
    // Timers scheduled into the millisecond being run, a heap earliest on top: a probe tick among them may go
    // before the slot's unrun timers, and resorting the slot on each arrival would cost a sort per timer.
    std::vector<Timer> m_late;
    SimTime m_now = 0;
    size_t m_cursor = 0;    // timers already popped from the current slot
    size_t m_ringCount = 0; // timers in the ring, including popped ones of the current slot
    uint64_t m_nextSeq = 0;
    uint32_t m_leadingKind = UINT32_MAX;
};

} // namespace podlab::sim
