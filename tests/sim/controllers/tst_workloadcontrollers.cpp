// The ReplicaSet and Deployment controllers and the garbage collector on a running cluster: invariants a
// rollout keeps at every step, Recreate's gap, history cleanup, minReadySeconds, cascading deletion, and the
// kubectl commands' answers.
#include "../kubectl/kubectlsession.h"

#include "sim/cluster/cluster.h"
#include "sim/controllers/controllerutil.h"

#include "manifest/manifestreader.h"

#include <QTest>

using namespace podlab;
using sim::Cluster;

namespace {

api::Object objectFrom(const std::string& yaml)
{
    const manifest::ReadResult r = manifest::readManifests(yaml, "test.yaml");
    if (!r.ok() || r.objects.size() != 1)
        qFatal("bad test manifest: %s", r.diagnostics.empty() ? "no object" : r.diagnostics[0].toString().c_str());
    return r.objects[0].object;
}

std::string deploymentYaml(int replicas, const std::string& strategy, const std::string& image = "nginx:1.14.2",
                           const std::string& extraSpec = {})
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: " + std::to_string(replicas) +
           "\n" + strategy + extraSpec +
           "  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n"
           "    spec:\n      containers:\n      - name: app\n        image: " + image + "\n";
}

std::vector<sim::Ptr<api::ReplicaSet>> replicaSets(const Cluster& c)
{
    return c.store().list<api::ReplicaSet>("default");
}

const api::Deployment& deployment(const Cluster& c) { return *c.store().get<api::Deployment>("default", "web"); }

bool rolledOut(const Cluster& c)
{
    const api::Deployment& d = deployment(c);
    const int32_t want = d.spec.replicas.value_or(1);
    return d.status.observedGeneration >= d.metadata.generation && d.status.updatedReplicas == want &&
           d.status.replicas == want && d.status.availableReplicas == want;
}

// Runs until the Deployment is rolled out, checking `check` after every step; false if it never gets there.
template <class Check>
bool runRollout(Cluster& c, Check check, sim::SimTime limit = 600'000)
{
    const sim::SimTime end = c.now() + limit;
    while (c.now() < end) {
        if (!c.runNext())
            return false;
        check();
        if (rolledOut(c))
            return true;
    }
    return false;
}

void setImage(Cluster& c, const std::string& image)
{
    api::Deployment d = deployment(c);
    d.spec.template_.spec.containers[0].image = image;
    QVERIFY(c.update(api::Object(d)).ok());
}

std::vector<std::string> scalingEvents(const Cluster& c)
{
    std::vector<std::string> out;
    for (uint64_t id : c.store().events().idsFor(deployment(c).metadata.uid)) {
        const api::Event e = c.store().events().toApi(id);
        if (e.reason == "ScalingReplicaSet")
            out.push_back(e.message);
    }
    return out;
}

} // namespace

class TestWorkloadControllers : public QObject {
    Q_OBJECT

private slots:
    void rollingUpdateKeepsItsBounds_data();
    void rollingUpdateKeepsItsBounds();
    void rolloutEventsInTheDocumentedOrder_data();
    void rolloutEventsInTheDocumentedOrder();
    void recreateStopsEverythingFirst();
    void oldReplicaSetsBeyondTheHistoryLimitGo();
    void aPausedDeploymentScalesButDoesNotRollOut();
    void scalingDuringARolloutIsProportional();
    void minReadySecondsDelaysAvailability_data();
    void minReadySecondsDelaysAvailability();
    void deletingADeploymentDeletesItsReplicaSetsAndPods();
    void aDependentWithAnotherOwnerOnlyLosesTheReference();
    void cascadeOrphanLeavesTheDependents();
    void aPodControlledByNoExistingReplicaSetIsCollected();
    void logsOfADeploymentUseOneOfItsPods();
    void podsBeyondTheSimulationsLimitAreRefused();
    void kubectlAnswers_data();
    void kubectlAnswers();
};

void TestWorkloadControllers::rollingUpdateKeepsItsBounds_data()
{
    QTest::addColumn<int>("replicas");
    QTest::addColumn<QString>("strategy");
    QTest::addColumn<int>("maxSurge");       // resolved
    QTest::addColumn<int>("maxUnavailable"); // resolved
    QTest::newRow("defaults, 3 replicas (the docs' 4 at most, 3 at least)") << 3 << "" << 1 << 0;
    QTest::newRow("defaults, 10 replicas") << 10 << "" << 3 << 2;
    QTest::newRow("defaults, 1 replica") << 1 << "" << 1 << 0;
    QTest::newRow("no surge, one unavailable") << 4 << "maxSurge: 0\n      maxUnavailable: 1" << 0 << 1;
    QTest::newRow("surge 2, none unavailable") << 5 << "maxSurge: 2\n      maxUnavailable: 0" << 2 << 0;
    QTest::newRow("half and half") << 6 << "maxSurge: 50%\n      maxUnavailable: 50%" << 3 << 3;
}

void TestWorkloadControllers::rollingUpdateKeepsItsBounds()
{
    QFETCH(int, replicas);
    QFETCH(QString, strategy);
    QFETCH(int, maxSurge);
    QFETCH(int, maxUnavailable);
    const std::string strategyYaml =
        strategy.isEmpty() ? std::string() : "  strategy:\n    rollingUpdate:\n      " + strategy.toStdString() + "\n";
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(deploymentYaml(replicas, strategyYaml))).ok());
    QVERIFY(runRollout(c, [] {}));
    QCOMPARE(replicaSets(c).size(), size_t(1));

    setImage(c, "nginx:1.16.1");
    int most = 0, fewest = replicas;
    std::string violation;
    const bool done = runRollout(c, [&] {
        int asked = 0, available = 0;
        for (const auto& rs : replicaSets(c))
            asked += rs->spec.replicas.value_or(1);
        // Available pods: ready, not being deleted, of either version.
        for (const auto& pod : c.store().list<api::Pod>("default"))
            available += sim::isPodActive(*pod) && sim::isPodReady(*pod);
        most = std::max(most, asked);
        fewest = std::min(fewest, available);
        if (violation.empty() && asked > replicas + maxSurge)
            violation = std::to_string(asked) + " replicas asked for at " + std::to_string(c.now()) + " ms";
        if (violation.empty() && available < replicas - maxUnavailable)
            violation = std::to_string(available) + " available at " + std::to_string(c.now()) + " ms";
    });
    QVERIFY2(violation.empty(), violation.c_str());
    QVERIFY(done);
    // The bounds are used, not merely respected.
    QCOMPARE(most, replicas + maxSurge);
    const auto sets = replicaSets(c);
    QCOMPARE(sets.size(), size_t(2));
    for (const auto& rs : sets) {
        const bool isNew = rs->spec.template_.spec.containers[0].image == "nginx:1.16.1";
        QCOMPARE(rs->spec.replicas.value_or(1), isNew ? replicas : 0);
        QCOMPARE(rs->metadata.annotations.at("deployment.kubernetes.io/revision"), std::string(isNew ? "2" : "1"));
        QCOMPARE(rs->metadata.annotations.at("deployment.kubernetes.io/desired-replicas"), std::to_string(replicas));
        QCOMPARE(rs->metadata.annotations.at("deployment.kubernetes.io/max-replicas"), std::to_string(replicas + maxSurge));
        QCOMPARE(rs->metadata.labels.at("pod-template-hash"), rs->metadata.name.substr(4));
    }
}

void TestWorkloadControllers::rolloutEventsInTheDocumentedOrder_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("events"); // OLD and NEW stand for the ReplicaSets' names
    QTest::newRow("modern") << "modern"
                            << QStringList{"Scaled up replica set OLD to 3",          "Scaled up replica set NEW to 1",
                                           "Scaled down replica set OLD to 2 from 3", "Scaled up replica set NEW to 2 from 1",
                                           "Scaled down replica set OLD to 1 from 2", "Scaled up replica set NEW to 3 from 2",
                                           "Scaled down replica set OLD to 0 from 1"};
    QTest::newRow("classic: no \"from\"") << "classic"
                                          << QStringList{"Scaled up replica set OLD to 3",   "Scaled up replica set NEW to 1",
                                                         "Scaled down replica set OLD to 2", "Scaled up replica set NEW to 2",
                                                         "Scaled down replica set OLD to 1", "Scaled up replica set NEW to 3",
                                                         "Scaled down replica set OLD to 0"};
}

void TestWorkloadControllers::rolloutEventsInTheDocumentedOrder()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, events);
    sim::ClusterConfig config;
    config.profile = profile == "classic" ? sim::VersionProfile::Classic : sim::VersionProfile::Modern;
    Cluster c = Cluster::withDefaultNodes(3, config);
    QVERIFY(c.create(objectFrom(deploymentYaml(3, ""))).ok());
    QVERIFY(runRollout(c, [] {}));
    const std::string oldName = replicaSets(c).front()->metadata.name;
    setImage(c, "nginx:1.16.1");
    QVERIFY(runRollout(c, [] {}));
    std::string newName;
    for (const auto& rs : replicaSets(c))
        if (rs->metadata.name != oldName)
            newName = rs->metadata.name;
    QStringList got;
    for (const std::string& e : scalingEvents(c))
        got << QString::fromStdString(e).replace(QString::fromStdString(oldName), "OLD").replace(QString::fromStdString(newName), "NEW");
    QCOMPARE(got, events);
}

void TestWorkloadControllers::recreateStopsEverythingFirst()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(deploymentYaml(3, "  strategy:\n    type: Recreate\n"))).ok());
    QVERIFY(runRollout(c, [] {}));
    const std::string oldUid = replicaSets(c).front()->metadata.uid;
    setImage(c, "nginx:1.16.1");
    bool sawGap = false, overlap = false;
    QVERIFY(runRollout(c, [&] {
        int oldPods = 0, newPods = 0;
        for (const auto& pod : c.store().list<api::Pod>("default")) {
            const api::OwnerReference* ref = sim::controllerOf(pod->metadata);
            (ref && ref->uid == oldUid ? oldPods : newPods) += 1;
        }
        overlap = overlap || (oldPods > 0 && newPods > 0);
        sawGap = sawGap || (oldPods == 0 && newPods == 0);
    }));
    QVERIFY2(!overlap, "old and new pods at once");
    QVERIFY(sawGap);
    const std::vector<std::string> events = scalingEvents(c);
    QCOMPARE(events.size(), size_t(3));
    QVERIFY(QString::fromStdString(events[1]).startsWith("Scaled down replica set web-"));
    QVERIFY(QString::fromStdString(events[1]).endsWith(" to 0 from 3"));
    QVERIFY(QString::fromStdString(events[2]).startsWith("Scaled up replica set web-"));
    QVERIFY(QString::fromStdString(events[2]).endsWith(" to 3"));
}

void TestWorkloadControllers::oldReplicaSetsBeyondTheHistoryLimitGo()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(deploymentYaml(2, "", "nginx:1.14.2", "  revisionHistoryLimit: 2\n"))).ok());
    QVERIFY(runRollout(c, [] {}));
    for (const char* image : {"nginx:1.16.1", "nginx:1.25", "nginx:1.27", "nginx:latest"}) {
        setImage(c, image);
        QVERIFY(runRollout(c, [] {}));
        c.runUntil(c.now() + 60'000);
    }
    const auto sets = replicaSets(c);
    QCOMPARE(sets.size(), size_t(3)); // the new one and two old ones
    std::set<std::string> revisions;
    for (const auto& rs : sets)
        revisions.insert(rs->metadata.annotations.at("deployment.kubernetes.io/revision"));
    QCOMPARE(revisions, (std::set<std::string>{"3", "4", "5"}));
}

void TestWorkloadControllers::aPausedDeploymentScalesButDoesNotRollOut()
{
    testing::KubectlSession k;
    k.write("web.yaml", QByteArray::fromStdString(deploymentYaml(2, "")));
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    k.wait(30);
    QCOMPARE(k.run("rollout pause deployment/web").out, std::string("deployment.apps/web paused\n"));
    QCOMPARE(k.run("rollout pause deployment/web").err, std::string("error: deployments.apps \"web\" is already paused\n"));
    QCOMPARE(k.run("set image deployment/web app=nginx:1.16.1").exitCode, 0);
    QCOMPARE(k.run("scale deployment web --replicas=3").exitCode, 0);
    k.wait(30);
    const Cluster& c = k.cluster();
    QCOMPARE(replicaSets(c).size(), size_t(1)); // no new revision while paused
    QCOMPARE(replicaSets(c).front()->spec.replicas.value_or(1), 3);
    QCOMPARE(replicaSets(c).front()->spec.template_.spec.containers[0].image, std::string("nginx:1.14.2"));
    const api::DeploymentCondition* progressing = nullptr;
    for (const auto& cond : deployment(c).status.conditions)
        if (cond.type == "Progressing")
            progressing = &cond;
    QVERIFY(progressing);
    QCOMPARE(progressing->reason, std::string("DeploymentPaused"));
    QCOMPARE(progressing->status, std::string("Unknown"));
    // kubectl looks for the revision first: with no second one, that is what it says.
    QCOMPARE(k.run("rollout undo deployment/web").err, std::string("error: no rollout history found for deployment \"web\"\n"));
    QCOMPARE(k.run("rollout resume deployment/web").out, std::string("deployment.apps/web resumed\n"));
    k.wait(60);
    QCOMPARE(replicaSets(k.cluster()).size(), size_t(2));
    QVERIFY(rolledOut(k.cluster()));
    QCOMPARE(k.run("rollout status deployment/web").out, std::string("deployment \"web\" successfully rolled out\n"));
}

void TestWorkloadControllers::scalingDuringARolloutIsProportional()
{
    // A rollout stalled by an image that cannot be pulled: of 10 replicas (maxSurge 3, maxUnavailable 2) 8 old and
    // 5 new. Scaling to 20 allows 25 (maxSurge 5): the 12 more are shared out by each set's part of the old
    // maximum, 13 (the max-replicas annotation): old 8 * 25 / 13 = 15.4 -> 15, new 5 * 25 / 13 = 9.6 -> 10.
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(deploymentYaml(10, ""))).ok());
    QVERIFY(runRollout(c, [] {}));
    setImage(c, "nginx:no-such-tag");
    c.runUntil(c.now() + 30'000);
    std::map<std::string, int32_t> before;
    for (const auto& rs : replicaSets(c))
        before[rs->spec.template_.spec.containers[0].image] = rs->spec.replicas.value_or(1);
    QCOMPARE(before, (std::map<std::string, int32_t>{{"nginx:1.14.2", 8}, {"nginx:no-such-tag", 5}}));
    api::Deployment d = deployment(c);
    d.spec.replicas = 20;
    QVERIFY(c.update(api::Object(d)).ok());
    c.runUntil(c.now() + 1'000);
    std::map<std::string, int32_t> after;
    std::map<std::string, std::string> names;
    for (const auto& rs : replicaSets(c)) {
        after[rs->spec.template_.spec.containers[0].image] = rs->spec.replicas.value_or(1);
        names[rs->spec.template_.spec.containers[0].image] = rs->metadata.name;
    }
    QCOMPARE(after, (std::map<std::string, int32_t>{{"nginx:1.14.2", 15}, {"nginx:no-such-tag", 10}}));
    // In one step, as the events say (a later rolling step could otherwise even out a wrong share).
    const std::vector<std::string> events = scalingEvents(c);
    QVERIFY(events.size() >= 2);
    QCOMPARE(events[events.size() - 2], "Scaled up replica set " + names["nginx:1.14.2"] + " to 15 from 8");
    QCOMPARE(events[events.size() - 1], "Scaled up replica set " + names["nginx:no-such-tag"] + " to 10 from 5");
}

void TestWorkloadControllers::minReadySecondsDelaysAvailability_data()
{
    QTest::addColumn<int>("minReadySeconds");
    QTest::addColumn<int>("afterReadySeconds");
    QTest::addColumn<int>("available");
    QTest::newRow("none: available once ready") << 0 << 0 << 2;
    QTest::newRow("10 s, 5 s after ready") << 10 << 5 << 0;
    QTest::newRow("10 s, 11 s after ready") << 10 << 11 << 2;
}

void TestWorkloadControllers::minReadySecondsDelaysAvailability()
{
    QFETCH(int, minReadySeconds);
    QFETCH(int, afterReadySeconds);
    QFETCH(int, available);
    Cluster c = Cluster::withDefaultNodes(3);
    const std::string yaml = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: web\nspec:\n  replicas: 2\n"
                             "  minReadySeconds: " + std::to_string(minReadySeconds) +
                             "\n  selector:\n    matchLabels:\n      app: web\n  template:\n    metadata:\n      labels:\n"
                             "        app: web\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25\n";
    QVERIFY(c.create(objectFrom(yaml)).ok());
    // Until both pods are ready (by the ReplicaSet's own count).
    while (c.store().get<api::ReplicaSet>("default", "web")->status.readyReplicas < 2)
        QVERIFY(c.runNext());
    c.runUntil(c.now() + afterReadySeconds * 1000);
    const auto rs = c.store().get<api::ReplicaSet>("default", "web");
    QCOMPARE(rs->status.availableReplicas, available);
    QCOMPARE(rs->status.readyReplicas, 2);
    QCOMPARE(rs->status.replicas, 2);
    QCOMPARE(rs->status.fullyLabeledReplicas, 2);
    QCOMPARE(rs->status.observedGeneration, rs->metadata.generation);
}

void TestWorkloadControllers::deletingADeploymentDeletesItsReplicaSetsAndPods()
{
    Cluster c = Cluster::withDefaultNodes(3);
    QVERIFY(c.create(objectFrom(deploymentYaml(3, ""))).ok());
    QVERIFY(runRollout(c, [] {}));
    QVERIFY(c.remove(sim::Kind::Deployment, "default", "web").ok());
    QVERIFY(replicaSets(c).empty());
    const auto pods = c.store().list<api::Pod>("default");
    QCOMPARE(pods.size(), size_t(3));
    for (const auto& pod : pods)
        QVERIFY2(pod->metadata.deletionTimestamp.has_value(), "a pod is deleted gracefully, not left running");
    c.runUntil(c.now() + 60'000);
    QVERIFY(c.store().list<api::Pod>("default").empty());
}

void TestWorkloadControllers::aDependentWithAnotherOwnerOnlyLosesTheReference()
{
    Cluster c = Cluster::withDefaultNodes(1);
    const std::string rsYaml = "apiVersion: apps/v1\nkind: ReplicaSet\nmetadata:\n  name: NAME\nspec:\n  replicas: 0\n"
                               "  selector:\n    matchLabels:\n      app: NAME\n  template:\n    metadata:\n      labels:\n"
                               "        app: NAME\n    spec:\n      containers:\n      - name: app\n        image: nginx:1.25\n";
    auto named = [&](const std::string& name) {
        std::string y = rsYaml;
        for (size_t at; (at = y.find("NAME")) != std::string::npos;)
            y.replace(at, 4, name);
        return y;
    };
    QVERIFY(c.create(objectFrom(named("a"))).ok());
    QVERIFY(c.create(objectFrom(named("b"))).ok());
    const auto a = c.store().get<api::ReplicaSet>("default", "a");
    const auto b = c.store().get<api::ReplicaSet>("default", "b");
    api::Pod pod = std::get<api::Pod>(objectFrom("apiVersion: v1\nkind: Pod\nmetadata:\n  name: shared\nspec:\n"
                                                 "  containers:\n  - name: c\n    image: nginx:1.25\n"));
    pod.metadata.ownerReferences = {{"apps/v1", "ReplicaSet", "a", a->metadata.uid, std::nullopt, std::nullopt},
                                    {"apps/v1", "ReplicaSet", "b", b->metadata.uid, std::nullopt, std::nullopt}};
    QVERIFY(c.create(api::Object(pod)).ok());
    QVERIFY(c.remove(sim::Kind::ReplicaSet, "default", "a").ok());
    const auto kept = c.store().get<api::Pod>("default", "shared");
    QVERIFY(kept);
    QCOMPARE(kept->metadata.ownerReferences.size(), size_t(1));
    QCOMPARE(kept->metadata.ownerReferences[0].name, std::string("b"));
    QVERIFY(c.remove(sim::Kind::ReplicaSet, "default", "b").ok());
    QVERIFY(!c.store().get<api::Pod>("default", "shared")); // unscheduled: deleted at once
}

void TestWorkloadControllers::cascadeOrphanLeavesTheDependents()
{
    testing::KubectlSession k;
    k.write("web.yaml", QByteArray::fromStdString(deploymentYaml(2, "")));
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    k.wait(30);
    const sim::kubectl::CommandOutput r = k.run("delete deployment web --cascade=orphan");
    QCOMPARE(r.out, std::string("deployment.apps \"web\" deleted from default namespace\n"));
    k.wait(30);
    const auto sets = replicaSets(k.cluster());
    QCOMPARE(sets.size(), size_t(1));
    QVERIFY(sets.front()->metadata.ownerReferences.empty());
    QCOMPARE(sets.front()->status.readyReplicas, 2);
    // The ReplicaSet still owns its pods; deleting it the default way takes them along.
    QCOMPARE(k.run("delete rs " + QString::fromStdString(sets.front()->metadata.name)).exitCode, 0);
    k.wait(60);
    QVERIFY(k.cluster().store().list<api::Pod>("default").empty());
}

void TestWorkloadControllers::aPodControlledByNoExistingReplicaSetIsCollected()
{
    Cluster c = Cluster::withDefaultNodes(1);
    api::Pod pod = std::get<api::Pod>(objectFrom("apiVersion: v1\nkind: Pod\nmetadata:\n  name: dangling\nspec:\n"
                                                 "  containers:\n  - name: c\n    image: nginx:1.25\n"));
    pod.metadata.ownerReferences = {{"apps/v1", "ReplicaSet", "gone", "0000-gone", true, true}};
    QVERIFY(c.create(api::Object(pod)).ok());
    QVERIFY(!c.store().get<api::Pod>("default", "dangling"));
}

void TestWorkloadControllers::logsOfADeploymentUseOneOfItsPods()
{
    testing::KubectlSession k;
    k.write("web.yaml", QByteArray::fromStdString(deploymentYaml(2, "")));
    QCOMPARE(k.run("logs deployment/web").err, std::string("Error from server (NotFound): deployments.apps \"web\" not found\n"));
    QCOMPARE(k.run("apply -f web.yaml").exitCode, 0);
    QCOMPARE(k.run("logs deployment/web").err, std::string("error: timed out waiting for the condition\n"));
    k.wait(30);
    const sim::kubectl::CommandOutput r = k.run("logs deploy/web");
    QCOMPARE(r.exitCode, 0);
    QVERIFY2(QString::fromStdString(r.err).startsWith("Found 2 pods, using pod/web-"), r.err.c_str());
}

void TestWorkloadControllers::podsBeyondTheSimulationsLimitAreRefused()
{
    sim::ClusterConfig config;
    config.maxPods = 5;
    Cluster c = Cluster::withDefaultNodes(1, config);
    QVERIFY(c.create(objectFrom(deploymentYaml(8, ""))).ok());
    c.runUntil(c.now() + 1'000);
    QCOMPARE(c.store().list<api::Pod>("default").size(), size_t(5));
    const auto rs = replicaSets(c).front();
    bool refused = false;
    for (uint64_t id : c.store().events().idsFor(rs->metadata.uid)) {
        const api::Event e = c.store().events().toApi(id);
        refused = refused || (e.reason == "FailedCreate" && e.type == "Warning" &&
                              QString::fromStdString(e.message).startsWith("Error creating: pods \"web-") &&
                              QString::fromStdString(e.message).endsWith("is forbidden: PodLab simulates at most 5 pods"));
    }
    QVERIFY(refused);
}

void TestWorkloadControllers::kubectlAnswers_data()
{
    QTest::addColumn<QString>("profile");
    QTest::addColumn<QStringList>("commands"); // run in order; the last one's output is checked
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("exitCode");
    const QString apply = "apply -f web.yaml";
    QTest::newRow("scale") << "modern" << QStringList{apply, "scale deployment web --replicas=5"}
                           << "deployment.apps/web scaled\n" << "" << 0;
    QTest::newRow("scale by type/name") << "modern" << QStringList{apply, "scale deploy/web --replicas=0"}
                                        << "deployment.apps/web scaled\n" << "" << 0;
    QTest::newRow("scale without --replicas") << "modern" << QStringList{apply, "scale deployment web"} << ""
                                              << "error: required flag(s) \"replicas\" not set\n" << 1;
    QTest::newRow("scale to a negative count") << "modern" << QStringList{apply, "scale deployment web --replicas=-1"} << ""
                                               << "error: The --replicas=COUNT flag is required, and COUNT must be greater "
                                                  "than or equal to 0\n"
                                               << 1;
    QTest::newRow("scale a missing one") << "modern" << QStringList{"scale rs nope --replicas=1"} << ""
                                         << "Error from server (NotFound): replicasets.apps \"nope\" not found\n" << 1;
    QTest::newRow("scale a pod") << "modern" << QStringList{"scale pod web --replicas=1"} << ""
                                 << "Error from server (NotFound): the server could not find the requested resource\n" << 1;
    QTest::newRow("scale with a word") << "modern" << QStringList{"scale deployment web --replicas=many"} << ""
                                       << "error: invalid argument \"many\" for \"--replicas\" flag: strconv.ParseInt: "
                                          "parsing \"many\": invalid syntax\n"
                                       << 1;
    QTest::newRow("rollout status, not yet observed") << "modern" << QStringList{apply, "rollout status deployment/web"}
                                                      << "Waiting for deployment spec update to be observed...\n" << "" << 0;
    QTest::newRow("rollout history of nothing") << "modern" << QStringList{"rollout history deployment/nope"} << ""
                                                << "Error from server (NotFound): deployments.apps \"nope\" not found\n" << 1;
    QTest::newRow("rollout undo without history") << "modern" << QStringList{apply, "rollout undo deployment/web"} << ""
                                                  << "error: no rollout history found for deployment \"web\"\n" << 1;
    QTest::newRow("rollout status of a ReplicaSet") << "modern" << QStringList{"rollout status rs/web"} << ""
                                                    << "error: no status viewer has been implemented for ReplicaSet.apps\n" << 1;
    QTest::newRow("rollout with an unknown subcommand") << "modern" << QStringList{"rollout sideways deployment/web"} << ""
                                                        << "error: unknown command \"sideways\" for \"kubectl rollout\"\n" << 1;
    QTest::newRow("set image of a missing container") << "modern" << QStringList{apply, "set image deployment/web db=x"}
                                                      << "" << "error: unable to find container named \"db\"\n" << 1;
    QTest::newRow("set image without an image") << "modern" << QStringList{apply, "set image deployment/web"} << ""
                                                << "error: at least one image update is required\n" << 1;
    QTest::newRow("set image") << "modern" << QStringList{apply, "set image deployment/web app=nginx:1.16.1"}
                               << "deployment.apps/web image updated\n" << "" << 0;
    QTest::newRow("set image to nothing") << "modern" << QStringList{apply, "set image deployment/web app="} << ""
                                          << "The Deployment \"web\" is invalid: spec.template.spec.containers[0].image: "
                                             "Required value\n"
                                          << 1;
    QTest::newRow("rollout restart") << "modern" << QStringList{apply, "rollout restart deployment/web"}
                                     << "deployment.apps/web restarted\n" << "" << 0;
    QTest::newRow("no rollout restart before kubectl 1.15") << "classic" << QStringList{apply, "rollout restart deployment/web"}
                                                            << "" << "error: unknown command \"restart\" for \"kubectl rollout\"\n"
                                                            << 1;
    QTest::newRow("delete with an unknown cascade") << "modern" << QStringList{apply, "delete deployment web --cascade=sideways"}
                                                    << "" << "error: invalid cascade value (sideways). Must be \"background\", "
                                                             "\"foreground\", or \"orphan\".\n"
                                                    << 1;
    QTest::newRow("delete with the old boolean cascade")
        << "modern" << QStringList{apply, "delete deployment web --cascade=false"}
        << "deployment.apps \"web\" deleted from default namespace\n"
        << "warning: --cascade=false is deprecated (boolean value) and can be replaced with --cascade=orphan.\n" << 0;
    QTest::newRow("a changed selector, modern") << "modern" << QStringList{apply, "apply -f other.yaml"} << ""
                                                << "The Deployment \"web\" is invalid: spec.selector: Invalid value: "
                                                   "{\"matchLabels\":{\"app\":\"other\"}}: field is immutable\n"
                                                << 1;
    QTest::newRow("a changed selector, classic") << "classic" << QStringList{apply, "apply -f other.yaml"} << ""
                                                 << "The Deployment \"web\" is invalid: spec.selector: Invalid value: "
                                                    "v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"other\"}, "
                                                    "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n"
                                                 << 1;
}

void TestWorkloadControllers::kubectlAnswers()
{
    QFETCH(QString, profile);
    QFETCH(QStringList, commands);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, exitCode);
    sim::ClusterConfig config;
    config.profile = profile == "classic" ? sim::VersionProfile::Classic : sim::VersionProfile::Modern;
    testing::KubectlSession k(config);
    const std::string web = deploymentYaml(2, "");
    std::string other = web;
    for (size_t at; (at = other.find("app: web")) != std::string::npos;)
        other.replace(at, 8, "app: other");
    k.write("web.yaml", QByteArray::fromStdString(web));
    k.write("other.yaml", QByteArray::fromStdString(other));
    sim::kubectl::CommandOutput r;
    for (const QString& command : commands)
        r = k.run(command);
    QCOMPARE(QString::fromStdString(r.out), out);
    QCOMPARE(QString::fromStdString(r.err), err);
    QCOMPARE(r.exitCode, exitCode);
}

QTEST_GUILESS_MAIN(TestWorkloadControllers)
#include "tst_workloadcontrollers.moc"
