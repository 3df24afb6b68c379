#include "../status/podbuilders.h"
#include "sim/cluster/apiserver.h"

#include <QTest>

#include <functional>

using namespace podlab;
using namespace podlab::testing;
using podlab::sim::ApiError;
using podlab::sim::ApiServer;

// Turns the stored pod (`old`) and a copy of it (`updated`) into the case a row describes.
using Change = std::function<void(api::Pod& old, api::Pod& updated)>;
Q_DECLARE_METATYPE(Change)

namespace {

api::Pod stored()
{
    api::Pod p = pod("web");
    p.spec.containers = {container("app", "nginx:1.25")};
    p.spec.initContainers = {container("init", "busybox")};
    p.spec.tolerations = {api::Toleration{"node.kubernetes.io/not-ready", "Exists", "", "NoExecute", 300}};
    p.spec.terminationGracePeriodSeconds = 30;
    return p;
}

QStringList causes(const std::vector<ApiError::Cause>& list)
{
    QStringList out;
    for (const auto& c : list)
        out << QString::fromStdString(c.field + ": " + c.message);
    return out;
}

const QString kNotOther = "Forbidden: pod updates may not change fields other than `spec.containers[*].image`,"
                          "`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only "
                          "additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be "
                          "set to 1 if it was previously negative)\n";

} // namespace

class TestPodUpdateValidation : public QObject {
    Q_OBJECT

private slots:
    void update_data();
    void update();
    void invalidError();
};

void TestPodUpdateValidation::update_data()
{
    QTest::addColumn<Change>("change");
    QTest::addColumn<QStringList>("expected"); // each cause, or its beginning for the long spec message

    QTest::newRow("nothing") << Change([](api::Pod&, api::Pod&) {}) << QStringList{};
    QTest::newRow("labels and annotations") << Change([](api::Pod&, api::Pod& u) {
        u.metadata.labels["a"] = "b";
        u.metadata.annotations["c"] = "d";
    }) << QStringList{};
    QTest::newRow("container image") << Change([](api::Pod&, api::Pod& u) { u.spec.containers[0].image = "nginx:1.26"; })
                                     << QStringList{};
    QTest::newRow("init container image")
        << Change([](api::Pod&, api::Pod& u) { u.spec.initContainers[0].image = "busybox:1.36"; }) << QStringList{};
    QTest::newRow("image removed") << Change([](api::Pod&, api::Pod& u) { u.spec.containers[0].image.clear(); })
                                   << QStringList{"spec.containers[0].image: Required value"};
    QTest::newRow("image with spaces")
        << Change([](api::Pod&, api::Pod& u) { u.spec.containers[0].image = " nginx"; })
        << QStringList{"spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace"};
    QTest::newRow("container added") << Change([](api::Pod&, api::Pod& u) {
        u.spec.containers.push_back(container("b", "busybox"));
    }) << QStringList{"spec.containers: Forbidden: pod updates may not add or remove containers"};
    QTest::newRow("activeDeadlineSeconds set") << Change([](api::Pod&, api::Pod& u) { u.spec.activeDeadlineSeconds = 60; })
                                               << QStringList{};
    QTest::newRow("activeDeadlineSeconds shortened") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.activeDeadlineSeconds = 60;
        u.spec.activeDeadlineSeconds = 30;
    }) << QStringList{};
    QTest::newRow("activeDeadlineSeconds raised") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.activeDeadlineSeconds = 60;
        u.spec.activeDeadlineSeconds = 90;
    }) << QStringList{"spec.activeDeadlineSeconds: Invalid value: 90: must be less than or equal to previous value"};
    QTest::newRow("activeDeadlineSeconds removed") << Change([](api::Pod& o, api::Pod&) {
        o.spec.activeDeadlineSeconds = 60;
    }) << QStringList{"spec.activeDeadlineSeconds: Invalid value: null: must not update from a positive integer to nil value"};
    QTest::newRow("activeDeadlineSeconds too big")
        << Change([](api::Pod&, api::Pod& u) { u.spec.activeDeadlineSeconds = 3000000000; })
        << QStringList{"spec.activeDeadlineSeconds: Invalid value: 3000000000: must be between 0 and 2147483647, inclusive"};
    QTest::newRow("toleration added") << Change([](api::Pod&, api::Pod& u) {
        u.spec.tolerations.push_back(api::Toleration{"k", "Exists", "", "NoSchedule", {}});
    }) << QStringList{};
    QTest::newRow("tolerationSeconds changed") << Change([](api::Pod&, api::Pod& u) {
        u.spec.tolerations[0].tolerationSeconds = 10;
    }) << QStringList{};
    QTest::newRow("toleration removed") << Change([](api::Pod&, api::Pod& u) { u.spec.tolerations.clear(); })
                                        << QStringList{"spec.tolerations: Forbidden: existing toleration can not be "
                                                       "modified except its tolerationSeconds"};
    QTest::newRow("scheduling gate removed") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.schedulingGates = {{"example.com/foo"}, {"example.com/bar"}};
        u.spec.schedulingGates = {{"example.com/bar"}};
    }) << QStringList{};
    QTest::newRow("scheduling gates added") << Change([](api::Pod&, api::Pod& u) {
        u.spec.schedulingGates = {{"example.com/foo"}, {"example.com/bar"}};
    }) << QStringList{"spec.schedulingGates[0].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/foo'",
                      "spec.schedulingGates[1].name: Forbidden: only deletion is allowed, but found new scheduling gate 'example.com/bar'"};
    QTest::newRow("gated: node selector extended") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.schedulingGates = {{"g"}};
        u.spec.schedulingGates = {{"g"}};
        o.spec.nodeSelector = {{"a", "b"}};
        u.spec.nodeSelector = {{"a", "b"}, {"c", "d"}};
    }) << QStringList{};
    QTest::newRow("gated: node selector changed") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.schedulingGates = {{"g"}};
        u.spec.schedulingGates = {{"g"}};
        o.spec.nodeSelector = {{"a", "b"}};
        u.spec.nodeSelector = {{"a", "z"}, {"c", "d"}};
    }) << QStringList{"spec.nodeSelector: Invalid value: {\"a\":\"z\",\"c\":\"d\"}: only additions to spec.nodeSelector "
                      "are allowed (no mutations or deletions)"};
    QTest::newRow("not gated: node selector") << Change([](api::Pod&, api::Pod& u) {
        u.spec.nodeSelector = {{"a", "b"}};
    }) << QStringList{"spec: " + kNotOther};
    QTest::newRow("grace period negative to 1") << Change([](api::Pod& o, api::Pod& u) {
        o.spec.terminationGracePeriodSeconds = -1;
        u.spec.terminationGracePeriodSeconds = 1;
    }) << QStringList{};
    QTest::newRow("grace period changed") << Change([](api::Pod&, api::Pod& u) {
        u.spec.terminationGracePeriodSeconds = 5;
    }) << QStringList{"spec: " + kNotOther};
    QTest::newRow("node name changed") << Change([](api::Pod&, api::Pod& u) { u.spec.nodeName = "node-9"; })
                                       << QStringList{"spec: " + kNotOther};
    QTest::newRow("mirror pod annotation added")
        << Change([](api::Pod&, api::Pod& u) { u.metadata.annotations["kubernetes.io/config.mirror"] = "x"; })
        << QStringList{"metadata.annotations[kubernetes.io/config.mirror]: Forbidden: may not add mirror pod annotation"};
}

void TestPodUpdateValidation::update()
{
    QFETCH(Change, change);
    QFETCH(QStringList, expected);
    api::Pod old = stored();
    api::Pod updated = old;
    change(old, updated);
    const QStringList found = causes(ApiServer::podUpdateErrors(updated, old));
    QCOMPARE(found.size(), expected.size());
    for (qsizetype i = 0; i < found.size(); ++i)
        QVERIFY2(found[i].startsWith(expected[i]), qPrintable(found[i]));
}

void TestPodUpdateValidation::invalidError()
{
    // The spec message ends with a diff naming what changed, in go-cmp's layout.
    api::Pod old = stored();
    api::Pod updated = old;
    updated.spec.nodeName = "node-9";
    const auto found = ApiServer::podUpdateErrors(updated, old);
    QCOMPARE(found.size(), size_t(1));
    const QString diff = QString::fromStdString(found[0].message).section('\n', 1);
    QVERIFY2(diff.startsWith("  core.PodSpec{\n"), qPrintable(diff));
    QVERIFY2(diff.contains("- \tNodeName: \"node-1\",\n+ \tNodeName: \"node-9\",\n"), qPrintable(diff));
    QVERIFY2(diff.contains("identical fields\n"), qPrintable(diff));
    QVERIFY2(diff.endsWith("  }\n"), qPrintable(diff));

    const ApiError e = ApiServer::invalid("Pod", "web", {{"a", "Forbidden: x"}, {"b", "Required value"}});
    QCOMPARE(QString::fromStdString(e.message), QString("Pod \"web\" is invalid: [a: Forbidden: x, b: Required value]"));
    QCOMPARE(QString::fromStdString(e.reason), QString("Invalid"));
}

QTEST_APPLESS_MAIN(TestPodUpdateValidation)
#include "tst_podupdatevalidation.moc"
