// WorkerConfig: the typed Kafka Connect worker configuration, as far as a sink worker needs it.
//
// Users hand sluice the worker .properties they run connect-distributed / connect-standalone
// with (or the MSK Connect worker configuration). worker_definition() holds every key sluice
// reads (kafka-connect.md §7.1) and the Connect keys it accepts but does not need (distributed
// group coordination, internal topics, plugin.path), which yield an info note instead of an
// "unknown key" warning. Client security settings (security.protocol, ssl.*, sasl.*) and the
// consumer.* / producer.* / admin.* overrides are kept as raw Java-named maps; the kafka module
// translates them for librdkafka.
//
// key.converter and value.converter are required, as in Apache Kafka. MSK Connect supplies
// StringConverter for both when a connector names no worker configuration
// (msk-connect-and-aws.md §1.1); sluice does not invent that default.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/config_def.h"
#include "config/config_problem.h"
#include "config/converter_config.h"
#include "config/raw_config.h"
#include "util/status.h"

namespace sluice::config {

enum class SecurityProtocol { kPlaintext, kSsl, kSaslPlaintext, kSaslSsl };
std::string_view to_string(SecurityProtocol value);  // "PLAINTEXT", "SASL_SSL", ...

// connector.client.config.override.policy: which connector consumer.override.* keys are allowed.
enum class ClientConfigOverridePolicy { kAll, kNone, kPrincipal };
std::string_view to_string(ClientConfigOverridePolicy value);  // "All", "None", "Principal"

// Which rules the worker configuration must also follow.
enum class WorkerFlavor {
  kSelfHosted,  // Apache Kafka Connect's rules only
  kMskConnect,  // plus MSK Connect's allow/deny lists (msk-connect-and-aws.md §1.2)
};

// One REST listener, from `listeners` or the legacy rest.host.name/rest.port.
struct RestListener {
  std::string scheme;  // "http" or "https"
  std::string host;    // "" = all interfaces
  int port = 8083;
};

const ConfigDef& worker_definition();

class WorkerConfig {
 public:
  static ConfigReport validate(const RawConfig& raw,
                               WorkerFlavor flavor = WorkerFlavor::kSelfHosted);
  // The typed configuration, or kInvalidArgument listing every error; warnings and info notes
  // go to *warnings when it is not null.
  static Result<WorkerConfig> parse(const RawConfig& raw,
                                    std::vector<ConfigProblem>* warnings = nullptr,
                                    WorkerFlavor flavor = WorkerFlavor::kSelfHosted);

  const std::vector<std::string>& bootstrap_servers() const { return bootstrap_servers_; }
  const std::string& client_id() const { return client_id_; }
  SecurityProtocol security_protocol() const { return security_protocol_; }
  // Java-named client settings of the worker itself, full key names ("ssl.truststore.location",
  // "sasl.jaas.config"); may hold secrets: log through redacted(). Connect does not copy them to
  // sink task consumers, which take consumer_overrides() only (kafka-connect.md §5.1).
  const std::map<std::string, std::string>& security_settings() const { return security_settings_; }
  // consumer.*, producer.*, admin.* with the prefix stripped; may hold secrets.
  const std::map<std::string, std::string>& consumer_overrides() const {
    return consumer_overrides_;
  }
  const std::map<std::string, std::string>& producer_overrides() const {
    return producer_overrides_;
  }
  const std::map<std::string, std::string>& admin_overrides() const { return admin_overrides_; }

  // The worker's converters, each with the worker's sub-config for its slot.
  const ConverterSpec& key_converter() const { return key_converter_; }
  const ConverterSpec& value_converter() const { return value_converter_; }
  const ConverterSpec& header_converter() const { return header_converter_; }

  int64_t offset_flush_interval_ms() const { return offset_flush_interval_ms_; }
  int64_t offset_flush_timeout_ms() const { return offset_flush_timeout_ms_; }
  int64_t task_shutdown_graceful_timeout_ms() const { return task_shutdown_graceful_timeout_ms_; }

  // `listeners`, or http://<rest.host.name>:<rest.port> when only the legacy keys are set.
  const std::vector<RestListener>& rest_listeners() const { return rest_listeners_; }
  const std::optional<std::string>& rest_advertised_host_name() const { return advertised_host_; }
  const std::optional<int32_t>& rest_advertised_port() const { return advertised_port_; }
  // rest.advertised.listener, lower-cased ("http" or "https").
  const std::optional<std::string>& rest_advertised_listener() const {
    return advertised_listener_;
  }

  // admin.listeners: nullopt = the admin endpoints are on the main listeners; empty = disabled.
  const std::optional<std::vector<RestListener>>& admin_listeners() const {
    return admin_listeners_;
  }
  // listeners.https.* / admin.listeners.https.*, prefix stripped ("ssl.keystore.location");
  // may hold secrets.
  const std::map<std::string, std::string>& rest_https_settings() const {
    return rest_https_settings_;
  }
  const std::map<std::string, std::string>& admin_https_settings() const {
    return admin_https_settings_;
  }
  const std::vector<std::string>& rest_extension_classes() const { return rest_extension_classes_; }
  const std::optional<std::string>& rest_basic_auth_credentials_file() const {
    return basic_auth_credentials_file_;
  }
  const std::optional<std::string>& rest_jaas_config_file() const { return rest_jaas_config_file_; }
  bool rest_allow_unauthenticated() const { return rest_allow_unauthenticated_; }

  const std::vector<std::string>& config_providers() const { return config_providers_; }
  ClientConfigOverridePolicy connector_client_config_override_policy() const {
    return override_policy_;
  }
  // Accepted for the record; sink tasks never use the worker's group.
  const std::optional<std::string>& group_id() const { return group_id_; }

 private:
  WorkerConfig() = default;
  friend class WorkerConfigBuilder;

  std::vector<std::string> bootstrap_servers_;
  std::string client_id_;
  SecurityProtocol security_protocol_ = SecurityProtocol::kPlaintext;
  std::map<std::string, std::string> security_settings_;
  std::map<std::string, std::string> consumer_overrides_, producer_overrides_, admin_overrides_;
  ConverterSpec key_converter_, value_converter_, header_converter_;
  int64_t offset_flush_interval_ms_ = 60000;
  int64_t offset_flush_timeout_ms_ = 5000;
  int64_t task_shutdown_graceful_timeout_ms_ = 5000;
  std::vector<RestListener> rest_listeners_;
  std::optional<std::string> advertised_host_;
  std::optional<int32_t> advertised_port_;
  std::optional<std::string> advertised_listener_;
  std::optional<std::vector<RestListener>> admin_listeners_;
  std::map<std::string, std::string> rest_https_settings_, admin_https_settings_;
  std::vector<std::string> rest_extension_classes_;
  std::optional<std::string> basic_auth_credentials_file_, rest_jaas_config_file_;
  bool rest_allow_unauthenticated_ = false;
  std::vector<std::string> config_providers_;
  ClientConfigOverridePolicy override_policy_ = ClientConfigOverridePolicy::kAll;
  std::optional<std::string> group_id_;
};

}  // namespace sluice::config
