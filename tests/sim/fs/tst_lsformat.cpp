#include "sim/fs/civiltime.h"
#include "sim/fs/lsformat.h"

#include <QTest>

using namespace podlab::sim::fs;

namespace {

constexpr int64_t kNow = 1795818360000;     // Fri 2026-11-27 22:26:00 UTC
constexpr int64_t kOld = 1577934240000;     // 2020-01-02 03:04 UTC
constexpr int64_t kNewYear = 1767225600000; // 2026-01-01 00:00 UTC

// The directory whose real busybox 1.35 `ls -la` output the expectations below were taken from.
FileSystem sample()
{
    FileSystem fs;
    fs.setClock(kNow);
    fs.mkdirs("/etc");
    fs.writeFile("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
    fs.writeFile("/etc/group", "root:x:0:\nnogroup:x:65534:\n");
    fs.mkdirs("/lt/sub");
    fs.writeFile("/lt/a", "hello");
    fs.symlink("..data/a", "/lt/link");
    fs.writeFile("/lt/old", "");
    fs.setClock(kOld);
    fs.touch("/lt/old");
    fs.setClock(kNow);
    fs.mkdir("/lt/..2024_01_01");
    fs.symlink("..2024_01_01", "/lt/..data");
    fs.writeFile("/lt/big", std::string(5000, '\0'));
    return fs;
}

} // namespace

class TestLsFormat : public QObject {
    Q_OBJECT

private slots:
    void modeString_data();
    void modeString();
    void dateString_data();
    void dateString();
    void civilTimeRoundTrips();
    void listings_data();
    void listings();
    void namesFromPasswd();
    void configMapVolumeLayout();
};

void TestLsFormat::modeString_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("expected");
    QTest::newRow("file 644") << int(FileType::Regular) << 0644 << "-rw-r--r--";
    QTest::newRow("dir 755") << int(FileType::Directory) << 0755 << "drwxr-xr-x";
    QTest::newRow("symlink") << int(FileType::Symlink) << 0777 << "lrwxrwxrwx";
    QTest::newRow("sticky tmp") << int(FileType::Directory) << 01777 << "drwxrwxrwt";
    QTest::newRow("setuid") << int(FileType::Regular) << 04755 << "-rwsr-xr-x";
    QTest::newRow("setgid without x") << int(FileType::Regular) << 02644 << "-rw-r-Sr--";
    QTest::newRow("secret 0400") << int(FileType::Regular) << 0400 << "-r--------";
}

void TestLsFormat::modeString()
{
    QFETCH(int, type);
    QFETCH(int, mode);
    QFETCH(QString, expected);
    Stat st;
    st.type = FileType(type);
    st.mode = uint32_t(mode);
    QCOMPARE(QString::fromStdString(LsFormat::modeString(st)), expected);
}

void TestLsFormat::dateString_data()
{
    QTest::addColumn<qint64>("mtime");
    QTest::addColumn<QString>("expected");
    QTest::newRow("recent") << qint64(kNow) << "Nov 27 22:26";
    QTest::newRow("single-digit day") << qint64(kNewYear) << "Jan  1  2026"; // more than half a year ago
    QTest::newRow("old") << qint64(kOld) << "Jan  2  2020";
    QTest::newRow("two months ago") << qint64(kNow - int64_t(60) * 86400000) << "Sep 28 22:26";
    QTest::newRow("far future") << qint64(kNow + int64_t(2) * 86400000) << "Nov 29  2026";
}

void TestLsFormat::dateString()
{
    QFETCH(qint64, mtime);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(LsFormat::dateString(mtime, kNow)), expected);
}

void TestLsFormat::civilTimeRoundTrips()
{
    const CivilTime t = CivilTime::fromEpochMs(kNow + 123);
    QCOMPARE(t.year, 2026);
    QCOMPARE(t.month, 11);
    QCOMPARE(t.day, 27);
    QCOMPARE(t.hour, 22);
    QCOMPARE(t.minute, 26);
    QCOMPARE(t.millis, 123);
    QCOMPARE(QString(CivilTime::weekdayAbbrev(t.weekday)), QString("Fri"));
    QCOMPARE(t.toEpochMs(), kNow + 123);
    const CivilTime epoch = CivilTime::fromEpochMs(0);
    QCOMPARE(QString(CivilTime::weekdayAbbrev(epoch.weekday)), QString("Thu"));
    const CivilTime leap = CivilTime::fromEpochMs(CivilTime{2024, 2, 29, 12, 0, 0, 0, 0}.toEpochMs());
    QCOMPARE(leap.month, 2);
    QCOMPARE(leap.day, 29);
    const CivilTime before = CivilTime::fromEpochMs(-1000);
    QCOMPARE(before.year, 1969);
    QCOMPARE(before.second, 59);
}

void TestLsFormat::listings_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("status");

    QTest::newRow("ls -la") << QStringList{"-la", "/lt"}
                            << "total 28\n"
                               "drwxr-xr-x    4 root     root          4096 Nov 27 22:26 .\n"
                               "drwxr-xr-x    4 root     root          4096 Nov 27 22:26 ..\n"
                               "drwxr-xr-x    2 root     root          4096 Nov 27 22:26 ..2024_01_01\n"
                               "lrwxrwxrwx    1 root     root            12 Nov 27 22:26 ..data -> ..2024_01_01\n"
                               "-rw-r--r--    1 root     root             5 Nov 27 22:26 a\n"
                               "-rw-r--r--    1 root     root          5000 Nov 27 22:26 big\n"
                               "lrwxrwxrwx    1 root     root             8 Nov 27 22:26 link -> ..data/a\n"
                               "-rw-r--r--    1 root     root             0 Jan  2  2020 old\n"
                               "drwxr-xr-x    2 root     root          4096 Nov 27 22:26 sub\n"
                            << "" << 0;
    QTest::newRow("ls -l") << QStringList{"-l", "/lt"}
                           << "total 16\n"
                              "-rw-r--r--    1 root     root             5 Nov 27 22:26 a\n"
                              "-rw-r--r--    1 root     root          5000 Nov 27 22:26 big\n"
                              "lrwxrwxrwx    1 root     root             8 Nov 27 22:26 link -> ..data/a\n"
                              "-rw-r--r--    1 root     root             0 Jan  2  2020 old\n"
                              "drwxr-xr-x    2 root     root          4096 Nov 27 22:26 sub\n"
                           << "" << 0;
    QTest::newRow("ls") << QStringList{"/lt"} << "a\nbig\nlink\nold\nsub\n" << "" << 0;
    QTest::newRow("ls -a") << QStringList{"-a", "/lt"} << ".\n..\n..2024_01_01\n..data\na\nbig\nlink\nold\nsub\n"
                           << "" << 0;
    QTest::newRow("ls -A") << QStringList{"-A", "/lt"} << "..2024_01_01\n..data\na\nbig\nlink\nold\nsub\n" << ""
                           << 0;
    QTest::newRow("ls -l files") << QStringList{"-l", "/lt/link", "/lt/a"}
                                 << "-rw-r--r--    1 root     root             5 Nov 27 22:26 /lt/a\n"
                                    "lrwxrwxrwx    1 root     root             8 Nov 27 22:26 /lt/link -> ..data/a\n"
                                 << "" << 0;
    QTest::newRow("file and directory") << QStringList{"/lt/sub", "/lt/a"} << "/lt/a\n\n/lt/sub:\n" << "" << 0;
    QTest::newRow("two directories") << QStringList{"/lt/sub", "/lt/..2024_01_01"}
                                     << "/lt/..2024_01_01:\n\n/lt/sub:\n" << "" << 0;
    QTest::newRow("ls -ld") << QStringList{"-ld", "/lt/sub"}
                            << "drwxr-xr-x    2 root     root          4096 Nov 27 22:26 /lt/sub\n" << "" << 0;
    QTest::newRow("ls -l of a link to a directory shows the link")
        << QStringList{"-l", "/lt/..data"}
        << "lrwxrwxrwx    1 root     root            12 Nov 27 22:26 /lt/..data -> ..2024_01_01\n" << "" << 0;
    QTest::newRow("ls of a link to a directory lists it") << QStringList{"/lt/..data"} << "" << "" << 0;
    QTest::newRow("missing") << QStringList{"/lt/nonexist", "/lt/a"} << "/lt/a\n"
                             << "ls: /lt/nonexist: No such file or directory\n" << 1;
    QTest::newRow("ls -n") << QStringList{"-n", "/lt/a"}
                           << "-rw-r--r--    1 0        0                5 Nov 27 22:26 /lt/a\n" << "" << 0;
}

void TestLsFormat::listings()
{
    QFETCH(QStringList, args);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, status);
    FileSystem fs = sample();
    ContainerFiles view(fs);
    LsOptions options;
    std::vector<std::string> operands;
    for (const QString& a : args) {
        if (a.startsWith('-')) {
            options.all |= a.contains('a');
            options.almostAll |= a.contains('A');
            options.longFormat |= a.contains('l') || a.contains('n');
            options.numericIds |= a.contains('n');
            options.directory |= a.contains('d');
        } else {
            operands.push_back(a.toStdString());
        }
    }
    std::string o, e;
    QCOMPARE(LsFormat::list(view, operands, options, kNow, o, e), status);
    QCOMPARE(QString::fromStdString(o), out);
    QCOMPARE(QString::fromStdString(e), err);
}

void TestLsFormat::namesFromPasswd()
{
    FileSystem fs = sample();
    ContainerFiles view(fs);
    QCOMPARE(LsFormat::userName(view, 0), std::string("root"));
    QCOMPARE(LsFormat::userName(view, 65534), std::string("nobody"));
    QCOMPARE(LsFormat::groupName(view, 65534), std::string("nogroup"));
    QCOMPARE(LsFormat::userName(view, 1000), std::string("1000"));
    FileSystem bare;
    QCOMPARE(LsFormat::userName(ContainerFiles(bare), 0), std::string("0"));
}

// What `ls -la /etc/config` shows in a container with a ConfigMap volume (tmpfs here), mounted read-only.
void TestLsFormat::configMapVolumeLayout()
{
    FileSystem root = sample();
    root.mkdirs("/etc/config");
    FileSystem volume(Medium::Tmpfs);
    volume.setClock(kNow);
    volume.chmod("/", 01777);
    volume.mkdir("/..2026_11_27_22_26_00.000000001");
    volume.writeFile("/..2026_11_27_22_26_00.000000001/SPECIAL_LEVEL", "very");
    volume.symlink("..2026_11_27_22_26_00.000000001", "/..data");
    volume.symlink("..data/SPECIAL_LEVEL", "/SPECIAL_LEVEL");
    ContainerFiles view(root, {{"/etc/config", volume, "", MountMode::ReadOnly}});
    std::string o, e;
    LsOptions options;
    options.all = true;
    options.longFormat = true;
    QCOMPARE(LsFormat::list(view, {"/etc/config"}, options, kNow, o, e), 0);
    QCOMPARE(QString::fromStdString(o),
             QString("total 4\n"
                     "drwxrwxrwt    3 root     root           100 Nov 27 22:26 .\n"
                     "drwxr-xr-x    3 root     root          4096 Nov 27 22:26 ..\n"
                     "drwxr-xr-x    2 root     root            60 Nov 27 22:26 ..2026_11_27_22_26_00.000000001\n"
                     "lrwxrwxrwx    1 root     root            31 Nov 27 22:26 ..data -> "
                     "..2026_11_27_22_26_00.000000001\n"
                     "lrwxrwxrwx    1 root     root            20 Nov 27 22:26 SPECIAL_LEVEL -> ..data/SPECIAL_LEVEL\n"));
}

QTEST_APPLESS_MAIN(TestLsFormat)
#include "tst_lsformat.moc"
