#include "sim/podenv/containerenv.h"
#include "sim/podenv/serviceenv.h"

#include <QTest>

Q_DECLARE_METATYPE(podlab::api::Container)

using namespace podlab;
using namespace podlab::sim;

namespace {

api::Quantity q(const char* text)
{
    return *api::Quantity::parse(text);
}

api::Service service(const char* ns, const char* name, const char* ip, std::vector<api::ServicePort> ports)
{
    api::Service s;
    s.metadata.namespace_ = ns;
    s.metadata.name = name;
    s.spec.clusterIP = ip;
    s.spec.ports = std::move(ports);
    return s;
}

api::ServicePort port(const char* name, int32_t number, const char* protocol = "TCP")
{
    api::ServicePort p;
    p.name = name;
    p.port = number;
    p.protocol = protocol;
    return p;
}

QStringList lines(const EnvList& env)
{
    QStringList out;
    for (const EnvEntry& e : env)
        out << QString::fromStdString(e.name + "=" + e.value);
    return out;
}

api::EnvVar literal(const char* name, const char* value)
{
    api::EnvVar v;
    v.name = name;
    v.value = value;
    return v;
}

api::EnvVar fromField(const char* name, const char* path, const char* version = "v1")
{
    api::EnvVar v;
    v.name = name;
    v.valueFrom = api::EnvVarSource{};
    v.valueFrom->fieldRef = api::ObjectFieldSelector{version, path};
    return v;
}

api::EnvVar fromResource(const char* name, const char* container, const char* resource,
                         const char* divisor = nullptr)
{
    api::EnvVar v;
    v.name = name;
    v.valueFrom = api::EnvVarSource{};
    v.valueFrom->resourceFieldRef =
        api::ResourceFieldSelector{container, resource, divisor ? q(divisor) : api::Quantity()};
    return v;
}

api::EnvVar fromConfigMap(const char* name, const char* cm, const char* key,
                          std::optional<bool> optional = {})
{
    api::EnvVar v;
    v.name = name;
    v.valueFrom = api::EnvVarSource{};
    v.valueFrom->configMapKeyRef = api::ConfigMapKeySelector{cm, key, optional};
    return v;
}

api::EnvVar fromSecret(const char* name, const char* secret, const char* key,
                       std::optional<bool> optional = {})
{
    api::EnvVar v;
    v.name = name;
    v.valueFrom = api::EnvVarSource{};
    v.valueFrom->secretKeyRef = api::SecretKeySelector{secret, key, optional};
    return v;
}

api::EnvFromSource configMapRef(const char* name, const char* prefix = "", std::optional<bool> optional = {})
{
    api::EnvFromSource s;
    s.prefix = prefix;
    s.configMapRef = api::ConfigMapEnvSource{name, optional};
    return s;
}

api::EnvFromSource secretRef(const char* name, const char* prefix = "", std::optional<bool> optional = {})
{
    api::EnvFromSource s;
    s.prefix = prefix;
    s.secretRef = api::SecretEnvSource{name, optional};
    return s;
}

// A small cluster: the kubernetes Service, two Services in the pod's namespace, one elsewhere, a node.
struct Fixture {
    std::vector<api::Service> services{
        service("default", "kubernetes", "10.96.0.1", {port("https", 443)}),
        service("shop", "my-nginx", "10.96.12.7", {port("", 80)}),
        service("shop", "headless", "None", {port("", 80)}),
        service("other", "elsewhere", "10.96.30.30", {port("", 8080)}),
    };
    std::map<std::string, api::ConfigMap, std::less<>> configMaps;
    std::map<std::string, api::Secret, std::less<>> secrets;
    api::Pod pod;

    Fixture()
    {
        api::ConfigMap special;
        special.metadata.name = "special-config";
        special.data = {{"SPECIAL_LEVEL", "very"}, {"SPECIAL_TYPE", "charm"}, {"special.how", "very"}};
        special.binaryData = {{"BINARY", {"\x01"}}};
        configMaps["special-config"] = special;
        api::ConfigMap env;
        env.metadata.name = "env-config";
        env.data = {{"log_level", "INFO"}, {"SPECIAL_TYPE", "strange"}};
        configMaps["env-config"] = env;
        api::ConfigMap bad;
        bad.metadata.name = "myconfig";
        bad.data = {{"1badkey", "x"}, {"2alsobad", "y"}, {"good", "z"}, {"dotted.key", "w"}};
        configMaps["myconfig"] = bad;
        api::Secret secret;
        secret.metadata.name = "test-secret";
        secret.data = {{"username", {"my-app"}}, {"password", {"39528$vdg7Jb"}}};
        secrets["test-secret"] = secret;

        pod.metadata.name = "web-0";
        pod.metadata.namespace_ = "shop";
        pod.metadata.uid = "5f0c0a9e-1111-4222-8333-944455556666";
        pod.metadata.labels = {{"app", "web"}};
        pod.spec.nodeName = "node-1";
        pod.spec.serviceAccountName = "default";
        pod.spec.enableServiceLinks = true;
        pod.status.podIP = "10.244.1.7";
        pod.status.podIPs = {{"10.244.1.7"}, {"fd00:10:244:1::7"}};
        api::Container app;
        app.name = "app";
        app.resources.requests = {{"cpu", q("125m")}, {"memory", q("32Mi")}};
        app.resources.limits = {{"cpu", q("250m")}, {"memory", q("64Mi")}};
        pod.spec.containers.push_back(app);
        api::Container sidecar;
        sidecar.name = "sidecar";
        pod.spec.containers.push_back(sidecar);
        api::Container init;
        init.name = "setup";
        pod.spec.initContainers.push_back(init);
    }

    EnvContext context(EnvFromKeys keys = EnvFromKeys::PassThrough) const
    {
        EnvContext c;
        c.objects = ObjectLookup::over(configMaps, secrets);
        for (const api::Service& s : services)
            c.services.push_back(&s);
        c.node.name = "node-1";
        c.node.hostIPs = {"172.18.0.2", "fc00:f853:ccd:e793::2"};
        c.node.allocatable = {{"cpu", q("2")}, {"memory", q("3900Mi")}};
        c.envFromKeys = keys;
        return c;
    }

    EnvResult build(const api::Container& container, EnvFromKeys keys = EnvFromKeys::PassThrough) const
    {
        return ContainerEnv::build(pod, container, context(keys));
    }
};

const QStringList kKubernetes{
    "KUBERNETES_SERVICE_HOST=10.96.0.1",
    "KUBERNETES_SERVICE_PORT=443",
    "KUBERNETES_SERVICE_PORT_HTTPS=443",
    "KUBERNETES_PORT=tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP=tcp://10.96.0.1:443",
    "KUBERNETES_PORT_443_TCP_PROTO=tcp",
    "KUBERNETES_PORT_443_TCP_PORT=443",
    "KUBERNETES_PORT_443_TCP_ADDR=10.96.0.1",
};

const QStringList kMyNginx{
    "MY_NGINX_SERVICE_HOST=10.96.12.7",     "MY_NGINX_SERVICE_PORT=80",
    "MY_NGINX_PORT=tcp://10.96.12.7:80",    "MY_NGINX_PORT_80_TCP=tcp://10.96.12.7:80",
    "MY_NGINX_PORT_80_TCP_PROTO=tcp",       "MY_NGINX_PORT_80_TCP_PORT=80",
    "MY_NGINX_PORT_80_TCP_ADDR=10.96.12.7",
};

} // namespace

class TestContainerEnv : public QObject {
    Q_OBJECT

private slots:
    void serviceVariables();
    void serviceVariablesForManyPorts();
    void serviceLinksDisabled();
    void ownKubernetesServiceWins();
    void literalsThenServices();
    void envFromAndOverrides();
    void envFromInvalidKeys();
    void expansion();
    void fieldRefs_data();
    void fieldRefs();
    void resourceFieldRefs_data();
    void resourceFieldRefs();
    void keyRefs();
    void errors_data();
    void errors();
    void apiGetWording();
    void commandExpansion();
};

void TestContainerEnv::serviceVariables()
{
    const Fixture f;
    std::vector<const api::Service*> all;
    for (const api::Service& s : f.services)
        all.push_back(&s);
    QCOMPARE(lines(ServiceEnv::forPod(all, "shop", true)), kKubernetes + kMyNginx);
    QCOMPARE(lines(ServiceEnv::forPod(all, "default", true)), kKubernetes);
    QCOMPARE(QString::fromStdString(ServiceEnv::variableName("my-nginx")), QString("MY_NGINX"));
}

void TestContainerEnv::serviceVariablesForManyPorts()
{
    api::Service dns =
        service("kube-system", "kube-dns", "10.96.0.10",
                {port("dns", 53, "UDP"), port("dns-tcp", 53, "TCP"), port("metrics", 9153, "TCP")});
    api::Service v6 = service("x", "v6", "fd00:10:96::a", {port("", 443)});
    api::Service external = service("x", "ext", "", {port("", 80)});
    external.spec.type = "ExternalName";
    QCOMPARE(lines(ServiceEnv::fromServices({&dns, &v6, &external})),
             (QStringList{"KUBE_DNS_SERVICE_HOST=10.96.0.10",
                          "KUBE_DNS_SERVICE_PORT=53",
                          "KUBE_DNS_SERVICE_PORT_DNS=53",
                          "KUBE_DNS_SERVICE_PORT_DNS_TCP=53",
                          "KUBE_DNS_SERVICE_PORT_METRICS=9153",
                          "KUBE_DNS_PORT=udp://10.96.0.10:53",
                          "KUBE_DNS_PORT_53_UDP=udp://10.96.0.10:53",
                          "KUBE_DNS_PORT_53_UDP_PROTO=udp",
                          "KUBE_DNS_PORT_53_UDP_PORT=53",
                          "KUBE_DNS_PORT_53_UDP_ADDR=10.96.0.10",
                          "KUBE_DNS_PORT_53_TCP=tcp://10.96.0.10:53",
                          "KUBE_DNS_PORT_53_TCP_PROTO=tcp",
                          "KUBE_DNS_PORT_53_TCP_PORT=53",
                          "KUBE_DNS_PORT_53_TCP_ADDR=10.96.0.10",
                          "KUBE_DNS_PORT_9153_TCP=tcp://10.96.0.10:9153",
                          "KUBE_DNS_PORT_9153_TCP_PROTO=tcp",
                          "KUBE_DNS_PORT_9153_TCP_PORT=9153",
                          "KUBE_DNS_PORT_9153_TCP_ADDR=10.96.0.10",
                          "V6_SERVICE_HOST=fd00:10:96::a",
                          "V6_SERVICE_PORT=443",
                          "V6_PORT=tcp://[fd00:10:96::a]:443",
                          "V6_PORT_443_TCP=tcp://[fd00:10:96::a]:443",
                          "V6_PORT_443_TCP_PROTO=tcp",
                          "V6_PORT_443_TCP_PORT=443",
                          "V6_PORT_443_TCP_ADDR=fd00:10:96::a"}));
}

void TestContainerEnv::serviceLinksDisabled()
{
    Fixture f;
    f.pod.spec.enableServiceLinks = false;
    const EnvResult r = f.build(f.pod.spec.containers.front());
    QVERIFY(r.ok());
    QCOMPARE(lines(r.env), kKubernetes);
}

void TestContainerEnv::ownKubernetesServiceWins()
{
    Fixture f;
    f.services.push_back(service("shop", "kubernetes", "10.96.99.99", {port("", 8443)}));
    const EnvResult r = f.build(f.pod.spec.containers.front());
    QCOMPARE(*findEnv(r.env, "KUBERNETES_SERVICE_HOST"), std::string("10.96.99.99"));
    QCOMPARE(*findEnv(r.env, "KUBERNETES_PORT"), std::string("tcp://10.96.99.99:8443"));
    QVERIFY2(!findEnv(r.env, "KUBERNETES_SERVICE_PORT_HTTPS"), "the shop Service has no https port");
}

void TestContainerEnv::literalsThenServices()
{
    Fixture f;
    api::Container c = f.pod.spec.containers.front();
    c.env = {literal("DEMO_GREETING", "Hello from the environment"), literal("EMPTY", ""),
             literal("MY_NGINX_SERVICE_PORT", "8080")};
    const EnvResult r = f.build(c);
    QVERIFY(r.ok());
    QStringList expected{"DEMO_GREETING=Hello from the environment", "EMPTY=", "MY_NGINX_SERVICE_PORT=8080"};
    QStringList services = kKubernetes + kMyNginx;
    services.removeAll("MY_NGINX_SERVICE_PORT=80");
    QCOMPARE(lines(r.env), expected + services);
}

void TestContainerEnv::envFromAndOverrides()
{
    Fixture f;
    f.pod.spec.enableServiceLinks = false;
    api::Container c = f.pod.spec.containers.front();
    c.envFrom = {configMapRef("special-config"), configMapRef("env-config", "CFG_"),
                 configMapRef("env-config"), secretRef("test-secret", "DB_"),
                 configMapRef("missing", "", true)};
    c.env = {literal("SPECIAL_LEVEL", "extremely")};
    const EnvResult r = f.build(c);
    QVERIFY2(r.ok(), r.error.c_str());
    QVERIFY(r.warnings.empty());
    // binaryData never becomes a variable; env-config's SPECIAL_TYPE replaces special-config's in place.
    const QStringList expected{"SPECIAL_LEVEL=extremely",  "SPECIAL_TYPE=strange", "special.how=very",
                               "CFG_SPECIAL_TYPE=strange", "CFG_log_level=INFO",   "log_level=INFO",
                               "DB_password=39528$vdg7Jb", "DB_username=my-app"};
    QCOMPARE(lines(r.env), expected + kKubernetes);
}

void TestContainerEnv::envFromInvalidKeys()
{
    const Fixture f;
    api::Container c = f.pod.spec.containers.front();
    c.envFrom = {configMapRef("myconfig")};
    // Since 1.30 every key is passed to the runtime.
    const EnvResult modern = f.build(c);
    QVERIFY(modern.ok() && modern.warnings.empty());
    QVERIFY(findEnv(modern.env, "1badkey") && findEnv(modern.env, "dotted.key"));
    // Before, keys that were no C-ish names were skipped and reported.
    const EnvResult classic = f.build(c, EnvFromKeys::SkipInvalid);
    QVERIFY(classic.ok());
    QVERIFY(!findEnv(classic.env, "1badkey") && !findEnv(classic.env, "2alsobad"));
    QVERIFY(findEnv(classic.env, "good") && findEnv(classic.env, "dotted.key"));
    QCOMPARE(classic.warnings.size(), size_t(1));
    QCOMPARE(classic.warnings.front().reason, std::string("InvalidEnvironmentVariableNames"));
    QCOMPARE(
        QString::fromStdString(classic.warnings.front().message),
        QString(
            "Keys [1badkey, 2alsobad] from the EnvFrom configMap shop/myconfig were skipped since they are "
            "considered invalid environment variable names."));
}

void TestContainerEnv::expansion()
{
    const Fixture f;
    api::Container c = f.pod.spec.containers.front();
    c.envFrom = {configMapRef("env-config")};
    c.env = {literal("LEVEL", "log=$(log_level)"),
             literal("API", "https://$(KUBERNETES_SERVICE_HOST):$(KUBERNETES_SERVICE_PORT)"),
             literal("EARLY", "$(LATE)"),
             literal("LATE", "late"),
             literal("AGAIN", "$(LATE) $$(LATE) $(NOPE)"),
             literal("SELF", "$(SELF)x")};
    const EnvResult r = f.build(c);
    QCOMPARE(*findEnv(r.env, "LEVEL"), std::string("log=INFO"));
    QCOMPARE(*findEnv(r.env, "API"), std::string("https://10.96.0.1:443"));
    QCOMPARE(*findEnv(r.env, "EARLY"), std::string("$(LATE)"));
    QCOMPARE(*findEnv(r.env, "AGAIN"), std::string("late $(LATE) $(NOPE)"));
    QCOMPARE(*findEnv(r.env, "SELF"), std::string("$(SELF)x"));
}

void TestContainerEnv::fieldRefs_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("expected");
    QTest::newRow("node name") << "spec.nodeName"
                               << "node-1";
    QTest::newRow("old spec.host") << "spec.host"
                                   << "node-1";
    QTest::newRow("service account") << "spec.serviceAccountName"
                                     << "default";
    QTest::newRow("pod name") << "metadata.name"
                              << "web-0";
    QTest::newRow("namespace") << "metadata.namespace"
                               << "shop";
    QTest::newRow("uid") << "metadata.uid"
                         << "5f0c0a9e-1111-4222-8333-944455556666";
    QTest::newRow("one label") << "metadata.labels['app']"
                               << "web";
    QTest::newRow("pod IP") << "status.podIP"
                            << "10.244.1.7";
    QTest::newRow("pod IPs") << "status.podIPs"
                             << "10.244.1.7,fd00:10:244:1::7";
    QTest::newRow("host IP") << "status.hostIP"
                             << "172.18.0.2";
    QTest::newRow("host IPs") << "status.hostIPs"
                              << "172.18.0.2,fc00:f853:ccd:e793::2";
    QTest::newRow("grace period default") << "spec.terminationGracePeriodSeconds"
                                          << "30";
}

void TestContainerEnv::fieldRefs()
{
    QFETCH(QString, path);
    QFETCH(QString, expected);
    const Fixture f;
    api::Container c = f.pod.spec.containers.front();
    c.env = {fromField("V", path.toStdString().c_str())};
    const EnvResult r = f.build(c);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(QString::fromStdString(*findEnv(r.env, "V")), expected);
}

void TestContainerEnv::resourceFieldRefs_data()
{
    QTest::addColumn<QString>("container"); // the selector's containerName
    QTest::addColumn<QString>("resource");
    QTest::addColumn<QString>("divisor");
    QTest::addColumn<int>("consumer"); // index of the container whose env it is
    QTest::addColumn<QString>("expected");
    QTest::newRow("own cpu limit, rounded up") << ""
                                               << "limits.cpu"
                                               << "" << 0 << "1";
    QTest::newRow("own cpu request in millicores") << ""
                                                   << "requests.cpu"
                                                   << "1m" << 0 << "125";
    QTest::newRow("own memory limit") << ""
                                      << "limits.memory"
                                      << "" << 0 << "67108864";
    QTest::newRow("no own limit: node allocatable") << ""
                                                    << "limits.cpu"
                                                    << "" << 1 << "2";
    QTest::newRow("another container's limit") << "app"
                                               << "limits.memory"
                                               << "1Mi" << 1 << "64";
    QTest::newRow("another app container: allocatable") << "sidecar"
                                                        << "limits.memory"
                                                        << "1Mi" << 0 << "3900";
    QTest::newRow("an init container is read as it is") << "setup"
                                                        << "limits.memory"
                                                        << "" << 0 << "0";
}

void TestContainerEnv::resourceFieldRefs()
{
    QFETCH(QString, container);
    QFETCH(QString, resource);
    QFETCH(QString, divisor);
    QFETCH(int, consumer);
    QFETCH(QString, expected);
    const Fixture f;
    api::Container c = f.pod.spec.containers[size_t(consumer)];
    c.env = {fromResource("V", container.toStdString().c_str(), resource.toStdString().c_str(),
                          divisor.isEmpty() ? nullptr : divisor.toStdString().c_str())};
    const EnvResult r = f.build(c);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(QString::fromStdString(*findEnv(r.env, "V")), expected);
}

void TestContainerEnv::keyRefs()
{
    Fixture f;
    f.pod.spec.enableServiceLinks = false;
    api::Container c = f.pod.spec.containers.front();
    c.envFrom = {configMapRef("env-config")};
    c.env = {fromConfigMap("SPECIAL_LEVEL_KEY", "special-config", "SPECIAL_LEVEL"),
             fromSecret("SECRET_USERNAME", "test-secret", "username"),
             fromConfigMap("OPTIONAL_MISSING_KEY", "special-config", "nope", true),
             fromSecret("OPTIONAL_MISSING_SECRET", "nope", "k", true),
             fromConfigMap("log_level", "special-config", "nope", true)};
    const EnvResult r = f.build(c);
    QVERIFY2(r.ok(), r.error.c_str());
    // Optional references that resolve to nothing leave no variable, and leave an envFrom value alone.
    const QStringList expected{"SPECIAL_TYPE=strange", "log_level=INFO", "SPECIAL_LEVEL_KEY=very",
                               "SECRET_USERNAME=my-app"};
    QCOMPARE(lines(r.env), expected + kKubernetes);
}

void TestContainerEnv::errors_data()
{
    QTest::addColumn<api::Container>("container");
    QTest::addColumn<QString>("error");
    api::Container c;
    c.name = "app";

    c.env = {fromConfigMap("A", "special-config", "special.how"), fromConfigMap("B", "game-demo", "lives")};
    QTest::newRow("missing ConfigMap") << c << "configmap \"game-demo\" not found";
    c.env = {fromConfigMap("A", "special-config", "special.who")};
    QTest::newRow("missing ConfigMap key")
        << c << "couldn't find key special.who in ConfigMap shop/special-config";
    c.env = {fromSecret("A", "mysecret", "username")};
    QTest::newRow("missing Secret") << c << "secret \"mysecret\" not found";
    c.env = {fromSecret("A", "test-secret", "token")};
    QTest::newRow("missing Secret key") << c << "couldn't find key token in Secret shop/test-secret";
    c.env = {};
    c.envFrom = {configMapRef("special-config"), configMapRef("game-demo")};
    QTest::newRow("missing envFrom ConfigMap") << c << "configmap \"game-demo\" not found";
    c.envFrom = {secretRef("mysecret", "S_")};
    QTest::newRow("missing envFrom Secret") << c << "secret \"mysecret\" not found";
    c.envFrom = {};
    c.env = {fromField("A", "metadata.name", "v2")};
    QTest::newRow("fieldRef apiVersion") << c << "unsupported pod version: v2";
    c.env = {fromField("A", "spec.containers")};
    QTest::newRow("fieldRef path") << c << "field label not supported: spec.containers";
    c.env = {fromField("A", "spec.nodeName['x']")};
    QTest::newRow("fieldRef subscript") << c << "field label does not support subscript: spec.nodeName['x']";
    c.env = {fromField("A", "status.phase")};
    QTest::newRow("fieldRef accepted but not provided") << c << "unsupported fieldPath: status.phase";
    c.env = {fromResource("A", "db", "limits.cpu")};
    QTest::newRow("resourceFieldRef container") << c << "container db not found";
    c.env = {fromResource("A", "", "limits.nvidia.com/gpu")};
    QTest::newRow("resourceFieldRef resource")
        << c << "unsupported container resource : limits.nvidia.com/gpu";
}

void TestContainerEnv::errors()
{
    QFETCH(api::Container, container);
    QFETCH(QString, error);
    const Fixture f;
    const EnvResult r = f.build(container);
    QCOMPARE(QString::fromStdString(r.error), error);
    QVERIFY(r.env.empty());
    QCOMPARE(QString::fromStdString(ContainerEnv::failedEventMessage(r.error)), "Error: " + error);
}

void TestContainerEnv::apiGetWording()
{
    const Fixture f;
    api::Container c = f.pod.spec.containers.front();
    c.env = {fromConfigMap("A", "game-demo", "lives")};
    EnvContext context = f.context();
    context.objects.fetch = ObjectFetch::ApiGet;
    QCOMPARE(ContainerEnv::build(f.pod, c, context).error, std::string("configmaps \"game-demo\" not found"));
}

void TestContainerEnv::commandExpansion()
{
    api::Container c;
    c.command = {"/bin/echo", "$(SPECIAL_LEVEL_KEY) $(SPECIAL_TYPE_KEY)"};
    c.args = {"$(MISSING)", "$$(SPECIAL_LEVEL_KEY)", "plain"};
    const ContainerEnv::Command cmd =
        ContainerEnv::expandCommand(c, {{"SPECIAL_LEVEL_KEY", "very"}, {"SPECIAL_TYPE_KEY", "charm"}});
    QCOMPARE(cmd.command, (std::vector<std::string>{"/bin/echo", "very charm"}));
    QCOMPARE(cmd.args, (std::vector<std::string>{"$(MISSING)", "$(SPECIAL_LEVEL_KEY)", "plain"}));
}

QTEST_APPLESS_MAIN(TestContainerEnv)
#include "tst_containerenv.moc"
