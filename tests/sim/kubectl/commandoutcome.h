#pragma once

// The columns and checks of a table row that runs one kubectl command: what it prints and how it ends, then
// what a follow-up `query` (empty: none) shows of the cluster, its stdout and stderr together.

#include "sim/kubectl/kubectlcommand.h"

#include <QTest>

namespace podlab::testing {

inline void addOutcomeColumns()
{
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("queryOut");
}

// Compares `result` with the current row; `run` runs the row's query in the same session.
template <class Run>
void verifyOutcome(const sim::kubectl::CommandOutput& result, Run run)
{
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, exitCode);
    QFETCH(QString, query);
    QFETCH(QString, queryOut);
    QCOMPARE(QString::fromStdString(result.out), out);
    QCOMPARE(QString::fromStdString(result.err), err);
    QCOMPARE(result.exitCode, exitCode);
    if (query.isEmpty())
        return;
    const sim::kubectl::CommandOutput q = run(query);
    QCOMPARE(QString::fromStdString(q.out + q.err), queryOut);
}

} // namespace podlab::testing
