// The kubelet's volume manager: volumes set up before the sandbox (and FailedMount while they cannot be),
// configMap, secret, downwardAPI and projected volumes written by the atomic writer and written again when
// what they project changes, service-account tokens requested and refreshed, hostPath on the node's own files.
#include "kubelet.h"

#include "sim/core/text.h"
#include "sim/volumes/atomicwriter.h"
#include "sim/volumes/serviceaccounttoken.h"
#include "sim/volumes/volumepayloads.h"

#include <algorithm>
#include <set>

namespace podlab::sim {

namespace {

// pkg/kubelet/volumemanager: how long a sync waits for the pod's volumes before it gives up.
constexpr SimTime kAttachAndMountTimeout = seconds(123);
// nestedpendingoperations' exponential back-off for a failed SetUp.
constexpr SimTime kFirstMountRetry = 500;
constexpr SimTime kMaxMountRetry = seconds(122);

SimTime mountRetryDelay(int failures)
{
    SimTime delay = kFirstMountRetry;
    for (int i = 1; i < failures && delay < kMaxMountRetry; ++i)
        delay *= 2;
    return std::min(delay, kMaxMountRetry);
}

// A path of the node's file system as a volume's subPath into it ("/mnt/data" → "mnt/data").
std::string nodeRelative(std::string_view path)
{
    while (!path.empty() && path.front() == '/')
        path.remove_prefix(1);
    return std::string(path);
}

// Whether a projected, configMap or secret volume names this ConfigMap or Secret.
bool names(const api::Volume& v, Kind kind, std::string_view name)
{
    if (kind == Kind::ConfigMap) {
        if (v.configMap && v.configMap->name == name)
            return true;
    } else if (v.secret && v.secret->secretName == name) {
        return true;
    }
    if (!v.projected)
        return false;
    return std::any_of(v.projected->sources.begin(), v.projected->sources.end(), [&](const api::VolumeProjection& p) {
        return kind == Kind::ConfigMap ? p.configMap && p.configMap->name == name : p.secret && p.secret->name == name;
    });
}

// A 0–50 % jitter of the pod worker's resync interval (wait.Jitter with workerResyncIntervalJitterFactor 0.5),
// drawn from the pod and the sync's number, so that it needs neither a timer nor the cluster's generator.
SimTime jitteredResync(SimTime period, std::string_view uid, uint32_t sync)
{
    uint64_t h = 1469598103934665603ull ^ sync;
    for (const char c : uid)
        h = (h ^ uint8_t(c)) * 1099511628211ull;
    h ^= h >> 29;
    return period + SimTime(h % uint64_t(period / 2 + 1));
}

template <class T>
using KeptObjects = std::vector<std::pair<std::string, Ptr<T>>>;

// A lookup of one kind in the namespace's store; with `kept`, it notes what it hands out (VolumeWrite).
template <class T>
std::function<const T*(std::string_view)> storeLookup(const Store& store, std::string namespace_, KeptObjects<T>* kept)
{
    return [&store, namespace_ = std::move(namespace_), kept](std::string_view name) -> const T* {
        Ptr<T> p = store.get<T>(namespace_, name);
        const T* raw = p.get();
        if (kept)
            kept->emplace_back(std::string(name), std::move(p));
        return raw;
    };
}

// A lookup of one kind among what an earlier write noted.
template <class T>
std::function<const T*(std::string_view)> keptLookup(const KeptObjects<T>& kept)
{
    return [&kept](std::string_view name) -> const T* {
        for (const auto& [n, p] : kept)
            if (n == name)
                return p.get();
        return nullptr;
    };
}

} // namespace

ObjectLookup Kubelet::objectLookup(const std::string& namespace_, const Store& store)
{
    ObjectLookup lookup;
    lookup.configMap = storeLookup<api::ConfigMap>(store, namespace_, nullptr);
    lookup.secret = storeLookup<api::Secret>(store, namespace_, nullptr);
    return lookup;
}

void Kubelet::addVolumes(PodState& state)
{
    for (const api::Volume& v : state.pod->spec.volumes) {
        PodVolume volume;
        if (v.emptyDir) {
            volume.type = PodVolume::Type::EmptyDir;
        } else if (v.hostPath) {
            volume.type = PodVolume::Type::HostPath;
            volume.hostPath = v.hostPath->path;
        } else if (VolumePayloads::isAtomicallyWritten(v)) {
            volume.type = PodVolume::Type::Atomic;
        } else {
            volume.mounted = true; // persistentVolumeClaim and the unsimulated kinds: an empty mount point
        }
        volume.files = fs::FileSystem(VolumePayloads::medium(v));
        state.volumes.emplace(v.name, std::move(volume));
    }
}

TokenRequest Kubelet::tokenRequest(const PodState& state, const api::ServiceAccountTokenProjection& projection,
                                   const std::string& accountUid, const std::string& nodeUid) const
{
    const api::Pod& pod = *state.pod;
    TokenRequest request;
    request.namespace_ = pod.metadata.namespace_;
    request.serviceAccount = {pod.spec.serviceAccountName, accountUid};
    request.pod = {pod.metadata.name, pod.metadata.uid};
    if (!nodeUid.empty())
        request.node = TokenObjectRef{m_nodeName, nodeUid};
    if (!projection.audience.empty())
        request.audiences = {projection.audience};
    request.expirationSeconds = projection.expirationSeconds.value_or(3600);
    return request;
}

std::string Kubelet::heldTokenText(const PodState& state, const HeldToken& held,
                                   const api::ServiceAccountTokenProjection& projection) const
{
    return ServiceAccountToken::issue(tokenRequest(state, projection, *held.accountUid, *held.nodeUid), held.issuedAtMs,
                                      TokenIssuerSettings{}, held.jtiText())
        .token;
}

Outcome<std::string> Kubelet::serviceAccountToken(PodState& state, PodVolume& volume, size_t source,
                                                  const api::ServiceAccountTokenProjection& projection,
                                                  KubeletContext& ctx)
{
    const int64_t nowMs = ctx.cluster.wallTime().millis();
    const auto held = std::find_if(volume.tokens.begin(), volume.tokens.end(), [&](const HeldToken& t) { return t.source == source; });
    if (held != volume.tokens.end() &&
        !ServiceAccountToken::requiresRefresh(nowMs, held->expirationTimestampMs, held->expirationSeconds,
                                              ServiceAccountToken::refreshJitterSeconds(ctx.cluster.random)))
        return Outcome<std::string>::success(heldTokenText(state, *held, projection));

    const api::Pod& pod = *state.pod;
    const auto account = ctx.cluster.store.get<api::ServiceAccount>(pod.metadata.namespace_, pod.spec.serviceAccountName);
    if (!account)
        return Outcome<std::string>::failure("failed to fetch token: serviceaccounts \"" + pod.spec.serviceAccountName +
                                             "\" not found");
    const auto node = ctx.cluster.store.get<api::Node>("", m_nodeName);
    HeldToken token{source, nowMs, 0, 0, {}, ctx.texts.intern(account->metadata.uid),
                    ctx.texts.intern(node ? node->metadata.uid : std::string())};
    const std::string jti = ctx.cluster.random.uuid();
    std::copy_n(jti.begin(), std::min(jti.size(), token.jti.size()), token.jti.begin());
    IssuedToken issued = ServiceAccountToken::issue(tokenRequest(state, projection, *token.accountUid, *token.nodeUid),
                                                    nowMs, TokenIssuerSettings{}, token.jtiText());
    token.expirationTimestampMs = issued.expirationTimestampMs;
    token.expirationSeconds = issued.expirationSeconds;
    if (held != volume.tokens.end())
        *held = std::move(token);
    else
        volume.tokens.push_back(std::move(token));
    return Outcome<std::string>::success(std::move(issued.token));
}

Outcome<VolumePayload> Kubelet::payloadOf(PodState& state, const api::Volume& spec, PodVolume& volume,
                                          KubeletContext& ctx, VolumeWrite* record)
{
    VolumeContext context;
    const Store& store = ctx.cluster.store;
    context.objects.configMap = storeLookup<api::ConfigMap>(store, state.namespace_(), record ? &record->configMaps : nullptr);
    context.objects.secret = storeLookup<api::Secret>(store, state.namespace_(), record ? &record->secrets : nullptr);
    if (const auto node = store.get<api::Node>("", m_nodeName))
        context.node = NodeFacts::of(*node);
    context.serviceAccountToken = [&](const api::ServiceAccountTokenProjection& projection) {
        return serviceAccountToken(state, volume, sourceIndex(spec, projection), projection, ctx);
    };
    if (record && projectsMetadata(spec))
        record->pod = state.pod;
    return VolumePayloads::forVolume(spec, *state.pod, context);
}

size_t Kubelet::sourceIndex(const api::Volume& spec, const api::ServiceAccountTokenProjection& projection)
{
    for (size_t i = 0; spec.projected && i < spec.projected->sources.size(); ++i)
        if (spec.projected->sources[i].serviceAccountToken && &*spec.projected->sources[i].serviceAccountToken == &projection)
            return i;
    return 0;
}

bool Kubelet::projectsMetadata(const api::Volume& spec)
{
    auto changeable = [](const std::vector<api::DownwardAPIVolumeFile>& items) {
        return std::any_of(items.begin(), items.end(), [](const api::DownwardAPIVolumeFile& f) {
            return f.fieldRef && (f.fieldRef->fieldPath.starts_with("metadata.labels") ||
                                  f.fieldRef->fieldPath.starts_with("metadata.annotations"));
        });
    };
    if (spec.downwardAPI)
        return changeable(spec.downwardAPI->items);
    if (spec.projected)
        for (const api::VolumeProjection& p : spec.projected->sources)
            if (p.downwardAPI && changeable(p.downwardAPI->items))
                return true;
    return false;
}

Outcome<VolumePayload> Kubelet::writtenPayload(const PodState& state, const api::Volume& spec, const PodVolume& volume,
                                               KubeletContext& ctx, TokenText tokens) const
{
    const VolumeWrite& w = volume.written;
    VolumeContext context;
    context.objects.configMap = keptLookup(w.configMaps);
    context.objects.secret = keptLookup(w.secrets);
    if (const auto node = ctx.cluster.store.get<api::Node>("", m_nodeName))
        context.node = NodeFacts::of(*node);
    context.serviceAccountToken = [&](const api::ServiceAccountTokenProjection& projection) {
        const size_t source = sourceIndex(spec, projection);
        for (const HeldToken& t : volume.tokens)
            if (t.source == source)
                return Outcome<std::string>::success(tokens == TokenText::Signed ? heldTokenText(state, t, projection)
                                                                                 : std::string());
        return Outcome<std::string>::failure("failed to fetch token: no token held");
    };
    return VolumePayloads::forVolume(spec, w.pod ? *w.pod : *state.pod, context);
}

std::string Kubelet::recordWrite(PodVolume& volume, const VolumePayload& payload, VolumeWrite next, KubeletContext& ctx)
{
    for (const auto& [path, file] : payload)
        if (std::string error = AtomicWriter::validatePath(path); !error.empty())
            return error;
    const int64_t nowMs = ctx.cluster.wallTime().millis();
    next.atMs = nowMs;
    next.suffix = AtomicWriter::drawSuffix(ctx.cluster.random);
    next.firstAtMs = volume.mounted ? volume.written.firstAtMs : nowMs;
    next.stamp = fs::FileSystem::nextStamp();
    volume.written = std::move(next);
    return {};
}

fs::FileSystem& Kubelet::buildVolume(PodState& state, const std::string& name, KubeletContext& ctx)
{
    PodVolume& volume = state.volumes.at(name);
    if (volume.type != PodVolume::Type::Atomic || volume.built)
        return volume.files;
    const api::Volume* spec = nullptr;
    for (const api::Volume& v : state.pod->spec.volumes)
        if (v.name == name)
            spec = &v;
    volume.built = true;
    if (!spec || !volume.mounted)
        return volume.files;
    const Outcome<VolumePayload> payload = writtenPayload(state, *spec, volume, ctx);
    AtomicWriter(volume.files, "/").writeAs(payload.value, volume.written.atMs, volume.written.suffix);
    if (!volume.written.namesChanged) {
        // The user-visible links were made by the first write and left alone by the later ones.
        std::vector<fs::DirEntry> entries;
        volume.files.list("/", entries);
        for (const fs::DirEntry& e : entries)
            if (!e.name.starts_with(".."))
                if (const fs::InodeId id = volume.files.lookup(volume.files.rootInode(), e.name); id != fs::kNoInode)
                    volume.files.setMtime(id, volume.written.firstAtMs);
    }
    volume.written = VolumeWrite{}; // the files are the truth from now on
    return volume.files;
}

bool Kubelet::setUpVolume(PodState& state, const api::Volume& spec, PodVolume& volume, KubeletContext& ctx)
{
    std::string error;
    switch (volume.type) {
    case PodVolume::Type::EmptyDir:
    case PodVolume::Type::Unsimulated:
        break;
    case PodVolume::Type::HostPath:
        error = setUpHostPath(*spec.hostPath, ctx);
        break;
    case PodVolume::Type::Atomic: {
        // Not written out: recorded, and built when a container first looks (buildVolume).
        VolumeWrite record;
        const Outcome<VolumePayload> payload = payloadOf(state, spec, volume, ctx, &record);
        error = payload.ok() ? recordWrite(volume, payload.value, std::move(record), ctx) : payload.error;
        break;
    }
    }
    if (!error.empty()) {
        ++volume.failures;
        volume.retryAt = ctx.now() + mountRetryDelay(volume.failures);
        event(state, nullptr, "Warning", VolumePayloads::kFailedMountReason,
              VolumePayloads::setUpFailedMessage(spec.name, error), ctx);
        return false;
    }
    volume.mounted = true;
    volume.failures = 0;
    return true;
}

std::string Kubelet::setUpHostPath(const api::HostPathVolumeSource& source, KubeletContext& ctx)
{
    // The hostPath plugin checks the type; with no type, containerd creates a missing path as a directory.
    const std::string type = source.type.value_or("");
    fs::Stat st;
    const bool exists = m_nodeFiles.stat(source.path, st) == fs::Error::None;
    m_nodeFiles.setClock(ctx.cluster.wallTime().millis());
    if (type.empty() || type == "DirectoryOrCreate") {
        if (!exists)
            m_nodeFiles.mkdirs(source.path, 0755);
        else if (type == "DirectoryOrCreate" && !st.isDirectory())
            return "hostPath type check failed: " + source.path + " is not a directory";
        return {};
    }
    if (type == "FileOrCreate") {
        if (!exists) {
            m_nodeFiles.mkdirs(std::string(parentDirectory(source.path)), 0755);
            m_nodeFiles.writeFile(source.path, "", fs::WriteMode::Truncate, 0644);
        } else if (!st.isRegular()) {
            return "hostPath type check failed: " + source.path + " is not a file";
        }
        return {};
    }
    if (type == "Directory" && (!exists || !st.isDirectory()))
        return "hostPath type check failed: " + source.path + " is not a directory";
    if (type == "File" && (!exists || !st.isRegular()))
        return "hostPath type check failed: " + source.path + " is not a file";
    if (type == "Socket" || type == "CharDevice" || type == "BlockDevice") {
        // The node's simulated files have no sockets or devices.
        const std::string what = type == "Socket" ? "socket file" : type == "CharDevice" ? "character device" : "block device";
        return "hostPath type check failed: " + source.path + " is not a " + what;
    }
    return {};
}

bool Kubelet::mountVolumes(PodState& state, KubeletContext& ctx)
{
    if (state.mountWaitSince < 0)
        state.mountWaitSince = ctx.now();
    SimTime nextRetry = INT64_MAX;
    std::vector<std::string> unmounted;
    for (const api::Volume& spec : state.pod->spec.volumes) {
        PodVolume& volume = state.volumes.at(spec.name);
        if (volume.mounted)
            continue;
        if (volume.retryAt <= ctx.now() && setUpVolume(state, spec, volume, ctx))
            continue;
        unmounted.push_back(spec.name);
        nextRetry = std::min(nextRetry, volume.retryAt);
    }
    if (unmounted.empty()) {
        state.mountWaitSince = -1;
        return true;
    }
    const SimTime deadline = state.mountWaitSince + kAttachAndMountTimeout;
    if (ctx.now() >= deadline) {
        // The sync gives up: the pod worker tries again after its back-off, and waits for the volumes anew.
        std::sort(unmounted.begin(), unmounted.end());
        event(state, nullptr, "Warning", VolumePayloads::kFailedMountReason,
              "Unable to attach or mount volumes: unmounted volumes=[" + join(unmounted, " ") +
                  "], unattached volumes=[], failed to process volumes=[]: context deadline exceeded",
              ctx);
        state.mountWaitSince = -1;
        requeueAfterError(state, ctx);
        return false;
    }
    requestSync(state, ctx, std::min(nextRetry, deadline) - ctx.now());
    return false;
}

bool Kubelet::volumeDue(const PodState& state, const PodVolume& volume, KubeletContext& ctx) const
{
    if (volume.type != PodVolume::Type::Atomic || !volume.mounted)
        return false;
    if (volume.failures > 0 && ctx.now() >= volume.retryAt)
        return true; // writing it again failed (its object is gone): tried at every sync, after the back-off
    if (ctx.now() >= state.volumesStaleAt)
        return true;
    const int64_t nowMs = ctx.cluster.wallTime().millis();
    return std::any_of(volume.tokens.begin(), volume.tokens.end(), [&](const HeldToken& t) {
        return nowMs > ServiceAccountToken::refreshAfterMs(t.expirationTimestampMs, t.expirationSeconds, 9);
    });
}

void Kubelet::refreshVolumes(PodState& state, KubeletContext& ctx)
{
    const int64_t nowMs = ctx.cluster.wallTime().millis();
    for (const api::Volume& spec : state.pod->spec.volumes) {
        PodVolume& volume = state.volumes.at(spec.name);
        if (!volumeDue(state, volume, ctx))
            continue;
        std::string error;
        if (volume.built) {
            const Outcome<VolumePayload> payload = payloadOf(state, spec, volume, ctx);
            error = payload.ok() ? AtomicWriter(volume.files, "/").write(payload.value, nowMs, ctx.cluster.random).error
                                 : payload.error;
        } else {
            // Compared with what was written, as the writer compares with its files; written only if it differs.
            // A renewed token differs by itself, so the old one is not signed again to see that: an empty
            // file stands for it.
            const std::vector<HeldToken> heldBefore = volume.tokens;
            VolumeWrite record;
            const Outcome<VolumePayload> payload = payloadOf(state, spec, volume, ctx, &record);
            const bool renewed = volume.tokens != heldBefore;
            if (!payload.ok()) {
                error = payload.error;
            } else if (const Outcome<VolumePayload> before =
                           writtenPayload(state, spec, volume, ctx, renewed ? TokenText::PathOnly : TokenText::Signed);
                       !AtomicWriter::sameContents(before.value, payload.value)) {
                record.namesChanged = volume.written.namesChanged || topNames(before.value) != topNames(payload.value);
                error = recordWrite(volume, payload.value, std::move(record), ctx);
            }
        }
        if (!error.empty()) {
            // The files stay as they were; the reconciler mounts the volume again at the pod's next sync once
            // the operation's back-off allows, and fails again while the object is missing.
            ++volume.failures;
            volume.retryAt = ctx.now() + mountRetryDelay(volume.failures);
            event(state, nullptr, "Warning", VolumePayloads::kFailedMountReason,
                  VolumePayloads::setUpFailedMessage(spec.name, error), ctx);
        } else {
            volume.failures = 0;
        }
    }
    if (ctx.now() >= state.volumesStaleAt)
        state.volumesStaleAt = INT64_MAX;
}

std::set<std::string> Kubelet::topNames(const VolumePayload& payload)
{
    std::set<std::string> names;
    for (const auto& [path, file] : payload) {
        const std::string clean = AtomicWriter::cleanPath(path);
        names.insert(clean.substr(0, clean.find('/')));
    }
    return names;
}

void Kubelet::volumeResync(PodState& state, KubeletContext& ctx)
{
    // A resync whose only work is a volume nobody has looked into changes no file anyone could have read: it
    // needs neither the parked probes' runs nor a status. Otherwise it is the pod worker's whole sync.
    const bool touchesFiles = std::any_of(state.volumes.begin(), state.volumes.end(), [&](const auto& v) {
        return v.second.built && volumeDue(state, v.second, ctx);
    });
    if (touchesFiles) {
        catchUp(state, ctx);
        sync(state, ctx);
        return;
    }
    state.lastSyncAt = ctx.now();
    ++state.syncs;
    refreshVolumes(state, ctx);
    planVolumeResync(state, ctx);
}

SimTime Kubelet::nextPeriodicSync(const PodState& state, SimTime notBefore, KubeletContext& ctx) const
{
    SimTime t = state.lastSyncAt;
    uint32_t n = state.syncs;
    do
        t += jitteredResync(ctx.cluster.config.kubeletSyncFrequency, state.uid(), n++);
    while (t < notBefore);
    return t;
}

void Kubelet::planVolumeResync(PodState& state, KubeletContext& ctx)
{
    if (state.terminating || state.terminal || !state.sandboxReady)
        return;
    SimTime due = INT64_MAX;
    if (state.volumesStaleAt != INT64_MAX)
        due = nextPeriodicSync(state, state.volumesStaleAt, ctx);
    const int64_t startMs = ctx.cluster.config.startEpochMillis;
    for (const auto& [name, volume] : state.volumes) {
        if (volume.type == PodVolume::Type::Atomic && volume.mounted && volume.failures > 0)
            due = std::min(due, nextPeriodicSync(state, volume.retryAt, ctx));
        for (const HeldToken& t : volume.tokens)
            due = std::min(due, nextPeriodicSync(state, ServiceAccountToken::refreshAfterMs(t.expirationTimestampMs,
                                                                                            t.expirationSeconds, 0) -
                                                            startMs + 1, ctx));
    }
    if (due == INT64_MAX || (state.volumeResyncAt > ctx.now() && state.volumeResyncAt <= due))
        return;
    state.volumeResyncAt = std::max<SimTime>(due, ctx.now() + 1);
    ctx.cluster.schedule(state.volumeResyncAt, TimerKind::KubeletSync, m_index, podToken(state.id, 3));
}

void Kubelet::objectChanged(Kind kind, const std::string& namespace_, const std::string& name, KubeletContext& ctx)
{
    for (auto& [id, state] : m_pods) {
        if (state.namespace_() != namespace_)
            continue;
        const auto& volumes = state.pod->spec.volumes;
        if (!std::any_of(volumes.begin(), volumes.end(), [&](const api::Volume& v) { return names(v, kind, name); }))
            continue;
        if (!state.sandboxReady) {
            requestSync(state, ctx); // a pod waiting for it tries its mounts again at once
            continue;
        }
        state.volumesStaleAt = std::min(state.volumesStaleAt, ctx.now() + ctx.cluster.config.configMapCacheDelay);
        planVolumeResync(state, ctx);
    }
}

void Kubelet::pinSubPaths(PodState& state, ContainerSlot& slot, KubeletContext& ctx)
{
    slot.pinnedSubPaths.clear();
    for (const api::VolumeMount& m : specOf(state, slot).volumeMounts) {
        const auto it = state.volumes.find(m.name);
        if (!m.subPath.empty() && it != state.volumes.end() && it->second.type == PodVolume::Type::Atomic)
            slot.pinnedSubPaths.emplace(m.mountPath, buildVolume(state, m.name, ctx));
    }
}

std::vector<fs::Mount> Kubelet::mountsOf(PodState& state, const api::Container& container,
                                         const std::function<fs::LazyFiles*(const std::string&)>& lazy)
{
    const auto slot = std::find_if(state.containerSlots.begin(), state.containerSlots.end(),
                                   [&](const ContainerSlot& s) { return s.name == container.name; });
    std::vector<fs::Mount> out;
    for (const api::VolumeMount& m : container.volumeMounts) {
        const auto it = state.volumes.find(m.name);
        if (it == state.volumes.end())
            continue;
        PodVolume& volume = it->second;
        // configMap, secret, downwardAPI and projected volumes are read-only whatever the mount says (since
        // 1.9.4: a container could otherwise change what the kubelet writes).
        const bool readOnly = m.readOnly || volume.type == PodVolume::Type::Atomic;
        const fs::MountMode mode = readOnly ? fs::MountMode::ReadOnly : fs::MountMode::ReadWrite;
        if (volume.type == PodVolume::Type::HostPath) {
            std::string sub = nodeRelative(volume.hostPath);
            if (!m.subPath.empty())
                sub += (sub.empty() ? "" : "/") + m.subPath;
            out.push_back({m.mountPath, m_nodeFiles, sub, mode});
            continue;
        }
        if (slot != state.containerSlots.end()) {
            const auto pinned = slot->pinnedSubPaths.find(m.mountPath);
            if (pinned != slot->pinnedSubPaths.end()) {
                out.push_back({m.mountPath, pinned->second, m.subPath, mode});
                continue;
            }
        }
        fs::Mount mount{m.mountPath, volume.files, m.subPath, mode};
        if (volume.type == PodVolume::Type::Atomic && !volume.built)
            mount.lazy = lazy(m.name);
        out.push_back(std::move(mount));
    }
    return out;
}

} // namespace podlab::sim
