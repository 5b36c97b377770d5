// The generator of docs/config-reference.md: renders the connector and worker key definitions
// (types, defaults, valid values, documentation, accepted prefixes) as Markdown, so the reference
// can never drift from what sluice actually accepts. A unit test compares the committed file with
// this output; run that test with SLUICE_UPDATE_DOCS=1 to rewrite the file.
#pragma once

#include <string>

#include "config/config_def.h"

namespace sluice::config {

// The whole docs/config-reference.md.
std::string render_reference_markdown();

// One definition table as Markdown (a "##" section with a "###" per group).
std::string render_definition_markdown(const ConfigDef& def);

}  // namespace sluice::config
