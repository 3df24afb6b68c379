#include "sim/kubectl/humanduration.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim::kubectl;

class TestHumanDuration : public QObject {
    Q_OBJECT

private slots:
    void humanDuration_data();
    void humanDuration();
    void ages();
    void rfc1123();
};

void TestHumanDuration::humanDuration_data()
{
    QTest::addColumn<qint64>("milliseconds");
    QTest::addColumn<QString>("expected");
    const qint64 s = 1000;
    const qint64 m = 60 * s;
    const qint64 h = 60 * m;
    const qint64 d = 24 * h;
    const qint64 y = 365 * d;
    QTest::newRow("more than a second in the future") << qint64(-2 * s) << "<invalid>";
    QTest::newRow("up to a second in the future") << qint64(-1999) << "0s";
    QTest::newRow("just in the future") << qint64(-1) << "0s";
    QTest::newRow("now") << qint64(0) << "0s";
    QTest::newRow("fractions are cut") << qint64(1999) << "1s";
    QTest::newRow("95 seconds") << qint64(95 * s) << "95s";
    QTest::newRow("119 seconds") << qint64(119 * s) << "119s";
    QTest::newRow("2 minutes") << qint64(2 * m) << "2m";
    QTest::newRow("3 minutes 7 seconds") << qint64(3 * m + 7 * s) << "3m7s";
    QTest::newRow("9 minutes 59 seconds") << qint64(10 * m - s) << "9m59s";
    QTest::newRow("10 minutes 30 seconds") << qint64(10 * m + 30 * s) << "10m";
    QTest::newRow("150 minutes") << qint64(150 * m) << "150m";
    QTest::newRow("179 minutes") << qint64(3 * h - m) << "179m";
    QTest::newRow("3 hours") << qint64(3 * h) << "3h";
    QTest::newRow("5 hours 12 minutes") << qint64(5 * h + 12 * m) << "5h12m";
    QTest::newRow("8 hours 30 minutes") << qint64(8 * h + 30 * m) << "8h";
    QTest::newRow("47 hours") << qint64(47 * h) << "47h";
    QTest::newRow("2 days") << qint64(2 * d) << "2d";
    QTest::newRow("3 days 4 hours") << qint64(3 * d + 4 * h) << "3d4h";
    QTest::newRow("8 days 5 hours") << qint64(8 * d + 5 * h) << "8d";
    QTest::newRow("729 days") << qint64(729 * d) << "729d";
    QTest::newRow("2 years") << qint64(2 * y) << "2y";
    QTest::newRow("3 years 17 days") << qint64(3 * y + 17 * d) << "3y17d";
    QTest::newRow("8 years 100 days") << qint64(8 * y + 100 * d) << "8y";
}

void TestHumanDuration::humanDuration()
{
    QFETCH(qint64, milliseconds);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(podlab::sim::kubectl::humanDuration(milliseconds)), expected);
}

void TestHumanDuration::ages()
{
    const api::Time now = api::Time::fromMillis(1704103260000);
    QCOMPARE(ageSince(api::Time(), now), std::string("<unknown>"));
    QCOMPARE(ageSince(api::Time::fromMillis(1704103200000), now), std::string("60s"));
}

void TestHumanDuration::rfc1123()
{
    QCOMPARE(rfc1123z(api::Time::fromMillis(1704103200000)), std::string("Mon, 01 Jan 2024 10:00:00 +0000"));
    QCOMPARE(rfc1123z(*api::Time::parse("2024-02-29T23:59:59.900Z")),
             std::string("Thu, 29 Feb 2024 23:59:59 +0000"));
    QCOMPARE(rfc1123z(api::Time()), std::string("Mon, 01 Jan 0001 00:00:00 +0000"));
}

QTEST_APPLESS_MAIN(TestHumanDuration)
#include "tst_humanduration.moc"
