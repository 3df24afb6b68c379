// Validation: one row per rule the API server applies on create, each with the exact message, the field path
// and the line and column the reader points at. Manifests are read with defaults applied, as `podlab validate`
// reads them.
#include "manifesttesting.h"

#include <QTest>

using namespace podlab;
using podlab::testing::errorsOf;
using podlab::testing::read;
using podlab::testing::warningsOf;

namespace {

// Messages of the name and format checks, as Kubernetes words them.
const QString kLabel = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must "
                       "start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for "
                       "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const QString kSubdomain = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
                           "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used "
                           "for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const QString kLabelValue = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or "
                            "'.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or "
                            "'my_value',  or '12345', regex used for validation is "
                            "'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const QString kNamePart = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end "
                          "with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for "
                          "validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const QString kIP = "must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)";
const QString kPortRange = "must be between 1 and 65535, inclusive";
const QString kFileMode = "must be a number between 0 and 0777 (octal), both inclusive";

// A Pod whose single container "c" ends at line 8: container fields added by `container` start at line 9 (indented
// four spaces), spec fields added by `spec` follow them (indented two).
QString pod(const QString& container, const QString& spec = {})
{
    return "apiVersion: v1\n"
           "kind: Pod\n"
           "metadata:\n"
           "  name: p\n"
           "spec:\n"
           "  containers:\n"
           "  - name: c\n"
           "    image: nginx\n" +
           container + spec;
}

// A Pod with the whole spec body given (it starts at line 6).
QString podWithSpec(const QString& body)
{
    return "apiVersion: v1\n"
           "kind: Pod\n"
           "metadata:\n"
           "  name: p\n"
           "spec:\n" +
           body;
}

// A Deployment selecting app=web whose template's container ends at line 16; `spec` adds spec fields from 17.
QString deployment(const QString& spec = {}, const QString& labels = "app: web", const QString& templateSpec = {})
{
    return "apiVersion: apps/v1\n"
           "kind: Deployment\n"
           "metadata:\n"
           "  name: d\n"
           "spec:\n"
           "  selector:\n"
           "    matchLabels:\n"
           "      app: web\n"
           "  template:\n"
           "    metadata:\n"
           "      labels:\n"
           "        " + labels + "\n"
           "    spec:\n"
           "      containers:\n"
           "      - name: c\n"
           "        image: nginx\n" +
           templateSpec + spec;
}

// A Service selecting app=web with one port (line 9); `port` adds to that port, `spec` adds spec fields.
QString service(const QString& port, const QString& spec = {}, const QString& name = "web")
{
    return "apiVersion: v1\n"
           "kind: Service\n"
           "metadata:\n"
           "  name: " + name + "\n"
           "spec:\n"
           "  selector:\n"
           "    app: web\n"
           "  ports:\n"
           "  - port: 80\n" +
           port + spec;
}

QString object(const QString& kind, const QString& rest, const QString& apiVersion = "v1")
{
    return "apiVersion: " + apiVersion + "\nkind: " + kind + "\n" + rest;
}

} // namespace

class ValidationTest : public QObject {
    Q_OBJECT

private slots:
    void metadata_data();
    void metadata() { check(); }
    void containers_data();
    void containers() { check(); }
    void environment_data();
    void environment() { check(); }
    void volumeMounts_data();
    void volumeMounts() { check(); }
    void resources_data();
    void resources() { check(); }
    void probesAndHandlers_data();
    void probesAndHandlers() { check(); }
    void volumes_data();
    void volumes() { check(); }
    void podSpec_data();
    void podSpec() { check(); }
    void scheduling_data();
    void scheduling() { check(); }
    void workloads_data();
    void workloads() { check(); }
    void services_data();
    void services() { check(); }
    void configuration_data();
    void configuration() { check(); }
    void clusterObjects_data();
    void clusterObjects() { check(); }
    void warnings_data();
    void warnings();
    void errorsComeInFileOrder();
    void invalidObjectIsLeftOut();
    void validationCanBeSwitchedOff();

private:
    static void columns();
    static void check();
};

void ValidationTest::columns()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("errors");
}

void ValidationTest::check()
{
    QFETCH(QString, yaml);
    QFETCH(QStringList, errors);
    const manifest::ReadResult r = read(yaml);
    QCOMPARE(errorsOf(r), errors);
    QCOMPARE(r.objects.size(), errors.isEmpty() ? size_t(1) : size_t(0));
}

void ValidationTest::metadata_data()
{
    columns();
    const QString cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n";
    QTest::newRow("name required") << cm + "  labels:\n    a: b\n"
                                   << QStringList{"3:1 metadata.name: Required value: name or generateName is required"};
    QTest::newRow("generateName alone is enough") << cm + "  generateName: web-\n" << QStringList{};
    QTest::newRow("generateName checked with its dash masked")
        << cm + "  generateName: Web-\n"
        << QStringList{"4:3 metadata.generateName: Invalid value: \"Web-\": " + kSubdomain};
    QTest::newRow("name must be a DNS subdomain")
        << cm + "  name: My_Config\n" << QStringList{"4:3 metadata.name: Invalid value: \"My_Config\": " + kSubdomain};
    QTest::newRow("name longer than 253")
        << cm + "  name: " + QString(254, 'a') + "\n"
        << QStringList{"4:3 metadata.name: Invalid value: \"" + QString(254, 'a') + "\": must be no more than 253 characters"};
    QTest::newRow("namespace must be a DNS label")
        << cm + "  name: c\n  namespace: My-NS\n"
        << QStringList{"5:3 metadata.namespace: Invalid value: \"My-NS\": " + kLabel};
    QTest::newRow("label key")
        << cm + "  name: c\n  labels:\n    -bad: x\n"
        << QStringList{"5:3 metadata.labels: Invalid value: \"-bad\": " + kNamePart};
    QTest::newRow("label key prefix")
        << cm + "  name: c\n  labels:\n    Example.com/app: x\n"
        << QStringList{"5:3 metadata.labels: Invalid value: \"Example.com/app\": prefix part " + kSubdomain};
    QTest::newRow("label value too long")
        << cm + "  name: c\n  labels:\n    app: " + QString(64, 'v') + "\n"
        << QStringList{"6:5 metadata.labels[app]: Invalid value: \"" + QString(64, 'v') +
                       "\": must be no more than 63 characters"};
    QTest::newRow("label value characters")
        << cm + "  name: c\n  labels:\n    app: \"my app\"\n"
        << QStringList{"6:5 metadata.labels[app]: Invalid value: \"my app\": " + kLabelValue};
    QTest::newRow("annotation key with two slashes")
        << cm + "  name: c\n  annotations:\n    a/b/c: x\n"
        << QStringList{"5:3 metadata.annotations: Invalid value: \"a/b/c\": a valid label key must consist of "
                       "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                       "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                       "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                       "(e.g. 'example.com/MyName')"};
    QTest::newRow("annotation keys ignore case") << cm + "  name: c\n  annotations:\n    Example.COM/Key: x\n" << QStringList{};
    QTest::newRow("owner reference without uid")
        << cm + "  name: c\n  ownerReferences:\n  - apiVersion: apps/v1\n    kind: ReplicaSet\n    name: rs\n"
        << QStringList{"6:5 metadata.ownerReferences[0].uid: Invalid value: \"\": must not be empty"};
    QTest::newRow("owner reference without version")
        << cm + "  name: c\n  ownerReferences:\n  - apiVersion: apps/\n    kind: ReplicaSet\n    name: rs\n    uid: u1\n"
        << QStringList{"6:5 metadata.ownerReferences[0].apiVersion: Invalid value: \"apps/\": version must not be empty"};
    QTest::newRow("two controllers")
        << cm + "  name: c\n  ownerReferences:\n"
                "  - {apiVersion: v1, kind: A, name: a, uid: u1, controller: true}\n"
                "  - {apiVersion: v1, kind: B, name: b, uid: u2, controller: true}\n"
        << QStringList{"5:3 metadata.ownerReferences: Invalid value: "
                       "[{\"apiVersion\":\"v1\",\"kind\":\"A\",\"name\":\"a\",\"uid\":\"u1\",\"controller\":true},"
                       "{\"apiVersion\":\"v1\",\"kind\":\"B\",\"name\":\"b\",\"uid\":\"u2\",\"controller\":true}]: Only "
                       "one reference can have Controller set to true. Found \"true\" in references for A/a and B/b"};
    QTest::newRow("finalizer needs a domain")
        << cm + "  name: c\n  finalizers:\n  - myfinalizer\n"
        << QStringList{"6:5 metadata.finalizers[0]: Invalid value: \"myfinalizer\": name is neither a standard "
                       "finalizer name nor is it fully qualified"};
    QTest::newRow("standard finalizer") << cm + "  name: c\n  finalizers:\n  - kubernetes\n" << QStringList{};
    QTest::newRow("orphan and foreground together")
        << cm + "  name: c\n  finalizers:\n  - orphan\n  - foregroundDeletion\n"
        << QStringList{"5:3 metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\"]: finalizer orphan "
                       "and foregroundDeletion cannot be both set"};
    QTest::newRow("namespace on a cluster-scoped kind")
        << object("Node", "metadata:\n  name: n1\n  namespace: default\n")
        << QStringList{"5:3 metadata.namespace: Forbidden: not allowed on this type"};
    QTest::newRow("negative generation")
        << cm + "  name: c\n  generation: -1\n"
        << QStringList{"5:3 metadata.generation: Invalid value: -1: must be greater than or equal to 0"};
}

void ValidationTest::containers_data()
{
    columns();
    QTest::newRow("containers required") << podWithSpec("  restartPolicy: Always\n")
                                         << QStringList{"5:1 spec.containers: Required value"};
    QTest::newRow("container name required") << podWithSpec("  containers:\n  - image: nginx\n")
                                             << QStringList{"7:5 spec.containers[0].name: Required value"};
    QTest::newRow("container name must be a DNS label")
        << podWithSpec("  containers:\n  - name: Web_1\n    image: nginx\n")
        << QStringList{"7:5 spec.containers[0].name: Invalid value: \"Web_1\": " + kLabel};
    QTest::newRow("container name with dots")
        << podWithSpec("  containers:\n  - name: web.1\n    image: nginx\n")
        << QStringList{"7:5 spec.containers[0].name: Invalid value: \"web.1\": must not contain dots"};
    QTest::newRow("image required") << podWithSpec("  containers:\n  - name: c\n")
                                    << QStringList{"7:5 spec.containers[0].image: Required value"};
    QTest::newRow("duplicate container names")
        << podWithSpec("  containers:\n  - name: c\n    image: nginx\n  - name: c\n    image: nginx\n")
        << QStringList{"9:5 spec.containers[1].name: Duplicate value: \"c\""};
    QTest::newRow("init container named like a container")
        << podWithSpec("  initContainers:\n  - name: c\n    image: busybox\n  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{"7:5 spec.initContainers[0].name: Duplicate value: \"c\""};
    QTest::newRow("image with surrounding space")
        << podWithSpec("  containers:\n  - name: c\n    image: \" nginx\"\n")
        << QStringList{"8:5 spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing "
                       "whitespace"};
    QTest::newRow("imagePullPolicy")
        << pod("    imagePullPolicy: Sometimes\n")
        << QStringList{"9:5 spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: "
                       "\"Always\", \"IfNotPresent\", \"Never\""};
    QTest::newRow("terminationMessagePolicy")
        << pod("    terminationMessagePolicy: Log\n")
        << QStringList{"9:5 spec.containers[0].terminationMessagePolicy: Unsupported value: \"Log\": supported values: "
                       "\"File\", \"FallbackToLogsOnError\""};
    QTest::newRow("containerPort required")
        << pod("    ports:\n    - name: http\n")
        << QStringList{"10:7 spec.containers[0].ports[0].containerPort: Required value"};
    QTest::newRow("containerPort out of range")
        << pod("    ports:\n    - containerPort: 70000\n")
        << QStringList{"10:7 spec.containers[0].ports[0].containerPort: Invalid value: 70000: " + kPortRange};
    QTest::newRow("hostPort out of range")
        << pod("    ports:\n    - containerPort: 80\n      hostPort: -1\n")
        << QStringList{"11:7 spec.containers[0].ports[0].hostPort: Invalid value: -1: " + kPortRange};
    QTest::newRow("port name rules")
        << pod("    ports:\n    - name: VeryLongPortName1\n      containerPort: 80\n")
        << QStringList{"10:7 spec.containers[0].ports[0].name: Invalid value: \"VeryLongPortName1\": must be no more "
                       "than 15 characters",
                       "10:7 spec.containers[0].ports[0].name: Invalid value: \"VeryLongPortName1\": must contain only "
                       "alpha-numeric characters (a-z, 0-9), and hyphens (-)"};
    QTest::newRow("port name of digits")
        << pod("    ports:\n    - name: \"8080\"\n      containerPort: 80\n")
        << QStringList{"10:7 spec.containers[0].ports[0].name: Invalid value: \"8080\": must contain at least one "
                       "letter (a-z)"};
    QTest::newRow("duplicate port names")
        << pod("    ports:\n    - name: http\n      containerPort: 80\n    - name: http\n      containerPort: 81\n")
        << QStringList{"12:7 spec.containers[0].ports[1].name: Duplicate value: \"http\""};
    QTest::newRow("protocol is case-sensitive")
        << pod("    ports:\n    - containerPort: 80\n      protocol: tcp\n")
        << QStringList{"11:7 spec.containers[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: "
                       "\"SCTP\", \"TCP\", \"UDP\""};
    QTest::newRow("host ports collide")
        << pod("    ports:\n    - containerPort: 80\n      hostPort: 8080\n    - containerPort: 81\n      hostPort: 8080\n")
        << QStringList{"13:7 spec.containers[0].ports[1].hostPort: Duplicate value: \"TCP//8080\""};
    QTest::newRow("restartPolicy on a regular container")
        << pod("    restartPolicy: Always\n")
        << QStringList{"9:5 spec.containers[0].restartPolicy: Forbidden: may not be set for non-init containers"};
    QTest::newRow("init container restartPolicy other than Always")
        << podWithSpec("  initContainers:\n  - name: i\n    image: busybox\n    restartPolicy: OnFailure\n"
                   "  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{"9:5 spec.initContainers[0].restartPolicy: Unsupported value: \"OnFailure\": supported values: "
                       "\"Always\""};
    QTest::newRow("probe on an init container")
        << podWithSpec("  initContainers:\n  - name: i\n    image: busybox\n    readinessProbe:\n      exec:\n"
                   "        command: [ls]\n  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{"9:5 spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers "
                       "without restartPolicy=Always"};
    QTest::newRow("lifecycle on an init container")
        << podWithSpec("  initContainers:\n  - name: i\n    image: busybox\n    lifecycle:\n      preStop:\n"
                   "        exec:\n          command: [ls]\n  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{"9:5 spec.initContainers[0].lifecycle: Forbidden: may not be set for init containers without "
                       "restartPolicy=Always"};
    QTest::newRow("sidecar may have probes")
        << podWithSpec("  initContainers:\n  - name: logs\n    image: busybox\n    restartPolicy: Always\n"
                   "    readinessProbe:\n      exec:\n        command: [ls]\n  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{};
    QTest::newRow("sidecar probe is validated")
        << podWithSpec("  initContainers:\n  - name: logs\n    image: busybox\n    restartPolicy: Always\n"
                   "    livenessProbe:\n      exec:\n        command: [ls]\n      successThreshold: 3\n"
                   "  containers:\n  - name: c\n    image: nginx\n")
        << QStringList{"13:7 spec.initContainers[0].livenessProbe.successThreshold: Invalid value: 3: must be 1"};
}

void ValidationTest::environment_data()
{
    columns();
    QTest::newRow("env name required")
        << pod("    env:\n    - value: x\n") << QStringList{"10:7 spec.containers[0].env[0].name: Required value"};
    QTest::newRow("env name with =")
        << pod("    env:\n    - name: A=B\n      value: x\n")
        << QStringList{"10:7 spec.containers[0].env[0].name: Invalid value: \"A=B\": a valid environment variable name "
                       "must consist only of printable ASCII characters other than '='"};
    QTest::newRow("env names may contain dots and dashes") << pod("    env:\n    - name: my.var-1\n      value: x\n")
                                                           << QStringList{};
    QTest::newRow("value and valueFrom")
        << pod("    env:\n    - name: A\n      value: x\n      valueFrom:\n        fieldRef:\n"
               "          fieldPath: metadata.name\n")
        << QStringList{"12:7 spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when "
                       "`value` is not empty"};
    QTest::newRow("valueFrom without a source")
        << pod("    env:\n    - name: A\n      valueFrom: {}\n")
        << QStringList{"11:7 spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: "
                       "`fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`"};
    QTest::newRow("valueFrom with two sources")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.name\n"
               "        secretKeyRef:\n          name: s\n          key: k\n")
        << QStringList{"11:7 spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field "
                       "specified at a time"};
    QTest::newRow("fieldRef path not offered to env")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.labels\n")
        << QStringList{"13:11 spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: "
                       "\"metadata.labels\": supported values: \"metadata.name\", \"metadata.namespace\", "
                       "\"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", \"status.hostIP\", "
                       "\"status.hostIPs\", \"status.podIP\", \"status.podIPs\""};
    QTest::newRow("fieldRef path unknown")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: spec.foo\n")
        << QStringList{"13:11 spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: \"spec.foo\": "
                       "error converting fieldPath: field label not supported: spec.foo"};
    QTest::newRow("fieldRef apiVersion")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          apiVersion: v2\n"
               "          fieldPath: metadata.name\n")
        << QStringList{"14:11 spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Invalid value: "
                       "\"metadata.name\": error converting fieldPath: unsupported pod version: v2"};
    QTest::newRow("fieldRef subscript names a label")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n"
               "          fieldPath: metadata.labels['bad key']\n")
        << QStringList{"12:9 spec.containers[0].env[0].valueFrom.fieldRef: Invalid value: \"bad key\": " + kNamePart};
    QTest::newRow("fieldRef subscript of a label is fine")
        << pod("    env:\n    - name: A\n      valueFrom:\n        fieldRef:\n          fieldPath: metadata.labels['app']\n")
        << QStringList{};
    QTest::newRow("resourceFieldRef resource")
        << pod("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.gpu\n")
        << QStringList{"13:11 spec.containers[0].env[0].valueFrom.resourceFieldRef.resource: Unsupported value: "
                       "\"limits.gpu\": supported values: \"limits.cpu\", \"limits.ephemeral-storage\", "
                       "\"limits.memory\", \"requests.cpu\", \"requests.ephemeral-storage\", \"requests.memory\""};
    QTest::newRow("resourceFieldRef cpu divisor")
        << pod("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n          resource: limits.cpu\n"
               "          divisor: 1Mi\n")
        << QStringList{"14:11 spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "
                       "\"limits.cpu\": only divisor's values 1m and 1 are supported with the cpu resource"};
    QTest::newRow("resourceFieldRef memory divisor")
        << pod("    env:\n    - name: A\n      valueFrom:\n        resourceFieldRef:\n"
               "          resource: requests.memory\n          divisor: 2Mi\n")
        << QStringList{"14:11 spec.containers[0].env[0].valueFrom.resourceFieldRef.divisor: Invalid value: "
                       "\"requests.memory\": only divisor's values 1, 1k, 1M, 1G, 1T, 1P, 1E, 1Ki, 1Mi, 1Gi, 1Ti, "
                       "1Pi, 1Ei are supported with the memory resource"};
    QTest::newRow("configMapKeyRef key required")
        << pod("    env:\n    - name: A\n      valueFrom:\n        configMapKeyRef:\n          name: cm\n")
        << QStringList{"12:9 spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Required value"};
    QTest::newRow("secretKeyRef without a name")
        << pod("    env:\n    - name: A\n      valueFrom:\n        secretKeyRef:\n          key: k\n")
        << QStringList{"12:9 spec.containers[0].env[0].valueFrom.secretKeyRef.name: Invalid value: \"\": " + kSubdomain};
    QTest::newRow("secretKeyRef key characters")
        << pod("    env:\n    - name: A\n      valueFrom:\n        secretKeyRef:\n          name: s\n          key: a/b\n")
        << QStringList{"14:11 spec.containers[0].env[0].valueFrom.secretKeyRef.key: Invalid value: \"a/b\": a valid "
                       "config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or "
                       "'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')"};
    QTest::newRow("envFrom without a source")
        << pod("    envFrom:\n    - prefix: X_\n")
        << QStringList{"10:7 spec.containers[0].envFrom[0]: Invalid value: \"\": must specify one of: `configMapRef` "
                       "or `secretRef`"};
    QTest::newRow("envFrom with two sources")
        << pod("    envFrom:\n    - configMapRef:\n        name: a\n      secretRef:\n        name: b\n")
        << QStringList{"10:7 spec.containers[0].envFrom[0]: Invalid value: \"\": may not have more than one field "
                       "specified at a time"};
    QTest::newRow("envFrom prefix")
        << pod("    envFrom:\n    - prefix: \"A=\"\n      configMapRef:\n        name: cm\n")
        << QStringList{"10:7 spec.containers[0].envFrom[0].prefix: Invalid value: \"A=\": a valid environment variable "
                       "name must consist only of printable ASCII characters other than '='"};
    QTest::newRow("envFrom name required")
        << pod("    envFrom:\n    - configMapRef:\n        optional: true\n")
        << QStringList{"10:7 spec.containers[0].envFrom[0].configMapRef.name: Required value"};
    QTest::newRow("envFrom name checked as a prefix")
        << pod("    envFrom:\n    - configMapRef:\n        name: config-\n") << QStringList{};
}

void ValidationTest::volumeMounts_data()
{
    columns();
    const QString volumes = "  volumes:\n  - name: data\n    emptyDir: {}\n";
    QTest::newRow("mount names an unknown volume")
        << pod("    volumeMounts:\n    - name: other\n      mountPath: /x\n", volumes)
        << QStringList{"10:7 spec.containers[0].volumeMounts[0].name: Not found: \"other\""};
    QTest::newRow("mount without a name")
        << pod("    volumeMounts:\n    - mountPath: /x\n", volumes)
        << QStringList{"10:7 spec.containers[0].volumeMounts[0].name: Required value",
                       "10:7 spec.containers[0].volumeMounts[0].name: Not found: \"\""};
    QTest::newRow("mountPath required")
        << pod("    volumeMounts:\n    - name: data\n", volumes)
        << QStringList{"10:7 spec.containers[0].volumeMounts[0].mountPath: Required value"};
    QTest::newRow("mountPath unique")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n    - name: data\n      mountPath: /x\n", volumes)
        << QStringList{"13:7 spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/x\": must be unique"};
    QTest::newRow("subPath absolute")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      subPath: /abs\n", volumes)
        << QStringList{"12:7 spec.containers[0].volumeMounts[0].subPath: Invalid value: \"/abs\": must be a relative path"};
    QTest::newRow("subPath backsteps")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      subPath: a/../b\n", volumes)
        << QStringList{"12:7 spec.containers[0].volumeMounts[0].subPath: Invalid value: \"a/../b\": must not contain '..'"};
    QTest::newRow("subPath and subPathExpr")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      subPath: a\n      subPathExpr: b\n",
               volumes)
        << QStringList{"13:7 spec.containers[0].volumeMounts[0].subPathExpr: Invalid value: \"b\": subPathExpr and "
                       "subPath are mutually exclusive"};
    QTest::newRow("mountPropagation value")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      mountPropagation: Private\n", volumes)
        << QStringList{"12:7 spec.containers[0].volumeMounts[0].mountPropagation: Unsupported value: \"Private\": "
                       "supported values: \"Bidirectional\", \"HostToContainer\", \"None\""};
    QTest::newRow("Bidirectional needs a privileged container")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      mountPropagation: Bidirectional\n",
               volumes)
        << QStringList{"12:7 spec.containers[0].volumeMounts[0].mountPropagation: Forbidden: Bidirectional mount "
                       "propagation is available only to privileged containers"};
    QTest::newRow("Bidirectional in a privileged container")
        << pod("    securityContext:\n      privileged: true\n    volumeMounts:\n    - name: data\n      mountPath: /x\n"
               "      mountPropagation: Bidirectional\n",
               volumes)
        << QStringList{};
    QTest::newRow("recursiveReadOnly needs readOnly")
        << pod("    volumeMounts:\n    - name: data\n      mountPath: /x\n      recursiveReadOnly: Enabled\n", volumes)
        << QStringList{"12:7 spec.containers[0].volumeMounts[0].recursiveReadOnly: Forbidden: may only be specified "
                       "when readOnly is true"};
    QTest::newRow("a mount of an invalid volume is not found")
        << pod("    volumeMounts:\n    - name: Data\n      mountPath: /x\n", "  volumes:\n  - name: Data\n    emptyDir: {}\n")
        << QStringList{"10:7 spec.containers[0].volumeMounts[0].name: Not found: \"Data\"",
                       "13:5 spec.volumes[0].name: Invalid value: \"Data\": " + kLabel};
}

void ValidationTest::resources_data()
{
    columns();
    QTest::newRow("negative limit (and the request copied from it)")
        << pod("    resources:\n      limits:\n        cpu: -1\n")
        << QStringList{"9:5 spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or "
                       "equal to 0",
                       "11:9 spec.containers[0].resources.limits[cpu]: Invalid value: \"-1\": must be greater than or "
                       "equal to 0"};
    QTest::newRow("request above limit")
        << pod("    resources:\n      limits:\n        cpu: 500m\n      requests:\n        cpu: \"1\"\n")
        << QStringList{"13:9 spec.containers[0].resources.requests[cpu]: Invalid value: \"1\": must be less than or "
                       "equal to cpu limit of 500m"};
    QTest::newRow("memory request above limit")
        << pod("    resources:\n      limits:\n        memory: 1Gi\n      requests:\n        memory: 2Gi\n")
        << QStringList{"13:9 spec.containers[0].resources.requests[memory]: Invalid value: \"2Gi\": must be less than "
                       "or equal to memory limit of 1Gi"};
    QTest::newRow("unknown resource name")
        << pod("    resources:\n      requests:\n        gpu: 1\n")
        << QStringList{"11:9 spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard "
                       "resource type or fully qualified",
                       "11:9 spec.containers[0].resources.requests[gpu]: Invalid value: \"gpu\": must be a standard "
                       "resource for containers"};
    QTest::newRow("quota name is no container resource")
        << pod("    resources:\n      requests:\n        pods: 1\n")
        << QStringList{"11:9 spec.containers[0].resources.requests[pods]: Invalid value: \"pods\": must be a standard "
                       "resource for containers"};
    QTest::newRow("extended resource needs a limit")
        << pod("    resources:\n      requests:\n        example.com/gpu: 1\n")
        << QStringList{"9:5 spec.containers[0].resources.limits: Required value: Limit must be set for non "
                       "overcommitable resources"};
    QTest::newRow("extended resource request equals limit")
        << pod("    resources:\n      limits:\n        example.com/gpu: 2\n      requests:\n        example.com/gpu: 1\n")
        << QStringList{"13:9 spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"1\": must be "
                       "equal to example.com/gpu limit of 2"};
    QTest::newRow("extended resource counts whole units")
        << pod("    resources:\n      limits:\n        example.com/gpu: 500m\n")
        << QStringList{"9:5 spec.containers[0].resources.requests[example.com/gpu]: Invalid value: \"500m\": must be an "
                       "integer",
                       "11:9 spec.containers[0].resources.limits[example.com/gpu]: Invalid value: \"500m\": must be an "
                       "integer"};
    QTest::newRow("hugepages need cpu or memory")
        << pod("    resources:\n      limits:\n        hugepages-2Mi: 4Mi\n")
        << QStringList{"9:5 spec.containers[0].resources: Forbidden: HugePages require cpu or memory"};
    QTest::newRow("hugepages in whole pages")
        << pod("    resources:\n      limits:\n        memory: 1Gi\n        hugepages-2Mi: 3Mi\n")
        << QStringList{"9:5 spec.containers[0].resources.requests[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not "
                       "positive integer multiple of hugepages-2Mi",
                       "12:9 spec.containers[0].resources.limits[hugepages-2Mi]: Invalid value: \"3Mi\": 3Mi is not "
                       "positive integer multiple of hugepages-2Mi"};
}

void ValidationTest::probesAndHandlers_data()
{
    columns();
    QTest::newRow("probe without handler")
        << pod("    livenessProbe:\n      periodSeconds: 5\n")
        << QStringList{"9:5 spec.containers[0].livenessProbe: Required value: must specify a handler type"};
    QTest::newRow("probe with two handlers")
        << pod("    livenessProbe:\n      exec:\n        command: [cat, /tmp/x]\n      tcpSocket:\n        port: 80\n")
        << QStringList{"12:7 spec.containers[0].livenessProbe.tcpSocket: Forbidden: may not specify more than 1 "
                       "handler type"};
    QTest::newRow("negative periodSeconds")
        << pod("    livenessProbe:\n      exec:\n        command: [ls]\n      periodSeconds: -1\n")
        << QStringList{"12:7 spec.containers[0].livenessProbe.periodSeconds: Invalid value: -1: must be greater than or "
                       "equal to 0"};
    QTest::newRow("negative initialDelaySeconds")
        << pod("    readinessProbe:\n      exec:\n        command: [ls]\n      initialDelaySeconds: -5\n")
        << QStringList{"12:7 spec.containers[0].readinessProbe.initialDelaySeconds: Invalid value: -5: must be greater "
                       "than or equal to 0"};
    QTest::newRow("negative failureThreshold")
        << pod("    readinessProbe:\n      exec:\n        command: [ls]\n      failureThreshold: -3\n")
        << QStringList{"12:7 spec.containers[0].readinessProbe.failureThreshold: Invalid value: -3: must be greater "
                       "than or equal to 0"};
    QTest::newRow("liveness successThreshold")
        << pod("    livenessProbe:\n      exec:\n        command: [ls]\n      successThreshold: 2\n")
        << QStringList{"12:7 spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1"};
    QTest::newRow("startup successThreshold")
        << pod("    startupProbe:\n      exec:\n        command: [ls]\n      successThreshold: 2\n")
        << QStringList{"12:7 spec.containers[0].startupProbe.successThreshold: Invalid value: 2: must be 1"};
    QTest::newRow("readiness successThreshold may be more than 1")
        << pod("    readinessProbe:\n      exec:\n        command: [ls]\n      successThreshold: 2\n") << QStringList{};
    QTest::newRow("readiness terminationGracePeriodSeconds")
        << pod("    readinessProbe:\n      exec:\n        command: [ls]\n      terminationGracePeriodSeconds: 10\n")
        << QStringList{"12:7 spec.containers[0].readinessProbe.terminationGracePeriodSeconds: Invalid value: 10: must "
                       "not be set for readinessProbes"};
    QTest::newRow("probe terminationGracePeriodSeconds zero")
        << pod("    startupProbe:\n      exec:\n        command: [ls]\n      terminationGracePeriodSeconds: 0\n")
        << QStringList{"12:7 spec.containers[0].startupProbe.terminationGracePeriodSeconds: Invalid value: 0: must be "
                       "greater than 0"};
    QTest::newRow("exec command required")
        << pod("    livenessProbe:\n      exec: {}\n")
        << QStringList{"10:7 spec.containers[0].livenessProbe.exec.command: Required value"};
    QTest::newRow("httpGet named port")
        << pod("    livenessProbe:\n      httpGet:\n        port: HTTP\n")
        << QStringList{"11:9 spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"HTTP\": must contain only "
                       "alpha-numeric characters (a-z, 0-9), and hyphens (-)",
                       "11:9 spec.containers[0].livenessProbe.httpGet.port: Invalid value: \"HTTP\": must contain at "
                       "least one letter (a-z)"};
    QTest::newRow("httpGet port out of range")
        << pod("    livenessProbe:\n      httpGet:\n        port: 0\n")
        << QStringList{"11:9 spec.containers[0].livenessProbe.httpGet.port: Invalid value: 0: " + kPortRange};
    QTest::newRow("httpGet scheme")
        << pod("    livenessProbe:\n      httpGet:\n        port: 80\n        scheme: ftp\n")
        << QStringList{"12:9 spec.containers[0].livenessProbe.httpGet.scheme: Unsupported value: \"ftp\": supported "
                       "values: \"HTTP\", \"HTTPS\""};
    QTest::newRow("httpGet header name")
        << pod("    livenessProbe:\n      httpGet:\n        port: 80\n        httpHeaders:\n        - name: X Custom\n"
               "          value: v\n")
        << QStringList{"12:9 spec.containers[0].livenessProbe.httpGet.httpHeaders: Invalid value: \"X Custom\": a valid "
                       "HTTP header must consist of alphanumeric characters or '-' (e.g. 'X-Header-Name', regex used "
                       "for validation is '[-A-Za-z0-9]+')"};
    QTest::newRow("tcpSocket port")
        << pod("    readinessProbe:\n      tcpSocket:\n        port: 70000\n")
        << QStringList{"11:9 spec.containers[0].readinessProbe.tcpSocket.port: Invalid value: 70000: " + kPortRange};
    QTest::newRow("grpc port")
        << pod("    livenessProbe:\n      grpc:\n        port: 0\n")
        << QStringList{"11:9 spec.containers[0].livenessProbe.grpc.port: Invalid value: 0: " + kPortRange};
    QTest::newRow("sleep longer than the grace period")
        << pod("    lifecycle:\n      preStop:\n        sleep:\n          seconds: 60\n")
        << QStringList{"11:9 spec.containers[0].lifecycle.preStop.sleep: Invalid value: 60: must be non-negative and "
                       "less than terminationGracePeriodSeconds (30)"};
    QTest::newRow("sleep of zero is allowed") << pod("    lifecycle:\n      preStop:\n        sleep:\n          seconds: 0\n")
                                              << QStringList{};
    QTest::newRow("postStart without handler")
        << pod("    lifecycle:\n      postStart: {}\n")
        << QStringList{"10:7 spec.containers[0].lifecycle.postStart: Required value: must specify a handler type"};
    QTest::newRow("preStop with two handlers")
        << pod("    lifecycle:\n      preStop:\n        exec:\n          command: [ls]\n        sleep:\n          seconds: 1\n")
        << QStringList{"13:9 spec.containers[0].lifecycle.preStop.sleep: Forbidden: may not specify more than 1 handler "
                       "type"};
}

void ValidationTest::volumes_data()
{
    columns();
    const QString c = "  containers:\n  - name: c\n    image: nginx\n  volumes:\n"; // volumes from line 10
    QTest::newRow("volume name required") << podWithSpec(c + "  - emptyDir: {}\n")
                                          << QStringList{"10:5 spec.volumes[0].name: Required value"};
    QTest::newRow("volume name is a DNS label")
        << podWithSpec(c + "  - name: My_Data\n    emptyDir: {}\n")
        << QStringList{"10:5 spec.volumes[0].name: Invalid value: \"My_Data\": " + kLabel};
    QTest::newRow("duplicate volume names")
        << podWithSpec(c + "  - name: d\n    emptyDir: {}\n  - name: d\n    emptyDir: {}\n")
        << QStringList{"12:5 spec.volumes[1].name: Duplicate value: \"d\""};
    QTest::newRow("two volume sources")
        << podWithSpec(c + "  - name: d\n    emptyDir: {}\n    configMap:\n      name: cm\n")
        << QStringList{"12:5 spec.volumes[0].configMap: Forbidden: may not specify more than 1 volume type"};
    QTest::newRow("configMap name required")
        << podWithSpec(c + "  - name: d\n    configMap: {}\n")
        << QStringList{"11:5 spec.volumes[0].configMap.name: Required value"};
    QTest::newRow("secret secretName required")
        << podWithSpec(c + "  - name: d\n    secret:\n      optional: true\n")
        << QStringList{"11:5 spec.volumes[0].secret.secretName: Required value"};
    QTest::newRow("defaultMode above 0777")
        << podWithSpec(c + "  - name: d\n    secret:\n      secretName: s\n      defaultMode: 01000\n")
        << QStringList{"13:7 spec.volumes[0].secret.defaultMode: Invalid value: 512: " + kFileMode};
    QTest::newRow("item key required")
        << podWithSpec(c + "  - name: d\n    configMap:\n      name: cm\n      items:\n      - path: a\n")
        << QStringList{"14:9 spec.volumes[0].configMap.items[0].key: Required value"};
    QTest::newRow("item path absolute")
        << podWithSpec(c + "  - name: d\n    configMap:\n      name: cm\n      items:\n      - key: k\n        path: /etc/x\n")
        << QStringList{"15:9 spec.volumes[0].configMap.items[0].path: Invalid value: \"/etc/x\": must be a relative path"};
    QTest::newRow("item path starting with ..")
        << podWithSpec(c + "  - name: d\n    configMap:\n      name: cm\n      items:\n      - key: k\n        path: ..data\n")
        << QStringList{"15:9 spec.volumes[0].configMap.items[0].path: Invalid value: \"..data\": must not start with '..'"};
    QTest::newRow("item mode")
        << podWithSpec(c + "  - name: d\n    configMap:\n      name: cm\n      items:\n      - key: k\n        path: k\n"
                       "        mode: -1\n")
        << QStringList{"16:9 spec.volumes[0].configMap.items[0].mode: Invalid value: -1: " + kFileMode};
    QTest::newRow("hostPath type")
        << podWithSpec(c + "  - name: d\n    hostPath:\n      path: /data\n      type: Folder\n")
        << QStringList{"13:7 spec.volumes[0].hostPath.type: Unsupported value: \"Folder\": supported values: \"\", "
                       "\"BlockDevice\", \"CharDevice\", \"Directory\", \"DirectoryOrCreate\", \"File\", "
                       "\"FileOrCreate\", \"Socket\""};
    QTest::newRow("hostPath path required")
        << podWithSpec(c + "  - name: d\n    hostPath: {}\n")
        << QStringList{"11:5 spec.volumes[0].hostPath.path: Required value"};
    QTest::newRow("hostPath path backsteps")
        << podWithSpec(c + "  - name: d\n    hostPath:\n      path: /data/../etc\n")
        << QStringList{"12:7 spec.volumes[0].hostPath.path: Invalid value: \"/data/../etc\": must not contain '..'"};
    QTest::newRow("emptyDir sizeLimit negative")
        << podWithSpec(c + "  - name: d\n    emptyDir:\n      sizeLimit: -1Gi\n")
        << QStringList{"12:7 spec.volumes[0].emptyDir.sizeLimit: Forbidden: SizeLimit field must be a valid resource "
                       "quantity"};
    QTest::newRow("persistentVolumeClaim claimName required")
        << podWithSpec(c + "  - name: d\n    persistentVolumeClaim:\n      readOnly: true\n")
        << QStringList{"11:5 spec.volumes[0].persistentVolumeClaim.claimName: Required value"};
    QTest::newRow("downwardAPI item without a reference")
        << podWithSpec(c + "  - name: d\n    downwardAPI:\n      items:\n      - path: x\n")
        << QStringList{"13:9 spec.volumes[0].downwardAPI.items[0]: Required value: one of fieldRef and resourceFieldRef "
                       "is required"};
    QTest::newRow("downwardAPI field not offered to volumes")
        << podWithSpec(c + "  - name: d\n    downwardAPI:\n      items:\n      - path: x\n        fieldRef:\n"
                       "          fieldPath: spec.nodeName\n")
        << QStringList{"15:11 spec.volumes[0].downwardAPI.items[0].fieldRef.fieldPath: Unsupported value: "
                       "\"spec.nodeName\": supported values: \"metadata.annotations\", \"metadata.labels\", "
                       "\"metadata.name\", \"metadata.namespace\", \"metadata.uid\""};
    QTest::newRow("downwardAPI resourceFieldRef needs a container")
        << podWithSpec(c + "  - name: d\n    downwardAPI:\n      items:\n      - path: x\n        resourceFieldRef:\n"
                       "          resource: limits.cpu\n")
        << QStringList{"14:9 spec.volumes[0].downwardAPI.items[0].resourceFieldRef.containerName: Required value"};
    QTest::newRow("downwardAPI both references")
        << podWithSpec(c + "  - name: d\n    downwardAPI:\n      items:\n      - path: x\n        fieldRef:\n"
                       "          fieldPath: metadata.name\n        resourceFieldRef:\n          containerName: c\n"
                       "          resource: limits.cpu\n")
        << QStringList{"13:9 spec.volumes[0].downwardAPI.items[0]: Invalid value: \"resource\": fieldRef and "
                       "resourceFieldRef can not be specified simultaneously"};
    QTest::newRow("projected token shorter than ten minutes")
        << podWithSpec(c + "  - name: d\n    projected:\n      sources:\n      - serviceAccountToken:\n"
                       "          path: token\n          expirationSeconds: 300\n")
        << QStringList{"15:11 spec.volumes[0].projected.sources[0].serviceAccountToken.expirationSeconds: Invalid value: "
                       "300: may not specify a duration less than 10 minutes"};
    QTest::newRow("projected token path required")
        << podWithSpec(c + "  - name: d\n    projected:\n      sources:\n      - serviceAccountToken:\n"
                       "          audience: api\n")
        << QStringList{"13:9 spec.volumes[0].projected.sources[0].serviceAccountToken.path: Required value"};
    QTest::newRow("projected duplicate paths")
        << podWithSpec(c + "  - name: d\n    projected:\n      sources:\n      - configMap:\n          name: cm\n"
                       "          items:\n          - key: a\n            path: x\n      - secret:\n          name: s\n"
                       "          items:\n          - key: b\n            path: x\n")
        << QStringList{"22:13 spec.volumes[0].projected.sources[1].secret.items[0].path: Invalid value: \"s\": "
                       "conflicting duplicate paths"};
    QTest::newRow("projected source with two kinds")
        << podWithSpec(c + "  - name: d\n    projected:\n      sources:\n      - configMap:\n          name: cm\n"
                       "        secret:\n          name: s\n")
        << QStringList{"13:9 spec.volumes[0].projected.sources[0]: Forbidden: may not specify more than 1 volume type "
                       "per source"};
}

void ValidationTest::podSpec_data()
{
    columns();
    QTest::newRow("restartPolicy")
        << pod({}, "  restartPolicy: Sometimes\n")
        << QStringList{"9:3 spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", "
                       "\"OnFailure\", \"Never\""};
    QTest::newRow("dnsPolicy")
        << pod({}, "  dnsPolicy: Custom\n")
        << QStringList{"9:3 spec.dnsPolicy: Unsupported value: \"Custom\": supported values: "
                       "\"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""};
    QTest::newRow("dnsPolicy None needs dnsConfig")
        << pod({}, "  dnsPolicy: None\n")
        << QStringList{"5:1 spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None"};
    QTest::newRow("dnsPolicy None needs a nameserver")
        << pod({}, "  dnsPolicy: None\n  dnsConfig:\n    searches: [example.com]\n")
        << QStringList{"10:3 spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when "
                       "`dnsPolicy` is None"};
    QTest::newRow("four nameservers")
        << pod({}, "  dnsConfig:\n    nameservers: [1.1.1.1, 2.2.2.2, 3.3.3.3, 4.4.4.4]\n")
        << QStringList{"10:5 spec.dnsConfig.nameservers: Invalid value: [\"1.1.1.1\",\"2.2.2.2\",\"3.3.3.3\","
                       "\"4.4.4.4\"]: must not have more than 3 nameservers"};
    QTest::newRow("nameserver address")
        << pod({}, "  dnsConfig:\n    nameservers: [1.2.3]\n")
        << QStringList{"10:19 spec.dnsConfig.nameservers[0]: Invalid value: \"1.2.3\": " + kIP};
    QTest::newRow("dns option name required")
        << pod({}, "  dnsConfig:\n    options:\n    - value: \"2\"\n")
        << QStringList{"11:7 spec.dnsConfig.options[0]: Required value: must not be empty"};
    QTest::newRow("dns search domain")
        << pod({}, "  dnsConfig:\n    searches: [Bad.Domain]\n")
        << QStringList{"10:16 spec.dnsConfig.searches[0]: Invalid value: \"Bad.Domain\": a lowercase RFC 1123 subdomain "
                       "must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end "
                       "with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                       "'_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')"};
    QTest::newRow("dns search domains may use underscores and a final dot")
        << pod({}, "  dnsConfig:\n    searches: [_srv.example.com., .]\n") << QStringList{};
    QTest::newRow("activeDeadlineSeconds zero")
        << pod({}, "  activeDeadlineSeconds: 0\n")
        << QStringList{"9:3 spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive"};
    QTest::newRow("nodeName")
        << pod({}, "  nodeName: Node_1\n") << QStringList{"9:3 spec.nodeName: Invalid value: \"Node_1\": " + kSubdomain};
    QTest::newRow("serviceAccountName")
        << pod({}, "  serviceAccountName: my_sa\n")
        << QStringList{"9:3 spec.serviceAccountName: Invalid value: \"my_sa\": " + kSubdomain};
    QTest::newRow("hostname")
        << pod({}, "  hostname: web.1\n") << QStringList{"9:3 spec.hostname: Invalid value: \"web.1\": must not contain dots"};
    QTest::newRow("subdomain")
        << pod({}, "  subdomain: Web\n") << QStringList{"9:3 spec.subdomain: Invalid value: \"Web\": " + kLabel};
    QTest::newRow("hostAliases ip")
        << pod({}, "  hostAliases:\n  - ip: 10.0.0\n    hostnames: [a]\n")
        << QStringList{"10:5 spec.hostAliases[0].ip: Invalid value: \"10.0.0\": " + kIP};
    QTest::newRow("hostAliases hostname")
        << pod({}, "  hostAliases:\n  - ip: 10.0.0.1\n    hostnames: [foo_bar]\n")
        << QStringList{"11:17 spec.hostAliases[0].hostnames[0]: Invalid value: \"foo_bar\": " + kSubdomain};
    QTest::newRow("shareProcessNamespace with hostPID")
        << pod({}, "  shareProcessNamespace: true\n  hostPID: true\n")
        << QStringList{"9:3 spec.shareProcessNamespace: Invalid value: true: ShareProcessNamespace and HostPID cannot "
                       "both be enabled"};
    QTest::newRow("hostNetwork hostPort must match")
        << pod("    ports:\n    - containerPort: 80\n      hostPort: 81\n", "  hostNetwork: true\n")
        << QStringList{"11:7 spec.containers[0].ports[0].hostPort: Invalid value: 81: must match `containerPort` when "
                       "`hostNetwork` is true"};
    QTest::newRow("hostNetwork hostPort defaulted") << pod("    ports:\n    - containerPort: 80\n", "  hostNetwork: true\n")
                                                    << QStringList{};
    QTest::newRow("priorityClassName")
        << pod({}, "  priorityClassName: High\n")
        << QStringList{"9:3 spec.priorityClassName: Invalid value: \"High\": " + kSubdomain};
    QTest::newRow("preemptionPolicy")
        << pod({}, "  preemptionPolicy: Always\n")
        << QStringList{"9:3 spec.preemptionPolicy: Unsupported value: \"Always\": supported values: "
                       "\"PreemptLowerPriority\", \"Never\""};
    QTest::newRow("readinessGates conditionType")
        << pod({}, "  readinessGates:\n  - conditionType: bad gate\n")
        << QStringList{"10:5 spec.readinessGates[0].conditionType: Invalid value: \"bad gate\": " + kNamePart};
    QTest::newRow("schedulingGates unique")
        << pod({}, "  schedulingGates:\n  - name: example.com/wait\n  - name: example.com/wait\n")
        << QStringList{"11:5 spec.schedulingGates[1]: Duplicate value: \"example.com/wait\""};
    QTest::newRow("nodeName while gated")
        << pod({}, "  nodeName: node-1\n  schedulingGates:\n  - name: example.com/wait\n")
        << QStringList{"9:3 spec.nodeName: Forbidden: cannot be set until all schedulingGates have been cleared"};
    QTest::newRow("pod-deletion-cost annotation")
        << podWithSpec("  containers:\n  - name: c\n    image: nginx\n")
               .replace("  name: p\n", "  name: p\n  annotations:\n    controller.kubernetes.io/pod-deletion-cost: abc\n")
        << QStringList{"6:5 metadata.annotations[controller.kubernetes.io/pod-deletion-cost]: Invalid value: \"abc\": "
                       "must be a 32bit integer"};
    QTest::newRow("ephemeral containers on create")
        << pod({}, "  ephemeralContainers:\n  - name: debug\n    image: busybox\n")
        << QStringList{"9:3 spec.ephemeralContainers: Forbidden: cannot be set on create"};
    QTest::newRow("nodeSelector value")
        << pod({}, "  nodeSelector:\n    disk: ssd only\n")
        << QStringList{"10:5 spec.nodeSelector[disk]: Invalid value: \"ssd only\": " + kLabelValue};
}

void ValidationTest::scheduling_data()
{
    columns();
    QTest::newRow("toleration without key must be Exists")
        << pod({}, "  tolerations:\n  - operator: Equal\n    effect: NoSchedule\n")
        << QStringList{"10:5 spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` "
                       "is empty, which means \"match all values and all keys\""};
    QTest::newRow("tolerationSeconds needs NoExecute")
        << pod({}, "  tolerations:\n  - key: k\n    operator: Exists\n    effect: NoSchedule\n    tolerationSeconds: 60\n")
        << QStringList{"12:5 spec.tolerations[0].effect: Invalid value: \"NoSchedule\": effect must be 'NoExecute' when "
                       "`tolerationSeconds` is set"};
    QTest::newRow("Exists with a value")
        << pod({}, "  tolerations:\n  - key: k\n    operator: Exists\n    value: v\n")
        << QStringList{"11:5 spec.tolerations[0].operator: Invalid value: \"v\": value must be empty when `operator` is "
                       "'Exists'"};
    QTest::newRow("toleration operator")
        << pod({}, "  tolerations:\n  - key: k\n    operator: In\n")
        << QStringList{"11:5 spec.tolerations[0].operator: Unsupported value: \"In\": supported values: \"Equal\", "
                       "\"Exists\""};
    QTest::newRow("toleration effect")
        << pod({}, "  tolerations:\n  - key: k\n    effect: NoRun\n")
        << QStringList{"11:5 spec.tolerations[0].effect: Unsupported value: \"NoRun\": supported values: "
                       "\"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\""};
    QTest::newRow("toleration value")
        << pod({}, "  tolerations:\n  - key: k\n    value: a b\n")
        << QStringList{"10:5 spec.tolerations[0].operator: Invalid value: \"a b\": " + kLabelValue};
    QTest::newRow("toleration key")
        << pod({}, "  tolerations:\n  - key: a/b/c\n    operator: Exists\n")
        << QStringList{"10:5 spec.tolerations[0].key: Invalid value: \"a/b/c\": a valid label key must consist of "
                       "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                       "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                       "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                       "(e.g. 'example.com/MyName')"};
    const QString affinity = "  affinity:\n    nodeAffinity:\n";
    QTest::newRow("required node affinity without terms")
        << pod({}, affinity + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms: []\n")
        << QStringList{"12:9 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: "
                       "Required value: must have at least one node selector term"};
    const QString term = affinity + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
                                    "        - matchExpressions:\n"; // the expression starts at line 14
    QTest::newRow("In without values")
        << pod({}, term + "          - key: zone\n            operator: In\n")
        << QStringList{"14:13 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
                       "nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when "
                       "`operator` is 'In' or 'NotIn'"};
    QTest::newRow("Gt needs one value")
        << pod({}, term + "          - key: cores\n            operator: Gt\n            values: [\"1\", \"2\"]\n")
        << QStringList{"16:13 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
                       "nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single "
                       "value when `operator` is 'Lt' or 'Gt'"};
    QTest::newRow("selector operator")
        << pod({}, term + "          - key: zone\n            operator: Equals\n            values: [a]\n")
        << QStringList{"15:13 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
                       "nodeSelectorTerms[0].matchExpressions[0].operator: Invalid value: \"Equals\": not a valid "
                       "selector operator"};
    QTest::newRow("required affinity value")
        << pod({}, term + "          - key: zone\n            operator: In\n            values: [\"a b\"]\n")
        << QStringList{"16:22 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
                       "nodeSelectorTerms[0].matchExpressions[0].values[0]: Invalid value: \"a b\": " + kLabelValue};
    QTest::newRow("match field key")
        << pod({}, affinity + "      requiredDuringSchedulingIgnoredDuringExecution:\n        nodeSelectorTerms:\n"
                              "        - matchFields:\n          - key: metadata.labels\n            operator: In\n"
                              "            values: [a]\n")
        << QStringList{"14:13 spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution."
                       "nodeSelectorTerms[0].matchFields[0].key: Invalid value: \"metadata.labels\": not a valid field "
                       "selector key"};
    QTest::newRow("preferred weight")
        << pod({}, affinity + "      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 0\n"
                              "        preference:\n          matchExpressions:\n          - key: zone\n"
                              "            operator: Exists\n")
        << QStringList{"12:9 spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: "
                       "Invalid value: 0: must be in the range 1-100"};
    QTest::newRow("preferred affinity tolerates odd values")
        << pod({}, affinity + "      preferredDuringSchedulingIgnoredDuringExecution:\n      - weight: 10\n"
                              "        preference:\n          matchExpressions:\n          - key: zone\n"
                              "            operator: In\n            values: [\"a b\"]\n")
        << QStringList{};
}

void ValidationTest::workloads_data()
{
    columns();
    QTest::newRow("a valid deployment") << deployment() << QStringList{};
    QTest::newRow("selector does not match the template")
        << deployment({}, "app: api")
        << QStringList{"11:7 spec.template.metadata.labels: Invalid value: {\"app\":\"api\"}: `selector` does not match "
                       "template `labels`"};
    QTest::newRow("selector required")
        << deployment().replace("  selector:\n    matchLabels:\n      app: web\n", "")
        << QStringList{"5:1 spec.selector: Required value"};
    QTest::newRow("empty selector")
        << deployment().replace("  selector:\n    matchLabels:\n      app: web\n", "  selector: {}\n")
        << QStringList{"6:3 spec.selector: Invalid value: {}: empty selector is invalid for deployment"};
    QTest::newRow("selector the API server cannot convert")
        << deployment().replace("    matchLabels:\n      app: web\n",
                                "    matchExpressions:\n    - {key: app, operator: Equals, values: [web]}\n")
        << QStringList{"6:3 spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":"
                       "\"Equals\",\"values\":[\"web\"]}]}: invalid label selector",
                       "8:18 spec.selector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid "
                       "selector operator"};
    QTest::newRow("template restartPolicy")
        << deployment({}, "app: web", "        restartPolicy: Never\n").replace("        image: nginx\n        restartPolicy",
                                                                               "        image: nginx\n      restartPolicy")
        << QStringList{"17:7 spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""};
    QTest::newRow("template activeDeadlineSeconds")
        << deployment({}, "app: web", "      activeDeadlineSeconds: 60\n")
        << QStringList{"17:7 spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in ReplicaSet is "
                       "not Supported"};
    QTest::newRow("template container checked at its path")
        << deployment().replace("        image: nginx\n", "")
        << QStringList{"15:9 spec.template.spec.containers[0].image: Required value"};
    QTest::newRow("strategy type")
        << deployment("  strategy:\n    type: BlueGreen\n")
        << QStringList{"17:3 spec.strategy: Unsupported value: {\"Type\":\"BlueGreen\",\"RollingUpdate\":null}: "
                       "supported values: \"Recreate\", \"RollingUpdate\""};
    QTest::newRow("maxSurge and maxUnavailable both zero")
        << deployment("  strategy:\n    rollingUpdate:\n      maxSurge: 0\n      maxUnavailable: 0\n")
        << QStringList{"20:7 spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` "
                       "is 0"};
    QTest::newRow("maxSurge zero percent and maxUnavailable zero")
        << deployment("  strategy:\n    rollingUpdate:\n      maxSurge: 0%\n      maxUnavailable: 0\n")
        << QStringList{"20:7 spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when `maxSurge` "
                       "is 0"};
    QTest::newRow("maxUnavailable over 100%")
        << deployment("  strategy:\n    rollingUpdate:\n      maxUnavailable: 110%\n")
        << QStringList{"19:7 spec.strategy.rollingUpdate.maxUnavailable: Invalid value: \"110%\": must not be greater "
                       "than 100%"};
    QTest::newRow("maxSurge not a percentage")
        << deployment("  strategy:\n    rollingUpdate:\n      maxSurge: lots\n")
        << QStringList{"19:7 spec.strategy.rollingUpdate.maxSurge: Invalid value: \"lots\": a valid percent string must "
                       "be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation "
                       "is '[0-9]+%')"};
    QTest::newRow("maxSurge negative")
        << deployment("  strategy:\n    rollingUpdate:\n      maxSurge: -1\n")
        << QStringList{"19:7 spec.strategy.rollingUpdate.maxSurge: Invalid value: -1: must be greater than or equal to 0"};
    QTest::newRow("Recreate with rollingUpdate")
        << deployment("  strategy:\n    type: Recreate\n    rollingUpdate:\n      maxSurge: 1\n")
        << QStringList{"19:5 spec.strategy.rollingUpdate: Forbidden: may not be specified when strategy `type` is "
                       "'Recreate'"};
    QTest::newRow("progressDeadlineSeconds not above minReadySeconds")
        << deployment("  minReadySeconds: 10\n  progressDeadlineSeconds: 10\n")
        << QStringList{"18:3 spec.progressDeadlineSeconds: Invalid value: 10: must be greater than minReadySeconds"};
    QTest::newRow("negative replicas")
        << deployment("  replicas: -1\n")
        << QStringList{"17:3 spec.replicas: Invalid value: -1: must be greater than or equal to 0"};
    QTest::newRow("negative revisionHistoryLimit")
        << deployment("  revisionHistoryLimit: -1\n")
        << QStringList{"17:3 spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"};
    QTest::newRow("negative minReadySeconds")
        << deployment("  minReadySeconds: -1\n")
        << QStringList{"17:3 spec.minReadySeconds: Invalid value: -1: must be greater than or equal to 0"};
    const QString rs = QString(deployment()).replace("kind: Deployment", "kind: ReplicaSet");
    QTest::newRow("a valid replicaset") << rs << QStringList{};
    QTest::newRow("replicaset empty selector")
        << QString(rs).replace("  selector:\n    matchLabels:\n      app: web\n", "  selector: {}\n")
        << QStringList{"6:3 spec.selector: Invalid value: {}: empty selector is invalid for deployment"};
    QTest::newRow("replicaset selector mismatch")
        << QString(rs).replace("        app: web\n", "        app: other\n")
        << QStringList{"11:7 spec.template.metadata.labels: Invalid value: {\"app\":\"other\"}: `selector` does not "
                       "match template `labels`"};
    QTest::newRow("replicaset minReadySeconds")
        << rs + "  minReadySeconds: -2\n"
        << QStringList{"17:3 spec.minReadySeconds: Invalid value: -2: must be greater than or equal to 0"};
    QTest::newRow("selector label value")
        << deployment().replace("    matchLabels:\n      app: web\n",
                                "    matchExpressions:\n    - {key: app, operator: In, values: [\"web app\"]}\n")
        << QStringList{"6:3 spec.selector: Invalid value: {\"matchExpressions\":[{\"key\":\"app\",\"operator\":\"In\","
                       "\"values\":[\"web app\"]}]}: invalid label selector",
                       "8:41 spec.selector.matchExpressions[0].values[0]: Invalid value: \"web app\": " + kLabelValue};
}

void ValidationTest::services_data()
{
    columns();
    QTest::newRow("a valid service") << service({}) << QStringList{};
    QTest::newRow("ports required")
        << object("Service", "metadata:\n  name: web\nspec:\n  selector:\n    app: web\n")
        << QStringList{"5:1 spec.ports: Required value"};
    QTest::newRow("headless service needs no ports")
        << object("Service", "metadata:\n  name: web\nspec:\n  clusterIP: None\n") << QStringList{};
    QTest::newRow("port zero (and the target port copied from it)")
        << service({}).replace("port: 80", "port: 0")
        << QStringList{"9:5 spec.ports[0].port: Invalid value: 0: " + kPortRange,
                       "9:5 spec.ports[0].targetPort: Invalid value: 0: " + kPortRange};
    QTest::newRow("names required with two ports")
        << service("  - port: 443\n")
        << QStringList{"9:5 spec.ports[0].name: Required value", "10:5 spec.ports[1].name: Required value"};
    QTest::newRow("duplicate port names")
        << service("    name: http\n  - port: 443\n    name: http\n")
        << QStringList{"12:5 spec.ports[1].name: Duplicate value: \"http\""};
    QTest::newRow("port protocol")
        << service("    protocol: HTTP\n")
        << QStringList{"10:5 spec.ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", "
                       "\"UDP\""};
    QTest::newRow("targetPort name")
        << service("    targetPort: Web_Port\n")
        << QStringList{"10:5 spec.ports[0].targetPort: Invalid value: \"Web_Port\": must contain only alpha-numeric "
                       "characters (a-z, 0-9), and hyphens (-)"};
    QTest::newRow("same port twice")
        << service("    name: a\n  - port: 80\n    name: b\n")
        << QStringList{"11:5 spec.ports[1]: Duplicate value: {\"Name\":\"\",\"Protocol\":\"TCP\",\"AppProtocol\":null,"
                       "\"Port\":80,\"TargetPort\":0,\"NodePort\":0}"};
    QTest::newRow("service type")
        << service({}, "  type: Internal\n")
        << QStringList{"10:3 spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", "
                       "\"ExternalName\", \"LoadBalancer\", \"NodePort\""};
    QTest::newRow("nodePort on a ClusterIP service")
        << service("    nodePort: 30080\n")
        << QStringList{"10:5 spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'"};
    QTest::newRow("a NodePort service") << service("    nodePort: 30080\n", "  type: NodePort\n") << QStringList{};
    QTest::newRow("duplicate nodePorts")
        << service("    name: a\n    nodePort: 30080\n  - port: 81\n    name: b\n    nodePort: 30080\n", "  type: NodePort\n")
        << QStringList{"14:5 spec.ports[1].nodePort: Duplicate value: 30080"};
    QTest::newRow("ExternalName needs a name")
        << object("Service", "metadata:\n  name: db\nspec:\n  type: ExternalName\n")
        << QStringList{"5:1 spec.externalName: Required value"};
    QTest::newRow("ExternalName must be a DNS name")
        << object("Service", "metadata:\n  name: db\nspec:\n  type: ExternalName\n  externalName: db_host\n")
        << QStringList{"7:3 spec.externalName: Invalid value: \"db_host\": " + kSubdomain};
    QTest::newRow("sessionAffinity")
        << service({}, "  sessionAffinity: Sticky\n")
        << QStringList{"10:3 spec.sessionAffinity: Unsupported value: \"Sticky\": supported values: \"ClientIP\", \"None\""};
    QTest::newRow("ClientIP affinity gets its default config") << service({}, "  sessionAffinity: ClientIP\n") << QStringList{};
    QTest::newRow("clusterIP address")
        << service({}, "  clusterIP: 10.0.0.300\n")
        << QStringList{"10:3 spec.clusterIP: Invalid value: \"10.0.0.300\": " + kIP};
    QTest::newRow("headless LoadBalancer")
        << service({}, "  type: LoadBalancer\n  clusterIP: None\n")
        << QStringList{"11:3 spec.clusterIP: Invalid value: \"None\": may not be set to 'None' for LoadBalancer "
                       "services"};
    QTest::newRow("loopback externalIP")
        << service({}, "  externalIPs: [127.0.0.1]\n")
        << QStringList{"10:17 spec.externalIPs[0]: Invalid value: \"127.0.0.1\": may not be in the loopback range "
                       "(127.0.0.0/8, ::1/128)"};
    QTest::newRow("loadBalancerSourceRanges on a ClusterIP service")
        << service({}, "  loadBalancerSourceRanges: [10.0.0.0/8]\n")
        << QStringList{"10:3 spec.loadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'"};
    QTest::newRow("loadBalancerSourceRanges CIDR")
        << service({}, "  type: LoadBalancer\n  loadBalancerSourceRanges: [10.0.0.0/33]\n")
        << QStringList{"11:30 spec.loadBalancerSourceRanges[0]: Invalid value: \"10.0.0.0/33\": must be a valid CIDR "
                       "value, (e.g. 10.9.8.0/24 or 2001:db8::/64)"};
    QTest::newRow("externalTrafficPolicy on a ClusterIP service")
        << service({}, "  externalTrafficPolicy: Local\n")
        << QStringList{"10:3 spec.externalTrafficPolicy: Invalid value: \"Local\": may only be set for "
                       "externally-accessible services"};
    QTest::newRow("service name must be a DNS-1035 label")
        << service({}, {}, "1web")
        << QStringList{"4:3 metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case "
                       "alphanumeric characters or '-', start with an alphabetic character, and end with an "
                       "alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is "
                       "'[a-z]([-a-z0-9]*[a-z0-9])?')"};
    QTest::newRow("endpoints subset without addresses")
        << object("Endpoints", "metadata:\n  name: web\nsubsets:\n- ports:\n  - port: 80\n")
        << QStringList{"6:3 subsets[0]: Required value: must specify `addresses` or `notReadyAddresses`"};
    QTest::newRow("endpoints address")
        << object("Endpoints", "metadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 10.0.0\n")
        << QStringList{"7:5 subsets[0].addresses[0].ip: Invalid value: \"10.0.0\": " + kIP,
                       "7:5 subsets[0].addresses[0].ip: Invalid value: \"10.0.0\": must be a valid IP address"};
    QTest::newRow("endpoints port protocol")
        << object("Endpoints", "metadata:\n  name: web\nsubsets:\n- addresses:\n  - ip: 10.0.0.1\n  ports:\n"
                               "  - port: 80\n    protocol: tcp\n")
        << QStringList{"10:5 subsets[0].ports[0].protocol: Unsupported value: \"tcp\": supported values: \"SCTP\", "
                       "\"TCP\", \"UDP\""};
}

void ValidationTest::configuration_data()
{
    columns();
    const QString cm = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n";
    QTest::newRow("config key characters")
        << cm + "data:\n  my key: x\n"
        << QStringList{"6:3 data[my key]: Invalid value: \"my key\": a valid config key must consist of alphanumeric "
                       "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                       "validation is '[-._a-zA-Z0-9]+')"};
    QTest::newRow("config key ..")
        << cm + "data:\n  \"..\": x\n" << QStringList{"6:3 data[..]: Invalid value: \"..\": must not be '..'"};
    QTest::newRow("config key starting with ..")
        << cm + "data:\n  ..data: x\n" << QStringList{"6:3 data[..data]: Invalid value: \"..data\": must not start with '..'"};
    QTest::newRow("key in data and binaryData")
        << cm + "data:\n  k: x\nbinaryData:\n  k: eA==\n"
        << QStringList{"6:3 data[k]: Invalid value: \"k\": duplicate of key present in binaryData"};
    QTest::newRow("configmap over 1 MiB")
        << cm + "data:\n  big: " + QString(1024 * 1024 + 1, 'x') + "\n"
        << QStringList{"1:1 Too long: may not be more than 1048576 bytes"};
    const QString secret = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: s\n";
    QTest::newRow("secret key")
        << secret + "stringData:\n  a b: x\n"
        << QStringList{"6:3 stringData[a b]: Invalid value: \"a b\": a valid config key must consist of alphanumeric "
                       "characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for "
                       "validation is '[-._a-zA-Z0-9]+')"};
    QTest::newRow("tls secret keys")
        << secret + "type: kubernetes.io/tls\n"
        << QStringList{"1:1 data[tls.crt]: Required value", "1:1 data[tls.key]: Required value"};
    QTest::newRow("tls secret from stringData") << secret + "type: kubernetes.io/tls\nstringData:\n  tls.crt: c\n  tls.key: k\n"
                                                << QStringList{};
    QTest::newRow("basic-auth secret")
        << secret + "type: kubernetes.io/basic-auth\ndata:\n  other: eA==\n"
        << QStringList{"6:1 data[username]: Required value", "6:1 data[password]: Required value"};
    QTest::newRow("ssh-auth secret")
        << secret + "type: kubernetes.io/ssh-auth\n" << QStringList{"1:1 data[ssh-privatekey]: Required value"};
    QTest::newRow("dockerconfigjson secret")
        << secret + "type: kubernetes.io/dockerconfigjson\n" << QStringList{"1:1 data[.dockerconfigjson]: Required value"};
    QTest::newRow("service account token secret")
        << secret + "type: kubernetes.io/service-account-token\n"
        << QStringList{"3:1 metadata.annotations[kubernetes.io/service-account.name]: Required value"};
    QTest::newRow("service account name")
        << object("ServiceAccount", "metadata:\n  name: Build_Bot\n")
        << QStringList{"4:3 metadata.name: Invalid value: \"Build_Bot\": " + kSubdomain};
}

void ValidationTest::clusterObjects_data()
{
    columns();
    const QString node = "apiVersion: v1\nkind: Node\nmetadata:\n  name: n1\nspec:\n  taints:\n  - key: dedicated\n"
                         "    value: gpu\n";
    QTest::newRow("taint effect required") << node << QStringList{"7:5 spec.taints[0].effect: Required value"};
    QTest::newRow("taint effect")
        << node + "    effect: NoRun\n"
        << QStringList{"9:5 spec.taints[0].effect: Unsupported value: \"NoRun\": supported values: \"NoSchedule\", "
                       "\"PreferNoSchedule\", \"NoExecute\""};
    QTest::newRow("duplicate taint")
        << node + "    effect: NoSchedule\n  - key: dedicated\n    value: cpu\n    effect: NoSchedule\n"
        << QStringList{"10:5 spec.taints[1]: Duplicate value: {\"Key\":\"dedicated\",\"Value\":\"cpu\",\"Effect\":"
                       "\"NoSchedule\",\"TimeAdded\":null}: taints must be unique by key and effect pair"};
    QTest::newRow("taint key")
        << QString(node).replace("key: dedicated", "key: bad key") + "    effect: NoSchedule\n"
        << QStringList{"7:5 spec.taints[0].key: Invalid value: \"bad key\": " + kNamePart};
    QTest::newRow("taint value")
        << QString(node).replace("value: gpu", "value: a b") + "    effect: NoSchedule\n"
        << QStringList{"8:5 spec.taints[0].value: Invalid value: \"a b\": " + kLabelValue};
    QTest::newRow("negative capacity (and the allocatable copied from it)")
        << object("Node", "metadata:\n  name: n1\nstatus:\n  capacity:\n    cpu: \"-1\"\n")
        << QStringList{"5:1 status.allocatable[cpu]: Invalid value: \"-1\": must be greater than or equal to 0",
                       "7:5 status.capacity[cpu]: Invalid value: \"-1\": must be greater than or equal to 0"};
    QTest::newRow("podCIDR")
        << object("Node", "metadata:\n  name: n1\nspec:\n  podCIDRs: [10.244.0.0]\n")
        << QStringList{"6:14 spec.podCIDRs[0]: Invalid value: \"10.244.0.0\": must be a valid CIDR value, (e.g. "
                       "10.9.8.0/24 or 2001:db8::/64)"};
    QTest::newRow("namespace name with dots")
        << object("Namespace", "metadata:\n  name: team.a\n")
        << QStringList{"4:3 metadata.name: Invalid value: \"team.a\": must not contain dots"};
    QTest::newRow("namespace finalizer")
        << object("Namespace", "metadata:\n  name: team-a\nspec:\n  finalizers: [custom]\n")
        << QStringList{"6:16 spec.finalizers[0]: Invalid value: \"custom\": name is neither a standard finalizer name "
                       "nor is it fully qualified"};
    QTest::newRow("event type")
        << object("Event", "metadata:\n  name: e.1\ninvolvedObject:\n  kind: Pod\n  name: p\ntype: Error\n")
        << QStringList{"8:1 type: Unsupported value: \"Error\": supported values: \"Normal\", \"Warning\""};
    QTest::newRow("event without an involved kind")
        << object("Event", "metadata:\n  name: e.1\ninvolvedObject:\n  name: p\n")
        << QStringList{"5:1 involvedObject.kind: Required value"};
    const QString lease = "apiVersion: coordination.k8s.io/v1\nkind: Lease\nmetadata:\n  name: node-1\n"
                          "  namespace: kube-node-lease\nspec:\n  holderIdentity: node-1\n";
    QTest::newRow("a valid lease") << lease + "  leaseDurationSeconds: 40\n" << QStringList{};
    QTest::newRow("lease duration")
        << lease + "  leaseDurationSeconds: 0\n"
        << QStringList{"8:3 spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0"};
    QTest::newRow("lease transitions")
        << lease + "  leaseTransitions: -1\n"
        << QStringList{"8:3 spec.leaseTransitions: Invalid value: -1: must be greater than or equal to 0"};
    QTest::newRow("podpreset env name")
        << object("PodPreset", "metadata:\n  name: preset\nspec:\n  selector:\n    matchLabels:\n      a: b\n  env:\n"
                               "  - value: x\n", "settings.k8s.io/v1alpha1")
        << QStringList{"10:5 spec.env[0].name: Required value"};
}

void ValidationTest::warnings_data()
{
    QTest::addColumn<QString>("yaml");
    QTest::addColumn<QStringList>("warnings");
    QTest::newRow("negative grace period")
        << pod({}, "  terminationGracePeriodSeconds: -1\n")
        << QStringList{"9:3 spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be "
                       "treated as 1"};
    QTest::newRow("no warnings") << pod({}) << QStringList{};
}

void ValidationTest::warnings()
{
    QFETCH(QString, yaml);
    QFETCH(QStringList, warnings);
    const manifest::ReadResult r = read(yaml);
    QCOMPARE(errorsOf(r), QStringList{});
    QCOMPARE(warningsOf(r), warnings);
    QCOMPARE(r.objects.size(), size_t(1)); // warnings do not reject an object
}

void ValidationTest::errorsComeInFileOrder()
{
    const manifest::ReadResult r = read(pod("    ports:\n    - containerPort: 0\n", "  restartPolicy: Sometimes\n"
                                                                                   "  dnsPolicy: Custom\n"));
    const QStringList errors = errorsOf(r);
    QCOMPARE(errors.size(), 3);
    QVERIFY(errors[0].startsWith("10:7 spec.containers[0].ports[0].containerPort"));
    QVERIFY(errors[1].startsWith("11:3 spec.restartPolicy"));
    QVERIFY(errors[2].startsWith("12:3 spec.dnsPolicy"));
    for (const manifest::Diagnostic& d : r.diagnostics)
        QCOMPARE(d.file, std::string("test.yaml"));
}

void ValidationTest::invalidObjectIsLeftOut()
{
    const manifest::ReadResult r = read(pod({}) + "---\n" + pod({}, "  restartPolicy: Sometimes\n"));
    QVERIFY(!r.ok());
    QCOMPARE(r.objects.size(), size_t(1));
    QCOMPARE(r.objects[0].line, 1);
}

void ValidationTest::validationCanBeSwitchedOff()
{
    manifest::ReadOptions options;
    options.validate = false;
    const manifest::ReadResult r = read(pod({}, "  restartPolicy: Sometimes\n"), options);
    QVERIFY(r.ok());
    QCOMPARE(r.objects.size(), size_t(1));
}

QTEST_APPLESS_MAIN(ValidationTest)
#include "tst_validation.moc"
