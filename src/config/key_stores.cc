#include "config/key_stores.h"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/opensslv.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#if OPENSSL_VERSION_MAJOR >= 3
#include <openssl/provider.h>
#endif

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <memory>

#include "config/openssl_ptr.h"

namespace sluice::config {

namespace {

enum class StoreFormat { kPem, kPkcs12, kJks, kJceks, kUnknown };

// "Invalid value <value> for configuration <key>: <why>", as Java's ConfigException words it.
Status invalid(const std::string& key, const std::string& value, const std::string& why) {
  return Status::invalid_argument("Invalid value " + value + " for configuration " + key + ": " +
                                  why);
}

Result<std::string> read_store_file(const std::string& key, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return invalid(key, path, std::string("cannot read the file (") + std::strerror(errno) + ")");
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
// convert them to PKCS#12, which sluice reads. `kind` is "truststore" or "keystore".
Status jks_store_error(const std::string& prefix, const std::string& kind, const std::string& path,
                       StoreFormat format) {
  const char* type = format == StoreFormat::kJceks ? "JCEKS" : "JKS";
  const std::string p12 = strip_extension(path) + ".p12";
  const std::string key = prefix + kind;
  return Status::invalid_argument(
      key + ".location " + path + " is a " + type +
      " key store, which only Java can read; convert it to PKCS#12 with `keytool "
      "-importkeystore -srckeystore " +
      path + " -srcstoretype " + type + " -destkeystore " + p12 +
      " -deststoretype PKCS12` and set " + key + ".location=" + p12 + " and " + key +
      ".type=PKCS12" +
      (kind == "truststore"
           ? " (or export the CA certificates with `keytool -exportcert -rfc` into a PEM file "
             "and set " +
                 key + ".type=PEM)"
           : ""));
}

// The certificates of a PKCS#12 trust store, as PEM text.
Result<std::string> pkcs12_certificates_pem(const StoreSettings& s, const std::string& der) {
  const std::string location_key = s.prefix + "truststore.location";
  bool is_pkcs12 = true;
  std::optional<Pkcs12Contents> contents = open_pkcs12(der, s.password, &is_pkcs12);
  if (!is_pkcs12) {
    return invalid(location_key, *s.location, "the file is not a PKCS#12 store");
  }
  if (!contents) {
    const std::string password_key = s.prefix + "truststore.password";
    return invalid(location_key, *s.location,
                   "cannot open the PKCS#12 trust store: " +
                       (s.password ? "wrong " + password_key + " or unsupported encryption"
                                   : "it needs " + password_key));
  }
  const X509Ptr& cert = contents->cert;
  const X509StackPtr& ca = contents->ca;
  BioPtr out(BIO_new(BIO_s_mem()));
  int count = 0;
  if (cert && PEM_write_bio_X509(out.get(), cert.get()) == 1) ++count;
  for (int i = 0; ca && i < sk_X509_num(ca.get()); ++i) {
    if (PEM_write_bio_X509(out.get(), sk_X509_value(ca.get(), i)) == 1) ++count;
  }
  if (count == 0) {
    return invalid(location_key, *s.location, "the PKCS#12 store holds no certificate");
  }
  char* data = nullptr;
  long size = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(size));
}

// Reads and classifies the store file of `kind` ("truststore" or "keystore"): PEM or PKCS#12,
// else the error the Java settings deserve.
Result<std::pair<StoreFormat, std::string>> read_store(const StoreSettings& s,
                                                       const std::string& kind) {
  const std::string key = s.prefix + kind;
  if (!is_known_store_type(s.type)) {
    return invalid(key + ".type", s.type,
                   "sluice reads PEM and PKCS12 " +
                       std::string(kind == "truststore" ? "trust" : "key") + " stores");
  }
  SLUICE_ASSIGN_OR_RETURN(std::string bytes, read_store_file(key + ".location", *s.location));
  StoreFormat format = sniff_store(bytes);
  if (format == StoreFormat::kJks || format == StoreFormat::kJceks) {
    return jks_store_error(s.prefix, kind, *s.location, format);
  }
  const char* noun = kind == "truststore" ? "trust store" : "key store";
  if (s.type == "PEM" || (s.type == "JKS" && format == StoreFormat::kPem)) {
    if (format != StoreFormat::kPem) {
      return invalid(key + ".location", *s.location, key + ".type is PEM but the file is not PEM");
    }
    return std::make_pair(StoreFormat::kPem, std::move(bytes));
  }
  if (format != StoreFormat::kPkcs12) {
    return invalid(key + ".location", *s.location,
                   std::string("the file is neither a PKCS#12 nor a PEM ") + noun + " (" + key +
                       ".type=" + s.type + ")");
  }
  return std::make_pair(StoreFormat::kPkcs12, std::move(bytes));
}

}  // namespace

void load_legacy_pkcs12_algorithms() {
#if OPENSSL_VERSION_MAJOR >= 3
  static const bool kLoaded = OSSL_PROVIDER_try_load(nullptr, "legacy", 1) != nullptr;
  (void)kLoaded;
#endif
}

std::optional<Pkcs12Contents> open_pkcs12(const std::string& der,
                                          const std::optional<std::string>& password,
                                          bool* is_pkcs12) {
  BioPtr in(BIO_new_mem_buf(der.data(), static_cast<int>(der.size())));
  Pkcs12Ptr p12(d2i_PKCS12_bio(in.get(), nullptr));
  *is_pkcs12 = p12 != nullptr;
  if (!p12) {
    ERR_clear_error();
    return std::nullopt;
  }
  const char* pass = password ? password->c_str() : nullptr;
  EVP_PKEY* pkey = nullptr;
  X509* cert = nullptr;
  STACK_OF(X509)* ca = nullptr;
  int ok = PKCS12_parse(p12.get(), pass, &pkey, &cert, &ca);
  if (ok != 1) {
    ERR_clear_error();
    load_legacy_pkcs12_algorithms();
    ok = PKCS12_parse(p12.get(), pass, &pkey, &cert, &ca);
  }
  Pkcs12Contents out{EvpPkeyPtr(pkey), X509Ptr(cert), X509StackPtr(ca)};
  if (ok != 1) {
    ERR_clear_error();
    return std::nullopt;
  }
  return out;
}

bool is_known_store_type(const std::string& type) {
  return type == "JKS" || type == "PKCS12" || type == "PEM";
}

Result<TrustStorePem> load_trust_store(const StoreSettings& settings) {
  SLUICE_ASSIGN_OR_RETURN(auto store, read_store(settings, "truststore"));
  TrustStorePem out;
  if (store.first == StoreFormat::kPem) {
    out.file = *settings.location;
    return out;
  }
  SLUICE_ASSIGN_OR_RETURN(out.text, pkcs12_certificates_pem(settings, store.second));
  return out;
}

Result<KeyStoreFile> locate_key_store(const StoreSettings& settings) {
  SLUICE_ASSIGN_OR_RETURN(auto store, read_store(settings, "keystore"));
  return KeyStoreFile{*settings.location, store.first == StoreFormat::kPem
                                              ? KeyStoreFormat::kPem
                                              : KeyStoreFormat::kPkcs12};
}

}  // namespace sluice::config
