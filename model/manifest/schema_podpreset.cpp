#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(PodPresetSpec)
    .add("selector", &Self::selector)
    .add("env", &Self::env)
    .add("envFrom", &Self::envFrom)
    .add("volumes", &Self::volumes)
    .add("volumeMounts", &Self::volumeMounts)
END_FIELDS

FIELDS(PodPreset)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
END_FIELDS

} // namespace podlab::manifest
