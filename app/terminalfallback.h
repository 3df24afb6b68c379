#pragma once

#include <QTextStream>

namespace podlab {

// What `podlab` does without a display: says so in one line, then validates and prints the bundled example
// so the terminal still shows something useful. Returns the exit status.
int runTerminalFallback(QTextStream& out);

} // namespace podlab
