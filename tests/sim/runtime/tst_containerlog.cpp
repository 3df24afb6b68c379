// ContainerLog keeps repeated timed lines as runs, and lines other logs share as their shape; what it gives back
// must be, entry for entry, what the plain log it replaced gave: one entry per line, a line written in pieces one
// entry stamped when it began, the oldest quarter dropped past 1 MiB. Each row drives a log and that plain log
// (ReferenceLog, the runtime's code before runs) with the same pseudo-random writes, and compares them as it goes.
#include "sim/runtime/containerlog.h"
#include "sim/runtime/placeholders.h"
#include "sim/runtime/sharedlines.h"
#include "sim/runtime/environmentblock.h"

#include <QTest>

#include <memory>

using namespace podlab::sim;
using namespace podlab::sim::runtime;
using namespace podlab::sim::runtime::detail;

namespace {

constexpr int64_t kEpoch = 1767225600000; // Thu 2026-01-01 00:00:00 UTC

// The log as the runtime kept it before: every entry as text.
class ReferenceLog {
public:
    void write(SimTime t, bool toStderr, std::string_view text)
    {
        m_bytes += text.size();
        while (!text.empty()) {
            const size_t newline = text.find('\n');
            const size_t n = newline == std::string_view::npos ? text.size() : newline + 1;
            LogEntry* last = m_entries.empty() ? nullptr : &m_entries.back();
            if (last && last->stderr_ == toStderr && !last->text.empty() && last->text.back() != '\n')
                last->text.append(text.substr(0, n));
            else
                m_entries.push_back(LogEntry{t, toStderr, std::string(text.substr(0, n))});
            text.remove_prefix(n);
        }
        constexpr size_t kLimit = size_t(1) << 20;
        if (m_bytes > kLimit) {
            size_t drop = 0;
            size_t dropped = 0;
            while (drop < m_entries.size() && m_bytes - dropped > kLimit * 3 / 4)
                dropped += m_entries[drop++].text.size();
            m_entries.erase(m_entries.begin(), m_entries.begin() + long(drop));
            m_bytes -= dropped;
        }
    }
    const std::vector<LogEntry>& entries() const { return m_entries; }
    size_t bytes() const { return m_bytes; }

private:
    std::vector<LogEntry> m_entries;
    size_t m_bytes = 0;
};

// A line shape from a template whose "{time}" are the holes.
std::shared_ptr<const TimedLine> shape(std::string_view templ, std::string format,
                                       int64_t epochOffset = kEpoch)
{
    auto line = std::make_shared<TimedLine>();
    for (size_t at = templ.find("{time}"); at != std::string_view::npos; at = templ.find("{time}")) {
        line->text.append(templ.substr(0, at));
        line->holes.push_back(uint32_t(line->text.size()));
        templ.remove_prefix(at + 6);
    }
    line->text.append(templ);
    line->text += '\n';
    line->format = std::move(format);
    line->epochOffset = epochOffset;
    return line;
}

// Deterministic everywhere (std::*_distribution is not).
class Dice {
public:
    explicit Dice(uint64_t seed) : m_state(seed * 6364136223846793005ULL + 1442695040888963407ULL) {}
    uint32_t below(uint32_t n)
    {
        m_state = m_state * 6364136223846793005ULL + 1442695040888963407ULL;
        return uint32_t((m_state >> 33) % n);
    }

private:
    uint64_t m_state;
};

QString dump(const std::vector<LogEntry>& entries)
{
    QString text;
    for (const LogEntry& e : entries)
        text +=
            QString("%1 %2 %3").arg(e.time).arg(e.stderr_ ? "err" : "out", QString::fromStdString(e.text));
    return text;
}

} // namespace

class TestContainerLog : public QObject {
    Q_OBJECT

private slots:
    void sameEntriesAsPlainText_data();
    void sameEntriesAsPlainText();
    void equalHoweverStored();
    void sharedLinesAreHeldOnceFromTheSecondWriter();
    void burstsReadAsTheirLines();
    void environmentBlockKeepsEveryVariable_data();
    void environmentBlockKeepsEveryVariable();
    void environmentBlocksOfOneTemplateShareTheirText();
    void repeatedLinesAsIfWrittenOneByOne_data();
    void repeatedLinesAsIfWrittenOneByOne();
};

void TestContainerLog::sameEntriesAsPlainText_data()
{
    QTest::addColumn<uint>("seed");
    QTest::addColumn<int>("writes");
    QTest::addColumn<int>("textPercent"); // of writes that are plain text (the rest: timed lines)
    QTest::addColumn<int>(
        "jitterPercent");             // of timed lines off their period (late, early, or at the same time)
    QTest::addColumn<int>("padding"); // bytes added to the timed lines (to reach rotation sooner)
    // Of timed lines, those written as lines other logs share (kept as their shape even when alone), a fifth of
    // them a line without a time (a start-up line).
    QTest::addColumn<int>("sharedPercent");

    QTest::newRow("probes only, steady") << 1u << 2000 << 0 << 0 << 0 << 0;
    QTest::newRow("probes and startup text") << 2u << 2000 << 10 << 0 << 0 << 0;
    QTest::newRow("probes off their period") << 3u << 3000 << 5 << 30 << 0 << 0;
    QTest::newRow("mostly text in pieces") << 4u << 3000 << 70 << 10 << 0 << 0;
    QTest::newRow("rotation of runs") << 5u << 12000 << 2 << 1 << 200 << 0;
    QTest::newRow("rotation of runs and text") << 6u << 12000 << 40 << 20 << 150 << 0;
    QTest::newRow("shared lines among text in pieces") << 7u << 3000 << 50 << 30 << 0 << 60;
    QTest::newRow("shared lines only, off their period") << 8u << 3000 << 0 << 40 << 0 << 100;
    QTest::newRow("rotation of shared lines and text") << 9u << 12000 << 30 << 30 << 150 << 50;
}

void TestContainerLog::sameEntriesAsPlainText()
{
    QFETCH(uint, seed);
    QFETCH(int, writes);
    QFETCH(int, textPercent);
    QFETCH(int, jitterPercent);
    QFETCH(int, padding);
    QFETCH(int, sharedPercent);

    const std::string pad(size_t(padding), '.');
    // Two equal shapes apart (each probe's line is made afresh), a month name (widths vary), several holes,
    // another clock, stderr.
    const std::vector<std::shared_ptr<const TimedLine>> shapes{
        shape("10.244.1.1 - - [{time}] \"GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.34\" \"-\"" + pad,
              "%d/%b/%Y:%H:%M:%S %z"),
        shape("10.244.1.1 - - [{time}] \"GET / HTTP/1.1\" 200 615 \"-\" \"kube-probe/1.34\" \"-\"" + pad,
              "%d/%b/%Y:%H:%M:%S %z"),
        shape("[{time}] ready ({time})" + pad, "%B %e %H:%M:%S"),
        shape("{time} GET /healthz" + pad, "%Y/%m/%d %H:%M:%S", kEpoch + 3600 * 1000),
    };
    const std::shared_ptr<const TimedLine> untimed = shape("/docker-entrypoint.sh: Configuration complete" + pad, {});
    const std::vector<std::string> texts{
        "starting\n", "two\nlines\n", "a piece", " and its end\n", "", "line and a piece\npiece", "\n"};

    Dice dice(seed);
    ContainerLog log;
    ReferenceLog reference;
    std::optional<ContainerLog> copy; // taken halfway, then written on alike: a value of its own
    std::optional<ReferenceLog> copyReference;
    SimTime t = 0;
    for (int i = 0; i < writes; ++i) {
        const bool toStderr = dice.below(10) == 0;
        if (int(dice.below(100)) < textPercent) {
            t += dice.below(3) * 500;
            const std::string& text = texts[dice.below(uint32_t(texts.size()))];
            log.write(t, toStderr, text);
            reference.write(t, toStderr, text);
            if (copy) {
                copy->write(t, toStderr, text);
                copyReference->write(t, toStderr, text);
            }
        } else {
            const bool shared = sharedPercent > 0 && int(dice.below(100)) < sharedPercent;
            const std::shared_ptr<const TimedLine>& line =
                shared && dice.below(5) == 0 ? untimed : shapes[dice.below(10) < 8 ? dice.below(2) : 2 + dice.below(2)];
            if (int(dice.below(100)) < jitterPercent)
                t += SimTime(dice.below(3)) * 700 - 700; // early, on time or late
            else
                t += 10000;
            t = std::max<SimTime>(t, 0);
            log.writeTimed(t, toStderr && line == shapes[3], line, shared);
            reference.write(t, toStderr && line == shapes[3], line->at(t));
            if (copy) {
                copy->writeTimed(t, false, line);
                copyReference->write(t, false, line->at(t));
            }
        }
        QCOMPARE(log.bytes(), reference.bytes());
        if ((i % 97 == 0 || i == writes - 1) && log.entries() != reference.entries())
            QCOMPARE(dump(log.entries()), dump(reference.entries()));
        if (i == writes / 2) {
            copy = log;
            copyReference = reference;
        }
    }
    QVERIFY(reference.bytes() > 0);
    QCOMPARE(dump(copy->entries()), dump(copyReference->entries()));
    QCOMPARE(copy->bytes(), copyReference->bytes());
    if (padding > 0)
        QVERIFY2(reference.entries().front().time > 0, "the row should reach rotation");
}

// Equality is by entries: a log of runs equals one of the same lines written as text, also after rotation.
void TestContainerLog::equalHoweverStored()
{
    const auto line = shape("10.244.1.1 - - [{time}] \"GET / HTTP/1.1\" 200 615 " + std::string(300, '-'),
                            "%d/%b/%Y:%H:%M:%S %z");
    ContainerLog runs;
    ContainerLog text;
    for (SimTime t = 0; t < 50000000; t += 10000) {
        runs.writeTimed(t, false, line);
        text.write(t, false, line->at(t));
        if (t % 7000000 == 0) {
            QVERIFY(runs == text);
            ContainerLog other = runs;
            other.write(t, false, "one more\n");
            QVERIFY(!(other == runs));
        }
    }
    QVERIFY(runs == text);
    QCOMPARE(runs.bytes(), text.bytes());
    QVERIFY(runs.entries().front().time > 0);
}

// writeTimedRepeated (a parked probe's runs, added when the kubelet next looks) leaves what as many writeTimed
// calls leave: runs started or extended, a text line before them, rotation in the middle of the repeat.
void TestContainerLog::repeatedLinesAsIfWrittenOneByOne_data()
{
    QTest::addColumn<QString>("before"); // "text", "line" (one timed line), "run" (three), "offbeat" (a run, then a late line)
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("padding");
    QTest::addColumn<bool>("monthNames"); // a format whose width varies
    QTest::newRow("into an empty log") << "" << 5 << 0 << false;
    QTest::newRow("after a text line") << "text" << 7 << 0 << false;
    QTest::newRow("the line before becomes a run") << "line" << 3 << 0 << false;
    QTest::newRow("a run grows") << "run" << 1000 << 0 << false;
    QTest::newRow("after a line off the run's period") << "offbeat" << 20 << 0 << false;
    QTest::newRow("rotating once") << "run" << 4000 << 300 << false;
    QTest::newRow("rotating many times") << "run" << 60000 << 600 << false;
    QTest::newRow("varying width") << "run" << 500 << 400 << true;
}

void TestContainerLog::repeatedLinesAsIfWrittenOneByOne()
{
    QFETCH(QString, before);
    QFETCH(int, count);
    QFETCH(int, padding);
    QFETCH(bool, monthNames);
    const auto line = shape("10.244.1.1 - - [{time}] \"GET / HTTP/1.1\" 200 615 " + std::string(size_t(padding), '-'),
                            monthNames ? "%B %e %H:%M:%S" : "%d/%b/%Y:%H:%M:%S %z");
    constexpr SimTime kPeriod = 10000;
    ContainerLog repeated;
    SimTime t = 1000;
    auto setUp = [&](ContainerLog& log) {
        SimTime at = 1000;
        if (before == "text") {
            log.write(at, false, "starting\n");
            at += 400;
        } else if (before == "line") {
            log.writeTimed(at, false, line);
            at += kPeriod;
        } else if (before == "run" || before == "offbeat") {
            for (int i = 0; i < 3; ++i, at += kPeriod)
                log.writeTimed(at, false, line);
            if (before == "offbeat") {
                log.writeTimed(at + 1234, false, line);
                at += 1234 + kPeriod;
            }
        }
        return at;
    };
    t = setUp(repeated);
    ContainerLog oneByOne;
    setUp(oneByOne);
    repeated.writeTimedRepeated(t, kPeriod, uint64_t(count), false, line);
    for (int i = 0; i < count; ++i)
        oneByOne.writeTimed(t + SimTime(i) * kPeriod, false, line);
    QCOMPARE(repeated.bytes(), oneByOne.bytes());
    QCOMPARE(repeated.entries().size(), oneByOne.entries().size());
    QVERIFY(repeated.entries() == oneByOne.entries());
    // And it goes on as the other would.
    repeated.writeTimed(t + SimTime(count) * kPeriod, false, line);
    oneByOne.writeTimed(t + SimTime(count) * kPeriod, false, line);
    QVERIFY(repeated.entries() == oneByOne.entries());
}

// A line is held by the cluster the first time (its writer keeps text); the next writer gets the held shape and
// keeps that. Lines no log holds are forgotten as the table grows, lines logs hold are not.
void TestContainerLog::sharedLinesAreHeldOnceFromTheSecondWriter()
{
    SharedLines shared;
    const auto first = shared.intern(shape("start worker process 29", {}));
    QVERIFY(!first.seenBefore);
    const auto second = shared.intern(shape("start worker process 29", {}));
    QVERIFY(second.seenBefore);
    QCOMPARE(second.line, first.line);
    QVERIFY(!shared.intern(shape("start worker process 30", {})).seenBefore);
    QVERIFY(!shared.intern(shape("[{time}] ready", "%H:%M:%S")).seenBefore);
    QVERIFY(!shared.intern(shape("[{time}] ready", "%H:%M")).seenBefore); // another time format: another line

    ContainerLog a;
    ContainerLog b;
    a.writeTimed(1000, false, first.line, first.seenBefore);
    b.writeTimed(1000, false, second.line, second.seenBefore);
    QCOMPARE(a, b);
    QCOMPARE(dump(b.entries()), QString("1000 out start worker process 29\n"));

    // Thousands of lines written once: the table forgets them, but not a line a log still holds.
    for (int i = 0; i < 20000; ++i)
        shared.intern(shape("GET /item/" + std::to_string(i), {}));
    QVERIFY(shared.size() < 12000);
    QVERIFY(shared.intern(shape("start worker process 29", {})).seenBefore);
}

// Lines a program writes at once, kept as one shape (the start-up burst of a template's later pods): read back,
// one entry a line, as if written as text; written again at a steady period, a run of bursts.
void TestContainerLog::burstsReadAsTheirLines()
{
    auto burst = std::make_shared<TimedLine>();
    for (const auto& line : {shape("/docker-entrypoint.sh: Configuration complete; ready for start up", {}),
                             shape("{time} [notice] 1#1: using the \"epoll\" event method", "%Y/%m/%d %H:%M:%S"),
                             shape("{time} [notice] 1#1: start worker process {time}", "%Y/%m/%d %H:%M:%S")}) {
        for (const uint32_t hole : line->holes)
            burst->holes.push_back(uint32_t(burst->text.size()) + hole);
        burst->text += line->text;
        if (!line->holes.empty()) {
            burst->format = line->format;
            burst->epochOffset = line->epochOffset;
        }
    }
    ContainerLog log;
    ReferenceLog reference;
    log.write(0, false, "starting\n");
    reference.write(0, false, "starting\n");
    for (SimTime t = 1000; t <= 61000; t += 20000) { // a container restarted every 20 s: a run of three
        log.writeTimed(t, true, burst, true);
        reference.write(t, true, burst->at(t));
    }
    log.write(70000, false, "done\n");
    reference.write(70000, false, "done\n");
    QCOMPARE(log.bytes(), reference.bytes());
    QCOMPARE(dump(log.entries()), dump(reference.entries()));
    QCOMPARE(log.entries().size(), size_t(1 + 4 * 3 + 1));
    QCOMPARE(log.entries()[2].text, std::string("2026/01/01 00:00:01 [notice] 1#1: using the \"epoll\" event method\n"));
    QVERIFY(log.entries()[2].stderr_);
    ContainerLog text;
    for (const LogEntry& e : reference.entries())
        text.write(e.time, e.stderr_, e.text);
    QVERIFY(log == text);
}

void TestContainerLog::environmentBlockKeepsEveryVariable_data()
{
    QTest::addColumn<QStringList>("variables"); // NAME=value, in order
    QTest::newRow("none") << QStringList();
    QTest::newRow("a container's") << QStringList{"PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                                                   "HOSTNAME=web-7", "NGINX_VERSION=1.27.5", "HOME=/root"};
    QTest::newRow("empty values and = in values") << QStringList{"EMPTY=", "OPTS=a=b=c", "X=1"};
}

void TestContainerLog::environmentBlockKeepsEveryVariable()
{
    QFETCH(QStringList, variables);
    podlab::sim::shell::Environment env;
    for (const QString& v : variables) {
        const qsizetype eq = v.indexOf('=');
        env.emplace_back(v.left(eq).toStdString(), v.mid(eq + 1).toStdString());
    }
    const EnvironmentBlock block(env);
    QCOMPARE(block.variables(), env);
    for (const auto& [name, value] : env)
        QCOMPARE(block.value(name), value);
    QCOMPARE(block.value("UNSET"), std::string());
    QCOMPARE(block.value("OPTS=a"), std::string());
}

// Pods of one template differ in HOSTNAME only: their blocks share one text, each keeps its own name.
void TestContainerLog::environmentBlocksOfOneTemplateShareTheirText()
{
    SharedTexts texts;
    auto env = [](std::string host) {
        return podlab::sim::shell::Environment{{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
                                               {"HOSTNAME", std::move(host)},
                                               {"KUBERNETES_SERVICE_HOST", "10.96.0.1"}};
    };
    const EnvironmentBlock a(env("web-1"), &texts);
    const EnvironmentBlock b(env("web-2-with-a-name-longer-than-fifteen"), &texts);
    QCOMPARE(texts.size(), size_t(1));
    QCOMPARE(a.variables(), env("web-1"));
    QCOMPARE(b.variables(), env("web-2-with-a-name-longer-than-fifteen"));
    QVERIFY(!(a == b));
    QVERIFY(a == EnvironmentBlock(env("web-1"))); // shared or not, the same variables
    const EnvironmentBlock other(podlab::sim::shell::Environment{{"PATH", "/bin"}, {"HOSTNAME", "web-1"}}, &texts);
    QCOMPARE(texts.size(), size_t(2));
    QCOMPARE(other.value("HOSTNAME"), std::string("web-1"));
}

QTEST_GUILESS_MAIN(TestContainerLog)
#include "tst_containerlog.moc"
