#include "describe.h"

#include "prefixwriter.h"

namespace podlab::sim::kubectl {

std::string describeConfigMap(const api::ConfigMap& configMap, const std::vector<api::Event>& events,
                              const api::Time& now, const DescribeOptions& options)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + configMap.metadata.name + "\n");
    w.write(0, "Namespace:\t" + configMap.metadata.namespace_ + "\n");
    printLabelsMultiline(w, "Labels", configMap.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", configMap.metadata.annotations);
    w.write(0, "\nData\n====\n");
    for (const auto& [key, value] : configMap.data) {
        w.write(0, key + ":\n----\n");
        w.write(0, value + "\n");
        w.write(0, "\n");
    }
    w.write(0, "\nBinaryData\n====\n");
    for (const auto& [key, value] : configMap.binaryData)
        w.write(0, key + ": " + std::to_string(value.data.size()) + " bytes\n");
    w.write(0, "\n");
    describeEvents(w, events, now, options);
    return w.finish();
}

std::string describeSecret(const api::Secret& secret)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + secret.metadata.name + "\n");
    w.write(0, "Namespace:\t" + secret.metadata.namespace_ + "\n");
    printLabelsMultiline(w, "Labels", secret.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", secret.metadata.annotations);
    w.write(0, "\nType:\t" + secret.type + "\n");
    w.write(0, "\nData\n====\n");
    for (const auto& [key, value] : secret.data) {
        // A service-account token is shown in clear; everything else only by size.
        if (key == "token" && secret.type == "kubernetes.io/service-account-token")
            w.write(0, key + ":\t" + value.data + "\n");
        else
            w.write(0, key + ":\t" + std::to_string(value.data.size()) + " bytes\n");
    }
    return w.finish();
}

std::string describeServiceAccount(const api::ServiceAccount& account, const std::vector<api::Event>& events,
                                   const api::Time& now, const DescribeOptions& options)
{
    PrefixWriter w;
    w.write(0, "Name:\t" + account.metadata.name + "\n");
    w.write(0, "Namespace:\t" + account.metadata.namespace_ + "\n");
    printLabelsMultiline(w, "Labels", account.metadata.labels);
    printAnnotationsMultiline(w, "Annotations", account.metadata.annotations);
    // Three lists under headers padded to one width. Current kubectl no longer looks up token Secrets, so
    // Tokens is always <none>; Mountable secrets are the account's `secrets` (a classic cluster's token).
    std::vector<std::string> pulls;
    for (const auto& s : account.imagePullSecrets)
        pulls.push_back(s.name);
    std::vector<std::string> mountable;
    for (const auto& s : account.secrets)
        mountable.push_back(s.name);
    for (const auto& [header, names] : {std::pair<std::string, const std::vector<std::string>*>{"Image pull secrets:", &pulls},
                                        {"Mountable secrets: ", &mountable},
                                        {"Tokens:            ", nullptr}}) {
        if (!names || names->empty()) {
            w.write(0, header + "\t<none>\n");
            continue;
        }
        // Later names sit under the first behind blanks as wide as the header.
        std::string prefix = header;
        for (const std::string& name : *names) {
            w.write(0, prefix + "\t" + name + "\n");
            prefix = std::string(header.size(), ' ');
        }
    }
    describeEvents(w, events, now, options);
    return w.finish();
}

} // namespace podlab::sim::kubectl
