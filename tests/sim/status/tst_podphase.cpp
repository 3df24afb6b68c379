#include "podbuilders.h"
#include "sim/kubectl/podcolumns.h"
#include "sim/status/containerstatuses.h"
#include "sim/status/podconditions.h"
#include "sim/status/podphase.h"

#include <QTest>

using namespace podlab;
using namespace podlab::testing;
using podlab::sim::PodTermination;

Q_DECLARE_METATYPE(podlab::api::Pod)
Q_DECLARE_METATYPE(podlab::sim::PodTermination)

namespace {

// What the kubelet does with a pod it runs: phase from the statuses, then its conditions. An unbound pod is
// left as the API server created it, Pending, with the scheduler's PodScheduled condition.
api::Pod reportStatus(api::Pod p, PodTermination termination,
                      const std::string& schedulerReason = "Unschedulable")
{
    const auto initialization = sim::hasAnyRegularContainerStarted(p.spec, p.status)
                                    ? sim::PodInitialization::RegularContainerStarted
                                    : sim::PodInitialization::NotStarted;
    p.status.phase = sim::podPhase(p.spec, p.status, termination, initialization);
    if (p.spec.nodeName.empty()) {
        api::PodCondition scheduled;
        scheduled.type = "PodScheduled";
        scheduled.status = "False";
        scheduled.reason = schedulerReason;
        p.status.conditions = {scheduled};
    } else {
        p.status.conditions =
            sim::kubeletPodConditions(p.spec, p.status, {}, sim::SandboxState::Ready, at(60));
    }
    return p;
}

api::Pod onePod(const std::string& restartPolicy, api::ContainerStatus status)
{
    api::Pod p = pod("p", restartPolicy);
    p.spec.containers = {container("app")};
    p.status.containerStatuses = {std::move(status)};
    return p;
}

api::Pod withInit(const std::string& restartPolicy, api::ContainerStatus initStatus)
{
    api::Pod p = pod("p", restartPolicy);
    p.spec.initContainers = {container("init")};
    p.spec.containers = {container("app")};
    p.status.initContainerStatuses = {std::move(initStatus)};
    p.status.containerStatuses = {waiting("app", "PodInitializing")};
    return p;
}

} // namespace

class TestPodPhase : public QObject {
    Q_OBJECT

private slots:
    void workedExamples_data();
    void workedExamples();
    void initSequence();
    void restartingSidecarDoesNotUndoInitialization();
    void missingStatusIsUnknown();
    void terminalPhaseSticks_data();
    void terminalPhaseSticks();
};

void TestPodPhase::workedExamples_data()
{
    QTest::addColumn<api::Pod>("pod");
    QTest::addColumn<PodTermination>("termination");
    QTest::addColumn<QString>("phase");
    QTest::addColumn<QString>("status");
    const auto active = PodTermination::Active;
    const auto error1 = termination(1, "Error", 2, 10);

    api::Pod unbound = pod("p");
    unbound.spec.nodeName.clear();
    unbound.spec.containers = {container("app")};
    QTest::newRow("not yet bound") << unbound << active << "Pending"
                                   << "Pending";

    QTest::newRow("bound, pulling image")
        << onePod("Always", waiting("app", "ContainerCreating")) << active << "Pending"
        << "ContainerCreating";
    QTest::newRow("image pull failing")
        << onePod("Always", waiting("app", "ErrImagePull")) << active << "Pending"
        << "ErrImagePull";
    QTest::newRow("image pull in back-off")
        << onePod("Always", waiting("app", "ImagePullBackOff")) << active << "Pending"
        << "ImagePullBackOff";
    QTest::newRow("running") << onePod("Always", running("app", 2)) << active << "Running"
                             << "Running";
    QTest::newRow("running, readiness failing")
        << onePod("Always", running("app", 2, false)) << active << "Running"
        << "Running";
    QTest::newRow("Always, crashed, in back-off")
        << onePod("Always", withLastState(waiting("app", "CrashLoopBackOff", 3), error1)) << active
        << "Running"
        << "CrashLoopBackOff";
    QTest::newRow("Never, exit 1") << onePod("Never", terminated("app", error1)) << active << "Failed"
                                   << "Error";
    QTest::newRow("Never, exit 0") << onePod("Never", terminated("app", termination(0, "Completed", 2, 10)))
                                   << active << "Succeeded"
                                   << "Completed";
    QTest::newRow("OnFailure, exit 0")
        << onePod("OnFailure", terminated("app", termination(0, "Completed", 2, 10))) << active << "Succeeded"
        << "Completed";
    QTest::newRow("OnFailure, exit 1, will restart")
        << onePod("OnFailure", terminated("app", error1)) << active << "Running"
        << "Error";
    QTest::newRow("OnFailure, exit 1, in back-off")
        << onePod("OnFailure", withLastState(waiting("app", "CrashLoopBackOff", 1), error1)) << active
        << "Running"
        << "CrashLoopBackOff";
    QTest::newRow("OOM kill, Never") << onePod("Never",
                                               terminated("app", termination(137, "OOMKilled", 2, 10)))
                                     << active << "Failed"
                                     << "OOMKilled";
    QTest::newRow("killed, no reason from the runtime")
        << onePod("Never", terminated("app", termination(137, "", 2, 10, 9))) << active << "Failed"
        << "Signal:9";
    QTest::newRow("exit code, no reason from the runtime")
        << onePod("Never", terminated("app", termination(2, "", 2, 10))) << active << "Failed"
        << "ExitCode:2";

    // The worked-examples table says Running here; printPod's rule gives NotReady, because the completed
    // container leaves the pod unready (ContainersReady False) while another still runs.
    api::Pod twoContainers = pod("p", "Never");
    twoContainers.spec.containers = {container("a"), container("b")};
    twoContainers.status.containerStatuses = {running("a", 2),
                                              terminated("b", termination(0, "Completed", 2, 10))};
    QTest::newRow("A running, B exit 0, Never") << twoContainers << active << "Running"
                                                << "NotReady";

    api::Pod initRunning = withInit("Always", running("init", 2, false));
    initRunning.spec.initContainers.push_back(container("init2"));
    initRunning.status.initContainerStatuses.push_back(waiting("init2", "PodInitializing"));
    QTest::newRow("init container running") << initRunning << active << "Pending"
                                            << "Init:0/2";
    QTest::newRow("init failed, Never") << withInit("Never", terminated("init", error1)) << active << "Failed"
                                        << "Init:Error";
    QTest::newRow("init failed, Always")
        << withInit("Always", terminated("init", error1)) << active << "Pending"
        << "Init:Error";
    QTest::newRow("init crash loop, OnFailure")
        << withInit("OnFailure", withLastState(waiting("init", "CrashLoopBackOff", 2), error1)) << active
        << "Pending"
        << "Init:CrashLoopBackOff";
    QTest::newRow("init pull failing")
        << withInit("Always", waiting("init", "ErrImagePull")) << active << "Pending"
        << "Init:ErrImagePull";
    QTest::newRow("init killed without a reason")
        << withInit("Never", terminated("init", termination(137, "", 2, 10, 9))) << active << "Failed"
        << "Init:Signal:9";

    api::Pod withSidecar = pod("p", "Never");
    withSidecar.spec.initContainers = {sidecar("proxy")};
    withSidecar.spec.containers = {container("app")};
    withSidecar.status.initContainerStatuses = {running("proxy", 1)};
    withSidecar.status.containerStatuses = {terminated("app", termination(0, "Completed", 2, 10))};
    QTest::newRow("main done, sidecar still up") << withSidecar << active << "Running"
                                                 << "Completed";
    withSidecar.status.initContainerStatuses = {terminated("proxy", termination(143, "Error", 1, 11))};
    QTest::newRow("main done, sidecar stopped") << withSidecar << PodTermination::Terminal << "Succeeded"
                                                << "Completed";

    QTest::newRow("terminal pod, failed container, Always")
        << onePod("Always", terminated("app", error1)) << PodTermination::Terminal << "Failed"
        << "Error";
    QTest::newRow("terminal pod, succeeded container, Always")
        << onePod("Always", terminated("app", termination(0, "Completed", 2, 10))) << PodTermination::Terminal
        << "Succeeded"
        << "Completed";

    api::Pod deleted = onePod("Always", running("app", 2));
    deleted.metadata.deletionTimestamp = at(90);
    deleted.metadata.deletionGracePeriodSeconds = 30;
    QTest::newRow("deleted while running") << deleted << active << "Running"
                                           << "Terminating";
    deleted.status.reason = "NodeLost";
    QTest::newRow("deleted on a lost node") << deleted << active << "Running"
                                            << "Unknown";

    api::Pod done = onePod("Never", terminated("app", termination(0, "Completed", 2, 10)));
    done.metadata.deletionTimestamp = at(90);
    QTest::newRow("deleted after completing") << done << active << "Succeeded"
                                              << "Completed";
}

void TestPodPhase::workedExamples()
{
    QFETCH(api::Pod, pod);
    QFETCH(PodTermination, termination);
    QFETCH(QString, phase);
    QFETCH(QString, status);
    const api::Pod reported = reportStatus(pod, termination);
    QCOMPARE(QString::fromStdString(reported.status.phase), phase);
    QCOMPARE(QString::fromStdString(sim::kubectl::podStatusReason(reported)), status);
}

void TestPodPhase::initSequence()
{
    // Two init containers, then the app: the STATUS column walks Pending, Init:0/2, Init:1/2,
    // PodInitializing, Running, while the phase stays Pending until the app runs.
    api::Pod p = pod("p");
    p.spec.initContainers = {container("init-a"), container("init-b")};
    p.spec.containers = {container("app")};
    struct Step {
        std::vector<api::ContainerStatus> init;
        std::vector<api::ContainerStatus> app;
        const char* phase;
        const char* status;
        const char* initialized;
    };
    auto done = [](const char* name) {
        api::ContainerStatus s = terminated(name, termination(0, "Completed", 2, 5));
        s.ready = true;
        return s;
    };
    const std::vector<Step> steps = {
        {{}, {}, "Pending", "Pending", "False"},
        {{waiting("init-a", "PodInitializing"), waiting("init-b", "PodInitializing")},
         {waiting("app", "PodInitializing")},
         "Pending",
         "Init:0/2",
         "False"},
        {{running("init-a", 2, false), waiting("init-b", "PodInitializing")},
         {waiting("app", "PodInitializing")},
         "Pending",
         "Init:0/2",
         "False"},
        {{done("init-a"), running("init-b", 6, false)},
         {waiting("app", "PodInitializing")},
         "Pending",
         "Init:1/2",
         "False"},
        {{done("init-a"), done("init-b")},
         {waiting("app", "PodInitializing")},
         "Pending",
         "PodInitializing",
         "True"},
        {{done("init-a"), done("init-b")}, {running("app", 12)}, "Running", "Running", "True"},
    };
    QStringList statuses;
    for (const Step& step : steps) {
        p.status.initContainerStatuses = step.init;
        p.status.containerStatuses = step.app;
        const api::Pod reported = reportStatus(p, PodTermination::Active);
        QCOMPARE(QString::fromStdString(reported.status.phase), QString(step.phase));
        QCOMPARE(QString::fromStdString(reported.status.conditions[1].status), QString(step.initialized));
        statuses << QString::fromStdString(sim::kubectl::podStatusReason(reported));
    }
    QCOMPARE(statuses,
             QStringList({"Pending", "Init:0/2", "Init:0/2", "Init:1/2", "PodInitializing", "Running"}));
}

void TestPodPhase::restartingSidecarDoesNotUndoInitialization()
{
    api::Pod p = pod("p");
    p.spec.initContainers = {sidecar("proxy")};
    p.spec.containers = {container("app")};
    p.status.initContainerStatuses = {running("proxy", 20)};
    p.status.initContainerStatuses[0].started = false; // restarted, startup not yet confirmed
    p.status.containerStatuses = {running("app", 5)};
    QCOMPARE(sim::podPhase(p.spec, p.status, PodTermination::Active, sim::PodInitialization::NotStarted),
             std::string("Pending"));
    QCOMPARE(sim::podPhase(p.spec, p.status, PodTermination::Active,
                           sim::PodInitialization::RegularContainerStarted),
             std::string("Running"));
}

void TestPodPhase::missingStatusIsUnknown()
{
    // One container running, the other not reported at all: not every container has started.
    api::Pod p = pod("p");
    p.spec.containers = {container("a"), container("b")};
    p.status.containerStatuses = {running("a", 2)};
    QCOMPARE(sim::podPhase(p.spec, p.status, PodTermination::Active,
                           sim::PodInitialization::RegularContainerStarted),
             std::string("Pending"));
}

void TestPodPhase::terminalPhaseSticks_data()
{
    QTest::addColumn<QString>("computed");
    QTest::addColumn<QString>("cached");
    QTest::addColumn<QString>("api");
    QTest::addColumn<QString>("expected");
    QTest::newRow("nothing terminal") << "Running"
                                      << "Pending"
                                      << "Pending"
                                      << "Running";
    QTest::newRow("kubelet already reported Failed") << "Running"
                                                     << "Failed"
                                                     << "Running"
                                                     << "Failed";
    QTest::newRow("API already says Succeeded") << "Running"
                                                << "Running"
                                                << "Succeeded"
                                                << "Succeeded";
    QTest::newRow("API wins over another terminal phase") << "Failed"
                                                          << "Failed"
                                                          << "Succeeded"
                                                          << "Succeeded";
    QTest::newRow("newly terminal") << "Succeeded"
                                    << "Running"
                                    << "Running"
                                    << "Succeeded";
}

void TestPodPhase::terminalPhaseSticks()
{
    QFETCH(QString, computed);
    QFETCH(QString, cached);
    QFETCH(QString, api);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(
                 sim::stickyPhase(computed.toStdString(), cached.toStdString(), api.toStdString())),
             expected);
}

QTEST_APPLESS_MAIN(TestPodPhase)
#include "tst_podphase.moc"
