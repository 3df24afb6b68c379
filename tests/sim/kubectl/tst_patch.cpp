// kubectl patch's three patch types, applied as the API server applies them.
#include "sim/kubectl/patch.h"

#include "manifest/writer.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim::kubectl;

namespace {

api::Value read(const char* text)
{
    const auto v = readPatch(text);
    if (!v.ok())
        qFatal("bad fixture %s: %s", text, v.error.c_str());
    return v.value;
}

QString json(const api::Value& v) { return QString::fromStdString(manifest::toJson(v)).simplified(); }

const char* kConfigMap = R"({"kind":"ConfigMap","data":{"color":"red","size":"large"}})";
const char* kPod = R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                      {"name":"b","image":"busybox"}],"finalizers":["x"]}})";

} // namespace

class TestPatch : public QObject {
    Q_OBJECT
private slots:
    void apply_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("target");
        QTest::addColumn<QString>("patch");
        QTest::addColumn<QString>("expected"); // the result as JSON, or "error: …"

        QTest::newRow("merge: set a key") << "merge" << kConfigMap << R"({"data":{"color":"blue"}})"
                                          << json(read(R"({"kind":"ConfigMap","data":{"color":"blue","size":"large"}})"));
        QTest::newRow("merge: null deletes") << "merge" << kConfigMap << R"({"data":{"size":null}})"
                                             << json(read(R"({"kind":"ConfigMap","data":{"color":"red"}})"));
        QTest::newRow("merge: a list is replaced whole")
            << "merge" << kPod << R"({"spec":{"containers":[{"name":"b","image":"alpine"}]}})"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"b","image":"alpine"}],"finalizers":["x"]}})"));
        QTest::newRow("strategic: containers merge by name")
            << "strategic" << kPod << R"({"spec":{"containers":[{"name":"b","image":"alpine"}]}})"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                            {"name":"b","image":"alpine"}],"finalizers":["x"]}})"));
        QTest::newRow("strategic: a new name is appended")
            << "strategic" << kPod << R"({"spec":{"containers":[{"name":"c","image":"redis"}]}})"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                            {"name":"b","image":"busybox"},{"name":"c","image":"redis"}],"finalizers":["x"]}})"));
        QTest::newRow("strategic: $patch delete removes an element")
            << "strategic" << kPod << R"({"spec":{"containers":[{"name":"a","$patch":"delete"}]}})"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"b","image":"busybox"}],"finalizers":["x"]}})"));
        QTest::newRow("strategic: null deletes a key")
            << "strategic" << kConfigMap << R"({"data":{"color":null}})"
            << json(read(R"({"kind":"ConfigMap","data":{"size":"large"}})"));
        QTest::newRow("json: replace") << "json" << kConfigMap << R"([{"op":"replace","path":"/data/color","value":"blue"}])"
                                       << json(read(R"({"kind":"ConfigMap","data":{"color":"blue","size":"large"}})"));
        QTest::newRow("json: add then remove")
            << "json" << kConfigMap
            << R"([{"op":"add","path":"/data/shape","value":"round"},{"op":"remove","path":"/data/size"}])"
            << json(read(R"({"kind":"ConfigMap","data":{"color":"red","shape":"round"}})"));
        QTest::newRow("json: add to a list's end")
            << "json" << kPod << R"([{"op":"add","path":"/spec/finalizers/-","value":"y"}])"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                            {"name":"b","image":"busybox"}],"finalizers":["x","y"]}})"));
        QTest::newRow("json: move a key")
            << "json" << kConfigMap << R"([{"op":"move","from":"/data/size","path":"/data/shape"}])"
            << json(read(R"({"kind":"ConfigMap","data":{"color":"red","shape":"large"}})"));
        QTest::newRow("json: copy a list element to the end")
            << "json" << kPod << R"([{"op":"copy","from":"/spec/finalizers/0","path":"/spec/finalizers/-"}])"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                            {"name":"b","image":"busybox"}],"finalizers":["x","x"]}})"));
        QTest::newRow("json: move from nowhere fails")
            << "json" << kConfigMap << R"([{"op":"move","from":"/data/nope","path":"/data/x"}])"
            << "error: move operation does not apply: doc is missing from path: /data/nope: missing value";
        QTest::newRow("json: test a list element")
            << "json" << kPod << R"([{"op":"test","path":"/spec/containers/1/image","value":"busybox"},{"op":"remove","path":"/spec/finalizers"}])"
            << json(read(R"({"kind":"Pod","spec":{"containers":[{"name":"a","image":"nginx","ports":[{"containerPort":80}]},
                            {"name":"b","image":"busybox"}]}})"));
        QTest::newRow("json: replace a missing key fails")
            << "json" << kConfigMap << R"([{"op":"replace","path":"/data/nope","value":"x"}])"
            << "error: replace operation does not apply: doc is missing key: /data/nope: missing value";
        QTest::newRow("json: a failed test stops the patch")
            << "json" << kConfigMap << R"([{"op":"test","path":"/data/color","value":"blue"},{"op":"remove","path":"/data"}])"
            << "error: testing value /data/color failed: test failed";
    }
    void apply()
    {
        QFETCH(QString, type);
        QFETCH(QString, target);
        QFETCH(QString, patch);
        QFETCH(QString, expected);
        const api::Value t = read(target.toUtf8().constData());
        const api::Value p = read(patch.toUtf8().constData());
        QString got;
        if (type == "json") {
            const auto r = jsonPatch(t, p);
            got = r.ok() ? json(r.value) : "error: " + QString::fromStdString(r.error);
        } else {
            got = json(type == "merge" ? mergePatch(t, p) : strategicMergePatch("Pod", t, p));
        }
        QCOMPARE(got, expected);
    }

    void unreadablePatch()
    {
        const auto r = readPatch("{data: {a: 3");
        QVERIFY(!r.ok());
        QCOMPARE(QString::fromStdString(r.error),
                 QString("unable to parse \"{data: {a: 3\": yaml: line 1: did not find expected ',' or '}'"));
    }
};

QTEST_APPLESS_MAIN(TestPatch)
#include "tst_patch.moc"
