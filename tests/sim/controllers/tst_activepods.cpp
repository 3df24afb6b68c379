// controller.ActivePodsWithRanks: which of a ReplicaSet's pods goes first when it has too many.
#include "sim/controllers/controllerutil.h"

#include <QTest>

using namespace podlab;

namespace {

constexpr int64_t kNow = 1'000'000'000; // wall milliseconds

struct PodShape {
    std::string node = "node-1";
    std::string phase = "Running";
    std::optional<int64_t> readyAgoSeconds = 100; // unset: not ready
    int restarts = 0;
    int64_t createdAgoSeconds = 200;
    std::string uid = "b";
};

api::Pod makePod(const PodShape& s)
{
    api::Pod p;
    p.metadata.uid = s.uid;
    p.metadata.creationTimestamp = api::Time::fromMillis(kNow - s.createdAgoSeconds * 1000);
    p.spec.nodeName = s.node;
    p.status.phase = s.phase;
    api::PodCondition ready;
    ready.type = "Ready";
    ready.status = s.readyAgoSeconds ? "True" : "False";
    ready.lastTransitionTime = api::Time::fromMillis(kNow - s.readyAgoSeconds.value_or(150) * 1000);
    p.status.conditions.push_back(ready);
    api::ContainerStatus cs;
    cs.restartCount = s.restarts;
    p.status.containerStatuses.push_back(cs);
    return p;
}

} // namespace

Q_DECLARE_METATYPE(PodShape)

class TestActivePods : public QObject {
    Q_OBJECT

private slots:
    void deletedFirst_data();
    void deletedFirst();
    void availability_data();
    void availability();
};

void TestActivePods::deletedFirst_data()
{
    // `first` should be deleted before `second`, and not the other way round.
    QTest::addColumn<PodShape>("first");
    QTest::addColumn<int>("firstRank");
    QTest::addColumn<PodShape>("second");
    QTest::addColumn<int>("secondRank");
    PodShape base;
    PodShape unassigned = base;
    unassigned.node.clear();
    unassigned.phase = "Pending";
    unassigned.readyAgoSeconds.reset();
    QTest::newRow("unassigned before assigned") << unassigned << 1 << base << 1;
    PodShape pending = base;
    pending.phase = "Pending";
    pending.readyAgoSeconds.reset();
    PodShape notReadyRunning = base;
    notReadyRunning.readyAgoSeconds.reset();
    QTest::newRow("pending before running") << pending << 1 << notReadyRunning << 1;
    PodShape unknown = base;
    unknown.phase = "Unknown";
    QTest::newRow("unknown before running") << unknown << 1 << base << 1;
    QTest::newRow("not ready before ready") << notReadyRunning << 1 << base << 1;
    QTest::newRow("doubled up on a node before alone") << base << 2 << base << 1;
    PodShape readyBriefly = base;
    readyBriefly.readyAgoSeconds = 3;
    QTest::newRow("ready for less time before longer") << readyBriefly << 1 << base << 1;
    PodShape restarted = base;
    restarted.restarts = 4;
    QTest::newRow("more restarts before fewer") << restarted << 1 << base << 1;
    PodShape newer = base;
    newer.createdAgoSeconds = 5;
    QTest::newRow("newer before older") << newer << 1 << base << 1;
    PodShape sameBucketA = base, sameBucketB = base;
    sameBucketA.createdAgoSeconds = 140; // log2 of both ages (in ns) is 37: a tie broken by uid
    sameBucketA.uid = "a";
    QTest::newRow("ages in the same power of two go by uid") << sameBucketA << 1 << sameBucketB << 1;
}

void TestActivePods::deletedFirst()
{
    QFETCH(PodShape, first);
    QFETCH(int, firstRank);
    QFETCH(PodShape, second);
    QFETCH(int, secondRank);
    const api::Time now = api::Time::fromMillis(kNow);
    const api::Pod a = makePod(first), b = makePod(second);
    QVERIFY(sim::deleteBefore(a, firstRank, b, secondRank, now));
    QVERIFY(!sim::deleteBefore(b, secondRank, a, firstRank, now));
}

void TestActivePods::availability_data()
{
    QTest::addColumn<int>("readyAgoMs");
    QTest::addColumn<int>("minReadySeconds");
    QTest::addColumn<bool>("available");
    QTest::newRow("ready, no minReadySeconds") << 0 << 0 << true;
    QTest::newRow("ready 4 s of 5") << 4000 << 5 << false;
    QTest::newRow("ready exactly 5 s of 5: must be longer") << 5000 << 5 << false;
    QTest::newRow("ready 5.001 s of 5") << 5001 << 5 << true;
    QTest::newRow("ready 10 s of 5") << 10000 << 5 << true;
}

void TestActivePods::availability()
{
    QFETCH(int, readyAgoMs);
    QFETCH(int, minReadySeconds);
    QFETCH(bool, available);
    PodShape s;
    s.readyAgoSeconds = 0;
    api::Pod p = makePod(s);
    p.status.conditions[0].lastTransitionTime = api::Time::fromMillis(kNow - readyAgoMs);
    QCOMPARE(sim::isPodAvailable(p, minReadySeconds, api::Time::fromMillis(kNow)), available);
    p.status.conditions[0].status = "False";
    QVERIFY(!sim::isPodAvailable(p, minReadySeconds, api::Time::fromMillis(kNow)));
}

QTEST_GUILESS_MAIN(TestActivePods)
#include "tst_activepods.moc"
