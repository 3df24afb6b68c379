// `podlab validate`: the output format (one problem per line as file:line:col: error: path: message, otherwise one
// summary line per object) and the exit status.
#include "validatecommand.h"

#include <QTemporaryDir>
#include <QTest>

#include <iostream>
#include <sstream>

class ValidateCommandTest : public QObject {
    Q_OBJECT

private slots:
    void init();
    void output_data();
    void output();
    void severalFiles();
    void standardInput();
    void noFiles();
    void summaryLine();

private:
    QString write(const QString& name, const QByteArray& content);
    QTemporaryDir m_dir;
};

namespace {

const QByteArray kPod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n  - name: web\n"
                        "    image: nginx\n";

struct Run {
    int status;
    QStringList lines;
};

Run run(const QStringList& files)
{
    QString text;
    QTextStream out(&text);
    const int status = podlab::runValidate(files, out);
    return {status, text.split('\n', Qt::SkipEmptyParts)};
}

} // namespace

void ValidateCommandTest::init() { QVERIFY(m_dir.isValid()); }

QString ValidateCommandTest::write(const QString& name, const QByteArray& content)
{
    const QString path = m_dir.filePath(name);
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly) || f.write(content) != content.size())
        qFatal("cannot write %s", qPrintable(path));
    return path;
}

void ValidateCommandTest::output_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<int>("status");
    QTest::addColumn<QStringList>("lines"); // with FILE for the file's path
    QTest::newRow("a valid pod") << kPod << 0 << QStringList{"FILE:1:1: Pod \"web\" is valid"};
    QTest::newRow("two objects, two summaries")
        << kPod + "---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n" << 0
        << QStringList{"FILE:1:1: Pod \"web\" is valid", "FILE:10:1: ConfigMap \"settings\" is valid"};
    QTest::newRow("a List, one summary per item")
        << QByteArray("apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n"
                      "    name: a\n- apiVersion: v1\n  kind: ServiceAccount\n  metadata:\n    name: b\n")
        << 0 << QStringList{"FILE:4:3: ServiceAccount \"a\" is valid", "FILE:8:3: ServiceAccount \"b\" is valid"};
    QTest::newRow("JSON") << QByteArray("{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"team\"}}")
                          << 0 << QStringList{"FILE:1:1: Namespace \"team\" is valid"};
    QTest::newRow("one problem") << QByteArray(kPod).replace("image: nginx", "image: nginx\n    imagePullPolicy: Sometimes")
                                 << 1
                                 << QStringList{"FILE:9:5: error: spec.containers[0].imagePullPolicy: Unsupported "
                                                "value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", "
                                                "\"Never\""};
    QTest::newRow("every problem, one per line, and no summary")
        << kPod + "  restartPolicy: Sometimes\n  dnsPolicy: Custom\n" << 1
        << QStringList{"FILE:9:3: error: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
                       "\"Always\", \"OnFailure\", \"Never\"",
                       "FILE:10:3: error: spec.dnsPolicy: Unsupported value: \"Custom\": supported values: "
                       "\"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""};
    QTest::newRow("a good and a bad object in one file")
        << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ok\n---\n" + kPod + "  restartPolicy: Sometimes\n" << 1
        << QStringList{"FILE:14:3: error: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
                       "\"Always\", \"OnFailure\", \"Never\""};
    QTest::newRow("a syntax error") << QByteArray("a: b: c\n") << 1
                                    << QStringList{"FILE:1:5: error: mapping values are not allowed in this context "
                                                   "(a value containing \": \" needs quotes)"};
    QTest::newRow("an unknown field") << QByteArray(kPod).replace("spec:", "spec:\n  restartpolicy: Never") << 1
                                      << QStringList{"FILE:6:3: error: spec.restartpolicy: unknown field "
                                                     "\"restartpolicy\", did you mean \"restartPolicy\"?"};
    QTest::newRow("an empty file") << QByteArray() << 1
                                   << QStringList{"FILE:1:1: error: no objects in the input: the file is empty or "
                                                  "holds only comments"};
    QTest::newRow("a warning does not fail")
        << kPod + "  terminationGracePeriodSeconds: -1\n" << 0
        << QStringList{"FILE:9:3: warning: spec.terminationGracePeriodSeconds: must be >= 0; negative values are "
                       "invalid and will be treated as 1",
                       "FILE:1:1: Pod \"web\" is valid"};
}

void ValidateCommandTest::output()
{
    QFETCH(QByteArray, content);
    QFETCH(int, status);
    QFETCH(QStringList, lines);
    const QString file = write("manifest.yaml", content);
    const Run r = run({file});
    QCOMPARE(r.lines, lines.replaceInStrings("FILE", file));
    QCOMPARE(r.status, status);
}

void ValidateCommandTest::severalFiles()
{
    const QString good = write("good.yaml", kPod);
    const QString bad = write("bad.yaml", "apiVersion: v1\nkind: Pood\nmetadata:\n  name: x\n");
    const QString missing = m_dir.filePath("missing.yaml");
    const Run r = run({good, bad, missing});
    QCOMPARE(r.status, 1);
    QCOMPARE(r.lines, (QStringList{good + ":1:1: Pod \"web\" is valid",
                                   bad + ":2:7: error: no matches for kind \"Pood\" in version \"v1\": did you mean \"Pod\"? PodLab knows "
                                         "Pod, Node, ConfigMap, Secret, ServiceAccount, Namespace, Deployment, "
                                         "ReplicaSet, Service, Endpoints, Event, PodPreset and Lease",
                                   missing + ": error: cannot open the file"}));
    QCOMPARE(run({good, good}).status, 0);
}

void ValidateCommandTest::standardInput()
{
    std::istringstream input(kPod.toStdString());
    std::streambuf* saved = std::cin.rdbuf(input.rdbuf());
    const Run r = run({"-"});
    std::cin.rdbuf(saved);
    std::cin.clear();
    QCOMPARE(r.status, 0);
    QCOMPARE(r.lines, QStringList{"<stdin>:1:1: Pod \"web\" is valid"});
}

void ValidateCommandTest::noFiles()
{
    // Nothing to check is nothing wrong; the command line itself asks for at least one file.
    const Run r = run({});
    QCOMPARE(r.status, 0);
    QVERIFY(r.lines.isEmpty());
}

void ValidateCommandTest::summaryLine()
{
    QCOMPARE(podlab::describeValidObject("a.yaml", 3, 1, "Deployment", "web"),
             QString("a.yaml:3:1: Deployment \"web\" is valid"));
}

QTEST_APPLESS_MAIN(ValidateCommandTest)
#include "tst_validatecommand.moc"
