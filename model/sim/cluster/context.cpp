#include "context.h"

namespace podlab::sim {

void ClusterContext::event(const api::ObjectReference& object, std::string_view type, std::string_view reason,
                           std::string message, std::string_view component, std::string_view host)
{
    EventLog::Record r;
    r.involvedObject = object;
    r.type = type;
    r.reason = reason;
    r.message = std::move(message);
    r.component = component;
    r.host = host;
    r.time = wallTime();
    store.recordEvent(r);
}

api::ObjectReference referenceTo(const api::Pod& pod, std::string_view fieldPath)
{
    api::ObjectReference r;
    r.kind = "Pod";
    r.namespace_ = pod.metadata.namespace_;
    r.name = pod.metadata.name;
    r.uid = pod.metadata.uid;
    r.apiVersion = "v1";
    r.resourceVersion = pod.metadata.resourceVersion;
    r.fieldPath = fieldPath;
    return r;
}

api::ObjectReference referenceTo(const api::Node& node)
{
    api::ObjectReference r;
    r.kind = "Node";
    r.name = node.metadata.name;
    r.uid = node.metadata.name; // the kubelet names its node by name in events, as Kubernetes does
    return r;
}

} // namespace podlab::sim
