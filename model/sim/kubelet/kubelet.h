#pragma once

#include "imagemanager.h"
#include "kubeletcontext.h"
#include "podstate.h"
#include "restartbackoff.h"

#include "sim/podenv/objectlookup.h"
#include "sim/podenv/outcome.h"
#include "sim/volumes/atomicwriter.h"
#include "sim/volumes/serviceaccounttoken.h"

#include <functional>
#include <set>

#include <map>
#include <unordered_map>
#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

// The outcome of `kubectl exec`: what the command printed and how it ended, or why it could not run.
struct ExecOutcome {
    std::optional<std::string> error; // e.g. container "x" not found; OCI runtime exec failed …
    int exitCode = 0;
    std::string out;
    std::string err;
};

// One node's kubelet: admits the pods bound to its node, creates their sandboxes, pulls images, runs init
// containers one by one, starts app containers in order with their postStart hooks, probes them, restarts
// them with back-off, stops them gracefully, reports pod status (phase, conditions, container states) and
// the node's heartbeat. Each action takes simulated time as it does on a real node.
class Kubelet {
public:
    Kubelet(std::string nodeName, uint32_t index) : m_nodeName(std::move(nodeName)), m_index(index) {}

    const std::string& nodeName() const { return m_nodeName; }
    uint32_t index() const { return m_index; }

    void onChange(const Change& change, KubeletContext& ctx);
    void onTimer(const Timer& timer, KubeletContext& ctx);
    // Starts the heartbeat (lease renewals, node status) once the Node object exists.
    void start(KubeletContext& ctx);

    // Node faults: a kubelet that stops reporting (network partition, power loss) and comes back.
    void setReporting(bool reporting, KubeletContext& ctx);
    bool reporting() const { return m_reporting; }

    // The pods on this node, by the kubelet's own handle (admission order).
    const std::map<uint32_t, PodState>& pods() const { return m_pods; }
    const PodState* podState(std::string_view uid) const;
    const ImageManager& imageManager() const { return m_images; }
    // Probe runs made, parked workers' included, up to `now`.
    uint64_t probeRuns(SimTime now) const;

    // kubectl exec: runs argv in the container (the first one if `container` is empty).
    ExecOutcome exec(std::string_view uid, std::string_view container, const std::vector<std::string>& argv,
                     const std::string& stdinData, KubeletContext& ctx);
    // kubectl logs: the container's log, or the previous instance's, as it is at `now`.
    std::optional<std::vector<runtime::LogEntry>> logs(std::string_view uid, std::string_view container,
                                                       bool previous, std::string* error, SimTime now) const;
    // A fault a teacher injects: the container's main process dies with `exitCode`.
    bool crashContainer(std::string_view uid, std::string_view container, int exitCode, KubeletContext& ctx);

    // Serving other pods: the container of `uid` listening on `port`, if any. `peer` is the address the request
    // comes from, as the server sees it (its access log's remote address).
    std::optional<shell::HttpResponse> serveHttp(std::string_view uid, int port, const shell::HttpRequest& request,
                                                 std::string_view peer, KubeletContext& ctx);
    // Where the node's own requests to its pods come from (probes): the gateway of its pod CIDR, the host's end
    // of every pod's veth (10.244.1.1 for 10.244.1.0/24); the InternalIP if the node has no pod CIDR.
    std::string podGateway(KubeletContext& ctx);
    bool listens(std::string_view uid, int port) const;
    std::string grpcHealth(std::string_view uid, int port, const std::string& service, KubeletContext& ctx);

    bool operator==(const Kubelet&) const = default;

private:
    friend class PodEnvironment;

    // The files the kubelet and the runtime write into a container of the pod: /etc/hosts (unless the
    // container mounts its own), /etc/hostname, /etc/resolv.conf. Without `contents`, the paths alone.
    static std::vector<std::pair<std::string, std::string>> sandboxFiles(const PodState& state,
                                                                         const api::Container& spec, bool contents);
    // The same paths, as one list shared by every container they fit (runtime::ContainerConfig::injectedPaths).
    static std::shared_ptr<const std::vector<std::string>> sandboxPaths(const PodState& state,
                                                                        const api::Container& spec);

    // Pods.
    void admit(const Ptr<api::Pod>& pod, KubeletContext& ctx);
    void podUpdated(PodState& state, const Ptr<api::Pod>& pod, KubeletContext& ctx);
    void forget(PodState& state, KubeletContext& ctx);
    PodState* find(uint32_t id);
    PodState* findByUid(std::string_view uid);
    void requestSync(PodState& state, KubeletContext& ctx, SimTime delay = 0);
    // A sync that ended in an error (back-off, a failed pull, a missing ConfigMap): the pod worker tries again
    // after its back-off period, 10 s with up to 50 % jitter (pod_workers.go).
    void requeueAfterError(PodState& state, KubeletContext& ctx);
    // When the PLEG next relists (it notices new sandboxes and containers then).
    SimTime nextRelist(SimTime now) const;
    // Records why a container waits, for the next status (see ContainerSlot::nextWaitingReason).
    static void waitFor(ContainerSlot& slot, std::string reason, std::string message);
    void sync(PodState& state, KubeletContext& ctx);
    bool syncTermination(PodState& state, KubeletContext& ctx);
    bool syncInitContainers(PodState& state, KubeletContext& ctx);
    // Every app container has run and will not run again (the pod is completing).
    bool appContainersDone(const PodState& state) const;
    void syncAppContainers(PodState& state, KubeletContext& ctx);
    void checkActiveDeadline(PodState& state, KubeletContext& ctx);

    // Containers.
    enum class StartDecision { Started, Waiting, NotNeeded };
    StartDecision tryStart(PodState& state, size_t slot, KubeletContext& ctx);
    bool shouldRestart(const PodState& state, const ContainerSlot& slot) const;
    std::string backoffKey(const PodState& state, const ContainerSlot& slot) const;
    void beginOp(PodState& state, PodState::Op op, size_t slot, SimTime duration, KubeletContext& ctx);
    void finishOp(PodState& state, uint64_t opId, KubeletContext& ctx);
    void pullImage(PodState& state, size_t slot, KubeletContext& ctx);
    void createContainer(PodState& state, size_t slot, KubeletContext& ctx);
    void startContainer(PodState& state, size_t slot, KubeletContext& ctx);
    void runPostStart(PodState& state, size_t slot, KubeletContext& ctx);
    void stopContainer(PodState& state, size_t slot, int64_t graceSeconds, const std::string& message,
                       KubeletContext& ctx);
    void sendStopSignal(PodState& state, size_t slot, runtime::ContainerEnvironment& env, KubeletContext& ctx);
    void containerExited(PodState& state, size_t slot, KubeletContext& ctx);
    void wakeContainer(PodState& state, size_t slot, KubeletContext& ctx);
    void armWake(PodState& state, size_t slot, SimTime at, KubeletContext& ctx);

    // Volumes (kubeletvolumes.cpp).
    static ObjectLookup objectLookup(const std::string& namespace_, const Store& store);
    void addVolumes(PodState& state);
    // Sets up what is due before the sandbox; true once every volume is mounted. Otherwise a sync is due at
    // the next retry, or the wait has timed out (a FailedMount event and the pod worker's back-off).
    bool mountVolumes(PodState& state, KubeletContext& ctx);
    bool setUpVolume(PodState& state, const api::Volume& spec, PodVolume& volume, KubeletContext& ctx);
    std::string setUpHostPath(const api::HostPathVolumeSource& source, KubeletContext& ctx);
    // The payload as the volume's sources give it now; `record` collects what it came from (VolumeWrite).
    Outcome<VolumePayload> payloadOf(PodState& state, const api::Volume& spec, PodVolume& volume, KubeletContext& ctx,
                                     VolumeWrite* record = nullptr);
    // The payload the last write wrote, from its VolumeWrite; PathOnly leaves the tokens' files empty (for
    // comparing names without signing a JWT again).
    enum class TokenText { Signed, PathOnly };
    Outcome<VolumePayload> writtenPayload(const PodState& state, const api::Volume& spec, const PodVolume& volume,
                                          KubeletContext& ctx, TokenText tokens = TokenText::Signed) const;
    // Takes `next` as the volume's latest write, at the current time with a freshly drawn suffix; or the
    // error the atomic writer would have refused the payload with.
    std::string recordWrite(PodVolume& volume, const VolumePayload& payload, VolumeWrite next, KubeletContext& ctx);
    // The volume's files, written out from its VolumeWrite the first time they are needed.
    fs::FileSystem& buildVolume(PodState& state, const std::string& name, KubeletContext& ctx);
    static size_t sourceIndex(const api::Volume& spec, const api::ServiceAccountTokenProjection& projection);
    static bool projectsMetadata(const api::Volume& spec);
    static std::set<std::string> topNames(const VolumePayload& payload);
    Outcome<std::string> serviceAccountToken(PodState& state, PodVolume& volume, size_t source,
                                             const api::ServiceAccountTokenProjection& projection, KubeletContext& ctx);
    TokenRequest tokenRequest(const PodState& state, const api::ServiceAccountTokenProjection& projection,
                              const std::string& accountUid, const std::string& nodeUid) const;
    std::string heldTokenText(const PodState& state, const HeldToken& held,
                              const api::ServiceAccountTokenProjection& projection) const;
    bool volumeDue(const PodState& state, const PodVolume& volume, KubeletContext& ctx) const;
    void volumeResync(PodState& state, KubeletContext& ctx);
    // A sync's remount: atomically written volumes are written again if stale or a token is due.
    void refreshVolumes(PodState& state, KubeletContext& ctx);
    // The pod worker resyncs every syncFrequency (+0–50 %) after its last sync; those resyncs are not run
    // unless they have work: a stale volume, a token to refresh. This schedules the first that has.
    SimTime nextPeriodicSync(const PodState& state, SimTime notBefore, KubeletContext& ctx) const;
    void planVolumeResync(PodState& state, KubeletContext& ctx);
    void objectChanged(Kind kind, const std::string& namespace_, const std::string& name, KubeletContext& ctx);
    void pinSubPaths(PodState& state, ContainerSlot& slot, KubeletContext& ctx);
    // The container's mounts; `lazy` gives the handle that builds an unbuilt volume on first entry.
    std::vector<fs::Mount> mountsOf(PodState& state, const api::Container& container,
                                    const std::function<fs::LazyFiles*(const std::string&)>& lazy);

    // Probes.
    void scheduleProbe(PodState& state, size_t slot, ProbeKind kind, SimTime at, KubeletContext& ctx);
    void probeTick(PodState& state, size_t slot, ProbeKind kind, KubeletContext& ctx);
    // `echo`/`echoSlot`: whether and where the run can be repeated without running it (runtime::RunEcho).
    std::pair<ProbeResult, std::string> runProbe(PodState& state, size_t slot, const api::Probe& probe,
                                                 ProbeKind kind, KubeletContext& ctx, runtime::RunEcho& echo,
                                                 size_t& echoSlot);
    // Parking steady probes (ProbeWorker::parkedAt).
    bool probeTimerCurrent(const PodState& state, uint64_t token, SimTime now) const;
    void park(PodState& state, size_t slot, ProbeKind kind, SimTime period, const runtime::RunEcho& echo,
              size_t echoSlot, KubeletContext& ctx);
    // Makes the pod's parked runs real up to this moment, before anything else happens in the pod; with
    // `resume` (anything that may change what they promised) its workers tick for real again.
    void catchUp(PodState& state, KubeletContext& ctx, bool resume = true);
    void catchUp(PodState& state, size_t slot, ProbeKind kind, bool resume, KubeletContext& ctx);

    std::optional<shell::HttpResponse> serveHttp(PodState& state, int port, const shell::HttpRequest& request,
                                                 std::string_view peer, KubeletContext& ctx,
                                                 runtime::RunEcho* echo = nullptr, size_t* echoSlot = nullptr);
    bool listens(const PodState& state, int port) const;

    // Status.
    api::PodStatus buildStatus(const PodState& state, KubeletContext& ctx) const;
    void writeStatus(PodState& state, KubeletContext& ctx);
    void heartbeat(KubeletContext& ctx);
    void event(const PodState& state, const ContainerSlot* slot, std::string_view type, std::string_view reason,
               std::string message, KubeletContext& ctx);

    const api::Container& specOf(const PodState& state, const ContainerSlot& slot) const;

    std::string m_nodeName;
    std::string m_podGateway; // once the node has its pod CIDR (which never changes after)
    uint32_t m_index = 0;
    bool m_reporting = true;
    bool m_started = false;
    uint32_t m_nextPodId = 1;
    uint64_t m_nextOpId = 1;
    std::map<uint32_t, PodState> m_pods; // by handle (timers carry it)
    // Pod handles by a hash of their uid (checked against the pod's own uid on lookup): the uid itself is in
    // the pod, and a copy of it per pod is memory that 150 000 pods notice.
    std::unordered_multimap<uint64_t, uint32_t> m_podsByUid;
    static uint64_t uidKey(std::string_view uid);
    ImageManager m_images;
    RestartBackoff m_crashBackoff;
    fs::FileSystem m_nodeFiles; // what hostPath volumes mount: the node's own directories
    std::vector<uint8_t> m_ipInUse = std::vector<uint8_t>(256, 0); // host part of the node's /24 pod CIDR
    SimTime m_lastNodeStatusAt = 0;
    uint64_t m_imagesReported = UINT64_MAX;  // ImageManager::changes() at the last node status written
    std::string m_nodeVersionWritten;        // the Node's resourceVersion that status write made
    uint64_t m_probeRuns = 0;
    SimTime m_plegPhase = 0;
};

} // namespace podlab::sim
