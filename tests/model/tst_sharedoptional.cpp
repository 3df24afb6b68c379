#include "api/container.h"

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

QTEST_APPLESS_MAIN(TestSharedOptional)
#include "tst_sharedoptional.moc"
