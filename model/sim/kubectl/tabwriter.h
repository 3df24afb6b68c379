#pragma once

#include <string>
#include <string_view>

namespace podlab::sim::kubectl {

// Go's text/tabwriter settings (NewWriter's minwidth, tabwidth, padding, padchar; no flags).
struct TabWriterSettings {
    int minWidth = 0;
    int tabWidth = 8;
    int padding = 1;
    char padChar = ' ';
};

// `kubectl get` (cli-runtime's GetNewTabWriter: minwidth 6, tabwidth 4, padding 3, spaces).
inline constexpr TabWriterSettings kGetTabWriter{6, 4, 3, ' '};
// `kubectl describe` (describe.go's tabbedString: minwidth 0, tabwidth 8, padding 2, spaces).
inline constexpr TabWriterSettings kDescribeTabWriter{0, 8, 2, ' '};

// Aligns tab-separated text exactly as writing it to a Go tabwriter and flushing once does. A cell is the
// text before a tab; the text after a line's last tab is not a cell and never padded. A column block is a run
// of consecutive lines that all have a cell in that column: its width is the widest cell (in code points)
// plus the padding, at least minWidth, and every cell of the block is padded to it, empty ones included.
// Lines end at '\n'; text after the last newline is written without one.
std::string tabAlign(std::string_view text, const TabWriterSettings& settings);

} // namespace podlab::sim::kubectl
