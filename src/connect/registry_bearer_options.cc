#include "connect/registry_bearer_options.h"

#include <charconv>
#include <optional>
#include <string>
#include <string_view>

#include "config/jaas_config.h"

namespace sluice::connect {

namespace {

constexpr std::string_view kHidden = "[hidden]";
constexpr std::string_view kSource = "bearer.auth.credentials.source";

// What SASL_OAUTHBEARER_INHERIT falls back on: the converter's own Kafka client settings.
struct Inherited {
  std::optional<std::string> client_id;           // JAAS clientId
  std::optional<std::string> client_secret;       // JAAS clientSecret
  std::optional<std::string> scope;               // JAAS scope
  std::optional<std::string> identity_pool_id;    // JAAS extension_identityPoolId
  std::optional<std::string> token_endpoint_url;  // sasl.oauthbearer.token.endpoint.url
  std::optional<std::string> sub_claim_name;      // sasl.oauthbearer.sub.claim.name
  std::optional<std::string> scope_claim_name;    // sasl.oauthbearer.scope.claim.name
};

// The bearer.auth.* value of `key`, else the inherited one.
std::optional<std::string> value_or(ConverterOptions& options, std::string_view key,
                                    const std::optional<std::string>& inherited) {
  if (const std::string* value = options.raw(key)) return std::string(java_trim(*value));
  return inherited;
}

// The login module options of this converter's sasl.jaas.config, or nothing (a problem said why).
std::optional<Inherited> read_inherited(ConverterOptions& options) {
  const std::string* jaas = options.raw("sasl.jaas.config");
  if (jaas == nullptr) {
    options.add_problem(kSource, "SASL_OAUTHBEARER_INHERIT",
                        "SASL_OAUTHBEARER_INHERIT takes the OAuth client from sasl.jaas.config, "
                        "which is not set in this converter's configuration");
    return std::nullopt;
  }
  Result<config::JaasLoginModule> module = config::parse_jaas_config(*jaas);
  if (!module.ok()) {
    // The parser words its message for the Kafka client's key; keep only the reason.
    std::string_view why = module.status().message();
    const size_t colon = why.find(": ");
    if (colon != std::string_view::npos) why.remove_prefix(colon + 2);
    options.add_problem("sasl.jaas.config", kHidden, why);
    return std::nullopt;
  }
  Inherited inherited;
  inherited.client_id = module->option("clientId");
  inherited.client_secret = module->option("clientSecret");
  inherited.scope = module->option("scope");
  inherited.identity_pool_id = module->option("extension_identityPoolId");
  auto key = [&](std::string_view name) -> std::optional<std::string> {
    if (const std::string* value = options.raw(name)) return std::string(java_trim(*value));
    return std::nullopt;
  };
  inherited.token_endpoint_url = key("sasl.oauthbearer.token.endpoint.url");
  inherited.sub_claim_name = key("sasl.oauthbearer.sub.claim.name");
  inherited.scope_claim_name = key("sasl.oauthbearer.scope.claim.name");
  return inherited;
}

bool is_http_url(std::string_view url) {
  auto starts = [&](std::string_view scheme) {
    if (url.size() <= scheme.size()) return false;
    for (size_t i = 0; i < scheme.size(); ++i) {
      const char c = url[i] >= 'A' && url[i] <= 'Z' ? static_cast<char>(url[i] + 32) : url[i];
      if (c != scheme[i]) return false;
    }
    return true;
  };
  return starts("http://") || starts("https://");
}

// bearer.auth.cache.expiry.buffer.seconds: a SHORT between 0 and 3600 in Confluent's ConfigDef.
std::chrono::seconds read_expiry_buffer(ConverterOptions& options) {
  static constexpr std::string_view kKey = "bearer.auth.cache.expiry.buffer.seconds";
  const std::string* raw = options.raw(kKey);
  if (raw == nullptr) return std::chrono::seconds(300);
  std::string_view text = java_trim(*raw);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value < -32768 ||
      value > 32767) {
    options.add_problem(kKey, *raw, "Not a number of type SHORT");
  } else if (value < 0) {
    options.add_problem(kKey, *raw, "Value must be at least 0");
  } else if (value > 3600) {
    options.add_problem(kKey, *raw, "Value must be no more than 3600");
  } else {
    return std::chrono::seconds(value);
  }
  return std::chrono::seconds(300);
}

// A claim name: trimmed, not blank (Kafka's ClaimValidationUtils.validateClaimNameOverride).
std::string read_claim_name(ConverterOptions& options, std::string_view key,
                            const std::optional<std::string>& inherited,
                            std::string_view inherited_key, std::string_view default_name) {
  // SaslOauthCredentialProvider prefers the Kafka client's key; OAUTHBEARER has none.
  const bool from_kafka_key = inherited.has_value();
  std::optional<std::string> name = inherited ? inherited : value_or(options, key, std::nullopt);
  if (!name) return std::string(default_name);
  if (name->empty()) {
    options.add_problem(from_kafka_key ? inherited_key : key, "", "must not be blank");
    return std::string(default_name);
  }
  return *name;
}

// OAUTHBEARER, or SASL_OAUTHBEARER_INHERIT when `inherited` is given.
void read_oauth_bearer(ConverterOptions& options, const Inherited* inherited,
                       schema_registry::RegistryClientConfig& config) {
  static const Inherited kNone;
  const Inherited& from = inherited != nullptr ? *inherited : kNone;
  const std::string source = inherited != nullptr ? "SASL_OAUTHBEARER_INHERIT" : "OAUTHBEARER";
  schema_registry::RegistryClientConfig::OAuthBearer oauth;
  oauth::ClientCredentials& c = oauth.credentials;

  std::optional<std::string> url =
      value_or(options, "bearer.auth.issuer.endpoint.url", from.token_endpoint_url);
  const bool url_from_kafka_key = !options.has("bearer.auth.issuer.endpoint.url") && url;
  const std::string url_key = url_from_kafka_key ? "sasl.oauthbearer.token.endpoint.url"
                                                 : "bearer.auth.issuer.endpoint.url";
  if (!url || url->empty()) {
    options.add_problem(
        url_key, "null",
        "bearer.auth.credentials.source=" + source +
            " needs the URL of the OAuth token endpoint here" +
            (inherited != nullptr ? " (or in sasl.oauthbearer.token.endpoint.url)" : ""));
  } else if (!is_http_url(*url)) {
    options.add_problem(url_key, url->find('@') == std::string::npos ? *url : kHidden,
                        "must be an http:// or https:// URL");
  } else {
    c.token_endpoint_url = *url;
  }

  std::optional<std::string> id = value_or(options, "bearer.auth.client.id", from.client_id);
  if (!id || id->empty()) {
    options.add_problem(
        "bearer.auth.client.id", "null",
        "bearer.auth.credentials.source=" + source + " needs the OAuth client id" +
            (inherited != nullptr ? " here or as clientId in sasl.jaas.config" : " here"));
  } else {
    c.client_id = *id;
  }
  // The secret as given (ConfigDef does not trim a PASSWORD).
  std::optional<std::string> secret = from.client_secret;
  if (const std::string* raw = options.raw("bearer.auth.client.secret")) secret = *raw;
  if (!secret || secret->empty()) {
    options.add_problem(
        "bearer.auth.client.secret", "null",
        "bearer.auth.credentials.source=" + source + " needs the OAuth client secret" +
            (inherited != nullptr ? " here or as clientSecret in sasl.jaas.config" : " here"));
  } else {
    c.client_secret = *secret;
  }
  c.scope = value_or(options, "bearer.auth.scope", from.scope).value_or("");
  c.claims.subject = read_claim_name(options, "bearer.auth.sub.claim.name", from.sub_claim_name,
                                     "sasl.oauthbearer.sub.claim.name", "sub");
  c.claims.scope = read_claim_name(options, "bearer.auth.scope.claim.name", from.scope_claim_name,
                                   "sasl.oauthbearer.scope.claim.name", "scope");
  oauth.cache_expiry_buffer = read_expiry_buffer(options);
  if (config.identity_pool_id.empty() && from.identity_pool_id) {
    config.identity_pool_id = *from.identity_pool_id;
  }
  config.oauth_bearer = std::move(oauth);
}

}  // namespace

void read_bearer_auth(ConverterOptions& options, schema_registry::RegistryClientConfig& config) {
  if (options.string(kSource, "").empty()) return;
  const std::string source = options.choice_ignoring_case(
      kSource, "", {"STATIC_TOKEN", "OAUTHBEARER", "SASL_OAUTHBEARER_INHERIT", "CUSTOM"});
  config.logical_cluster = options.string("bearer.auth.logical.cluster", "");
  config.identity_pool_id = options.string("bearer.auth.identity.pool.id", "");
  if (source == "STATIC_TOKEN") {
    const std::string* token = options.raw("bearer.auth.token");
    if (token == nullptr || token->empty()) {
      options.add_problem("bearer.auth.token", "null",
                          "bearer.auth.credentials.source=STATIC_TOKEN needs the token here");
    } else {
      config.bearer_token = *token;
    }
  } else if (source == "OAUTHBEARER") {
    read_oauth_bearer(options, nullptr, config);
  } else if (source == "SASL_OAUTHBEARER_INHERIT") {
    if (std::optional<Inherited> inherited = read_inherited(options)) {
      read_oauth_bearer(options, &*inherited, config);
    }
  } else if (source == "CUSTOM") {
    options.add_problem(kSource, source,
                        "CUSTOM loads the Java class named by bearer.auth.custom.provider.class, "
                        "which sluice cannot run; use STATIC_TOKEN, OAUTHBEARER or "
                        "SASL_OAUTHBEARER_INHERIT");
  }
}

}  // namespace sluice::connect
