#pragma once

#include "kubelet.h"

#include <deque>

namespace podlab::sim {

// The world as one container of one pod sees it, for one call into the runtime: its volume mounts, the pod's
// identity and the network (through the cluster). Built on the stack and dropped.
class PodEnvironment final : public runtime::ContainerEnvironment {
public:
    PodEnvironment(Kubelet& kubelet, PodState& pod, const api::Container& container, KubeletContext& ctx)
        : m_kubelet(kubelet), m_pod(pod), m_container(container), m_ctx(ctx)
    {
    }

    SimTime now() const override { return m_ctx.now(); }
    int64_t epochMs() const override { return m_ctx.cluster.wallTime().millis(); }
    std::vector<fs::Mount> mounts() override;
    // Computed again when the container first needs them: what the kubelet wrote at creation, as nothing they are made
    // of (the pod's IP, hostname, aliases, DNS settings) changes.
    std::vector<std::pair<std::string, std::string>> injectedFiles() const override
    {
        return Kubelet::sandboxFiles(m_pod, m_container, true);
    }
    std::string hostname() const override;
    std::string podIP() const override { return m_pod.podIP; }
    std::string nodeName() const override { return m_kubelet.nodeName(); }
    std::string kernelRelease() const override;
    int nodeCpus() const override;
    shell::HttpResponse http(const shell::HttpRequest& request) override;
    shell::ConnectResult tcp(std::string_view host, int port) override;
    std::vector<shell::ProcessInfo> processNamespace(std::vector<shell::ProcessInfo> own) override;
    std::string peerAddress() const override { return m_peer; }
    // One parse of each `sh -c` script for the whole cluster: 50 000 pods of one Deployment run the same one.
    shell::ScriptCache* scripts() override { return &m_ctx.scripts; }
    // One copy of each log line shape for the cluster: nginx's start-up lines, a node's probe access line.
    runtime::SharedLines* sharedLines() override { return &m_ctx.lines; }
    runtime::SharedTexts* sharedTexts() override { return &m_ctx.texts; }
    std::shared_ptr<const fs::FileSystem> baseWithMountPoints(const std::shared_ptr<const fs::FileSystem>& base,
                                                              const std::vector<std::string>& dirs,
                                                              const std::vector<std::string>& files,
                                                              int64_t epochMs) override
    {
        return m_ctx.unpackedImages.withMountPoints(base, dirs, files, epochMs);
    }
    // Who sends the request being served (127.0.0.1 unless said otherwise: the pod itself).
    void setPeer(std::string_view peer) { m_peer = peer; }

private:
    // Builds one of the pod's read-only volumes when a path of this call first enters it.
    class LazyVolume final : public fs::LazyFiles {
    public:
        LazyVolume(PodEnvironment& env, std::string volume) : m_env(env), m_volume(std::move(volume)) {}
        fs::FileSystem& files() override { return m_env.m_kubelet.buildVolume(m_env.m_pod, m_volume, m_env.m_ctx); }
        bool built() const override { return m_env.m_pod.volumes.at(m_volume).built; }
        uint64_t stamp() const override { return m_env.m_pod.volumes.at(m_volume).written.stamp; }
        const std::string& volume() const { return m_volume; }

    private:
        PodEnvironment& m_env;
        std::string m_volume;
    };

    Kubelet& m_kubelet;
    PodState& m_pod;
    const api::Container& m_container;
    KubeletContext& m_ctx;
    std::string m_peer = "127.0.0.1";
    std::deque<LazyVolume> m_lazy; // stable addresses: the mounts handed out point at them
};

} // namespace podlab::sim
