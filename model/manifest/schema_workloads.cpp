#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(RollingUpdateDeployment)
    .add("maxUnavailable", &Self::maxUnavailable)
    .add("maxSurge", &Self::maxSurge)
END_FIELDS

FIELDS(DeploymentStrategy)
    .add("type", &Self::type)
    .add("rollingUpdate", &Self::rollingUpdate)
END_FIELDS

FIELDS(DeploymentSpec)
    .add("replicas", &Self::replicas)
    .add("selector", &Self::selector)
    .add("template", &Self::template_)
    .add("strategy", &Self::strategy)
    .add("minReadySeconds", &Self::minReadySeconds)
    .add("revisionHistoryLimit", &Self::revisionHistoryLimit)
    .add("paused", &Self::paused)
    .add("progressDeadlineSeconds", &Self::progressDeadlineSeconds)
END_FIELDS

FIELDS(DeploymentCondition)
    .add("type", &Self::type, Always)
    .add("status", &Self::status, Always)
    .add("lastUpdateTime", &Self::lastUpdateTime)
    .add("lastTransitionTime", &Self::lastTransitionTime)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
END_FIELDS

FIELDS(DeploymentStatus)
    .add("observedGeneration", &Self::observedGeneration)
    .add("replicas", &Self::replicas)
    .add("updatedReplicas", &Self::updatedReplicas)
    .add("readyReplicas", &Self::readyReplicas)
    .add("availableReplicas", &Self::availableReplicas)
    .add("unavailableReplicas", &Self::unavailableReplicas)
    .add("terminatingReplicas", &Self::terminatingReplicas)
    .add("conditions", &Self::conditions)
    .add("collisionCount", &Self::collisionCount)
END_FIELDS

FIELDS(Deployment)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

FIELDS(ReplicaSetSpec)
    .add("replicas", &Self::replicas)
    .add("minReadySeconds", &Self::minReadySeconds)
    .add("selector", &Self::selector)
    .add("template", &Self::template_)
END_FIELDS

FIELDS(ReplicaSetCondition)
    .add("type", &Self::type, Always)
    .add("status", &Self::status, Always)
    .add("lastTransitionTime", &Self::lastTransitionTime)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
END_FIELDS

FIELDS(ReplicaSetStatus)
    .add("replicas", &Self::replicas, Always)
    .add("fullyLabeledReplicas", &Self::fullyLabeledReplicas)
    .add("readyReplicas", &Self::readyReplicas)
    .add("availableReplicas", &Self::availableReplicas)
    .add("terminatingReplicas", &Self::terminatingReplicas)
    .add("observedGeneration", &Self::observedGeneration)
    .add("conditions", &Self::conditions)
END_FIELDS

FIELDS(ReplicaSet)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

} // namespace podlab::manifest
