#include "tabwriter.h"

#include <algorithm>
#include <vector>

namespace podlab::sim::kubectl {

namespace {

struct Cell {
    std::string_view text;
    int width = 0; // code points, as Go's utf8.RuneCount counts them
};
using Line = std::vector<Cell>;

int codePoints(std::string_view s)
{
    int n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80)
            ++n;
    return n;
}

class Formatter {
public:
    Formatter(const std::vector<Line>& lines, bool lastLineHasNewline, const TabWriterSettings& settings)
        : m_lines(lines), m_lastLineHasNewline(lastLineHasNewline), m_settings(settings)
    {}

    std::string run()
    {
        format(0, m_lines.size());
        return std::move(m_out);
    }

private:
    // Go's Writer.format: finds the blocks of lines that have a cell in the next column, fixes that column's
    // width for each block and recurses into the columns to its right.
    void format(size_t line0, size_t line1)
    {
        const size_t column = m_widths.size();
        for (size_t current = line0; current < line1; ++current) {
            if (column + 1 >= m_lines[current].size())
                continue;
            writeLines(line0, current);
            line0 = current;
            int width = m_settings.minWidth;
            for (; current < line1; ++current) {
                const Line& line = m_lines[current];
                if (column + 1 >= line.size())
                    break;
                width = std::max(width, line[column].width + m_settings.padding);
            }
            m_widths.push_back(width);
            format(line0, current);
            m_widths.pop_back();
            // `current` has no cell in this column: the loop steps past it, and it is written later with
            // the lines from line0 on.
            line0 = current;
        }
        writeLines(line0, line1);
    }

    void writeLines(size_t line0, size_t line1)
    {
        for (size_t i = line0; i < line1; ++i) {
            const Line& line = m_lines[i];
            for (size_t j = 0; j < line.size(); ++j) {
                m_out += line[j].text;
                if (j < m_widths.size())
                    pad(line[j].width, m_widths[j]);
            }
            if (i + 1 < m_lines.size() || m_lastLineHasNewline)
                m_out += '\n';
        }
    }

    void pad(int textWidth, int cellWidth)
    {
        if (m_settings.padChar == '\t') {
            if (m_settings.tabWidth == 0)
                return;
            cellWidth = (cellWidth + m_settings.tabWidth - 1) / m_settings.tabWidth * m_settings.tabWidth;
            const int n = cellWidth - textWidth;
            m_out.append(size_t((n + m_settings.tabWidth - 1) / m_settings.tabWidth), '\t');
            return;
        }
        if (cellWidth > textWidth)
            m_out.append(size_t(cellWidth - textWidth), m_settings.padChar);
    }

    const std::vector<Line>& m_lines;
    bool m_lastLineHasNewline;
    const TabWriterSettings& m_settings;
    std::vector<int> m_widths;
    std::string m_out;
};

} // namespace

std::string tabAlign(std::string_view text, const TabWriterSettings& settings)
{
    std::vector<Line> lines;
    Line line;
    size_t start = 0;
    for (size_t i = 0; i < text.size(); ++i) {
        if (text[i] != '\t' && text[i] != '\n')
            continue;
        const std::string_view cell = text.substr(start, i - start);
        line.push_back({cell, codePoints(cell)});
        start = i + 1;
        if (text[i] == '\n') {
            lines.push_back(std::move(line));
            line.clear();
        }
    }
    // Go terminates a final unterminated cell at Flush only when it holds text.
    const bool endsWithNewline = text.empty() || text.back() == '\n';
    if (!endsWithNewline) {
        if (start < text.size()) {
            const std::string_view cell = text.substr(start);
            line.push_back({cell, codePoints(cell)});
        }
        lines.push_back(std::move(line));
    }
    return Formatter(lines, endsWithNewline, settings).run();
}

} // namespace podlab::sim::kubectl
