#include "sim/kubelet/restartbackoff.h"

#include <QTest>

using podlab::sim::RestartBackoff;
using podlab::sim::SimTime;
using podlab::sim::seconds;

class TestRestartBackoff : public QObject {
    Q_OBJECT

private slots:
    void crashLoopWaitsDoubleUpToFiveMinutes();
    void firstCrashRestartsAtOnce();
    void tenMinutesOfCleanRunningForgetsTheCrashes_data();
    void tenMinutesOfCleanRunningForgetsTheCrashes();
    void imagePullsCountFromTheLastFailure();
};

void TestRestartBackoff::crashLoopWaitsDoubleUpToFiveMinutes()
{
    // A container that crashes as soon as it starts: each restart happens when the back-off counted from
    // its finish has passed, and the next crash doubles it: 0, 10, 20, 40, 80, 160, 300, 300 s.
    RestartBackoff b;
    SimTime finished = 0;
    const SimTime expectedWaits[] = {0, 10, 20, 40, 80, 160, 300, 300};
    for (SimTime expected : expectedWaits) {
        SimTime restartAt = finished;
        while (b.isInBackOffSince("p_c", finished, restartAt))
            restartAt += 1;
        QCOMPARE(restartAt - finished, seconds(expected));
        b.next("p_c", finished);
        finished = restartAt + 1; // it crashes 1 ms after starting
    }
}

void TestRestartBackoff::firstCrashRestartsAtOnce()
{
    RestartBackoff b;
    QVERIFY(!b.isInBackOffSince("k", 1000, 1000));
    QCOMPARE(b.next("k", 1000), seconds(10));
    QVERIFY(b.isInBackOffSince("k", 1000, 1000 + seconds(10) - 1));
    QVERIFY(!b.isInBackOffSince("k", 1000, 1000 + seconds(10)));
}

void TestRestartBackoff::tenMinutesOfCleanRunningForgetsTheCrashes_data()
{
    QTest::addColumn<qint64>("ranFor");
    QTest::addColumn<qint64>("expectedNext");
    QTest::newRow("ran nine minutes: keeps doubling") << qint64(seconds(9 * 60)) << qint64(seconds(40));
    QTest::newRow("ran ten minutes exactly: still inside") << qint64(seconds(10 * 60)) << qint64(seconds(40));
    QTest::newRow("ran over ten minutes: starts again") << qint64(seconds(10 * 60) + 1) << qint64(seconds(10));
}

void TestRestartBackoff::tenMinutesOfCleanRunningForgetsTheCrashes()
{
    QFETCH(qint64, ranFor);
    QFETCH(qint64, expectedNext);
    RestartBackoff b;
    b.next("k", 0);
    b.next("k", seconds(15)); // 20 s now
    QCOMPARE(b.next("k", seconds(15) + ranFor), SimTime(expectedNext));
}

void TestRestartBackoff::imagePullsCountFromTheLastFailure()
{
    RestartBackoff b;
    b.next("uid_nginx:1.161", seconds(3));
    QVERIFY(b.isInBackOffSinceUpdate("uid_nginx:1.161", seconds(12)));
    QVERIFY(!b.isInBackOffSinceUpdate("uid_nginx:1.161", seconds(13)));
    b.next("uid_nginx:1.161", seconds(13));
    QCOMPARE(b.current("uid_nginx:1.161"), seconds(20));
}

QTEST_APPLESS_MAIN(TestRestartBackoff)
#include "tst_restartbackoff.moc"
