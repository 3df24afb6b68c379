#pragma once

#include "intorstring.h"
#include "meta.h"
#include "quantity.h"
#include "sharedoptional.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace podlab::api {

using ResourceList = std::map<std::string, Quantity>;

// --- probes and lifecycle handlers -------------------------------------------------------------------

struct ExecAction {
    std::vector<std::string> command;
    bool operator==(const ExecAction&) const = default;
};

struct HTTPHeader {
    std::string name;
    std::string value;
    bool operator==(const HTTPHeader&) const = default;
};

struct HTTPGetAction {
    std::string path;
    IntOrString port;
    std::string host;
    std::string scheme; // HTTP (default) or HTTPS
    std::vector<HTTPHeader> httpHeaders;
    bool operator==(const HTTPGetAction&) const = default;
};

struct TCPSocketAction {
    IntOrString port;
    std::string host;
    bool operator==(const TCPSocketAction&) const = default;
};

struct GRPCAction {
    int32_t port = 0;
    std::optional<std::string> service;
    bool operator==(const GRPCAction&) const = default;
};

struct SleepAction {
    int64_t seconds = 0;
    bool operator==(const SleepAction&) const = default;
};

struct Probe {
    std::optional<ExecAction> exec;
    std::optional<HTTPGetAction> httpGet;
    std::optional<TCPSocketAction> tcpSocket;
    std::optional<GRPCAction> grpc;
    int32_t initialDelaySeconds = 0;
    int32_t timeoutSeconds = 0;
    int32_t periodSeconds = 0;
    int32_t successThreshold = 0;
    int32_t failureThreshold = 0;
    std::optional<int64_t> terminationGracePeriodSeconds;
    bool operator==(const Probe&) const = default;
};

struct LifecycleHandler {
    std::optional<ExecAction> exec;
    std::optional<HTTPGetAction> httpGet;
    std::optional<TCPSocketAction> tcpSocket; // deprecated, accepted but never run
    std::optional<SleepAction> sleep;
    bool operator==(const LifecycleHandler&) const = default;
};

struct Lifecycle {
    std::optional<LifecycleHandler> postStart;
    std::optional<LifecycleHandler> preStop;
    bool operator==(const Lifecycle&) const = default;
};

// --- environment ----------------------------------------------------------------------------------------

struct ObjectFieldSelector {
    std::string apiVersion;
    std::string fieldPath;
    bool operator==(const ObjectFieldSelector&) const = default;
};

struct ResourceFieldSelector {
    std::string containerName;
    std::string resource;
    Quantity divisor; // zero means 1; written as "0" when unset, as Go writes a zero Quantity
    bool operator==(const ResourceFieldSelector&) const = default;
};

struct ConfigMapKeySelector {
    std::string name;
    std::string key;
    std::optional<bool> optional;
    bool operator==(const ConfigMapKeySelector&) const = default;
};

struct SecretKeySelector {
    std::string name;
    std::string key;
    std::optional<bool> optional;
    bool operator==(const SecretKeySelector&) const = default;
};

struct EnvVarSource {
    std::optional<ObjectFieldSelector> fieldRef;
    std::optional<ResourceFieldSelector> resourceFieldRef;
    std::optional<ConfigMapKeySelector> configMapKeyRef;
    std::optional<SecretKeySelector> secretKeyRef;
    bool operator==(const EnvVarSource&) const = default;
};

struct EnvVar {
    std::string name;
    std::string value;
    std::optional<EnvVarSource> valueFrom;
    bool operator==(const EnvVar&) const = default;
};

struct ConfigMapEnvSource {
    std::string name;
    std::optional<bool> optional;
    bool operator==(const ConfigMapEnvSource&) const = default;
};

struct SecretEnvSource {
    std::string name;
    std::optional<bool> optional;
    bool operator==(const SecretEnvSource&) const = default;
};

struct EnvFromSource {
    std::string prefix;
    std::optional<ConfigMapEnvSource> configMapRef;
    std::optional<SecretEnvSource> secretRef;
    bool operator==(const EnvFromSource&) const = default;
};

// --- the container ----------------------------------------------------------------------------------------

struct ContainerPort {
    std::string name;
    int32_t hostPort = 0;
    int32_t containerPort = 0;
    std::string protocol; // TCP (default), UDP, SCTP
    std::string hostIP;
    bool operator==(const ContainerPort&) const = default;
};

struct ResourceRequirements {
    ResourceList limits;
    ResourceList requests;
    Unmodelled unmodelled; // claims
    bool operator==(const ResourceRequirements&) const = default;
};

struct VolumeMount {
    std::string name;
    bool readOnly = false;
    std::optional<std::string> recursiveReadOnly;
    std::string mountPath;
    std::string subPath;
    std::optional<std::string> mountPropagation;
    std::string subPathExpr;
    bool operator==(const VolumeMount&) const = default;
};

struct Container {
    std::string name;
    std::string image;
    std::vector<std::string> command;
    std::vector<std::string> args;
    std::string workingDir;
    std::vector<ContainerPort> ports;
    std::vector<EnvFromSource> envFrom;
    std::vector<EnvVar> env;
    ResourceRequirements resources;
    std::optional<std::string> restartPolicy; // only "Always", on init containers: a sidecar
    std::vector<VolumeMount> volumeMounts;
    SharedOptional<Probe> livenessProbe;
    SharedOptional<Probe> readinessProbe;
    SharedOptional<Probe> startupProbe;
    SharedOptional<Lifecycle> lifecycle;
    std::string terminationMessagePath;
    std::string terminationMessagePolicy;
    std::string imagePullPolicy;
    bool stdin_ = false; // "stdin" collides with the C library's macro-like global
    bool stdinOnce = false;
    bool tty = false;
    Unmodelled unmodelled; // securityContext, resizePolicy, volumeDevices
    bool operator==(const Container&) const = default;

    bool isSidecar() const { return restartPolicy && *restartPolicy == "Always"; }
};

} // namespace podlab::api
