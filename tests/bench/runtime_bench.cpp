// The container runtime alone, at the rates engine_bench's pods need it: exec probes (busybox `cat` and
// `test -f`, `redis-cli ping`), nginx's httpGet probe with its access-log line, a tcp probe's listens(),
// container starts with the node's shared image files, and what a running container and its log weigh.
//
// Probes go round-robin over N containers of a kind, the simulated clock moving so that each one is probed
// every 10 s (as the kubelet does): with N = 1000 the clock moves 10 ms per call. Each probe's first call
// on a container is not counted (what a cache may compute once); the rest are averaged.
//
// Memory is counted by this program's own operator new: the heap a container adds once its image's files
// are unpacked on the node and one container has run (what any later one shares).
//
//   runtime_bench [CONTAINERS] [ROUNDS]      defaults: 1000 containers, 360 rounds (one simulated hour)
#include "sim/images/imagecatalogue.h"
#include "sim/runtime/container.h"
#include "sim/runtime/imagefiles.h"
#include "sim/shell/scriptcache.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <malloc.h>
#include <new>
#include <string>
#include <vector>

using namespace podlab::sim;
using namespace podlab::sim::runtime;

// ---- heap accounting -----------------------------------------------------------------------------------------

namespace {
std::atomic<int64_t> g_heapBytes{0};
}

void* operator new(size_t size)
{
    void* p = std::malloc(size ? size : 1);
    if (!p)
        throw std::bad_alloc();
    g_heapBytes.fetch_add(int64_t(malloc_usable_size(p)), std::memory_order_relaxed);
    return p;
}
void* operator new[](size_t size) { return operator new(size); }
void operator delete(void* p) noexcept
{
    if (!p)
        return;
    g_heapBytes.fetch_sub(int64_t(malloc_usable_size(p)), std::memory_order_relaxed);
    std::free(p);
}
void operator delete[](void* p) noexcept { operator delete(p); }
void operator delete(void* p, size_t) noexcept { operator delete(p); }
void operator delete[](void* p, size_t) noexcept { operator delete(p); }

namespace {

int64_t heapNow() { return g_heapBytes.load(std::memory_order_relaxed); }

constexpr int64_t kEpoch = 1767225600000; // Thu 2026-01-01 00:00:00 UTC
constexpr SimTime kPeriod = 10'000;

// One pod's world as the kubelet's PodEnvironment gives it: no volumes, strings made on each call.
class BenchEnvironment final : public ContainerEnvironment {
public:
    explicit BenchEnvironment(const ImageCatalogue& catalogue)
        : m_catalogue(catalogue)
    {
    }
    SimTime now() const override { return t; }
    int64_t epochMs() const override { return kEpoch + t; }
    std::vector<podlab::sim::fs::Mount> mounts() override { return {}; }
    std::string hostname() const override { return "web-12345"; }
    std::string podIP() const override { return "10.244.1.5"; }
    std::string nodeName() const override { return "node-17"; }
    std::string kernelRelease() const override { return "6.1.0-28-amd64"; }
    int nodeCpus() const override { return 4; }
    shell::HttpResponse http(const shell::HttpRequest&) override { return {}; }
    shell::ConnectResult tcp(std::string_view, int) override { return {}; }
    const RuntimeMessages* runtimeMessages() const override { return &m_catalogue.runtimeMessages(); }
    shell::ScriptCache* scripts() override { return &cache; }
    std::string peerAddress() const override { return "10.0.0.17"; }

    SimTime t = 0;
    shell::ScriptCache cache;

private:
    const ImageCatalogue& m_catalogue;
};

double secondsSince(std::chrono::steady_clock::time_point start)
{
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

struct Kind {
    const char* label;
    const char* image;
    std::vector<std::string> command;
};

const Kind kBusybox{"busybox sh script", "busybox:1.36", {"sh", "-c", "touch /tmp/healthy; sleep 86400"}};
const Kind kNginx{"nginx", "nginx:1.27", {}};
const Kind kRedis{"redis", "redis:7.2", {}};

ContainerConfig configFor(const ImageCatalogue& catalogue, const Kind& kind, int i)
{
    const ImageResolution resolution = catalogue.resolve(kind.image);
    if (!resolution.found()) {
        std::fprintf(stderr, "image %s is not in the catalogue\n", kind.image);
        std::exit(1);
    }
    ContainerConfig c;
    char id[65];
    std::snprintf(id, sizeof id, "%064x", i + 1);
    c.id = id;
    c.name = "main";
    c.image = *resolution.image;
    c.command = kind.command;
    c.injectedFiles = {{"/etc/hosts", "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.1.5\tweb-12345\n"},
                       {"/etc/hostname", "web-12345\n"},
                       {"/etc/resolv.conf", "search default.svc.cluster.local svc.cluster.local cluster.local\n"
                                            "nameserver 10.96.0.10\noptions ndots:5\n"}};
    return c;
}

// N started containers of one kind, run to `until` (nginx and redis are listening by then).
struct Fleet {
    std::vector<Container> containers;
    double startSeconds = 0;
    int64_t heapBytes = 0; // what they added, beyond the node's image files and a first container
    size_t logTextBytes = 0;
};

Fleet startFleet(const ImageCatalogue& catalogue, BenchEnvironment& env, ImageFileSystems* node, const Kind& kind,
                 int count, SimTime until)
{
    Fleet fleet;
    std::vector<ContainerConfig> configs;
    for (int i = 0; i < count + 1; ++i) {
        configs.push_back(configFor(catalogue, kind, i));
        if (node)
            configs.back().imageFiles = node->get(*configs.back().image);
    }
    // A first container: whatever starting fills once (the node's unpacked image, parsed scripts) is not the
    // later containers' cost.
    env.t = 0;
    Container first(configs.back());
    first.start(env);
    fleet.containers.reserve(size_t(count));
    const int64_t heapBefore = heapNow();
    const auto start = std::chrono::steady_clock::now();
    for (int i = 0; i < count; ++i) {
        fleet.containers.emplace_back(std::move(configs[size_t(i)]));
        const StartResult r = fleet.containers.back().start(env);
        if (!r.ok) {
            std::fprintf(stderr, "%s did not start: %s\n", kind.label, r.error.c_str());
            std::exit(1);
        }
    }
    fleet.startSeconds = secondsSince(start);
    env.t = until;
    for (Container& c : fleet.containers)
        c.wake(env);
    fleet.heapBytes = heapNow() - heapBefore;
    for (const Container& c : fleet.containers)
        for (const LogEntry& e : c.logs())
            fleet.logTextBytes += e.text.size();
    return fleet;
}

// Runs `probe` on every container of the fleet, `rounds` times, each container every 10 s; returns the mean
// nanoseconds per call after the first round.
template <class Probe>
double probeRounds(Fleet& fleet, BenchEnvironment& env, int rounds, Probe probe)
{
    const size_t n = fleet.containers.size();
    const SimTime base = env.t;
    auto round = [&](int r) {
        for (size_t i = 0; i < n; ++i) {
            env.t = base + SimTime(r) * kPeriod + SimTime(i) * kPeriod / SimTime(n);
            probe(fleet.containers[i]);
        }
    };
    round(0);
    const auto start = std::chrono::steady_clock::now();
    for (int r = 1; r < rounds; ++r)
        round(r);
    const double elapsed = secondsSince(start);
    env.t = base + SimTime(rounds) * kPeriod;
    return elapsed * 1e9 / double(n) / double(std::max(1, rounds - 1));
}

void fail(const char* what)
{
    std::fprintf(stderr, "wrong answer: %s\n", what);
    std::exit(1);
}

} // namespace

int main(int argc, char** argv)
{
    const int count = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1000;
    const int rounds = argc > 2 ? std::max(2, std::atoi(argv[2])) : 360;
    const ImageCatalogue catalogue = ImageCatalogue::builtin();
    BenchEnvironment env(catalogue);
    ImageFileSystems node;

    std::printf("runtime_bench: %d containers per kind, %d rounds of probes every 10 s\n", count, rounds);

    // ---- starts and memory ---------------------------------------------------------------------------------
    Fleet busybox = startFleet(catalogue, env, &node, kBusybox, count, 1000);
    Fleet nginx = startFleet(catalogue, env, &node, kNginx, count, 5000);
    Fleet redis = startFleet(catalogue, env, &node, kRedis, count, 5000);
    for (const Fleet* f : {&busybox, &nginx, &redis})
        for (const Container& c : f->containers)
            if (!c.running())
                fail("a container ended");
    std::printf("start, shared image files     busybox sh script %7.2f µs   nginx %7.2f µs   redis %7.2f µs\n",
                busybox.startSeconds * 1e6 / count, nginx.startSeconds * 1e6 / count, redis.startSeconds * 1e6 / count);
    {
        const int few = std::max(1, count / 10);
        BenchEnvironment own(catalogue);
        const Fleet b = startFleet(catalogue, own, nullptr, kBusybox, few, 1000);
        const Fleet n = startFleet(catalogue, own, nullptr, kNginx, few, 5000);
        const Fleet r = startFleet(catalogue, own, nullptr, kRedis, few, 5000);
        std::printf("start, no image files given   busybox sh script %7.2f µs   nginx %7.2f µs   redis %7.2f µs\n",
                    b.startSeconds * 1e6 / few, n.startSeconds * 1e6 / few, r.startSeconds * 1e6 / few);
    }
    std::printf("memory per running container  busybox %6lld B   nginx %6lld B (its startup log: %zu B of text)   "
                "redis %6lld B (log: %zu B of text)\n",
                static_cast<long long>(busybox.heapBytes / count), static_cast<long long>(nginx.heapBytes / count),
                nginx.logTextBytes / size_t(count), static_cast<long long>(redis.heapBytes / count),
                redis.logTextBytes / size_t(count));

    // ---- exec probes -----------------------------------------------------------------------------------------
    const std::vector<std::string> cat{"cat", "/tmp/healthy"};
    const std::vector<std::string> test{"test", "-f", "/tmp/healthy"};
    const std::vector<std::string> ping{"redis-cli", "ping"};
    // What the containers keep once probed (the runtime's caches of commands and served files, the log's first
    // probe lines), per container: the heap's growth over each kind's probes.
    const int64_t busyboxBefore = heapNow();
    const double catNs = probeRounds(busybox, env, rounds, [&](Container& c) {
        const ExecResult r = c.exec(cat, env, 1000);
        if (r.exitCode != 0 || !r.out.empty() || !r.err.empty())
            fail("cat /tmp/healthy");
    });
    const double testNs = probeRounds(busybox, env, rounds, [&](Container& c) {
        if (c.exec(test, env, 1000).exitCode != 0)
            fail("test -f /tmp/healthy");
    });
    const int64_t busyboxKept = heapNow() - busyboxBefore;
    const int64_t redisBefore = heapNow();
    const double pingNs = probeRounds(redis, env, rounds, [&](Container& c) {
        const ExecResult r = c.exec(ping, env, 1000);
        if (r.exitCode != 0 || r.out != "PONG\n")
            fail("redis-cli ping");
    });
    const int64_t redisKept = heapNow() - redisBefore;
    std::printf("exec probe                    cat /tmp/healthy %7.0f ns   test -f /tmp/healthy %7.0f ns   "
                "redis-cli ping %7.0f ns\n",
                catNs, testNs, pingNs);

    // ---- network probes ----------------------------------------------------------------------------------------
    shell::HttpRequest get;
    get.url = "http://10.244.1.5:80/";
    get.headers = {{"User-Agent", "kube-probe/1.34"}, {"Accept", "*/*"}};
    auto httpProbe = [&](Container& c) {
        const auto r = c.serveHttp(80, get, env);
        if (!r || r->status != 200)
            fail("GET / from nginx");
    };
    const int64_t nginxBefore = heapNow();
    const double httpNs = probeRounds(nginx, env, rounds, httpProbe);
    const int64_t nginxKept = heapNow() - nginxBefore;
    // The log's growth: what more probes add once each container has answered one.
    const int64_t logHeapBefore = heapNow();
    const SimTime logFrom = env.t;
    probeRounds(nginx, env, rounds, httpProbe);
    const int64_t logGrowth = heapNow() - logHeapBefore;
    const double hours = double(env.t - logFrom) / 3.6e6;
    bool open = true;
    const double listensNs = probeRounds(nginx, env, rounds, [&](Container& c) { open = open && c.listens(80); });
    if (!open)
        fail("nginx listens on 80");
    std::printf("httpGet probe                 nginx GET / %7.0f ns (with its access-log line)   tcp listens() %5.1f ns\n",
                httpNs, listensNs);

    std::printf("kept once probed              busybox %6lld B   nginx %6lld B   redis %6lld B per container\n",
                static_cast<long long>(busyboxKept / count), static_cast<long long>(nginxKept / count),
                static_cast<long long>(redisKept / count));

    // ---- logs --------------------------------------------------------------------------------------------------
    size_t lines = 0;
    size_t text = 0;
    for (const Container& c : nginx.containers)
        for (const LogEntry& e : c.logs()) {
            ++lines;
            text += e.text.size();
        }
    const double perContainerHour = double(logGrowth) / count / hours;
    std::printf("nginx log                     %zu lines, %zu B of text per container; probes every 10 s add %.0f B of "
                "heap per container per hour: %.0f MB for 50 000 containers\n",
                lines / size_t(count), text / size_t(count), perContainerHour, perContainerHour * 50'000 / 1e6);
    return 0;
}
