// Writer: YAML and JSON laid out as `kubectl get -o yaml` / `-o json` lay them out (go-yaml v2 and Go's
// encoding/json behind kubectl's printers).
#ifndef Q_MOC_RUN
#include "manifest/writer.h"
#endif

#include "manifesttesting.h"

#include <QTest>

using namespace podlab;
using api::Value;

namespace {

Value obj(std::initializer_list<std::pair<const char*, Value>> members)
{
    Value v = Value(Value::Object{});
    for (const auto& [k, m] : members)
        v.insert(k, m);
    return v;
}

Value arr(std::initializer_list<Value> items) { return Value(Value::Array(items)); }

QString yaml(const Value& v) { return QString::fromStdString(manifest::toYaml(v)); }
QString json(const Value& v) { return QString::fromStdString(manifest::toJson(v)); }

const char* const kLongText = "This is a long description of a pod, written by someone who likes to explain things "
                              "at length, well past the eightieth column of the line.";

} // namespace

Q_DECLARE_METATYPE(api::Value)

class WriterTest : public QObject {
    Q_OBJECT

private slots:
    void yamlLayout_data();
    void yamlLayout();
    void yamlStrings_data();
    void yamlStrings();
    void jsonLayout_data();
    void jsonLayout();
    void dryRunPod();
    void list();
};

void WriterTest::yamlLayout_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("keys in natural order") << obj({{"b", 1}, {"a10", 1}, {"a2", 1}, {"B", 1}})
                                           << "B: 1\na2: 1\na10: 1\nb: 1\n";
    QTest::newRow("apiVersion kind metadata spec status")
        << obj({{"status", obj({})}, {"spec", obj({})}, {"metadata", obj({})}, {"kind", "Pod"}, {"apiVersion", "v1"}})
        << "apiVersion: v1\nkind: Pod\nmetadata: {}\nspec: {}\nstatus: {}\n";
    QTest::newRow("list items not indented under their key")
        << obj({{"containers", arr({obj({{"name", "web"}, {"image", "nginx"}})})}})
        << "containers:\n- image: nginx\n  name: web\n";
    QTest::newRow("nested mappings indent by two")
        << obj({{"metadata", obj({{"labels", obj({{"app", "web"}})}})}}) << "metadata:\n  labels:\n    app: web\n";
    QTest::newRow("list inside a list item")
        << obj({{"containers", arr({obj({{"name", "c"}, {"args", arr({"a", "b"})}})})}})
        << "containers:\n- args:\n  - a\n  - b\n  name: c\n";
    QTest::newRow("list of lists") << obj({{"a", arr({arr({1, 2}), arr({3})})}}) << "a:\n- - 1\n  - 2\n- - 3\n";
    QTest::newRow("empty mapping and list") << obj({{"a", obj({})}, {"b", arr({})}}) << "a: {}\nb: []\n";
    QTest::newRow("null") << obj({{"creationTimestamp", Value()}}) << "creationTimestamp: null\n";
    QTest::newRow("booleans and numbers")
        << obj({{"ready", false}, {"count", int64_t(-3)}, {"ratio", 1.5}, {"big", int64_t(9007199254740993LL)}})
        << "big: 9007199254740993\ncount: -3\nratio: 1.5\nready: false\n";
    QTest::newRow("list of scalars") << arr({"a", 1, true}) << "- a\n- 1\n- true\n";
    QTest::newRow("scalar document") << Value("text") << "text\n";
}

void WriterTest::yamlLayout()
{
    QFETCH(Value, value);
    QFETCH(QString, expected);
    QCOMPARE(yaml(value), expected);
}

void WriterTest::yamlStrings_data()
{
    QTest::addColumn<QString>("string");
    QTest::addColumn<QString>("written"); // as the value of key `v`
    QTest::newRow("plain word") << "nginx" << "v: nginx\n";
    QTest::newRow("plain with inner spaces and quotes") << "it's a \"test\"" << "v: it's a \"test\"\n";
    QTest::newRow("number-like is double-quoted") << "80" << "v: \"80\"\n";
    QTest::newRow("boolean-like true") << "true" << "v: \"true\"\n";
    QTest::newRow("YAML 1.1 boolean yes") << "yes" << "v: \"yes\"\n";
    QTest::newRow("YAML 1.1 boolean on") << "on" << "v: \"on\"\n";
    QTest::newRow("YAML 1.1 boolean n") << "n" << "v: \"n\"\n";
    QTest::newRow("null-like") << "null" << "v: \"null\"\n";
    QTest::newRow("tilde") << "~" << "v: \"~\"\n";
    QTest::newRow("empty") << "" << "v: \"\"\n";
    QTest::newRow("octal-like") << "0644" << "v: \"0644\"\n";
    QTest::newRow("hex-like") << "0x1F" << "v: \"0x1F\"\n";
    QTest::newRow("float-like") << "1e3" << "v: \"1e3\"\n";
    QTest::newRow("infinity-like") << ".inf" << "v: \".inf\"\n";
    QTest::newRow("timestamp") << "2026-01-01T10:00:00Z" << "v: \"2026-01-01T10:00:00Z\"\n";
    QTest::newRow("date") << "2026-01-01" << "v: \"2026-01-01\"\n";
    QTest::newRow("base 60 number") << "12:30" << "v: \"12:30\"\n";
    QTest::newRow("leading space is single-quoted") << " x" << "v: ' x'\n";
    QTest::newRow("trailing space is single-quoted") << "x " << "v: 'x '\n";
    QTest::newRow("colon and space") << "key: value" << "v: 'key: value'\n";
    QTest::newRow("starts like a comment") << "# note" << "v: '# note'\n";
    QTest::newRow("hash after a space") << "a #b" << "v: 'a #b'\n";
    QTest::newRow("hash without a space stays plain") << "a#b" << "v: a#b\n";
    QTest::newRow("starts with a dash and space") << "- x" << "v: '- x'\n";
    QTest::newRow("starts with an indicator") << "*star" << "v: '*star'\n";
    QTest::newRow("flow indicator first") << "[x]" << "v: '[x]'\n";
    QTest::newRow("single quote first") << "'q'" << "v: '''q'''\n";
    QTest::newRow("document marker") << "---" << "v: '---'\n";
    QTest::newRow("unicode stays as it is") << "ünïcödé ✓" << "v: ünïcödé ✓\n";
    QTest::newRow("literal block") << "line 1\nline 2\n" << "v: |\n  line 1\n  line 2\n";
    QTest::newRow("literal block without final newline") << "a\nb" << "v: |-\n  a\n  b\n";
    QTest::newRow("literal block keeping newlines") << "a\n\n" << "v: |+\n  a\n\n";
    QTest::newRow("literal block with leading space") << " a\nb\n" << "v: |2\n   a\n  b\n";
    QTest::newRow("literal block with an empty line") << "a\n\nb\n" << "v: |\n  a\n\n  b\n";
    QTest::newRow("space before a line break is double-quoted") << "a \nb" << "v: \"a \\nb\"\n";
    QTest::newRow("tab is double-quoted") << "\tx" << "v: \"\\tx\"\n";
    QTest::newRow("control character escaped") << "bell\x07" << "v: \"bell\\a\"\n";
    QTest::newRow("long text folded past column 80")
        << kLongText
        // go-yaml breaks at the first space once the line is past column 80, not before it.
        << "v: This is a long description of a pod, written by someone who likes to explain things\n"
           "  at length, well past the eightieth column of the line.\n";
    QTest::newRow("long word is not broken") << QString(100, 'x') << "v: " + QString(100, 'x') + "\n";
}

void WriterTest::yamlStrings()
{
    QFETCH(QString, string);
    QFETCH(QString, written);
    const Value v = obj({{"v", Value(string.toStdString())}});
    QCOMPARE(yaml(v), written);
    // And it reads back as the same string.
    const manifest::ReadResult r = testing::read("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  " +
                                                     written.left(written.size() - 1).replace("\n", "\n  ").replace("v:", "k:") +
                                                     "\n",
                                                 testing::rawReading());
    QCOMPARE(testing::errorsOf(r), QStringList{});
    QCOMPARE(QString::fromStdString(std::get<api::ConfigMap>(r.objects.at(0).object).data.at("k")), string);
}

void WriterTest::jsonLayout_data()
{
    QTest::addColumn<Value>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("four-space indent, keys in byte order")
        << obj({{"b", 1}, {"a10", 1}, {"a2", 1}, {"B", 1}})
        << "{\n    \"B\": 1,\n    \"a10\": 1,\n    \"a2\": 1,\n    \"b\": 1\n}\n";
    QTest::newRow("nested")
        << obj({{"spec", obj({{"containers", arr({obj({{"name", "web"}})})}})}})
        << "{\n    \"spec\": {\n        \"containers\": [\n            {\n                \"name\": \"web\"\n"
           "            }\n        ]\n    }\n}\n";
    QTest::newRow("empty object and array") << obj({{"a", obj({})}, {"b", arr({})}})
                                            << "{\n    \"a\": {},\n    \"b\": []\n}\n";
    QTest::newRow("HTML characters escaped") << obj({{"a", "<b>&</b>"}})
                                             << "{\n    \"a\": \"\\u003cb\\u003e\\u0026\\u003c/b\\u003e\"\n}\n";
    QTest::newRow("control characters") << obj({{"a", "x\n\t\"\\\x01"}})
                                        << "{\n    \"a\": \"x\\n\\t\\\"\\\\\\u0001\"\n}\n";
    QTest::newRow("scalars") << obj({{"n", Value()}, {"t", true}, {"i", int64_t(-7)}, {"f", 0.25}})
                             << "{\n    \"f\": 0.25,\n    \"i\": -7,\n    \"n\": null,\n    \"t\": true\n}\n";
    QTest::newRow("unicode as it is") << obj({{"a", "ü ✓"}}) << "{\n    \"a\": \"ü ✓\"\n}\n";
    QTest::newRow("line separator escaped") << obj({{"a", "x\u2028y"}}) << "{\n    \"a\": \"x\\u2028y\"\n}\n";
}

void WriterTest::jsonLayout()
{
    QFETCH(Value, value);
    QFETCH(QString, expected);
    QCOMPARE(json(value), expected);
}

// `kubectl create --dry-run=client -o yaml` of a Pod: the object after defaulting, before the server adds its
// fields.
void WriterTest::dryRunPod()
{
    manifest::ReadOptions options;
    options.validate = false;
    const manifest::ReadResult r = testing::read("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels:\n"
                                                 "    app: web\nspec:\n  containers:\n  - name: web\n    image: nginx\n"
                                                 "    ports:\n    - containerPort: 80\n",
                                                 options);
    QCOMPARE(testing::errorsOf(r), QStringList{});
    QCOMPARE(QString::fromStdString(manifest::writeObject(r.objects.at(0).object, manifest::OutputFormat::Yaml)),
             QString("apiVersion: v1\n"
                     "kind: Pod\n"
                     "metadata:\n"
                     "  creationTimestamp: null\n"
                     "  labels:\n"
                     "    app: web\n"
                     "  name: web\n"
                     "spec:\n"
                     "  containers:\n"
                     "  - image: nginx\n"
                     "    imagePullPolicy: Always\n"
                     "    name: web\n"
                     "    ports:\n"
                     "    - containerPort: 80\n"
                     "      protocol: TCP\n"
                     "    resources: {}\n"
                     "    terminationMessagePath: /dev/termination-log\n"
                     "    terminationMessagePolicy: File\n"
                     "  dnsPolicy: ClusterFirst\n"
                     "  enableServiceLinks: true\n"
                     "  restartPolicy: Always\n"
                     "  schedulerName: default-scheduler\n"
                     "  securityContext: {}\n"
                     "  terminationGracePeriodSeconds: 30\n"
                     "status: {}\n"));
    QCOMPARE(QString::fromStdString(manifest::writeObject(r.objects.at(0).object, manifest::OutputFormat::Json)),
             QString("{\n"
                     "    \"apiVersion\": \"v1\",\n"
                     "    \"kind\": \"Pod\",\n"
                     "    \"metadata\": {\n"
                     "        \"creationTimestamp\": null,\n"
                     "        \"labels\": {\n"
                     "            \"app\": \"web\"\n"
                     "        },\n"
                     "        \"name\": \"web\"\n"
                     "    },\n"
                     "    \"spec\": {\n"
                     "        \"containers\": [\n"
                     "            {\n"
                     "                \"image\": \"nginx\",\n"
                     "                \"imagePullPolicy\": \"Always\",\n"
                     "                \"name\": \"web\",\n"
                     "                \"ports\": [\n"
                     "                    {\n"
                     "                        \"containerPort\": 80,\n"
                     "                        \"protocol\": \"TCP\"\n"
                     "                    }\n"
                     "                ],\n"
                     "                \"resources\": {},\n"
                     "                \"terminationMessagePath\": \"/dev/termination-log\",\n"
                     "                \"terminationMessagePolicy\": \"File\"\n"
                     "            }\n"
                     "        ],\n"
                     "        \"dnsPolicy\": \"ClusterFirst\",\n"
                     "        \"enableServiceLinks\": true,\n"
                     "        \"restartPolicy\": \"Always\",\n"
                     "        \"schedulerName\": \"default-scheduler\",\n"
                     "        \"securityContext\": {},\n"
                     "        \"terminationGracePeriodSeconds\": 30\n"
                     "    },\n"
                     "    \"status\": {}\n"
                     "}\n"));
}

void WriterTest::list()
{
    api::ConfigMap a;
    a.metadata.name = "a";
    a.data = {{"x", "1"}};
    api::ServiceAccount b;
    b.metadata.name = "b";
    QCOMPARE(QString::fromStdString(manifest::writeList({a, b}, manifest::OutputFormat::Yaml)),
             QString("apiVersion: v1\n"
                     "items:\n"
                     "- apiVersion: v1\n"
                     "  data:\n"
                     "    x: \"1\"\n"
                     "  kind: ConfigMap\n"
                     "  metadata:\n"
                     "    creationTimestamp: null\n"
                     "    name: a\n"
                     "- apiVersion: v1\n"
                     "  kind: ServiceAccount\n"
                     "  metadata:\n"
                     "    creationTimestamp: null\n"
                     "    name: b\n"
                     "kind: List\n"
                     "metadata:\n"
                     "  resourceVersion: \"\"\n"));
}

QTEST_APPLESS_MAIN(WriterTest)
#include "tst_writer.moc"
