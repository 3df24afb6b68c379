#include "terminalfallback.h"

#include "validatecommand.h"

#include "manifest/manifestreader.h"
#include "manifest/manifestwriter.h"

#include <QFile>

namespace podlab {

int runTerminalFallback(QTextStream& out, const QString& why)
{
    out << "podlab: " << why << ", so no window: validating the bundled example in the terminal instead\n";
    const QString path = QStringLiteral(":/examples/liveness-exec.yaml");
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        out << "podlab: the bundled example is missing from this build\n";
        return 1;
    }
    const QByteArray bytes = file.readAll();
    const manifest::ReadResult result =
        manifest::readManifests(std::string_view(bytes.constData(), size_t(bytes.size())), "liveness-exec.yaml");
    out << "\n" << QString::fromUtf8(bytes) << "\n";
    for (const manifest::Diagnostic& d : result.diagnostics)
        out << QString::fromStdString(d.toString()) << '\n';
    for (const manifest::ManifestObject& o : result.objects) {
        out << describeValidObject(QString::fromStdString(o.file), o.line, o.column,
                                   QString::fromLatin1(api::kindOf(o.object)),
                                   QString::fromStdString(api::metadataOf(o.object).name))
            << "\n\nAs the API server stores it, defaults filled in (kubectl get -o yaml):\n\n"
            << QString::fromStdString(manifest::writeObject(o.object, manifest::OutputFormat::Yaml));
    }
    out.flush();
    return result.ok() ? 0 : 1;
}

} // namespace podlab
