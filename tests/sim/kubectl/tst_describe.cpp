#include "fixtures.h"
#include "sim/kubectl/describe.h"

#include <QFile>
#include <QTest>

using namespace podlab;
using namespace podlab::testing;
using namespace podlab::sim::kubectl;

namespace {

QString golden(const char* name)
{
    QFile f(QStringLiteral(PODLAB_SOURCE_DIR "/tests/sim/kubectl/golden/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<missing golden file %1>").arg(name);
    return QString::fromUtf8(f.readAll());
}

// Compares line by line first, so that a failure names the first differing line.
void compareText(const std::string& actualText, const QString& expected)
{
    const QString actual = QString::fromStdString(actualText);
    const QStringList a = actual.split('\n');
    const QStringList e = expected.split('\n');
    for (qsizetype i = 0; i < std::min(a.size(), e.size()); ++i)
        QCOMPARE(QString("%1: %2").arg(i + 1).arg(a[i]), QString("%1: %2").arg(i + 1).arg(e[i]));
    QCOMPARE(actual, expected);
}

const api::Time kNow = at(60);

} // namespace

class TestDescribe : public QObject {
    Q_OBJECT

private slots:
    void livenessPodAfterItsFirstKill()
    {
        compareText(describePod(livenessPod(), livenessEvents(), kNow),
                    golden("describe-pod-liveness-exec.txt"));
    }
    void podWithEverything() { compareText(describePod(webPod(), {}, kNow), golden("describe-pod-web.txt")); }
    void unschedulablePod()
    {
        compareText(describePod(pendingPod(), pendingEvents(), kNow), golden("describe-pod-pending.txt"));
    }
    void node();
    void configMap()
    {
        compareText(describeConfigMap(gameConfig(), {}, kNow), golden("describe-configmap.txt"));
    }
    void secret() { compareText(describeSecret(dbSecret()), golden("describe-secret.txt")); }
    void serviceAccount()
    {
        compareText(describeServiceAccount(buildRobot(), {}, kNow), golden("describe-serviceaccount.txt"));
    }
    void eventsInAnyOrderAreSortedByLastSeen();
    void eventFieldPathAsMessagePrefix();
    void eventsHidden();
    void terminatingPod();
    void missingLease();
};

void TestDescribe::node()
{
    // The completed pod is not listed; the others come by namespace and name whatever the input order.
    compareText(describeNode(node1(), {webPod(), completedPod(), systemPod(), livenessPod()}, nodeEvents(),
                             NodeLease{"node-1", {}, at(58)}, kNow),
                golden("describe-node.txt"));
}

void TestDescribe::eventsInAnyOrderAreSortedByLastSeen()
{
    std::vector<api::Event> events = livenessEvents();
    std::reverse(events.begin(), events.end());
    // Equal last timestamps keep their given order (Killing and Unhealthy, Started, Created and Pulled).
    const std::string text = describePod(livenessPod(), events, kNow);
    const size_t killing = text.find("Killing");
    const size_t unhealthy = text.find("Unhealthy");
    const size_t scheduled = text.find("Scheduled  60s");
    QVERIFY(scheduled != std::string::npos);
    QVERIFY(scheduled < unhealthy);
    QVERIFY(killing < unhealthy);
}

void TestDescribe::eventFieldPathAsMessagePrefix()
{
    DescribeOptions options;
    options.fieldPath = EventFieldPath::MessagePrefix;
    const std::string text = describePod(livenessPod(), livenessEvents(), kNow, options);
    QVERIFY(text.find("kubelet            spec.containers{liveness}: Pulling image "
                      "\"registry.k8s.io/busybox:1.27.2\"\n") != std::string::npos);
    QVERIFY(text.find("default-scheduler  Successfully assigned default/liveness-exec to node-1\n") !=
            std::string::npos);
}

void TestDescribe::eventsHidden()
{
    DescribeOptions options;
    options.events = EventsSection::Hidden;
    const std::string text = describePod(livenessPod(), livenessEvents(), kNow, options);
    QVERIFY(text.find("Events") == std::string::npos);
    QVERIFY(text.ends_with("node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"));
}

void TestDescribe::terminatingPod()
{
    api::Pod p = livenessPod();
    // Deleted at 50 s with the default grace: the deletion timestamp lies 20 s ahead of now.
    p.metadata.deletionTimestamp = at(80);
    p.metadata.deletionGracePeriodSeconds = 30;
    const std::string text = describePod(p, {}, kNow);
    QVERIFY(text.find("Status:                    Terminating (lasts <invalid>)\n"
                      "Termination Grace Period:  30s\n") != std::string::npos);
    p.metadata.deletionTimestamp = at(60);
    QVERIFY(describePod(p, {}, kNow).find("Terminating (lasts 0s)") != std::string::npos);
}

void TestDescribe::missingLease()
{
    const std::string text = describeNode(node1(), {}, {}, std::nullopt, kNow);
    QVERIFY(
        text.find(
            "Lease:              Failed to get lease: leases.coordination.k8s.io \"node-1\" not found\n") !=
        std::string::npos);
    QVERIFY(text.find("Non-terminated Pods:          (0 in total)\n") != std::string::npos);
    // The Allocated resources lines end the last block; "Events:" aligns with them.
    QVERIFY(text.ends_with("  hugepages-2Mi      0 (0%)    0 (0%)\nEvents:              <none>\n"));
}

QTEST_APPLESS_MAIN(TestDescribe)
#include "tst_describe.moc"
