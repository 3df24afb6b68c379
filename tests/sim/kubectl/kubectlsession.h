#pragma once

// A cluster of three default nodes and a kubectl whose -f paths are relative to a temporary folder the test
// writes manifests into: the emulator as a person at a terminal uses it. The cluster is modern unless the
// config given says otherwise.

#include "sim/cluster/cluster.h"
#include "sim/kubectl/kubectlcommand.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

namespace podlab::testing {

class KubectlSession {
public:
    explicit KubectlSession(const sim::ClusterConfig& config = {})
        : m_cluster(sim::Cluster::withDefaultNodes(3, config))
    {
    }

    sim::Cluster& cluster() { return m_cluster; }

    void write(const QString& name, const QByteArray& content)
    {
        QFile f(m_dir.filePath(name));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(content);
    }

    sim::kubectl::CommandOutput run(const QString& commandLine, sim::kubectl::Editor editor = {})
    {
        sim::kubectl::Session session;
        session.directory = m_dir.path().toStdString();
        session.editor = std::move(editor);
        return sim::kubectl::Kubectl(m_cluster, session).run(commandLine.toStdString());
    }

    // Lets simulated time pass (seconds), as `wait:` does in a scenario.
    void wait(int seconds) { m_cluster.runUntil(m_cluster.now() + seconds * 1000); }

private:
    QTemporaryDir m_dir;
    sim::Cluster m_cluster;
};

} // namespace podlab::testing
