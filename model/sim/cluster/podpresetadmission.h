#pragma once

#include "apiserver.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

// The PodPreset admission plugin as Kubernetes 1.11–1.12 ran it (plugin/pkg/admission/podpreset), served in
// the classic profile only. On a pod's creation it finds the presets of the pod's namespace whose selector
// matches the pod's labels and merges their env, envFrom, volumes and volumeMounts into the pod: volumes into
// the pod, the rest into every container (not the init containers: those only from 1.14). Each preset applied
// leaves the annotation podpreset.admission.kubernetes.io/podpreset-<name>: "<its resourceVersion>".
//
// Mirror pods and pods annotated podpreset.admission.kubernetes.io/exclude: "true" are left alone. Existing
// pods and the pod templates of controllers are never touched: this runs on create only.
class PodPresetAdmission {
public:
    // Changes `pod` as the plugin would. The plugin itself never refuses a pod; the error is the API server's
    // validation of what the presets made of it (a mount of a volume the pod does not have).
    static std::optional<ApiError> admit(api::Pod& pod, ClusterContext& ctx);

    // The merge alone, of presets already chosen, in order. When they conflict with the pod or with each
    // other (an env var or a volume of the same name but different content, a volume mount of the same name
    // or mount path but different content), nothing is applied and the conflicts are returned, one line each
    // in the plugin's words.
    static std::vector<std::string> apply(api::Pod& pod, const std::vector<const api::PodPreset*>& presets);
};

} // namespace podlab::sim
