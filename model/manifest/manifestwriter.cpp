#include "manifestwriter.h"

#include "schemas.h"
#include "writer.h"

namespace podlab::manifest {

api::Value encodeObject(const api::Object& object)
{
    return std::visit(
        [](const auto& o) {
            using T = std::decay_t<decltype(o)>;
            api::Value v = Codec<T>::encode(o);
            v.insert("apiVersion", T::kApiVersion);
            v.insert("kind", T::kKind);
            return v;
        },
        object);
}

std::string writeObject(const api::Object& object, OutputFormat format)
{
    const api::Value v = encodeObject(object);
    return format == OutputFormat::Yaml ? toYaml(v) : toJson(v);
}

std::string writeList(const std::vector<api::Object>& objects, OutputFormat format)
{
    api::Value::Array items;
    items.reserve(objects.size());
    for (const api::Object& o : objects)
        items.push_back(encodeObject(o));
    api::Value list = api::Value::Object{};
    list.insert("apiVersion", "v1");
    list.insert("items", std::move(items));
    list.insert("kind", "List");
    api::Value metadata = api::Value::Object{};
    metadata.insert("resourceVersion", "");
    list.insert("metadata", std::move(metadata));
    return format == OutputFormat::Yaml ? toYaml(list) : toJson(list);
}

} // namespace podlab::manifest
