// The read-only manifest view: the verdict, the problems marked in the text, and problems leading back to it.
#include "codeeditor.h"
#include "manifestview.h"
#include "validationview.h"

#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QTextBlock>

using namespace podlab;

namespace {

QByteArray readSource(const char* relativePath)
{
    QFile file(QStringLiteral(PODLAB_SOURCE_DIR "/") + QLatin1String(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", relativePath);
    return file.readAll();
}

QStringList rowTexts(const QListWidget* list)
{
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts << list->item(i)->text();
    return texts;
}

} // namespace

class TestManifestView : public QObject {
    Q_OBJECT
private slots:
    void showsTheExampleAsValid();
    void showsDefaultsAsStored();
    void marksEachProblem_data();
    void marksEachProblem();
    void anEmptyFileIsNotCalledValid();
    void clickingAProblemMovesTheCursorThere();
    void textSizeChangesTheEditorFont();
};

void TestManifestView::showsTheExampleAsValid()
{
    ManifestView view;
    const QByteArray bytes = readSource("resources/examples/liveness-exec.yaml");
    view.showManifest(bytes, QStringLiteral("liveness-exec.yaml"));

    QCOMPARE(view.findChild<CodeEditor*>(QStringLiteral("source"))->toPlainText(), QString::fromUtf8(bytes));
    auto* validation = view.findChild<ValidationView*>(QStringLiteral("validation"));
    QCOMPARE(validation->status(), ValidationView::Status::Valid);
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("summary"))->text(),
             QStringLiteral("Valid: the API server would accept 1 object(s)."));
    QCOMPARE(rowTexts(view.findChild<QListWidget*>(QStringLiteral("problems"))),
             QStringList{QStringLiteral("Line 6: Pod “liveness-exec” is valid")});
    auto* tabs = view.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QCOMPARE(tabs->tabText(0), QStringLiteral("liveness-exec.yaml (read-only)"));
}

void TestManifestView::showsDefaultsAsStored()
{
    ManifestView view;
    view.showManifest(readSource("resources/examples/liveness-exec.yaml"),
                      QStringLiteral("liveness-exec.yaml"));
    auto* tabs = view.findChild<QTabWidget*>(QStringLiteral("tabs"));
    QVERIFY(tabs->isTabEnabled(1));
    const QString stored = view.findChild<CodeEditor*>(QStringLiteral("stored"))->toPlainText();
    // Defaults the manifest does not write, filled in as the API server does.
    QVERIFY2(stored.contains(QLatin1String("restartPolicy: Always")), qPrintable(stored));
    QVERIFY2(stored.contains(QLatin1String("failureThreshold: 3")), qPrintable(stored));
    QVERIFY2(stored.contains(QLatin1String("terminationMessagePath: /dev/termination-log")),
             qPrintable(stored));
}

void TestManifestView::marksEachProblem_data()
{
    QTest::addColumn<QByteArray>("manifest");
    QTest::addColumn<QStringList>("rows");
    QTest::addColumn<QString>("summary");

    QTest::newRow("validation errors")
        << readSource("tests/views/data/broken-liveness.yaml")
        << QStringList{QStringLiteral(
                           "Line 9, column 5: spec.containers[0].name\nInvalid value: \"Liveness\""),
                       QStringLiteral("Line 9, column 5: spec.containers[0].image\nRequired value"),
                       QStringLiteral("Line 20, column 7: spec.containers[0].livenessProbe.periodSeconds\n"
                                      "Invalid value: -5: must be greater than or equal to 0")}
        << QStringLiteral("The API server would reject this manifest: 3 problem(s).");
    QTest::newRow("unknown field")
        << QByteArray("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
                      "  - name: web\n    image: nginx\n    imagePullPolicy: Always\n    port: 80\n")
        << QStringList{QStringLiteral("Line 10, column 5: spec.containers[0].port\nunknown field \"port\"")}
        << QStringLiteral("The API server would reject this manifest: 1 problem(s).");
    QTest::newRow("YAML syntax") << QByteArray("apiVersion: v1\nkind: Pod\nmetadata:\n  labels: [a\n")
                                 << QStringList{QStringLiteral("Line 5, column 1\n")}
                                 << QStringLiteral(
                                        "The API server would reject this manifest: 1 problem(s).");
}

void TestManifestView::marksEachProblem()
{
    QFETCH(QByteArray, manifest);
    QFETCH(QStringList, rows);
    QFETCH(QString, summary);

    ManifestView view;
    view.showManifest(manifest, QStringLiteral("pod.yaml"));
    QCOMPARE(view.findChild<ValidationView*>(QStringLiteral("validation"))->status(),
             ValidationView::Status::Error);
    QCOMPARE(view.findChild<QLabel*>(QStringLiteral("summary"))->text(), summary);
    const QStringList actual = rowTexts(view.findChild<QListWidget*>(QStringLiteral("problems")));
    QCOMPARE(actual.size(), rows.size());
    // Each row starts with its position and field; the API server's message may go on (suggestions, rules).
    for (int i = 0; i < rows.size(); ++i)
        QVERIFY2(actual[i].startsWith(rows[i]), qPrintable(actual[i]));
    // Nothing stored: the API server would store no object from a manifest it rejects.
    QVERIFY(!view.findChild<QTabWidget*>(QStringLiteral("tabs"))->isTabEnabled(1));
}

void TestManifestView::anEmptyFileIsNotCalledValid()
{
    ManifestView view;
    view.showManifest(QByteArray("# nothing yet\n"), QStringLiteral("empty.yaml"));
    QCOMPARE(view.findChild<ValidationView*>(QStringLiteral("validation"))->status(), ValidationView::Status::Error);
    const QStringList rows = rowTexts(view.findChild<QListWidget*>(QStringLiteral("problems")));
    QCOMPARE(rows.size(), 1);
    QVERIFY2(rows[0].startsWith(QLatin1String("Line 1, column 1\nno objects")), qPrintable(rows[0]));
}

void TestManifestView::clickingAProblemMovesTheCursorThere()
{
    ManifestView view;
    view.showManifest(readSource("tests/views/data/broken-liveness.yaml"),
                      QStringLiteral("broken-liveness.yaml"));
    view.resize(1000, 700);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto* tabs = view.findChild<QTabWidget*>(QStringLiteral("tabs"));
    tabs->setCurrentIndex(1);
    auto* list = view.findChild<QListWidget*>(QStringLiteral("problems"));
    auto* validation = view.findChild<ValidationView*>(QStringLiteral("validation"));
    QSignalSpy activated(validation, &ValidationView::positionActivated);

    const QRect row = list->visualItemRect(list->item(2));
    QVERIFY(!row.isEmpty());
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, row.center());

    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0), (QVariantList{20, 7}));
    auto* source = view.findChild<CodeEditor*>(QStringLiteral("source"));
    QCOMPARE(tabs->currentWidget(), source);
    QCOMPARE(source->textCursor().blockNumber() + 1, 20);
    QCOMPARE(source->textCursor().positionInBlock() + 1, 7);
    QVERIFY(source->textCursor().block().text().mid(6).startsWith(QLatin1String("periodSeconds")));
}

void TestManifestView::textSizeChangesTheEditorFont()
{
    ManifestView view;
    view.setTextPointSize(24);
    QCOMPARE(view.textPointSize(), 24);
    QCOMPARE(view.findChild<CodeEditor*>(QStringLiteral("source"))->font().pointSize(), 24);
    QCOMPARE(view.findChild<QListWidget*>(QStringLiteral("problems"))->font().pointSize(), 24);
}

QTEST_MAIN(TestManifestView)
#include "tst_manifestview.moc"
