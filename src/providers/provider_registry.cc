#include "providers/provider_registry.h"

#include "providers/directory_config_provider.h"
#include "providers/file_config_provider.h"
#include "providers/secrets_manager_config_provider.h"
#include "providers/ssm_param_store_config_provider.h"

namespace sluice::providers {

namespace {

std::string trim(std::string_view s) {
  size_t b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return "";
  size_t e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

// Kafka's LIST parsing: split on ',', trim, an empty setting is an empty list.
std::vector<std::string> parse_list(std::string_view text) {
  std::vector<std::string> out;
  if (trim(text).empty()) return out;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    out.push_back(
        trim(text.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return out;
}

Result<std::unique_ptr<ConfigProvider>> make_provider(
    std::string_view class_name, const std::map<std::string, std::string>& params,
    const ProviderEnvironment& environment) {
  if (class_name == FileConfigProvider::kClassName) return FileConfigProvider::create(params);
  if (class_name == DirectoryConfigProvider::kClassName) {
    return DirectoryConfigProvider::create(params);
  }
  if (class_name == EnvVarConfigProvider::kClassName) {
    return EnvVarConfigProvider::create(params, environment.env_vars);
  }
  if (class_name == SecretsManagerConfigProvider::kClassName) {
    return SecretsManagerConfigProvider::create(params, environment.aws);
  }
  if (class_name == SsmParamStoreConfigProvider::kClassName) {
    return SsmParamStoreConfigProvider::create(params, environment.aws);
  }
  return Status::not_found("unknown class");
}

}  // namespace

const std::vector<std::string_view>& known_provider_classes() {
  static const std::vector<std::string_view> kClasses = {
      FileConfigProvider::kClassName, DirectoryConfigProvider::kClassName,
      EnvVarConfigProvider::kClassName, SecretsManagerConfigProvider::kClassName,
      SsmParamStoreConfigProvider::kClassName};
  return kClasses;
}

ConfigProviders ConfigProviders::from_worker_config(const config::RawConfig& worker,
                                                    std::vector<config::ConfigProblem>* problems,
                                                    const ProviderEnvironment& environment) {
  ConfigProviders out;
  std::optional<std::string_view> list = worker.get("config.providers");
  if (!list) return out;
  for (std::string& name : parse_list(*list)) {
    if (name.empty()) continue;
    out.declared_.push_back(name);
    std::string class_key = "config.providers." + name + ".class";
    std::optional<std::string_view> class_name = worker.get(class_key);
    if (!class_name || trim(*class_name).empty()) {
      problems->push_back(config::ConfigProblem{
          class_key, "",
          "config.providers names '" + name + "' but " + class_key +
              " is not set; set it to the provider's Java class name, such as "
              "org.apache.kafka.common.config.provider.FileConfigProvider",
          config::Severity::kError, worker.location("config.providers")});
      continue;
    }
    std::string cls = trim(*class_name);
    std::map<std::string, std::string> params =
        worker.with_prefix("config.providers." + name + ".param.");
    Result<std::unique_ptr<ConfigProvider>> provider = make_provider(cls, params, environment);
    if (provider.ok()) {
      out.providers_.emplace(name, std::move(provider).value());
      continue;
    }
    if (provider.status().code() == StatusCode::kNotFound) {
      std::string allowed;
      for (std::string_view known : known_provider_classes()) {
        allowed += (allowed.empty() ? "" : ", ") + std::string(known);
      }
      problems->push_back(
          config::ConfigProblem{class_key, cls,
                                "Invalid value " + cls + " for configuration " + class_key +
                                    ": sluice implements these config providers: " + allowed,
                                config::Severity::kError, worker.location(class_key)});
      continue;
    }
    std::string key_prefix = "config.providers." + name + ".param.";
    problems->push_back(
        config::ConfigProblem{key_prefix + "*", "",
                              "Config provider '" + name + "' (" + cls +
                                  ") cannot be configured: " + provider.status().message(),
                              config::Severity::kError, worker.location(class_key)});
  }
  return out;
}

ConfigProvider* ConfigProviders::find(std::string_view name) const {
  auto it = providers_.find(name);
  return it == providers_.end() ? nullptr : it->second.get();
}

void ConfigProviders::add(std::string name, std::unique_ptr<ConfigProvider> provider) {
  declared_.push_back(name);
  providers_.emplace(std::move(name), std::move(provider));
}

}  // namespace sluice::providers
