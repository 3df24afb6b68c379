#include "sim/fs/containerfiles.h"

#include <QTest>

using namespace podlab::sim::fs;

namespace {

// A container as the runtime builds one: a root file system with /etc and /tmp, an emptyDir at /data, a
// read-only ConfigMap-like volume at /etc/config, a subPath mount of another volume at /srv/site, and a
// volume nested inside the emptyDir mount.
struct Pod {
    FileSystem root;
    FileSystem emptyDir;
    FileSystem config{Medium::Tmpfs};
    FileSystem shared;
    FileSystem nested;
    FileSystem extra; // mounted where the root file system has no directory

    Pod()
    {
        root.mkdirs("/etc");
        root.mkdirs("/tmp");
        root.writeFile("/etc/hostname", "pod\n");
        root.mkdirs("/data"); // mount points, as the runtime creates them
        root.mkdirs("/srv/site");
        emptyDir.writeFile("/existing", "e");
        config.mkdir("/..2024");
        config.writeFile("/..2024/SPECIAL_LEVEL", "very");
        config.symlink("..2024", "/..data");
        config.symlink("..data/SPECIAL_LEVEL", "/SPECIAL_LEVEL");
        config.symlink("/etc/hostname", "/host"); // absolute: resolves in the container, not the volume
        shared.mkdirs("/site/html");
        shared.writeFile("/site/html/index.html", "hi");
        shared.writeFile("/outside", "not visible");
        nested.writeFile("/n", "nested");
    }

    ContainerFiles view(Caller caller = {})
    {
        return ContainerFiles(root,
                              {{"/data", emptyDir, "", MountMode::ReadWrite},
                               {"/etc/config", config, "", MountMode::ReadOnly},
                               {"/srv/site", shared, "site", MountMode::ReadWrite},
                               {"/data/inner/", nested, "", MountMode::ReadWrite},
                               {"/extra", extra, "", MountMode::ReadWrite}},
                              caller);
    }
};

QString read(const ContainerFiles& v, const char* path)
{
    std::string out;
    const Error e = v.readFile(path, out);
    return e == Error::None ? QString::fromStdString(out) : QString::fromLatin1(code(e));
}

QStringList names(const ContainerFiles& v, const char* path)
{
    std::vector<DirEntry> entries;
    if (Error e = v.list(path, entries); e != Error::None)
        return {QString::fromLatin1(code(e))};
    QStringList result;
    for (const DirEntry& e : entries)
        result << QString::fromStdString(e.name);
    return result;
}

} // namespace

class TestContainerFiles : public QObject {
    Q_OBJECT

private slots:
    void reads_data();
    void reads();
    void writesLandInTheRightFileSystem();
    void readOnlyMountRefusesWrites_data();
    void readOnlyMountRefusesWrites();
    void readOnlyRoot();
    void mountPointsCannotBeRemovedOrRenamed();
    void renameAcrossMountsIsCrossDevice();
    void listingShowsMountPoints();
    void dotDotLeavesAMountTheWayItCameIn();
    void missingSubPathIsEmpty();
    void permissionsForNonRoot();
    void cwdForRelativePaths();
    void statReportsTheMountAsDevice();
    void locateFindsWhatIsRead_data();
    void locateFindsWhatIsRead();
};

void TestContainerFiles::reads_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("root fs file") << "/etc/hostname" << "pod\n";
    QTest::newRow("emptyDir file") << "/data/existing" << "e";
    QTest::newRow("configmap key through ..data") << "/etc/config/SPECIAL_LEVEL" << "very";
    QTest::newRow("absolute link in a volume resolves in the container") << "/etc/config/host" << "pod\n";
    QTest::newRow("subPath shows only the subtree") << "/srv/site/html/index.html" << "hi";
    QTest::newRow("subPath cannot reach above itself") << "/srv/site/../outside" << "ENOENT";
    QTest::newRow("nested mount wins") << "/data/inner/n" << "nested";
    QTest::newRow("nested mount through a trailing-slash path") << "/data//inner/./n" << "nested";
    QTest::newRow("missing in a volume") << "/data/nope" << "ENOENT";
    QTest::newRow("mount directory itself") << "/data" << "EISDIR";
}

void TestContainerFiles::reads()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    Pod pod;
    QCOMPARE(read(pod.view(), path.toUtf8().constData()), expected);
}

// A file's place (which file system of the view, which inode) holds the bytes a read of its path gives.
void TestContainerFiles::locateFindsWhatIsRead_data() { reads_data(); }

void TestContainerFiles::locateFindsWhatIsRead()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    Pod pod;
    const ContainerFiles view = pod.view();
    ContainerFiles::Location where;
    const Error e = view.locate(path.toStdString(), where);
    if (expected == "ENOENT") {
        QCOMPARE(e, Error::NoEntry);
        return;
    }
    QCOMPARE(e, Error::None);
    const FileSystem* spaces[] = {&pod.root, &pod.emptyDir, &pod.config, &pod.shared, &pod.nested, &pod.extra};
    QVERIFY(where.space < std::size(spaces));
    const Inode& node = spaces[where.space]->inode(where.inode);
    if (expected == "EISDIR")
        QCOMPARE(node.type, FileType::Directory);
    else
        QCOMPARE(QString::fromStdString(node.data), expected);
}

void TestContainerFiles::writesLandInTheRightFileSystem()
{
    Pod pod;
    ContainerFiles v = pod.view(Caller{0, 0, 5000});
    QCOMPARE(v.writeFile("/data/index.html", "Hello from the debian container\n"), Error::None);
    QCOMPARE(v.appendFile("/tmp/log", "a"), Error::None);
    QCOMPARE(v.mkdirs("/data/inner/x/y"), Error::None);
    std::string out;
    QCOMPARE(pod.emptyDir.readFile("/index.html", out), Error::None);
    QCOMPARE(out, std::string("Hello from the debian container\n"));
    QVERIFY(!pod.root.exists("/data/index.html"));
    QVERIFY(pod.root.exists("/tmp/log"));
    QVERIFY(pod.nested.isDirectory("/x/y"));
    Stat st;
    QCOMPARE(pod.emptyDir.stat("/index.html", st), Error::None);
    QCOMPARE(st.mtimeMs, int64_t(5000));
}

void TestContainerFiles::readOnlyMountRefusesWrites_data()
{
    QTest::addColumn<QString>("operation");
    QTest::newRow("write new file") << "write /etc/config/new";
    QTest::newRow("overwrite key") << "write /etc/config/SPECIAL_LEVEL";
    QTest::newRow("append") << "append /etc/config/..2024/SPECIAL_LEVEL";
    QTest::newRow("unlink") << "unlink /etc/config/SPECIAL_LEVEL";
    QTest::newRow("mkdir") << "mkdir /etc/config/d";
    QTest::newRow("symlink") << "symlink /etc/config/l";
    QTest::newRow("touch") << "touch /etc/config/SPECIAL_LEVEL";
    QTest::newRow("truncate") << "truncate /etc/config/SPECIAL_LEVEL";
    QTest::newRow("rename within") << "rename /etc/config/..data";
    QTest::newRow("chmod") << "chmod /etc/config/SPECIAL_LEVEL";
}

void TestContainerFiles::readOnlyMountRefusesWrites()
{
    QFETCH(QString, operation);
    Pod pod;
    ContainerFiles v = pod.view();
    const QStringList w = operation.split(' ');
    const std::string path = w[1].toStdString();
    Error e = Error::None;
    if (w[0] == "write")
        e = v.writeFile(path, "x");
    else if (w[0] == "append")
        e = v.appendFile(path, "x");
    else if (w[0] == "unlink")
        e = v.unlink(path);
    else if (w[0] == "mkdir")
        e = v.mkdir(path);
    else if (w[0] == "symlink")
        e = v.symlink("x", path);
    else if (w[0] == "touch")
        e = v.touch(path);
    else if (w[0] == "truncate")
        e = v.truncate(path, 0);
    else if (w[0] == "rename")
        e = v.rename(path, "/etc/config/..other");
    else if (w[0] == "chmod")
        e = v.chmod(path, 0600);
    QCOMPARE(QString::fromLatin1(code(e)), QString("EROFS"));
    QCOMPARE(QString::fromLatin1(message(e)), QString("Read-only file system"));
    QVERIFY(v.isReadOnly(path));
    QVERIFY(!v.isReadOnly("/tmp/x"));
    QCOMPARE(read(v, "/etc/config/SPECIAL_LEVEL"), QString("very"));
}

void TestContainerFiles::readOnlyRoot()
{
    FileSystem root;
    root.mkdir("/tmp");
    FileSystem scratch;
    ContainerFiles v(root, {{"/scratch", scratch, "", MountMode::ReadWrite}}, {}, MountMode::ReadOnly);
    QCOMPARE(v.writeFile("/tmp/f", "x"), Error::ReadOnly);
    QCOMPARE(v.writeFile("/scratch/f", "x"), Error::None);
}

void TestContainerFiles::mountPointsCannotBeRemovedOrRenamed()
{
    Pod pod;
    ContainerFiles v = pod.view();
    QCOMPARE(v.rmdir("/data/inner"), Error::Busy);
    QCOMPARE(v.rename("/data", "/data2"), Error::Busy);
    QCOMPARE(v.removeAll("/data"), Error::Busy); // its contents go first, as with a real rm -r
    QVERIFY(!pod.emptyDir.exists("/existing"));
}

void TestContainerFiles::renameAcrossMountsIsCrossDevice()
{
    Pod pod;
    ContainerFiles v = pod.view();
    QCOMPARE(v.rename("/data/existing", "/tmp/existing"), Error::CrossDevice);
    QCOMPARE(v.rename("/data/existing", "/data/moved"), Error::None);
    QVERIFY(pod.emptyDir.exists("/moved"));
}

void TestContainerFiles::listingShowsMountPoints()
{
    Pod pod;
    ContainerFiles v = pod.view();
    QCOMPARE(names(v, "/"), (QStringList{"data", "etc", "extra", "srv", "tmp"}));
    QCOMPARE(names(v, "/data"), (QStringList{"existing", "inner"}));
    QCOMPARE(names(v, "/etc/config"), (QStringList{"..2024", "..data", "SPECIAL_LEVEL", "host"}));
    QCOMPARE(v.writeFile("/extra/f", "x"), Error::None);
    QVERIFY(pod.extra.exists("/f"));
}

void TestContainerFiles::dotDotLeavesAMountTheWayItCameIn()
{
    Pod pod;
    ContainerFiles v = pod.view();
    QCOMPARE(read(v, "/etc/config/../hostname"), QString("pod\n"));
    QCOMPARE(read(v, "/data/inner/../existing"), QString("e"));
    std::string real;
    QCOMPARE(v.realpath("/etc/config/SPECIAL_LEVEL", real), Error::None);
    QCOMPARE(real, std::string("/etc/config/..2024/SPECIAL_LEVEL"));
}

void TestContainerFiles::missingSubPathIsEmpty()
{
    FileSystem root, vol;
    ContainerFiles v(root, {{"/m", vol, "missing", MountMode::ReadWrite}});
    QCOMPARE(v.writeFile("/m/f", "x"), Error::NoEntry);
    Stat st;
    QCOMPARE(v.stat("/m", st), Error::NoEntry);
}

void TestContainerFiles::permissionsForNonRoot()
{
    Pod pod;
    pod.root.mkdir("/secret", 0700);
    pod.root.writeFile("/secret/key", "k");
    pod.root.writeFile("/etc/shadow", "s", WriteMode::Truncate, 0600);
    pod.root.chmod("/tmp", 01777);
    ContainerFiles v = pod.view(Caller{1000, 1000, 0});
    QCOMPARE(read(v, "/secret/key"), QString("EACCES"));
    QCOMPARE(read(v, "/etc/shadow"), QString("EACCES"));
    QCOMPARE(v.writeFile("/etc/hostname", "x"), Error::Access);
    QCOMPARE(v.writeFile("/etc/new", "x"), Error::Access);
    QCOMPARE(v.writeFile("/tmp/mine", "x"), Error::None);
    Stat st;
    QCOMPARE(v.stat("/tmp/mine", st), Error::None);
    QCOMPARE(st.uid, 1000u);
    QCOMPARE(read(v, "/etc/hostname"), QString("pod\n"));
    ContainerFiles asRoot = pod.view();
    QCOMPARE(read(asRoot, "/secret/key"), QString("k"));
}

void TestContainerFiles::cwdForRelativePaths()
{
    Pod pod;
    ContainerFiles v = pod.view();
    v.setCwd("/etc/config");
    QCOMPARE(read(v, "SPECIAL_LEVEL"), QString("very"));
    QCOMPARE(read(v, "../hostname"), QString("pod\n"));
    QCOMPARE(v.writeFile("../../tmp/rel", "r"), Error::None);
    QVERIFY(pod.root.exists("/tmp/rel"));
}

void TestContainerFiles::statReportsTheMountAsDevice()
{
    Pod pod;
    ContainerFiles v = pod.view();
    Stat a, b;
    QCOMPARE(v.stat("/etc/hostname", a), Error::None);
    QCOMPARE(v.stat("/data/existing", b), Error::None);
    QCOMPARE(a.device, 0u);
    QVERIFY(b.device != 0u);
}

QTEST_APPLESS_MAIN(TestContainerFiles)
#include "tst_containerfiles.moc"
