#include "sim/fs/containerfiles.h"
#include "sim/fs/lsformat.h"
#include "sim/volumes/atomicwriter.h"

#include <QTest>

using namespace podlab::sim;
using podlab::sim::fs::FileSystem;

namespace {

constexpr int64_t kNow = 1795773600123;   // 2026-11-27 10:00:00.123 UTC
constexpr int64_t kLater = 1795773660000; // one minute on

VolumePayload configPayload()
{
    return {{"SPECIAL_LEVEL", {"very", 0644}},
            {"SPECIAL_TYPE", {"charm", 0644}},
            {"my-group/my-username", {"admin", 0400}}};
}

std::vector<std::string> names(const FileSystem& fs, const std::string& dir)
{
    std::vector<fs::DirEntry> entries;
    fs.list(dir, entries);
    std::vector<std::string> out;
    for (const fs::DirEntry& e : entries)
        out.push_back(e.name);
    return out;
}

uint32_t modeOf(const FileSystem& fs, const std::string& path)
{
    fs::Stat st;
    fs.lstat(path, st);
    return st.mode;
}

std::string link(const FileSystem& fs, const std::string& path)
{
    std::string target;
    fs.readlink(path, target);
    return target;
}

std::string contents(const FileSystem& fs, const std::string& path)
{
    std::string out;
    if (fs.readFile(path, out) != fs::Error::None)
        return "<missing>";
    return out;
}

QStringList qnames(const std::vector<std::string>& v)
{
    QStringList out;
    for (const std::string& s : v)
        out << QString::fromStdString(s);
    return out;
}

} // namespace

class TestAtomicWriter : public QObject {
    Q_OBJECT

private slots:
    void timestampPrefix_data();
    void timestampPrefix();
    void validatePath_data();
    void validatePath();
    void cleanPath_data();
    void cleanPath();
    void firstWriteLayout();
    void goldenListing();
    void update_data();
    void update();
    void unchangedRestoresMissingSymlinks();
    void writesInTheSameSecondGetDistinctDirectories();
    void invalidPayloadChangesNothing();
    void sameContents_data();
    void sameContents();
    void writtenAgainIsWrittenAlike();
};

void TestAtomicWriter::timestampPrefix_data()
{
    QTest::addColumn<qint64>("epochMs");
    QTest::addColumn<QString>("expected");
    QTest::newRow("docs date") << qint64(kNow) << "..2026_11_27_10_00_00.";
    QTest::newRow("epoch") << qint64(0) << "..1970_01_01_00_00_00.";
    QTest::newRow("leap day, last ms of a second") << qint64(1709251199999) << "..2024_02_29_23_59_59.";
}

void TestAtomicWriter::timestampPrefix()
{
    QFETCH(qint64, epochMs);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(AtomicWriter::timestampPrefix(epochMs)), expected);
}

void TestAtomicWriter::validatePath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("error");
    QTest::newRow("plain") << "username"
                           << "";
    QTest::newRow("nested") << "my-group/my-username"
                            << "";
    QTest::newRow("dot file") << ".hidden"
                              << "";
    QTest::newRow("dotdot later segment prefix") << "a/..b"
                                                 << "";
    QTest::newRow("leading ./") << "./a"
                                << "";
    QTest::newRow("empty") << ""
                           << "invalid path: must not be empty: \"\"";
    QTest::newRow("absolute") << "/etc/passwd"
                              << "invalid path: must be relative path: /etc/passwd";
    QTest::newRow("dotdot element") << "a/../b"
                                    << "invalid path: must not contain '..': a/../b";
    QTest::newRow("dotdot alone") << ".."
                                  << "invalid path: must not contain '..': ..";
    QTest::newRow("reserved ..data") << "..data"
                                     << "invalid path: must not start with '..': ..data";
    QTest::newRow("reserved prefix nested") << "..x/y"
                                            << "invalid path: must not start with '..': ..x/y";
    QTest::newRow("name of 256") << QString(256, 'a')
                                 << "invalid path: filenames must be less than or equal to 255 characters";
    QTest::newRow("name of 255") << QString(255, 'a') << "";
    QTest::newRow("path of 4097") << (QString(200, 'a') + "/").repeated(20) + QString(77, 'b')
                                  << "invalid path: must be less than or equal to 4096 characters";
}

void TestAtomicWriter::validatePath()
{
    QFETCH(QString, path);
    QFETCH(QString, error);
    QCOMPARE(QString::fromStdString(AtomicWriter::validatePath(path.toStdString())), error);
}

void TestAtomicWriter::cleanPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << "a"
                           << "a";
    QTest::newRow("double slash") << "a//b"
                                  << "a/b";
    QTest::newRow("dot segments") << "./a/./b"
                                  << "a/b";
    QTest::newRow("trailing slash") << "a/b/"
                                    << "a/b";
}

void TestAtomicWriter::cleanPath()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(AtomicWriter::cleanPath(path.toStdString())), expected);
}

void TestAtomicWriter::firstWriteLayout()
{
    FileSystem fs;
    Random random(7);
    AtomicWriter writer(fs, "/");
    const AtomicWriter::Result r = writer.write(configPayload(), kNow, random);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.change, AtomicWriter::Change::Written);

    // ..2026_11_27_10_00_00.<uint32 in decimal>
    const QString dir = QString::fromStdString(r.dataDir);
    QVERIFY2(dir.startsWith("..2026_11_27_10_00_00."), qPrintable(dir));
    const QString suffix = dir.mid(22);
    bool digits = false;
    const qulonglong n = suffix.toULongLong(&digits);
    QVERIFY(digits && n <= 0xFFFFFFFFull && !suffix.startsWith('0'));

    QCOMPARE(link(fs, "/..data"), r.dataDir);
    QCOMPARE(writer.currentDataDir(), r.dataDir);
    QCOMPARE(qnames(names(fs, "/")),
             (QStringList{dir, "..data", "SPECIAL_LEVEL", "SPECIAL_TYPE", "my-group"}));
    QCOMPARE(link(fs, "/SPECIAL_LEVEL"), std::string("..data/SPECIAL_LEVEL"));
    QCOMPARE(link(fs, "/my-group"), std::string("..data/my-group"));
    QCOMPARE(modeOf(fs, "/" + r.dataDir), 0755u);
    QCOMPARE(modeOf(fs, "/" + r.dataDir + "/my-group"), 0755u);
    QCOMPARE(modeOf(fs, "/" + r.dataDir + "/SPECIAL_LEVEL"), 0644u);
    QCOMPARE(modeOf(fs, "/" + r.dataDir + "/my-group/my-username"), 0400u);
    QCOMPARE(contents(fs, "/SPECIAL_TYPE"), std::string("charm"));
    QCOMPARE(contents(fs, "/my-group/my-username"), std::string("admin"));
    QVERIFY(!fs.exists("/..data_tmp"));
}

void TestAtomicWriter::goldenListing()
{
    FileSystem root;
    root.setClock(kNow);
    root.mkdirs("/etc/config");
    root.writeFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    root.writeFile("/etc/group", "root:x:0:\n");
    FileSystem volume; // configMap volumes live on the node's disk
    volume.setClock(kNow);
    volume.chmod("/", 0777);
    Random random(42);
    const AtomicWriter::Result r = AtomicWriter(volume, "/").write(configPayload(), kNow, random);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(r.dataDir, std::string("..2026_11_27_10_00_00.360188718"));

    fs::ContainerFiles view(root, {{"/etc/config", volume, "", fs::MountMode::ReadOnly}});
    fs::LsOptions options;
    options.all = true;
    options.longFormat = true;
    std::string out, err;
    QCOMPARE(fs::LsFormat::list(view, {"/etc/config", "/etc/config/..data/"}, options, kNow, out, err), 0);
    QCOMPARE(QString::fromStdString(err), QString());
    QCOMPARE(
        QString::fromStdString(out),
        QString(
            "/etc/config:\n"
            "total 12\n"
            "drwxrwxrwx    3 root     root          4096 Nov 27 10:00 .\n"
            "drwxr-xr-x    3 root     root          4096 Nov 27 10:00 ..\n"
            "drwxr-xr-x    3 root     root          4096 Nov 27 10:00 ..2026_11_27_10_00_00.360188718\n"
            "lrwxrwxrwx    1 root     root            31 Nov 27 10:00 ..data -> "
            "..2026_11_27_10_00_00.360188718\n"
            "lrwxrwxrwx    1 root     root            20 Nov 27 10:00 SPECIAL_LEVEL -> ..data/SPECIAL_LEVEL\n"
            "lrwxrwxrwx    1 root     root            19 Nov 27 10:00 SPECIAL_TYPE -> ..data/SPECIAL_TYPE\n"
            "lrwxrwxrwx    1 root     root            15 Nov 27 10:00 my-group -> ..data/my-group\n"
            "\n"
            "/etc/config/..data/:\n"
            "total 20\n"
            "drwxr-xr-x    3 root     root          4096 Nov 27 10:00 .\n"
            "drwxrwxrwx    3 root     root          4096 Nov 27 10:00 ..\n"
            "-rw-r--r--    1 root     root             4 Nov 27 10:00 SPECIAL_LEVEL\n"
            "-rw-r--r--    1 root     root             5 Nov 27 10:00 SPECIAL_TYPE\n"
            "drwxr-xr-x    2 root     root          4096 Nov 27 10:00 my-group\n"));
}

void TestAtomicWriter::update_data()
{
    QTest::addColumn<QStringList>("paths"); // new payload: path=content[@mode]
    QTest::addColumn<bool>("written");
    QTest::addColumn<QStringList>("topLevel"); // visible entries after the update, hidden ones excluded
    QTest::addColumn<QStringList>("files");    // path=content read through the symlinks

    QTest::newRow("same payload: nothing written")
        << QStringList{"SPECIAL_LEVEL=very", "SPECIAL_TYPE=charm", "my-group/my-username=admin@400"} << false
        << QStringList{"SPECIAL_LEVEL", "SPECIAL_TYPE", "my-group"}
        << QStringList{"SPECIAL_LEVEL=very", "my-group/my-username=admin"};
    QTest::newRow("only a mode changed: Kubernetes compares contents only")
        << QStringList{"SPECIAL_LEVEL=very@600", "SPECIAL_TYPE=charm", "my-group/my-username=admin@400"}
        << false << QStringList{"SPECIAL_LEVEL", "SPECIAL_TYPE", "my-group"}
        << QStringList{"SPECIAL_LEVEL=very"};
    QTest::newRow("a value changed") << QStringList{"SPECIAL_LEVEL=extremely", "SPECIAL_TYPE=charm",
                                                    "my-group/my-username=admin@400"}
                                     << true << QStringList{"SPECIAL_LEVEL", "SPECIAL_TYPE", "my-group"}
                                     << QStringList{"SPECIAL_LEVEL=extremely", "SPECIAL_TYPE=charm"};
    QTest::newRow("a key removed") << QStringList{"SPECIAL_LEVEL=very", "my-group/my-username=admin@400"}
                                   << true << QStringList{"SPECIAL_LEVEL", "my-group"}
                                   << QStringList{"SPECIAL_LEVEL=very", "SPECIAL_TYPE=<missing>"};
    QTest::newRow("a key added") << QStringList{"SPECIAL_LEVEL=very", "SPECIAL_TYPE=charm",
                                                "my-group/my-username=admin@400", "log_level=INFO"}
                                 << true
                                 << QStringList{"SPECIAL_LEVEL", "SPECIAL_TYPE", "log_level", "my-group"}
                                 << QStringList{"log_level=INFO"};
    QTest::newRow("a nested file removed, its directory kept")
        << QStringList{"SPECIAL_LEVEL=very", "SPECIAL_TYPE=charm", "my-group/other=x"} << true
        << QStringList{"SPECIAL_LEVEL", "SPECIAL_TYPE", "my-group"}
        << QStringList{"my-group/other=x", "my-group/my-username=<missing>"};
    QTest::newRow("everything removed")
        << QStringList{} << true << QStringList{} << QStringList{"SPECIAL_LEVEL=<missing>"};
}

void TestAtomicWriter::update()
{
    QFETCH(QStringList, paths);
    QFETCH(bool, written);
    QFETCH(QStringList, topLevel);
    QFETCH(QStringList, files);

    FileSystem fs;
    Random random(3);
    AtomicWriter writer(fs, "/");
    const AtomicWriter::Result first = writer.write(configPayload(), kNow, random);
    QVERIFY(first.ok());

    VolumePayload next;
    for (const QString& p : paths) {
        const QString path = p.section('=', 0, 0);
        QString content = p.section('=', 1);
        uint32_t mode = 0644;
        if (content.contains('@')) {
            mode = content.section('@', 1).toUInt(nullptr, 8);
            content = content.section('@', 0, 0);
        }
        next[path.toStdString()] = {content.toStdString(), mode};
    }
    const AtomicWriter::Result second = writer.write(next, kLater, random);
    QVERIFY2(second.ok(), second.error.c_str());
    QCOMPARE(second.change, written ? AtomicWriter::Change::Written : AtomicWriter::Change::Unchanged);
    QCOMPARE(link(fs, "/..data"), second.dataDir);
    if (written) {
        QVERIFY(second.dataDir != first.dataDir);
        QVERIFY(QString::fromStdString(second.dataDir).startsWith("..2026_11_27_10_01_00."));
        QVERIFY2(!fs.exists("/" + first.dataDir), "the old timestamped directory is removed");
    } else {
        QCOMPARE(second.dataDir, first.dataDir);
        QCOMPARE(modeOf(fs, "/" + first.dataDir + "/SPECIAL_LEVEL"), 0644u);
    }
    QVERIFY(!fs.exists("/..data_tmp"));

    QStringList visible;
    for (const std::string& n : names(fs, "/"))
        if (n.rfind("..", 0) != 0)
            visible << QString::fromStdString(n);
    QCOMPARE(visible, topLevel);
    QStringList hidden;
    for (const std::string& n : names(fs, "/"))
        if (n.rfind("..", 0) == 0)
            hidden << QString::fromStdString(n);
    QCOMPARE(hidden, (QStringList{QString::fromStdString(second.dataDir), "..data"}));
    for (const QString& f : files)
        QCOMPARE(QString::fromStdString(contents(fs, "/" + f.section('=', 0, 0).toStdString())),
                 f.section('=', 1));
}

void TestAtomicWriter::unchangedRestoresMissingSymlinks()
{
    FileSystem fs;
    Random random(5);
    AtomicWriter writer(fs, "/");
    QVERIFY(writer.write(configPayload(), kNow, random).ok());
    QCOMPARE(fs.unlink("/SPECIAL_TYPE"), fs::Error::None);
    const AtomicWriter::Result r = writer.write(configPayload(), kLater, random);
    QVERIFY(r.ok());
    QCOMPARE(r.change, AtomicWriter::Change::Unchanged);
    QCOMPARE(link(fs, "/SPECIAL_TYPE"), std::string("..data/SPECIAL_TYPE"));
}

void TestAtomicWriter::writesInTheSameSecondGetDistinctDirectories()
{
    FileSystem fs;
    Random random(11);
    AtomicWriter writer(fs, "/");
    const AtomicWriter::Result a = writer.write({{"a", {"1", 0644}}}, kNow, random);
    const AtomicWriter::Result b = writer.write({{"a", {"2", 0644}}}, kNow + 1, random);
    QVERIFY(a.ok() && b.ok());
    QVERIFY(a.dataDir != b.dataDir);
    QCOMPARE(a.dataDir.substr(0, 22), b.dataDir.substr(0, 22));
    QCOMPARE(contents(fs, "/a"), std::string("2"));
}

void TestAtomicWriter::invalidPayloadChangesNothing()
{
    FileSystem fs;
    Random random(1);
    AtomicWriter writer(fs, "/");
    QVERIFY(writer.write(configPayload(), kNow, random).ok());
    const FileSystem before = fs;
    const AtomicWriter::Result r =
        writer.write({{"ok", {"x", 0644}}, {"..data", {"y", 0644}}}, kLater, random);
    QCOMPARE(QString::fromStdString(r.error), QString("invalid path: must not start with '..': ..data"));
    QVERIFY(fs == before);
}

void TestAtomicWriter::sameContents_data()
{
    QTest::addColumn<VolumePayload>("next");
    QTest::addColumn<bool>("same");
    const VolumePayload base = configPayload();
    QTest::newRow("identical") << base << true;
    VolumePayload modes = base;
    for (auto& [path, file] : modes)
        file.mode = 0400;
    QTest::newRow("modes only: the writer leaves it") << modes << true;
    VolumePayload data = base;
    data.begin()->second.data += "!";
    QTest::newRow("one file's bytes") << data << false;
    VolumePayload added = base;
    added["extra"] = FileProjection{"x", 0644};
    QTest::newRow("a file more") << added << false;
    VolumePayload removed = base;
    removed.erase(removed.begin());
    QTest::newRow("a file less") << removed << false;
    VolumePayload renamed;
    for (const auto& [path, file] : base)
        renamed["renamed-" + path] = file;
    QTest::newRow("same bytes at other paths") << renamed << false;
}

void TestAtomicWriter::sameContents()
{
    QFETCH(VolumePayload, next);
    QFETCH(bool, same);
    QCOMPARE(AtomicWriter::sameContents(configPayload(), next), same);
}

// What the kubelet keeps for a volume nobody has read (its time and suffix) must write the files exactly as
// the first write did.
void TestAtomicWriter::writtenAgainIsWrittenAlike()
{
    fs::FileSystem drawn, given;
    Random random(42);
    Random copy = random;
    const AtomicWriter::Result a = AtomicWriter(drawn, "/").write(configPayload(), kNow, random);
    const AtomicWriter::Result b =
        AtomicWriter(given, "/").writeAs(configPayload(), kNow, AtomicWriter::drawSuffix(copy));
    QVERIFY(a.ok() && b.ok());
    QCOMPARE(b.dataDir, a.dataDir);
    QVERIFY(drawn == given);
    QCOMPARE(copy, random); // one draw, the same one
}

QTEST_APPLESS_MAIN(TestAtomicWriter)
#include "tst_atomicwriter.moc"
