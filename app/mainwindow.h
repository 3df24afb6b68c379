#pragma once

#include <QMainWindow>

class QAction;
class QActionGroup;
class QMenu;

namespace podlab {

class LanguageSwitcher;
class ManifestView;

// PodLab's window: for now one manifest, read-only, with what the API server would say about it. Settings
// (language, text size, geometry, last folder) are read here on construction and written as they change.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    // Shows a manifest file; on failure says why in a message box and returns false.
    bool openManifest(const QString& path);
    void showExample();
    // "en" or "zh_CN" (see LanguageSwitcher::languages()); remembered for the next start.
    void setLanguage(const QString& code);
    QString language() const;

protected:
    void changeEvent(QEvent* event) override;
    void closeEvent(QCloseEvent* event) override;

private:
    void createMenus();
    void retranslateUi();
    void readSettings();
    void chooseManifest();
    void zoomBy(int points);
    void showAbout();
    void showBytes(const QByteArray& bytes, const QString& fileName);

    LanguageSwitcher* m_languages;
    ManifestView* m_view;
    QMenu* m_fileMenu = nullptr;
    QMenu* m_viewMenu = nullptr;
    QMenu* m_languageMenu = nullptr;
    QMenu* m_helpMenu = nullptr;
    QAction* m_openAction = nullptr;
    QAction* m_exampleAction = nullptr;
    QAction* m_quitAction = nullptr;
    QAction* m_zoomInAction = nullptr;
    QAction* m_zoomOutAction = nullptr;
    QAction* m_zoomResetAction = nullptr;
    QAction* m_aboutAction = nullptr;
    QAction* m_aboutQtAction = nullptr;
    QActionGroup* m_languageGroup = nullptr;
};

} // namespace podlab
