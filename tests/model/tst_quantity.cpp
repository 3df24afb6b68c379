// Quantity: Kubernetes' resource.Quantity semantics (parse, canonical form, comparison, rounding).
// moc cannot parse C++20 standard headers; it needs only the test class.
#ifndef Q_MOC_RUN
#include "api/quantity.h"
#endif

#include <QTest>

using podlab::api::Quantity;

class QuantityTest : public QObject {
    Q_OBJECT

private slots:
    void canonicalForm_data();
    void canonicalForm();
    void rejects_data();
    void rejects();
    void compares_data();
    void compares();
    void milliValueAndValue_data();
    void milliValueAndValue();
    void ceilDiv_data();
    void ceilDiv();
    void arithmetic();
    void constructors();
};

static Quantity q(const char* text)
{
    const auto parsed = Quantity::parse(text);
    if (!parsed)
        qFatal("test quantity %s does not parse", text);
    return *parsed;
}

void QuantityTest::canonicalForm_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("canonical");
    QTest::newRow("milli stays milli") << "500m" << "500m";
    QTest::newRow("decimal fraction becomes milli") << "0.5" << "500m";
    QTest::newRow("one and a half") << "1.5" << "1500m";
    QTest::newRow("binary fraction drops a unit") << "1.5Gi" << "1536Mi";
    QTest::newRow("binary stays binary") << "128Mi" << "128Mi";
    QTest::newRow("binary folds up") << "2048Ki" << "2Mi";
    QTest::newRow("binary that is not a multiple of 1024") << "1.5Ki" << "1536";
    QTest::newRow("binary below 1Ki is written decimal") << "0.5Ki" << "512";
    QTest::newRow("exponent stays an exponent") << "1e3" << "1e3";
    QTest::newRow("exponent with mantissa") << "12e6" << "12e6";
    QTest::newRow("exponent that is not a multiple of 1000") << "1.5e3" << "1500";
    QTest::newRow("plain thousand becomes k") << "1000" << "1k";
    QTest::newRow("plain number that is no multiple of 1000") << "1024" << "1024";
    QTest::newRow("sub-nano rounds up") << "0.9n" << "1n";
    QTest::newRow("nano") << "5n" << "5n";
    QTest::newRow("micro") << "5u" << "5u";
    QTest::newRow("exa") << "1E" << "1E";
    QTest::newRow("negative") << "-1" << "-1";
    QTest::newRow("explicit plus") << "+2" << "2";
    QTest::newRow("zero") << "0" << "0";
    QTest::newRow("zero with suffix") << "0Mi" << "0";
    QTest::newRow("leading zeros") << "007" << "7";
    QTest::newRow("trailing fraction zeros") << "1.500" << "1500m";
    QTest::newRow("fraction only") << ".5" << "500m";
    QTest::newRow("mega") << "3M" << "3M";
    QTest::newRow("kilo from milli") << "1000000m" << "1k";
}

void QuantityTest::canonicalForm()
{
    QFETCH(QString, text);
    QFETCH(QString, canonical);
    std::string why;
    const auto parsed = Quantity::parse(text.toStdString(), &why);
    QVERIFY2(parsed.has_value(), why.c_str());
    QCOMPARE(QString::fromStdString(parsed->toString()), canonical);
    // The canonical form reads back as the same value and the same text.
    const auto again = Quantity::parse(parsed->toString());
    QVERIFY(again.has_value());
    QCOMPARE(*again, *parsed);
    QCOMPARE(again->toString(), parsed->toString());
}

void QuantityTest::rejects_data()
{
    const QString format =
        "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("empty") << "" << format;
    QTest::newRow("letters") << "abc" << format;
    QTest::newRow("two points") << "1.2.3" << format;
    QTest::newRow("unknown unit letter") << "1Mb" << format;
    QTest::newRow("space before unit") << "1 Gi" << format;
    QTest::newRow("unit only") << "Gi" << format;
    QTest::newRow("sign only") << "-" << format;
    QTest::newRow("doubled unit") << "1MM" << "unable to parse quantity's suffix";
    QTest::newRow("bare exponent") << "1e" << "unable to parse quantity's suffix";
    QTest::newRow("lower-case g is not a unit letter") << "1gi" << format;
    QTest::newRow("unit letters in a wrong order") << "1iK" << "unable to parse quantity's suffix";
    QTest::newRow("too large") << "1e30" << "quantity is too large";
    QTest::newRow("too many digits") << "1234567890123456789012345678901" << "quantity has more digits than PodLab can represent exactly";
}

void QuantityTest::rejects()
{
    QFETCH(QString, text);
    QFETCH(QString, message);
    std::string why;
    QVERIFY(!Quantity::parse(text.toStdString(), &why).has_value());
    QCOMPARE(QString::fromStdString(why), message);
}

void QuantityTest::compares_data()
{
    QTest::addColumn<QString>("a");
    QTest::addColumn<QString>("b");
    QTest::addColumn<int>("order"); // -1: a < b, 0: equal, 1: a > b
    QTest::newRow("1Gi equals 1024Mi") << "1Gi" << "1024Mi" << 0;
    QTest::newRow("0.5 equals 500m") << "0.5" << "500m" << 0;
    QTest::newRow("1k equals 1000") << "1k" << "1000" << 0;
    QTest::newRow("1e3 equals 1k") << "1e3" << "1k" << 0;
    QTest::newRow("100m below 1") << "100m" << "1" << -1;
    QTest::newRow("1Gi above 1G") << "1Gi" << "1G" << 1;
    QTest::newRow("negative below zero") << "-1m" << "0" << -1;
    QTest::newRow("1Mi above 1M") << "1Mi" << "1M" << 1;
}

void QuantityTest::compares()
{
    QFETCH(QString, a);
    QFETCH(QString, b);
    QFETCH(int, order);
    const Quantity x = q(a.toUtf8().constData());
    const Quantity y = q(b.toUtf8().constData());
    QCOMPARE(x == y, order == 0);
    QCOMPARE(x < y, order < 0);
    QCOMPARE(x > y, order > 0);
}

void QuantityTest::milliValueAndValue_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<qint64>("milli");
    QTest::addColumn<qint64>("units");
    QTest::newRow("500m") << "500m" << qint64(500) << qint64(1);
    QTest::newRow("1.5") << "1.5" << qint64(1500) << qint64(2);
    QTest::newRow("0.0001 rounds up") << "0.0001" << qint64(1) << qint64(1);
    QTest::newRow("128Mi") << "128Mi" << qint64(134217728000) << qint64(134217728);
    QTest::newRow("zero") << "0" << qint64(0) << qint64(0);
    QTest::newRow("negative rounds away from zero") << "-1.5" << qint64(-1500) << qint64(-2);
    QTest::newRow("250m") << "250m" << qint64(250) << qint64(1);
}

void QuantityTest::milliValueAndValue()
{
    QFETCH(QString, text);
    QFETCH(qint64, milli);
    QFETCH(qint64, units);
    const Quantity x = q(text.toUtf8().constData());
    QCOMPARE(qint64(x.milliValue()), milli);
    QCOMPARE(qint64(x.value()), units);
}

void QuantityTest::ceilDiv_data()
{
    // The downward API's resourceFieldRef rule: the value in units of the divisor, rounded up.
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("divisor");
    QTest::addColumn<qint64>("result");
    QTest::newRow("cpu limit in cores") << "250m" << "1" << qint64(1);
    QTest::newRow("cpu request in millicores") << "125m" << "1m" << qint64(125);
    QTest::newRow("memory in Mi") << "64Mi" << "1Mi" << qint64(64);
    QTest::newRow("bytes in Mi") << "33554432" << "1Mi" << qint64(32);
    QTest::newRow("rounds up") << "1.5Gi" << "1Gi" << qint64(2);
    QTest::newRow("zero divisor") << "1" << "0" << qint64(0);
}

void QuantityTest::ceilDiv()
{
    QFETCH(QString, value);
    QFETCH(QString, divisor);
    QFETCH(qint64, result);
    QCOMPARE(qint64(q(value.toUtf8().constData()).ceilDiv(q(divisor.toUtf8().constData()))), result);
}

void QuantityTest::arithmetic()
{
    QCOMPARE((q("1Gi") + q("512Mi")).toString(), std::string("1536Mi"));
    QCOMPARE((q("1") - q("250m")).toString(), std::string("750m"));
    Quantity total;
    total += q("100m");
    total += q("100m");
    QCOMPARE(total, q("200m"));
    QVERIFY(Quantity().isZero());
    QCOMPARE(q("-3").sign(), -1);
    QCOMPARE(q("3").sign(), 1);
    QCOMPARE(Quantity().sign(), 0);
}

void QuantityTest::constructors()
{
    QCOMPARE(Quantity::fromMilli(1500).toString(), std::string("1500m"));
    QCOMPARE(Quantity::fromUnits(3).toString(), std::string("3"));
    QCOMPARE(Quantity::fromUnits(2048, Quantity::Format::BinarySI).toString(), std::string("2Ki"));
    QCOMPARE(q("1Gi").format(), Quantity::Format::BinarySI);
    QCOMPARE(q("1e3").format(), Quantity::Format::DecimalExponent);
    QCOMPARE(q("1k").format(), Quantity::Format::DecimalSI);
    QCOMPARE(q("1.5").approximate(), 1.5);
}

QTEST_APPLESS_MAIN(QuantityTest)
#include "tst_quantity.moc"
