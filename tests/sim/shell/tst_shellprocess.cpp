#include "fakehost.h"

#include <QTest>

using namespace podlab::sim;
using namespace podlab::sim::shell;
using podlab::sim::shell::testing::FakeHost;

namespace {

const Environment kEnv{{"PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"},
                       {"HOSTNAME", "demo"}};

ProcessOptions withPid(int pid, int budget = 20000)
{
    ProcessOptions o;
    o.pid = pid;
    o.budget = budget;
    return o;
}

ShellProcess shC(const std::string& script, ProcessOptions options = {})
{
    return ShellProcess::fromArgv({"/bin/sh", "-c", script}, kEnv, options);
}

// Runs `p` from host.now up to and including `until`, as the runtime would: each run() at the time the
// previous one asked for.
StepResult advance(ShellProcess& p, FakeHost& host, SimTime until)
{
    StepResult r = p.run(host, host.now);
    while (r.kind != StepResult::Kind::Exited && r.wakeAt <= until) {
        host.now = r.wakeAt;
        r = p.run(host, host.now);
    }
    host.now = until;
    return r;
}

} // namespace

class TestShellProcess : public QObject {
    Q_OBJECT

private slots:
    void execLivenessTimeline();
    void execProbeCommand_data();
    void execProbeCommand();
    void sleepResumesAtTheRightTime_data();
    void sleepResumesAtTheRightTime();
    void pid1IgnoresTerm();
    void nonInitDiesOnTerm();
    void trappedTermRunsAfterTheForegroundCommand();
    void killAlwaysKills();
    void trapIgnoringTerm();
    void exitTrapOnSignalExit();
    void copiesMidSleepBehaveIdentically();
    void runawayLoopYieldsAsBusy();
    void runawayLoopStillAnswersKill();
    void dapiVolumeLoop();
    void dependentEnvarsPrintf();
    void dapiEnvarsLoop();
    void twoContainerPodWrite();
    void postStartHook();
    void preStopHookWaitsForNginx();
    void initContainerWget();
    void wgetErrors_data();
    void wgetErrors();
    void curlAndNc();
    void sidecarLoggingAndTailF();
    void commandsFromArgv_data();
    void commandsFromArgv();
    void modelledProgramTakesTime();
    void runningProgramWaitsForever();
    void commandSubstitutionCanSleep();
    void nestedShellSeesOnlyExports();
};

// pods/probe/exec-liveness.yaml: the container and its probe share /tmp.
void TestShellProcess::execLivenessTimeline()
{
    FakeHost host;
    ShellProcess main = shC("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
    StepResult r = main.run(host, 0);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(r.wakeAt, SimTime(30000));
    QVERIFY(host.root.exists("/tmp/healthy"));

    auto probe = [&](SimTime at) {
        host.out.clear();
        host.err.clear();
        ShellProcess p = ShellProcess::fromArgv({"cat", "/tmp/healthy"}, kEnv, withPid(7));
        const StepResult pr = p.run(host, at);
        return pr.kind == StepResult::Kind::Exited ? pr.exitCode : -1;
    };
    QCOMPARE(probe(5000), 0);
    QCOMPARE(probe(25000), 0);

    r = main.run(host, 30000);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(r.wakeAt, SimTime(630000));
    QVERIFY(!host.root.exists("/tmp/healthy"));
    QCOMPARE(probe(35000), 1);
    QCOMPARE(QString::fromStdString(host.err), QString("cat: can't open '/tmp/healthy': No such file or directory\n"));
    // Woken early (a signal was delivered, say), the sleep goes on.
    r = main.run(host, 31000);
    QCOMPARE(r.wakeAt, SimTime(630000));
    r = main.run(host, 630000);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(r.exitCode, 0);
}

void TestShellProcess::execProbeCommand_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("status");
    QTest::newRow("cat missing") << QStringList{"cat", "/tmp/healthy"} << ""
                                 << "cat: can't open '/tmp/healthy': No such file or directory\n" << 1;
    QTest::newRow("cat file") << QStringList{"cat", "/etc/hostname"} << "demo\n" << "" << 0;
    QTest::newRow("sh -c probe") << QStringList{"sh", "-c", "test -f /etc/hostname"} << "" << "" << 0;
    QTest::newRow("binary missing from image") << QStringList{"curl", "localhost"} << ""
                                               << "exec: \"curl\": executable file not found in $PATH\n" << 127;
    QTest::newRow("printenv") << QStringList{"printenv", "HOSTNAME"} << "demo\n" << "" << 0;
    QTest::newRow("/bin/echo with $(VAR) left to the kubelet") << QStringList{"/bin/echo", "very charm"}
                                                               << "very charm\n" << "" << 0;
    QTest::newRow("ls of a configmap volume") << QStringList{"/bin/sh", "-c", "ls /etc/config/"} << "SPECIAL_LEVEL\n"
                                              << "" << 0;
    QTest::newRow("env") << QStringList{"/bin/sh", "-c", "env"}
                         << "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\nHOSTNAME=demo\n" << ""
                         << 0;
    QTest::newRow("$0 of sh -c") << QStringList{"/bin/sh", "-c", "echo $0 $1", "name", "arg"} << "name arg\n" << "" << 0;
    QTest::newRow("syntax error names the shell as invoked") << QStringList{"/bin/sh", "-c", "fi"} << ""
                                                             << "/bin/sh: syntax error: unexpected \"fi\"\n" << 2;
}

void TestShellProcess::execProbeCommand()
{
    QFETCH(QStringList, argv);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, status);
    FakeHost host;
    std::vector<std::string> args;
    for (const QString& a : argv)
        args.push_back(a.toStdString());
    ShellProcess p = ShellProcess::fromArgv(args, kEnv, withPid(99));
    const StepResult r = host.runUntilExit(p);
    QCOMPARE(QString::fromStdString(host.out), out);
    QCOMPARE(QString::fromStdString(host.err), err);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(r.exitCode, status);
}

void TestShellProcess::sleepResumesAtTheRightTime_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<qint64>("firstWake");
    QTest::newRow("integer") << "sleep 30" << qint64(30000);
    QTest::newRow("fraction") << "sleep 0.25" << qint64(250);
    QTest::newRow("suffix") << "sleep 1m" << qint64(60000);
    QTest::newRow("sum of args") << "sleep 1 2.5" << qint64(3500);
    QTest::newRow("in a loop") << "while true; do sleep 5; done" << qint64(5000);
    QTest::newRow("after output") << "echo start; sleep 2" << qint64(2000);
}

void TestShellProcess::sleepResumesAtTheRightTime()
{
    QFETCH(QString, script);
    QFETCH(qint64, firstWake);
    FakeHost host;
    ShellProcess p = shC(script.toStdString());
    const StepResult r = p.run(host, 0);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(r.wakeAt, SimTime(firstWake));
}

void TestShellProcess::pid1IgnoresTerm()
{
    FakeHost host;
    ShellProcess p = shC("touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600");
    p.run(host, 0);
    p.deliverSignal(kSigTerm);
    QVERIFY(!p.hasExited());
    StepResult r = p.run(host, 1000);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    // The kubelet gives up after the grace period and kills.
    p.deliverSignal(kSigKill);
    QVERIFY(p.hasExited());
    QCOMPARE(p.exitCode(), 137);
    r = p.run(host, 31000);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(r.exitCode, 137);
}

void TestShellProcess::nonInitDiesOnTerm()
{
    FakeHost host;
    ShellProcess p = shC("sleep 100", withPid(12));
    p.run(host, 0);
    p.deliverSignal(kSigTerm);
    QVERIFY(p.hasExited());
    QCOMPARE(p.exitCode(), 143);
    ShellProcess self = shC("kill -TERM $$; echo after", withPid(12));
    const StepResult r = host.runUntilExit(self);
    QCOMPARE(r.exitCode, 143);
    QCOMPARE(QString::fromStdString(host.out), QString());
}

void TestShellProcess::trappedTermRunsAfterTheForegroundCommand()
{
    FakeHost host;
    ShellProcess p = shC("trap 'echo got TERM; exit 5' TERM; while true; do sleep 10; done");
    StepResult r = p.run(host, 0);
    QCOMPARE(r.wakeAt, SimTime(10000));
    p.deliverSignal(kSigTerm);
    r = p.run(host, 3000); // the sleep is still running: nothing happens yet
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(QString::fromStdString(host.out), QString());
    r = p.run(host, 10000);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(r.exitCode, 5);
    QCOMPARE(QString::fromStdString(host.out), QString("got TERM\n"));

    // A trap that does not exit lets the script go on.
    FakeHost h2;
    ShellProcess q = shC("trap 'echo caught' TERM; sleep 1; echo resumed; sleep 1; echo end");
    q.run(h2, 0);
    q.deliverSignal(kSigTerm);
    r = h2.runUntilExit(q);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromStdString(h2.out), QString("caught\nresumed\nend\n"));
}

void TestShellProcess::killAlwaysKills()
{
    FakeHost host;
    ShellProcess p = shC("trap 'echo no' KILL TERM; sleep 100");
    p.run(host, 0);
    p.deliverSignal(kSigKill);
    QCOMPARE(p.exitCode(), 137);
    QCOMPARE(QString::fromStdString(host.out), QString());
    ShellProcess self = shC("kill -9 $$; echo after");
    QCOMPARE(host.runUntilExit(self).exitCode, 137);
}

void TestShellProcess::trapIgnoringTerm()
{
    FakeHost host;
    ShellProcess p = shC("trap '' TERM; sleep 5; echo after", withPid(33));
    p.run(host, 0);
    p.deliverSignal(kSigTerm);
    QVERIFY(!p.hasExited());
    const StepResult r = host.runUntilExit(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(QString::fromStdString(host.out), QString("after\n"));
}

void TestShellProcess::exitTrapOnSignalExit()
{
    FakeHost host;
    ShellProcess p = shC("trap 'echo cleanup' EXIT; trap 'exit 3' TERM; sleep 100");
    p.run(host, 0);
    p.deliverSignal(kSigTerm);
    const StepResult r = host.runUntilExit(p);
    QCOMPARE(r.exitCode, 3);
    QCOMPARE(QString::fromStdString(host.out), QString("cleanup\n"));
}

void TestShellProcess::copiesMidSleepBehaveIdentically()
{
    FakeHost a;
    ShellProcess p = shC("i=0; while [ $i -lt 3 ]; do echo tick $i; i=$((i+1)); sleep 10; done; echo done; exit 7");
    p.run(a, 0);
    advance(p, a, 15000);
    ShellProcess copy = p;
    QVERIFY(copy == p);
    FakeHost b;
    b.now = a.now;
    b.out = a.out;
    const StepResult ra = a.runUntilExit(p);
    const StepResult rb = b.runUntilExit(copy);
    QCOMPARE(ra, rb);
    QCOMPARE(a.out, b.out);
    QCOMPARE(QString::fromStdString(a.out), QString("tick 0\ntick 1\ntick 2\ndone\n"));
    QCOMPARE(ra.exitCode, 7);
}

void TestShellProcess::runawayLoopYieldsAsBusy()
{
    FakeHost host;
    ShellProcess p = shC("i=0; while true; do i=$((i+1)); done", withPid(1, 1000));
    StepResult r = p.run(host, 0);
    QCOMPARE(r.kind, StepResult::Kind::Busy);
    QCOMPARE(r.wakeAt, SimTime(1));
    r = p.run(host, 1);
    QCOMPARE(r.kind, StepResult::Kind::Busy);
    QCOMPARE(r.wakeAt, SimTime(2));
    ShellProcess q = shC("for i in $(seq 100000); do :; done; echo finished");
    int calls = 0;
    SimTime t = 0;
    while (q.run(host, t).kind == StepResult::Kind::Busy) {
        ++calls;
        t += 1;
    }
    QVERIFY(calls > 1);
    QCOMPARE(QString::fromStdString(host.out), QString("finished\n"));
}

void TestShellProcess::runawayLoopStillAnswersKill()
{
    FakeHost host;
    ShellProcess p = shC("trap 'echo stopping; exit 0' TERM; while :; do :; done");
    QCOMPARE(p.run(host, 0).kind, StepResult::Kind::Busy);
    p.deliverSignal(kSigTerm);
    const StepResult r = p.run(host, 1);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(QString::fromStdString(host.out), QString("stopping\n"));
}

// pods/inject/dapi-volume.yaml
void TestShellProcess::dapiVolumeLoop()
{
    FakeHost host;
    fs::FileSystem podinfo(fs::Medium::Tmpfs);
    podinfo.mkdir("/..2026");
    podinfo.writeFile("/..2026/labels", "cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\"");
    podinfo.writeFile("/..2026/annotations", "build=\"two\"\nbuilder=\"john-doe\"");
    podinfo.symlink("..2026", "/..data");
    podinfo.symlink("..data/labels", "/labels");
    podinfo.symlink("..data/annotations", "/annotations");
    host.root.mkdirs("/etc/podinfo");
    // The script exactly as the manifest's args give it, after YAML unescaping of '\\n'.
    const std::string script = "while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat "
                               "/etc/podinfo/labels; fi; if [[ -e /etc/podinfo/annotations ]]; then echo -en '\\n\\n'; "
                               "cat /etc/podinfo/annotations; fi; sleep 5; done;";
    ShellProcess p = ShellProcess::fromArgv({"sh", "-c", script}, kEnv);
    // Mount podinfo into the view for this test.
    fs::ContainerFiles view(host.root, {{"/etc/podinfo", podinfo, "", fs::MountMode::ReadOnly}});
    struct ViewHost : ShellHost {
        fs::ContainerFiles& v;
        std::string out, err;
        explicit ViewHost(fs::ContainerFiles& view)
            : v(view)
        {
        }
        fs::ContainerFiles& files() override { return v; }
        void writeOut(std::string_view t) override { out.append(t); }
        void writeErr(std::string_view t) override { err.append(t); }
    } vh(view);
    StepResult r = p.run(vh, 0);
    QCOMPARE(r.wakeAt, SimTime(5000));
    const std::string once = "\n\ncluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\"\n\nbuild=\"two\"\nbuilder=\"john-doe\"";
    QCOMPARE(QString::fromStdString(vh.out), QString::fromStdString(once));
    r = p.run(vh, 5000);
    QCOMPARE(r.wakeAt, SimTime(10000));
    QCOMPARE(QString::fromStdString(vh.out), QString::fromStdString(once + once));
    QCOMPARE(QString::fromStdString(vh.err), QString());
}

// pods/inject/dependent-envars.yaml: the kubelet has already expanded $(VAR) references in env values.
void TestShellProcess::dependentEnvarsPrintf()
{
    FakeHost host;
    const std::string script = "while true; do echo -en '\\n'; printf UNCHANGED_REFERENCE=$UNCHANGED_REFERENCE'\\n'; "
                               "printf SERVICE_ADDRESS=$SERVICE_ADDRESS'\\n';printf "
                               "ESCAPED_REFERENCE=$ESCAPED_REFERENCE'\\n'; sleep 30; done;";
    Environment env = kEnv;
    env.emplace_back("SERVICE_PORT", "80");
    env.emplace_back("SERVICE_IP", "172.17.0.1");
    env.emplace_back("UNCHANGED_REFERENCE", "$(PROTOCOL)://172.17.0.1:80");
    env.emplace_back("PROTOCOL", "https");
    env.emplace_back("SERVICE_ADDRESS", "https://172.17.0.1:80");
    env.emplace_back("ESCAPED_REFERENCE", "$(PROTOCOL)://172.17.0.1:80");
    ShellProcess p = ShellProcess::fromArgv({"sh", "-c", script}, env);
    const StepResult r = p.run(host, 0);
    QCOMPARE(r.wakeAt, SimTime(30000));
    QCOMPARE(QString::fromStdString(host.out),
             QString("\nUNCHANGED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\nSERVICE_ADDRESS=https://172.17.0.1:80\n"
                     "ESCAPED_REFERENCE=$(PROTOCOL)://172.17.0.1:80\n"));
}

// pods/inject/dapi-envars-pod.yaml and dapi-envars-container.yaml
void TestShellProcess::dapiEnvarsLoop()
{
    FakeHost host;
    Environment env = kEnv;
    env.insert(env.end(), {{"MY_NODE_NAME", "minikube"}, {"MY_POD_NAME", "dapi-envars-fieldref"},
                           {"MY_POD_NAMESPACE", "default"}, {"MY_POD_IP", "172.17.0.4"},
                           {"MY_POD_SERVICE_ACCOUNT", "default"}});
    ShellProcess p = ShellProcess::fromArgv(
        {"sh", "-c",
         "while true; do echo -en '\\n'; printenv MY_NODE_NAME MY_POD_NAME MY_POD_NAMESPACE; printenv MY_POD_IP "
         "MY_POD_SERVICE_ACCOUNT; sleep 10; done;"},
        env);
    QCOMPARE(p.run(host, 0).wakeAt, SimTime(10000));
    QCOMPARE(QString::fromStdString(host.out),
             QString("\nminikube\ndapi-envars-fieldref\ndefault\n172.17.0.4\ndefault\n"));
}

// pods/two-container-pod.yaml: the debian container writes into the shared emptyDir and exits.
void TestShellProcess::twoContainerPodWrite()
{
    FakeHost host;
    host.root.mkdirs("/pod-data");
    fs::ContainerFiles view(host.root, {{"/pod-data", host.data, "", fs::MountMode::ReadWrite}});
    struct ViewHost : ShellHost {
        fs::ContainerFiles& v;
        explicit ViewHost(fs::ContainerFiles& view)
            : v(view)
        {
        }
        fs::ContainerFiles& files() override { return v; }
        void writeOut(std::string_view) override {}
        void writeErr(std::string_view) override {}
    } vh(view);
    ShellProcess p =
        ShellProcess::fromArgv({"/bin/sh", "-c", "echo Hello from the debian container > /pod-data/index.html"}, kEnv);
    const StepResult r = p.run(vh, 0);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(r.exitCode, 0);
    std::string page;
    QCOMPARE(host.data.readFile("/index.html", page), fs::Error::None);
    QCOMPARE(page, std::string("Hello from the debian container\n"));
}

// pods/lifecycle-events.yaml
void TestShellProcess::postStartHook()
{
    FakeHost host;
    ShellProcess p = ShellProcess::fromArgv(
        {"/bin/sh", "-c", "echo Hello from the postStart handler > /usr/share/message"}, kEnv, withPid(8));
    QCOMPARE(host.runUntilExit(p).exitCode, 0);
    ShellProcess exec = ShellProcess::fromArgv({"cat", "/usr/share/message"}, kEnv, withPid(9));
    host.runUntilExit(exec);
    QCOMPARE(QString::fromStdString(host.out), QString("Hello from the postStart handler\n"));
}

void TestShellProcess::preStopHookWaitsForNginx()
{
    FakeHost host;
    ShellProcess p = ShellProcess::fromArgv(
        {"/bin/sh", "-c", "nginx -s quit; while killall -0 nginx; do sleep 1; done"}, kEnv, withPid(10));
    StepResult r = p.run(host, 0);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(host.programs.size(), size_t(1));
    QCOMPARE(host.programs[0], (std::vector<std::string>{"nginx", "-s", "quit"}));
    r = host.runUntilExit(p);
    QCOMPARE(r.exitCode, 0);
    QCOMPARE(host.now, SimTime(2000)); // the loop ends once nginx has gone
    QCOMPARE(QString::fromStdString(host.err), QString("killall: nginx: no process killed\n"));
    QCOMPARE(host.sentSignals.front(), (std::pair<int, int>(-1, 0)));
}

// pods/init-containers.yaml
void TestShellProcess::initContainerWget()
{
    FakeHost host;
    host.root.mkdirs("/work-dir");
    HttpResponse page;
    page.outcome = HttpResponse::Outcome::Ok;
    page.address = "188.184.67.127";
    page.body = "<html><body>http://info.cern.ch - home of the first website</body></html>\n";
    host.web["http://info.cern.ch"] = page;
    ShellProcess p = ShellProcess::fromArgv({"wget", "-O", "/work-dir/index.html", "http://info.cern.ch"}, kEnv);
    const StepResult r = host.runUntilExit(p);
    QCOMPARE(r.exitCode, 0);
    std::string saved;
    QCOMPARE(host.root.readFile("/work-dir/index.html", saved), fs::Error::None);
    QCOMPARE(saved, page.body);
    QCOMPARE(QString::fromStdString(host.err),
             QString("Connecting to info.cern.ch (188.184.67.127:80)\n"
                     "saving to '/work-dir/index.html'\n"
                     "index.html           100% |********************************|    74  0:00:00 ETA\n"
                     "'/work-dir/index.html' saved\n"));
}

void TestShellProcess::wgetErrors_data()
{
    QTest::addColumn<QString>("script");
    QTest::addColumn<QString>("out");
    QTest::addColumn<QString>("err");
    QTest::addColumn<int>("status");
    QTest::newRow("refused") << "wget -O /tmp/x http://10.0.0.1/" << ""
                             << "Connecting to 10.0.0.1 (10.0.0.1:80)\n"
                                "wget: can't connect to remote host (10.0.0.1): Connection refused\n"
                             << 1;
    QTest::newRow("quiet refused") << "wget -q -O - http://10.0.0.1:8080/" << ""
                                   << "wget: can't connect to remote host (10.0.0.1): Connection refused\n" << 1;
    QTest::newRow("server error") << "wget -q -O - http://app/err" << ""
                                  << "wget: server returned error: HTTP/1.1 500 Internal Server Error\n" << 1;
    QTest::newRow("bad address") << "wget http://nowhere/" << "" << "wget: bad address 'nowhere'\n" << 1;
    QTest::newRow("to stdout") << "wget -q -O - http://app/ok" << "ok body" << "" << 0;
    QTest::newRow("spider") << "wget --spider -q http://app/ok; echo $?" << "0\n" << "" << 0;
}

void TestShellProcess::wgetErrors()
{
    QFETCH(QString, script);
    QFETCH(QString, out);
    QFETCH(QString, err);
    QFETCH(int, status);
    FakeHost host;
    HttpResponse ok;
    ok.outcome = HttpResponse::Outcome::Ok;
    ok.address = "10.0.0.9";
    ok.body = "ok body";
    host.web["http://app/ok"] = ok;
    HttpResponse bad = ok;
    bad.status = 500;
    bad.reason = "Internal Server Error";
    host.web["http://app/err"] = bad;
    HttpResponse nx;
    nx.outcome = HttpResponse::Outcome::BadAddress;
    host.web["http://nowhere/"] = nx;
    ShellProcess p = shC(script.toStdString());
    const StepResult r = host.runUntilExit(p);
    QCOMPARE(QString::fromStdString(host.out), out);
    QCOMPARE(QString::fromStdString(host.err), err);
    QCOMPARE(r.exitCode, status);
}

void TestShellProcess::curlAndNc()
{
    FakeHost host;
    host.installed.insert("curl");
    HttpResponse ok;
    ok.outcome = HttpResponse::Outcome::Ok;
    ok.body = "Hello from the debian container\n";
    host.web["localhost"] = ok;
    host.openPorts = {8080};
    ShellProcess p = shC("curl localhost; curl -s http://10.0.0.1/ ; echo $?; curl http://10.0.0.1:81/; "
                         "nc -z localhost 8080; echo $?; nc -z localhost 9; echo $?");
    host.runUntilExit(p);
    QCOMPARE(QString::fromStdString(host.out), QString("Hello from the debian container\n7\n0\n1\n"));
    QCOMPARE(QString::fromStdString(host.err),
             QString("curl: (7) Failed to connect to 10.0.0.1 port 81 after 0 ms: Couldn't connect to server\n"));
}

// application/deployment-sidecar.yaml: the app appends every second, the sidecar follows the file.
void TestShellProcess::sidecarLoggingAndTailF()
{
    FakeHost app;
    FakeHost sidecar; // the same volume, seen from another container
    fs::FileSystem shared;
    auto viewOf = [&](FakeHost& h) {
        h.root.mkdirs("/opt");
        return fs::ContainerFiles(h.root, {{"/opt", shared, "", fs::MountMode::ReadWrite}});
    };
    fs::ContainerFiles appView = viewOf(app), sideView = viewOf(sidecar);
    struct ViewHost : ShellHost {
        fs::ContainerFiles& v;
        std::string out, err;
        explicit ViewHost(fs::ContainerFiles& view)
            : v(view)
        {
        }
        fs::ContainerFiles& files() override { return v; }
        void writeOut(std::string_view t) override { out.append(t); }
        void writeErr(std::string_view t) override { err.append(t); }
    } appHost(appView), sideHost(sideView);

    ShellProcess tail = ShellProcess::fromArgv({"sh", "-c", "tail -F /opt/logs.txt"}, kEnv);
    ShellProcess writer =
        ShellProcess::fromArgv({"sh", "-c", "while true; do echo \"logging\" >> /opt/logs.txt; sleep 1; done"}, kEnv);
    StepResult t = tail.run(sideHost, 0); // starts first: the file does not exist yet
    QCOMPARE(t.kind, StepResult::Kind::Waiting);
    QCOMPARE(t.wakeAt, SimTime(1000));
    QCOMPARE(QString::fromStdString(sideHost.err), QString("tail: can't open '/opt/logs.txt': No such file or directory\n"));
    StepResult w = writer.run(appHost, 0);
    QCOMPARE(w.kind, StepResult::Kind::Sleeping);
    for (SimTime now = 1000; now <= 3000; now += 1000) {
        writer.run(appHost, now);
        t = tail.run(sideHost, now);
        QCOMPARE(t.wakeAt, now + 1000);
    }
    std::string log;
    shared.readFile("/logs.txt", log);
    QCOMPARE(log, std::string("logging\nlogging\nlogging\nlogging\n"));
    QCOMPARE(QString::fromStdString(sideHost.out), QString("logging\nlogging\nlogging\nlogging\n"));
}

void TestShellProcess::commandsFromArgv_data()
{
    QTest::addColumn<QStringList>("argv");
    QTest::addColumn<QString>("out");
    QTest::addColumn<int>("status");
    QTest::newRow("printenv HOSTNAME KUBERNETES_PORT") << QStringList{"printenv", "HOSTNAME", "KUBERNETES_PORT"}
                                                      << "demo\ntcp://10.3.240.1:443\n" << 0;
    QTest::newRow("cat /etc/hosts") << QStringList{"cat", "/etc/hosts"} << "127.0.0.1\tlocalhost\n" << 0;
    QTest::newRow("sleep 3600 keeps running") << QStringList{"sleep", "3600"} << "" << -1;
    QTest::newRow("sh -c env") << QStringList{"/bin/sh", "-c", "printenv KUBERNETES_PORT"} << "tcp://10.3.240.1:443\n" << 0;
}

void TestShellProcess::commandsFromArgv()
{
    QFETCH(QStringList, argv);
    QFETCH(QString, out);
    QFETCH(int, status);
    FakeHost host;
    host.root.writeFile("/etc/hosts", "127.0.0.1\tlocalhost\n");
    std::vector<std::string> args;
    for (const QString& a : argv)
        args.push_back(a.toStdString());
    Environment env = kEnv;
    env.emplace_back("KUBERNETES_PORT", "tcp://10.3.240.1:443");
    ShellProcess p = ShellProcess::fromArgv(args, env);
    const StepResult r = host.runUntilExit(p, kHour / 2);
    QCOMPARE(QString::fromStdString(host.out), out);
    QCOMPARE(r.kind == StepResult::Kind::Exited ? r.exitCode : -1, status);
}

void TestShellProcess::modelledProgramTakesTime()
{
    FakeHost host;
    ShellProcess p = shC("slow; echo status $?");
    StepResult r = p.run(host, 100);
    QCOMPARE(r.kind, StepResult::Kind::Sleeping);
    QCOMPARE(r.wakeAt, SimTime(5100));
    r = p.run(host, 5100);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(QString::fromStdString(host.out), QString("slow done\nstatus 3\n"));
}

void TestShellProcess::runningProgramWaitsForever()
{
    FakeHost host;
    ShellProcess p = shC("echo starting; nginx -g 'daemon off;'; echo never");
    const StepResult r = p.run(host, 0);
    QCOMPARE(r.kind, StepResult::Kind::Waiting);
    QCOMPARE(r.wakeAt, kForever);
    QCOMPARE(QString::fromStdString(host.out), QString("starting\n"));
    p.deliverSignal(kSigKill);
    QCOMPARE(p.exitCode(), 137);
}

void TestShellProcess::commandSubstitutionCanSleep()
{
    FakeHost host;
    ShellProcess p = shC("X=$(sleep 2; echo late); echo got $X");
    StepResult r = p.run(host, 0);
    QCOMPARE(r.wakeAt, SimTime(2000));
    r = p.run(host, 2000);
    QCOMPARE(r.kind, StepResult::Kind::Exited);
    QCOMPARE(QString::fromStdString(host.out), QString("got late\n"));
}

void TestShellProcess::nestedShellSeesOnlyExports()
{
    FakeHost host;
    ShellProcess p = shC("A=local; export B=exported; sh -c 'echo [$A] [$B]; exit 4'; echo $?");
    host.runUntilExit(p);
    QCOMPARE(QString::fromStdString(host.out), QString("[] [exported]\n4\n"));
}

QTEST_APPLESS_MAIN(TestShellProcess)
#include "tst_shellprocess.moc"
