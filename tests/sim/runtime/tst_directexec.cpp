// The runtime's shortcuts for probes against its general path. Exec probes: commands looked up once
// (CommandCache) and cat, test, true and false run without a shell process (directexec.cpp). httpGet probes:
// a static file answered again with its access-log line (servedfiles.cpp). For each row, two copies of one
// container take the same probes, one with the shortcuts and one without (ContainerEnvironment::shortcuts()),
// and must answer alike, log alike and end up equal, again after the files, the volumes, the caller or the
// clock change under them. A change to either path that makes them differ fails here.
#include "fakeenvironment.h"

#include <QTest>

using namespace podlab::sim;
using namespace podlab::sim::runtime;
using podlab::sim::runtime::testing::FakeEnvironment;

namespace {

std::vector<std::string> strings(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

// A busybox image that runs as uid 1000 in /app, with a file only root may read; and a small static web
// server on busybox whose access logs are harder to keep than nginx's (a month name, the time twice, its
// pid).
constexpr const char* kLabImages = R"(
- name: example.com/lab/app
  from: busybox:1.36
  tags:
  - tag: "1"
    size: 1000
    config: {user: "1000", workingDir: /app}
    files:
      /app/data: "hello\n"
      /app/secret: {content: "s3cret\n", mode: 384}
- name: example.com/lab/web
  from: busybox:1.36
  programs:
    /bin/labd:
      model: http-server
      listen: [8080]
      documentRoot: /srv
      indexFiles: [index.html]
      serverHeader: labd/1
      children: [{title: "labd: worker", user: nobody, count: 1}]
      accessLogTimeFormat: "%B %e %H:%M:%S"
      accessLog: {stdout: '[{time}] {remoteAddr} "{request}" {status} {bodyBytes} "{userAgent}" ({time})'}
    /bin/labd-root:
      model: http-server
      listen: [8080]
      documentRoot: /
      indexFiles: [index.html]
      serverHeader: labd/1
      children: [{title: "labd: worker", user: nobody, count: 1}]
      accessLogTimeFormat: "%d/%b/%Y:%H:%M:%S %z"
      accessLog: {stdout: '{remoteAddr} [{time}] "{request}" {status} {bodyBytes}'}
    /bin/labd-pid:
      model: http-server
      listen: [8080]
      documentRoot: /srv
      indexFiles: [index.html]
      serverHeader: labd/1
      accessLog: {stderr: '{time} [{pid}] {request} {status} after {elapsedSeconds}s'}
  tags:
  - tag: "1"
    size: 1000
    files:
      /srv/index.html: "lab\n"
      /srv/private.html: {content: "private\n", mode: 384}
)";

QString describe(const ExecResult& r)
{
    return QString("started=%1 error=%2 exit=%3 out=%4 err=%5 timedOut=%6 duration=%7")
        .arg(r.started)
        .arg(QString::fromStdString(r.error))
        .arg(r.exitCode)
        .arg(QString::fromStdString(r.out).toHtmlEscaped(), QString::fromStdString(r.err).toHtmlEscaped())
        .arg(r.timedOut)
        .arg(r.duration);
}

QString describe(const std::optional<shell::HttpResponse>& r)
{
    if (!r)
        return "no answer";
    QString text = QString("outcome=%1 address=%2 latency=%3\n%4 %5 %6\n")
                       .arg(int(r->outcome))
                       .arg(QString::fromStdString(r->address))
                       .arg(r->latency)
                       .arg(QString::fromStdString(r->httpVersion))
                       .arg(r->status)
                       .arg(QString::fromStdString(r->reason));
    for (const auto& [name, value] : r->headers)
        text += QString::fromStdString(name + ": " + value + "\n");
    return text + "\n" + QString::fromStdString(r->body);
}

QString logText(const Container& c)
{
    QString text;
    for (const LogEntry& e : c.logs())
        text +=
            QString("%1 %2 %3").arg(e.time).arg(e.stderr_ ? "err" : "out", QString::fromStdString(e.text));
    return text;
}

bool sharesImageFiles(const Container& c)
{
    return &c.rootFileSystem() == c.config().imageFiles.get();
}

// A probe request as the rows write it: "METHOD PATH [USER-AGENT [REFERER]]"; the kubelet's agent by default.
shell::HttpRequest request(const QString& spec, int port)
{
    const QStringList words = spec.split(' ');
    shell::HttpRequest r;
    r.method = words.value(0).toStdString();
    r.url = "http://10.244.1.5:" + std::to_string(port) + words.value(1).toStdString();
    r.headers.emplace_back("User-Agent",
                           words.size() > 2 ? words[2].toStdString() : std::string("kube-probe/1.34"));
    r.headers.emplace_back("Accept", "*/*");
    if (words.size() > 3)
        r.headers.emplace_back("Referer", words[3].toStdString());
    return r;
}

// The pod's volume "www" (one index.html), mounted at `mountPath` when it is not empty.
void mountVolume(FakeEnvironment& env, const QString& mountPath)
{
    if (mountPath.isEmpty())
        return;
    env.volumes["www"].writeFile("/index.html", "from the volume\n");
    env.mountPoints[mountPath.toStdString()] = "www";
}

// What a row changes in the container's world between two rounds of probes, besides running a script in it.
void applyChange(const QString& change, FakeEnvironment& env)
{
    if (change.isEmpty())
        return;
    if (change == "peer") {
        env.peer = "10.244.1.9";
    } else if (change == "epoch") {
        env.epoch += 3600 * 1000;
    } else if (change == "volume write") {
        env.volumes.at("www").writeFile("/index.html", "rewritten\n");
    } else if (change == "volume chmod") {
        env.volumes.at("www").chmod("/index.html", 0600);
    } else if (change == "volume script") {
        env.volumes.at("www").writeFile("/index.html", "#!/bin/sh\necho from the volume\n");
        env.volumes.at("www").chmod("/index.html", 0755);
    } else if (change == "volume replace") {
        fs::FileSystem fresh;
        fresh.writeFile("/index.html", "from the volume\n");
        env.volumes.at("www") = fresh;
    } else if (change == "volume unmount") {
        env.mountPoints.clear();
    } else if (change != "delay") {
        qFatal("unknown change %s", qPrintable(change));
    }
}

} // namespace

class TestDirectExec : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void sameAsTheShellProcess_data();
    void sameAsTheShellProcess();
    void sameAsTheServerModel_data();
    void sameAsTheServerModel();
    void copiesKeepWhatTheyWorkedOut();
    void servedCopiesKeepWhatTheyWorkedOut();

private:
    ContainerConfig config(const std::string& image, const QStringList& command);

    ImageCatalogue m_builtin;
    ImageCatalogue m_lab;
    ImageFileSystems m_node;
};

void TestDirectExec::initTestCase()
{
    m_builtin = ImageCatalogue::builtin();
    podlab::manifest::Diagnostics errors;
    const auto lab = ImageCatalogue::parse(kLabImages, "lab.yaml", &errors, &m_builtin);
    QVERIFY(lab);
    m_lab = *lab;
}

ContainerConfig TestDirectExec::config(const std::string& image, const QStringList& command)
{
    ImageResolution resolution = m_lab.resolve(image);
    if (!resolution.found())
        resolution = m_builtin.resolve(image);
    if (!resolution.found())
        qFatal("image %s is not in the catalogue", image.c_str());
    ContainerConfig c;
    c.id = std::string(64, 'c');
    c.name = "main";
    c.image = *resolution.image;
    c.command = strings(command);
    c.injectedFiles = {{"/etc/hosts", "127.0.0.1\tlocalhost\n10.244.1.5\tdemo\n"},
                       {"/etc/hostname", "demo\n"},
                       {"/etc/resolv.conf", "nameserver 10.96.0.10\n"}};
    c.imageFiles = m_node.get(*c.image);
    return c;
}

void TestDirectExec::sameAsTheShellProcess_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command"); // the container's; empty: the image's
    QTest::addColumn<QString>("mount");       // where the volume "www" is mounted ("" for nowhere)
    QTest::addColumn<QString>("setup");       // a script run before the copies are made ("" for none)
    QTest::addColumn<QStringList>("probe");
    QTest::addColumn<QString>("between"); // a script run in both copies after the second probe
    QTest::addColumn<QString>("change");  // and a change of their world (applyChange)

    const QString busybox = "busybox:1.36";
    const QStringList sleeper{"sh", "-c", "touch /tmp/healthy; sleep 86400"};
    auto row = [&](const char* name, const QString& image, const QStringList& command, const QString& setup,
                   const QStringList& probe, const QString& between, const QString& mount = {},
                   const QString& change = {}) {
        QTest::newRow(name) << image << command << mount << setup << probe << between << change;
    };

    row("cat a file that goes away", busybox, sleeper, "", {"cat", "/tmp/healthy"}, "rm -f /tmp/healthy");
    row("cat a file that appears", busybox, sleeper, "", {"cat", "/tmp/ready"}, "echo ok > /tmp/ready");
    row("cat a file whose contents change", busybox, sleeper, "echo one > /tmp/healthy",
        {"cat", "/tmp/healthy"}, "echo two > /tmp/healthy");
    row("cat -u", busybox, sleeper, "", {"cat", "-u", "/tmp/healthy"}, "");
    row("cat a directory", busybox, sleeper, "", {"cat", "/tmp"}, "");
    row("cat several, one missing", busybox, sleeper, "echo a > /tmp/a",
        {"cat", "/tmp/a", "/nosuch", "/etc/passwd"}, "rm /tmp/a");
    row("cat a relative path", busybox, sleeper, "", {"cat", "etc/group"}, "");
    row("cat by absolute path", busybox, sleeper, "", {"/bin/cat", "/etc/passwd"}, "");
    row("cat an injected file", busybox, sleeper, "", {"cat", "/etc/hostname"}, "");
    row("cat - reads standard input (general path)", busybox, sleeper, "", {"cat", "-"}, "");
    row("cat shadowed by a script in an earlier PATH directory", busybox, sleeper, "",
        {"cat", "/tmp/healthy"},
        "mkdir -p /usr/local/bin && printf '#!/bin/sh\\necho shadow\\n' > /usr/local/bin/cat && chmod +x "
        "/usr/local/bin/cat");
    row("cat shadowed by a file that is not executable", busybox, sleeper, "", {"cat", "/tmp/healthy"},
        "mkdir -p /usr/local/bin && echo x > /usr/local/bin/cat");
    row("cat after /bin moves away", busybox, sleeper, "", {"cat", "/tmp/healthy"}, "mv /bin /gone");
    row("cat after cat loses its execute bits", busybox, sleeper, "", {"cat", "/tmp/healthy"},
        "chmod 644 /bin/cat");
    row("cat a file on a volume that changes", busybox, sleeper, "", {"cat", "/data/index.html"}, "", "/data",
        "volume write");
    row("cat a file on a volume that is replaced", busybox, sleeper, "", {"cat", "/data/index.html"}, "",
        "/data", "volume replace");
    row("cat a file on a volume that is unmounted", busybox, sleeper, "", {"cat", "/data/index.html"}, "",
        "/data", "volume unmount");
    // Scripts runc finds in PATH: what it found is kept while the files keep their stamps.
    const QString script =
        "mkdir -p /usr/local/bin && printf '#!/bin/sh\\necho one\\n' > /usr/local/bin/probe && "
        "chmod +x /usr/local/bin/probe";
    row("a script in PATH whose #! line changes", busybox, sleeper, script, {"probe"},
        "printf '#!/bin/nosuch\\n' > /usr/local/bin/probe");
    row("a script in PATH that loses its #! line", busybox, sleeper, script, {"probe"},
        "echo 'echo two' > /usr/local/bin/probe");
    row("a script in PATH made not executable", busybox, sleeper, script, {"probe"},
        "chmod 644 /usr/local/bin/probe");
    row("a script in PATH removed", busybox, sleeper, script, {"probe"}, "rm /usr/local/bin/probe");
    row("a script by path that appears", busybox, sleeper, "", {"/tmp/probe"},
        "printf '#!/bin/sh\\necho late\\n' > /tmp/probe && chmod +x /tmp/probe");
    row("a script on a volume in PATH", busybox, sleeper, "", {"index.html"}, "", "/usr/local/bin",
        "volume script");
    row("test -f of a file that goes away", busybox, sleeper, "", {"test", "-f", "/tmp/healthy"},
        "rm -f /tmp/healthy");
    row("test -f of a file that appears", busybox, sleeper, "", {"test", "-f", "/tmp/ready"},
        "touch /tmp/ready");
    row("[ -f ]", busybox, sleeper, "", {"[", "-f", "/tmp/healthy", "]"}, "rm -f /tmp/healthy");
    row("[ without ]", busybox, sleeper, "", {"[", "-f", "/tmp/healthy"}, "");
    row("test without arguments", busybox, sleeper, "", {"test"}, "");
    row("test -d", busybox, sleeper, "", {"test", "-d", "/tmp"}, "rmdir /tmp/x 2>/dev/null; mkdir /tmp/x");
    row("test -x", busybox, sleeper, "", {"test", "-x", "/bin/sh"}, "");
    row("test -s of a file that fills", busybox, sleeper, "", {"test", "-s", "/tmp/healthy"},
        "echo full > /tmp/healthy");
    row("test with ! -a -o", busybox, sleeper, "",
        {"test", "!", "-e", "/nosuch", "-a", "-z", "", "-o", "-f", "/x"}, "");
    row("test a bad number", busybox, sleeper, "", {"test", "1", "-eq", "x"}, "");
    row("test an unknown operand", busybox, sleeper, "", {"test", "a", "b"}, "");
    row("test -f alone is a string", busybox, sleeper, "", {"test", "-f"}, "");
    row("test -e of an injected file", busybox, sleeper, "", {"test", "-e", "/etc/hosts"}, "");
    row("test -f on a volume", busybox, sleeper, "", {"test", "-f", "/data/index.html"}, "", "/data",
        "volume unmount");
    row("true", busybox, sleeper, "", {"true"}, "");
    row("false", busybox, sleeper, "", {"false"}, "");
    row("/bin/true", busybox, sleeper, "", {"/bin/true"}, "");
    row("true when the clock jumps", busybox, sleeper, "", {"true"}, "", "", "epoch");

    const QString nginx = "nginx:1.27";
    row("nginx: cat the shared welcome page", nginx, {}, "", {"cat", "/usr/share/nginx/html/index.html"},
        "echo changed > /usr/share/nginx/html/index.html");
    row("nginx: cat an injected file copies the image's files", nginx, {}, "", {"cat", "/etc/hostname"}, "");
    row("nginx: test -f on the shared files", nginx, {}, "", {"test", "-f", "/etc/nginx/nginx.conf"}, "");
    row("nginx: test -e of an injected file", nginx, {}, "", {"test", "-e", "/etc/hosts"}, "");
    row("nginx: test -z looks at no file", nginx, {}, "", {"test", "-z", ""}, "");
    row("nginx: test -z of an injected path looks at no file", nginx, {}, "", {"test", "-z", "/etc/hosts"},
        "");
    row("nginx: true with an injected path", nginx, {}, "", {"true", "/etc/hostname"}, "");
    row("nginx: test -f of an empty path", nginx, {}, "", {"test", "-f", ""}, "");
    row("nginx: cat a missing file", nginx, {}, "", {"cat", "/nosuch"}, "");
    row("nginx: nginx -v, a fixed answer (general path)", nginx, {}, "", {"nginx", "-v"}, "");

    const QString redis = "redis:7.2";
    row("redis-cli ping", redis, {}, "", {"redis-cli", "ping"}, "");
    row("redis-cli incr counts in the server", redis, {}, "", {"redis-cli", "incr", "n"}, "");
    row("redis-cli of an unknown command", redis, {}, "", {"redis-cli", "nosuch"}, "");

    const QString lab = "example.com/lab/app:1";
    const QStringList labSleeper{"sh", "-c", "sleep 86400"};
    row("uid 1000: cat a file only root reads", lab, labSleeper, "", {"cat", "/app/secret"}, "");
    row("uid 1000: cat relative to the working directory", lab, labSleeper, "", {"cat", "data"}, "");
    row("uid 1000: test -r", lab, labSleeper, "", {"test", "-r", "secret"}, "");
    row("uid 1000: a command not found", lab, labSleeper, "", {"nosuch", "x"}, "");
    row("uid 1000: cat a file on a volume made unreadable", lab, labSleeper, "", {"cat", "/data/index.html"},
        "", "/data", "volume chmod");
}

void TestDirectExec::sameAsTheShellProcess()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(QString, mount);
    QFETCH(QString, setup);
    QFETCH(QStringList, probe);
    QFETCH(QString, between);
    QFETCH(QString, change);

    FakeEnvironment fast(m_builtin);
    FakeEnvironment general(m_builtin);
    general.allowShortcuts = false;
    mountVolume(fast, mount);
    mountVolume(general, mount);
    Container c(config(image.toStdString(), command));
    QVERIFY(c.start(fast).ok);
    fast.t = 5000;
    c.wake(fast);
    if (!setup.isEmpty())
        QCOMPARE(c.exec({"sh", "-c", setup.toStdString()}, fast, 1000).exitCode, 0);

    Container a = c;
    Container b = c;
    const std::vector<std::string> argv = strings(probe);
    for (int round = 0; round < 4; ++round) {
        fast.t = general.t = 10000 + round * 10000;
        a.wake(fast);
        b.wake(general);
        const ExecResult ra = a.exec(argv, fast, 1000);
        const ExecResult rb = b.exec(argv, general, 1000);
        QCOMPARE(describe(ra), describe(rb));
        QVERIFY2(a == b, qPrintable(QString("round %1").arg(round)));
        QCOMPARE(sharesImageFiles(a), sharesImageFiles(b));
        if (round == 1) {
            if (!between.isEmpty()) {
                const std::vector<std::string> script{"sh", "-c", between.toStdString()};
                QCOMPARE(describe(a.exec(script, fast, 1000)), describe(b.exec(script, general, 1000)));
            }
            applyChange(change, fast);
            applyChange(change, general);
        }
    }
    QCOMPARE(logText(a), logText(b));
    QCOMPARE(a.processes().size(), b.processes().size());
}

void TestDirectExec::sameAsTheServerModel_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command"); // the container's; empty: the image's
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("mount");        // where the volume "www" is mounted ("" for nowhere)
    QTest::addColumn<QString>("setup");        // a script run before the copies are made ("" for none)
    QTest::addColumn<QStringList>("requests"); // each round sends these, in order (request())
    QTest::addColumn<QString>("between");      // a script run in both copies after the second round
    QTest::addColumn<QString>("change");       // and a change of their world (applyChange)
    QTest::addColumn<int>("status");           // the first answer's: the row tests what it says

    auto row = [&](const char* name, const QString& image, const QStringList& command, int port,
                   const QStringList& requests, int status, const QString& between = {},
                   const QString& change = {}, const QString& mount = {}, const QString& setup = {}) {
        QTest::newRow(name) << image << command << port << mount << setup << requests << between << change
                            << status;
    };
    const QString nginx = "nginx:1.27";
    const QString html = "/usr/share/nginx/html";
    row("nginx: the welcome page", nginx, {}, 80, {"GET /"}, 200);
    row("nginx: by name, and HEAD", nginx, {}, 80, {"GET /index.html", "HEAD /"}, 200);
    row("nginx: liveness and readiness, other agents", nginx, {}, 80,
        {"GET /", "GET /index.html curl/8.5.0", "GET / Mozilla/5.0 http://example.com/", "GET /"}, 200);
    row("nginx: more requests than it keeps", nginx, {}, 80,
        {"GET /", "GET /index.html", "HEAD /", "GET /50x.html", "GET /?a", "GET /index.html?b", "GET /"},
        200);
    row("nginx: a query string", nginx, {}, 80, {"GET /index.html?probe=1"}, 200);
    row("nginx: an encoded path", nginx, {}, 80, {"GET /%69ndex.html"}, 200);
    row("nginx: a missing page", nginx, {}, 80, {"GET /missing"}, 404);
    row("nginx: a page rewritten", nginx, {}, 80, {"GET /"}, 200, "echo changed > " + html + "/index.html");
    row("nginx: a page rewritten alike", nginx, {}, 80, {"GET /"}, 200,
        "cp " + html + "/index.html /tmp/x && cp /tmp/x " + html + "/index.html");
    row("nginx: a page touched", nginx, {}, 80, {"GET /"}, 200, "touch " + html + "/index.html");
    row("nginx: a page made unreadable", nginx, {}, 80, {"GET /"}, 200, "chmod 600 " + html + "/index.html");
    row("nginx: a page removed", nginx, {}, 80, {"GET /", "GET /index.html"}, 200,
        "rm " + html + "/index.html");
    row("nginx: an index.htm appears beside it", nginx, {}, 80, {"GET /"}, 200,
        "mv " + html + "/index.html " + html + "/index.htm");
    row("nginx: reloaded", nginx, {}, 80, {"GET /"}, 200, "nginx -s reload");
    row("nginx: quitting", nginx, {}, 80, {"GET /"}, 200, "nginx -s quit");
    row("nginx: another peer", nginx, {}, 80, {"GET /"}, 200, {}, "peer");
    row("nginx: the wall clock jumps", nginx, {}, 80, {"GET /"}, 200, {}, "epoch");
    row("nginx: a probe late", nginx, {}, 80, {"GET /"}, 200, {}, "delay");
    row("nginx: a volume", nginx, {}, 80, {"GET /"}, 200, {}, {}, html);
    row("nginx: a volume rewritten", nginx, {}, 80, {"GET /"}, 200, {}, "volume write", html);
    row("nginx: a volume made unreadable", nginx, {}, 80, {"GET /"}, 200, {}, "volume chmod", html);
    row("nginx: a volume replaced", nginx, {}, 80, {"GET /"}, 200, {}, "volume replace", html);
    row("nginx: a volume unmounted", nginx, {}, 80, {"GET /"}, 200, {}, "volume unmount", html);
    row("nginx: the page written before", nginx, {}, 80, {"GET /"}, 200, {}, {}, {},
        "echo mine > " + html + "/index.html");
    row("nginx:1.14.2", "nginx:1.14.2", {}, 80, {"GET /", "HEAD /index.html"}, 200);
    row("httpd: It works!", "httpd", {}, 80, {"GET /", "GET /index.html"}, 200);
    row("httpd: a page rewritten", "httpd", {}, 80, {"GET /"}, 200,
        "echo changed > /usr/local/apache2/htdocs/index.html");

    const QString web = "example.com/lab/web:1";
    row("lab: the time twice, with a month name", web, {"/bin/labd"}, 8080, {"GET /", "GET /index.html"},
        200);
    row("lab: the time twice, the clock jumps", web, {"/bin/labd"}, 8080, {"GET /"}, 200, {}, "epoch");
    row("lab: a file its workers may not read", web, {"/bin/labd"}, 8080, {"GET /private.html"}, 403);
    row("lab: a file its workers may read later", web, {"/bin/labd"}, 8080, {"GET /private.html"}, 403,
        "chmod 644 /srv/private.html");
    row("lab: an access log with its pid and age", web, {"/bin/labd-pid"}, 8080, {"GET /"}, 200);
    row("lab: an injected file", web, {"/bin/labd-root"}, 8080, {"GET /etc/hostname", "GET /srv/index.html"},
        200);
    row("lab: an injected file rewritten", web, {"/bin/labd-root"}, 8080, {"GET /etc/hostname"}, 200,
        "echo other > /etc/hostname");
    row("lab: an image file beside the injected ones", web, {"/bin/labd-root"}, 8080, {"GET /srv/index.html"},
        200, "echo other > /etc/hostname");
}

void TestDirectExec::sameAsTheServerModel()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(int, port);
    QFETCH(QString, mount);
    QFETCH(QString, setup);
    QFETCH(QStringList, requests);
    QFETCH(QString, between);
    QFETCH(QString, change);
    QFETCH(int, status);

    FakeEnvironment fast(m_builtin);
    FakeEnvironment general(m_builtin);
    general.allowShortcuts = false;
    mountVolume(fast, mount);
    mountVolume(general, mount);
    Container c(config(image.toStdString(), command));
    QVERIFY(c.start(fast).ok);
    fast.t = 5000;
    c.wake(fast);
    QVERIFY(c.listens(port));
    if (!setup.isEmpty())
        QCOMPARE(c.exec({"sh", "-c", setup.toStdString()}, fast, 1000).exitCode, 0);

    Container a = c;
    Container b = c;
    SimTime late = 0;
    for (int round = 0; round < 5; ++round) {
        fast.t = general.t = 10000 + round * 10000 + late;
        a.wake(fast);
        b.wake(general);
        for (qsizetype i = 0; i < requests.size(); ++i) {
            const shell::HttpRequest r = request(requests[i], port);
            const std::optional<shell::HttpResponse> ra = a.serveHttp(port, r, fast);
            const std::optional<shell::HttpResponse> rb = b.serveHttp(port, r, general);
            QCOMPARE(describe(ra), describe(rb));
            if (round == 0 && i == 0)
                QCOMPARE(ra ? ra->status : 0, status);
        }
        QCOMPARE(logText(a), logText(b));
        QVERIFY2(a == b, qPrintable(QString("round %1").arg(round)));
        QCOMPARE(sharesImageFiles(a), sharesImageFiles(b));
        if (round == 1) {
            if (!between.isEmpty()) {
                const std::vector<std::string> script{"sh", "-c", between.toStdString()};
                QCOMPARE(describe(a.exec(script, fast, 1000)), describe(b.exec(script, general, 1000)));
            }
            applyChange(change, fast);
            applyChange(change, general);
            if (change == "delay")
                late = 1234;
        }
    }
}

// The world is a value: a copy made after the runtime worked out the probes continues as the original does.
void TestDirectExec::copiesKeepWhatTheyWorkedOut()
{
    FakeEnvironment fast(m_builtin);
    Container original(
        config("busybox:1.36", {"sh", "-c", "touch /tmp/healthy; sleep 30; rm /tmp/healthy; sleep 600"}));
    QVERIFY(original.start(fast).ok);
    for (SimTime at = 5000; at <= 20000; at += 5000) {
        fast.t = at;
        original.wake(fast);
        QCOMPARE(original.exec({"cat", "/tmp/healthy"}, fast, 1000).exitCode, 0);
    }
    Container copy = original;
    FakeEnvironment general(m_builtin);
    general.allowShortcuts = false;
    Container reference = original;
    for (SimTime at = 25000; at <= 60000; at += 5000) {
        fast.t = general.t = at;
        original.wake(fast);
        copy.wake(fast);
        reference.wake(general);
        const ExecResult a = original.exec({"cat", "/tmp/healthy"}, fast, 1000);
        const ExecResult b = copy.exec({"cat", "/tmp/healthy"}, fast, 1000);
        const ExecResult r = reference.exec({"cat", "/tmp/healthy"}, general, 1000);
        QCOMPARE(describe(a), describe(r));
        QCOMPARE(describe(b), describe(r));
        QCOMPARE(a.exitCode, at < 30000 ? 0 : 1);
        QVERIFY(original == reference);
        QVERIFY(copy == reference);
    }
}

// The same for a served page: a copy that rewrites the page it shares with the original (copy on write)
// serves its own, the original still the old one, each as the general path does.
void TestDirectExec::servedCopiesKeepWhatTheyWorkedOut()
{
    FakeEnvironment fast(m_builtin);
    FakeEnvironment general(m_builtin);
    general.allowShortcuts = false;
    Container original(config("nginx:1.27", {}));
    QVERIFY(original.start(fast).ok);
    const shell::HttpRequest probe = request("GET /", 80);
    QCOMPARE(
        original.exec({"sh", "-c", "echo first > /usr/share/nginx/html/index.html"}, fast, 1000).exitCode, 0);
    for (SimTime at = 5000; at <= 20000; at += 5000) {
        fast.t = at;
        original.wake(fast);
        QCOMPARE(original.serveHttp(80, probe, fast)->body, std::string("first\n"));
    }
    Container copy = original;
    Container originalReference = original;
    fast.t = general.t = 22000;
    const std::vector<std::string> rewrite{"sh", "-c", "echo second > /usr/share/nginx/html/index.html"};
    QCOMPARE(copy.exec(rewrite, fast, 1000).exitCode, 0);
    Container copyReference = originalReference;
    QCOMPARE(copyReference.exec(rewrite, general, 1000).exitCode, 0);
    for (SimTime at = 25000; at <= 60000; at += 5000) {
        fast.t = general.t = at;
        for (Container* c : {&original, &copy})
            c->wake(fast);
        for (Container* c : {&originalReference, &copyReference})
            c->wake(general);
        const auto a = original.serveHttp(80, probe, fast);
        const auto b = copy.serveHttp(80, probe, fast);
        QCOMPARE(describe(a), describe(originalReference.serveHttp(80, probe, general)));
        QCOMPARE(describe(b), describe(copyReference.serveHttp(80, probe, general)));
        QCOMPARE(a->body, std::string("first\n"));
        QCOMPARE(b->body, std::string("second\n"));
        QVERIFY(original == originalReference);
        QVERIFY(copy == copyReference);
    }
}

QTEST_GUILESS_MAIN(TestDirectExec)
#include "tst_directexec.moc"
