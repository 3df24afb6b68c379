// A parked probe (kubeletprobes.cpp) must leave the world exactly as ticking would, also when something happens
// at the very millisecond of one of its ticks: each row runs a cluster with parking and one without side by
// side, interrupts both at a tick time (or a millisecond either side) with kubectl exec, and compares every
// probe run, event and restart that follows. And a worker's recent runs, kept as stretches of alike runs, are
// exactly the last ten runs recorded, whatever their rhythm.
#include "manifest/manifestreader.h"
#include "sim/cluster/cluster.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim;

namespace {

constexpr const char* kPod = R"(
apiVersion: v1
kind: Pod
metadata: {name: worker}
spec:
  containers:
  - name: busybox
    image: busybox:1.36
    command: [sh, -c, "touch /tmp/healthy; sleep 86400"]
    livenessProbe:
      exec: {command: [cat, /tmp/healthy]}
      periodSeconds: 10
    readinessProbe:
      exec: {command: [test, -f, /tmp/healthy]}
      periodSeconds: 5
)";

Cluster makeCluster(bool park)
{
    ClusterConfig config;
    config.parkSteadyProbes = park;
    Cluster cluster = Cluster::withDefaultNodes(1, config);
    const manifest::ReadResult read = manifest::readManifests(kPod, "worker.yaml");
    cluster.create(read.objects.at(0).object);
    return cluster;
}

const ContainerSlot& slotOf(const Cluster& cluster)
{
    return cluster.kubelet("node-1")->pods().begin()->second.containerSlots.at(0);
}

// Everything the probes did, as text: records, counts, events, restarts.
QString traces(const Cluster& cluster)
{
    QString out;
    const ContainerSlot& slot = slotOf(cluster);
    const SimTime periods[] = {seconds(10), seconds(5)};
    for (size_t k = 0; k < 2; ++k) {
        out += QStringLiteral("probe %1:").arg(k);
        for (const ProbeRecord& r : slot.probes[k].recentRuns(cluster.now(), periods[k]))
            out += QStringLiteral(" %1=%2").arg(r.time).arg(int(r.result));
        out += '\n';
    }
    out += QStringLiteral("runs %1, restarts %2\n").arg(cluster.counters().probes).arg(slot.restartCount);
    const EventLog& events = cluster.store().events();
    for (uint64_t id : events.ids()) {
        const api::Event e = events.toApi(id);
        out += QStringLiteral("%1 %2 x%3: %4\n")
                   .arg(QString::fromStdString(e.reason))
                   .arg(QString::fromStdString(e.lastTimestamp.toString()))
                   .arg(e.count)
                   .arg(QString::fromStdString(e.message));
    }
    return out;
}

} // namespace

class TestParkedProbes : public QObject {
    Q_OBJECT

private slots:
    void interruptedAtATickAsIfTicking_data();
    void interruptedAtATickAsIfTicking();
    void recentRunsAreTheLastTen_data();
    void recentRunsAreTheLastTen();
};

void TestParkedProbes::interruptedAtATickAsIfTicking_data()
{
    QTest::addColumn<int>("offset");    // milliseconds from a liveness tick time
    QTest::addColumn<QString>("command"); // run by kubectl exec then
    QTest::newRow("a millisecond before the tick: the tick sees it") << -1 << "rm -f /tmp/healthy";
    QTest::newRow("at the tick: the tick ran first") << 0 << "rm -f /tmp/healthy";
    QTest::newRow("a millisecond after the tick") << 1 << "rm -f /tmp/healthy";
    QTest::newRow("a command that changes nothing, at the tick") << 0 << "true";
}

void TestParkedProbes::interruptedAtATickAsIfTicking()
{
    QFETCH(int, offset);
    QFETCH(QString, command);
    Cluster parked = makeCluster(true);
    Cluster ticking = makeCluster(false);
    parked.runUntil(seconds(120));
    ticking.runUntil(seconds(120));
    QVERIFY2(slotOf(parked).probes[0].parked(), "the steady liveness probe should be parked by now");
    QCOMPARE(traces(parked), traces(ticking));

    // The ticking cluster's liveness timer says when its next tick is; the parked one has none.
    const SimTime tick = slotOf(ticking).probes[0].armedAt + seconds(30);
    parked.runUntil(tick + offset);
    ticking.runUntil(tick + offset);
    std::vector<std::string> argv;
    for (const QString& word : command.split(' '))
        argv.push_back(word.toStdString());
    const ExecOutcome a = parked.exec("default", "worker", "busybox", argv);
    const ExecOutcome b = ticking.exec("default", "worker", "busybox", argv);
    QCOMPARE(a.exitCode, b.exitCode);
    QCOMPARE(traces(parked), traces(ticking));

    parked.runUntil(tick + seconds(90));
    ticking.runUntil(tick + seconds(90));
    QCOMPARE(traces(parked), traces(ticking));
    if (command.startsWith("rm"))
        QCOMPARE(slotOf(parked).restartCount, 1);
}

void TestParkedProbes::recentRunsAreTheLastTen_data()
{
    // Each run: "s" success, "f" failure with output, "F" failure with another output, "-" a run skipped (the
    // next comes two periods on), "~" the next run 1 ms late.
    QTest::addColumn<QString>("runs");
    QTest::newRow("one run") << "s";
    QTest::newRow("steady for long") << "ssssssssssssssssssssssssssssssssssssssssss";
    QTest::newRow("a failure among successes") << "sssssssfssssssssss";
    QTest::newRow("flapping") << "sfsfsfsfsfsfsfsfsfsfsfsf";
    QTest::newRow("failures with different outputs") << "ffFFfFffFFffffsss";
    QTest::newRow("off the period") << "sss-sss~ss~s-ssss~s-s";
    QTest::newRow("late and failing") << "ff~ff-ff~sss~ff";
}

void TestParkedProbes::recentRunsAreTheLastTen()
{
    QFETCH(QString, runs);
    constexpr SimTime kPeriod = 10'000;
    ProbeWorker worker;
    std::vector<ProbeRecord> recorded;
    SimTime t = 3'000;
    for (const QChar c : runs) {
        if (c == '-' || c == '~') {
            t += c == '-' ? kPeriod : 1;
            continue;
        }
        const ProbeRecord run{t, c == 's' ? ProbeResult::Success : ProbeResult::Failure,
                              c == 'f' ? "cat: can't open '/tmp/healthy'\n" : c == 'F' ? "timeout\n" : ""};
        worker.record(run);
        recorded.push_back(run);
        t += kPeriod;
        const std::vector<ProbeRecord> expected(recorded.end() - long(std::min<size_t>(recorded.size(), 10)),
                                                recorded.end());
        QCOMPARE(worker.recentRuns(t, kPeriod), expected);
        QCOMPARE(worker.lastRun(), run);
    }
    QVERIFY(worker.recent.size() <= recorded.size());
}

QTEST_GUILESS_MAIN(TestParkedProbes)
#include "tst_parkedprobes.moc"
