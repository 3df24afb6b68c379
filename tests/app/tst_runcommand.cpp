// `podlab run`: its command line (help, mistakes in the arguments) and its exit status, which says whether every
// expectation held.
#include "runcommand.h"

#include <QTemporaryDir>
#include <QTest>

class RunCommandTest : public QObject {
    Q_OBJECT

private slots:
    void init() { QVERIFY(m_dir.isValid()); }
    void commandLine_data();
    void commandLine();

private:
    QTemporaryDir m_dir;
};

namespace {

// A scenario whose one expectation holds or not, as `exists` says.
QByteArray scenario(const char* exists)
{
    return QByteArray("kind: Scenario\nnodes: 1\nsteps:\n- kubectl: create namespace demo\n- expect:\n"
                      "    object: Namespace/demo\n    namespace: \"\"\n    exists: ") +
           exists + "\n";
}

} // namespace

void RunCommandTest::commandLine_data()
{
    QTest::addColumn<QByteArray>("file");
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");

    QTest::newRow("help") << QByteArray() << QStringList{"--help"} << 0 << "--until <DURATION>" << "";
    QTest::newRow("-h") << QByteArray() << QStringList{"-h"} << 0 << "docs/scenarios.md" << "";
    QTest::newRow("no file") << QByteArray() << QStringList{} << 2 << ""
                             << "podlab run: name one scenario or manifest file";
    QTest::newRow("unknown option") << QByteArray() << QStringList{"--frobnicate", "x.yaml"} << 2 << ""
                                    << "podlab run: Unknown option 'frobnicate'.";
    QTest::newRow("bad --until") << scenario("true") << QStringList{"--until", "soon"} << 2 << ""
                                 << "podlab run: --until soon";
    QTest::newRow("missing file") << QByteArray() << QStringList{"/nonexistent/scenario.yaml"} << 2 << ""
                                  << "/nonexistent/scenario.yaml";
    QTest::newRow("expectation holds") << scenario("true") << QStringList{} << 0 << "0 failed" << "";
    QTest::newRow("expectation fails") << scenario("false") << QStringList{} << 1 << "1 failed" << "";
}

void RunCommandTest::commandLine()
{
    QFETCH(QByteArray, file);
    QFETCH(QStringList, arguments);
    QFETCH(int, status);
    QFETCH(QString, out);
    QFETCH(QString, err);

    if (!file.isEmpty()) {
        const QString path = m_dir.filePath(QStringLiteral("scenario.yaml"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(file);
        f.close();
        arguments.append(path);
    }
    QString outText;
    QString errText;
    QTextStream outStream(&outText);
    QTextStream errStream(&errText);
    QCOMPARE(podlab::runScenarioCommand(arguments, outStream, errStream), status);
    outStream.flush();
    errStream.flush();
    QVERIFY2(outText.contains(out), qPrintable(outText));
    QVERIFY2(errText.contains(err), qPrintable(errText));
    if (err.isEmpty())
        QVERIFY2(errText.isEmpty(), qPrintable(errText));
}

QTEST_GUILESS_MAIN(RunCommandTest)
#include "tst_runcommand.moc"
