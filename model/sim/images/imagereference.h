#pragma once

#include <string>
#include <string_view>
#include <variant>

namespace podlab::sim {

// An image reference after the normalisation the kubelet and containerd apply (distribution/reference's
// ParseNormalizedNamed): `nginx` is docker.io/library/nginx, `user/app` is docker.io/user/app, and a first
// component with a dot, a colon, uppercase letters or the name `localhost` is a registry host.
class ImageReference {
public:
    // The reason a reference was refused, worded as distribution/reference words it: "invalid reference
    // format", "invalid reference format: repository name (library/Nginx) must be lowercase", "invalid
    // checksum digest length", ... The kubelet wraps it (see kubeletInvalidNameMessage).
    struct Error {
        std::string message;
        bool operator==(const Error&) const = default;
    };

    static std::variant<ImageReference, Error> parse(std::string_view text);

    const std::string& domain() const { return m_domain; } // "docker.io", "registry.k8s.io", "localhost:5000"
    const std::string& path() const { return m_path; }     // "library/nginx"
    const std::string& tag() const { return m_tag; }       // "" when the reference has none
    const std::string& digest() const { return m_digest; } // "sha256:<64 hex>" or ""

    // The tag a pull asks for: the written one, or `latest` when there is neither a tag nor a digest.
    std::string effectiveTag() const;
    // docker.io/library/nginx (just the path in the rare reference whose first component is neither a host
    // nor a valid path component's prefix, e.g. "my_registry.io/app").
    std::string repository() const { return m_domain.empty() ? m_path : m_domain + '/' + m_path; }
    // The fully qualified form containerd reports as a container's image: docker.io/library/nginx:latest,
    // registry.k8s.io/pause:3.9, docker.io/library/nginx@sha256:... (a digest wins over an implied `latest`).
    std::string toString() const;
    // The short form Docker prints (reference.FamiliarString): nginx:1.25, user/app, localhost:5000/app:1.
    std::string familiarString() const;

    bool operator==(const ImageReference&) const = default;

private:
    std::string m_domain;
    std::string m_path;
    std::string m_tag;
    std::string m_digest;
};

// What the kubelet writes in the container's waiting message (reason InvalidImageName) and in its
// `InspectFailed` event when `image` does not parse.
std::string kubeletInvalidNameMessage(std::string_view image, const ImageReference::Error& error);

} // namespace podlab::sim
