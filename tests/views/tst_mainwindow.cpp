// The main window: what it shows at start, its menus, live language switching and opening files.
#include "languageswitcher.h"
#include "mainwindow.h"
#include "manifestview.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QLabel>
#include <QLibraryInfo>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

using namespace podlab;

namespace {

QStringList menuTitles(const MainWindow& window)
{
    QStringList titles;
    for (const QAction* action : window.menuBar()->actions())
        titles << action->text();
    return titles;
}

QString summaryOf(const MainWindow& window)
{
    return window.findChild<QLabel*>(QStringLiteral("summary"))->text();
}

QStringList rowTexts(const MainWindow& window)
{
    const auto* list = window.findChild<QListWidget*>(QStringLiteral("problems"));
    QStringList texts;
    for (int i = 0; i < list->count(); ++i)
        texts << list->item(i)->text();
    return texts;
}

QAction* languageAction(const MainWindow& window, const QString& code)
{
    for (QAction* action : window.findChild<QMenu*>(QStringLiteral("languageMenu"))->actions()) {
        if (action->data().toString() == code)
            return action;
    }
    return nullptr;
}

// Runs `check` on the message box the next call opens, then closes it, so that the call returns.
void onNextMessageBox(std::function<void(QMessageBox*)> check)
{
    QTimer::singleShot(0, qApp, [check] {
        auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget());
        QVERIFY(box);
        check(box);
        box->close();
    });
}

} // namespace

class TestMainWindow : public QObject {
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void startsWithTheExampleAndItsVerdict();
    void switchingLanguageRetranslatesLive();
    void theLanguageMenuSwitchesAndIsRemembered();
    void qtsOwnStringsFollowTheLanguage();
    void withoutAChoiceTheSystemLanguageIsUsed();
    void bestLanguage_data();
    void bestLanguage();
    void openingABrokenManifestShowsPositionedErrors();
    void openingAMissingFileSaysWhy();
    void zoomChangesTheTextSizeAndIsRemembered();
    void aboutNamesTheVersions();
};

void TestMainWindow::initTestCase()
{
    // Settings go to a test location, never the user's.
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral("9.8.7"));
}

void TestMainWindow::init()
{
    QSettings settings;
    settings.clear();
    settings.setValue(QStringLiteral("language"), QStringLiteral("en"));
}

void TestMainWindow::startsWithTheExampleAndItsVerdict()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.windowTitle(), QStringLiteral("liveness-exec.yaml — PodLab"));
    QCOMPARE(window.language(), QStringLiteral("en"));
    QCOMPARE(menuTitles(window),
             (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help")}));
    const auto* view = window.findChild<ManifestView*>(QStringLiteral("manifestView"));
    QCOMPARE(view->fileName(), QStringLiteral("liveness-exec.yaml"));
    QVERIFY(view->result().ok());
    QCOMPARE(summaryOf(window), QStringLiteral("Valid: the API server would accept 1 object."));
    QCOMPARE(rowTexts(window), QStringList{QStringLiteral("Line 6: Pod “liveness-exec” is valid")});
    QVERIFY(!window.grab().isNull());
}

void TestMainWindow::switchingLanguageRetranslatesLive()
{
    MainWindow window;
    window.show();
    window.setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(window.language(), QStringLiteral("zh_CN"));
    // Qt posts LanguageChange to the windows.
    QTRY_COMPARE(menuTitles(window), (QStringList{QStringLiteral("文件(&F)"), QStringLiteral("视图(&V)"),
                                                  QStringLiteral("帮助(&H)")}));
    QCOMPARE(window.findChild<QMenu*>(QStringLiteral("languageMenu"))->title(), QStringLiteral("语言(&L)"));
    QCOMPARE(window.windowTitle(), QStringLiteral("liveness-exec.yaml — PodLab"));
    QCOMPARE(summaryOf(window), QStringLiteral("有效：API 服务器会接受 1 个对象。"));
    QCOMPARE(rowTexts(window), QStringList{QStringLiteral("第 6 行：Pod “liveness-exec” 有效")});

    window.setLanguage(QStringLiteral("en"));
    QTRY_COMPARE(menuTitles(window),
                 (QStringList{QStringLiteral("&File"), QStringLiteral("&View"), QStringLiteral("&Help")}));
    QCOMPARE(summaryOf(window), QStringLiteral("Valid: the API server would accept 1 object."));
}

void TestMainWindow::theLanguageMenuSwitchesAndIsRemembered()
{
    {
        MainWindow window;
        QAction* chinese = languageAction(window, QStringLiteral("zh_CN"));
        QVERIFY(chinese);
        QCOMPARE(chinese->text(), QStringLiteral("简体中文"));
        QVERIFY(languageAction(window, QStringLiteral("en"))->isChecked());
        chinese->trigger();
        QVERIFY(chinese->isChecked());
        QVERIFY(!languageAction(window, QStringLiteral("en"))->isChecked());
        QCOMPARE(QSettings().value(QStringLiteral("language")).toString(), QStringLiteral("zh_CN"));
    }
    MainWindow next;
    QCOMPARE(next.language(), QStringLiteral("zh_CN"));
    QVERIFY(languageAction(next, QStringLiteral("zh_CN"))->isChecked());
    QTRY_COMPARE(next.findChild<QMenu*>(QStringLiteral("fileMenu"))->title(), QStringLiteral("文件(&F)"));
}

void TestMainWindow::qtsOwnStringsFollowTheLanguage()
{
    const QString qtTranslations = QLibraryInfo::path(QLibraryInfo::TranslationsPath);
    if (!QFile::exists(qtTranslations + QStringLiteral("/qtbase_zh_CN.qm")))
        QSKIP("Qt's own Chinese translation is not installed (Debian: qt6-translations-l10n)");
    MainWindow window;
    window.setLanguage(QStringLiteral("zh_CN"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("取消"));
    window.setLanguage(QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("QPlatformTheme", "Cancel"), QStringLiteral("Cancel"));
}

void TestMainWindow::withoutAChoiceTheSystemLanguageIsUsed()
{
    QSettings().remove(QStringLiteral("language"));
    MainWindow window;
    QCOMPARE(window.language(), LanguageSwitcher::bestLanguage(QLocale::system().uiLanguages()));
    // Following the system is not a choice: nothing is saved until the user picks from the menu.
    QVERIFY(!QSettings().contains(QStringLiteral("language")));
}

void TestMainWindow::bestLanguage_data()
{
    QTest::addColumn<QStringList>("uiLanguages");
    QTest::addColumn<QString>("expected");
    QTest::newRow("Chinese, China") << QStringList{"zh-Hans-CN", "zh-CN", "zh"} << "zh_CN";
    QTest::newRow("Chinese, Singapore") << QStringList{"zh-SG"} << "zh_CN";
    QTest::newRow("Chinese, Taiwan, then English") << QStringList{"zh-TW", "en-US"} << "en";
    QTest::newRow("German, then Chinese") << QStringList{"de-DE", "zh-CN"} << "zh_CN";
    QTest::newRow("English, UK") << QStringList{"en-GB"} << "en";
    QTest::newRow("French only") << QStringList{"fr-FR"} << "en";
    QTest::newRow("C locale") << QStringList{"C"} << "en";
    QTest::newRow("nothing") << QStringList{} << "en";
}

void TestMainWindow::bestLanguage()
{
    QFETCH(QStringList, uiLanguages);
    QFETCH(QString, expected);
    QCOMPARE(LanguageSwitcher::bestLanguage(uiLanguages), expected);
}

void TestMainWindow::openingABrokenManifestShowsPositionedErrors()
{
    MainWindow window;
    QVERIFY(window.openManifest(QStringLiteral(PODLAB_SOURCE_DIR "/tests/views/data/broken-liveness.yaml")));
    QCOMPARE(window.windowTitle(), QStringLiteral("broken-liveness.yaml — PodLab"));
    QCOMPARE(summaryOf(window), QStringLiteral("The API server would reject this manifest: 3 problems."));
    const QStringList rows = rowTexts(window);
    QCOMPARE(rows.size(), 3);
    QVERIFY2(rows[0].startsWith(QLatin1String("Line 9, column 5: spec.containers[0].name\n")),
             qPrintable(rows[0]));
    QVERIFY2(rows[1].startsWith(QLatin1String("Line 9, column 5: spec.containers[0].image\n")),
             qPrintable(rows[1]));
    QVERIFY2(rows[2].startsWith(
                 QLatin1String("Line 20, column 7: spec.containers[0].livenessProbe.periodSeconds\n")),
             qPrintable(rows[2]));

    // The chrome is translated; the API server's own words are not, as in kubectl's output.
    window.setLanguage(QStringLiteral("zh_CN"));
    QTRY_COMPARE(summaryOf(window), QStringLiteral("API 服务器会拒绝此清单：3 个问题。"));
    QVERIFY2(
        rowTexts(window)[2].startsWith(QStringLiteral("第 20 行，第 7 列：spec.containers[0].livenessProbe."
                                                      "periodSeconds\nInvalid value: -5")),
        qPrintable(rowTexts(window)[2]));
}

void TestMainWindow::openingAMissingFileSaysWhy()
{
    MainWindow window;
    QString text;
    onNextMessageBox([&text](QMessageBox* box) { text = box->text(); });
    QVERIFY(!window.openManifest(QStringLiteral("/nonexistent/pod.yaml")));
    QVERIFY2(text.startsWith(QLatin1String("Cannot open pod.yaml:")), qPrintable(text));
    // What was showing stays.
    QCOMPARE(window.findChild<ManifestView*>(QStringLiteral("manifestView"))->fileName(),
             QStringLiteral("liveness-exec.yaml"));
}

void TestMainWindow::zoomChangesTheTextSizeAndIsRemembered()
{
    const QString key = QStringLiteral("view/textPointSize");
    {
        MainWindow window;
        const auto* view = window.findChild<ManifestView*>(QStringLiteral("manifestView"));
        QCOMPARE(view->textPointSize(), 14);
        QAction* zoomIn = window.findChild<QMenu*>(QStringLiteral("viewMenu"))->actions().at(0);
        QVERIFY(zoomIn->shortcuts().contains(QKeySequence(Qt::CTRL | Qt::Key_Equal)));
        zoomIn->trigger();
        QCOMPARE(view->textPointSize(), 16);
        QCOMPARE(QSettings().value(key).toInt(), 16);
    }
    MainWindow next;
    QCOMPARE(next.findChild<ManifestView*>(QStringLiteral("manifestView"))->textPointSize(), 16);
}

void TestMainWindow::aboutNamesTheVersions()
{
    MainWindow window;
    QAction* about = window.findChild<QMenu*>(QStringLiteral("helpMenu"))->actions().at(0);
    QCOMPARE(about->text(), QStringLiteral("&About PodLab"));
    QString text;
    onNextMessageBox([&text](QMessageBox* box) { text = box->text(); });
    about->trigger();
    QVERIFY2(text.contains(QLatin1String("PodLab 9.8.7")), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("Qt " QT_VERSION_STR)), qPrintable(text));
}

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
