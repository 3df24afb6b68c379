// The volume examples of the Kubernetes documentation, read from the shared corpus, must give the files the
// documentation shows.
#include "../podenv/docexample.h"

#include "sim/fs/filesystem.h"
#include "sim/volumes/atomicwriter.h"
#include "sim/volumes/serviceaccounttoken.h"
#include "sim/volumes/volumepayloads.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim;

namespace {

constexpr int64_t kNow = 1795773600000; // 2026-11-27 10:00:00 UTC

QString render(const Outcome<VolumePayload>& o)
{
    if (!o.ok())
        return "error: " + QString::fromStdString(o.error);
    QStringList lines;
    for (const auto& [path, file] : o.value)
        lines << QString("%1 %2 %3")
                     .arg(QString::fromStdString(path))
                     .arg(file.mode, 4, 8, QChar('0'))
                     .arg(QString::fromStdString(file.data).replace('\n', "\\n"));
    return lines.join('\n');
}

const api::Volume& volumeNamed(const api::Pod& pod, const char* name)
{
    for (const api::Volume& v : pod.spec.volumes)
        if (v.name == name)
            return v;
    static const api::Volume none;
    return none;
}

NodeFacts minikube()
{
    NodeFacts node;
    node.name = "minikube";
    node.hostIPs = {"192.168.49.2"};
    node.allocatable = {{"cpu", *api::Quantity::parse("2")}, {"memory", *api::Quantity::parse("3900Mi")}};
    return node;
}

} // namespace

class TestVolumeDocs : public QObject {
    Q_OBJECT

private slots:
    void dapiVolumeLabelsAndAnnotations();
    void dapiVolumeResources();
    void configMapItems();
    void configMapVolume();
    void secretVolume();
    void projectedSecrets();
    void projectedServiceAccountToken();
};

void TestVolumeDocs::dapiVolumeLabelsAndAnnotations()
{
    const auto pod = docExample<api::Pod>("pods/inject/dapi-volume.yaml");
    VolumeContext context;
    context.node = minikube();
    const Outcome<VolumePayload> payload =
        VolumePayloads::forVolume(volumeNamed(pod, "podinfo"), pod, context);
    QCOMPARE(render(payload),
             QString("annotations 0644 build=\"two\"\\nbuilder=\"john-doe\"\n"
                     "labels 0644 cluster=\"test-cluster1\"\\nrack=\"rack-22\"\\nzone=\"us-est-coast\""));

    // /etc/podinfo/labels is a symlink through ..data into the timestamped directory.
    fs::FileSystem volume;
    Random random(1);
    const AtomicWriter::Result r = AtomicWriter(volume, "/").write(payload.value, kNow, random);
    QVERIFY(r.ok());
    std::string target, labels;
    QCOMPARE(volume.readlink("/labels", target), fs::Error::None);
    QCOMPARE(target, std::string("..data/labels"));
    QCOMPARE(volume.readFile("/labels", labels), fs::Error::None);
    QCOMPARE(labels, std::string("cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-est-coast\""));

    // Relabelling the pod is an update the writer carries out atomically.
    api::Pod relabelled = pod;
    relabelled.metadata.labels["zone"] = "us-west";
    const Outcome<VolumePayload> next =
        VolumePayloads::forVolume(volumeNamed(pod, "podinfo"), relabelled, context);
    const AtomicWriter::Result r2 = AtomicWriter(volume, "/").write(next.value, kNow + 60000, random);
    QCOMPARE(r2.change, AtomicWriter::Change::Written);
    QVERIFY(r2.dataDir != r.dataDir);
    volume.readFile("/labels", labels);
    QCOMPARE(labels, std::string("cluster=\"test-cluster1\"\nrack=\"rack-22\"\nzone=\"us-west\""));
}

void TestVolumeDocs::dapiVolumeResources()
{
    const auto pod = docExample<api::Pod>("pods/inject/dapi-volume-resources.yaml");
    VolumeContext context;
    context.node = minikube();
    QCOMPARE(render(VolumePayloads::forVolume(volumeNamed(pod, "podinfo"), pod, context)),
             QString("cpu_limit 0644 250\ncpu_request 0644 125\nmem_limit 0644 64\nmem_request 0644 32"));
}

void TestVolumeDocs::configMapItems()
{
    const auto pod = docExample<api::Pod>("configmap/configure-pod.yaml");
    // The ConfigMap game-demo appears inline on the documentation page.
    api::ConfigMap game;
    game.metadata.name = "game-demo";
    game.data = {{"player_initial_lives", "3"},
                 {"ui_properties_file_name", "user-interface.properties"},
                 {"game.properties", "enemy.types=aliens,monsters\nplayer.maximum-lives=5\n"},
                 {"user-interface.properties", "color.good=purple\ncolor.bad=yellow\nallow.textmode=true\n"}};
    std::map<std::string, api::ConfigMap, std::less<>> configMaps{{"game-demo", game}};
    std::map<std::string, api::Secret, std::less<>> secrets;
    VolumeContext context;
    context.objects = ObjectLookup::over(configMaps, secrets);
    QCOMPARE(
        render(VolumePayloads::forVolume(volumeNamed(pod, "config"), pod, context)),
        QString(
            "game.properties 0644 enemy.types=aliens,monsters\\nplayer.maximum-lives=5\\n\n"
            "user-interface.properties 0644 color.good=purple\\ncolor.bad=yellow\\nallow.textmode=true\\n"));
    configMaps.clear();
    const Outcome<VolumePayload> missing =
        VolumePayloads::forVolume(volumeNamed(pod, "config"), pod, context);
    QCOMPARE(QString::fromStdString(VolumePayloads::setUpFailedMessage("config", missing.error)),
             QString("MountVolume.SetUp failed for volume \"config\" : configmap \"game-demo\" not found"));
}

void TestVolumeDocs::configMapVolume()
{
    const auto pod = docExample<api::Pod>("pods/pod-configmap-volume.yaml");
    const auto special = docExample<api::ConfigMap>("configmap/configmap-multikeys.yaml");
    std::map<std::string, api::ConfigMap, std::less<>> configMaps{{special.metadata.name, special}};
    std::map<std::string, api::Secret, std::less<>> secrets;
    VolumeContext context;
    context.objects = ObjectLookup::over(configMaps, secrets);
    QVERIFY(!pod.spec.volumes.empty());
    QCOMPARE(render(VolumePayloads::forVolume(pod.spec.volumes.front(), pod, context)),
             QString("SPECIAL_LEVEL 0644 very\nSPECIAL_TYPE 0644 charm"));
}

void TestVolumeDocs::secretVolume()
{
    const auto pod = docExample<api::Pod>("pods/inject/secret-pod.yaml");
    const auto secret = docExample<api::Secret>("pods/inject/secret.yaml");
    std::map<std::string, api::ConfigMap, std::less<>> configMaps;
    std::map<std::string, api::Secret, std::less<>> secrets{{secret.metadata.name, secret}};
    VolumeContext context;
    context.objects = ObjectLookup::over(configMaps, secrets);
    QVERIFY(!pod.spec.volumes.empty());
    const api::Volume& volume = pod.spec.volumes.front();
    QCOMPARE(render(VolumePayloads::forVolume(volume, pod, context)),
             QString("password 0644 39528$vdg7Jb\nusername 0644 my-app"));
    QCOMPARE(VolumePayloads::medium(volume), fs::Medium::Tmpfs);
    secrets.clear();
    QCOMPARE(render(VolumePayloads::forVolume(volume, pod, context)),
             QString("error: secret \"test-secret\" not found"));
}

void TestVolumeDocs::projectedSecrets()
{
    const auto pod = docExample<api::Pod>("pods/storage/projected.yaml");
    // kubectl create secret generic user --from-file=./username.txt (and pass likewise): key = file name.
    api::Secret user, pass;
    user.metadata.name = "user";
    user.data = {{"username.txt", {"admin"}}};
    pass.metadata.name = "pass";
    pass.data = {{"password.txt", {"1f2d1e2e67df"}}};
    std::map<std::string, api::ConfigMap, std::less<>> configMaps;
    std::map<std::string, api::Secret, std::less<>> secrets{{"user", user}, {"pass", pass}};
    VolumeContext context;
    context.objects = ObjectLookup::over(configMaps, secrets);
    QCOMPARE(render(VolumePayloads::forVolume(volumeNamed(pod, "all-in-one"), pod, context)),
             QString("password.txt 0644 1f2d1e2e67df\nusername.txt 0644 admin"));
}

void TestVolumeDocs::projectedServiceAccountToken()
{
    auto pod = docExample<api::Pod>("pods/pod-projected-svc-token.yaml");
    pod.metadata.uid = "3c3b7b0e-8b0e-4a0e-9e0e-000000000001";
    pod.spec.serviceAccountName = "default"; // set by ServiceAccount admission
    Random random(8);
    IssuedToken issued;
    VolumeContext context;
    context.serviceAccountToken = [&](const api::ServiceAccountTokenProjection& p) {
        TokenRequest request;
        request.namespace_ = pod.metadata.namespace_;
        request.serviceAccount = {pod.spec.serviceAccountName, "sa-uid"};
        request.pod = {pod.metadata.name, pod.metadata.uid};
        if (!p.audience.empty())
            request.audiences = {p.audience};
        request.expirationSeconds = p.expirationSeconds.value_or(3600);
        issued = ServiceAccountToken::issue(request, kNow, TokenIssuerSettings(), random);
        return Outcome<std::string>::success(issued.token);
    };
    const Outcome<VolumePayload> payload =
        VolumePayloads::forVolume(volumeNamed(pod, "vault-token"), pod, context);
    QVERIFY2(payload.ok(), payload.error.c_str());
    QCOMPARE(payload.value.size(), size_t(1));
    QCOMPARE(payload.value.begin()->first, std::string("vault-token"));
    const Outcome<DecodedToken> decoded = ServiceAccountToken::decode(payload.value.begin()->second.data);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value.claims.audiences, std::vector<std::string>{"vault"});
    QCOMPARE(decoded.value.claims.expiry - decoded.value.claims.issuedAt, int64_t(7200));
    QCOMPARE(decoded.value.claims.subject, std::string("system:serviceaccount:default:default"));
    // Rotated when older than 80 % of its TTL: 5760 s after issue.
    QCOMPARE(ServiceAccountToken::refreshAfterMs(issued.expirationTimestampMs, issued.expirationSeconds, 0),
             kNow + 5760000);
}

QTEST_APPLESS_MAIN(TestVolumeDocs)
#include "tst_volumedocs.moc"
