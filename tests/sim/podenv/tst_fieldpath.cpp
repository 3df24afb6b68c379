#include "sim/podenv/fieldpath.h"
#include "sim/podenv/resourcefields.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim;

namespace {

api::Quantity q(const char* text)
{
    return *api::Quantity::parse(text);
}

api::Pod samplePod()
{
    api::Pod pod;
    pod.metadata.name = "web-0";
    pod.metadata.namespace_ = "shop";
    pod.metadata.uid = "5f0c0a9e-1111-4222-8333-944455556666";
    pod.metadata.labels = {{"app", "web"}, {"tier", "front"}};
    pod.metadata.annotations = {{"example.com/Owner", "ana"}, {"note", "line 1\nline \"2\""}};
    api::Container app;
    app.name = "app";
    app.resources.requests = {{"cpu", q("125m")}, {"memory", q("32Mi")}, {"ephemeral-storage", q("1Gi")}};
    app.resources.limits = {{"cpu", q("250m")}, {"memory", q("64Mi")}, {"hugepages-2Mi", q("4Mi")}};
    pod.spec.containers.push_back(app);
    api::Container init;
    init.name = "setup";
    init.resources.limits = {{"cpu", q("1500m")}};
    pod.spec.initContainers.push_back(init);
    return pod;
}

} // namespace

class TestFieldPath : public QObject {
    Q_OBJECT

private slots:
    void goQuote_data();
    void goQuote();
    void formatMap();
    void splitSubscripted_data();
    void splitSubscripted();
    void extract_data();
    void extract();
    void containerValue_data();
    void containerValue();
    void valueByContainerName_data();
    void valueByContainerName();
    void mergeLimits();
};

void TestFieldPath::goQuote_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<QByteArray>("expected");
    QTest::newRow("plain") << QByteArray("us-est-coast") << QByteArray("\"us-est-coast\"");
    QTest::newRow("empty") << QByteArray("") << QByteArray("\"\"");
    QTest::newRow("quote and backslash") << QByteArray("a\"b\\c") << QByteArray("\"a\\\"b\\\\c\"");
    QTest::newRow("named controls") << QByteArray("\a\b\f\n\r\t\v")
                                    << QByteArray("\"\\a\\b\\f\\n\\r\\t\\v\"");
    QTest::newRow("other controls") << QByteArray("\x01\x1f\x7f", 3) << QByteArray("\"\\x01\\x1f\\x7f\"");
    QTest::newRow("printable UTF-8 kept") << QByteArray("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80")
                                          << QByteArray("\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x9a\x80\"");
    QTest::newRow("no-break space") << QByteArray("a\xc2\xa0"
                                                  "b")
                                    << QByteArray("\"a\\u00a0b\"");
    QTest::newRow("C1 control") << QByteArray("\xc2\x85") << QByteArray("\"\\u0085\"");
    QTest::newRow("line separator") << QByteArray("\xe2\x80\xa8") << QByteArray("\"\\u2028\"");
    QTest::newRow("byte order mark") << QByteArray("\xef\xbb\xbf") << QByteArray("\"\\ufeff\"");
    QTest::newRow("invalid UTF-8 byte") << QByteArray("a\xff"
                                                      "b")
                                        << QByteArray("\"a\\xffb\"");
    QTest::newRow("truncated sequence") << QByteArray("\xe2\x82") << QByteArray("\"\\xe2\\x82\"");
    QTest::newRow("private use plane") << QByteArray("\xf3\xb0\x80\x80") << QByteArray("\"\\U000f0000\"");
}

void TestFieldPath::goQuote()
{
    QFETCH(QByteArray, input);
    QFETCH(QByteArray, expected);
    QCOMPARE(QByteArray::fromStdString(FieldPath::goQuote(input.toStdString())), expected);
}

void TestFieldPath::formatMap()
{
    // The documentation's dapi-volume labels: sorted, quoted, one per line, no newline at the end.
    QCOMPARE(QString::fromStdString(FieldPath::formatMap(
                 {{"zone", "us-est-coast"}, {"cluster", "test-cluster1"}, {"rack", "rack-22"}})),
             QString("cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\""));
    QCOMPARE(FieldPath::formatMap({}), std::string());
    QCOMPARE(QString::fromStdString(FieldPath::formatMap({{"note", "two\nlines"}})),
             QString("note=\"two\\nlines\""));
}

void TestFieldPath::splitSubscripted_data()
{
    QTest::addColumn<QString>("fieldPath");
    QTest::addColumn<QString>("path"); // empty when not subscripted
    QTest::addColumn<QString>("key");
    QTest::newRow("annotation") << "metadata.annotations['myKey']"
                                << "metadata.annotations"
                                << "myKey";
    QTest::newRow("brackets in the key") << "metadata.annotations['a[b]c']"
                                         << "metadata.annotations"
                                         << "a[b]c";
    QTest::newRow("empty key") << "metadata.labels['']"
                               << "metadata.labels"
                               << "";
    QTest::newRow("not subscripted") << "metadata.labels"
                                     << ""
                                     << "";
    QTest::newRow("no path") << "['a']"
                             << ""
                             << "";
    QTest::newRow("no opening") << "metadata.labels']"
                                << ""
                                << "";
}

void TestFieldPath::splitSubscripted()
{
    QFETCH(QString, fieldPath);
    QFETCH(QString, path);
    QFETCH(QString, key);
    const auto sub = FieldPath::splitSubscripted(fieldPath.toStdString());
    QCOMPARE(sub.has_value(), !path.isEmpty());
    if (sub) {
        QCOMPARE(QString::fromStdString(sub->path), path);
        QCOMPARE(QString::fromStdString(sub->key), key);
    }
}

void TestFieldPath::extract_data()
{
    QTest::addColumn<QString>("fieldPath");
    QTest::addColumn<QString>("expected"); // "error: …" for failures
    QTest::newRow("name") << "metadata.name"
                          << "web-0";
    QTest::newRow("namespace") << "metadata.namespace"
                               << "shop";
    QTest::newRow("uid") << "metadata.uid"
                         << "5f0c0a9e-1111-4222-8333-944455556666";
    QTest::newRow("all labels") << "metadata.labels"
                                << "app=\"web\"\ntier=\"front\"";
    QTest::newRow("all annotations") << "metadata.annotations"
                                     << "example.com/Owner=\"ana\"\nnote=\"line 1\\nline \\\"2\\\"\"";
    QTest::newRow("one label") << "metadata.labels['app']"
                               << "web";
    QTest::newRow("missing label") << "metadata.labels['nope']"
                                   << "";
    QTest::newRow("annotation key checked in lower case") << "metadata.annotations['example.com/Owner']"
                                                          << "ana";
    QTest::newRow("annotation value as it is") << "metadata.annotations['note']"
                                               << "line 1\nline \"2\"";
    QTest::newRow("not a metadata field") << "spec.nodeName"
                                          << "error: unsupported fieldPath: spec.nodeName";
    QTest::newRow("subscript on another field")
        << "metadata.name['x']"
        << "error: fieldPath \"metadata.name['x']\" does not support subscript";
    QTest::newRow("invalid label key")
        << "metadata.labels['a b']"
        << "error: invalid key subscript in metadata.labels['a b']: name part must consist of alphanumeric "
           "characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. "
           "'MyName',  "
           "or 'my.name',  or '123-abc', regex used for validation is "
           "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
}

void TestFieldPath::extract()
{
    QFETCH(QString, fieldPath);
    QFETCH(QString, expected);
    const Outcome<std::string> v = FieldPath::extract(samplePod(), fieldPath.toStdString());
    QCOMPARE(v.ok() ? QString::fromStdString(v.value) : "error: " + QString::fromStdString(v.error),
             expected);
}

void TestFieldPath::containerValue_data()
{
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("divisor"); // empty for the default of 1
    QTest::addColumn<QString>("expected");
    QTest::newRow("cpu limit rounded up to a core") << "limits.cpu"
                                                    << ""
                                                    << "1";
    QTest::newRow("cpu request rounded up to a core") << "requests.cpu"
                                                      << ""
                                                      << "1";
    QTest::newRow("cpu limit in millicores") << "limits.cpu"
                                             << "1m"
                                             << "250";
    QTest::newRow("memory limit in bytes") << "limits.memory"
                                           << ""
                                           << "67108864";
    QTest::newRow("memory request in bytes") << "requests.memory"
                                             << ""
                                             << "33554432";
    QTest::newRow("memory limit in Mi") << "limits.memory"
                                        << "1Mi"
                                        << "64";
    QTest::newRow("memory in M rounds up") << "limits.memory"
                                           << "1M"
                                           << "68";
    QTest::newRow("memory in Gi rounds up") << "limits.memory"
                                            << "1Gi"
                                            << "1";
    QTest::newRow("ephemeral storage request") << "requests.ephemeral-storage"
                                               << "1Mi"
                                               << "1024";
    QTest::newRow("ephemeral storage limit unset") << "limits.ephemeral-storage"
                                                   << ""
                                                   << "0";
    QTest::newRow("hugepages limit") << "limits.hugepages-2Mi"
                                     << "1Mi"
                                     << "4";
    QTest::newRow("hugepages request unset") << "requests.hugepages-2Mi"
                                             << ""
                                             << "0";
    QTest::newRow("unknown resource") << "limits.nvidia.com/gpu"
                                      << ""
                                      << "error: unsupported container resource : limits.nvidia.com/gpu";
    QTest::newRow("not a resource path") << "cpu"
                                         << ""
                                         << "error: unsupported container resource : cpu";
}

void TestFieldPath::containerValue()
{
    QFETCH(QString, resource);
    QFETCH(QString, divisor);
    QFETCH(QString, expected);
    api::ResourceFieldSelector sel;
    sel.resource = resource.toStdString();
    if (!divisor.isEmpty())
        sel.divisor = q(divisor.toStdString().c_str());
    const Outcome<std::string> v = ResourceFields::containerValue(sel, samplePod().spec.containers.front());
    QCOMPARE(v.ok() ? QString::fromStdString(v.value) : "error: " + QString::fromStdString(v.error),
             expected);
}

void TestFieldPath::valueByContainerName_data()
{
    QTest::addColumn<QString>("container");
    QTest::addColumn<QString>("resource");
    QTest::addColumn<bool>("withAllocatable");
    QTest::addColumn<QString>("expected");
    QTest::newRow("app container") << "app"
                                   << "limits.cpu" << false << "1";
    QTest::newRow("init container") << "setup"
                                    << "limits.cpu" << false << "2";
    QTest::newRow("no memory limit: 0") << "setup"
                                        << "limits.memory" << false << "0";
    QTest::newRow("no memory limit: allocatable") << "setup"
                                                  << "limits.memory" << true << "4089446400";
    QTest::newRow("a set limit wins over allocatable") << "app"
                                                       << "limits.memory" << true << "67108864";
    QTest::newRow("requests are never defaulted") << "setup"
                                                  << "requests.cpu" << true << "0";
    QTest::newRow("unknown container") << "db"
                                       << "limits.cpu" << true << "error: container db not found";
}

void TestFieldPath::valueByContainerName()
{
    QFETCH(QString, container);
    QFETCH(QString, resource);
    QFETCH(bool, withAllocatable);
    QFETCH(QString, expected);
    const api::ResourceList allocatable{{"cpu", q("4")}, {"memory", q("3900Mi")}};
    api::ResourceFieldSelector sel;
    sel.resource = resource.toStdString();
    const Outcome<std::string> v = ResourceFields::valueByContainerName(
        sel, samplePod(), container.toStdString(), withAllocatable ? &allocatable : nullptr);
    QCOMPARE(v.ok() ? QString::fromStdString(v.value) : "error: " + QString::fromStdString(v.error),
             expected);
}

void TestFieldPath::mergeLimits()
{
    api::Container c;
    c.resources.limits = {{"cpu", q("0")}, {"hugepages-2Mi", q("2Mi")}};
    ResourceFields::mergeLimits(
        c, {{"cpu", q("2")}, {"memory", q("1Gi")}, {"hugepages-2Mi", q("1Gi")}, {"pods", q("110")}});
    QCOMPARE(c.resources.limits.at("cpu"), q("2"));
    QCOMPARE(c.resources.limits.at("memory"), q("1Gi"));
    QCOMPARE(c.resources.limits.at("hugepages-2Mi"), q("2Mi"));
    QVERIFY(!c.resources.limits.count("pods"));
    QVERIFY2(!c.resources.limits.count("ephemeral-storage"), "nothing to take it from");
}

QTEST_APPLESS_MAIN(TestFieldPath)
#include "tst_fieldpath.moc"
