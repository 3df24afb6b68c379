#include "runcommand.h"

#include "lesson/duration.h"
#include "lesson/scenario.h"
#include "lesson/scenariorunner.h"
#include "manifest/writer.h"

#include <QCommandLineParser>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

namespace podlab {

namespace {

void printDiagnostics(manifest::Diagnostics diagnostics, const QString& file, QTextStream& err)
{
    for (manifest::Diagnostic& d : diagnostics) {
        if (d.file.empty())
            d.file = file.toStdString();
        err << QString::fromStdString(d.toString()) << '\n';
    }
}

} // namespace

int runScenarioCommand(const QStringList& arguments, QTextStream& out, QTextStream& err)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Run a scenario, or a manifest on a three-node cluster, headless."));
    const QCommandLineOption until(QStringLiteral("until"),
                                   QStringLiteral("Keep the cluster running until this simulated time (e.g. 5m)."),
                                   QStringLiteral("DURATION"));
    const QCommandLineOption seed(QStringLiteral("seed"), QStringLiteral("Seed the random generator (overrides the scenario's)."),
                                  QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Write every snapshot and expectation result as JSON to OUT (- for standard output)."),
                                  QStringLiteral("OUT"));
    const QCommandLineOption help(QStringList{QStringLiteral("h"), QStringLiteral("help")}, QStringLiteral("Show this help."));
    parser.addOptions({until, seed, json, help});
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("A scenario (kind: Scenario) or Kubernetes manifests."));
    if (!parser.parse(QStringList{QStringLiteral("podlab run")} + arguments)) {
        err << "podlab run: " << parser.errorText() << '\n';
        return 2;
    }
    if (parser.isSet(help)) {
        // helpText() names the program from its arguments: "podlab run" as given above.
        out << parser.helpText() << "\nThe scenario format: docs/scenarios.md\n";
        return 0;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        err << "podlab run: name one scenario or manifest file\n"
            << "usage: podlab run FILE [--until DURATION] [--seed N] [--json OUT]\n";
        return 2;
    }

    lesson::RunOptions options;
    options.recordSnapshots = parser.isSet(json);
    if (parser.isSet(until)) {
        const auto d = lesson::Duration::parse(parser.value(until).toStdString());
        if (!d) {
            err << "podlab run: --until " << parser.value(until)
                << ": not a duration (write it as kubectl does: 90s, 5m, 1h30m)\n";
            return 2;
        }
        options.until = d->millis;
    }
    if (parser.isSet(seed)) {
        bool ok = false;
        const qlonglong n = parser.value(seed).toLongLong(&ok);
        if (!ok || n < 0) {
            err << "podlab run: --seed " << parser.value(seed) << ": not a whole number of zero or more\n";
            return 2;
        }
        options.seed = n;
    }

    const QString file = files.front();
    QFile input(file);
    if (!input.open(QIODevice::ReadOnly)) {
        err << file << ": error: " << input.errorString() << '\n';
        return 2;
    }
    const QByteArray bytes = input.readAll();
    const std::string_view view(bytes.constData(), size_t(bytes.size()));
    const QFileInfo info(file);

    lesson::Scenario scenario;
    if (lesson::looksLikeScenario(view)) {
        lesson::ScenarioReadResult read = lesson::readScenario(view, file.toStdString());
        printDiagnostics(read.diagnostics, file, err);
        if (!read.scenario)
            return 2;
        scenario = std::move(*read.scenario);
    } else {
        // kubectl -f paths are relative to the scenario's directory, which is the manifest's own here.
        scenario = lesson::scenarioForManifest(info.fileName().toStdString());
    }

    lesson::ScenarioRunner runner(std::move(scenario), info.absolutePath().toStdString(), options);
    const bool ran = runner.run([&](const std::string& text) {
        out << QString::fromStdString(text);
        out.flush();
    });
    if (!ran) {
        printDiagnostics(runner.diagnostics(), file, err);
        return 2;
    }

    if (parser.isSet(json)) {
        const std::string text = manifest::toJson(runner.toJson());
        const QString path = parser.value(json);
        if (path == QStringLiteral("-")) {
            out << QString::fromStdString(text);
        } else {
            QSaveFile output(path);
            if (!output.open(QIODevice::WriteOnly) ||
                output.write(text.data(), qint64(text.size())) != qint64(text.size()) || !output.commit()) {
                err << path << ": error: " << output.errorString() << '\n';
                return 2;
            }
        }
    }
    return runner.allPassed() ? 0 : 1;
}

} // namespace podlab
