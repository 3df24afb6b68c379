#include "kubectlsession.h"

using namespace podlab;
using namespace podlab::testing;

namespace {

// The pod every row starts from; rows change it by plain text replacement.
const char* const kWeb = R"(apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    app: web
    tier: front
spec:
  containers:
  - name: app
    image: nginx:1.25
    env:
    - name: A
      value: "1"
)";

const char* const kDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  replicas: 1
  selector:
    matchLabels: {app: shop}
  template:
    metadata:
      labels: {app: shop}
    spec:
      containers:
      - name: app
        image: nginx:1.25
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
        ports:
        - containerPort: 80
)";

QByteArray replaced(const char* base, const QString& from, const QString& to)
{
    return QString::fromUtf8(base).replace(from, to).toUtf8();
}

} // namespace

class TestApply : public QObject {
    Q_OBJECT

private slots:
    void reapply_data();
    void reapply();
    void missingAnnotationWarns();
    void lastAppliedConfiguration();
};

void TestApply::reapply_data()
{
    QTest::addColumn<QByteArray>("first");
    QTest::addColumn<QByteArray>("second");
    QTest::addColumn<QString>("get");       // what to look at afterwards
    QTest::addColumn<QString>("out");       // the second apply's stdout
    QTest::addColumn<QString>("err");       // the start of its stderr
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QStringList>("contains");
    QTest::addColumn<QStringList>("notContains");

    const QByteArray web(kWeb);
    QTest::newRow("the same file again changes nothing")
        << web << web << "get pod web -o yaml" << "pod/web unchanged\n" << "" << 0
        << QStringList{"nodeName: node-"} << QStringList{};
    QTest::newRow("a new image: configured, with what the server and the scheduler set kept")
        << web << replaced(kWeb, "nginx:1.25", "nginx:1.26") << "get pod web -o yaml" << "pod/web configured\n"
        << "" << 0
        << QStringList{"image: nginx:1.26", "  serviceAccountName: default\n", "  nodeName: node-",
                       "    key: node.kubernetes.io/not-ready\n",
                       "imagePullPolicy: IfNotPresent", "terminationMessagePath: /dev/termination-log",
                       "  priority: 0\n"}
        << QStringList{};
    QTest::newRow("a label dropped from the file is deleted, the others stay")
        << web << replaced(kWeb, "    tier: front\n", "") << "get pod web --show-labels" << "pod/web configured\n"
        << "" << 0 << QStringList{"app=web"} << QStringList{"tier=front"};
    QTest::newRow("another container env is not a change a pod allows")
        << web << replaced(kWeb, "value: \"1\"", "value: \"2\"") << "get pod web -o yaml" << ""
        << "The Pod \"web\" is invalid: spec: Forbidden: pod updates may not change fields other than "
           "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
           "`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` "
           "(allow it to be set to 1 if it was previously negative)\n  core.PodSpec{\n"
        << 1 << QStringList{"value: \"1\""} << QStringList{"value: \"2\""};
    QTest::newRow("scheduling gates cannot be added back")
        << web << replaced(kWeb, "spec:\n", "spec:\n  schedulingGates:\n  - name: example.com/foo\n")
        << "get pod web -o yaml" << ""
        << "The Pod \"web\" is invalid: spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found "
           "new scheduling gate 'example.com/foo'\n"
        << 1 << QStringList{} << QStringList{"schedulingGates"};
    QTest::newRow("an activeDeadlineSeconds may be set")
        << web << replaced(kWeb, "spec:\n", "spec:\n  activeDeadlineSeconds: 600\n") << "get pod web -o yaml"
        << "pod/web configured\n" << "" << 0 << QStringList{"activeDeadlineSeconds: 600"} << QStringList{};
    QTest::newRow("tolerations in the file replace admission's, which the API server refuses")
        << replaced(kWeb, "spec:\n", "spec:\n  tolerations:\n  - {key: k, operator: Exists}\n")
        << replaced(kWeb, "spec:\n", "spec:\n  tolerations:\n  - {key: k, operator: Exists}\n  - {key: j, operator: Exists}\n")
        << "get pod web -o yaml" << ""
        << "The Pod \"web\" is invalid: spec.tolerations: Forbidden: existing toleration can not be modified except "
           "its tolerationSeconds\n"
        << 1 << QStringList{"node.kubernetes.io/unreachable"} << QStringList{"key: j"};
    QTest::newRow("deployment: an env entry dropped from the file goes, by name")
        << QByteArray(kDeployment) << replaced(kDeployment, "        - {name: B, value: \"2\"}\n", "")
        << "get deployment shop -o yaml" << "deployment.apps/shop configured\n" << "" << 0
        << QStringList{"name: A"} << QStringList{"name: B"};
    QTest::newRow("deployment: a port added, the defaulted protocol of the other kept")
        << QByteArray(kDeployment) << replaced(kDeployment, "        - containerPort: 80\n",
                                               "        - containerPort: 80\n        - containerPort: 443\n")
        << "get deployment shop -o yaml" << "deployment.apps/shop configured\n" << "" << 0
        << QStringList{"- containerPort: 80\n          protocol: TCP\n", "- containerPort: 443\n"} << QStringList{};
}

void TestApply::reapply()
{
    QFETCH(QByteArray, first);
    QFETCH(QByteArray, second);
    QFETCH(QString, get);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, exitCode);
    QFETCH(QStringList, contains);
    QFETCH(QStringList, notContains);

    KubectlSession k;
    k.write("first.yaml", first);
    k.write("second.yaml", second);
    QCOMPARE(k.run("apply -f first.yaml").exitCode, 0);
    k.wait(5);
    const auto r = k.run("apply -f second.yaml");
    QCOMPARE(QString::fromStdString(r.out), out);
    QVERIFY2(QString::fromStdString(r.err).startsWith(err), r.err.c_str());
    QCOMPARE(r.exitCode, exitCode);
    const QString shown = QString::fromStdString(k.run(get).out);
    for (const QString& s : contains)
        QVERIFY2(shown.contains(s), qPrintable(s + " not in:\n" + shown));
    for (const QString& s : notContains)
        QVERIFY2(!shown.contains(s), qPrintable(s + " in:\n" + shown));
}

void TestApply::missingAnnotationWarns()
{
    KubectlSession k;
    k.write("web.yaml", kWeb);
    QCOMPARE(k.run("create -f web.yaml").exitCode, 0);
    const auto r = k.run("apply -f web.yaml");
    QCOMPARE(QString::fromStdString(r.err),
             QString("Warning: resource pods/web is missing the kubectl.kubernetes.io/last-applied-configuration "
                     "annotation which is required by kubectl apply. kubectl apply should only be used on resources "
                     "created declaratively by either kubectl create --save-config or kubectl apply. The missing "
                     "annotation will be patched automatically.\n"));
    QCOMPARE(QString::fromStdString(r.out), QString("pod/web configured\n"));
    QVERIFY(k.run("get pod web -o yaml").out.find("last-applied-configuration") != std::string::npos);
}

void TestApply::lastAppliedConfiguration()
{
    // The file's own fields as compact JSON with sorted keys, the namespace added, and the annotations map
    // kubectl empties of its own annotation before encoding.
    KubectlSession k;
    k.write("web.yaml", kWeb);
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    const auto r = k.run("get pod web -o \"jsonpath={.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']}\"");
    QCOMPARE(QString::fromStdString(r.out),
             QString("{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"annotations\":{},\"labels\":{\"app\":\"web\","
                     "\"tier\":\"front\"},\"name\":\"web\",\"namespace\":\"default\"},\"spec\":{\"containers\":[{\"env\":"
                     "[{\"name\":\"A\",\"value\":\"1\"}],\"image\":\"nginx:1.25\",\"name\":\"app\"}]}}\n"));
}

QTEST_APPLESS_MAIN(TestApply)
#include "tst_apply.moc"
