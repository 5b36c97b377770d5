// Java's key and trust store settings (<prefix>truststore.*, <prefix>keystore.*) made usable by
// OpenSSL-based clients: PEM files are passed on by path, the certificates of a PKCS#12 trust
// store are read here and handed over as PEM text, a PKCS#12 key store is passed on by path, and
// JKS / JCEKS stores, which only Java reads, are refused with the keytool command that converts
// them. The same rules serve the Kafka client ("ssl.") and the Schema Registry client
// ("schema.registry.ssl."), as Java reads both through the same SSL factory. Stateless;
// thread-safe (OpenSSL's legacy provider is loaded once, when a store needs it).
#pragma once

#include <optional>
#include <string>

#include "config/openssl_ptr.h"
#include "util/status.h"

namespace sluice::config {

// The settings of one store, as written.
struct StoreSettings {
  // The key prefix the settings were read under, for messages: "ssl." or "schema.registry.ssl.".
  std::string prefix;
  std::optional<std::string> location;
  // <prefix>truststore.type / keystore.type, upper case; Java's default is JKS, and since Java 9
  // a "JKS" store may be a PKCS#12 file, so with JKS the file's content decides.
  std::string type = "JKS";
  std::optional<std::string> password;
};

// A trust store's CA certificates: a PEM file (file) or PEM text read from PKCS#12 (text).
struct TrustStorePem {
  std::string file;
  std::string text;
};

// REQUIRES: settings.location is set and not empty.
// kInvalidArgument naming the key (never a password) when the store cannot be used.
Result<TrustStorePem> load_trust_store(const StoreSettings& settings);

enum class KeyStoreFormat { kPem, kPkcs12 };

// A key store file: PEM (the private key and the certificate chain in one file) or PKCS#12.
struct KeyStoreFile {
  std::string path;
  KeyStoreFormat format = KeyStoreFormat::kPem;
};

// REQUIRES: settings.location is set and not empty.
// kInvalidArgument naming the key when the store cannot be used.
Result<KeyStoreFile> locate_key_store(const StoreSettings& settings);

// Java's keytool (before JDK 11.0.12) protects certificates in PKCS#12 files with RC2-40, which
// OpenSSL 3 keeps in its "legacy" provider: call this and retry when PKCS12_parse fails. Loads
// it once, and only when a store needs it.
void load_legacy_pkcs12_algorithms();

// The key, certificate and CA chain of a PKCS#12 file (`der`), opened with `password` (and
// OpenSSL's legacy algorithms when needed). nullopt when it cannot be opened: *is_pkcs12 tells
// a file that is no PKCS#12 at all from a wrong password or unsupported encryption.
struct Pkcs12Contents {
  EvpPkeyPtr key;  // null in a trust store
  X509Ptr cert;
  X509StackPtr ca;
};
std::optional<Pkcs12Contents> open_pkcs12(const std::string& der,
                                          const std::optional<std::string>& password,
                                          bool* is_pkcs12);

// Whether `type` is a store type sluice reads (JKS, PKCS12 or PEM; upper case).
bool is_known_store_type(const std::string& type);

}  // namespace sluice::config
