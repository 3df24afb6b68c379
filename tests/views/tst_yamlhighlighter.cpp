// YAML colouring, line by line. Each row pairs text with a picture of its colours, one letter per character:
// k key, s string, c constant (number, boolean, null), # comment, p punctuation (dashes, markers, |), .
// plain.
#include "yamlhighlighter.h"

#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace podlab;

class TestYamlHighlighter : public QObject {
    Q_OBJECT
private slots:
    void colours_data();
    void colours();
};

void TestYamlHighlighter::colours_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("expected"); // one picture per line

    QTest::newRow("key and plain value") << "name: web" << QStringList{"kkkk....."};
    QTest::newRow("nested key") << "  image: nginx:1.25" << QStringList{"..kkkkk............"};
    QTest::newRow("number") << "replicas: 3" << QStringList{"kkkkkkkk..c"};
    QTest::newRow("negative number") << "periodSeconds: -5" << QStringList{"kkkkkkkkkkkkk..cc"};
    QTest::newRow("boolean") << "stdin: true" << QStringList{"kkkkk..cccc"};
    QTest::newRow("quoted string") << "port: \"80\"" << QStringList{"kkkk..ssss"};
    QTest::newRow("comment line") << "# hello" << QStringList{"#######"};
    QTest::newRow("trailing comment") << "a: b # c" << QStringList{"k....###"};
    QTest::newRow("hash inside a value") << "url: a#b" << QStringList{"kkk....."};
    QTest::newRow("hash inside quotes") << "x: \"a #b\"" << QStringList{"k..ssssss"};
    QTest::newRow("sequence item") << "- cat" << QStringList{"p...."};
    QTest::newRow("mapping in a sequence") << "  - name: web" << QStringList{"..p.kkkk....."};
    QTest::newRow("document marker") << "---" << QStringList{"ppp"};
    QTest::newRow("colon inside a value")
        << "image: registry.k8s.io/busybox:1.27.2" << QStringList{"kkkkk" + QString(32, u'.')};
    QTest::newRow("block scalar") << "script: |\n  echo: hi\n  x\nnext: 1"
                                  << QStringList{"kkkkkk..p", "ssssssssss", "sss", "kkkk..c"};
    QTest::newRow("block scalar in a sequence")
        << "- run: >\n    a: b\n- c" << QStringList{"p.kkk..p", "ssssssss", "p.."};
    QTest::newRow("JSON") << "{\"kind\": \"Pod\",\n \"x\": 1}" << QStringList{"...............", ".kkk...."};
}

void TestYamlHighlighter::colours()
{
    QFETCH(QString, text);
    QFETCH(QStringList, expected);

    QTextDocument document(text);
    YamlHighlighter highlighter(&document);
    highlighter.rehighlight(); // otherwise it happens later, from the event loop
    const QList<std::pair<YamlHighlighter::Token, QChar>> letters{
        {YamlHighlighter::Token::Key, u'k'},         {YamlHighlighter::Token::String, u's'},
        {YamlHighlighter::Token::Constant, u'c'},    {YamlHighlighter::Token::Comment, u'#'},
        {YamlHighlighter::Token::Punctuation, u'p'},
    };
    QStringList actual;
    for (QTextBlock block = document.begin(); block.isValid(); block = block.next()) {
        QString picture(block.length() - 1, u'.');
        for (const QTextLayout::FormatRange& range : block.layout()->formats()) {
            for (const auto& [token, letter] : letters) {
                if (range.format == highlighter.format(token))
                    picture.replace(range.start, range.length, QString(range.length, letter));
            }
        }
        actual << picture;
    }
    QCOMPARE(actual, expected);
}

QTEST_MAIN(TestYamlHighlighter)
#include "tst_yamlhighlighter.moc"
