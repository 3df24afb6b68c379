#include "lesson/scenario.h"
#include "lesson/scenariorunner.h"

#include <QTest>

using namespace podlab;
using lesson::Duration;
using lesson::readScenario;

class TestScenario : public QObject {
    Q_OBJECT

private slots:
    void durations_data();
    void durations();
    void readsTheIssueExample();
    void nodesAsManifests();
    void problemsArePositioned_data();
    void problemsArePositioned();
    void recognisesScenarios();
};

void TestScenario::durations_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("millis");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("seconds") << "40s" << qint64(40'000) << "40s";
    QTest::newRow("minutes and seconds") << "1m30s" << qint64(90'000) << "1m30s";
    QTest::newRow("milliseconds") << "500ms" << qint64(500) << "500ms";
    QTest::newRow("hours") << "2h" << qint64(7'200'000) << "2h0m0s";
    QTest::newRow("fraction") << "1.5s" << qint64(1500) << "1.5s";
    QTest::newRow("zero") << "0" << qint64(0) << "0s";
}

void TestScenario::durations()
{
    QFETCH(QString, text);
    QFETCH(qint64, millis);
    QFETCH(QString, canonical);
    const auto d = Duration::parse(text.toStdString());
    QVERIFY(d);
    QCOMPARE(qint64(d->millis), millis);
    QCOMPARE(QString::fromStdString(d->toString()), canonical);
    QVERIFY(!Duration::parse("40"));
    QVERIFY(!Duration::parse("forty seconds"));
}

void TestScenario::readsTheIssueExample()
{
    const auto r = readScenario(R"(kind: Scenario
seed: 1
nodes: 3
steps:
- kubectl: apply -f exec-liveness.yaml
- wait: 40s
- kubectl: exec liveness-exec -- rm -f /tmp/healthy
- node: node-2
  state: NotReady
- snapshot: after-failure
- expect:
    pod: liveness-exec
    status: Running
    restarts: 1
    events:
    - {reason: Killing, message: failed liveness probe}
    within: 30s
)",
                                "s.yaml");
    QVERIFY2(r.scenario, r.diagnostics.empty() ? "" : r.diagnostics[0].toString().c_str());
    const lesson::Scenario& s = *r.scenario;
    QCOMPARE(s.seed, int64_t(1));
    QCOMPARE(s.nodes.count, 3);
    QCOMPARE(s.steps.size(), size_t(6));
    QCOMPARE(s.steps[0].kubectl, std::string("apply -f exec-liveness.yaml"));
    QCOMPARE(s.steps[0].line, 5);
    QCOMPARE(s.steps[1].wait->millis, int64_t(40'000));
    QCOMPARE(s.steps[3].node, std::string("node-2"));
    QCOMPARE(s.steps[3].state, std::string("NotReady"));
    QCOMPARE(s.steps[4].snapshot, std::string("after-failure"));
    const lesson::Expectation& e = *s.steps[5].expect;
    QCOMPARE(e.pod, std::string("liveness-exec"));
    QCOMPARE(*e.restarts, 1);
    QCOMPARE(e.events.at(0).reason, std::string("Killing"));
    QCOMPARE(e.within->millis, int64_t(30'000));
}

void TestScenario::nodesAsManifests()
{
    const auto r = readScenario(R"(kind: Scenario
nodes:
- apiVersion: v1
  kind: Node
  metadata: {name: big, labels: {disktype: ssd}}
  status:
    capacity: {cpu: "16", memory: 64Gi, pods: "110"}
- apiVersion: v1
  kind: Node
  metadata: {name: small}
  spec:
    taints: [{key: dedicated, value: gpu, effect: NoSchedule}]
steps: []
)",
                                "s.yaml");
    QVERIFY2(r.scenario, r.diagnostics.empty() ? "" : r.diagnostics[0].toString().c_str());
    QCOMPARE(r.scenario->nodes.count, 2);
    const api::Node& big = r.scenario->nodes.nodes[0];
    QCOMPARE(big.metadata.labels.at("disktype"), std::string("ssd"));
    QCOMPARE(big.status.allocatable.at("cpu"), *api::Quantity::parse("16")); // defaulted from capacity
    QCOMPARE(r.scenario->nodes.nodes[1].spec.taints.at(0).effect, std::string("NoSchedule"));

    // Each node keeps an address of its own and its own name as Hostname, whatever its status leaves out.
    const auto cluster = lesson::ScenarioRunner::buildCluster(*r.scenario, {}, nullptr);
    QVERIFY(cluster);
    const auto addresses = [&](const char* name) { return cluster->store().get<api::Node>("", name)->status.addresses; };
    QCOMPARE(addresses("big"), (std::vector<api::NodeAddress>{{"InternalIP", "172.18.0.2"}, {"Hostname", "big"}}));
    QCOMPARE(addresses("small"), (std::vector<api::NodeAddress>{{"InternalIP", "172.18.0.3"}, {"Hostname", "small"}}));
}

void TestScenario::problemsArePositioned_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("expected");
    QTest::newRow("misspelt step") << "kind: Scenario\nsteps:\n- kubeclt: get pods\n"
                                   << "s.yaml:3:3: error: steps[0].kubeclt: unknown field \"kubeclt\", did you mean "
                                      "\"kubectl\"?";
    QTest::newRow("duration without a unit") << "kind: Scenario\nsteps:\n- wait: 40\n"
                                             << "s.yaml:3:9: error: steps[0].wait: Invalid value: 40: a duration needs "
                                                "a unit, for example \"40s\"";
    QTest::newRow("two actions in one step")
        << "kind: Scenario\nsteps:\n- wait: 1s\n  kubectl: get pods\n"
        << "s.yaml:3:3: error: steps[0]: Invalid value: a step does one thing; split this one into several steps";
    QTest::newRow("an editor for a command that opens none")
        << "kind: Scenario\nsteps:\n- kubectl: get pods\n  editor: {replace: {a: b}}\n"
        << "s.yaml:4:3: error: steps[0].editor: Forbidden: editor goes with kubectl: edit TYPE NAME";
    QTest::newRow("an editor that does nothing")
        << "kind: Scenario\nsteps:\n- kubectl: edit cm x\n  editor: {replace: {}}\n"
        << "s.yaml:4:12: error: steps[0].editor.replace: Required value: the text to find and what to put instead";
    QTest::newRow("node without state") << "kind: Scenario\nsteps:\n- node: node-1\n"
                                        << "s.yaml:3:3: error: steps[0].state: Required value: node: NAME needs "
                                           "state: NotReady or Ready";
    QTest::newRow("not a scenario") << "kind: Pod\nsteps: []\n"
                                    << "s.yaml:1:1: error: kind: Unsupported value: \"Pod\": supported values: "
                                       "\"Scenario\"";
    QTest::newRow("output without a command")
        << "kind: Scenario\nsteps:\n- expect:\n    pod: web\n    contains: [Running]\n"
        << "s.yaml:3:3: error: steps[0].expect: Forbidden: output, contains, notContains and exitCode check a "
           "kubectl command: add kubectl: COMMAND";
    QTest::newRow("a pod's key for an object")
        << "kind: Scenario\nsteps:\n- expect:\n    object: namespace/demo\n    status: Active\n"
        << "s.yaml:5:5: error: steps[0].expect.status: Forbidden: status is checked for a pod or node, not for an "
           "object: KIND/NAME";
    QTest::newRow("a pod's key for a node") << "kind: Scenario\nsteps:\n- expect:\n    node: node-1\n    restarts: 0\n"
                                            << "s.yaml:5:5: error: steps[0].expect.restarts: Forbidden: restarts is "
                                               "checked for a pod, not for a node";
    QTest::newRow("an object's key for a command")
        << "kind: Scenario\nsteps:\n- expect:\n    kubectl: get pods\n    phase: Running\n"
        << "s.yaml:3:3: error: steps[0].expect: Required value: these keys check an object: add pod, node or object";
}

void TestScenario::problemsArePositioned()
{
    QFETCH(QString, yaml);
    QFETCH(QString, expected);
    const auto r = readScenario(yaml.toStdString(), "s.yaml");
    QVERIFY(!r.scenario);
    QVERIFY(!r.diagnostics.empty());
    QCOMPARE(QString::fromStdString(r.diagnostics.front().toString()), expected);
}

void TestScenario::recognisesScenarios()
{
    QVERIFY(lesson::looksLikeScenario("kind: Scenario\nsteps: []\n"));
    QVERIFY(!lesson::looksLikeScenario("apiVersion: v1\nkind: Pod\n"));
    QVERIFY(!lesson::looksLikeScenario("{{{ not yaml"));
}

QTEST_APPLESS_MAIN(TestScenario)
#include "tst_scenario.moc"
