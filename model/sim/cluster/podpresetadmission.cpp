#include "podpresetadmission.h"

#include "sim/core/selectors.h"

#include "manifest/validation.h"

#include <map>

namespace podlab::sim {

namespace {

constexpr std::string_view kPresetAnnotationPrefix = "podpreset.admission.kubernetes.io/podpreset-";
constexpr std::string_view kPresetOptOutAnnotation = "podpreset.admission.kubernetes.io/exclude";
constexpr std::string_view kMirrorPodAnnotation = "kubernetes.io/config.mirror";

using Presets = std::vector<const api::PodPreset*>;

// The plugin's conflict messages stop here; each went on with both values as Go's %#v prints them, which
// PodLab leaves out.
std::string presetConflict(std::string_view what, const api::PodPreset& preset, std::string_view on)
{
    return "merging " + std::string(what) + " for " + preset.metadata.name + " has a conflict on " +
           std::string(on);
}

// Env vars and volumes merge alike, by name: a new name is appended, a known one must come with the same
// content (that of the pod's last entry of the name, should it repeat one). What the presets add counts as
// known for the presets after them, so two presets can conflict.
template <class Entry, class Field>
void mergePresetEntriesByName(std::vector<Entry>& list, const Presets& presets, Field field,
                              std::string_view what, std::vector<std::string>& conflicts)
{
    std::map<std::string, Entry, std::less<>> byName;
    for (const Entry& e : list)
        byName.insert_or_assign(e.name, e);
    for (const api::PodPreset* preset : presets) {
        for (const Entry& e : preset->spec.*field) {
            const auto [known, added] = byName.try_emplace(e.name, e);
            if (added)
                list.push_back(e);
            else if (!(known->second == e))
                conflicts.push_back(presetConflict(what, *preset, e.name));
        }
    }
}

// Volume mounts are known by name and by mount path. Only a new name appends the mount, so a mount the
// container already has, identical, is not added twice; but a volume mounted twice (same name, two paths) is
// a conflict, a limit the plugin had.
void mergePresetVolumeMounts(std::vector<api::VolumeMount>& mounts, const Presets& presets,
                             std::vector<std::string>& conflicts)
{
    std::map<std::string, api::VolumeMount, std::less<>> byName, byPath;
    for (const api::VolumeMount& m : mounts) {
        byName.insert_or_assign(m.name, m);
        byPath.insert_or_assign(m.mountPath, m);
    }
    for (const api::PodPreset* preset : presets) {
        for (const api::VolumeMount& m : preset->spec.volumeMounts) {
            const auto [sameName, newName] = byName.try_emplace(m.name, m);
            if (newName)
                mounts.push_back(m);
            else if (!(sameName->second == m))
                conflicts.push_back(presetConflict("volume mounts", *preset, m.name));
            const auto [samePath, newPath] = byPath.try_emplace(m.mountPath, m);
            if (!newPath && !(samePath->second == m))
                conflicts.push_back(presetConflict("volume mounts", *preset, "mount path " + m.mountPath));
        }
    }
}

// envFrom sources are appended as they come: the plugin checked them for nothing.
void appendPresetEnvFrom(std::vector<api::EnvFromSource>& sources, const Presets& presets)
{
    for (const api::PodPreset* preset : presets)
        sources.insert(sources.end(), preset->spec.envFrom.begin(), preset->spec.envFrom.end());
}

bool excludedFromPresets(const api::Pod& pod)
{
    const api::StringMap& annotations = pod.metadata.annotations;
    if (annotations.contains(std::string(kMirrorPodAnnotation)))
        return true; // the kubelet would see a spec other than its static pod's
    const auto optOut = annotations.find(std::string(kPresetOptOutAnnotation));
    return optOut != annotations.end() && optOut->second == "true";
}

} // namespace

std::vector<std::string> PodPresetAdmission::apply(api::Pod& pod, const Presets& presets)
{
    // Merged on a copy and kept only without conflicts: a conflict anywhere means no preset applies at all.
    // (The plugin checked first and merged again after; the outcome is the same.)
    api::PodSpec spec = pod.spec;
    std::vector<std::string> conflicts;
    mergePresetEntriesByName(spec.volumes.mut(), presets, &api::PodPresetSpec::volumes, "volumes", conflicts);
    for (api::Container& c : spec.containers.mut()) {
        mergePresetEntriesByName(c.env, presets, &api::PodPresetSpec::env, "env", conflicts);
        mergePresetVolumeMounts(c.volumeMounts, presets, conflicts);
        appendPresetEnvFrom(c.envFrom, presets);
    }
    if (!conflicts.empty())
        return conflicts;
    pod.spec = std::move(spec);
    for (const api::PodPreset* preset : presets)
        pod.metadata.annotations[std::string(kPresetAnnotationPrefix) + preset->metadata.name] =
            preset->metadata.resourceVersion;
    return {};
}

std::optional<ApiError> PodPresetAdmission::admit(api::Pod& pod, ClusterContext& ctx)
{
    if (ctx.config.profile != VersionProfile::Classic || excludedFromPresets(pod))
        return std::nullopt;
    // The plugin took the presets in its informer's order, which Go's maps left unspecified; PodLab's is by
    // name.
    const std::vector<Ptr<api::PodPreset>> inNamespace =
        ctx.store.list<api::PodPreset>(pod.metadata.namespace_);
    Presets matching;
    for (const Ptr<api::PodPreset>& preset : inNamespace)
        if (matches(preset->spec.selector, pod.metadata.labels))
            matching.push_back(preset.get());
    if (matching.empty())
        return std::nullopt;
    // On a conflict the plugin only wrote a warning to the API server's log ("conflict occurred while
    // applying podpresets: …") and let the pod be created unchanged. It recorded no event, though the
    // documentation of the time said it would; PodLab has no API server log, so the conflicts end here.
    if (!apply(pod, matching).empty())
        return std::nullopt;
    // The API server validates a pod after the admission plugins have changed it, so a preset can make a pod
    // invalid. PodLab's caller validated the pod as it came, so only what the presets did needs checking
    // again, here (a pod that a later plugin refuses as well is reported as invalid, not by that plugin).
    std::vector<ApiError::Cause> causes;
    for (const manifest::FieldError& e : manifest::validatePod(pod))
        if (!e.warning)
            causes.push_back({e.path, e.message});
    if (!causes.empty())
        return ApiServer::invalid(api::Pod::kKind, pod.metadata.name, std::move(causes));
    return std::nullopt;
}

} // namespace podlab::sim
