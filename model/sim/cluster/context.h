#pragma once

#include "clusterconfig.h"
#include "timerkind.h"

#include "sim/core/random.h"
#include "sim/core/timerqueue.h"
#include "sim/store/store.h"

namespace podlab::sim {

// What a component gets when the cluster calls it: the shared world and the current time. Components keep
// no pointers to it (the cluster, and so every component, stays a copyable value).
struct ClusterContext {
    Store& store;
    TimerQueue& timers;
    Random& random;
    const ClusterConfig& config;
    SimTime now;
    // The timer being run, if the call comes from one (nullptr: a user's action, between timers).
    const Timer* running = nullptr;

    api::Time wallTime() const { return api::Time::fromMillis(config.startEpochMillis + now); }
    api::Time wallTime(SimTime t) const { return api::Time::fromMillis(config.startEpochMillis + t); }
    void schedule(SimTime at, TimerKind kind, uint32_t target = 0, uint64_t token = 0)
    {
        timers.schedule(at, uint32_t(kind), target, token);
    }
    // Records an event as a component's event recorder would (source component, and host for kubelets).
    void event(const api::ObjectReference& object, std::string_view type, std::string_view reason,
               std::string message, std::string_view component, std::string_view host = {});
};

// The reference an event or an owner uses to name an object.
api::ObjectReference referenceTo(const api::Pod& pod, std::string_view fieldPath = {});
api::ObjectReference referenceTo(const api::Node& node);

} // namespace podlab::sim
