#include "api/container.h"
#include "api/pod.h"

#include <QTest>

using namespace podlab::api;

namespace {

Probe probe(int32_t period)
{
    Probe p;
    p.exec = ExecAction{{"cat", "/tmp/healthy"}};
    p.periodSeconds = period;
    return p;
}

} // namespace

class TestSharedOptional : public QObject {
    Q_OBJECT

private slots:
    void behavesAsAnOptional();
    void copiesShareUntilOneWrites();
    void comparesByValue_data();
    void comparesByValue();
    // SharedVector, SharedOptional's counterpart for lists.
    void listBehavesAsAVector();
    void listCopiesShareUntilOneWrites();
    void listComparesByValue_data();
    void listComparesByValue();
};

void TestSharedOptional::behavesAsAnOptional()
{
    SharedOptional<Probe> p;
    QVERIFY(!p);
    QVERIFY(p == std::nullopt);
    QVERIFY_THROWS_EXCEPTION(std::bad_optional_access, p.value());
    p = probe(10);
    QVERIFY(p.has_value());
    QCOMPARE(p->periodSeconds, 10);
    p.emplace().periodSeconds = 5;
    QCOMPARE(p.value().periodSeconds, 5);
    QVERIFY(!p->exec);
    p.reset();
    QVERIFY(!p.has_value());
    p = std::optional<Probe>(probe(7));
    QCOMPARE(p->periodSeconds, 7);
}

void TestSharedOptional::copiesShareUntilOneWrites()
{
    Container a;
    a.livenessProbe = probe(10);
    const Container b = a;
    // Read through const: still the one probe.
    QCOMPARE(&*std::as_const(a).livenessProbe, &*b.livenessProbe);
    a.livenessProbe->periodSeconds = 20;
    QCOMPARE(a.livenessProbe->periodSeconds, 20);
    QCOMPARE(b.livenessProbe->periodSeconds, 10);
    QVERIFY(&*std::as_const(a).livenessProbe != &*b.livenessProbe);
}

void TestSharedOptional::comparesByValue_data()
{
    QTest::addColumn<int>("left"); // 0: empty, else the period
    QTest::addColumn<int>("right");
    QTest::addColumn<bool>("equal");
    QTest::newRow("both empty") << 0 << 0 << true;
    QTest::newRow("empty and set") << 0 << 10 << false;
    QTest::newRow("equal values, not shared") << 10 << 10 << true;
    QTest::newRow("different values") << 10 << 20 << false;
}

void TestSharedOptional::comparesByValue()
{
    QFETCH(int, left);
    QFETCH(int, right);
    QFETCH(bool, equal);
    SharedOptional<Probe> a, b;
    if (left)
        a = probe(left);
    if (right)
        b = probe(right);
    QCOMPARE(a == b, equal);
    QCOMPARE(b == a, equal);
}

void TestSharedOptional::listBehavesAsAVector()
{
    SharedVector<std::string> v;
    QVERIFY(v.empty());
    v.push_back("b");
    v.insert(v.begin(), "a");
    v.emplace_back("d");
    v.insert(v.end() - 1, "c");
    QCOMPARE(v.get(), (std::vector<std::string>{"a", "b", "c", "d"}));
    v.erase(v.begin() + 1);
    QCOMPARE(v.size(), size_t(3));
    QCOMPARE(v[1], std::string("c"));
    QCOMPARE(v.back(), std::string("d"));
    v.erase(v.begin(), v.end() - 1);
    QCOMPARE(v.get(), std::vector<std::string>{"d"});
    v = {"x", "y"};
    QCOMPARE(v.front(), std::string("x"));
    v.resize(0);
    QVERIFY(v.empty());
    QVERIFY(v == SharedVector<std::string>());
}

void TestSharedOptional::listCopiesShareUntilOneWrites()
{
    Pod a;
    Container c;
    c.name = "nginx";
    a.spec.containers.push_back(c);
    const Pod b = a;
    QVERIFY(a.spec.containers.sharesWith(b.spec.containers));
    // Read through const: still shared.
    QCOMPARE(std::as_const(a).spec.containers[0].name, std::string("nginx"));
    QVERIFY(a.spec.containers.sharesWith(b.spec.containers));
    // A write detaches the writer only.
    a.spec.containers[0].name = "web";
    QVERIFY(!a.spec.containers.sharesWith(b.spec.containers));
    QCOMPARE(b.spec.containers[0].name, std::string("nginx"));
    QCOMPARE(std::as_const(a).spec.containers[0].name, std::string("web"));
}

void TestSharedOptional::listComparesByValue_data()
{
    QTest::addColumn<QStringList>("left");
    QTest::addColumn<QStringList>("right");
    QTest::addColumn<bool>("equal");
    QTest::newRow("both empty") << QStringList() << QStringList() << true;
    QTest::newRow("empty and not") << QStringList() << QStringList{"a"} << false;
    QTest::newRow("equal, not shared") << QStringList{"a", "b"} << QStringList{"a", "b"} << true;
    QTest::newRow("other order") << QStringList{"a", "b"} << QStringList{"b", "a"} << false;
}

void TestSharedOptional::listComparesByValue()
{
    QFETCH(QStringList, left);
    QFETCH(QStringList, right);
    QFETCH(bool, equal);
    auto list = [](const QStringList& items) {
        SharedVector<std::string> v;
        for (const QString& s : items)
            v.push_back(s.toStdString());
        return v;
    };
    QCOMPARE(list(left) == list(right), equal);
    QCOMPARE(list(right) == list(left), equal);
}

QTEST_APPLESS_MAIN(TestSharedOptional)
#include "tst_sharedoptional.moc"
