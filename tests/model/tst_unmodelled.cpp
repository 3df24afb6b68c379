#include "api/value.h"

#include <QTest>

using namespace podlab::api;

class TestUnmodelled : public QObject {
    Q_OBJECT

private slots:
    void emptyHoldsNothing();
    void keepsFieldsByName();
    void copiesAreIndependent();
    void copiesShareUntilOneWrites();
    void comparesByContent();
};

void TestUnmodelled::emptyHoldsNothing()
{
    const Unmodelled u;
    QVERIFY(u.empty());
    QCOMPARE(u.size(), size_t(0));
    QVERIFY(!u.contains("securityContext"));
    QVERIFY(u.find("securityContext") == u.end());
    QVERIFY(u.begin() == u.end());
    QVERIFY_THROWS_EXCEPTION(std::out_of_range, u.at("securityContext"));
    QCOMPARE(sizeof(Unmodelled), sizeof(void*));
}

void TestUnmodelled::keepsFieldsByName()
{
    Unmodelled u;
    u["securityContext"] = Value(Value::Object{{"privileged", true}});
    u["eventTime"] = Value();
    QCOMPARE(u.size(), size_t(2));
    QVERIFY(u.contains("eventTime"));
    QVERIFY(u.at("securityContext").find("privileged")->asBool());
    // In name order, as the std::map it stands for.
    QCOMPARE(u.begin()->first, std::string("eventTime"));
    QCOMPARE(u.erase("eventTime"), size_t(1));
    QCOMPARE(u.erase("eventTime"), size_t(0));
    QCOMPARE(u.size(), size_t(1));
}

void TestUnmodelled::copiesAreIndependent()
{
    Unmodelled a;
    a["x"] = Value(1);
    Unmodelled b = a;
    b["x"] = Value(2);
    QCOMPARE(a.at("x").asInt(), int64_t(1));
    QCOMPARE(b.at("x").asInt(), int64_t(2));
    a = Unmodelled();
    QVERIFY(a.empty());
    QCOMPARE(b.size(), size_t(1));
}

void TestUnmodelled::copiesShareUntilOneWrites()
{
    Unmodelled a;
    a["securityContext"] = Value(Value::Object{});
    Unmodelled b = a;
    QCOMPARE(&b.at("securityContext"), &a.at("securityContext")); // one map, not a copy a version
    Unmodelled c;
    c = b;
    c.erase("securityContext"); // the last field of c's own copy: c is empty again, a and b keep theirs
    QVERIFY(c.empty());
    QCOMPARE(&b.at("securityContext"), &a.at("securityContext"));
    b["eventTime"] = Value();
    QVERIFY(&b.at("securityContext") != &a.at("securityContext"));
    QCOMPARE(a.size(), size_t(1));
    QCOMPARE(b.size(), size_t(2));
    Unmodelled moved = std::move(b);
    QCOMPARE(moved.size(), size_t(2));
}

void TestUnmodelled::comparesByContent()
{
    Unmodelled a, b;
    QVERIFY(a == b);
    a["x"] = Value(1);
    QVERIFY(!(a == b));
    b["x"] = Value(1);
    QVERIFY(a == b);
    a.erase("x");
    QVERIFY(a == Unmodelled()); // emptied is the same as never filled
}

QTEST_APPLESS_MAIN(TestUnmodelled)
#include "tst_unmodelled.moc"
