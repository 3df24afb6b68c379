#pragma once

#include <QList>
#include <QObject>
#include <QString>

#include <memory>

class QTranslator;

namespace podlab {

// The languages PodLab speaks, and the translators that make the running application speak one of them.
// Installing a translator makes Qt send every widget a LanguageChange event, on which it words itself again.
class LanguageSwitcher : public QObject {
    Q_OBJECT
public:
    struct Language {
        QString code;       // as in the .qm file names: "en", "zh_CN"
        QString nativeName; // the language named in itself, so anyone can find theirs whatever is showing now
    };

    explicit LanguageSwitcher(QObject* parent = nullptr);
    ~LanguageSwitcher() override;

    static QList<Language> languages();
    // The language to use for a user whose preferences are `uiLanguages` (as QLocale::uiLanguages() gives
    // them, best first): the first one PodLab has, else English.
    static QString bestLanguage(const QStringList& uiLanguages);

    // Installs PodLab's translation for `code` and Qt's own (standard buttons and dialogs) where the system
    // has it. Returns false, changing nothing, for a language PodLab does not have.
    bool switchTo(const QString& code);
    QString current() const { return m_current; }

private:
    // Installed in the application while they live (QTranslator removes itself when destroyed).
    std::unique_ptr<QTranslator> m_podlab;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current;
};

} // namespace podlab
