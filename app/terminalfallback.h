#pragma once

#include <QString>
#include <QTextStream>

namespace podlab {

// What `podlab` does without a display: says so in one line, then validates and prints the bundled example
// so the terminal still shows something useful. Returns the exit status.
// `why` says what is missing, e.g. "no display (DISPLAY and WAYLAND_DISPLAY are unset)".
int runTerminalFallback(QTextStream& out, const QString& why);

} // namespace podlab
