#include "languageswitcher.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace podlab {

LanguageSwitcher::LanguageSwitcher(QObject* parent) : QObject(parent) {}

LanguageSwitcher::~LanguageSwitcher() = default;

QList<LanguageSwitcher::Language> LanguageSwitcher::languages()
{
    return {{QStringLiteral("en"), QStringLiteral("English")},
            {QStringLiteral("zh_CN"), QStringLiteral("简体中文")}};
}

QString LanguageSwitcher::bestLanguage(const QStringList& uiLanguages)
{
    for (const QString& name : uiLanguages) {
        const QLocale locale(name);
        if (locale.language() == QLocale::English)
            return QStringLiteral("en");
        // Simplified Chinese is the only Chinese PodLab has; a reader of traditional script who also listed
        // another language gets that one.
        if (locale.language() == QLocale::Chinese && locale.script() != QLocale::TraditionalHanScript)
            return QStringLiteral("zh_CN");
    }
    return QStringLiteral("en");
}

bool LanguageSwitcher::switchTo(const QString& code)
{
    auto podlab = std::make_unique<QTranslator>();
    if (!podlab->load(QStringLiteral(":/i18n/podlab_%1.qm").arg(code)))
        return false;
    auto qt = std::make_unique<QTranslator>();
    if (!qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
                  QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qt.reset();

    m_podlab = std::move(podlab);
    m_qt = std::move(qt);
    QCoreApplication::installTranslator(m_podlab.get());
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    m_current = code;
    return true;
}

} // namespace podlab
