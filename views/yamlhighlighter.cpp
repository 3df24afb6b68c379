#include "yamlhighlighter.h"

#include <QRegularExpression>

namespace podlab {

namespace {

// A block's state is -1 normally; inside a block scalar (`key: |`) it is the column of the key that opened
// it: the scalar goes on for as long as lines are indented further than that, or blank.
constexpr int kNormal = -1;

QTextCharFormat charFormat(const QColor& colour, QFont::Weight weight = QFont::Normal, bool italic = false)
{
    QTextCharFormat f;
    f.setForeground(colour);
    f.setFontWeight(weight);
    f.setFontItalic(italic);
    return f;
}

int skipSpaces(const QString& text, int pos)
{
    while (pos < text.size() && text[pos].isSpace())
        ++pos;
    return pos;
}

// Where a comment starts at or after `from` (outside quotes), or text.size().
int commentStart(const QString& text, int from)
{
    QChar quote;
    for (int i = from; i < text.size(); ++i) {
        const QChar c = text[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'#' && (i == 0 || text[i - 1].isSpace())) {
            return i;
        }
    }
    return int(text.size());
}

// The end of a mapping key starting at `pos` (one past its colon), or -1 when the line has no key there.
int keyEnd(const QString& text, int pos, int end)
{
    if (pos >= end)
        return -1;
    int i = pos;
    if (text[i] == u'"' || text[i] == u'\'') {
        const QChar quote = text[i];
        i = int(text.indexOf(quote, i + 1));
        if (i < 0 || i >= end)
            return -1;
        ++i;
        i = skipSpaces(text, i);
        return i < end && text[i] == u':' ? i + 1 : -1;
    }
    for (; i < end; ++i) {
        if (text[i] == u':' && (i + 1 == end || text[i + 1].isSpace()))
            return i + 1;
        if (text[i] == u'{' || text[i] == u'[')
            return -1;
    }
    return -1;
}

} // namespace

YamlHighlighter::YamlHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document),
      // Dark colours on the editor's white: each above 4.5:1 contrast, so they survive a washed-out
      // projector.
      m_key(charFormat(QColor(0x0b, 0x3d, 0x91), QFont::Bold)),
      m_string(charFormat(QColor(0x0a, 0x6b, 0x2c))), m_constant(charFormat(QColor(0xa0, 0x40, 0x0a))),
      m_comment(charFormat(QColor(0x5c, 0x66, 0x70), QFont::Normal, true)),
      m_punctuation(charFormat(QColor(0x7a, 0x2a, 0x8c), QFont::Bold))
{}

QTextCharFormat YamlHighlighter::format(Token token) const
{
    switch (token) {
    case Token::Key:
        return m_key;
    case Token::String:
        return m_string;
    case Token::Constant:
        return m_constant;
    case Token::Comment:
        return m_comment;
    case Token::Punctuation:
        break;
    }
    return m_punctuation;
}

void YamlHighlighter::highlightBlock(const QString& text)
{
    const int indent = skipSpaces(text, 0);
    const int blockParent = previousBlockState();
    if (blockParent != kNormal && (indent == text.size() || indent > blockParent)) {
        setFormat(0, int(text.size()), m_string);
        setCurrentBlockState(blockParent);
        return;
    }
    setCurrentBlockState(kNormal);

    int pos = indent;
    if (pos == 0 && (text.startsWith(QLatin1String("---")) || text.startsWith(QLatin1String("...")))) {
        setFormat(0, 3, m_punctuation);
        pos = skipSpaces(text, 3);
    }
    const int end = commentStart(text, pos);
    if (end < text.size())
        setFormat(end, int(text.size()) - end, m_comment);

    int parentColumn = pos;
    while (pos < end && text[pos] == u'-' && (pos + 1 == text.size() || text[pos + 1].isSpace())) {
        setFormat(pos, 1, m_punctuation);
        parentColumn = pos;
        pos = skipSpaces(text, pos + 1);
    }
    if (const int k = keyEnd(text, pos, end); k >= 0) {
        setFormat(pos, k - 1 - pos, m_key);
        parentColumn = pos;
        pos = skipSpaces(text, k);
    }
    highlightValue(text, pos, end, parentColumn);
}

void YamlHighlighter::highlightValue(const QString& text, int from, int to, int parentColumn)
{
    while (to > from && text[to - 1].isSpace())
        --to;
    if (from >= to)
        return;
    const QStringView value = QStringView(text).mid(from, to - from);
    const QChar first = value.front();
    if (first == u'|' || first == u'>') {
        setFormat(from, int(value.size()), m_punctuation);
        setCurrentBlockState(parentColumn);
    } else if (first == u'"' || first == u'\'') {
        setFormat(from, int(value.size()), m_string);
    } else if (first == u'&' || first == u'*' || first == u'!') {
        setFormat(from, int(value.size()), m_punctuation);
    } else {
        static const QRegularExpression constant(QStringLiteral(
            "^(?:[-+]?(?:\\d[\\d_]*(?:\\.\\d*)?(?:[eE][-+]?\\d+)?|\\.inf|\\.Inf|0x[0-9a-fA-F]+|0o[0-7]+)"
            "|true|false|True|False|TRUE|FALSE|null|Null|NULL|~|\\.nan|\\.NaN),?$"));
        if (constant.match(value).hasMatch())
            setFormat(from, int(value.size()), m_constant);
    }
}

} // namespace podlab
