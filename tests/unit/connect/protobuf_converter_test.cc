// ProtobufConverter against a local HTTP server answering as Confluent's Schema Registry: wire
// payloads (magic byte, id 42, message-index path, a message libprotobuf wrote) become Connect
// data with the registry's version; the registry is asked once per schema, reference and subject;
// bad payloads are data errors with Confluent's wording.
#include "connect/protobuf_converter.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "http/test_http_server.h"
#include "protobuf_test_util.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using ::sluice::testing::RecordedRequest;
using ::sluice::testing::TestHttpServer;
using ::testing::HasSubstr;

constexpr std::string_view kShop = R"(syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
import "shop/address.proto";

message Order {
  int64 id = 1;
  google.protobuf.Timestamp created = 2;
  Address to = 3;
}
message Shipment {
  string carrier = 1;
  message Parcel {
    string id = 1;
    double weight = 2;
  }
}
)";

constexpr std::string_view kAddress = R"(syntax = "proto3";
package shop;
message Address { string city = 1; }
)";

class ProtobufConverterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server_.set_handler([](const RecordedRequest& req, httplib::Response& res) {
      nlohmann::json answer;
      const nlohmann::json refs = {
          {{"name", "shop/address.proto"}, {"subject", "shop-address"}, {"version", 1}}};
      if (req.path == "/schemas/ids/42") {
        answer = {{"schema", kShop}, {"schemaType", "PROTOBUF"}, {"references", refs}};
      } else if (req.path == "/schemas/ids/7") {
        answer = {{"schema", "{\"type\":\"string\"}"}};
      } else if (req.path == "/subjects/shop-address/versions/1") {
        answer = {{"subject", "shop-address"},
                  {"id", 41},
                  {"version", 1},
                  {"schema", kAddress},
                  {"schemaType", "PROTOBUF"}};
      } else if (req.method == "POST" && (req.path == "/subjects/orders-value" ||
                                          req.path == "/subjects/shop.Shipment.Parcel")) {
        answer = {{"subject", "orders-value"}, {"id", 42}, {"version", 5}, {"schema", kShop}};
      } else {
        res.status = 404;
        res.set_content(R"({"error_code":40403,"message":"Schema not found"})", "application/json");
        return;
      }
      res.status = 200;
      res.set_content(answer.dump(), "application/vnd.schemaregistry.v1+json");
    });
    file_ = testing::load_proto(kShop, {{"shop/address.proto", std::string(kAddress)}});
  }

  std::unique_ptr<Converter> converter(std::map<std::string, std::string> extra = {}) {
    extra["schema.registry.url"] = server_.base_url();
    std::vector<std::string> problems;
    ProtobufConverterConfig config =
        ProtobufConverterConfig::parse(extra, "value.converter.", false, problems);
    EXPECT_TRUE(problems.empty());
    auto client = std::make_shared<schema_registry::SchemaRegistryClient>(config.registry);
    return std::make_unique<ProtobufConverter>(std::move(config), false, client);
  }

  // Confluent's frame: magic 0, id 42, the index path bytes, the message.
  std::string framed(std::string_view path, const std::string& type, const std::string& text) {
    return std::string("\0\0\0\0\x2a", 5) + std::string(path) + testing::encode(*file_, type, text);
  }

  TestHttpServer server_;
  std::shared_ptr<const ProtobufSchemaFile> file_;
  Arena arena_;
};

TEST_F(ProtobufConverterTest, DecodesTheSelectedMessageWithTheRegistryVersionAndAsksOnce) {
  auto c = converter();
  for (int i = 0; i < 3; ++i) {
    const std::string bytes =
        framed(std::string_view("\0", 1), "shop.Order",
               "id: " + std::to_string(i) + " created { seconds: 1 } to { city: \"x\" }");
    SchemaAndValue out;
    Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
    ASSERT_TRUE(st.ok()) << st.message();
    EXPECT_EQ(out.schema->name, std::optional<std::string>("Order"));
    EXPECT_EQ(out.schema->version, std::optional<int32_t>(5));
    EXPECT_EQ(testing::render(out.value),
              "Struct{id=" + std::to_string(i) + ",created=1000,to=Struct{city=\"x\"}}");
  }
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 3u);
  EXPECT_EQ(requests[0].target, "/schemas/ids/42?fetchMaxId=false&subject=orders-value");
  EXPECT_EQ(requests[1].target, "/subjects/shop-address/versions/1");
  EXPECT_EQ(requests[2].target, "/subjects/orders-value?normalize=false&deleted=true");
  EXPECT_THAT(requests[2].body, HasSubstr("\"schemaType\":\"PROTOBUF\""));
}

TEST_F(ProtobufConverterTest, ANestedMessageByItsIndexPathAndTheRecordNameStrategy) {
  auto c = converter({{"value.subject.name.strategy", "RecordNameStrategy"}});
  // [1, 0]: Shipment.Parcel, as zig-zag varints: count 2, then 1 and 0.
  const std::string bytes =
      framed(std::string_view("\x04\x02\x00", 3), "shop.Shipment.Parcel", "id: \"p\" weight: 1.5");
  SchemaAndValue out;
  Status st = c->to_connect("orders", std::string_view(bytes), arena_, out);
  ASSERT_TRUE(st.ok()) << st.message();
  EXPECT_EQ(testing::render(out.value), "Struct{id=\"p\",weight=d:1.5}");
  EXPECT_EQ(out.schema->name, std::optional<std::string>("Parcel"));
  EXPECT_EQ(server_.requests().back().path, "/subjects/shop.Shipment.Parcel");
}

TEST_F(ProtobufConverterTest, BadPayloadsAreDataErrorsNamingTheTopic) {
  auto c = converter();
  SchemaAndValue out;
  Status magic = c->to_connect("orders", std::string_view("{}"), arena_, out);
  EXPECT_EQ(magic.code(), StatusCode::kDataError);
  EXPECT_EQ(magic.message(),
            "Failed to deserialize data for topic orders to Protobuf: Unknown magic byte!");

  const std::string bad_path = framed("\x02\x08", "shop.Order", "id: 1");  // [4]
  Status path = c->to_connect("orders", std::string_view(bad_path), arena_, out);
  EXPECT_EQ(path.code(), StatusCode::kDataError);
  EXPECT_EQ(path.message(),
            "Failed to deserialize data for topic orders to Protobuf: Error deserializing "
            "Protobuf message for id 42: Invalid message indexes: [4]");

  std::string truncated = framed(std::string_view("\0", 1), "shop.Order", "to { city: \"abc\" }");
  truncated.pop_back();
  Status short_message = c->to_connect("orders", std::string_view(truncated), arena_, out);
  EXPECT_EQ(short_message.code(), StatusCode::kDataError);
  EXPECT_THAT(short_message.message(),
              HasSubstr("Failed to deserialize data for topic orders to Protobuf: Error "
                        "deserializing Protobuf message for id 42: Protocol message ended"));

  std::string unknown_id("\0\0\0\0\x05\0", 6);
  Status unknown = c->to_connect("orders", std::string_view(unknown_id), arena_, out);
  EXPECT_EQ(unknown.code(), StatusCode::kDataError);
  EXPECT_THAT(unknown.message(), HasSubstr("Error retrieving Protobuf schema for id 5"));

  std::string avro_id("\0\0\0\0\x07\0", 6);
  Status avro = c->to_connect("orders", std::string_view(avro_id), arena_, out);
  EXPECT_THAT(avro.message(), HasSubstr("schema id 7 is a AVRO schema, not Protobuf"));

  ASSERT_TRUE(c->to_connect("orders", std::nullopt, arena_, out).ok());
  EXPECT_EQ(out.schema, nullptr);
  EXPECT_TRUE(out.value.is_null());
}

}  // namespace
}  // namespace sluice::connect
