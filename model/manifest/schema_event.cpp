#include "schemadefinition.h"

namespace podlab::manifest {

using namespace api;

FIELDS(EventSource)
    .add("component", &Self::component)
    .add("host", &Self::host)
END_FIELDS

FIELDS(Event)
    .typeMeta()
    .add("metadata", &Self::metadata)
    .add("involvedObject", &Self::involvedObject)
    .add("reason", &Self::reason)
    .add("message", &Self::message)
    .add("source", &Self::source)
    .add("firstTimestamp", &Self::firstTimestamp)
    .add("lastTimestamp", &Self::lastTimestamp)
    .add("count", &Self::count)
    .add("type", &Self::type)
    .add("action", &Self::action)
    .add("related", &Self::related)
    .add("reportingComponent", &Self::reportingComponent, Always)
    .add("reportingInstance", &Self::reportingInstance, Always)
    .unmodelled({"eventTime", "series"})
END_FIELDS

} // namespace podlab::manifest
