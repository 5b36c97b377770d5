// ConfigProviders: the config providers a worker configuration declares, built once at start.
//
// `config.providers=file,secretsmanager` names them; `config.providers.<name>.class` picks the
// implementation by its Java class name and `config.providers.<name>.param.<p>` are its settings
// (the `param.` prefix removed), as Kafka's AbstractConfig.instantiateConfigProviders reads them.
// Known classes: Kafka's FileConfigProvider, DirectoryConfigProvider, EnvVarConfigProvider and
// aws-samples/msk-config-providers' SecretsManagerConfigProvider and SsmParamStoreConfigProvider.
//
// Owned by the CLI for the life of the process; its providers are used by one thread at a time.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_problem.h"
#include "config/raw_config.h"
#include "providers/aws_provider_settings.h"
#include "providers/config_provider.h"
#include "providers/env_var_config_provider.h"

namespace sluice::providers {

// What the providers read from outside the configuration; tests replace it.
struct ProviderEnvironment {
  AwsProviderDeps aws;
  EnvVarConfigProvider::Lookup env_vars;
};

class ConfigProviders {
 public:
  ConfigProviders() = default;
  ConfigProviders(ConfigProviders&&) = default;
  ConfigProviders& operator=(ConfigProviders&&) = default;

  // Every provider `config.providers` names in `worker`. A provider that cannot be built (no or an
  // unknown class, a bad param) adds an error naming its key and is left out.
  static ConfigProviders from_worker_config(const config::RawConfig& worker,
                                            std::vector<config::ConfigProblem>* problems,
                                            const ProviderEnvironment& environment = {});

  // nullptr when no provider has that name.
  ConfigProvider* find(std::string_view name) const;
  // The names given in config.providers, in order (those that failed to build included).
  const std::vector<std::string>& declared() const { return declared_; }
  bool empty() const { return declared_.empty(); }

  void add(std::string name, std::unique_ptr<ConfigProvider> provider);

 private:
  std::vector<std::string> declared_;
  std::map<std::string, std::unique_ptr<ConfigProvider>, std::less<>> providers_;
};

// The Java class names sluice implements, in the order the docs list them.
const std::vector<std::string_view>& known_provider_classes();

}  // namespace sluice::providers
