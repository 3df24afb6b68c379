// Reading and validating 10 000 Pod documents (about 6 MB, each with two probes, resources and a volume),
// against yaml-cpp's own event parser on the same bytes — the floor any yaml-cpp based reader stands on —
// and YAML::LoadAll for scale. Each measurement runs in its own child process so that its peak memory
// (maximum resident set) is its own.
//
//   manifest_bench [PODS] [RUNS]      defaults: 10000 pods, best of 5 runs
#include "manifest/manifestreader.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

std::string podDocument(int i)
{
    char buf[2048];
    std::snprintf(buf, sizeof buf, R"(---
apiVersion: v1
kind: Pod
metadata:
  name: web-%05d
  labels:
    app: web
spec:
  containers:
  - name: nginx
    image: nginx:1.25.%d
    ports:
    - containerPort: 80
    resources:
      requests:
        cpu: 250m
        memory: 64Mi
      limits:
        cpu: 500m
        memory: 128Mi
    livenessProbe:
      httpGet:
        path: /healthz
        port: 80
      initialDelaySeconds: 3
      periodSeconds: 10
    readinessProbe:
      exec:
        command: ["cat", "/tmp/ready"]
      periodSeconds: 5
    volumeMounts:
    - name: config
      mountPath: /etc/config
  volumes:
  - name: config
    configMap:
      name: web-config
)",
                  i, i % 10);
    return buf;
}

std::string makeInput(int pods)
{
    std::string out;
    out.reserve(size_t(pods) * 1500);
    for (int i = 0; i < pods; ++i)
        out += podDocument(i);
    return out;
}

// The same zero-copy stream the reader uses, so both parse exactly the same way from the same bytes.
class MemoryBuffer : public std::streambuf {
public:
    MemoryBuffer(const char* data, size_t size)
    {
        char* p = const_cast<char*>(data);
        setg(p, p, p + size);
    }
};

struct NullHandler final : YAML::EventHandler {
    void OnDocumentStart(const YAML::Mark&) override {}
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
    void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
    void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
    void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnSequenceEnd() override {}
    void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
    void OnMapEnd() override {}
};

struct Measurement {
    double seconds = 0;
    long peakKiB = 0;
    long result = 0; // something computed, so the work cannot be skipped
};

// Runs `work` in a child process; returns its wall time (best of `runs`) and peak memory.
template <class Work>
Measurement measure(int runs, Work work)
{
    Measurement best;
    best.seconds = 1e9;
    for (int r = 0; r < runs; ++r) {
        int pipeFds[2];
        if (pipe(pipeFds) != 0)
            std::exit(2);
        const pid_t pid = fork();
        if (pid == 0) {
            close(pipeFds[0]);
            const auto start = std::chrono::steady_clock::now();
            const long result = work();
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            char buf[64];
            const int n = std::snprintf(buf, sizeof buf, "%.6f %ld", seconds, result);
            (void)!write(pipeFds[1], buf, size_t(n));
            _exit(0);
        }
        close(pipeFds[1]);
        char buf[64] = {};
        (void)!read(pipeFds[0], buf, sizeof buf - 1);
        close(pipeFds[0]);
        int status = 0;
        rusage usage{};
        wait4(pid, &status, 0, &usage);
        Measurement m;
        std::sscanf(buf, "%lf %ld", &m.seconds, &m.result);
        m.peakKiB = usage.ru_maxrss;
        if (m.seconds < best.seconds)
            best.seconds = m.seconds;
        best.peakKiB = std::max(best.peakKiB, m.peakKiB);
        best.result = m.result;
    }
    return best;
}

void report(const char* what, const Measurement& m, const Measurement* baseline)
{
    std::printf("%-44s %8.3f s  %8.1f MB peak", what, m.seconds, double(m.peakKiB) / 1024.0);
    if (baseline)
        std::printf("  %5.2fx the event parse", m.seconds / baseline->seconds);
    std::printf("\n");
}

} // namespace

int main(int argc, char** argv)
{
    const int pods = argc > 1 ? std::atoi(argv[1]) : 10000;
    const int runs = argc > 2 ? std::atoi(argv[2]) : 5;
    const std::string input = makeInput(pods);
    std::printf("input: %d Pod documents, %.2f MB (two probes, resources and a volume each); best of %d runs\n",
                pods, double(input.size()) / 1e6, runs);

    // Peak memory includes the input itself and the process baseline; measure an idle child for reference.
    const Measurement idle = measure(1, [] { return 0L; });
    std::printf("%-44s %8s    %8.1f MB peak (input and process baseline)\n", "baseline (child doing nothing)", "",
                double(idle.peakKiB) / 1024.0);

    const Measurement events = measure(runs, [&] {
        MemoryBuffer buffer(input.data(), input.size());
        std::istream stream(&buffer);
        YAML::Parser parser(stream);
        NullHandler handler;
        long documents = 0;
        while (parser.HandleNextDocument(handler))
            ++documents;
        return documents;
    });
    report("yaml-cpp event parse (YAML::Parser, empty handler)", events, nullptr);

    const Measurement podlab = measure(runs, [&] {
        const podlab::manifest::ReadResult r = podlab::manifest::readManifests(input, "bench.yaml");
        if (!r.ok()) {
            std::fprintf(stderr, "unexpected problem: %s\n", r.diagnostics.front().toString().c_str());
            return -1L;
        }
        return long(r.objects.size());
    });
    report("PodLab read + default + validate", podlab, &events);
    std::printf("  objects read: %ld\n", podlab.result);

    const Measurement loadAll = measure(1, [&] { return long(YAML::LoadAll(input).size()); });
    report("YAML::LoadAll (one node tree, for scale)", loadAll, &events);

    const bool timeOk = podlab.seconds <= 1.5;
    const bool memoryOk = podlab.peakKiB <= 200 * 1024;
    const bool ratioOk = podlab.seconds <= 1.4 * events.seconds;
    std::printf("targets: time <= 1.5 s %s, peak <= 200 MB %s, <= 1.4x event parse %s\n", timeOk ? "met" : "MISSED",
                memoryOk ? "met" : "MISSED", ratioOk ? "met" : "MISSED");
    return podlab.result == pods ? 0 : 1;
}
