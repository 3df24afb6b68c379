#include "createconfig.h"

#include "manifest/defaults.h"
#include "manifest/manifestwriter.h"
#include "manifest/validation.h"
#include "manifest/writer.h"
#include "sim/core/text.h"

#include <algorithm>
#include <array>

namespace podlab::sim::kubectl {

namespace {

enum class DryRun { None, Client, Server };

// cmdutil.GetDryRunStrategy: client, server or none; a boolean (the bare flag is "true" here) still means
// client or none. kubectl logs a deprecation warning through klog for those, with a time stamp and its source
// line; PodLab leaves it out.
std::optional<DryRun> dryRunStrategy(const std::vector<std::string>& values, std::string* error)
{
    if (values.empty())
        return DryRun::None;
    const std::string& v = values.back();
    static constexpr std::array<std::string_view, 6> truthy = {"1", "t", "T", "TRUE", "true", "True"};
    static constexpr std::array<std::string_view, 6> falsy = {"0", "f", "F", "FALSE", "false", "False"};
    if (v == "client" || std::find(truthy.begin(), truthy.end(), v) != truthy.end())
        return DryRun::Client;
    if (v == "none" || std::find(falsy.begin(), falsy.end(), v) != falsy.end())
        return DryRun::None;
    if (v == "server")
        return DryRun::Server;
    *error = "Invalid dry-run value (" + v + "). Must be \"none\", \"server\", or \"client\".";
    return std::nullopt;
}

// The printers kubectl create offers: JSON and YAML, the name, and the templates (which PodLab's kubectl
// create does not have).
bool isPrintable(const std::string& output)
{
    return output.empty() || output == "yaml" || output == "json" || output == "name";
}

const char* resourceWord(ConfigKind kind)
{
    return kind == ConfigKind::ConfigMap ? "configmap" : "secret";
}

// The object as kubectl holds it, a typed Go struct, whose JSON comes in field order: kind, apiVersion,
// metadata, immutable, then the content. (YAML sorts the keys anyway.)
api::Value typedValue(const api::Object& object)
{
    const api::Value encoded = manifest::encodeObject(object);
    api::Value out(api::Value::Object{});
    for (const char* field :
         {"kind", "apiVersion", "metadata", "immutable", "data", "binaryData", "stringData", "type"})
        if (const api::Value* v = encoded.find(field))
            out.insert(field, *v);
    return out;
}

void print(const api::Object& object, ConfigKind kind, const std::string& output, DryRun dryRun,
           CommandOutput& out)
{
    const std::string name = std::string(resourceWord(kind)) + "/" + api::metadataOf(object).name;
    if (output == "name")
        out.out += name + "\n";
    else if (output == "yaml")
        out.out += manifest::toYaml(typedValue(object));
    else if (output == "json")
        out.out += manifest::toJson(typedValue(object), manifest::KeyOrder::AsGiven);
    else
        out.out += name + " created" +
                   (dryRun == DryRun::Client   ? " (dry run)"
                    : dryRun == DryRun::Server ? " (server dry run)"
                                               : "") +
                   "\n";
}

std::optional<api::Object> buildObject(const CreateConfigCommand& command, std::string* error)
{
    const std::string& name = command.names.front();
    if (command.kind == ConfigKind::ConfigMap) {
        if (auto configMap = configMapFromSources(name, command.sources, command.directory, error))
            return api::Object(std::move(*configMap));
    } else if (auto secret =
                   secretFromSources(name, command.secretType, command.sources, command.directory, error)) {
        return api::Object(std::move(*secret));
    }
    return std::nullopt;
}

// The API server's defaults and validation on create; the Invalid error's message when they refuse it.
std::optional<std::string> refusal(api::Object& object)
{
    manifest::applyDefaults(object);
    std::vector<ApiError::Cause> causes;
    for (const manifest::FieldError& e : manifest::validate(object))
        if (!e.warning)
            causes.push_back({e.path, e.message});
    if (causes.empty())
        return std::nullopt;
    return ApiServer::invalid(api::kindOf(object), api::metadataOf(object).name, std::move(causes)).message;
}

} // namespace

void createConfig(Cluster& cluster, const CreateConfigCommand& command, CommandOutput& out)
{
    auto fail = [&](const std::string& message) {
        out.err += "error: " + message + "\n";
        out.exitCode = 1;
    };
    const std::string commandPath =
        command.kind == ConfigKind::ConfigMap ? "kubectl create configmap" : "kubectl create secret generic";
    if (command.names.size() != 1)
        return fail("exactly one NAME is required, got " + std::to_string(command.names.size()) + "\nSee '" +
                    commandPath + " -h' for help and examples");
    std::string error;
    const std::optional<DryRun> dryRun = dryRunStrategy(command.dryRun, &error);
    if (!dryRun)
        return fail(error);
    if (!isPrintable(command.output))
        return fail("unable to match a printer suitable for the output format \"" + command.output +
                    "\", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,"
                    "jsonpath-file,name,template,templatefile,yaml");
    if (command.names.front().empty())
        return fail("name must be specified");
    const ConfigSources& sources = command.sources;
    if (!sources.envFiles.empty() && (!sources.files.empty() || !sources.literals.empty()))
        return fail("from-env-file cannot be combined with from-file or from-literal");

    std::optional<api::Object> object = buildObject(command, &error);
    if (!object)
        return fail(error);
    // kubectl names the namespace in the object only when -n says it; the request goes to the namespace
    // anyway.
    if (command.namespaceFlag)
        api::metadataOf(*object).namespace_ = command.namespace_;
    if (*dryRun == DryRun::Client)
        return print(*object, command.kind, command.output, *dryRun, out);

    api::metadataOf(*object).namespace_ = command.namespace_;
    // Run wraps what the server says: "failed to create configmap: …", and for a Secret without the colon.
    const std::string failed =
        command.kind == ConfigKind::ConfigMap ? "failed to create configmap: " : "failed to create secret ";
    if (const auto why = refusal(*object))
        return fail(failed + *why);
    ApiResult result;
    if (*dryRun == DryRun::Server) {
        Cluster scratch = cluster; // the server runs the request through and keeps nothing
        result = scratch.create(*object);
    } else {
        result = cluster.create(*object);
    }
    if (!result.ok())
        return fail(failed + result.error->message);
    print(copyOf(result.object), command.kind, command.output, *dryRun, out);
}

void secretSubcommandMissing(const std::vector<std::string>& args, CommandOutput& out)
{
    out.exitCode = 1;
    if (args.empty()) {
        // DefaultSubCommandRun prints the help and exits. PodLab's help is the head of kubectl's.
        out.err += "Create a secret using specified subcommand.\n\n"
                   "Available Commands:\n"
                   "  docker-registry   Create a secret for use with a Docker registry\n"
                   "  generic           Create a secret from a local file, directory, or literal value\n"
                   "  tls               Create a TLS secret\n";
        return;
    }
    if (args.front() == "docker-registry" || args.front() == "tls") {
        out.err += "error: PodLab does not simulate `kubectl create secret " + args.front() +
                   "`; create the Secret with `kubectl create secret generic` or from a manifest\n";
        return;
    }
    out.err += "error: unknown command \"" + join(args, " ") +
               "\"\nSee 'kubectl create secret -h' for help and examples\n";
}

} // namespace podlab::sim::kubectl
