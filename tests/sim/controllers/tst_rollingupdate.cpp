// The rollout arithmetic of pkg/controller/deployment/util: percentages, fenceposts, how far the new
// ReplicaSet may grow and how far the old ones may shrink.
#include "sim/controllers/rollingupdate.h"

#include <QTest>

using namespace podlab;
using api::IntOrString;

Q_DECLARE_METATYPE(std::optional<int32_t>)

class TestRollingUpdate : public QObject {
    Q_OBJECT

private slots:
    void scaledValue_data();
    void scaledValue();
    void fenceposts_data();
    void fenceposts();
    void recreateHasNoFenceposts();
    void newReplicaSetReplicas_data();
    void newReplicaSetReplicas();
    void maxScaledDown_data();
    void maxScaledDown();
};

void TestRollingUpdate::scaledValue_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<bool>("isString"); // an IntOrString holding a string ("25%") or an integer
    QTest::addColumn<int>("total");
    QTest::addColumn<bool>("roundUp");
    QTest::addColumn<std::optional<int32_t>>("expected");
    QTest::newRow("an integer is itself") << "2" << false << 10 << true << std::optional<int32_t>(2);
    QTest::newRow("25% of 3, up") << "25%" << true << 3 << true << std::optional<int32_t>(1);
    QTest::newRow("25% of 3, down") << "25%" << true << 3 << false << std::optional<int32_t>(0);
    QTest::newRow("25% of 4, up") << "25%" << true << 4 << true << std::optional<int32_t>(1);
    QTest::newRow("25% of 4, down") << "25%" << true << 4 << false << std::optional<int32_t>(1);
    QTest::newRow("25% of 10, up") << "25%" << true << 10 << true << std::optional<int32_t>(3);
    QTest::newRow("25% of 10, down") << "25%" << true << 10 << false << std::optional<int32_t>(2);
    QTest::newRow("0%") << "0%" << true << 10 << true << std::optional<int32_t>(0);
    QTest::newRow("100% of 7") << "100%" << true << 7 << false << std::optional<int32_t>(7);
    QTest::newRow("1% of 1, up") << "1%" << true << 1 << true << std::optional<int32_t>(1);
    QTest::newRow("not a percentage") << "abc%" << true << 10 << true << std::optional<int32_t>();
    QTest::newRow("no percent sign") << "25" << true << 10 << true << std::optional<int32_t>();
}

void TestRollingUpdate::scaledValue()
{
    QFETCH(QString, value);
    QFETCH(bool, isString);
    QFETCH(int, total);
    QFETCH(bool, roundUp);
    QFETCH(std::optional<int32_t>, expected);
    const IntOrString v = isString ? IntOrString::fromString(value.toStdString()) : IntOrString::fromInt(value.toInt());
    QCOMPARE(sim::scaledValue(v, total, roundUp), expected);
}

void TestRollingUpdate::fenceposts_data()
{
    QTest::addColumn<QString>("maxSurge");
    QTest::addColumn<QString>("maxUnavailable");
    QTest::addColumn<int>("replicas");
    QTest::addColumn<int>("surge");
    QTest::addColumn<int>("unavailable");
    // The defaults: the docs' "at most 4, at least 3" for three replicas.
    QTest::newRow("defaults, 3 replicas") << "25%" << "25%" << 3 << 1 << 0;
    QTest::newRow("defaults, 2 replicas") << "25%" << "25%" << 2 << 1 << 0;
    QTest::newRow("defaults, 4 replicas") << "25%" << "25%" << 4 << 1 << 1;
    QTest::newRow("defaults, 10 replicas") << "25%" << "25%" << 10 << 3 << 2;
    QTest::newRow("defaults, 1 replica") << "25%" << "25%" << 1 << 1 << 0;
    QTest::newRow("both zero: one may be unavailable") << "0" << "0" << 5 << 0 << 1;
    QTest::newRow("both 0%: one may be unavailable") << "0%" << "0%" << 5 << 0 << 1;
    QTest::newRow("integers") << "2" << "1" << 5 << 2 << 1;
    QTest::newRow("no surge") << "0" << "25%" << 4 << 0 << 1;
}

void TestRollingUpdate::fenceposts()
{
    QFETCH(QString, maxSurge);
    QFETCH(QString, maxUnavailable);
    QFETCH(int, replicas);
    QFETCH(int, surge);
    QFETCH(int, unavailable);
    auto value = [](const QString& s) {
        return s.endsWith('%') ? IntOrString::fromString(s.toStdString()) : IntOrString::fromInt(s.toInt());
    };
    api::Deployment d;
    d.spec.replicas = replicas;
    d.spec.strategy.type = "RollingUpdate";
    d.spec.strategy.rollingUpdate = api::RollingUpdateDeployment{value(maxUnavailable), value(maxSurge)};
    const sim::Fenceposts f = sim::deploymentFenceposts(d);
    QCOMPARE(f.maxSurge, surge);
    QCOMPARE(f.maxUnavailable, unavailable);
}

void TestRollingUpdate::recreateHasNoFenceposts()
{
    api::Deployment d;
    d.spec.replicas = 3;
    d.spec.strategy.type = "Recreate";
    QCOMPARE(sim::deploymentFenceposts(d), sim::Fenceposts{});
}

void TestRollingUpdate::newReplicaSetReplicas_data()
{
    QTest::addColumn<int>("desired");
    QTest::addColumn<int>("maxSurge");
    QTest::addColumn<int>("allReplicas");
    QTest::addColumn<int>("newReplicas");
    QTest::addColumn<int>("expected");
    QTest::newRow("first step of the docs' rollout: 3 old, room for one more") << 3 << 1 << 3 << 0 << 1;
    QTest::newRow("at the surge limit: no growth") << 3 << 1 << 4 << 1 << 1;
    QTest::newRow("one old gone: grow by one") << 3 << 1 << 3 << 1 << 2;
    QTest::newRow("never beyond desired") << 3 << 5 << 3 << 2 << 3;
    QTest::newRow("a new deployment starts at full size") << 3 << 1 << 0 << 0 << 3;
    QTest::newRow("surge 0 waits for old ones to go") << 4 << 0 << 4 << 0 << 0;
    QTest::newRow("surge 0, one old gone") << 4 << 0 << 3 << 0 << 1;
}

void TestRollingUpdate::newReplicaSetReplicas()
{
    QFETCH(int, desired);
    QFETCH(int, maxSurge);
    QFETCH(int, allReplicas);
    QFETCH(int, newReplicas);
    QFETCH(int, expected);
    QCOMPARE(sim::newReplicaSetReplicas(desired, maxSurge, allReplicas, newReplicas), expected);
}

void TestRollingUpdate::maxScaledDown_data()
{
    QTest::addColumn<int>("desired");
    QTest::addColumn<int>("maxUnavailable");
    QTest::addColumn<int>("allReplicas");
    QTest::addColumn<int>("newReplicas");
    QTest::addColumn<int>("newAvailable");
    QTest::addColumn<int>("expected");
    QTest::newRow("new pod not available yet: nothing may go") << 3 << 0 << 4 << 1 << 0 << 0;
    QTest::newRow("new pod available: one old may go") << 3 << 0 << 4 << 1 << 1 << 1;
    QTest::newRow("maxUnavailable 1 lets one go at once") << 4 << 1 << 5 << 1 << 0 << 1;
    QTest::newRow("maxUnavailable 2, nothing new yet") << 10 << 2 << 13 << 3 << 0 << 2;
    QTest::newRow("a stalled new pod blocks the budget") << 3 << 0 << 4 << 1 << 0 << 0;
}

void TestRollingUpdate::maxScaledDown()
{
    QFETCH(int, desired);
    QFETCH(int, maxUnavailable);
    QFETCH(int, allReplicas);
    QFETCH(int, newReplicas);
    QFETCH(int, newAvailable);
    QFETCH(int, expected);
    QCOMPARE(sim::maxScaledDown(desired, maxUnavailable, allReplicas, newReplicas, newAvailable), expected);
}

QTEST_GUILESS_MAIN(TestRollingUpdate)
#include "tst_rollingupdate.moc"
