#pragma once

#include "meta.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

// Raw bytes (a Secret's data, a ConfigMap's binaryData): base64 in manifests, decoded here.
struct Bytes {
    std::string data;
    bool operator==(const Bytes&) const = default;
};
using ByteMap = std::map<std::string, Bytes>;

struct ConfigMap {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "ConfigMap";
    ObjectMeta metadata;
    StringMap data;
    ByteMap binaryData;
    std::optional<bool> immutable;
    bool operator==(const ConfigMap&) const = default;
};

struct Secret {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Secret";
    ObjectMeta metadata;
    ByteMap data;
    // Write-only convenience: merged into data by the API server, never read back.
    StringMap stringData;
    std::string type;
    std::optional<bool> immutable;
    bool operator==(const Secret&) const = default;
};

struct ServiceAccount {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "ServiceAccount";
    ObjectMeta metadata;
    std::vector<ObjectReference> secrets;
    std::vector<LocalObjectReference> imagePullSecrets;
    std::optional<bool> automountServiceAccountToken;
    bool operator==(const ServiceAccount&) const = default;
};

struct NamespaceSpec {
    std::vector<std::string> finalizers;
    bool operator==(const NamespaceSpec&) const = default;
};

struct NamespaceStatus {
    std::string phase; // Active, Terminating
    Unmodelled unmodelled; // conditions
    bool operator==(const NamespaceStatus&) const = default;
};

struct Namespace {
    static constexpr const char* kApiVersion = "v1";
    static constexpr const char* kKind = "Namespace";
    ObjectMeta metadata;
    NamespaceSpec spec;
    NamespaceStatus status;
    bool operator==(const Namespace&) const = default;
};

} // namespace podlab::api
