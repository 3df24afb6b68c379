// Renders PodLab's window to a PNG, for docs/screenshots:
//
//   podlab_screenshot [--stored | --about] LANGUAGE OUTPUT.png [MANIFEST]
//
// LANGUAGE is "en" or "zh_CN"; without MANIFEST the window shows the bundled example, as at start-up.
// --stored shows the "As Stored" tab, --about renders the About box instead of the window. Settings are kept
// apart from the user's (QStandardPaths test mode) and start empty, so the picture is reproducible.
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QMenu>
#include <QSettings>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

int main(int argc, char** argv)
{
    QStandardPaths::setTestModeEnabled(true);
    QApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PODLAB_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Render the PodLab window to a PNG file."));
    parser.addHelpOption();
    const QCommandLineOption stored(QStringLiteral("stored"), QStringLiteral("Show the \"As Stored\" tab."));
    const QCommandLineOption about(QStringLiteral("about"), QStringLiteral("Render the About box."));
    parser.addOptions({stored, about});
    parser.addPositionalArgument(QStringLiteral("LANGUAGE"), QStringLiteral("en or zh_CN"));
    parser.addPositionalArgument(QStringLiteral("OUTPUT"), QStringLiteral("The PNG file to write."));
    parser.addPositionalArgument(QStringLiteral("MANIFEST"),
                                 QStringLiteral("A manifest to show instead of the example."),
                                 QStringLiteral("[MANIFEST]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    if (args.size() < 2)
        parser.showHelp(2);

    QSettings().clear();
    podlab::MainWindow window;
    window.setLanguage(args[0]);
    if (window.language() != args[0]) {
        QTextStream(stderr) << "podlab_screenshot: no such language: " << args[0] << '\n';
        return 2;
    }
    if (args.size() > 2 && !window.openManifest(args[2]))
        return 1;
    window.resize(1280, 800);
    if (parser.isSet(stored))
        window.findChild<QTabWidget*>(QStringLiteral("tabs"))->setCurrentIndex(1);
    window.show();

    int status = 0;
    // Once the posted LanguageChange and layout events have been handled (and the About box is up).
    QTimer::singleShot(500, &app, [&] {
        QWidget* target = parser.isSet(about) ? QApplication::activeModalWidget() : &window;
        if (target == nullptr || !target->grab().save(args[1])) {
            QTextStream(stderr) << "podlab_screenshot: cannot write " << args[1] << '\n';
            status = 1;
        }
        if (target != &window)
            target->close();
        app.quit();
    });
    if (parser.isSet(about))
        window.findChild<QMenu*>(QStringLiteral("helpMenu"))->actions().at(0)->trigger();
    else
        app.exec();
    return status;
}
