#include "sim/core/timerqueue.h"

#include <QTest>

#include <queue>
#include <random>
#include <tuple>

using podlab::sim::SimTime;
using podlab::sim::Timer;
using podlab::sim::TimerQueue;

class TestTimerQueue : public QObject {
    Q_OBJECT

private slots:
    void popsInTimeThenScheduleOrder();
    void sameMillisecondKeepsSchedulingOrder();
    void timersScheduledWhileRunningTheCurrentMillisecondRunToo();
    void farTimersComeBackFromOverflowInOrder_data();
    void farTimersComeBackFromOverflowInOrder();
    void popUntilStopsAndAdvancesTime();
    void matchesAHeapOnRandomWorkloads_data();
    void matchesAHeapOnRandomWorkloads();
    void copiesContinueIdentically();
};

void TestTimerQueue::popsInTimeThenScheduleOrder()
{
    TimerQueue q;
    q.schedule(300, 1, 0);
    q.schedule(100, 2, 0);
    q.schedule(200, 3, 0);
    Timer t;
    QVERIFY(q.popUntil(1000, t));
    QCOMPARE(t.at, SimTime(100));
    QCOMPARE(t.kind, 2u);
    QVERIFY(q.popUntil(1000, t));
    QCOMPARE(t.at, SimTime(200));
    QVERIFY(q.popUntil(1000, t));
    QCOMPARE(t.at, SimTime(300));
    QVERIFY(!q.popUntil(1000, t));
    QCOMPARE(q.now(), SimTime(1000));
    QVERIFY(q.empty());
}

void TestTimerQueue::sameMillisecondKeepsSchedulingOrder()
{
    TimerQueue q;
    for (uint32_t i = 0; i < 5; ++i)
        q.schedule(50, i, 0);
    Timer t;
    for (uint32_t i = 0; i < 5; ++i) {
        QVERIFY(q.popUntil(50, t));
        QCOMPARE(t.kind, i);
    }
}

void TestTimerQueue::timersScheduledWhileRunningTheCurrentMillisecondRunToo()
{
    TimerQueue q;
    q.schedule(10, 1, 0);
    Timer t;
    QVERIFY(q.popUntil(10, t));
    q.schedule(10, 2, 0); // zero delay: runs in the same millisecond, after what was already there
    q.schedule(5, 3, 0);  // in the past: runs now
    QVERIFY(q.popUntil(10, t));
    QCOMPARE(t.kind, 2u);
    QVERIFY(q.popUntil(10, t));
    QCOMPARE(t.kind, 3u);
    QCOMPARE(t.at, SimTime(10));
    QVERIFY(!q.popUntil(10, t));
}

void TestTimerQueue::farTimersComeBackFromOverflowInOrder_data()
{
    QTest::addColumn<SimTime>("far");
    QTest::newRow("just past the ring") << SimTime(65'536);
    QTest::newRow("a five-minute back-off") << SimTime(300'000);
    QTest::newRow("an hour-long token") << SimTime(3'600'000);
}

void TestTimerQueue::farTimersComeBackFromOverflowInOrder()
{
    QFETCH(SimTime, far);
    TimerQueue q;
    q.schedule(far, 1, 0); // scheduled first: smaller sequence number
    q.schedule(far - 70'000 > 0 ? far - 70'000 : 1, 9, 0);
    Timer t;
    QVERIFY(q.popUntil(far - 1, t));
    QCOMPARE(t.kind, 9u);
    q.schedule(far, 2, 0); // same millisecond, scheduled later
    QCOMPARE(q.nextTime(), far);
    QVERIFY(q.popUntil(far, t));
    QCOMPARE(t.kind, 1u);
    QVERIFY(q.popUntil(far, t));
    QCOMPARE(t.kind, 2u);
}

void TestTimerQueue::popUntilStopsAndAdvancesTime()
{
    TimerQueue q;
    q.schedule(5000, 1, 0);
    Timer t;
    QVERIFY(!q.popUntil(4999, t));
    QCOMPARE(q.now(), SimTime(4999));
    QCOMPARE(q.nextTime(), SimTime(5000));
    QCOMPARE(q.size(), size_t(1));
}

void TestTimerQueue::matchesAHeapOnRandomWorkloads_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<SimTime>("maxDelay");
    QTest::newRow("near timers") << 1 << SimTime(100);
    QTest::newRow("probe-like periods") << 2 << SimTime(20'000);
    QTest::newRow("mixed with far") << 3 << SimTime(400'000);
}

void TestTimerQueue::matchesAHeapOnRandomWorkloads()
{
    QFETCH(int, seed);
    QFETCH(SimTime, maxDelay);
    std::mt19937_64 rng{uint64_t(seed)};
    using Key = std::tuple<SimTime, uint64_t, uint32_t>;
    std::priority_queue<Key, std::vector<Key>, std::greater<>> reference;
    TimerQueue q;
    SimTime now = 0;
    uint32_t id = 0;
    for (int i = 0; i < 2000; ++i) {
        const SimTime at = now + SimTime(rng() % uint64_t(maxDelay));
        reference.emplace(at, q.schedule(at, id, 0), id);
        ++id;
    }
    Timer t;
    while (!reference.empty()) {
        QVERIFY(q.popUntil(INT64_MAX - 1, t));
        const auto [at, seq, kind] = reference.top();
        reference.pop();
        QCOMPARE(t.at, at);
        QCOMPARE(t.seq, seq);
        QCOMPARE(t.kind, kind);
        now = t.at;
        if (rng() % 3 == 0) { // work schedules more work
            const SimTime next = now + SimTime(rng() % uint64_t(maxDelay));
            reference.emplace(next, q.schedule(next, id, 0), id);
            ++id;
        }
    }
    QVERIFY(q.empty());
}

void TestTimerQueue::copiesContinueIdentically()
{
    TimerQueue a;
    for (int i = 0; i < 100; ++i)
        a.schedule(SimTime(i * 997 % 70'000), uint32_t(i), 0);
    Timer t;
    for (int i = 0; i < 30; ++i)
        QVERIFY(a.popUntil(INT64_MAX - 1, t));
    TimerQueue b = a;
    while (a.popUntil(INT64_MAX - 1, t)) {
        Timer u;
        QVERIFY(b.popUntil(INT64_MAX - 1, u));
        QCOMPARE(u.seq, t.seq);
    }
    QVERIFY(b.empty());
}

QTEST_APPLESS_MAIN(TestTimerQueue)
#include "tst_timerqueue.moc"
