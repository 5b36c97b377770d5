#include "rest/rest_tls.h"

#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>
#include <optional>
#include <vector>

#include "config/key_stores.h"

namespace sluice::rest {

namespace {

using config::BioPtr;
using config::EvpPkeyPtr;
using config::X509Ptr;

// The settings and the names to give their keys in messages.
class Keys {
 public:
  explicit Keys(const ServerTlsSettings& s) : s_(s) {}
  std::optional<std::string> get(const std::string& key) const {
    auto it = s_.values.find(key);
    if (it == s_.values.end()) return std::nullopt;
    return it->second;
  }
  std::string name(const std::string& key) const { return s_.key_prefix + key; }
  std::string prefix() const { return s_.key_prefix; }

 private:
  const ServerTlsSettings& s_;
};

Status invalid(const std::string& key, const std::string& value, const std::string& why) {
  return Status::invalid_argument("Invalid value " + value + " for configuration " + key + ": " +
                                  why);
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t") - b + 1);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    std::string item = trim(text.substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

Result<std::string> read_file(const std::string& key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return invalid(key, path, std::string("cannot read the file (") + std::strerror(errno) + ")");
  }
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The ssl.<kind>.* settings of a store ("keystore" or "truststore"), Java's default type JKS.
config::StoreSettings store_settings(const Keys& keys, const std::string& kind) {
  config::StoreSettings store;
  store.prefix = keys.prefix() + "ssl.";
  store.location = keys.get("ssl." + kind + ".location");
  store.type = upper(keys.get("ssl." + kind + ".type").value_or("JKS"));
  store.password = keys.get("ssl." + kind + ".password");
  return store;
}

// OpenSSL's password callback: the password given, or none (never a prompt on the terminal).
int password_callback(char* buf, int size, int /*rwflag*/, void* user) {
  const auto* password = static_cast<const std::string*>(user);
  if (password == nullptr || size <= 0) return 0;
  int n = static_cast<int>(std::min<size_t>(password->size(), static_cast<size_t>(size)));
  std::memcpy(buf, password->data(), static_cast<size_t>(n));
  return n;
}

// Every certificate of a PEM text, in order.
std::vector<X509Ptr> pem_certificates(const std::string& pem) {
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  std::vector<X509Ptr> out;
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.emplace_back(cert);
  }
  ERR_clear_error();
  return out;
}

// A certificate chain (leaf first) and its private key, both PEM text (one text may hold both).
Status use_pem_key_material(SSL_CTX* ctx, const std::string& chain_pem, const std::string& key_pem,
                            const std::optional<std::string>& key_password,
                            const std::string& chain_key, const std::string& key_key,
                            const std::string& shown) {
  std::vector<X509Ptr> chain = pem_certificates(chain_pem);
  if (chain.empty()) return invalid(chain_key, shown, "no PEM certificate found");
  if (SSL_CTX_use_certificate(ctx, chain.front().get()) != 1) {
    ERR_clear_error();
    return invalid(chain_key, shown, "OpenSSL refused the certificate");
  }
  for (size_t i = 1; i < chain.size(); ++i) SSL_CTX_add1_chain_cert(ctx, chain[i].get());
  BioPtr bio(BIO_new_mem_buf(key_pem.data(), static_cast<int>(key_pem.size())));
  const std::string* password = key_password ? &*key_password : nullptr;
  EvpPkeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, password_callback,
                                         const_cast<std::string*>(password)));
  if (!key) {
    ERR_clear_error();
    return invalid(key_key, shown,
                   "no usable PEM private key (an encrypted key needs the right ssl.key.password)");
  }
  if (SSL_CTX_use_PrivateKey(ctx, key.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    return invalid(key_key, shown, "the private key does not match the certificate");
  }
  return Status::ok_status();
}

Status use_pkcs12_key_store(SSL_CTX* ctx, const Keys& keys, const std::string& path) {
  const std::string location_key = keys.name("ssl.keystore.location");
  SLUICE_ASSIGN_OR_RETURN(std::string der, read_file(location_key, path));
  std::optional<std::string> store_password = keys.get("ssl.keystore.password");
  std::optional<std::string> key_password = keys.get("ssl.key.password");
  if (key_password && key_password != store_password) {
    // OpenSSL opens a PKCS#12 file with one password, for the store and its key alike.
    return invalid(keys.name("ssl.key.password"), "[hidden]",
                   "with a PKCS12 key store sluice needs the key password to equal " +
                       keys.name("ssl.keystore.password") +
                       " (re-export the store with one password)");
  }
  bool is_pkcs12 = true;
  std::optional<config::Pkcs12Contents> store =
      config::open_pkcs12(der, store_password, &is_pkcs12);
  if (!is_pkcs12) return invalid(location_key, path, "the file is not a PKCS#12 store");
  if (!store) {
    return invalid(location_key, path,
                   "cannot open the PKCS#12 key store: " +
                       (store_password ? "wrong " + keys.name("ssl.keystore.password") +
                                             " or unsupported encryption"
                                       : "it needs " + keys.name("ssl.keystore.password")));
  }
  const X509Ptr& cert = store->cert;
  const EvpPkeyPtr& pkey = store->key;
  const config::X509StackPtr& ca = store->ca;
  if (!cert || !pkey) {
    return invalid(location_key, path,
                   "the PKCS#12 store holds no private key with its certificate");
  }
  if (SSL_CTX_use_certificate(ctx, cert.get()) != 1 ||
      SSL_CTX_use_PrivateKey(ctx, pkey.get()) != 1 || SSL_CTX_check_private_key(ctx) != 1) {
    ERR_clear_error();
    return invalid(location_key, path, "OpenSSL refused the store's certificate or key");
  }
  for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
    SSL_CTX_add1_chain_cert(ctx, sk_X509_value(ca.get(), i));
  }
  return Status::ok_status();
}

// ssl.keystore.*: the listener's certificate and key.
Status use_key_store(SSL_CTX* ctx, const Keys& keys) {
  std::optional<std::string> chain = keys.get("ssl.keystore.certificate.chain");
  std::optional<std::string> key = keys.get("ssl.keystore.key");
  std::optional<std::string> location = keys.get("ssl.keystore.location");
  if (location && location->empty()) location.reset();
  if (chain || key) {
    if (!chain || !key) {
      return invalid(keys.name(chain ? "ssl.keystore.key" : "ssl.keystore.certificate.chain"),
                     "null",
                     "ssl.keystore.certificate.chain and ssl.keystore.key go together (KIP-651)");
    }
    if (location) {
      return invalid(keys.name("ssl.keystore.location"), *location,
                     "set either the key store file or ssl.keystore.certificate.chain and "
                     "ssl.keystore.key, not both");
    }
    return use_pem_key_material(ctx, *chain, *key, keys.get("ssl.key.password"),
                                keys.name("ssl.keystore.certificate.chain"),
                                keys.name("ssl.keystore.key"), "[hidden]");
  }
  if (!location) {
    return invalid(keys.name("ssl.keystore.location"), "null",
                   "an https listener needs a key store: set " +
                       keys.name("ssl.keystore.location") + " (PKCS12 or PEM) or " +
                       keys.name("ssl.keystore.certificate.chain") + " and " +
                       keys.name("ssl.keystore.key"));
  }
  SLUICE_ASSIGN_OR_RETURN(config::KeyStoreFile file,
                          config::locate_key_store(store_settings(keys, "keystore")));
  if (file.format == config::KeyStoreFormat::kPkcs12) {
    return use_pkcs12_key_store(ctx, keys, file.path);
  }
  const std::string location_key = keys.name("ssl.keystore.location");
  SLUICE_ASSIGN_OR_RETURN(std::string pem, read_file(location_key, file.path));
  // A Java PEM key store is one file with the private key and the certificate chain; its key is
  // protected by ssl.key.password.
  return use_pem_key_material(ctx, pem, pem, keys.get("ssl.key.password"), location_key,
                              location_key, file.path);
}

Status add_trusted_pem(SSL_CTX* ctx, const std::string& pem, const std::string& key,
                       const std::string& shown) {
  std::vector<X509Ptr> certs = pem_certificates(pem);
  if (certs.empty()) return invalid(key, shown, "no PEM certificate found");
  X509_STORE* store = SSL_CTX_get_cert_store(ctx);
  for (const X509Ptr& cert : certs) {
    X509_STORE_add_cert(store, cert.get());
    SSL_CTX_add_client_CA(ctx, cert.get());
  }
  ERR_clear_error();  // a certificate already in the store is not an error here
  return Status::ok_status();
}

// ssl.truststore.*: what client certificates are checked against. Sets *trusted when any.
Status use_trust_store(SSL_CTX* ctx, const Keys& keys, bool* trusted) {
  *trusted = false;
  if (std::optional<std::string> pem = keys.get("ssl.truststore.certificates")) {
    SLUICE_RETURN_IF_ERROR(
        add_trusted_pem(ctx, *pem, keys.name("ssl.truststore.certificates"), "[hidden]"));
    *trusted = true;
  }
  std::optional<std::string> location = keys.get("ssl.truststore.location");
  if (!location || location->empty()) return Status::ok_status();
  SLUICE_ASSIGN_OR_RETURN(config::TrustStorePem trust,
                          config::load_trust_store(store_settings(keys, "truststore")));
  std::string text = std::move(trust.text);
  if (!trust.file.empty()) {
    SLUICE_ASSIGN_OR_RETURN(text, read_file(keys.name("ssl.truststore.location"), trust.file));
  }
  SLUICE_RETURN_IF_ERROR(
      add_trusted_pem(ctx, text, keys.name("ssl.truststore.location"), *location));
  *trusted = true;
  return Status::ok_status();
}

// ssl.client.auth: none, requested or required (Connect's BrokerSecurityConfigs values).
Status use_client_auth(SSL_CTX* ctx, const Keys& keys, bool trusted) {
  std::string mode = keys.get("ssl.client.auth").value_or("none");
  for (char& c : mode) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  int verify = SSL_VERIFY_NONE;
  if (mode == "requested") {
    verify = SSL_VERIFY_PEER;
  } else if (mode == "required") {
    verify = SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT;
  } else if (mode != "none") {
    return invalid(keys.name("ssl.client.auth"), mode, "must be none, requested or required");
  }
  if (keys.get("ssl.client.authentication")) {
    return invalid(keys.name("ssl.client.authentication"), *keys.get("ssl.client.authentication"),
                   "Kafka Connect's key for mutual TLS is " + keys.name("ssl.client.auth"));
  }
  if (verify != SSL_VERIFY_NONE && !trusted) {
    // Java checks client certificates against its default trust store when none is given.
    SSL_CTX_set_default_verify_paths(ctx);
  }
  SSL_CTX_set_verify(ctx, verify, nullptr);
  static const unsigned char kSessionContext[] = "sluice-rest";
  SSL_CTX_set_session_id_context(ctx, kSessionContext, sizeof(kSessionContext) - 1);
  return Status::ok_status();
}

// ssl.enabled.protocols (default TLSv1.2,TLSv1.3, as Connect's).
Status use_protocols(SSL_CTX* ctx, const Keys& keys) {
  std::vector<std::string> names = split_list(keys.get("ssl.enabled.protocols").value_or(""));
  if (names.empty()) names = {"TLSv1.2", "TLSv1.3"};
  static const std::vector<std::pair<std::string, int>> kVersions = {{"TLSv1", TLS1_VERSION},
                                                                     {"TLSv1.1", TLS1_1_VERSION},
                                                                     {"TLSv1.2", TLS1_2_VERSION},
                                                                     {"TLSv1.3", TLS1_3_VERSION}};
  std::vector<bool> enabled(kVersions.size(), false);
  for (const std::string& name : names) {
    size_t i = 0;
    while (i < kVersions.size() && kVersions[i].first != name) ++i;
    if (i == kVersions.size()) {
      return invalid(keys.name("ssl.enabled.protocols"), keys.get("ssl.enabled.protocols").value(),
                     name +
                         " is not a protocol sluice serves (TLSv1.2, TLSv1.3; TLSv1 and "
                         "TLSv1.1 where OpenSSL's security level allows them)");
    }
    enabled[i] = true;
  }
  size_t lowest = 0;
  while (!enabled[lowest]) ++lowest;
  size_t highest = kVersions.size() - 1;
  while (!enabled[highest]) --highest;
  SSL_CTX_set_min_proto_version(ctx, kVersions[lowest].second);
  SSL_CTX_set_max_proto_version(ctx, kVersions[highest].second);
  static const long kNoVersion[] = {SSL_OP_NO_TLSv1, SSL_OP_NO_TLSv1_1, SSL_OP_NO_TLSv1_2,
                                    SSL_OP_NO_TLSv1_3};
  for (size_t i = lowest; i < highest; ++i) {
    if (!enabled[i]) SSL_CTX_set_options(ctx, kNoVersion[i]);
  }
  return Status::ok_status();
}

// ssl.cipher.suites: Java's (IANA) names; TLSv1.3 suites go to OpenSSL's ciphersuites, the
// others are translated to OpenSSL's names. A list without TLSv1.3 suites disables them, as in
// Java.
Status use_cipher_suites(SSL_CTX* ctx, const Keys& keys) {
  std::optional<std::string> text = keys.get("ssl.cipher.suites");
  std::vector<std::string> names = split_list(text.value_or(""));
  if (names.empty()) return Status::ok_status();
  std::string tls12, tls13;
  for (const std::string& name : names) {
    bool v13 = name == "TLS_AES_128_GCM_SHA256" || name == "TLS_AES_256_GCM_SHA384" ||
               name == "TLS_CHACHA20_POLY1305_SHA256" || name == "TLS_AES_128_CCM_SHA256" ||
               name == "TLS_AES_128_CCM_8_SHA256";
    std::string& list = v13 ? tls13 : tls12;
    std::string openssl_name = v13 ? name : OPENSSL_cipher_name(name.c_str());
    if (openssl_name == "(NONE)") {
      return invalid(keys.name("ssl.cipher.suites"), *text, "unknown cipher suite " + name);
    }
    if (!list.empty()) list += ":";
    list += openssl_name;
  }
  if (SSL_CTX_set_ciphersuites(ctx, tls13.c_str()) != 1 ||
      (!tls12.empty() && SSL_CTX_set_cipher_list(ctx, tls12.c_str()) != 1)) {
    ERR_clear_error();
    return invalid(keys.name("ssl.cipher.suites"), *text, "OpenSSL enables none of these suites");
  }
  if (tls12.empty()) SSL_CTX_set_min_proto_version(ctx, TLS1_3_VERSION);
  if (tls13.empty()) SSL_CTX_set_max_proto_version(ctx, TLS1_2_VERSION);
  return Status::ok_status();
}

}  // namespace

ServerTlsSettings server_tls_settings(const std::map<std::string, std::string>& prefixed,
                                      const std::string& prefix,
                                      const config::WorkerConfig& worker) {
  ServerTlsSettings out;
  if (!prefixed.empty()) {
    out.key_prefix = prefix;
    out.values = prefixed;
    return out;
  }
  for (const auto& [key, value] : worker.security_settings()) {
    if (key.rfind("ssl.", 0) == 0) out.values[key] = value;
  }
  return out;
}

Status configure_server_tls(const ServerTlsSettings& settings, SSL_CTX* ctx) {
  Keys keys(settings);
  SLUICE_RETURN_IF_ERROR(use_protocols(ctx, keys));
  SLUICE_RETURN_IF_ERROR(use_cipher_suites(ctx, keys));
  SLUICE_RETURN_IF_ERROR(use_key_store(ctx, keys));
  bool trusted = false;
  SLUICE_RETURN_IF_ERROR(use_trust_store(ctx, keys, &trusted));
  return use_client_auth(ctx, keys, trusted);
}

Status check_server_tls(const ServerTlsSettings& settings) {
  config::SslCtxPtr ctx(SSL_CTX_new(TLS_server_method()));
  if (!ctx) return Status::fatal("OpenSSL cannot create a TLS context");
  return configure_server_tls(settings, ctx.get());
}

}  // namespace sluice::rest
