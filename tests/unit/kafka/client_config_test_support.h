// Shared by the unit tests of the Java client settings translation (client_config_test.cc,
// kerberos_config_test.cc, jaas_config_test.cc, tls_stores_test.cc): scratch files, a test
// certificate, and the worker keys those tests start from.
#pragma once

#include <librdkafka/rdkafka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>

#include "kafka/client_config.h"

namespace sluice::kafka::test_support {

inline constexpr const char* kSecret = "Sup3r-Secret-Value";

// A scratch folder, removed with the test.
class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "sluice-kafka-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string file(const std::string& name, const std::string& content) const {
    std::string p = (path_ / name).string();
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::filesystem::path path_;
};

// A self-signed certificate and its key, made with OpenSSL for the store tests.
struct TestCert {
  std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)> key{EVP_EC_gen("prime256v1"), EVP_PKEY_free};
  std::unique_ptr<X509, decltype(&X509_free)> cert{X509_new(), X509_free};

  TestCert() {
    X509_set_version(cert.get(), 2);
    ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 7);
    X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
    X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
    X509_NAME* name = X509_get_subject_name(cert.get());
    X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC,
                               reinterpret_cast<const unsigned char*>("sluice unit CA"), -1, -1, 0);
    X509_set_issuer_name(cert.get(), name);
    X509_set_pubkey(cert.get(), key.get());
    X509_sign(cert.get(), key.get(), EVP_sha256());
  }

  std::string pem() const {
    std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
    PEM_write_bio_X509(out.get(), cert.get());
    char* data = nullptr;
    long n = BIO_get_mem_data(out.get(), &data);
    return std::string(data, static_cast<size_t>(n));
  }

  // A PKCS#12 file: certificate only (a trust store) or with the key (a key store).
  std::string pkcs12(const char* password, bool with_key) const {
    std::unique_ptr<STACK_OF(X509), void (*)(STACK_OF(X509)*)> ca(
        sk_X509_new_null(), [](STACK_OF(X509) * s) { sk_X509_free(s); });
    if (!with_key) sk_X509_push(ca.get(), cert.get());
    std::unique_ptr<PKCS12, decltype(&PKCS12_free)> p12(
        PKCS12_create(password, "entry", with_key ? key.get() : nullptr,
                      with_key ? cert.get() : nullptr, with_key ? nullptr : ca.get(), 0, 0, 0, 0,
                      0),
        PKCS12_free);
    unsigned char* der = nullptr;
    int n = i2d_PKCS12(p12.get(), &der);
    std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
    OPENSSL_free(der);
    return out;
  }
};

inline ClientConfigInput input_with(std::map<std::string, std::string> worker_consumer,
                                    std::map<std::string, std::string> connector_override = {}) {
  ClientConfigInput in;
  in.bootstrap_servers = "b1:9096,b2:9096";
  in.group_id = "connect-s3";
  in.client_id = "connector-consumer-s3-0";
  in.layers = {std::move(worker_consumer), std::move(connector_override)};
  return in;
}

inline const char* kScramJaas =
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
    "password=\"Sup3r-Secret-Value\";";

// Every message of a result: the error, or all notes.
inline std::string all_messages(const Result<ClientConfig>& r) {
  if (!r.ok()) return r.status().message();
  std::string out;
  for (const std::string& n : r->notes) out += n + "\n";
  return out;
}

// rd_kafka_new runs librdkafka's checks of the whole configuration (those that look at several
// keys at once); rd_kafka_conf_set alone does not. Returns librdkafka's error, empty when it took
// the configuration. Nothing listens on the bootstrap address.
inline std::string librdkafka_consumer_error(std::map<std::string, std::string> properties) {
  properties["bootstrap.servers"] = "127.0.0.1:1";
  properties["log_level"] = "0";  // the refused connection is expected
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512] = "";
  for (const auto& [key, value] : properties) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof(err)) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return err;
    }
  }
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
  if (rk == nullptr) {
    rd_kafka_conf_destroy(conf);
    return err;
  }
  rd_kafka_destroy(rk);
  return "";
}

}  // namespace sluice::kafka::test_support
