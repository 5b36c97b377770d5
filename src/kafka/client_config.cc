#include "kafka/client_config.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <set>

#include "kafka/java_keys.h"
#include "kafka/kerberos_config.h"
#include "kafka/tls_stores.h"

namespace sluice::kafka {

namespace {

// Java consumer keys that librdkafka understands under the same name with the same meaning.
const std::set<std::string>& same_name_keys() {
  static const std::set<std::string> kKeys = {
      "auto.offset.reset",
      "session.timeout.ms",
      "heartbeat.interval.ms",
      "max.poll.interval.ms",
      "fetch.min.bytes",
      "fetch.max.bytes",
      "max.partition.fetch.bytes",
      "fetch.max.wait.ms",
      "isolation.level",
      "client.rack",
      "metadata.max.age.ms",
      "reconnect.backoff.ms",
      "reconnect.backoff.max.ms",
      "retry.backoff.ms",
      "socket.connection.setup.timeout.ms",
      "connections.max.idle.ms",
      "security.protocol",
      "sasl.mechanism",
      "sasl.username",
      "sasl.password",
      "ssl.ca.location",
      "ssl.certificate.location",
      "ssl.key.location",
      "ssl.key.password",
      "ssl.endpoint.identification.algorithm",
      "ssl.cipher.suites",
      "group.instance.id",
      "partition.assignment.strategy",
      "client.dns.lookup",
      "check.crcs",
      "receive.buffer.bytes",
      "send.buffer.bytes",
      "request.timeout.ms",
      "default.api.timeout.ms",
      "allow.auto.create.topics",
      "client.id",
      "group.id",
      "bootstrap.servers",
      "enable.auto.commit",
      "auto.commit.interval.ms",
  };
  return kKeys;
}

// Keys with no meaning for librdkafka: Java classes and JVM-only tuning.
const std::set<std::string>& ignored_keys() {
  static const std::set<std::string> kKeys = {
      "key.deserializer",
      "value.deserializer",
      "interceptor.classes",
      "metric.reporters",
      "metrics.num.samples",
      "metrics.sample.window.ms",
      "metrics.recording.level",
      "exclude.internal.topics",
      "auto.include.jmx.reporter",
      "enable.metrics.push",
      "default.api.timeout.ms",
      "request.timeout.ms",
      "receive.buffer.bytes",
      "send.buffer.bytes",
      "client.dns.lookup",
      "retry.backoff.max.ms",
      "security.providers",
      // Java security plumbing: JVM TLS providers and login refresh tuning. librdkafka uses
      // OpenSSL's protocol negotiation and refreshes logins itself.
      "ssl.protocol",
      "ssl.enabled.protocols",
      "ssl.provider",
      "ssl.keymanager.algorithm",
      "ssl.trustmanager.algorithm",
      "ssl.secure.random.implementation",
      "ssl.engine.factory.class",
      "ssl.allow.dn.changes",
      "ssl.allow.san.changes",
      "sasl.login.refresh.window.factor",
      "sasl.login.refresh.window.jitter",
      "sasl.login.refresh.min.period.seconds",
      "sasl.login.refresh.buffer.seconds",
      "sasl.login.connect.timeout.ms",
      "sasl.login.read.timeout.ms",
      "sasl.login.retry.backoff.ms",
      "sasl.login.retry.backoff.max.ms",
      "sasl.kerberos.ticket.renew.window.factor",
      "sasl.kerberos.ticket.renew.jitter",
  };
  return kKeys;
}

// Security keys are translated together (translate_security) because their meaning depends on
// each other (a store's type and location, a mechanism and its JAAS entry).
const std::set<std::string>& security_keys() {
  static const std::set<std::string> kKeys = {
      "security.protocol",
      "sasl.mechanism",
      "sasl.jaas.config",
      "sasl.login.callback.handler.class",
      "sasl.client.callback.handler.class",
      "sasl.login.class",
      "ssl.endpoint.identification.algorithm",
      "ssl.truststore.location",
      "ssl.truststore.type",
      "ssl.truststore.password",
      "ssl.truststore.certificates",
      "ssl.keystore.location",
      "ssl.keystore.type",
      "ssl.keystore.password",
      "ssl.keystore.certificate.chain",
      "ssl.keystore.key",
      // GSSAPI (translate_gssapi). The last two are librdkafka's, not the Java client's.
      "sasl.kerberos.service.name",
      "sasl.kerberos.kinit.cmd",
      "sasl.kerberos.min.time.before.relogin",
      "sasl.kerberos.principal",
      "sasl.kerberos.keytab",
  };
  return kKeys;
}

// The class names of aws-msk-iam-auth, the Java library MSK documents for IAM authentication.
constexpr const char* kMskIamLoginModule = "software.amazon.msk.auth.iam.IAMLoginModule";
constexpr const char* kMskIamClientCallbackHandler =
    "software.amazon.msk.auth.iam.IAMClientCallbackHandler";
constexpr const char* kMskIamOAuthBearerHandler =
    "software.amazon.msk.auth.iam.IAMOAuthBearerLoginCallbackHandler";

// Kafka's own OIDC login handler (KIP-768): client credentials from a token endpoint. It moved
// out of the `secured` package in Kafka 3.4; both names are in use.
bool is_oidc_login_handler(std::string_view cls) {
  return cls == "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler" ||
         cls ==
             "org.apache.kafka.common.security.oauthbearer.secured.OAuthBearerLoginCallbackHandler";
}

// What the Java client's OAUTHBEARER login needs, gathered from sasl.jaas.config and the
// sasl.oauthbearer.* keys before they are translated together.
struct OAuthBearerLogin {
  bool oidc = false;  // Kafka's OIDC login handler is configured
  std::optional<config::JaasLoginModule> module;
};

// The sasl.oauthbearer.* keys. Those librdkafka spells the same way are passed on; the Java
// client's token validation and retriever settings have no librdkafka counterpart.
Status translate_oauthbearer_keys(const std::map<std::string, std::string>& java,
                                  bool librdkafka_tokens, ClientConfig& config) {
  // What librdkafka spells the same way. They are handed on only when librdkafka makes the tokens
  // itself (OAUTHBEARER without MSK IAM or Kafka's OIDC handler, whose settings sluice reads
  // directly): elsewhere the Java client ignores them, and librdkafka builds without OIDC would
  // refuse them.
  static const std::set<std::string> kSameName = {
      "sasl.oauthbearer.token.endpoint.url",
      "sasl.oauthbearer.method",
      "sasl.oauthbearer.client.id",
      "sasl.oauthbearer.client.secret",
      "sasl.oauthbearer.scope",
      "sasl.oauthbearer.extensions",
      "sasl.oauthbearer.config",
  };
  // Read by the OIDC login (translate_oauthbearer_login).
  static const std::set<std::string> kOidcKeys = {
      "sasl.oauthbearer.sub.claim.name",
      "sasl.oauthbearer.header.urlencode",
      "sasl.oauthbearer.client.credentials.client.id",
      "sasl.oauthbearer.client.credentials.client.secret",
  };
  for (const auto& [key, value] : java) {
    if (!starts_with(key, "sasl.oauthbearer.")) continue;
    if (key == "sasl.oauthbearer.jwt.retriever.class" &&
        !ends_with(value, ".ClientCredentialsJwtRetriever") &&
        !ends_with(value, ".DefaultJwtRetriever")) {
      return Status::invalid_argument(
          invalid_value(key, value,
                        "sluice fetches OAUTHBEARER tokens with the client_credentials grant only "
                        "(ClientCredentialsJwtRetriever)"));
    }
    if (kSameName.count(key) != 0 && librdkafka_tokens) {
      config.properties[key] = value;
    } else if (kSameName.count(key) == 0 && kOidcKeys.count(key) == 0) {
      config.notes.push_back(key + " has no effect in sluice (Java client setting)");
    }
  }
  return Status::ok_status();
}

// OAuthBearerLoginModule options in librdkafka's terms. With Kafka's OIDC login handler they are
// the client credentials (clientId, clientSecret, scope, extension_<name>); without a handler the
// Java client makes unsecured JWTs (unsecuredLoginStringClaim_sub, ...), for tests, and so does
// librdkafka with enable.sasl.oauthbearer.unsecure.jwt.
Status translate_oauthbearer_login(const std::map<std::string, std::string>& java,
                                   const OAuthBearerLogin& login, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  const config::JaasLoginModule empty;
  const config::JaasLoginModule& module = login.module ? *login.module : empty;
  std::string extensions;
  for (const auto& [name, value] : module.options) {
    if (!starts_with(name, "extension_")) continue;
    if (!extensions.empty()) extensions += ",";
    extensions += name.substr(10) + "=" + value;
  }
  if (login.oidc) {
    ClientConfig::Oidc oidc;
    // As Java's configOrJaas: the configuration key when it is set, else the JAAS option.
    auto pick = [&](std::initializer_list<const char*> keys, const char* option) {
      for (const char* key : keys) {
        if (auto value = get(java, key)) return *value;
      }
      return module.option(option).value_or("");
    };
    oidc.token_endpoint_url = get(java, "sasl.oauthbearer.token.endpoint.url").value_or("");
    oidc.client_id =
        pick({"sasl.oauthbearer.client.credentials.client.id", "sasl.oauthbearer.client.id"},
             "clientId");
    oidc.client_secret = pick(
        {"sasl.oauthbearer.client.credentials.client.secret", "sasl.oauthbearer.client.secret"},
        "clientSecret");
    oidc.scope = pick({"sasl.oauthbearer.scope"}, "scope");
    if (auto value = get(java, "sasl.oauthbearer.sub.claim.name")) oidc.sub_claim_name = *value;
    oidc.header_urlencode =
        to_lower(get(java, "sasl.oauthbearer.header.urlencode").value_or("false")) == "true";
    if (starts_with(oidc.token_endpoint_url, "file:")) {
      return Status::invalid_argument(invalid_value(
          "sasl.oauthbearer.token.endpoint.url", oidc.token_endpoint_url,
          "sluice fetches tokens from an HTTP(S) token endpoint; Java's file-based token (a file: "
          "URL) is not supported"));
    }
    for (const auto& [name, value] : module.options) {
      if (starts_with(name, "extension_")) oidc.extensions.emplace_back(name.substr(10), value);
    }
    if (oidc.token_endpoint_url.empty()) {
      return Status::invalid_argument(
          "Kafka's OAuthBearerLoginCallbackHandler needs sasl.oauthbearer.token.endpoint.url "
          "(the OAuth token endpoint)");
    }
    if (oidc.client_id.empty() || oidc.client_secret.empty()) {
      return Status::invalid_argument(
          "OAUTHBEARER with Kafka's OAuthBearerLoginCallbackHandler needs a client id and secret: "
          "the sasl.jaas.config options clientId and clientSecret (or "
          "sasl.oauthbearer.client.credentials.client.id / .client.secret)");
    }
    for (const auto& [name, value] : module.options) {
      if (name != "clientId" && name != "clientSecret" && name != "scope" &&
          !starts_with(name, "extension_")) {
        config.notes.push_back("sasl.jaas.config option " + name + " has no effect in sluice");
      }
    }
    config.oidc = std::move(oidc);
    return Status::ok_status();
  }
  if (auto sub = module.option("unsecuredLoginStringClaim_sub")) {
    if (get(java, "sasl.oauthbearer.method").value_or("default") != "default") {
      return Status::ok_status();  // librdkafka's own settings say where tokens come from
    }
    std::string text = "principal=" + *sub;
    if (auto scope = module.option("unsecuredLoginListClaim_scope")) text += " scope=" + *scope;
    if (auto life = module.option("unsecuredLoginLifetimeSeconds")) text += " lifeSeconds=" + *life;
    // The unsecured handler's extensions are unsecuredLoginExtension_<name> options.
    for (const auto& [name, value] : module.options) {
      if (starts_with(name, "unsecuredLoginExtension_")) {
        text += " extension_" + name.substr(24) + "=" + value;
      }
    }
    p["enable.sasl.oauthbearer.unsecure.jwt"] = "true";
    p["sasl.oauthbearer.config"] = text;
    config.notes.push_back(
        "OAUTHBEARER with unsecured JWTs (unsecuredLoginStringClaim_sub): for tests only, as in "
        "the Java client");
    return Status::ok_status();
  }
  if (get(java, "sasl.oauthbearer.method").value_or("default") == "default" &&
      get(java, "sasl.oauthbearer.config") == std::nullopt) {
    config.notes.push_back(
        "OAUTHBEARER without a login callback handler or unsecuredLoginStringClaim_sub: set "
        "sasl.login.callback.handler.class=org.apache.kafka.common.security.oauthbearer."
        "OAuthBearerLoginCallbackHandler with sasl.oauthbearer.token.endpoint.url for OIDC");
  }
  return Status::ok_status();
}

// sasl.jaas.config: credentials in the shape librdkafka takes them.
Status translate_jaas(const std::string& text, const std::optional<std::string>& mechanism,
                      ClientConfig& config, OAuthBearerLogin& oauthbearer) {
  SLUICE_ASSIGN_OR_RETURN(config::JaasLoginModule module, config::parse_jaas_config(text));
  std::map<std::string, std::string>& p = config.properties;
  const std::string& cls = module.class_name;
  if (config.msk_iam_options) {
    const bool aws_msk_iam = mechanism && *mechanism == "AWS_MSK_IAM";
    if (aws_msk_iam ? cls != kMskIamLoginModule : !ends_with(cls, ".OAuthBearerLoginModule")) {
      return config::jaas_error(std::string("MSK IAM authentication needs the login module ") +
                                (aws_msk_iam ? kMskIamLoginModule
                                             : "org.apache.kafka.common.security.oauthbearer."
                                               "OAuthBearerLoginModule") +
                                ", not " + cls);
    }
  }
  if (ends_with(cls, ".ScramLoginModule") || ends_with(cls, ".PlainLoginModule")) {
    auto username = module.option("username");
    auto password = module.option("password");
    if (!username || !password) {
      return config::jaas_error(cls + " needs the options username and password");
    }
    if (module.option("tokenauth") && to_lower(*module.option("tokenauth")) == "true") {
      return config::jaas_error("delegation tokens (tokenauth=true) are not supported by sluice");
    }
    for (const auto& [name, value] : module.options) {
      if (name != "username" && name != "password" && name != "tokenauth") {
        config.notes.push_back("sasl.jaas.config option " + name + " has no effect in sluice");
      }
    }
    bool plain_module = ends_with(cls, ".PlainLoginModule");
    if (mechanism && (plain_module ? *mechanism != "PLAIN" : !starts_with(*mechanism, "SCRAM-"))) {
      config.notes.push_back("sasl.jaas.config uses " + cls + " with sasl.mechanism=" + *mechanism +
                             "; its username and password are used for " + *mechanism);
    }
    p["sasl.username"] = *username;
    p["sasl.password"] = *password;
    return Status::ok_status();
  }
  if (cls == kMskIamLoginModule) {
    if (!mechanism || *mechanism != "AWS_MSK_IAM") {
      return config::jaas_error(cls + " needs sasl.mechanism=AWS_MSK_IAM");
    }
    config.msk_iam_options = module.options;
    return Status::ok_status();
  }
  if (ends_with(cls, ".OAuthBearerLoginModule")) {
    if (config.msk_iam_options) {
      // MSK IAM over OAUTHBEARER: the IAM callback handler reads its options from this entry.
      config.msk_iam_options = module.options;
      return Status::ok_status();
    }
    // Translated with the sasl.oauthbearer.* keys (translate_oauthbearer_login).
    oauthbearer.module = module;
    return Status::ok_status();
  }
  if (ends_with(cls, ".Krb5LoginModule")) {
    // Translated with the sasl.kerberos.* keys (translate_gssapi), which it must agree with.
    return Status::ok_status();
  }
  return config::jaas_error(
      "login module " + cls +
      " is not known to sluice; it understands ScramLoginModule, PlainLoginModule, "
      "OAuthBearerLoginModule, Krb5LoginModule and MSK's IAMLoginModule");
}

Status translate_security(const std::map<std::string, std::string>& java, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  std::string protocol = "PLAINTEXT";
  if (auto value = get(java, "security.protocol")) {
    protocol = to_upper(*value);
    if (protocol != "PLAINTEXT" && protocol != "SSL" && protocol != "SASL_PLAINTEXT" &&
        protocol != "SASL_SSL") {
      return Status::invalid_argument(invalid_value(
          "security.protocol", *value, "must be one of PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL"));
    }
    p["security.protocol"] = to_lower(protocol);
  }
  std::optional<std::string> mechanism;
  if (auto value = get(java, "sasl.mechanism")) {
    mechanism = to_upper(*value);
    if (*mechanism != "GSSAPI" && *mechanism != "PLAIN" && *mechanism != "SCRAM-SHA-256" &&
        *mechanism != "SCRAM-SHA-512" && *mechanism != "OAUTHBEARER" &&
        *mechanism != "AWS_MSK_IAM") {
      return Status::invalid_argument(invalid_value(
          "sasl.mechanism", *value,
          "sluice supports GSSAPI, PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER and "
          "AWS_MSK_IAM"));
    }
    // MSK IAM: librdkafka has no AWS_MSK_IAM mechanism, but MSK's IAM listeners take the same
    // signature as an OAUTHBEARER token, which sluice makes itself.
    p["sasl.mechanism"] = *mechanism == "AWS_MSK_IAM" ? "OAUTHBEARER" : *mechanism;
  }
  const bool aws_msk_iam = mechanism && *mechanism == "AWS_MSK_IAM";
  bool iam_oauthbearer_handler = false;
  OAuthBearerLogin oauthbearer;
  for (const char* key : {"sasl.login.callback.handler.class", "sasl.client.callback.handler.class",
                          "sasl.login.class"}) {
    auto value = get(java, key);
    if (!value) continue;
    // The classes of aws-msk-iam-auth that MSK's documentation tells users to configure: sluice
    // does their job natively.
    if (aws_msk_iam && std::string_view(key) == "sasl.client.callback.handler.class" &&
        *value == kMskIamClientCallbackHandler) {
      continue;
    }
    if (mechanism == "OAUTHBEARER" && std::string_view(key) != "sasl.login.class" &&
        *value == kMskIamOAuthBearerHandler) {
      iam_oauthbearer_handler = true;
      continue;
    }
    if (mechanism == "OAUTHBEARER" &&
        std::string_view(key) == "sasl.login.callback.handler.class" &&
        is_oidc_login_handler(*value)) {
      oauthbearer.oidc = true;
      continue;
    }
    if (value->find("software.amazon.msk.auth.iam") != std::string::npos) {
      return Status::invalid_argument(invalid_value(
          key, *value,
          "for MSK IAM use sasl.mechanism=AWS_MSK_IAM with sasl.client.callback.handler.class=" +
              std::string(kMskIamClientCallbackHandler) +
              ", or sasl.mechanism=OAUTHBEARER with sasl.login.callback.handler.class=" +
              std::string(kMskIamOAuthBearerHandler)));
    }
    return Status::invalid_argument(invalid_value(
        key, *value,
        "sluice cannot run Java classes; configure the credentials in sasl.jaas.config"));
  }
  if (aws_msk_iam || iam_oauthbearer_handler) {
    // Marks MSK IAM before the JAAS entry is read; the entry supplies the options.
    config.msk_iam_options.emplace();
    if (!get(java, "sasl.jaas.config")) {
      return Status::invalid_argument(
          "MSK IAM authentication needs sasl.jaas.config=" +
          std::string(aws_msk_iam ? kMskIamLoginModule
                                  : "org.apache.kafka.common.security.oauthbearer."
                                    "OAuthBearerLoginModule") +
          " required; (set consumer.sasl.jaas.config in the worker configuration)");
    }
  }
  if (auto jaas = get(java, "sasl.jaas.config")) {
    if (java.count("sasl.username") != 0 || java.count("sasl.password") != 0) {
      return Status::invalid_argument(
          "Configuration sasl.jaas.config and sasl.username/sasl.password both give SASL "
          "credentials; set only one of them");
    }
    SLUICE_RETURN_IF_ERROR(translate_jaas(*jaas, mechanism, config, oauthbearer));
  }
  SLUICE_RETURN_IF_ERROR(translate_oauthbearer_keys(
      java, mechanism == "OAUTHBEARER" && !config.msk_iam_options && !oauthbearer.oidc, config));
  if (mechanism == "OAUTHBEARER" && !config.msk_iam_options) {
    SLUICE_RETURN_IF_ERROR(translate_oauthbearer_login(java, oauthbearer, config));
  }
  if (auto value = get(java, "ssl.endpoint.identification.algorithm")) {
    std::string algorithm = to_lower(*value);
    if (algorithm == "https") {
      p["ssl.endpoint.identification.algorithm"] = "https";
    } else if (algorithm.empty() || algorithm == "none") {
      p["ssl.endpoint.identification.algorithm"] = "none";
    } else {
      return Status::invalid_argument(invalid_value("ssl.endpoint.identification.algorithm", *value,
                                                    "must be https or empty (no host name check)"));
    }
  }
  SLUICE_RETURN_IF_ERROR(translate_truststore(java, config));
  SLUICE_RETURN_IF_ERROR(translate_keystore(java, config));

  // The Java client fails at start-up when a SASL mechanism has no credentials; say so now, with
  // the frequent cause (spec kafka-connect.md §5.1: top-level worker security keys are not given
  // to task consumers).
  std::string effective = mechanism.value_or("GSSAPI");
  bool sasl = protocol == "SASL_SSL" || protocol == "SASL_PLAINTEXT";
  if (sasl && (effective == "PLAIN" || starts_with(effective, "SCRAM-")) &&
      p.count("sasl.username") == 0) {
    return Status::invalid_argument(
        "security.protocol=" + protocol + " with sasl.mechanism=" + effective +
        " needs credentials: set consumer.sasl.jaas.config in the worker configuration (top-level "
        "sasl.* and security.* worker keys are not given to the task consumers)");
  }
  // GSSAPI is the Java client's default mechanism, and librdkafka's; say so rather than rely on
  // the two defaults staying equal.
  if (sasl && !mechanism) p["sasl.mechanism"] = "GSSAPI";
  return translate_gssapi(java, sasl && effective == "GSSAPI", config);
}

enum class GroupProtocol { kClassic, kConsumer };

// group.protocol (KIP-848): `classic` (the default, as in Kafka Connect) or `consumer`, where the
// broker assigns partitions and owns the session timeout. The Java client (4.x) refuses the
// classic-only keys under `consumer` and group.remote.assignor under `classic`, before
// connecting; so does sluice, with the Java client's messages. librdkafka spells both values in
// lower case.
Result<GroupProtocol> translate_group_protocol(const std::map<std::string, std::string>& java,
                                               ClientConfig& config) {
  std::string protocol = to_upper(get(java, "group.protocol").value_or("classic"));
  if (protocol != "CLASSIC" && protocol != "CONSUMER") {
    return Status::invalid_argument(
        "Invalid value " + *get(java, "group.protocol") +
        " for configuration group.protocol: String must be one of (case insensitive): CLASSIC, "
        "CONSUMER");
  }
  const bool consumer = protocol == "CONSUMER";
  auto assignor = get(java, "group.remote.assignor");
  if (consumer) {
    for (const char* key :
         {"partition.assignment.strategy", "session.timeout.ms", "heartbeat.interval.ms"}) {
      if (java.count(key) != 0) {
        return Status::invalid_argument(std::string(key) +
                                        " cannot be set when group.protocol=CONSUMER");
      }
    }
    config.properties["group.protocol"] = "consumer";
    if (assignor && !assignor->empty()) config.properties["group.remote.assignor"] = *assignor;
    return GroupProtocol::kConsumer;
  }
  if (assignor && !assignor->empty()) {
    return Status::invalid_argument(
        "group.remote.assignor cannot be set when group.protocol=CLASSIC");
  }
  return GroupProtocol::kClassic;
}

// Java's assignor class names to librdkafka's strategy names.
Result<std::string> translate_assignors(const std::string& value) {
  std::string out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string::npos) end = value.size();
    std::string item = value.substr(start, end - start);
    item.erase(0, item.find_first_not_of(" \t"));
    item.erase(item.find_last_not_of(" \t") + 1);
    start = end + 1;
    if (item.empty()) continue;
    std::string name;
    if (item.find("CooperativeSticky") != std::string::npos || item == "cooperative-sticky") {
      name = "cooperative-sticky";
    } else if (item.find("RoundRobin") != std::string::npos || item == "roundrobin") {
      name = "roundrobin";
    } else if (item.find("Range") != std::string::npos || item == "range") {
      name = "range";
    } else {
      return Status::invalid_argument("Invalid value '" + value +
                                      "' for configuration partition.assignment.strategy: "
                                      "sluice supports RangeAssignor, RoundRobinAssignor and "
                                      "CooperativeStickyAssignor");
    }
    if (!out.empty()) out += ",";
    out += name;
  }
  return out;
}

}  // namespace

std::map<std::string, std::string> connection_properties(
    const std::map<std::string, std::string>& properties) {
  std::map<std::string, std::string> out;
  for (const auto& [key, value] : properties) {
    if (key == "bootstrap.servers" || key == "security.protocol" || starts_with(key, "ssl.") ||
        starts_with(key, "sasl.") || key == "enable.sasl.oauthbearer.unsecure.jwt" ||
        key == "enable.ssl.certificate.verification") {
      out[key] = value;
    }
  }
  return out;
}

bool has_security_settings(const std::map<std::string, std::string>& java_properties) {
  for (const auto& [key, value] : java_properties) {
    if (key == "security.protocol" || starts_with(key, "sasl.") || starts_with(key, "ssl.")) {
      return true;
    }
  }
  return false;
}

Status check_librdkafka_properties(const std::map<std::string, std::string>& properties) {
  std::unique_ptr<rd_kafka_conf_t, void (*)(rd_kafka_conf_t*)> conf(rd_kafka_conf_new(),
                                                                    &rd_kafka_conf_destroy);
  char err[512];
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof(err)) !=
        RD_KAFKA_CONF_OK) {
      // librdkafka's message may quote the value; do not repeat it for a secret.
      std::string why = is_secret_key(key) ? std::string("librdkafka refused it") : err;
      return Status::invalid_argument("Kafka consumer property " + key + "=" +
                                      (is_secret_key(key) ? std::string(kHidden) : value) + ": " +
                                      why);
    }
  }
  auto mechanism = properties.find("sasl.mechanism");
  auto protocol = properties.find("security.protocol");
  if (mechanism != properties.end() && to_upper(mechanism->second) == "GSSAPI" &&
      protocol != properties.end() && starts_with(to_lower(protocol->second), "sasl_")) {
    return check_gssapi_plugin(cyrus_client_mechanisms());
  }
  return Status::ok_status();
}

Result<ClientConfig> translate_consumer_config(const ClientConfigInput& input) {
  ClientConfig config;
  std::map<std::string, std::string>& p = config.properties;
  // Connect's sink-task defaults. Offsets are committed by sluice only for durable data.
  p["bootstrap.servers"] = input.bootstrap_servers;
  p["group.id"] = input.group_id;
  p["client.id"] = input.client_id;
  p["enable.auto.commit"] = "false";
  p["enable.auto.offset.store"] = "false";
  p["auto.offset.reset"] = "earliest";
  p["max.poll.interval.ms"] = "300000";
  // librdkafka prefetches aggressively by default; bound it so memory stays predictable.
  p["queued.max.messages.kbytes"] = "65536";
  // Once that queue is full, librdkafka (2.2 on) waits fetch.queue.backoff.ms (1 s by default)
  // before it fetches that partition again, which leaves a fast sink idle; check far sooner.
  p["fetch.queue.backoff.ms"] = "100";

  // Later layers override earlier ones key by key, as Connect merges them.
  std::map<std::string, std::string> java;
  for (const auto& layer : input.layers) {
    for (const auto& [key, value] : layer) java[key] = value;
  }
  SLUICE_ASSIGN_OR_RETURN(GroupProtocol protocol, translate_group_protocol(java, config));
  if (protocol == GroupProtocol::kClassic) {
    // Cooperative rebalancing keeps the open files of partitions that stay with this member. A
    // group that mixes in Java members still works: Kafka falls back to a protocol all support.
    // Under KIP-848 the broker owns assignment and session timeouts, so neither is set there.
    p["partition.assignment.strategy"] = "cooperative-sticky";
    p["session.timeout.ms"] = "45000";
  }
  for (const auto& [key, value] : java) {
    if (security_keys().count(key) != 0 || starts_with(key, "sasl.oauthbearer.") ||
        key == "group.protocol" || key == "group.remote.assignor") {
      continue;
    }
    if (key == "max.poll.records") {
      try {
        config.max_poll_records = std::stoi(value);
      } catch (...) {
        return Status::invalid_argument("Invalid value '" + value +
                                        "' for configuration max.poll.records: must be an int");
      }
      continue;
    }
    if (key == "partition.assignment.strategy") {
      SLUICE_ASSIGN_OR_RETURN(p[key], translate_assignors(value));
      continue;
    }
    if (key == "enable.auto.commit" && value == "true") {
      config.notes.push_back(
          "enable.auto.commit=true ignored: sluice commits only durable offsets");
      continue;
    }
    if (ignored_keys().count(key) != 0) {
      config.notes.push_back(key + " has no effect in sluice (Java client setting)");
      continue;
    }
    if (same_name_keys().count(key) != 0 || key.rfind("sasl.", 0) == 0 ||
        key.rfind("ssl.", 0) == 0) {
      p[key] = value;
      continue;
    }
    config.notes.push_back(key +
                           " is not a consumer setting sluice knows; passed to librdkafka as is");
    p[key] = value;
  }
  SLUICE_RETURN_IF_ERROR(translate_security(java, config));
  if (config.max_poll_records < 1) {
    return Status::invalid_argument("Invalid value '" + std::to_string(config.max_poll_records) +
                                    "' for configuration max.poll.records: must be at least 1");
  }
  return config;
}

}  // namespace sluice::kafka
