#pragma once

#include "imagecontent.h"
#include "imagereference.h"

#include "manifest/diagnostic.h"
#include "manifest/yamldocument.h"
#include "sim/core/simtime.h"

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// A registry as far as pulls are concerned: how fast it serves, and how it answers for a repository it does
// not have. The catalogue's registry "*" stands for every host it does not list.
struct Registry {
    enum class UnknownRepository : uint8_t {
        AccessDenied, // Docker Hub: "pull access denied, repository does not exist or may require
                      // authorization"
        NotFound,     // registry.k8s.io and most others: "<ref>: not found"
        Unreachable,  // a host that does not resolve: "no such host"
        Refused,      // nothing listens there (localhost:5000 without a local registry)
    };
    std::string host;
    SimTime latencyMillis = 0; // resolving the reference, before the first byte (or before failing)
    int64_t bytesPerSecond = 0;
    UnknownRepository unknownRepository = UnknownRepository::NotFound;

    // How long pulling `bytes` takes: the latency plus the transfer.
    SimTime pullMillis(int64_t bytes) const;
    bool operator==(const Registry&) const = default;
};

// Texts of the container runtime (containerd 1.7 with runc) that depend on images rather than on the kubelet,
// with {placeholders} as documented in the catalogue header.
struct RuntimeMessages {
    std::string execFailed;  // what `kubectl exec` prints when the command cannot start: {execId}, {reason}
    std::string startFailed; // a container's StartError message (exit code 128): {reason}
    std::string notInPath;   // reasons: a command name not found in PATH ({command})
    std::string noSuchFile;  // a command path that does not exist ({command})
    std::string
        noCommand; // neither the Pod nor the image names a command (CreateContainerError): {containerId}
    std::string pullFailed; // the frame of every pull error: {reference}, {reason}
    std::string notFound;   // reasons: unknown tag, digest or repository ({reference})
    std::string accessDenied;
    std::string unreachable; // {host}, {path}, {object} (tag or digest), {port}
    std::string refused;
    bool operator==(const RuntimeMessages&) const = default;
};

struct ImageTag {
    std::string name;   // concrete tag, e.g. "1.27.4"
    int64_t size = 0;   // compressed bytes, the "Image size" of the Pulled event
    std::string digest; // repository digest, "sha256:<64 hex>"
    std::shared_ptr<const ImageContent> content;
    bool operator==(const ImageTag& other) const;
};

// One repository of the catalogue, e.g. docker.io/library/nginx, with every tag PodLab knows.
struct ImageRepository {
    std::string name;                 // canonical, fully qualified
    std::vector<std::string> aliases; // other repositories serving the same images (k8s.gcr.io/pause)
    std::string description;
    std::vector<ImageTag> tags;
    std::map<std::string, std::string> tagAliases; // moving tag -> concrete tag, e.g. latest -> 1.27.4
    std::string file;                              // where it was declared, for messages
    int line = 0;

    // The concrete tag `tag` names (following tagAliases), or nullptr.
    const ImageTag* findTag(std::string_view tag) const;
    const ImageTag* findDigest(std::string_view digest) const;
    bool operator==(const ImageRepository&) const = default;
};

// A pull that succeeds: which image, what it weighs, and what it holds.
struct ResolvedImage {
    ImageReference reference;  // as requested, normalised (k8s.gcr.io/pause:2.0)
    std::string canonicalName; // the catalogue repository (registry.k8s.io/pause)
    std::string tag;           // the concrete tag ("1.27.4" when `latest` was asked for)
    std::string digest;        // sha256:<64 hex>, the same for every alias and moving tag of one image
    int64_t size = 0;
    SimTime pullMillis = 0; // from the registry's speed; the runtime may add jitter from the cluster's RNG
    std::shared_ptr<const ImageContent> content;

    // One image, as asked for: the content is the catalogue's own, compared by identity.
    bool operator==(const ResolvedImage&) const = default;

    // status.containerStatuses[].image: docker.io/library/nginx:1.14.2
    std::string imageName() const { return reference.toString(); }
    // status.containerStatuses[].imageID, kubectl's "Image ID": docker.io/library/nginx@sha256:...
    std::string imageID() const { return reference.repository() + '@' + digest; }
    // The runtime's local image id (sha256 of the config), what `crictl images` lists and the node's cache
    // is keyed by; derived, deterministic.
    std::string configDigest() const;
};

// The answer to "pull this image": the image, or why not, in the words the kubelet and containerd use.
struct ImageResolution {
    enum class Status : uint8_t {
        Found,
        InvalidReference,    // the kubelet refuses it: waiting reason InvalidImageName
        TagNotFound,         // repository known, tag or digest not: ErrImagePull
        RepositoryNotFound,  // ErrImagePull
        RegistryUnreachable, // the host does not resolve or refuses: ErrImagePull
    };
    Status status = Status::Found;
    std::optional<ResolvedImage> image;
    std::optional<ImageReference> reference; // absent only for InvalidReference
    // Found: empty. InvalidReference: the kubelet's message ("Failed to apply default image tag ...").
    // Otherwise containerd's error, without the gRPC wrapping: "failed to pull and unpack image ...".
    std::string error;
    std::string grpcCode;   // "NotFound", "Unknown" (pull failures)
    SimTime failMillis = 0; // how long a failing pull takes before it fails

    bool found() const { return status == Status::Found; }
    // "InvalidImageName" or "ErrImagePull"; "" when found.
    std::string waitingReason() const;
    // The container's waiting message, as the kubelet sets it.
    std::string waitingMessage() const;
    // The Warning event the kubelet records: reason "InspectFailed" for an invalid name, else "Failed".
    std::string eventReason() const;
    // Its message. `image` is the container's image field as written ("nginx:1.161").
    std::string eventMessage(std::string_view image) const;
};

// The images PodLab can run: repositories with their tags, the toolsets their utilities come from, the
// registries they are pulled from and the runtime's image-dependent messages. A value: copies share the
// immutable image contents.
class ImageCatalogue {
public:
    // Reads a catalogue: a mapping with `images` (and optionally `toolsets`, `registries`,
    // `runtimeMessages`), or a bare sequence of image entries (a scenario's `images:` list). Problems are
    // reported with file, line, column and field path; any error gives nullopt. `base` supplies the toolsets,
    // registries and `from` images the text refers to but does not define (the builtin catalogue, for a
    // scenario).
    static std::optional<ImageCatalogue> parse(std::string_view yaml, std::string_view fileName,
                                               manifest::Diagnostics* errors,
                                               const ImageCatalogue* base = nullptr);
    // The same, for a node of a document the caller already parsed (a scenario file's `images:` value).
    static std::optional<ImageCatalogue> parse(manifest::YamlDocument::Ref node, std::string_view fileName,
                                               manifest::Diagnostics* errors,
                                               const ImageCatalogue* base = nullptr);
    // The catalogue compiled in from resources/images/catalogue.yaml. The tests load it with zero errors, so
    // a broken one is a build defect: this then warns (qWarning) and returns an empty catalogue.
    static ImageCatalogue builtin();

    // Adds `more` on top: its repositories add tags to same-named ones (replacing tags of the same name and
    // the moving tags it defines) or are added; its toolsets and registries replace same-named ones.
    void merge(const ImageCatalogue& more);

    // Normalises `reference` and looks it up, as a pull would.
    ImageResolution resolve(std::string_view reference) const;

    const std::vector<ImageRepository>& repositories() const { return m_repositories; }
    // By canonical name or alias, normalised first ("nginx" finds docker.io/library/nginx).
    const ImageRepository* repository(std::string_view name) const;
    const Registry* registry(std::string_view host) const;
    std::shared_ptr<const Toolset> toolset(std::string_view name) const;
    const std::map<std::string, std::shared_ptr<const Toolset>>& toolsets() const { return m_toolsets; }
    const RuntimeMessages& runtimeMessages() const { return m_runtimeMessages; }

private:
    friend class CatalogueParser;

    std::vector<ImageRepository> m_repositories;
    std::map<std::string, size_t> m_byName; // canonical names and aliases -> index in m_repositories
    std::map<std::string, std::shared_ptr<const Toolset>> m_toolsets;
    std::map<std::string, Registry> m_registries;
    RuntimeMessages m_runtimeMessages;

    void reindex();
};

// The digest PodLab gives an image whose catalogue entry writes none: sha256 of "<canonical name>:<tag>
// <size>". Stable across runs, the same for every alias and moving tag of one image, and different when a
// scenario republishes a tag as a new image (with its new size), so that nodes holding the old one can tell.
std::string derivedDigest(std::string_view canonicalName, std::string_view tag, int64_t size);

} // namespace podlab::sim
