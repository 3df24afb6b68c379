#include "sim/fs/filesystem.h"

#include <QTest>

using namespace podlab::sim::fs;

namespace {

// Runs one operation written as "op arg..." and returns its error code name ("OK", "ENOENT", ...). A tiny
// language so that each table row can state a set-up and an expectation on one line.
QString apply(FileSystem& fs, const QString& command)
{
    const QStringList w = command.split(' ', Qt::SkipEmptyParts);
    const std::string a1 = w.value(1).toStdString(), a2 = w.value(2).toStdString();
    const QString op = w.value(0);
    Error e = Error::Invalid;
    std::string out;
    std::vector<DirEntry> entries;
    Stat st;
    if (op == "mkdir")
        e = fs.mkdir(a1);
    else if (op == "mkdirs")
        e = fs.mkdirs(a1);
    else if (op == "write")
        e = fs.writeFile(a1, a2);
    else if (op == "append")
        e = fs.appendFile(a1, a2);
    else if (op == "create")
        e = fs.writeFile(a1, a2, WriteMode::CreateNew);
    else if (op == "read")
        e = fs.readFile(a1, out);
    else if (op == "unlink")
        e = fs.unlink(a1);
    else if (op == "rmdir")
        e = fs.rmdir(a1);
    else if (op == "rmall")
        e = fs.removeAll(a1);
    else if (op == "symlink")
        e = fs.symlink(a1, a2);
    else if (op == "readlink")
        e = fs.readlink(a1, out);
    else if (op == "rename")
        e = fs.rename(a1, a2);
    else if (op == "stat")
        e = fs.stat(a1, st);
    else if (op == "lstat")
        e = fs.lstat(a1, st);
    else if (op == "list")
        e = fs.list(a1, entries);
    else if (op == "touch")
        e = fs.touch(a1);
    else if (op == "truncate")
        e = fs.truncate(a1, std::stoull(a2));
    return QString::fromLatin1(code(e));
}

void setUp(FileSystem& fs, const QString& script)
{
    for (const QString& command : script.split(';', Qt::SkipEmptyParts)) {
        const QString result = apply(fs, command.trimmed());
        QVERIFY2(result == "OK", qPrintable(command + " -> " + result));
    }
}

QString contents(const FileSystem& fs, const char* path)
{
    std::string out;
    const Error e = fs.readFile(path, out);
    return e == Error::None ? QString::fromStdString(out) : QString::fromLatin1(code(e));
}

QStringList names(const FileSystem& fs, const char* path)
{
    std::vector<DirEntry> entries;
    QStringList result;
    if (fs.list(path, entries) != Error::None)
        return {"<error>"};
    for (const DirEntry& e : entries)
        result << QString::fromStdString(e.name);
    return result;
}

} // namespace

class TestFileSystem : public QObject {
    Q_OBJECT

private slots:
    void errors_data();
    void errors();
    void contents_data();
    void contents();
    void listingIsSorted();
    void renameReplacesAtomically();
    void atomicWriterSwap();
    void linkCountsAndSizes();
    void removeAllFreesInodes();
    void relativePathsAndDotDot();
    void realpathFollowsLinks();
    void copiesAreIndependent();
    void copiesShareWhatNeitherChanged();
    void mtimeComesFromTheClock();
    void stampsFollowChanges_data();
    void stampsFollowChanges();
    void copiesKeepTheirStamps();
};

void TestFileSystem::errors_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("operation");
    QTest::addColumn<QString>("expected");

    QTest::newRow("read missing") << "" << "read /nope" << "ENOENT";
    QTest::newRow("read in missing dir") << "" << "read /no/file" << "ENOENT";
    QTest::newRow("read a directory") << "mkdir /d" << "read /d" << "EISDIR";
    QTest::newRow("file used as directory") << "write /f x" << "read /f/g" << "ENOTDIR";
    QTest::newRow("trailing slash on file") << "write /f x" << "stat /f/" << "ENOTDIR";
    QTest::newRow("write into missing dir") << "" << "write /no/f x" << "ENOENT";
    QTest::newRow("write over directory") << "mkdir /d" << "write /d x" << "EISDIR";
    QTest::newRow("create existing (O_EXCL)") << "write /f x" << "create /f y" << "EEXIST";
    QTest::newRow("mkdir existing") << "mkdir /d" << "mkdir /d" << "EEXIST";
    QTest::newRow("mkdir over file") << "write /f x" << "mkdir /f" << "EEXIST";
    QTest::newRow("mkdir missing parent") << "" << "mkdir /a/b" << "ENOENT";
    QTest::newRow("mkdirs through file") << "write /f x" << "mkdirs /f/a" << "ENOTDIR";
    QTest::newRow("mkdirs existing is fine") << "mkdirs /a/b" << "mkdirs /a/b" << "OK";
    QTest::newRow("unlink directory") << "mkdir /d" << "unlink /d" << "EISDIR";
    QTest::newRow("unlink missing") << "" << "unlink /nope" << "ENOENT";
    QTest::newRow("rmdir non-empty") << "mkdirs /d/e" << "rmdir /d" << "ENOTEMPTY";
    QTest::newRow("rmdir file") << "write /f x" << "rmdir /f" << "ENOTDIR";
    QTest::newRow("rmdir root") << "" << "rmdir /" << "EBUSY";
    QTest::newRow("symlink over existing") << "write /f x" << "symlink /x /f" << "EEXIST";
    QTest::newRow("readlink of file") << "write /f x" << "readlink /f" << "EINVAL";
    QTest::newRow("self loop") << "symlink /l /l" << "read /l" << "ELOOP";
    QTest::newRow("two-link loop") << "symlink /b /a; symlink /a /b" << "stat /a" << "ELOOP";
    QTest::newRow("lstat of a loop is fine") << "symlink /l /l" << "lstat /l" << "OK";
    QTest::newRow("dangling link read") << "symlink /nowhere /l" << "read /l" << "ENOENT";
    QTest::newRow("write through dangling link creates") << "symlink /made /l" << "write /l x" << "OK";
    QTest::newRow("rename missing") << "" << "rename /a /b" << "ENOENT";
    QTest::newRow("rename dir over file") << "mkdir /d; write /f x" << "rename /d /f" << "ENOTDIR";
    QTest::newRow("rename file over dir") << "mkdir /d; write /f x" << "rename /f /d" << "EISDIR";
    QTest::newRow("rename over non-empty dir") << "mkdir /d; mkdirs /e/x" << "rename /d /e" << "ENOTEMPTY";
    QTest::newRow("rename over empty dir") << "mkdir /d; mkdir /e" << "rename /d /e" << "OK";
    QTest::newRow("rename into itself") << "mkdirs /d/e" << "rename /d /d/e/f" << "EINVAL";
    QTest::newRow("rename to itself") << "write /f x" << "rename /f /f" << "OK";
    QTest::newRow("list a file") << "write /f x" << "list /f" << "ENOTDIR";
    QTest::newRow("truncate directory") << "mkdir /d" << "truncate /d 0" << "EISDIR";
    QTest::newRow("rm -r missing") << "" << "rmall /nope" << "ENOENT";
    QTest::newRow("dot-dot above root stays at root") << "write /f x" << "read /../../f" << "OK";
}

void TestFileSystem::errors()
{
    QFETCH(QString, setup);
    QFETCH(QString, operation);
    QFETCH(QString, expected);
    FileSystem fs;
    setUp(fs, setup);
    QCOMPARE(apply(fs, operation), expected);
}

void TestFileSystem::contents_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");

    QTest::newRow("write") << "write /f hello" << "/f" << "hello";
    QTest::newRow("overwrite truncates") << "write /f hello; write /f hi" << "/f" << "hi";
    QTest::newRow("append") << "write /f a; append /f b; append /f c" << "/f" << "abc";
    QTest::newRow("append creates") << "append /f x" << "/f" << "x";
    QTest::newRow("truncate shorter") << "write /f hello; truncate /f 2" << "/f" << "he";
    QTest::newRow("through absolute link") << "mkdirs /a/b; write /a/b/f deep; symlink /a/b /l" << "/l/f" << "deep";
    QTest::newRow("through relative link")
        << "mkdirs /v/..2024; write /v/..2024/key val; symlink ..2024 /v/..data; symlink ..data/key /v/key"
        << "/v/key" << "val";
    QTest::newRow("link to link") << "write /f x; symlink /f /l1; symlink /l1 /l2" << "/l2" << "x";
    QTest::newRow("dot-dot through a link uses the link's target") << "mkdirs /a/b; write /a/f up; symlink /a/b /l"
                                                                    << "/l/../f" << "up";
    QTest::newRow("rename file") << "write /f x; rename /f /g" << "/g" << "x";
    QTest::newRow("renamed away is gone") << "write /f x; rename /f /g" << "/f" << "ENOENT";
    QTest::newRow("rename directory moves contents") << "mkdirs /a/b; write /a/b/f x; rename /a /z" << "/z/b/f" << "x";
    QTest::newRow("touch creates empty") << "touch /f" << "/f" << "";
    QTest::newRow("touch keeps contents") << "write /f x; touch /f" << "/f" << "x";
    QTest::newRow("rm -r") << "mkdirs /a/b/c; write /a/b/c/f x; rmall /a" << "/a/b/c/f" << "ENOENT";
    QTest::newRow("rm -r does not follow links")
        << "mkdir /keep; write /keep/f x; mkdir /a; symlink /keep /a/l; rmall /a" << "/keep/f" << "x";
}

void TestFileSystem::contents()
{
    QFETCH(QString, setup);
    QFETCH(QString, path);
    QFETCH(QString, expected);
    FileSystem fs;
    setUp(fs, setup);
    QCOMPARE(::contents(fs, path.toUtf8().constData()), expected);
}

void TestFileSystem::listingIsSorted()
{
    FileSystem fs;
    setUp(fs, "mkdir /d; write /d/b x; write /d/a x; mkdir /d/C; symlink a /d/..data; write /d/.hidden x");
    QCOMPARE(names(fs, "/d"), (QStringList{"..data", ".hidden", "C", "a", "b"}));
    std::vector<DirEntry> entries;
    QCOMPARE(fs.list("/d", entries), Error::None);
    QCOMPARE(entries[0].type, FileType::Symlink);
    QCOMPARE(entries[2].type, FileType::Directory);
    QCOMPARE(entries[3].type, FileType::Regular);
}

void TestFileSystem::renameReplacesAtomically()
{
    FileSystem fs;
    setUp(fs, "write /f old; write /tmp-new new");
    const size_t before = fs.inodeCount();
    QCOMPARE(fs.rename("/tmp-new", "/f"), Error::None);
    QCOMPARE(::contents(fs, "/f"), QString("new"));
    QCOMPARE(fs.inodeCount(), before - 1); // the replaced file is freed
    QCOMPARE(names(fs, "/"), (QStringList{"f"}));
}

// The kubelet's atomic writer: write a new timestamped directory, point a temporary `..data_tmp` link at
// it, rename that over `..data`, remove the old directory. Readers through the user-visible links never
// see a mix.
void TestFileSystem::atomicWriterSwap()
{
    FileSystem fs(Medium::Tmpfs);
    setUp(fs, "mkdir /v; mkdir /v/..2024_01; write /v/..2024_01/level very; symlink ..2024_01 /v/..data;"
              "symlink ..data/level /v/level");
    QCOMPARE(::contents(fs, "/v/level"), QString("very"));
    setUp(fs, "mkdir /v/..2024_02; write /v/..2024_02/level extremely; symlink ..2024_02 /v/..data_tmp;"
              "rename /v/..data_tmp /v/..data; rmall /v/..2024_01");
    QCOMPARE(::contents(fs, "/v/level"), QString("extremely"));
    QCOMPARE(names(fs, "/v"), (QStringList{"..2024_02", "..data", "level"}));
    std::string target;
    QCOMPARE(fs.readlink("/v/..data", target), Error::None);
    QCOMPARE(target, std::string("..2024_02"));
}

void TestFileSystem::linkCountsAndSizes()
{
    FileSystem disk;
    setUp(disk, "mkdirs /d/a; mkdir /d/b; write /d/f hello; symlink target /d/l");
    Stat st;
    QCOMPARE(disk.stat("/d", st), Error::None);
    QCOMPARE(st.nlink, 4u); // itself, its entry in /, and ".." of a and b
    QCOMPARE(st.size, uint64_t(4096));
    QCOMPARE(disk.stat("/d/f", st), Error::None);
    QCOMPARE(st.size, uint64_t(5));
    QCOMPARE(st.blocks, uint64_t(4));
    QCOMPARE(st.mode, 0644u);
    QCOMPARE(disk.lstat("/d/l", st), Error::None);
    QVERIFY(st.isSymlink());
    QCOMPARE(st.size, uint64_t(6));
    QCOMPARE(st.mode, 0777u);
    QCOMPARE(disk.rmdir("/d/b"), Error::None);
    QCOMPARE(disk.stat("/d", st), Error::None);
    QCOMPARE(st.nlink, 3u);

    FileSystem tmpfs(Medium::Tmpfs);
    setUp(tmpfs, "mkdir /d; write /d/a x; write /d/b y");
    QCOMPARE(tmpfs.stat("/d", st), Error::None);
    QCOMPARE(st.size, uint64_t(80)); // 40 + 20 per entry
    QCOMPARE(st.blocks, uint64_t(0));
}

void TestFileSystem::removeAllFreesInodes()
{
    FileSystem fs;
    const size_t empty = fs.inodeCount();
    setUp(fs, "mkdirs /a/b/c; write /a/b/c/f x; symlink f /a/b/c/l; write /a/g y");
    QCOMPARE(fs.inodeCount(), empty + 6);
    QCOMPARE(fs.removeAll("/a"), Error::None);
    QCOMPARE(fs.inodeCount(), empty);
    // Freed slots are reused, so a long-running writer does not grow the table.
    for (int i = 0; i < 100; ++i) {
        QCOMPARE(fs.writeFile("/t", "x"), Error::None);
        QCOMPARE(fs.unlink("/t"), Error::None);
    }
    QCOMPARE(fs.inodeCount(), empty);
}

void TestFileSystem::relativePathsAndDotDot()
{
    FileSystem fs;
    setUp(fs, "mkdirs /a/b; write /a/b/f x; write /a/g y");
    QCOMPARE(::contents(fs, "a/b/f"), QString("x")); // relative to "/"
    QCOMPARE(::contents(fs, "/a/b/../g"), QString("y"));
    QCOMPARE(::contents(fs, "/a/./b/./f"), QString("x"));
    QCOMPARE(::contents(fs, "//a///b//f"), QString("x"));
}

void TestFileSystem::realpathFollowsLinks()
{
    FileSystem fs;
    setUp(fs, "mkdirs /v/..2024/sub; symlink ..2024 /v/..data; symlink /v/..data/sub /s");
    std::string out;
    QCOMPARE(fs.realpath("/s", out), Error::None);
    QCOMPARE(out, std::string("/v/..2024/sub"));
    QCOMPARE(fs.realpath("/v/..data/../v", out), Error::NoEntry);
    QCOMPARE(fs.realpath("/", out), Error::None);
    QCOMPARE(out, std::string("/"));
}

void TestFileSystem::copiesAreIndependent()
{
    FileSystem a;
    setUp(a, "mkdir /d; write /d/f one");
    FileSystem b = a;
    QVERIFY(a == b);
    QCOMPARE(b.writeFile("/d/f", "two"), Error::None);
    QCOMPARE(b.writeFile("/d/g", "new"), Error::None);
    QCOMPARE(::contents(a, "/d/f"), QString("one"));
    QCOMPARE(::contents(a, "/d/g"), QString("ENOENT"));
    QCOMPARE(::contents(b, "/d/f"), QString("two"));
    QVERIFY(!(a == b));
}

void TestFileSystem::copiesShareWhatNeitherChanged()
{
    FileSystem a;
    setUp(a, "mkdir /d; write /d/f one; mkdir /e");
    FileSystem b = a;
    QCOMPARE(b.writeFile("/d/g", "new"), Error::None);
    const InodeId d = a.lookup(a.rootInode(), "d");
    const InodeId f = a.lookup(d, "f");
    const InodeId e = a.lookup(a.rootInode(), "e");
    QCOMPARE(&a.inode(f), &b.inode(f)); // untouched: one inode for both
    QCOMPARE(&a.inode(e), &b.inode(e));
    QVERIFY(&a.inode(d) != &b.inode(d)); // the directory that gained an entry was copied
    QCOMPARE(a.inode(d).entries.size(), size_t(1));
    QCOMPARE(b.inode(d).entries.size(), size_t(2));
}

void TestFileSystem::mtimeComesFromTheClock()
{
    FileSystem fs;
    fs.setClock(1'700'000'000'000);
    QCOMPARE(fs.writeFile("/f", "x"), Error::None);
    Stat st;
    QCOMPARE(fs.stat("/f", st), Error::None);
    QCOMPARE(st.mtimeMs, int64_t(1'700'000'000'000));
    fs.setClock(1'700'000'005'000);
    QCOMPARE(fs.appendFile("/f", "y"), Error::None);
    QCOMPARE(fs.stat("/f", st), Error::None);
    QCOMPARE(st.mtimeMs, int64_t(1'700'000'005'000));
    QCOMPARE(fs.stat("/", st), Error::None);
    QCOMPARE(st.mtimeMs, int64_t(1'700'000'000'000)); // the directory changed when /f was created
}

// The stamps caches rely on: any change moves version(); only what a path lookup sees moves namesVersion().
void TestFileSystem::stampsFollowChanges_data()
{
    QTest::addColumn<QString>("operation");
    QTest::addColumn<bool>("changes");
    QTest::addColumn<bool>("renames");

    QTest::newRow("a read changes nothing") << "read /d/f" << false << false;
    QTest::newRow("a stat changes nothing") << "stat /d/f" << false << false;
    QTest::newRow("a failed write changes nothing") << "write /nosuch/f x" << false << false;
    QTest::newRow("writing a file changes its contents only") << "write /d/f two" << true << false;
    QTest::newRow("appending") << "append /d/f more" << true << false;
    QTest::newRow("truncating") << "truncate /d/f 0" << true << false;
    QTest::newRow("touching an existing file changes a time") << "touch /d/f" << true << false;
    QTest::newRow("touching a new file adds a name") << "touch /d/g" << true << true;
    QTest::newRow("creating a file") << "write /d/g x" << true << true;
    QTest::newRow("a directory") << "mkdir /e" << true << true;
    QTest::newRow("a link") << "symlink /d /l" << true << true;
    QTest::newRow("removing") << "unlink /d/f" << true << true;
    QTest::newRow("renaming") << "rename /d/f /d/g" << true << true;
}

void TestFileSystem::stampsFollowChanges()
{
    QFETCH(QString, operation);
    QFETCH(bool, changes);
    QFETCH(bool, renames);

    FileSystem fs;
    setUp(fs, "mkdir /d; write /d/f one");
    const uint64_t version = fs.version();
    const uint64_t names = fs.namesVersion();
    apply(fs, operation);
    QCOMPARE(fs.version() != version, changes);
    QCOMPARE(fs.namesVersion() != names, renames);
}

void TestFileSystem::copiesKeepTheirStamps()
{
    FileSystem a;
    setUp(a, "write /f one");
    const FileSystem b = a;
    QCOMPARE(b.version(), a.version());
    QCOMPARE(b.namesVersion(), a.namesVersion());
    FileSystem c = a;
    QCOMPARE(c.chmod("/f", 0600), Error::None);
    QCOMPARE(a.chmod("/f", 0600), Error::None);
    QVERIFY(a == c);
    QVERIFY(a.namesVersion() != c.namesVersion()); // the same contents reached apart: never one stamp
    QVERIFY(a.namesVersion() != b.namesVersion());
    QVERIFY(FileSystem().version() != FileSystem().version());
}

QTEST_APPLESS_MAIN(TestFileSystem)
#include "tst_filesystem.moc"
