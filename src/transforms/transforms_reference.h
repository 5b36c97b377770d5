// The transforms and predicates section of docs/config-reference.md, rendered from each type's
// ConfigDef (config/config_reference.h explains how the file is shared between modules). A unit
// test compares the committed section with this output; run it with SLUICE_UPDATE_DOCS=1 to
// rewrite the section.
#pragma once

#include <string>

namespace sluice::transforms {

// The section, starting with config::kTransformsSectionStart.
std::string render_transforms_reference_markdown();

}  // namespace sluice::transforms
