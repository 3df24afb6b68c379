#include "validatecommand.h"

#include "manifest/manifestreader.h"

namespace podlab {

QString describeValidObject(const QString& file, int line, int column, const QString& kind, const QString& name)
{
    return QStringLiteral("%1:%2:%3: %4 \"%5\" is valid").arg(file).arg(line).arg(column).arg(kind, name);
}

int runValidate(const QStringList& files, QTextStream& out)
{
    bool ok = true;
    for (const QString& file : files) {
        const manifest::ReadResult result = manifest::readManifestFile(file.toStdString());
        for (const manifest::Diagnostic& d : result.diagnostics)
            out << QString::fromStdString(d.toString()) << '\n';
        if (!result.ok()) {
            ok = false;
            continue;
        }
        for (const manifest::ManifestObject& o : result.objects) {
            const QString name = QString::fromStdString(api::metadataOf(o.object).name);
            out << describeValidObject(QString::fromStdString(o.file), o.line, o.column,
                                       QString::fromLatin1(api::kindOf(o.object)), name)
                << '\n';
        }
    }
    out.flush();
    return ok ? 0 : 1;
}

} // namespace podlab
