#include "config/converter_resolution.h"

#include <string>

namespace sluice::config {

ResolvedConverters resolve_converters(const WorkerConfig& worker,
                                      const S3SinkConnectorConfig& connector) {
  auto pick = [](const std::optional<ConverterSpec>& from_connector,
                 const ConverterSpec& from_worker) {
    return from_connector ? *from_connector : from_worker;
  };
  return ResolvedConverters{pick(connector.key_converter(), worker.key_converter()),
                            pick(connector.value_converter(), worker.value_converter()),
                            pick(connector.header_converter(), worker.header_converter())};
}

std::vector<ConfigProblem> check_client_overrides(const WorkerConfig& worker,
                                                  const S3SinkConnectorConfig& connector) {
  std::vector<ConfigProblem> problems;
  ClientConfigOverridePolicy policy = worker.connector_client_config_override_policy();
  if (policy == ClientConfigOverridePolicy::kAll) return problems;
  struct Layer {
    const char* prefix;
    const std::map<std::string, std::string>* overrides;
  };
  for (const Layer& layer : {Layer{"consumer.override.", &connector.consumer_overrides()},
                             Layer{"producer.override.", &connector.producer_overrides()},
                             Layer{"admin.override.", &connector.admin_overrides()}}) {
    for (const auto& [key, value] : *layer.overrides) {
      if (policy == ClientConfigOverridePolicy::kPrincipal &&
          (key == "sasl.jaas.config" || key == "sasl.mechanism" || key == "security.protocol")) {
        continue;
      }
      std::string full_key = layer.prefix + key;
      problems.push_back(ConfigProblem{
          full_key, is_sensitive_key(key) ? std::string(Password::kHidden) : value,
          "The connector sets " + full_key +
              ", but the worker's connector.client.config.override.policy=" +
              std::string(to_string(policy)) +
              (policy == ClientConfigOverridePolicy::kNone
                   ? " allows no client overrides"
                   : " allows only sasl.jaas.config, sasl.mechanism and security.protocol"),
          Severity::kError, ""});
    }
  }
  return problems;
}

}  // namespace sluice::config
