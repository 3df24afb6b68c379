#include "sim/podenv/varexpansion.h"

#include <QTest>

#include <map>

using namespace podlab::sim;

class TestVarExpansion : public QObject {
    Q_OBJECT

private slots:
    void expand_data();
    void expand();
};

void TestVarExpansion::expand_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("whole value") << "$(VAR_A)"
                                 << "A";
    QTest::newRow("inside text") << "___$(VAR_B)___"
                                 << "___B___";
    QTest::newRow("twice") << "$(VAR_A)-$(VAR_A)"
                           << "A-A";
    QTest::newRow("adjacent") << "$(VAR_A)$(VAR_B)"
                              << "AB";
    QTest::newRow("undefined stays literal") << "$(VAR_DNE)"
                                             << "$(VAR_DNE)";
    QTest::newRow("defined as empty") << "x$(VAR_EMPTY)y"
                                      << "xy";
    QTest::newRow("escaped reference") << "$$(VAR_A)"
                                       << "$(VAR_A)";
    QTest::newRow("escaped dollar then reference") << "$$$(VAR_A)"
                                                   << "$A";
    QTest::newRow("two escapes") << "$$$$(VAR_A)"
                                 << "$$(VAR_A)";
    QTest::newRow("escape alone") << "$$"
                                  << "$";
    QTest::newRow("three dollars") << "$$$"
                                   << "$$";
    QTest::newRow("unclosed") << "$(VAR_A"
                              << "$(VAR_A";
    QTest::newRow("a name runs to the first closing parenthesis") << "$($(VAR_A)"
                                                                  << "$($(VAR_A)";
    QTest::newRow("shell style is not expanded") << "$VAR_A ${VAR_A}"
                                                 << "$VAR_A ${VAR_A}";
    QTest::newRow("dollar at the end") << "VAR_A$"
                                       << "VAR_A$";
    QTest::newRow("reference then dollar") << "$(VAR_A)$"
                                           << "A$";
    QTest::newRow("empty name") << "$()"
                                << "$()";
    QTest::newRow("no recursion into values") << "$(VAR_REF)"
                                              << "$(VAR_A)";
    QTest::newRow("parentheses without dollar") << "(VAR_A)"
                                                << "(VAR_A)";
    QTest::newRow("docs UNCHANGED_REFERENCE") << "$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
                                              << "$(PROTOCOL)://172.17.0.1:80";
    QTest::newRow("docs ESCAPED_REFERENCE") << "$$(PROTOCOL)://$(SERVICE_IP):$(SERVICE_PORT)"
                                            << "$(PROTOCOL)://172.17.0.1:80";
}

void TestVarExpansion::expand()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    const std::map<std::string, std::string, std::less<>> vars{{"VAR_A", "A"},
                                                               {"VAR_B", "B"},
                                                               {"VAR_EMPTY", ""},
                                                               {"VAR_REF", "$(VAR_A)"},
                                                               {"SERVICE_IP", "172.17.0.1"},
                                                               {"SERVICE_PORT", "80"}};
    const VarExpansion::Mapping mapping = [&](std::string_view name) -> std::optional<std::string_view> {
        const auto it = vars.find(name);
        if (it == vars.end())
            return std::nullopt;
        return it->second;
    };
    QCOMPARE(QString::fromStdString(VarExpansion::expand(input.toStdString(), mapping)), expected);
}

QTEST_APPLESS_MAIN(TestVarExpansion)
#include "tst_varexpansion.moc"
