#include "kafka/client_config.h"

#include <librdkafka/rdkafka.h>
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <sasl/sasl.h>
#if OPENSSL_VERSION_MAJOR >= 3
#include <openssl/provider.h>
#endif

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>

namespace sluice::kafka {

namespace {

constexpr const char* kHidden = "[hidden]";

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

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string to_upper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

// Keys whose values are secrets: they are shown as [hidden] in every message, as Connect does for
// PASSWORD-typed settings.
bool is_secret_key(std::string_view key) {
  return key.find("password") != std::string_view::npos || key == "sasl.jaas.config" ||
         key == "ssl.keystore.key" || key == "ssl.key.pem" ||
         key.find("secret") != std::string_view::npos;
}

std::string invalid_value(const std::string& key, const std::string& value,
                          const std::string& why) {
  return "Invalid value " + (is_secret_key(key) ? std::string(kHidden) : value) +
         " for configuration " + key + ": " + why;
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

// --- JAAS --------------------------------------------------------------------------------------

// A reader for the JAAS syntax the Java client accepts (Kafka's JaasConfig tokenises with
// java.io.StreamTokenizer): words, double-quoted strings with backslash escapes, '=' and ';', and
// C/C++-style comments between tokens.
class JaasReader {
 public:
  explicit JaasReader(std::string_view text) : text_(text) {}

  // Skips blanks and comments; false for an unterminated /* comment.
  bool skip_blanks() {
    while (pos_ < text_.size()) {
      char c = text_[pos_];
      if (std::isspace(static_cast<unsigned char>(c))) {
        ++pos_;
      } else if (text_.substr(pos_, 2) == "//") {
        size_t eol = text_.find('\n', pos_);
        pos_ = eol == std::string_view::npos ? text_.size() : eol + 1;
      } else if (text_.substr(pos_, 2) == "/*") {
        size_t end = text_.find("*/", pos_ + 2);
        if (end == std::string_view::npos) return false;
        pos_ = end + 2;
      } else {
        return true;
      }
    }
    return true;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  void advance() { ++pos_; }
  size_t position() const { return pos_ + 1; }  // 1-based, for messages

  // A bare word: class names (with dots), flags, option names, unquoted values.
  std::string word() {
    size_t start = pos_;
    while (pos_ < text_.size() && is_word_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }

  // A double-quoted string starting at the current '"'; nullopt when it is not terminated.
  std::optional<std::string> quoted() {
    std::string out;
    ++pos_;  // the opening quote
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == '"') return out;
      if (c != '\\' || pos_ >= text_.size()) {
        out += c;
        continue;
      }
      char e = text_[pos_++];
      switch (e) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case 'r':
          out += '\r';
          break;
        case 'b':
          out += '\b';
          break;
        case 'f':
          out += '\f';
          break;
        case 'a':
          out += '\a';
          break;
        case 'v':
          out += '\v';
          break;
        default:
          if (e >= '0' && e <= '7') {  // up to three octal digits, as StreamTokenizer reads them
            int v = e - '0';
            for (int i = 0;
                 i < 2 && pos_ < text_.size() && text_[pos_] >= '0' && text_[pos_] <= '7'; ++i) {
              v = v * 8 + (text_[pos_++] - '0');
            }
            out += static_cast<char>(v & 0xff);
          } else {
            out += e;  // \" \\ and any other escaped character stand for themselves
          }
      }
    }
    return std::nullopt;
  }

 private:
  static bool is_word_char(char c) {
    unsigned char u = static_cast<unsigned char>(c);
    return std::isalnum(u) || c == '.' || c == '_' || c == '-' || c == '$' || u >= 0x80;
  }

  std::string_view text_;
  size_t pos_ = 0;
};

Status jaas_error(const std::string& why) {
  return Status::invalid_argument(invalid_value("sasl.jaas.config", "", why));
}

// --- key and trust stores ----------------------------------------------------------------------

enum class StoreFormat { kPem, kPkcs12, kJks, kJceks, kUnknown };

Result<std::string> read_store_file(const std::string& key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return Status::invalid_argument(invalid_value(
        key, path, std::string("cannot read the file (") + std::strerror(errno) + ")"));
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

StoreFormat sniff_store(const std::string& bytes) {
  if (bytes.size() >= 4) {
    const auto* b = reinterpret_cast<const unsigned char*>(bytes.data());
    if (b[0] == 0xFE && b[1] == 0xED && b[2] == 0xFE && b[3] == 0xED) return StoreFormat::kJks;
    if (b[0] == 0xCE && b[1] == 0xCE && b[2] == 0xCE && b[3] == 0xCE) return StoreFormat::kJceks;
    if (b[0] == 0x30) return StoreFormat::kPkcs12;  // a DER SEQUENCE: PFX
  }
  if (bytes.find("-----BEGIN ") != std::string::npos) return StoreFormat::kPem;
  return StoreFormat::kUnknown;
}

std::string strip_extension(const std::string& path) {
  size_t slash = path.rfind('/');
  size_t dot = path.rfind('.');
  if (dot != std::string::npos && (slash == std::string::npos || dot > slash + 1)) {
    return path.substr(0, dot);
  }
  return path;
}

// What to say about a JKS (or JCEKS) store: sluice cannot read Java's own formats, keytool can
// convert them to PKCS#12, which sluice reads.
Status jks_store_error(const std::string& kind, const std::string& path, StoreFormat format) {
  const char* type = format == StoreFormat::kJceks ? "JCEKS" : "JKS";
  std::string p12 = strip_extension(path) + ".p12";
  return Status::invalid_argument(
      "ssl." + kind + ".location " + path + " is a " + type +
      " key store, which only Java can "
      "read; convert it to PKCS#12 with `keytool -importkeystore -srckeystore " +
      path + " -srcstoretype " + type + " -destkeystore " + p12 +
      " -deststoretype PKCS12` and set ssl." + kind + ".location=" + p12 + " and ssl." + kind +
      ".type=PKCS12" +
      (kind == "truststore"
           ? " (or export the CA certificates with `keytool -exportcert -rfc` into a PEM file "
             "and set ssl.truststore.type=PEM)"
           : ""));
}

struct BioDeleter {
  void operator()(BIO* b) const { BIO_free(b); }
};
struct Pkcs12Deleter {
  void operator()(PKCS12* p) const { PKCS12_free(p); }
};
struct PkeyDeleter {
  void operator()(EVP_PKEY* k) const { EVP_PKEY_free(k); }
};
struct X509Deleter {
  void operator()(X509* x) const { X509_free(x); }
};
struct X509StackDeleter {
  void operator()(STACK_OF(X509) * s) const { sk_X509_pop_free(s, X509_free); }
};

// Java's keytool (before JDK 11.0.12) protects certificates in PKCS#12 files with RC2-40, which
// OpenSSL 3 keeps in its "legacy" provider. Loaded once, and only when a store needs it.
void load_legacy_pkcs12_algorithms() {
#if OPENSSL_VERSION_MAJOR >= 3
  static const bool kLoaded = OSSL_PROVIDER_try_load(nullptr, "legacy", 1) != nullptr;
  (void)kLoaded;
#endif
}

// The certificates of a PKCS#12 trust store, as PEM text for librdkafka's ssl.ca.pem.
Result<std::string> pkcs12_certificates_pem(const std::string& path, const std::string& der,
                                            const std::optional<std::string>& password) {
  std::unique_ptr<BIO, BioDeleter> in(BIO_new_mem_buf(der.data(), static_cast<int>(der.size())));
  std::unique_ptr<PKCS12, Pkcs12Deleter> p12(d2i_PKCS12_bio(in.get(), nullptr));
  if (!p12) {
    ERR_clear_error();
    return Status::invalid_argument(
        invalid_value("ssl.truststore.location", path, "the file is not a PKCS#12 store"));
  }
  const char* pass = password ? password->c_str() : nullptr;
  EVP_PKEY* pkey_raw = nullptr;
  X509* cert_raw = nullptr;
  STACK_OF(X509)* ca_raw = nullptr;
  int ok = PKCS12_parse(p12.get(), pass, &pkey_raw, &cert_raw, &ca_raw);
  if (ok != 1) {
    ERR_clear_error();
    load_legacy_pkcs12_algorithms();
    ok = PKCS12_parse(p12.get(), pass, &pkey_raw, &cert_raw, &ca_raw);
  }
  std::unique_ptr<EVP_PKEY, PkeyDeleter> pkey(pkey_raw);
  std::unique_ptr<X509, X509Deleter> cert(cert_raw);
  std::unique_ptr<STACK_OF(X509), X509StackDeleter> ca(ca_raw);
  if (ok != 1) {
    ERR_clear_error();
    return Status::invalid_argument(
        invalid_value("ssl.truststore.location", path,
                      std::string("cannot open the PKCS#12 trust store: ") +
                          (password ? "wrong ssl.truststore.password or unsupported encryption"
                                    : "it needs ssl.truststore.password")));
  }
  std::unique_ptr<BIO, BioDeleter> out(BIO_new(BIO_s_mem()));
  int count = 0;
  if (cert && PEM_write_bio_X509(out.get(), cert.get()) == 1) ++count;
  for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
    if (PEM_write_bio_X509(out.get(), sk_X509_value(ca.get(), i)) == 1) ++count;
  }
  if (count == 0) {
    return Status::invalid_argument(
        invalid_value("ssl.truststore.location", path, "the PKCS#12 store holds no certificate"));
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

std::optional<std::string> get(const std::map<std::string, std::string>& java,
                               const std::string& key) {
  auto it = java.find(key);
  if (it == java.end()) return std::nullopt;
  return it->second;
}

// ssl.truststore.*: what the broker's certificate is checked against.
Status translate_truststore(const std::map<std::string, std::string>& java, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  if (auto pem = get(java, "ssl.truststore.certificates")) p["ssl.ca.pem"] = *pem;
  auto location = get(java, "ssl.truststore.location");
  // The Java client's default type is JKS; since Java 9 a "JKS" store may also be a PKCS#12 file,
  // so without an explicit PKCS12 or PEM the file's content decides.
  std::string type = to_upper(get(java, "ssl.truststore.type").value_or("JKS"));
  if (type != "JKS" && type != "PKCS12" && type != "PEM") {
    return Status::invalid_argument(
        invalid_value("ssl.truststore.type", type, "sluice reads PEM and PKCS12 trust stores"));
  }
  if (!location || location->empty()) {
    if (java.count("ssl.truststore.password") != 0 && !java.count("ssl.truststore.certificates")) {
      config.notes.push_back(
          "ssl.truststore.password has no effect without ssl.truststore.location");
    }
    return Status::ok_status();
  }
  SLUICE_ASSIGN_OR_RETURN(std::string bytes, read_store_file("ssl.truststore.location", *location));
  StoreFormat format = sniff_store(bytes);
  if (format == StoreFormat::kJks || format == StoreFormat::kJceks) {
    return jks_store_error("truststore", *location, format);
  }
  if (type == "PEM" || (type == "JKS" && format == StoreFormat::kPem)) {
    if (format != StoreFormat::kPem) {
      return Status::invalid_argument(
          invalid_value("ssl.truststore.location", *location,
                        "ssl.truststore.type is PEM but the file is not PEM"));
    }
    p["ssl.ca.location"] = *location;
    return Status::ok_status();
  }
  if (format != StoreFormat::kPkcs12) {
    return Status::invalid_argument(invalid_value(
        "ssl.truststore.location", *location,
        "the file is neither a PKCS#12 nor a PEM trust store (ssl.truststore.type=" + type + ")"));
  }
  SLUICE_ASSIGN_OR_RETURN(
      p["ssl.ca.pem"],
      pkcs12_certificates_pem(*location, bytes, get(java, "ssl.truststore.password")));
  return Status::ok_status();
}

// ssl.keystore.*: the client's own certificate and key (mutual TLS).
Status translate_keystore(const std::map<std::string, std::string>& java, ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  if (auto chain = get(java, "ssl.keystore.certificate.chain")) p["ssl.certificate.pem"] = *chain;
  if (auto key = get(java, "ssl.keystore.key")) p["ssl.key.pem"] = *key;
  auto location = get(java, "ssl.keystore.location");
  std::string type = to_upper(get(java, "ssl.keystore.type").value_or("JKS"));
  if (type != "JKS" && type != "PKCS12" && type != "PEM") {
    return Status::invalid_argument(
        invalid_value("ssl.keystore.type", type, "sluice reads PEM and PKCS12 key stores"));
  }
  if (!location || location->empty()) return Status::ok_status();
  SLUICE_ASSIGN_OR_RETURN(std::string bytes, read_store_file("ssl.keystore.location", *location));
  StoreFormat format = sniff_store(bytes);
  if (format == StoreFormat::kJks || format == StoreFormat::kJceks) {
    return jks_store_error("keystore", *location, format);
  }
  if (type == "PEM" || (type == "JKS" && format == StoreFormat::kPem)) {
    if (format != StoreFormat::kPem) {
      return Status::invalid_argument(invalid_value(
          "ssl.keystore.location", *location, "ssl.keystore.type is PEM but the file is not PEM"));
    }
    // A Java PEM key store is one file with the private key and the certificate chain; OpenSSL
    // picks each out of the same file.
    p["ssl.certificate.location"] = *location;
    p["ssl.key.location"] = *location;
    return Status::ok_status();
  }
  if (format != StoreFormat::kPkcs12) {
    return Status::invalid_argument(invalid_value(
        "ssl.keystore.location", *location,
        "the file is neither a PKCS#12 nor a PEM key store (ssl.keystore.type=" + type + ")"));
  }
  p["ssl.keystore.location"] = *location;
  if (auto password = get(java, "ssl.keystore.password")) p["ssl.keystore.password"] = *password;
  auto key_password = get(java, "ssl.key.password");
  if (key_password && key_password != get(java, "ssl.keystore.password")) {
    // librdkafka opens a PKCS#12 file with one password, for the store and the key alike.
    return Status::invalid_argument(
        "Invalid value [hidden] for configuration ssl.key.password: with a PKCS12 key store "
        "sluice needs the key password to equal ssl.keystore.password (re-export the store with "
        "one password)");
  }
  return Status::ok_status();
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
  std::optional<JaasLoginModule> module;
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
  const JaasLoginModule empty;
  const JaasLoginModule& module = login.module ? *login.module : empty;
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
  SLUICE_ASSIGN_OR_RETURN(JaasLoginModule module, parse_jaas_config(text));
  std::map<std::string, std::string>& p = config.properties;
  const std::string& cls = module.class_name;
  if (config.msk_iam_options) {
    const bool aws_msk_iam = mechanism && *mechanism == "AWS_MSK_IAM";
    if (aws_msk_iam ? cls != kMskIamLoginModule : !ends_with(cls, ".OAuthBearerLoginModule")) {
      return jaas_error(std::string("MSK IAM authentication needs the login module ") +
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
      return jaas_error(cls + " needs the options username and password");
    }
    if (module.option("tokenauth") && to_lower(*module.option("tokenauth")) == "true") {
      return jaas_error("delegation tokens (tokenauth=true) are not supported by sluice");
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
      return jaas_error(cls + " needs sasl.mechanism=AWS_MSK_IAM");
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
  return jaas_error("login module " + cls +
                    " is not known to sluice; it understands ScramLoginModule, PlainLoginModule, "
                    "OAuthBearerLoginModule, Krb5LoginModule and MSK's IAMLoginModule");
}

// --- GSSAPI (Kerberos) ---------------------------------------------------------------------------

constexpr const char* kKrb5LoginModule = "com.sun.security.auth.module.Krb5LoginModule";

// A word for `sh -c`: librdkafka runs sasl.kerberos.kinit.cmd with system(). Single quotes keep
// spaces and $, ` or \ in a path literal; a ' itself is written '\''.
std::string shell_quote(std::string_view word) {
  std::string out = "'";
  for (char c : word) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

// The JDK's Krb5LoginModule takes a boolean option as true only when it reads "true", in any case.
bool jaas_flag(const JaasLoginModule& module, std::string_view name) {
  auto value = module.option(name);
  return value && to_lower(*value) == "true";
}

// sasl.mechanism=GSSAPI over SASL_PLAINTEXT or SASL_SSL, as the Java client's Kerberos login
// (org.apache.kafka.common.security.kerberos.KerberosLogin with the JDK's Krb5LoginModule) sets it
// up, in librdkafka's terms. librdkafka hands GSSAPI to Cyrus SASL, which takes the client's
// ticket-granting ticket from the default Kerberos ticket cache (KRB5CCNAME, else the one krb5.conf
// names); librdkafka fills that cache by running sasl.kerberos.kinit.cmd when the client starts and
// every sasl.kerberos.min.time.before.relogin ms, and 0 there means never
// (https://github.com/confluentinc/librdkafka/blob/master/CONFIGURATION.md).
Status translate_gssapi(const std::map<std::string, std::string>& java, bool gssapi,
                        ClientConfig& config) {
  std::map<std::string, std::string>& p = config.properties;
  for (const char* key : {"sasl.kerberos.principal", "sasl.kerberos.keytab"}) {
    if (java.count(key) != 0) {
      config.notes.push_back(std::string(key) +
                             " is a librdkafka setting that the Java client does not know; "
                             "ignored (sluice takes the principal and keytab from the "
                             "Krb5LoginModule options of sasl.jaas.config)");
    }
  }
  auto jaas = get(java, "sasl.jaas.config");
  if (!gssapi) {
    // The other sasl.kerberos.* keys are read by the Java client for GSSAPI only: unused here.
    if (jaas) {
      Result<JaasLoginModule> module = parse_jaas_config(*jaas);
      if (module.ok() && ends_with(module->class_name, ".Krb5LoginModule")) {
        config.notes.push_back(
            "sasl.jaas.config holds " + module->class_name +
            ", which only sasl.mechanism=GSSAPI (over SASL_PLAINTEXT or SASL_SSL) uses");
      }
    }
    return Status::ok_status();
  }
  // The Java client reads its login from sasl.jaas.config or, without it, from the JVM's JAAS
  // file (KafkaClient entry of -Djava.security.auth.login.config), and fails without either.
  if (!jaas) {
    return Status::invalid_argument(
        "sasl.mechanism=GSSAPI needs a Kerberos login: set consumer.sasl.jaas.config=" +
        std::string(kKrb5LoginModule) +
        " required useKeyTab=true keyTab=\"<keytab file>\" principal=\"<principal>\"; (or "
        "useTicketCache=true) in the worker configuration; sluice does not read the JVM's JAAS "
        "file (java.security.auth.login.config)");
  }
  SLUICE_ASSIGN_OR_RETURN(JaasLoginModule module, parse_jaas_config(*jaas));
  if (!ends_with(module.class_name, ".Krb5LoginModule")) {
    return jaas_error("sasl.mechanism=GSSAPI needs the login module " +
                      std::string(kKrb5LoginModule) + ", not " + module.class_name);
  }

  // The service name is the first part of the brokers' principal (kafka/<host>@REALM). The Java
  // client takes it from sasl.kerberos.service.name or the JAAS option serviceName, refuses two
  // different ones, and refuses to start with neither (KerberosLogin.getServiceName: "No
  // serviceName defined in either JAAS or Kafka config"), where librdkafka would quietly use
  // "kafka".
  auto key_service = get(java, "sasl.kerberos.service.name");
  auto jaas_service = module.option("serviceName");
  if (key_service && jaas_service && *key_service != *jaas_service) {
    return Status::invalid_argument(
        "Conflicting Kerberos service names: sasl.kerberos.service.name=" + *key_service +
        " but the serviceName option of sasl.jaas.config is " + *jaas_service +
        "; the Java client refuses this (set one of them, or the same name in both)");
  }
  std::string service = jaas_service ? *jaas_service : key_service.value_or("");
  if (service.empty()) {
    return Status::invalid_argument(
        "sasl.mechanism=GSSAPI needs the Kerberos service name of the brokers (the first part of "
        "their principal, usually kafka): set sasl.kerberos.service.name, or the option "
        "serviceName of sasl.jaas.config; the Java client does not start without it (\"No "
        "serviceName defined in either JAAS or Kafka config\")");
  }
  p["sasl.kerberos.service.name"] = service;

  const bool use_keytab = jaas_flag(module, "useKeyTab");
  const bool use_ticket_cache = jaas_flag(module, "useTicketCache");
  auto principal = module.option("principal");
  auto keytab = module.option("keyTab");
  // librdkafka expands %{name} in the kinit command, where these go.
  for (const char* option : {"principal", "keyTab"}) {
    auto value = module.option(option);
    if (value && value->find("%{") != std::string::npos) {
      return jaas_error(std::string("the option ") + option +
                        " holds \"%{\", which librdkafka's kinit command cannot carry");
    }
  }
  for (const auto& [name, value] : module.options) {
    // storeKey keeps the key in the JVM's Subject (for acceptors), doNotPrompt forbids asking for
    // a password: neither changes what a client without prompts does.
    if (name == "useKeyTab" || name == "keyTab" || name == "principal" ||
        name == "useTicketCache" || name == "serviceName" || name == "storeKey" ||
        name == "doNotPrompt" || (name == "isInitiator" && to_lower(value) == "true")) {
      continue;
    }
    if (name == "ticketCache") {
      config.notes.push_back(
          "sasl.jaas.config option ticketCache has no effect in sluice: Kerberos finds the ticket "
          "cache through KRB5CCNAME, so set KRB5CCNAME=" +
          value + " in sluice's environment instead");
      continue;
    }
    config.notes.push_back("sasl.jaas.config option " + name + " has no effect in sluice");
  }

  if (use_keytab) {
    // The Java client logs in with the key itself; librdkafka runs kinit with it, renewing the
    // ticket in the cache first and getting a new one when that fails, as its default command
    // does.
    if (!principal || principal->empty()) {
      return jaas_error(std::string(kKrb5LoginModule) +
                        " with useKeyTab=true needs the option principal (the client's Kerberos "
                        "principal, e.g. principal=\"sluice@EXAMPLE.COM\")");
    }
    // The JDK reads the keytab when the client starts and fails then ("Unable to obtain password
    // from user"); so does sluice, before connecting.
    if (keytab && !std::ifstream(*keytab, std::ios::binary)) {
      return jaas_error("the keyTab file " + *keytab + " cannot be read (" + std::strerror(errno) +
                        ")");
    }
    // Java's sasl.kerberos.kinit.cmd is the path of the kinit program (KerberosLogin runs
    // `<path> -R`); librdkafka's property of the same name is a whole shell command.
    std::string kinit = get(java, "sasl.kerberos.kinit.cmd").value_or("kinit");
    if (kinit.empty() || kinit.find("%{") != std::string::npos ||
        std::any_of(kinit.begin(), kinit.end(),
                    [](char c) { return std::isspace(static_cast<unsigned char>(c)); })) {
      return Status::invalid_argument(invalid_value(
          "sasl.kerberos.kinit.cmd", kinit,
          "the Java client takes the path of the kinit program here (it runs `<path> -R`), not a "
          "command line; sluice builds librdkafka's kinit command from that path"));
    }
    std::string args =
        (keytab ? " -t " + shell_quote(*keytab) : std::string()) + " -k " + shell_quote(*principal);
    p["sasl.kerberos.kinit.cmd"] =
        shell_quote(kinit) + " -R" + args + " || " + shell_quote(kinit) + args;
    p["sasl.kerberos.principal"] = *principal;
    // Without keyTab, kinit -k uses the default keytab of krb5.conf, as the JDK does.
    if (keytab) p["sasl.kerberos.keytab"] = *keytab;
    if (auto relogin = get(java, "sasl.kerberos.min.time.before.relogin")) {
      // Java's ConfigDef trims a LONG before parsing it.
      std::string_view text = *relogin;
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
        text.remove_prefix(1);
      }
      while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
        text.remove_suffix(1);
      }
      long long ms = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), ms);
      if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        return Status::invalid_argument(invalid_value("sasl.kerberos.min.time.before.relogin",
                                                      *relogin, "Not a number of type LONG"));
      }
      // Java refreshes when the ticket nears its end and waits at least this long in between;
      // librdkafka runs kinit every this many ms, where 0 means never (no login at all) and its
      // most is a day.
      constexpr long long kDay = 86400000;
      if (ms <= 0) {
        config.notes.push_back("sasl.kerberos.min.time.before.relogin=" + *relogin +
                               ": sluice keeps librdkafka's 60000 ms between kinit runs (0 "
                               "would stop librdkafka from running kinit at all)");
      } else if (ms > kDay) {
        p["sasl.kerberos.min.time.before.relogin"] = std::to_string(kDay);
        config.notes.push_back("sasl.kerberos.min.time.before.relogin=" + *relogin +
                               " is more than librdkafka allows; sluice uses 86400000 (a day)");
      } else {
        p["sasl.kerberos.min.time.before.relogin"] = std::to_string(ms);
      }
    }
  } else if (use_ticket_cache) {
    // The ticket is someone else's to get (kinit by hand, k5start, a login): librdkafka must not
    // run its kinit, which without a keytab could only fail.
    p["sasl.kerberos.min.time.before.relogin"] = "0";
    config.notes.push_back(
        "sasl.jaas.config useTicketCache=true: sluice uses the Kerberos ticket cache as it finds "
        "it and never runs kinit, where the Java client renews the ticket with `kinit -R`; keep "
        "the cache fresh (kinit, k5start) or log in with a keytab (useKeyTab=true)");
    if (keytab) {
      config.notes.push_back(
          "sasl.jaas.config option keyTab has no effect without useKeyTab=true (as in the Java "
          "client)");
    }
    for (const char* key : {"sasl.kerberos.kinit.cmd", "sasl.kerberos.min.time.before.relogin"}) {
      if (java.count(key) != 0) {
        config.notes.push_back(std::string(key) +
                               " has no effect with useTicketCache=true: sluice does not run "
                               "kinit");
      }
    }
  } else {
    // Krb5LoginModule would ask for a password, which the Java client cannot answer ("Could not
    // login: the client is being asked for a password").
    return jaas_error(std::string(kKrb5LoginModule) +
                      " needs useKeyTab=true (with keyTab and principal) or useTicketCache=true: "
                      "without either it asks for a password, which neither the Java client nor "
                      "sluice can give");
  }
  return Status::ok_status();
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

std::optional<std::string> JaasLoginModule::option(std::string_view name) const {
  for (const auto& [key, value] : options) {
    if (key == name) return value;
  }
  return std::nullopt;
}

Result<JaasLoginModule> parse_jaas_config(std::string_view text) {
  JaasReader r(text);
  std::vector<JaasLoginModule> modules;
  const auto at = [&r] { return " at character " + std::to_string(r.position()); };
  while (true) {
    if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
    if (r.at_end()) break;
    JaasLoginModule module;
    module.class_name = r.word();
    if (module.class_name.empty()) return jaas_error("expected a login module class name" + at());
    if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
    std::string flag = to_lower(r.word());
    if (flag != "required" && flag != "requisite" && flag != "sufficient" && flag != "optional") {
      return jaas_error(
          "expected a control flag (required, requisite, sufficient or optional) "
          "after " +
          module.class_name + at());
    }
    module.control_flag = flag;
    while (true) {
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      if (r.at_end()) return jaas_error("the login module entry must end with ';'");
      if (r.peek() == ';') {
        r.advance();
        break;
      }
      std::string name = r.word();
      if (name.empty()) return jaas_error("expected an option name or ';'" + at());
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      if (r.peek() != '=') return jaas_error("expected '=' after option " + name + at());
      r.advance();
      if (!r.skip_blanks()) return jaas_error("unterminated /* comment");
      std::string value;
      if (r.peek() == '"') {
        std::optional<std::string> quoted = r.quoted();
        if (!quoted) return jaas_error("the quoted value of option " + name + " is not terminated");
        value = std::move(*quoted);
      } else {
        value = r.word();
        if (value.empty()) return jaas_error("option " + name + " has no value" + at());
      }
      module.options.emplace_back(std::move(name), std::move(value));
    }
    modules.push_back(std::move(module));
  }
  if (modules.size() != 1) {
    return jaas_error("it must hold exactly one login module, not " +
                      std::to_string(modules.size()));
  }
  return std::move(modules.front());
}

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

namespace {

// The client mechanisms of the Cyrus SASL plugins this process can load (from Cyrus's plugin
// folder, or SASL_PATH). Cyrus counts sasl_client_init calls, so librdkafka's own call when its
// first client starts is unaffected
// (https://www.cyrusimap.org/sasl/sasl/reference/manpages/library/sasl_client_init.html).
const std::vector<std::string>& cyrus_client_mechanisms() {
  static const std::vector<std::string> kMechanisms = [] {
    std::vector<std::string> out;
    if (sasl_client_init(nullptr) != SASL_OK) return out;
    for (const char** m = sasl_global_listmech(); m != nullptr && *m != nullptr; ++m) {
      out.emplace_back(*m);
    }
    return out;
  }();
  return kMechanisms;
}

}  // namespace

Status check_gssapi_plugin(const std::vector<std::string>& cyrus_client_mechanisms) {
  if (std::find(cyrus_client_mechanisms.begin(), cyrus_client_mechanisms.end(), "GSSAPI") !=
      cyrus_client_mechanisms.end()) {
    return Status::ok_status();
  }
  return Status::invalid_argument(
      "sasl.mechanism=GSSAPI needs the GSSAPI plugin of Cyrus SASL, which is not installed on "
      "this machine (librdkafka would fail every login with \"No worthy mechs found\"): install "
      "libsasl2-modules-gssapi-mit (Debian, Ubuntu) or cyrus-sasl-gssapi (RHEL, Fedora), and "
      "kinit with it (krb5-user or krb5-workstation)");
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
