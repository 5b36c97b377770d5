#include "config/config_loader.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include "config/json_config_parser.h"
#include "config/properties_parser.h"

namespace sluice::config {

ConfigSyntax detect_config_syntax(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') continue;
    return c == '{' ? ConfigSyntax::kJson : ConfigSyntax::kProperties;
  }
  return ConfigSyntax::kProperties;
}

Result<RawConfig> parse_config_text(std::string_view text, std::string source_name) {
  if (detect_config_syntax(text) == ConfigSyntax::kJson) {
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    return parse_json_config(text, std::move(source_name));
  }
  return parse_properties(text, std::move(source_name));
}

Result<RawConfig> load_config_file(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::invalid_argument("cannot read configuration file '" + path +
                                    "': it is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return Status::invalid_argument("cannot read configuration file '" + path +
                                    "': " + (err != 0 ? std::strerror(err) : "cannot open"));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) {
    return Status::invalid_argument("cannot read configuration file '" + path + "': read error");
  }
  return parse_config_text(contents.str(), path);
}

}  // namespace sluice::config
