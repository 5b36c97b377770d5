#include "rest/rest_tls.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_support/tls_files.h"

namespace sluice::rest {
namespace {

using test_support::TempDir;
using test_support::TestCert;
using ::testing::HasSubstr;
using ::testing::Not;

std::string key_pem(const TestCert& c, const char* password) {
  std::unique_ptr<BIO, decltype(&BIO_free)> out(BIO_new(BIO_s_mem()), BIO_free);
  PEM_write_bio_PrivateKey(out.get(), c.key.get(), password ? EVP_aes_128_cbc() : nullptr,
                           reinterpret_cast<const unsigned char*>(password),
                           password ? static_cast<int>(strlen(password)) : 0, nullptr, nullptr);
  char* data = nullptr;
  long n = BIO_get_mem_data(out.get(), &data);
  return std::string(data, static_cast<size_t>(n));
}

ServerTlsSettings settings(std::map<std::string, std::string> values) {
  return ServerTlsSettings{"listeners.https.", std::move(values)};
}

struct Ctx {
  std::unique_ptr<SSL_CTX, decltype(&SSL_CTX_free)> ctx{SSL_CTX_new(TLS_server_method()),
                                                        SSL_CTX_free};
};

TEST(RestTlsTest, PemKeyStoreFileWithEncryptedKey) {
  TempDir dir;
  TestCert cert;
  std::string path = dir.file("server.pem", key_pem(cert, "key-secret") + cert.pem());
  Ctx c;
  Status s = configure_server_tls(settings({{"ssl.keystore.type", "PEM"},
                                            {"ssl.keystore.location", path},
                                            {"ssl.key.password", "key-secret"}}),
                                  c.ctx.get());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(X509_cmp(SSL_CTX_get0_certificate(c.ctx.get()), cert.cert.get()), 0);

  Status wrong = check_server_tls(settings({{"ssl.keystore.type", "PEM"},
                                            {"ssl.keystore.location", path},
                                            {"ssl.key.password", "other"}}));
  EXPECT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.message(),
              AllOf(HasSubstr("listeners.https.ssl.keystore.location"), Not(HasSubstr("other"))));
}

TEST(RestTlsTest, Pkcs12KeyStore) {
  TempDir dir;
  TestCert cert;
  std::string path = dir.file("server.p12", cert.pkcs12("store-secret", true));
  Ctx c;
  Status s = configure_server_tls(settings({{"ssl.keystore.type", "PKCS12"},
                                            {"ssl.keystore.location", path},
                                            {"ssl.keystore.password", "store-secret"}}),
                                  c.ctx.get());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(X509_cmp(SSL_CTX_get0_certificate(c.ctx.get()), cert.cert.get()), 0);

  Status wrong = check_server_tls(settings({{"ssl.keystore.type", "PKCS12"},
                                            {"ssl.keystore.location", path},
                                            {"ssl.keystore.password", "guess"}}));
  EXPECT_FALSE(wrong.ok());
  EXPECT_THAT(wrong.message(), AllOf(HasSubstr("wrong listeners.https.ssl.keystore.password"),
                                     Not(HasSubstr("guess"))));
}

TEST(RestTlsTest, InlinePemChainAndKey) {
  TestCert cert;
  Ctx c;
  Status s = configure_server_tls(settings({{"ssl.keystore.type", "PEM"},
                                            {"ssl.keystore.certificate.chain", cert.pem()},
                                            {"ssl.keystore.key", key_pem(cert, nullptr)}}),
                                  c.ctx.get());
  ASSERT_TRUE(s.ok()) << s.message();
  Status half = check_server_tls(settings({{"ssl.keystore.certificate.chain", cert.pem()}}));
  EXPECT_THAT(half.message(), HasSubstr("listeners.https.ssl.keystore.key"));
}

TEST(RestTlsTest, JksStoreIsRefusedWithTheKeytoolCommand) {
  TempDir dir;
  std::string path = dir.file("server.jks", std::string("\xFE\xED\xFE\xED\0\0\0\2", 8));
  Status s = check_server_tls(settings({{"ssl.keystore.location", path}}));
  EXPECT_THAT(s.message(),
              AllOf(HasSubstr("listeners.https.ssl.keystore.location"),
                    HasSubstr("keytool -importkeystore"), HasSubstr("-deststoretype PKCS12")));
}

TEST(RestTlsTest, NoKeyStoreNamesTheKey) {
  Status s = check_server_tls(settings({}));
  EXPECT_THAT(s.message(), HasSubstr("listeners.https.ssl.keystore.location"));
}

TEST(RestTlsTest, ClientAuthenticationAgainstTheTrustStore) {
  TempDir dir;
  TestCert server, client_ca;
  std::string keystore = dir.file("server.pem", key_pem(server, nullptr) + server.pem());
  std::string truststore = dir.file("ca.p12", client_ca.pkcs12("trust", false));
  Ctx c;
  Status s = configure_server_tls(settings({{"ssl.keystore.location", keystore},
                                            {"ssl.truststore.type", "PKCS12"},
                                            {"ssl.truststore.location", truststore},
                                            {"ssl.truststore.password", "trust"},
                                            {"ssl.client.auth", "required"}}),
                                  c.ctx.get());
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(SSL_CTX_get_verify_mode(c.ctx.get()),
            SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT);
  EXPECT_EQ(sk_X509_NAME_num(SSL_CTX_get_client_CA_list(c.ctx.get())), 1);

  Ctx requested;
  ASSERT_TRUE(configure_server_tls(
                  settings({{"ssl.keystore.location", keystore}, {"ssl.client.auth", "REQUESTED"}}),
                  requested.ctx.get())
                  .ok());
  EXPECT_EQ(SSL_CTX_get_verify_mode(requested.ctx.get()), SSL_VERIFY_PEER);

  Status bad = check_server_tls(
      settings({{"ssl.keystore.location", keystore}, {"ssl.client.auth", "sometimes"}}));
  EXPECT_THAT(bad.message(), HasSubstr("listeners.https.ssl.client.auth"));
}

TEST(RestTlsTest, EnabledProtocolsAndCipherSuites) {
  TempDir dir;
  TestCert server;
  std::string keystore = dir.file("server.pem", key_pem(server, nullptr) + server.pem());
  Ctx c;
  ASSERT_TRUE(
      configure_server_tls(settings({{"ssl.keystore.location", keystore}}), c.ctx.get()).ok());
  EXPECT_EQ(SSL_CTX_get_min_proto_version(c.ctx.get()), TLS1_2_VERSION);
  EXPECT_EQ(SSL_CTX_get_max_proto_version(c.ctx.get()), TLS1_3_VERSION);

  Ctx only13;
  ASSERT_TRUE(configure_server_tls(settings({{"ssl.keystore.location", keystore},
                                             {"ssl.enabled.protocols", "TLSv1.3"}}),
                                   only13.ctx.get())
                  .ok());
  EXPECT_EQ(SSL_CTX_get_min_proto_version(only13.ctx.get()), TLS1_3_VERSION);

  EXPECT_THAT(check_server_tls(settings({{"ssl.keystore.location", keystore},
                                         {"ssl.enabled.protocols", "SSLv3"}}))
                  .message(),
              HasSubstr("listeners.https.ssl.enabled.protocols"));

  Ctx ciphers;
  ASSERT_TRUE(configure_server_tls(
                  settings({{"ssl.keystore.location", keystore},
                            {"ssl.cipher.suites", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"}}),
                  ciphers.ctx.get())
                  .ok());
  EXPECT_EQ(SSL_CTX_get_max_proto_version(ciphers.ctx.get()), TLS1_2_VERSION);
  EXPECT_THAT(check_server_tls(settings({{"ssl.keystore.location", keystore},
                                         {"ssl.cipher.suites", "TLS_NOT_A_SUITE"}}))
                  .message(),
              HasSubstr("unknown cipher suite TLS_NOT_A_SUITE"));
}

TEST(RestTlsTest, PrefixedKeysOrElseTheWorkersSslKeys) {
  config::RawConfig raw{{"bootstrap.servers", "broker:9092"},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"consumer.security.protocol", "PLAINTEXT"},
                        {"ssl.keystore.location", "/worker.p12"},
                        {"ssl.keystore.password", "w"}};
  Result<config::WorkerConfig> w = config::WorkerConfig::parse(raw);
  ASSERT_TRUE(w.ok()) << w.status().to_string();
  ServerTlsSettings fallback = server_tls_settings({}, "listeners.https.", *w);
  EXPECT_EQ(fallback.key_prefix, "");
  EXPECT_EQ(fallback.values.at("ssl.keystore.location"), "/worker.p12");
  // All or nothing: one prefixed key and the worker's ssl.* keys are not used at all.
  ServerTlsSettings prefixed =
      server_tls_settings({{"ssl.client.auth", "required"}}, "listeners.https.", *w);
  EXPECT_EQ(prefixed.key_prefix, "listeners.https.");
  EXPECT_EQ(prefixed.values.count("ssl.keystore.location"), 0u);
}

}  // namespace
}  // namespace sluice::rest
