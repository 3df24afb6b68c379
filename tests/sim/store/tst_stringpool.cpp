#include "sim/store/stringpool.h"

#include <QTest>

using podlab::sim::StringPool;

class TestStringPool : public QObject {
    Q_OBJECT

private slots:
    void keepsEachStringOnce();
    void dropsWhatNobodyHolds();
    void copiesFindTheirOwnStrings();
};

void TestStringPool::keepsEachStringOnce()
{
    StringPool pool;
    QCOMPARE(pool.acquire(""), StringPool::Id(0));
    const StringPool::Id a = pool.acquire("kubelet");
    QCOMPARE(pool.acquire("kubelet"), a);
    QVERIFY(pool.acquire("default-scheduler") != a);
    QCOMPARE(pool.text(a), std::string("kubelet"));
    QCOMPARE(pool.find("kubelet"), a);
    QCOMPARE(pool.size(), size_t(3)); // "", kubelet, default-scheduler
}

void TestStringPool::dropsWhatNobodyHolds()
{
    StringPool pool;
    const StringPool::Id a = pool.acquire("Successfully assigned default/web-1 to node-1");
    pool.acquire("Successfully assigned default/web-1 to node-1");
    pool.release(a);
    QCOMPARE(pool.find("Successfully assigned default/web-1 to node-1"), a); // one holder left
    pool.release(a);
    QCOMPARE(pool.find("Successfully assigned default/web-1 to node-1"), StringPool::Id(0));
    QCOMPARE(pool.size(), size_t(1));
    // The number is reused for the next new string.
    QCOMPARE(pool.acquire("Successfully assigned default/web-2 to node-1"), a);
    pool.release(0); // the empty string is never dropped
    QCOMPARE(pool.find(""), StringPool::Id(0));
}

void TestStringPool::copiesFindTheirOwnStrings()
{
    auto original = std::make_unique<StringPool>();
    const StringPool::Id a = original->acquire("web");
    const StringPool copy = *original;
    original.reset(); // the copy's index must not point into the original's strings
    QCOMPARE(copy.find("web"), a);
    QCOMPARE(copy.text(a), std::string("web"));
}

QTEST_APPLESS_MAIN(TestStringPool)
#include "tst_stringpool.moc"
