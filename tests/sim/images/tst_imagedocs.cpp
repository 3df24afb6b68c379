// Every container in the Kubernetes documentation examples (the shared k8s-doc-examples corpus) must find its
// image in the built-in catalogue, and the command it runs must reach a program PodLab can model.
#include "sim/images/imagecatalogue.h"

#include "manifest/yamldocument.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QTest>

#include <set>

using namespace podlab::sim;
using podlab::manifest::YamlDocument;

namespace {

struct Container {
    QString file;
    QString name;
    std::string image;
    std::vector<std::string> command;
    std::vector<std::string> args;
};

std::vector<std::string> scalars(YamlDocument::Ref seq)
{
    std::vector<std::string> out;
    if (!seq.isValid() || seq.kind() != YamlDocument::Kind::Sequence)
        return out;
    for (auto item = seq.firstChild(); item.isValid(); item = item.nextSibling())
        if (item.kind() == YamlDocument::Kind::Scalar)
            out.emplace_back(item.text());
    return out;
}

// Any mapping with a scalar `image` is a container (containers, initContainers, ephemeral ones alike).
void collect(YamlDocument::Ref node, const QString& file, std::vector<Container>& out)
{
    if (!node.isValid())
        return;
    if (node.kind() == YamlDocument::Kind::Mapping) {
        Container c;
        c.file = file;
        bool isContainer = false;
        for (auto key = node.firstChild(); key.isValid(); key = key.nextSibling().nextSibling()) {
            const auto value = key.nextSibling();
            const std::string_view k = key.text();
            if (k == "image" && value.kind() == YamlDocument::Kind::Scalar) {
                c.image = value.text();
                isContainer = true;
            } else if (k == "name" && value.kind() == YamlDocument::Kind::Scalar) {
                c.name = QString::fromUtf8(value.text().data(), qsizetype(value.text().size()));
            } else if (k == "command") {
                c.command = scalars(value);
            } else if (k == "args") {
                c.args = scalars(value);
            }
            collect(value, file, out);
        }
        if (isContainer)
            out.push_back(std::move(c));
    } else if (node.kind() == YamlDocument::Kind::Sequence) {
        for (auto item = node.firstChild(); item.isValid(); item = item.nextSibling())
            collect(item, file, out);
    }
}

std::vector<Container> corpusContainers()
{
    const QString root = QStringLiteral(PODLAB_SHARED_DIR "/k8s-doc-examples");
    std::vector<Container> out;
    QStringList files;
    QDirIterator it(root, {"*.yaml", "*.yml"}, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        files << it.next();
    files.sort();
    for (const QString& path : files) {
        QFile f(path);
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        const QString relative = QDir(root).relativeFilePath(path);
        podlab::manifest::parseYamlStream(
            std::string_view(bytes.constData(), size_t(bytes.size())),
            [&](const YamlDocument& doc) { collect(doc.root(), relative, out); });
    }
    return out;
}

// The model a file's containers end up in, where the docs page says what the container does.
const std::map<QString, QString> kExpectedModels = {
    {"pods/probe/http-liveness.yaml", "scripted-http"},
    {"_alt/pods/probe/http-liveness@7fa07c2.yaml", "scripted-http"},
    {"pods/probe/exec-liveness.yaml", "shell"},
    {"_alt/pods/probe/exec-liveness@ef69442.yaml", "shell"},
    {"pods/probe/grpc-liveness.yaml", "grpc-health"},
    {"_alt/pods/probe/grpc-liveness@ef66685.yaml", "grpc-health"},
    {"pods/probe/tcp-liveness-readiness.yaml", "tcp-server"},
    {"pods/resource/memory-request-limit.yaml", "memory-hog"},
    {"pods/resource/memory-request-limit-2.yaml", "memory-hog"},
    {"pods/resource/memory-request-limit-3.yaml", "memory-hog"},
    {"pods/resource/cpu-request-limit.yaml", "cpu-burner"},
    {"pods/resource/cpu-request-limit-2.yaml", "cpu-burner"},
    {"pods/simple-pod.yaml", "http-server"},
    {"application/deployment.yaml", "http-server"},
    {"controllers/nginx-deployment.yaml", "http-server"},
    {"pods/config/redis-pod.yaml", "tcp-server"},
    {"pods/storage/redis.yaml", "tcp-server"},
    {"pods/pod-with-node-affinity.yaml", "sleeper"},
    {"pods/pod-with-scheduling-gates.yaml", "sleeper"},
    {"pods/pod-without-scheduling-gates.yaml", "sleeper"},
    {"pods/inject/envars.yaml", "scripted-http"},
    {"pods/pod-rs.yaml", "scripted-http"},
    {"pods/commands.yaml", "utility"},
    {"service/networking/hostaliases-pod.yaml", "utility"},
    {"pods/pod-configmap-env-var-valueFrom.yaml", "utility"},
};

const std::set<std::string> kShellKeywords = {"while", "do", "done", "if",   "then",  "else",
                                              "elif",  "fi", "for",  "in",   "until", "case",
                                              "esac",  "{",  "}",    "true", "false", "!"};

// The first word of each simple command of a `sh -c` script: what the shell will have to find.
std::vector<std::string> scriptCommands(const std::string& script)
{
    std::vector<std::string> out;
    static const QRegularExpression separators(R"(;|&&|\|\||\||\n)");
    for (const QString& part : QString::fromStdString(script).split(separators)) {
        QStringList words = part.trimmed().split(QRegularExpression(R"(\s+)"), Qt::SkipEmptyParts);
        while (!words.isEmpty() && (kShellKeywords.count(words.front().toStdString()) ||
                                    words.front().contains('=') || words.front().startsWith('$')))
            words.pop_front();
        if (!words.isEmpty())
            out.push_back(words.front().toStdString());
    }
    return out;
}

} // namespace

class TestImageDocs : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();
    void everyContainerRuns_data();
    void everyContainerRuns();
    void corpusUsesTheExpectedImages();

private:
    ImageCatalogue m_catalogue;
    std::vector<Container> m_containers;
};

void TestImageDocs::initTestCase()
{
    m_catalogue = ImageCatalogue::builtin();
    m_containers = corpusContainers();
    QVERIFY2(m_containers.size() > 60, qPrintable(QString::number(m_containers.size())));
}

void TestImageDocs::everyContainerRuns_data()
{
    QTest::addColumn<int>("index");
    const std::vector<Container>& containers = m_containers;
    std::map<QString, int> seen;
    for (size_t i = 0; i < containers.size(); ++i) {
        const Container& c = containers[i];
        QString row = c.file + " " + c.name;
        if (const int n = seen[row]++; n > 0)
            row += " #" + QString::number(n + 1);
        QTest::newRow(qPrintable(row)) << int(i);
    }
}

void TestImageDocs::everyContainerRuns()
{
    QFETCH(int, index);
    QVERIFY(size_t(index) < m_containers.size());
    const Container& c = m_containers[size_t(index)];

    const ImageResolution r = m_catalogue.resolve(c.image);
    QVERIFY2(r.found(), r.error.c_str());
    const ImageContent& content = *r.image->content;

    // Follow what the runtime will: the command line, entrypoint scripts, agnhost's subcommand.
    std::vector<std::string> argv = containerArgv(content.config, c.command, c.args);
    QVERIFY2(!argv.empty(), "nothing to run");
    const Program* program = nullptr;
    for (int hops = 0; hops < 4; ++hops) {
        const auto path = content.lookPath(argv.front());
        QVERIFY2(path, ("not in the image: " + argv.front()).c_str());
        program = content.program(*path);
        QVERIFY2(program, ("no program at " + *path).c_str());
        if (program->model != Program::Model::ExecWrapper)
            break;
        std::vector<std::string> args(argv.begin() + 1, argv.end());
        for (const WrapperRule& rule : program->rules) {
            const std::string first = args.empty() ? std::string() : args.front();
            using C = WrapperRule::Condition;
            const bool applies =
                rule.condition == C::Always ||
                (rule.condition == C::FirstArgIs &&
                 std::find(rule.values.begin(), rule.values.end(), first) != rule.values.end()) ||
                (rule.condition == C::FirstArgStartsWith && first.starts_with(rule.values.front())) ||
                (rule.condition == C::FirstArgEndsWith && first.ends_with(rule.values.front()));
            if (applies)
                args.insert(args.begin(), rule.prepend.begin(), rule.prepend.end());
        }
        argv = args;
    }
    if (program->model == Program::Model::Agnhost) {
        QVERIFY(argv.size() >= 2);
        program = program->subcommand(argv[1]);
        QVERIFY2(program, ("no agnhost subcommand " + argv[1]).c_str());
    }

    // A shell script's commands must be builtins or in the image.
    if (program->model == Program::Model::Shell) {
        const auto dashC = std::find(argv.begin(), argv.end(), "-c");
        QVERIFY(dashC != argv.end() && dashC + 1 != argv.end());
        for (const std::string& command : scriptCommands(*(dashC + 1))) {
            const bool builtin = std::find(program->builtins.begin(), program->builtins.end(), command) !=
                                 program->builtins.end();
            QVERIFY2(builtin || content.lookPath(command),
                     ("the script's " + command + " is missing").c_str());
        }
    }

    if (const auto it = kExpectedModels.find(c.file); it != kExpectedModels.end())
        QCOMPARE(QString::fromLatin1(modelName(program->model).data()), it->second);
}

void TestImageDocs::corpusUsesTheExpectedImages()
{
    // The corpus images the issue lists: if the corpus changes, this list and the catalogue need a look.
    std::set<std::string> used;
    for (const Container& c : m_containers)
        used.insert(c.image);
    const std::set<std::string> expected = {"alpine",
                                            "alpine:latest",
                                            "busybox",
                                            "busybox:1.28",
                                            "debian",
                                            "gcr.io/google-samples/hello-app:1.0",
                                            "gcr.io/google-samples/hello-app:2.0",
                                            "k8s.gcr.io/busybox",
                                            "k8s.gcr.io/etcd:3.5.1-0",
                                            "k8s.gcr.io/liveness",
                                            "k8s.gcr.io/pause:2.0",
                                            "nginx",
                                            "nginx:1.14.2",
                                            "nginx:1.16.1",
                                            "polinux/stress",
                                            "redis",
                                            "redis:5",
                                            "registry.k8s.io/busybox",
                                            "registry.k8s.io/busybox:1.27.2",
                                            "registry.k8s.io/e2e-test-images/agnhost:2.40",
                                            "registry.k8s.io/etcd:3.5.1-0",
                                            "registry.k8s.io/goproxy:0.1",
                                            "registry.k8s.io/pause:3.6",
                                            "vish/stress"};
    for (const std::string& image : used)
        QVERIFY2(expected.count(image), ("new image in the corpus: " + image).c_str());
}

QTEST_APPLESS_MAIN(TestImageDocs)
#include "tst_imagedocs.moc"
