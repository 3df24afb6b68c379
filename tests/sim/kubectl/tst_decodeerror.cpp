#include "kubectlsession.h"
#include "sim/kubectl/decodeerror.h"

using namespace podlab;
using namespace podlab::testing;

class TestDecodeError : public QObject {
    Q_OBJECT

private slots:
    void apply_data();
    void apply();
    void goFields_data();
    void goFields();
};

void TestDecodeError::apply_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");

    const QString prefix = "Error from server (BadRequest): error when creating \"bad.yaml\": Pod in version \"v1\" "
                           "cannot be handled as a Pod: ";
    QTest::newRow("a field spelled with the wrong case is unknown")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: a\n    image: x\n"
                      "    livenessProbe:\n      gRPC: {port: 2379}\n")
        << "" << prefix + "strict decoding error: unknown field \"spec.containers[0].livenessProbe.gRPC\"\n";
    QTest::newRow("several unknown fields, in key order")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p, lables: {a: b}}\nspec:\n  containers:\n"
                      "  - name: a\n    image: x\n    imagePullPolcy: Always\n  restartPolcy: Never\n")
        << "" << prefix + "strict decoding error: unknown field \"metadata.lables\", unknown field "
                 "\"spec.containers[0].imagePullPolcy\", unknown field \"spec.restartPolcy\"\n";
    QTest::newRow("a list where an object belongs")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: a, image: x}]\n"
                      "  affinity:\n    nodeAffinity:\n      requiredDuringSchedulingIgnoredDuringExecution:\n"
                      "      - weight: 1\n")
        << "" << prefix + "json: cannot unmarshal array into Go struct field NodeAffinity.spec.affinity.nodeAffinity."
                 "requiredDuringSchedulingIgnoredDuringExecution of type v1.NodeSelector\n";
    QTest::newRow("a string where a number belongs; the type error wins over unknown fields")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  bogus: 1\n  containers:\n  - name: a\n"
                      "    image: x\n    ports:\n    - containerPort: \"80\"\n")
        << "" << prefix + "json: cannot unmarshal string into Go struct field ContainerPort.spec.containers.ports."
                 "containerPort of type int32\n";
    QTest::newRow("an object where a list belongs")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: {name: a, image: x}\n")
        << "" << prefix + "json: cannot unmarshal object into Go struct field PodSpec.spec.containers of type "
                 "[]v1.Container\n";
    QTest::newRow("a Secret's data that is not base64")
        << QByteArray("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  password: hunter2\n") << ""
        << "Error from server (BadRequest): error when creating \"bad.yaml\": Secret in version \"v1\" cannot be "
           "handled as a Secret: illegal base64 data at input byte 4\n";
    QTest::newRow("bad base64 wins over an unknown field that comes first")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\naaa: 1\nbinaryData:\n  logo: i*==\n") << ""
        << "Error from server (BadRequest): error when creating \"bad.yaml\": ConfigMap in version \"v1\" cannot "
           "be handled as a ConfigMap: illegal base64 data at input byte 1\n";
    QTest::newRow("a good document before a bad one is still created")
        << QByteArray("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\n---\napiVersion: v1\nkind: Pod\n"
                      "metadata: {name: p}\nspec:\n  containers: [{name: a, image: x, bogus: 1}]\n")
        << "configmap/good created\n"
        << prefix + "strict decoding error: unknown field \"spec.containers[0].bogus\"\n";
}

void TestDecodeError::apply()
{
    QFETCH(QByteArray, manifest);
    QFETCH(QString, out);
    QFETCH(QString, err);
    KubectlSession k;
    k.write("bad.yaml", manifest);
    const auto r = k.run("apply -f bad.yaml");
    QCOMPARE(QString::fromStdString(r.out), out);
    QCOMPARE(QString::fromStdString(r.err), err);
    QCOMPARE(r.exitCode, 1);
    QCOMPARE(k.run("get pod p").exitCode, 1);
}

void TestDecodeError::goFields_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("structName");
    QTest::addColumn<QString>("type");
    QTest::newRow("spec") << "Pod" << "spec" << "Pod" << "v1.PodSpec";
    QTest::newRow("indices are dropped") << "Pod" << "spec.containers[1].env[0].value" << "EnvVar" << "string";
    QTest::newRow("int64") << "Pod" << "spec.terminationGracePeriodSeconds" << "PodSpec" << "int64";
    QTest::newRow("inlined volume source") << "Pod" << "spec.volumes[0].emptyDir" << "Volume" << "v1.EmptyDirVolumeSource";
    QTest::newRow("deployment template")
        << "Deployment" << "spec.template.spec.containers" << "PodSpec" << "[]v1.Container";
    QTest::newRow("unknown") << "Pod" << "spec.nonsense" << "" << "";
}

void TestDecodeError::goFields()
{
    QFETCH(QString, kind);
    QFETCH(QString, path);
    QFETCH(QString, structName);
    QFETCH(QString, type);
    const sim::kubectl::GoField f = sim::kubectl::goFieldOf(kind.toStdString(), path.toStdString());
    QCOMPARE(QString::fromStdString(f.structName), structName);
    QCOMPARE(QString::fromStdString(f.type), type);
}

QTEST_APPLESS_MAIN(TestDecodeError)
#include "tst_decodeerror.moc"
