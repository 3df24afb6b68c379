#include "podenvironment.h"

namespace podlab::sim {

std::vector<fs::Mount> PodEnvironment::mounts()
{
    std::vector<fs::Mount> out;
    for (const api::VolumeMount& m : m_container.volumeMounts) {
        const auto it = m_pod.volumes.find(m.name);
        if (it == m_pod.volumes.end())
            continue; // a volume kind the kubelet does not project (yet): nothing mounted there
        out.push_back({m.mountPath, it->second, m.subPath, m.readOnly ? fs::MountMode::ReadOnly : fs::MountMode::ReadWrite});
    }
    return out;
}

std::string PodEnvironment::hostname() const
{
    const api::Pod& pod = *m_pod.pod;
    std::string h = pod.spec.hostname.empty() ? pod.metadata.name : pod.spec.hostname;
    if (h.size() > 63)
        h.resize(63);
    while (!h.empty() && (h.back() == '-' || h.back() == '.'))
        h.pop_back();
    return h;
}

std::string PodEnvironment::kernelRelease() const
{
    const auto node = m_ctx.cluster.store.get<api::Node>("", m_kubelet.nodeName());
    return node ? node->status.nodeInfo.kernelVersion : std::string("6.1.0-28-amd64");
}

int PodEnvironment::nodeCpus() const
{
    const auto node = m_ctx.cluster.store.get<api::Node>("", m_kubelet.nodeName());
    if (!node)
        return 4;
    const auto it = node->status.capacity.find("cpu");
    return it == node->status.capacity.end() ? 4 : int(it->second.value());
}

shell::HttpResponse PodEnvironment::http(const shell::HttpRequest& request)
{
    return m_ctx.network.http(m_pod.podIP, request, m_ctx.now());
}

shell::ConnectResult PodEnvironment::tcp(std::string_view host, int port)
{
    return m_ctx.network.tcp(m_pod.podIP, host, port, m_ctx.now());
}

} // namespace podlab::sim
