#include "validationview.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPainter>
#include <QPainterPath>
#include <QStyledItemDelegate>

#include <algorithm>

namespace podlab {

namespace {

constexpr int kLineRole = Qt::UserRole;
constexpr int kColumnRole = Qt::UserRole + 1;

struct Colours {
    QColor mark;       // icons and the banner's edge
    QColor text;       // the row's and the banner's text
    QColor background; // the banner
};

Colours coloursOf(ValidationView::Status s)
{
    switch (s) {
    case ValidationView::Status::Valid:
        return {QColor(0x2e, 0x7d, 0x32), QColor(0x1b, 0x5e, 0x20), QColor(0xe8, 0xf5, 0xe9)};
    case ValidationView::Status::Warning:
        return {QColor(0xb2, 0x6a, 0x00), QColor(0x7a, 0x48, 0x00), QColor(0xff, 0xf4, 0xdc)};
    case ValidationView::Status::Error:
        break;
    }
    return {QColor(0xc6, 0x28, 0x28), QColor(0x9a, 0x1b, 0x1b), QColor(0xfd, 0xec, 0xea)};
}

// Drawn rather than taken from the style, which has no such icons on every platform (offscreen, Fusion).
QIcon statusIcon(ValidationView::Status s, int size)
{
    const qreal ratio = 2.0;
    QPixmap pixmap(QSize(size, size) * ratio);
    pixmap.setDevicePixelRatio(ratio);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(Qt::NoPen);
    p.setBrush(coloursOf(s).mark);
    p.drawEllipse(QRectF(1, 1, size - 2, size - 2));
    QPen pen(Qt::white, size / 8.0, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin);
    p.setPen(pen);
    const qreal u = size / 24.0;
    switch (s) {
    case ValidationView::Status::Valid: {
        QPainterPath tick;
        tick.moveTo(7 * u, 12.5 * u);
        tick.lineTo(10.5 * u, 16 * u);
        tick.lineTo(17 * u, 8.5 * u);
        p.setBrush(Qt::NoBrush);
        p.drawPath(tick);
        break;
    }
    case ValidationView::Status::Warning:
        p.drawLine(QPointF(12 * u, 6.5 * u), QPointF(12 * u, 13.5 * u));
        p.drawPoint(QPointF(12 * u, 17.5 * u));
        break;
    case ValidationView::Status::Error:
        p.drawLine(QPointF(8 * u, 8 * u), QPointF(16 * u, 16 * u));
        p.drawLine(QPointF(16 * u, 8 * u), QPointF(8 * u, 16 * u));
        break;
    }
    return QIcon(pixmap);
}

// Draws a row as its icon, a bold first line (where, or the verdict) and the rest of the text (the API
// server's message) below it, both wrapped to the list's width: QListView's own wrapping elides multi-line
// rows.
class RowDelegate : public QStyledItemDelegate {
public:
    explicit RowDelegate(QListWidget* list) : QStyledItemDelegate(list), m_list(list) {}

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override
    {
        painter->save();
        if (option.state & QStyle::State_Selected)
            painter->fillRect(option.rect, QColor(0xdd, 0xe9, 0xfb));
        else if (option.state & QStyle::State_MouseOver)
            painter->fillRect(option.rect, QColor(0xf3, 0xf6, 0xfa));
        painter->setPen(QColor(0xe1, 0xe4, 0xe8));
        painter->drawLine(option.rect.bottomLeft(), option.rect.bottomRight());

        const Layout l = layout(option.rect.width(), index);
        const QPoint origin = option.rect.topLeft();
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        icon.paint(painter, QRect(origin + l.icon.topLeft(), l.icon.size()));
        painter->setPen(index.data(Qt::ForegroundRole).value<QColor>());
        painter->setFont(headingFont());
        painter->drawText(l.heading.translated(origin), Qt::TextWordWrap, l.headingText);
        painter->setFont(m_list->font());
        painter->drawText(l.body.translated(origin), Qt::TextWordWrap, l.bodyText);
        painter->restore();
    }

    QSize sizeHint(const QStyleOptionViewItem&, const QModelIndex& index) const override
    {
        const int width = m_list->viewport()->width();
        return QSize(width, heightFor(width, index));
    }

    int heightFor(int width, const QModelIndex& index) const { return layout(width, index).height; }

private:
    struct Layout {
        QRect icon, heading, body;
        QString headingText, bodyText;
        int height = 0;
    };

    QFont headingFont() const
    {
        QFont f = m_list->font();
        f.setBold(true);
        return f;
    }

    Layout layout(int width, const QModelIndex& index) const
    {
        const int pad = QFontMetrics(m_list->font()).height() / 3;
        const int iconSize = m_list->iconSize().width();
        const QString text = index.data(Qt::DisplayRole).toString();
        const qsizetype newline = text.indexOf(QLatin1Char('\n'));
        Layout l;
        l.headingText = text.left(newline);
        l.bodyText = newline < 0 ? QString() : text.mid(newline + 1);
        const int x = pad * 2 + iconSize;
        const int textWidth = qMax(width - x - pad * 2, 50);
        const QRect unbounded(0, 0, textWidth, 1 << 20);
        const int headingHeight =
            QFontMetrics(headingFont()).boundingRect(unbounded, Qt::TextWordWrap, l.headingText).height();
        const int bodyHeight =
            l.bodyText.isEmpty()
                ? 0
                : QFontMetrics(m_list->font()).boundingRect(unbounded, Qt::TextWordWrap, l.bodyText).height();
        // Centred on the first line, whose height depends on the fonts it falls back to (CJK ones are
        // taller).
        const int firstLineHeight =
            QFontMetrics(headingFont()).boundingRect(unbounded, Qt::TextSingleLine, l.headingText).height();
        l.icon = QRect(pad, pad + (firstLineHeight - iconSize) / 2, iconSize, iconSize);
        l.heading = QRect(x, pad, textWidth, headingHeight);
        l.body = QRect(x, pad + headingHeight, textWidth, bodyHeight);
        l.height = pad * 2 + headingHeight + bodyHeight + 1;
        return l;
    }

    QListWidget* m_list;
};

} // namespace

ValidationView::ValidationView(QWidget* parent)
    : QWidget(parent), m_icon(new QLabel), m_summary(new QLabel), m_banner(new QWidget),
      m_list(new QListWidget)
{
    m_summary->setObjectName(QStringLiteral("summary"));
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);
    m_banner->setObjectName(QStringLiteral("banner"));
    m_banner->setAttribute(Qt::WA_StyledBackground);
    auto* bannerLayout = new QHBoxLayout(m_banner);
    bannerLayout->setContentsMargins(14, 8, 14, 8);
    bannerLayout->setSpacing(12);
    bannerLayout->addWidget(m_icon, 0, Qt::AlignVCenter);
    bannerLayout->addWidget(m_summary, 1);

    m_list->setObjectName(QStringLiteral("problems"));
    m_list->setWordWrap(true);
    m_list->setResizeMode(QListView::Adjust);
    m_list->setVerticalScrollMode(QAbstractItemView::ScrollPerPixel);
    // Rows wrap to the width instead: an API server message can be longer than any screen is wide.
    m_list->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setItemDelegate(new RowDelegate(m_list));
    m_list->setMouseTracking(true);
    m_list->viewport()->setCursor(Qt::PointingHandCursor);
    connect(m_list, &QListWidget::itemClicked, this, &ValidationView::activate);
    connect(m_list, &QListWidget::itemActivated, this, &ValidationView::activate);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_list, 1);
    retranslateUi();
}

void ValidationView::setResult(const manifest::ReadResult& result)
{
    m_entries.clear();
    for (const manifest::Diagnostic& d : result.diagnostics) {
        m_entries.append({d.isError() ? Status::Error : Status::Warning,
                          d.line,
                          d.column,
                          QString::fromStdString(d.path),
                          QString::fromStdString(d.message),
                          {},
                          {}});
    }
    for (const manifest::ManifestObject& o : result.objects) {
        m_entries.append({Status::Valid,
                          o.line,
                          o.column,
                          {},
                          {},
                          QString::fromLatin1(api::kindOf(o.object)),
                          QString::fromStdString(api::metadataOf(o.object).name)});
    }
    // File order, as a reader meets them; problems before the verdict on the object they belong to.
    std::stable_sort(m_entries.begin(), m_entries.end(),
                     [](const Entry& a, const Entry& b) { return a.line < b.line; });
    retranslateUi();
}

ValidationView::Status ValidationView::status() const
{
    Status worst = Status::Valid;
    bool anyValid = false;
    for (const Entry& e : m_entries) {
        worst = std::max(worst, e.status);
        anyValid = anyValid || e.status == Status::Valid;
    }
    // A file with nothing in it is no error, but nothing to be pleased about either (kubectl apply refuses
    // it).
    return worst == Status::Valid && !anyValid ? Status::Warning : worst;
}

void ValidationView::setTextPointSize(int points)
{
    QFont f = font();
    f.setPointSize(points);
    m_list->setFont(f);
    f.setBold(true);
    m_summary->setFont(f);
    retranslateUi();
}

int ValidationView::preferredHeight(int width) const
{
    int height = m_banner->layout()->totalHeightForWidth(width) + 2 * m_list->frameWidth();
    const auto* delegate = static_cast<const RowDelegate*>(m_list->itemDelegate());
    for (int row = 0; row < m_list->count(); ++row)
        height += delegate->heightFor(width, m_list->model()->index(row, 0));
    return height;
}

void ValidationView::changeEvent(QEvent* event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

QString ValidationView::textOf(const Entry& e) const
{
    if (e.status == Status::Valid)
        return tr("Line %1: %2 “%3” is valid").arg(e.line).arg(e.kind, e.name);
    QString where;
    if (e.line > 0)
        where = e.column > 0 ? tr("Line %1, column %2").arg(e.line).arg(e.column) : tr("Line %1").arg(e.line);
    if (!e.path.isEmpty())
        where = where.isEmpty() ? e.path : tr("%1: %2", "position: field path").arg(where, e.path);
    return where.isEmpty() ? e.message : where + QLatin1Char('\n') + e.message;
}

void ValidationView::retranslateUi()
{
    int errors = 0;
    int warnings = 0;
    int valid = 0;
    for (const Entry& e : m_entries) {
        errors += e.status == Status::Error;
        warnings += e.status == Status::Warning;
        valid += e.status == Status::Valid;
    }
    QString summary;
    if (errors > 0)
        summary = tr("The API server would reject this manifest: %n problem(s).", nullptr, errors);
    else if (valid > 0)
        summary = tr("Valid: the API server would accept %n object(s).", nullptr, valid);
    else
        summary = tr("This file holds no Kubernetes objects.");
    if (warnings > 0)
        summary += QLatin1Char(' ') + tr("%n warning(s).", nullptr, warnings);

    const Status worst = status();
    const Colours c = coloursOf(worst);
    m_summary->setText(summary);
    const int iconSize = QFontMetrics(m_summary->font()).height();
    m_icon->setPixmap(statusIcon(worst, iconSize).pixmap(iconSize, iconSize));
    m_banner->setStyleSheet(QStringLiteral("#banner { background: %1; border-left: 6px solid %2; }"
                                           "#summary { color: %3; }")
                                .arg(c.background.name(), c.mark.name(), c.text.name()));

    m_list->setToolTip(tr("Problems are worded as the Kubernetes API server words them, so they match "
                          "what kubectl prints. Click one to see it in the manifest."));
    const int rowIconSize = QFontMetrics(m_list->font()).height();
    m_list->setIconSize(QSize(rowIconSize, rowIconSize));
    m_list->clear();
    for (const Entry& e : m_entries) {
        auto* item = new QListWidgetItem(statusIcon(e.status, rowIconSize), textOf(e), m_list);
        item->setForeground(coloursOf(e.status).text);
        item->setData(kLineRole, e.line);
        item->setData(kColumnRole, e.column);
    }
}

void ValidationView::activate(QListWidgetItem* item)
{
    const int line = item->data(kLineRole).toInt();
    if (line > 0)
        emit positionActivated(line, item->data(kColumnRole).toInt());
}

} // namespace podlab
