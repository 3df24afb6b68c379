#pragma once

#include "api/pod.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace podlab::sim {

// The label a Deployment puts on its ReplicaSets and their pods (apps.DefaultDeploymentUniqueLabelKey).
inline constexpr const char* kPodTemplateHashLabel = "pod-template-hash";

// controller.ComputeHash: FNV-1a (32 bit) over the pod template, then the collision count (four little-endian
// bytes followed by four zero bytes, as Go writes it into an 8-byte buffer) if the Deployment has one, and the
// sum's decimal digits mapped onto the alphabet of generated names (rand.SafeEncodeString).
//
// Deviation: Kubernetes hashes the template as go-spew dumps the Go struct (%#v, with type names and pointer
// contents), which only Go can reproduce. PodLab hashes the template's compact JSON as the API server would
// serialize it. The hash is just as stable and deterministic — the same template always gives the same name,
// a changed one another — but it is not the value a real cluster would print for the same manifest.
std::string computePodTemplateHash(const api::PodTemplateSpec& tmpl, std::optional<int32_t> collisionCount = {});

uint32_t fnv32a(std::string_view bytes, uint32_t hash = 2166136261u);
// rand.SafeEncodeString: each byte replaced by the alphabet's character at (byte mod 27).
std::string safeEncode(std::string_view text);

} // namespace podlab::sim
