#include "schemadefinition.h"

#include <cstdio>

namespace podlab::manifest {

using namespace api;

Value Codec<MicroTime>::encode(const MicroTime& v)
{
    if (v.time.isNull())
        return Value();
    std::string s = v.time.toString(); // "…:05Z"
    char frac[16];
    std::snprintf(frac, sizeof frac, ".%03lld000Z", static_cast<long long>(v.time.millis() % 1000));
    s.pop_back();
    return s + frac;
}

FIELDS(LeaseSpec)
    .add("holderIdentity", &Self::holderIdentity)
    .add("leaseDurationSeconds", &Self::leaseDurationSeconds)
    .add("acquireTime", &Self::acquireTime)
    .add("renewTime", &Self::renewTime)
    .add("leaseTransitions", &Self::leaseTransitions)
    .unmodelled({"strategy", "preferredHolder"})
END_FIELDS

FIELDS(Lease)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("spec", &Self::spec)
END_FIELDS

} // namespace podlab::manifest
