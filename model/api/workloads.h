#pragma once

#include "pod.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

struct RollingUpdateDeployment {
    std::optional<IntOrString> maxUnavailable;
    std::optional<IntOrString> maxSurge;
    bool operator==(const RollingUpdateDeployment&) const = default;
};

struct DeploymentStrategy {
    std::string type; // RollingUpdate (default) or Recreate
    std::optional<RollingUpdateDeployment> rollingUpdate;
    bool operator==(const DeploymentStrategy&) const = default;
};

struct DeploymentSpec {
    std::optional<int32_t> replicas;
    std::optional<LabelSelector> selector;
    PodTemplateSpec template_;
    DeploymentStrategy strategy;
    int32_t minReadySeconds = 0;
    std::optional<int32_t> revisionHistoryLimit;
    bool paused = false;
    std::optional<int32_t> progressDeadlineSeconds;
    bool operator==(const DeploymentSpec&) const = default;
};

struct DeploymentCondition {
    std::string type;
    std::string status;
    Time lastUpdateTime;
    Time lastTransitionTime;
    std::string reason;
    std::string message;
    bool operator==(const DeploymentCondition&) const = default;
};

struct DeploymentStatus {
    int64_t observedGeneration = 0;
    int32_t replicas = 0;
    int32_t updatedReplicas = 0;
    int32_t readyReplicas = 0;
    int32_t availableReplicas = 0;
    int32_t unavailableReplicas = 0;
    std::optional<int32_t> terminatingReplicas;
    std::vector<DeploymentCondition> conditions;
    std::optional<int32_t> collisionCount;
    bool operator==(const DeploymentStatus&) const = default;
};

struct Deployment {
    static constexpr const char* kApiVersion = "apps/v1";
    static constexpr const char* kKind = "Deployment";
    ObjectMeta metadata;
    DeploymentSpec spec;
    DeploymentStatus status;
    bool operator==(const Deployment&) const = default;
};

struct ReplicaSetSpec {
    std::optional<int32_t> replicas;
    int32_t minReadySeconds = 0;
    std::optional<LabelSelector> selector;
    PodTemplateSpec template_;
    bool operator==(const ReplicaSetSpec&) const = default;
};

struct ReplicaSetCondition {
    std::string type;
    std::string status;
    Time lastTransitionTime;
    std::string reason;
    std::string message;
    bool operator==(const ReplicaSetCondition&) const = default;
};

struct ReplicaSetStatus {
    int32_t replicas = 0;
    int32_t fullyLabeledReplicas = 0;
    int32_t readyReplicas = 0;
    int32_t availableReplicas = 0;
    std::optional<int32_t> terminatingReplicas;
    int64_t observedGeneration = 0;
    std::vector<ReplicaSetCondition> conditions;
    bool operator==(const ReplicaSetStatus&) const = default;
};

struct ReplicaSet {
    static constexpr const char* kApiVersion = "apps/v1";
    static constexpr const char* kKind = "ReplicaSet";
    ObjectMeta metadata;
    ReplicaSetSpec spec;
    ReplicaSetStatus status;
    bool operator==(const ReplicaSet&) const = default;
};

} // namespace podlab::api
