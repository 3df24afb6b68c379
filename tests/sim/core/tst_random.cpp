#include "sim/core/random.h"

#include <QRegularExpression>
#include <QTest>

using podlab::sim::Random;

class TestRandom : public QObject {
    Q_OBJECT

private slots:
    void sameSeedSameSequence();
    void formats_data();
    void formats();
    void belowStaysInRange();
};

void TestRandom::sameSeedSameSequence()
{
    Random a(42), b(42), c(43);
    for (int i = 0; i < 100; ++i) {
        const uint64_t x = a.next();
        QCOMPARE(b.next(), x);
        QVERIFY(c.next() != x || i > 0);
    }
}

void TestRandom::formats_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<QString>("pattern");
    QTest::newRow("uuid v4") << "uuid" << "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$";
    QTest::newRow("name suffix") << "suffix" << "^[bcdfghjklmnpqrstvwxz2456789]{5}$";
    QTest::newRow("container id") << "hex" << "^[0-9a-f]{64}$";
}

void TestRandom::formats()
{
    QFETCH(QString, kind);
    QFETCH(QString, pattern);
    Random r(7);
    const QRegularExpression re(pattern);
    for (int i = 0; i < 50; ++i) {
        const std::string s = kind == "uuid" ? r.uuid() : kind == "suffix" ? r.nameSuffix() : r.hex(64);
        QVERIFY2(re.match(QString::fromStdString(s)).hasMatch(), s.c_str());
    }
}

void TestRandom::belowStaysInRange()
{
    Random r(1);
    for (int i = 0; i < 1000; ++i) {
        QVERIFY(r.below(7) < 7);
        const int64_t v = r.between(-3, 3);
        QVERIFY(v >= -3 && v <= 3);
    }
}

QTEST_APPLESS_MAIN(TestRandom)
#include "tst_random.moc"
