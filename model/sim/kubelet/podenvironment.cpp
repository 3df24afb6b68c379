#include "podenvironment.h"

#include <algorithm>

namespace podlab::sim {

std::vector<fs::Mount> PodEnvironment::mounts()
{
    return m_kubelet.mountsOf(m_pod, m_container, [this](const std::string& volume) -> fs::LazyFiles* {
        for (LazyVolume& v : m_lazy)
            if (v.volume() == volume)
                return &v;
        return &m_lazy.emplace_back(*this, volume);
    });
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

std::vector<shell::ProcessInfo> PodEnvironment::processNamespace(std::vector<shell::ProcessInfo> own)
{
    if (!m_pod.pod->spec.shareProcessNamespace.value_or(false))
        return own;
    // root, as the documentation's example shows it (newer pause images may set USER 65535: not checked).
    std::vector<shell::ProcessInfo> list{shell::ProcessInfo{1, "root", "/pause", 'S', 0, 0, true}};
    std::vector<PodState::SharedPid> seen;
    for (size_t i = 0; i < m_pod.containerSlots.size(); ++i) {
        const ContainerSlot& slot = m_pod.containerSlots[i];
        const bool caller = slot.name == m_container.name;
        if (!caller && !(slot.current && slot.current->running()))
            continue;
        for (shell::ProcessInfo p : caller ? own : slot.current->processes()) {
            const auto known = std::find_if(m_pod.sharedPids.begin(), m_pod.sharedPids.end(), [&](const auto& s) {
                return s.slot == i && s.instance == slot.restartCount && s.localPid == p.pid;
            });
            const int pid = known != m_pod.sharedPids.end() ? known->pid : m_pod.nextSharedPid++;
            seen.push_back({i, slot.restartCount, p.pid, pid});
            p.pid = pid;
            p.foreign = !caller;
            list.push_back(std::move(p));
        }
    }
    m_pod.sharedPids = std::move(seen);
    std::sort(list.begin(), list.end(), [](const auto& a, const auto& b) { return a.pid < b.pid; });
    return list;
}

} // namespace podlab::sim
