#pragma once

#include "apiserver.h"
#include "clusterconfig.h"

#include "clusternetwork.h"

#include "sim/controllers/deploymentcontroller.h"
#include "sim/controllers/garbagecollector.h"
#include "sim/controllers/nodelifecyclecontroller.h"
#include "sim/controllers/replicasetcontroller.h"
#include "sim/controllers/podgccontroller.h"
#include "sim/controllers/rootcacertpublisher.h"
#include "sim/controllers/serviceaccountcontroller.h"
#include "sim/controllers/tokenscontroller.h"
#include "sim/core/random.h"
#include "sim/core/timerqueue.h"
#include "sim/images/imagecatalogue.h"
#include "sim/kubelet/kubelet.h"
#include "sim/scheduler/scheduler.h"
#include "sim/shell/scriptcache.h"
#include "sim/store/store.h"

#include <memory>

#include <map>
#include <vector>

namespace podlab::sim {

// A whole simulated cluster: the store, the control plane's controllers, one kubelet per node, the event
// queue and the random source. A value: copying it copies the world, and the copy continues exactly as the
// original would (that is how rewind works). Nothing here reads the wall clock or starts a thread.
class Cluster {
public:
    explicit Cluster(const ClusterConfig& config = {});
    // With a catalogue other than the builtin one (a scenario's extra images merged in).
    Cluster(const ClusterConfig& config, ImageCatalogue images);
    // A cluster with `nodes` default worker nodes, node-1 … node-N.
    static Cluster withDefaultNodes(int nodes, const ClusterConfig& config = {});
    // A default worker node as `kubeadm join` on a Debian 12 machine would register it.
    static api::Node defaultNode(int index, const ClusterConfig& config);

    const ClusterConfig& config() const { return m_config; }
    SimTime now() const { return m_now; }
    api::Time wallTime() const { return api::Time::fromMillis(m_config.startEpochMillis + m_now); }
    const Store& store() const { return m_store; }

    // Runs every timer due at or before `t`, then stands at `t`.
    void runUntil(SimTime t);
    // Runs the timers of the next moment anything happens; false if nothing is pending.
    bool runNext();
    SimTime nextEventTime() const { return m_timers.nextTime(); }

    // What users (kubectl, lessons, the GUI) do, through the API server, at the current time.
    ApiResult create(api::Object object);
    ApiResult update(api::Object object);
    ApiResult remove(Kind kind, std::string_view namespace_, std::string_view name, const DeleteOptions& options = {});

    const Scheduler& scheduler() const { return m_scheduler; }

    // What the engine has done, for benchmarks: timers run (probe ticks among them), and probe runs summed over
    // the kubelets (parked runs included: they happen without a timer each).
    struct Counters {
        uint64_t timers = 0;
        uint64_t probeTimers = 0;
        uint64_t probes = 0;
    };
    Counters counters() const;
    const ImageCatalogue& images() const { return *m_images; }

    // The kubelet of a node, if the node has one.
    const Kubelet* kubelet(std::string_view node) const;
    // Node faults: the node's kubelet stops reporting (network partition or power loss), or comes back.
    bool setNodeReporting(std::string_view node, bool reporting);

    // kubectl exec and logs, through the pod's kubelet.
    ExecOutcome exec(std::string_view namespace_, std::string_view pod, std::string_view container,
                     const std::vector<std::string>& argv, const std::string& stdinData = {});
    std::optional<std::vector<runtime::LogEntry>> logs(std::string_view namespace_, std::string_view pod,
                                                       std::string_view container, bool previous,
                                                       std::string* error) const;
    // A fault the GUI injects: a container's main process dies with `exitCode`.
    bool crashContainer(std::string_view namespace_, std::string_view pod, std::string_view container, int exitCode);

    // Every change since the last call (for views and transcripts); recorded only once asked for.
    std::vector<Change> takeChangeLog();
    void setRecordChanges(bool record) { m_recordChanges = record; }

private:
    class Network;
    friend class Network;

    ClusterContext context();
    void dispatch(const Timer& timer);
    void addKubelet(const std::string& node);
    Kubelet* kubeletFor(std::string_view node);
    // Hands queued store changes to the controllers until none are left (controllers may write more).
    void settle();

    ClusterConfig m_config;
    Store m_store;
    TimerQueue m_timers;
    Random m_random;
    SimTime m_now = 0;
    Scheduler m_scheduler;
    NodeLifecycleController m_nodeLifecycle;
    PodGcController m_podGc;
    ServiceAccountController m_serviceAccounts;
    RootCaCertPublisher m_rootCaPublisher;
    TokensController m_tokens;
    ReplicaSetController m_replicaSets;
    DeploymentController m_deployments;
    GarbageCollector m_garbageCollector;
    std::vector<Kubelet> m_kubelets;
    // Every pod change goes to its node's kubelet: by name, not by a walk past 5 000 kubelets.
    std::map<std::string, uint32_t, std::less<>> m_kubeletByNode;
    ClusterNetwork m_network;
    std::shared_ptr<const ImageCatalogue> m_images; // immutable: copies of the cluster share it
    shell::ScriptCache m_scripts;
    runtime::SharedLines m_lines;
    runtime::SharedTexts m_texts;
    runtime::UnpackedImages m_unpackedImages;
    bool m_recordChanges = false;
    std::vector<Change> m_changeLog;
    uint64_t m_timersRun = 0;
    uint64_t m_probeTimersRun = 0;
};

} // namespace podlab::sim
