#include "schemadefinition.h"

#include "base64.h"

namespace podlab::manifest {

using namespace api;

void Codec<Bytes>::decode(Bytes& out, YamlRef node, DecodeContext& ctx)
{
    std::string text;
    Codec<std::string>::decode(text, node, ctx);
    size_t bad = 0;
    if (auto bytes = base64Decode(text, &bad))
        out.data = std::move(*bytes);
    else
        ctx.error(node, "illegal base64 data at input byte " + std::to_string(bad) +
                            " (values under data: must be base64; use stringData: for plain text)");
}

Value Codec<Bytes>::encode(const Bytes& v) { return base64Encode(v.data); }

FIELDS(ConfigMap)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("data", &Self::data)
    .add("binaryData", &Self::binaryData)
    .add("immutable", &Self::immutable)
END_FIELDS

FIELDS(Secret)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("data", &Self::data)
    .add("stringData", &Self::stringData)
    .add("type", &Self::type)
    .add("immutable", &Self::immutable)
END_FIELDS

FIELDS(ServiceAccount)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("secrets", &Self::secrets)
    .add("imagePullSecrets", &Self::imagePullSecrets)
    .add("automountServiceAccountToken", &Self::automountServiceAccountToken)
END_FIELDS

FIELDS(NamespaceSpec)
    .add("finalizers", &Self::finalizers)
END_FIELDS

FIELDS(NamespaceStatus)
    .add("phase", &Self::phase)
    .unmodelled({"conditions"})
END_FIELDS

FIELDS(Namespace)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
    .add("status", &Self::status)
END_FIELDS

} // namespace podlab::manifest
