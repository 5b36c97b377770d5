// JsonSchemaConverter against a local HTTP server answering as Confluent's Schema Registry:
// wire-format JSON payloads become Connect data with JsonSchemaData's value rules and the
// registry's version, the registry is asked once per schema, references are fetched by subject
// and version, json.fail.invalid.schema validates, and bad payloads are data errors with
// Confluent's wording (kafka-connect.md §2.6, §2.8).
#include "connect/json_schema_converter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/test_http_server.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;
using testing::render;

constexpr std::string_view kSchema = R"({
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "com.example.Order", "type": "object",
  "properties": {
    "a": {"type": "integer"},
    "b": {"type": "string"},
    "c": {"type": "number", "title": "org.apache.kafka.connect.data.Decimal",
          "connect.type": "bytes", "connect.parameters": {"scale": "2"}},
    "d": {"type": "integer", "connect.type": "int8"},
    "e": {"type": "string", "connect.type": "bytes"},
    "f": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
    "g": {"type": "array", "connect.type": "map", "items": {"type": "object", "properties": {
            "key": {"type": "integer", "connect.type": "int32"}, "value": {"type": "string"}}}},
    "h": {"type": "boolean", "default": true},
    "i": {"$ref": "item.json"}
  },
  "required": ["a"]
})";
constexpr std::string_view kItemSchema =
    R"({"type":"object","title":"com.example.Item","properties":{"j":{"type":"string"}}})";

std::string frame(int id, std::string_view json) {
  std::string out(1, '\0');
  for (int shift = 24; shift >= 0; shift -= 8)
    out.push_back(static_cast<char>((id >> shift) & 0xFF));
  return out.append(json);
}

// A $ref back to the root (a cyclic Connect schema, json_schema_to_connect.h).
constexpr std::string_view kRecursiveSchema =
    R"({"type":"object","title":"Node","properties":{"v":{"type":"integer"},)"
    R"("next":{"oneOf":[{"type":"null"},{"$ref":"#"}]}}})";

class JsonSchemaConverterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.set_handler([this](const RecordedRequest& req, httplib::Response& res) {
      nlohmann::json refs =
          nlohmann::json::array({{{"name", "item.json"}, {"subject", "item"}, {"version", 3}}});
      nlohmann::json answer;
      if (req.path == "/schemas/ids/42") {
        answer = {{"schema", kSchema}, {"schemaType", "JSON"}, {"references", refs}};
      } else if (req.path == "/schemas/ids/43") {
        answer = {{"schema", R"({"type":"string"})"}};  // no schemaType: Avro
      } else if (req.path == "/schemas/ids/45") {
        answer = {{"schema", kRecursiveSchema}, {"schemaType", "JSON"}};
      } else if (req.path == "/schemas/ids/44") {
        answer = {{"schema", R"({"type":"object","javaType":"com.example.Pojo","properties":{}})"},
                  {"schemaType", "JSON"}};
      } else if (req.path == "/subjects/item/versions/3") {
        answer = {{"subject", "item"},
                  {"id", 7},
                  {"version", 3},
                  {"schema", kItemSchema},
                  {"schemaType", "JSON"}};
      } else if (req.method == "POST" &&
                 (req.path == "/subjects/orders-value" || req.path == "/subjects/pojo-value")) {
        answer = {{"subject", "orders-value"}, {"id", 42}, {"version", 5}, {"schema", kSchema}};
      } else {
        res.status = 404;
        res.set_content(R"({"error_code":40403,"message":"Schema not found"})", "application/json");
        return;
      }
      res.status = 200;
      res.set_content(answer.dump(), "application/vnd.schemaregistry.v1+json");
    });
  }

  std::unique_ptr<Converter> converter(std::map<std::string, std::string> extra = {}) {
    extra["schema.registry.url"] = server_.base_url();
    std::vector<std::string> problems;
    JsonSchemaConverterConfig config =
        JsonSchemaConverterConfig::parse(extra, "value.converter.", false, problems);
    EXPECT_TRUE(problems.empty()) << problems[0];
    auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
    return std::make_unique<JsonSchemaConverter>(std::move(config), false, client);
  }

  // The rendered value, or "error: <message>".
  std::string value_of(Converter& c, std::string_view json, int id = 42) {
    const std::string bytes = frame(id, json);
    SchemaAndValue out;
    Status st = c.to_connect("orders", std::string_view(bytes), arena_, out);
    return st.ok() ? render(out.value) : "error: " + st.message();
  }

  TestHttpServer server_;
  Arena arena_;
};

TEST_F(JsonSchemaConverterTest, ConvertsWithTheRegistryVersionAndAsksOnce) {
  auto c = converter();
  for (int i = 0; i < 3; ++i) {
    const std::string bytes = frame(42, R"({"a":1,"b":"x"})");
    SchemaAndValue out;
    Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
    ASSERT_TRUE(st.ok()) << st.message();
    ASSERT_NE(out.schema, nullptr);
    EXPECT_EQ(out.schema->name, "com.example.Order");
    EXPECT_EQ(out.schema->version, 5);
    EXPECT_EQ(render(out.schema->field("i")->schema.get()), "struct com.example.Item{j:string}");
  }
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/schemas/ids/42?fetchMaxId=false&subject=orders-value");
  EXPECT_EQ(requests[1].target, "/subjects/item/versions/3");
  EXPECT_EQ(requests[2].target, "/subjects/orders-value?normalize=false&deleted=true");
  EXPECT_THAT(requests[2].body, HasSubstr("\"schemaType\":\"JSON\""));
}

TEST_F(JsonSchemaConverterTest, RecursiveValuesSeveralLevelsDeep) {
  auto c = converter();
  EXPECT_EQ(value_of(*c, R"({"v":1,"next":{"v":2,"next":{"v":3,"next":{"v":4,"next":null}}}})", 45),
            "Struct{next=Struct{next=Struct{next=Struct{next=null,v=4},v=3},v=2},v=1}");
}

TEST_F(JsonSchemaConverterTest, ValuesFollowJsonSchemaData) {
  auto c = converter();
  // Field order: the properties in java.util.HashMap order (a..i are buckets 1..9).
  EXPECT_EQ(value_of(*c, R"({"a":1,"b":"x","c":12.30,"d":300,"e":"AAE=","f":"s",
                             "g":[{"key":2,"value":"two"}],"h":false,"i":{"j":"k"},"z":1})"),
            "Struct{a=1,b=\"x\",c=dec(0x04ce,2),d=44,e=0x0001,"
            "f=Struct{io.confluent.connect.json.OneOf.field.0=\"s\","
            "io.confluent.connect.json.OneOf.field.1=null},g={2:\"two\"},h=false,"
            "i=Struct{j=\"k\"}}");
  // Missing properties stay unset (even required ones), a default fills in, a Decimal keeps the
  // scale written, a number picks the integer branch of the union.
  EXPECT_EQ(value_of(*c, R"({"c":1.5,"f":7})"),
            "Struct{a=null,b=null,c=dec(0x0f,1),d=null,e=null,"
            "f=Struct{io.confluent.connect.json.OneOf.field.0=null,"
            "io.confluent.connect.json.OneOf.field.1=7},g=null,h=true,i=null}");
  // A non-string in a string field reads as null, and so stays unset.
  EXPECT_THAT(value_of(*c, R"({"b":5})"), HasSubstr("b=null"));
}

TEST_F(JsonSchemaConverterTest, ValueErrorsAreDataErrorsWithJavasWording) {
  auto c = converter();
  EXPECT_EQ(value_of(*c, "null"),
            "error: Converting byte[] to Kafka Connect data failed due to serialization error of "
            "topic orders: Error deserializing JSON message for id 42: Invalid null value for "
            "required STRUCT field");
  EXPECT_THAT(value_of(*c, R"({"f":true})"),
              HasSubstr("Did not find matching oneof field for data"));
  EXPECT_THAT(value_of(*c, R"({"g":[[1,"x"]]})"),
              HasSubstr("Found invalid map entry instead of object: ARRAY"));
  EXPECT_THAT(value_of(*c, R"({"e":12})"),
              HasSubstr("Invalid Java object for schema with type BYTES"));
  EXPECT_THAT(value_of(*c, "[1,2]"),
              HasSubstr("Structs should be encoded as JSON objects, but found ARRAY"));
  // Jackson would read NaN (ALLOW_NON_NUMERIC_NUMBERS); sluice's parser refuses it.
  EXPECT_THAT(value_of(*c, R"({"a":1,"j":NaN})"), HasSubstr("Error deserializing JSON message"));
  EXPECT_EQ(value_of(*c, ""),
            "error: Converting byte[] to Kafka Connect data failed due to serialization error of "
            "topic orders: Error deserializing JSON message for id 42: Structs should be encoded "
            "as JSON objects, but found MISSING");
}

TEST_F(JsonSchemaConverterTest, BadPayloadsAreDataErrorsNamingTheTopic) {
  auto c = converter();
  SchemaAndValue out;
  Status magic = c->to_connect("orders", std::string_view("{\"a\":1}"), arena_, out);
  EXPECT_EQ(magic.code(), StatusCode::kDataError);
  EXPECT_EQ(magic.message(),
            "Converting byte[] to Kafka Connect data failed due to serialization error of topic "
            "orders: Unknown magic byte!");
  const std::string broken = frame(42, R"({"a":)");
  Status json = c->to_connect("orders", std::string_view(broken), arena_, out);
  EXPECT_EQ(json.code(), StatusCode::kDataError);
  EXPECT_THAT(json.message(), HasSubstr("Error deserializing JSON message for id 42"));
  const std::string unknown = frame(5, "{}");
  Status missing = c->to_connect("orders", std::string_view(unknown), arena_, out);
  EXPECT_EQ(missing.code(), StatusCode::kDataError);
  EXPECT_THAT(missing.message(), HasSubstr("schema id 5: HTTP 404 (error 40403)"));
  const std::string avro = frame(43, "\"x\"");
  EXPECT_THAT(c->to_connect("orders", std::string_view(avro), arena_, out).message(),
              HasSubstr("schema id 43 is a AVRO schema, not JSON"));
  const std::string pojo = frame(44, "{}");
  EXPECT_EQ(c->to_connect("pojo", std::string_view(pojo), arena_, out).message(),
            "Converting byte[] to Kafka Connect data failed due to serialization error of topic "
            "pojo: Error deserializing JSON message for id 44: Class com.example.Pojo could not "
            "be found.");
}

TEST_F(JsonSchemaConverterTest, KeysAndRecordNameStrategiesLookUpTheirOwnSubject) {
  std::vector<std::string> problems;
  JsonSchemaConverterConfig config = JsonSchemaConverterConfig::parse(
      {{"schema.registry.url", server_.base_url()},
       {"key.subject.name.strategy",
        "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"}},
      "key.converter.", true, problems);
  ASSERT_TRUE(problems.empty()) << problems[0];
  auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
  JsonSchemaConverter c(std::move(config), true, client);
  const std::string bytes = frame(42, R"({"a":1})");
  SchemaAndValue out;
  Status st = c.to_connect("orders", std::string_view(bytes), arena_, out);
  // The version is looked up under <topic>-<title>, which this registry does not know.
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(), HasSubstr("Error retrieving JSON key schema version for id 42"));
  auto requests = server_.requests();
  ASSERT_FALSE(requests.empty());
  EXPECT_EQ(requests.front().target, "/schemas/ids/42?fetchMaxId=false&subject=orders-key");
  EXPECT_EQ(requests.back().target,
            "/subjects/orders-com.example.Order?normalize=false&deleted=true");
}

TEST_F(JsonSchemaConverterTest, ATombstoneIsNull) {
  auto c = converter();
  SchemaAndValue out;
  ASSERT_TRUE(c->to_connect("orders", std::nullopt, arena_, out).ok());
  EXPECT_EQ(out.schema, nullptr);
  EXPECT_TRUE(out.value.is_null());
}

TEST_F(JsonSchemaConverterTest, FailInvalidSchemaValidatesEachPayload) {
  auto lax = converter();
  EXPECT_THAT(value_of(*lax, R"({"a":"not a number"})"), HasSubstr("a=0"));
  auto strict = converter({{"json.fail.invalid.schema", "true"}});
  EXPECT_EQ(value_of(*strict, R"({"a":"not a number"})"),
            "error: Converting byte[] to Kafka Connect data failed due to serialization error of "
            "topic orders: Error deserializing JSON message for id 42: JSON does not match schema: "
            "#/a: Value type not permitted by 'type' constraint.");
  EXPECT_THAT(value_of(*strict, R"({"b":"x"})"), HasSubstr("JSON does not match schema"));
  EXPECT_THAT(value_of(*strict, R"({"a":1,"i":{"j":3}})"), HasSubstr("#/i/j"));
  EXPECT_THAT(value_of(*strict, R"({"a":1,"i":{"j":"ok"}})"), HasSubstr("a=1"));
}

}  // namespace
}  // namespace sluice::connect
