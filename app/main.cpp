// podlab: the desktop application, and its command line.
//
//   podlab                    open the main window (or, with no display, work in the terminal)
//   podlab validate FILE...   check manifests as the API server would ("-" reads standard input)
//   podlab run FILE           run a scenario (or a manifest on three nodes) headless: transcript and checks
//   podlab --help | --version
#ifndef PODLAB_NO_GUI
#include "mainwindow.h"
#endif
#include "runcommand.h"
#include "terminalfallback.h"
#include "validatecommand.h"

#ifndef PODLAB_NO_GUI
#include <QApplication>
#endif
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

namespace {

#ifndef PODLAB_NO_GUI
// A window needs a display. Qt's offscreen and minimal platforms draw nowhere a person could see, so they
// count as none (otherwise `podlab` would sit forever behind an invisible window).
// Returns what is missing, or an empty string when a window can be shown.
QString missingDisplay()
{
    const QByteArray platform = qgetenv("QT_QPA_PLATFORM");
    if (platform.startsWith("offscreen") || platform.startsWith("minimal"))
        return QStringLiteral("QT_QPA_PLATFORM=%1 draws nowhere visible").arg(QString::fromLatin1(platform));
    if (qEnvironmentVariableIsSet("DISPLAY") || qEnvironmentVariableIsSet("WAYLAND_DISPLAY") || !platform.isEmpty())
        return {};
    return QStringLiteral("no display (DISPLAY and WAYLAND_DISPLAY are unset)");
}
#endif

int validate(int argc, char** argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Check Kubernetes manifests as the API server would."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("validate"), QStringLiteral("The command."));
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("Manifest files, or - for standard input."),
                                 QStringLiteral("FILE..."));
    parser.process(app);
    const QStringList files = parser.positionalArguments().mid(1);
    QTextStream out(stdout);
    if (files.isEmpty()) {
        QTextStream(stderr) << "podlab validate: name at least one file (or - for standard input)\n";
        return 2;
    }
    return podlab::runValidate(files, out);
}

const char kUsage[] = "usage: podlab [validate FILE... | run FILE [options]]\n"
                      "\n"
                      "  podlab                    open the main window (with no display: work in the terminal)\n"
                      "  podlab validate FILE...   check manifests as the API server would (- reads standard input)\n"
                      "  podlab run FILE           run a scenario, or a manifest on three nodes, headless\n"
                      "                            (podlab run --help lists its options; docs/scenarios.md)\n"
                      "\n"
                      "  -h, --help                this help\n"
                      "  -v, --version             PodLab's version\n";

} // namespace

int main(int argc, char** argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationName(QStringLiteral("PodLab"));
    QCoreApplication::setApplicationVersion(QStringLiteral(PODLAB_VERSION));

    if (argc > 1 && qstrcmp(argv[1], "validate") == 0)
        return validate(argc, argv);
    if (argc > 1 && qstrcmp(argv[1], "run") == 0) {
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        QTextStream err(stderr);
        return podlab::runScenarioCommand(QCoreApplication::arguments().mid(2), out, err);
    }

    if (argc > 1) {
        const QByteArray first = argv[1];
        if (first == "-h" || first == "--help" || first == "help") {
            std::fputs(kUsage, stdout);
            return 0;
        }
        if (first == "-v" || first == "--version") {
            std::printf("podlab %s\n", PODLAB_VERSION);
            return 0;
        }
        // Options starting with a dash are Qt's own (-platform, -style, -reverse); a word is a command.
        if (!first.startsWith('-')) {
            std::fprintf(stderr, "podlab: unknown command \"%s\"\n\n%s", argv[1], kUsage);
            return 2;
        }
    }

#ifdef PODLAB_NO_GUI
    const QString missing = QStringLiteral("this podlab was built without its window (PODLAB_GUI=OFF)");
    {
#else
    if (const QString missing = missingDisplay(); !missing.isEmpty()) {
#endif
        QCoreApplication app(argc, argv);
        QTextStream out(stdout);
        return podlab::runTerminalFallback(out, missing);
    }

#ifndef PODLAB_NO_GUI
    QApplication app(argc, argv);
    podlab::MainWindow window;
    window.show();
    return app.exec();
#endif
}
