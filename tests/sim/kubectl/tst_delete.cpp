#include "kubectlsession.h"

using namespace podlab;
using namespace podlab::testing;

class TestDelete : public QObject {
    Q_OBJECT

private slots:
    void output_data();
    void output();
};

void TestDelete::output_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");

    // kubectl 1.34 (the client `kubectl version` reports) names the namespace of a namespaced object.
    QTest::newRow("pod") << "delete pod web" << "pod \"web\" deleted from default namespace\n" << "";
    QTest::newRow("pod in another namespace")
        << "delete pod web -n shop" << "pod \"web\" deleted from shop namespace\n" << "";
    QTest::newRow("deployment")
        << "delete deployment shop" << "deployment.apps \"shop\" deleted from default namespace\n" << "";
    QTest::newRow("a namespace has none") << "delete namespace shop" << "namespace \"shop\" deleted\n" << "";
    QTest::newRow("a node has none") << "delete node node-3" << "node \"node-3\" deleted\n" << "";
    const QString warning = "Warning: Immediate deletion does not wait for confirmation that the running resource "
                            "has been terminated. The resource may continue to run on the cluster indefinitely.\n";
    QTest::newRow("--force") << "delete pod web --force" << "pod \"web\" force deleted from default namespace\n"
                             << warning;
    QTest::newRow("--force with a grace period is not forced")
        << "delete pod web --force --grace-period=5" << "pod \"web\" deleted from default namespace\n" << "";
    QTest::newRow("--grace-period=0 alone means 1")
        << "delete pod web --grace-period=0" << "pod \"web\" deleted from default namespace\n" << "";
    QTest::newRow("by file") << "delete -f web.yaml" << "pod \"web\" deleted from default namespace\n" << "";
}

void TestDelete::output()
{
    QFETCH(QString, command);
    QFETCH(QString, out);
    QFETCH(QString, err);
    KubectlSession k;
    k.write("web.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: a, image: nginx}]\n");
    k.write("shop.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: shop}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: shop}\n---\napiVersion: v1\nkind: Pod\n"
                         "metadata: {name: web, namespace: shop}\nspec:\n  containers: [{name: a, image: nginx}]\n---\n"
                         "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: shop}\nspec:\n  selector: {matchLabels: {a: b}}\n"
                         "  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: a, image: nginx}]\n");
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    const auto setup = k.run("apply -f shop.yaml");
    QVERIFY2(setup.exitCode == 0, setup.err.c_str());
    k.wait(5);
    const auto r = k.run(command);
    QCOMPARE(QString::fromStdString(r.out), out);
    QCOMPARE(QString::fromStdString(r.err), err);
    QCOMPARE(r.exitCode, 0);
}

QTEST_APPLESS_MAIN(TestDelete)
#include "tst_delete.moc"
