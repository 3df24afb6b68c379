#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::manifest {

// Kubernetes' name and format checks (k8s.io/apimachinery/pkg/util/validation and api/validate/content). Each
// returns the API server's messages for what is wrong, or an empty list.
using Messages = std::vector<std::string>;

Messages isDns1123Label(std::string_view value);     // namespaces, container and volume names
Messages isDns1123Subdomain(std::string_view value); // most object names
Messages isDns1123SubdomainWithUnderscore(std::string_view value); // DNS search domains
Messages isDns1035Label(std::string_view value);     // Service names
Messages isQualifiedName(std::string_view value);    // label and annotation keys, taint keys
Messages isLabelValue(std::string_view value);
Messages isConfigMapKey(std::string_view value);     // keys of ConfigMap and Secret data
Messages isEnvVarName(std::string_view value);       // the relaxed rule (RelaxedEnvironmentVariableValidation)
Messages isStrictEnvVarName(std::string_view value); // the rule before it, which kubectl's env files follow
Messages isValidPortName(std::string_view value);    // IANA service names
Messages isValidPortNum(int64_t port);
Messages isValidIP(std::string_view value);
Messages isValidCIDR(std::string_view value);
Messages isValidPercent(std::string_view value);
Messages isHttpHeaderName(std::string_view value);

// A name with a random suffix still to come (generateName): Kubernetes validates it with its trailing dash
// masked, "web-" as "wea".
std::string maskTrailingDash(std::string_view name);

} // namespace podlab::manifest
