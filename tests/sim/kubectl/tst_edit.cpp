// kubectl edit: the file it opens, and what each way of saving it leads to — an edit stored, an edit cancelled,
// a save the server refuses (the file reopens with the reasons; saved again unchanged, kubectl gives up and keeps
// a copy), a renamed object refused at once.
#include "commandoutcome.h"
#include "kubectlsession.h"

#include "sim/kubectl/edit.h"

#include <QTest>

using namespace podlab;
using namespace podlab::testing;

namespace {

// One save in the editor: "" saves what was opened; "<empty>" saves an empty file; "<quit>" quits without
// saving; otherwise "old=>new", the text replaced.
std::optional<std::string> save(const QString& action, const std::string& file)
{
    if (action.isEmpty())
        return file;
    if (action == "<empty>")
        return std::string("# nothing\n");
    if (action == "<quit>")
        return std::nullopt;
    const QStringList parts = action.split("=>");
    std::string edited = file;
    const std::string from = parts[0].toStdString();
    const size_t at = edited.find(from);
    if (at == std::string::npos)
        qFatal("fixture: %s is not in the file", qPrintable(parts[0]));
    edited.replace(at, from.size(), parts[1].toStdString());
    return edited;
}

} // namespace

class TestEdit : public QObject {
    Q_OBJECT
private slots:
    void outcomes_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QStringList>("saves"); // what the person does each time the editor opens
        addOutcomeColumns();
        const QString copy = "A copy of your changes has been stored to \"/tmp/kubectl-edit-";

        QTest::newRow("a value changed") << "edit configmap game" << QStringList{"lives: \"3\"=>lives: \"5\""}
                                         << "configmap/game edited\n" << "" << 0
                                         << "get cm game -o jsonpath={.data.lives}" << "5";
        QTest::newRow("TYPE/NAME") << "edit cm/game" << QStringList{"lives: \"3\"=>lives: \"4\""}
                                   << "configmap/game edited\n" << "" << 0 << "" << "";
        QTest::newRow("saved as opened") << "edit configmap game" << QStringList{""} << ""
                                         << "Edit cancelled, no changes made.\n" << 0
                                         << "get cm game -o jsonpath={.data.lives}" << "3";
        QTest::newRow("quit without saving") << "edit configmap game" << QStringList{"<quit>"} << ""
                                             << "Edit cancelled, no changes made.\n" << 0 << "" << "";
        QTest::newRow("saved empty") << "edit configmap game" << QStringList{"<empty>"} << ""
                                     << "Edit cancelled, saved file was empty.\n" << 0 << "" << "";
        QTest::newRow("renamed") << "edit configmap game" << QStringList{"name: game=>name: game2"} << ""
                                 << copy + "<path>\"\nerror: At least one of apiVersion, kind and name was changed\n"
                                 << 1 << "get cm game -o jsonpath={.data.lives}" << "3";
        QTest::newRow("immutable, then given up")
            << "edit configmap frozen" << QStringList{"level: \"1\"=>level: \"2\"", ""}
            << "error: configmaps \"frozen\" is invalid\n"
            << copy + "<path>\"\nerror: Edit cancelled, no valid changes were saved.\n" << 1
            << "get cm frozen -o jsonpath={.data.level}" << "1";
        QTest::newRow("immutable, then put back in the reopened file")
            << "edit configmap frozen" << QStringList{"level: \"1\"=>level: \"2\"", "level: \"2\"=>level: \"1\""}
            << "error: configmaps \"frozen\" is invalid\n"
            << "Edit cancelled, no changes made.\n" << 0 << "get cm frozen -o jsonpath={.data.level}" << "1";
        QTest::newRow("a syntax error reopens the file")
            << "edit configmap game" << QStringList{"lives: \"3\"=>lives: [3", ""} << ""
            << copy + "<path>\"\nerror: Edit cancelled, no valid changes were saved.\n" << 1
            << "get cm game -o jsonpath={.data.lives}" << "3";
        QTest::newRow("a syntax error, then a good save")
            << "edit configmap game" << QStringList{"lives: \"3\"=>lives: [3", "lives: [3=>lives: \"6\""}
            << "configmap/game edited\n" << "" << 0 << "get cm game -o jsonpath={.data.lives}" << "6";
        QTest::newRow("no such object") << "edit configmap nope" << QStringList{} << ""
                                        << "Error from server (NotFound): configmaps \"nope\" not found\n" << 1 << ""
                                        << "";
    }
    void outcomes()
    {
        QFETCH(QString, command);
        QFETCH(QStringList, saves);
        KubectlSession k;
        QCOMPARE(k.run("create configmap game --from-literal=lives=3").exitCode, 0);
        QCOMPARE(k.run("create configmap frozen --from-literal=level=1").exitCode, 0);
        QCOMPARE(k.run(R"(patch configmap frozen -p '{"immutable":true}')").exitCode, 0);
        QStringList opened; // every file the editor was given
        int round = 0;
        sim::kubectl::CommandOutput result = k.run(command, [&](const std::string& file) {
            opened << QString::fromStdString(file);
            if (round >= saves.size())
                qFatal("fixture: the editor opened %d times", round + 1);
            return save(saves[round++], file);
        });
        QCOMPARE(round, saves.size());
        // The copy's name is drawn from its text: checked apart.
        const qsizetype at = QString::fromStdString(result.err).indexOf("/tmp/kubectl-edit-");
        if (at >= 0) {
            const qsizetype end = QString::fromStdString(result.err).indexOf(".yaml\"", at);
            QVERIFY(end > at);
            result.err.replace(size_t(at + 18), size_t(end + 5 - at - 18), "<path>");
            result.err.replace(result.err.find("kubectl-edit-<path>"), 19, "kubectl-edit-<path>");
        }
        verifyOutcome(result, [&](const QString& q) { return k.run(q); });
        if (!opened.isEmpty())
            QVERIFY(opened.front().startsWith("# Please edit the object below. Lines beginning with a '#' will be "
                                              "ignored,\n# and an empty file will abort the edit."));
    }

    // A refused save reopens the file with the server's reasons as comments over what was saved.
    void reopenedFileNamesTheReasons()
    {
        KubectlSession k;
        k.run("create configmap frozen --from-literal=level=1");
        k.run(R"(patch configmap frozen -p '{"immutable":true}')");
        QStringList opened;
        k.run("edit configmap frozen", [&](const std::string& file) {
            opened << QString::fromStdString(file);
            return opened.size() == 1 ? save("level: \"1\"=>level: \"2\"", file) : std::optional<std::string>(file);
        });
        QCOMPARE(opened.size(), 2);
        QVERIFY2(opened[1].contains("#\n# configmaps \"frozen\" was not valid:\n# * data: Forbidden: field is immutable "
                                    "when `immutable` is set\n#\n"),
                 qPrintable(opened[1]));
        QVERIFY(opened[1].contains("level: \"2\"")); // what was saved, not the original
    }

    void commentsAndEmptiness_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("stripped");
        QTest::addColumn<bool>("hasLines");
        QTest::newRow("comments go") << "# a\nkind: X\n  # b\nx: 1\n" << "kind: X\nx: 1\n" << true;
        QTest::newRow("only comments and blanks") << "# a\n\n   \n# b\n" << "\n   \n" << false;
        QTest::newRow("a # inside a line stays") << "x: a # b\n" << "x: a # b\n" << true;
    }
    void commentsAndEmptiness()
    {
        QFETCH(QString, file);
        QFETCH(QString, stripped);
        QFETCH(bool, hasLines);
        QCOMPARE(QString::fromStdString(sim::kubectl::stripComments(file.toStdString())), stripped);
        QCOMPARE(sim::kubectl::hasLines(file.toStdString()), hasLines);
    }
};

QTEST_MAIN(TestEdit)
#include "tst_edit.moc"
