#pragma once

#include "api/event.h"
#include "api/meta.h"
#include "api/pod.h"
#include "describe.h"

#include <string>
#include <string_view>
#include <vector>

namespace podlab::sim::kubectl {

// describe.go's PrefixWriter over its tabwriter: text is written at an indentation level (two spaces each)
// and aligned when the description is finished.
class PrefixWriter {
public:
    void write(int level, std::string_view text)
    {
        m_text.append(size_t(level) * 2, ' ');
        m_text += text;
    }
    // WriteLine: the text and a newline, without indentation.
    void writeLine(std::string_view text)
    {
        m_text += text;
        m_text += '\n';
    }
    std::string finish() const;
    // The text as written, tabs unaligned (a PrefixWriter straight onto a buffer, as `rollout history
    // --revision` prints a template).
    const std::string& raw() const { return m_text; }

private:
    std::string m_text;
};

// Helpers shared by the describers, each printing what the describe.go function of the same name prints.
void printLabelsMultiline(PrefixWriter& w, std::string_view title, const api::StringMap& labels);
void printAnnotationsMultiline(PrefixWriter& w, std::string_view title, const api::StringMap& annotations);
void printTolerationsMultiline(PrefixWriter& w, std::string_view title,
                               std::vector<api::Toleration> tolerations);
void describeEvents(PrefixWriter& w, std::vector<api::Event> events, const api::Time& now,
                    const DescribeOptions& options);

// DescribePodTemplate: a Deployment's or ReplicaSet's template.
void describePodTemplate(PrefixWriter& w, const api::PodTemplateSpec& tmpl);

std::string trimSpace(std::string_view s);
std::string goBool(bool value); // %v of a bool: "true" / "false"

} // namespace podlab::sim::kubectl
