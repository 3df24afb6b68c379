#include "sim/volumes/volumepayloads.h"

#include <QTest>

Q_DECLARE_METATYPE(std::vector<podlab::api::KeyToPath>)
Q_DECLARE_METATYPE(std::vector<podlab::api::DownwardAPIVolumeFile>)
Q_DECLARE_METATYPE(podlab::api::ProjectedVolumeSource)
Q_DECLARE_METATYPE(podlab::api::Volume)

using namespace podlab;
using namespace podlab::sim;

namespace {

// "path 0644 data" per file, in path order: one string to compare a whole payload at once.
QString render(const VolumePayload& payload)
{
    QStringList lines;
    for (const auto& [path, file] : payload)
        lines << QString("%1 %2 %3")
                     .arg(QString::fromStdString(path))
                     .arg(file.mode, 4, 8, QChar('0'))
                     .arg(QString::fromLatin1(file.data.data(), qsizetype(file.data.size()))
                              .replace('\n', "\\n"));
    return lines.join('\n');
}

QString renderOutcome(const Outcome<VolumePayload>& o)
{
    return o.ok() ? render(o.value) : "error: " + QString::fromStdString(o.error);
}

api::Quantity q(const char* text)
{
    return *api::Quantity::parse(text);
}

api::KeyToPath item(const char* key, const char* path, std::optional<int32_t> mode = std::nullopt)
{
    return {key, path, mode};
}

struct Namespace {
    std::map<std::string, api::ConfigMap, std::less<>> configMaps;
    std::map<std::string, api::Secret, std::less<>> secrets;
    Namespace()
    {
        api::ConfigMap special;
        special.metadata.name = "special-config";
        special.data = {{"SPECIAL_LEVEL", "very"}, {"SPECIAL_TYPE", "charm"}};
        special.binaryData = {{"logo.png", {std::string("\x89PNG\r\n", 6)}}};
        configMaps["special-config"] = special;
        api::ConfigMap ca;
        ca.metadata.name = "kube-root-ca.crt";
        ca.data = {{"ca.crt", "-----BEGIN CERTIFICATE-----\n"}};
        configMaps["kube-root-ca.crt"] = ca;
        api::Secret test;
        test.metadata.name = "test-secret";
        test.data = {{"username", {"my-app"}}, {"password", {"39528$vdg7Jb"}}};
        secrets["test-secret"] = test;
    }
    ObjectLookup lookup(ObjectFetch fetch = ObjectFetch::Watch) const
    {
        ObjectLookup l = ObjectLookup::over(configMaps, secrets);
        l.fetch = fetch;
        return l;
    }
};

api::Pod samplePod()
{
    api::Pod pod;
    pod.metadata.name = "kubernetes-downwardapi-volume-example";
    pod.metadata.namespace_ = "default";
    pod.metadata.uid = "7d5c9e43-3a5f-4b8e-9d3c-0f1e2a3b4c5d";
    pod.metadata.labels = {{"zone", "us-est-coast"}, {"cluster", "test-cluster1"}, {"rack", "rack-22"}};
    pod.metadata.annotations = {{"build", "two"}, {"builder", "john-doe"}};
    pod.spec.nodeName = "node-1";
    api::Container c;
    c.name = "client-container";
    c.resources.requests = {{"cpu", q("125m")}, {"memory", q("32Mi")}};
    c.resources.limits = {{"cpu", q("250m")}, {"memory", q("64Mi")}};
    pod.spec.containers.push_back(c);
    api::Container unlimited;
    unlimited.name = "unlimited";
    pod.spec.containers.push_back(unlimited);
    return pod;
}

NodeFacts sampleNode()
{
    NodeFacts node;
    node.name = "node-1";
    node.uid = "0b6f2b1e-node";
    node.hostIPs = {"172.18.0.2"};
    node.allocatable = {{"cpu", q("2")}, {"memory", q("3900Mi")}, {"ephemeral-storage", q("50Gi")}};
    return node;
}

api::DownwardAPIVolumeFile fieldItem(const char* path, const char* fieldPath,
                                     std::optional<int32_t> mode = {})
{
    api::DownwardAPIVolumeFile f;
    f.path = path;
    f.fieldRef = api::ObjectFieldSelector{"v1", fieldPath};
    f.mode = mode;
    return f;
}

api::DownwardAPIVolumeFile resourceItem(const char* path, const char* container, const char* resource,
                                        const char* divisor = nullptr)
{
    api::DownwardAPIVolumeFile f;
    f.path = path;
    f.resourceFieldRef =
        api::ResourceFieldSelector{container, resource, divisor ? q(divisor) : api::Quantity()};
    return f;
}

} // namespace

class TestVolumePayloads : public QObject {
    Q_OBJECT

private slots:
    void configMap_data();
    void configMap();
    void secret_data();
    void secret();
    void downwardApi_data();
    void downwardApi();
    void projected_data();
    void projected();
    void forVolume();
    void setUpFailedMessage_data();
    void setUpFailedMessage();
    void medium_data();
    void medium();
    void aggregate_data();
    void aggregate();
};

void TestVolumePayloads::configMap_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<std::vector<api::KeyToPath>>("items");
    QTest::addColumn<int>("defaultMode");
    QTest::addColumn<bool>("optional");
    QTest::addColumn<bool>("apiGet");
    QTest::addColumn<QString>("expected");
    using Items = std::vector<api::KeyToPath>;
    QTest::newRow("every key, binaryData too") << "special-config" << Items{} << 0644 << false << false
                                               << "SPECIAL_LEVEL 0644 very\nSPECIAL_TYPE 0644 charm\n"
                                                  "logo.png 0644 \u0089PNG\r\\n";
    QTest::newRow("defaultMode 0400") << "special-config" << Items{item("SPECIAL_LEVEL", "level")} << 0400
                                      << false << false << "level 0400 very";
    QTest::newRow("items: only the listed keys, at their paths, own mode")
        << "special-config"
        << Items{item("SPECIAL_TYPE", "config/type", 0600), item("SPECIAL_LEVEL", "level")} << 0644 << false
        << false << "config/type 0600 charm\nlevel 0644 very";
    QTest::newRow("item from binaryData") << "special-config" << Items{item("logo.png", "img/logo")} << 0644
                                          << false << false << "img/logo 0644 \u0089PNG\r\\n";
    QTest::newRow("missing ConfigMap")
        << "game-demo" << Items{} << 0644 << false << false << "error: configmap \"game-demo\" not found";
    QTest::newRow("missing ConfigMap, fetched from the API server")
        << "game-demo" << Items{} << 0644 << false << true << "error: configmaps \"game-demo\" not found";
    QTest::newRow("missing ConfigMap, optional: empty volume")
        << "game-demo" << Items{item("a", "a")} << 0644 << true << false << "";
    QTest::newRow("missing key") << "special-config" << Items{item("special.how", "how")} << 0644 << false
                                 << false
                                 << "error: configmap references non-existent config key: special.how";
    QTest::newRow("missing key, optional: skipped")
        << "special-config" << Items{item("special.how", "how"), item("SPECIAL_TYPE", "type")} << 0644 << true
        << false << "type 0644 charm";
}

void TestVolumePayloads::configMap()
{
    QFETCH(QString, name);
    QFETCH(std::vector<api::KeyToPath>, items);
    QFETCH(int, defaultMode);
    QFETCH(bool, optional);
    QFETCH(bool, apiGet);
    QFETCH(QString, expected);
    const Namespace ns;
    api::ConfigMapVolumeSource source;
    source.name = name.toStdString();
    source.items = items;
    source.defaultMode = defaultMode;
    source.optional = optional;
    QCOMPARE(renderOutcome(VolumePayloads::configMap(
                 source, ns.lookup(apiGet ? ObjectFetch::ApiGet : ObjectFetch::Watch))),
             expected);
}

void TestVolumePayloads::secret_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<std::vector<api::KeyToPath>>("items");
    QTest::addColumn<bool>("optional");
    QTest::addColumn<QString>("expected");
    using Items = std::vector<api::KeyToPath>;
    QTest::newRow("every key, decoded")
        << "test-secret" << Items{} << false << "password 0644 39528$vdg7Jb\nusername 0644 my-app";
    QTest::newRow("items") << "test-secret" << Items{item("username", "my-group/my-username", 0400)} << false
                           << "my-group/my-username 0400 my-app";
    QTest::newRow("missing Secret") << "mysecret" << Items{} << false
                                    << "error: secret \"mysecret\" not found";
    QTest::newRow("missing Secret, optional") << "mysecret" << Items{} << true << "";
    QTest::newRow("missing key") << "test-secret" << Items{item("token", "token")} << false
                                 << "error: references non-existent secret key: token";
    QTest::newRow("missing key, optional") << "test-secret" << Items{item("token", "token")} << true << "";
}

void TestVolumePayloads::secret()
{
    QFETCH(QString, name);
    QFETCH(std::vector<api::KeyToPath>, items);
    QFETCH(bool, optional);
    QFETCH(QString, expected);
    const Namespace ns;
    api::SecretVolumeSource source;
    source.secretName = name.toStdString();
    source.items = items;
    source.optional = optional;
    QCOMPARE(renderOutcome(VolumePayloads::secret(source, ns.lookup())), expected);
}

void TestVolumePayloads::downwardApi_data()
{
    using Items = std::vector<api::DownwardAPIVolumeFile>;
    QTest::addColumn<Items>("items");
    QTest::addColumn<QString>("expected");
    QTest::newRow("labels, sorted, quoted (docs)")
        << Items{fieldItem("labels", "metadata.labels")}
        << "labels 0644 cluster=\"test-cluster1\"\\nrack=\"rack-22\"\\nzone=\"us-est-coast\"";
    QTest::newRow("annotations (docs)") << Items{fieldItem("annotations", "metadata.annotations")}
                                        << "annotations 0644 build=\"two\"\\nbuilder=\"john-doe\"";
    QTest::newRow("name, namespace, uid, with a mode")
        << Items{fieldItem("name", "metadata.name", 0400), fieldItem("ns", "metadata.namespace"),
                 fieldItem("uid", "metadata.uid")}
        << "name 0400 kubernetes-downwardapi-volume-example\nns 0644 default\n"
           "uid 0644 7d5c9e43-3a5f-4b8e-9d3c-0f1e2a3b4c5d";
    QTest::newRow("one label; a missing one is empty")
        << Items{fieldItem("zone", "metadata.labels['zone']"), fieldItem("none", "metadata.labels['nope']")}
        << "none 0644 \nzone 0644 us-est-coast";
    QTest::newRow("path cleaned") << Items{fieldItem("./info//name", "metadata.name")}
                                  << "info/name 0644 kubernetes-downwardapi-volume-example";
    QTest::newRow("resources with divisors (docs)")
        << Items{resourceItem("cpu_limit", "client-container", "limits.cpu", "1m"),
                 resourceItem("cpu_request", "client-container", "requests.cpu", "1m"),
                 resourceItem("mem_limit", "client-container", "limits.memory", "1Mi"),
                 resourceItem("mem_request", "client-container", "requests.memory", "1Mi")}
        << "cpu_limit 0644 250\ncpu_request 0644 125\nmem_limit 0644 64\nmem_request 0644 32";
    QTest::newRow("default divisor rounds cpu up")
        << Items{resourceItem("cpu", "client-container", "limits.cpu")} << "cpu 0644 1";
    QTest::newRow("no limit: node allocatable")
        << Items{resourceItem("cpu", "unlimited", "limits.cpu", "1m"),
                 resourceItem("mem", "unlimited", "limits.memory", "1Mi"),
                 resourceItem("req", "unlimited", "requests.cpu")}
        << "cpu 0644 2000\nmem 0644 3900\nreq 0644 0";
    QTest::newRow("a node field is not for volumes")
        << Items{fieldItem("node", "spec.nodeName")} << "error: unsupported fieldPath: spec.nodeName";
    QTest::newRow("unknown container")
        << Items{resourceItem("cpu", "nope", "limits.cpu")} << "error: container nope not found";
    QTest::newRow("every failing item is reported")
        << Items{fieldItem("node", "spec.nodeName"), fieldItem("ok", "metadata.name"),
                 resourceItem("cpu", "nope", "limits.cpu")}
        << "error: [unsupported fieldPath: spec.nodeName, container nope not found]";
}

void TestVolumePayloads::downwardApi()
{
    QFETCH(std::vector<api::DownwardAPIVolumeFile>, items);
    QFETCH(QString, expected);
    QCOMPARE(renderOutcome(VolumePayloads::downwardApi(items, 0644, samplePod(), sampleNode())), expected);
}

void TestVolumePayloads::projected_data()
{
    QTest::addColumn<api::ProjectedVolumeSource>("source");
    QTest::addColumn<bool>("ownedByPod");
    QTest::addColumn<QString>("expected");

    api::ProjectedVolumeSource kubeApiAccess;
    kubeApiAccess.defaultMode = 0644;
    api::VolumeProjection token;
    token.serviceAccountToken = api::ServiceAccountTokenProjection{"", 3607, "token"};
    api::VolumeProjection ca;
    ca.configMap = api::ConfigMapProjection{"kube-root-ca.crt", {item("ca.crt", "ca.crt")}, std::nullopt};
    api::VolumeProjection ns;
    ns.downwardAPI = api::DownwardAPIProjection{{fieldItem("namespace", "metadata.namespace")}};
    kubeApiAccess.sources = {token, ca, ns};
    const QString kubeApiFiles = "ca.crt 0644 -----BEGIN CERTIFICATE-----\\n\nnamespace 0644 default\n"
                                 "token %1 TOKEN(aud=,exp=3607)";
    QTest::newRow("kube-api-access") << kubeApiAccess << false << kubeApiFiles.arg("0644");
    QTest::newRow("kube-api-access, token owned by the pod's fsUser")
        << kubeApiAccess << true << kubeApiFiles.arg("0600");

    api::ProjectedVolumeSource overlap;
    overlap.defaultMode = 0440;
    api::VolumeProjection secretAll;
    secretAll.secret = api::SecretProjection{"test-secret", {}, std::nullopt};
    api::VolumeProjection cmAsUsername;
    cmAsUsername.configMap =
        api::ConfigMapProjection{"special-config", {item("SPECIAL_TYPE", "username")}, std::nullopt};
    overlap.sources = {secretAll, cmAsUsername};
    QTest::newRow("a later source replaces a file at the same path")
        << overlap << false << "password 0440 39528$vdg7Jb\nusername 0440 charm";

    api::ProjectedVolumeSource missing;
    missing.defaultMode = 0644;
    api::VolumeProjection user, pass, game, optional;
    user.secret = api::SecretProjection{"user", {}, std::nullopt};
    pass.secret = api::SecretProjection{"pass", {}, std::nullopt};
    game.configMap = api::ConfigMapProjection{"game-demo", {}, std::nullopt};
    optional.configMap = api::ConfigMapProjection{"nowhere", {}, true};
    missing.sources = {user, optional, pass, game};
    QTest::newRow("every missing source is reported")
        << missing << false
        << "error: [secret \"user\" not found, secret \"pass\" not found, configmap \"game-demo\" not found]";

    api::ProjectedVolumeSource twice;
    twice.defaultMode = 0644;
    twice.sources = {user, user};
    QTest::newRow("the same error once") << twice << false << "error: secret \"user\" not found";

    api::ProjectedVolumeSource badKey;
    badKey.defaultMode = 0644;
    api::VolumeProjection wrongKey;
    wrongKey.secret = api::SecretProjection{"test-secret", {item("token", "token")}, std::nullopt};
    badKey.sources = {wrongKey, ca};
    QTest::newRow("a missing key") << badKey << false << "error: references non-existent secret key: token";

    api::ProjectedVolumeSource vault;
    vault.defaultMode = 0644;
    api::VolumeProjection vaultToken;
    vaultToken.serviceAccountToken = api::ServiceAccountTokenProjection{"vault", 7200, "vault-token"};
    api::VolumeProjection denied;
    denied.serviceAccountToken = api::ServiceAccountTokenProjection{"denied", 7200, "other"};
    vault.sources = {vaultToken};
    QTest::newRow("audience and lifetime reach the TokenRequest")
        << vault << false << "vault-token 0644 TOKEN(aud=vault,exp=7200)";
    vault.sources = {vaultToken, denied};
    QTest::newRow("a failed TokenRequest")
        << vault << false << "error: failed to fetch token: serviceaccounts \"default\" not found";
}

void TestVolumePayloads::projected()
{
    QFETCH(api::ProjectedVolumeSource, source);
    QFETCH(bool, ownedByPod);
    QFETCH(QString, expected);
    const Namespace ns;
    VolumeContext context;
    context.objects = ns.lookup();
    context.node = sampleNode();
    context.tokenOwnedByPod = ownedByPod;
    context.serviceAccountToken = [](const api::ServiceAccountTokenProjection& p) {
        if (p.audience == "denied")
            return Outcome<std::string>::failure(
                "failed to fetch token: serviceaccounts \"default\" not found");
        return Outcome<std::string>::success("TOKEN(aud=" + p.audience +
                                             ",exp=" + std::to_string(p.expirationSeconds.value_or(0)) + ")");
    };
    QCOMPARE(renderOutcome(VolumePayloads::projected(source, samplePod(), context)), expected);
}

void TestVolumePayloads::forVolume()
{
    const Namespace ns;
    VolumeContext context;
    context.objects = ns.lookup();
    context.node = sampleNode();
    api::Volume config;
    config.name = "config";
    config.configMap =
        api::ConfigMapVolumeSource{"special-config", {item("SPECIAL_LEVEL", "level")}, 0644, {}};
    QCOMPARE(renderOutcome(VolumePayloads::forVolume(config, samplePod(), context)),
             QString("level 0644 very"));
    api::Volume podinfo;
    podinfo.name = "podinfo";
    podinfo.downwardAPI = api::DownwardAPIVolumeSource{{fieldItem("name", "metadata.name")}, 0600};
    QCOMPARE(renderOutcome(VolumePayloads::forVolume(podinfo, samplePod(), context)),
             QString("name 0600 kubernetes-downwardapi-volume-example"));
    api::Volume scratch;
    scratch.name = "scratch";
    scratch.emptyDir = api::EmptyDirVolumeSource{};
    QVERIFY(VolumePayloads::isAtomicallyWritten(config) && !VolumePayloads::isAtomicallyWritten(scratch));
    QVERIFY(!VolumePayloads::forVolume(scratch, samplePod(), context).ok());
}

void TestVolumePayloads::setUpFailedMessage_data()
{
    QTest::addColumn<QString>("volume");
    QTest::addColumn<QString>("error");
    QTest::addColumn<QString>("expected");
    QTest::newRow("missing ConfigMap") << "config"
                                       << "configmap \"special-config\" not found"
                                       << "MountVolume.SetUp failed for volume \"config\" : configmap "
                                          "\"special-config\" not found";
    QTest::newRow("missing Secret key")
        << "mariadb-credentials"
        << "references non-existent secret key: mariadb-metrics-password"
        << "MountVolume.SetUp failed for volume \"mariadb-credentials\" : references "
           "non-existent secret key: mariadb-metrics-password";
}

void TestVolumePayloads::setUpFailedMessage()
{
    QFETCH(QString, volume);
    QFETCH(QString, error);
    QFETCH(QString, expected);
    QCOMPARE(
        QString::fromStdString(VolumePayloads::setUpFailedMessage(volume.toStdString(), error.toStdString())),
        expected);
}

void TestVolumePayloads::medium_data()
{
    QTest::addColumn<api::Volume>("volume");
    QTest::addColumn<int>("medium");
    api::Volume v;
    v.configMap = api::ConfigMapVolumeSource{};
    QTest::newRow("configMap: node disk") << v << int(fs::Medium::Disk);
    v = {};
    v.secret = api::SecretVolumeSource{};
    QTest::newRow("secret: tmpfs") << v << int(fs::Medium::Tmpfs);
    v = {};
    v.projected = api::ProjectedVolumeSource{};
    QTest::newRow("projected: tmpfs") << v << int(fs::Medium::Tmpfs);
    v = {};
    v.downwardAPI = api::DownwardAPIVolumeSource{};
    QTest::newRow("downwardAPI: node disk") << v << int(fs::Medium::Disk);
    v = {};
    v.emptyDir = api::EmptyDirVolumeSource{"Memory", std::nullopt};
    QTest::newRow("emptyDir Memory") << v << int(fs::Medium::Tmpfs);
}

void TestVolumePayloads::medium()
{
    QFETCH(api::Volume, volume);
    QFETCH(int, medium);
    QCOMPARE(int(VolumePayloads::medium(volume)), medium);
}

void TestVolumePayloads::aggregate_data()
{
    QTest::addColumn<QStringList>("errors");
    QTest::addColumn<QString>("expected");
    QTest::newRow("none") << QStringList{} << "";
    QTest::newRow("one") << QStringList{"a"} << "a";
    QTest::newRow("two") << QStringList{"a", "b"} << "[a, b]";
    QTest::newRow("repeats once") << QStringList{"a", "b", "a"} << "[a, b]";
}

void TestVolumePayloads::aggregate()
{
    QFETCH(QStringList, errors);
    QFETCH(QString, expected);
    std::vector<std::string> e;
    for (const QString& s : errors)
        e.push_back(s.toStdString());
    QCOMPARE(QString::fromStdString(VolumePayloads::aggregate(e)), expected);
}

QTEST_APPLESS_MAIN(TestVolumePayloads)
#include "tst_volumepayloads.moc"
