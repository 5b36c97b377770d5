#include "connect/schema_registry_options.h"

#include <cctype>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/jaas_config.h"
#include "config/key_stores.h"
#include "connect/registry_bearer_options.h"

namespace sluice::connect {

namespace {

constexpr std::string_view kHidden = "[hidden]";

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find(',', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view item = java_trim(text.substr(start, end - start));
    if (!item.empty()) out.emplace_back(item);
    start = end + 1;
  }
  return out;
}

// Splits "scheme://user:password@host:port/path" into the URL without its user info and the user
// info; checks the scheme.
bool split_url(const std::string& url, std::string& bare, std::string& user_info) {
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return false;
  std::string scheme = url.substr(0, scheme_end);
  for (char& c : scheme) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  if (scheme != "http" && scheme != "https") return false;
  size_t authority = scheme_end + 3;
  size_t authority_end = url.find('/', authority);
  if (authority_end == std::string::npos) authority_end = url.size();
  size_t at = url.rfind('@', authority_end);
  if (at != std::string::npos && at >= authority) {
    user_info = url.substr(authority, at - authority);
    bare = url.substr(0, authority) + url.substr(at + 1);
  } else {
    bare = url;
  }
  while (!bare.empty() && bare.back() == '/') bare.pop_back();
  return authority < bare.size();
}

void read_urls(ConverterOptions& options, schema_registry::RegistryClientConfig& config,
               std::string& url_user_info) {
  const std::string* raw = options.raw("schema.registry.url");
  if (raw == nullptr) {
    options.add_message("Missing required configuration \"" + options.prefix() +
                        "schema.registry.url\" which has no default value.");
    return;
  }
  for (const std::string& url : split_list(*raw)) {
    std::string bare, user_info;
    if (!split_url(url, bare, user_info)) {
      // The URL may carry credentials: show it only when it has none.
      options.add_problem("schema.registry.url", url.find('@') == std::string::npos ? url : kHidden,
                          "must be an http:// or https:// URL");
      continue;
    }
    if (!user_info.empty()) url_user_info = user_info;
    config.urls.push_back(std::move(bare));
  }
  if (config.urls.empty() && options.problems().empty()) {
    options.add_problem("schema.registry.url", *raw, "at least one URL is needed");
  }
}

void read_auth(ConverterOptions& options, schema_registry::RegistryClientConfig& config,
               const std::string& url_user_info) {
  if (!options.string("bearer.auth.credentials.source", "").empty()) {
    // As Confluent's RestService: a bearer source replaces Basic authentication altogether (the
    // URL's user info is not sent either), and naming both sources is an error.
    if (!options.string("basic.auth.credentials.source", "").empty()) {
      options.add_problem("bearer.auth.credentials.source",
                          options.string("bearer.auth.credentials.source", ""),
                          "Only one of 'basic.auth.credentials.source' and "
                          "'bearer.auth.credentials.source' may be specified");
    }
    read_bearer_auth(options, config);
    return;
  }
  std::string source = options.choice_ignoring_case("basic.auth.credentials.source", "URL",
                                                    {"URL", "USER_INFO", "SASL_INHERIT"});
  if (source == "SASL_INHERIT") {
    // As Confluent's SaslBasicAuthCredentialProvider: the username and password options of the
    // login module in this converter's own sasl.jaas.config.
    const std::string* jaas = options.raw("sasl.jaas.config");
    if (jaas == nullptr) {
      options.add_problem("basic.auth.credentials.source", source,
                          "SASL_INHERIT takes the credentials from sasl.jaas.config, which is not "
                          "set in this converter's configuration");
    } else {
      Result<config::JaasLoginModule> module = config::parse_jaas_config(*jaas);
      std::optional<std::string> user = module.ok() ? module->option("username") : std::nullopt;
      std::optional<std::string> password = module.ok() ? module->option("password") : std::nullopt;
      if (!module.ok()) {
        // The parser words its message for the Kafka client's key; keep only the reason.
        std::string_view why = module.status().message();
        const size_t colon = why.find(": ");
        if (colon != std::string_view::npos) why.remove_prefix(colon + 2);
        options.add_problem("sasl.jaas.config", kHidden, why);
      } else if (!user || !password) {
        options.add_problem("sasl.jaas.config", kHidden,
                            "basic.auth.credentials.source=SASL_INHERIT needs the login module's "
                            "username and password options");
      } else {
        config.basic_user_info = *user + ":" + *password;
      }
    }
  } else if (source == "USER_INFO") {
    const std::string* info = options.raw("basic.auth.user.info");
    if (info == nullptr) info = options.raw("schema.registry.basic.auth.user.info");
    if (info == nullptr || info->find(':') == std::string::npos) {
      options.add_problem("basic.auth.user.info", info == nullptr ? "null" : kHidden,
                          "basic.auth.credentials.source=USER_INFO needs user:password here");
    } else {
      config.basic_user_info = *info;
    }
  } else {
    config.basic_user_info = url_user_info;
  }
}

// schema.registry.ssl.*: read as the Kafka client's ssl.* stores are (config/key_stores.h).
config::StoreSettings store_settings(ConverterOptions& options, const std::string& kind) {
  const std::string prefix = "schema.registry.ssl.";
  config::StoreSettings s;
  s.prefix = prefix;
  if (const std::string* location = options.raw(prefix + kind + ".location")) {
    s.location = *location;
  }
  s.type = options.string(prefix + kind + ".type", "JKS");
  for (char& c : s.type) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (const std::string* password = options.raw(prefix + kind + ".password")) {
    s.password = *password;
  }
  return s;
}

// A store problem as a converter problem: the message names the key and why, never a password.
void add_store_problem(ConverterOptions& options, const std::string& key,
                       const config::StoreSettings& s, const Status& status) {
  std::string_view why = status.message();
  const size_t colon = why.find(": ");
  if (why.starts_with("Invalid value ") && colon != std::string_view::npos) {
    why.remove_prefix(colon + 2);
  }
  options.add_problem(key, s.location.value_or(""), why);
}

void read_tls(ConverterOptions& options, schema_registry::RegistryClientConfig& config) {
  config::StoreSettings trust = store_settings(options, "truststore");
  if (trust.location && !trust.location->empty()) {
    Result<config::TrustStorePem> store = config::load_trust_store(trust);
    if (!store.ok()) {
      add_store_problem(options, trust.prefix + "truststore.location", trust, store.status());
    } else if (!store->file.empty()) {
      config.http.ca_file = store->file;
    } else {
      config.http.ca_pem = store->text;
    }
  }
  config::StoreSettings keys = store_settings(options, "keystore");
  if (keys.location && !keys.location->empty()) {
    Result<config::KeyStoreFile> store = config::locate_key_store(keys);
    if (!store.ok()) {
      add_store_problem(options, keys.prefix + "keystore.location", keys, store.status());
    } else if (store->format == config::KeyStoreFormat::kPkcs12) {
      config.http.client_cert_file = store->path;
      config.http.client_cert_type = "P12";
      if (keys.password) config.http.client_key_password = *keys.password;
    } else {
      // One file with the certificate and the private key, as Kafka's PEM key stores.
      config.http.client_cert_file = store->path;
      config.http.client_key_file = store->path;
      if (const std::string* password = options.raw(keys.prefix + "key.password")) {
        config.http.client_key_password = *password;
      }
    }
  }
}

void read_limits(ConverterOptions& options, schema_registry::RegistryClientConfig& config) {
  int32_t capacity = options.int32("max.schemas.per.subject", 1000);
  if (capacity < 1) {
    options.add_problem("max.schemas.per.subject", std::to_string(capacity), "must be at least 1");
  } else {
    config.cache_capacity = static_cast<size_t>(capacity);
  }
  int32_t connect_ms = options.int32("http.connect.timeout.ms", 60000);
  int32_t read_ms = options.int32("http.read.timeout.ms", 60000);
  config.http.connect_timeout = std::chrono::milliseconds(connect_ms);
  // curl has no read timeout of its own: bound the whole request by connect + read.
  config.http.request_timeout = std::chrono::milliseconds(int64_t{connect_ms} + read_ms);
  config.max_retries = options.int32("max.retries", 3);
  config.retry_wait = std::chrono::milliseconds(options.int32("retries.wait.ms", 1000));
  config.retry_max_wait = std::chrono::milliseconds(options.int32("retries.max.wait.ms", 20000));
  if (options.has("proxy.host")) {
    std::string host = options.string("proxy.host", "");
    int32_t port = options.int32("proxy.port", -1);
    if (!host.empty() && port > 0) {
      config.http.proxy_url = "http://" + host + ":" + std::to_string(port);
    }
  }
}

}  // namespace

schema_registry::RegistryClientConfig read_schema_registry_options(ConverterOptions& options) {
  schema_registry::RegistryClientConfig config;
  std::string url_user_info;
  read_urls(options, config, url_user_info);
  read_auth(options, config, url_user_info);
  read_tls(options, config);
  read_limits(options, config);
  static constexpr std::string_view kHeaderPrefix = "request.header.";
  for (const auto& [key, value] : options.config()) {
    if (key.size() > kHeaderPrefix.size() && key.starts_with(kHeaderPrefix)) {
      config.extra_headers.emplace_back(key.substr(kHeaderPrefix.size()), value);
    }
  }
  config.http.user_agent = "sluice";
  return config;
}

}  // namespace sluice::connect
