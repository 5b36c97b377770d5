// Translation of Java consumer settings (worker consumer.* keys) to librdkafka properties, with
// the security settings of spec msk-connect-and-aws.md and kafka-connect.md §5.1.
#include "kafka/client_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "kafka/client_config_test_support.h"

namespace sluice::kafka {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using namespace ::sluice::kafka::test_support;  // NOLINT(build/namespaces): the shared test
                                                // fixtures

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
  EXPECT_EQ(r->properties.at("queued.max.messages.kbytes"), "65536");
  EXPECT_EQ(r->properties.at("fetch.queue.backoff.ms"), "100");
  EXPECT_EQ(r->properties.count("security.protocol"), 0u);  // librdkafka's default: plaintext
}

// --- group.protocol (KIP-848) --------------------------------------------------------------------

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

}  // namespace
}  // namespace sluice::kafka
