#include "object.h"

namespace podlab::api {

bool isNamespaced(std::string_view kind) { return kind != "Node" && kind != "Namespace"; }

} // namespace podlab::api
