#include "fixtures.h"
#include "sim/kubectl/gettables.h"

#include <QFile>
#include <QTest>

using namespace podlab;
using namespace podlab::testing;
using namespace podlab::sim::kubectl;

namespace {

const api::Time kNow = at(60);

QString golden(const char* name)
{
    QFile f(QStringLiteral(PODLAB_SOURCE_DIR "/tests/sim/kubectl/golden/") + name);
    if (!f.open(QIODevice::ReadOnly))
        return QStringLiteral("<missing golden file %1>").arg(name);
    return QString::fromUtf8(f.readAll());
}

std::vector<api::Pod> clusterPods()
{
    api::Pod proxy = systemPod();
    proxy.status.containerStatuses = {running("kube-proxy", -863990)};
    return {livenessPod(), webPod(), pendingPod(), proxy};
}

QString print(const Table& table, PrintOptions options = {})
{
    return QString::fromStdString(printTable(table, options));
}

api::ObjectMeta meta(const char* name, int64_t created)
{
    api::ObjectMeta m;
    m.name = name;
    m.namespace_ = "default";
    m.creationTimestamp = at(created);
    return m;
}

} // namespace

class TestGetTables : public QObject {
    Q_OBJECT

private slots:
    void pods_data();
    void pods();
    void emptyListPrintsNothing();
    void nodes();
    void events();
    void configAndAccounts();
    void workloads();
    void services();
    void resourceNames();
};

void TestGetTables::pods_data()
{
    QTest::addColumn<int>("width");
    QTest::addColumn<bool>("noHeaders");
    QTest::addColumn<bool>("allNamespaces");
    QTest::addColumn<QString>("file");
    QTest::newRow("get pods") << int(OutputWidth::Normal) << false << false << "get-pods.txt";
    QTest::newRow("-o wide") << int(OutputWidth::Wide) << false << false << "get-pods-wide.txt";
    QTest::newRow("-A --show-labels")
        << int(OutputWidth::Normal) << false << true << "get-pods-all-namespaces-show-labels.txt";
    QTest::newRow("--no-headers") << int(OutputWidth::Normal) << true << false << "get-pods-no-headers.txt";
}

void TestGetTables::pods()
{
    QFETCH(int, width);
    QFETCH(bool, noHeaders);
    QFETCH(bool, allNamespaces);
    QFETCH(QString, file);
    PrintOptions options;
    options.width = OutputWidth(width);
    options.noHeaders = noHeaders;
    options.withNamespace = allNamespaces;
    options.showLabels = allNamespaces;
    QCOMPARE(print(podTable(clusterPods(), kNow), options), golden(file.toUtf8().constData()));
}

void TestGetTables::emptyListPrintsNothing()
{
    QCOMPARE(print(podTable({}, kNow)), QString());
    QCOMPARE(QString::fromStdString(noResourcesMessage(ListScope::Namespace, "default")),
             QString("No resources found in default namespace.\n"));
    QCOMPARE(QString::fromStdString(noResourcesMessage(ListScope::Cluster, {})),
             QString("No resources found\n"));
}

void TestGetTables::nodes()
{
    api::Node cp = node1();
    cp.metadata.name = "control-plane";
    cp.metadata.labels["node-role.kubernetes.io/control-plane"] = "";
    cp.status.addresses = {{"InternalIP", "192.168.49.1"}, {"ExternalIP", "203.0.113.10"}};
    api::Node notReady = node1();
    notReady.status.conditions.back().status = "Unknown";
    api::Node cordoned = node1();
    cordoned.metadata.name = "node-2";
    cordoned.metadata.labels["kubernetes.io/role"] = "worker";
    cordoned.spec.unschedulable = true;
    cordoned.status.nodeInfo.osImage.clear();
    api::Node fresh = node1();
    fresh.metadata.name = "node-3";
    fresh.status.conditions.clear();
    const Table t = nodeTable({cp, notReady, cordoned, fresh}, kNow);
    QCOMPARE(print(t), QString("NAME            STATUS                     ROLES           AGE   VERSION\n"
                               "control-plane   Ready                      control-plane   10d   v1.31.2\n"
                               "node-1          NotReady                   <none>          10d   v1.31.2\n"
                               "node-2          Ready,SchedulingDisabled   worker          10d   v1.31.2\n"
                               "node-3          Unknown                    <none>          10d   v1.31.2\n"));
    PrintOptions wide;
    wide.width = OutputWidth::Wide;
    const QStringList lines = print(t, wide).split('\n');
    QCOMPARE(
        lines[0],
        QString("NAME            STATUS                     ROLES           AGE   VERSION   INTERNAL-IP    "
                "EXTERNAL-IP    OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME"));
    QCOMPARE(
        lines[1],
        QString("control-plane   Ready                      control-plane   10d   v1.31.2   192.168.49.1   "
                "203.0.113.10   Debian GNU/Linux 12 (bookworm)   6.1.0-18-amd64   containerd://1.7.13"));
    QCOMPARE(
        lines[3],
        QString("node-2          Ready,SchedulingDisabled   worker          10d   v1.31.2   192.168.49.2   "
                "<none>         <unknown>                        6.1.0-18-amd64   containerd://1.7.13"));
}

void TestGetTables::events()
{
    // kubectl get events prints them as the API server lists them (by name), not by time.
    std::vector<api::Event> list = livenessEvents();
    list.push_back(pendingEvents().front());
    api::Event old;
    old.metadata = meta("web.17a6b1c2d3e4f000", -3600);
    old.involvedObject.kind = "Pod";
    old.involvedObject.name = "web";
    old.type = "Normal";
    old.reason = "Scheduled";
    old.message = "  Successfully assigned default/web to node-1\n";
    old.firstTimestamp = at(-3600); // no lastTimestamp, no count: first seen is last seen, once
    list.push_back(old);
    const QStringList lines = print(eventTable(list, kNow)).split('\n');
    QCOMPARE(lines[0], QString("LAST SEEN   TYPE      REASON             OBJECT              MESSAGE"));
    QCOMPARE(lines[1],
             QString("60s         Normal    Scheduled          pod/liveness-exec   Successfully assigned "
                     "default/liveness-exec to node-1"));
    QCOMPARE(
        lines[6],
        QString("13s         Warning   Unhealthy          pod/liveness-exec   Liveness probe failed: cat: "
                "can't open '/tmp/healthy': No such file or directory"));
    QCOMPARE(
        lines[8],
        QString("5s          Warning   FailedScheduling   pod/big             0/1 nodes are available: 1 "
                "Insufficient cpu. preemption: 0/1 nodes are available: 1 No preemption victims found "
                "for incoming pod."));
    QCOMPARE(lines[9],
             QString("61m         Normal    Scheduled          pod/web             Successfully assigned "
                     "default/web to node-1"));

    PrintOptions wide;
    wide.width = OutputWidth::Wide;
    const QStringList wideLines = print(eventTable(list, kNow), wide).split('\n');
    // MESSAGE is as wide as the longest message (the scheduler's, 129 characters) plus the padding.
    QCOMPARE(
        wideLines[0],
        QString("LAST SEEN   TYPE      REASON             OBJECT              SUBOBJECT                   "
                "SOURCE              ") +
            QString("MESSAGE").leftJustified(129 + 3) + "FIRST SEEN   COUNT   NAME");
    QVERIFY(wideLines[6].startsWith(
        "13s         Warning   Unhealthy          pod/liveness-exec   spec.containers{liveness}   "
        "kubelet, node-1     Liveness probe failed"));
    QVERIFY(wideLines[6].endsWith("23s          3       liveness-exec.17a6b1c2d3e4f506"));
    QVERIFY(wideLines[9].endsWith("61m          1       web.17a6b1c2d3e4f000"));
}

void TestGetTables::configAndAccounts()
{
    QCOMPARE(print(configMapTable({gameConfig()}, kNow)), QString("NAME        DATA   AGE\n"
                                                                  "game-demo   4      3m\n"));
    api::Secret token = dbSecret();
    token.metadata.name = "build-robot-token";
    token.type = "kubernetes.io/service-account-token";
    token.data = {{"ca.crt", {"x"}}, {"namespace", {"default"}}, {"token", {"t"}}};
    QCOMPARE(print(secretTable({dbSecret(), token}, kNow)),
             QString("NAME                TYPE                                  DATA   AGE\n"
                     "db-user-pass        Opaque                                2      6m\n"
                     "build-robot-token   kubernetes.io/service-account-token   3      6m\n"));
    QCOMPARE(print(serviceAccountTable({buildRobot()}, kNow)), QString("NAME          SECRETS   AGE\n"
                                                                       "build-robot   1         11m\n"));
    api::Namespace ns;
    ns.metadata = meta("default", -864000);
    ns.metadata.namespace_.clear();
    ns.status.phase = "Active";
    api::Namespace leaving = ns;
    leaving.metadata.name = "old";
    leaving.status.phase = "Terminating";
    QCOMPARE(print(namespaceTable({ns, leaving}, kNow)), QString("NAME      STATUS        AGE\n"
                                                                 "default   Active        10d\n"
                                                                 "old       Terminating   10d\n"));
}

void TestGetTables::workloads()
{
    api::Deployment d;
    d.metadata = meta("web", -3600);
    d.spec.replicas = 3;
    api::LabelSelector selector;
    selector.matchLabels = {{"app", "web"}};
    selector.matchExpressions = {{"tier", "In", {"front", "back"}}, {"canary", "DoesNotExist", {}}};
    d.spec.selector = selector;
    d.spec.template_.spec.containers = {container("nginx", "nginx:1.25"), container("log", "busybox:1.36")};
    d.status.readyReplicas = 2;
    d.status.updatedReplicas = 3;
    d.status.availableReplicas = 2;
    PrintOptions wide;
    wide.width = OutputWidth::Wide;
    QCOMPARE(
        print(deploymentTable({d}, kNow), wide),
        QString(
            "NAME   READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES                    SELECTOR\n"
            "web    2/3     3            2           61m   nginx,log    nginx:1.25,busybox:1.36   "
            "app=web,!canary,tier in (back,front)\n"));
    api::ReplicaSet rs;
    rs.metadata = meta("web-7d4b9c8f5", -3600);
    rs.spec.replicas = 3;
    rs.spec.template_.spec.containers = {container("nginx", "nginx:1.25")};
    rs.status.replicas = 3;
    rs.status.readyReplicas = 2;
    QCOMPARE(print(replicaSetTable({rs}, kNow), wide),
             QString("NAME            DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES       SELECTOR\n"
                     "web-7d4b9c8f5   3         3         2       61m   nginx        nginx:1.25   <none>\n"));
}

void TestGetTables::services()
{
    api::Service web;
    web.metadata = meta("web", -3600);
    web.spec.type = "ClusterIP";
    web.spec.clusterIP = "10.96.12.34";
    web.spec.clusterIPs = {"10.96.12.34"};
    web.spec.ports = {{"http", "TCP", {}, 80, api::IntOrString::fromInt(8080), 0}};
    web.spec.selector = {{"app", "web"}};
    api::Service node = web;
    node.metadata.name = "web-np";
    node.spec.type = "NodePort";
    node.spec.ports.push_back({"dns", "UDP", {}, 53, api::IntOrString::fromInt(53), 30053});
    node.spec.ports[0].nodePort = 30080;
    api::Service lb = web;
    lb.metadata.name = "web-lb";
    lb.spec.type = "LoadBalancer";
    api::Service external;
    external.metadata = meta("db", -60);
    external.spec.type = "ExternalName";
    external.spec.externalName = "db.example.com";
    QCOMPARE(
        print(serviceTable({web, node, lb, external}, kNow)),
        QString("NAME     TYPE           CLUSTER-IP    EXTERNAL-IP      PORT(S)                     AGE\n"
                "web      ClusterIP      10.96.12.34   <none>           80/TCP                      61m\n"
                "web-np   NodePort       10.96.12.34   <none>           80:30080/TCP,53:30053/UDP   61m\n"
                "web-lb   LoadBalancer   10.96.12.34   <pending>        80/TCP                      61m\n"
                "db       ExternalName   <none>        db.example.com   <none>                      2m\n"));

    api::Endpoints ep;
    ep.metadata = meta("web", -3600);
    api::EndpointSubset subset;
    for (const char* ip : {"10.244.1.7", "10.244.1.9", "10.244.2.3", "10.244.2.4"})
        subset.addresses.push_back({ip, {}, {}, {}});
    subset.ports = {{"http", 8080, "TCP", {}}};
    ep.subsets = {subset};
    api::Endpoints none;
    none.metadata = meta("idle", -3600);
    QCOMPARE(print(endpointsTable({ep, none}, kNow)),
             QString("NAME   ") + QString("ENDPOINTS").leftJustified(62) + "AGE\n" +
                 "web    10.244.1.7:8080,10.244.1.9:8080,10.244.2.3:8080 + 1 more...   61m\n" + "idle   " +
                 QString("<none>").leftJustified(62) + "61m\n");
}

void TestGetTables::resourceNames()
{
    QCOMPARE(resourceName(api::Object(livenessPod())), std::string("pod/liveness-exec"));
    api::Deployment d;
    d.metadata.name = "web";
    QCOMPARE(resourceName(api::Object(d)), std::string("deployment.apps/web"));
    QCOMPARE(resourceName(api::Object(node1())), std::string("node/node-1"));
}

QTEST_APPLESS_MAIN(TestGetTables)
#include "tst_gettables.moc"
