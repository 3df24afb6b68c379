#include "sim/images/imagecatalogue.h"

#include <QFile>
#include <QRegularExpression>
#include <QTest>

using namespace podlab::sim;
using podlab::manifest::Diagnostics;

class TestImageCatalogue : public QObject {
    Q_OBJECT

private slots:
    void initTestCase();

    void builtinLoadsWithoutErrors();
    void builtinMatchesResource();
    void builtinImages_data();
    void builtinImages();
    void aliasesShareTheImage();
    void pullFailures_data();
    void pullFailures();
    void pullTimeFollowsSize();
    void nginxWelcomePages_data();
    void nginxWelcomePages();
    void programsFromTheDocs_data();
    void programsFromTheDocs();
    void shellsAndPaths_data();
    void shellsAndPaths();
    void containerCommandLine_data();
    void containerCommandLine();

    void badEntriesArePositioned_data();
    void badEntriesArePositioned();
    void scenarioImagesNeedTheirBase();
    void mergeOverridesAndExtends();
    void copiesAreIndependent();

private:
    ImageCatalogue m_builtin;
};

namespace {

QString toQString(const std::string& s)
{
    return QString::fromStdString(s);
}

QString joined(const Diagnostics& ds)
{
    QStringList lines;
    for (const auto& d : ds)
        lines << toQString(d.toString());
    return lines.join('\n');
}

const Program* programFor(const ResolvedImage& image, const std::vector<std::string>& argv)
{
    if (argv.empty())
        return nullptr;
    const auto path = image.content->lookPath(argv.front());
    return path ? image.content->program(*path) : nullptr;
}

} // namespace

void TestImageCatalogue::initTestCase()
{
    m_builtin = ImageCatalogue::builtin();
}

void TestImageCatalogue::builtinLoadsWithoutErrors()
{
    QFile file(":/images/catalogue.yaml");
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray bytes = file.readAll();
    Diagnostics errors;
    const auto catalogue = ImageCatalogue::parse(std::string_view(bytes.constData(), size_t(bytes.size())),
                                                 "catalogue.yaml", &errors);
    QVERIFY2(errors.empty(), qPrintable(joined(errors)));
    QVERIFY(catalogue);
    QVERIFY(catalogue->repositories().size() >= 15);
}

void TestImageCatalogue::builtinMatchesResource()
{
    // The resource compiled into the library is the file in the source tree.
    QFile compiled(":/images/catalogue.yaml");
    QFile source(PODLAB_SOURCE_DIR "/resources/images/catalogue.yaml");
    QVERIFY(compiled.open(QIODevice::ReadOnly));
    QVERIFY(source.open(QIODevice::ReadOnly));
    QCOMPARE(compiled.readAll(), source.readAll());
    QVERIFY(!m_builtin.repositories().empty());
}

void TestImageCatalogue::builtinImages_data()
{
    QTest::addColumn<QString>("reference");
    QTest::addColumn<QString>("canonical");
    QTest::addColumn<QString>("tag");
    QTest::addColumn<qint64>("minSize");
    QTest::addColumn<qint64>("maxSize");
    QTest::addColumn<QString>("shell"); // flavour of `sh`, or "" for none
    QTest::addColumn<QString>("model"); // model of the program the image's own command starts

    QTest::newRow("nginx is the latest mainline") << "nginx"
                                                  << "docker.io/library/nginx"
                                                  << "1.27.5" << 60'000'000LL << 80'000'000LL << "dash"
                                                  << "exec-wrapper";
    QTest::newRow("nginx 1.14.2 starts nginx itself") << "nginx:1.14.2"
                                                      << "docker.io/library/nginx"
                                                      << "1.14.2" << 40'000'000LL << 50'000'000LL << "dash"
                                                      << "http-server";
    QTest::newRow("busybox about 2 MB") << "busybox"
                                        << "docker.io/library/busybox"
                                        << "1.37.0" << 2'000'000LL << 2'400'000LL << "busybox-ash"
                                        << "shell";
    QTest::newRow("busybox 1.28") << "busybox:1.28"
                                  << "docker.io/library/busybox"
                                  << "1.28" << 600'000LL << 900'000LL << "busybox-ash"
                                  << "shell";
    QTest::newRow("alpine") << "alpine"
                            << "docker.io/library/alpine"
                            << "3.22.2" << 3'000'000LL << 4'500'000LL << "busybox-ash"
                            << "shell";
    QTest::newRow("debian runs bash") << "debian"
                                      << "docker.io/library/debian"
                                      << "trixie" << 40'000'000LL << 60'000'000LL << "dash"
                                      << "shell";
    QTest::newRow("pause is tiny and has no shell") << "registry.k8s.io/pause:3.9"
                                                    << "registry.k8s.io/pause"
                                                    << "3.9" << 250'000LL << 400'000LL << ""
                                                    << "sleeper";
    QTest::newRow("httpd") << "httpd"
                           << "docker.io/library/httpd"
                           << "2.4.65" << 50'000'000LL << 70'000'000LL << "dash"
                           << "exec-wrapper";
    QTest::newRow("redis 5") << "redis:5"
                             << "docker.io/library/redis"
                             << "5.0.14" << 30'000'000LL << 50'000'000LL << "dash"
                             << "exec-wrapper";
    QTest::newRow("agnhost defaults to pause") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                               << "registry.k8s.io/e2e-test-images/agnhost"
                                               << "2.40" << 40'000'000LL << 70'000'000LL << "busybox-ash"
                                               << "agnhost";
    QTest::newRow("liveness has no entrypoint") << "registry.k8s.io/liveness"
                                                << "registry.k8s.io/liveness"
                                                << "latest" << 1'000'000LL << 5'000'000LL << ""
                                                << "";
    QTest::newRow("etcd is distroless") << "registry.k8s.io/etcd:3.5.1-0"
                                        << "registry.k8s.io/etcd"
                                        << "3.5.1-0" << 50'000'000LL << 120'000'000LL << ""
                                        << "";
    QTest::newRow("hello-world prints") << "hello-world"
                                        << "docker.io/library/hello-world"
                                        << "linux" << 1'000LL << 20'000LL << ""
                                        << "printer";
    QTest::newRow("hello-app") << "gcr.io/google-samples/hello-app:2.0"
                               << "gcr.io/google-samples/hello-app"
                               << "2.0" << 5'000'000LL << 20'000'000LL << "busybox-ash"
                               << "scripted-http";
    QTest::newRow("stress") << "polinux/stress"
                            << "docker.io/polinux/stress"
                            << "latest" << 2'000'000LL << 10'000'000LL << "busybox-ash"
                            << "memory-hog";
    QTest::newRow("vish stress") << "vish/stress"
                                 << "docker.io/vish/stress"
                                 << "latest" << 1'000'000LL << 5'000'000LL << "busybox-ash"
                                 << "cpu-burner";
}

void TestImageCatalogue::builtinImages()
{
    QFETCH(QString, reference);
    QFETCH(QString, canonical);
    QFETCH(QString, tag);
    QFETCH(qint64, minSize);
    QFETCH(qint64, maxSize);
    QFETCH(QString, shell);
    QFETCH(QString, model);

    const ImageResolution r = m_builtin.resolve(reference.toStdString());
    QVERIFY2(r.found(), r.error.c_str());
    const ResolvedImage& image = *r.image;
    QCOMPARE(toQString(image.canonicalName), canonical);
    QCOMPARE(toQString(image.tag), tag);
    QVERIFY2(image.size >= minSize && image.size <= maxSize, qPrintable(QString::number(image.size)));
    QVERIFY(QRegularExpression("^sha256:[0-9a-f]{64}$").match(toQString(image.digest)).hasMatch());
    QCOMPARE(toQString(image.imageID()),
             toQString(image.reference.repository()) + "@" + toQString(image.digest));

    const Program* sh = image.content->shell();
    QCOMPARE(sh ? toQString(sh->flavour) : QString(), shell);
    const Program* entry = programFor(image, containerArgv(image.content->config, {}, {}));
    QCOMPARE(entry ? toQString(std::string(modelName(entry->model))) : QString(), model);
}

void TestImageCatalogue::aliasesShareTheImage()
{
    const ImageResolution old = m_builtin.resolve("k8s.gcr.io/pause:2.0");
    const ImageResolution current = m_builtin.resolve("registry.k8s.io/pause:2.0");
    QVERIFY(old.found() && current.found());
    QCOMPARE(old.image->canonicalName, std::string("registry.k8s.io/pause"));
    QCOMPARE(old.image->digest, current.image->digest);
    // The image ID keeps the name that was pulled, as containerd reports it.
    QCOMPARE(old.image->imageID(), "k8s.gcr.io/pause@" + old.image->digest);
    QCOMPARE(old.image->imageName(), std::string("k8s.gcr.io/pause:2.0"));
    // A moving tag is the same image as the tag it points to.
    const ImageResolution latest = m_builtin.resolve("nginx");
    const ImageResolution pinned = m_builtin.resolve("docker.io/library/nginx:1.27.5");
    QVERIFY(latest.found() && pinned.found());
    QCOMPARE(latest.image->digest, pinned.image->digest);
    QCOMPARE(latest.image->imageName(), std::string("docker.io/library/nginx:latest"));
    // And it can be pulled by that digest.
    const ImageResolution byDigest = m_builtin.resolve("nginx@" + pinned.image->digest);
    QVERIFY(byDigest.found());
    QCOMPARE(byDigest.image->tag, std::string("1.27.5"));
    QCOMPARE(byDigest.image->imageName(), "docker.io/library/nginx@" + pinned.image->digest);
    // Different images that share a name stem are different entries.
    const ImageResolution k8sBusybox = m_builtin.resolve("registry.k8s.io/busybox:1.27.2");
    const ImageResolution hubBusybox = m_builtin.resolve("busybox:1.27.2");
    QVERIFY(k8sBusybox.found() && hubBusybox.found());
    QVERIFY(k8sBusybox.image->digest != hubBusybox.image->digest);
}

void TestImageCatalogue::pullFailures_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QString>("eventReason");
    QTest::addColumn<QString>("eventMessage");

    using S = ImageResolution::Status;
    QTest::newRow("typo in the tag (the Deployment page's nginx:1.161)")
        << "nginx:1.161" << int(S::TagNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"nginx:1.161\": rpc error: code = NotFound desc = failed to pull and "
           "unpack "
           "image \"docker.io/library/nginx:1.161\": failed to resolve reference "
           "\"docker.io/library/nginx:1.161\": docker.io/library/nginx:1.161: not found";
    QTest::newRow("unknown repository on Docker Hub")
        << "foo/bar" << int(S::RepositoryNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"foo/bar\": rpc error: code = Unknown desc = failed to pull and unpack "
           "image "
           "\"docker.io/foo/bar:latest\": failed to resolve reference \"docker.io/foo/bar:latest\": pull "
           "access "
           "denied, repository does not exist or may require authorization: server message: "
           "insufficient_scope: "
           "authorization failed";
    QTest::newRow("unknown official image")
        << "ngnix" << int(S::RepositoryNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"ngnix\": rpc error: code = Unknown desc = failed to pull and unpack image "
           "\"docker.io/library/ngnix:latest\": failed to resolve reference "
           "\"docker.io/library/ngnix:latest\": "
           "pull access denied, repository does not exist or may require authorization: server message: "
           "insufficient_scope: authorization failed";
    QTest::newRow("unknown repository on registry.k8s.io")
        << "registry.k8s.io/nosuch:1" << int(S::RepositoryNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"registry.k8s.io/nosuch:1\": rpc error: code = NotFound desc = failed to "
           "pull "
           "and unpack image \"registry.k8s.io/nosuch:1\": failed to resolve reference "
           "\"registry.k8s.io/nosuch:1\": registry.k8s.io/nosuch:1: not found";
    QTest::newRow("etcd has no latest tag")
        << "registry.k8s.io/etcd" << int(S::TagNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"registry.k8s.io/etcd\": rpc error: code = NotFound desc = failed to pull "
           "and "
           "unpack image \"registry.k8s.io/etcd:latest\": failed to resolve reference "
           "\"registry.k8s.io/etcd:latest\": registry.k8s.io/etcd:latest: not found";
    QTest::newRow("registry host that does not resolve")
        << "myregistry.example/team/app:1.0" << int(S::RegistryUnreachable) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"myregistry.example/team/app:1.0\": rpc error: code = Unknown desc = "
           "failed to "
           "pull and unpack image \"myregistry.example/team/app:1.0\": failed to resolve reference "
           "\"myregistry.example/team/app:1.0\": failed to do request: Head "
           "\"https://myregistry.example/v2/team/app/manifests/1.0\": dial tcp: lookup myregistry.example on "
           "127.0.0.53:53: no such host";
    QTest::newRow("no local registry running")
        << "localhost:5000/app:1" << int(S::RegistryUnreachable) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"localhost:5000/app:1\": rpc error: code = Unknown desc = failed to pull "
           "and "
           "unpack image \"localhost:5000/app:1\": failed to resolve reference \"localhost:5000/app:1\": "
           "failed "
           "to do request: Head \"https://localhost:5000/v2/app/manifests/1\": dial tcp 127.0.0.1:5000: "
           "connect: "
           "connection refused";
    QTest::newRow("unknown digest")
        << "nginx@sha256:" + QString(64, '0') << int(S::TagNotFound) << "ErrImagePull"
        << "Failed"
        << "Failed to pull image \"nginx@sha256:" + QString(64, '0') +
               "\": rpc error: code = NotFound desc = failed to pull and unpack image "
               "\"docker.io/library/nginx@sha256:" +
               QString(64, '0') +
               "\": failed to resolve reference \"docker.io/library/nginx@sha256:" + QString(64, '0') +
               "\": docker.io/library/nginx@sha256:" + QString(64, '0') + ": not found";
    QTest::newRow("invalid name") << "Nginx:1" << int(S::InvalidReference) << "InvalidImageName"
                                  << "InspectFailed"
                                  << "Failed to apply default image tag \"Nginx:1\": couldn't parse image "
                                     "reference \"Nginx:1\": invalid "
                                     "reference format: repository name (library/Nginx) must be lowercase";
}

void TestImageCatalogue::pullFailures()
{
    QFETCH(QString, image);
    QFETCH(int, status);
    QFETCH(QString, reason);
    QFETCH(QString, eventReason);
    QFETCH(QString, eventMessage);

    const ImageResolution r = m_builtin.resolve(image.toStdString());
    QVERIFY(!r.found());
    QCOMPARE(int(r.status), status);
    QCOMPARE(toQString(r.waitingReason()), reason);
    QCOMPARE(toQString(r.eventReason()), eventReason);
    QCOMPARE(toQString(r.eventMessage(image.toStdString())), eventMessage);
    // The container's waiting message is the event's text after "Failed to pull image "...": ".
    QVERIFY(eventMessage.endsWith(toQString(r.waitingMessage())));
}

void TestImageCatalogue::pullTimeFollowsSize()
{
    const ImageResolution nginx = m_builtin.resolve("nginx:1.25.5");
    const ImageResolution pause = m_builtin.resolve("registry.k8s.io/pause:3.9");
    const Registry* hub = m_builtin.registry("docker.io");
    QVERIFY(nginx.found() && pause.found() && hub);
    QCOMPARE(nginx.image->pullMillis, hub->pullMillis(nginx.image->size));
    // About 72 MB from Docker Hub takes a few seconds, as in `kubectl describe` output; pause well under one.
    QVERIFY(nginx.image->pullMillis > 2000 && nginx.image->pullMillis < 6000);
    QVERIFY(pause.image->pullMillis < 1000);
    QCOMPARE(Registry({"r", 100, 1000, {}}).pullMillis(2500), SimTime(100 + 2500));
    // An unreachable registry fails quickly; a known one after its latency.
    QVERIFY(m_builtin.resolve("nginx:nope").failMillis == hub->latencyMillis);
}

void TestImageCatalogue::nginxWelcomePages_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("path");
    QTest::addColumn<int>("bytes"); // the Content-Length real servers send
    QTest::addColumn<QString>("contains");

    QTest::newRow("nginx latest welcome page")
        << "nginx"
        << "/usr/share/nginx/html/index.html" << 615 << "<title>Welcome to nginx!</title>";
    QTest::newRow("nginx 1.14.2 welcome page")
        << "nginx:1.14.2"
        << "/usr/share/nginx/html/index.html" << 612 << "Thank you for using nginx.";
    QTest::newRow("nginx 1.16.1 welcome page")
        << "nginx:1.16.1"
        << "/usr/share/nginx/html/index.html" << 612 << "Thank you for using nginx.";
    QTest::newRow("nginx error page") << "nginx"
                                      << "/usr/share/nginx/html/50x.html" << 497 << "An error occurred.";
    QTest::newRow("httpd It works") << "httpd"
                                    << "/usr/local/apache2/htdocs/index.html" << 45 << "It works!";
    QTest::newRow("debian os-release")
        << "debian:bookworm"
        << "/etc/os-release" << -1 << "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"";
    QTest::newRow("nginx 1.14.2 is on stretch") << "nginx:1.14.2"
                                                << "/etc/os-release" << -1 << "VERSION_CODENAME=stretch";
    QTest::newRow("alpine os-release") << "alpine:3.21"
                                       << "/etc/os-release" << -1 << "VERSION_ID=3.21.5";
    QTest::newRow("nginx user in passwd")
        << "nginx"
        << "/etc/passwd" << -1 << "nginx:x:101:101:nginx user:/nonexistent:/bin/false";
    QTest::newRow("nginx.conf, auto workers") << "nginx"
                                              << "/etc/nginx/nginx.conf" << -1 << "worker_processes  auto;";
    QTest::newRow("nginx.conf, old single worker") << "nginx:1.16.1"
                                                   << "/etc/nginx/nginx.conf" << -1 << "worker_processes  1;";
}

void TestImageCatalogue::nginxWelcomePages()
{
    QFETCH(QString, image);
    QFETCH(QString, path);
    QFETCH(int, bytes);
    QFETCH(QString, contains);

    const ImageResolution r = m_builtin.resolve(image.toStdString());
    QVERIFY(r.found());
    const FileEntry* file = r.image->content->file(path.toStdString());
    QVERIFY(file);
    if (bytes >= 0)
        QCOMPARE(int(file->content.size()), bytes);
    QVERIFY2(toQString(file->content).contains(contains), file->content.c_str());
}

void TestImageCatalogue::programsFromTheDocs_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("program");
    QTest::addColumn<QString>("subcommand");
    QTest::addColumn<QString>("model");

    QTest::newRow("liveness /server") << "k8s.gcr.io/liveness"
                                      << "/server"
                                      << ""
                                      << "scripted-http";
    QTest::newRow("agnhost liveness") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                      << "/agnhost"
                                      << "liveness"
                                      << "scripted-http";
    QTest::newRow("agnhost netexec") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                     << "/agnhost"
                                     << "netexec"
                                     << "scripted-http";
    QTest::newRow("agnhost pause") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                   << "/agnhost"
                                   << "pause"
                                   << "sleeper";
    QTest::newRow("agnhost test-webserver") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                            << "/agnhost"
                                            << "test-webserver"
                                            << "http-server";
    QTest::newRow("agnhost serve-hostname") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                            << "/agnhost"
                                            << "serve-hostname"
                                            << "scripted-http";
    QTest::newRow("agnhost grpc-health-checking") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                                  << "/agnhost"
                                                  << "grpc-health-checking"
                                                  << "grpc-health";
    QTest::newRow("etcd") << "registry.k8s.io/etcd:3.5.1-0"
                          << "/usr/local/bin/etcd"
                          << ""
                          << "grpc-health";
    QTest::newRow("redis-server") << "redis:5"
                                  << "redis-server"
                                  << ""
                                  << "tcp-server";
    QTest::newRow("goproxy") << "registry.k8s.io/goproxy:0.1"
                             << "/goproxy"
                             << ""
                             << "tcp-server";
    QTest::newRow("polinux stress") << "polinux/stress"
                                    << "stress"
                                    << ""
                                    << "memory-hog";
    QTest::newRow("vish stress") << "vish/stress"
                                 << "/stress"
                                 << ""
                                 << "cpu-burner";
    QTest::newRow("busybox wget") << "busybox:1.28"
                                  << "wget"
                                  << ""
                                  << "utility";
    QTest::newRow("debian printenv") << "debian"
                                     << "printenv"
                                     << ""
                                     << "utility";
    QTest::newRow("nginx in lifecycle hooks") << "nginx"
                                              << "nginx"
                                              << ""
                                              << "http-server";
    QTest::newRow("gb-frontend") << "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5"
                                 << "apache2"
                                 << ""
                                 << "http-server";
    QTest::newRow("old gb-frontend") << "gcr.io/google_samples/gb-frontend:v3"
                                     << "apache2"
                                     << ""
                                     << "http-server";
}

void TestImageCatalogue::programsFromTheDocs()
{
    QFETCH(QString, image);
    QFETCH(QString, program);
    QFETCH(QString, subcommand);
    QFETCH(QString, model);

    const ImageResolution r = m_builtin.resolve(image.toStdString());
    QVERIFY2(r.found(), r.error.c_str());
    const ImageContent& content = *r.image->content;
    const auto path = content.lookPath(program.toStdString());
    QVERIFY2(path, qPrintable(program));
    const Program* p = content.program(*path);
    QVERIFY(p);
    if (!subcommand.isEmpty()) {
        QCOMPARE(p->model, Program::Model::Agnhost);
        p = p->subcommand(subcommand.toStdString());
        QVERIFY2(p, qPrintable(subcommand));
    }
    QCOMPARE(toQString(std::string(modelName(p->model))), model);
}

void TestImageCatalogue::shellsAndPaths_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("found"); // the path runc would exec, or "" if none

    QTest::newRow("debian sh is dash through /bin -> usr/bin") << "debian"
                                                               << "sh"
                                                               << "/usr/bin/dash";
    QTest::newRow("debian /bin/sh") << "debian"
                                    << "/bin/sh"
                                    << "/bin/sh";
    QTest::newRow("debian has no ps") << "debian"
                                      << "ps"
                                      << "";
    QTest::newRow("nginx has curl") << "nginx"
                                    << "curl"
                                    << "/usr/bin/curl";
    QTest::newRow("old nginx has no curl") << "nginx:1.14.2"
                                           << "curl"
                                           << "";
    QTest::newRow("busybox ps") << "busybox"
                                << "ps"
                                << "/bin/ps";
    QTest::newRow("alpine wget") << "alpine"
                                 << "wget"
                                 << "/usr/bin/wget";
    QTest::newRow("pause has no sh") << "registry.k8s.io/pause:3.6"
                                     << "sh"
                                     << "";
    QTest::newRow("liveness has no sh") << "registry.k8s.io/liveness"
                                        << "sh"
                                        << "";
    QTest::newRow("etcd has no sh") << "registry.k8s.io/etcd:3.5.1-0"
                                    << "sh"
                                    << "";
    QTest::newRow("agnhost has bash") << "registry.k8s.io/e2e-test-images/agnhost:2.40"
                                      << "bash"
                                      << "/bin/bash";
    QTest::newRow("redis entrypoint on PATH") << "redis"
                                              << "docker-entrypoint.sh"
                                              << "/usr/local/bin/docker-entrypoint.sh";
}

void TestImageCatalogue::shellsAndPaths()
{
    QFETCH(QString, image);
    QFETCH(QString, command);
    QFETCH(QString, found);

    const ImageResolution r = m_builtin.resolve(image.toStdString());
    QVERIFY(r.found());
    const auto path = r.image->content->lookPath(command.toStdString());
    if (found.isEmpty()) {
        QVERIFY2(!path, path ? path->c_str() : "");
        return;
    }
    QVERIFY(path);
    // The path found is the PATH entry that matched (/usr/bin/sh); compare where its links lead.
    QCOMPARE(toQString(r.image->content->canonicalPath(*path)),
             toQString(r.image->content->canonicalPath(found.toStdString())));
    QVERIFY(r.image->content->program(*path));
}

void TestImageCatalogue::containerCommandLine_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QStringList>("argv");

    QTest::newRow("image defaults") << QStringList() << QStringList()
                                    << QStringList{"/docker-entrypoint.sh", "nginx", "-g", "daemon off;"};
    QTest::newRow("args replace cmd")
        << QStringList() << QStringList{"nginx-debug"} << QStringList{"/docker-entrypoint.sh", "nginx-debug"};
    QTest::newRow("command drops the image's cmd")
        << QStringList{"sleep", "3600"} << QStringList() << QStringList{"sleep", "3600"};
    QTest::newRow("command and args")
        << QStringList{"/bin/sh", "-c"} << QStringList{"echo hi"} << QStringList{"/bin/sh", "-c", "echo hi"};
}

void TestImageCatalogue::containerCommandLine()
{
    QFETCH(QStringList, command);
    QFETCH(QStringList, args);
    QFETCH(QStringList, argv);

    auto toStd = [](const QStringList& l) {
        std::vector<std::string> v;
        for (const QString& s : l)
            v.push_back(s.toStdString());
        return v;
    };
    const ImageResolution r = m_builtin.resolve("nginx");
    QVERIFY(r.found());
    QCOMPARE(containerArgv(r.image->content->config, toStd(command), toStd(args)), toStd(argv));
}

void TestImageCatalogue::badEntriesArePositioned_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("diagnostic"); // the first diagnostic, as `podlab validate` prints it

    QTest::newRow("missing size") << "- name: app\n"
                                     "  tags:\n"
                                     "  - tag: \"1\"\n"
                                  << "scenario.yaml:3:5: error: [0].tags[0].size: Required value";
    QTest::newRow("size is text") << "- name: app\n"
                                     "  tags:\n"
                                     "  - {tag: \"1\", size: big}\n"
                                  << "scenario.yaml:3:22: error: [0].tags[0].size: Invalid value: \"big\": "
                                     "expected an integer, got a string";
    QTest::newRow("name with a tag")
        << "- name: app:1\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
        << "scenario.yaml:1:9: error: [0].name: Invalid value: \"app:1\": a repository "
           "name has no tag or digest (list tags under `tags`)";
    QTest::newRow("uppercase name") << "- name: App\n"
                                       "  tags: [{tag: \"1\", size: 1}]\n"
                                    << "scenario.yaml:1:9: error: [0].name: Invalid value: \"App\": invalid "
                                       "reference format: repository name (library/App) must be lowercase";
    QTest::newRow("misspelt field")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  progams: {}\n"
        << "scenario.yaml:3:3: error: [0].progams: unknown field \"progams\", did you "
           "mean \"programs\"?";
    QTest::newRow("unknown model")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    /app: {model: web-server}\n"
        << "scenario.yaml:4:19: error: [0].programs[/app].model: Unsupported value: "
           "\"web-server\": supported values: \"shell\", \"utility\", \"http-server\", "
           "\"scripted-http\", \"tcp-server\", \"grpc-health\", \"sleeper\", "
           "\"memory-hog\", \"cpu-burner\", \"printer\", \"agnhost\", \"exec-wrapper\"";
    QTest::newRow("field of another model")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    /app: {model: sleeper, documentRoot: /srv}\n"
        << "scenario.yaml:4:28: error: [0].programs[/app].documentRoot: unknown "
           "field \"documentRoot\"";
    QTest::newRow("server without a port")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    /app: {model: http-server, documentRoot: /srv}\n"
        << "scenario.yaml:4:11: error: [0].programs[/app].listen: Required value: "
           "the http-server model needs it";
    QTest::newRow("relative program path")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    app: {model: sleeper}\n"
        << "scenario.yaml:4:5: error: [0].programs[app]: Invalid value: \"app\": must be "
           "an absolute path";
    QTest::newRow("unknown signal")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    /app:\n"
           "      model: sleeper\n"
           "      onSignal: {TREM: exit}\n"
        << "scenario.yaml:6:18: error: [0].programs[/app].onSignal[TREM]: Invalid value: "
           "\"TREM\": not a signal name (TERM, SIGQUIT, 15 ...)";
    QTest::newRow("unknown variable") << "- name: app\n"
                                         "  tags: [{tag: \"1\", size: 1}]\n"
                                         "  files:\n"
                                         "    /etc/motd: \"v{{version}}\"\n"
                                      << "scenario.yaml:4:16: error: [0].files[/etc/motd]: unknown variable "
                                         "\"{{version}}\": define it under `vars` of the image or tag";
    QTest::newRow("moving tag to nowhere")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  tagAliases: {latest: \"2\"}\n"
        << "scenario.yaml:3:24: error: [0].tagAliases[latest]: Invalid value: "
           "\"2\": not one of the tags (\"1\")";
    QTest::newRow("duplicate tag") << "- name: app\n"
                                      "  tags: [{tag: \"1\", size: 1}, {tag: \"1\", size: 2}]\n"
                                   << "scenario.yaml:2:37: error: [0].tags[1].tag: Duplicate value: \"1\"";
    QTest::newRow("duplicate key")
        << "- name: app\n"
           "  name: app2\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
        << "scenario.yaml:2:3: error: [0]: duplicate field \"name\": a key may appear only "
           "once in a mapping";
    QTest::newRow("alias naming another image")
        << "- name: app\n"
           "  aliases: [nginx]\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
        << "scenario.yaml:2:13: error: [0].aliases[0]: Duplicate value: "
           "\"docker.io/library/nginx\": already names "
           "\"docker.io/library/nginx\"";
    QTest::newRow("unknown toolset")
        << "- name: app\n"
           "  toolsets: [busybux]\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
        << "scenario.yaml:2:14: error: [0].toolsets[0]: Invalid value: \"busybux\": no "
           "such toolset";
    QTest::newRow("phases out of order")
        << "- name: app\n"
           "  tags: [{tag: \"1\", size: 1}]\n"
           "  programs:\n"
           "    /app:\n"
           "      model: scripted-http\n"
           "      listen: [80]\n"
           "      routes:\n"
           "        - path: /healthz\n"
           "          phases: [{status: 200}, {status: 500}]\n"
        << "scenario.yaml:8:11: error: [0].programs[/app].routes[0].phases: Invalid "
           "value: every phase but the last needs an untilMillis, in increasing "
           "order";
    QTest::newRow("YAML syntax") << "- name: app\n"
                                    "  tags: [{tag: \"1\", size: 1}\n"
                                 << "scenario.yaml:3:1:";
    QTest::newRow("not a list or mapping")
        << "just text\n"
        << "scenario.yaml:1:1: error: Invalid value: expected a mapping with "
           "\"images\", or a list of image entries";
}

void TestImageCatalogue::badEntriesArePositioned()
{
    QFETCH(QString, yaml);
    QFETCH(QString, diagnostic);

    Diagnostics errors;
    const QByteArray bytes = yaml.toUtf8();
    const auto catalogue = ImageCatalogue::parse(std::string_view(bytes.constData(), size_t(bytes.size())),
                                                 "scenario.yaml", &errors, &m_builtin);
    QVERIFY(!catalogue);
    QVERIFY(!errors.empty());
    QVERIFY2(toQString(errors.front().toString()).startsWith(diagnostic), qPrintable(joined(errors)));
}

void TestImageCatalogue::scenarioImagesNeedTheirBase()
{
    const std::string yaml = "- name: example.com/shop/web\n"
                             "  from: nginx:1.27.5\n"
                             "  tags:\n"
                             "  - tag: \"1.0\"\n"
                             "    size: 75000000\n"
                             "    files:\n"
                             "      /usr/share/nginx/html/index.html: \"<h1>Shop</h1>\\n\"\n";
    Diagnostics errors;
    QVERIFY(!ImageCatalogue::parse(yaml, "shop.yaml", &errors));
    QCOMPARE(
        toQString(errors.front().toString()),
        QString(
            "shop.yaml:2:9: error: [0].from: Invalid value: \"nginx:1.27.5\": no such image (a `from` image "
            "must be defined earlier in this file or built in)"));

    errors.clear();
    const auto shop = ImageCatalogue::parse(yaml, "shop.yaml", &errors, &m_builtin);
    QVERIFY2(shop, qPrintable(joined(errors)));
    QCOMPARE(shop->repositories().size(), size_t(1));
    const ImageResolution r = shop->resolve("example.com/shop/web:1.0");
    QVERIFY(r.found());
    QCOMPARE(r.image->content->file("/usr/share/nginx/html/index.html")->content,
             std::string("<h1>Shop</h1>\n"));
    // Everything else comes from nginx: its entrypoint, its programs, its toolset.
    QCOMPARE(r.image->content->config.entrypoint, std::vector<std::string>{"/docker-entrypoint.sh"});
    QVERIFY(r.image->content->shell());
    QCOMPARE(r.image->content->program("/usr/sbin/nginx")->model, Program::Model::HttpServer);
}

void TestImageCatalogue::mergeOverridesAndExtends()
{
    const std::string yaml =
        "- name: nginx\n"
        "  toolsets: [debian-bookworm]\n"
        "  tags:\n"
        "  - tag: \"1.27.5\"\n"
        "    size: 1000\n"
        "  - tag: broken\n"
        "    size: 2000\n"
        "  tagAliases: {latest: broken}\n"
        "- name: registry.example.com/team/api\n"
        "  description: The team's API server.\n"
        "  programs:\n"
        "    /api:\n"
        "      model: scripted-http\n"
        "      listen: [8080]\n"
        "      routes:\n"
        "      - {path: /healthz, phases: [{untilMillis: 30000, status: 200}, {status: 503}]}\n"
        "  config: {entrypoint: [/api]}\n"
        "  tags: [{tag: v1, size: 12345678}]\n";
    Diagnostics errors;
    const auto scenario = ImageCatalogue::parse(yaml, "lesson.yaml", &errors, &m_builtin);
    QVERIFY2(scenario, qPrintable(joined(errors)));

    ImageCatalogue merged = m_builtin;
    merged.merge(*scenario);
    for (const char* image : {"nginx:1.27.5", "nginx", "nginx:1.14.2"})
        QVERIFY2(merged.resolve(image).found() && m_builtin.resolve(image).found(), image);
    QCOMPARE(merged.repositories().size(), m_builtin.repositories().size() + 1);
    // A tag of the same name is replaced; new tags and moving tags are added; other tags stay.
    QCOMPARE(merged.resolve("nginx:1.27.5").image->size, int64_t(1000));
    // Republished under the same tag, it is another image: another digest.
    QVERIFY(merged.resolve("nginx:1.27.5").image->digest != m_builtin.resolve("nginx:1.27.5").image->digest);
    QCOMPARE(merged.resolve("nginx").image->tag, std::string("broken"));
    QCOMPARE(merged.resolve("nginx:1.14.2").image->size, m_builtin.resolve("nginx:1.14.2").image->size);
    QVERIFY(merged.resolve("nginx:mainline").found());
    // A new repository on a registry the catalogue does not list.
    const ImageResolution api = merged.resolve("registry.example.com/team/api:v1");
    QVERIFY(api.found());
    const Program* p = api.image->content->program("/api");
    QVERIFY(p);
    QCOMPARE(p->routes.front().phases.back().status, 503);
    QCOMPARE(merged.repository("registry.example.com/team/api")->description,
             std::string("The team's API server."));
    // The base still has what it had.
    QCOMPARE(m_builtin.resolve("nginx").image->tag, std::string("1.27.5"));
    QVERIFY(!m_builtin.resolve("registry.example.com/team/api:v1").found());
}

void TestImageCatalogue::copiesAreIndependent()
{
    ImageCatalogue copy = m_builtin;
    const auto extra =
        ImageCatalogue::parse("- {name: extra, tags: [{tag: \"1\", size: 1}]}\n", "x.yaml", nullptr);
    QVERIFY(extra);
    copy.merge(*extra);
    QVERIFY(copy.resolve("extra:1").found());
    QVERIFY(!m_builtin.resolve("extra:1").found());
    // Contents are shared, not copied: the same image in both.
    QVERIFY(copy.resolve("nginx").found());
    QCOMPARE(copy.resolve("nginx").image->content.get(), m_builtin.resolve("nginx").image->content.get());
}

QTEST_APPLESS_MAIN(TestImageCatalogue)
#include "tst_imagecatalogue.moc"
