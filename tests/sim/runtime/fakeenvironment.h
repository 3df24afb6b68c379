#pragma once

#include "sim/images/imagecatalogue.h"
#include "sim/runtime/container.h"
#include "sim/runtime/imagefiles.h"
#include "sim/runtime/sharedlines.h"
#include "sim/runtime/sharedtexts.h"
#include "sim/shell/scriptcache.h"

#include <map>
#include <set>
#include <string>

namespace podlab::sim::runtime::testing {

// One pod as the runtime tests need it: its identity, its volumes, a scripted network (the internet as a table
// of URLs) and, for requests to localhost, the pod's containers themselves.
class FakeEnvironment : public ContainerEnvironment {
public:
    static constexpr int64_t kEpoch = 1767225600000; // Thu 2026-01-01 00:00:00 UTC

    explicit FakeEnvironment(const ImageCatalogue& catalogue)
        : m_catalogue(catalogue)
    {
    }

    SimTime now() const override { return t; }
    int64_t epochMs() const override { return epoch + t; }
    std::vector<fs::Mount> mounts() override
    {
        std::vector<fs::Mount> out;
        for (const auto& [path, volume] : mountPoints)
            out.push_back(fs::Mount{path, volumes.at(volume), "", fs::MountMode::ReadWrite});
        return out;
    }
    std::string hostname() const override { return host; }
    std::string podIP() const override { return ip; }
    std::string nodeName() const override { return "worker-1"; }
    std::string kernelRelease() const override { return "6.1.0-18-amd64"; }
    int nodeCpus() const override { return cpus; }

    shell::HttpResponse http(const shell::HttpRequest& request) override
    {
        requests.push_back(request.url);
        if (const auto it = web.find(request.url); it != web.end())
            return it->second;
        // This pod: localhost or its own IP reaches its containers.
        std::string rest = request.url;
        if (const size_t scheme = rest.find("://"); scheme != std::string::npos)
            rest = rest.substr(scheme + 3);
        const std::string hostPort = rest.substr(0, rest.find('/'));
        const size_t colon = hostPort.find(':');
        const std::string h = hostPort.substr(0, colon);
        const int port = colon == std::string::npos ? 80 : std::stoi(hostPort.substr(colon + 1));
        if (h == "localhost" || h == "127.0.0.1" || h == ip) {
            for (Container* c : pod) {
                if (auto r = c->serveHttp(port, request, *this)) {
                    if (h != ip)
                        r->address = "127.0.0.1"; // as the cluster's network shows localhost
                    return *r;
                }
            }
        }
        shell::HttpResponse refused;
        refused.outcome = shell::HttpResponse::Outcome::Refused;
        refused.address = h == "localhost" ? "127.0.0.1" : h;
        return refused;
    }
    shell::ConnectResult tcp(std::string_view h, int port) override
    {
        shell::ConnectResult r;
        r.address = std::string(h);
        r.outcome = openPorts.count(port) ? shell::HttpResponse::Outcome::Ok : shell::HttpResponse::Outcome::Refused;
        for (Container* c : pod)
            if ((h == "localhost" || h == "127.0.0.1" || h == ip) && c->listens(port))
                r.outcome = shell::HttpResponse::Outcome::Ok;
        return r;
    }
    const RuntimeMessages* runtimeMessages() const override { return &m_catalogue.runtimeMessages(); }
    shell::ScriptCache* scripts() override { return &cache; }
    std::string peerAddress() const override { return peer; }
    bool shortcuts() const override { return allowShortcuts; }
    SharedLines* sharedLines() override { return lines; }
    SharedTexts* sharedTexts() override { return texts; }

    SimTime t = 0;
    int64_t epoch = kEpoch; // wall clock at t = 0
    std::string host = "demo";
    std::string ip = "10.244.1.5";
    std::string peer = "10.244.1.1";
    bool allowShortcuts = true; // false: the runtime's general path only
    int cpus = 2;
    std::map<std::string, fs::FileSystem> volumes;
    std::map<std::string, std::string> mountPoints; // mount path -> volume name
    std::map<std::string, shell::HttpResponse> web;
    std::set<int> openPorts;
    std::vector<std::string> requests;
    std::vector<Container*> pod; // the pod's containers, for requests to localhost
    shell::ScriptCache cache;
    SharedLines* lines = nullptr; // what the cluster's containers share (none unless a test gives them)
    SharedTexts* texts = nullptr;

private:
    const ImageCatalogue& m_catalogue;
};

} // namespace podlab::sim::runtime::testing
