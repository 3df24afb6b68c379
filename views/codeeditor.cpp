#include "codeeditor.h"

#include <QFontDatabase>
#include <QPaintEvent>
#include <QPainter>
#include <QTextBlock>

namespace podlab {

namespace {

const QColor kErrorColour(0xc6, 0x28, 0x28);
const QColor kWarningColour(0xb2, 0x6a, 0x00);
const QColor kErrorLine(0xfd, 0xe8, 0xe8);
const QColor kWarningLine(0xff, 0xf4, 0xdc);
const QColor kCurrentLine(0xe3, 0xee, 0xfc);

// Diagnostics count columns in characters (code points); QTextCursor counts UTF-16 units.
int positionOfColumn(const QTextBlock& block, int column)
{
    const QString text = block.text();
    int pos = 0;
    for (int c = 1; c < column && pos < text.size(); ++c)
        pos += text[pos].isHighSurrogate() && pos + 1 < text.size() ? 2 : 1;
    return pos;
}

QColor colourOf(CodeEditor::Marker::Severity s)
{
    return s == CodeEditor::Marker::Severity::Error ? kErrorColour : kWarningColour;
}

} // namespace

class LineNumberArea : public QWidget {
public:
    explicit LineNumberArea(CodeEditor* editor) : QWidget(editor), m_editor(editor) {}
    QSize sizeHint() const override { return QSize(m_editor->lineNumberAreaWidth(), 0); }

protected:
    void paintEvent(QPaintEvent* event) override { m_editor->paintLineNumbers(event); }

private:
    CodeEditor* m_editor;
};

CodeEditor::CodeEditor(QWidget* parent) : QPlainTextEdit(parent), m_lineNumberArea(new LineNumberArea(this))
{
    setReadOnly(true);
    // Read-only, but the cursor stays visible and keyboard-driven: it is how "go to the problem" shows.
    setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    // A fixed light palette whatever the desktop theme: the highlighter's colours are chosen against white.
    QPalette p = palette();
    p.setColor(QPalette::Base, Qt::white);
    p.setColor(QPalette::Text, QColor(0x1f, 0x1f, 0x1f));
    p.setColor(QPalette::Highlight, QColor(0xb3, 0xd4, 0xfc));
    p.setColor(QPalette::HighlightedText, QColor(0x1f, 0x1f, 0x1f));
    setPalette(p);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    connect(this, &QPlainTextEdit::blockCountChanged, this,
            [this] { setViewportMargins(lineNumberAreaWidth(), 0, 0, 0); });
    connect(this, &QPlainTextEdit::updateRequest, this, &CodeEditor::updateLineNumberArea);
    connect(this, &QPlainTextEdit::cursorPositionChanged, this, &CodeEditor::updateExtraSelections);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

void CodeEditor::setMarkers(const QList<Marker>& markers)
{
    m_markers = markers;
    updateExtraSelections();
    m_lineNumberArea->update();
}

void CodeEditor::goTo(int line, int column)
{
    const QTextBlock block = document()->findBlockByNumber(qMax(line, 1) - 1);
    if (!block.isValid())
        return;
    QTextCursor cursor(block);
    cursor.setPosition(block.position() + positionOfColumn(block, column));
    setTextCursor(cursor);
    centerCursor();
    setFocus(Qt::OtherFocusReason);
}

void CodeEditor::setTextPointSize(int points)
{
    QFont f = font();
    f.setPointSize(points);
    setFont(f);
    m_lineNumberArea->setFont(f);
    setViewportMargins(lineNumberAreaWidth(), 0, 0, 0);
}

int CodeEditor::lineNumberAreaWidth() const
{
    const int digits = int(QString::number(qMax(1, blockCount())).size());
    // Room for the digits, a problem dot before them and some air on both sides.
    return fontMetrics().horizontalAdvance(QLatin1Char('9')) * (qMax(digits, 2) + 3);
}

void CodeEditor::focusInEvent(QFocusEvent* event)
{
    QPlainTextEdit::focusInEvent(event);
    updateExtraSelections();
}

void CodeEditor::focusOutEvent(QFocusEvent* event)
{
    QPlainTextEdit::focusOutEvent(event);
    updateExtraSelections();
}

void CodeEditor::resizeEvent(QResizeEvent* event)
{
    QPlainTextEdit::resizeEvent(event);
    const QRect cr = contentsRect();
    m_lineNumberArea->setGeometry(QRect(cr.left(), cr.top(), lineNumberAreaWidth(), cr.height()));
}

void CodeEditor::updateLineNumberArea(const QRect& rect, int dy)
{
    if (dy != 0)
        m_lineNumberArea->scroll(0, dy);
    else
        m_lineNumberArea->update(0, rect.y(), m_lineNumberArea->width(), rect.height());
}

const CodeEditor::Marker* CodeEditor::markerOn(int line) const
{
    const Marker* found = nullptr;
    for (const Marker& m : m_markers) {
        if (m.line == line && (found == nullptr || m.severity == Marker::Severity::Error))
            found = &m;
    }
    return found;
}

void CodeEditor::paintLineNumbers(QPaintEvent* event)
{
    QPainter painter(m_lineNumberArea);
    painter.fillRect(event->rect(), QColor(0xf1, 0xf3, 0xf5));
    painter.setRenderHint(QPainter::Antialiasing);
    const int current = textCursor().blockNumber();
    const int charWidth = fontMetrics().horizontalAdvance(QLatin1Char('9'));
    const int numberRight = m_lineNumberArea->width() - charWidth;

    QTextBlock block = firstVisibleBlock();
    int top = qRound(blockBoundingGeometry(block).translated(contentOffset()).top());
    while (block.isValid() && top <= event->rect().bottom()) {
        const int height = qRound(blockBoundingRect(block).height());
        if (block.isVisible() && top + height >= event->rect().top()) {
            const int line = block.blockNumber() + 1;
            const int lineHeight = fontMetrics().height();
            QFont f = font();
            QColor colour(0x6b, 0x72, 0x80);
            if (const Marker* m = markerOn(line)) {
                colour = colourOf(m->severity);
                f.setBold(true);
                const qreal d = lineHeight * 0.45;
                painter.setPen(Qt::NoPen);
                painter.setBrush(colour);
                painter.drawEllipse(QRectF(charWidth * 0.5, top + (lineHeight - d) / 2, d, d));
            } else if (block.blockNumber() == current) {
                colour = QColor(0x1f, 0x1f, 0x1f);
            }
            painter.setFont(f);
            painter.setPen(colour);
            painter.drawText(0, top, numberRight, lineHeight, Qt::AlignRight | Qt::AlignVCenter,
                             QString::number(line));
        }
        block = block.next();
        top += height;
    }
}

void CodeEditor::updateExtraSelections()
{
    QList<QTextEdit::ExtraSelection> selections;
    // The current line only while the editor has focus (after a jump to a problem, say), so a freshly shown
    // manifest is not striped at line 1. First, so a problem's own colour shows over it.
    if (hasFocus()) {
        QTextEdit::ExtraSelection current;
        current.format.setBackground(kCurrentLine);
        current.format.setProperty(QTextFormat::FullWidthSelection, true);
        current.cursor = textCursor();
        current.cursor.clearSelection();
        selections.append(current);
    }

    for (const Marker& m : m_markers) {
        const QTextBlock block = document()->findBlockByNumber(m.line - 1);
        if (!block.isValid())
            continue;
        QTextEdit::ExtraSelection line;
        line.format.setBackground(m.severity == Marker::Severity::Error ? kErrorLine : kWarningLine);
        line.format.setProperty(QTextFormat::FullWidthSelection, true);
        line.cursor = QTextCursor(block);
        selections.append(line);

        // Underline from the problem's column to the end of the line (a problem is about the field there).
        QTextEdit::ExtraSelection underline;
        underline.format.setUnderlineStyle(QTextCharFormat::WaveUnderline);
        underline.format.setUnderlineColor(colourOf(m.severity));
        underline.cursor = QTextCursor(block);
        underline.cursor.setPosition(block.position() + positionOfColumn(block, m.column));
        underline.cursor.movePosition(QTextCursor::EndOfBlock, QTextCursor::KeepAnchor);
        selections.append(underline);
    }
    setExtraSelections(selections);
    m_lineNumberArea->update();
}

} // namespace podlab
