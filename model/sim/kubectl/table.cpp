#include "table.h"

#include "labels.h"
#include "tabwriter.h"

#include <cctype>

namespace podlab::sim::kubectl {

namespace {

std::string upper(std::string s)
{
    for (char& c : s)
        c = char(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

// printTable cuts a cell at its first line break and marks the cut, so that one object stays on one line.
std::string oneLine(const std::string& cell)
{
    const size_t cut = cell.find_first_of("\f\n\r");
    return cut == std::string::npos ? cell : cell.substr(0, cut) + "...";
}

} // namespace

std::string printTable(const Table& table, const PrintOptions& options)
{
    if (table.rows.empty())
        return {};
    const bool wide = options.width == OutputWidth::Wide;
    std::string text;
    auto addCell = [&text](bool& first, const std::string& cell) {
        if (!first)
            text += '\t';
        first = false;
        text += cell;
    };
    if (!options.noHeaders) {
        bool first = true;
        if (options.withNamespace)
            addCell(first, "NAMESPACE");
        for (const auto& column : table.columns)
            if (wide || column.priority == 0)
                addCell(first, upper(column.name));
        if (options.showLabels)
            addCell(first, "LABELS");
        text += '\n';
    }
    for (const auto& row : table.rows) {
        bool first = true;
        if (options.withNamespace)
            addCell(first, row.namespace_);
        for (size_t i = 0; i < table.columns.size() && i < row.cells.size(); ++i)
            if (wide || table.columns[i].priority == 0)
                addCell(first, i == 0 ? options.kindPrefix + oneLine(row.cells[i]) : oneLine(row.cells[i]));
        if (options.showLabels)
            addCell(first, formatLabels(row.labels));
        text += '\n';
    }
    return tabAlign(text, kGetTabWriter);
}

std::string noResourcesMessage(ListScope scope, const std::string& namespace_)
{
    if (scope == ListScope::Namespace)
        return "No resources found in " + namespace_ + " namespace.\n";
    return "No resources found\n";
}

} // namespace podlab::sim::kubectl
