#include "podhosts.h"

#include "manifest/names.h"

namespace podlab::sim {

namespace {

std::string joined(const manifest::Messages& messages)
{
    std::string out;
    for (const std::string& m : messages)
        out += (out.empty() ? "" : ";") + m;
    return out;
}

std::string aliasesBlock(const std::vector<api::HostAlias>& hostAliases)
{
    if (hostAliases.empty())
        return {};
    std::string out = "\n# Entries added by HostAliases.\n";
    for (const api::HostAlias& alias : hostAliases) {
        out += alias.ip;
        out += '\t';
        for (size_t i = 0; i < alias.hostnames.size(); ++i) {
            if (i)
                out += '\t';
            out += alias.hostnames[i];
        }
        out += '\n';
    }
    return out;
}

} // namespace

Outcome<PodHosts::Identity> PodHosts::identity(const api::Pod& pod, std::string_view clusterDomain)
{
    using Result = Outcome<Identity>;
    Identity id;
    id.hostname = pod.metadata.name;
    if (!pod.spec.hostname.empty()) {
        const manifest::Messages errs = manifest::isDns1123Label(pod.spec.hostname);
        if (!errs.empty())
            return Result::failure("pod Hostname \"" + pod.spec.hostname +
                                   "\" is not a valid DNS label: " + joined(errs));
        id.hostname = pod.spec.hostname;
    }
    // The kernel keeps 64 bytes with the terminating NUL.
    constexpr size_t kHostnameMaxLen = 63;
    if (id.hostname.size() > kHostnameMaxLen) {
        std::string cut = id.hostname.substr(0, kHostnameMaxLen);
        while (!cut.empty() && (cut.back() == '-' || cut.back() == '.'))
            cut.pop_back();
        if (cut.empty())
            return Result::failure("hostname for pod \"" + pod.metadata.name + "\" was invalid: \"" +
                                   id.hostname + "\"");
        id.hostname = cut;
    }
    if (!pod.spec.subdomain.empty()) {
        const manifest::Messages errs = manifest::isDns1123Label(pod.spec.subdomain);
        if (!errs.empty())
            return Result::failure("pod Subdomain \"" + pod.spec.subdomain +
                                   "\" is not a valid DNS label: " + joined(errs));
        id.domain = pod.spec.subdomain + "." + pod.metadata.namespace_ + ".svc." + std::string(clusterDomain);
    }
    return Result::success(id);
}

Outcome<std::string> PodHosts::kernelHostname(const Identity& id, const api::Pod& pod)
{
    if (id.domain.empty() || !pod.spec.setHostnameAsFQDN.value_or(false))
        return Outcome<std::string>::success(id.hostname);
    constexpr size_t kFqdnMaxLen = 64;
    const std::string fqdn = id.hostname + "." + id.domain;
    if (fqdn.size() > kFqdnMaxLen)
        return Outcome<std::string>::failure(
            "failed to construct FQDN from pod hostname and cluster domain, FQDN " + fqdn + " is too long (" +
            std::to_string(kFqdnMaxLen) + " characters is the max, " + std::to_string(fqdn.size()) +
            " characters requested)");
    return Outcome<std::string>::success(fqdn);
}

std::string PodHosts::managedHostsFile(const std::vector<std::string>& podIPs, const Identity& id,
                                       const std::vector<api::HostAlias>& hostAliases)
{
    std::string out = "# Kubernetes-managed hosts file.\n"
                      "127.0.0.1\tlocalhost\n"
                      "::1\tlocalhost ip6-localhost ip6-loopback\n"
                      "fe00::0\tip6-localnet\n"
                      "fe00::0\tip6-mcastprefix\n"
                      "fe00::1\tip6-allnodes\n"
                      "fe00::2\tip6-allrouters\n";
    for (const std::string& ip : podIPs) {
        if (id.domain.empty())
            out += ip + "\t" + id.hostname + "\n";
        else
            out += ip + "\t" + id.hostname + "." + id.domain + "\t" + id.hostname + "\n";
    }
    out += aliasesBlock(hostAliases);
    return out;
}

std::string PodHosts::hostNetworkHostsFile(std::string_view nodeHostsFile,
                                           const std::vector<api::HostAlias>& hostAliases)
{
    std::string out = "# Kubernetes-managed hosts file (host network).\n";
    out.append(nodeHostsFile);
    out += aliasesBlock(hostAliases);
    return out;
}

std::string PodHosts::hostsFile(const api::Pod& pod, const Identity& id, std::string_view nodeHostsFile)
{
    if (pod.spec.hostNetwork)
        return hostNetworkHostsFile(nodeHostsFile, pod.spec.hostAliases);
    std::vector<std::string> ips;
    for (const api::PodIP& ip : pod.status.podIPs)
        ips.push_back(ip.ip);
    if (ips.empty() && !pod.status.podIP.empty())
        ips.push_back(pod.status.podIP);
    return managedHostsFile(ips, id, pod.spec.hostAliases);
}

bool PodHosts::mountsHostsFile(const api::Pod& pod, const api::Container& container)
{
    if (pod.status.podIPs.empty() && pod.status.podIP.empty())
        return false;
    for (const api::VolumeMount& m : container.volumeMounts)
        if (m.mountPath == "/etc/hosts")
            return false;
    return true;
}

} // namespace podlab::sim
