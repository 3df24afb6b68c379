#include "sim/images/imagereference.h"

#include <QTest>

using podlab::sim::ImageReference;

class TestImageReference : public QObject {
    Q_OBJECT

private slots:
    void normalises_data();
    void normalises();
    void refuses_data();
    void refuses();
    void kubeletMessage();
};

namespace {

const QString kDigest =
    QStringLiteral("sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31");

} // namespace

void TestImageReference::normalises_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("domain");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("full");
    QTest::addColumn<QString>("familiar");

    QTest::newRow("official image, no tag gets latest") << "nginx"
                                                        << "docker.io"
                                                        << "library/nginx"
                                                        << "docker.io/library/nginx:latest"
                                                        << "nginx";
    QTest::newRow("official image with tag") << "nginx:1.14.2"
                                             << "docker.io"
                                             << "library/nginx"
                                             << "docker.io/library/nginx:1.14.2"
                                             << "nginx:1.14.2";
    QTest::newRow("library prefix written out") << "library/nginx"
                                                << "docker.io"
                                                << "library/nginx"
                                                << "docker.io/library/nginx:latest"
                                                << "nginx";
    QTest::newRow("docker.io without library") << "docker.io/nginx"
                                               << "docker.io"
                                               << "library/nginx"
                                               << "docker.io/library/nginx:latest"
                                               << "nginx";
    QTest::newRow("legacy index.docker.io") << "index.docker.io/library/nginx:1"
                                            << "docker.io"
                                            << "library/nginx"
                                            << "docker.io/library/nginx:1"
                                            << "nginx:1";
    QTest::newRow("user repository on Docker Hub") << "user/app"
                                                   << "docker.io"
                                                   << "user/app"
                                                   << "docker.io/user/app:latest"
                                                   << "user/app";
    QTest::newRow("user repository with tag") << "polinux/stress:latest"
                                              << "docker.io"
                                              << "polinux/stress"
                                              << "docker.io/polinux/stress:latest"
                                              << "polinux/stress:latest";
    QTest::newRow("localhost is a registry") << "localhost/app"
                                             << "localhost"
                                             << "app"
                                             << "localhost/app:latest"
                                             << "localhost/app";
    QTest::newRow("registry with port") << "localhost:5000/app:1"
                                        << "localhost:5000"
                                        << "app"
                                        << "localhost:5000/app:1"
                                        << "localhost:5000/app:1";
    QTest::newRow("IPv6 registry with port") << "[::1]:5000/app"
                                             << "[::1]:5000"
                                             << "app"
                                             << "[::1]:5000/app:latest"
                                             << "[::1]:5000/app";
    QTest::newRow("registry.k8s.io") << "registry.k8s.io/pause:3.9"
                                     << "registry.k8s.io"
                                     << "pause"
                                     << "registry.k8s.io/pause:3.9"
                                     << "registry.k8s.io/pause:3.9";
    QTest::newRow("nested path") << "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5"
                                 << "us-docker.pkg.dev"
                                 << "google-samples/containers/gke/gb-frontend"
                                 << "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5"
                                 << "us-docker.pkg.dev/google-samples/containers/gke/gb-frontend:v5";
    QTest::newRow("digest only: no implied latest")
        << "nginx@" + kDigest << "docker.io"
        << "library/nginx"
        << "docker.io/library/nginx@" + kDigest << "nginx@" + kDigest;
    QTest::newRow("tag and digest") << "nginx:1.25@" + kDigest << "docker.io"
                                    << "library/nginx"
                                    << "docker.io/library/nginx:1.25@" + kDigest << "nginx:1.25@" + kDigest;
    QTest::newRow("uppercase first component is a registry host") << "Foo/bar"
                                                                  << "Foo"
                                                                  << "bar"
                                                                  << "Foo/bar:latest"
                                                                  << "Foo/bar";
    QTest::newRow("repeated dashes are one separator") << "a--b/c"
                                                       << "docker.io"
                                                       << "a--b/c"
                                                       << "docker.io/a--b/c:latest"
                                                       << "a--b/c";
    QTest::newRow("double underscore separator") << "my__app"
                                                 << "docker.io"
                                                 << "library/my__app"
                                                 << "docker.io/library/my__app:latest"
                                                 << "my__app";
    QTest::newRow("first component neither host nor path stays in the path") << "my_registry.io/app"
                                                                             << ""
                                                                             << "my_registry.io/app"
                                                                             << "my_registry.io/app:latest"
                                                                             << "my_registry.io/app";
    QTest::newRow("tag with uppercase and dots") << "busybox:Stable-1.36.1_x"
                                                 << "docker.io"
                                                 << "library/busybox"
                                                 << "docker.io/library/busybox:Stable-1.36.1_x"
                                                 << "busybox:Stable-1.36.1_x";
}

void TestImageReference::normalises()
{
    QFETCH(QString, input);
    QFETCH(QString, domain);
    QFETCH(QString, path);
    QFETCH(QString, full);
    QFETCH(QString, familiar);

    const auto parsed = ImageReference::parse(input.toStdString());
    if (const auto* error = std::get_if<ImageReference::Error>(&parsed))
        QFAIL(error->message.c_str());
    const ImageReference& ref = std::get<ImageReference>(parsed);
    QCOMPARE(QString::fromStdString(ref.domain()), domain);
    QCOMPARE(QString::fromStdString(ref.path()), path);
    QCOMPARE(QString::fromStdString(ref.toString()), full);
    QCOMPARE(QString::fromStdString(ref.familiarString()), familiar);
}

void TestImageReference::refuses_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("message");

    QTest::newRow("uppercase repository")
        << "Nginx:1"
        << "invalid reference format: repository name (library/Nginx) must be lowercase";
    QTest::newRow("uppercase, no tag")
        << "BUSYBOX"
        << "invalid reference format: repository name (library/BUSYBOX) must be lowercase";
    QTest::newRow("uppercase after a registry")
        << "quay.io/Org/app"
        << "invalid reference format: repository name (Org/app) must be lowercase";
    QTest::newRow("uppercase where no host can be") << "Foo_bar/baz"
                                                    << "repository name must be lowercase";
    QTest::newRow("empty tag") << "nginx:"
                               << "invalid reference format";
    QTest::newRow("two tags") << "nginx:1.2:3"
                              << "invalid reference format";
    QTest::newRow("tag starting with a dash") << "nginx:-1"
                                              << "invalid reference format";
    QTest::newRow("leading dash") << "-nginx"
                                  << "invalid reference format";
    QTest::newRow("trailing slash") << "nginx/"
                                    << "invalid reference format";
    QTest::newRow("space") << "nginx latest"
                           << "invalid reference format";
    QTest::newRow("empty") << ""
                           << "invalid reference format";
    QTest::newRow("tag longer than 128") << "nginx:" + QString(129, 'a') << "invalid reference format";
    QTest::newRow("short digest") << "nginx@sha256:abc"
                                  << "invalid reference format";
    QTest::newRow("digest of the wrong length")
        << "nginx@sha256:" + QString(40, 'a') << "invalid checksum digest length";
    QTest::newRow("digest in uppercase hex")
        << "nginx@sha256:" + QString(64, 'A') << "invalid checksum digest format";
    QTest::newRow("unknown digest algorithm")
        << "nginx@md5:" + QString(32, 'a') << "unsupported digest algorithm";
    QTest::newRow("bare image id") << QString(64, 'f')
                                   << "invalid repository name (" + QString(64, 'f') +
                                          "), cannot specify 64-byte hexadecimal strings";
    QTest::newRow("name longer than 255")
        << QString(300, 'a') << "repository name must not be more than 255 characters";
}

void TestImageReference::refuses()
{
    QFETCH(QString, input);
    QFETCH(QString, message);

    const auto parsed = ImageReference::parse(input.toStdString());
    const auto* error = std::get_if<ImageReference::Error>(&parsed);
    QVERIFY2(error, qPrintable("accepted: " + input));
    QCOMPARE(QString::fromStdString(error->message), message);
}

void TestImageReference::kubeletMessage()
{
    const auto parsed = ImageReference::parse("Nginx:1");
    QCOMPARE(podlab::sim::kubeletInvalidNameMessage("Nginx:1", std::get<ImageReference::Error>(parsed)),
             std::string("Failed to apply default image tag \"Nginx:1\": couldn't parse image reference "
                         "\"Nginx:1\": invalid reference format: repository name (library/Nginx) must be "
                         "lowercase"));
}

QTEST_APPLESS_MAIN(TestImageReference)
#include "tst_imagereference.moc"
