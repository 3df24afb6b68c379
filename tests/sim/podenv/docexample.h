#pragma once

#include "manifest/manifestreader.h"

#include <QString>
#include <QTest>

#include <variant>

// One object of a Kubernetes documentation example (the shared k8s-doc-examples corpus), as `kubectl apply`
// creates it: defaulted, validated, in the default namespace. A file that does not read fails the test.
template <class T>
T docExample(const QString& file, int index = 0)
{
    const QString path = QStringLiteral(PODLAB_SHARED_DIR "/k8s-doc-examples/") + file;
    const podlab::manifest::ReadResult r = podlab::manifest::readManifestFile(path.toStdString());
    if (!r.ok() || int(r.objects.size()) <= index ||
        !std::holds_alternative<T>(r.objects[size_t(index)].object)) {
        QTest::qFail(qPrintable("cannot read " + path), __FILE__, __LINE__);
        return T{};
    }
    T object = std::get<T>(r.objects[size_t(index)].object);
    if (object.metadata.namespace_.empty())
        object.metadata.namespace_ = "default";
    return object;
}
