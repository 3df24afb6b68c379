#include "commandoutcome.h"
#include "kubectlsession.h"

using namespace podlab;
using namespace podlab::testing;

// Updates of ConfigMaps and Secrets through kubectl: what ValidateConfigMapUpdate and ValidateSecretUpdate
// refuse (the content of an immutable object, a Secret's type), what stays allowed (metadata; delete and
// create again), and a Secret's stringData folded into data. Each row applies `initial`, runs `before`,
// writes `changed` to changed.yaml and runs `command`; `query` then shows what the cluster holds.
class TestConfigUpdate : public QObject {
    Q_OBJECT

private slots:
    void update_data();
    void update();
};

namespace {

const QByteArray immutableConfig =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nimmutable: true\n"
    "data:\n  mode: fast\nbinaryData:\n  blob: AAE=\n";
const QByteArray mutableConfig =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n";
const QByteArray immutableSecret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\nimmutable: true\n"
                                   "data:\n  password: czNjcjN0\n";
const QString forbidden = "Forbidden: field is immutable when `immutable` is set";

// `manifest` with one line replaced.
QByteArray with(QByteArray manifest, const QByteArray& line, const QByteArray& replacement)
{
    return manifest.replace(line, replacement);
}

} // namespace

void TestConfigUpdate::update_data()
{
    QTest::addColumn<QByteArray>("initial");
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QByteArray>("changed");
    QTest::addColumn<QString>("command");
    addOutcomeColumns();

    const QStringList none;
    const QString apply = "apply -f changed.yaml";
    const QString configData = "get cm settings -o jsonpath={.data}";
    const QString secretData = "get secret creds -o jsonpath={.data}";
    QTest::newRow("an immutable ConfigMap's data changed")
        << immutableConfig << none << with(immutableConfig, "mode: fast", "mode: slow") << apply << ""
        << "The ConfigMap \"settings\" is invalid: data: " + forbidden + "\n"
        << 1 << configData << "{\"mode\":\"fast\"}";
    QTest::newRow("a key added") << immutableConfig << none
                                 << with(immutableConfig, "mode: fast", "mode: fast\n  extra: x") << apply
                                 << ""
                                 << "The ConfigMap \"settings\" is invalid: data: " + forbidden + "\n"
                                 << 1 << configData << "{\"mode\":\"fast\"}";
    QTest::newRow("binaryData changed")
        << immutableConfig << none << with(immutableConfig, "AAE=", "AAI=") << apply << ""
        << "The ConfigMap \"settings\" is invalid: binaryData: " + forbidden + "\n"
        << 1 << "get cm settings -o jsonpath={.binaryData}"
        << "{\"blob\":\"AAE=\"}";
    QTest::newRow("immutable left out")
        << immutableConfig << none << with(immutableConfig, "immutable: true\n", "") << apply << ""
        << "The ConfigMap \"settings\" is invalid: immutable: " + forbidden + "\n"
        << 1 << "get cm settings -o jsonpath={.immutable}"
        << "true";
    QTest::newRow("immutable false and the data changed: both causes")
        << immutableConfig << none
        << with(with(immutableConfig, "immutable: true", "immutable: false"), "mode: fast", "mode: slow")
        << apply << ""
        << "The ConfigMap \"settings\" is invalid: \n* immutable: " + forbidden + "\n* data: " + forbidden +
               "\n"
        << 1 << configData << "{\"mode\":\"fast\"}";
    QTest::newRow("a label added: metadata stays editable")
        << immutableConfig << none
        << with(immutableConfig, "  name: settings\n", "  name: settings\n  labels: {a: b}\n") << apply
        << "configmap/settings configured\n"
        << "" << 0 << "get cm settings -o jsonpath={.metadata.labels}"
        << "{\"a\":\"b\"}";
    QTest::newRow("kubectl label") << immutableConfig << none << QByteArray() << "label cm settings tier=web"
                                   << "configmap/settings labeled\n"
                                   << "" << 0 << "get cm settings -o jsonpath={.metadata.labels}"
                                   << "{\"tier\":\"web\"}";
    QTest::newRow("the same again") << immutableConfig << none << immutableConfig << apply
                                    << "configmap/settings unchanged\n"
                                    << "" << 0 << configData << "{\"mode\":\"fast\"}";
    QTest::newRow("a mutable ConfigMap made immutable, with new data")
        << mutableConfig << none << with(immutableConfig, "mode: fast", "mode: slow") << apply
        << "configmap/settings configured\n"
        << "" << 0 << "get cm settings -o jsonpath={.immutable}{.data}"
        << "true{\"mode\":\"slow\"}";
    QTest::newRow("deleted and created again")
        << immutableConfig << QStringList{"delete configmap settings"}
        << with(immutableConfig, "mode: fast", "mode: slow") << apply << "configmap/settings created\n"
        << "" << 0 << configData << "{\"mode\":\"slow\"}";
    QTest::newRow("an immutable Secret's data changed")
        << immutableSecret << none << with(immutableSecret, "czNjcjN0", "b3RoZXI=") << apply << ""
        << "The Secret \"creds\" is invalid: data: " + forbidden + "\n"
        << 1 << secretData << "{\"password\":\"czNjcjN0\"}";
    QTest::newRow("changed through stringData")
        << immutableSecret << none << immutableSecret + "stringData:\n  password: other\n"
        << apply << ""
        << "The Secret \"creds\" is invalid: data: " + forbidden + "\n"
        << 1 << secretData << "{\"password\":\"czNjcjN0\"}";
    QTest::newRow("stringData that says what data holds")
        << immutableSecret << none << immutableSecret + "stringData:\n  password: s3cr3t\n"
        << apply << "secret/creds configured\n"
        << "" << 0 << secretData << "{\"password\":\"czNjcjN0\"}";
    QTest::newRow("an immutable Secret made mutable")
        << immutableSecret << none << with(immutableSecret, "immutable: true", "immutable: false") << apply
        << ""
        << "The Secret \"creds\" is invalid: immutable: " + forbidden + "\n"
        << 1 << "get secret creds -o jsonpath={.immutable}"
        << "true";
    QTest::newRow("an immutable Secret's labels")
        << immutableSecret << none << QByteArray() << "label secret creds tier=web"
        << "secret/creds labeled\n"
        << "" << 0 << "get secret creds -o jsonpath={.metadata.labels}"
        << "{\"tier\":\"web\"}";
    QTest::newRow("a Secret's type never changes")
        << with(immutableSecret, "immutable: true\n", "type: example.com/a\n") << none
        << with(immutableSecret, "immutable: true\n", "type: example.com/b\n") << apply << ""
        << "The Secret \"creds\" is invalid: type: Invalid value: \"example.com/b\": field is immutable\n"
        << 1 << "get secret creds -o jsonpath={.type}"
        << "example.com/a";
    QTest::newRow("stringData is folded into data on create")
        << QByteArray("apiVersion: v1\nkind: Secret\nmetadata:\n  name: creds\ndata:\n  user: cm9vdA==\n"
                      "stringData:\n  user: admin\n  password: s3cr3t\n")
        << none << QByteArray() << "get secret creds -o jsonpath={.data}{.stringData}"
        << "{\"password\":\"czNjcjN0\",\"user\":\"YWRtaW4=\"}"
        << "" << 0 << ""
        << "";
}

void TestConfigUpdate::update()
{
    QFETCH(QByteArray, initial);
    QFETCH(QStringList, before);
    QFETCH(QByteArray, changed);
    QFETCH(QString, command);
    KubectlSession k;
    k.write("initial.yaml", initial);
    QCOMPARE(k.run("apply -f initial.yaml").exitCode, 0);
    for (const QString& c : before)
        QCOMPARE(k.run(c).exitCode, 0);
    k.write("changed.yaml", changed);
    verifyOutcome(k.run(command), [&](const QString& q) { return k.run(q); });
}

QTEST_APPLESS_MAIN(TestConfigUpdate)
#include "tst_configupdate.moc"
