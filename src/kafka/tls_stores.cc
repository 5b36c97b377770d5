#include "kafka/tls_stores.h"

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

#include "kafka/java_keys.h"

namespace sluice::kafka {

namespace {

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

}  // namespace

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

}  // namespace sluice::kafka
