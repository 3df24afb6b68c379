#include "manifest/manifestreader.h"
#include "manifest/writer.h"
#include "sim/kubectl/strategicmerge.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim::kubectl;

namespace {

// A manifest's untyped form, as apply reads a file (a flow-style body after the Pod header).
api::Value pod(const char* body)
{
    if (std::string_view(body).empty())
        return {};
    manifest::ReadOptions options;
    options.applyDefaults = false;
    options.validate = false;
    options.keepSource = true;
    // The reader wants a name even when it does not validate.
    std::string named(body);
    if (const size_t at = named.find("metadata: {"); at != std::string::npos)
        named.insert(at + 11, "name: p, ");
    else
        named = "metadata: {name: p}, " + named;
    const std::string text = "{apiVersion: v1, kind: Pod, " + named + "}";
    const manifest::ReadResult r = manifest::readManifests(text, "test.yaml", options);
    if (r.objects.empty())
        qFatal("unreadable test manifest: %s", text.c_str());
    return r.objects.front().source;
}

QString json(const api::Value& v) { return QString::fromStdString(manifest::toCompactJson(v)); }

} // namespace

class TestStrategicMerge : public QObject {
    Q_OBJECT

private slots:
    void merge_data();
    void merge();
    void rules_data();
    void rules();
};

void TestStrategicMerge::merge_data()
{
    QTest::addColumn<QString>("original");
    QTest::addColumn<QString>("modified");
    QTest::addColumn<QString>("current");
    QTest::addColumn<QString>("expected");

    QTest::newRow("a field nobody applied is kept (scheduler, admission, defaults)")
        << "spec: {containers: [{name: a, image: x}]}"
        << "spec: {containers: [{name: a, image: v2}]}"
        << "spec: {nodeName: n1, serviceAccountName: default, containers: [{name: a, image: x, imagePullPolicy: Always}]}"
        << "spec: {nodeName: n1, serviceAccountName: default, containers: [{name: a, image: v2, imagePullPolicy: Always}]}";
    QTest::newRow("a field applied last time and gone from the file is deleted")
        << "metadata: {labels: {app: web, tier: front}}"
        << "metadata: {labels: {app: web}}"
        << "metadata: {labels: {app: web, tier: front, extra: live}}"
        << "metadata: {labels: {app: web, extra: live}}";
    QTest::newRow("without a last-applied annotation nothing is deleted")
        << ""
        << "metadata: {labels: {app: web}}"
        << "metadata: {labels: {app: web, tier: front}}"
        << "metadata: {labels: {app: web, tier: front}}";
    QTest::newRow("containers merge by name, env by name")
        << "spec: {containers: [{name: a, image: x, env: [{name: A, value: '1'}, {name: B, value: '2'}]}]}"
        << "spec: {containers: [{name: a, image: x, env: [{name: A, value: '3'}]}]}"
        << "spec: {containers: [{name: a, image: x, env: [{name: A, value: '1'}, {name: B, value: '2'}, {name: C, value: live}]}]}"
        << "spec: {containers: [{name: a, image: x, env: [{name: A, value: '3'}, {name: C, value: live}]}]}";
    QTest::newRow("a container removed from the file is removed, a new one added")
        << "spec: {containers: [{name: a, image: x}, {name: b, image: x}]}"
        << "spec: {containers: [{name: a, image: x}, {name: c, image: z}]}"
        << "spec: {containers: [{name: a, image: x}, {name: b, image: x}]}"
        << "spec: {containers: [{name: a, image: x}, {name: c, image: z}]}";
    QTest::newRow("volumes by name keep the one admission added")
        << "spec: {volumes: [{name: cache, emptyDir: {}}]}"
        << "spec: {volumes: [{name: cache, emptyDir: {medium: Memory}}]}"
        << "spec: {volumes: [{name: cache, emptyDir: {}}, {name: kube-api-access-x, projected: {defaultMode: 420}}]}"
        << "spec: {volumes: [{name: cache, emptyDir: {medium: Memory}}, {name: kube-api-access-x, projected: {defaultMode: 420}}]}";
    QTest::newRow("container ports by containerPort")
        << "spec: {containers: [{name: a, ports: [{containerPort: 80, name: http}]}]}"
        << "spec: {containers: [{name: a, ports: [{containerPort: 80}, {containerPort: 443}]}]}"
        << "spec: {containers: [{name: a, ports: [{containerPort: 80, name: http, protocol: TCP}]}]}"
        << "spec: {containers: [{name: a, ports: [{containerPort: 80, protocol: TCP}, {containerPort: 443}]}]}";
    QTest::newRow("tolerations have no merge key: the file's list replaces admission's")
        << "spec: {tolerations: [{key: k, operator: Exists}]}"
        << "spec: {tolerations: [{key: k, operator: Exists}]}"
        << "spec: {tolerations: [{key: k, operator: Exists}, {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 300}]}"
        << "spec: {tolerations: [{key: k, operator: Exists}]}";
    QTest::newRow("scheduling gates merge by name: a gate dropped from the file goes")
        << "spec: {schedulingGates: [{name: a}, {name: b}]}"
        << "spec: {schedulingGates: [{name: b}]}"
        << "spec: {schedulingGates: [{name: a}, {name: b}]}"
        << "spec: {schedulingGates: [{name: b}]}";
    QTest::newRow("an explicit null deletes")
        << "spec: {activeDeadlineSeconds: 30}"
        << "spec: {activeDeadlineSeconds: null}"
        << "spec: {activeDeadlineSeconds: 30, nodeName: n1}"
        << "spec: {nodeName: n1}";
    QTest::newRow("finalizers merge as a set")
        << "metadata: {finalizers: [a, b]}"
        << "metadata: {finalizers: [b, c]}"
        << "metadata: {finalizers: [a, b, live]}"
        << "metadata: {finalizers: [b, live, c]}";
}

void TestStrategicMerge::merge()
{
    QFETCH(QString, original);
    QFETCH(QString, modified);
    QFETCH(QString, current);
    QFETCH(QString, expected);
    const api::Value merged = threeWayMerge(pod(original.toUtf8().constData()), pod(modified.toUtf8().constData()),
                                            pod(current.toUtf8().constData()));
    QCOMPARE(json(merged), json(pod(expected.toUtf8().constData())));
}

void TestStrategicMerge::rules_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("parent");
    QTest::addColumn<QString>("field");
    QTest::addColumn<int>("strategy");
    QTest::addColumn<QString>("key");
    using S = ListMergeRule::Strategy;
    QTest::newRow("containers") << "Pod" << "spec" << "containers" << int(S::MergeByKey) << "name";
    QTest::newRow("initContainers") << "Pod" << "spec" << "initContainers" << int(S::MergeByKey) << "name";
    QTest::newRow("ephemeralContainers") << "Pod" << "spec" << "ephemeralContainers" << int(S::MergeByKey) << "name";
    QTest::newRow("volumes") << "Pod" << "spec" << "volumes" << int(S::MergeByKey) << "name";
    QTest::newRow("env") << "Pod" << "containers" << "env" << int(S::MergeByKey) << "name";
    QTest::newRow("container ports") << "Pod" << "containers" << "ports" << int(S::MergeByKey) << "containerPort";
    QTest::newRow("service ports") << "Service" << "spec" << "ports" << int(S::MergeByKey) << "port";
    QTest::newRow("volumeMounts") << "Pod" << "containers" << "volumeMounts" << int(S::MergeByKey) << "mountPath";
    QTest::newRow("imagePullSecrets") << "Pod" << "spec" << "imagePullSecrets" << int(S::MergeByKey) << "name";
    QTest::newRow("schedulingGates") << "Pod" << "spec" << "schedulingGates" << int(S::MergeByKey) << "name";
    QTest::newRow("tolerations") << "Pod" << "spec" << "tolerations" << int(S::Replace) << "";
    QTest::newRow("taints") << "Node" << "spec" << "taints" << int(S::Replace) << "";
    QTest::newRow("command") << "Pod" << "containers" << "command" << int(S::Replace) << "";
    QTest::newRow("envFrom") << "Pod" << "containers" << "envFrom" << int(S::Replace) << "";
}

void TestStrategicMerge::rules()
{
    QFETCH(QString, kind);
    QFETCH(QString, parent);
    QFETCH(QString, field);
    QFETCH(int, strategy);
    QFETCH(QString, key);
    const ListMergeRule rule = listMergeRule(kind.toStdString(), parent.toStdString(), field.toStdString());
    QCOMPARE(int(rule.strategy), strategy);
    QCOMPARE(QString::fromUtf8(rule.key.data(), qsizetype(rule.key.size())), key);
}

QTEST_APPLESS_MAIN(TestStrategicMerge)
#include "tst_strategicmerge.moc"
