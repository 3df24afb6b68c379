// The simulated container runtime: each documentation example's containers do and print what the pages say,
// through the built-in image catalogue's behaviour models.
#include "fakeenvironment.h"

#include <QRegularExpression>
#include <QTest>

using namespace podlab::sim;
using namespace podlab::sim::runtime;
using podlab::sim::runtime::testing::FakeEnvironment;

using Env = std::vector<std::pair<std::string, std::string>>;
Q_DECLARE_METATYPE(Env)

namespace {

const std::string kId = "3b1f6a2c9d8e7f60a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718";

std::vector<std::string> strings(const QStringList& list)
{
    std::vector<std::string> out;
    for (const QString& s : list)
        out.push_back(s.toStdString());
    return out;
}

QString stdoutOf(const Container& c)
{
    QString text;
    for (const LogEntry& e : c.logs())
        if (!e.stderr_)
            text += QString::fromStdString(e.text);
    return text;
}

QString stderrOf(const Container& c)
{
    QString text;
    for (const LogEntry& e : c.logs())
        if (e.stderr_)
            text += QString::fromStdString(e.text);
    return text;
}

// Lets the container run, as the kubelet's timers would, until `until`.
void runUntil(Container& c, FakeEnvironment& env, SimTime until)
{
    SimTime next = c.wake(env);
    while (next <= until) {
        env.t = next;
        next = c.wake(env);
    }
    env.t = until;
    c.wake(env);
}

// Lets the containers of one pod run together, in time order.
void runPodUntil(const std::vector<Container*>& pod, FakeEnvironment& env, SimTime until)
{
    while (true) {
        SimTime next = shell::kForever;
        for (Container* c : pod)
            next = std::min(next, c->wake(env));
        if (next > until)
            break;
        env.t = next;
    }
    env.t = until;
    for (Container* c : pod)
        c->wake(env);
}

shell::HttpRequest get(const std::string& url, Env headers = {})
{
    shell::HttpRequest r;
    r.url = url;
    r.headers = std::move(headers);
    return r;
}

std::string headerOf(const shell::HttpResponse& r, const std::string& name)
{
    for (const auto& [k, v] : r.headers)
        if (k == name)
            return v;
    return {};
}

} // namespace

class TestContainer : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void runsToItsEnd_data();
    void runsToItsEnd();
    void execLivenessTimeline();
    void httpLiveness_data();
    void httpLiveness();
    void nginxServes_data();
    void nginxServes();
    void nginxAccessLog();
    void nginxStartupLog_data();
    void nginxStartupLog();
    void nginxQuitByExecEndsGracefully();
    void preStopHookWaitsForNginx();
    void preStopHookLoopEndsWithTheContainer();
    void postStartHookWritesAFile();
    void twoContainerPodSharesAVolume();
    void initContainerFetchesThePageNginxServes();
    void stopSignals_data();
    void stopSignals();
    void memory_data();
    void memory();
    void cpuThrottledToTheLimit_data();
    void cpuThrottledToTheLimit();
    void busyLoopBurnsACpu();
    void redisConfig_data();
    void redisConfig();
    void etcdServesGrpcHealth();
    void helloApp_data();
    void helloApp();
    void agnhostNetexec_data();
    void agnhostNetexec();
    void agnhostExitHandlerEndsTheContainer();
    void otherServers_data();
    void otherServers();
    void serverStartedByAShellScript();
    void nginxFollowsAMountedConfiguration();
    void scriptsFromAVolume_data();
    void scriptsFromAVolume();
    void workingDirectoryIsCreated();
    void interactiveShellWaitsWhileStdinIsOpen_data();
    void interactiveShellWaitsWhileStdinIsOpen();
    void sidecarFollowsTheAppsLog();
    void execInAStoppedContainer();
    void execResults_data();
    void execResults();
    void execFailures_data();
    void execFailures();
    void startFailures_data();
    void startFailures();
    void environmentAsContainerdBuildsIt();
    void processesAsPsShowsThem_data();
    void processesAsPsShowsThem();
    void entrypointWrapperCannotFindTheCommand();
    void copiesContinueIdentically();
    void copiesAreIndependent();
    void imageFilesSharedUntilWritten();

private:
    ContainerConfig config(const std::string& image, const QStringList& command = {}, const QStringList& args = {},
                           const Env& env = {}) const;

    ImageCatalogue m_catalogue;
};

void TestContainer::initTestCase()
{
    m_catalogue = ImageCatalogue::builtin();
    QVERIFY(m_catalogue.repository("nginx"));
}

ContainerConfig TestContainer::config(const std::string& image, const QStringList& command, const QStringList& args,
                                      const Env& env) const
{
    const ImageResolution resolution = m_catalogue.resolve(image);
    if (!resolution.found())
        qFatal("image %s is not in the catalogue", image.c_str());
    ContainerConfig c;
    c.id = kId;
    c.name = "main";
    c.image = *resolution.image;
    c.command = strings(command);
    c.args = strings(args);
    c.env = env;
    c.injectedFiles = {{"/etc/hosts", "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n10.244.1.5\tdemo\n"},
                       {"/etc/hostname", "demo\n"},
                       {"/etc/resolv.conf", "search default.svc.cluster.local svc.cluster.local cluster.local\n"
                                            "nameserver 10.96.0.10\noptions ndots:5\n"}};
    return c;
}

// Containers that print and end: their log, and how Kubernetes reports the end.
void TestContainer::runsToItsEnd_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<Env>("env");
    QTest::addColumn<QString>("hostname");
    QTest::addColumn<int>("until");
    QTest::addColumn<QString>("out");
    QTest::addColumn<bool>("running");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");

    QTest::newRow("commands.yaml printenv HOSTNAME KUBERNETES_PORT")
        << "debian" << QStringList{"printenv"} << QStringList{"HOSTNAME", "KUBERNETES_PORT"}
        << Env{{"KUBERNETES_PORT", "tcp://10.3.240.1:443"}} << "command-demo" << 0
        << "command-demo\ntcp://10.3.240.1:443\n" << false << 0 << "Completed";
    QTest::newRow("printenv of an unset variable exits 1: Error")
        << "debian" << QStringList{"printenv"} << QStringList{"NOPE"} << Env{} << "demo" << 0 << "" << false << 1
        << "Error";
    QTest::newRow("dependent-envars printf loop, first round")
        << "busybox" << QStringList{"sh", "-c"}
        << QStringList{"while true; do echo -en '\\n'; printf UNCHANGED_REFERENCE=$UNCHANGED_REFERENCE'\\n'; printf "
                       "SERVICE_ADDRESS=$SERVICE_ADDRESS'\\n';printf ESCAPED_REFERENCE=$ESCAPED_REFERENCE'\\n'; sleep 30; "
                       "done;"}
        << Env{{"SERVICE_PORT", "80"},
               {"SERVICE_IP", "172.17.0.1"},
               {"UNCHANGED_REFERENCE", "$(PROTOCOL)://172.17.0.1:80"},
               {"PROTOCOL", "https"},
               {"SERVICE_ADDRESS", "https://172.17.0.1:80"},
               {"ESCAPED_REFERENCE", "$(PROTOCOL)://172.17.0.1:80"}}
        << "dependent-envars-demo" << 0
        << "\nUNCHANGED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\nSERVICE_ADDRESS=https://172.17.0.1:80\n"
           "ESCAPED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n"
        << true << 0 << "";
    const QString dapiRound = "\nworker-1\ndapi-envars-fieldref\ndefault\n10.244.1.5\ndefault\n";
    QTest::newRow("dapi-envars loop prints every 10 s")
        << "registry.k8s.io/busybox:1.27.2" << QStringList{"sh", "-c"}
        << QStringList{"while true; do echo -en '\\n'; printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE; printenv "
                       "MY_POD_IP MY_POD_SERVICE_ACCOUNT; sleep 10; done;"}
        << Env{{"MY_NODE_NAME", "worker-1"},
               {"MY_POD_NAME", "dapi-envars-fieldref"},
               {"MY_POD_NAMESPACE", "default"},
               {"MY_POD_IP", "10.244.1.5"},
               {"MY_POD_SERVICE_ACCOUNT", "default"}}
        << "dapi-envars-fieldref" << 25000 << dapiRound + dapiRound + dapiRound << true << 0 << "";
    QTest::newRow("printf pieces make one line")
        << "busybox" << QStringList{"sh", "-c", "printf 'a'; printf 'b\\nc'; sleep 1; printf 'd\\n'"} << QStringList{}
        << Env{} << "demo" << 2000 << "ab\ncd\n" << false << 0 << "Completed";
    QTest::newRow("two-container-pod debian writes and ends: Completed")
        << "debian" << QStringList{"/bin/sh"}
        << QStringList{"-c", "echo Hello from the debian container > /pod-data/index.html"} << Env{} << "two-containers"
        << 0 << "" << false << 0 << "Completed";
    QTest::newRow("hello-world prints its greeting")
        << "hello-world" << QStringList{} << QStringList{} << Env{} << "demo" << 0
        << "\nHello from Docker!\nThis message shows that your installation appears to be working correctly.\n"
        << false << 0 << "Completed";
    QTest::newRow("agnhost entrypoint-tester prints its arguments")
        << "registry.k8s.io/e2e-test-images/agnhost:2.40" << QStringList{} << QStringList{"entrypoint-tester", "a", "b"}
        << Env{} << "demo" << 0 << "/agnhost entrypoint-tester a b\n" << false << 0 << "Completed";
    QTest::newRow("stress with nothing to do ends at once")
        << "polinux/stress" << QStringList{"stress"} << QStringList{"--vm-bytes", "10M"} << Env{} << "demo" << 0
        << "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 0 vm, 0 hdd\n" << false << 0 << "Completed";
    QTest::newRow("stress --timeout ends when it runs out")
        << "polinux/stress" << QStringList{"stress"} << QStringList{"--vm", "1", "--vm-bytes", "1M", "--timeout", "5s"}
        << Env{} << "demo" << 6000 << "stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n" << false << 0
        << "Completed";
    QTest::newRow("sh -c exit 3: Error")
        << "busybox" << QStringList{"sh", "-c", "echo bye; exit 3"} << QStringList{} << Env{} << "demo" << 0
        << "bye\n" << false << 3 << "Error";
}

void TestContainer::runsToItsEnd()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(QStringList, args);
    QFETCH(Env, env);
    QFETCH(QString, hostname);
    QFETCH(int, until);
    QFETCH(QString, out);
    QFETCH(bool, running);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);

    FakeEnvironment fake(m_catalogue);
    fake.host = hostname.toStdString();
    fake.volumes.emplace("shared-data", fs::FileSystem());
    fake.mountPoints["/pod-data"] = "shared-data";
    Container c(config(image.toStdString(), command, args, env));
    const StartResult started = c.start(fake);
    QVERIFY2(started.ok, started.error.c_str());
    runUntil(c, fake, until);
    if (out.startsWith("\nHello from Docker"))
        QVERIFY(stdoutOf(c).startsWith(out));
    else
        QCOMPARE(stdoutOf(c), out);
    for (const LogEntry& e : c.logs()) // one line per entry, as the CRI log file has them
        QVERIFY(e.text.find('\n') == std::string::npos || e.text.find('\n') == e.text.size() - 1);
    QCOMPARE(c.running(), running);
    if (!running) {
        QVERIFY(c.termination());
        QCOMPARE(c.termination()->exitCode, exitCode);
        QCOMPARE(QString::fromStdString(c.termination()->reason), reason);
    }
    if (QTest::currentDataTag() == QByteArray("two-container-pod debian writes and ends: Completed")) {
        std::string page;
        QCOMPARE(fake.volumes.at("shared-data").readFile("/index.html", page), fs::Error::None);
        QCOMPARE(page, std::string("Hello from the debian container\n"));
    }
}

// pods/probe/exec-liveness.yaml: the file exists for 30 s, the probe fails after, and SIGTERM changes nothing.
void TestContainer::execLivenessTimeline()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("registry.k8s.io/busybox:1.27.2", {},
                       {"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"}));
    QVERIFY(c.start(fake).ok);
    QCOMPARE(c.wake(fake), SimTime(30000));
    auto probe = [&](SimTime at) {
        runUntil(c, fake, at);
        return c.exec({"cat", "/tmp/healthy"}, fake, 1000);
    };
    for (SimTime at : {5000, 10000, 25000, 30000 - 1}) {
        const ExecResult r = probe(at);
        QVERIFY(r.started);
        QCOMPARE(r.exitCode, 0);
    }
    const ExecResult failed = probe(35000);
    QCOMPARE(failed.exitCode, 1);
    QCOMPARE(failed.err, std::string("cat: can't open '/tmp/healthy': No such file or directory\n"));
    QCOMPARE(probe(45000).exitCode, 1);

    // The kubelet kills it after the third failure: busybox sh as PID 1 has no TERM handler, so it goes on
    // sleeping until the grace period ends in SIGKILL.
    QCOMPARE(c.signal(shell::kSigTerm, fake), SimTime(630000));
    QVERIFY(c.running());
    runUntil(c, fake, 75000);
    QVERIFY(c.running());
    c.signal(shell::kSigKill, fake);
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->exitCode, 137);
    QCOMPARE(c.termination()->signal, 9);
    QCOMPARE(c.termination()->reason, std::string("Error"));
    QCOMPARE(c.termination()->finishedAt, SimTime(75000));
}

// pods/probe/http-liveness.yaml and its older version: /healthz answers 200 for 10 s, then 500.
void TestContainer::httpLiveness_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("at");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");

    const QString agnhost = "registry.k8s.io/e2e-test-images/agnhost:2.40";
    QTest::newRow("agnhost liveness at 3 s: ok") << agnhost << QStringList{"liveness"} << 3000 << 200 << "ok";
    QTest::newRow("agnhost liveness at 10 s: still ok") << agnhost << QStringList{"liveness"} << 10000 << 200 << "ok";
    QTest::newRow("agnhost liveness at 10.5 s: 500") << agnhost << QStringList{"liveness"} << 10500 << 500
                                                     << "error: 10.5";
    QTest::newRow("agnhost liveness at 12 s: 500") << agnhost << QStringList{"liveness"} << 12000 << 500
                                                   << "error: 12";
    QTest::newRow("k8s.gcr.io/liveness /server at 6 s: ok") << "k8s.gcr.io/liveness" << QStringList{"/server"} << 6000
                                                            << 200 << "ok";
    QTest::newRow("k8s.gcr.io/liveness /server at 18 s: 500") << "k8s.gcr.io/liveness" << QStringList{"/server"}
                                                              << 18000 << 500 << "error: 18";
}

void TestContainer::httpLiveness()
{
    QFETCH(QString, image);
    QFETCH(QStringList, args);
    QFETCH(int, at);
    QFETCH(int, status);
    QFETCH(QString, body);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), {}, args));
    QVERIFY(c.start(fake).ok);
    QVERIFY(!c.listens(8080)); // not before its startup time
    QVERIFY(!c.serveHttp(8080, get("http://10.244.1.5:8080/healthz"), fake));
    runUntil(c, fake, at);
    QVERIFY(c.listens(8080));
    const auto r = c.serveHttp(8080, get("http://10.244.1.5:8080/healthz", {{"Custom-Header", "Awesome"}}), fake);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(QString::fromStdString(r->body), body);
    QCOMPARE(headerOf(*r, "Content-Type"), std::string("text/plain; charset=utf-8"));
    const auto missing = c.serveHttp(8080, get("http://10.244.1.5:8080/nope"), fake);
    QCOMPARE(missing->status, 404);
    QCOMPARE(missing->body, std::string("404 page not found\n"));
}

void TestContainer::nginxServes_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("bodyContains");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<QString>("server");

    QTest::newRow("nginx / serves index.html") << "nginx" << "/" << 200 << "<h1>Welcome to nginx!</h1>" << "text/html"
                                               << "nginx/1.27.5";
    QTest::newRow("nginx /index.html") << "nginx" << "/index.html" << 200 << "Thank you for using nginx." << "text/html"
                                       << "nginx/1.27.5";
    QTest::newRow("nginx /50x.html") << "nginx" << "/50x.html" << 200 << "An error occurred." << "text/html"
                                     << "nginx/1.27.5";
    QTest::newRow("nginx missing page: 404 page") << "nginx" << "/missing" << 404
                                                  << "<center><h1>404 Not Found</h1></center>\n<hr><center>nginx/1.27.5"
                                                  << "text/html" << "nginx/1.27.5";
    QTest::newRow("nginx:1.14.2 404 has the old page") << "nginx:1.14.2" << "/x" << 404 << "<body bgcolor=\"white\">"
                                                       << "text/html" << "nginx/1.14.2";
    QTest::newRow("nginx:1.14.2 welcome page") << "nginx:1.14.2" << "/" << 200 << "Welcome to nginx!" << "text/html"
                                               << "nginx/1.14.2";
    QTest::newRow("nginx .. cannot leave the document root") << "nginx" << "/../../etc/passwd" << 404 << "404 Not Found"
                                                             << "text/html" << "nginx/1.27.5";
    QTest::newRow("httpd It works!") << "httpd" << "/" << 200 << "<h1>It works!</h1>" << "text/html"
                                     << "Apache/2.4.65 (Unix)";
    QTest::newRow("httpd 404") << "httpd" << "/nope" << 404 << "The requested URL was not found on this server."
                               << "text/html" << "Apache/2.4.65 (Unix)";
}

void TestContainer::nginxServes()
{
    QFETCH(QString, image);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, bodyContains);
    QFETCH(QString, contentType);
    QFETCH(QString, server);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString()));
    QVERIFY(c.start(fake).ok);
    QVERIFY(!c.serveHttp(80, get("http://10.244.1.5/"), fake)); // still starting
    runUntil(c, fake, 1000);
    QVERIFY(c.listens(80));
    QVERIFY(!c.listens(8080));
    const auto r = c.serveHttp(80, get("http://10.244.1.5" + path.toStdString()), fake);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QVERIFY2(QString::fromStdString(r->body).contains(bodyContains), r->body.c_str());
    QCOMPARE(QString::fromStdString(headerOf(*r, "Content-Type")), contentType);
    QCOMPARE(QString::fromStdString(headerOf(*r, "Server")), server);
    QCOMPARE(headerOf(*r, "Content-Length"), std::to_string(r->body.size()));
}

void TestContainer::nginxAccessLog()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx:1.14.2"));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 12000);
    QCOMPARE(stdoutOf(c), QString());
    c.serveHttp(80, get("http://10.244.1.5/", {{"User-Agent", "kube-probe/1.34"}, {"Accept", "*/*"}}), fake);
    fake.peer = "10.244.1.7";
    c.serveHttp(80, get("http://10.244.1.5/missing", {{"User-Agent", "curl/8.5.0"}}), fake);
    // nginx sends its built-in error pages with CRLF line ends (169 bytes here); the catalogue writes them with LF.
    QEXPECT_FAIL("", "catalogue data: nginx error pages need CRLF line ends", Continue);
    QCOMPARE(stdoutOf(c),
             QString("10.244.1.1 - - [01/Jan/2026:00:00:12 +0000] \"GET / HTTP/1.1\" 200 612 \"-\" \"kube-probe/1.34\" \"-\"\n"
                     "10.244.1.7 - - [01/Jan/2026:00:00:12 +0000] \"GET /missing HTTP/1.1\" 404 169 \"-\" \"curl/8.5.0\" "
                     "\"-\"\n"));
    QCOMPARE(c.logs().back().time, SimTime(12000));
}

// Alone, and as the third pod of a template: the runtime keeps the later pods' start-up lines as one burst the
// cluster shares (SharedLines), and their environment as one block but for HOSTNAME (SharedTexts); what each
// container shows is its own all the same.
void TestContainer::nginxStartupLog_data()
{
    QTest::addColumn<int>("pods");
    QTest::newRow("one pod") << 1;
    QTest::newRow("three pods of one template") << 3;
}

void TestContainer::nginxStartupLog()
{
    QFETCH(int, pods);
    SharedLines lines;
    SharedTexts texts;
    FakeEnvironment fake(m_catalogue);
    fake.lines = &lines;
    fake.texts = &texts;
    std::vector<Container> earlier;
    for (int i = 1; i < pods; ++i) {
        fake.host = "web-" + std::to_string(i);
        earlier.emplace_back(config("nginx:1.27.5"));
        QVERIFY(earlier.back().start(fake).ok);
    }
    fake.host = "web-" + std::to_string(pods);
    Container c(config("nginx:1.27.5"));
    QVERIFY(c.start(fake).ok);
    QCOMPARE(c.exec({"printenv", "HOSTNAME"}, fake, 0).out, fake.host + "\n");
    if (!earlier.empty()) {
        QCOMPARE(earlier.front().exec({"printenv", "HOSTNAME"}, fake, 0).out, std::string("web-1\n"));
        QCOMPARE(texts.size(), size_t(1)); // one environment block for all of them
        QVERIFY(c.logs() == earlier.front().logs());
    }
    QCOMPARE(stdoutOf(c),
             QString("/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration\n"
                     "/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/\n"
                     "/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh\n"
                     "10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf\n"
                     "10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf\n"
                     "/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh\n"
                     "/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh\n"
                     "/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh\n"
                     "/docker-entrypoint.sh: Configuration complete; ready for start up\n"));
    QCOMPARE(stderrOf(c), QString("2026/01/01 00:00:00 [notice] 1#1: using the \"epoll\" event method\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: nginx/1.27.5\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14) \n"
                                  "2026/01/01 00:00:00 [notice] 1#1: OS: Linux 6.1.0-18-amd64\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: start worker processes\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: start worker process 29\n"
                                  "2026/01/01 00:00:00 [notice] 1#1: start worker process 30\n"));
}

// `kubectl exec … -- nginx -s quit`: the master shuts down gracefully and the container completes.
void TestContainer::nginxQuitByExecEndsGracefully()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx:1.27.5"));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 5000);
    const size_t before = c.logs().size();
    const ExecResult r = c.exec({"nginx", "-s", "quit"}, fake, 10000);
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.err, std::string("2026/01/01 00:00:05 [notice] 31#31: signal process started\n"));
    QVERIFY(c.running()); // finishing what it serves
    QVERIFY(!c.listens(80));
    QCOMPARE(c.wake(fake), SimTime(5100));
    runUntil(c, fake, 5100);
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->exitCode, 0);
    QCOMPARE(c.termination()->reason, std::string("Completed"));
    QCOMPARE(c.termination()->finishedAt, SimTime(5100));
    QString quitLog;
    for (size_t i = before; i < c.logs().size(); ++i)
        quitLog += QString::fromStdString(c.logs()[i].text);
    QCOMPARE(quitLog, QString("2026/01/01 00:00:05 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n"
                              "2026/01/01 00:00:05 [notice] 29#29: gracefully shutting down\n"
                              "2026/01/01 00:00:05 [notice] 30#30: gracefully shutting down\n"
                              "2026/01/01 00:00:05 [notice] 29#29: exiting\n"
                              "2026/01/01 00:00:05 [notice] 30#30: exiting\n"
                              "2026/01/01 00:00:05 [notice] 29#29: exit\n"
                              "2026/01/01 00:00:05 [notice] 30#30: exit\n"
                              "2026/01/01 00:00:05 [notice] 1#1: signal 17 (SIGCHLD) received from 29\n"
                              "2026/01/01 00:00:05 [notice] 1#1: signal 17 (SIGCHLD) received from 30\n"
                              "2026/01/01 00:00:05 [notice] 1#1: worker process 29 exited with code 0\n"
                              "2026/01/01 00:00:05 [notice] 1#1: worker process 30 exited with code 0\n"
                              "2026/01/01 00:00:05 [notice] 1#1: exit\n"));
}

// pods/lifecycle-events.yaml preStop: `nginx -s quit; while killall -0 nginx; do sleep 1; done`. The nginx
// image is Debian without psmisc: there is no killall, so the loop ends at once, and nginx drains for 100 ms.
void TestContainer::preStopHookWaitsForNginx()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx"));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 20000);
    const ExecResult r =
        c.exec({"/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"}, fake, 30000);
    QVERIFY(r.started);
    QVERIFY(!r.timedOut);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(r.duration, SimTime(0));
    QVERIFY2(QString::fromStdString(r.err).contains("killall: not found"), r.err.c_str());
    QVERIFY(c.running());
    runUntil(c, fake, 20100);
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->reason, std::string("Completed"));
    QCOMPARE(c.termination()->finishedAt, SimTime(20100));
}

// The same hook where killall exists (busybox): the loop's sleeps run in the hook's own time, nginx is gone a
// tenth of a second in, and the hook's shell dies with the container (FailedPreStopHook, exit 137).
void TestContainer::preStopHookLoopEndsWithTheContainer()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("busybox", {"sh", "-c", "sleep 3600"}));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    const ExecResult r = c.exec({"sh", "-c", "kill -9 1; while killall -0 sh; do sleep 1; done"}, fake, 30000);
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, 137);
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->exitCode, 137);
}

// pods/lifecycle-events.yaml postStart: the handler's file is there for `kubectl exec … cat` afterwards.
void TestContainer::postStartHookWritesAFile()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx"));
    QVERIFY(c.start(fake).ok);
    const ExecResult hook =
        c.exec({"/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"}, fake, 30000);
    QVERIFY(hook.started);
    QCOMPARE(hook.exitCode, 0);
    runUntil(c, fake, 60000);
    const ExecResult cat = c.exec({"cat", "/usr/share/message"}, fake, 30000);
    QCOMPARE(cat.exitCode, 0);
    QCOMPARE(cat.out, std::string("Hello from the postStart handler\n"));
}

// pods/two-container-pod.yaml: what the debian container writes into the shared emptyDir, nginx serves.
void TestContainer::twoContainerPodSharesAVolume()
{
    FakeEnvironment fake(m_catalogue);
    fake.host = "two-containers";
    fake.volumes.emplace("shared-data", fs::FileSystem());
    fake.mountPoints["/usr/share/nginx/html"] = "shared-data";
    Container nginx(config("nginx"));
    QVERIFY(nginx.start(fake).ok);
    fake.mountPoints.clear();
    fake.mountPoints["/pod-data"] = "shared-data";
    Container debian(config("debian", {"/bin/sh"}, {"-c", "echo Hello from the debian container > /pod-data/index.html"}));
    QVERIFY(debian.start(fake).ok);
    QVERIFY(!debian.running());
    QCOMPARE(debian.termination()->reason, std::string("Completed"));

    fake.mountPoints.clear();
    fake.mountPoints["/usr/share/nginx/html"] = "shared-data";
    fake.pod = {&nginx};
    runUntil(nginx, fake, 5000);
    const auto page = nginx.serveHttp(80, get("http://10.244.1.5/"), fake);
    QCOMPARE(page->status, 200);
    QCOMPARE(page->body, std::string("Hello from the debian container\n"));
    // `kubectl exec -it two-containers -c nginx-container -- curl localhost`: curl in nginx reaches nginx.
    const ExecResult curl = nginx.exec({"curl", "localhost"}, fake, 10000);
    QCOMPARE(curl.exitCode, 0);
    QCOMPARE(curl.out, std::string("Hello from the debian container\n"));
    QVERIFY(stdoutOf(nginx).contains("\"GET / HTTP/1.1\" 200 32"));

    // busybox's wget names itself in the access log, or as -U says.
    Container busybox(config("busybox", {"sleep", "3600"}));
    QVERIFY(busybox.start(fake).ok);
    const ExecResult fetched = busybox.exec({"wget", "-O", "/dev/null", "http://localhost/"}, fake, 10000);
    QCOMPARE(fetched.exitCode, 0); // the null device takes the page, whatever view of the files the exec has
    QVERIFY2(fetched.err == std::string("Connecting to localhost (127.0.0.1:80)\nsaving to '/dev/null'\n"
                                      "null                 100% |********************************|    32  0:00:00 ETA\n"
                                      "'/dev/null' saved\n"), fetched.err.c_str());
    QVERIFY2(stdoutOf(nginx).contains("\"GET / HTTP/1.1\" 200 32 \"-\" \"Wget\""), qPrintable(stdoutOf(nginx)));
    QCOMPARE(busybox.exec({"wget", "-q", "-U", "lesson-3", "-O", "-", "http://localhost/"}, fake, 10000).exitCode, 0);
    QVERIFY(stdoutOf(nginx).contains("\"GET / HTTP/1.1\" 200 32 \"-\" \"lesson-3\""));
}

// pods/init-containers.yaml: busybox fetches a page into the emptyDir that is nginx's web root.
void TestContainer::initContainerFetchesThePageNginxServes()
{
    FakeEnvironment fake(m_catalogue);
    fake.host = "init-demo";
    fake.volumes.emplace("workdir", fs::FileSystem());
    shell::HttpResponse cern;
    cern.outcome = shell::HttpResponse::Outcome::Ok;
    cern.address = "188.184.67.127";
    cern.body = "<html><body><h1>http://info.cern.ch - home of the first website</h1></body></html>\n";
    fake.web["http://info.cern.ch"] = cern;
    fake.mountPoints["/work-dir"] = "workdir";
    Container install(config("busybox:1.28", {"wget", "-O", "/work-dir/index.html", "http://info.cern.ch"}));
    QVERIFY(install.start(fake).ok);
    runUntil(install, fake, 2000);
    QVERIFY(!install.running());
    QCOMPARE(install.termination()->exitCode, 0);
    QCOMPARE(install.termination()->reason, std::string("Completed"));

    fake.mountPoints.clear();
    fake.mountPoints["/usr/share/nginx/html"] = "workdir";
    Container nginx(config("nginx"));
    QVERIFY(nginx.start(fake).ok);
    runUntil(nginx, fake, 3000);
    const auto page = nginx.serveHttp(80, get("http://10.244.1.5/"), fake);
    QCOMPARE(page->status, 200);
    QCOMPARE(page->body, cern.body);
}

void TestContainer::stopSignals_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("signal");
    QTest::addColumn<int>("exitAfter"); // -1: keeps running
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("logged");

    QTest::newRow("pause exits 0 on TERM") << "registry.k8s.io/pause:3.10" << QStringList{} << QStringList{} << 15 << 0
                                           << 0 << "Completed" << "Shutting down, got signal: Terminated\n";
    QTest::newRow("pause exits 0 on INT") << "registry.k8s.io/pause:3.10" << QStringList{} << QStringList{} << 2 << 0
                                          << 0 << "Completed" << "Shutting down, got signal: Interrupt\n";
    QTest::newRow("pause ignores HUP as PID 1") << "registry.k8s.io/pause:3.10" << QStringList{} << QStringList{} << 1
                                                << -1 << 0 << "" << "";
    QTest::newRow("Go liveness server exits 2 on TERM")
        << "registry.k8s.io/e2e-test-images/agnhost:2.40" << QStringList{} << QStringList{"liveness"} << 15 << 0 << 2
        << "Error" << "";
    QTest::newRow("hello-app exits 2 on TERM") << "gcr.io/google-samples/hello-app:2.0" << QStringList{}
                                               << QStringList{} << 15 << 0 << 2 << "Error" << "";
    QTest::newRow("busybox sh -c ignores TERM as PID 1")
        << "busybox" << QStringList{"sh", "-c", "sleep 3600"} << QStringList{} << 15 << -1 << 0 << "" << "";
    QTest::newRow("busybox sh -c with a TERM trap exits after its sleep")
        << "busybox" << QStringList{"sh", "-c", "trap 'echo caught; exit 0' TERM; while true; do sleep 1; done"}
        << QStringList{} << 15 << 1000 << 0 << "Completed" << "caught\n";
    QTest::newRow("SIGKILL ends anything: 137") << "busybox" << QStringList{"sh", "-c", "sleep 3600"} << QStringList{}
                                                << 9 << 0 << 137 << "Error" << "";
    QTest::newRow("nginx:1.14.2 exits at once on TERM") << "nginx:1.14.2" << QStringList{} << QStringList{} << 15 << 0
                                                        << 0 << "Completed" << "";
    QTest::newRow("nginx exits on TERM and says so")
        << "nginx" << QStringList{} << QStringList{} << 15 << 0 << 0 << "Completed"
        << "2026/01/01 00:00:02 [notice] 1#1: signal 15 (SIGTERM) received, exiting\n";
    QTest::newRow("nginx QUIT (its stop signal) drains for 100 ms")
        << "nginx" << QStringList{} << QStringList{} << 3 << 100 << 0 << "Completed"
        << "2026/01/01 00:00:02 [notice] 1#1: signal 3 (SIGQUIT) received, shutting down\n";
    QTest::newRow("nginx HUP reloads and keeps running") << "nginx" << QStringList{} << QStringList{} << 1 << -1 << 0
                                                         << "" << "2026/01/01 00:00:02 [notice] 1#1: reconfiguring\n";
    QTest::newRow("redis shuts down on TERM")
        << "redis:7.4.6" << QStringList{} << QStringList{} << 15 << 0 << 0 << "Completed"
        << "1:signal-handler (1767225602) Received SIGTERM scheduling shutdown...\n";
    QTest::newRow("stress installs no handler: TERM ignored")
        << "polinux/stress" << QStringList{"stress"} << QStringList{"--vm", "1", "--vm-bytes", "10M"} << 15 << -1 << 0
        << "" << "";
    QTest::newRow("etcd shuts down gracefully on TERM")
        << "registry.k8s.io/etcd:3.5.1-0" << QStringList{"/usr/local/bin/etcd"} << QStringList{} << 15 << 100 << 0
        << "Completed" << "\"msg\":\"received signal; shutting down\",\"signal\":\"terminated\"}\n";
    QTest::newRow("agnhost pause exits 2 on TERM") << "registry.k8s.io/e2e-test-images/agnhost:2.40" << QStringList{}
                                                   << QStringList{} << 15 << 0 << 2 << "Error" << "exiting 2\n";
}

void TestContainer::stopSignals()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(QStringList, args);
    QFETCH(int, signal);
    QFETCH(int, exitAfter);
    QFETCH(int, exitCode);
    QFETCH(QString, reason);
    QFETCH(QString, logged);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), command, args));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 2000);
    QVERIFY(c.running());
    c.signal(signal, fake);
    if (exitAfter < 0) {
        runUntil(c, fake, 60000);
        QVERIFY(c.running());
    } else {
        runUntil(c, fake, 2000 + exitAfter - 1);
        QCOMPARE(c.running(), exitAfter == 0 ? false : true);
        runUntil(c, fake, 2000 + exitAfter);
        QVERIFY(!c.running());
        QCOMPARE(c.termination()->exitCode, exitCode);
        QCOMPARE(QString::fromStdString(c.termination()->reason), reason);
        QCOMPARE(c.termination()->finishedAt, SimTime(2000 + exitAfter));
    }
    QVERIFY2((stdoutOf(c) + stderrOf(c)).contains(logged), qPrintable(stdoutOf(c) + stderrOf(c)));
}

// pods/resource/memory-request-limit*.yaml: stress holds 150 MiB within a 200 MiB limit, and is OOM-killed
// when asked for 250 MiB under 100 MiB.
void TestContainer::memory_data()
{
    QTest::addColumn<QString>("bytes");
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<qint64>("usage"); // at 2 s; -1: OOM-killed before
    QTest::addColumn<qint64>("oomAt");

    QTest::newRow("memory-request-limit: 150M under 200Mi") << "150M" << qint64(200) * 1048576 << qint64(162856960)
                                                             << qint64(-1);
    QTest::newRow("memory-request-limit-2: 250M over 100Mi: OOMKilled") << "250M" << qint64(100) * 1048576
                                                                         << qint64(-1) << qint64(379);
    QTest::newRow("no limit at all") << "250M" << qint64(0) << qint64(262144000 + 5570560) << qint64(-1);
}

void TestContainer::memory()
{
    QFETCH(QString, bytes);
    QFETCH(qint64, limit);
    QFETCH(qint64, usage);
    QFETCH(qint64, oomAt);

    FakeEnvironment fake(m_catalogue);
    ContainerConfig cfg = config("polinux/stress", {"stress"}, {"--vm", "1", "--vm-bytes", bytes, "--vm-hang", "1"});
    cfg.memoryLimitBytes = limit;
    Container c(cfg);
    QVERIFY(c.start(fake).ok);
    QCOMPARE(stdoutOf(c), QString("stress: info: [1] dispatching hogs: 0 cpu, 0 io, 1 vm, 0 hdd\n"));
    QVERIFY(c.memoryBytes(500) > c.memoryBytes(100)); // it ramps up
    runUntil(c, fake, 2000);
    if (oomAt >= 0) {
        QVERIFY(!c.running());
        QCOMPARE(c.termination()->exitCode, 137);
        QCOMPARE(c.termination()->signal, 9);
        QCOMPARE(c.termination()->reason, std::string("OOMKilled"));
        QCOMPARE(c.termination()->finishedAt, SimTime(oomAt));
        QCOMPARE(c.memoryBytes(2000), int64_t(0));
        return;
    }
    QVERIFY(c.running());
    QCOMPARE(c.memoryBytes(2000), int64_t(usage));
}

// pods/resource/cpu-request-limit.yaml: vish/stress spins two threads; the limit of one CPU throttles them.
void TestContainer::cpuThrottledToTheLimit_data()
{
    QTest::addColumn<qint64>("limit");
    QTest::addColumn<int>("nodeCpus");
    QTest::addColumn<qint64>("usage");

    QTest::newRow("cpu-request-limit: 2 threads, limit 1") << qint64(1000) << 2 << qint64(1000);
    QTest::newRow("no limit, 4-CPU node: both threads") << qint64(0) << 4 << qint64(2000);
    QTest::newRow("no limit, 1-CPU node: the node's one") << qint64(0) << 1 << qint64(1000);
    QTest::newRow("cpu-request-limit-2: limit 100 CPUs, 2 threads") << qint64(100000) << 4 << qint64(2000);
}

void TestContainer::cpuThrottledToTheLimit()
{
    QFETCH(qint64, limit);
    QFETCH(int, nodeCpus);
    QFETCH(qint64, usage);

    FakeEnvironment fake(m_catalogue);
    fake.cpus = nodeCpus;
    ContainerConfig cfg = config("vish/stress", {}, {"-cpus", "2"});
    cfg.cpuLimitMillis = limit;
    Container c(cfg);
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 60000);
    QVERIFY(c.running());
    QCOMPARE(c.cpuMillicores(60000), int64_t(usage));
    QCOMPARE(stderrOf(c), QString("I0101 00:00:00.000000       1 main.go:26] Allocating \"0\" memory, in \"4Ki\" chunks, "
                                  "with a 1ms sleep between allocations\n"
                                  "I0101 00:00:00.000000       1 main.go:39] Spawning a thread to consume CPU\n"
                                  "I0101 00:00:00.000000       1 main.go:39] Spawning a thread to consume CPU\n"));
}

// A script that never sleeps burns a CPU (throttled to its limit) and never ends; an exec that does times out.
void TestContainer::busyLoopBurnsACpu()
{
    FakeEnvironment fake(m_catalogue);
    ContainerConfig cfg = config("busybox", {"sh", "-c", "i=0; while true; do i=$((i+1)); done"});
    cfg.cpuLimitMillis = 500;
    Container c(cfg);
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 30000);
    QVERIFY(c.running());
    QCOMPARE(c.cpuMillicores(30000), int64_t(500));
    QCOMPARE(c.processes().front().state, 'R');
    const ExecResult probe = c.exec({"sh", "-c", "while :; do :; done"}, fake, 1000);
    QVERIFY(probe.timedOut);
    QCOMPARE(probe.duration, SimTime(1000));
}

// The configure-redis tutorial: CONFIG GET answers from Redis's defaults, or from the ConfigMap's redis.conf
// read at start.
void TestContainer::redisConfig_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("configFile"); // mounted at /redis-master/redis.conf; "-": no volume
    QTest::addColumn<QStringList>("exec");
    QTest::addColumn<QString>("stdinData");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("startLog");

    const QStringList conf{"redis-server", "/redis-master/redis.conf"};
    QTest::newRow("no config: maxmemory 0")
        << "redis:5" << QStringList{} << "-" << QStringList{"redis-cli", "CONFIG", "GET", "maxmemory"} << ""
        << "maxmemory\n0\n" << "Warning: no config file specified";
    QTest::newRow("empty ConfigMap file: maxmemory 0 and noeviction, as typed after kubectl exec -it")
        << "redis:8.2.2" << conf << "" << QStringList{"redis-cli"}
        << "CONFIG GET maxmemory\nCONFIG GET maxmemory-policy\n"
        << "1) \"maxmemory\"\n2) \"0\"\n1) \"maxmemory-policy\"\n2) \"noeviction\"\n" << "Configuration loaded";
    QTest::newRow("example-redis-config: 2mb and allkeys-lru")
        << "redis:8.2.2" << conf << "maxmemory 2mb\nmaxmemory-policy allkeys-lru\n" << QStringList{"redis-cli"}
        << "CONFIG GET maxmemory\nCONFIG GET maxmemory-policy\n"
        << "1) \"maxmemory\"\n2) \"2097152\"\n1) \"maxmemory-policy\"\n2) \"allkeys-lru\"\n" << "Configuration loaded";
    QTest::newRow("redis-pod.yaml: the .conf argument goes through the entrypoint")
        << "redis:5" << QStringList{"/redis-master/redis.conf"} << "maxmemory 2mb\nmaxmemory-policy allkeys-lru\n"
        << QStringList{"redis-cli", "CONFIG", "GET", "maxmemory*"} << ""
        << "maxmemory\n2097152\nmaxmemory-policy\nallkeys-lru\n" << "# Configuration loaded";
    QTest::newRow("--maxmemory on the command line") << "redis:7.4.6" << QStringList{"--maxmemory", "100mb"} << "-"
                                                     << QStringList{"redis-cli", "config", "get", "maxmemory"} << ""
                                                     << "maxmemory\n104857600\n" << "Redis is starting";
    QTest::newRow("redis-cli ping") << "redis:7.4.6" << QStringList{} << "-" << QStringList{"redis-cli", "ping"} << ""
                                    << "PONG\n" << "Ready to accept connections tcp";
    QTest::newRow("SET then GET through sh -c")
        << "redis:7.4.6" << QStringList{} << "-"
        << QStringList{"sh", "-c", "redis-cli set greeting hello && redis-cli get greeting"} << "" << "OK\nhello\n"
        << "Server initialized";
    QTest::newRow("unknown command") << "redis:7.4.6" << QStringList{} << "-" << QStringList{"redis-cli"} << "FROB x\n"
                                     << "(error) ERR unknown command 'FROB', with args beginning with: 'x' \n"
                                     << "Server initialized";
}

void TestContainer::redisConfig()
{
    QFETCH(QString, image);
    QFETCH(QStringList, args);
    QFETCH(QString, configFile);
    QFETCH(QStringList, exec);
    QFETCH(QString, stdinData);
    QFETCH(QString, out);
    QFETCH(QString, startLog);

    FakeEnvironment fake(m_catalogue);
    if (configFile != "-") {
        fs::FileSystem& volume = fake.volumes[std::string("config")];
        volume.writeFile("/redis.conf", configFile.toStdString());
        fake.mountPoints["/redis-master"] = "config";
    }
    Container c(config(image.toStdString(), {}, args));
    QVERIFY(c.start(fake).ok);
    QVERIFY2(stdoutOf(c).contains(startLog), qPrintable(stdoutOf(c)));
    runUntil(c, fake, 1000);
    QVERIFY(c.listens(6379));
    const ExecResult r = c.exec(strings(exec), fake, 10000, stdinData.toStdString());
    QVERIFY(r.started);
    QCOMPARE(QString::fromStdString(r.out), out);
    // The server runs as the redis user the entrypoint drops to.
    QCOMPARE(c.processes().front().command, std::string("redis-server *:6379"));
    QCOMPARE(c.processes().front().user, std::string("redis"));
}

// pods/probe/grpc-liveness.yaml: etcd answers the gRPC health service on 2379 once it has started.
void TestContainer::etcdServesGrpcHealth()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("registry.k8s.io/etcd:3.5.1-0",
                       {"/usr/local/bin/etcd", "--data-dir", "/var/lib/etcd", "--listen-client-urls", "http://0.0.0.0:2379",
                        "--advertise-client-urls", "http://127.0.0.1:2379", "--log-level", "debug"}));
    QVERIFY(c.start(fake).ok);
    QCOMPARE(c.grpcHealth(2379, "", fake), std::string());
    runUntil(c, fake, 499);
    QVERIFY(!c.listens(2379));
    runUntil(c, fake, 10000);
    QCOMPARE(c.grpcHealth(2379, "", fake), std::string("SERVING"));
    QCOMPARE(c.grpcHealth(2379, "etcdserverpb.KV", fake), std::string("SERVICE_UNKNOWN"));
    QCOMPARE(c.grpcHealth(2380, "", fake), std::string());
    const auto health = c.serveHttp(2379, get("http://10.244.1.5:2379/health"), fake);
    QCOMPARE(health->status, 200);
    QCOMPARE(health->body, std::string("{\"health\":\"true\",\"reason\":\"\"}"));
    QVERIFY(stderrOf(c).startsWith(
        "{\"level\":\"info\",\"ts\":\"2026-01-01T00:00:00.000Z\",\"caller\":\"etcdmain/etcd.go:72\",\"msg\":\"Running: "
        "\",\"args\":[\"/usr/local/bin/etcd\",\"--data-dir\",\"/var/lib/etcd\",\"--listen-client-urls\",\"http://"
        "0.0.0.0:2379\",\"--advertise-client-urls\",\"http://127.0.0.1:2379\",\"--log-level\",\"debug\"]}\n"));
}

void TestContainer::helloApp_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<Env>("env");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("body");

    QTest::newRow("hello-app 2.0 on 8080") << "gcr.io/google-samples/hello-app:2.0" << Env{} << 8080
                                           << "Hello, world!\nVersion: 2.0.0\nHostname: demo\n";
    QTest::newRow("hello-app 1.0 by its other name")
        << "us-docker.pkg.dev/google-samples/containers/gke/hello-app:1.0" << Env{} << 8080
        << "Hello, world!\nVersion: 1.0.0\nHostname: demo\n";
    QTest::newRow("PORT moves it") << "gcr.io/google-samples/hello-app:2.0" << Env{{"PORT", "9000"}} << 9000
                                   << "Hello, world!\nVersion: 2.0.0\nHostname: demo\n";
}

void TestContainer::helloApp()
{
    QFETCH(QString, image);
    QFETCH(Env, env);
    QFETCH(int, port);
    QFETCH(QString, body);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), {}, {}, env));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    const auto r = c.serveHttp(port, get("http://10.244.1.5:" + std::to_string(port) + "/anything"), fake);
    QVERIFY(r);
    QCOMPARE(QString::fromStdString(r->body), body);
    QCOMPARE(stderrOf(c), QString("2026/01/01 00:00:00 Server listening on port %1\n"
                                  "2026/01/01 00:00:01 Serving request: /anything\n")
                              .arg(port));
}

void TestContainer::agnhostNetexec_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");

    QTest::newRow("/hostname") << "/hostname" << 200 << "demo";
    QTest::newRow("/hostName") << "/hostName" << 200 << "demo";
    QTest::newRow("/echo?msg=") << "/echo?msg=hello%20there" << 200 << "hello there";
    QTest::newRow("/clientip") << "/clientip" << 200 << "10.244.1.1:40000";
    QTest::newRow("/healthz") << "/healthz" << 200 << "ok";
    QTest::newRow("/shell runs sh -c") << "/shell?cmd=echo%20%24HOSTNAME" << 200 << "{\"output\":\"demo\\n\"}";
    QTest::newRow("/shell reports the exit status") << "/shell?cmd=cat%20/nope" << 200
                                                    << "{\"error\":\"exit status 1\",\"output\":\"cat: can't open "
                                                       "'/nope': No such file or directory\\n\"}";
    QTest::newRow("/ answers the time") << "/" << 200
                                        << "NOW: 2026-01-01 00:00:01 +0000 UTC m=+1.000000000";
    QTest::newRow("/header echoes a request header") << "/header?key=User-Agent" << 200 << "test/1.0";
}

void TestContainer::agnhostNetexec()
{
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, body);

    FakeEnvironment fake(m_catalogue);
    Container c(config("registry.k8s.io/e2e-test-images/agnhost:2.40", {}, {"netexec", "--http-port=8080"}));
    QVERIFY(c.start(fake).ok);
    QCOMPARE(stderrOf(c), QString("2026/01/01 00:00:00 Started HTTP server on port 8080\n"
                                  "2026/01/01 00:00:00 Started UDP server on port 8081\n"));
    runUntil(c, fake, 1000);
    QVERIFY(c.listens(8080));
    QVERIFY(c.listens(8081, true));
    const auto r = c.serveHttp(8080, get("http://10.244.1.5:8080" + path.toStdString(), {{"User-Agent", "test/1.0"}}), fake);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    QCOMPARE(QString::fromStdString(r->body), body);
}

void TestContainer::agnhostExitHandlerEndsTheContainer()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("registry.k8s.io/e2e-test-images/agnhost:2.40", {}, {"netexec"}));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    QVERIFY(!c.serveHttp(8080, get("http://10.244.1.5:8080/exit?code=3"), fake));
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->exitCode, 3);
    QCOMPARE(c.termination()->reason, std::string("Error"));
}

// Servers the probes of the other examples talk to.
void TestContainer::otherServers_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("body");

    const QString agnhost = "registry.k8s.io/e2e-test-images/agnhost:2.40";
    QTest::newRow("agnhost serve-hostname") << agnhost << QStringList{"serve-hostname"} << 9376 << "/" << 200 << "demo";
    QTest::newRow("agnhost serve-hostname --port") << agnhost << QStringList{"serve-hostname", "--port", "8000"} << 8000
                                                   << "/x" << 200 << "demo";
    QTest::newRow("agnhost test-webserver lists /") << agnhost << QStringList{"test-webserver"} << 80 << "/etc/" << 200
                                                    << "<pre>\n";
    QTest::newRow("agnhost test-webserver serves a file") << agnhost << QStringList{"test-webserver"} << 80
                                                          << "/etc/alpine-release" << 200 << "3.16.2\n";
    QTest::newRow("agnhost test-webserver 404") << agnhost << QStringList{"test-webserver"} << 80 << "/nope" << 404
                                                << "404 page not found\n";
    QTest::newRow("goproxy answers only proxy requests") << "registry.k8s.io/goproxy:0.1" << QStringList{} << 8080 << "/"
                                                         << 500
                                                         << "This is a proxy server. Does not respond to non-proxy "
                                                            "requests.\n";
    QTest::newRow("agnhost grpc-health-checking's HTTP side") << agnhost << QStringList{"grpc-health-checking"} << 8080
                                                              << "/make-not-serving" << 200 << "";
}

void TestContainer::otherServers()
{
    QFETCH(QString, image);
    QFETCH(QStringList, args);
    QFETCH(int, port);
    QFETCH(QString, path);
    QFETCH(int, status);
    QFETCH(QString, body);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), {}, args));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    QVERIFY(c.listens(port)); // what a tcpSocket probe checks
    const auto r = c.serveHttp(port, get("http://10.244.1.5:" + std::to_string(port) + path.toStdString()), fake);
    QVERIFY(r);
    QCOMPARE(r->status, status);
    if (body == "<pre>\n")
        QVERIFY(QString::fromStdString(r->body).startsWith(body) && r->body.find("<a href=\"hosts\">hosts</a>") != std::string::npos);
    else
        QCOMPARE(QString::fromStdString(r->body), body);
    if (args.value(0) == "grpc-health-checking") {
        QCOMPARE(c.grpcHealth(5000, "", fake), std::string("NOT_SERVING"));
        c.serveHttp(8080, get("http://10.244.1.5:8080/make-serving"), fake);
        QCOMPARE(c.grpcHealth(5000, "", fake), std::string("SERVING"));
    }
}

// A server the container's script starts in the foreground (`… && nginx -g 'daemon off;'`) serves like PID 1.
void TestContainer::serverStartedByAShellScript()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx", {"/bin/sh", "-c"},
                       {"echo hello from the script > /usr/share/nginx/html/index.html && nginx -g 'daemon off;'"}));
    QVERIFY(c.start(fake).ok);
    QVERIFY(!c.listens(80));
    runUntil(c, fake, 1000);
    QVERIFY(c.running());
    QVERIFY(c.listens(80));
    QCOMPARE(c.serveHttp(80, get("http://10.244.1.5/"), fake)->body, std::string("hello from the script\n"));
    const std::vector<shell::ProcessInfo> ps = c.processes();
    QCOMPARE(ps.size(), size_t(4));
    QCOMPARE(ps[0].command, std::string("/bin/sh -c echo hello from the script > /usr/share/nginx/html/index.html && "
                                        "nginx -g 'daemon off;'"));
    QCOMPARE(ps[1].command, std::string("nginx: master process nginx -g daemon off;"));
    QVERIFY(stderrOf(c).contains("[notice] 1#1: start worker processes"));
}

// A ConfigMap over conf.d moves nginx to another port and document root.
void TestContainer::nginxFollowsAMountedConfiguration()
{
    FakeEnvironment fake(m_catalogue);
    fs::FileSystem& conf = fake.volumes["conf"];
    conf.writeFile("/default.conf", "server {\n    listen 8080;\n    location / {\n        root /data/www;\n    }\n}\n");
    fake.mountPoints["/etc/nginx/conf.d"] = "conf";
    fs::FileSystem& www = fake.volumes["www"];
    www.writeFile("/index.html", "custom\n");
    fake.mountPoints["/data/www"] = "www";
    Container c(config("nginx"));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    QVERIFY(!c.listens(80));
    QVERIFY(c.listens(8080));
    QCOMPARE(c.serveHttp(8080, get("http://10.244.1.5:8080/"), fake)->body, std::string("custom\n"));
}

// A script from a volume as the container's command: run by its #! interpreter if it may be executed.
void TestContainer::scriptsFromAVolume_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<QString>("script");
    QTest::addColumn<bool>("started");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("error");

    QTest::newRow("executable #!/bin/sh script") << 0755 << "#!/bin/sh\necho from the script $1\n" << true
                                                 << "from the script arg\n" << "";
    QTest::newRow("a ConfigMap's default 0644: permission denied")
        << 0644 << "#!/bin/sh\necho hi\n" << false << ""
        << "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
           "failed: unable to start container process: exec: \"/scripts/run.sh\": permission denied: unknown";
    QTest::newRow("an interpreter the image lacks")
        << 0755 << "#!/usr/bin/python3\nprint('hi')\n" << false << ""
        << "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
           "failed: unable to start container process: exec: \"/scripts/run.sh\": stat /scripts/run.sh: no such file "
           "or directory: unknown";
}

void TestContainer::scriptsFromAVolume()
{
    QFETCH(int, mode);
    QFETCH(QString, script);
    QFETCH(bool, started);
    QFETCH(QString, out);
    QFETCH(QString, error);

    FakeEnvironment fake(m_catalogue);
    fs::FileSystem& scripts = fake.volumes["scripts"];
    scripts.writeFile("/run.sh", script.toStdString(), fs::WriteMode::Truncate, uint32_t(mode));
    scripts.chmod("/run.sh", uint32_t(mode));
    fake.mountPoints["/scripts"] = "scripts";
    Container c(config("busybox", {"/scripts/run.sh"}, {"arg"}));
    const StartResult r = c.start(fake);
    QCOMPARE(r.ok, started);
    QCOMPARE(QString::fromStdString(r.error), error);
    QCOMPARE(stdoutOf(c), out);
}

void TestContainer::workingDirectoryIsCreated()
{
    FakeEnvironment fake(m_catalogue);
    ContainerConfig cfg = config("busybox", {"sh", "-c", "pwd; sleep 10"});
    cfg.workingDir = "/srv/app";
    Container c(cfg);
    QVERIFY(c.start(fake).ok);
    QCOMPARE(stdoutOf(c), QString("/srv/app\n"));
    QVERIFY(c.rootFileSystem().isDirectory("/srv/app"));
}

// application/deployment-sidecar.yaml: the logshipper sidecar's `tail -F` shows what the app appends.
void TestContainer::sidecarFollowsTheAppsLog()
{
    FakeEnvironment fake(m_catalogue);
    fake.volumes.emplace("data", fs::FileSystem());
    fake.mountPoints["/opt"] = "data";
    Container logshipper(config("alpine:latest", {"sh", "-c", "tail -F /opt/logs.txt"}));
    QVERIFY(logshipper.start(fake).ok);
    Container app(config("alpine:latest", {"sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"}));
    QVERIFY(app.start(fake).ok);
    runPodUntil({&logshipper, &app}, fake, 4500);
    QVERIFY(logshipper.running());
    QVERIFY(app.running());
    // tail -F looks once a second: at 4 s it ran just before the app's fifth line.
    QCOMPARE(stdoutOf(logshipper), QString("logging\nlogging\nlogging\nlogging\n"));
    QVERIFY(stderrOf(logshipper).startsWith("tail: can't open '/opt/logs.txt': No such file or directory\n"));
    std::string file;
    fake.volumes.at("data").readFile("/logs.txt", file);
    QCOMPARE(file, std::string("logging\nlogging\nlogging\nlogging\nlogging\n"));
}

// `image: busybox` with no command runs `sh`: it ends at once (the classic CrashLoopBackOff) unless the Pod keeps
// its stdin open (stdin: true, kubectl run -it), when it waits for input and only SIGKILL ends it.
void TestContainer::interactiveShellWaitsWhileStdinIsOpen_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<bool>("stdinOpen");
    QTest::addColumn<bool>("running");

    QTest::newRow("busybox sh without stdin: Completed at once") << "busybox" << false << false;
    QTest::newRow("busybox sh with stdin: keeps running") << "busybox" << true << true;
    QTest::newRow("ubuntu bash with stdin: keeps running") << "ubuntu" << true << true;
    QTest::newRow("alpine /bin/sh without stdin: Completed") << "alpine" << false << false;
}

void TestContainer::interactiveShellWaitsWhileStdinIsOpen()
{
    QFETCH(QString, image);
    QFETCH(bool, stdinOpen);
    QFETCH(bool, running);

    FakeEnvironment fake(m_catalogue);
    ContainerConfig cfg = config(image.toStdString());
    cfg.stdinOpen = stdinOpen;
    cfg.tty = stdinOpen;
    Container c(cfg);
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 10000);
    QCOMPARE(c.running(), running);
    if (!running) {
        QCOMPARE(c.termination()->exitCode, 0);
        QCOMPARE(c.termination()->reason, std::string("Completed"));
        return;
    }
    QCOMPARE(c.exec({"printenv", "TERM"}, fake, 1000).out, std::string("xterm\n"));
    c.signal(shell::kSigTerm, fake);
    runUntil(c, fake, 40000);
    QVERIFY(c.running());
    c.signal(shell::kSigKill, fake);
    QCOMPARE(c.termination()->exitCode, 137);
}

void TestContainer::execInAStoppedContainer()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("busybox", {"true"}));
    QVERIFY(c.start(fake).ok);
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->reason, std::string("Completed"));
    const ExecResult r = c.exec({"ls"}, fake, 1000);
    QVERIFY(!r.started);
    QVERIFY(!r.error.empty());
    QCOMPARE(c.wake(fake), shell::kForever);
}

void TestContainer::execResults_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<QString>("stdinData");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("out");
    QTest::addColumn<bool>("timedOut");
    QTest::addColumn<int>("duration");

    QTest::newRow("sh -c exit status") << "busybox" << QStringList{"sh", "-c", "exit 3"} << 1000 << "" << 3 << "" << false
                                       << 0;
    QTest::newRow("a sleep inside the command runs in its own time")
        << "busybox" << QStringList{"sh", "-c", "sleep 2; echo done"} << 5000 << "" << 0 << "done\n" << false << 2000;
    QTest::newRow("the probe's timeout stops it") << "busybox" << QStringList{"sleep", "5"} << 1000 << "" << 137 << ""
                                                  << true << 1000;
    QTest::newRow("kubectl exec -i sh reads its script from stdin")
        << "busybox" << QStringList{"sh"} << 10000 << "echo $HOSTNAME\nexit 4\n" << 4 << "demo\n" << false << 0;
    QTest::newRow("nginx -v prints the version") << "nginx" << QStringList{"nginx", "-v"} << 1000 << "" << 0 << ""
                                                 << false << 0;
    QTest::newRow("ps in busybox lists PID 1 and itself")
        << "busybox" << QStringList{"ps"} << 1000 << "" << 0
        << "PID   USER     TIME  COMMAND\n    1 root      0:00 sleep 3600\n    2 root      0:00 ps\n" << false << 0;
    QTest::newRow("cat the kubelet's /etc/hosts") << "nginx" << QStringList{"cat", "/etc/hosts"} << 1000 << "" << 0
                                                  << "# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n"
                                                     "10.244.1.5\tdemo\n"
                                                  << false << 0;
    QTest::newRow("debian sh is dash: $0") << "debian" << QStringList{"sh", "-c", "echo $0"} << 1000 << "" << 0
                                           << "sh\n" << false << 0;
    QTest::newRow("hostname is the pod's") << "debian" << QStringList{"hostname"} << 1000 << "" << 0 << "demo\n"
                                           << false << 0;
}

void TestContainer::execResults()
{
    QFETCH(QString, image);
    QFETCH(QStringList, argv);
    QFETCH(int, timeout);
    QFETCH(QString, stdinData);
    QFETCH(int, exitCode);
    QFETCH(QString, out);
    QFETCH(bool, timedOut);
    QFETCH(int, duration);

    FakeEnvironment fake(m_catalogue);
    const bool sleeper = image == "busybox" || image == "debian"; // their default commands end at once
    Container c(config(image.toStdString(), sleeper ? QStringList{"sleep", "3600"} : QStringList{}));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    const ExecResult r = c.exec(strings(argv), fake, timeout, stdinData.toStdString());
    QVERIFY(r.started);
    QCOMPARE(r.exitCode, exitCode);
    QCOMPARE(QString::fromStdString(r.out), out);
    QCOMPARE(r.timedOut, timedOut);
    QCOMPARE(r.duration, SimTime(duration));
    QVERIFY(c.running());
    // The exec's process is gone from `ps` afterwards.
    for (const shell::ProcessInfo& p : c.processes())
        QVERIFY(p.pid == 1 || p.command.find("nginx") != std::string::npos);
}

// What `kubectl exec` prints when the command cannot start at all: containerd's words.
void TestContainer::execFailures_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("reason");

    QTest::newRow("distroless etcd has no sh")
        << "registry.k8s.io/etcd:3.5.1-0" << QStringList{"etcd"} << QStringList{"sh"}
        << "exec: \"sh\": executable file not found in $PATH";
    QTest::newRow("pause has no ls") << "registry.k8s.io/pause:3.10" << QStringList{} << QStringList{"ls", "/"}
                                     << "exec: \"ls\": executable file not found in $PATH";
    QTest::newRow("busybox has no curl") << "busybox" << QStringList{"sleep", "3600"} << QStringList{"curl", "localhost"}
                                         << "exec: \"curl\": executable file not found in $PATH";
    QTest::newRow("a path that does not exist") << "busybox" << QStringList{"sleep", "3600"}
                                                << QStringList{"/bin/nosuch"}
                                                << "exec: \"/bin/nosuch\": stat /bin/nosuch: no such file or directory";
}

void TestContainer::execFailures()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(QStringList, argv);
    QFETCH(QString, reason);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), command));
    QVERIFY(c.start(fake).ok);
    runUntil(c, fake, 1000);
    const ExecResult r = c.exec(strings(argv), fake, 1000);
    QVERIFY(!r.started);
    const QRegularExpression expected(
        "^error: Internal error occurred: error executing command in container: failed to exec in container: failed "
        "to start exec \"[0-9a-f]{64}\": OCI runtime exec failed: exec failed: unable to start container process: " +
        QRegularExpression::escape(reason) + ": unknown$");
    QVERIFY2(expected.match(QString::fromStdString(r.error)).hasMatch(), r.error.c_str());
    QVERIFY(c.running());
}

void TestContainer::startFailures_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("error");

    const QString prefix = "failed to create containerd task: failed to create shim task: OCI runtime create failed: "
                           "runc create failed: unable to start container process: ";
    QTest::newRow("a command not in PATH") << "busybox" << QStringList{"foo"} << "StartError"
                                           << prefix + "exec: \"foo\": executable file not found in $PATH: unknown";
    QTest::newRow("a path that does not exist")
        << "busybox" << QStringList{"/usr/bin/foo", "-x"} << "StartError"
        << prefix + "exec: \"/usr/bin/foo\": stat /usr/bin/foo: no such file or directory: unknown";
    QTest::newRow("distroless image asked for bash") << "registry.k8s.io/etcd:3.5.1-0" << QStringList{"bash"}
                                                     << "StartError"
                                                     << prefix + "exec: \"bash\": executable file not found in $PATH: "
                                                                 "unknown";
    QTest::newRow("no command anywhere: CreateContainerError")
        << "registry.k8s.io/etcd:3.5.1-0" << QStringList{} << "CreateContainerError"
        << "failed to generate container \"" + QString::fromStdString(kId) +
               "\" spec: failed to generate spec: no command specified";
}

void TestContainer::startFailures()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(QString, reason);
    QFETCH(QString, error);

    FakeEnvironment fake(m_catalogue);
    Container c(config(image.toStdString(), command));
    const StartResult r = c.start(fake);
    QVERIFY(!r.ok);
    QCOMPARE(QString::fromStdString(r.reason), reason);
    QCOMPARE(QString::fromStdString(r.error), error);
    QVERIFY(!c.running());
    if (reason == "StartError") {
        QCOMPARE(c.termination()->exitCode, 128);
        QCOMPARE(c.termination()->reason, std::string("StartError"));
        QCOMPARE(QString::fromStdString(c.termination()->message), error);
    } else {
        QVERIFY(!c.termination());
    }
}

// containerd: the default PATH, HOSTNAME, the image's variables, the kubelet's (replacing in place); runc adds HOME.
void TestContainer::environmentAsContainerdBuildsIt()
{
    FakeEnvironment fake(m_catalogue);
    fake.host = "web-0";
    Container c(config("nginx:1.27.5", {}, {},
                       {{"KUBERNETES_SERVICE_HOST", "10.96.0.1"}, {"NGINX_VERSION", "override"}, {"GREETING", "hi"}}));
    QVERIFY(c.start(fake).ok);
    const ExecResult r = c.exec({"env"}, fake, 1000);
    QCOMPARE(QString::fromStdString(r.out), QString("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n"
                                                    "HOSTNAME=web-0\n"
                                                    "NGINX_VERSION=override\n"
                                                    "NJS_VERSION=0.8.10\n"
                                                    "NJS_RELEASE=1~bookworm\n"
                                                    "PKG_RELEASE=1~bookworm\n"
                                                    "DYNPKG_RELEASE=1~bookworm\n"
                                                    "KUBERNETES_SERVICE_HOST=10.96.0.1\n"
                                                    "GREETING=hi\n"
                                                    "HOME=/root\n"));
}

void TestContainer::processesAsPsShowsThem_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<int>("cpus");
    QTest::addColumn<QStringList>("expected"); // "pid user command"

    QTest::newRow("nginx: a master and a worker per CPU after the entrypoint's scripts")
        << "nginx" << QStringList{} << 2
        << QStringList{"1 root nginx: master process nginx -g daemon off;", "29 nginx nginx: worker process",
                       "30 nginx nginx: worker process"};
    QTest::newRow("nginx:1.14.2: one worker, no entrypoint")
        << "nginx:1.14.2" << QStringList{} << 4
        << QStringList{"1 root nginx: master process nginx -g daemon off;", "2 nginx nginx: worker process"};
    QTest::newRow("pause runs as 65535") << "registry.k8s.io/pause:3.10" << QStringList{} << 2
                                         << QStringList{"1 65535 /pause"};
    QTest::newRow("busybox sh -c") << "busybox" << QStringList{"sh", "-c", "sleep 3600"} << 2
                                   << QStringList{"1 root sh -c sleep 3600"};
    QTest::newRow("httpd's three children run as daemon")
        << "httpd" << QStringList{} << 2
        << QStringList{"1 root httpd -DFOREGROUND", "2 daemon httpd -DFOREGROUND", "3 daemon httpd -DFOREGROUND",
                       "4 daemon httpd -DFOREGROUND"};
}

void TestContainer::processesAsPsShowsThem()
{
    QFETCH(QString, image);
    QFETCH(QStringList, command);
    QFETCH(int, cpus);
    QFETCH(QStringList, expected);

    FakeEnvironment fake(m_catalogue);
    fake.cpus = cpus;
    Container c(config(image.toStdString(), command));
    QVERIFY(c.start(fake).ok);
    QStringList seen;
    for (const shell::ProcessInfo& p : c.processes())
        seen << QString("%1 %2 %3").arg(p.pid).arg(QString::fromStdString(p.user), QString::fromStdString(p.command));
    QCOMPARE(seen, expected);
}

// nginx's docker-entrypoint.sh passes anything but nginx straight to `exec "$@"`, which dash reports.
void TestContainer::entrypointWrapperCannotFindTheCommand()
{
    FakeEnvironment fake(m_catalogue);
    Container c(config("nginx:1.27.5", {}, {"nginx-foo"}));
    const StartResult r = c.start(fake);
    QVERIFY(r.ok); // the entrypoint itself started
    QVERIFY(!c.running());
    QCOMPARE(c.termination()->exitCode, 127);
    QCOMPARE(c.termination()->reason, std::string("Error"));
    QCOMPARE(stderrOf(c), QString("/docker-entrypoint.sh: 5: exec: nginx-foo: not found\n"));
    QCOMPARE(stdoutOf(c), QString());
}

// The world is a value: a container copied mid-run continues exactly as the original does.
void TestContainer::copiesContinueIdentically()
{
    FakeEnvironment fake(m_catalogue);
    Container original(config("registry.k8s.io/busybox:1.27.2", {},
                              {"/bin/sh", "-c", "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"}));
    QVERIFY(original.start(fake).ok);
    runUntil(original, fake, 20000);
    Container copy = original;
    QVERIFY(copy == original);

    FakeEnvironment other(m_catalogue);
    other.t = fake.t;
    for (SimTime at = 25000; at <= 60000; at += 5000) {
        runUntil(original, fake, at);
        runUntil(copy, other, at);
        const ExecResult a = original.exec({"cat", "/tmp/healthy"}, fake, 1000);
        const ExecResult b = copy.exec({"cat", "/tmp/healthy"}, other, 1000);
        QCOMPARE(a.exitCode, b.exitCode);
        QCOMPARE(a.err, b.err);
        QVERIFY(copy == original);
    }
    original.signal(shell::kSigKill, fake);
    copy.signal(shell::kSigKill, other);
    QVERIFY(copy == original);
    QCOMPARE(copy.termination()->exitCode, 137);
}

void TestContainer::copiesAreIndependent()
{
    FakeEnvironment fake(m_catalogue);
    Container original(config("nginx"));
    QVERIFY(original.start(fake).ok);
    runUntil(original, fake, 1000);
    Container copy = original;
    QCOMPARE(copy.exec({"sh", "-c", "echo changed > /usr/share/nginx/html/index.html"}, fake, 1000).exitCode, 0);
    QCOMPARE(copy.serveHttp(80, get("http://10.244.1.5/"), fake)->body, std::string("changed\n"));
    QVERIFY(original.serveHttp(80, get("http://10.244.1.5/"), fake)->body.find("Welcome to nginx!") != std::string::npos);
    QVERIFY(!(copy == original));
    copy.signal(shell::kSigTerm, fake);
    QVERIFY(!copy.running());
    QVERIFY(original.running());
}

// Containers of one image share its unpacked files until a process writes (150 000 nginx pods must fit).
void TestContainer::imageFilesSharedUntilWritten()
{
    FakeEnvironment fake(m_catalogue);
    ImageFileSystems node;
    ContainerConfig cfg = config("nginx");
    cfg.imageFiles = node.get(*cfg.image);
    Container a(cfg);
    Container b(cfg);
    QVERIFY(a.start(fake).ok);
    QVERIFY(b.start(fake).ok);
    runUntil(a, fake, 1000);
    runUntil(b, fake, 1000);
    QCOMPARE(a.serveHttp(80, get("http://10.244.1.5/"), fake)->status, 200);
    QCOMPARE(b.exec({"cat", "/usr/share/nginx/html/index.html"}, fake, 1000).exitCode, 0);
    QCOMPARE(b.exec({"sh", "-c", "test -f /etc/nginx/nginx.conf && ls /usr/share/nginx/html > /dev/null"}, fake, 1000)
                 .exitCode,
             0);
    QCOMPARE(&a.rootFileSystem(), cfg.imageFiles.get());
    QCOMPARE(&b.rootFileSystem(), cfg.imageFiles.get());

    // Reading what the kubelet injected, or writing, gives the container its own copy.
    QCOMPARE(a.exec({"cat", "/etc/hostname"}, fake, 1000).out, std::string("demo\n"));
    QVERIFY(&a.rootFileSystem() != cfg.imageFiles.get());
    QCOMPARE(b.exec({"touch", "/tmp/x"}, fake, 1000).exitCode, 0);
    QVERIFY(&b.rootFileSystem() != cfg.imageFiles.get());
    QVERIFY(b.rootFileSystem().exists("/tmp/x"));
    QVERIFY(!cfg.imageFiles->exists("/tmp/x"));
    QVERIFY(!cfg.imageFiles->exists("/etc/hostname"));
    QCOMPARE(node.size(), size_t(1));
}

QTEST_GUILESS_MAIN(TestContainer)
#include "tst_container.moc"
