// AvroConverter against a local HTTP server answering as Confluent's Schema Registry: wire
// payloads written by fastavro (tests/data/avro/connect/make_wire_vectors.py, schema id 42)
// become Connect data with the registry's version, the registry is asked once per schema, and
// bad payloads are data errors with Confluent's wording.
#include "connect/avro_converter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "avro_test_util.h"
#include "http/test_http_server.h"

namespace sluice::connect {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;

class AvroConverterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_text_ = testing::read_data("avro/connect/wire_all_types.avsc");
    server_.set_handler([this](const RecordedRequest& req, httplib::Response& res) {
      nlohmann::json answer;
      if (req.path == "/schemas/ids/42") {
        answer = {{"schema", schema_text_}};
      } else if (req.method == "POST" && req.path == "/subjects/orders-value") {
        answer = {
            {"subject", "orders-value"}, {"id", 42}, {"version", 7}, {"schema", schema_text_}};
      } else {
        res.status = 404;
        res.set_content(R"({"error_code":40403,"message":"Schema not found"})", "application/json");
        return;
      }
      res.status = 200;
      res.set_content(answer.dump(), "application/vnd.schemaregistry.v1+json");
    });
  }

  std::unique_ptr<Converter> converter() {
    auto c = make_converter_for_test();
    EXPECT_TRUE(c.ok()) << c.status().message();
    return std::move(*c);
  }
  Result<std::unique_ptr<AvroConverter>> make_converter_for_test() {
    std::vector<std::string> problems;
    AvroConverterConfig config = AvroConverterConfig::parse(
        {{"schema.registry.url", server_.base_url()}}, "value.converter.", false, problems);
    if (!problems.empty()) return Status::invalid_argument(problems[0]);
    auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
    return std::make_unique<AvroConverter>(std::move(config), false, client);
  }

  TestHttpServer server_;
  std::string schema_text_;
  Arena arena_;
};

TEST_F(AvroConverterTest, DecodesWirePayloadsWithTheRegistryVersionAndAsksOnce) {
  auto c = converter();
  const std::vector<std::string> payloads = testing::read_lines("avro/connect/wire_all_types.hex");
  ASSERT_FALSE(payloads.empty());
  for (const std::string& hex_payload : payloads) {
    std::string bytes = testing::unhex(hex_payload);
    SchemaAndValue out;
    Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_NE(out.schema, nullptr);
    EXPECT_EQ(out.schema->type, SchemaType::kStruct);
    EXPECT_EQ(out.schema->name, std::optional<std::string>("com.example.All"));
    EXPECT_EQ(out.schema->version, std::optional<int32_t>(7));
  }
  // One schema fetch and one version lookup, whatever the number of records.
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_EQ(requests[0].target, "/schemas/ids/42?fetchMaxId=false&subject=orders-value");
  EXPECT_EQ(requests[1].target, "/subjects/orders-value?normalize=false&deleted=true");
}

TEST_F(AvroConverterTest, ATombstoneIsNull) {
  auto c = converter();
  SchemaAndValue out;
  ASSERT_TRUE(c->to_connect("orders", std::nullopt, arena_, out).ok());
  EXPECT_EQ(out.schema, nullptr);
  EXPECT_TRUE(out.value.is_null());
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(AvroConverterTest, BadPayloadsAreDataErrorsNamingTheTopic) {
  auto c = converter();
  SchemaAndValue out;
  Status magic = c->to_connect("orders", std::string_view("{\"not\":\"avro\"}"), arena_, out);
  EXPECT_EQ(magic.code(), StatusCode::kDataError);
  EXPECT_EQ(magic.message(),
            "Failed to deserialize data for topic orders to Avro: Unknown magic byte!");

  std::string truncated = testing::unhex(testing::read_lines("avro/connect/wire_all_types.hex")[0]);
  truncated.resize(truncated.size() / 2);
  Status short_datum = c->to_connect("orders", std::string_view(truncated), arena_, out);
  EXPECT_EQ(short_datum.code(), StatusCode::kDataError);
  EXPECT_THAT(short_datum.message(),
              HasSubstr("Failed to deserialize data for topic orders to Avro: Error deserializing "
                        "Avro message for id 42"));

  std::string unknown_id("\0\0\0\0\x05", 5);
  Status unknown = c->to_connect("orders", std::string_view(unknown_id), arena_, out);
  EXPECT_EQ(unknown.code(), StatusCode::kDataError);
  EXPECT_THAT(unknown.message(), HasSubstr("schema id 5: HTTP 404 (error 40403)"));
}

TEST_F(AvroConverterTest, ASchemaNotRegisteredUnderTheSubjectFailsAsJavaFails) {
  auto c = converter();
  std::string bytes = testing::unhex(testing::read_lines("avro/connect/wire_all_types.hex")[0]);
  SchemaAndValue out;
  // Topic "payments": the id resolves, but the schema is not registered under payments-value.
  Status st = c->to_connect("payments", std::string_view(bytes), arena_, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(), HasSubstr("Error retrieving Avro value schema version for id 42"));
}

}  // namespace
}  // namespace sluice::connect
