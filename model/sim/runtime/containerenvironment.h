#pragma once

#include "sim/core/simtime.h"
#include "sim/fs/containerfiles.h"
#include "sim/shell/shellhost.h"

#include <string>

namespace podlab::sim {
struct RuntimeMessages;
namespace shell {
class ScriptCache;
}
namespace runtime {
class SharedLines;
class SharedTexts;
}
} // namespace podlab::sim

namespace podlab::sim::runtime {

// What a container's processes can reach beyond the container itself, for the duration of one call: the
// pod's volumes mounted into it, the pod's identity, the clock, and the network. The kubelet implements it
// for one container of one pod; nothing keeps it (containers stay copyable values). The container's own
// root file system lives in the Container; it combines the two into a fs::ContainerFiles view.
class ContainerEnvironment {
public:
    virtual ~ContainerEnvironment() = default;

    virtual SimTime now() const = 0;
    // Simulated wall clock: epoch milliseconds at now().
    virtual int64_t epochMs() const = 0;

    // The pod's volumes as this container mounts them (volumeMounts, with subPath and readOnly), valid for
    // the duration of the call.
    virtual std::vector<fs::Mount> mounts() = 0;

    virtual std::string hostname() const = 0;
    virtual std::string podIP() const = 0;
    virtual std::string nodeName() const = 0;
    virtual std::string kernelRelease() const = 0;
    virtual int nodeCpus() const = 0;

    // The pod network, seen from this pod: other pods by IP, Services by IP or DNS name, this pod on
    // localhost, the (stubbed) internet.
    virtual shell::HttpResponse http(const shell::HttpRequest& request) = 0;
    virtual shell::ConnectResult tcp(std::string_view host, int port) = 0;

    // Optional; the defaults describe a bare container.
    // containerd's texts (the catalogue's runtimeMessages) for StartError and failed execs; without them the
    // runtime reports runc's reason alone.
    virtual const RuntimeMessages* runtimeMessages() const { return nullptr; }
    // Where parsed `sh -c` scripts are kept between runs (the kubelet's cache; exec probes repeat).
    virtual shell::ScriptCache* scripts() { return nullptr; }
    // The files named in ContainerConfig::injectedPaths, with their contents (path -> content).
    virtual std::vector<std::pair<std::string, std::string>> injectedFiles() const { return {}; }
    // Where the log lines containers write alike are held once (the kubelet's cache, for the cluster).
    virtual SharedLines* sharedLines() { return nullptr; }
    // Where texts many containers hold alike are shared (their environment blocks); nullptr: nowhere.
    virtual SharedTexts* sharedTexts() { return nullptr; }
    // The image's files `base` with the mount points runc creates — directories `dirs` and empty `files` (the
    // kubelet's /etc/hosts and the like), stamped `epochMs` — as one copy shared by every container that needs
    // the same; nullptr: the container makes its own.
    virtual std::shared_ptr<const fs::FileSystem> baseWithMountPoints(const std::shared_ptr<const fs::FileSystem>& base,
                                                                      const std::vector<std::string>& dirs,
                                                                      const std::vector<std::string>& files,
                                                                      int64_t epochMs)
    {
        (void)base, (void)dirs, (void)files, (void)epochMs;
        return nullptr;
    }
    // serveHttp: the address the request comes from ({remoteAddr} of access logs, agnhost's /clientip): the
    // node for a probe, the sending pod, 127.0.0.1 for the pod itself.
    virtual std::string peerAddress() const { return "127.0.0.1"; }
    // The processes `ps` sees, given the container's own: those alone in a PID namespace of its own; with the
    // pod's shareProcessNamespace, every container's processes as that namespace numbers them, PID 1 being
    // the sandbox's pause.
    virtual std::vector<shell::ProcessInfo> processNamespace(std::vector<shell::ProcessInfo> own) { return own; }
    // Whether the runtime may reuse what it worked out in earlier calls: commands it looked up, exec probes run
    // without a shell process, static files answered again. Tests turn it off to check that these shortcuts
    // give exactly what the general path gives.
    virtual bool shortcuts() const { return true; }
};

} // namespace podlab::sim::runtime
