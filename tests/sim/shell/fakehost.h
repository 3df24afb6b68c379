#pragma once

#include "sim/fs/containerfiles.h"
#include "sim/shell/scriptcache.h"
#include "sim/shell/shellprocess.h"

#include <map>
#include <optional>
#include <set>
#include <string>

namespace podlab::sim::shell::testing {

// A container for shell tests: a busybox-like root file system, an emptyDir at /data, a read-only volume at
// /etc/config, a scripted network, a process table and a set of modelled programs.
class FakeHost : public ShellHost {
public:
    FakeHost()
    {
        root.setClock(kEpoch);
        root.mkdirs("/tmp");
        root.chmod("/tmp", 01777);
        root.mkdirs("/etc");
        root.mkdirs("/root");
        root.mkdirs("/data");
        root.mkdirs("/etc/config");
        root.mkdirs("/usr/share");
        root.writeFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
        root.writeFile("/etc/group", "root:x:0:\nnogroup:x:65534:\n");
        root.writeFile("/etc/hostname", "demo\n");
        config.setClock(kEpoch);
        config.mkdir("/..2026_01_01");
        config.writeFile("/..2026_01_01/SPECIAL_LEVEL", "very");
        config.symlink("..2026_01_01", "/..data");
        config.symlink("..data/SPECIAL_LEVEL", "/SPECIAL_LEVEL");
        // What a busybox image has (plus the programs the fake runtime models); curl is missing, as there.
        installed = {"sh", "cat", "ls", "touch", "rm", "mkdir", "rmdir", "cp", "mv", "ln", "sleep", "date",
                     "env", "printenv", "hostname", "basename", "dirname", "id", "whoami", "uname", "grep",
                     "head", "tail", "wc", "seq", "expr", "wget", "nc", "ps", "which", "killall", "sort",
                     "tr", "cut", "tee", "readlink", "realpath", "chmod", "echo", "printf", "test", "[",
                     "true", "false", "kill", "pwd", "nproc", "nginx", "slow", "frobnicate"};
    }

    fs::ContainerFiles& files() override
    {
        if (!m_view)
            m_view.emplace(root, std::vector<fs::Mount>{{"/data", data, "", fs::MountMode::ReadWrite},
                                                        {"/etc/config", config, "", fs::MountMode::ReadOnly}});
        return *m_view;
    }
    void writeOut(std::string_view text) override { out.append(text); }
    void writeErr(std::string_view text) override { err.append(text); }
    std::string hostname() const override { return "demo"; }
    int64_t epochMs(SimTime now) const override { return kEpoch + now; }
    bool hasCommand(std::string_view name) const override
    {
        const size_t slash = name.rfind('/');
        const std::string base(slash == std::string_view::npos ? name : name.substr(slash + 1));
        return installed.count(base) && !missing.count(base);
    }
    ProgramResult runProgram(const std::vector<std::string>& argv) override
    {
        programs.push_back(argv);
        if (argv[0] == "nginx" && argv.size() > 2 && argv[1] == "-s" && argv[2] == "quit") {
            // nginx stops two seconds after being told to.
            nginxStopsAt = now + 2000;
            return ProgramResult{ProgramResult::Kind::Exited, 0, "", "", 0};
        }
        if (argv[0] == "nginx")
            return ProgramResult{ProgramResult::Kind::Running, 0, "", "", 0};
        if (argv[0] == "slow")
            return ProgramResult{ProgramResult::Kind::Exited, 3, "slow done\n", "", 5000};
        return {};
    }
    HttpResponse httpRequest(const HttpRequest& request) override
    {
        requests.push_back(request.url);
        const auto it = web.find(request.url);
        if (it != web.end())
            return it->second;
        HttpResponse r;
        r.outcome = HttpResponse::Outcome::Refused;
        r.address = "10.0.0.1";
        return r;
    }
    ConnectResult tcpConnect(std::string_view host, int port) override
    {
        ConnectResult r;
        r.address = std::string(host);
        r.outcome = openPorts.count(port) ? HttpResponse::Outcome::Ok : HttpResponse::Outcome::Refused;
        return r;
    }
    bool kill(int pid, int signal) override
    {
        sentSignals.emplace_back(pid, signal);
        return pid == 42;
    }
    int killAll(std::string_view name, int signal) override
    {
        sentSignals.emplace_back(-1, signal);
        if (name == "nginx" && (nginxStopsAt < 0 || now < nginxStopsAt))
            return 2;
        return 0;
    }
    std::vector<ProcessInfo> processes() const override
    {
        return {{1, "root", "sh -c sleep 3600", 'S'}, {42, "root", "nginx: master process nginx", 'S'}};
    }

    // Runs a process to completion (or until `limit`), stepping simulated time as it asks.
    StepResult runUntilExit(ShellProcess& p, SimTime limit = 24 * kHour)
    {
        StepResult r;
        while (true) {
            r = p.run(*this, now);
            if (r.kind == StepResult::Kind::Exited || r.wakeAt > limit)
                return r;
            now = r.wakeAt;
        }
    }

    static constexpr int64_t kEpoch = 1767225600000; // Thu 2026-01-01 00:00:00 UTC

    fs::FileSystem root;
    fs::FileSystem data;
    fs::FileSystem config{fs::Medium::Tmpfs};
    std::string out;
    std::string err;
    SimTime now = 0;
    std::set<std::string> installed;
    std::set<std::string> missing;
    std::map<std::string, HttpResponse> web;
    std::set<int> openPorts;
    std::vector<std::string> requests;
    std::vector<std::vector<std::string>> programs;
    std::vector<std::pair<int, int>> sentSignals;
    SimTime nginxStopsAt = -1;

private:
    std::optional<fs::ContainerFiles> m_view;
};

} // namespace podlab::sim::shell::testing
