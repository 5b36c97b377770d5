#include "config/worker_config.h"

#include <fmt/format.h>

#include <regex>

#include "config/class_alias.h"
#include "config/msk_connect_rules.h"

namespace sluice::config {
namespace {

constexpr const char* kBasicAuthExtensionClass =
    "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

const ClassAliases<ClientConfigOverridePolicy>& override_policies() {
  static const ClassAliases<ClientConfigOverridePolicy> kPolicies(
      {{"org.apache.kafka.connect.connector.policy.AllConnectorClientConfigOverridePolicy",
        ClientConfigOverridePolicy::kAll},
       {"org.apache.kafka.connect.connector.policy.NoneConnectorClientConfigOverridePolicy",
        ClientConfigOverridePolicy::kNone},
       {"org.apache.kafka.connect.connector.policy.PrincipalConnectorClientConfigOverridePolicy",
        ClientConfigOverridePolicy::kPrincipal}},
      {"ConnectorClientConfigOverridePolicy"});
  return kPolicies;
}

std::optional<RestListener> parse_listener(std::string_view text) {
  static const std::regex kListener(R"(^(https?)://(\[[0-9a-fA-F:.]*\]|[^:/\[\]]*):([0-9]{1,5})$)",
                                    std::regex::icase);
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_match(text.begin(), text.end(), m, kListener)) return std::nullopt;
  int port = std::stoi(m[3].str());
  if (port > 65535) return std::nullopt;
  std::string scheme = m[1].str();
  for (char& c : scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return RestListener{scheme, m[2].str(), port};
}

// `listeners` and `admin.listeners`: each element a listener URL.
Validator listener_list_validator() {
  return Validator::custom("http(s)://[host]:port list",
                           [](const ConfigValue& v) -> std::optional<std::string> {
                             const auto* s = std::get_if<std::string>(&v);
                             if (s == nullptr || parse_listener(*s)) return std::nullopt;
                             return "must be http://host:port or https://host:port (host may be "
                                    "empty)";
                           });
}

// host:port, as Kafka's ClientUtils.parseAndValidateAddresses wants it.
bool is_host_port(std::string_view text) {
  static const std::regex kHostPort(R"(^(\[[0-9a-fA-F:.]+\]|[^:\[\]\s]+):([0-9]{1,5})$)");
  return std::regex_match(text.begin(), text.end(), kHostPort);
}

ConfigDef build_worker_definition() {
  using T = ConfigType;
  ConfigDef def("Worker configuration");

  def.begin_group("Kafka", "How the worker reaches Kafka (kafka-connect.md §7.1, §5.1).");
  def.define("bootstrap.servers", T::kList)
      .default_value("localhost:9092")
      .validator(Validator::custom("host:port list",
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || is_host_port(*s)) return std::nullopt;
                                     return "must be host:port";
                                   }))
      .importance(Importance::kHigh)
      .doc("Kafka brokers to bootstrap from.");
  def.define("client.id", T::kString)
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Client id of the worker's own clients (task consumers are named "
          "`connector-consumer-<connector>-<task>`).");
  def.define("security.protocol", T::kString)
      .default_value("PLAINTEXT")
      .validator(Validator::one_of({"PLAINTEXT", "SSL", "SASL_PLAINTEXT", "SASL_SSL"}, true))
      .importance(Importance::kMedium)
      .doc(
          "Protocol of the worker's own clients. Like Connect, sluice does not copy it to sink "
          "task consumers: repeat it as `consumer.security.protocol`.");
  def.define("client.dns.lookup", T::kString)
      .default_value("use_all_dns_ips")
      .validator(Validator::one_of({"use_all_dns_ips", "resolve_canonical_bootstrap_servers_only"}))
      .importance(Importance::kLow)
      .doc("How client host names are resolved.");
  def.define("connector.client.config.override.policy", T::kString)
      .default_value("All")
      .validator(Validator::custom(override_policies().table().describe(),
                                   [](const ConfigValue& v) -> std::optional<std::string> {
                                     const auto* s = std::get_if<std::string>(&v);
                                     if (s == nullptr || override_policies().resolve(*s)) {
                                       return std::nullopt;
                                     }
                                     return "must be All, None or Principal";
                                   }))
      .importance(Importance::kMedium)
      .doc(
          "Which `consumer.override.*` keys connectors may set: `All`, `None`, or `Principal` "
          "(only `sasl.jaas.config`, `sasl.mechanism`, `security.protocol`).");

  def.define_prefix("ssl.", "TLS settings of the worker's own clients (kept as given).");
  def.define_prefix("sasl.", "SASL settings of the worker's own clients (kept as given).");
  def.define_prefix("consumer.",
                    "Settings of every sink task consumer, prefix stripped (this is where "
                    "security settings for consuming go).");
  def.define_prefix("producer.", "Settings of the dead-letter queue producer, prefix stripped.");
  def.define_prefix("admin.", "Settings of the admin client, prefix stripped.");

  def.begin_group("Converters",
                  "Default converters of the worker's connectors (kafka-connect.md §2.0).");
  def.define("key.converter", T::kClass)
      .required()
      .validator(converter_class_validator(ConverterSlot::kKey))
      .importance(Importance::kHigh)
      .hint_when_missing(
          "MSK Connect's default worker configuration uses "
          "org.apache.kafka.connect.storage.StringConverter")
      .doc(
          "Converter of record keys for connectors that do not set their own. Required (MSK "
          "Connect supplies StringConverter when a connector has no worker configuration).");
  def.define("value.converter", T::kClass)
      .required()
      .validator(converter_class_validator(ConverterSlot::kValue))
      .importance(Importance::kHigh)
      .hint_when_missing(
          "MSK Connect's default worker configuration uses "
          "org.apache.kafka.connect.storage.StringConverter")
      .doc(
          "Converter of record values for connectors that do not set their own. Required (MSK "
          "Connect supplies StringConverter when a connector has no worker configuration).");
  def.define("header.converter", T::kClass)
      .default_value("org.apache.kafka.connect.storage.SimpleHeaderConverter")
      .validator(converter_class_validator(ConverterSlot::kHeader))
      .importance(Importance::kLow)
      .doc("Converter of record headers for connectors that do not set their own.");
  for (ConverterSlot slot : {ConverterSlot::kKey, ConverterSlot::kValue, ConverterSlot::kHeader}) {
    std::string key(converter_key(slot));
    def.define_prefix(key + ".", "Sub-configuration of the worker's " + key +
                                     " (prefix stripped), used by connectors that do not set " +
                                     key + " themselves.");
  }

  def.begin_group("Offsets and tasks", "Commit cadence and shutdown (kafka-connect.md §5.4).");
  def.define("offset.flush.interval.ms", T::kLong)
      .default_value("60000")
      .validator(Validator::at_least(0))
      .importance(Importance::kLow)
      .doc("How often sink offsets are committed (only offsets whose files are in S3).");
  def.define("offset.flush.timeout.ms", T::kLong)
      .default_value("5000")
      .validator(Validator::at_least(0))
      .importance(Importance::kLow)
      .doc("How long an offset commit may take before it counts as failed.");
  def.define("task.shutdown.graceful.timeout.ms", T::kLong)
      .default_value("5000")
      .validator(Validator::at_least(0))
      .importance(Importance::kLow)
      .doc("Time all tasks together get to stop cleanly.");

  def.begin_group("REST", "The REST API listeners (kafka-connect.md §6, §7.1).");
  def.define("listeners", T::kList)
      .default_value("http://127.0.0.1:8083")
      .validator(listener_list_validator())
      .importance(Importance::kLow)
      .doc(
          "Where sluice serves its Kafka Connect compatible REST API (the endpoints listed in "
          "the README). An empty host (`http://:8083`) means every interface, as in Connect; "
          "port 0 lets the system choose. `https` listeners take their TLS settings from the "
          "`listeners.https.` keys, else from the worker's `ssl.*` keys. Differs from Kafka "
          "Connect: the default is `http://127.0.0.1:8083` (loopback only; Connect's is "
          "`http://:8083`), and a listener on another address (an empty host included) is "
          "refused at start (exit code 2) unless basic authentication is configured "
          "(`sluice.rest.basic.auth.credentials.file`, or `rest.extension.classes` with the "
          "JAAS file) or `sluice.rest.allow.unauthenticated=true`. A port already in use stops "
          "the start with exit code 1. When `listeners` is unset and `rest.host.name`/`rest.port` "
          "are given, they are used instead.");
  def.define("rest.host.name", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .doc(
          "Legacy listener host (removed from Apache Kafka 3.0; used when `listeners` is unset "
          "and this or `rest.port` is set). Unset means loopback in sluice (every interface in "
          "Connect).");
  def.define("rest.port", T::kInt)
      .default_value("8083")
      .validator(Validator::between(0, 65535))
      .importance(Importance::kLow)
      .doc(
          "Legacy listener port (removed from Apache Kafka 3.0; used when `listeners` is unset "
          "and this or `rest.host.name` is set).");
  def.define("rest.advertised.host.name", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .doc(
          "Host of the advertised URL, shown as the `worker_id` (host:port) in the REST API's "
          "statuses. Unset: the advertised listener's host, or the machine's host name for a "
          "listener on every interface.");
  def.define("rest.advertised.port", T::kInt)
      .default_null()
      .validator(Validator::between(0, 65535))
      .importance(Importance::kLow)
      .doc(
          "Port of the advertised URL (the `worker_id` in statuses). Unset: the advertised "
          "listener's bound port.");
  def.define("rest.advertised.listener", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .doc(
          "Scheme of the listener whose host and port are advertised (`http` or `https`). "
          "Unset: `http` when a listener has it.");
  def.define("admin.listeners", T::kList)
      .default_null()
      .validator(listener_list_validator())
      .importance(Importance::kLow)
      .doc(
          "Listeners of the admin endpoints (`/admin/loggers`), as in Kafka Connect: unset means "
          "they are served on `listeners`; an empty value disables them. `https` admin listeners "
          "take their TLS settings from the `admin.listeners.https.` keys, else from the "
          "worker's `ssl.*` keys. Basic authentication and the non-loopback rule of `listeners` "
          "apply to them too.");
  def.define("access.control.allow.origin", T::kString)
      .default_value("")
      .importance(Importance::kLow)
      .ignored("sluice's REST API does not answer CORS requests yet")
      .doc("CORS allowed origins.");
  def.define("access.control.allow.methods", T::kString)
      .default_value("")
      .importance(Importance::kLow)
      .ignored("sluice's REST API does not answer CORS requests yet")
      .doc("CORS allowed methods.");
  def.define("rest.extension.classes", T::kList)
      .default_value("")
      .validator(Validator::custom(
          "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension",
          [](const ConfigValue& v) -> std::optional<std::string> {
            const auto* s = std::get_if<std::string>(&v);
            if (s == nullptr || *s == kBasicAuthExtensionClass) return std::nullopt;
            return "sluice has no REST extension plugins; it only understands " +
                   std::string(kBasicAuthExtensionClass) +
                   " (basic authentication with the JAAS file of sluice.rest.jaas.config.file or "
                   "-Djava.security.auth.login.config in KAFKA_OPTS)";
          }))
      .importance(Importance::kLow)
      .doc(
          "Connect REST extensions. sluice understands only Kafka's basic authentication "
          "extension, `org.apache.kafka.connect.rest.basic.auth.extension."
          "BasicAuthSecurityRestExtension`: its JAAS file (path in "
          "`sluice.rest.jaas.config.file`, else `-Djava.security.auth.login.config=<path>` in "
          "the `KAFKA_OPTS` environment variable, as Connect's start scripts pass it) must have "
          "a `KafkaConnect` entry with `org.apache.kafka.connect.rest.basic.auth.extension."
          "PropertyFileLoginModule required file=\"<credentials file>\";`, and the credentials "
          "file is read as `sluice.rest.basic.auth.credentials.file` is. Other classes are "
          "refused.");
  def.define("sluice.rest.basic.auth.credentials.file", T::kString)
      .default_null()
      .importance(Importance::kMedium)
      .doc(
          "Turns on HTTP basic authentication for every REST endpoint except `GET /health`: a "
          "Java properties file of `user: password` (or `user=password`) lines, the format of "
          "Kafka's PropertyFileLoginModule. A request without matching credentials gets 401 "
          "with Connect's body `User cannot access the resource.`. The file is read at start "
          "(it must exist and hold at least one user) and read again when its modification time "
          "or size changes, so credentials can be rotated without a restart; if it cannot be "
          "read later, the last good credentials stay in force. Passwords are compared in "
          "constant time. Differs from Kafka Connect: an empty file is refused (Connect lets "
          "every request through) and Connect reads the file only once.");
  def.define("sluice.rest.jaas.config.file", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .doc(
          "The JAAS file of `rest.extension.classes=org.apache.kafka.connect.rest.basic.auth."
          "extension.BasicAuthSecurityRestExtension`, when Connect would find it through "
          "`-Djava.security.auth.login.config`; when unset, sluice reads that option from the "
          "`KAFKA_OPTS` environment variable.");
  def.define("sluice.rest.allow.unauthenticated", T::kBoolean)
      .default_value("false")
      .importance(Importance::kLow)
      .doc(
          "Lets a REST listener on an address other than loopback (127.0.0.0/8, ::1, "
          "localhost) run without basic authentication. Without it, such a listener is refused "
          "at start. Set it only when something else protects the listener, such as a "
          "Kubernetes NetworkPolicy.");
  def.define("response.http.headers.config", T::kString)
      .default_value("")
      .importance(Importance::kLow)
      .ignored("sluice does not add configured response headers")
      .doc("Extra HTTP response headers.");
  def.define_prefix(
      "listeners.https.",
      "TLS settings of `https` listeners, as in Kafka Connect: when any `listeners.https.` key "
      "is set, only these are used, else the worker's `ssl.*` keys are. sluice reads "
      "`ssl.keystore.location`/`.password`/`.type` (PKCS12 or PEM; JKS and JCEKS are refused "
      "with the keytool command that converts them), `ssl.keystore.certificate.chain` and "
      "`ssl.keystore.key` (PEM text, KIP-651), `ssl.key.password`, "
      "`ssl.truststore.location`/`.password`/`.type` (PKCS12 or PEM) and "
      "`ssl.truststore.certificates`, `ssl.client.auth` (`none`, `requested` or `required`: "
      "mutual TLS against the trust store, or the system's CAs without one; "
      "`ssl.client.authentication` is refused with a pointer to it), `ssl.enabled.protocols` "
      "(TLSv1.2, TLSv1.3; default both) and `ssl.cipher.suites` (Java's IANA names, translated "
      "for OpenSSL; a list without TLSv1.3 suites disables TLSv1.3, as in Java). A PKCS12 key "
      "store needs `ssl.key.password` unset or equal to its store password. `ssl.protocol`, "
      "`ssl.provider`, `ssl.keymanager.algorithm`, `ssl.trustmanager.algorithm` and "
      "`ssl.secure.random.implementation` name Java algorithms and have no effect.");
  def.define_prefix("admin.listeners.https.",
                    "TLS settings of `https` admin listeners; the same keys and rule as "
                    "`listeners.https.`.");

  def.begin_group("Config providers",
                  "`${provider:path:key}` placeholders (Apache Kafka's KIP-297, KIP-421).");
  def.define("config.providers", T::kList)
      .default_value("")
      .importance(Importance::kLow)
      .doc(
          "Names of config providers; each needs `config.providers.<name>.class`. Their "
          "`${<name>:[path:]key}` placeholders are resolved in the worker's values and the "
          "connector's before either is validated; one that cannot be resolved is a configuration "
          "error. Classes: `org.apache.kafka.common.config.provider.FileConfigProvider`, "
          "`DirectoryConfigProvider`, `EnvVarConfigProvider` (same package), and "
          "`com.amazonaws.kafka.config.providers.SecretsManagerConfigProvider`, "
          "`SsmParamStoreConfigProvider` (aws-samples/msk-config-providers).");
  def.define_prefix("config.providers.",
                    "`config.providers.<name>.class` and `.param.*`: FileConfigProvider and "
                    "DirectoryConfigProvider take `param.allowed.paths`, EnvVarConfigProvider "
                    "`param.allowlist.pattern`, the AWS providers `param.region`, "
                    "`param.endpoint` and `param.NotFoundStrategy` (`fail`, the default in "
                    "sluice, or `ignore`), and SecretsManagerConfigProvider "
                    "`param.RawSecretEncoding` (`none` or `base64`).");
  def.begin_group("Accepted and ignored",
                  "Connect worker keys that have no meaning for sluice; they are accepted so that "
                  "existing files work, and noted when set.");
  const std::string distributed =
      "sluice coordinates through the consumer group, not a Connect "
      "worker group";
  def.define("group.id", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .ignored(
          "sink tasks consume in the group connect-<connector name>; the worker group of "
          "distributed Connect is not used")
      .doc("Distributed Connect's worker group.");
  for (const char* key : {"config.storage.topic", "offset.storage.topic", "status.storage.topic"}) {
    def.define(key, T::kString)
        .default_null()
        .importance(Importance::kLow)
        .ignored(
            "sink offsets live in the connector's consumer group; sluice keeps no Connect "
            "internal topics")
        .doc("Distributed Connect internal topic.");
  }
  for (const char* key : {"config.storage.replication.factor", "offset.storage.replication.factor",
                          "status.storage.replication.factor", "offset.storage.partitions",
                          "status.storage.partitions"}) {
    def.define(key, T::kInt)
        .default_null()
        .importance(Importance::kLow)
        .ignored("sluice keeps no Connect internal topics")
        .doc("Distributed Connect internal topic setting.");
  }
  def.define("offset.storage.file.filename", T::kString)
      .default_null()
      .importance(Importance::kLow)
      .ignored("standalone source-connector offsets; sink offsets live in Kafka")
      .doc("Standalone Connect offset file (source connectors only).");
  def.define("plugin.path", T::kList)
      .default_null()
      .importance(Importance::kLow)
      .ignored("sluice has no plugins: the S3 sink, its formats and the converters are built in")
      .doc("Connect plugin directories.");
  def.define("plugin.discovery", T::kString)
      .default_value("hybrid_warn")
      .importance(Importance::kLow)
      .ignored("sluice has no plugins")
      .doc("Connect plugin discovery mode.");
  for (const char* key :
       {"session.timeout.ms", "heartbeat.interval.ms", "rebalance.timeout.ms",
        "worker.sync.timeout.ms", "worker.unsync.backoff.ms", "scheduled.rebalance.max.delay.ms"}) {
    def.define(key, T::kLong)
        .default_null()
        .importance(Importance::kLow)
        .ignored(distributed)
        .doc(
            "Distributed Connect worker-group timing. Sink task consumers take their own "
            "settings from `consumer.*`.");
  }
  for (const char* key : {"connect.protocol", "exactly.once.source.support"}) {
    def.define(key, T::kString)
        .default_null()
        .importance(Importance::kLow)
        .ignored(distributed)
        .doc("Distributed Connect setting.");
  }
  for (const char* key : {"topic.tracking.enable", "topic.tracking.allow.reset"}) {
    def.define(key, T::kBoolean)
        .default_value("true")
        .importance(Importance::kLow)
        .ignored("sluice does not track connector topics")
        .doc("Connect topic tracking.");
  }
  def.define("metric.reporters", T::kList)
      .default_value("")
      .importance(Importance::kLow)
      .ignored(
          "sluice has no JMX and no pluggable reporters; it serves Prometheus metrics at "
          "GET /metrics on the REST listeners instead (docs/metrics.md)")
      .doc("Java metric reporters.");
  def.define_prefix("metrics.", "Java metrics settings; not used.");
  def.define_prefix("inter.worker.", "Distributed Connect inter-worker settings; not used.");
  return def;
}

}  // namespace

std::string_view to_string(SecurityProtocol value) {
  switch (value) {
    case SecurityProtocol::kPlaintext:
      return "PLAINTEXT";
    case SecurityProtocol::kSsl:
      return "SSL";
    case SecurityProtocol::kSaslPlaintext:
      return "SASL_PLAINTEXT";
    case SecurityProtocol::kSaslSsl:
      return "SASL_SSL";
  }
  return "PLAINTEXT";
}

std::string_view to_string(ClientConfigOverridePolicy value) {
  switch (value) {
    case ClientConfigOverridePolicy::kAll:
      return "All";
    case ClientConfigOverridePolicy::kNone:
      return "None";
    case ClientConfigOverridePolicy::kPrincipal:
      return "Principal";
  }
  return "All";
}

const ConfigDef& worker_definition() {
  static const ConfigDef kDefinition = build_worker_definition();
  return kDefinition;
}

// Fills a WorkerConfig from the parsed keys (a friend, so WorkerConfig stays immutable).
class WorkerConfigBuilder {
 public:
  WorkerConfigBuilder(const RawConfig& raw, ConfigReport* report)
      : raw_(raw), report_(report), parsed_(worker_definition().parse(raw, report)) {}

  WorkerConfig build() {
    WorkerConfig& w = config_;
    w.bootstrap_servers_ = parsed_.list_value("bootstrap.servers");
    if (parsed_.is_valid("bootstrap.servers") && w.bootstrap_servers_.empty()) {
      report_->add(invalid_value("bootstrap.servers", "", "at least one host:port is needed",
                                 raw_.location("bootstrap.servers")));
    }
    w.client_id_ = parsed_.string_value("client.id");
    std::string protocol = parsed_.string_value("security.protocol");
    for (char& c : protocol) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (SecurityProtocol p : {SecurityProtocol::kPlaintext, SecurityProtocol::kSsl,
                               SecurityProtocol::kSaslPlaintext, SecurityProtocol::kSaslSsl}) {
      if (protocol == to_string(p)) w.security_protocol_ = p;
    }
    for (const RawEntry& entry : raw_.entries()) {
      if (entry.key.rfind("ssl.", 0) == 0 || entry.key.rfind("sasl.", 0) == 0) {
        w.security_settings_[entry.key] = entry.value;
      }
    }
    w.consumer_overrides_ = raw_.with_prefix("consumer.");
    w.producer_overrides_ = raw_.with_prefix("producer.");
    w.admin_overrides_ = raw_.with_prefix("admin.");
    // admin.listeners is a key of its own, not an admin client setting.
    for (auto it = w.admin_overrides_.begin(); it != w.admin_overrides_.end();) {
      it = it->first.rfind("listeners", 0) == 0 ? w.admin_overrides_.erase(it) : std::next(it);
    }

    for (ConverterSlot slot :
         {ConverterSlot::kKey, ConverterSlot::kValue, ConverterSlot::kHeader}) {
      std::string key(converter_key(slot));
      ConverterSpec* spec = slot == ConverterSlot::kKey     ? &w.key_converter_
                            : slot == ConverterSlot::kValue ? &w.value_converter_
                                                            : &w.header_converter_;
      if (auto converter = converter_classes().resolve(parsed_.string_value(key))) {
        spec->converter = *converter;
        spec->class_name = converter_classes().full_name(*converter);
      }
      spec->config = raw_.with_prefix(key + ".");
      spec->layer = ConfigLayer::kWorker;
    }

    w.offset_flush_interval_ms_ = parsed_.long_value("offset.flush.interval.ms");
    w.offset_flush_timeout_ms_ = parsed_.long_value("offset.flush.timeout.ms");
    w.task_shutdown_graceful_timeout_ms_ = parsed_.long_value("task.shutdown.graceful.timeout.ms");

    if (parsed_.is_set("listeners") ||
        (!parsed_.is_set("rest.host.name") && !parsed_.is_set("rest.port"))) {
      for (const std::string& text : parsed_.list_value("listeners")) {
        if (auto listener = parse_listener(text)) w.rest_listeners_.push_back(*listener);
      }
    } else {
      // Connect binds every interface when rest.host.name is unset; sluice stays on loopback.
      w.rest_listeners_.push_back(
          RestListener{"http", parsed_.optional_string("rest.host.name").value_or("127.0.0.1"),
                       parsed_.int_value("rest.port")});
    }
    if (parsed_.is_set("admin.listeners")) {
      std::vector<RestListener> admin;
      for (const std::string& text : parsed_.list_value("admin.listeners")) {
        if (auto listener = parse_listener(text)) admin.push_back(*listener);
      }
      w.admin_listeners_ = std::move(admin);
    }
    w.rest_https_settings_ = raw_.with_prefix("listeners.https.");
    w.admin_https_settings_ = raw_.with_prefix("admin.listeners.https.");
    w.rest_extension_classes_ = parsed_.list_value("rest.extension.classes");
    w.basic_auth_credentials_file_ =
        parsed_.optional_string("sluice.rest.basic.auth.credentials.file");
    w.rest_jaas_config_file_ = parsed_.optional_string("sluice.rest.jaas.config.file");
    w.rest_allow_unauthenticated_ = parsed_.bool_value("sluice.rest.allow.unauthenticated");
    w.advertised_host_ = parsed_.optional_string("rest.advertised.host.name");
    if (std::optional<std::string> scheme = parsed_.optional_string("rest.advertised.listener")) {
      for (char& c : *scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      w.advertised_listener_ = std::move(scheme);
    }
    if (std::holds_alternative<int32_t>(parsed_.value("rest.advertised.port"))) {
      w.advertised_port_ = parsed_.int_value("rest.advertised.port");
    }

    w.config_providers_ = parsed_.list_value("config.providers");
    w.override_policy_ =
        override_policies()
            .resolve(parsed_.string_value("connector.client.config.override.policy"))
            .value_or(ClientConfigOverridePolicy::kAll);
    w.group_id_ = parsed_.optional_string("group.id");

    check_security_settings();
    return std::move(config_);
  }

 private:
  // kafka-connect.md §5.1: top-level security settings are not inherited by task consumers.
  void check_security_settings() {
    const WorkerConfig& w = config_;
    bool top_level_security = (parsed_.is_set("security.protocol") &&
                               w.security_protocol_ != SecurityProtocol::kPlaintext) ||
                              !w.security_settings_.empty();
    if (top_level_security && w.consumer_overrides_.count("security.protocol") == 0) {
      std::string key = parsed_.is_set("security.protocol") ? "security.protocol"
                                                            : w.security_settings_.begin()->first;
      report_->add(ConfigProblem{
          key, is_sensitive_key(key) ? std::string(Password::kHidden) : std::string(*raw_.get(key)),
          "The worker sets " + key +
              " but not consumer.security.protocol: as in Kafka Connect, sink task consumers do "
              "not inherit the worker's top-level security settings; repeat them with the "
              "consumer. prefix (consumer.security.protocol, consumer.sasl.*, consumer.ssl.*)",
          Severity::kWarning, raw_.location(key)});
    }
  }

  const RawConfig& raw_;
  ConfigReport* report_;
  ParsedConfig parsed_;
  WorkerConfig config_;
};

ConfigReport WorkerConfig::validate(const RawConfig& raw, WorkerFlavor flavor) {
  ConfigReport report;
  WorkerConfigBuilder(raw, &report).build();
  if (flavor == WorkerFlavor::kMskConnect) check_msk_connect_worker_rules(raw, &report);
  return report;
}

Result<WorkerConfig> WorkerConfig::parse(const RawConfig& raw, std::vector<ConfigProblem>* warnings,
                                         WorkerFlavor flavor) {
  ConfigReport report;
  WorkerConfig config = WorkerConfigBuilder(raw, &report).build();
  if (flavor == WorkerFlavor::kMskConnect) check_msk_connect_worker_rules(raw, &report);
  if (warnings != nullptr) {
    for (ConfigProblem& p : report.warnings) warnings->push_back(std::move(p));
  }
  std::string what = "invalid worker configuration";
  if (!raw.source_name().empty()) what += " in " + raw.source_name();
  if (!report.ok()) return problems_to_status(what, report.errors);
  return config;
}

}  // namespace sluice::config
