#pragma once

#include "fielderror.h"

#include "api/object.h"

namespace podlab::manifest {

// What the API server checks when an object is created (k8s.io/kubernetes pkg/apis/core/validation and
// apps/validation), in its words: names, required fields, enumerations, ranges, uniqueness, references
// between fields. Run on a defaulted object, as the API server does. Paths are relative to the object.
FieldErrors validate(const api::Object& object);

FieldErrors validatePod(const api::Pod& pod);
FieldErrors validatePodSpec(const api::PodSpec& spec, const FieldPath& path);

} // namespace podlab::manifest
