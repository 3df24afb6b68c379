// Defaults: each value the API server fills in on create, read from a manifest with and without defaulting.
#include "manifesttesting.h"

#ifndef Q_MOC_RUN
#include "manifest/defaults.h"
#endif

#include <QTest>

using namespace podlab;
using podlab::testing::read;
using podlab::testing::valueAt;

namespace {

const QString kPod = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n";

QString pod(const QString& container, const QString& spec = {}, const QString& image = "nginx")
{
    return kPod + "  containers:\n  - name: c\n    image: " + image + "\n" + container + spec;
}

QString deployment(const QString& spec = {}, const QString& templateSpec = {})
{
    return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: d\nspec:\n  selector:\n    matchLabels:\n"
           "      app: web\n  template:\n    metadata:\n      labels:\n        app: web\n    spec:\n"
           "      containers:\n      - name: c\n        image: nginx\n" +
           templateSpec + spec;
}

QString service(const QString& spec, const QString& port = {})
{
    return "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n" + port + spec;
}

QString encodedAt(const QString& yaml, const QString& path, bool defaults)
{
    manifest::ReadOptions options;
    options.applyDefaults = defaults;
    options.validate = false;
    const manifest::ReadResult r = read(yaml, options);
    if (!r.ok() || r.objects.size() != 1)
        return "<unreadable>";
    return valueAt(manifest::encodeObject(r.objects[0].object), path);
}

} // namespace

class DefaultsTest : public QObject {
    Q_OBJECT

private slots:
    void defaults_data();
    void defaults();
    void pullPolicy_data();
    void pullPolicy();
    void kindsWithoutDefaults_data();
    void kindsWithoutDefaults();
    void defaultingTwiceChangesNothing();
};

void DefaultsTest::defaults_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("before"); // as written
    QTest::addColumn<QString>("after");  // as the API server stores it
    const QString c = "spec.containers[0]";

    // Containers.
    QTest::newRow("terminationMessagePath") << pod({}) << c + ".terminationMessagePath" << "<absent>"
                                            << "\"/dev/termination-log\"";
    QTest::newRow("terminationMessagePolicy") << pod({}) << c + ".terminationMessagePolicy" << "<absent>" << "\"File\"";
    QTest::newRow("explicit terminationMessagePolicy kept")
        << pod("    terminationMessagePolicy: FallbackToLogsOnError\n") << c + ".terminationMessagePolicy"
        << "\"FallbackToLogsOnError\"" << "\"FallbackToLogsOnError\"";
    QTest::newRow("container port protocol") << pod("    ports:\n    - containerPort: 80\n") << c + ".ports[0].protocol"
                                             << "<absent>" << "\"TCP\"";
    QTest::newRow("explicit UDP kept") << pod("    ports:\n    - containerPort: 53\n      protocol: UDP\n")
                                       << c + ".ports[0].protocol" << "\"UDP\"" << "\"UDP\"";
    QTest::newRow("requests copied from limits")
        << pod("    resources:\n      limits:\n        cpu: 500m\n        memory: 128Mi\n") << c + ".resources.requests"
        << "<absent>" << "{\"cpu\":\"500m\",\"memory\":\"128Mi\"}";
    QTest::newRow("explicit request kept")
        << pod("    resources:\n      limits:\n        cpu: \"1\"\n      requests:\n        cpu: 250m\n")
        << c + ".resources.requests" << "{\"cpu\":\"250m\"}" << "{\"cpu\":\"250m\"}";
    QTest::newRow("init container requests copied too")
        << kPod + "  initContainers:\n  - name: i\n    image: busybox\n    resources:\n      limits:\n        memory: 64Mi\n"
                  "  containers:\n  - name: c\n    image: nginx\n"
        << "spec.initContainers[0].resources.requests" << "<absent>" << "{\"memory\":\"64Mi\"}";
    QTest::newRow("quantities rounded up to milli")
        << pod("    resources:\n      requests:\n        cpu: 100n\n") << c + ".resources.requests.cpu" << "\"100n\""
        << "\"1m\"";
    // Probes and handlers.
    const QString probe = "    livenessProbe:\n      exec:\n        command: [ls]\n";
    QTest::newRow("probe timeoutSeconds") << pod(probe) << c + ".livenessProbe.timeoutSeconds" << "<absent>" << "1";
    QTest::newRow("probe periodSeconds") << pod(probe) << c + ".livenessProbe.periodSeconds" << "<absent>" << "10";
    QTest::newRow("probe successThreshold") << pod(probe) << c + ".livenessProbe.successThreshold" << "<absent>" << "1";
    QTest::newRow("probe failureThreshold") << pod(probe) << c + ".livenessProbe.failureThreshold" << "<absent>" << "3";
    QTest::newRow("probe initialDelaySeconds stays zero") << pod(probe) << c + ".livenessProbe.initialDelaySeconds"
                                                          << "<absent>" << "<absent>";
    QTest::newRow("probe explicit zero period defaulted")
        << pod(probe + "      periodSeconds: 0\n") << c + ".livenessProbe.periodSeconds" << "<absent>" << "10";
    QTest::newRow("probe explicit period kept")
        << pod(probe + "      periodSeconds: 5\n") << c + ".livenessProbe.periodSeconds" << "5" << "5";
    QTest::newRow("readiness probe defaults too")
        << pod("    readinessProbe:\n      tcpSocket:\n        port: 80\n") << c + ".readinessProbe.failureThreshold"
        << "<absent>" << "3";
    QTest::newRow("startup probe defaults too")
        << pod("    startupProbe:\n      tcpSocket:\n        port: 80\n") << c + ".startupProbe.timeoutSeconds"
        << "<absent>" << "1";
    QTest::newRow("httpGet path")
        << pod("    readinessProbe:\n      httpGet:\n        port: 80\n") << c + ".readinessProbe.httpGet.path"
        << "<absent>" << "\"/\"";
    QTest::newRow("httpGet scheme")
        << pod("    readinessProbe:\n      httpGet:\n        port: 80\n") << c + ".readinessProbe.httpGet.scheme"
        << "<absent>" << "\"HTTP\"";
    QTest::newRow("lifecycle httpGet scheme")
        << pod("    lifecycle:\n      preStop:\n        httpGet:\n          port: 80\n")
        << c + ".lifecycle.preStop.httpGet.scheme" << "<absent>" << "\"HTTP\"";
    QTest::newRow("grpc service") << pod("    livenessProbe:\n      grpc:\n        port: 2379\n")
                                  << c + ".livenessProbe.grpc.service" << "<absent>" << "\"\"";
    QTest::newRow("env fieldRef apiVersion")
        << pod("    env:\n    - name: POD_NAME\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n")
        << c + ".env[0].valueFrom.fieldRef.apiVersion" << "<absent>" << "\"v1\"";
    // Pod spec.
    QTest::newRow("restartPolicy") << pod({}) << "spec.restartPolicy" << "<absent>" << "\"Always\"";
    QTest::newRow("explicit restartPolicy kept") << pod({}, "  restartPolicy: Never\n") << "spec.restartPolicy"
                                                 << "\"Never\"" << "\"Never\"";
    QTest::newRow("dnsPolicy") << pod({}) << "spec.dnsPolicy" << "<absent>" << "\"ClusterFirst\"";
    QTest::newRow("terminationGracePeriodSeconds") << pod({}) << "spec.terminationGracePeriodSeconds" << "<absent>" << "30";
    QTest::newRow("schedulerName") << pod({}) << "spec.schedulerName" << "<absent>" << "\"default-scheduler\"";
    QTest::newRow("securityContext") << pod({}) << "spec.securityContext" << "<absent>" << "{}";
    QTest::newRow("enableServiceLinks") << pod({}) << "spec.enableServiceLinks" << "<absent>" << "true";
    QTest::newRow("hostNetwork hostPort")
        << pod("    ports:\n    - containerPort: 8080\n", "  hostNetwork: true\n") << c + ".ports[0].hostPort"
        << "<absent>" << "8080";
    QTest::newRow("no hostPort without hostNetwork") << pod("    ports:\n    - containerPort: 8080\n")
                                                     << c + ".ports[0].hostPort" << "<absent>" << "<absent>";
    QTest::newRow("pod overhead rounded") << pod({}, "  overhead:\n    cpu: 0.1m\n") << "spec.overhead.cpu" << "\"100u\""
                                          << "\"1m\"";
    // Volumes.
    const QString c0 = "  containers:\n  - name: c\n    image: nginx\n  volumes:\n";
    QTest::newRow("volume without source is emptyDir") << kPod + c0 + "  - name: scratch\n" << "spec.volumes[0].emptyDir"
                                                       << "<absent>" << "{}";
    QTest::newRow("secret defaultMode 0644")
        << kPod + c0 + "  - name: s\n    secret:\n      secretName: s\n" << "spec.volumes[0].secret.defaultMode"
        << "<absent>" << "420";
    QTest::newRow("configMap defaultMode 0644")
        << kPod + c0 + "  - name: s\n    configMap:\n      name: cm\n" << "spec.volumes[0].configMap.defaultMode"
        << "<absent>" << "420";
    QTest::newRow("explicit defaultMode kept")
        << kPod + c0 + "  - name: s\n    configMap:\n      name: cm\n      defaultMode: 0400\n"
        << "spec.volumes[0].configMap.defaultMode" << "256" << "256";
    QTest::newRow("downwardAPI defaultMode 0644")
        << kPod + c0 + "  - name: s\n    downwardAPI:\n      items:\n      - path: podname\n        fieldRef:\n"
                       "          fieldPath: metadata.name\n"
        << "spec.volumes[0].downwardAPI.defaultMode" << "<absent>" << "420";
    QTest::newRow("downwardAPI fieldRef apiVersion")
        << kPod + c0 + "  - name: s\n    downwardAPI:\n      items:\n      - path: podname\n        fieldRef:\n"
                       "          fieldPath: metadata.name\n"
        << "spec.volumes[0].downwardAPI.items[0].fieldRef.apiVersion" << "<absent>" << "\"v1\"";
    QTest::newRow("projected defaultMode 0644")
        << kPod + c0 + "  - name: s\n    projected:\n      sources:\n      - configMap:\n          name: cm\n"
        << "spec.volumes[0].projected.defaultMode" << "<absent>" << "420";
    QTest::newRow("projected token expiry one hour")
        << kPod + c0 + "  - name: s\n    projected:\n      sources:\n      - serviceAccountToken:\n          path: t\n"
        << "spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds" << "<absent>" << "3600";
    QTest::newRow("projected downwardAPI fieldRef apiVersion")
        << kPod + c0 + "  - name: s\n    projected:\n      sources:\n      - downwardAPI:\n          items:\n"
                       "          - path: podname\n            fieldRef:\n              fieldPath: metadata.name\n"
        << "spec.volumes[0].projected.sources[0].downwardAPI.items[0].fieldRef.apiVersion" << "<absent>" << "\"v1\"";
    QTest::newRow("hostPath type empty string")
        << kPod + c0 + "  - name: h\n    hostPath:\n      path: /data\n" << "spec.volumes[0].hostPath.type"
        << "<absent>" << "\"\"";
    // Templates get the spec defaults but not the Pod-only ones.
    QTest::newRow("template restartPolicy") << deployment() << "spec.template.spec.restartPolicy" << "<absent>"
                                            << "\"Always\"";
    QTest::newRow("template container pull policy") << deployment() << "spec.template.spec.containers[0].imagePullPolicy"
                                                    << "<absent>" << "\"Always\"";
    QTest::newRow("template requests not copied")
        << deployment({}, "        resources:\n          limits:\n            cpu: \"1\"\n")
        << "spec.template.spec.containers[0].resources.requests" << "<absent>" << "<absent>";
    QTest::newRow("template enableServiceLinks not set") << deployment() << "spec.template.spec.enableServiceLinks"
                                                         << "<absent>" << "<absent>";
    QTest::newRow("template hostPort not defaulted")
        << deployment({}, "        ports:\n        - containerPort: 80\n      hostNetwork: true\n")
        << "spec.template.spec.containers[0].ports[0].hostPort" << "<absent>" << "<absent>";
    // Workloads.
    QTest::newRow("deployment replicas") << deployment() << "spec.replicas" << "<absent>" << "1";
    QTest::newRow("explicit zero replicas kept") << deployment("  replicas: 0\n") << "spec.replicas" << "0" << "0";
    QTest::newRow("deployment strategy")
        << deployment() << "spec.strategy" << "{}"
        << "{\"rollingUpdate\":{\"maxSurge\":\"25%\",\"maxUnavailable\":\"25%\"},\"type\":\"RollingUpdate\"}";
    QTest::newRow("deployment strategy keeps what is given")
        << deployment("  strategy:\n    rollingUpdate:\n      maxSurge: 1\n") << "spec.strategy.rollingUpdate"
        << "{\"maxSurge\":1}" << "{\"maxSurge\":1,\"maxUnavailable\":\"25%\"}";
    QTest::newRow("Recreate gets no rollingUpdate")
        << deployment("  strategy:\n    type: Recreate\n") << "spec.strategy" << "{\"type\":\"Recreate\"}"
        << "{\"type\":\"Recreate\"}";
    QTest::newRow("revisionHistoryLimit") << deployment() << "spec.revisionHistoryLimit" << "<absent>" << "10";
    QTest::newRow("progressDeadlineSeconds") << deployment() << "spec.progressDeadlineSeconds" << "<absent>" << "600";
    QTest::newRow("replicaset replicas")
        << QString(deployment()).replace("kind: Deployment", "kind: ReplicaSet") << "spec.replicas" << "<absent>" << "1";
    // Services.
    QTest::newRow("service type") << service({}) << "spec.type" << "<absent>" << "\"ClusterIP\"";
    QTest::newRow("service sessionAffinity") << service({}) << "spec.sessionAffinity" << "<absent>" << "\"None\"";
    QTest::newRow("service port protocol") << service({}) << "spec.ports[0].protocol" << "<absent>" << "\"TCP\"";
    QTest::newRow("service targetPort") << service({}) << "spec.ports[0].targetPort" << "<absent>" << "80";
    QTest::newRow("named targetPort kept") << service({}, "    targetPort: http\n") << "spec.ports[0].targetPort"
                                           << "\"http\"" << "\"http\"";
    QTest::newRow("internalTrafficPolicy") << service({}) << "spec.internalTrafficPolicy" << "<absent>" << "\"Cluster\"";
    QTest::newRow("no internalTrafficPolicy for ExternalName")
        << service("  type: ExternalName\n  externalName: db.example.com\n") << "spec.internalTrafficPolicy"
        << "<absent>" << "<absent>";
    QTest::newRow("externalTrafficPolicy for NodePort") << service("  type: NodePort\n") << "spec.externalTrafficPolicy"
                                                        << "<absent>" << "\"Cluster\"";
    QTest::newRow("externalTrafficPolicy with externalIPs")
        << service("  externalIPs: [192.0.2.10]\n") << "spec.externalTrafficPolicy" << "<absent>" << "\"Cluster\"";
    QTest::newRow("no externalTrafficPolicy for ClusterIP") << service({}) << "spec.externalTrafficPolicy" << "<absent>"
                                                            << "<absent>";
    QTest::newRow("allocateLoadBalancerNodePorts") << service("  type: LoadBalancer\n")
                                                   << "spec.allocateLoadBalancerNodePorts" << "<absent>" << "true";
    QTest::newRow("ClientIP affinity timeout")
        << service("  sessionAffinity: ClientIP\n") << "spec.sessionAffinityConfig" << "<absent>"
        << "{\"clientIP\":{\"timeoutSeconds\":10800}}";
    QTest::newRow("affinity config dropped when None")
        << service("  sessionAffinityConfig:\n    clientIP:\n      timeoutSeconds: 60\n") << "spec.sessionAffinityConfig"
        << "{\"clientIP\":{\"timeoutSeconds\":60}}" << "<absent>";
    // Other kinds.
    QTest::newRow("secret type") << "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n" << "type" << "<absent>"
                                 << "\"Opaque\"";
    QTest::newRow("namespace phase") << "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"
                                     << "status.phase" << "<absent>" << "\"Active\"";
    QTest::newRow("namespace name label") << "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n"
                                          << "metadata.labels[kubernetes.io/metadata.name]" << "<absent>" << "\"team-a\"";
    QTest::newRow("node allocatable from capacity")
        << "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nstatus:\n  capacity:\n    cpu: \"4\"\n    pods: \"110\"\n"
        << "status.allocatable" << "<absent>" << "{\"cpu\":\"4\",\"pods\":\"110\"}";
    QTest::newRow("endpoints port protocol")
        << "apiVersion: v1\nkind: Endpoints\nmetadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 10.0.0.1\n  ports:\n"
           "  - port: 80\n"
        << "subsets[0].ports[0].protocol" << "<absent>" << "\"TCP\"";
    QTest::newRow("podpreset env fieldRef")
        << "apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata:\n  name: pp\nspec:\n  env:\n  - name: POD_NAME\n"
           "    valueFrom:\n      fieldRef:\n        fieldPath: metadata.name\n"
        << "spec.env[0].valueFrom.fieldRef.apiVersion" << "<absent>" << "\"v1\"";
    QTest::newRow("podpreset volume")
        << "apiVersion: settings.k8s.io/v1alpha1\nkind: PodPreset\nmetadata:\n  name: pp\nspec:\n  volumes:\n"
           "  - name: cache\n"
        << "spec.volumes[0].emptyDir" << "<absent>" << "{}";
}

void DefaultsTest::defaults()
{
    QFETCH(QString, yaml);
    QFETCH(QString, path);
    QFETCH(QString, before);
    QFETCH(QString, after);
    QCOMPARE(encodedAt(yaml, path, false), before);
    QCOMPARE(encodedAt(yaml, path, true), after);
}

void DefaultsTest::pullPolicy_data()
{
    QTest::addColumn<QString>("image");
    QTest::addColumn<QString>("policy");
    QTest::newRow("no tag") << "nginx" << "Always";
    QTest::newRow("latest") << "nginx:latest" << "Always";
    QTest::newRow("version tag") << "nginx:1.25" << "IfNotPresent";
    QTest::newRow("digest") << "nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
                            << "IfNotPresent";
    QTest::newRow("latest with digest") << "nginx:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef012345"
                                           "6789abcdef"
                                        << "Always";
    QTest::newRow("registry port, no tag") << "localhost:5000/app" << "Always";
    QTest::newRow("registry port and tag") << "localhost:5000/app:v1" << "IfNotPresent";
    QTest::newRow("nested path") << "registry.k8s.io/e2e-test-images/agnhost:2.40" << "IfNotPresent";
    QTest::newRow("reference that does not parse") << "Nginx" << "IfNotPresent";
    QTest::newRow("empty image") << "" << "IfNotPresent";
}

void DefaultsTest::pullPolicy()
{
    QFETCH(QString, image);
    QFETCH(QString, policy);
    QCOMPARE(QString::fromStdString(manifest::defaultPullPolicy(image.toStdString())), policy);
    if (!image.isEmpty() && image[0].isLower())
        QCOMPARE(encodedAt(pod({}, {}, image), "spec.containers[0].imagePullPolicy", true), '"' + policy + '"');
}

void DefaultsTest::kindsWithoutDefaults_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::newRow("configmap") << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  a: b\n";
    QTest::newRow("service account") << "apiVersion: v1\nkind: ServiceAccount\nmetadata:\n  name: sa\n";
    QTest::newRow("event") << "apiVersion: v1\nkind: Event\nmetadata:\n  name: e\ninvolvedObject:\n  kind: Pod\n";
}

void DefaultsTest::kindsWithoutDefaults()
{
    QFETCH(QString, yaml);
    QCOMPARE(encodedAt(yaml, "", true), encodedAt(yaml, "", false));
}

void DefaultsTest::defaultingTwiceChangesNothing()
{
    manifest::ReadOptions options;
    options.validate = false;
    const manifest::ReadResult r =
        read(pod("    livenessProbe:\n      httpGet:\n        port: 80\n    resources:\n      limits:\n        cpu: 1m\n",
                 "  volumes:\n  - name: v\n"),
             options);
    QVERIFY(r.ok());
    api::Object once = r.objects[0].object;
    api::Object twice = once;
    manifest::applyDefaults(twice);
    QVERIFY(once == twice);
}

QTEST_APPLESS_MAIN(DefaultsTest)
#include "tst_defaults.moc"
