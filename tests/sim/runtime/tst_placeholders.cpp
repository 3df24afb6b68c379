// How the runtime fills the {placeholders} of the catalogue's log lines and bodies: strftime with %3f/%6f for the
// C servers, Go's formatting for the Go ones.
#include "manifest/writer.h"
#include "sim/runtime/placeholders.h"

#include <QTest>

using namespace podlab::sim;
using namespace podlab::sim::runtime;

namespace {
constexpr int64_t kEpoch = 1767225600000; // Thu 2026-01-01 00:00:00 UTC
}

class TestPlaceholders : public QObject {
    Q_OBJECT

private slots:
    void timeFormats_data();
    void timeFormats();
    void goFloats_data();
    void goFloats();
    void goDurations_data();
    void goDurations();
    void jsonStrings_data();
    void jsonStrings();
    void lines_data();
    void lines();
};

void TestPlaceholders::timeFormats_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<qint64>("offset");
    QTest::addColumn<QString>("text");

    QTest::newRow("nginx error log") << "%Y/%m/%d %H:%M:%S" << qint64(5123) << "2026/01/01 00:00:05";
    QTest::newRow("nginx access log ($time_local)") << "%d/%b/%Y:%H:%M:%S %z" << qint64(5123)
                                                     << "01/Jan/2026:00:00:05 +0000";
    QTest::newRow("Redis with milliseconds") << "%d %b %Y %H:%M:%S.%3f" << qint64(5123) << "01 Jan 2026 00:00:05.123";
    QTest::newRow("glog with microseconds") << "%m%d %H:%M:%S.%6f" << qint64(5123) << "0101 00:00:05.123000";
    QTest::newRow("Apache error log") << "%a %b %d %H:%M:%S.%6f %Y" << qint64(5123)
                                      << "Thu Jan 01 00:00:05.123000 2026";
    QTest::newRow("etcd zap ISO 8601") << "%Y-%m-%dT%H:%M:%S.%3fZ" << qint64(5123) << "2026-01-01T00:00:05.123Z";
    QTest::newRow("day of year, weekday and month names") << "%F %T %j %A %B" << qint64(59) * 86400000
                                             << "2026-03-01 00:00:00 060 Sunday March";
    QTest::newRow("twelve-hour clock") << "%I:%M %p" << qint64(13) * 3600000 << "01:00 PM";
    QTest::newRow("literal percent") << "100%% at %H" << qint64(0) << "100% at 00";
}

void TestPlaceholders::timeFormats()
{
    QFETCH(QString, format);
    QFETCH(qint64, offset);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(formatTime(format.toStdString(), kEpoch + offset)), text);
}

void TestPlaceholders::goFloats_data()
{
    QTest::addColumn<double>("value");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << 0.0 << "0";
    QTest::newRow("whole seconds") << 12.0 << "12";
    QTest::newRow("half") << 10.5 << "10.5";
    QTest::newRow("milliseconds") << 10.001 << "10.001";
    QTest::newRow("a tenth") << 0.1 << "0.1";
    QTest::newRow("small: exponent") << 0.00001 << "1e-05";
    QTest::newRow("below a million: plain") << 123456.0 << "123456";
    QTest::newRow("a million and more: exponent") << 1234567.0 << "1.234567e+06";
    QTest::newRow("negative") << -2.5 << "-2.5";
}

void TestPlaceholders::goFloats()
{
    QFETCH(double, value);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(goFloat(value)), text);
}

void TestPlaceholders::goDurations_data()
{
    QTest::addColumn<qint64>("millis");
    QTest::addColumn<QString>("text");

    QTest::newRow("zero") << qint64(0) << "0s";
    QTest::newRow("milliseconds") << qint64(250) << "250ms";
    QTest::newRow("one second") << qint64(1000) << "1s";
    QTest::newRow("fractional seconds") << qint64(10500) << "10.5s";
    QTest::newRow("minutes") << qint64(90000) << "1m30s";
    QTest::newRow("an hour") << qint64(3600000) << "1h0m0s";
    QTest::newRow("hours, minutes, fraction") << qint64(7201500) << "2h0m1.5s";
    QTest::newRow("negative") << qint64(-1500) << "-1.5s";
}

void TestPlaceholders::goDurations()
{
    QFETCH(qint64, millis);
    QFETCH(QString, text);
    QCOMPARE(QString::fromStdString(goDuration(millis)), text);
}

void TestPlaceholders::jsonStrings_data()
{
    QTest::addColumn<QString>("in");
    QTest::addColumn<QString>("out");

    QTest::newRow("plain") << "etcd" << "\"etcd\"";
    QTest::newRow("quotes and backslashes") << "a\"b\\c" << "\"a\\\"b\\\\c\"";
    QTest::newRow("newline and tab") << "a\nb\tc" << "\"a\\nb\\tc\"";
    QTest::newRow("HTML-safe like encoding/json") << "<a&b>" << "\"\\u003ca\\u0026b\\u003e\"";
    QTest::newRow("control character") << QString(QChar(1)) << "\"\\u0001\"";
    QTest::newRow("line and paragraph separators") << QString(QChar(0x2028)) + QChar(0x2029) << "\"\\u2028\\u2029\"";
    QTest::newRow("other non-ASCII as it is") << "ünï ✓" << "\"ünï ✓\"";
}

void TestPlaceholders::jsonStrings()
{
    QFETCH(QString, in);
    QFETCH(QString, out);
    QCOMPARE(QString::fromStdString(podlab::manifest::jsonQuoted(in.toStdString())), out);
}

void TestPlaceholders::lines_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("lines");

    QTest::newRow("one line per child")
        << "{each:children}{time} [notice] 1#1: start worker process {workerPid}"
        << QStringList{"2026/01/01 00:00:12 [notice] 1#1: start worker process 29",
                       "2026/01/01 00:00:12 [notice] 1#1: start worker process 30"};
    QTest::newRow("one line per burned CPU") << "{each:cpus}spinning" << QStringList{"spinning", "spinning", "spinning"};
    QTest::newRow("signals as nginx and Go name them")
        << "signal {signalNumber} ({signalName}) received: {signal}"
        << QStringList{"signal 15 (SIGTERM) received: terminated"};
    QTest::newRow("the program's age") << "error: {elapsedSeconds} after {elapsedDuration}"
                                       << QStringList{"error: 12.003 after 12.003s"};
    QTest::newRow("identity") << "{hostname} {podIP} on {nodeName}, Linux {kernel}, pid {pid}"
                              << QStringList{"web-0 10.244.1.5 on worker-1, Linux 6.1.0, pid 1"};
    QTest::newRow("arguments") << "hogs: {arg:workers} vm; {args}; {argsJson}"
                               << QStringList{"hogs: 1 vm; stress --vm 1; [\"stress\",\"--vm\",\"1\"]"};
    QTest::newRow("ports") << "HTTP on {port}, UDP on {udpPort}" << QStringList{"HTTP on 8080, UDP on 8081"};
    QTest::newRow("braces that name nothing stay") << "{\"health\":\"true\"} {nope} {arg:none} {"
                                                   << QStringList{"{\"health\":\"true\"} {nope} {arg:none} {"};
    QTest::newRow("epoch seconds") << "({epochSeconds})" << QStringList{"(1767225612)"};
}

void TestPlaceholders::lines()
{
    QFETCH(QString, text);
    QFETCH(QStringList, lines);

    const std::vector<int> children{29, 30};
    const std::map<std::string, std::string> arguments{{"workers", "1"}};
    const std::vector<std::string> argv{"stress", "--vm", "1"};
    PlaceholderContext c;
    c.epochMs = kEpoch + 12003;
    c.timeFormat = "%Y/%m/%d %H:%M:%S";
    c.pid = 1;
    c.children = &children;
    c.cpus = 3;
    c.hostname = "web-0";
    c.podIP = "10.244.1.5";
    c.nodeName = "worker-1";
    c.kernel = "6.1.0";
    c.age = 12003;
    c.arguments = &arguments;
    c.argv = &argv;
    c.port = 8080;
    c.udpPort = 8081;
    c.signal = 15;
    QStringList got;
    for (const std::string& line : expandLine(text.toStdString(), c))
        got << QString::fromStdString(line);
    QCOMPARE(got, lines);
}

QTEST_GUILESS_MAIN(TestPlaceholders)
#include "tst_placeholders.moc"
