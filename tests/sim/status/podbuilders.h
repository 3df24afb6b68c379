#pragma once

// Small builders for pods and container statuses in the shapes the kubelet reports, shared by the status and
// kubectl tests. Times are seconds after 2024-01-01T10:00:00Z.

#include "api/pod.h"

#include <string>

namespace podlab::testing {

inline constexpr int64_t kT0Millis = 1704103200000; // 2024-01-01T10:00:00Z

inline api::Time at(int64_t seconds)
{
    return api::Time::fromMillis(kT0Millis + seconds * 1000);
}

inline api::Container container(std::string name, std::string image = "busybox:1.36")
{
    api::Container c;
    c.name = std::move(name);
    c.image = std::move(image);
    c.terminationMessagePath = "/dev/termination-log";
    c.terminationMessagePolicy = "File";
    c.imagePullPolicy = "IfNotPresent";
    return c;
}

inline api::Container sidecar(std::string name)
{
    api::Container c = container(std::move(name));
    c.restartPolicy = "Always";
    return c;
}

inline api::Pod pod(std::string name, std::string restartPolicy = "Always")
{
    api::Pod p;
    p.metadata.name = std::move(name);
    p.metadata.namespace_ = "default";
    p.metadata.uid = "6f1c2a4e-1d2b-4c3d-9e8f-0a1b2c3d4e5f";
    p.metadata.creationTimestamp = at(0);
    p.spec.restartPolicy = std::move(restartPolicy);
    p.spec.nodeName = "node-1";
    p.spec.serviceAccountName = "default";
    p.spec.schedulerName = "default-scheduler";
    p.spec.dnsPolicy = "ClusterFirst";
    p.spec.terminationGracePeriodSeconds = 30;
    return p;
}

inline api::ContainerStatus waiting(std::string name, std::string reason, int32_t restarts = 0)
{
    api::ContainerStatus s;
    s.name = std::move(name);
    s.state.waiting = api::ContainerStateWaiting{std::move(reason), {}};
    s.restartCount = restarts;
    s.started = false;
    return s;
}

inline api::ContainerStatus running(std::string name, int64_t startedAt, bool ready = true,
                                    int32_t restarts = 0)
{
    api::ContainerStatus s;
    s.name = std::move(name);
    s.state.running = api::ContainerStateRunning{at(startedAt)};
    s.ready = ready;
    s.started = true;
    s.restartCount = restarts;
    return s;
}

inline api::ContainerStateTerminated termination(int32_t exitCode, std::string reason, int64_t startedAt,
                                                 int64_t finishedAt, int32_t signal = 0)
{
    api::ContainerStateTerminated t;
    t.exitCode = exitCode;
    t.signal = signal;
    t.reason = std::move(reason);
    t.startedAt = at(startedAt);
    t.finishedAt = at(finishedAt);
    return t;
}

// A terminated container; a regular init container that exited 0 reports ready, as the kubelet does.
inline api::ContainerStatus terminated(std::string name, api::ContainerStateTerminated t,
                                       int32_t restarts = 0)
{
    api::ContainerStatus s;
    s.name = std::move(name);
    s.ready = false;
    s.started = false;
    s.state.terminated = std::move(t);
    s.restartCount = restarts;
    return s;
}

inline api::ContainerStatus withLastState(api::ContainerStatus s, api::ContainerStateTerminated last)
{
    s.lastState.terminated = std::move(last);
    return s;
}

} // namespace podlab::testing
