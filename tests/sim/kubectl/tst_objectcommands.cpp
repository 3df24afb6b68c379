#include "kubectlsession.h"

using namespace podlab;
using namespace podlab::testing;

// label, annotate, taint, cordon/uncordon, create namespace, top and the -o jsonpath / custom-columns
// printers, each row a few commands on a fresh cluster with one running pod; the last one is checked.
class TestObjectCommands : public QObject {
    Q_OBJECT

private slots:
    void commands_data();
    void commands();
};

void TestObjectCommands::commands_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("exitCode");

    const QStringList none;
    QTest::newRow("label") << none << "label pod web tier=front" << "pod/web labeled\n" << "" << 0;
    QTest::newRow("label type/name") << none << "label pod/web tier=front" << "pod/web labeled\n" << "" << 0;
    QTest::newRow("label without --overwrite") << none << "label pod web app=x" << ""
                                               << "error: 'app' already has a value (web), and --overwrite is false\n" << 1;
    QTest::newRow("label --overwrite") << none << "label pod web app=x --overwrite" << "pod/web labeled\n" << "" << 0;
    QTest::newRow("label removed") << none << "label pod web app-" << "pod/web unlabeled\n" << "" << 0;
    QTest::newRow("label removed that is not there")
        << none << "label pod web nope-" << "label \"nope\" not found.\npod/web not labeled\n" << "" << 0;
    QTest::newRow("label shows in get") << QStringList{"label pod web tier=front"} << "get pod web --show-labels --no-headers"
                                        << "web   1/1   Running   0     10s   app=web,tier=front\n" << "" << 0;
    QTest::newRow("label a node") << none << "label node node-3 disktype=ssd" << "node/node-3 labeled\n" << "" << 0;
    QTest::newRow("label needs an edit") << none << "label pod web" << ""
                                         << "error: at least one label update is required\n" << 1;
    QTest::newRow("label spec") << none << "label pod web a=b=c" << "" << "error: invalid label spec: a=b=c\n" << 1;
    QTest::newRow("label set and removed") << none << "label pod web a=b a-" << ""
                                           << "error: can not both modify and remove a label in the same command\n" << 1;
    QTest::newRow("annotate") << none << "annotate pod web note=hi" << "pod/web annotated\n" << "" << 0;
    QTest::newRow("annotate again with another value")
        << QStringList{"annotate pod web note=hi"} << "annotate pod web note=ho" << ""
        << "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (hi)\n"
        << 1;
    QTest::newRow("annotate again with the same value")
        << QStringList{"annotate pod web note=hi"} << "annotate pod web note=hi" << "pod/web annotated\n" << "" << 0;
    QTest::newRow("taint") << none << "taint nodes node-1 dedicated=gpu:NoSchedule" << "node/node-1 tainted\n" << "" << 0;
    QTest::newRow("taint twice") << QStringList{"taint nodes node-1 dedicated=gpu:NoSchedule"}
                                 << "taint nodes node-1 dedicated=cpu:NoSchedule" << ""
                                 << "error: node node-1 already has dedicated taint(s) with same effect(s) and "
                                    "--overwrite is false\n"
                                 << 1;
    QTest::newRow("taint --overwrite") << QStringList{"taint nodes node-1 dedicated=gpu:NoSchedule"}
                                       << "taint nodes node-1 dedicated=cpu:NoSchedule --overwrite"
                                       << "node/node-1 modified\n" << "" << 0;
    QTest::newRow("untaint by key and effect") << QStringList{"taint nodes node-1 dedicated=gpu:NoSchedule"}
                                               << "taint nodes node-1 dedicated:NoSchedule-" << "node/node-1 untainted\n"
                                               << "" << 0;
    QTest::newRow("untaint every effect of a key")
        << QStringList{"taint nodes node-1 k=v:NoSchedule", "taint nodes node-1 k=v:NoExecute"}
        << "taint nodes node-1 k-" << "node/node-1 untainted\n" << "" << 0;
    QTest::newRow("untaint what is not there") << none << "taint nodes node-1 dedicated:NoSchedule-" << ""
                                               << "error: taint \"dedicated:NoSchedule\" not found\n" << 1;
    QTest::newRow("taint effect") << none << "taint nodes node-1 k=v:Sometimes" << ""
                                  << "error: invalid taint effect: Sometimes, unsupported taint effect\n" << 1;
    QTest::newRow("taint shows in describe") << QStringList{"taint nodes node-1 dedicated=gpu:NoSchedule"}
                                             << "get node node-1 -o jsonpath={.spec.taints}"
                                             << "[{\"effect\":\"NoSchedule\",\"key\":\"dedicated\",\"value\":\"gpu\"}]"
                                             << "" << 0;
    QTest::newRow("cordon") << none << "cordon node-2" << "node/node-2 cordoned\n" << "" << 0;
    QTest::newRow("cordon twice") << QStringList{"cordon node-2"} << "cordon node-2" << "node/node-2 already cordoned\n"
                                  << "" << 0;
    QTest::newRow("uncordon") << QStringList{"cordon node-2"} << "uncordon node-2" << "node/node-2 uncordoned\n" << ""
                              << 0;
    QTest::newRow("cordoned node") << QStringList{"cordon node-2"} << "get node node-2 -o jsonpath={.spec.unschedulable}"
                                   << "true" << "" << 0;
    QTest::newRow("create namespace") << none << "create namespace shop" << "namespace/shop created\n" << "" << 0;
    QTest::newRow("create namespace twice") << QStringList{"create namespace shop"} << "create ns shop" << ""
                                            << "Error from server (AlreadyExists): namespaces \"shop\" already exists\n"
                                            << 1;
    QTest::newRow("create namespace without a name")
        << none << "create namespace" << ""
        << "error: exactly one NAME is required, got 0\nSee 'kubectl create namespace -h' for help and examples\n" << 1;
    QTest::newRow("jsonpath over a list") << none << "get pods -o jsonpath={.items[*].metadata.name}" << "web" << "" << 0;
    QTest::newRow("jsonpath range")
        << none << "get pods -o 'jsonpath={range .items[*]}{.metadata.name}{\"\\t\"}{.status.phase}{\"\\n\"}{end}'"
        << "web\tRunning\n" << "" << 0;
    QTest::newRow("jsonpath filter")
        << none << "get pod web -o 'jsonpath={.status.conditions[?(@.type==\"Ready\")].status}'" << "True" << "" << 0;
    QTest::newRow("jsonpath map") << none << "get pod web -o jsonpath={.metadata.labels}" << "{\"app\":\"web\"}" << ""
                                  << 0;
    QTest::newRow("jsonpath missing key") << none << "get pod web -o jsonpath={.spec.nothing}" << "" << "" << 0;
    QTest::newRow("custom-columns")
        << none << "get pods -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels,GATES:.spec.schedulingGates"
        << "NAME   LABELS         GATES\nweb    map[app:web]   <none>\n" << "" << 0;
}

void TestObjectCommands::commands()
{
    QFETCH(QStringList, before);
    QFETCH(QString, command);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, exitCode);
    KubectlSession k;
    k.write("web.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: web}\nspec:\n"
                        "  containers: [{name: app, image: nginx}]\n");
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    k.wait(10);
    for (const QString& c : before)
        QCOMPARE(k.run(c).exitCode, 0);
    const auto r = k.run(command);
    QCOMPARE(QString::fromStdString(r.out), out);
    QCOMPARE(QString::fromStdString(r.err), err);
    QCOMPARE(r.exitCode, exitCode);
}

QTEST_APPLESS_MAIN(TestObjectCommands)
#include "tst_objectcommands.moc"
