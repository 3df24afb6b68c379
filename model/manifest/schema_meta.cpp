#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(OwnerReference)
    .add("apiVersion", &Self::apiVersion, Always)
    .add("kind", &Self::kind, Always)
    .add("name", &Self::name, Always)
    .add("uid", &Self::uid, Always)
    .add("controller", &Self::controller)
    .add("blockOwnerDeletion", &Self::blockOwnerDeletion)
END_FIELDS

FIELDS(ObjectMeta)
    .add("name", &Self::name)
    .add("generateName", &Self::generateName)
    .add("namespace", &Self::namespace_)
    .add("selfLink", &Self::selfLink)
    .add("uid", &Self::uid)
    .add("resourceVersion", &Self::resourceVersion)
    .add("generation", &Self::generation)
    .add("creationTimestamp", &Self::creationTimestamp)
    .add("deletionTimestamp", &Self::deletionTimestamp)
    .add("deletionGracePeriodSeconds", &Self::deletionGracePeriodSeconds)
    .add("labels", &Self::labels)
    .add("annotations", &Self::annotations)
    .add("ownerReferences", &Self::ownerReferences)
    .add("finalizers", &Self::finalizers)
    .unmodelled({"managedFields"})
END_FIELDS

FIELDS(ObjectReference)
    .add("kind", &Self::kind)
    .add("namespace", &Self::namespace_)
    .add("name", &Self::name)
    .add("uid", &Self::uid)
    .add("apiVersion", &Self::apiVersion)
    .add("resourceVersion", &Self::resourceVersion)
    .add("fieldPath", &Self::fieldPath)
END_FIELDS

FIELDS(LocalObjectReference)
    .add("name", &Self::name)
END_FIELDS

FIELDS(LabelSelectorRequirement)
    .add("key", &Self::key, Always)
    .add("operator", &Self::operator_, Always)
    .add("values", &Self::values)
END_FIELDS

FIELDS(LabelSelector)
    .add("matchLabels", &Self::matchLabels)
    .add("matchExpressions", &Self::matchExpressions)
END_FIELDS

} // namespace podlab::manifest
