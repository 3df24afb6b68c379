#pragma once

#include "scenario.h"

#include "api/value.h"
#include "sim/cluster/cluster.h"
#include "sim/kubectl/kubectlcommand.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace podlab::lesson {

// What one expectation found.
struct ExpectationResult {
    int line = 0;
    std::string description; // what was expected, in words
    bool passed = false;
    std::vector<std::string> failures; // what did not hold
    sim::SimTime at = 0;
};

// One kubectl step's output, kept for snapshots.
struct CommandRecord {
    std::string command;
    sim::kubectl::CommandOutput output;
    sim::SimTime at = 0;
};

// A snapshot of the whole cluster: every object as `kubectl get -o json` prints it, every event, and every
// command's output so far.
struct Snapshot {
    std::string name;
    sim::SimTime time = 0;
    api::Value json; // {"name", "time", "objects", "events", "outputs"}
};

struct RunOptions {
    std::optional<int64_t> seed;          // overrides the scenario's
    std::optional<sim::SimTime> until;    // run at least until then, after the last step
    bool recordSnapshots = false;         // build snapshots (for --json)
    bool parkSteadyProbes = true;         // ClusterConfig::parkSteadyProbes (off: the tests that prove it)
};

// Runs a scenario: builds its cluster, performs its steps in order (kubectl steps take no simulated time, a
// failing one is recorded and the scenario goes on, `wait` advances time, `node` injects a fault), checks its
// expectations and writes a transcript of everything as a terminal would show it.
class ScenarioRunner {
public:
    // `directory` is where the scenario file lives: kubectl -f paths are relative to it.
    ScenarioRunner(Scenario scenario, std::string directory, RunOptions options = {});

    // The cluster the scenario describes (seed, start time, profile, nodes, extra images). Errors in the
    // images list come back positioned.
    static std::optional<sim::Cluster> buildCluster(const Scenario& scenario, const RunOptions& options,
                                                    manifest::Diagnostics* errors);

    // Runs every step; `transcript` receives text as it is produced. Returns false if the cluster could
    // not be built (its problems are in diagnostics()).
    bool run(const std::function<void(const std::string&)>& transcript);

    const std::vector<ExpectationResult>& expectations() const { return m_expectations; }
    bool allPassed() const;
    const std::vector<Snapshot>& snapshots() const { return m_snapshots; }
    const manifest::Diagnostics& diagnostics() const { return m_diagnostics; }
    const sim::Cluster* cluster() const { return m_cluster ? &*m_cluster : nullptr; }
    // The whole run as JSON: {"scenario", "seed", "snapshots": [...], "expectations": [...]}.
    api::Value toJson() const;

private:
    ExpectationResult evaluate(const Expectation& e);
    void snapshot(const std::string& name);
    std::string clock() const;

    Scenario m_scenario;
    std::string m_directory;
    RunOptions m_options;
    std::optional<sim::Cluster> m_cluster;
    std::vector<ExpectationResult> m_expectations;
    std::vector<CommandRecord> m_commands;
    std::vector<Snapshot> m_snapshots;
    manifest::Diagnostics m_diagnostics;
};

// A scenario for a plain manifest: a default cluster of three nodes, `kubectl apply -f FILE`, time to run,
// then what a user would look at (pods, events).
Scenario scenarioForManifest(const std::string& fileName);

} // namespace podlab::lesson
