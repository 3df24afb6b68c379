#pragma once

#include <string>
#include <utility>

namespace podlab::sim {

// A value or the error the kubelet reports instead. The error text is exactly what Kubernetes shows (in an
// event, a waiting message or a FailedMount), so an empty error means success: the kubelet never fails with
// an empty message.
template <class T>
struct Outcome {
    T value{};
    std::string error;

    bool ok() const { return error.empty(); }
    static Outcome success(T v) { return Outcome{std::move(v), {}}; }
    static Outcome failure(std::string e) { return Outcome{T{}, std::move(e)}; }
};

// Something the kubelet records as a Warning event while still going on (it does not stop the pod).
struct KubeletWarning {
    std::string reason;
    std::string message;
    bool operator==(const KubeletWarning&) const = default;
};

} // namespace podlab::sim
