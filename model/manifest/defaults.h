#pragma once

#include "api/object.h"
#include "api/pod.h"

namespace podlab::manifest {

// Fills in unset fields exactly as the API server's defaulting does on create (k8s.io/kubernetes
// pkg/apis/core/v1/defaults.go and apps/v1): imagePullPolicy from the image tag, restartPolicy Always,
// terminationGracePeriodSeconds 30, probe timing, volume modes 0644, Deployment strategy 25%/25%, …
// Admission (service account, default tolerations) is the simulator's job, not this one.
void applyDefaults(api::Object& object);

void applyDefaults(api::Pod& pod);
void applyDefaults(api::PodSpec& spec);
void applyDefaults(api::Container& container);

// The pull policy Kubernetes gives a container that does not set one: Always for `:latest` or no tag,
// IfNotPresent for any other tag or a digest.
std::string defaultPullPolicy(std::string_view image);

} // namespace podlab::manifest
