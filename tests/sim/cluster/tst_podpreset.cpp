// The PodPreset admission step of the classic profile: which pods it changes, how it merges, and that a
// conflict leaves the pod as it came.
#include "kubectlsession.h"

#include "sim/cluster/podpresetadmission.h"

#include "manifest/manifestreader.h"

#include <set>

using namespace podlab;
using namespace podlab::testing;

namespace {

// The walk-through of the old task page "Inject Information into Pods Using a PodPreset".
const QString kAllowDatabase =
    "apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata:\n  name: allow-database\n"
    "spec:\n  selector:\n    matchLabels:\n      role: frontend\n"
    "  env:\n  - name: DB_PORT\n    value: \"6379\"\n"
    "  volumeMounts:\n  - mountPath: /cache\n    name: cache-volume\n"
    "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n";
const QString kWebsite =
    "apiVersion: v1\nkind: Pod\nmetadata:\n  name: website\n  labels:\n    app: website\n"
    "    role: frontend\nspec:\n  containers:\n  - name: website\n    image: nginx\n"
    "    ports:\n    - containerPort: 80\n";

// A preset named `name` for role=frontend with `spec` (YAML lines at two spaces) besides the selector.
QString preset(const QString& name, const QString& spec)
{
    return "apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata:\n  name: " + name +
           "\nspec:\n  selector:\n    matchLabels:\n      role: frontend\n" + spec;
}

// The website pod with `spec` (YAML lines at two spaces) and `metadata` lines added.
QString website(const QString& spec, const QString& metadata = {})
{
    return "apiVersion: v1\nkind: Pod\nmetadata:\n  name: website\n  labels:\n    role: frontend\n" +
           metadata + "spec:\n" + spec;
}

const QString kOneContainer = "  containers:\n  - name: website\n    image: nginx\n";

std::string describeVolume(const api::Volume& v)
{
    const char* source = v.emptyDir    ? "emptyDir"
                         : v.hostPath  ? "hostPath"
                         : v.configMap ? "configMap"
                                       : "other";
    return v.name + "(" + source + ")";
}

// The ServiceAccount plugin's token volume, mounted at this path, is its business, not a preset's.
const std::string kServiceAccountPath = "/var/run/secrets/kubernetes.io/serviceaccount";

std::set<std::string> serviceAccountVolumes(const api::Pod& pod)
{
    std::set<std::string> names;
    for (const api::Container& c : pod.spec.containers)
        for (const api::VolumeMount& m : c.volumeMounts)
            if (m.mountPath == kServiceAccountPath)
                names.insert(m.name);
    return names;
}

std::string describeContainer(const api::Container& c)
{
    std::string out = c.name + ":";
    for (const api::EnvVar& e : c.env)
        out += " env " + e.name + "=" + e.value;
    for (const api::EnvFromSource& e : c.envFrom)
        out += " envFrom " + (e.configMapRef ? e.configMapRef->name : e.secretRef ? e.secretRef->name : "?");
    for (const api::VolumeMount& m : c.volumeMounts)
        if (m.mountPath != kServiceAccountPath)
            out += " mount " + m.name + ":" + m.mountPath;
    return out + "\n";
}

// What a preset can change in a pod, one line per part: volumes, each container (init containers marked),
// and the preset annotations without their common prefix.
std::string presetView(const api::Pod& pod)
{
    const std::set<std::string> tokens = serviceAccountVolumes(pod);
    std::string out = "volumes:";
    for (const api::Volume& v : pod.spec.volumes)
        if (!tokens.contains(v.name))
            out += " " + describeVolume(v);
    out += "\n";
    for (const api::Container& c : pod.spec.initContainers)
        out += "init " + describeContainer(c);
    for (const api::Container& c : pod.spec.containers)
        out += describeContainer(c);
    out += "annotations:";
    const std::string prefix = "podpreset.admission.kubernetes.io/";
    for (const auto& [key, value] : pod.metadata.annotations)
        if (key.starts_with(prefix))
            out += " " + key.substr(prefix.size()) + "=" + value;
    return out;
}

// `expected` with each "{rv:NAME}" replaced by the resourceVersion of the preset NAME.
QString withResourceVersions(QString expected, const sim::Cluster& cluster)
{
    for (const auto& [key, preset] : cluster.store().all<api::PodPreset>())
        expected.replace(QString::fromStdString("{rv:" + preset->metadata.name + "}"),
                         QString::fromStdString(preset->metadata.resourceVersion));
    return expected;
}

int warningsAbout(const sim::Cluster& cluster, const std::string& pod)
{
    int n = 0;
    for (const uint64_t id : cluster.store().events().ids()) {
        const api::Event e = cluster.store().events().toApi(id);
        n += e.type == "Warning" && e.involvedObject.kind == "Pod" && e.involvedObject.name == pod;
    }
    return n;
}

std::vector<api::PodPreset> readPresets(const QString& yaml)
{
    std::vector<api::PodPreset> out;
    for (const manifest::ManifestObject& o :
         manifest::readManifests(yaml.toStdString(), "presets.yaml").objects)
        out.push_back(std::get<api::PodPreset>(o.object));
    return out;
}

} // namespace

class TestPodPreset : public QObject {
    Q_OBJECT

private slots:
    void admission_data();
    void admission();
    void conflicts_data();
    void conflicts();
    void modernProfileIgnoresStoredPresets();
};

void TestPodPreset::admission_data()
{
    QTest::addColumn<bool>("classic");
    QTest::addColumn<QStringList>("steps"); // manifests created in turn with kubectl create -f, or commands
    QTest::addColumn<QString>("view");      // presetView of the pod website afterwards
    QTest::addColumn<QString>("err");       // kubectl's standard error over all the steps

    const QString dbPort = "  env:\n  - name: DB_PORT\n    value: \"6379\"\n";
    const QString cacheVolume = "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n";
    const QString cacheMount = "  volumeMounts:\n  - mountPath: /cache\n    name: cache-volume\n";
    const QString unchanged = "volumes:\nwebsite:\nannotations:";

    QTest::newRow("the doc's preset merges env, volume and mount and annotates the pod")
        << true << QStringList{kAllowDatabase, kWebsite}
        << "volumes: cache-volume(emptyDir)\nwebsite: env DB_PORT=6379 mount cache-volume:/cache\n"
           "annotations: podpreset-allow-database={rv:allow-database}"
        << "";
    QTest::newRow("the pod's own entries stay first")
        << true
        << QStringList{kAllowDatabase,
                       website(
                           "  containers:\n  - name: website\n    image: nginx\n    env:\n    - name: MODE\n"
                           "      value: web\n    volumeMounts:\n    - name: data\n      mountPath: /data\n"
                           "  volumes:\n  - name: data\n    emptyDir: {}\n")}
        << "volumes: data(emptyDir) cache-volume(emptyDir)\n"
           "website: env MODE=web env DB_PORT=6379 mount data:/data mount cache-volume:/cache\n"
           "annotations: podpreset-allow-database={rv:allow-database}"
        << "";
    QTest::newRow("a selector the pod does not match changes nothing")
        << true << QStringList{kAllowDatabase, QString(kWebsite).replace("role: frontend", "role: backend")}
        << unchanged << "";
    QTest::newRow("a preset of another namespace changes nothing")
        << true
        << QStringList{"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n",
                       QString(kAllowDatabase)
                           .replace("name: allow-database\n", "name: allow-database\n  namespace: shop\n"),
                       website(kOneContainer)}
        << unchanged << "";
    QTest::newRow("the exclude annotation keeps every preset out")
        << true
        << QStringList{kAllowDatabase,
                       website(kOneContainer,
                               "  annotations:\n    podpreset.admission.kubernetes.io/exclude: \"true\"\n")}
        << "volumes:\nwebsite:\nannotations: exclude=true"
        << "";
    QTest::newRow("only \"true\" excludes")
        << true
        << QStringList{preset("allow-database", dbPort),
                       website(kOneContainer,
                               "  annotations:\n    podpreset.admission.kubernetes.io/exclude: \"yes\"\n")}
        << "volumes:\nwebsite: env DB_PORT=6379\nannotations: exclude=yes "
           "podpreset-allow-database={rv:allow-database}"
        << "";
    QTest::newRow("a mirror pod is left alone")
        << true
        << QStringList{kAllowDatabase,
                       website(kOneContainer, "  annotations:\n    kubernetes.io/config.mirror: abc\n")}
        << unchanged << "";
    QTest::newRow("two presets merge in name order, a volume both bring added once")
        << true
        << QStringList{preset("b-cache",
                              "  env:\n  - name: CACHE\n    value: \"on\"\n" + cacheVolume + cacheMount),
                       preset("a-db",
                              dbPort + cacheVolume + "  envFrom:\n  - configMapRef:\n      name: db\n"),
                       website(kOneContainer)}
        << "volumes: cache-volume(emptyDir)\n"
           "website: env DB_PORT=6379 env CACHE=on envFrom db mount cache-volume:/cache\n"
           "annotations: podpreset-a-db={rv:a-db} podpreset-b-cache={rv:b-cache}"
        << "";
    QTest::newRow("every container, not the init containers")
        << true
        << QStringList{kAllowDatabase, website("  initContainers:\n  - name: setup\n    image: busybox\n"
                                               "  containers:\n  - name: website\n    image: nginx\n  - "
                                               "name: proxy\n    image: nginx\n")}
        << "volumes: cache-volume(emptyDir)\ninit setup:\nwebsite: env DB_PORT=6379 mount "
           "cache-volume:/cache\n"
           "proxy: env DB_PORT=6379 mount cache-volume:/cache\nannotations: "
           "podpreset-allow-database={rv:allow-database}"
        << "";
    QTest::newRow("what the pod already has, alike, is not added again")
        << true
        << QStringList{kAllowDatabase, website("  containers:\n  - name: website\n    image: nginx\n    "
                                               "env:\n    - name: DB_PORT\n"
                                               "      value: \"6379\"\n    volumeMounts:\n    - name: "
                                               "cache-volume\n      mountPath: /cache\n"
                                               "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n")}
        << "volumes: cache-volume(emptyDir)\nwebsite: env DB_PORT=6379 mount cache-volume:/cache\n"
           "annotations: podpreset-allow-database={rv:allow-database}"
        << "";
    QTest::newRow("envFrom is appended even when the pod has it")
        << true
        << QStringList{preset("db", "  envFrom:\n  - configMapRef:\n      name: db\n"),
                       website("  containers:\n  - name: website\n    image: nginx\n    envFrom:\n    - "
                               "configMapRef:\n"
                               "        name: db\n")}
        << "volumes:\nwebsite: envFrom db envFrom db\nannotations: podpreset-db={rv:db}"
        << "";

    // A conflict anywhere: no preset applies, the pod is created as it came, and (checked for every row)
    // no event is recorded.
    QTest::newRow("conflict: an env var of another value")
        << true
        << QStringList{kAllowDatabase, website("  containers:\n  - name: website\n    image: nginx\n    "
                                               "env:\n    - name: DB_PORT\n"
                                               "      value: \"5432\"\n")}
        << "volumes:\nwebsite: env DB_PORT=5432\nannotations:"
        << "";
    QTest::newRow("conflict: a volume of another source")
        << true
        << QStringList{kAllowDatabase,
                       website(kOneContainer +
                               "  volumes:\n  - name: cache-volume\n    hostPath:\n      path: /tmp\n")}
        << "volumes: cache-volume(hostPath)\nwebsite:\nannotations:"
        << "";
    QTest::newRow("conflict: the volume mounted at another path")
        << true
        << QStringList{kAllowDatabase,
                       website("  containers:\n  - name: website\n    image: nginx\n    volumeMounts:\n"
                               "    - name: cache-volume\n      mountPath: /tmp/cache\n"
                               "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n")}
        << "volumes: cache-volume(emptyDir)\nwebsite: mount cache-volume:/tmp/cache\nannotations:"
        << "";
    QTest::newRow("conflict: another volume at the mount path")
        << true
        << QStringList{kAllowDatabase,
                       website("  containers:\n  - name: website\n    image: nginx\n    volumeMounts:\n"
                               "    - name: other\n      mountPath: /cache\n"
                               "  volumes:\n  - name: other\n    emptyDir: {}\n")}
        << "volumes: other(emptyDir)\nwebsite: mount other:/cache\nannotations:"
        << "";
    QTest::newRow("conflict: two presets disagree")
        << true
        << QStringList{preset("a-db", dbPort),
                       preset("b-db", "  env:\n  - name: DB_PORT\n    value: \"5432\"\n"),
                       website(kOneContainer)}
        << unchanged << "";
    QTest::newRow("conflict in one container: no container gets anything")
        << true
        << QStringList{kAllowDatabase, website("  containers:\n  - name: website\n    image: nginx\n  - "
                                               "name: proxy\n    image: nginx\n"
                                               "    env:\n    - name: DB_PORT\n      value: \"1\"\n")}
        << "volumes:\nwebsite:\nproxy: env DB_PORT=1\nannotations:"
        << "";

    QTest::newRow("a mount of a volume the pod lacks makes the pod invalid")
        << true << QStringList{preset("cache", cacheMount), website(kOneContainer)} << "<no pod>"
        << "The Pod \"website\" is invalid: spec.containers[0].volumeMounts[0].name: Not found: "
           "\"cache-volume\"\n";
    QTest::newRow("a pod created before the preset keeps what it had")
        << true << QStringList{kWebsite, kAllowDatabase, "label pod website tier=web"}
        << "volumes:\nwebsite:\nannotations:"
        << "";
    QTest::newRow("modern: no PodPreset kind, the pod as it came")
        << false << QStringList{kAllowDatabase, kWebsite} << "volumes:\nwebsite:\nannotations:"
        << "error: resource mapping not found for name: \"allow-database\" namespace: \"\" from \"1.yaml\": "
           "no "
           "matches for kind \"PodPreset\" in version \"settings.k8s.io/v1alpha1\"\nensure CRDs are "
           "installed first\n"
           "(PodPreset was removed in Kubernetes 1.20; today a mutating admission webhook or a Kustomize "
           "patch does "
           "its job. Run the cluster with the classic profile to try it.)\n";
}

void TestPodPreset::admission()
{
    QFETCH(bool, classic);
    QFETCH(QStringList, steps);
    QFETCH(QString, view);
    QFETCH(QString, err);
    KubectlSession k(
        sim::ClusterConfig::forProfile(classic ? sim::VersionProfile::Classic : sim::VersionProfile::Modern));
    std::string errors;
    for (int i = 0; i < steps.size(); ++i) {
        if (!steps[i].contains('\n')) {
            errors += k.run(steps[i]).err;
            continue;
        }
        const QString file = QString::number(i + 1) + ".yaml";
        k.write(file, steps[i].toUtf8());
        errors += k.run("create -f " + file).err;
    }
    QCOMPARE(QString::fromStdString(errors), err);
    const auto pod = k.cluster().store().get<api::Pod>("default", "website");
    QCOMPARE(pod ? QString::fromStdString(presetView(*pod)) : QString("<no pod>"),
             withResourceVersions(view, k.cluster()));
    QCOMPARE(warningsAbout(k.cluster(), "website"), 0);
}

void TestPodPreset::conflicts_data()
{
    QTest::addColumn<QString>("presets");
    QTest::addColumn<QString>("pod");
    QTest::addColumn<QStringList>("conflicts");

    QTest::newRow("none") << kAllowDatabase << kWebsite << QStringList{};
    QTest::newRow("env") << kAllowDatabase
                         << website("  containers:\n  - name: website\n    image: nginx\n    env:\n"
                                    "    - name: DB_PORT\n      value: \"5432\"\n")
                         << QStringList{"merging env for allow-database has a conflict on DB_PORT"};
    QTest::newRow("a name the pod repeats is known by its last entry")
        << kAllowDatabase
        << website("  containers:\n  - name: website\n    image: nginx\n    env:\n    - name: DB_PORT\n"
                   "      value: \"1\"\n    - name: DB_PORT\n      value: \"6379\"\n")
        << QStringList{};
    QTest::newRow("volume")
        << kAllowDatabase
        << website(kOneContainer + "  volumes:\n  - name: cache-volume\n    hostPath:\n      path: /tmp\n")
        << QStringList{"merging volumes for allow-database has a conflict on cache-volume"};
    QTest::newRow("mount by name")
        << kAllowDatabase
        << website("  containers:\n  - name: website\n    image: nginx\n    volumeMounts:\n"
                   "    - name: cache-volume\n      mountPath: /tmp\n"
                   "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n")
        << QStringList{"merging volume mounts for allow-database has a conflict on cache-volume"};
    QTest::newRow("mount by path")
        << kAllowDatabase
        << website("  containers:\n  - name: website\n    image: nginx\n    volumeMounts:\n"
                   "    - name: other\n      mountPath: /cache\n"
                   "  volumes:\n  - name: other\n    emptyDir: {}\n")
        << QStringList{"merging volume mounts for allow-database has a conflict on mount "
                       "path /cache"};
    QTest::newRow("a read-only mount is another mount")
        << kAllowDatabase
        << website("  containers:\n  - name: website\n    image: nginx\n    volumeMounts:\n"
                   "    - name: cache-volume\n      mountPath: /cache\n      readOnly: true\n"
                   "  volumes:\n  - name: cache-volume\n    emptyDir: {}\n")
        << QStringList{"merging volume mounts for allow-database has a conflict on cache-volume",
                       "merging volume mounts for allow-database has a conflict on mount path /cache"};
    QTest::newRow("between presets, in each container, the pod's volumes first")
        << kAllowDatabase + "---\n" +
               preset("other",
                      "  env:\n  - name: DB_PORT\n    value: \"1\"\n  volumes:\n  - name: cache-volume\n"
                      "    hostPath:\n      path: /tmp\n")
        << website("  containers:\n  - name: a\n    image: nginx\n  - name: b\n    image: nginx\n")
        << QStringList{"merging volumes for other has a conflict on cache-volume",
                       "merging env for other has a conflict on DB_PORT",
                       "merging env for other has a conflict on DB_PORT"};
}

void TestPodPreset::conflicts()
{
    QFETCH(QString, presets);
    QFETCH(QString, pod);
    QFETCH(QStringList, conflicts);
    const std::vector<api::PodPreset> read = readPresets(presets);
    QVERIFY(!read.empty());
    std::vector<const api::PodPreset*> chosen;
    for (const api::PodPreset& p : read)
        chosen.push_back(&p);
    const auto pods = manifest::readManifests(pod.toStdString(), "pod.yaml");
    QCOMPARE(pods.objects.size(), size_t(1));
    const api::Pod original = std::get<api::Pod>(pods.objects[0].object);
    api::Pod merged = original;

    QStringList found;
    for (const std::string& c : sim::PodPresetAdmission::apply(merged, chosen))
        found << QString::fromStdString(c);
    QCOMPARE(found, conflicts);
    // Conflicts or none: all of it or nothing.
    QCOMPARE(merged == original, !conflicts.isEmpty());
}

// A preset that is in the store (put there other than by kubectl, which refuses the kind) still changes no
// pod of a modern cluster.
void TestPodPreset::modernProfileIgnoresStoredPresets()
{
    KubectlSession k;
    QVERIFY(k.cluster().create(api::Object(readPresets(kAllowDatabase).at(0))).ok());
    k.write("website.yaml", kWebsite.toUtf8());
    QCOMPARE(k.run("create -f website.yaml").exitCode, 0);
    const auto pod = k.cluster().store().get<api::Pod>("default", "website");
    QVERIFY(pod);
    QCOMPARE(QString::fromStdString(presetView(*pod)), QString("volumes:\nwebsite:\nannotations:"));
}

QTEST_APPLESS_MAIN(TestPodPreset)
#include "tst_podpreset.moc"
