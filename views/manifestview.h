#pragma once

#include "manifest/manifestreader.h"

#include <QWidget>

class QSplitter;
class QTabWidget;

namespace podlab {

class CodeEditor;
class ValidationView;

// A manifest shown read-only beside what the API server would make of it: the text with its problems marked,
// the objects as the API server would store them (defaults filled in), and the verdict, whose rows lead back
// into the text.
class ManifestView : public QWidget {
    Q_OBJECT
public:
    explicit ManifestView(QWidget* parent = nullptr);

    // Reads and validates `bytes` as the API server would on create; `fileName` names it in the view and in
    // diagnostics.
    void showManifest(const QByteArray& bytes, const QString& fileName);
    const manifest::ReadResult& result() const { return m_result; }
    QString fileName() const { return m_fileName; }

    // Readable from the back of a classroom; the application's View ▸ Zoom changes it.
    static constexpr int kDefaultTextPointSize = 14;
    int textPointSize() const { return m_textPointSize; }
    void setTextPointSize(int points);

protected:
    void changeEvent(QEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;

private:
    void retranslateUi();
    void fitValidationPane();
    void showPosition(int line, int column);

    QTabWidget* m_tabs;
    CodeEditor* m_source;
    CodeEditor* m_stored;
    ValidationView* m_validation;
    QSplitter* m_splitter;
    manifest::ReadResult m_result;
    QString m_fileName;
    int m_textPointSize = 0;
    bool m_paneSizedByUser = false; // until the next manifest, keep the splitter where the user put it
};

} // namespace podlab
