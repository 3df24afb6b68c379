// The environment, /etc/hosts and /etc/resolv.conf examples of the Kubernetes documentation, read from the
// shared corpus, must give what the documentation shows (with this cluster's kubernetes Service, 10.96.0.1).
#include "docexample.h"

#include "sim/podenv/containerenv.h"
#include "sim/podenv/poddns.h"
#include "sim/podenv/podhosts.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim;

namespace {

api::Service kubernetesService()
{
    api::Service s;
    s.metadata.namespace_ = "default";
    s.metadata.name = "kubernetes";
    s.spec.clusterIP = "10.96.0.1";
    api::ServicePort https;
    https.name = "https";
    https.port = 443;
    https.protocol = "TCP";
    s.spec.ports = {https};
    return s;
}

// The pod as the kubelet sees it once scheduled to minikube and given an IP.
api::Pod running(api::Pod pod)
{
    pod.metadata.uid = "a3e0c5d2-7b1f-4c59-9f7e-2d8b6c4a1e90";
    pod.spec.nodeName = "minikube";
    if (pod.spec.serviceAccountName.empty())
        pod.spec.serviceAccountName = "default"; // ServiceAccount admission
    pod.status.podIP = "172.17.0.4";
    pod.status.podIPs = {{"172.17.0.4"}};
    return pod;
}

struct Cluster {
    api::Service kubernetes = kubernetesService();
    std::map<std::string, api::ConfigMap, std::less<>> configMaps;
    std::map<std::string, api::Secret, std::less<>> secrets;

    EnvResult env(const api::Pod& pod, size_t container = 0) const
    {
        EnvContext context;
        context.objects = ObjectLookup::over(configMaps, secrets);
        context.services = {&kubernetes};
        context.node.name = "minikube";
        context.node.hostIPs = {"192.168.49.2"};
        context.node.allocatable = {{"cpu", *api::Quantity::parse("2")},
                                    {"memory", *api::Quantity::parse("3900Mi")}};
        return ContainerEnv::build(pod, pod.spec.containers.at(container), context);
    }
};

QString value(const EnvResult& r, const char* name)
{
    const std::string* v = findEnv(r.env, name);
    return v ? QString::fromStdString(*v) : QStringLiteral("<unset>");
}

} // namespace

class TestPodEnvDocs : public QObject {
    Q_OBJECT

private slots:
    void envars();
    void dependentEnvars();
    void dapiEnvarsPod();
    void dapiEnvarsContainer();
    void secretEnvars();
    void configMapEnvFrom();
    void configMapValueFromInCommand();
    void commands();
    void hostAliases();
    void customDns();
};

void TestPodEnvDocs::envars()
{
    const Cluster cluster;
    const EnvResult r = cluster.env(running(docExample<api::Pod>("pods/inject/envars.yaml")));
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "DEMO_GREETING"), QString("Hello from the environment"));
    QCOMPARE(value(r, "DEMO_FAREWELL"), QString("Such a sweet sorrow"));
    QCOMPARE(value(r, "KUBERNETES_SERVICE_HOST"), QString("10.96.0.1"));
    QCOMPARE(value(r, "KUBERNETES_SERVICE_PORT"), QString("443"));
    // HOSTNAME comes from the runtime, not from the kubelet's list.
    QCOMPARE(value(r, "HOSTNAME"), QString("<unset>"));
}

void TestPodEnvDocs::dependentEnvars()
{
    const Cluster cluster;
    const EnvResult r = cluster.env(running(docExample<api::Pod>("pods/inject/dependent-envars.yaml")));
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "UNCHANGED_REFERENCE"), QString("$(PROTOCOL)://172.17.0.1:80"));
    QCOMPARE(value(r, "SERVICE_ADDRESS"), QString("https://172.17.0.1:80"));
    QCOMPARE(value(r, "ESCAPED_REFERENCE"), QString("$(PROTOCOL)://172.17.0.1:80"));
}

void TestPodEnvDocs::dapiEnvarsPod()
{
    const Cluster cluster;
    const EnvResult r = cluster.env(running(docExample<api::Pod>("pods/inject/dapi-envars-pod.yaml")));
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "MY_NODE_NAME"), QString("minikube"));
    QCOMPARE(value(r, "MY_POD_NAME"), QString("dapi-envars-fieldref"));
    QCOMPARE(value(r, "MY_POD_NAMESPACE"), QString("default"));
    QCOMPARE(value(r, "MY_POD_IP"), QString("172.17.0.4"));
    QCOMPARE(value(r, "MY_POD_SERVICE_ACCOUNT"), QString("default"));
}

void TestPodEnvDocs::dapiEnvarsContainer()
{
    const Cluster cluster;
    const EnvResult r = cluster.env(running(docExample<api::Pod>("pods/inject/dapi-envars-container.yaml")));
    QVERIFY2(r.ok(), r.error.c_str());
    // The logs print 1, 1, 33554432, 67108864: cpu rounded up to whole cores, memory in bytes.
    QCOMPARE(value(r, "MY_CPU_REQUEST"), QString("1"));
    QCOMPARE(value(r, "MY_CPU_LIMIT"), QString("1"));
    QCOMPARE(value(r, "MY_MEM_REQUEST"), QString("33554432"));
    QCOMPARE(value(r, "MY_MEM_LIMIT"), QString("67108864"));
}

void TestPodEnvDocs::secretEnvars()
{
    Cluster cluster;
    const auto pod = running(docExample<api::Pod>("pods/inject/secret-envars-pod.yaml"));
    const EnvResult missing = cluster.env(pod);
    QCOMPARE(QString::fromStdString(missing.error), QString("secret \"test-secret\" not found"));
    QCOMPARE(QString::fromStdString(ContainerEnv::failedEventMessage(missing.error)),
             QString("Error: secret \"test-secret\" not found"));

    const auto secret = docExample<api::Secret>("pods/inject/secret.yaml");
    cluster.secrets[secret.metadata.name] = secret;
    const EnvResult r = cluster.env(pod);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "SECRET_USERNAME"), QString("my-app"));
    QCOMPARE(value(r, "SECRET_PASSWORD"), QString("39528$vdg7Jb"));
}

void TestPodEnvDocs::configMapEnvFrom()
{
    Cluster cluster;
    const auto special = docExample<api::ConfigMap>("configmap/configmap-multikeys.yaml");
    cluster.configMaps[special.metadata.name] = special;
    const EnvResult r = cluster.env(running(docExample<api::Pod>("pods/pod-configmap-envFrom.yaml")));
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "SPECIAL_LEVEL"), QString("very"));
    QCOMPARE(value(r, "SPECIAL_TYPE"), QString("charm"));
}

void TestPodEnvDocs::configMapValueFromInCommand()
{
    Cluster cluster;
    const auto pod = running(docExample<api::Pod>("pods/pod-configmap-env-var-valueFrom.yaml"));
    // Before the ConfigMap exists the container cannot be configured.
    QCOMPARE(QString::fromStdString(cluster.env(pod).error),
             QString("configmap \"special-config\" not found"));

    const auto special = docExample<api::ConfigMap>("configmap/configmap-multikeys.yaml");
    cluster.configMaps[special.metadata.name] = special;
    const EnvResult r = cluster.env(pod);
    QVERIFY2(r.ok(), r.error.c_str());
    const ContainerEnv::Command cmd = ContainerEnv::expandCommand(pod.spec.containers.front(), r.env);
    QCOMPARE(cmd.command, (std::vector<std::string>{"/bin/echo", "very charm"}));

    // With configmaps.yaml's special-config (special.how only) the key is missing.
    const auto other = docExample<api::ConfigMap>("configmap/configmaps.yaml", 0);
    cluster.configMaps[other.metadata.name] = other;
    QCOMPARE(QString::fromStdString(cluster.env(pod).error),
             QString("couldn't find key SPECIAL_LEVEL in ConfigMap default/special-config"));
}

void TestPodEnvDocs::commands()
{
    const Cluster cluster;
    const auto pod = running(docExample<api::Pod>("pods/commands.yaml"));
    const EnvResult r = cluster.env(pod);
    QVERIFY2(r.ok(), r.error.c_str());
    QCOMPARE(value(r, "KUBERNETES_PORT"), QString("tcp://10.96.0.1:443"));
    const ContainerEnv::Command cmd = ContainerEnv::expandCommand(pod.spec.containers.front(), r.env);
    QCOMPARE(cmd.command, std::vector<std::string>{"printenv"});
    QCOMPARE(cmd.args, (std::vector<std::string>{"HOSTNAME", "KUBERNETES_PORT"}));
    const Outcome<PodHosts::Identity> id = PodHosts::identity(pod);
    QCOMPARE(PodHosts::kernelHostname(id.value, pod).value, std::string("command-demo"));
}

void TestPodEnvDocs::hostAliases()
{
    auto pod = running(docExample<api::Pod>("service/networking/hostaliases-pod.yaml"));
    pod.status.podIP = "10.200.0.5";
    pod.status.podIPs = {{"10.200.0.5"}};
    const Outcome<PodHosts::Identity> id = PodHosts::identity(pod);
    QVERIFY(id.ok());
    QCOMPARE(QString::fromStdString(PodHosts::hostsFile(pod, id.value)),
             QString("# Kubernetes-managed hosts file.\n"
                     "127.0.0.1\tlocalhost\n"
                     "::1\tlocalhost ip6-localhost ip6-loopback\n"
                     "fe00::0\tip6-localnet\n"
                     "fe00::0\tip6-mcastprefix\n"
                     "fe00::1\tip6-allnodes\n"
                     "fe00::2\tip6-allrouters\n"
                     "10.200.0.5\thostaliases-pod\n"
                     "\n"
                     "# Entries added by HostAliases.\n"
                     "127.0.0.1\tfoo.local\tbar.local\n"
                     "10.1.2.3\tfoo.remote\tbar.remote\n"));
}

void TestPodEnvDocs::customDns()
{
    const auto pod = running(docExample<api::Pod>("service/networking/custom-dns.yaml"));
    DnsSettings settings;
    settings.nodeResolvConf = "nameserver 192.168.49.1\nsearch localdomain\n";
    const DnsResult r = PodDns::podDns(pod, settings);
    QVERIFY(r.podWarnings.empty());
    // The documentation's output, written when dockershim wrote the file …
    QCOMPARE(QString::fromStdString(PodDns::resolvConf(r.config, ResolvConfLayout::Dockershim)),
             QString("nameserver 192.0.2.1\n"
                     "search ns1.svc.cluster-domain.example my.dns.search.suffix\n"
                     "options ndots:2 edns0\n"));
    // … and the same lines as containerd orders them.
    QCOMPARE(QString::fromStdString(PodDns::resolvConf(r.config, ResolvConfLayout::Containerd)),
             QString("search ns1.svc.cluster-domain.example my.dns.search.suffix\n"
                     "nameserver 192.0.2.1\n"
                     "options ndots:2 edns0\n"));
}

QTEST_APPLESS_MAIN(TestPodEnvDocs)
#include "tst_podenvdocs.moc"
