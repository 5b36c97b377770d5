// ProtobufSchemaLoader: registry .proto text -> descriptors, with references and the imports the
// Schema Registry knows built in; message-index paths as Confluent's wire format defines them.
#include "connect/protobuf_schema_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connect/protobuf_builtin_files.h"
#include "protobuf_test_util.h"

namespace sluice::connect {
namespace {

using ::testing::HasSubstr;
using testing::load_proto;

constexpr std::string_view kShop = R"(syntax = "proto3";
package shop;
import "google/protobuf/timestamp.proto";
import "google/type/date.proto";
import "confluent/meta.proto";
import "shop/common.proto";

message Order {
  map<string, int32> counts = 1;
  message Line { string sku = 1; }
  map<string, Line> lines = 2;
  message Note { string text = 1; }
  google.protobuf.Timestamp at = 3;
  common.Money total = 4 [(confluent.field_meta).params = { key: "scale", value: "2" }];
}
enum Kind { A = 0; }
message Shipment {
  message Parcel {
    message Label { string text = 1; }
  }
  google.type.Date day = 1;
}
)";

constexpr std::string_view kCommon = R"(syntax = "proto3";
package common;
message Money { int64 units = 1; }
)";

Result<std::string> selected(const ProtobufSchemaFile& file, std::vector<int32_t> path) {
  SLUICE_ASSIGN_OR_RETURN(const google::protobuf::Descriptor* d, file.message_at(path));
  return d->full_name();
}

TEST(ProtobufSchemaLoaderTest, ResolvesReferencesAndBuiltInImports) {
  auto file = load_proto(kShop, {{"shop/common.proto", std::string(kCommon)}});
  ASSERT_NE(file, nullptr);
  const auto* order = file->file()->pool()->FindMessageTypeByName("shop.Order");
  ASSERT_NE(order, nullptr);
  EXPECT_EQ(order->FindFieldByName("total")->message_type()->full_name(), "common.Money");
  EXPECT_EQ(order->FindFieldByName("at")->message_type()->full_name(), "google.protobuf.Timestamp");
}

TEST(ProtobufSchemaLoaderTest, MessageIndexesSkipMapEntriesAndEnums) {
  auto file = load_proto(kShop, {{"shop/common.proto", std::string(kCommon)}});
  ASSERT_NE(file, nullptr);
  EXPECT_EQ(*selected(*file, {0}), "shop.Order");
  EXPECT_EQ(*selected(*file, {1}), "shop.Shipment");
  // Order's nested messages are Line and Note; CountsEntry and LinesEntry are not counted.
  EXPECT_EQ(*selected(*file, {0, 0}), "shop.Order.Line");
  EXPECT_EQ(*selected(*file, {0, 1}), "shop.Order.Note");
  EXPECT_EQ(*selected(*file, {1, 0, 0}), "shop.Shipment.Parcel.Label");
  Result<std::string> bad = selected(*file, {0, 2});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataError);
  EXPECT_EQ(bad.status().message(), "Invalid message indexes: [0, 2]");
  EXPECT_FALSE(selected(*file, {2}).ok());
}

TEST(ProtobufSchemaLoaderTest, UnresolvableOrInvalidSchemasAreDataErrors) {
  schema_registry::RegisteredSchema schema;
  schema.id.value = 9;
  schema.kind = schema_registry::SchemaKind::kProtobuf;
  auto no_fetch =
      [](const schema_registry::SchemaReference&) -> Result<schema_registry::RegisteredSchema> {
    return Status::data_error("unexpected");
  };
  schema.text = "syntax = \"proto3\";\nimport \"other/x.proto\";\nmessage M { int32 a = 1; }\n";
  auto missing = load_protobuf_schema(schema, no_fetch);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kDataError);
  EXPECT_THAT(missing.status().message(),
              HasSubstr("schema id 9: the schema imports other/x.proto, which is neither among "
                        "its references nor a file the Schema Registry knows without one"));
  schema.text = "syntax = \"proto3\";\nmessage M {\n  int32 a = ;\n}\n";
  auto broken = load_protobuf_schema(schema, no_fetch);
  ASSERT_FALSE(broken.ok());
  EXPECT_THAT(broken.status().message(), HasSubstr("line 3:"));
  schema.text = "syntax = \"proto3\";\nmessage M { Unknown a = 1; }\n";
  auto unknown_type = load_protobuf_schema(schema, no_fetch);
  ASSERT_FALSE(unknown_type.ok());
  EXPECT_THAT(unknown_type.status().message(), HasSubstr("\"Unknown\" is not defined"));
}

TEST(ProtobufSchemaLoaderTest, EveryBuiltInFileBuilds) {
  for (std::string_view path : {"google/type/calendar_period.proto",
                                "google/type/color.proto",
                                "google/type/date.proto",
                                "google/type/datetime.proto",
                                "google/type/dayofweek.proto",
                                "google/type/decimal.proto",
                                "google/type/expr.proto",
                                "google/type/fraction.proto",
                                "google/type/interval.proto",
                                "google/type/latlng.proto",
                                "google/type/money.proto",
                                "google/type/month.proto",
                                "google/type/phone_number.proto",
                                "google/type/postal_address.proto",
                                "google/type/quaternion.proto",
                                "google/type/timeofday.proto",
                                "confluent/meta.proto",
                                "confluent/type/decimal.proto",
                                "google/protobuf/any.proto",
                                "google/protobuf/api.proto",
                                "google/protobuf/descriptor.proto",
                                "google/protobuf/duration.proto",
                                "google/protobuf/empty.proto",
                                "google/protobuf/field_mask.proto",
                                "google/protobuf/source_context.proto",
                                "google/protobuf/struct.proto",
                                "google/protobuf/timestamp.proto",
                                "google/protobuf/type.proto",
                                "google/protobuf/wrappers.proto"}) {
    const std::string text = "syntax = \"proto3\";\nimport \"" + std::string(path) + "\";\n";
    EXPECT_NE(load_proto(text), nullptr) << path;
  }
}

}  // namespace
}  // namespace sluice::connect
