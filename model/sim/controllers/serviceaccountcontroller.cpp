#include "serviceaccountcontroller.h"

#include "sim/cluster/apiserver.h"

namespace podlab::sim {

void ServiceAccountController::onChange(const Change& change, ClusterContext& ctx)
{
    if (change.kind == Kind::Namespace && change.type != Change::Type::Deleted) {
        ensureDefault(std::get<Ptr<api::Namespace>>(change.object)->metadata.name, ctx);
    } else if (change.kind == Kind::ServiceAccount && change.type == Change::Type::Deleted) {
        const auto& sa = std::get<Ptr<api::ServiceAccount>>(change.object);
        if (sa->metadata.name == "default")
            ensureDefault(sa->metadata.namespace_, ctx);
    }
}

void ServiceAccountController::ensureDefault(const std::string& namespace_, ClusterContext& ctx)
{
    const auto ns = ctx.store.get<api::Namespace>("", namespace_);
    if (!ns || ns->status.phase == "Terminating" || ctx.store.get<api::ServiceAccount>(namespace_, "default"))
        return;
    api::ServiceAccount sa;
    sa.metadata.name = "default";
    sa.metadata.namespace_ = namespace_;
    ApiServer::create(api::Object(std::move(sa)), ctx);
}

} // namespace podlab::sim
