// Reading a worker or connector configuration file from disk, whichever syntax it uses.
//
// The syntax is picked by content, not by file extension: when the first character that is not
// whitespace (after an optional UTF-8 byte-order mark) is '{' the file is Connect REST JSON
// (json_config_parser.h), otherwise Java .properties (properties_parser.h). A missing, unreadable
// or directory path fails with a message that names the path and the reason.
#pragma once

#include <string>
#include <string_view>

#include "config/raw_config.h"
#include "util/status.h"

namespace sluice::config {

enum class ConfigSyntax { kProperties, kJson };

// The syntax load_config_file would use for this text.
ConfigSyntax detect_config_syntax(std::string_view text);

// Parses text in the detected syntax; `source_name` prefixes messages.
Result<RawConfig> parse_config_text(std::string_view text, std::string source_name);

// Reads and parses the file; the RawConfig's source_name is `path`.
Result<RawConfig> load_config_file(const std::string& path);

}  // namespace sluice::config
