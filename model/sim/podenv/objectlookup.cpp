#include "objectlookup.h"

namespace podlab::sim {

namespace {

// apimachinery's NewNotFound: `<resource> "<name>" not found`.
std::string notFound(std::string_view resource, std::string_view name)
{
    std::string out(resource);
    out += " \"";
    out += name;
    out += "\" not found";
    return out;
}

} // namespace

std::string ObjectLookup::configMapNotFound(std::string_view name) const
{
    return notFound(fetch == ObjectFetch::Watch ? "configmap" : "configmaps", name);
}

std::string ObjectLookup::secretNotFound(std::string_view name) const
{
    return notFound(fetch == ObjectFetch::Watch ? "secret" : "secrets", name);
}

ObjectLookup ObjectLookup::over(const std::map<std::string, api::ConfigMap, std::less<>>& configMaps,
                                const std::map<std::string, api::Secret, std::less<>>& secrets)
{
    ObjectLookup lookup;
    lookup.configMap = [&configMaps](std::string_view name) -> const api::ConfigMap* {
        const auto it = configMaps.find(name);
        return it == configMaps.end() ? nullptr : &it->second;
    };
    lookup.secret = [&secrets](std::string_view name) -> const api::Secret* {
        const auto it = secrets.find(name);
        return it == secrets.end() ? nullptr : &it->second;
    };
    return lookup;
}

} // namespace podlab::sim
