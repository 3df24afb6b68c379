#include "manifestview.h"

#include "codeeditor.h"
#include "validationview.h"
#include "yamlhighlighter.h"

#include "manifest/manifestwriter.h"

#include <QEvent>
#include <QSplitter>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace podlab {

namespace {

CodeEditor* newEditor(const QString& objectName)
{
    auto* editor = new CodeEditor;
    editor->setObjectName(objectName);
    new YamlHighlighter(editor->document());
    return editor;
}

} // namespace

ManifestView::ManifestView(QWidget* parent)
    : QWidget(parent), m_tabs(new QTabWidget), m_source(newEditor(QStringLiteral("source"))),
      m_stored(newEditor(QStringLiteral("stored"))), m_validation(new ValidationView),
      m_splitter(new QSplitter(Qt::Vertical))
{
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->addTab(m_source, QString());
    m_tabs->addTab(m_stored, QString());
    m_validation->setObjectName(QStringLiteral("validation"));

    m_splitter->addWidget(m_tabs);
    m_splitter->addWidget(m_validation);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    m_splitter->setChildrenCollapsible(false);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_splitter);

    connect(m_splitter, &QSplitter::splitterMoved, this, [this] { m_paneSizedByUser = true; });
    connect(m_validation, &ValidationView::positionActivated, this, &ManifestView::showPosition);
    setTextPointSize(kDefaultTextPointSize);
    retranslateUi();
}

void ManifestView::showManifest(const QByteArray& bytes, const QString& fileName)
{
    m_fileName = fileName;
    m_result = manifest::readManifests(std::string_view(bytes.constData(), size_t(bytes.size())),
                                       fileName.toStdString());

    m_source->setPlainText(QString::fromUtf8(bytes));
    QList<CodeEditor::Marker> markers;
    for (const manifest::Diagnostic& d : m_result.diagnostics) {
        if (d.line > 0)
            markers.append(
                {d.isError() ? CodeEditor::Marker::Severity::Error : CodeEditor::Marker::Severity::Warning,
                 d.line, d.column});
    }
    m_source->setMarkers(markers);

    // As `kubectl get -o yaml` would print each object after creating it; several are separate documents.
    std::string stored;
    for (const manifest::ManifestObject& o : m_result.objects) {
        if (!stored.empty())
            stored += "---\n";
        stored += manifest::writeObject(o.object, manifest::OutputFormat::Yaml);
    }
    m_stored->setPlainText(QString::fromStdString(stored));
    m_tabs->setTabEnabled(m_tabs->indexOf(m_stored), !m_result.objects.empty());
    m_tabs->setCurrentWidget(m_source);

    m_validation->setResult(m_result);
    retranslateUi();
    m_paneSizedByUser = false;
    fitValidationPane();
}

void ManifestView::setTextPointSize(int points)
{
    m_textPointSize = points;
    m_source->setTextPointSize(points);
    m_stored->setTextPointSize(points);
    m_validation->setTextPointSize(points);
    QFont f = m_tabs->tabBar()->font();
    f.setPointSize(qMax(points - 2, 9));
    m_tabs->tabBar()->setFont(f);
    fitValidationPane();
}

void ManifestView::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    if (!m_paneSizedByUser)
        fitValidationPane();
}

// The verdict gets the room it needs, up to two fifths of the height: a valid manifest keeps nearly all of
// it, and a broken one shows its problems without scrolling when they fit.
void ManifestView::fitValidationPane()
{
    const int total = m_splitter->height() - m_splitter->handleWidth();
    if (total <= 0 || m_paneSizedByUser)
        return;
    const int wanted = qMin(m_validation->preferredHeight(m_splitter->width()), total * 2 / 5);
    m_splitter->setSizes({total - wanted, wanted});
}

void ManifestView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void ManifestView::retranslateUi()
{
    const int source = m_tabs->indexOf(m_source);
    const int stored = m_tabs->indexOf(m_stored);
    m_tabs->setTabText(source, m_fileName.isEmpty() ? tr("Manifest") : tr("%1 (read-only)").arg(m_fileName));
    m_tabs->setTabToolTip(source, tr("The manifest as written. Problems are marked on their lines."));
    m_tabs->setTabText(stored, tr("As Stored, with Defaults"));
    m_tabs->setTabToolTip(stored, m_result.objects.empty()
                                      ? tr("Nothing to show: the API server would store no object from this "
                                           "manifest.")
                                      : tr("The objects as the API server would store them, every default "
                                           "filled in: what kubectl get -o yaml shows."));
}

void ManifestView::showPosition(int line, int column)
{
    m_tabs->setCurrentWidget(m_source);
    m_source->goTo(line, column);
}

} // namespace podlab
