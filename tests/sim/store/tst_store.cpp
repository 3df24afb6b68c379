#include "sim/store/store.h"

#include <QTest>

using namespace podlab;
using sim::Change;
using sim::Store;

namespace {

api::Pod pod(const std::string& ns, const std::string& name)
{
    api::Pod p;
    p.metadata.namespace_ = ns;
    p.metadata.name = name;
    return p;
}

sim::EventLog::Record makeEvent(const std::string& uid, const std::string& reason, const std::string& message, int64_t ms)
{
    sim::EventLog::Record r;
    r.involvedObject.kind = "Pod";
    r.involvedObject.namespace_ = "default";
    r.involvedObject.name = "web";
    r.involvedObject.uid = uid;
    r.involvedObject.apiVersion = "v1";
    r.type = "Warning";
    r.reason = reason;
    r.message = message;
    r.component = "kubelet";
    r.host = "node-1";
    r.time = api::Time::fromMillis(ms);
    return r;
}

} // namespace

class TestStore : public QObject {
    Q_OBJECT

private slots:
    void putNumbersEveryWriteAndQueuesChanges();
    void listsOneNamespaceInNameOrder();
    void eraseQueuesTheLastObject();
    void copiesShareObjectsButNotFutureWrites();
    void repeatedEventsAreCounted();
    void differentEventsAreKeptApart_data();
    void differentEventsAreKeptApart();
    void eventsExpireAnHourAfterTheyWereLastSeen();
    void eventNamesFollowClientGo();
    void storedPodsKeepNoSpareRoom();
    void podsOfOneTemplateShareTheirContainers();
};

void TestStore::putNumbersEveryWriteAndQueuesChanges()
{
    Store s;
    auto a = s.put(pod("default", "a"));
    auto a2 = s.put(pod("default", "a"));
    QCOMPARE(a->metadata.resourceVersion, std::string("1"));
    QCOMPARE(a2->metadata.resourceVersion, std::string("2"));
    QCOMPARE(s.get<api::Pod>("default", "a"), a2);
    const std::vector<Change> changes = s.takeChanges();
    QCOMPARE(changes.size(), size_t(2));
    QCOMPARE(changes[0].type, Change::Type::Added);
    QCOMPARE(changes[1].type, Change::Type::Modified);
    QCOMPARE(changes[1].resourceVersion, uint64_t(2));
    QVERIFY(!s.hasChanges());
}

void TestStore::listsOneNamespaceInNameOrder()
{
    Store s;
    s.put(pod("kube-system", "coredns"));
    s.put(pod("default", "b"));
    s.put(pod("default", "a"));
    const auto list = s.list<api::Pod>("default");
    QCOMPARE(list.size(), size_t(2));
    QCOMPARE(list[0]->metadata.name, std::string("a"));
    QCOMPARE(list[1]->metadata.name, std::string("b"));
    QCOMPARE(s.all<api::Pod>().size(), size_t(3));
}

void TestStore::eraseQueuesTheLastObject()
{
    Store s;
    s.put(pod("default", "a"));
    s.takeChanges();
    QVERIFY(s.erase<api::Pod>("default", "a"));
    QVERIFY(!s.erase<api::Pod>("default", "a"));
    const auto changes = s.takeChanges();
    QCOMPARE(changes.size(), size_t(1));
    QCOMPARE(changes[0].type, Change::Type::Deleted);
    QCOMPARE(std::get<sim::Ptr<api::Pod>>(changes[0].object)->metadata.name, std::string("a"));
    QVERIFY(!s.get<api::Pod>("default", "a"));
}

void TestStore::copiesShareObjectsButNotFutureWrites()
{
    Store s;
    s.put(pod("default", "a"));
    Store snapshot = s;
    api::Pod changed = pod("default", "a");
    changed.status.phase = "Running";
    s.put(changed);
    QCOMPARE(snapshot.get<api::Pod>("default", "a")->status.phase, std::string());
    QCOMPARE(s.get<api::Pod>("default", "a")->status.phase, std::string("Running"));
}

void TestStore::repeatedEventsAreCounted()
{
    Store s;
    const uint64_t first = s.recordEvent(makeEvent("u1", "Unhealthy", "Liveness probe failed: x", 1000));
    const uint64_t again = s.recordEvent(makeEvent("u1", "Unhealthy", "Liveness probe failed: x", 6000));
    QCOMPARE(again, first);
    const api::Event e = s.events().toApi(first);
    QCOMPARE(e.count, 2);
    QCOMPARE(e.firstTimestamp.millis(), int64_t(1000));
    QCOMPARE(e.lastTimestamp.millis(), int64_t(6000));
    QCOMPARE(s.events().idsFor("u1").size(), size_t(1));
}

void TestStore::differentEventsAreKeptApart_data()
{
    QTest::addColumn<QString>("uid");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("message");
    QTest::newRow("another object") << "u2" << "Unhealthy" << "Liveness probe failed: x";
    QTest::newRow("another reason") << "u1" << "Killing" << "Liveness probe failed: x";
    QTest::newRow("another message") << "u1" << "Unhealthy" << "Readiness probe failed: x";
}

void TestStore::differentEventsAreKeptApart()
{
    QFETCH(QString, uid);
    QFETCH(QString, reason);
    QFETCH(QString, message);
    Store s;
    const uint64_t a = s.recordEvent(makeEvent("u1", "Unhealthy", "Liveness probe failed: x", 1000));
    const uint64_t b = s.recordEvent(makeEvent(uid.toStdString(), reason.toStdString(), message.toStdString(), 2000));
    QVERIFY(a != b);
    QCOMPARE(s.events().size(), size_t(2));
}

void TestStore::eventsExpireAnHourAfterTheyWereLastSeen()
{
    Store s;
    s.recordEvent(makeEvent("u1", "Scheduled", "old", 0));
    const uint64_t young = s.recordEvent(makeEvent("u1", "Pulled", "young", 30 * 60 * 1000));
    // At 59 min nothing is an hour old yet; at 61 min the first event (last seen at 0) is.
    s.events().expireBefore(api::Time::fromMillis(59 * 60 * 1000 - sim::EventLog::kTtlMillis));
    QCOMPARE(s.events().size(), size_t(2));
    s.events().expireBefore(api::Time::fromMillis(61 * 60 * 1000 - sim::EventLog::kTtlMillis));
    QCOMPARE(s.events().size(), size_t(1));
    QVERIFY(s.events().contains(young));
    QCOMPARE(s.events().idsFor("u1"), std::vector<uint64_t>{young});
}

void TestStore::eventNamesFollowClientGo()
{
    Store s;
    const uint64_t id = s.recordEvent(makeEvent("u1", "Scheduled", "m", 1767225600000)); // 2026-01-01T00:00:00Z
    const api::Event e = s.events().toApi(id);
    QCOMPARE(e.metadata.name, std::string("web.18867251edfa0000") /* hex of Unix nanoseconds */);
    QCOMPARE(e.metadata.namespace_, std::string("default"));
    QCOMPARE(e.source.component, std::string("kubelet"));
}

void TestStore::storedPodsKeepNoSpareRoom()
{
    api::Pod p = pod("default", "a");
    p.status.conditions.reserve(8);
    p.status.conditions.resize(5);
    Store s;
    const auto stored = s.put(std::move(p));
    QCOMPARE(stored->status.conditions.size(), size_t(5));
    QCOMPARE(stored->status.conditions.capacity(), size_t(5));
}

// Admission gives each new pod its own lists; the store shares equal ones, so that 50 000 pods of one template hold
// one list of containers (and of default tolerations), and a status write keeps sharing it.
void TestStore::podsOfOneTemplateShareTheirContainers()
{
    auto withContainer = [](const std::string& name, const std::string& image) {
        api::Pod p = pod("default", name);
        api::Container c;
        c.name = "app";
        c.image = image;
        p.spec.containers.push_back(c);
        api::Toleration t;
        t.key = "node.kubernetes.io/not-ready";
        p.spec.tolerations.push_back(t);
        return p;
    };
    Store s;
    const auto a = s.put(withContainer("a", "nginx:1.27"));
    const auto b = s.put(withContainer("b", "nginx:1.27"));
    const auto c = s.put(withContainer("c", "redis:7.2"));
    QVERIFY(b->spec.containers.sharesWith(a->spec.containers));
    QVERIFY(b->spec.tolerations.sharesWith(a->spec.tolerations));
    QVERIFY(!c->spec.containers.sharesWith(a->spec.containers));
    QVERIFY(c->spec.tolerations.sharesWith(a->spec.tolerations));
    QCOMPARE(c->spec.containers[0].image, std::string("redis:7.2"));

    api::Pod running = *b;
    running.status.phase = "Running";
    const auto b2 = s.put(std::move(running));
    QVERIFY(b2->spec.containers.sharesWith(a->spec.containers));
    QCOMPARE(a->spec.containers[0].image, std::string("nginx:1.27"));
}

QTEST_APPLESS_MAIN(TestStore)
#include "tst_store.moc"
