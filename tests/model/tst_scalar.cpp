// Plain YAML scalars resolved by YAML 1.1 rules, as go-yaml v2 (and so kubectl) resolves them.
// moc cannot parse C++20 standard headers; it needs only the test class.
#ifndef Q_MOC_RUN
#include "manifest/scalar.h"
#endif

#include <QTest>

#include <cmath>

using podlab::manifest::ResolvedScalar;
using podlab::manifest::resolvePlainScalar;
using podlab::manifest::typeName;
using Type = ResolvedScalar::Type;

Q_DECLARE_METATYPE(ResolvedScalar::Type)

class ScalarTest : public QObject {
    Q_OBJECT

private slots:
    void resolves_data();
    void resolves();
    void floats_data();
    void floats();
    void overflow();
    void names();
};

void ScalarTest::resolves_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<Type>("type");
    QTest::addColumn<qint64>("value"); // ints: the value; booleans: 0/1
    QTest::newRow("empty is null") << "" << Type::Null << qint64(0);
    QTest::newRow("tilde is null") << "~" << Type::Null << qint64(0);
    QTest::newRow("null") << "null" << Type::Null << qint64(0);
    QTest::newRow("Null") << "Null" << Type::Null << qint64(0);
    QTest::newRow("NULL") << "NULL" << Type::Null << qint64(0);
    QTest::newRow("nULL is a string") << "nULL" << Type::String << qint64(0);
    QTest::newRow("true") << "true" << Type::Bool << qint64(1);
    QTest::newRow("True") << "True" << Type::Bool << qint64(1);
    QTest::newRow("TRUE") << "TRUE" << Type::Bool << qint64(1);
    QTest::newRow("yes") << "yes" << Type::Bool << qint64(1);
    QTest::newRow("Yes") << "Yes" << Type::Bool << qint64(1);
    QTest::newRow("y") << "y" << Type::Bool << qint64(1);
    QTest::newRow("Y") << "Y" << Type::Bool << qint64(1);
    QTest::newRow("on") << "on" << Type::Bool << qint64(1);
    QTest::newRow("ON") << "ON" << Type::Bool << qint64(1);
    QTest::newRow("false") << "false" << Type::Bool << qint64(0);
    QTest::newRow("no") << "no" << Type::Bool << qint64(0);
    QTest::newRow("n") << "n" << Type::Bool << qint64(0);
    QTest::newRow("off") << "off" << Type::Bool << qint64(0);
    QTest::newRow("Off") << "Off" << Type::Bool << qint64(0);
    QTest::newRow("nope is a string") << "nope" << Type::String << qint64(0);
    QTest::newRow("yEs is a string") << "yEs" << Type::String << qint64(0);
    QTest::newRow("decimal") << "42" << Type::Int << qint64(42);
    QTest::newRow("negative") << "-7" << Type::Int << qint64(-7);
    QTest::newRow("plus sign") << "+7" << Type::Int << qint64(7);
    QTest::newRow("zero") << "0" << Type::Int << qint64(0);
    QTest::newRow("leading zero is octal") << "0644" << Type::Int << qint64(420);
    QTest::newRow("0o octal") << "0o17" << Type::Int << qint64(15);
    QTest::newRow("hexadecimal") << "0x1F" << Type::Int << qint64(31);
    QTest::newRow("binary") << "0b101" << Type::Int << qint64(5);
    QTest::newRow("underscores") << "1_000" << Type::Int << qint64(1000);
    QTest::newRow("int64 max") << "9223372036854775807" << Type::Int << qint64(9223372036854775807LL);
    QTest::newRow("int64 min") << "-9223372036854775808" << Type::Int << qint64(INT64_MIN);
    QTest::newRow("word") << "nginx" << Type::String << qint64(0);
    QTest::newRow("version") << "1.2.3" << Type::String << qint64(0);
    QTest::newRow("bare 0x") << "0x" << Type::String << qint64(0);
    QTest::newRow("dot") << "." << Type::String << qint64(0);
    QTest::newRow("dash") << "-" << Type::String << qint64(0);
    QTest::newRow("port and protocol") << "80/TCP" << Type::String << qint64(0);
    QTest::newRow("quantity") << "500m" << Type::String << qint64(0);
    QTest::newRow("time of day") << "12:30" << Type::String << qint64(0);
}

void ScalarTest::resolves()
{
    QFETCH(QString, text);
    QFETCH(Type, type);
    QFETCH(qint64, value);
    const ResolvedScalar r = resolvePlainScalar(text.toStdString());
    QCOMPARE(r.type, type);
    if (type == Type::Int)
        QCOMPARE(qint64(r.intValue), value);
    if (type == Type::Bool)
        QCOMPARE(r.boolValue, value != 0);
    QVERIFY(!r.intOverflow);
}

void ScalarTest::floats_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<double>("value");
    QTest::newRow("exponent") << "1e3" << 1000.0;
    QTest::newRow("upper-case exponent with sign") << "2.5E-1" << 0.25;
    QTest::newRow("fraction") << "3.14" << 3.14;
    QTest::newRow("leading point") << ".5" << 0.5;
    QTest::newRow("trailing point") << "5." << 5.0;
    QTest::newRow("08 is no octal, so a float") << "08" << 8.0;
    QTest::newRow("infinity") << ".inf" << double(INFINITY);
    QTest::newRow("capital infinity") << "+.Inf" << double(INFINITY);
    QTest::newRow("negative infinity") << "-.INF" << -double(INFINITY);
}

void ScalarTest::floats()
{
    QFETCH(QString, text);
    QFETCH(double, value);
    const ResolvedScalar r = resolvePlainScalar(text.toStdString());
    QCOMPARE(r.type, Type::Float);
    QCOMPARE(r.floatValue, value);
}

void ScalarTest::overflow()
{
    const ResolvedScalar r = resolvePlainScalar("9223372036854775808");
    QCOMPARE(r.type, Type::Float);
    QVERIFY(r.intOverflow);
    const ResolvedScalar nan = resolvePlainScalar(".nan");
    QCOMPARE(nan.type, Type::Float);
    QVERIFY(std::isnan(nan.floatValue));
}

void ScalarTest::names()
{
    QCOMPARE(typeName(Type::Null), "null");
    QCOMPARE(typeName(Type::Bool), "boolean");
    QCOMPARE(typeName(Type::Int), "integer");
    QCOMPARE(typeName(Type::Float), "number");
    QCOMPARE(typeName(Type::String), "string");
}

QTEST_APPLESS_MAIN(ScalarTest)
#include "tst_scalar.moc"
