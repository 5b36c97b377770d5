// JsonSchemaConverter and ProtobufConverter with use.latest.version=true against a local HTTP
// server answering as Confluent's Schema Registry with two versions of a subject: as Confluent's
// deserializers do, the record is read with the latest schema (its Connect schema and version;
// JSON validated against it with json.fail.invalid.schema; Protobuf parsed with the latest
// message of the writer's name, unknown fields dropped).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "connect/json_schema_converter.h"
#include "connect/protobuf_converter.h"
#include "http/test_http_server.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;

struct Version {
  int id;
  int version;
  std::string_view text;
};

// A registry with subject orders-value at versions v1 (the writer's) and v2 (the latest).
class TwoVersionRegistry {
 public:
  TwoVersionRegistry(std::string_view type, Version v1, Version v2) {
    server_.set_handler([=](const RecordedRequest& req, httplib::Response& res) {
      nlohmann::json answer;
      auto subject_schema = [&](const Version& v) {
        return nlohmann::json{{"subject", "orders-value"},
                              {"id", v.id},
                              {"version", v.version},
                              {"schema", v.text},
                              {"schemaType", type}};
      };
      if (req.path == "/schemas/ids/" + std::to_string(v1.id)) {
        answer = {{"schema", v1.text}, {"schemaType", type}};
      } else if (req.method == "POST" && req.path == "/subjects/orders-value") {
        answer = subject_schema(v1);
      } else if (req.path == "/subjects/orders-value/versions/latest") {
        answer = subject_schema(v2);
      } else {
        res.status = 404;
        res.set_content(R"({"error_code":40403,"message":"Schema not found"})", "application/json");
        return;
      }
      res.status = 200;
      res.set_content(answer.dump(), "application/vnd.schemaregistry.v1+json");
    });
  }
  std::map<std::string, std::string> settings(std::map<std::string, std::string> extra = {}) {
    extra["schema.registry.url"] = server_.base_url();
    extra["use.latest.version"] = "true";
    return extra;
  }

 private:
  TestHttpServer server_;
};

template <typename Config, typename ConverterType>
std::unique_ptr<ConverterType> make(const std::map<std::string, std::string>& settings) {
  std::vector<std::string> problems;
  Config config = Config::parse(settings, "value.converter.", false, problems);
  EXPECT_THAT(problems, ::testing::IsEmpty());
  auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
  return std::make_unique<ConverterType>(std::move(config), false, client);
}

constexpr std::string_view kJsonV1 =
    R"({"title":"Order","type":"object","properties":{"a":{"type":"integer"}}})";
constexpr std::string_view kJsonV2 =
    R"({"title":"Order","type":"object","properties":{"a":{"type":"integer"},)"
    R"("b":{"type":"string"}},"required":["b"]})";

TEST(LatestSchemaConvertersTest, JsonSchemaTakesTheLatestConnectSchemaAndVersion) {
  TwoVersionRegistry registry("JSON", {11, 1, kJsonV1}, {12, 2, kJsonV2});
  auto c = make<JsonSchemaConverterConfig, JsonSchemaConverter>(registry.settings());
  const std::string bytes = std::string("\0\0\0\0\x0b", 5) + R"({"a":1})";
  Arena arena;
  SchemaAndValue out;
  Status st = c->to_connect("orders", std::string_view(bytes), arena, out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out.schema->version, std::optional<int32_t>(2));
  ASSERT_EQ(out.schema->fields.size(), 2u);
  EXPECT_EQ(out.schema->fields[1].name, "b");
  EXPECT_EQ(testing::render(out.value), "Struct{a=1,b=null}");
}

TEST(LatestSchemaConvertersTest, JsonSchemaValidatesAgainstTheLatestSchema) {
  TwoVersionRegistry registry("JSON", {11, 1, kJsonV1}, {12, 2, kJsonV2});
  auto c = make<JsonSchemaConverterConfig, JsonSchemaConverter>(
      registry.settings({{"json.fail.invalid.schema", "true"}}));
  const std::string bytes = std::string("\0\0\0\0\x0b", 5) + R"({"a":1})";
  Arena arena;
  SchemaAndValue out;
  Status st = c->to_connect("orders", std::string_view(bytes), arena, out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(), HasSubstr("Error deserializing JSON message for id 11"));
  EXPECT_THAT(st.message(), HasSubstr("Missing required property 'b'"));
}

constexpr std::string_view kProtoV1 = R"(syntax = "proto3";
package p;
message M { int64 id = 1; string note = 2; }
)";
// M is no longer the first message; field 2 changed its type; field 3 is new.
constexpr std::string_view kProtoV2 = R"(syntax = "proto3";
package p;
message Other { bool x = 1; }
message M { int64 id = 1; int32 code = 2; int32 qty = 3; }
)";

TEST(LatestSchemaConvertersTest, ProtobufParsesWithTheLatestMessageOfTheWritersName) {
  TwoVersionRegistry registry("PROTOBUF", {21, 1, kProtoV1}, {22, 2, kProtoV2});
  auto c = make<ProtobufConverterConfig, ProtobufConverter>(registry.settings());
  // Id 21, message path [0] (one zero byte), then id=5 and note="hi".
  const std::string bytes = std::string("\0\0\0\0\x15\0\x08\x05\x12\x02hi", 12);
  Arena arena;
  SchemaAndValue out;
  Status st = c->to_connect("orders", std::string_view(bytes), arena, out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(out.schema->name, std::optional<std::string>("M"));
  EXPECT_EQ(out.schema->version, std::optional<int32_t>(2));
  // note's bytes do not fit int32 code: an unknown field, dropped.
  EXPECT_EQ(testing::render(out.value), "Struct{id=5,code=0,qty=0}");
}

}  // namespace
}  // namespace sluice::connect
