// FieldPath and FieldError: paths as the API server prints them and field.Error's wording.
#ifndef Q_MOC_RUN
#include "manifest/fielderror.h"
#endif

#include <QTest>

#include <cstring>

using namespace podlab::manifest;

namespace {

QString text(const FieldError& e) { return QString::fromStdString(e.path + ": " + e.message); }

// Returns a path built from temporaries and kept: the temporaries are gone when it is printed.
std::string keptChain(const FieldPath& spec, size_t i)
{
    const FieldPath port = spec.child("containers").index(i).child("ports").index(i + 1);
    const FieldPath fromRoot = FieldPath("status").child("conditions").index(2);
    char scribble[512];
    std::memset(scribble, 'x', sizeof scribble); // reuse the stack the temporaries lived in
    return port.child("hostPort").toString() + " " + fromRoot.toString() + scribble[0];
}

} // namespace

class FieldErrorTest : public QObject {
    Q_OBJECT

private slots:
    void paths();
    void chainsOfTemporariesAreKept();
    void messages_data();
    void messages();
    void quoting_data();
    void quoting();
};

void FieldErrorTest::paths()
{
    const FieldPath root;
    QCOMPARE(root.toString(), std::string());
    const FieldPath spec("spec");
    const FieldPath c = spec.child("containers");
    const FieldPath c0 = c.index(0);
    QCOMPARE(c0.child("name").toString(), std::string("spec.containers[0].name"));
    QCOMPARE(FieldPath("data").key("game.properties").toString(), std::string("data[game.properties]"));
    QCOMPARE(FieldPath("metadata").child("labels").key("app").toString(), std::string("metadata.labels[app]"));
    QCOMPARE(FieldPath("").child("spec").toString(), std::string("spec"));
    QCOMPARE(FieldPath("a").index(1).index(2).toString(), std::string("a[1][2]"));
}

void FieldErrorTest::chainsOfTemporariesAreKept()
{
    const FieldPath spec("spec");
    QCOMPARE(keptChain(spec, 1), std::string("spec.containers[1].ports[2].hostPort status.conditions[2]x"));
}

void FieldErrorTest::messages_data()
{
    QTest::addColumn<QString>("actual");
    QTest::addColumn<QString>("expected");
    const FieldPath p("spec");
    QTest::newRow("required") << text(required(p.child("containers"))) << "spec.containers: Required value";
    QTest::newRow("required with detail") << text(required(p, "must specify a handler type"))
                                          << "spec: Required value: must specify a handler type";
    QTest::newRow("invalid string") << text(invalid(p.child("name"), "Web", "bad"))
                                    << "spec.name: Invalid value: \"Web\": bad";
    QTest::newRow("invalid number") << text(invalid(p.child("replicas"), int64_t(-1), "must be greater than or equal to 0"))
                                    << "spec.replicas: Invalid value: -1: must be greater than or equal to 0";
    QTest::newRow("invalid boolean") << text(invalid(p, true, "x")) << "spec: Invalid value: true: x";
    QTest::newRow("invalid raw") << text(invalid(p, BadValue::raw("{\"app\":\"web\"}"), "x"))
                                 << "spec: Invalid value: {\"app\":\"web\"}: x";
    QTest::newRow("not supported") << text(notSupported(p.child("restartPolicy"), "Sometimes", {"Always", "OnFailure", "Never"}))
                                   << "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: "
                                      "\"Always\", \"OnFailure\", \"Never\"";
    QTest::newRow("duplicate") << text(duplicate(p.child("name"), "c")) << "spec.name: Duplicate value: \"c\"";
    QTest::newRow("not found") << text(notFound(p.child("name"), "v")) << "spec.name: Not found: \"v\"";
    QTest::newRow("forbidden") << text(forbidden(p, "not allowed")) << "spec: Forbidden: not allowed";
    QTest::newRow("too long") << text(tooLong(FieldPath("data"), 1048576))
                              << "data: Too long: may not be more than 1048576 bytes";
    QTest::newRow("too many") << text(tooMany(p, 5, 3)) << "spec: Too many: 5: must have at most 3 items";
}

void FieldErrorTest::messages()
{
    QFETCH(QString, actual);
    QFETCH(QString, expected);
    QCOMPARE(actual, expected);
}

void FieldErrorTest::quoting_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("goQuoted");
    QTest::addColumn<QString>("jsonQuoted");
    QTest::newRow("plain") << "web" << "\"web\"" << "\"web\"";
    QTest::newRow("quotes and backslashes") << "a\"b\\c" << "\"a\\\"b\\\\c\"" << "\"a\\\"b\\\\c\"";
    QTest::newRow("line break and tab") << "a\nb\tc" << "\"a\\nb\\tc\"" << "\"a\\nb\\tc\"";
    QTest::newRow("control character") << "a\x01" << "\"a\\x01\"" << "\"a\\u0001\"";
    QTest::newRow("HTML characters") << "<a&b>" << "\"<a&b>\"" << "\"\\u003ca\\u0026b\\u003e\"";
}

void FieldErrorTest::quoting()
{
    QFETCH(QString, value);
    QFETCH(QString, goQuoted);
    QFETCH(QString, jsonQuoted);
    QCOMPARE(QString::fromStdString(BadValue::quote(value.toStdString())), goQuoted);
    QCOMPARE(QString::fromStdString(BadValue::jsonQuote(value.toStdString())), jsonQuoted);
}

QTEST_APPLESS_MAIN(FieldErrorTest)
#include "tst_fielderror.moc"
