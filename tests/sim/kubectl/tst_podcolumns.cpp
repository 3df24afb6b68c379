#include "fixtures.h"
#include "sim/kubectl/podcolumns.h"

#include <QTest>

using namespace podlab;
using namespace podlab::testing;
using namespace podlab::sim::kubectl;

Q_DECLARE_METATYPE(podlab::api::Pod)

class TestPodColumns : public QObject {
    Q_OBJECT

private slots:
    void readyAndRestarts_data();
    void readyAndRestarts();
    void wideColumns();
};

void TestPodColumns::readyAndRestarts_data()
{
    QTest::addColumn<api::Pod>("pod");
    QTest::addColumn<QString>("ready");
    QTest::addColumn<QString>("restarts");

    api::Pod crashing = pod("crash");
    crashing.spec.containers = {container("app")};
    crashing.status.phase = "Running";
    crashing.status.containerStatuses = {
        withLastState(waiting("app", "CrashLoopBackOff", 5), termination(1, "Error", 15, 20))};
    QTest::newRow("crash loop: restarts and when the last one ended") << crashing << "0/1"
                                                                      << "5 (40s ago)";

    api::Pod unready = pod("p");
    unready.spec.containers = {container("a"), container("b")};
    unready.status.containerStatuses = {running("a", 2, true), running("b", 2, false)};
    QTest::newRow("ready counts only ready running containers") << unready << "1/2"
                                                                << "0";

    api::Pod noFinish = crashing;
    noFinish.status.containerStatuses[0].lastState = {};
    QTest::newRow("restarts without a last termination") << noFinish << "0/1"
                                                         << "5";

    api::Pod withSidecar = pod("p");
    withSidecar.spec.initContainers = {container("init"), sidecar("proxy")};
    withSidecar.spec.containers = {container("app")};
    api::ContainerStatus initDone = terminated("init", termination(0, "Completed", 1, 2), 1);
    withSidecar.status.initContainerStatuses = {
        initDone, withLastState(running("proxy", 30, true, 2), termination(137, "Error", 3, 28))};
    withSidecar.status.containerStatuses = {
        withLastState(running("app", 10, true, 1), termination(1, "Error", 4, 9))};
    // Regular init restarts count only while initializing; sidecar and app restarts after.
    QTest::newRow("sidecars count as containers and restarts") << withSidecar << "2/2"
                                                               << "3 (32s ago)";

    api::Pod initializing = pod("p");
    initializing.spec.initContainers = {container("init")};
    initializing.spec.containers = {container("app")};
    initializing.status.initContainerStatuses = {
        withLastState(waiting("init", "CrashLoopBackOff", 4), termination(1, "Error", 30, 35))};
    initializing.status.containerStatuses = {waiting("app", "PodInitializing")};
    QTest::newRow("while initializing, init restarts") << initializing << "0/1"
                                                       << "4 (25s ago)";
}

void TestPodColumns::readyAndRestarts()
{
    QFETCH(api::Pod, pod);
    QFETCH(QString, ready);
    QFETCH(QString, restarts);
    const PodColumns c = podColumns(pod, at(60));
    QCOMPARE(QString::fromStdString(c.ready), ready);
    QCOMPARE(QString::fromStdString(c.restarts), restarts);
}

void TestPodColumns::wideColumns()
{
    api::Pod p = webPod();
    p.spec.readinessGates.push_back({"www.example.com/feature-2"});
    p.status.nominatedNodeName = "node-2";
    const PodColumns c = podColumns(p, at(60));
    QCOMPARE(c.ip, std::string("10.244.1.9"));
    QCOMPARE(c.node, std::string("node-1"));
    QCOMPARE(c.nominatedNode, std::string("node-2"));
    QCOMPARE(c.readinessGates, std::string("1/2"));
    QCOMPARE(c.age, std::string("61m"));
}

QTEST_APPLESS_MAIN(TestPodColumns)
#include "tst_podcolumns.moc"
