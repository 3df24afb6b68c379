#pragma once

#include "api/node.h"
#include "api/pod.h"

#include <optional>
#include <string>
#include <vector>

namespace podlab::sim {

// Label selectors, node selectors and tolerations, with Kubernetes' matching rules. Used by the scheduler,
// the kubelet's admission, controllers and `kubectl get -l`.

bool matches(const api::LabelSelector& selector, const api::StringMap& labels);
// An equality-based selector map (nodeSelector, a Service's selector): every key=value must be present.
bool matches(const api::StringMap& selector, const api::StringMap& labels);
// Required node affinity: terms are ORed, expressions within a term ANDed (In, NotIn, Exists, DoesNotExist,
// Gt, Lt; matchFields on metadata.name).
bool matches(const api::NodeSelectorTerm& term, const api::Node& node);
bool matches(const api::NodeSelector& selector, const api::Node& node);
// nodeSelector and required node affinity together, as the NodeAffinity filter applies them.
bool matchesNodeAffinity(const api::PodSpec& spec, const api::Node& node);

bool tolerates(const api::Toleration& toleration, const api::Taint& taint);
bool tolerates(const std::vector<api::Toleration>& tolerations, const api::Taint& taint);
// The first taint with one of `effects` that the pod does not tolerate.
std::optional<api::Taint> firstUntoleratedTaint(const std::vector<api::Toleration>& tolerations,
                                                const std::vector<api::Taint>& taints,
                                                std::initializer_list<std::string_view> effects);

// `kubectl get -l` selector syntax: "app=web,tier!=db,env in (a,b),!legacy,release".
struct ParsedSelector {
    api::LabelSelector selector;
    std::string error;
};
ParsedSelector parseLabelSelector(std::string_view text);

} // namespace podlab::sim
