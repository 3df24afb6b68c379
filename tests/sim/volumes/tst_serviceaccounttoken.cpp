#include "sim/volumes/serviceaccounttoken.h"

#include <QTest>

#include <set>

using namespace podlab::sim;

namespace {

constexpr int64_t kNow = 1772155600400; // 2026-02-27 01:26:40.4 UTC; JWT times cut to 1772155600

TokenRequest podRequest(std::vector<std::string> audiences, int64_t seconds)
{
    TokenRequest r;
    r.namespace_ = "default";
    r.serviceAccount = {"default", "574de009-425a-464d-b830-f9c73dc58fde"};
    r.pod = {"nginx", "08f33520-aea2-4589-af1a-e9283ebcc68b"};
    r.node = TokenObjectRef{"node-1", "21ccd822-fa5c-4c4c-8653-d88148412cf5"};
    r.audiences = std::move(audiences);
    r.expirationSeconds = seconds;
    return r;
}

QStringList parts(const std::string& token)
{
    return QString::fromStdString(token).split('.');
}

} // namespace

class TestServiceAccountToken : public QObject {
    Q_OBJECT

private slots:
    void payloadJson();
    void roundTrip();
    void deterministic();
    void lifetimes_data();
    void lifetimes();
    void maximumShortensAndWarns();
    void decodeErrors_data();
    void decodeErrors();
    void decodesSingleAudienceString();
    void refreshAfter_data();
    void refreshAfter();
    void requiresRefreshBoundaries();
    void jitterIsWholeSecondsBelowTen();
};

void TestServiceAccountToken::payloadJson()
{
    TokenClaims c;
    c.audiences = {"https://kubernetes.default.svc.cluster.local"};
    c.issuedAt = c.notBefore = 1772155600;
    c.expiry = 1803691600;
    c.issuer = "https://kubernetes.default.svc.cluster.local";
    c.id = "f2e06ac1-2404-43b4-ab2a-c7fd513106d8";
    c.subject = "system:serviceaccount:slp-squid:default";
    c.namespace_ = "slp-squid";
    c.node = TokenObjectRef{"shop-worker", "21ccd822-fa5c-4c4c-8653-d88148412cf5"};
    c.pod = TokenObjectRef{"evm-db-5d7d5454fb-mkz9n", "08f33520-aea2-4589-af1a-e9283ebcc68b"};
    c.serviceAccount = {"default", "574de009-425a-464d-b830-f9c73dc58fde"};
    c.warnAfter = 1772159207;
    // The layout of a real token from an admission-injected volume: keys sorted at every level.
    QCOMPARE(
        QString::fromStdString(c.toJson()),
        QString(
            "{\"aud\":[\"https://kubernetes.default.svc.cluster.local\"],\"exp\":1803691600,"
            "\"iat\":1772155600,\"iss\":\"https://kubernetes.default.svc.cluster.local\","
            "\"jti\":\"f2e06ac1-2404-43b4-ab2a-c7fd513106d8\",\"kubernetes.io\":{\"namespace\":\"slp-squid\","
            "\"node\":{\"name\":\"shop-worker\",\"uid\":\"21ccd822-fa5c-4c4c-8653-d88148412cf5\"},"
            "\"pod\":{\"name\":\"evm-db-5d7d5454fb-mkz9n\",\"uid\":\"08f33520-aea2-4589-af1a-e9283ebcc68b\"},"
            "\"serviceaccount\":{\"name\":\"default\",\"uid\":\"574de009-425a-464d-b830-f9c73dc58fde\"},"
            "\"warnafter\":1772159207},\"nbf\":1772155600,\"sub\":\"system:serviceaccount:slp-squid:"
            "default\"}"));
}

void TestServiceAccountToken::roundTrip()
{
    const TokenIssuerSettings settings;
    Random random(9);
    const IssuedToken issued =
        ServiceAccountToken::issue(podRequest({"vault"}, 7200), kNow, settings, random);
    const QStringList p = parts(issued.token);
    QCOMPARE(p.size(), 3);
    QVERIFY2(!QString::fromStdString(issued.token).contains('=') && !issued.token.empty(),
             "unpadded base64url");
    // {"alg":"RS256","kid":"… — every Kubernetes token starts the same way.
    QVERIFY(p[0].startsWith("eyJhbGciOiJSUzI1NiIsImtpZCI6"));
    QCOMPARE(p[2].size(), 342); // 256 signature bytes

    const Outcome<DecodedToken> decoded = ServiceAccountToken::decode(issued.token);
    QVERIFY2(decoded.ok(), decoded.error.c_str());
    QCOMPARE(decoded.value.algorithm, std::string("RS256"));
    QCOMPARE(decoded.value.keyId, ServiceAccountToken::keyId(settings));
    QCOMPARE(decoded.value.keyId.size(), size_t(43));
    QCOMPARE(decoded.value.headerJson, "{\"alg\":\"RS256\",\"kid\":\"" + decoded.value.keyId + "\"}");
    QCOMPARE(decoded.value.payloadJson, issued.claims.toJson());
    QVERIFY(decoded.value.claims == issued.claims);

    const TokenClaims& c = decoded.value.claims;
    QCOMPARE(c.audiences, std::vector<std::string>{"vault"});
    QCOMPARE(c.issuedAt, int64_t(1772155600));
    QCOMPARE(c.notBefore, c.issuedAt);
    QCOMPARE(c.expiry, c.issuedAt + 7200);
    QCOMPARE(c.issuer, std::string("https://kubernetes.default.svc.cluster.local"));
    QCOMPARE(c.subject, std::string("system:serviceaccount:default:default"));
    QCOMPARE(c.namespace_, std::string("default"));
    QCOMPARE(c.pod->name, std::string("nginx"));
    QCOMPARE(c.node->name, std::string("node-1"));
    QCOMPARE(c.serviceAccount.uid, std::string("574de009-425a-464d-b830-f9c73dc58fde"));
    QVERIFY(!c.warnAfter);
    QCOMPARE(c.id.size(), size_t(36));
}

void TestServiceAccountToken::deterministic()
{
    const TokenIssuerSettings settings;
    Random a(4), b(4);
    const IssuedToken x = ServiceAccountToken::issue(podRequest({}, 3607), kNow, settings, a);
    const IssuedToken y = ServiceAccountToken::issue(podRequest({}, 3607), kNow, settings, b);
    QCOMPARE(x.token, y.token);
    // Another pod: other claims, another signature.
    TokenRequest other = podRequest({}, 3607);
    other.pod.name = "nginx-2";
    Random c(4);
    const IssuedToken z = ServiceAccountToken::issue(other, kNow, settings, c);
    QVERIFY(parts(z.token)[2] != parts(x.token)[2]);
    TokenIssuerSettings otherKey;
    otherKey.keySeed = "another cluster";
    QVERIFY(ServiceAccountToken::keyId(otherKey) != ServiceAccountToken::keyId(settings));
}

void TestServiceAccountToken::lifetimes_data()
{
    QTest::addColumn<QStringList>("audiences");
    QTest::addColumn<qint64>("requested");
    QTest::addColumn<bool>("extend");
    QTest::addColumn<qint64>("jwtLifetime");
    QTest::addColumn<qint64>("warnAfter"); // seconds after iat; -1 for none
    QTest::addColumn<QStringList>("tokenAudiences");
    const QString api = "https://kubernetes.default.svc.cluster.local";
    QTest::newRow("admission-injected 3607 s: a year, warn after 3607 s")
        << QStringList{} << qint64(3607) << true << qint64(31536000) << qint64(3607) << QStringList{api};
    QTest::newRow("3607 s for the API server named explicitly")
        << QStringList{api} << qint64(3607) << true << qint64(31536000) << qint64(3607) << QStringList{api};
    QTest::newRow("3607 s for another audience: not extended")
        << QStringList{"vault"} << qint64(3607) << true << qint64(3607) << qint64(-1) << QStringList{"vault"};
    QTest::newRow("extension switched off")
        << QStringList{} << qint64(3607) << false << qint64(3607) << qint64(-1) << QStringList{api};
    QTest::newRow("projection default 3600 s")
        << QStringList{} << qint64(3600) << true << qint64(3600) << qint64(-1) << QStringList{api};
    QTest::newRow("docs vault token 7200 s")
        << QStringList{"vault"} << qint64(7200) << true << qint64(7200) << qint64(-1) << QStringList{"vault"};
}

void TestServiceAccountToken::lifetimes()
{
    QFETCH(QStringList, audiences);
    QFETCH(qint64, requested);
    QFETCH(bool, extend);
    QFETCH(qint64, jwtLifetime);
    QFETCH(qint64, warnAfter);
    QFETCH(QStringList, tokenAudiences);
    TokenIssuerSettings settings;
    settings.extendExpiration = extend;
    std::vector<std::string> auds;
    for (const QString& a : audiences)
        auds.push_back(a.toStdString());
    Random random(1);
    const IssuedToken t = ServiceAccountToken::issue(podRequest(auds, requested), kNow, settings, random);
    const TokenClaims& c = t.claims;
    QCOMPARE(c.expiry - c.issuedAt, jwtLifetime);
    QCOMPARE(c.warnAfter ? *c.warnAfter - c.issuedAt : qint64(-1), warnAfter);
    QStringList got;
    for (const std::string& a : c.audiences)
        got << QString::fromStdString(a);
    QCOMPARE(got, tokenAudiences);
    // The TokenRequest status keeps the requested lifetime: that is what the kubelet renews by.
    QCOMPARE(t.expirationSeconds, requested);
    QCOMPARE(t.expirationTimestampMs, (c.issuedAt + requested) * 1000);
    QVERIFY(t.warnings.empty());
}

void TestServiceAccountToken::maximumShortensAndWarns()
{
    TokenIssuerSettings settings;
    settings.maxExpirationSeconds = 86400;
    Random random(2);
    const IssuedToken t = ServiceAccountToken::issue(podRequest({"vault"}, 172800), kNow, settings, random);
    QCOMPARE(t.expirationSeconds, int64_t(86400));
    QCOMPARE(t.claims.expiry - t.claims.issuedAt, int64_t(86400));
    QCOMPARE(t.warnings,
             std::vector<std::string>{"requested expiration of 172800 seconds shortened to 86400 seconds"});
}

void TestServiceAccountToken::decodeErrors_data()
{
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("error");
    QTest::newRow("two parts") << "eyJhbGciOiJSUzI1NiJ9.e30"
                               << "square/go-jose: compact JWS format must have three parts";
    QTest::newRow("four parts") << "a.b.c.d"
                                << "square/go-jose: compact JWS format must have three parts";
    QTest::newRow("padding") << "eyJhbGciOiJSUzI1NiJ9.e30=.AAAA"
                             << "illegal base64 data in token";
    QTest::newRow("not JSON") << "bm90IGpzb24.e30.AAAA"
                              << "invalid JSON in token header";
}

void TestServiceAccountToken::decodeErrors()
{
    QFETCH(QString, token);
    QFETCH(QString, error);
    QCOMPARE(QString::fromStdString(ServiceAccountToken::decode(token.toStdString()).error), error);
}

void TestServiceAccountToken::decodesSingleAudienceString()
{
    // {"alg":"RS256"} . {"aud":"vault","exp":2,"iat":1,"sub":"x"} . a
    const Outcome<DecodedToken> d = ServiceAccountToken::decode(
        "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ2YXVsdCIsImV4cCI6MiwiaWF0IjoxLCJzdWIiOiJ4In0.YQ");
    QVERIFY2(d.ok(), d.error.c_str());
    QCOMPARE(d.value.claims.audiences, std::vector<std::string>{"vault"});
    QCOMPARE(d.value.claims.expiry, int64_t(2));
    QCOMPARE(d.value.claims.subject, std::string("x"));
    QVERIFY(!d.value.claims.pod);
}

void TestServiceAccountToken::refreshAfter_data()
{
    QTest::addColumn<qint64>("seconds");
    QTest::addColumn<int>("jitter");
    QTest::addColumn<qint64>("afterIssue"); // seconds after iat
    QTest::newRow("docs vault token: 80 % of 7200 s") << qint64(7200) << 0 << qint64(5760);
    QTest::newRow("7200 s, largest jitter") << qint64(7200) << 9 << qint64(5751);
    QTest::newRow("admission 3607 s: 20 % rounds down to 721 s") << qint64(3607) << 0 << qint64(2886);
    QTest::newRow("default 3600 s") << qint64(3600) << 3 << qint64(2877);
    QTest::newRow("48 h token: the 24 h cap") << qint64(172800) << 0 << qint64(86400);
    QTest::newRow("48 h token with jitter") << qint64(172800) << 5 << qint64(86395);
    QTest::newRow("30 h token: 80 % is 24 h exactly") << qint64(108000) << 0 << qint64(86400);
    QTest::newRow("minimum 600 s") << qint64(600) << 0 << qint64(480);
}

void TestServiceAccountToken::refreshAfter()
{
    QFETCH(qint64, seconds);
    QFETCH(int, jitter);
    QFETCH(qint64, afterIssue);
    const int64_t issued = 1772155600000;
    const int64_t expiration = issued + seconds * 1000;
    QCOMPARE(ServiceAccountToken::refreshAfterMs(expiration, seconds, jitter), issued + afterIssue * 1000);
}

void TestServiceAccountToken::requiresRefreshBoundaries()
{
    const int64_t issued = 1772155600000;
    const int64_t expiration = issued + 7200000;
    const int64_t due = issued + 5760000;
    QVERIFY(!ServiceAccountToken::requiresRefresh(issued, expiration, 7200, 0));
    QVERIFY(!ServiceAccountToken::requiresRefresh(due, expiration, 7200, 0));
    QVERIFY(ServiceAccountToken::requiresRefresh(due + 1, expiration, 7200, 0));
    QVERIFY(ServiceAccountToken::requiresRefresh(due - 9000 + 1, expiration, 7200, 9));
    QVERIFY2(ServiceAccountToken::requiresRefresh(issued - 1, expiration, 7200, 0), "issued in the future");
}

void TestServiceAccountToken::jitterIsWholeSecondsBelowTen()
{
    Random random(12);
    std::set<int> seen;
    for (int i = 0; i < 500; ++i) {
        const int j = ServiceAccountToken::refreshJitterSeconds(random);
        QVERIFY(j >= 0 && j <= 9);
        seen.insert(j);
    }
    QCOMPARE(seen.size(), size_t(10));
}

QTEST_APPLESS_MAIN(TestServiceAccountToken)
#include "tst_serviceaccounttoken.moc"
