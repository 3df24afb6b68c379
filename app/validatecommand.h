#pragma once

#include <QStringList>
#include <QTextStream>

namespace podlab {

// `podlab validate FILE...`: every problem on its own line as file:line:col: error: path: message, otherwise a
// summary line per object. Returns the exit status: 0 when every file is valid, 1 otherwise.
int runValidate(const QStringList& files, QTextStream& out);

// The summary line for one valid object: "file:line:col: Pod "web" is valid".
QString describeValidObject(const QString& file, int line, int column, const QString& kind, const QString& name);

} // namespace podlab
