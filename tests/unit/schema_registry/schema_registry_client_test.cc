// SchemaRegistryClient against a local HTTP server that answers as Confluent's Schema Registry
// does: the requests it sends, caching, auth, retries and failover, and the errors it reports.
#include "schema_registry/schema_registry_client.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>

#include "http/test_http_server.h"

namespace sluice::schema_registry {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kSchemaText =
    R"({"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]})";
// kSchemaText as a JSON string, as the registry embeds it in its answers.
constexpr const char* kQuotedSchema =
    R"("{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}")";

std::string schema_answer() {
  return std::string(R"({"schema":)") + kQuotedSchema + "}";
}

RegistryClientConfig config_for(std::vector<std::string> urls) {
  RegistryClientConfig config;
  config.urls = std::move(urls);
  config.retry_wait = std::chrono::milliseconds(1);
  config.retry_max_wait = std::chrono::milliseconds(4);
  config.http.connect_timeout = std::chrono::milliseconds(2000);
  config.http.request_timeout = std::chrono::milliseconds(5000);
  return config;
}

void answer_json(httplib::Response& res, int status, const std::string& body) {
  res.status = status;
  res.set_content(body, "application/vnd.schemaregistry.v1+json");
}

TEST(SchemaRegistryClientTest, SchemaByIdSendsConfluentsRequestAndAsksOncePerId) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200, schema_answer());
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  for (int i = 0; i < 3; ++i) {
    auto schema = client.schema_by_id(SchemaId{42}, Subject("orders-value"));
    ASSERT_TRUE(schema.ok()) << schema.status().message();
    EXPECT_EQ((*schema)->id, SchemaId{42});
    EXPECT_EQ((*schema)->kind, SchemaKind::kAvro);  // no schemaType: Avro
    EXPECT_EQ((*schema)->text, kSchemaText);
  }
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "GET");
  EXPECT_EQ(requests[0].target, "/schemas/ids/42?fetchMaxId=false&subject=orders-value");
  EXPECT_THAT(requests[0].header("Accept"), HasSubstr("application/vnd.schemaregistry.v1+json"));
  EXPECT_FALSE(requests[0].has_header("Authorization"));
  EXPECT_EQ(client.requests_sent(), 1u);
}

TEST(SchemaRegistryClientTest, SchemaTypeAndReferencesAreRead) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200,
                R"({"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";","references":[)"
                R"({"name":"other.proto","subject":"other","version":3}]})");
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto schema = client.schema_by_id(SchemaId{7}, Subject("t-value"));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ((*schema)->kind, SchemaKind::kProtobuf);
  EXPECT_EQ((*schema)->text, "syntax = \"proto3\";");
  ASSERT_EQ((*schema)->references.size(), 1u);
  EXPECT_EQ((*schema)->references[0], (SchemaReference{"other.proto", "other", 3}));
}

TEST(SchemaRegistryClientTest, VersionLookupPostsTheSchemaUnderTheSubjectAndIsCached) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200,
                std::string(R"({"subject":"a b/c-value","id":42,"version":3,"schema":)") +
                    kQuotedSchema + "}");
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  RegisteredSchema schema{SchemaId{42}, SchemaKind::kAvro, kSchemaText, {}};
  for (int i = 0; i < 2; ++i) {
    auto version = client.version_of(Subject("a b/c-value"), schema);
    ASSERT_TRUE(version.ok()) << version.status().message();
    EXPECT_EQ(*version, SchemaVersion{3});
  }
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].method, "POST");
  // The subject is one path segment: space and '/' are encoded.
  EXPECT_EQ(requests[0].target, "/subjects/a%20b%2Fc-value?normalize=false&deleted=true");
  EXPECT_EQ(requests[0].header("Content-Type"), "application/vnd.schemaregistry.v1+json");
  // Avro: no schemaType, as Confluent's client sends it.
  EXPECT_EQ(requests[0].body, std::string(R"({"schema":)") + kQuotedSchema + "}");
}

TEST(SchemaRegistryClientTest, SubjectVersionReadsIdVersionAndSchema) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200,
                std::string(R"({"subject":"s","id":9,"version":2,"schemaType":"JSON","schema":)") +
                    R"("{\"type\":\"object\"}"})");
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto latest = client.subject_version(Subject("s"), std::nullopt);
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  EXPECT_EQ(latest->version, SchemaVersion{2});
  EXPECT_EQ(latest->schema.id, SchemaId{9});
  EXPECT_EQ(latest->schema.kind, SchemaKind::kJson);
  EXPECT_EQ(latest->schema.text, R"({"type":"object"})");
  auto second = client.subject_version(Subject("s"), SchemaVersion{2});
  ASSERT_TRUE(second.ok());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/subjects/s/versions/latest");
  EXPECT_EQ(requests[1].target, "/subjects/s/versions/2");
}

TEST(SchemaRegistryClientTest, LatestWithMetadataSendsEachKeyAndValueAndReadsMigrationRules) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200,
                std::string(R"({"subject":"s","id":4,"version":3,"schema":"\"int\"",)") +
                    R"("ruleSet":{"migrationRules":[{"name":"up","kind":"TRANSFORM",)" +
                    R"("mode":"UPGRADE","type":"JSONATA","expr":"$"},)" +
                    R"({"name":"off","mode":"UPDOWN","type":"CEL","disabled":true}],)" +
                    R"("domainRules":[{"name":"d","mode":"READ","type":"CEL"}]}})");
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto latest = client.latest_with_metadata(Subject("s"), {{"app", "v 1"}, {"team", "x"}});
  ASSERT_TRUE(latest.ok()) << latest.status().message();
  EXPECT_EQ(latest->version, SchemaVersion{3});
  ASSERT_EQ(latest->schema.migration_rules.size(), 2u);
  EXPECT_EQ(latest->schema.migration_rules[0].name, "up");
  EXPECT_EQ(latest->schema.migration_rules[0].mode, "UPGRADE");
  EXPECT_EQ(latest->schema.migration_rules[0].type, "JSONATA");
  EXPECT_FALSE(latest->schema.migration_rules[0].disabled);
  EXPECT_TRUE(latest->schema.migration_rules[1].disabled);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_EQ(requests[0].target,
            "/subjects/s/metadata?key=app&value=v%201&key=team&value=x&deleted=false");
}

TEST(SchemaRegistryClientTest, BasicAndBearerCredentialsAndExtraHeaders) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200, schema_answer());
  });
  RegistryClientConfig basic = config_for({server.base_url()});
  basic.basic_user_info = "alice:s3cr:et";
  basic.extra_headers = {{"X-Tenant", "blue"}};
  ASSERT_TRUE(SchemaRegistryClient(basic).schema_by_id(SchemaId{1}, Subject("t")).ok());
  RegistryClientConfig bearer = config_for({server.base_url()});
  bearer.bearer_token = "tok-123";
  ASSERT_TRUE(SchemaRegistryClient(bearer).schema_by_id(SchemaId{1}, Subject("t")).ok());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].header("Authorization"), "Basic YWxpY2U6czNjcjpldA==");
  EXPECT_EQ(requests[0].header("X-Tenant"), "blue");
  EXPECT_EQ(requests[1].header("Authorization"), "Bearer tok-123");
}

TEST(SchemaRegistryClientTest, UnknownIdIsADataErrorNamingRegistryIdStatusAndCode) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 404, R"({"error_code":40403,"message":"Schema 5 not found"})");
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto schema = client.schema_by_id(SchemaId{5}, Subject("t-value"));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), StatusCode::kDataError);
  EXPECT_EQ(schema.status().message(), "Schema Registry " + server.base_url() +
                                           ": schema id 5: HTTP 404 (error 40403): Schema 5 not "
                                           "found");
  EXPECT_EQ(server.requests().size(), 1u);  // a 404 is not retried
}

TEST(SchemaRegistryClientTest, RefusedCredentialsAreFatalAndNeverShown) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 401, R"({"error_code":401,"message":"Unauthorized"})");
  });
  RegistryClientConfig config = config_for({server.base_url()});
  config.basic_user_info = "alice:Wrong-Secret";
  SchemaRegistryClient client(config);
  auto schema = client.schema_by_id(SchemaId{5}, Subject("t-value"));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), StatusCode::kFatal);
  EXPECT_THAT(schema.status().message(), HasSubstr("HTTP 401"));
  EXPECT_THAT(schema.status().message(), HasSubstr("basic.auth.user.info"));
  EXPECT_THAT(schema.status().message(), Not(HasSubstr("Wrong-Secret")));
}

TEST(SchemaRegistryClientTest, ServerErrorsAreRetriedWithBackoffThenReportedAsRetriable) {
  TestHttpServer server;
  std::atomic<int> calls{0};
  server.set_handler([&calls](const RecordedRequest&, httplib::Response& res) {
    if (calls.fetch_add(1) < 2) {
      answer_json(res, 503, R"({"error_code":50003,"message":"Error while forwarding"})");
    } else {
      answer_json(res, 200, schema_answer());
    }
  });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto schema = client.schema_by_id(SchemaId{3}, Subject("t"));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(server.requests().size(), 3u);

  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 500, R"({"error_code":50001,"message":"Error in the backend data store"})");
  });
  auto failed = client.schema_by_id(SchemaId{4}, Subject("t"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kRetriable);
  EXPECT_THAT(failed.status().message(), HasSubstr("schema id 4: HTTP 500 (error 50001)"));
  EXPECT_THAT(failed.status().message(), HasSubstr("gave up after 4 attempts"));
  EXPECT_EQ(server.requests().size(), 3u + 4u);  // max_retries 3: four attempts in all
}

TEST(SchemaRegistryClientTest, AnUnreachableRegistryFailsOverToTheNextUrl) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200, schema_answer());
  });
  // Port 1 on loopback refuses connections at once.
  SchemaRegistryClient client(config_for({"http://127.0.0.1:1", server.base_url()}));
  auto schema = client.schema_by_id(SchemaId{8}, Subject("t"));
  ASSERT_TRUE(schema.ok()) << schema.status().message();
  EXPECT_EQ(server.requests().size(), 1u);
  EXPECT_EQ(client.requests_sent(), 2u);

  SchemaRegistryClient nowhere(config_for({"http://127.0.0.1:1"}));
  auto failed = nowhere.schema_by_id(SchemaId{8}, Subject("t"));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kRetriable);
  EXPECT_THAT(failed.status().message(),
              HasSubstr("Schema Registry http://127.0.0.1:1: schema id 8"));
}

TEST(SchemaRegistryClientTest, AMalformedAnswerIsADataError) {
  TestHttpServer server;
  server.set_handler(
      [](const RecordedRequest&, httplib::Response& res) { answer_json(res, 200, R"({"id":1})"); });
  SchemaRegistryClient client(config_for({server.base_url()}));
  auto schema = client.schema_by_id(SchemaId{1}, Subject("t"));
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), StatusCode::kDataError);
  EXPECT_THAT(schema.status().message(), HasSubstr("has no schema"));
}

TEST(SchemaRegistryClientTest, TheCacheIsBounded) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 200, schema_answer());
  });
  RegistryClientConfig config = config_for({server.base_url()});
  config.cache_capacity = 2;
  SchemaRegistryClient client(config);
  for (int id : {1, 2, 1, 3, 1, 2})
    ASSERT_TRUE(client.schema_by_id(SchemaId{id}, Subject("t")).ok());
  // 1, 2 fetched; 1 cached; 3 evicts 2; 1 cached; 2 fetched again.
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST(SchemaRegistryClientTest, BackoffDoublesUpToTheCap) {
  RegistryClientConfig config;
  config.retry_wait = std::chrono::milliseconds(1000);
  config.retry_max_wait = std::chrono::milliseconds(20000);
  EXPECT_EQ(SchemaRegistryClient::backoff(config, 1, 1.0).count(), 1000);
  EXPECT_EQ(SchemaRegistryClient::backoff(config, 3, 1.0).count(), 4000);
  EXPECT_EQ(SchemaRegistryClient::backoff(config, 9, 1.0).count(), 20000);
  EXPECT_EQ(SchemaRegistryClient::backoff(config, 2, 0.5).count(), 1000);
}

}  // namespace
}  // namespace sluice::schema_registry
