#pragma once

#include "fielderror.h"

#include "api/object.h"

namespace podlab::manifest {

// What the API server checks when an object is created (k8s.io/kubernetes pkg/apis/core/validation and
// apps/validation), in its words: names, required fields, enumerations, ranges, uniqueness, references
// between fields. Run on a defaulted object, as the API server does. Paths are relative to the object.
//
// Where Kubernetes names only a list in a path (spec.containers[0].volumeMounts.subPath), PodLab names the
// entry (…volumeMounts[1].subPath), so that the reported line and column point at it; the messages are the
// API server's own.
FieldErrors validate(const api::Object& object);

// A pod spec is checked a little more strictly inside a Pod than inside a template (hostPort under
// hostNetwork, image whitespace).
enum class PodSpecContext { Pod, Template };

FieldErrors validatePod(const api::Pod& pod);
FieldErrors validatePodSpec(const api::PodSpec& spec, const FieldPath& path,
                            PodSpecContext context = PodSpecContext::Template);
// ValidatePodTemplateSpec: the template's labels and annotations, then its spec.
FieldErrors validatePodTemplateSpec(const api::PodTemplateSpec& tmpl, const FieldPath& path);

} // namespace podlab::manifest
