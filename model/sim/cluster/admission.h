#pragma once

#include "apiserver.h"

#include <optional>

namespace podlab::sim {

// Admission plugins, run on create after defaulting: they may change the object or refuse it.
// Pods: PodPreset (classic profile only), ServiceAccount (serviceAccountName defaults to "default", which must
// exist; the kube-api-access token volume is mounted unless automount is off), DefaultTolerationSeconds
// (tolerate not-ready and unreachable NoExecute taints for 300 s), Priority (priority 0).
std::optional<ApiError> admit(api::Pod& pod, ClusterContext& ctx);

template <class T>
std::optional<ApiError> admit(T&, ClusterContext&)
{
    return std::nullopt;
}

} // namespace podlab::sim
