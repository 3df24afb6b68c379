// The ServiceAccount admission plugin's token mount: when the kube-api-access volume is added, and where.
#include "sim/cluster/serviceaccountadmission.h"

#include "sim/controllers/tokenscontroller.h"
#include "sim/core/timerqueue.h"
#include "sim/store/store.h"

#include <QTest>

using namespace podlab;
using namespace podlab::sim;

namespace {

api::Container container(const char* name, const char* ownMountPath = nullptr)
{
    api::Container c;
    c.name = name;
    c.image = "busybox";
    if (ownMountPath)
        c.volumeMounts.push_back(api::VolumeMount{"own", false, std::nullopt, ownMountPath, "", std::nullopt, ""});
    return c;
}

// "volumes | init mounts | app mounts": the volume names, and each container's mounts as name@path(ro).
QString render(const api::Pod& pod)
{
    QStringList volumes;
    for (const api::Volume& v : pod.spec.volumes)
        volumes << QString::fromStdString(v.name);
    auto mounts = [](const api::SharedVector<api::Container>& containers) {
        QStringList out;
        for (const api::Container& c : containers) {
            QStringList m;
            for (const api::VolumeMount& vm : c.volumeMounts)
                m << QString::fromStdString(vm.name + "@" + vm.mountPath) + (vm.readOnly ? "(ro)" : "");
            out << QString::fromStdString(c.name) + "=" + m.join(',');
        }
        return out.join(' ');
    };
    return volumes.join(',') + " | " + mounts(pod.spec.initContainers) + " | " + mounts(pod.spec.containers);
}

} // namespace

class TestServiceAccountAdmission : public QObject {
    Q_OBJECT
private slots:
    void automount_data()
    {
        QTest::addColumn<int>("podSetting");     // -1 unset, 0 false, 1 true
        QTest::addColumn<int>("accountSetting"); // likewise
        QTest::addColumn<bool>("mounted");
        QTest::newRow("both unset: on") << -1 << -1 << true;
        QTest::newRow("account off") << -1 << 0 << false;
        QTest::newRow("pod off") << 0 << -1 << false;
        QTest::newRow("pod on beats account off") << 1 << 0 << true;
        QTest::newRow("pod off beats account on") << 0 << 1 << false;
    }
    void automount()
    {
        QFETCH(int, podSetting);
        QFETCH(int, accountSetting);
        QFETCH(bool, mounted);
        api::Pod pod;
        if (podSetting >= 0)
            pod.spec.automountServiceAccountToken = podSetting == 1;
        api::ServiceAccount account;
        if (accountSetting >= 0)
            account.automountServiceAccountToken = accountSetting == 1;
        QCOMPARE(ServiceAccountAdmission::shouldAutomount(account, pod), mounted);
    }

    void mountToken_data()
    {
        QTest::addColumn<api::Pod>("pod");
        QTest::addColumn<QString>("expected");
        const QString kPath = ServiceAccountAdmission::kMountPath;

        api::Pod one;
        one.spec.containers.push_back(container("app"));
        QTest::newRow("one container")
            << one << "kube-api-access-rns9p |  | app=kube-api-access-rns9p@" + kPath + "(ro)";

        api::Pod withInit = one;
        withInit.spec.initContainers.push_back(container("setup"));
        withInit.spec.containers.push_back(container("sidecar"));
        QTest::newRow("init containers too")
            << withInit
            << "kube-api-access-rns9p | setup=kube-api-access-rns9p@" + kPath + "(ro) | app=kube-api-access-rns9p@" +
                   kPath + "(ro) sidecar=kube-api-access-rns9p@" + kPath + "(ro)";

        api::Pod ownMount;
        ownMount.spec.containers.push_back(container("app", ServiceAccountAdmission::kMountPath));
        ownMount.spec.containers.push_back(container("other"));
        QTest::newRow("a container's own mount at the path is kept")
            << ownMount << "kube-api-access-rns9p |  | app=own@" + kPath + " other=kube-api-access-rns9p@" + kPath + "(ro)";

        api::Pod allOwn;
        allOwn.spec.containers.push_back(container("app", ServiceAccountAdmission::kMountPath));
        QTest::newRow("nobody needs it: no volume") << allOwn << " |  | app=own@" + kPath;

        api::Pod existing = one;
        existing.spec.volumes.push_back(ServiceAccountAdmission::tokenVolume("kube-api-access-abcde"));
        QTest::newRow("an existing kube-api-access volume is reused")
            << existing << "kube-api-access-abcde |  | app=kube-api-access-abcde@" + kPath + "(ro)";
    }
    void mountToken()
    {
        QFETCH(api::Pod, pod);
        QFETCH(QString, expected);
        Store store;
        TimerQueue timers;
        Random random(1);
        const ClusterConfig config;
        ClusterContext ctx{store, timers, random, config, 0};
        ServiceAccountAdmission::mountToken(pod, ctx);
        QCOMPARE(render(pod), expected);
    }

    // The classic profile (1.11–1.12): the account's token Secret as a secret volume named after it; no token
    // referenced yet (the tokens controller has not made it) refuses the pod as that API server did.
    void mountSecretToken_data()
    {
        QTest::addColumn<api::Pod>("pod");
        QTest::addColumn<QString>("tokenSecret"); // "" none; "other" a token of another account
        QTest::addColumn<QString>("expected");
        const QString kPath = ServiceAccountAdmission::kMountPath;

        api::Pod one;
        one.spec.containers.push_back(container("app"));
        QTest::newRow("the referenced token") << one << "default-token-x7k2q"
                                              << "default-token-x7k2q |  | app=default-token-x7k2q@" + kPath + "(ro)";
        QTest::newRow("a dotted Secret name makes a dashed volume")
            << one << "default.token.x7k2q" << "default-token-x7k2q |  | app=default-token-x7k2q@" + kPath + "(ro)";
        api::Pod clash = one;
        clash.spec.volumes.push_back(api::Volume{});
        clash.spec.volumes.mut().back().name = "default-token-x7k2q";
        QTest::newRow("a volume of that name already: a suffix")
            << clash << "default-token-x7k2q"
            << "default-token-x7k2q,default-token-x7k2q-rns9p |  | app=default-token-x7k2q-rns9p@" + kPath + "(ro)";
        QTest::newRow("no token yet")
            << one << ""
            << "ServerTimeout: No API token found for service account \"default\", retry after the token is "
               "automatically created and added to the service account";
        QTest::newRow("a referenced Secret that is another account's token")
            << one << "other"
            << "ServerTimeout: No API token found for service account \"default\", retry after the token is "
               "automatically created and added to the service account";
    }
    void mountSecretToken()
    {
        QFETCH(api::Pod, pod);
        QFETCH(QString, tokenSecret);
        QFETCH(QString, expected);
        Store store;
        TimerQueue timers;
        Random random(1);
        const ClusterConfig config = ClusterConfig::forProfile(VersionProfile::Classic);
        ClusterContext ctx{store, timers, random, config, 0};
        api::ServiceAccount account;
        account.metadata.name = "default";
        account.metadata.namespace_ = "default";
        account.metadata.uid = "0c5a3a4e-0000-4000-8000-000000000001";
        if (!tokenSecret.isEmpty()) {
            api::Secret secret;
            secret.metadata.name = tokenSecret == "other" ? "robot-token-abcde" : tokenSecret.toStdString();
            secret.metadata.namespace_ = "default";
            secret.type = TokensController::kSecretType;
            secret.metadata.annotations[TokensController::kNameAnnotation] = tokenSecret == "other" ? "robot" : "default";
            secret.metadata.annotations[TokensController::kUidAnnotation] = account.metadata.uid;
            api::ObjectReference ref;
            ref.name = secret.metadata.name;
            account.secrets.push_back(ref);
            store.put(std::move(secret));
        }
        const auto problem = ServiceAccountAdmission::mountSecretToken(pod, account, ctx);
        QCOMPARE(problem ? QString::fromStdString(problem->reason + ": " + problem->message) : render(pod), expected);
        if (!problem) {
            QCOMPARE(QString::fromStdString(pod.spec.volumes.back().secret->secretName), tokenSecret);
            QCOMPARE(pod.spec.volumes.back().secret->defaultMode.value_or(0), 0644);
        }
    }

    void tokenVolumeIsWhatAdmissionInjects()
    {
        const api::Volume v = ServiceAccountAdmission::tokenVolume("kube-api-access-xyz12");
        QVERIFY(v.projected.has_value());
        QCOMPARE(v.projected->defaultMode.value_or(0), 0644);
        QCOMPARE(v.projected->sources.size(), size_t(3));
        QCOMPARE(v.projected->sources[0].serviceAccountToken->expirationSeconds.value_or(0), int64_t(3607));
        QCOMPARE(QString::fromStdString(v.projected->sources[0].serviceAccountToken->path), QString("token"));
        QCOMPARE(QString::fromStdString(v.projected->sources[1].configMap->name), QString("kube-root-ca.crt"));
        QCOMPARE(QString::fromStdString(v.projected->sources[1].configMap->items.at(0).path), QString("ca.crt"));
        QCOMPARE(QString::fromStdString(v.projected->sources[2].downwardAPI->items.at(0).fieldRef->fieldPath),
                 QString("metadata.namespace"));
    }
};

Q_DECLARE_METATYPE(podlab::api::Pod)

QTEST_APPLESS_MAIN(TestServiceAccountAdmission)
#include "tst_serviceaccountadmission.moc"
