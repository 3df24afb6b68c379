// Which exec commands the runtime may run on an image's shared files: only those that certainly cannot write.
#include "sim/runtime/engine.h"

#include <QTest>

using namespace podlab::sim::runtime::detail;

class TestCommandShape : public QObject {
    Q_OBJECT

private slots:
    void readOnly_data();
    void readOnly();
};

void TestCommandShape::readOnly_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<bool>("readOnly");

    QTest::newRow("exec-liveness probe: cat") << QStringList{"cat", "/tmp/healthy"} << true;
    QTest::newRow("cat through sh -c") << QStringList{"sh", "-c", "cat /tmp/healthy"} << true;
    QTest::newRow("a redirection into a file writes") << QStringList{"sh", "-c", "echo hi > /tmp/x"} << false;
    QTest::newRow("appending writes") << QStringList{"/bin/sh", "-c", "date >> /tmp/log"} << false;
    QTest::newRow("output thrown away") << QStringList{"sh", "-c", "curl -sf localhost > /dev/null 2>&1"} << true;
    QTest::newRow("curl -o writes") << QStringList{"curl", "-o", "/tmp/x", "localhost"} << false;
    QTest::newRow("curl -sfo in a cluster writes") << QStringList{"curl", "-sfo", "/tmp/x", "localhost"} << false;
    QTest::newRow("wget to stdout") << QStringList{"wget", "-qO-", "localhost"} << true;
    QTest::newRow("wget -O - localhost") << QStringList{"wget", "-O", "-", "localhost"} << true;
    QTest::newRow("wget --spider") << QStringList{"wget", "--spider", "localhost"} << true;
    QTest::newRow("wget saves a file") << QStringList{"wget", "localhost"} << false;
    QTest::newRow("touch writes") << QStringList{"touch", "/tmp/healthy"} << false;
    QTest::newRow("rm in a script writes") << QStringList{"sh", "-c", "test -f /x && rm -f /x"} << false;
    QTest::newRow("a variable could name anything") << QStringList{"sh", "-c", "cat $FILE"} << false;
    QTest::newRow("command substitution") << QStringList{"sh", "-c", "echo $(cat /x)"} << false;
    QTest::newRow("nginx -s quit signals, writes nothing") << QStringList{"nginx", "-s", "quit"} << true;
    QTest::newRow("nginx in the foreground is not a probe") << QStringList{"nginx", "-g", "daemon off;"} << false;
    QTest::newRow("redis-cli ping") << QStringList{"redis-cli", "ping"} << true;
    QTest::newRow("lifecycle preStop") << QStringList{"/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"}
                                       << true;
    QTest::newRow("an interactive shell") << QStringList{"sh"} << false;
    QTest::newRow("find -delete") << QStringList{"find", "/tmp", "-delete"} << false;
    QTest::newRow("sort -o") << QStringList{"sort", "-o", "/tmp/x", "/etc/passwd"} << false;
    QTest::newRow("env running a command") << QStringList{"env", "A=1", "touch", "/x"} << false;
    QTest::newRow("tests and listings") << QStringList{"sh", "-c", "test -f /a && ls /b 2>/dev/null || echo no"} << true;
    QTest::newRow("a function may do anything") << QStringList{"sh", "-c", "f() { :; }; f"} << false;
    QTest::newRow("a syntax error") << QStringList{"sh", "-c", "if then"} << false;
}

void TestCommandShape::readOnly()
{
    QFETCH(QStringList, argv);
    QFETCH(bool, readOnly);
    std::vector<std::string> args;
    for (const QString& a : argv)
        args.push_back(a.toStdString());
    QCOMPARE(commandShape(args, nullptr).readOnly, readOnly);
}

QTEST_GUILESS_MAIN(TestCommandShape)
#include "tst_commandshape.moc"
