#pragma once

#include "imagecatalogue.h"

#include "manifest/decodecontext.h"

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim {

// Reads the catalogue schema (documented in resources/images/catalogue.yaml) into an ImageCatalogue. Internal
// to ImageCatalogue::parse; one parser per document.
class CatalogueParser {
public:
    CatalogueParser(manifest::DecodeContext& ctx, std::string fileName, const ImageCatalogue* base);

    // Decodes `root`: a catalogue mapping or a sequence of image entries. Errors go to the context.
    ImageCatalogue parse(manifest::YamlRef root);

private:
    using Vars = std::map<std::string, std::string>;
    using YamlRef = manifest::YamlRef;

    // Scalars and collections, with `{{var}}` expansion of strings from m_vars.
    bool isNull(YamlRef node);
    std::optional<std::string> string(YamlRef node);
    std::optional<int64_t> integer(YamlRef node, int64_t min, int64_t max);
    std::optional<bool> boolean(YamlRef node);
    std::optional<std::vector<std::string>> stringList(YamlRef node);
    std::optional<std::map<std::string, std::string>> stringMap(YamlRef node);
    // Calls fn(name, keyNode, valueNode) for each member of a mapping whose key is in `known`, and reports
    // the others; false (reported) if `node` is not a mapping.
    template <class Fn>
    bool members(YamlRef node, const std::vector<std::string_view>& known, Fn&& fn);
    // The same for a mapping whose keys are data (paths, names, signals): any key, path segments "[key]".
    template <class Fn>
    bool entries(YamlRef node, Fn&& fn);
    template <class Fn>
    bool items(YamlRef node, Fn&& fn);
    void required(YamlRef mapping, std::string_view field);
    std::string expand(std::string_view text, YamlRef at);

    void decodeRegistries(YamlRef node);
    void decodeRuntimeMessages(YamlRef node);
    std::shared_ptr<const Toolset> toolset(std::string_view name, YamlRef at);
    std::shared_ptr<const Toolset> buildToolset(std::string_view name, YamlRef node);
    void decodeImage(YamlRef node);

    void decodeConfig(YamlRef node, ImageConfig& config);
    void decodeFiles(YamlRef node, std::map<std::string, FileEntry>& files);
    void decodePrograms(YamlRef node, std::map<std::string, Program>& programs);
    void decodeCommands(YamlRef node, const std::string& toolset, const std::string& flavour,
                        std::map<std::string, Program>& programs);
    std::optional<Program> decodeProgram(YamlRef node);
    std::optional<LogLine> decodeLogLine(YamlRef node);
    std::vector<LogLine> decodeLog(YamlRef node);
    std::optional<SignalAction> decodeSignalAction(YamlRef node);
    std::vector<Listener> decodeListeners(YamlRef node);
    std::optional<Route> decodeRoute(YamlRef node);
    std::optional<ResponsePhase> decodePhase(YamlRef node);
    std::optional<WrapperRule> decodeRule(YamlRef node);
    std::optional<std::string> absolutePath(YamlRef keyNode, std::string_view key);
    // The content of an image named by `from`, from this document or the base catalogue.
    std::optional<ImageContent> baseImage(YamlRef at, std::string_view reference);

    manifest::DecodeContext& m_ctx;
    std::string m_file;
    const ImageCatalogue* m_base;
    ImageCatalogue m_result;
    const Vars* m_vars = nullptr;
    std::map<std::string, YamlRef> m_toolsetNodes;
    std::map<std::string, std::shared_ptr<const Toolset>> m_builtToolsets;
    std::vector<std::string> m_toolsetsBeingBuilt;
};

} // namespace podlab::sim
