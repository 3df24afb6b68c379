#include "kubectlsession.h"

#include <QRegularExpression>

using namespace podlab;
using namespace podlab::testing;

// kubectl top reads the runtime's usage of each running container through the pod's kubelet.
class TestTop : public QObject {
    Q_OBJECT

private slots:
    void layout_data();
    void layout();
};

void TestTop::layout_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("pattern"); // the whole output
    QTest::newRow("pods") << "top pod"
                          << "NAME   CPU\\(cores\\)   MEMORY\\(bytes\\)   \nweb    \\d+m +\\d+Mi +\n";
    QTest::newRow("pods, all namespaces")
        << "top pod -A" << "NAMESPACE   NAME   CPU\\(cores\\)   MEMORY\\(bytes\\)   \ndefault     web    \\d+m +\\d+Mi +\n";
    QTest::newRow("nodes") << "top node"
                           << "NAME     CPU\\(cores\\)   CPU\\(%\\) +MEMORY\\(bytes\\)   MEMORY\\(%\\)   \n"
                              "(node-\\d   \\d+m +\\d+% +\\d+Mi +\\d+% +\n){2}"
                              "node-3   <unknown> +<unknown> +<unknown> +<unknown> +\n";
    QTest::newRow("a node not reporting") << "top node node-3"
                                          << "NAME     CPU\\(cores\\)   CPU\\(%\\)      MEMORY\\(bytes\\)   MEMORY\\(%\\)   \n"
                                             "node-3   <unknown>    <unknown>   <unknown>       <unknown>   \n";
}

void TestTop::layout()
{
    QFETCH(QString, command);
    QFETCH(QString, pattern);
    KubectlSession k;
    k.write("web.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web}\nspec:\n  containers: [{name: app, image: nginx}]\n");
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    k.wait(10);
    k.cluster().setNodeReporting("node-3", false);
    const auto r = k.run(command);
    QCOMPARE(r.exitCode, 0);
    const QString out = QString::fromStdString(r.out);
    QVERIFY2(QRegularExpression("^" + pattern + "$").match(out).hasMatch(), qPrintable(out));
}

QTEST_APPLESS_MAIN(TestTop)
#include "tst_top.moc"
