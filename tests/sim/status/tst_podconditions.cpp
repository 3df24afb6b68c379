#include "podbuilders.h"
#include "sim/status/podconditions.h"

#include <QTest>

using namespace podlab;
using namespace podlab::testing;

Q_DECLARE_METATYPE(podlab::api::Pod)

namespace {

QString describe(const api::PodCondition& c)
{
    QString s = QString::fromStdString(c.type + " " + c.status);
    if (!c.reason.empty())
        s += " " + QString::fromStdString(c.reason);
    if (!c.message.empty())
        s += ": " + QString::fromStdString(c.message);
    return s;
}

api::PodCondition cond(const char* type, const char* status, api::Time transition)
{
    api::PodCondition c;
    c.type = type;
    c.status = status;
    c.lastTransitionTime = transition;
    return c;
}

api::ContainerStatus initDone(const char* name)
{
    api::ContainerStatus s = terminated(name, termination(0, "Completed", 2, 5));
    s.ready = true;
    return s;
}

} // namespace

class TestPodConditions : public QObject {
    Q_OBJECT

private slots:
    void messages_data();
    void messages();
    void kubeletOrderAndOwnership();
    void transitionTimesKeptWhileStatusHolds();
};

void TestPodConditions::messages_data()
{
    QTest::addColumn<api::Pod>("pod");
    QTest::addColumn<QString>("initialized");
    QTest::addColumn<QString>("ready");
    QTest::addColumn<QString>("containersReady");

    api::Pod initializing = pod("p");
    initializing.status.phase = "Pending";
    initializing.spec.initContainers = {container("init-a"), container("init-b")};
    initializing.spec.containers = {container("app")};
    initializing.status.initContainerStatuses = {running("init-a", 2, false),
                                                 waiting("init-b", "PodInitializing")};
    initializing.status.containerStatuses = {waiting("app", "PodInitializing")};
    QTest::newRow("init containers incomplete")
        << initializing
        << "Initialized False ContainersNotInitialized: containers with incomplete status: [init-a init-b]"
        << "Ready False ContainersNotReady: containers with unready status: [app]"
        << "ContainersReady False ContainersNotReady: containers with unready status: [app]";

    api::Pod partlyKnown = initializing;
    partlyKnown.status.initContainerStatuses = {running("init-a", 2, false)};
    partlyKnown.status.containerStatuses = {};
    QTest::newRow("some statuses unknown")
        << partlyKnown
        << "Initialized False ContainersNotInitialized: containers with unknown status: [init-b], containers "
           "with "
           "incomplete status: [init-a]"
        << "Ready False ContainersNotReady: containers with unknown status: [app]"
        << "ContainersReady False ContainersNotReady: containers with unknown status: [app]";

    api::Pod none = initializing;
    none.status.initContainerStatuses = {};
    none.status.containerStatuses = {};
    QTest::newRow("no statuses at all") << none << "Initialized False UnknownContainerStatuses"
                                        << "Ready False UnknownContainerStatuses"
                                        << "ContainersReady False UnknownContainerStatuses";

    api::Pod plain = pod("p");
    plain.status.phase = "Running";
    plain.spec.containers = {container("app")};
    plain.status.containerStatuses = {running("app", 2)};
    QTest::newRow("running and ready") << plain << "Initialized True"
                                       << "Ready True"
                                       << "ContainersReady True";

    api::Pod unready = plain;
    unready.status.containerStatuses = {running("app", 2, false)};
    QTest::newRow("readiness probe failing")
        << unready << "Initialized True"
        << "Ready False ContainersNotReady: containers with unready status: [app]"
        << "ContainersReady False ContainersNotReady: containers with unready status: [app]";

    api::Pod succeeded = plain;
    succeeded.status.phase = "Succeeded";
    succeeded.status.containerStatuses = {terminated("app", termination(0, "Completed", 2, 9))};
    QTest::newRow("succeeded") << succeeded << "Initialized True PodCompleted"
                               << "Ready False PodCompleted"
                               << "ContainersReady False PodCompleted";

    api::Pod failed = plain;
    failed.status.phase = "Failed";
    failed.status.containerStatuses = {running("app", 2)}; // still being killed
    QTest::newRow("failed") << failed << "Initialized True"
                            << "Ready False PodFailed"
                            << "ContainersReady False PodFailed";

    api::Pod gated = plain;
    gated.spec.readinessGates = {{"www.example.com/feature-1"}, {"www.example.com/feature-2"}};
    api::PodCondition gate;
    gate.type = "www.example.com/feature-2";
    gate.status = "False";
    gated.status.conditions = {gate};
    QTest::newRow("readiness gates not ready")
        << gated << "Initialized True"
        << "Ready False ReadinessGatesNotReady: corresponding condition of pod readiness gate "
           "\"www.example.com/feature-1\" does not exist., the status of pod readiness gate "
           "\"www.example.com/feature-2\" is not \"True\", but False"
        << "ContainersReady True";

    api::Pod withSidecar = plain;
    withSidecar.spec.initContainers = {sidecar("proxy")};
    withSidecar.status.initContainerStatuses = {running("proxy", 1, false)};
    withSidecar.status.containerStatuses = {running("app", 2, false)};
    QTest::newRow("sidecar counts for readiness, first")
        << withSidecar << "Initialized True"
        << "Ready False ContainersNotReady: containers with unready status: [proxy app]"
        << "ContainersReady False ContainersNotReady: containers with unready status: [proxy app]";

    api::Pod sidecarStarting = withSidecar;
    sidecarStarting.status.phase = "Pending";
    sidecarStarting.status.initContainerStatuses[0].started = false;
    sidecarStarting.status.containerStatuses = {waiting("app", "PodInitializing")};
    QTest::newRow("sidecar not started yet")
        << sidecarStarting
        << "Initialized False ContainersNotInitialized: containers with incomplete status: [proxy]"
        << "Ready False ContainersNotReady: containers with unready status: [proxy app]"
        << "ContainersReady False ContainersNotReady: containers with unready status: [proxy app]";

    api::Pod initsDone = initializing;
    initsDone.status.initContainerStatuses = {initDone("init-a"), initDone("init-b")};
    QTest::newRow("init containers done, app creating")
        << initsDone << "Initialized True"
        << "Ready False ContainersNotReady: containers with unready status: [app]"
        << "ContainersReady False ContainersNotReady: containers with unready status: [app]";
}

void TestPodConditions::messages()
{
    QFETCH(api::Pod, pod);
    QFETCH(QString, initialized);
    QFETCH(QString, ready);
    QFETCH(QString, containersReady);
    QCOMPARE(describe(sim::initializedCondition(pod.spec, pod.status)), initialized);
    QCOMPARE(describe(sim::readyCondition(pod.spec, pod.status, pod.status.conditions)), ready);
    QCOMPARE(describe(sim::containersReadyCondition(pod.spec, pod.status)), containersReady);
}

void TestPodConditions::kubeletOrderAndOwnership()
{
    api::Pod p = pod("p");
    p.status.phase = "Running";
    p.spec.containers = {container("app")};
    p.status.containerStatuses = {running("app", 2)};
    const api::PodCondition gate = cond("www.example.com/feature-1", "True", at(30));
    const api::PodCondition scheduled = cond("PodScheduled", "True", at(0));
    const auto conditions =
        sim::kubeletPodConditions(p.spec, p.status, {scheduled, gate}, sim::SandboxState::Ready, at(40));
    QStringList types;
    for (const auto& c : conditions)
        types << QString::fromStdString(c.type + "=" + c.status);
    QCOMPARE(types,
             QStringList({"www.example.com/feature-1=True", "PodReadyToStartContainers=True",
                          "Initialized=True", "Ready=True", "ContainersReady=True", "PodScheduled=True"}));
    QCOMPARE(conditions.front(), gate);
    QVERIFY(conditions.back().lastProbeTime.isNull());
    QCOMPARE(conditions.back().lastTransitionTime, at(0));

    const auto noSandbox =
        sim::kubeletPodConditions(p.spec, p.status, {}, sim::SandboxState::Missing, at(40));
    QCOMPARE(describe(noSandbox.front()), QString("PodReadyToStartContainers False"));
}

void TestPodConditions::transitionTimesKeptWhileStatusHolds()
{
    api::Pod p = pod("p");
    p.status.phase = "Running";
    p.spec.containers = {container("app")};
    p.status.containerStatuses = {running("app", 2, false)};
    const auto first = sim::kubeletPodConditions(p.spec, p.status, {}, sim::SandboxState::Ready, at(3));
    for (const auto& c : first)
        QCOMPARE(c.lastTransitionTime, at(3));

    // The readiness probe passes at 15 s: Ready and ContainersReady flip, the others keep their time.
    p.status.containerStatuses = {running("app", 2, true)};
    const auto second = sim::kubeletPodConditions(p.spec, p.status, first, sim::SandboxState::Ready, at(15));
    QCOMPARE(second.size(), size_t(5));
    QCOMPARE(second[0].lastTransitionTime, at(3));  // PodReadyToStartContainers
    QCOMPARE(second[1].lastTransitionTime, at(3));  // Initialized
    QCOMPARE(second[2].lastTransitionTime, at(15)); // Ready
    QCOMPARE(second[3].lastTransitionTime, at(15)); // ContainersReady
    QCOMPARE(second[4].lastTransitionTime, at(3));  // PodScheduled

    // A later round with nothing changed keeps every time.
    const auto third = sim::kubeletPodConditions(p.spec, p.status, second, sim::SandboxState::Ready, at(40));
    QCOMPARE(third, second);
}

QTEST_APPLESS_MAIN(TestPodConditions)
#include "tst_podconditions.moc"
