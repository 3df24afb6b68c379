// The Kubernetes documentation's example manifests (PODLAB_SHARED_DIR/k8s-doc-examples, present in CI): every file
// whose kinds PodLab serves loads with no problem at all, and writing then re-reading it gives equal objects. Two
// historical versions kept as negative examples must fail, with positioned errors.
#include "manifesttesting.h"

#include <QDir>
#include <QDirIterator>
#include <QTest>

using namespace podlab;

namespace {

const QString kExamples = QStringLiteral(PODLAB_SHARED_DIR "/k8s-doc-examples");

// Files whose only kinds PodLab does not serve.
const QStringList kUnservedOnly = {"pods/storage/pv-claim.yaml", "pods/storage/pv-volume.yaml"};

// Historical versions a real API server rejects, with the first error PodLab gives.
const QList<QPair<QString, QString>> kNegative = {
    {"_alt/pods/probe/grpc-liveness@ef66685.yaml",
     "13:7 spec.containers[0].livenessProbe.gRPC: unknown field \"gRPC\", did you mean \"grpc\"?"},
    {"_alt/pods/pod-with-node-affinity@4672b9c-INVALID.yaml",
     "9:7 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution: Invalid value: list: expected "
     "an object, got a list"},
};

QStringList allExamples()
{
    QStringList files;
    QDirIterator it(kExamples, {"*.yaml", "*.yml", "*.json"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << QDir(kExamples).relativeFilePath(it.next());
    files.sort();
    return files;
}

bool isNegative(const QString& file)
{
    for (const auto& [name, error] : kNegative)
        if (name == file)
            return true;
    return false;
}

manifest::ReadResult readExample(const QString& file)
{
    return manifest::readManifestFile((kExamples + "/" + file).toStdString());
}

} // namespace

class DocExamplesTest : public QObject {
    Q_OBJECT

private slots:
    void corpusIsThere();
    void loadsCleanly_data();
    void loadsCleanly();
    void writeAndReadBack_data() { loadsCleanly_data(); }
    void writeAndReadBack();
    void negativeExamples_data();
    void negativeExamples();
    void unservedKinds_data();
    void unservedKinds();
    void kyamlDetails_data();
    void kyamlDetails();
};

void DocExamplesTest::corpusIsThere()
{
    const QStringList files = allExamples();
    QVERIFY2(files.size() >= 60, qPrintable(QString::number(files.size())));
    for (const QString& f : kUnservedOnly)
        QVERIFY2(files.contains(f), qPrintable(f));
    for (const auto& [f, error] : kNegative)
        QVERIFY2(files.contains(f), qPrintable(f));
}

void DocExamplesTest::loadsCleanly_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& f : allExamples())
        if (!isNegative(f) && !kUnservedOnly.contains(f))
            QTest::newRow(f.toUtf8().constData()) << f;
}

void DocExamplesTest::loadsCleanly()
{
    QFETCH(QString, file);
    const manifest::ReadResult r = readExample(file);
    QCOMPARE(testing::errorsOf(r), QStringList{});
    QCOMPARE(testing::warningsOf(r), QStringList{});
    QVERIFY(!r.objects.empty());
    for (const manifest::ManifestObject& o : r.objects)
        QVERIFY(o.line > 0 && o.column > 0);
}

void DocExamplesTest::writeAndReadBack()
{
    QFETCH(QString, file);
    const manifest::ReadResult r = readExample(file);
    QVERIFY(r.ok());
    for (const auto format : {manifest::OutputFormat::Yaml, manifest::OutputFormat::Json}) {
        std::vector<api::Object> objects;
        for (const manifest::ManifestObject& o : r.objects)
            objects.push_back(o.object);
        const std::string text = manifest::writeList(objects, format);
        // Read back as the API server would take it again: defaulting twice changes nothing.
        const manifest::ReadResult back = testing::read(QString::fromStdString(text));
        QCOMPARE(testing::errorsOf(back), QStringList{});
        QCOMPARE(back.objects.size(), r.objects.size());
        for (size_t i = 0; i < r.objects.size(); ++i)
            QVERIFY2(back.objects[i].object == r.objects[i].object, text.c_str());
    }
}

void DocExamplesTest::negativeExamples_data()
{
    QTest::addColumn<QString>("file");
    QTest::addColumn<QString>("expected");
    for (const auto& [f, error] : kNegative)
        QTest::newRow(f.toUtf8().constData()) << f << error;
}

void DocExamplesTest::negativeExamples()
{
    QFETCH(QString, file);
    QFETCH(QString, expected);
    const manifest::ReadResult r = readExample(file);
    QVERIFY(!r.ok());
    QVERIFY(r.objects.empty());
    const QStringList errors = testing::errorsOf(r);
    QCOMPARE(errors.value(0), expected);
    for (const manifest::Diagnostic& d : r.diagnostics)
        QVERIFY(d.line > 0 && d.column > 0);
}

void DocExamplesTest::unservedKinds_data()
{
    QTest::addColumn<QString>("file");
    for (const QString& f : kUnservedOnly)
        QTest::newRow(f.toUtf8().constData()) << f;
}

void DocExamplesTest::unservedKinds()
{
    // Skipped from the clean-load rows because PodLab does not serve their kinds, and it says so.
    QFETCH(QString, file);
    const manifest::ReadResult r = readExample(file);
    QVERIFY(r.objects.empty());
    const QStringList errors = testing::errorsOf(r);
    QVERIFY(!errors.isEmpty());
    for (const QString& e : errors)
        QVERIFY2(e.contains("is a Kubernetes kind that PodLab does not simulate"), qPrintable(e));
}

void DocExamplesTest::kyamlDetails_data()
{
    // The features of the KYAML dialect the corpus index calls out, checked on the values they produce.
    QTest::addColumn<QString>("file");
    QTest::addColumn<int>("object");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("value");
    QTest::newRow("multi-line double-quoted scalar with escaped line breaks")
        << "pods/config/example-redis-config.yaml" << 0 << "data[redis-config]"
        << "\"maxmemory 2mb\nmaxmemory-policy allkeys-lru\n\"";
    QTest::newRow("flow keys with dots") << "configmap/configmaps.yaml" << 0 << "data[special.how]" << "\"very\"";
    QTest::newRow("second document of a multi-document file") << "configmap/configmaps.yaml" << 1 << "metadata.name"
                                                              << "\"env-config\"";
    QTest::newRow("two pods in one file") << "pods/pod-rs.yaml" << 1 << "metadata.name" << "\"pod2\"";
    QTest::newRow("escaped backslashes stay two characters")
        << "pods/inject/dapi-volume.yaml" << 0 << "spec.containers[0].args[0]"
        << "\"while true; do if [[ -e /etc/podinfo/labels ]]; then echo -en '\\n\\n'; cat /etc/podinfo/labels; fi; if "
           "[[ -e /etc/podinfo/annotations ]]; then echo -en '\\n\\n'; cat /etc/podinfo/annotations; fi; sleep 5; done;\"";
    QTest::newRow("sidecar keeps restartPolicy Always")
        << "application/deployment-sidecar.yaml" << 0 << "spec.template.spec.initContainers[0].restartPolicy"
        << "\"Always\"";
}

void DocExamplesTest::kyamlDetails()
{
    QFETCH(QString, file);
    QFETCH(int, object);
    QFETCH(QString, path);
    QFETCH(QString, value);
    const manifest::ReadResult r = readExample(file);
    QVERIFY(r.ok());
    QVERIFY(size_t(object) < r.objects.size());
    QCOMPARE(testing::valueAt(manifest::encodeObject(r.objects[size_t(object)].object), path), value);
}

QTEST_APPLESS_MAIN(DocExamplesTest)
#include "tst_docexamples.moc"
