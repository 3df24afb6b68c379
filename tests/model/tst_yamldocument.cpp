// YamlDocument: the positioned node tree built from yaml-cpp's events, its error messages and its limits.
#ifndef Q_MOC_RUN
#include "manifest/yamldocument.h"
#endif

#include <QTest>

using podlab::manifest::parseYamlStream;
using podlab::manifest::YamlDocument;
using podlab::manifest::YamlError;
using podlab::manifest::YamlLimits;
using Kind = YamlDocument::Kind;
using Ref = YamlDocument::Ref;

namespace {

// A flat description of a document: one line per node in document order, "kind@line:col text".
QStringList describe(const YamlDocument& doc)
{
    QStringList out;
    for (uint32_t i = 0; i < doc.nodeCount(); ++i) {
        const Ref n(&doc, i);
        static const char* const kinds[] = {"null", "scalar", "seq", "map", "alias"};
        QString s = QStringLiteral("%1@%2:%3").arg(kinds[int(n.kind())]).arg(n.line()).arg(n.column());
        if (n.kind() == Kind::Scalar) {
            s += ' ' + QString::fromUtf8(n.text().data(), qsizetype(n.text().size()));
            if (n.style() == YamlDocument::Style::Quoted)
                s += " (quoted)";
            if (n.style() == YamlDocument::Style::Tagged)
                s += " (tag " + QString::fromUtf8(n.tag().data(), qsizetype(n.tag().size())) + ")";
        }
        if (n.kind() == Kind::Alias)
            s += QStringLiteral(" -> %1").arg(n.aliasTarget().index());
        out << s;
    }
    return out;
}

struct Parsed {
    QList<QStringList> documents;
    std::optional<YamlError> error;
};

Parsed parse(const QByteArray& text, const YamlLimits& limits = {})
{
    Parsed p;
    p.error = parseYamlStream(std::string_view(text.constData(), size_t(text.size())),
                              [&](const YamlDocument& doc) { p.documents << describe(doc); }, limits);
    return p;
}

QString errorText(const std::optional<YamlError>& e)
{
    return e ? QStringLiteral("%1:%2 %3").arg(e->line).arg(e->column).arg(QString::fromStdString(e->message)) : QString();
}

} // namespace

class YamlDocumentTest : public QObject {
    Q_OBJECT

private slots:
    void nodes_data();
    void nodes();
    void errors_data();
    void errors();
    void documents();
    void navigation();
    void limits_data();
    void limits();
};

void YamlDocumentTest::nodes_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QStringList>("nodes");
    QTest::newRow("block mapping") << QByteArray("a: 1\nb: x\n")
                                   << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 1", "scalar@2:1 b",
                                                  "scalar@2:4 x"};
    QTest::newRow("block sequence under a key") << QByteArray("k:\n- a\n- b\n")
                                                << QStringList{"map@1:1", "scalar@1:1 k", "seq@2:1", "scalar@2:3 a",
                                                               "scalar@3:3 b"};
    QTest::newRow("mapping in a sequence item") << QByteArray("- name: c\n  image: x\n")
                                                << QStringList{"seq@1:1", "map@1:3", "scalar@1:3 name", "scalar@1:9 c",
                                                               "scalar@2:3 image", "scalar@2:10 x"};
    QTest::newRow("flow collections") << QByteArray("{a: [1, 2]}")
                                      << QStringList{"map@1:1", "scalar@1:2 a", "seq@1:5", "scalar@1:6 1",
                                                     "scalar@1:9 2"};
    QTest::newRow("JSON") << QByteArray("{\"a\": \"x\"}")
                          << QStringList{"map@1:1", "scalar@1:2 a (quoted)", "scalar@1:7 x (quoted)"};
    // yaml-cpp places an empty value where the next token starts, and reads ~ as a null node.
    QTest::newRow("null value") << QByteArray("a:\nb: ~\n")
                                << QStringList{"map@1:1", "scalar@1:1 a", "null@2:1", "scalar@2:1 b", "null@2:4"};
    QTest::newRow("quoted and plain") << QByteArray("a: '1'\nb: \"2\"\nc: 3\n")
                                      << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 1 (quoted)",
                                                     "scalar@2:1 b", "scalar@2:4 2 (quoted)", "scalar@3:1 c",
                                                     "scalar@3:4 3"};
    QTest::newRow("literal block is quoted style") << QByteArray("a: |\n  x\n")
                                                   << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 x\n (quoted)"};
    QTest::newRow("tagged scalar") << QByteArray("a: !!str 80\n")
                                   << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 80 (tag tag:yaml.org,2002:str)"};
    QTest::newRow("anchor and alias") << QByteArray("a: &x [1]\nb: *x\n")
                                      << QStringList{"map@1:1", "scalar@1:1 a", "seq@1:4", "scalar@1:8 1",
                                                     "scalar@2:1 b", "alias@2:4 -> 2"};
    QTest::newRow("columns count characters, not bytes") << QByteArray("ä: ö\n")
                                                         << QStringList{"map@1:1", "scalar@1:1 ä", "scalar@1:4 ö"};
    QTest::newRow("carriage returns") << QByteArray("a: 1\r\nb: 2\r\n")
                                      << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 1", "scalar@2:1 b",
                                                     "scalar@2:4 2"};
    QTest::newRow("byte-order mark") << QByteArray("\xEF\xBB\xBF" "a: 1\n")
                                     << QStringList{"map@1:1", "scalar@1:1 a", "scalar@1:4 1"};
    QTest::newRow("comments are not nodes") << QByteArray("# c\na: 1 # d\n")
                                            << QStringList{"map@2:1", "scalar@2:1 a", "scalar@2:4 1"};
}

void YamlDocumentTest::nodes()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QStringList, nodes);
    const Parsed p = parse(yaml);
    QCOMPARE(errorText(p.error), QString());
    QCOMPARE(p.documents.size(), 1);
    // BUG (yamldocument.cpp): node columns are yaml-cpp's byte offsets, while the errors of checkText count
    // characters; on a line with non-ASCII text before a node (a Chinese lesson) the column is too large.
    QCOMPARE(p.documents[0], nodes);
}

void YamlDocumentTest::errors_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<QString>("error");
    QTest::newRow("tab indentation") << QByteArray("a:\n\tb: 1\n")
                                     << "2:1 found a tab character where indentation is expected: YAML indents with "
                                        "spaces only";
    QTest::newRow("colon in a plain value") << QByteArray("a: b: c\n")
                                            << "1:5 mapping values are not allowed in this context (a value "
                                               "containing \": \" needs quotes)";
    QTest::newRow("unclosed flow mapping") << QByteArray("{a: 1\n") << "2:1 did not find expected ',' or '}'";
    QTest::newRow("unclosed flow sequence") << QByteArray("[1, 2\n") << "2:1 did not find expected ',' or ']'";
    QTest::newRow("unknown anchor") << QByteArray("a: *nope\n") << "1:4 the referenced anchor is not defined";
    QTest::newRow("NUL byte") << QByteArray("a: b\x00", 5) << "1:5 file contains a NUL byte: it is binary, not YAML";
    QTest::newRow("escape character") << QByteArray("a: \x1b[0m\n") << "1:4 control character 0x1B is not allowed in YAML";
    QTest::newRow("delete character") << QByteArray("a: \x7f\n") << "1:4 control character 0x7F is not allowed in YAML";
    QTest::newRow("invalid UTF-8 after a multi-byte character")
        << QByteArray("ä: \xff\n") << "1:4 invalid UTF-8 (byte 0xFF); save the file as UTF-8";
    QTest::newRow("UTF-16 little-endian") << QByteArray("\xFF\xFEk\x00", 4)
                                          << "1:1 file is UTF-16 or UTF-32 encoded; save it as UTF-8";
}

void YamlDocumentTest::errors()
{
    QFETCH(QByteArray, yaml);
    QFETCH(QString, error);
    QCOMPARE(errorText(parse(yaml).error), error);
}

void YamlDocumentTest::documents()
{
    // Each document is delivered when it is complete; an error stops the stream after the documents before it.
    const Parsed p = parse("a: 1\n---\nb: 2\n---\n---\nc: [\n");
    QCOMPARE(p.documents.size(), 3);
    QCOMPARE(p.documents[0].first(), QString("map@1:1"));
    QCOMPARE(p.documents[1].first(), QString("map@3:1"));
    QCOMPARE(p.documents[2], QStringList{"null@5:1"}); // an empty document
    QCOMPARE(errorText(p.error), QString("7:1 did not find expected ',' or ']'"));
    QCOMPARE(parse("").documents.size(), 0);
    QCOMPARE(parse("# only a comment\n").documents.size(), 0);
}

void YamlDocumentTest::navigation()
{
    const QByteArray text = "a: [1, 2, 3]\nb: {c: d}\n";
    bool seen = false;
    parseYamlStream(std::string_view(text.constData(), size_t(text.size())), [&](const YamlDocument& doc) {
        seen = true;
        const Ref root = doc.root();
        QCOMPARE(root.kind(), Kind::Mapping);
        QCOMPARE(root.childCount(), size_t(4)); // keys and values alternate
        QCOMPARE(root.subtreeSize(), uint32_t(doc.nodeCount()));
        const Ref a = root.firstChild();
        QCOMPARE(a.text(), std::string_view("a"));
        const Ref list = a.nextSibling();
        QCOMPARE(list.childCount(), size_t(3));
        QCOMPARE(list.subtreeSize(), uint32_t(4));
        const Ref b = list.nextSibling();
        QCOMPARE(b.text(), std::string_view("b"));
        QVERIFY(!b.nextSibling().nextSibling().isValid());
        QVERIFY(!a.firstChild().isValid()); // scalars have no children
        QCOMPARE(doc.line(), 1);
    });
    QVERIFY(seen);
}

void YamlDocumentTest::limits_data()
{
    QTest::addColumn<QByteArray>("yaml");
    QTest::addColumn<int>("maxDepth");
    QTest::addColumn<int>("maxNodes");
    QTest::addColumn<int>("maxBytes");
    QTest::addColumn<QString>("error");
    QTest::newRow("depth within the limit") << QByteArray("[[[1]]]") << 3 << 100 << 1000 << QString();
    QTest::newRow("depth over the limit")
        << QByteArray("[[[[1]]]]") << 3 << 100 << 1000
        << "1:4 nesting is deeper than 3 levels; PodLab reads manifests up to that depth";
    QTest::newRow("block depth over the limit")
        << QByteArray("a:\n  b:\n    c:\n      d: 1\n") << 3 << 100 << 1000
        << "4:7 nesting is deeper than 3 levels; PodLab reads manifests up to that depth";
    QTest::newRow("nodes within the limit") << QByteArray("[1, 2]") << 100 << 3 << 1000 << QString();
    QTest::newRow("nodes over the limit")
        << QByteArray("[1, 2, 3]") << 100 << 3 << 1000
        << "1:8 document has more than 3 nodes; PodLab reads objects up to that size";
    QTest::newRow("node limit counts each document") << QByteArray("[1, 2]\n---\n[3, 4]\n") << 100 << 3 << 1000 << QString();
    QTest::newRow("bytes over the limit")
        << QByteArray(3 << 20, ' ') << 100 << 100 << (2 << 20) << "1:1 file is 3 MiB; PodLab reads manifests up to 2 MiB";
}

void YamlDocumentTest::limits()
{
    QFETCH(QByteArray, yaml);
    QFETCH(int, maxDepth);
    QFETCH(int, maxNodes);
    QFETCH(int, maxBytes);
    QFETCH(QString, error);
    YamlLimits limits;
    limits.maxDepth = unsigned(maxDepth);
    limits.maxNodesPerDocument = size_t(maxNodes);
    limits.maxFileBytes = size_t(maxBytes);
    QCOMPARE(errorText(parse(yaml, limits).error), error);
}

QTEST_APPLESS_MAIN(YamlDocumentTest)
#include "tst_yamldocument.moc"
