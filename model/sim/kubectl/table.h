#pragma once

#include "api/meta.h"

#include <string>
#include <vector>

namespace podlab::sim::kubectl {

// A server-side table as the API server returns it for `kubectl get` (metav1.Table): column definitions with
// a priority (1 = shown only with -o wide) and one row of cells per object, with the object's namespace and
// labels for the columns kubectl adds itself.
struct TableColumn {
    std::string name; // as defined on the server ("Nominated Node"); kubectl upper-cases it
    int priority = 0;
};

struct TableRow {
    std::vector<std::string> cells; // one per column, wide ones included
    std::string namespace_;
    api::StringMap labels;
};

struct Table {
    std::vector<TableColumn> columns;
    std::vector<TableRow> rows;
};

enum class OutputWidth { Normal, Wide };

// kubectl's printing options for a table (--output=wide, --no-headers, --show-labels, -A/--all-namespaces).
// withNamespace only applies to namespaced kinds; kubectl never adds NAMESPACE to nodes or namespaces.
struct PrintOptions {
    OutputWidth width = OutputWidth::Normal;
    bool noHeaders = false;
    bool showLabels = false;
    bool withNamespace = false;
    // When one get asks for several kinds, kubectl names each row with its kind: "pod/redis".
    std::string kindPrefix; // "pod/", or empty
};

// The text `kubectl get` writes for one table: NAMESPACE first when asked, the columns the width allows,
// LABELS last, headers upper-cased, aligned by kubectl's tabwriter. An empty table prints nothing (kubectl
// then says "No resources found in <ns> namespace." on stderr; see noResourcesMessage).
std::string printTable(const Table& table, const PrintOptions& options);

enum class ListScope { Namespace, Cluster };

// What kubectl writes to stderr when a get printed nothing.
std::string noResourcesMessage(ListScope scope, const std::string& namespace_);

} // namespace podlab::sim::kubectl
