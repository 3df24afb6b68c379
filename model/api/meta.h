#pragma once

#include "time.h"
#include "value.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

using StringMap = std::map<std::string, std::string>;

struct OwnerReference {
    std::string apiVersion;
    std::string kind;
    std::string name;
    std::string uid;
    std::optional<bool> controller;
    std::optional<bool> blockOwnerDeletion;
    bool operator==(const OwnerReference&) const = default;
};

struct ObjectMeta {
    std::string name;
    std::string generateName;
    std::string namespace_; // "namespace" is a C++ keyword
    std::string selfLink;
    std::string uid;
    std::string resourceVersion;
    int64_t generation = 0;
    Time creationTimestamp;
    std::optional<Time> deletionTimestamp;
    std::optional<int64_t> deletionGracePeriodSeconds;
    StringMap labels;
    StringMap annotations;
    std::vector<OwnerReference> ownerReferences;
    std::vector<std::string> finalizers;
    Unmodelled unmodelled; // managedFields
    bool operator==(const ObjectMeta&) const = default;
};

struct ObjectReference {
    std::string kind;
    std::string namespace_;
    std::string name;
    std::string uid;
    std::string apiVersion;
    std::string resourceVersion;
    std::string fieldPath;
    bool operator==(const ObjectReference&) const = default;
};

struct LocalObjectReference {
    std::string name;
    bool operator==(const LocalObjectReference&) const = default;
};

struct LabelSelectorRequirement {
    std::string key;
    std::string operator_; // In, NotIn, Exists, DoesNotExist
    std::vector<std::string> values;
    bool operator==(const LabelSelectorRequirement&) const = default;
};

struct LabelSelector {
    StringMap matchLabels;
    std::vector<LabelSelectorRequirement> matchExpressions;
    bool operator==(const LabelSelector&) const = default;
};

} // namespace podlab::api
