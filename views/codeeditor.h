#pragma once

#include <QList>
#include <QPlainTextEdit>

namespace podlab {

// A read-only text view for manifests: line numbers in a margin, problems marked on their lines, and a
// cursor that can be sent to a line and column (what clicking a problem does). Based on Qt's code editor
// example.
class CodeEditor : public QPlainTextEdit {
    Q_OBJECT
public:
    // A problem to mark. Line and column are 1-based, as in diagnostics; column 0 marks the whole line.
    struct Marker {
        enum class Severity { Error, Warning };
        Severity severity = Severity::Error;
        int line = 0;
        int column = 0;
    };

    explicit CodeEditor(QWidget* parent = nullptr);

    void setMarkers(const QList<Marker>& markers);
    // Moves the cursor to a 1-based line and column, scrolls it into the middle of the view and focuses it.
    void goTo(int line, int column);
    void setTextPointSize(int points);

protected:
    void resizeEvent(QResizeEvent* event) override;
    void focusInEvent(QFocusEvent* event) override;
    void focusOutEvent(QFocusEvent* event) override;

private:
    friend class LineNumberArea;
    int lineNumberAreaWidth() const;
    void paintLineNumbers(QPaintEvent* event);
    void updateLineNumberArea(const QRect& rect, int dy);
    void updateExtraSelections();
    const Marker* markerOn(int line) const;

    QWidget* m_lineNumberArea;
    QList<Marker> m_markers;
};

} // namespace podlab
