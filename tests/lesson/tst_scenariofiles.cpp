// Every scenario under tests/scenarios runs with all its expectations holding, and runs the same twice.
//
// The scenarios are the behaviour tests of the simulation: each pins down one thing Kubernetes does (a probe
// restarting a container, an init container failing, a pod that cannot be scheduled) with the timing the
// kubelet and the documentation give. Those under docs/ apply the Kubernetes documentation's own examples
// (from ../shared/k8s-doc-examples, unmodified) and check what the documentation says happens.
#include "lesson/scenario.h"
#include "lesson/scenariorunner.h"
#include "manifest/writer.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QTest>

using namespace podlab;

namespace {

QString scenarioRoot() { return QStringLiteral(PODLAB_SOURCE_DIR "/tests/scenarios"); }

struct Run {
    bool ran = false;
    std::string transcript;
    std::vector<lesson::ExpectationResult> expectations;
    std::string json;
    std::string probeTraces;
    manifest::Diagnostics problems;
};

// What a parked probe changes, seen from outside: every probe's recent runs, every container's log, the runs
// counted. (Objects, events and command outputs are in the JSON.)
std::string probeTraces(const sim::Cluster& cluster)
{
    std::string out = "probe runs " + std::to_string(cluster.counters().probes) + "\n";
    for (const auto& [key, node] : cluster.store().all<api::Node>()) {
        const sim::Kubelet* kubelet = cluster.kubelet(node->metadata.name);
        if (!kubelet)
            continue;
        for (const auto& [id, state] : kubelet->pods()) {
            for (const sim::ContainerSlot& slot : state.containerSlots) {
                const api::Container& spec = slot.init ? state.pod->spec.initContainers[slot.specIndex]
                                                       : state.pod->spec.containers[slot.specIndex];
                for (size_t k = 0; k < 3; ++k) {
                    const auto& probe = sim::probeOf(spec, sim::ProbeKind(k));
                    if (!probe)
                        continue;
                    out += state.name() + "/" + slot.name + " probe " + std::to_string(k) + ":";
                    const sim::SimTime period = sim::probePeriod(*probe);
                    for (const sim::ProbeRecord& r : slot.probes[k].recentRuns(cluster.now(), period))
                        out += " " + std::to_string(r.time) + "=" + std::to_string(int(r.result)) + "(" + r.output + ")";
                    out += "\n";
                }
                std::string error;
                if (const auto logs = cluster.logs(state.namespace_(), state.name(), slot.name, false, &error))
                    for (const sim::runtime::LogEntry& e : *logs)
                        out += std::to_string(e.time) + (e.stderr_ ? " E " : " O ") + e.text;
            }
        }
    }
    return out;
}

Run runScenario(const QString& path, bool json, bool parkSteadyProbes = true)
{
    Run run;
    lesson::ScenarioReadResult read = lesson::readScenarioFile(path.toStdString());
    run.problems = read.diagnostics;
    if (!read.scenario)
        return run;
    lesson::RunOptions options;
    options.recordSnapshots = json;
    options.parkSteadyProbes = parkSteadyProbes;
    lesson::ScenarioRunner runner(std::move(*read.scenario), QFileInfo(path).absolutePath().toStdString(), options);
    run.ran = runner.run([&](const std::string& text) { run.transcript += text; });
    if (runner.cluster())
        run.probeTraces = probeTraces(*runner.cluster());
    run.expectations = runner.expectations();
    for (const manifest::Diagnostic& d : runner.diagnostics())
        run.problems.push_back(d);
    if (json)
        run.json = manifest::toJson(runner.toJson());
    return run;
}

} // namespace

class TestScenarioFiles : public QObject {
    Q_OBJECT

private slots:
    void expectationsHold_data();
    void expectationsHold();
    void sameSeedSameBytes_data() { expectationsHold_data(); }
    void sameSeedSameBytes();
    void parkedProbesChangeNothing_data() { expectationsHold_data(); }
    void parkedProbesChangeNothing();
};

void TestScenarioFiles::expectationsHold_data()
{
    QTest::addColumn<QString>("path");
    QStringList files;
    QDirIterator it(scenarioRoot(), {QStringLiteral("*.yaml")}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        // Manifests the scenarios apply live beside them; only `kind: Scenario` files are scenarios.
        const QString path = it.next();
        QFile file(path);
        if (file.open(QIODevice::ReadOnly) && lesson::looksLikeScenario(file.readAll().toStdString()))
            files << path;
    }
    files.sort();
    QVERIFY2(files.size() >= 10, "the scenario folder is missing or nearly empty");
    for (const QString& f : files)
        QTest::newRow(qPrintable(QDir(scenarioRoot()).relativeFilePath(f))) << f;
}

void TestScenarioFiles::expectationsHold()
{
    QFETCH(QString, path);
    const Run run = runScenario(path, false);
    for (const manifest::Diagnostic& d : run.problems)
        qWarning("%s", d.toString().c_str());
    QVERIFY2(run.ran, "the scenario did not run");
    QVERIFY2(!run.expectations.empty(), "a scenario without expectations checks nothing");
    bool allPassed = true;
    for (const lesson::ExpectationResult& e : run.expectations)
        allPassed = allPassed && e.passed;
    if (!allPassed)
        qWarning("transcript:\n%s", run.transcript.c_str());
    QVERIFY(allPassed);
}

void TestScenarioFiles::sameSeedSameBytes()
{
    QFETCH(QString, path);
    const Run first = runScenario(path, true);
    const Run second = runScenario(path, true);
    QVERIFY(first.ran);
    QVERIFY(first.json.size() > 100);
    QVERIFY2(first.json == second.json, "two runs of the same scenario and seed differ");
    QCOMPARE(first.transcript, second.transcript);
}

// The kubelet parks steady probes (ClusterConfig::parkSteadyProbes): the world must come out the same as when
// every tick runs, byte for byte.
void TestScenarioFiles::parkedProbesChangeNothing()
{
    QFETCH(QString, path);
    const Run parked = runScenario(path, true, true);
    const Run ticking = runScenario(path, true, false);
    QVERIFY(parked.ran && ticking.ran);
    QCOMPARE(parked.transcript, ticking.transcript);
    QCOMPARE(parked.probeTraces, ticking.probeTraces);
    QVERIFY2(parked.json == ticking.json, "the --json output differs with parked probes");
}

QTEST_GUILESS_MAIN(TestScenarioFiles)
#include "tst_scenariofiles.moc"
