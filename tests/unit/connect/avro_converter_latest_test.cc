// AvroConverter with use.latest.version=true against a local HTTP server answering as Confluent's
// Schema Registry with two versions of a subject: records written with v1 are resolved to v2 (the
// latest), carry v2's Connect schema with v1's version (as Confluent's deserializer reports the
// writer's version), the latest version is looked up once per subject and writer schema unless
// latest.cache.ttl.sec expires it, and migration rules fail the record.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "avro/encoder.h"
#include "avro_test_util.h"
#include "connect/avro_converter.h"
#include "http/test_http_server.h"

namespace sluice::connect {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;

constexpr std::string_view kV1 =
    R"({"type":"record","name":"Order","namespace":"com.example","fields":[)"
    R"({"name":"id","type":"int"},{"name":"note","type":"string"},)"
    R"({"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","GREEN"]}}]})";
constexpr std::string_view kV2 =
    R"({"type":"record","name":"Order","namespace":"com.example","fields":[)"
    R"({"name":"color","type":{"type":"enum","name":"Color","symbols":["RED","BLUE"],)"
    R"("default":"RED"}},{"name":"id","type":"long"},{"name":"qty","type":"int","default":1}]})";

class AvroConverterLatestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    latest_ = {{"subject", "orders-value"}, {"id", 2}, {"version", 2}, {"schema", kV2}};
    server_.set_handler([this](const RecordedRequest& req, httplib::Response& res) {
      nlohmann::json answer;
      if (req.path == "/schemas/ids/1") {
        answer = {{"schema", kV1}};
      } else if (req.path == "/schemas/ids/2") {
        answer = {{"schema", kV2}};
      } else if (req.method == "POST" && req.path == "/subjects/orders-value") {
        const bool v1 = req.body.find("note") != std::string::npos;
        answer = {{"subject", "orders-value"},
                  {"id", v1 ? 1 : 2},
                  {"version", v1 ? 1 : 2},
                  {"schema", v1 ? kV1 : kV2}};
      } else if (req.path == "/subjects/orders-value/versions/latest" && !latest_.is_null()) {
        answer = latest_;
      } else {
        res.status = 404;
        res.set_content(R"({"error_code":40401,"message":"Subject 'orders-value' not found."})",
                        "application/json");
        return;
      }
      res.status = 200;
      res.set_content(answer.dump(), "application/vnd.schemaregistry.v1+json");
    });
  }

  std::unique_ptr<AvroConverter> converter(std::map<std::string, std::string> extra = {}) {
    std::map<std::string, std::string> settings = {{"schema.registry.url", server_.base_url()},
                                                   {"use.latest.version", "true"}};
    settings.insert(extra.begin(), extra.end());
    std::vector<std::string> problems;
    AvroConverterConfig config =
        AvroConverterConfig::parse(settings, "value.converter.", false, problems);
    EXPECT_THAT(problems, ::testing::IsEmpty());
    auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
    return std::make_unique<AvroConverter>(std::move(config), false, client);
  }

  // A v1 record in Confluent's wire format: id 1, then the datum.
  static std::string v1_record(int32_t id, std::string_view note, int32_t color) {
    std::string out("\0\0\0\0\x01", 5);
    avro::Encoder e(out);
    e.write_int(id);
    e.write_string(note);
    e.write_enum(color);
    return out;
  }

  size_t latest_requests() const {
    size_t n = 0;
    for (const RecordedRequest& r : server_.requests()) {
      n += r.path == "/subjects/orders-value/versions/latest" ? 1 : 0;
    }
    return n;
  }

  TestHttpServer server_;
  nlohmann::json latest_;
  Arena arena_;
};

TEST_F(AvroConverterLatestTest, ResolvesWriterRecordsToTheLatestSchemaWithTheWritersVersion) {
  auto c = converter();
  SchemaAndValue out;
  for (int i = 0; i < 3; ++i) {
    const std::string bytes = v1_record(5 + i, "dropped", (i + 1) % 2);
    Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
    ASSERT_TRUE(st.ok()) << st.message();
  }
  EXPECT_EQ(testing::dump(out.schema.get()).substr(0, 34), "struct name=com.example.Order v=1 ");
  ASSERT_EQ(out.schema->fields.size(), 3u);
  EXPECT_EQ(out.schema->fields[0].name, "color");
  EXPECT_EQ(out.schema->fields[1].schema->type, SchemaType::kInt64);
  EXPECT_EQ(out.schema->fields[2].name, "qty");
  // GREEN is not a v2 symbol: the enum default RED; qty takes its default.
  EXPECT_EQ(testing::render(out.value), R"(Struct{color="RED",id=7,qty=1})");
  // The latest version is asked once per subject and writer schema.
  EXPECT_EQ(latest_requests(), 1u);
}

TEST_F(AvroConverterLatestTest, ARecordOfTheLatestSchemaIsReadAsItIs) {
  auto c = converter();
  std::string bytes("\0\0\0\0\x02", 5);
  avro::Encoder e(bytes);
  e.write_enum(1);
  e.write_long(9);
  e.write_int(4);
  SchemaAndValue out;
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out.schema->version, std::optional<int32_t>(2));
  EXPECT_EQ(testing::render(out.value), R"(Struct{color="BLUE",id=9,qty=4})");
}

TEST_F(AvroConverterLatestTest, LatestCacheTtlExpiresTheLookup) {
  auto c = converter({{"latest.cache.ttl.sec", "0"}});
  SchemaAndValue out;
  for (int i = 0; i < 3; ++i) {
    const std::string bytes = v1_record(i, "", 0);
    ASSERT_TRUE(c->to_connect("orders", std::string_view(bytes), arena_, out).ok());
  }
  EXPECT_EQ(latest_requests(), 3u);
}

TEST_F(AvroConverterLatestTest, LatestCacheSizeBoundsTheLookupsKeptPerWriterSchema) {
  std::string v2_record("\0\0\0\0\x02", 5);
  avro::Encoder e(v2_record);
  e.write_enum(0);
  e.write_long(1);
  e.write_int(1);
  const std::string v1 = v1_record(1, "", 0);
  const std::string& latest_record = v2_record;
  for (const auto& [size, lookups] : {std::pair<std::string, size_t>{"1000", 2}, {"1", 4}}) {
    auto c = converter({{"latest.cache.size", size}});
    const size_t before = latest_requests();
    SchemaAndValue out;
    // Cached per subject and writer id: with one entry, each writer id evicts the other.
    for (const std::string* bytes : {&v1, &latest_record, &v1, &latest_record}) {
      ASSERT_TRUE(c->to_connect("orders", std::string_view(*bytes), arena_, out).ok());
    }
    EXPECT_EQ(latest_requests() - before, lookups) << "latest.cache.size=" << size;
  }
}

TEST_F(AvroConverterLatestTest, AnUnresolvableLatestSchemaIsADataErrorNamingTheField) {
  latest_["schema"] = R"({"type":"record","name":"Order","namespace":"com.example","fields":[)"
                      R"({"name":"id","type":"int"},{"name":"sku","type":"string"}]})";
  latest_["id"] = 3;
  auto c = converter();
  SchemaAndValue out;
  const std::string bytes = v1_record(1, "", 0);
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "Failed to deserialize data for topic orders to Avro: Error deserializing Avro message "
            "for id 1: Found com.example.Order, expecting com.example.Order, missing required "
            "field sku");
}

TEST_F(AvroConverterLatestTest, AMigrationRuleBetweenTheVersionsFailsTheRecord) {
  latest_["ruleSet"] = {{"migrationRules",
                         {{{"name", "rename_note"},
                           {"kind", "TRANSFORM"},
                           {"type", "JSONATA"},
                           {"mode", "UPGRADE"},
                           {"expr", "$"}}}}};
  auto c = converter();
  SchemaAndValue out;
  const std::string bytes = v1_record(1, "", 0);
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(),
              HasSubstr("migration rule 'rename_note' (type JSONATA, mode UPGRADE) of subject "
                        "orders-value version 2 applies between the writer's version 1 and the "
                        "reader's version 2"));
  // A DOWNGRADE rule does not apply to an upgrade.
  latest_["ruleSet"]["migrationRules"][0]["mode"] = "DOWNGRADE";
  auto again = converter();
  EXPECT_TRUE(again->to_connect("orders", std::string_view(bytes), arena_, out).ok());
}

TEST_F(AvroConverterLatestTest, ASubjectWithoutVersionsIsADataError) {
  latest_ = nullptr;
  auto c = converter();
  SchemaAndValue out;
  const std::string bytes = v1_record(1, "", 0);
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(),
              HasSubstr("Error deserializing Avro message for id 1: Schema Registry"));
  EXPECT_THAT(st.message(),
              HasSubstr("subject orders-value version latest: HTTP 404 (error 40401)"));
}

TEST_F(AvroConverterLatestTest, WithMetadataAsksForTheLatestVersionWithThoseProperties) {
  auto c = converter({{"use.latest.version", "false"}, {"use.latest.with.metadata", "app=v2"}});
  SchemaAndValue out;
  const std::string bytes = v1_record(1, "", 0);
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  // The fake registry has no metadata endpoint: the 404 names the request.
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(),
              HasSubstr("latest version of subject orders-value with metadata app=v2"));
  bool asked = false;
  for (const RecordedRequest& r : server_.requests()) {
    asked = asked || r.target == "/subjects/orders-value/metadata?key=app&value=v2&deleted=false";
  }
  EXPECT_TRUE(asked);
}

}  // namespace
}  // namespace sluice::connect
