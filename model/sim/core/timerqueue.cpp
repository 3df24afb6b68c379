#include "timerqueue.h"

#include <algorithm>
#include <climits>

namespace podlab::sim {

TimerQueue::TimerQueue() : m_ring(size_t(kSlots)) {}

uint64_t TimerQueue::schedule(SimTime at, uint32_t kind, uint32_t target, uint64_t token)
{
    at = std::max(at, m_now);
    const Timer t{at, m_nextSeq++, kind, target, token};
    const auto later = [this](const Timer& a, const Timer& b) { return runsBefore(b, a); };
    if (at == m_now) {
        m_late.push_back(t);
        std::push_heap(m_late.begin(), m_late.end(), later);
    } else if (at - m_now < kSlots) {
        const size_t slot = slotOf(at);
        std::vector<Timer>& bucket = m_ring[slot];
        if (!bucket.empty() && !runsBefore(bucket.back(), t))
            m_unsorted[slot / 64] |= uint64_t(1) << (slot % 64);
        bucket.push_back(t);
        markSlot(slot);
        ++m_ringCount;
    } else {
        m_overflow.push_back(t);
        std::push_heap(m_overflow.begin(), m_overflow.end(), later);
    }
    return t.seq;
}

SimTime TimerQueue::nextRingTime() const
{
    const size_t start = slotOf(m_now);
    // Scan the occupancy bitmap from the current slot, wrapping once around the ring.
    for (size_t step = 0; step <= kWords; ++step) {
        const size_t word = (start / 64 + step) % kWords;
        uint64_t bits = m_occupied[word];
        if (step == 0)
            bits &= ~uint64_t(0) << (start % 64);
        else if (step == kWords)
            bits &= (start % 64) ? ~(~uint64_t(0) << (start % 64)) : 0;
        if (bits) {
            const size_t slot = word * 64 + size_t(__builtin_ctzll(bits));
            const SimTime delta = SimTime((slot + size_t(kSlots) - start) % size_t(kSlots));
            return m_now + delta;
        }
    }
    return INT64_MAX;
}

SimTime TimerQueue::nextTime() const
{
    // Invariant: the current slot holds only unpopped timers (it is cleared when its last one is popped).
    if (!m_late.empty())
        return m_now;
    SimTime best = m_overflow.empty() ? INT64_MAX : m_overflow.front().at;
    if (m_ringCount > 0)
        best = std::min(best, nextRingTime());
    return best;
}

void TimerQueue::retireCurrentSlot()
{
    std::vector<Timer>& current = m_ring[slotOf(m_now)];
    m_ringCount -= current.size();
    // A slot that held a burst (150 000 pods created at once tick together) gives its room back: 65 536 slots
    // each keeping their largest burst would cost kilobytes per pod.
    if (current.capacity() > 16)
        std::vector<Timer>().swap(current);
    else
        current.clear();
    m_cursor = 0;
    unmarkSlot(slotOf(m_now));
    m_unsorted[slotOf(m_now) / 64] &= ~(uint64_t(1) << (slotOf(m_now) % 64));
}

void TimerQueue::pullNearOverflow()
{
    const auto later = [this](const Timer& a, const Timer& b) { return runsBefore(b, a); };
    while (!m_overflow.empty() && m_overflow.front().at - m_now < kSlots) {
        std::pop_heap(m_overflow.begin(), m_overflow.end(), later);
        const Timer t = m_overflow.back();
        m_overflow.pop_back();
        const size_t slot = slotOf(t.at);
        std::vector<Timer>& bucket = m_ring[slot];
        if (!bucket.empty() && !runsBefore(bucket.back(), t))
            m_unsorted[slot / 64] |= uint64_t(1) << (slot % 64);
        bucket.push_back(t);
        markSlot(slot);
        ++m_ringCount;
    }
}

void TimerQueue::advanceTo(SimTime t)
{
    if (t <= m_now)
        return;
    m_now = t;
    pullNearOverflow();
    const size_t slot = slotOf(m_now);
    if (m_unsorted[slot / 64] & (uint64_t(1) << (slot % 64))) {
        // Timers came in out of order (from the overflow heap, or of the leading kind): put in order once.
        std::vector<Timer>& bucket = m_ring[slot];
        std::sort(bucket.begin(), bucket.end(), [this](const Timer& a, const Timer& b) { return runsBefore(a, b); });
        m_unsorted[slot / 64] &= ~(uint64_t(1) << (slot % 64));
    }
}

bool TimerQueue::popUntil(SimTime until, Timer& out)
{
    for (;;) {
        const size_t slot = slotOf(m_now);
        std::vector<Timer>& current = m_ring[slot];
        const bool fromRing = m_cursor < current.size();
        if (fromRing || !m_late.empty()) {
            if (m_now > until)
                return false;
            if (!m_late.empty() && (!fromRing || runsBefore(m_late.front(), current[m_cursor]))) {
                std::pop_heap(m_late.begin(), m_late.end(), [this](const Timer& a, const Timer& b) { return runsBefore(b, a); });
                out = m_late.back();
                m_late.pop_back();
                return true;
            }
            out = current[m_cursor++];
            if (m_cursor == current.size())
                retireCurrentSlot();
            return true;
        }
        const SimTime next = nextTime();
        if (next > until) {
            if (until > m_now && until != INT64_MAX)
                advanceTo(until);
            return false;
        }
        advanceTo(next);
    }
}

} // namespace podlab::sim
