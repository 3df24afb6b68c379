#pragma once

#include "api/object.h"
#include "table.h"

#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// The tables the API server builds for `kubectl get <kind>` (pkg/printers/internalversion/printers.go), with
// all columns, wide ones marked by priority. Rows come in the order given; the API server lists objects by
// namespace and name, and kubectl does not re-sort (not even events) unless --sort-by is given.
Table podTable(const std::vector<api::Pod>& pods, const api::Time& now);
Table nodeTable(const std::vector<api::Node>& nodes, const api::Time& now);
Table eventTable(const std::vector<api::Event>& events, const api::Time& now);
Table configMapTable(const std::vector<api::ConfigMap>& configMaps, const api::Time& now);
Table secretTable(const std::vector<api::Secret>& secrets, const api::Time& now);
Table serviceAccountTable(const std::vector<api::ServiceAccount>& accounts, const api::Time& now);
Table namespaceTable(const std::vector<api::Namespace>& namespaces, const api::Time& now);
Table deploymentTable(const std::vector<api::Deployment>& deployments, const api::Time& now);
Table replicaSetTable(const std::vector<api::ReplicaSet>& replicaSets, const api::Time& now);
Table serviceTable(const std::vector<api::Service>& services, const api::Time& now);
Table endpointsTable(const std::vector<api::Endpoints>& endpoints, const api::Time& now);

// `kubectl get -o name`: "pod/web", "deployment.apps/web" (lower-cased kind, then the API group if any).
std::string resourceName(const api::Object& object);

// A node's STATUS and ROLES cells, also used by `kubectl describe node`.
std::string nodeStatus(const api::Node& node);
std::vector<std::string> nodeRoles(const api::Node& node);

} // namespace podlab::sim::kubectl
