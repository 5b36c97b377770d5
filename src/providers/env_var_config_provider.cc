#include "providers/env_var_config_provider.h"

#include <cstdlib>

namespace sluice::providers {

Result<std::unique_ptr<ConfigProvider>> EnvVarConfigProvider::create(
    const std::map<std::string, std::string>& params, Lookup lookup) {
  std::string pattern = ".*";
  if (auto it = params.find("allowlist.pattern"); it != params.end()) pattern = it->second;
  std::regex allowlist;
  try {
    allowlist = std::regex(pattern, std::regex::ECMAScript);
  } catch (const std::regex_error& e) {
    return Status::invalid_argument("Invalid value " + pattern +
                                    " for param allowlist.pattern: not a regular expression (" +
                                    e.what() + ")");
  }
  if (!lookup) {
    lookup = [](const std::string& name) -> std::optional<std::string> {
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) return std::nullopt;
      return std::string(value);
    };
  }
  return std::unique_ptr<ConfigProvider>(
      new EnvVarConfigProvider(std::move(allowlist), std::move(lookup)));
}

Result<ConfigData> EnvVarConfigProvider::get(const std::string& path,
                                             const std::set<std::string>& keys) {
  if (!path.empty()) {
    return Status::invalid_argument(
        "Path is not supported for EnvVarConfigProvider, invalid value '" + path + "'");
  }
  ConfigData out;
  for (const std::string& name : keys) {
    if (!std::regex_match(name, allowlist_)) continue;
    if (std::optional<std::string> value = lookup_(name)) out.data.emplace(name, *value);
  }
  return out;
}

}  // namespace sluice::providers
