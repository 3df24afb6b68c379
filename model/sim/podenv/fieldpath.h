#pragma once

#include "outcome.h"

#include "api/pod.h"

#include <optional>
#include <string>
#include <string_view>

namespace podlab::sim {

// The downward API's view of a pod's metadata (pkg/fieldpath), shared by env fieldRefs and downwardAPI
// volumes.
class FieldPath {
public:
    // Go's strconv.Quote (fmt's %q): double quotes, backslash escapes for `"` and `\`, \a \b \f \n \r \t \v,
    // \xNN for other control bytes and invalid UTF-8, \uNNNN for non-printable code points; printable UTF-8
    // is kept as it is.
    static std::string goQuote(std::string_view text);

    // All labels or annotations, one `key="value"` per line (value quoted by goQuote), keys sorted, no
    // trailing newline. An empty map gives an empty string.
    static std::string formatMap(const api::StringMap& map);

    // `metadata.labels['app']` splits into {"metadata.labels", "app"}; anything not ending in `']`, or with
    // an empty part before `['`, is not subscripted.
    struct Subscripted {
        std::string path;
        std::string key;
    };
    static std::optional<Subscripted> splitSubscripted(std::string_view fieldPath);

    // ExtractFieldPathAsString: metadata.name/namespace/uid, metadata.labels and metadata.annotations (whole,
    // or one key through a subscript; a missing key gives ""). Errors are worded as the kubelet's.
    static Outcome<std::string> extract(const api::Pod& pod, std::string_view fieldPath);
};

} // namespace podlab::sim
