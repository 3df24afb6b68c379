// The pod-template-hash: FNV-1a, the safe encoding of its decimal digits, and what changes it.
#include "sim/controllers/podtemplatehash.h"

#include <QTest>

using namespace podlab;

namespace {

api::PodTemplateSpec nginxTemplate()
{
    api::PodTemplateSpec t;
    t.metadata.labels = {{"app", "nginx"}};
    api::Container c;
    c.name = "nginx";
    c.image = "nginx:1.14.2";
    t.spec.containers = {c};
    return t;
}

} // namespace

class TestPodTemplateHash : public QObject {
    Q_OBJECT

private slots:
    void fnv32a_data();
    void fnv32a();
    void safeEncode_data();
    void safeEncode();
    void hashChangesWith_data();
    void hashChangesWith();
    void hashIsStableAndSafe();
};

void TestPodTemplateHash::fnv32a_data()
{
    // Reference values of FNV-1a 32 (the same as Go's hash/fnv New32a).
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<uint>("expected");
    QTest::newRow("empty: the offset basis") << QByteArray() << 0x811c9dc5u;
    QTest::newRow("a") << QByteArray("a") << 0xe40c292cu;
    QTest::newRow("foobar") << QByteArray("foobar") << 0xbf9cf968u;
}

void TestPodTemplateHash::fnv32a()
{
    QFETCH(QByteArray, input);
    QFETCH(uint, expected);
    QCOMPARE(sim::fnv32a(std::string_view(input.constData(), size_t(input.size()))), expected);
}

void TestPodTemplateHash::safeEncode_data()
{
    // rand.SafeEncodeString: byte mod 27 into "bcdfghjklmnpqrstvwxz2456789"; digits '0'..'9' are 48..57.
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("the ten digits") << "0123456789" << "456789bcdf";
    QTest::newRow("a typical sum") << "2035384211" << "64797d8655";
    QTest::newRow("empty") << "" << "";
}

void TestPodTemplateHash::safeEncode()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(sim::safeEncode(input.toStdString())), expected);
}

void TestPodTemplateHash::hashChangesWith_data()
{
    QTest::addColumn<QString>("change");
    QTest::newRow("image") << "image";
    QTest::newRow("a template label") << "label";
    QTest::newRow("a template annotation (rollout restart)") << "annotation";
    QTest::newRow("collision count") << "collision";
}

void TestPodTemplateHash::hashChangesWith()
{
    QFETCH(QString, change);
    const api::PodTemplateSpec base = nginxTemplate();
    api::PodTemplateSpec changed = base;
    std::optional<int32_t> collisions;
    if (change == "image")
        changed.spec.containers[0].image = "nginx:1.16.1";
    else if (change == "label")
        changed.metadata.labels["tier"] = "web";
    else if (change == "annotation")
        changed.metadata.annotations["kubectl.kubernetes.io/restartedAt"] = "2026-01-01T00:00:00Z";
    else
        collisions = 1;
    QVERIFY(sim::computePodTemplateHash(base) != sim::computePodTemplateHash(changed, collisions));
}

void TestPodTemplateHash::hashIsStableAndSafe()
{
    const std::string a = sim::computePodTemplateHash(nginxTemplate());
    const std::string b = sim::computePodTemplateHash(nginxTemplate());
    QCOMPARE(a, b);
    // A decimal uint32 has 1 to 10 digits; each becomes one character of the alphabet.
    QVERIFY(!a.empty() && a.size() <= 10);
    for (char c : a)
        QVERIFY2(std::string_view("bcdfghjklmnpqrstvwxz2456789").find(c) != std::string_view::npos, a.c_str());
    // Zero collisions hash the same bytes plus eight zero bytes: not the same as none.
    QVERIFY(sim::computePodTemplateHash(nginxTemplate(), 0) != a);
}

QTEST_GUILESS_MAIN(TestPodTemplateHash)
#include "tst_podtemplatehash.moc"
