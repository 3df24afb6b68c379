#pragma once

#include "manifest/manifestreader.h"

#include <QList>
#include <QWidget>

class QLabel;
class QListWidget;
class QListWidgetItem;

namespace podlab {

// What the API server would say about a manifest: a one-line verdict, then one row per problem (positioned)
// or per valid object. Activating a row reports its position, so the caller can show it in the text.
class ValidationView : public QWidget {
    Q_OBJECT
public:
    enum class Status { Valid, Warning, Error }; // in order of severity

    explicit ValidationView(QWidget* parent = nullptr);

    void setResult(const manifest::ReadResult& result);
    Status status() const;
    void setTextPointSize(int points);
    // The height that shows the verdict and every row without scrolling, at `width`.
    int preferredHeight(int width) const;

signals:
    // 1-based, as in diagnostics.
    void positionActivated(int line, int column);

protected:
    void changeEvent(QEvent* event) override;

private:
    // One row, kept as data so that a change of language can word it again.
    struct Entry {
        Status status = Status::Error;
        int line = 0;
        int column = 0;
        QString path;    // errors and warnings: the field, e.g. spec.containers[0].image
        QString message; // errors and warnings: the API server's words, untranslated like kubectl's output
        QString kind;    // valid objects
        QString name;
    };

    void retranslateUi();
    QString textOf(const Entry& entry) const;
    void activate(QListWidgetItem* item);

    QLabel* m_icon;
    QLabel* m_summary;
    QWidget* m_banner;
    QListWidget* m_list;
    QList<Entry> m_entries;
};

} // namespace podlab
