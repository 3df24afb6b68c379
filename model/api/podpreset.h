#pragma once

#include "container.h"
#include "meta.h"
#include "volume.h"

#include <vector>

namespace podlab::api {

// settings.k8s.io/v1alpha1 PodPreset: historical (removed in Kubernetes 1.20). PodLab serves it only in the
// classic version profile, to show what the course notes describe.
struct PodPresetSpec {
    LabelSelector selector;
    std::vector<EnvVar> env;
    std::vector<EnvFromSource> envFrom;
    std::vector<Volume> volumes;
    std::vector<VolumeMount> volumeMounts;
    bool operator==(const PodPresetSpec&) const = default;
};

struct PodPreset {
    static constexpr const char* kApiVersion = "settings.k8s.io/v1alpha1";
    static constexpr const char* kKind = "PodPreset";
    ObjectMeta metadata;
    PodPresetSpec spec;
    bool operator==(const PodPreset&) const = default;
};

} // namespace podlab::api
