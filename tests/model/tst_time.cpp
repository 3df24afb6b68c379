// Time: metav1.Time as RFC 3339 text (parse, normalise to UTC, write at second precision).
// moc cannot parse C++20 standard headers; it needs only the test class.
#ifndef Q_MOC_RUN
#include "api/time.h"
#endif

#include <QTest>

using podlab::api::Time;

class TimeTest : public QObject {
    Q_OBJECT

private slots:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void nullTime();
    void order();
};

void TimeTest::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("written");
    QTest::addColumn<qint64>("millis");
    QTest::newRow("utc") << "2026-01-01T00:00:00Z" << "2026-01-01T00:00:00Z" << qint64(1767225600000);
    QTest::newRow("epoch") << "1970-01-01T00:00:00Z" << "1970-01-01T00:00:00Z" << qint64(0);
    QTest::newRow("positive offset") << "2026-01-01T01:30:00+01:30" << "2026-01-01T00:00:00Z" << qint64(1767225600000);
    QTest::newRow("negative offset") << "2025-12-31T19:00:00-05:00" << "2026-01-01T00:00:00Z" << qint64(1767225600000);
    QTest::newRow("fraction kept in millis, dropped in text") << "2026-01-01T00:00:00.5Z" << "2026-01-01T00:00:00Z"
                                                              << qint64(1767225600500);
    QTest::newRow("nanosecond fraction") << "2026-01-01T00:00:00.123456789Z" << "2026-01-01T00:00:00Z"
                                         << qint64(1767225600123);
    QTest::newRow("lower-case t and z") << "2026-01-01t00:00:00z" << "2026-01-01T00:00:00Z" << qint64(1767225600000);
    QTest::newRow("leap day") << "2024-02-29T12:00:00Z" << "2024-02-29T12:00:00Z" << qint64(1709208000000);
    QTest::newRow("leap second rolls over") << "2016-12-31T23:59:60Z" << "2017-01-01T00:00:00Z" << qint64(1483228800000);
}

void TimeTest::parses()
{
    QFETCH(QString, text);
    QFETCH(QString, written);
    QFETCH(qint64, millis);
    const auto t = Time::parse(text.toStdString());
    QVERIFY(t.has_value());
    QVERIFY(!t->isNull());
    QCOMPARE(qint64(t->millis()), millis);
    QCOMPARE(QString::fromStdString(t->toString()), written);
}

void TimeTest::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::newRow("empty") << "";
    QTest::newRow("date only") << "2026-01-01";
    QTest::newRow("no zone") << "2026-01-01T00:00:00";
    QTest::newRow("month 13") << "2026-13-01T00:00:00Z";
    QTest::newRow("30 February") << "2026-02-30T00:00:00Z";
    QTest::newRow("hour 24") << "2026-01-01T24:00:00Z";
    QTest::newRow("minute 60") << "2026-01-01T00:60:00Z";
    QTest::newRow("words") << "yesterday";
    QTest::newRow("trailing text") << "2026-01-01T00:00:00Z and more";
    QTest::newRow("point without digits") << "2026-01-01T00:00:00.Z";
    QTest::newRow("offset without colon") << "2026-01-01T00:00:00+0100";
    QTest::newRow("space instead of T") << "2026-01-01 00:00:00Z";
}

void TimeTest::rejects()
{
    QFETCH(QString, text);
    QVERIFY(!Time::parse(text.toStdString()).has_value());
}

void TimeTest::nullTime()
{
    const Time t;
    QVERIFY(t.isNull());
    QCOMPARE(t.toString(), std::string());
    QCOMPARE(t.millis(), int64_t(0));
    QVERIFY(Time::fromMillis(0) != t);
    QCOMPARE(Time::fromMillis(0).toString(), std::string("1970-01-01T00:00:00Z"));
    QCOMPARE(sizeof(Time), sizeof(int64_t)); // a dozen in every pod's status
}

void TimeTest::order()
{
    QVERIFY(Time::fromMillis(1) < Time::fromMillis(2));
    QVERIFY(Time() < Time::fromMillis(0)); // null sorts first
    QVERIFY(Time() < Time::fromMillis(-86'400'000)); // even before instants before the epoch
    QCOMPARE(*Time::parse("2026-01-01T00:00:00Z"), *Time::parse("2026-01-01T01:00:00+01:00"));
}

QTEST_APPLESS_MAIN(TimeTest)
#include "tst_time.moc"
