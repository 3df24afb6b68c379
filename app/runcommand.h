#pragma once

#include <QStringList>
#include <QTextStream>

namespace podlab {

// `podlab run FILE [--until DURATION] [--seed N] [--json OUT]`: runs a scenario (or a plain manifest on a
// default cluster of three nodes) headless, printing a transcript as a terminal would show it and the result
// of every expectation. `arguments` are what follows "run". Returns the exit status: 0 when every expectation
// holds, 1 when one fails, 2 when the input or the options are wrong.
int runScenarioCommand(const QStringList& arguments, QTextStream& out, QTextStream& err);

} // namespace podlab
