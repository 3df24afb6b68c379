#include "sim/kubectl/tabwriter.h"

#include <QTest>

using namespace podlab::sim::kubectl;

class TestTabWriter : public QObject {
    Q_OBJECT

private slots:
    void getSettings_data();
    void getSettings();
    void describeSettings_data();
    void describeSettings();
    void tabPadding();
};

void TestTabWriter::getSettings_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("minimum width 6 includes the padding") << "a\tb\n"
                                                          << "a     b\n";
    QTest::newRow("widest cell plus 3") << "NAME\tAGE\nliveness\t5s\n"
                                        << "NAME       AGE\nliveness   5s\n";
    QTest::newRow("the last cell is never padded") << "a\tbb\nccc\td\n"
                                                   << "a     bb\nccc   d\n";
    QTest::newRow("an empty cell is padded") << "\tx\nabc\ty\n"
                                             << "      x\nabc   y\n";
    QTest::newRow("a trailing tab pads the cell before it") << "ab\t\n"
                                                            << "ab    \n";
    QTest::newRow("no final newline") << "a\tb\ncc\td"
                                      << "a     b\ncc    d";
    QTest::newRow("a final cell ending in a tab is not terminated") << "a\tb\t"
                                                                    << "a     b";
    QTest::newRow("code points, not bytes") << "é\tx\nab\ty\n"
                                            << "é     x\nab    y\n";
    QTest::newRow("nothing") << ""
                             << "";
}

void TestTabWriter::getSettings()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(tabAlign(input.toStdString(), kGetTabWriter)), expected);
}

void TestTabWriter::describeSettings_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("expected");
    QTest::newRow("no minimum, padding 2") << "Name:\tweb\nNamespace:\tdefault\n"
                                           << "Name:       web\nNamespace:  default\n";
    // A line without a tab ends every column block: the lines after it align on their own, whatever their
    // indentation (Status joins the Image and Port lines).
    QTest::newRow("a line without tabs splits the blocks")
        << "Name:\tweb\nContainers:\n  app:\n    Image:\tnginx\n    Port:\t<none>\nStatus:\tRunning\n"
        << "Name:  web\nContainers:\n  app:\n    Image:  nginx\n    Port:   <none>\nStatus:     Running\n";
    // Inner columns form blocks inside their outer block: only consecutive lines with that column align.
    QTest::newRow("nested blocks") << "a\tb\tc\na\tbbbbbb\tc\na\tb\nx\ty\tz\n"
                                   << "a  b       c\na  bbbbbb  c\na  b\nx  y  z\n";
    QTest::newRow("a continuation line starts with an empty cell")
        << "Labels:\tapp=web\n\ttier=front\nAnnotations:\t<none>\n"
        << "Labels:       app=web\n              tier=front\nAnnotations:  <none>\n";
}

void TestTabWriter::describeSettings()
{
    QFETCH(QString, input);
    QFETCH(QString, expected);
    QCOMPARE(QString::fromStdString(tabAlign(input.toStdString(), kDescribeTabWriter)), expected);
}

void TestTabWriter::tabPadding()
{
    // With a tab as padding character, cells are padded to the next multiple of tabwidth with tabs.
    const TabWriterSettings tabs{0, 8, 1, '\t'};
    QCOMPARE(QString::fromStdString(tabAlign("a\tb\nabcdefgh\tc\n", tabs)), QString("a\t\tb\nabcdefgh\tc\n"));
}

QTEST_APPLESS_MAIN(TestTabWriter)
#include "tst_tabwriter.moc"
