#include "providers/file_config_provider.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "config/properties_parser.h"

namespace sluice::providers {

Result<AllowedPaths> allowed_paths_param(const std::map<std::string, std::string>& params) {
  auto it = params.find("allowed.paths");
  std::optional<std::string> setting;
  if (it != params.end()) setting = it->second;
  Result<AllowedPaths> allowed = AllowedPaths::parse(setting);
  if (!allowed.ok()) {
    return Status::invalid_argument("Invalid value " + *setting +
                                    " for param allowed.paths: " + allowed.status().message() +
                                    "; allowed: a comma-separated list of absolute paths that "
                                    "exist, or empty for every path");
  }
  return allowed;
}

Result<std::string> read_file_text(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::invalid_argument(path.string() + " is a directory");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return Status::invalid_argument(path.string() + ": " +
                                    (err != 0 ? std::strerror(err) : "cannot open"));
  }
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return Status::invalid_argument(path.string() + ": read error");
  return contents.str();
}

Result<std::unique_ptr<ConfigProvider>> FileConfigProvider::create(
    const std::map<std::string, std::string>& params) {
  SLUICE_ASSIGN_OR_RETURN(AllowedPaths allowed, allowed_paths_param(params));
  return std::unique_ptr<ConfigProvider>(new FileConfigProvider(std::move(allowed)));
}

Result<ConfigData> FileConfigProvider::get(const std::string& path,
                                           const std::set<std::string>& keys) {
  SLUICE_ASSIGN_OR_RETURN(std::filesystem::path checked,
                          allowed_.path_to_read(path, "${<provider>:<file path>:<key>}"));
  Result<std::string> text = read_file_text(checked);
  if (!text.ok()) {
    return Status::invalid_argument("Could not read properties from file " + path + " (" +
                                    text.status().message() + ")");
  }
  // The parser's messages name lines, never values.
  Result<config::RawConfig> properties = config::parse_properties(*text, path);
  if (!properties.ok()) {
    return Status::invalid_argument("Could not read properties from file " + path + " (" +
                                    properties.status().message() + ")");
  }
  ConfigData out;
  for (const std::string& key : keys) {
    if (std::optional<std::string_view> value = properties->get(key)) {
      out.data.emplace(key, std::string(*value));
    }
  }
  return out;
}

}  // namespace sluice::providers
