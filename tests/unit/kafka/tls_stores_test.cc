// The Java key and trust stores (ssl.truststore.*, ssl.keystore.*) in librdkafka's terms.
#include "kafka/tls_stores.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kafka/client_config_test_support.h"

namespace sluice::kafka {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace ::sluice::kafka::test_support;  // NOLINT(build/namespaces): the shared test
                                                // fixtures

// --- ssl.endpoint.identification.algorithm -------------------------------------------------------

TEST(ClientConfigTest, EndpointIdentification) {
  auto https =
      translate_consumer_config(input_with({{"ssl.endpoint.identification.algorithm", "HTTPS"}}));
  ASSERT_TRUE(https.ok());
  EXPECT_EQ(https->properties.at("ssl.endpoint.identification.algorithm"), "https");
  auto none =
      translate_consumer_config(input_with({{"ssl.endpoint.identification.algorithm", ""}}));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->properties.at("ssl.endpoint.identification.algorithm"), "none");
  auto bad =
      translate_consumer_config(input_with({{"ssl.endpoint.identification.algorithm", "ldaps"}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("must be https or empty"));
}

// --- trust stores ------------------------------------------------------------------------------

TEST(ClientConfigTest, PemTrustStoreBecomesCaLocation) {
  TempDir dir;
  TestCert ca;
  std::string path = dir.file("ca.pem", ca.pem());
  auto r = translate_consumer_config(
      input_with({{"ssl.truststore.location", path}, {"ssl.truststore.type", "PEM"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.ca.location"), path);
  EXPECT_EQ(r->properties.count("ssl.truststore.location"), 0u);
  EXPECT_EQ(r->properties.count("ssl.truststore.type"), 0u);
  // Without a type (Java's default is JKS) the file's content decides.
  auto sniffed = translate_consumer_config(input_with({{"ssl.truststore.location", path}}));
  ASSERT_TRUE(sniffed.ok()) << sniffed.status().message();
  EXPECT_EQ(sniffed->properties.at("ssl.ca.location"), path);
}

TEST(ClientConfigTest, Pkcs12TrustStoreIsHandedOverAsPem) {
  TempDir dir;
  TestCert ca;
  std::string path = dir.file("truststore.p12", ca.pkcs12(kSecret, /*with_key=*/false));
  auto r = translate_consumer_config(input_with({{"ssl.truststore.location", path},
                                                 {"ssl.truststore.type", "PKCS12"},
                                                 {"ssl.truststore.password", kSecret}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.ca.pem"), ca.pem());
  EXPECT_EQ(r->properties.count("ssl.ca.location"), 0u);
  EXPECT_EQ(r->properties.count("ssl.truststore.password"), 0u);
}

TEST(ClientConfigTest, Pkcs12TrustStoreWithWrongPasswordFailsWithoutShowingIt) {
  TempDir dir;
  TestCert ca;
  std::string path = dir.file("truststore.p12", ca.pkcs12("right-password", false));
  auto r = translate_consumer_config(input_with({{"ssl.truststore.location", path},
                                                 {"ssl.truststore.type", "PKCS12"},
                                                 {"ssl.truststore.password", kSecret}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(), "Invalid value " + path +
                                      " for configuration ssl.truststore.location: cannot open "
                                      "the PKCS#12 trust store: wrong ssl.truststore.password or "
                                      "unsupported encryption");
}

TEST(ClientConfigTest, TrustStoreCertificatesStringBecomesCaPem) {
  TestCert ca;
  auto r = translate_consumer_config(
      input_with({{"ssl.truststore.certificates", ca.pem()}, {"ssl.truststore.type", "PEM"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.ca.pem"), ca.pem());
}

TEST(ClientConfigTest, JksTrustStoreIsRejectedWithTheKeytoolCommand) {
  TempDir dir;
  std::string path =
      dir.file("kafka.client.truststore.jks", std::string("\xFE\xED\xFE\xED\x00\x00\x00\x02", 8));
  std::string p12 = path.substr(0, path.size() - 4) + ".p12";
  auto r = translate_consumer_config(
      input_with({{"ssl.truststore.location", path}, {"ssl.truststore.password", kSecret}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "ssl.truststore.location " + path +
                " is a JKS key store, which only Java can read; convert it to PKCS#12 with "
                "`keytool -importkeystore -srckeystore " +
                path + " -srcstoretype JKS -destkeystore " + p12 +
                " -deststoretype PKCS12` and set ssl.truststore.location=" + p12 +
                " and ssl.truststore.type=PKCS12 (or export the CA certificates with `keytool "
                "-exportcert -rfc` into a PEM file and set ssl.truststore.type=PEM)");
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, MissingTrustStoreFileIsNamed) {
  auto r = translate_consumer_config(input_with(
      {{"ssl.truststore.location", "/nonexistent/ca.pem"}, {"ssl.truststore.type", "PEM"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Invalid value /nonexistent/ca.pem for configuration ssl.truststore.location: cannot "
            "read the file (No such file or directory)");
}

TEST(ClientConfigTest, PemTypeOnANonPemFileIsRejected) {
  TempDir dir;
  TestCert ca;
  std::string path = dir.file("ts.p12", ca.pkcs12("pw", false));
  auto r = translate_consumer_config(
      input_with({{"ssl.truststore.location", path}, {"ssl.truststore.type", "PEM"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("ssl.truststore.type is PEM but the file is not PEM"));
}

// --- key stores --------------------------------------------------------------------------------

TEST(ClientConfigTest, Pkcs12KeyStoreGoesToLibrdkafkaKeystore) {
  TempDir dir;
  TestCert client;
  std::string path = dir.file("client.p12", client.pkcs12(kSecret, /*with_key=*/true));
  auto r = translate_consumer_config(input_with({{"security.protocol", "SSL"},
                                                 {"ssl.keystore.location", path},
                                                 {"ssl.keystore.type", "PKCS12"},
                                                 {"ssl.keystore.password", kSecret},
                                                 {"ssl.key.password", kSecret}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.keystore.location"), path);
  EXPECT_EQ(r->properties.at("ssl.keystore.password"), kSecret);
  EXPECT_EQ(r->properties.count("ssl.certificate.location"), 0u);
}

TEST(ClientConfigTest, Pkcs12KeyStoreWithADifferentKeyPasswordIsRejectedHidden) {
  TempDir dir;
  TestCert client;
  std::string path = dir.file("client.p12", client.pkcs12("store-pw", true));
  auto r = translate_consumer_config(input_with({{"ssl.keystore.location", path},
                                                 {"ssl.keystore.type", "PKCS12"},
                                                 {"ssl.keystore.password", "store-pw"},
                                                 {"ssl.key.password", kSecret}}));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("Invalid value [hidden] for configuration ssl.key.password"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
  EXPECT_THAT(r.status().message(), Not(HasSubstr("store-pw")));
}

TEST(ClientConfigTest, PemKeyStoreGivesCertificateAndKeyFromTheSameFile) {
  TempDir dir;
  TestCert client;
  std::string path = dir.file("client.pem", client.pem());
  auto r = translate_consumer_config(input_with(
      {{"ssl.keystore.location", path}, {"ssl.keystore.type", "PEM"}, {"ssl.key.password", "k"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.certificate.location"), path);
  EXPECT_EQ(r->properties.at("ssl.key.location"), path);
  EXPECT_EQ(r->properties.at("ssl.key.password"), "k");
  EXPECT_EQ(r->properties.count("ssl.keystore.location"), 0u);
}

TEST(ClientConfigTest, JksKeyStoreIsRejectedWithTheKeytoolCommand) {
  TempDir dir;
  std::string path =
      dir.file("client.keystore", std::string("\xFE\xED\xFE\xED\x00\x00\x00\x02", 8));
  auto r = translate_consumer_config(input_with({{"ssl.keystore.location", path},
                                                 {"ssl.keystore.type", "JKS"},
                                                 {"ssl.keystore.password", kSecret}}));
  ASSERT_FALSE(r.ok());
  // The conversion's output sits beside the store, its extension replaced by .p12.
  std::string p12 = path.substr(0, path.size() - std::string(".keystore").size()) + ".p12";
  EXPECT_THAT(r.status().message(),
              HasSubstr("`keytool -importkeystore -srckeystore " + path +
                        " -srcstoretype JKS -destkeystore " + p12 + " -deststoretype PKCS12`"));
  EXPECT_THAT(r.status().message(), HasSubstr("ssl.keystore.type=PKCS12"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, KeyStorePemStringsBecomeLibrdkafkaPemStrings) {
  auto r = translate_consumer_config(input_with({{"ssl.keystore.type", "PEM"},
                                                 {"ssl.keystore.certificate.chain", "CHAIN"},
                                                 {"ssl.keystore.key", "KEY"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("ssl.certificate.pem"), "CHAIN");
  EXPECT_EQ(r->properties.at("ssl.key.pem"), "KEY");
}

TEST(ClientConfigTest, UnsupportedStoreTypeIsRejected) {
  auto r = translate_consumer_config(input_with({{"ssl.truststore.type", "BCFKS"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(
      r.status().message(),
      "Invalid value BCFKS for configuration ssl.truststore.type: sluice reads PEM and PKCS12 "
      "trust stores");
}

}  // namespace
}  // namespace sluice::kafka
