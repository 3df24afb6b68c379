#pragma once

#include "api/config.h"
#include "api/event.h"
#include "api/node.h"
#include "api/pod.h"
#include "api/workloads.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// --show-events: describers that list events print "Events:  <none>" for an empty list, or nothing when off.
enum class EventsSection { Shown, Hidden };

// Where an event's involvedObject.fieldPath goes. kubectl up to v1.34 leaves it out of describe's Events
// table; later versions prefix the message with it ("spec.containers{app}: Pulling image ...", kubernetes PR
// #133627).
enum class EventFieldPath { Hidden, MessagePrefix };

struct DescribeOptions {
    EventsSection events = EventsSection::Shown;
    EventFieldPath fieldPath = EventFieldPath::Hidden;
};

// `kubectl describe pod`. `events` are those whose involvedObject is the pod, in any order: the Events table
// sorts them by last timestamp. Times print in RFC1123Z in UTC; ages are measured to `now`.
std::string describePod(const api::Pod& pod, const std::vector<api::Event>& events, const api::Time& now,
                        const DescribeOptions& options = {});

// The node's Lease in kube-node-lease, as far as describe shows it; absent when there is none.
struct NodeLease {
    std::string holderIdentity;
    api::Time acquireTime;
    api::Time renewTime;
};

// `kubectl describe node`. `pods` may hold any pods: those bound to the node and not Succeeded or Failed are
// listed (by namespace and name, as the API server lists them) and summed in Allocated resources.
std::string describeNode(const api::Node& node, const std::vector<api::Pod>& pods,
                         const std::vector<api::Event>& events, const std::optional<NodeLease>& lease,
                         const api::Time& now, const DescribeOptions& options = {});

std::string describeConfigMap(const api::ConfigMap& configMap, const std::vector<api::Event>& events,
                              const api::Time& now, const DescribeOptions& options = {});
// kubectl shows no events for a Secret.
std::string describeSecret(const api::Secret& secret);
std::string describeServiceAccount(const api::ServiceAccount& account, const std::vector<api::Event>& events,
                                   const api::Time& now, const DescribeOptions& options = {});

// `kubectl describe deployment`. `sets` are the ReplicaSets the Deployment controls: the one whose template is the
// Deployment's is NewReplicaSet, those of the others still asking for pods are OldReplicaSets.
std::string describeDeployment(const api::Deployment& deployment, const std::vector<api::ReplicaSet>& sets,
                               const std::vector<api::Event>& events, const api::Time& now,
                               const DescribeOptions& options = {});
// `kubectl describe replicaset`. `pods` may hold any pods: those it controls are counted by phase.
std::string describeReplicaSet(const api::ReplicaSet& replicaSet, const std::vector<api::Pod>& pods,
                               const std::vector<api::Event>& events, const api::Time& now,
                               const DescribeOptions& options = {});

} // namespace podlab::sim::kubectl
