#pragma once

// Small helpers shared by the manifest suites: read a manifest from text and list its problems in the form
// "line:col path: message", which is what a user sees (minus the file name).
#ifndef Q_MOC_RUN
#include "manifest/manifestreader.h"
#endif

#include <QString>

#include <algorithm>
#include <QStringList>

namespace podlab::testing {

inline QString describe(const manifest::Diagnostic& d)
{
    QString s = QStringLiteral("%1:%2 ").arg(d.line).arg(d.column);
    if (!d.path.empty())
        s += QString::fromStdString(d.path) + QStringLiteral(": ");
    return s + QString::fromStdString(d.message);
}

inline QStringList describe(const manifest::Diagnostics& ds, manifest::Diagnostic::Severity severity)
{
    QStringList out;
    for (const manifest::Diagnostic& d : ds)
        if (d.severity == severity)
            out << describe(d);
    return out;
}

inline QStringList errorsOf(const manifest::ReadResult& r)
{
    return describe(r.diagnostics, manifest::Diagnostic::Severity::Error);
}

inline QStringList warningsOf(const manifest::ReadResult& r)
{
    return describe(r.diagnostics, manifest::Diagnostic::Severity::Warning);
}

inline manifest::ReadResult read(const QString& yaml, manifest::ReadOptions options = {})
{
    const QByteArray bytes = yaml.toUtf8();
    return manifest::readManifests(std::string_view(bytes.constData(), size_t(bytes.size())), "test.yaml", options);
}

inline manifest::ReadOptions rawReading()
{
    manifest::ReadOptions options;
    options.applyDefaults = false;
    options.validate = false;
    return options;
}

} // namespace podlab::testing

#ifndef Q_MOC_RUN
#include "manifest/manifestwriter.h"
#endif

namespace podlab::testing {

// A Value as compact JSON, keys in byte order (for comparing small parts of an encoded object).
inline QString compact(const api::Value& v)
{
    switch (v.type()) {
    case api::Value::Type::Null:
        return "null";
    case api::Value::Type::Bool:
        return v.asBool() ? "true" : "false";
    case api::Value::Type::Int:
        return QString::number(v.asInt());
    case api::Value::Type::Float:
        return QString::number(v.asFloat());
    case api::Value::Type::String:
        return '"' + QString::fromStdString(v.asString()) + '"';
    case api::Value::Type::Array: {
        QStringList items;
        for (const api::Value& item : v.asArray())
            items << compact(item);
        return '[' + items.join(',') + ']';
    }
    case api::Value::Type::Object: {
        std::vector<std::pair<std::string, const api::Value*>> members;
        for (const auto& [k, m] : v.asObject())
            members.emplace_back(k, &m);
        std::sort(members.begin(), members.end(), [](auto& a, auto& b) { return a.first < b.first; });
        QStringList items;
        for (const auto& [k, m] : members)
            items << '"' + QString::fromStdString(k) + "\":" + compact(*m);
        return '{' + items.join(',') + '}';
    }
    }
    return {};
}

// The value at a path such as "spec.containers[0].ports[0].protocol" or "metadata.labels[app.kubernetes.io/name]"
// in an encoded object, as compact JSON; "<absent>" if there is none.
inline QString valueAt(const api::Value& root, const QString& path)
{
    const api::Value* v = &root;
    int i = 0;
    while (i < path.size() && v) {
        if (path[i] == '.') {
            ++i;
            continue;
        }
        if (path[i] == '[') {
            const int close = path.indexOf(']', i);
            const QString segment = path.mid(i + 1, close - i - 1);
            i = close + 1;
            bool numeric = false;
            const int index = segment.toInt(&numeric);
            if (numeric && v->isArray())
                v = size_t(index) < v->asArray().size() ? &v->asArray()[size_t(index)] : nullptr;
            else
                v = v->find(segment.toStdString());
            continue;
        }
        int end = i;
        while (end < path.size() && path[end] != '.' && path[end] != '[')
            ++end;
        v = v->find(path.mid(i, end - i).toStdString());
        i = end;
    }
    return v ? compact(*v) : QStringLiteral("<absent>");
}

} // namespace podlab::testing
