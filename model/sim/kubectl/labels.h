#pragma once

#include "api/meta.h"

#include <optional>
#include <string>

namespace podlab::sim::kubectl {

// labels.FormatLabels: "k1=v1,k2=v2" in key order, "<none>" when empty.
std::string formatLabels(const api::StringMap& labels);

// A label selector as labels.Selector's String() writes it: requirements sorted by key, "app=web",
// "tier in (back,front)", "env notin (dev)", "key", "!key"; "" for an empty or absent selector.
std::string selectorString(const std::optional<api::LabelSelector>& selector);

// metav1.FormatLabelSelector: selectorString, or "<none>" when that is empty.
std::string formatLabelSelector(const std::optional<api::LabelSelector>& selector);

} // namespace podlab::sim::kubectl
