#pragma once

#include "duration.h"

#include "api/node.h"
#include "sim/images/imagecatalogue.h"
#include "api/value.h"
#include "manifest/diagnostic.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace podlab::lesson {

// What `podlab run` reads: a cluster to start from and a list of steps, each what a user does (a kubectl
// command, a node fault, waiting) or checks (an expectation). The format is documented in docs/scenarios.md.

struct EventExpectation {
    std::string reason;
    std::string message; // a substring of the event's message
    std::string type;    // Normal or Warning
    std::optional<int32_t> count;    // exactly
    std::optional<int32_t> minCount; // at least
    bool operator==(const EventExpectation&) const = default;
};

struct ContainerExpectation {
    std::string state;  // waiting, running or terminated
    std::string reason; // waiting or terminated reason
    std::optional<int32_t> exitCode;
    std::optional<int32_t> restartCount;
    std::optional<bool> ready;
    std::optional<bool> started;
    std::string lastReason; // lastState.terminated.reason
    std::optional<int32_t> lastExitCode;
    bool operator==(const ContainerExpectation&) const = default;
};

// What must hold: about one object (a pod, a node, or kind/name), and/or about a kubectl command's output.
// With `within`, time runs (in steps) until it holds, failing only if it never does in that time.
struct Expectation {
    std::string name; // shown in the transcript
    // The object.
    std::string pod;
    std::string node;
    std::string object; // kind/name, e.g. deployment/web
    std::string namespace_;
    std::optional<bool> exists;
    std::string phase;
    std::string status; // the STATUS column of kubectl get
    std::string ready;  // the READY column, e.g. 1/1
    std::optional<int32_t> restarts;
    std::string nodeName;
    std::map<std::string, std::string> conditions; // type -> True/False/Unknown
    std::map<std::string, ContainerExpectation> containers;
    std::vector<EventExpectation> events;
    std::vector<EventExpectation> noEvents;
    // A command.
    std::string kubectl;
    std::optional<std::string> output; // exactly this stdout
    std::vector<std::string> contains;
    std::vector<std::string> notContains;
    std::optional<int32_t> exitCode;
    std::optional<Duration> within;
    bool operator==(const Expectation&) const = default;
};

// What the person does in the editor `kubectl edit` opens: each text replaced by its replacement, once. If the
// save fails and kubectl reopens the file, they save it again unchanged (and kubectl gives up).
struct EditorAction {
    std::map<std::string, std::string> replace;
    bool operator==(const EditorAction&) const = default;
};

struct Step {
    std::string kubectl;
    std::optional<EditorAction> editor; // with kubectl: edit …
    std::optional<Duration> wait;
    std::string node;  // with state
    std::string state; // NotReady (the kubelet stops reporting), Ready (it is back)
    std::string snapshot;
    std::optional<Expectation> expect;
    std::string say; // a line for the transcript, for teaching
    int line = 0;    // where the step is written
    int column = 0;
    bool operator==(const Step&) const = default;
};

// nodes: 3, or a list of Node manifests (used as given, status included).
struct NodeList {
    int32_t count = 3;
    std::vector<api::Node> nodes;
    bool operator==(const NodeList&) const = default;
};

// The kubelet's timing, for a classroom that cannot wait a minute for a ConfigMap to reach a pod.
struct KubeletTiming {
    std::optional<Duration> syncFrequency;       // --sync-frequency (1m): the pod worker's resync
    std::optional<Duration> configMapCacheDelay; // how late the kubelet's object cache sees a change (0: Watch)
    bool operator==(const KubeletTiming&) const = default;
};

struct Scenario {
    std::string kind; // Scenario
    std::string title;
    std::string description;
    int64_t seed = 1;
    std::string start;   // RFC 3339; default 2026-01-01T00:00:00Z
    std::string profile; // modern (default) or classic
    NodeList nodes;
    KubeletTiming kubelet;
    // Extra images for the catalogue, in the catalogue's own format (resources/images/catalogue.yaml), read
    // on top of the builtin one.
    std::shared_ptr<const sim::ImageCatalogue> images;
    std::vector<Step> steps;
    bool operator==(const Scenario&) const = default;
};

struct ScenarioReadResult {
    std::optional<Scenario> scenario;
    manifest::Diagnostics diagnostics;
};

// Reads a scenario strictly (unknown keys are errors, with hints), every problem positioned.
ScenarioReadResult readScenario(std::string_view bytes, std::string_view fileName);
ScenarioReadResult readScenarioFile(const std::string& path);

// Whether a YAML document is a scenario (kind: Scenario) rather than a Kubernetes manifest.
bool looksLikeScenario(std::string_view bytes);

} // namespace podlab::lesson
