#include "mainwindow.h"

#include "languageswitcher.h"
#include "manifestview.h"

#include "manifest/yamldocument.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>

namespace podlab {

namespace {

const QString kExample = QStringLiteral(":/examples/liveness-exec.yaml");
constexpr int kMinPointSize = 8;
constexpr int kMaxPointSize = 48;

// Settings keys, all used in this file only.
const QString kLanguageKey = QStringLiteral("language");
const QString kTextSizeKey = QStringLiteral("view/textPointSize");
const QString kGeometryKey = QStringLiteral("window/geometry");
const QString kLastFolderKey = QStringLiteral("files/lastFolder");

} // namespace

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent), m_languages(new LanguageSwitcher(this)), m_view(new ManifestView)
{
    m_view->setObjectName(QStringLiteral("manifestView"));
    setCentralWidget(m_view);
    createMenus();
    readSettings();
    retranslateUi();
    showExample();
}

MainWindow::~MainWindow() = default;

void MainWindow::createMenus()
{
    m_openAction = new QAction(this);
    m_openAction->setShortcut(QKeySequence::Open);
    connect(m_openAction, &QAction::triggered, this, &MainWindow::chooseManifest);
    m_exampleAction = new QAction(this);
    connect(m_exampleAction, &QAction::triggered, this, &MainWindow::showExample);
    m_quitAction = new QAction(this);
    m_quitAction->setShortcut(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(QStringLiteral("fileMenu"));
    m_fileMenu->addAction(m_openAction);
    m_fileMenu->addAction(m_exampleAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_zoomInAction = new QAction(this);
    // Ctrl+= too: on most keyboards Ctrl++ needs Shift.
    m_zoomInAction->setShortcuts({QKeySequence::ZoomIn, QKeySequence(Qt::CTRL | Qt::Key_Equal)});
    connect(m_zoomInAction, &QAction::triggered, this, [this] { zoomBy(2); });
    m_zoomOutAction = new QAction(this);
    m_zoomOutAction->setShortcut(QKeySequence::ZoomOut);
    connect(m_zoomOutAction, &QAction::triggered, this, [this] { zoomBy(-2); });
    m_zoomResetAction = new QAction(this);
    m_zoomResetAction->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    connect(m_zoomResetAction, &QAction::triggered, this,
            [this] { zoomBy(ManifestView::kDefaultTextPointSize - m_view->textPointSize()); });

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(QStringLiteral("viewMenu"));
    m_viewMenu->addAction(m_zoomInAction);
    m_viewMenu->addAction(m_zoomOutAction);
    m_viewMenu->addAction(m_zoomResetAction);
    m_viewMenu->addSeparator();
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->setObjectName(QStringLiteral("languageMenu"));
    m_languageGroup = new QActionGroup(this);
    m_languageGroup->setExclusive(true);
    for (const LanguageSwitcher::Language& language : LanguageSwitcher::languages()) {
        QAction* action = m_languageMenu->addAction(language.nativeName);
        action->setCheckable(true);
        action->setData(language.code);
        m_languageGroup->addAction(action);
    }
    connect(m_languageGroup, &QActionGroup::triggered, this,
            [this](QAction* action) { setLanguage(action->data().toString()); });

    m_aboutAction = new QAction(this);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAbout);
    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(QStringLiteral("helpMenu"));
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);
}

void MainWindow::retranslateUi()
{
    setWindowTitle(m_view->fileName().isEmpty()
                       ? tr("PodLab")
                       : tr("%1 — PodLab", "file name — application").arg(m_view->fileName()));
    m_fileMenu->setTitle(tr("&File"));
    m_openAction->setText(tr("&Open Manifest…"));
    m_exampleAction->setText(tr("Show the &Example"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    m_zoomInAction->setText(tr("Zoom &In"));
    m_zoomOutAction->setText(tr("Zoom &Out"));
    m_zoomResetAction->setText(tr("&Actual Size"));
    m_languageMenu->setTitle(tr("&Language"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About PodLab"));
    m_aboutQtAction->setText(tr("About &Qt"));
}

void MainWindow::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QMainWindow::changeEvent(event);
}

void MainWindow::readSettings()
{
    QSettings settings;
    QString language = settings.value(kLanguageKey).toString();
    if (!m_languages->switchTo(language))
        m_languages->switchTo(LanguageSwitcher::bestLanguage(QLocale::system().uiLanguages()));
    for (QAction* action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == m_languages->current());

    m_view->setTextPointSize(qBound(kMinPointSize,
                                    settings.value(kTextSizeKey, ManifestView::kDefaultTextPointSize).toInt(),
                                    kMaxPointSize));
    if (!restoreGeometry(settings.value(kGeometryKey).toByteArray()))
        resize(1280, 800);
}

void MainWindow::closeEvent(QCloseEvent* event)
{
    QSettings settings;
    settings.setValue(kGeometryKey, saveGeometry());
    event->accept();
}

void MainWindow::setLanguage(const QString& code)
{
    if (!m_languages->switchTo(code))
        return;
    QSettings().setValue(kLanguageKey, code);
    for (QAction* action : m_languageGroup->actions())
        action->setChecked(action->data().toString() == code);
}

QString MainWindow::language() const
{
    return m_languages->current();
}

void MainWindow::showExample()
{
    QFile file(kExample);
    if (!file.open(QIODevice::ReadOnly)) {
        // Only a broken build gets here: the example is compiled in.
        QMessageBox::critical(this, tr("PodLab"), tr("The bundled example is missing from this build."));
        return;
    }
    showBytes(file.readAll(), QFileInfo(kExample).fileName());
}

bool MainWindow::openManifest(const QString& path)
{
    QFile file(path);
    const QString name = QFileInfo(path).fileName();
    const qint64 limit = qint64(manifest::YamlLimits().maxFileBytes);
    QString error;
    if (!file.open(QIODevice::ReadOnly))
        error = file.errorString();
    else if (file.size() > limit)
        error = QString::fromStdString(manifest::fileTooLargeMessage(size_t(file.size()), size_t(limit)));
    if (!error.isEmpty()) {
        QMessageBox::warning(this, tr("Open Manifest"), tr("Cannot open %1:\n%2").arg(name, error));
        return false;
    }
    showBytes(file.readAll(), name);
    return true;
}

void MainWindow::showBytes(const QByteArray& bytes, const QString& fileName)
{
    m_view->showManifest(bytes, fileName);
    retranslateUi();
}

void MainWindow::chooseManifest()
{
    QSettings settings;
    const QString folder =
        settings.value(kLastFolderKey, QStandardPaths::writableLocation(QStandardPaths::HomeLocation))
            .toString();
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Manifest"), folder, tr("Kubernetes manifests (*.yaml *.yml *.json);;All files (*)"));
    if (path.isEmpty())
        return;
    settings.setValue(kLastFolderKey, QFileInfo(path).absolutePath());
    openManifest(path);
}

void MainWindow::zoomBy(int points)
{
    const int size = qBound(kMinPointSize, m_view->textPointSize() + points, kMaxPointSize);
    m_view->setTextPointSize(size);
    QSettings().setValue(kTextSizeKey, size);
}

void MainWindow::showAbout()
{
    QMessageBox::about(
        this, tr("About PodLab"),
        tr("<h2>PodLab %1</h2>"
           "<p>A Kubernetes cluster in a bottle, for teaching.</p>"
           "<p>PodLab reads manifests as the Kubernetes API server does: it checks them, shows each problem "
           "where it is, and shows the objects as the API server would store them, defaults filled in. "
           "Nothing here touches a real cluster.</p>"
           "<p>Built with Qt %2, running on Qt %3.</p>")
            .arg(QCoreApplication::applicationVersion().toHtmlEscaped(), QStringLiteral(QT_VERSION_STR),
                 QString::fromLatin1(qVersion())));
}

} // namespace podlab
