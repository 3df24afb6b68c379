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
    void leadingKindRunsFirstInItsMillisecond_data();
    void leadingKindRunsFirstInItsMillisecond();
    void matchesAReferenceWithALeadingKind_data();
    void matchesAReferenceWithALeadingKind();
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

// Kind 7 leads. Each row schedules timers "kind:target:token@at" in the given order, runs `popFirst` of them,
// schedules `thenAt` (also at the same millisecond), and expects the order all timers run in.
void TestTimerQueue::leadingKindRunsFirstInItsMillisecond_data()
{
    QTest::addColumn<QStringList>("scheduled");
    QTest::addColumn<int>("popFirst");
    QTest::addColumn<QStringList>("thenScheduled");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("probe ticks before other work, whenever scheduled")
        << QStringList{"1:0:0@100", "7:0:5@100", "2:0:0@100", "7:0:3@100"} << 0 << QStringList{}
        << QStringList{"7:0:3@100", "7:0:5@100", "1:0:0@100", "2:0:0@100"};
    QTest::newRow("by target, then token")
        << QStringList{"7:2:1@50", "7:1:9@50", "7:1:2@50"} << 0 << QStringList{}
        << QStringList{"7:1:2@50", "7:1:9@50", "7:2:1@50"};
    QTest::newRow("earlier time still first") << QStringList{"1:0:0@10", "7:0:0@20"} << 0 << QStringList{}
                                              << QStringList{"1:0:0@10", "7:0:0@20"};
    QTest::newRow("a tick scheduled into the running millisecond comes before its other work")
        << QStringList{"1:0:0@100", "2:0:0@100", "7:0:4@100"} << 2 << QStringList{"7:0:1@100", "3:0:0@100"}
        << QStringList{"7:0:4@100", "1:0:0@100", "7:0:1@100", "2:0:0@100", "3:0:0@100"};
    QTest::newRow("ticks far out come back in order")
        << QStringList{"1:0:0@100000", "7:0:8@100000", "7:0:2@100000"} << 0 << QStringList{}
        << QStringList{"7:0:2@100000", "7:0:8@100000", "1:0:0@100000"};
}

void TestTimerQueue::leadingKindRunsFirstInItsMillisecond()
{
    QFETCH(QStringList, scheduled);
    QFETCH(int, popFirst);
    QFETCH(QStringList, thenScheduled);
    QFETCH(QStringList, expected);
    TimerQueue q;
    q.setLeadingKind(7);
    auto schedule = [&](const QString& spec) {
        const QStringList parts = spec.split('@');
        const QStringList ids = parts[0].split(':');
        q.schedule(parts[1].toLongLong(), ids[0].toUInt(), ids[1].toUInt(), ids[2].toULongLong());
    };
    auto name = [](const Timer& t) { return QStringLiteral("%1:%2:%3@%4").arg(t.kind).arg(t.target).arg(t.token).arg(t.at); };
    for (const QString& spec : scheduled)
        schedule(spec);
    QStringList order;
    Timer t;
    for (int i = 0; i < popFirst; ++i) {
        QVERIFY(q.popUntil(INT64_MAX - 1, t));
        order << name(t);
    }
    for (const QString& spec : thenScheduled)
        schedule(spec);
    while (q.popUntil(INT64_MAX - 1, t))
        order << name(t);
    QCOMPARE(order, expected);
}

void TestTimerQueue::matchesAReferenceWithALeadingKind_data()
{
    QTest::addColumn<int>("seed");
    QTest::addColumn<SimTime>("maxDelay");
    QTest::newRow("ties galore") << 4 << SimTime(20);
    QTest::newRow("probe-like periods") << 5 << SimTime(20'000);
    QTest::newRow("mixed with far") << 6 << SimTime(400'000);
}

void TestTimerQueue::matchesAReferenceWithALeadingKind()
{
    QFETCH(int, seed);
    QFETCH(SimTime, maxDelay);
    std::mt19937_64 rng{uint64_t(seed)};
    // (time, not leading, target, token, seq) for the leading kind; (time, 1, 0, 0, seq) for the others.
    using Key = std::tuple<SimTime, int, uint32_t, uint64_t, uint64_t>;
    std::priority_queue<Key, std::vector<Key>, std::greater<>> reference;
    TimerQueue q;
    q.setLeadingKind(0);
    SimTime now = 0;
    auto add = [&](SimTime at) {
        const uint32_t kind = uint32_t(rng() % 3);
        const uint32_t target = uint32_t(rng() % 4);
        const uint64_t token = rng() % 8;
        const uint64_t seq = q.schedule(at, kind, target, token);
        reference.emplace(at, kind == 0 ? 0 : 1, kind == 0 ? target : 0, kind == 0 ? token : 0, seq);
    };
    for (int i = 0; i < 2000; ++i)
        add(now + SimTime(rng() % uint64_t(maxDelay)));
    Timer t;
    while (!reference.empty()) {
        QVERIFY(q.popUntil(INT64_MAX - 1, t));
        const Key expected = reference.top();
        reference.pop();
        QCOMPARE(t.at, std::get<0>(expected));
        QCOMPARE(t.seq, std::get<4>(expected));
        now = t.at;
        // Work schedules more work (later: into the running millisecond is the row above's case).
        if (rng() % 3 == 0) {
            const SimTime at = now + SimTime(rng() % uint64_t(maxDelay));
            if (at != now)
                add(at);
        }
    }
    QVERIFY(q.empty());
}

QTEST_APPLESS_MAIN(TestTimerQueue)
#include "tst_timerqueue.moc"
