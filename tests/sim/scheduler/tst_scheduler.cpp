#include "sim/cluster/cluster.h"

#include "manifest/manifestreader.h"

#include <QTest>

#include <algorithm>

using namespace podlab;
using sim::Cluster;

namespace {

api::Object objectFrom(const std::string& yaml)
{
    const manifest::ReadResult r = manifest::readManifests(yaml, "test.yaml");
    if (!r.ok() || r.objects.size() != 1)
        qFatal("bad test manifest: %s", r.diagnostics.empty() ? "no object" : r.diagnostics[0].toString().c_str());
    return r.objects[0].object;
}

std::string podYaml(const std::string& name, const std::string& specExtra, const std::string& containerExtra = {})
{
    return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: " + name + "\nspec:\n" + specExtra +
           "  containers:\n  - name: c\n    image: nginx:1.25\n" + containerExtra;
}

sim::Ptr<api::Pod> pod(const Cluster& c, const std::string& name) { return c.store().get<api::Pod>("default", name); }

std::vector<api::Event> eventsFor(const Cluster& c, const api::Pod& p)
{
    std::vector<api::Event> out;
    for (uint64_t id : c.store().events().idsFor(p.metadata.uid))
        out.push_back(c.store().events().toApi(id));
    return out;
}

} // namespace

class TestScheduler : public QObject {
    Q_OBJECT

private slots:
    void bindsAndSaysSo();
    void explainsWhyAPodFitsNowhere_data();
    void explainsWhyAPodFitsNowhere();
    void nodeNameBypassesTheScheduler();
    void retriesWhenTheClusterChanges();
    void spreadsReplicasOfOneOwner();
    void schedulingGatesHoldThePod();
};

void TestScheduler::bindsAndSaysSo()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(podYaml("web", ""))).ok());
    c.runUntil(100);
    const auto p = pod(c, "web");
    QVERIFY(!p->spec.nodeName.empty());
    QCOMPARE(p->status.phase, std::string("Pending"));
    const auto scheduled = std::find_if(p->status.conditions.begin(), p->status.conditions.end(),
                                        [](const auto& c) { return c.type == "PodScheduled"; });
    QVERIFY(scheduled != p->status.conditions.end());
    QCOMPARE(scheduled->status, std::string("True"));
    // The kubelet has its own events by now (Pulling); the scheduler has exactly one.
    auto events = eventsFor(c, *p);
    std::erase_if(events, [](const auto& e) { return e.source.component != "default-scheduler"; });
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].reason, std::string("Scheduled"));
    QCOMPARE(events[0].message, "Successfully assigned default/web to " + p->spec.nodeName);
}

void TestScheduler::explainsWhyAPodFitsNowhere_data()
{
    QTest::addColumn<QString>("spec");
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("message");
    QTest::newRow("nodeSelector matches no node")
        << "  nodeSelector:\n    disktype: ssd\n" << ""
        << "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are "
           "available: 3 Preemption is not helpful for scheduling.";
    QTest::newRow("required affinity matches no node")
        << "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n        "
           "nodeSelectorTerms:\n        - matchExpressions:\n          - {key: topology.kubernetes.io/zone, operator: "
           "In, values: [antarctica-east1]}\n"
        << ""
        << "0/3 nodes are available: 3 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are "
           "available: 3 Preemption is not helpful for scheduling.";
    // Since 1.34 a request bigger than a whole node is unresolvable there: evicting pods cannot help.
    QTest::newRow("asks for more cpu than any node has")
        << "" << "    resources:\n      requests:\n        cpu: \"100\"\n"
        << "0/3 nodes are available: 3 Insufficient cpu. preemption: 0/3 nodes are available: 3 Preemption is not "
           "helpful for scheduling.";
    QTest::newRow("asks for 1000Gi of memory")
        << "" << "    resources:\n      requests:\n        memory: 1000Gi\n      limits:\n        memory: 1000Gi\n"
        << "0/3 nodes are available: 3 Insufficient memory. preemption: 0/3 nodes are available: 3 Preemption is not "
           "helpful for scheduling.";
}

void TestScheduler::explainsWhyAPodFitsNowhere()
{
    QFETCH(QString, spec);
    QFETCH(QString, container);
    QFETCH(QString, message);
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(podYaml("p", spec.toStdString(), container.toStdString()))).ok());
    c.runUntil(1000);
    const auto p = pod(c, "p");
    QVERIFY(p->spec.nodeName.empty());
    QCOMPARE(p->status.phase, std::string("Pending"));
    const api::PodCondition& scheduled = p->status.conditions.at(0);
    QCOMPARE(scheduled.status, std::string("False"));
    QCOMPARE(scheduled.reason, std::string("Unschedulable"));
    QCOMPARE(QString::fromStdString(scheduled.message), message);
    const auto events = eventsFor(c, *p);
    QCOMPARE(events.size(), size_t(1));
    QCOMPARE(events[0].type, std::string("Warning"));
    QCOMPARE(events[0].reason, std::string("FailedScheduling"));
    QCOMPARE(QString::fromStdString(events[0].message), message);
    QCOMPARE(QString::fromStdString(c.scheduler().lastFailure("default", "p")), message);
}

void TestScheduler::nodeNameBypassesTheScheduler()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(podYaml("pinned", "  nodeName: foo-node\n"))).ok());
    c.runUntil(10'000);
    const auto p = pod(c, "pinned");
    QCOMPARE(p->spec.nodeName, std::string("foo-node"));
    QVERIFY(eventsFor(c, *p).empty()); // no Scheduled event: the scheduler never saw it
}

void TestScheduler::retriesWhenTheClusterChanges()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(podYaml("nginx", "  nodeSelector:\n    disktype: ssd\n"))).ok());
    c.runUntil(5'000);
    QVERIFY(pod(c, "nginx")->spec.nodeName.empty());
    // kubectl label nodes node-2 disktype=ssd
    api::Node node2 = *c.store().get<api::Node>("", "node-2");
    node2.metadata.labels["disktype"] = "ssd";
    QVERIFY(c.update(node2).ok());
    c.runUntil(5'000 + 1'000); // one back-off step at most
    QCOMPARE(pod(c, "nginx")->spec.nodeName, std::string("node-2"));
}

void TestScheduler::spreadsReplicasOfOneOwner()
{
    // The pods of one ReplicaSet (a pod naming an owner that does not exist would be garbage-collected).
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom("apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 3\n"
                                "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n"
                                "        app: web\n    spec:\n      containers:\n      - name: c\n        image: nginx:1.25\n"))
                .ok());
    c.runUntil(100);
    std::set<std::string> nodes;
    for (const auto& p : c.store().list<api::Pod>("default"))
        nodes.insert(p->spec.nodeName);
    QCOMPARE(c.store().list<api::Pod>("default").size(), size_t(3));
    QCOMPARE(nodes.size(), size_t(3));
}

void TestScheduler::schedulingGatesHoldThePod()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(podYaml("test-pod", "  schedulingGates:\n  - name: example.com/foo\n"))).ok());
    c.runUntil(10'000);
    const auto p = pod(c, "test-pod");
    QVERIFY(p->spec.nodeName.empty());
    QCOMPARE(p->status.conditions.at(0).reason, std::string("SchedulingGated"));
    api::Pod ungated = *p;
    ungated.spec.schedulingGates.clear();
    QVERIFY(c.update(ungated).ok());
    c.runUntil(10'100);
    QVERIFY(!pod(c, "test-pod")->spec.nodeName.empty());
}

QTEST_APPLESS_MAIN(TestScheduler)
#include "tst_scheduler.moc"
