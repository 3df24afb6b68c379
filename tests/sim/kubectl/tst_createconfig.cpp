#include "commandoutcome.h"

#include "sim/cluster/cluster.h"

using namespace podlab;
using namespace podlab::testing;

// kubectl create configmap and kubectl create secret generic, run from the folder of their source files
// (data/createconfig). Each row runs `before` on a fresh cluster, then `command`, whose output is checked;
// then `query` (if any), whose stdout and stderr together show what the cluster holds afterwards.
class TestCreateConfig : public QObject {
    Q_OBJECT

private slots:
    void literals_data();
    void literals() { run(); }
    void files_data();
    void files() { run(); }
    void envFiles_data();
    void envFiles() { run(); }
    void creation_data();
    void creation() { run(); }
    void dryRun_data();
    void dryRun() { run(); }
    void listAndDescribe_data();
    void listAndDescribe() { run(); }

private:
    static void columns();
    static void run();
};

namespace {

const QStringList none;
const QString notFound = "Error from server (NotFound): configmaps \"game\" not found\n";
const QString secretNotFound = "Error from server (NotFound): secrets \"s\" not found\n";
const QString configKeyRule =
    "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. "
    "'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is "
    "'[-._a-zA-Z0-9]+')";

// A row whose command must fail with `err` and leave no ConfigMap "game".
void refused(const char* name, const QString& command, const QString& err)
{
    QTest::newRow(name) << none << command << "" << err << 1 << "get cm game" << notFound;
}

} // namespace

void TestCreateConfig::columns()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QString>("command");
    addOutcomeColumns();
}

void TestCreateConfig::literals_data()
{
    columns();
    QTest::newRow("literals") << none
                              << "create configmap game --from-literal=lives=3 --from-literal=mode=hard"
                              << "configmap/game created\n"
                              << "" << 0 << "get cm game -o jsonpath={.data}"
                              << "{\"lives\":\"3\",\"mode\":\"hard\"}";
    QTest::newRow("the value keeps its '=' and quotes")
        << none << "create cm game --from-literal=url=a=b --from-literal='greeting=\"hi there\"'"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"greeting\":\"\\\"hi there\\\"\",\"url\":\"a=b\"}";
    QTest::newRow("an empty value") << none << "create cm game --from-literal=empty="
                                    << "configmap/game created\n"
                                    << "" << 0 << "get cm game -o jsonpath={.data}"
                                    << "{\"empty\":\"\"}";
    refused("no '='", "create cm game --from-literal=oops",
            "error: invalid literal source oops, expected key=value\n");
    refused("no key", "create cm game --from-literal==x",
            "error: invalid literal source =x, expected key=value\n");
    refused("a key that is not a config key", "create cm game --from-literal='bad key=1'",
            "error: \"bad key\" is not a valid key name for a ConfigMap: " + configKeyRule + "\n");
    refused("a key given twice", "create cm game --from-literal=a=1 --from-literal=a=2",
            "error: cannot add key \"a\", another key by that name already exists in Data for ConfigMap "
            "\"game\"\n");
    QTest::newRow("a secret's literals, base64 in data")
        << none << "create secret generic s --from-literal=password=s3cr3t"
        << "secret/s created\n"
        << "" << 0 << "get secret s -o jsonpath={.data}"
        << "{\"password\":\"czNjcjN0\"}";
    QTest::newRow("a secret's invalid key: worded otherwise")
        << none << "create secret generic s --from-literal='bad key=1'"
        << ""
        << "error: \"bad key\" is not valid key name for a Secret " + configKeyRule + "\n"
        << 1 << "get secret s" << secretNotFound;
    QTest::newRow("a secret's key given twice: unquoted")
        << none << "create secret generic s --from-literal=a=1 --from-literal=a=2"
        << ""
        << "error: cannot add key a, another key by that name already exists\n"
        << 1 << "get secret s" << secretNotFound;
}

void TestCreateConfig::files_data()
{
    columns();
    QTest::newRow("a file, keyed by its name") << none << "create cm game --from-file=game.properties"
                                               << "configmap/game created\n"
                                               << "" << 0 << "get cm game -o jsonpath={.data}"
                                               << "{\"game.properties\":\"enemies=aliens\\nlives=3\\n\"}";
    QTest::newRow("a file under a key of its own")
        << none << "create cm game --from-file=settings=game.properties"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"settings\":\"enemies=aliens\\nlives=3\\n\"}";
    QTest::newRow("two files in one flag")
        << none << "create cm game --from-file=game.properties,ui.properties"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"game.properties\":\"enemies=aliens\\nlives=3\\n\",\"ui.properties\":\"color.good="
           "purple\\ncolor.bad="
           "yellow\\n\"}";
    QTest::newRow("a folder: its regular files, not links or subfolders")
        << none << "create cm game --from-file=configs"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"nginx.conf\":\"server {\\n  listen 80;\\n}\\n\",\"users.conf\":\"user=admin\\n\"}";
    QTest::newRow("a file that is not UTF-8 goes to binaryData")
        << none << "create cm game --from-file=logo.png --from-literal=a=b"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.binaryData}{.data}"
        << "{\"logo.png\":\"iVBORw0KGgoA/w==\"}{\"a\":\"b\"}";
    refused("a key for a folder", "create cm game --from-file=c=configs",
            "error: cannot give a key name for a directory path\n");
    refused("a file that is not there", "create cm game --from-file=missing.txt",
            "error: error reading missing.txt: no such file or directory\n");
    refused("a file that is not there, under a key", "create cm game --from-file=k=missing/x.txt",
            "error: error reading missing/x.txt: no such file or directory\n");
    refused("'=' twice", "create cm game --from-file=a=b=c",
            "error: key names or file paths cannot contain '='\n");
    refused("no key before '='", "create cm game --from-file==game.properties",
            "error: key name for file path game.properties missing\n");
    refused("no path after '='",
            "create cm game --from-file=k=", "error: file path for key name k missing\n");
    refused("files come before literals", "create cm game --from-literal=oops --from-file=missing.txt",
            "error: error reading missing.txt: no such file or directory\n");
    refused("a binary key taken", "create cm game --from-file=logo.png --from-literal=logo.png=x",
            "error: cannot add key \"logo.png\", another key by that name already exists in BinaryData for "
            "ConfigMap \"game\"\n");
    refused("a file in the folder whose name is no key", "create cm game --from-file=badnames",
            "error: \"has space.txt\" is not a valid key name for a ConfigMap: " + configKeyRule + "\n");
    QTest::newRow("a secret's file, binary or not, in data")
        << none << "create secret generic s --from-file=game.properties --from-file=logo.png"
        << "secret/s created\n"
        << "" << 0 << "get secret s -o jsonpath={.data}"
        << "{\"game.properties\":\"ZW5lbWllcz1hbGllbnMKbGl2ZXM9Mwo=\",\"logo.png\":\"iVBORw0KGgoA/w==\"}";
    QTest::newRow("a secret's literals come before its files")
        << none << "create secret generic s --from-file=missing.txt --from-literal=oops"
        << ""
        << "error: invalid literal source oops, expected key=value\n"
        << 1 << "get secret s" << secretNotFound;
    QTest::newRow("a secret's key from a file and a literal")
        << none << "create secret generic s --from-file=a=game.properties --from-literal=a=x"
        << ""
        << "error: cannot add key a, another key by that name already exists\n"
        << 1 << "get secret s" << secretNotFound;
}

void TestCreateConfig::envFiles_data()
{
    columns();
    QTest::newRow("an env file: comments and blank lines skipped, leading space dropped, the rest kept")
        << none << "create cm game --from-env-file=app.env"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"EMPTY\":\"\",\"FROM_KUBECTL_ENV\":\"\",\"LEVEL\":\"debug  "
           "\",\"MODE\":\"production\",\"QUOTED\":"
           "\"\\\"a b\\\"\",\"URL\":\"http://x/?a=b\"}";
    QTest::newRow("a byte-order mark and CRLF line ends")
        << none << "create cm game --from-env-file=windows.env"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -o jsonpath={.data}"
        << "{\"FIRST\":\"1\",\"SECOND\":\"2\"}";
    QTest::newRow("two env files") << none
                                   << "create cm game --from-env-file=windows.env --from-env-file=badkey.env"
                                   << ""
                                   << "error: \"1ST\" is not a valid key name: a valid environment variable "
                                      "name must consist of alphabetic characters, digits, '_', '-', or '.', "
                                      "and must not start with a digit (e.g. 'my.env-name',  or "
                                      "'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is "
                                      "'[-._a-zA-Z][-._a-zA-Z0-9]*')\n"
                                   << 1 << "get cm game" << notFound;
    refused("a line that is not UTF-8", "create cm game --from-env-file=binary.env",
            "error: env file binary.env contains invalid utf8 bytes at line 2: [66 65 68 61 255 254]\n");
    refused("a key twice", "create cm game --from-env-file=twice.env",
            "error: cannot add key \"DUP\", another key by that name already exists in Data for ConfigMap "
            "\"game\"\n");
    refused("not with literals", "create cm game --from-env-file=app.env --from-literal=a=b",
            "error: from-env-file cannot be combined with from-file or from-literal\n");
    refused("not with files", "create cm game --from-file=game.properties --from-env-file=app.env",
            "error: from-env-file cannot be combined with from-file or from-literal\n");
    refused("a folder", "create cm game --from-env-file=configs",
            "error: env config file cannot be a directory\n");
    refused("a file that is not there", "create cm game --from-env-file=nope.env",
            "error: error reading nope.env: no such file or directory\n");
    QTest::newRow("a secret's env file") << none << "create secret generic s --from-env-file=windows.env"
                                         << "secret/s created\n"
                                         << "" << 0 << "get secret s -o jsonpath={.data}"
                                         << "{\"FIRST\":\"MQ==\",\"SECOND\":\"Mg==\"}";
    QTest::newRow("a secret's env folder") << none << "create secret generic s --from-env-file=configs"
                                           << ""
                                           << "error: env secret file cannot be a directory\n"
                                           << 1 << "get secret s" << secretNotFound;
}

void TestCreateConfig::creation_data()
{
    columns();
    QTest::newRow("an empty ConfigMap") << none << "create configmap game"
                                        << "configmap/game created\n"
                                        << "" << 0 << "get cm game -o jsonpath={.data}"
                                        << "";
    QTest::newRow("into another namespace")
        << none << "create cm game -n kube-system --from-literal=a=b"
        << "configmap/game created\n"
        << "" << 0 << "get cm game -n kube-system -o jsonpath={.metadata.namespace}"
        << "kube-system";
    refused("a namespace that is not there", "create cm game -n nope",
            "error: failed to create configmap: namespaces \"nope\" not found\n");
    refused("no name", "create configmap",
            "error: exactly one NAME is required, got 0\nSee 'kubectl create configmap -h' for help and "
            "examples\n");
    refused("two names", "create cm game other",
            "error: exactly one NAME is required, got 2\nSee 'kubectl create configmap -h' for help and "
            "examples\n");
    refused("an empty name", "create cm ''", "error: name must be specified\n");
    refused(
        "a name the API server refuses", "create cm Game",
        "error: failed to create configmap: ConfigMap \"Game\" is invalid: metadata.name: Invalid value: "
        "\"Game\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or "
        "'.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for "
        "validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n");
    QTest::newRow("one that exists")
        << QStringList{"create cm game --from-literal=a=1"} << "create cm game --from-literal=a=2"
        << ""
        << "error: failed to create configmap: configmaps \"game\" already exists\n"
        << 1 << "get cm game -o jsonpath={.data}"
        << "{\"a\":\"1\"}";
    QTest::newRow("a Secret that exists: no colon after `secret`")
        << QStringList{"create secret generic s"} << "create secret generic s"
        << ""
        << "error: failed to create secret secrets \"s\" already exists\n"
        << 1 << "get secret s -o name"
        << "secret/s\n";
    QTest::newRow("a Secret's default type") << none << "create secret generic s"
                                             << "secret/s created\n"
                                             << "" << 0 << "get secret s -o jsonpath={.type}"
                                             << "Opaque";
    QTest::newRow("a Secret's own type")
        << none << "create secret generic s --type=example.com/token --from-literal=t=1"
        << "secret/s created\n"
        << "" << 0 << "get secret s -o jsonpath={.type}"
        << "example.com/token";
    QTest::newRow("a type whose keys are missing")
        << none << "create secret generic s --type=kubernetes.io/tls"
        << ""
        << "error: failed to create secret Secret \"s\" is invalid: [data[tls.crt]: Required value, "
           "data[tls.key]: "
           "Required value]\n"
        << 1 << "get secret s" << secretNotFound;
    QTest::newRow("secret without its subcommand")
        << none << "create secret"
        << ""
        << "Create a secret using specified subcommand.\n\nAvailable Commands:\n"
           "  docker-registry   Create a secret for use with a Docker registry\n"
           "  generic           Create a secret from a local file, directory, or literal value\n"
           "  tls               Create a TLS secret\n"
        << 1 << ""
        << "";
    QTest::newRow("secret with a subcommand kubectl does not have")
        << none << "create secret opaque s"
        << ""
        << "error: unknown command \"opaque s\"\nSee 'kubectl create secret -h' for help and examples\n"
        << 1 << ""
        << "";
    QTest::newRow("a secret generic without a name")
        << none << "create secret generic"
        << ""
        << "error: exactly one NAME is required, got 0\nSee 'kubectl create secret generic -h' for help and "
           "examples\n"
        << 1 << ""
        << "";
    QTest::newRow("-o name") << none << "create cm game -o name"
                             << "configmap/game\n"
                             << "" << 0 << "get cm game -o name"
                             << "configmap/game\n";
    refused("-o wide", "create cm game -o wide",
            "error: unable to match a printer suitable for the output format \"wide\", allowed formats are: "
            "go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,"
            "templatefile,"
            "yaml\n");
}

void TestCreateConfig::dryRun_data()
{
    columns();
    QTest::newRow("client, as YAML: nothing defaulted, a null creationTimestamp")
        << none << "create cm game --from-literal=lives=3 --dry-run=client -o yaml"
        << "apiVersion: v1\ndata:\n  lives: \"3\"\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  "
           "name: game\n"
        << "" << 0 << "get cm game" << notFound;
    QTest::newRow("client, as JSON: the fields in Go's order")
        << none << "create cm game --from-literal=lives=3 --dry-run=client -o json"
        << "{\n    \"kind\": \"ConfigMap\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        "
           "\"name\": \"game\",\n"
           "        \"creationTimestamp\": null\n    },\n    \"data\": {\n        \"lives\": \"3\"\n    "
           "}\n}\n"
        << "" << 0 << "get cm game" << notFound;
    QTest::newRow("client with -n: the namespace in the object")
        << none << "create cm game -n kube-system --dry-run=client -o yaml"
        << "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  creationTimestamp: null\n  name: game\n  "
           "namespace: "
           "kube-system\n"
        << "" << 0 << "get cm game -n kube-system"
        << "Error from server (NotFound): configmaps \"game\" not found\n";
    QTest::newRow("client, a Secret as YAML: no type unless given")
        << none << "create secret generic s --from-literal=password=s3cr3t --dry-run=client -o yaml"
        << "apiVersion: v1\ndata:\n  password: czNjcjN0\nkind: Secret\nmetadata:\n  creationTimestamp: "
           "null\n  name: s\n"
        << "" << 0 << "get secret s" << secretNotFound;
    QTest::newRow("client, a Secret as JSON") << none
                                              << "create secret generic s --from-literal=password=s3cr3t "
                                                 "--type=example.com/x --dry-run=client -o json"
                                              << "{\n    \"kind\": \"Secret\",\n    \"apiVersion\": "
                                                 "\"v1\",\n    \"metadata\": {\n        \"name\": \"s\",\n"
                                                 "        \"creationTimestamp\": null\n    },\n    \"data\": "
                                                 "{\n        \"password\": \"czNjcjN0\"\n    },\n"
                                                 "    \"type\": \"example.com/x\"\n}\n"
                                              << "" << 0 << "get secret s" << secretNotFound;
    QTest::newRow("client, binaryData after data")
        << none << "create cm game --from-file=logo.png --from-literal=a=b --dry-run=client -o json"
        << "{\n    \"kind\": \"ConfigMap\",\n    \"apiVersion\": \"v1\",\n    \"metadata\": {\n        "
           "\"name\": \"game\",\n"
           "        \"creationTimestamp\": null\n    },\n    \"data\": {\n        \"a\": \"b\"\n    },\n"
           "    \"binaryData\": {\n        \"logo.png\": \"iVBORw0KGgoA/w==\"\n    }\n}\n"
        << "" << 0 << "get cm game" << notFound;
    QTest::newRow("client") << none << "create cm game --dry-run=client"
                            << "configmap/game created (dry run)\n"
                            << "" << 0 << "get cm game" << notFound;
    QTest::newRow("the bare flag is client") << none << "create cm game --dry-run"
                                             << "configmap/game created (dry run)\n"
                                             << "" << 0 << "get cm game" << notFound;
    QTest::newRow("server") << none << "create cm game --dry-run=server"
                            << "configmap/game created (server dry run)\n"
                            << "" << 0 << "get cm game" << notFound;
    QTest::newRow("server still refuses what exists")
        << QStringList{"create cm game"} << "create cm game --dry-run=server"
        << ""
        << "error: failed to create configmap: configmaps \"game\" already exists\n"
        << 1 << "get cm game -o name"
        << "configmap/game\n";
    QTest::newRow("none creates") << none << "create cm game --dry-run=none"
                                  << "configmap/game created\n"
                                  << "" << 0 << "get cm game -o name"
                                  << "configmap/game\n";
    refused("another value", "create cm game --dry-run=maybe",
            "error: Invalid dry-run value (maybe). Must be \"none\", \"server\", or \"client\".\n");
}

void TestCreateConfig::listAndDescribe_data()
{
    columns();
    const QStringList created = {
        "create cm game --from-literal=a=1 --from-file=logo.png",
        "create secret generic s --from-literal=password=s3cr3t --from-literal=user=admin"};
    QTest::newRow("get configmaps: data and binaryData counted") << created << "get configmaps game"
                                                                 << "NAME   DATA   AGE\ngame   2      0s\n"
                                                                 << "" << 0 << ""
                                                                 << "";
    QTest::newRow("get secrets") << created << "get secrets"
                                 << "NAME   TYPE     DATA   AGE\ns      Opaque   2      0s\n"
                                 << "" << 0 << ""
                                 << "";
    QTest::newRow("get serviceaccounts") << none << "get serviceaccounts"
                                         << "NAME      SECRETS   AGE\ndefault   0         0s\n"
                                         << "" << 0 << ""
                                         << "";
    QTest::newRow("describe secret: sizes, not values")
        << created << "describe secret s"
        << "Name:         s\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\n\nType:  "
           "Opaque\n\n"
           "Data\n====\npassword:  6 bytes\nuser:      5 bytes\n"
        << "" << 0 << ""
        << "";
    QTest::newRow("describe configmap")
        << created << "describe configmap game"
        << "Name:         game\nNamespace:    default\nLabels:       <none>\nAnnotations:  "
           "<none>\n\nData\n====\n"
           "a:\n----\n1\n\n\nBinaryData\n====\nlogo.png: 10 bytes\n\nEvents:  <none>\n"
        << "" << 0 << ""
        << "";
}

void TestCreateConfig::run()
{
    QFETCH(QStringList, before);
    QFETCH(QString, command);
    sim::Cluster cluster = sim::Cluster::withDefaultNodes(1);
    sim::kubectl::Session session;
    session.directory = PODLAB_SOURCE_DIR "/tests/sim/kubectl/data/createconfig";
    sim::kubectl::Kubectl kubectl(cluster, session);
    for (const QString& c : before)
        QCOMPARE(kubectl.run(c.toStdString()).exitCode, 0);
    verifyOutcome(kubectl.run(command.toStdString()),
                  [&](const QString& q) { return kubectl.run(q.toStdString()); });
}

QTEST_APPLESS_MAIN(TestCreateConfig)
#include "tst_createconfig.moc"
