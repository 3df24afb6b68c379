// An image's paths as runc resolves them through the image's own links, and its programs and files found
// through them.
#include "sim/images/imagecontent.h"

#include <QTest>

using namespace podlab::sim;

class TestImageContent : public QObject {
    Q_OBJECT

private slots:
    void canonicalPath_data();
    void canonicalPath();
    void lookups_data();
    void lookups();
    void users();

private:
    static ImageContent image();
};

// Debian's merged /usr, a toolset's link, relative and absolute targets, a loop.
ImageContent TestImageContent::image()
{
    auto toolset = std::make_shared<Toolset>();
    toolset->name = "tools";
    toolset->files["/sbin"] = FileEntry{{}, "usr/sbin", 0777};
    toolset->programs["/usr/bin/cat"] = Program{};
    toolset->programs["/usr/bin/cat"].model = Program::Model::Utility;
    toolset->programs["/usr/bin/cat"].command = "cat";
    toolset->programs["/usr/bin/hidden"] = Program{};
    ImageContent c;
    c.config.workingDir = "/app";
    c.files["/bin"] = FileEntry{{}, "usr/bin", 0777};
    c.files["/lib"] = FileEntry{{}, "/usr/lib", 0777};
    c.files["/etc/alternatives/pager"] = FileEntry{{}, "../../usr/bin/less", 0777};
    c.files["/usr/bin/pager"] = FileEntry{{}, "/etc/alternatives/pager", 0777};
    c.files["/loop"] = FileEntry{{}, "/loop", 0777};
    c.files["/usr/bin/hidden"] = FileEntry{"#!/bin/sh\n", {}, 0755};
    c.files["/etc/passwd"] = FileEntry{"root:x:0:0:root:/root:/bin/sh\nbroken line\nnginx:x:101:101:nginx:/nonexistent:/bin/false\n",
                                       {}, 0644};
    c.programs["/usr/bin/less"] = Program{};
    c.toolsets.push_back(toolset);
    return c;
}

void TestImageContent::canonicalPath_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("canonical");

    QTest::newRow("root") << "/" << "/";
    QTest::newRow("empty is the working directory") << "" << "/app";
    QTest::newRow("plain") << "/usr/bin/cat" << "/usr/bin/cat";
    QTest::newRow("slashes and dots") << "//usr/./bin//cat/" << "/usr/bin/cat";
    QTest::newRow("dot-dot") << "/usr/../usr/bin/../bin/cat" << "/usr/bin/cat";
    QTest::newRow("dot-dot above the root") << "/../../etc" << "/etc";
    QTest::newRow("relative to the working directory") << "run/x" << "/app/run/x";
    QTest::newRow("relative dot-dot") << "../bin/cat" << "/usr/bin/cat";
    QTest::newRow("a relative link") << "/bin/cat" << "/usr/bin/cat";
    QTest::newRow("a toolset's link") << "/sbin/init" << "/usr/sbin/init";
    QTest::newRow("an absolute link") << "/lib/x/y" << "/usr/lib/x/y";
    QTest::newRow("links to links") << "/bin/pager" << "/usr/bin/less";
    QTest::newRow("dot-dot after a link leaves its target") << "/bin/../lib" << "/usr/lib";
    QTest::newRow("a loop stops after 40 hops") << "/loop/x" << "/loop/x";
    QTest::newRow("the link itself") << "/bin" << "/usr/bin";
}

void TestImageContent::canonicalPath()
{
    QFETCH(QString, path);
    QFETCH(QString, canonical);
    QCOMPARE(QString::fromStdString(image().canonicalPath(path.toStdString())), canonical);
}

void TestImageContent::lookups_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("program"); // "image", "toolset" or ""
    QTest::addColumn<bool>("file");

    QTest::newRow("a toolset's utility through /bin") << "/bin/cat" << "toolset" << false;
    QTest::newRow("the image's program through two links") << "/usr/bin/pager" << "image" << false;
    QTest::newRow("a file of the image hides the toolset's program") << "/bin/hidden" << "" << true;
    QTest::newRow("a file through a relative path") << "../etc/passwd" << "" << true;
    QTest::newRow("nothing") << "/usr/bin/nosuch" << "" << false;
}

void TestImageContent::lookups()
{
    QFETCH(QString, path);
    QFETCH(QString, program);
    QFETCH(bool, file);

    const ImageContent c = image();
    const Program* p = c.program(path.toStdString());
    const QString where = !p ? QString() : p == &c.programs.begin()->second ? QString("image") : QString("toolset");
    QCOMPARE(where, program);
    QCOMPARE(c.file(path.toStdString()) != nullptr, file);
}

void TestImageContent::users()
{
    const ImageContent c = image();
    const std::vector<PasswdEntry>& users = c.users();
    QCOMPARE(users.size(), size_t(2));
    QCOMPARE(users[1].name, std::string("nginx"));
    QCOMPARE(users[1].uid, 101u);
    QCOMPARE(users[1].gid, 101u);
    QCOMPARE(users[1].home, std::string("/nonexistent"));
    QCOMPARE(&c.users(), &users); // parsed once
    QVERIFY(ImageContent().users().empty());
}

QTEST_APPLESS_MAIN(TestImageContent)
#include "tst_imagecontent.moc"
