#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace podlab {

// Colours YAML (and the JSON that is also YAML) line by line: keys, quoted and block strings, numbers and
// booleans, comments, dashes and document markers. It is lexical on purpose: a manifest that does not parse
// is exactly the one a student needs to read, so colouring cannot depend on the parse succeeding.
class YamlHighlighter : public QSyntaxHighlighter {
    Q_OBJECT
public:
    enum class Token { Key, String, Constant, Comment, Punctuation };

    explicit YamlHighlighter(QTextDocument* document);
    QTextCharFormat format(Token token) const;

protected:
    void highlightBlock(const QString& text) override;

private:
    void highlightValue(const QString& text, int from, int to, int parentColumn);

    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_constant;
    QTextCharFormat m_comment;
    QTextCharFormat m_punctuation;
};

} // namespace podlab
