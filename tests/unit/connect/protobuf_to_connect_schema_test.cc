// ProtobufToConnectSchema: the Connect schemas of ProtobufData (Confluent's "Protobuf" section of
// https://docs.confluent.io/platform/current/schema-registry/connect.html; the expected strings
// were checked against the Java converter 7.7.8, which writes them into AvroFormat files as
// connect.name / connect.parameters).
#include "connect/protobuf_to_connect_schema.h"

#include <gtest/gtest.h>

#include "protobuf_test_util.h"

namespace sluice::connect {
namespace {

using testing::describe;
using testing::load_proto;
using testing::message_type;

// The text the Schema Registry returns for a proto3 file with a oneof, a proto3 `optional`, an
// enum, a map (as an explicit map-entry message, the registry's canonical form), well-known types
// and a reference.
constexpr std::string_view kOrderProto = R"(syntax = "proto3";
package sluice.test;

import "google/protobuf/timestamp.proto";
import "sluice/test/address.proto";

message Order {
  int64 id = 1;
  string customer = 2;
  .google.protobuf.Timestamp created = 3;
  repeated string tags = 4;
  .sluice.test.Order.Status status = 5;
  .sluice.test.Address shipping = 8;
  repeated .sluice.test.Order.CountsEntry counts = 9;
  optional double discount = 10;
  sint32 delta = 11;
  uint32 qty = 12;
  fixed64 big = 13;
  bytes blob = 14;
  float ratio = 15;
  bool gift = 16;
  repeated .sluice.test.Order.Line lines = 17;

  oneof payment {
    string card = 6;
    int32 voucher = 7;
  }

  message Line {
    string sku = 1;
    int32 count = 2;
  }
  message CountsEntry {
    option map_entry = true;
  
    string key = 1;
    int32 value = 2;
  }
  enum Status {
    NEW = 0;
    PAID = 1;
    SHIPPED = 2;
  }
}
)";

constexpr std::string_view kAddressProto = R"(syntax = "proto3";
package sluice.test;

message Address {
  string street = 1;
  string city = 2;
}
)";

std::string convert(std::string_view proto, const std::string& message,
                    const ProtobufDataConfig& config = {},
                    std::map<std::string, std::string> refs = {}) {
  auto file = load_proto(proto, refs);
  if (file == nullptr) return "load failed";
  ProtobufToConnectSchema converter(config);
  Result<SchemaPtr> schema = converter.convert(message_type(*file, message), 3);
  return schema.ok() ? describe(schema->get()) : "error: " + schema.status().message();
}

std::string convert_order(const ProtobufDataConfig& config = {}) {
  return convert(kOrderProto, "sluice.test.Order", config,
                 {{"sluice/test/address.proto", std::string(kAddressProto)}});
}

TEST(ProtobufToConnectSchemaTest, OrderAsJavaConvertsItOneofsFirstEveryFieldOptionalAndTagged) {
  EXPECT_EQ(convert_order(),
            "struct Order@3 ["
            "payment_0: opt struct io.confluent.connect.protobuf.Union.payment ["
            "card: opt string {Tag=6}, voucher: opt int32 {Tag=7}], "
            "id: opt int64 {Tag=1}, customer: opt string {Tag=2}, "
            "created: opt int64 org.apache.kafka.connect.data.Timestamp@1 {Tag=3}, "
            "tags: opt array {Tag=4} <opt string>, "
            "status: opt string Status {Enum=Status,Enum.NEW=0,Enum.PAID=1,Enum.SHIPPED=2,Tag=5}, "
            "shipping: opt struct Address {Tag=8} [street: opt string {Tag=1}, city: opt string "
            "{Tag=2}], "
            "counts: opt map counts {Tag=9} <opt string {Tag=1}, opt int32 {Tag=2}>, "
            "discount: opt double {Tag=10}, "
            "delta: opt int32 {Type=sint32,Tag=11}, qty: opt int64 {Type=uint32,Tag=12}, "
            "big: opt int64 {Type=fixed64,Tag=13}, blob: opt bytes {Tag=14}, "
            "ratio: opt float {Tag=15}, gift: opt boolean {Tag=16}, "
            "lines: opt array {Tag=17} <opt struct Line [sku: opt string {Tag=1}, count: opt int32 "
            "{Tag=2}]>]");
}

TEST(ProtobufToConnectSchemaTest, EnhancedSupportUsesFullNames) {
  ProtobufDataConfig config;
  config.enhanced_schema_support = true;
  const std::string s = convert_order(config);
  EXPECT_NE(s.find("struct sluice.test.Order@3 ["), std::string::npos) << s;
  EXPECT_NE(s.find("struct io.confluent.connect.protobuf.Union.sluice.test.Order.payment"),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("opt string sluice.test.Order.Status {Enum=Status,"), std::string::npos) << s;
  EXPECT_NE(s.find("opt map sluice.test.Order.counts {Tag=9}"), std::string::npos) << s;
}

TEST(ProtobufToConnectSchemaTest, UnionAndEnumSettings) {
  ProtobufDataConfig config;
  config.generalized_sum_type_support = true;
  config.int_for_enums = true;
  config.generate_index_for_unions = false;
  const std::string s = convert_order(config);
  EXPECT_NE(s.find("payment: opt struct payment {org.apache.kafka.connect.data.Union=payment} ["),
            std::string::npos)
      << s;
  EXPECT_NE(s.find("status: opt int32 Status {org.apache.kafka.connect.data.Enum=Status,"
                   "org.apache.kafka.connect.data.Enum.NEW=0,"),
            std::string::npos)
      << s;

  ProtobufDataConfig flat;
  flat.flatten_unions = true;
  EXPECT_EQ(convert_order(flat).rfind("struct Order@3 [card: opt string {Tag=6}, voucher: opt "
                                      "int32 {Tag=7}, id: opt int64 {Tag=1},",
                                      0),
            0u);
}

constexpr std::string_view kNullablesProto = R"(syntax = "proto3";
package n;
import "google/protobuf/wrappers.proto";
message N {
  int32 plain = 1;
  optional int32 maybe = 2;
  google.protobuf.Int32Value wrapped = 3;
  google.protobuf.UInt32Value uwrapped = 4;
  repeated int32 list = 5;
}
)";

TEST(ProtobufToConnectSchemaTest, OptionalityFollowsTheNullableSettings) {
  // wrapper.for.raw.primitives (default true) unwraps nested wrappers too.
  EXPECT_EQ(convert(kNullablesProto, "n.N"),
            "struct N@3 [plain: opt int32 {Tag=1}, maybe: opt int32 {Tag=2}, "
            "wrapped: opt int32 {Tag=3}, uwrapped: opt int64 {Tag=4}, "
            "list: opt array {Tag=5} <opt int32>]");
  ProtobufDataConfig optional_only;
  optional_only.optional_for_nullables = true;
  optional_only.wrapper_for_raw_primitives = false;
  EXPECT_EQ(convert(kNullablesProto, "n.N", optional_only),
            "struct N@3 [plain: int32 {Tag=1}, maybe: opt int32 {Tag=2}, "
            "wrapped: opt struct Int32Value {Tag=3} [value: int32 {Tag=1}], "
            "uwrapped: opt struct UInt32Value {Tag=4} [value: int64 {Type=uint32,Tag=1}], "
            "list: opt array {Tag=5} <opt int32>]");
  ProtobufDataConfig wrappers;
  wrappers.wrapper_for_nullables = true;
  EXPECT_EQ(convert(kNullablesProto, "n.N", wrappers),
            "struct N@3 [plain: int32 {Tag=1}, maybe: int32 {Tag=2}, "
            "wrapped: opt int32 {Tag=3}, uwrapped: opt int64 {Tag=4}, "
            "list: opt array {Tag=5} <opt int32>]");
}

TEST(ProtobufToConnectSchemaTest, ATopLevelWrapperIsItsPrimitiveUnlessConfiguredOtherwise) {
  constexpr std::string_view kWrappers = R"(syntax = "proto3";
package google.protobuf;
message StringValue { string value = 1; }
)";
  EXPECT_EQ(convert(kWrappers, "google.protobuf.StringValue"), "string@3");
  ProtobufDataConfig structs;
  structs.wrapper_for_raw_primitives = false;
  EXPECT_EQ(convert(kWrappers, "google.protobuf.StringValue", structs),
            "struct StringValue@3 [value: opt string {Tag=1}]");
}

TEST(ProtobufToConnectSchemaTest, LogicalTypesAndFieldMeta) {
  constexpr std::string_view kProto = R"(syntax = "proto3";
package l;
import "confluent/meta.proto";
import "confluent/type/decimal.proto";
import "google/type/date.proto";
import "google/type/timeofday.proto";
message L {
  confluent.type.Decimal price = 1 [(confluent.field_meta) = { params: [
    { key: "precision", value: "8" }, { key: "scale", value: "3" } ] }];
  confluent.type.Decimal plain = 2;
  google.type.Date day = 3;
  google.type.TimeOfDay at = 4;
  int32 tiny = 5 [(confluent.field_meta).params = { key: "connect.type", value: "int8" }];
  sint32 small = 6 [(confluent.field_meta).params = { key: "connect.type", value: "int16" }];
  repeated google.type.Date days = 7;
}
)";
  EXPECT_EQ(convert(kProto, "l.L"),
            "struct L@3 [price: opt bytes org.apache.kafka.connect.data.Decimal@1 "
            "{scale=3,connect.decimal.precision=8,Tag=1}, "
            "plain: opt bytes org.apache.kafka.connect.data.Decimal@1 {scale=0,Tag=2}, "
            "day: opt int32 org.apache.kafka.connect.data.Date@1 {Tag=3}, "
            "at: opt int32 org.apache.kafka.connect.data.Time@1 {Tag=4}, "
            "tiny: opt int8 {Tag=5}, small: opt int16 {Tag=6}, "
            "days: opt array {Tag=7} <opt int32 org.apache.kafka.connect.data.Date@1>]");
}

TEST(ProtobufToConnectSchemaTest, AReusedMessageKeepsTheParametersOfItsFirstUseInArrays) {
  // Java converts a message type once and wraps the builder for later uses (SchemaWrapper): a
  // later array of it shows the tag the first use gave the builder.
  constexpr std::string_view kProto = R"(syntax = "proto3";
package r;
message P { int32 x = 1; }
message R {
  P first = 1;
  P second = 2;
  repeated P many = 3;
  map<string, P> by_name = 4;
}
)";
  EXPECT_EQ(convert(kProto, "r.R"),
            "struct R@3 [first: opt struct P {Tag=1} [x: opt int32 {Tag=1}], "
            "second: opt struct P {Tag=2} [x: opt int32 {Tag=1}], "
            "many: opt array {Tag=3} <opt struct P {Tag=1} [x: opt int32 {Tag=1}]>, "
            "by_name: opt map by_name {Tag=4} <opt string {Tag=1}, opt struct P {Tag=2} [x: opt "
            "int32 {Tag=1}]>]");
}

TEST(ProtobufToConnectSchemaTest, GroupsAreRefused) {
  // (Recursive messages are converted: recursive_protobuf_schema_test.cc.)
  constexpr std::string_view kGroup = R"(syntax = "proto2";
package g;
message G { optional group Inner = 1 { optional int32 a = 2; } }
)";
  EXPECT_EQ(convert(kGroup, "g.G").rfind("error: Unknown Connect schema type: GROUP", 0), 0u);
}

TEST(ProtobufToConnectSchemaTest, MapFieldNamesAreGuavaLowerUnderscore) {
  EXPECT_EQ(protobuf_map_field_name("CountsEntry"), "counts");
  EXPECT_EQ(protobuf_map_field_name("MyMapEntry"), "my_map");
  EXPECT_EQ(protobuf_map_field_name("a.b.HTTPHeadersEntry"), "a.b.h_t_t_p_headers");
  EXPECT_EQ(protobuf_map_field_name("Map2Entry"), "map2");
  EXPECT_EQ(protobuf_map_field_name("NotAMap"), "NotAMap");
}

}  // namespace
}  // namespace sluice::connect
