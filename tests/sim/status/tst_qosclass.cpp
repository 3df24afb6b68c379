#include "podbuilders.h"
#include "sim/status/podresources.h"
#include "sim/status/qosclass.h"

#include <QTest>

using namespace podlab;
using namespace podlab::testing;

Q_DECLARE_METATYPE(podlab::api::PodSpec)

namespace {

api::Quantity q(const char* text)
{
    return *api::Quantity::parse(text);
}

api::Container sized(const char* name, api::ResourceList requests, api::ResourceList limits)
{
    api::Container c = container(name);
    c.resources.requests = std::move(requests);
    c.resources.limits = std::move(limits);
    return c;
}

QString listText(const api::ResourceList& list)
{
    QStringList parts;
    for (const auto& [name, quantity] : list)
        parts << QString::fromStdString(name + "=" + quantity.toString());
    return parts.join(',');
}

} // namespace

class TestQosClass : public QObject {
    Q_OBJECT

private slots:
    void qosClass_data();
    void qosClass();
    void effectiveResources_data();
    void effectiveResources();
};

void TestQosClass::qosClass_data()
{
    QTest::addColumn<api::PodSpec>("spec");
    QTest::addColumn<QString>("expected");
    auto spec = [](std::vector<api::Container> containers, std::vector<api::Container> inits = {}) {
        api::PodSpec s;
        s.containers = std::move(containers);
        s.initContainers = std::move(inits);
        return s;
    };
    const api::ResourceList small = {{"cpu", q("100m")}, {"memory", q("64Mi")}};
    QTest::newRow("nothing set") << spec({container("a")}) << "BestEffort";
    QTest::newRow("requests equal limits") << spec({sized("a", small, small)}) << "Guaranteed";
    QTest::newRow("limit above request")
        << spec({sized("a", small, {{"cpu", q("200m")}, {"memory", q("64Mi")}})}) << "Burstable";
    QTest::newRow("only a memory limit")
        << spec({sized("a", {{"memory", q("64Mi")}}, {{"memory", q("64Mi")}})}) << "Burstable";
    QTest::newRow("only requests") << spec({sized("a", small, {})}) << "Burstable";
    QTest::newRow("one guaranteed, one best effort")
        << spec({sized("a", small, small), container("b")}) << "Burstable";
    QTest::newRow("init container without limits")
        << spec({sized("a", small, small)}, {container("init")}) << "Burstable";
    QTest::newRow("init container guaranteed too")
        << spec({sized("a", small, small)}, {sized("i", small, small)}) << "Guaranteed";
    QTest::newRow("equal by value, not by spelling")
        << spec({sized("a", {{"cpu", q("0.5")}, {"memory", q("1Gi")}},
                       {{"cpu", q("500m")}, {"memory", q("1024Mi")}})})
        << "Guaranteed";
    QTest::newRow("other resources do not count")
        << spec({sized("a", {{"ephemeral-storage", q("1Gi")}}, {{"ephemeral-storage", q("1Gi")}})})
        << "BestEffort";
    QTest::newRow("zero quantities do not count")
        << spec({sized("a", {{"cpu", q("0")}}, {{"cpu", q("0")}})}) << "BestEffort";
}

void TestQosClass::qosClass()
{
    QFETCH(api::PodSpec, spec);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(sim::podQosClass(spec)), expected);
}

void TestQosClass::effectiveResources_data()
{
    QTest::addColumn<api::PodSpec>("spec");
    QTest::addColumn<QString>("requests");
    QTest::addColumn<QString>("limits");
    api::PodSpec apps;
    apps.containers = {sized("a", {{"cpu", q("100m")}}, {{"cpu", q("200m")}}),
                       sized("b", {{"cpu", q("250m")}, {"memory", q("64Mi")}}, {})};
    QTest::newRow("containers add up") << apps << "cpu=350m,memory=64Mi"
                                       << "cpu=200m";

    api::PodSpec bigInit = apps;
    bigInit.initContainers = {sized("init", {{"cpu", q("1")}}, {{"cpu", q("1")}})};
    QTest::newRow("an init container larger than the app") << bigInit << "cpu=1,memory=64Mi"
                                                           << "cpu=1";

    api::PodSpec sidecars;
    api::Container proxy = sized("proxy", {{"cpu", q("100m")}}, {});
    proxy.restartPolicy = "Always";
    sidecars.initContainers = {proxy, sized("migrate", {{"cpu", q("300m")}}, {})};
    sidecars.containers = {sized("app", {{"cpu", q("200m")}}, {})};
    // Sidecar and app run together (300m); the migration ran beside the sidecar (400m).
    QTest::newRow("a regular init container beside a sidecar") << sidecars << "cpu=400m"
                                                               << "";

    api::PodSpec overhead = apps;
    overhead.overhead = {{"cpu", q("50m")}, {"memory", q("10Mi")}};
    QTest::newRow("overhead on requests and set limits") << overhead << "cpu=400m,memory=74Mi"
                                                         << "cpu=250m";
}

void TestQosClass::effectiveResources()
{
    QFETCH(api::PodSpec, spec);
    QFETCH(QString, requests);
    QFETCH(QString, limits);
    QCOMPARE(listText(sim::podRequestList(spec)), requests);
    QCOMPARE(listText(sim::podLimitList(spec)), limits);
}

QTEST_APPLESS_MAIN(TestQosClass)
#include "tst_qosclass.moc"
