// Translation of Java consumer settings (worker consumer.* keys) to librdkafka properties, with
// the security settings of spec msk-connect-and-aws.md and kafka-connect.md §5.1.
#include "kafka/client_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <librdkafka/rdkafka.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <memory>

namespace sluice::kafka {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSecret = "Sup3r-Secret-Value";

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

ClientConfigInput input_with(std::map<std::string, std::string> worker_consumer,
                             std::map<std::string, std::string> connector_override = {}) {
  ClientConfigInput in;
  in.bootstrap_servers = "b1:9096,b2:9096";
  in.group_id = "connect-s3";
  in.client_id = "connector-consumer-s3-0";
  in.layers = {std::move(worker_consumer), std::move(connector_override)};
  return in;
}

const char* kScramJaas =
    "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"alice\" "
    "password=\"Sup3r-Secret-Value\";";

// Every message of a result: the error, or all notes.
std::string all_messages(const Result<ClientConfig>& r) {
  if (!r.ok()) return r.status().message();
  std::string out;
  for (const std::string& n : r->notes) out += n + "\n";
  return out;
}

// --- defaults and plain keys -------------------------------------------------------------------

TEST(ClientConfigTest, ConnectDefaultsAndLayerPriority) {
  auto r = translate_consumer_config(input_with(
      {{"max.poll.records", "100"}, {"fetch.min.bytes", "10"}}, {{"max.poll.records", "200"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->max_poll_records, 200);
  EXPECT_EQ(r->properties.at("bootstrap.servers"), "b1:9096,b2:9096");
  EXPECT_EQ(r->properties.at("group.id"), "connect-s3");
  EXPECT_EQ(r->properties.at("enable.auto.commit"), "false");
  EXPECT_EQ(r->properties.at("auto.offset.reset"), "earliest");
  EXPECT_EQ(r->properties.at("fetch.min.bytes"), "10");
  EXPECT_EQ(r->properties.count("security.protocol"), 0u);  // librdkafka's default: plaintext
}

// --- group.protocol (KIP-848) --------------------------------------------------------------------

// rd_kafka_new runs librdkafka's checks of the whole configuration (those that look at several
// keys at once); rd_kafka_conf_set alone does not. Returns librdkafka's error, empty when it took
// the configuration. Nothing listens on the bootstrap address.
std::string librdkafka_consumer_error(std::map<std::string, std::string> properties) {
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

TEST(ClientConfigTest, ClassicGroupProtocolIsTheDefaultWithCooperativeSticky) {
  auto r = translate_consumer_config(input_with({}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("group.protocol"), 0u);  // librdkafka's default: classic
  EXPECT_EQ(r->properties.at("partition.assignment.strategy"), "cooperative-sticky");
  EXPECT_EQ(r->properties.at("session.timeout.ms"), "45000");
  EXPECT_EQ(librdkafka_consumer_error(r->properties), "");

  auto explicit_classic = translate_consumer_config(input_with({{"group.protocol", "CLASSIC"}}));
  ASSERT_TRUE(explicit_classic.ok()) << explicit_classic.status().message();
  EXPECT_EQ(explicit_classic->properties, r->properties);
}

TEST(ClientConfigTest, ConsumerGroupProtocolLeavesAssignmentAndSessionsToTheBroker) {
  auto r = translate_consumer_config(
      input_with({{"group.protocol", "Consumer"}}, {{"group.remote.assignor", "uniform"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("group.protocol"), "consumer");
  EXPECT_EQ(r->properties.at("group.remote.assignor"), "uniform");
  EXPECT_EQ(r->properties.count("partition.assignment.strategy"), 0u);
  EXPECT_EQ(r->properties.count("session.timeout.ms"), 0u);
  EXPECT_EQ(r->properties.count("heartbeat.interval.ms"), 0u);
  EXPECT_EQ(r->properties.at("max.poll.interval.ms"), "300000");
  // librdkafka itself refuses the classic-only keys with group.protocol=consumer at rd_kafka_new.
  EXPECT_EQ(librdkafka_consumer_error(r->properties), "");
  std::map<std::string, std::string> with_session = r->properties;
  with_session["session.timeout.ms"] = "45000";
  EXPECT_THAT(librdkafka_consumer_error(with_session), HasSubstr("session.timeout.ms"));
}

TEST(ClientConfigTest, GroupProtocolMisconfigurationsAreRefusedAsJavaRefusesThem) {
  struct Case {
    std::map<std::string, std::string> keys;
    std::string message;
  };
  const Case cases[] = {
      {{{"group.protocol", "streams"}},
       "Invalid value streams for configuration group.protocol: String must be one of (case "
       "insensitive): CLASSIC, CONSUMER"},
      {{{"group.protocol", "consumer"},
        {"partition.assignment.strategy",
         "org.apache.kafka.clients.consumer.CooperativeStickyAssignor"}},
       "partition.assignment.strategy cannot be set when group.protocol=CONSUMER"},
      {{{"group.protocol", "consumer"}, {"session.timeout.ms", "10000"}},
       "session.timeout.ms cannot be set when group.protocol=CONSUMER"},
      {{{"group.protocol", "consumer"}, {"heartbeat.interval.ms", "3000"}},
       "heartbeat.interval.ms cannot be set when group.protocol=CONSUMER"},
      {{{"group.remote.assignor", "range"}},
       "group.remote.assignor cannot be set when group.protocol=CLASSIC"},
  };
  for (const Case& c : cases) {
    auto r = translate_consumer_config(input_with(c.keys));
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(r.status().message(), c.message);
  }
}

TEST(ClientConfigTest, JavaOnlySecurityTuningIsDroppedWithANote) {
  auto r = translate_consumer_config(input_with(
      {{"ssl.enabled.protocols", "TLSv1.2,TLSv1.3"}, {"sasl.login.refresh.window.factor", "0.8"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("ssl.enabled.protocols"), 0u);
  EXPECT_EQ(r->properties.count("sasl.login.refresh.window.factor"), 0u);
  EXPECT_THAT(all_messages(r), HasSubstr("ssl.enabled.protocols has no effect in sluice"));
}

// --- security.protocol, sasl.mechanism -----------------------------------------------------------

TEST(ClientConfigTest, SecurityProtocolIsLowerCasedForLibrdkafka) {
  auto r = translate_consumer_config(input_with({{"security.protocol", "SSL"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("security.protocol"), "ssl");
}

TEST(ClientConfigTest, UnknownSecurityProtocolIsRejected) {
  auto r = translate_consumer_config(input_with({{"security.protocol", "TLS"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "Invalid value TLS for configuration security.protocol: must be one of PLAINTEXT, SSL, "
            "SASL_PLAINTEXT, SASL_SSL");
}

TEST(ClientConfigTest, ScramJaasBecomesUsernameAndPassword) {
  auto r = translate_consumer_config(input_with({{"security.protocol", "SASL_SSL"},
                                                 {"sasl.mechanism", "SCRAM-SHA-512"},
                                                 {"sasl.jaas.config", kScramJaas}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("security.protocol"), "sasl_ssl");
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "SCRAM-SHA-512");
  EXPECT_EQ(r->properties.at("sasl.username"), "alice");
  EXPECT_EQ(r->properties.at("sasl.password"), kSecret);
  EXPECT_EQ(r->properties.count("sasl.jaas.config"), 0u);
  EXPECT_THAT(all_messages(r), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, PlainJaasBecomesUsernameAndPassword) {
  auto r = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_PLAINTEXT"},
       {"sasl.mechanism", "PLAIN"},
       {"sasl.jaas.config",
        "org.apache.kafka.common.security.plain.PlainLoginModule required username='bob' "
        "password=\"p\\\"w\\\\d\";"}}));
  // A single quote is not a JAAS quote: username='bob' is not a word.
  ASSERT_FALSE(r.ok());
  r = translate_consumer_config(
      input_with({{"security.protocol", "SASL_PLAINTEXT"},
                  {"sasl.mechanism", "PLAIN"},
                  {"sasl.jaas.config",
                   "org.apache.kafka.common.security.plain.PlainLoginModule required username=bob "
                   "password=\"p\\\"w\\\\d\";"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "PLAIN");
  EXPECT_EQ(r->properties.at("sasl.username"), "bob");
  EXPECT_EQ(r->properties.at("sasl.password"), "p\"w\\d");
}

TEST(ClientConfigTest, ConnectorOverrideJaasReplacesWorkerJaas) {
  auto r = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_SSL"},
       {"sasl.mechanism", "SCRAM-SHA-256"},
       {"sasl.jaas.config", kScramJaas}},
      {{"sasl.jaas.config",
        "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"carol\" "
        "password=\"x\";"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.username"), "carol");
  EXPECT_EQ(r->properties.at("sasl.password"), "x");
}

TEST(ClientConfigTest, OauthbearerMechanismIsAccepted) {
  auto r = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_SSL"},
       {"sasl.mechanism", "OAUTHBEARER"},
       {"sasl.jaas.config",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "OAUTHBEARER");
  EXPECT_THAT(all_messages(r), HasSubstr("OAUTHBEARER without a login callback handler"));
}

// KIP-768 as the Kafka documentation configures a Java client: Kafka's OIDC login handler, the
// token endpoint, and the client credentials in the JAAS entry.
TEST(ClientConfigTest, JavaOidcSettingsBecomeLibrdkafkaOidc) {
  for (const char* handler :
       {"org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler",
        "org.apache.kafka.common.security.oauthbearer.secured.OAuthBearerLoginCallbackHandler"}) {
    auto r = translate_consumer_config(
        input_with({{"security.protocol", "SASL_SSL"},
                    {"sasl.mechanism", "OAUTHBEARER"},
                    {"sasl.login.callback.handler.class", handler},
                    {"sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/oauth2/token"},
                    {"sasl.oauthbearer.sub.claim.name", "client_id"},
                    {"sasl.jaas.config",
                     "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                     "clientId=\"sluice-app\" clientSecret=\"s3cr3t\" scope=\"kafka.read\" "
                     "extension_logicalCluster=\"lkc-1\" extension_identityPoolId=\"pool-2\";"}}));
    ASSERT_TRUE(r.ok()) << r.status().message();
    // sluice fetches the tokens itself: nothing of it goes to librdkafka.
    for (const auto& [key, value] : r->properties) {
      EXPECT_NE(key.rfind("sasl.oauthbearer.", 0), 0u) << key;
    }
    ASSERT_TRUE(r->oidc.has_value());
    EXPECT_EQ(r->oidc->token_endpoint_url, "https://idp.example.com/oauth2/token");
    EXPECT_EQ(r->oidc->client_id, "sluice-app");
    EXPECT_EQ(r->oidc->client_secret, "s3cr3t");
    EXPECT_EQ(r->oidc->scope, "kafka.read");
    EXPECT_EQ(r->oidc->sub_claim_name, "client_id");
    using Pair = std::pair<std::string, std::string>;
    EXPECT_EQ(r->oidc->extensions,
              (std::vector<Pair>{{"logicalCluster", "lkc-1"}, {"identityPoolId", "pool-2"}}));
    EXPECT_EQ(r->properties.at("sasl.mechanism"), "OAUTHBEARER");
    EXPECT_FALSE(r->msk_iam_options.has_value());
    EXPECT_THAT(all_messages(r), Not(HasSubstr("s3cr3t")));
  }
}

TEST(ClientConfigTest, OidcClientCredentialsFromTheKafka41Keys) {
  auto r = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "OAUTHBEARER"},
                  {"sasl.login.callback.handler.class",
                   "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"},
                  {"sasl.oauthbearer.token.endpoint.url", "https://idp.example.com/token"},
                  {"sasl.oauthbearer.client.credentials.client.id", "app"},
                  {"sasl.oauthbearer.client.credentials.client.secret", "pw"},
                  {"sasl.oauthbearer.scope", "a b"},
                  {"sasl.oauthbearer.header.urlencode", "true"},
                  // As Java's configOrJaas: the keys win over the JAAS options.
                  {"sasl.jaas.config",
                   "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                   "clientId=\"jaas-app\" clientSecret=\"jaas-pw\" scope=\"jaas\";"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  ASSERT_TRUE(r->oidc.has_value());
  EXPECT_EQ(r->oidc->client_id, "app");
  EXPECT_EQ(r->oidc->client_secret, "pw");
  EXPECT_EQ(r->oidc->scope, "a b");
  EXPECT_TRUE(r->oidc->header_urlencode);
}

// The Java client ignores sasl.oauthbearer.* keys its login does not use; so does sluice, instead
// of handing them to a librdkafka that may refuse them (Debian's has no OIDC).
TEST(ClientConfigTest, StrayOauthbearerKeysAreNotHandedToLibrdkafka) {
  auto plain = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "PLAIN"},
                  {"sasl.oauthbearer.token.endpoint.url", "https://idp/token"},
                  {"sasl.jaas.config",
                   "org.apache.kafka.common.security.plain.PlainLoginModule required username=u "
                   "password=p;"}}));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->properties.count("sasl.oauthbearer.token.endpoint.url"), 0u);
  EXPECT_TRUE(check_librdkafka_properties(plain->properties).ok());

  auto file = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_SSL"},
       {"sasl.mechanism", "OAUTHBEARER"},
       {"sasl.login.callback.handler.class",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"},
       {"sasl.oauthbearer.token.endpoint.url", "file:///var/run/token.jwt"},
       {"sasl.jaas.config",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"}}));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.status().message(), HasSubstr("file-based token"));
}

TEST(ClientConfigTest, OidcMisconfigurationsNameWhatIsMissing) {
  const std::map<std::string, std::string> base = {
      {"security.protocol", "SASL_SSL"},
      {"sasl.mechanism", "OAUTHBEARER"},
      {"sasl.login.callback.handler.class",
       "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginCallbackHandler"},
      {"sasl.jaas.config",
       "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
       "clientId=\"a\" clientSecret=\"b\";"}};
  auto no_endpoint = translate_consumer_config(input_with(base));
  ASSERT_FALSE(no_endpoint.ok());
  EXPECT_THAT(no_endpoint.status().message(),
              HasSubstr("needs sasl.oauthbearer.token.endpoint.url"));

  auto no_secret = base;
  no_secret["sasl.oauthbearer.token.endpoint.url"] = "https://idp/token";
  no_secret["sasl.jaas.config"] =
      "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required clientId=a;";
  auto missing = translate_consumer_config(input_with(no_secret));
  ASSERT_FALSE(missing.ok());
  EXPECT_THAT(missing.status().message(), HasSubstr("needs a client id and secret"));

  auto jwt_bearer = base;
  jwt_bearer["sasl.oauthbearer.token.endpoint.url"] = "https://idp/token";
  jwt_bearer["sasl.oauthbearer.jwt.retriever.class"] =
      "org.apache.kafka.common.security.oauthbearer.JwtBearerJwtRetriever";
  auto grant = translate_consumer_config(input_with(jwt_bearer));
  ASSERT_FALSE(grant.ok());
  EXPECT_THAT(grant.status().message(), HasSubstr("client_credentials grant only"));
}

TEST(ClientConfigTest, UnsecuredJwtLoginForTests) {
  auto r = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_PLAINTEXT"},
       {"sasl.mechanism", "OAUTHBEARER"},
       {"sasl.jaas.config",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
        "unsecuredLoginStringClaim_sub=\"alice\" unsecuredLoginListClaim_scope=\"s1,s2\" "
        "unsecuredLoginLifetimeSeconds=\"600\" unsecuredLoginExtension_traceId=\"123\";"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("enable.sasl.oauthbearer.unsecure.jwt"), "true");
  EXPECT_EQ(r->properties.at("sasl.oauthbearer.config"),
            "principal=alice scope=s1,s2 lifeSeconds=600 extension_traceId=123");
  EXPECT_THAT(all_messages(r), HasSubstr("for tests only"));
}

// MSK IAM as MSK's documentation configures the Java client (aws-msk-iam-auth README): the
// AWS_MSK_IAM mechanism becomes OAUTHBEARER with tokens from sluice, and the login module's
// options are handed on.
TEST(ClientConfigTest, AwsMskIamBecomesOauthbearerWithTheLoginModuleOptions) {
  auto r = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "AWS_MSK_IAM"},
                  {"sasl.jaas.config",
                   "software.amazon.msk.auth.iam.IAMLoginModule required "
                   "awsRoleArn=\"arn:aws:iam::123456789012:role/msk\" awsRoleSessionName=\"s1\";"},
                  {"sasl.client.callback.handler.class",
                   "software.amazon.msk.auth.iam.IAMClientCallbackHandler"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "OAUTHBEARER");
  EXPECT_EQ(r->properties.at("security.protocol"), "sasl_ssl");
  EXPECT_EQ(r->properties.count("sasl.oauthbearer.method"), 0u);
  ASSERT_TRUE(r->msk_iam_options.has_value());
  using Option = std::pair<std::string, std::string>;
  EXPECT_EQ(*r->msk_iam_options,
            (std::vector<Option>{{"awsRoleArn", "arn:aws:iam::123456789012:role/msk"},
                                 {"awsRoleSessionName", "s1"}}));
}

TEST(ClientConfigTest, MskIamOverOauthbearerWithTheIamCallbackHandler) {
  auto r = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "OAUTHBEARER"},
                  {"sasl.jaas.config",
                   "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required "
                   "awsProfileName=\"analytics\";"},
                  {"sasl.login.callback.handler.class",
                   "software.amazon.msk.auth.iam.IAMOAuthBearerLoginCallbackHandler"},
                  {"sasl.client.callback.handler.class",
                   "software.amazon.msk.auth.iam.IAMOAuthBearerLoginCallbackHandler"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "OAUTHBEARER");
  ASSERT_TRUE(r->msk_iam_options.has_value());
  ASSERT_EQ(r->msk_iam_options->size(), 1u);
  EXPECT_EQ(r->msk_iam_options->front().second, "analytics");
  EXPECT_THAT(all_messages(r), Not(HasSubstr("OAuthBearerLoginModule")));
}

TEST(ClientConfigTest, PlainOauthbearerIsNotMskIam) {
  auto r = translate_consumer_config(input_with(
      {{"security.protocol", "SASL_SSL"},
       {"sasl.mechanism", "OAUTHBEARER"},
       {"sasl.jaas.config",
        "org.apache.kafka.common.security.oauthbearer.OAuthBearerLoginModule required;"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_FALSE(r->msk_iam_options.has_value());
}

TEST(ClientConfigTest, MskIamMisconfigurationsNameTheFix) {
  auto no_jaas = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "AWS_MSK_IAM"}}));
  ASSERT_FALSE(no_jaas.ok());
  EXPECT_THAT(no_jaas.status().message(),
              HasSubstr("needs sasl.jaas.config=software.amazon.msk.auth.iam.IAMLoginModule"));

  auto wrong_mechanism = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "OAUTHBEARER"},
                  {"sasl.jaas.config", "software.amazon.msk.auth.iam.IAMLoginModule required;"}}));
  ASSERT_FALSE(wrong_mechanism.ok());
  EXPECT_THAT(wrong_mechanism.status().message(),
              HasSubstr("IAMLoginModule needs sasl.mechanism=AWS_MSK_IAM"));

  auto wrong_module = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"},
                  {"sasl.mechanism", "AWS_MSK_IAM"},
                  {"sasl.jaas.config",
                   "org.apache.kafka.common.security.plain.PlainLoginModule required username=u "
                   "password=p;"}}));
  ASSERT_FALSE(wrong_module.ok());
  EXPECT_THAT(wrong_module.status().message(),
              HasSubstr("needs the login module software.amazon.msk.auth.iam.IAMLoginModule"));

  auto handler_without_mechanism = translate_consumer_config(
      input_with({{"sasl.login.callback.handler.class",
                   "software.amazon.msk.auth.iam.IAMOAuthBearerLoginCallbackHandler"}}));
  ASSERT_FALSE(handler_without_mechanism.ok());
  EXPECT_THAT(handler_without_mechanism.status().message(),
              HasSubstr("or sasl.mechanism=OAUTHBEARER with sasl.login.callback.handler.class="));

  auto other_class = translate_consumer_config(
      input_with({{"sasl.mechanism", "OAUTHBEARER"},
                  {"sasl.login.callback.handler.class", "com.example.MyLoginHandler"}}));
  ASSERT_FALSE(other_class.ok());
  EXPECT_THAT(other_class.status().message(), HasSubstr("sluice cannot run Java classes"));
}

TEST(ClientConfigTest, LibrdkafkaRefusalsAreFoundBeforeConnecting) {
  EXPECT_TRUE(check_librdkafka_properties(
                  {{"bootstrap.servers", "b:9092"}, {"sasl.mechanism", "OAUTHBEARER"}})
                  .ok());
  Status unknown = check_librdkafka_properties({{"sasl.oauthbearer.no.such.key", "x"}});
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(unknown.message(),
              HasSubstr("Kafka consumer property sasl.oauthbearer.no.such.key=x: "));
  Status secret = check_librdkafka_properties({{"sasl.password.typo", "hunter2"}});
  EXPECT_THAT(secret.message(), HasSubstr("sasl.password.typo=[hidden]"));
  EXPECT_THAT(secret.message(), Not(HasSubstr("hunter2")));
}

TEST(ClientConfigTest, ConnectionPropertiesAreWhatASecondClientNeeds) {
  std::map<std::string, std::string> all = {{"bootstrap.servers", "b:9093"},
                                            {"security.protocol", "sasl_ssl"},
                                            {"sasl.mechanism", "OAUTHBEARER"},
                                            {"enable.sasl.oauthbearer.unsecure.jwt", "true"},
                                            {"ssl.ca.pem", "PEM"},
                                            {"group.id", "connect-x"},
                                            {"auto.offset.reset", "earliest"},
                                            {"fetch.min.bytes", "1"}};
  std::map<std::string, std::string> expected = {{"bootstrap.servers", "b:9093"},
                                                 {"security.protocol", "sasl_ssl"},
                                                 {"sasl.mechanism", "OAUTHBEARER"},
                                                 {"enable.sasl.oauthbearer.unsecure.jwt", "true"},
                                                 {"ssl.ca.pem", "PEM"}};
  EXPECT_EQ(connection_properties(all), expected);
  EXPECT_TRUE(has_security_settings({{"sasl.jaas.config", "x"}}));
  EXPECT_TRUE(has_security_settings({{"security.protocol", "SSL"}}));
  EXPECT_TRUE(has_security_settings({{"ssl.truststore.location", "/t"}}));
  EXPECT_FALSE(has_security_settings({{"acks", "all"}, {"linger.ms", "5"}}));
}

TEST(ClientConfigTest, UnknownMechanismIsRejected) {
  auto r = translate_consumer_config(input_with({{"sasl.mechanism", "DIGEST-MD5"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Invalid value DIGEST-MD5 for configuration sasl.mechanism: sluice supports GSSAPI, "
            "PLAIN, SCRAM-SHA-256, SCRAM-SHA-512, OAUTHBEARER and AWS_MSK_IAM");
}

TEST(ClientConfigTest, SaslWithoutCredentialsPointsAtConsumerPrefix) {
  // Spec kafka-connect.md §5.1: top-level worker security keys do not reach task consumers.
  auto r = translate_consumer_config(
      input_with({{"security.protocol", "SASL_SSL"}, {"sasl.mechanism", "SCRAM-SHA-512"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("set consumer.sasl.jaas.config"));
}

TEST(ClientConfigTest, JaasAndLibrdkafkaCredentialsTogetherAreRejected) {
  auto r = translate_consumer_config(
      input_with({{"sasl.jaas.config", kScramJaas}, {"sasl.password", kSecret}}));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("set only one of them"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, JaasWithoutPasswordIsRejectedWithoutEchoingIt) {
  auto r = translate_consumer_config(
      input_with({{"sasl.jaas.config",
                   "org.apache.kafka.common.security.scram.ScramLoginModule required "
                   "username=\"Sup3r-Secret-Value\";"}}));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().message(),
            "Invalid value [hidden] for configuration sasl.jaas.config: "
            "org.apache.kafka.common.security.scram.ScramLoginModule needs the options username "
            "and password");
}

// --- GSSAPI (Kerberos) ---------------------------------------------------------------------------

// A Krb5LoginModule entry as users copy it from the Kafka documentation, with `options` inside.
std::string krb5_jaas(const std::string& options) {
  return "com.sun.security.auth.module.Krb5LoginModule required " + options + ";";
}

// The worker's consumer keys of a keytab login over SASL_PLAINTEXT, plus `extra`.
std::map<std::string, std::string> keytab_login(const std::string& keytab,
                                                std::map<std::string, std::string> extra = {}) {
  std::map<std::string, std::string> keys = {
      {"security.protocol", "SASL_PLAINTEXT"},
      {"sasl.mechanism", "GSSAPI"},
      {"sasl.kerberos.service.name", "kafka"},
      {"sasl.jaas.config", krb5_jaas("useKeyTab=true storeKey=true keyTab=\"" + keytab +
                                     "\" principal=\"sluice@EXAMPLE.COM\"")}};
  for (auto& [key, value] : extra) keys[key] = value;
  return keys;
}

// What `sh -c command` prints, as librdkafka's system() would run it.
std::string shell_output(const std::string& command) {
  std::string out;
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return "popen failed";
  char buf[256];
  while (fgets(buf, sizeof(buf), pipe) != nullptr) out += buf;
  pclose(pipe);
  return out;
}

TEST(ClientConfigTest, GssapiIsTheDefaultMechanismOfSaslProtocols) {
  TempDir dir;
  std::map<std::string, std::string> keys = keytab_login(dir.file("client.keytab", "kt"));
  keys.erase("sasl.mechanism");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.mechanism"), "GSSAPI");
  EXPECT_EQ(r->properties.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  // Not for a protocol without SASL, where the Java client ignores the sasl.* keys.
  auto plain = translate_consumer_config(input_with({{"security.protocol", "SSL"}}));
  ASSERT_TRUE(plain.ok()) << plain.status().message();
  EXPECT_EQ(plain->properties.count("sasl.mechanism"), 0u);
}

TEST(ClientConfigTest, GssapiWithoutServiceNameIsRefusedNamingTheKey) {
  TempDir dir;
  std::map<std::string, std::string> keys = keytab_login(dir.file("client.keytab", "kt"));
  keys.erase("sasl.kerberos.service.name");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("set sasl.kerberos.service.name"));
  EXPECT_THAT(r.status().message(),
              HasSubstr("No serviceName defined in either JAAS or Kafka config"));
  // An empty name is no name.
  keys["sasl.kerberos.service.name"] = "";
  EXPECT_FALSE(translate_consumer_config(input_with(keys)).ok());
}

TEST(ClientConfigTest, GssapiServiceNameFromTheJaasOption) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  std::map<std::string, std::string> keys = keytab_login(keytab);
  keys.erase("sasl.kerberos.service.name");
  keys["sasl.jaas.config"] = krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                       "\" principal=\"sluice@EXAMPLE.COM\" serviceName=\"kfk\"");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.service.name"), "kfk");
  EXPECT_EQ(all_messages(r), "");  // serviceName is understood: no note
  // The same name in both places is fine, as in the Java client.
  keys["sasl.kerberos.service.name"] = "kfk";
  EXPECT_TRUE(translate_consumer_config(input_with(keys)).ok());
}

TEST(ClientConfigTest, GssapiConflictingServiceNamesAreRefused) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(
      keytab, {{"sasl.jaas.config", krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                              "\" principal=\"a@B\" serviceName=\"other\"")}})));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().message(),
            "Conflicting Kerberos service names: sasl.kerberos.service.name=kafka but the "
            "serviceName option of sasl.jaas.config is other; the Java client refuses this (set "
            "one of them, or the same name in both)");
}

TEST(ClientConfigTest, KerberosKeytabLoginBecomesPrincipalKeytabAndKinitCommand) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(keytab)));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& p = r->properties;
  EXPECT_EQ(p.at("security.protocol"), "sasl_plaintext");
  EXPECT_EQ(p.at("sasl.mechanism"), "GSSAPI");
  EXPECT_EQ(p.at("sasl.kerberos.service.name"), "kafka");
  EXPECT_EQ(p.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  EXPECT_EQ(p.at("sasl.kerberos.keytab"), keytab);
  EXPECT_EQ(p.at("sasl.kerberos.kinit.cmd"), "'kinit' -R -t '" + keytab +
                                                 "' -k 'sluice@EXAMPLE.COM' || 'kinit' -t '" +
                                                 keytab + "' -k 'sluice@EXAMPLE.COM'");
  // librdkafka's default (60 s between kinit runs), which is the Java client's default too.
  EXPECT_EQ(p.count("sasl.kerberos.min.time.before.relogin"), 0u);
  EXPECT_EQ(all_messages(r), "");  // useKeyTab, storeKey, keyTab, principal: nothing dropped
}

TEST(ClientConfigTest, KerberosKeytabLoginWithoutKeyTabUsesTheDefaultKeytab) {
  auto r = translate_consumer_config(input_with(keytab_login(
      "", {{"sasl.jaas.config", krb5_jaas("useKeyTab=true principal=\"sluice@EXAMPLE.COM\"")}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("sasl.kerberos.keytab"), 0u);
  EXPECT_EQ(r->properties.at("sasl.kerberos.kinit.cmd"),
            "'kinit' -R -k 'sluice@EXAMPLE.COM' || 'kinit' -k 'sluice@EXAMPLE.COM'");
}

TEST(ClientConfigTest, KerberosKinitCmdIsJavasPathMadeIntoLibrdkafkasCommand) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(
      input_with(keytab_login(keytab, {{"sasl.kerberos.kinit.cmd", "/opt/krb5/bin/kinit"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.kinit.cmd"),
            "'/opt/krb5/bin/kinit' -R -t '" + keytab +
                "' -k 'sluice@EXAMPLE.COM' || '/opt/krb5/bin/kinit' -t '" + keytab +
                "' -k 'sluice@EXAMPLE.COM'");
}

TEST(ClientConfigTest, KerberosKinitCmdThatIsACommandLineIsRefused) {
  TempDir dir;
  for (const char* value : {"kinit -R -t \"%{sasl.kerberos.keytab}\" -k %{sasl.kerberos.principal}",
                            "/usr/bin/kinit -k", ""}) {
    auto r = translate_consumer_config(input_with(
        keytab_login(dir.file("client.keytab", "kt"), {{"sasl.kerberos.kinit.cmd", value}})));
    ASSERT_FALSE(r.ok()) << value;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(), HasSubstr("for configuration sasl.kerberos.kinit.cmd: the "
                                                "Java client takes the path of the kinit program"));
  }
}

TEST(ClientConfigTest, KerberosKinitCommandQuotesPathsForTheShell) {
  TempDir dir;
  // A keytab path with a space, a quote and shell characters, run through the shell as librdkafka
  // runs the command, with echo standing in for kinit: each argument arrives intact. (echo, not
  // kinit: a real kinit would look for this machine's realm.)
  std::string keytab = dir.file("it's a $(key) `tab`", "kt");
  auto r = translate_consumer_config(
      input_with(keytab_login(keytab, {{"sasl.kerberos.kinit.cmd", "/bin/echo"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(shell_output(r->properties.at("sasl.kerberos.kinit.cmd")),
            "-R -t " + keytab + " -k sluice@EXAMPLE.COM\n");
  // rd_kafka_new renders the kinit command (its %{name} references) and runs it at once.
  EXPECT_EQ(librdkafka_consumer_error(r->properties), "");
}

TEST(ClientConfigTest, KerberosTicketCacheLoginDisablesKinit) {
  auto r = translate_consumer_config(
      input_with(keytab_login("", {{"sasl.jaas.config", krb5_jaas("useTicketCache=true")},
                                   {"sasl.kerberos.kinit.cmd", "/usr/bin/kinit"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  const auto& p = r->properties;
  EXPECT_EQ(p.at("sasl.kerberos.min.time.before.relogin"), "0");
  EXPECT_EQ(p.count("sasl.kerberos.kinit.cmd"), 0u);
  EXPECT_EQ(p.count("sasl.kerberos.keytab"), 0u);
  EXPECT_EQ(p.at("sasl.kerberos.service.name"), "kafka");
  EXPECT_THAT(all_messages(r), HasSubstr("uses the Kerberos ticket cache as it finds it and never "
                                         "runs kinit"));
  EXPECT_THAT(all_messages(r),
              HasSubstr("sasl.kerberos.kinit.cmd has no effect with useTicketCache=true"));
}

TEST(ClientConfigTest, KerberosLoginWithoutKeytabOrTicketCacheIsRefused) {
  for (const char* options : {"", "useKeyTab=false useTicketCache=false",
                              "keyTab=\"/etc/krb5.keytab\" principal=\"a@B\""}) {
    auto r = translate_consumer_config(
        input_with(keytab_login("", {{"sasl.jaas.config", krb5_jaas(options)}})));
    ASSERT_FALSE(r.ok()) << options;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(r.status().message(),
                HasSubstr("needs useKeyTab=true (with keyTab and principal) or "
                          "useTicketCache=true: without either it asks for a password"));
  }
}

TEST(ClientConfigTest, KerberosKeytabLoginNeedsAPrincipal) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      "", {{"sasl.jaas.config",
            krb5_jaas("useKeyTab=true keyTab=\"" + dir.file("client.keytab", "kt") + "\"")}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(), HasSubstr("with useKeyTab=true needs the option principal"));
}

TEST(ClientConfigTest, KerberosUnreadableKeytabIsRefusedBeforeConnecting) {
  TempDir dir;
  std::string missing = dir.file("x", "") + "-missing.keytab";
  auto r = translate_consumer_config(input_with(keytab_login(missing)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(), HasSubstr("the keyTab file " + missing + " cannot be read"));
}

TEST(ClientConfigTest, KerberosMinTimeBeforeReloginIsMilliseconds) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto with = [&](const std::string& value) {
    return translate_consumer_config(
        input_with(keytab_login(keytab, {{"sasl.kerberos.min.time.before.relogin", value}})));
  };
  auto two_minutes = with(" 120000 ");
  ASSERT_TRUE(two_minutes.ok()) << two_minutes.status().message();
  EXPECT_EQ(two_minutes->properties.at("sasl.kerberos.min.time.before.relogin"), "120000");
  // 0 would mean no kinit (no login at all) to librdkafka, not "no minimum" as to Java.
  auto zero = with("0");
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->properties.count("sasl.kerberos.min.time.before.relogin"), 0u);
  EXPECT_THAT(all_messages(zero), HasSubstr("keeps librdkafka's 60000 ms"));
  auto two_days = with("172800000");
  ASSERT_TRUE(two_days.ok());
  EXPECT_EQ(two_days->properties.at("sasl.kerberos.min.time.before.relogin"), "86400000");
  auto word = with("soon");
  ASSERT_FALSE(word.ok());
  EXPECT_EQ(word.status().message(),
            "Invalid value soon for configuration sasl.kerberos.min.time.before.relogin: Not a "
            "number of type LONG");
}

TEST(ClientConfigTest, KerberosTicketRenewSettingsAreIgnoredWithANote) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      dir.file("client.keytab", "kt"), {{"sasl.kerberos.ticket.renew.window.factor", "0.8"},
                                        {"sasl.kerberos.ticket.renew.jitter", "0.05"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.count("sasl.kerberos.ticket.renew.window.factor"), 0u);
  EXPECT_EQ(r->properties.count("sasl.kerberos.ticket.renew.jitter"), 0u);
  EXPECT_THAT(all_messages(r),
              HasSubstr("sasl.kerberos.ticket.renew.window.factor has no effect in sluice"));
  EXPECT_THAT(all_messages(r), HasSubstr("sasl.kerberos.ticket.renew.jitter has no effect"));
}

TEST(ClientConfigTest, KerberosOptionsSluiceCannotHonourGetANote) {
  TempDir dir;
  std::string keytab = dir.file("client.keytab", "kt");
  auto r = translate_consumer_config(input_with(keytab_login(
      keytab,
      {{"sasl.jaas.config", krb5_jaas("useKeyTab=true keyTab=\"" + keytab +
                                      "\" principal=\"a@B\" debug=true ticketCache=\"/tmp/cc\" "
                                      "doNotPrompt=true")}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  std::string notes = all_messages(r);
  EXPECT_THAT(notes, HasSubstr("sasl.jaas.config option debug has no effect in sluice"));
  EXPECT_THAT(notes, HasSubstr("set KRB5CCNAME=/tmp/cc in sluice's environment instead"));
  EXPECT_THAT(notes, Not(HasSubstr("doNotPrompt")));
}

TEST(ClientConfigTest, GssapiWithoutJaasIsRefusedWithTheLoginToWrite) {
  std::map<std::string, std::string> keys = keytab_login("");
  keys.erase("sasl.jaas.config");
  auto r = translate_consumer_config(input_with(keys));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(r.status().message(),
              HasSubstr("set consumer.sasl.jaas.config=com.sun.security.auth.module."
                        "Krb5LoginModule required useKeyTab=true"));
  EXPECT_THAT(r.status().message(), HasSubstr("java.security.auth.login.config"));
}

TEST(ClientConfigTest, GssapiWithAnotherLoginModuleIsRefused) {
  auto r = translate_consumer_config(input_with(
      keytab_login("", {{"sasl.jaas.config",
                         "org.apache.kafka.common.security.plain.PlainLoginModule required "
                         "username=\"a\" password=\"Sup3r-Secret-Value\";"}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("sasl.mechanism=GSSAPI needs the login module "
                        "com.sun.security.auth.module.Krb5LoginModule, not "
                        "org.apache.kafka.common.security.plain.PlainLoginModule"));
  EXPECT_THAT(r.status().message(), Not(HasSubstr(kSecret)));
}

TEST(ClientConfigTest, UnknownLoginModuleIsRefusedForGssapi) {
  auto r = translate_consumer_config(
      input_with(keytab_login("", {{"sasl.jaas.config", "com.example.KerberosLogin required;"}})));
  ASSERT_FALSE(r.ok());
  EXPECT_THAT(r.status().message(),
              HasSubstr("login module com.example.KerberosLogin is not known to sluice"));
}

TEST(ClientConfigTest, LibrdkafkaKerberosKeysAreIgnoredWithANote) {
  TempDir dir;
  auto r = translate_consumer_config(input_with(keytab_login(
      dir.file("client.keytab", "kt"), {{"sasl.kerberos.principal", "other@EXAMPLE.COM"},
                                        {"sasl.kerberos.keytab", "/etc/other.keytab"}})));
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->properties.at("sasl.kerberos.principal"), "sluice@EXAMPLE.COM");
  EXPECT_NE(r->properties.at("sasl.kerberos.keytab"), "/etc/other.keytab");
  EXPECT_THAT(all_messages(r), HasSubstr("sasl.kerberos.principal is a librdkafka setting that "
                                         "the Java client does not know; ignored"));
}

TEST(ClientConfigTest, KerberosKeysDoNothingForOtherMechanisms) {
  auto r = translate_consumer_config(input_with({{"security.protocol", "SASL_SSL"},
                                                 {"sasl.mechanism", "SCRAM-SHA-512"},
                                                 {"sasl.jaas.config", kScramJaas},
                                                 {"sasl.kerberos.service.name", "kafka"},
                                                 {"sasl.kerberos.kinit.cmd", "/usr/bin/kinit"}}));
  ASSERT_TRUE(r.ok()) << r.status().message();
  for (const auto& [key, value] : r->properties) {
    EXPECT_THAT(key, Not(HasSubstr("kerberos"))) << value;
  }
}

TEST(ClientConfigTest, MissingCyrusGssapiPluginIsNamedWithItsPackage) {
  Status missing = check_gssapi_plugin({"SCRAM-SHA-256", "PLAIN", "ANONYMOUS"});
  EXPECT_EQ(missing.code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(missing.message(), HasSubstr("install libsasl2-modules-gssapi-mit"));
  EXPECT_THAT(missing.message(), HasSubstr("No worthy mechs found"));
  EXPECT_TRUE(check_gssapi_plugin({"PLAIN", "GSSAPI"}).ok());
  // Only GSSAPI configurations are checked against this machine's plugins.
  EXPECT_TRUE(
      check_librdkafka_properties({{"security.protocol", "sasl_ssl"}, {"sasl.mechanism", "PLAIN"}})
          .ok());
}

// --- JAAS parsing ------------------------------------------------------------------------------

TEST(JaasConfigTest, ParsesModuleFlagAndOptionsInOrder) {
  auto m = parse_jaas_config(
      "  org.apache.kafka.common.security.scram.ScramLoginModule   REQUIRED\n"
      "    username=\"a b\" /* a comment */ password=\"x\\\"y\\\\z\\n\\101\" // end\n"
      "    retries=3 mode=some-thing_$1.0;  ");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->class_name, "org.apache.kafka.common.security.scram.ScramLoginModule");
  EXPECT_EQ(m->control_flag, "required");
  ASSERT_EQ(m->options.size(), 4u);
  EXPECT_EQ(m->options[0], (std::pair<std::string, std::string>("username", "a b")));
  EXPECT_EQ(m->options[1].second, "x\"y\\z\nA");
  EXPECT_EQ(m->option("retries"), "3");
  EXPECT_EQ(m->option("mode"), "some-thing_$1.0");
  EXPECT_EQ(m->option("missing"), std::nullopt);
}

TEST(JaasConfigTest, EmptyQuotedValueAndOtherFlags) {
  auto m = parse_jaas_config("a.B sufficient k=\"\";");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->control_flag, "sufficient");
  EXPECT_EQ(m->option("k"), "");
  EXPECT_TRUE(parse_jaas_config("a.B optional;").ok());
  EXPECT_TRUE(parse_jaas_config("a.B requisite;").ok());
}

TEST(JaasConfigTest, ErrorsNameThePlaceButNeverAValue) {
  struct Case {
    const char* text;
    const char* why;
  };
  const Case cases[] = {
      {"m.Module required password=\"Sup3r-Secret-Value\"", "must end with ';'"},
      {"m.Module required password=\"Sup3r-Secret-Value;", "option password is not terminated"},
      {"m.Module mandatory password=\"Sup3r-Secret-Value\";", "expected a control flag"},
      {"m.Module required password \"Sup3r-Secret-Value\";",
       "expected '=' after option password at character 28"},
      {"m.Module required password=;", "option password has no value at character 28"},
      {"m.A required; m.B required password=\"Sup3r-Secret-Value\";",
       "exactly one login module, not 2"},
      {"", "exactly one login module, not 0"},
      {"m.Module required /* Sup3r-Secret-Value", "unterminated /* comment"},
  };
  for (const Case& c : cases) {
    auto m = parse_jaas_config(c.text);
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(m.status().message(),
                HasSubstr("Invalid value [hidden] for configuration sasl.jaas.config: "));
    EXPECT_THAT(m.status().message(), HasSubstr(c.why)) << c.text;
    EXPECT_THAT(m.status().message(), Not(HasSubstr(kSecret))) << c.text;
  }
}

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
