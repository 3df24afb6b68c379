// Base64 as Go's encoding/json reads and writes []byte (a Secret's data): standard alphabet with padding, line
// breaks ignored, the offset of the first bad byte reported.
#ifndef Q_MOC_RUN
#include "manifest/base64.h"
#endif

#include <QTest>

using podlab::manifest::base64Decode;
using podlab::manifest::base64Encode;
using podlab::manifest::base64UrlEncode;

class Base64Test : public QObject {
    Q_OBJECT

private slots:
    void roundTrip_data();
    void roundTrip();
    void decodes_data();
    void decodes();
    void rejects_data();
    void rejects();
    void urlAlphabet();
};

void Base64Test::roundTrip_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("encoded");
    QTest::newRow("empty") << QByteArray() << "";
    QTest::newRow("one byte, two pads") << QByteArray("a") << "YQ==";
    QTest::newRow("two bytes, one pad") << QByteArray("ab") << "YWI=";
    QTest::newRow("three bytes, no pad") << QByteArray("abc") << "YWJj";
    QTest::newRow("docs example password") << QByteArray("39528$vdg7Jb") << "Mzk1MjgkdmRnN0pi";
    QTest::newRow("binary") << QByteArray("\x00\x01\xfe\xff", 4) << "AAH+/w==";
}

void Base64Test::roundTrip()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, encoded);
    const std::string in(bytes.constData(), size_t(bytes.size()));
    QCOMPARE(QString::fromStdString(base64Encode(in)), encoded);
    const auto decoded = base64Decode(encoded.toStdString());
    QVERIFY(decoded.has_value());
    QCOMPARE(*decoded, in);
}

void Base64Test::decodes_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("bytes");
    QTest::newRow("line breaks ignored") << "bXkt\nYXBw\n" << "my-app";
    QTest::newRow("carriage returns ignored") << "bXkt\r\nYXBw" << "my-app";
    QTest::newRow("line break inside padding") << "YQ=\n=" << "a";
}

void Base64Test::decodes()
{
    QFETCH(QString, text);
    QFETCH(QString, bytes);
    const auto decoded = base64Decode(text.toStdString());
    QVERIFY(decoded.has_value());
    QCOMPARE(QString::fromStdString(*decoded), bytes);
}

void Base64Test::rejects_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("offset"); // Go's "illegal base64 data at input byte N"
    QTest::newRow("space") << "YW Jj" << 2;
    QTest::newRow("url alphabet") << "a-_b" << 1;
    QTest::newRow("plain text") << "not base64!" << 3;
    QTest::newRow("missing padding: where the short quantum began") << "YQ" << 0;
    QTest::newRow("a quantum cut short after a whole one") << "hunter2" << 4;
    QTest::newRow("one '=' where two belong") << "YQ=" << 3;
    QTest::newRow("'=' then something else: the byte before it") << "YQ=x" << 2;
    QTest::newRow("'=' too early") << "Y===" << 1;
    QTest::newRow("data after padding") << "YQ==YQ==" << 4;
    QTest::newRow("data after padding and a line break") << "YWI=\nx" << 5;
}

void Base64Test::rejects()
{
    QFETCH(QString, text);
    QFETCH(int, offset);
    size_t bad = 999;
    QVERIFY(!base64Decode(text.toStdString(), &bad).has_value());
    QCOMPARE(int(bad), offset);
}

void Base64Test::urlAlphabet()
{
    QCOMPARE(base64UrlEncode("\xfb\xff"), std::string("-_8"));
    QCOMPARE(base64UrlEncode("{\"alg\":\"RS256\"}"), std::string("eyJhbGciOiJSUzI1NiJ9"));
}

QTEST_APPLESS_MAIN(Base64Test)
#include "tst_base64.moc"
