// ProtobufValueDecoder: wire bytes written by libprotobuf (and some by hand, for what a
// serializer never writes: merges, duplicates, unknown fields, bad input) -> the values of
// ProtobufData.toConnectData. The expected values of the Order message were checked against the
// Java converter 7.7.8 (JsonFormat output of the same messages).
#include "connect/protobuf_value_decoder.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "connect/protobuf_to_connect_schema.h"
#include "protobuf_test_util.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::encode;
using ::testing::HasSubstr;
using testing::load_proto;
using testing::message_type;
using testing::render;

constexpr std::string_view kProto = R"(syntax = "proto3";
package v;
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
import "google/type/date.proto";
import "google/type/timeofday.proto";
import "confluent/type/decimal.proto";

message Order {
  int64 id = 1;
  string customer = 2;
  google.protobuf.Timestamp created = 3;
  repeated string tags = 4;
  Status status = 5;
  oneof payment {
    string card = 6;
    int32 voucher = 7;
    Line gift_line = 18;
  }
  Line shipping = 8;
  map<string, int32> counts = 9;
  optional double discount = 10;
  sint32 delta = 11;
  uint32 qty = 12;
  fixed64 big = 13;
  bytes blob = 14;
  float ratio = 15;
  bool gift = 16;
  repeated Line lines = 17;
  repeated int32 numbers = 19;
  map<int64, Line> by_id = 20;
  google.protobuf.StringValue note = 21;
  google.type.Date day = 22;
  google.type.TimeOfDay at = 23;
  confluent.type.Decimal price = 24;

  message Line {
    string sku = 1;
    int32 count = 2;
  }
  enum Status {
    NEW = 0;
    PAID = 1;
  }
}
)";

class ProtobufValueDecoderTest : public ::testing::Test {
 protected:
  void SetUp() override { file_ = load_proto(kProto); }

  // Decodes `bytes` as v.Order with `config`; the rendered value, or "error: ...".
  std::string decode(const std::string& bytes, const ProtobufDataConfig& config = {}) {
    ProtobufToConnectSchema to_connect(config);
    auto schema = to_connect.convert(message_type(*file_, "v.Order"), 1);
    if (!schema.ok()) return "schema error: " + schema.status().message();
    schemas_.push_back(*schema);
    ProtobufValueDecoder decoder(config);
    Value out;
    Status st = decoder.decode(bytes, message_type(*file_, "v.Order"), **schema, arena_, &out);
    return st.ok() ? render(out) : "error: " + st.message();
  }
  std::string order(const std::string& text) { return encode(*file_, "v.Order", text); }

  std::shared_ptr<const ProtobufSchemaFile> file_;
  std::vector<SchemaPtr> schemas_;
  Arena arena_;
};

// The defaults of every field of an empty Order, in Connect field order (oneof first).
constexpr std::string_view kEmpty =
    "Struct{payment_0=null,id=0,customer=\"\",created=null,tags=[],status=\"NEW\",shipping=null,"
    "counts={},discount=null,delta=0,qty=0,big=0,blob=0x,ratio=f:0,gift=false,lines=[],"
    "numbers=[],by_id={},note=null,day=null,at=null,price=null}";

TEST_F(ProtobufValueDecoderTest, AnEmptyMessageHasEveryDefaultAndNullForUnsetMessages) {
  EXPECT_EQ(decode(""), kEmpty);
}

TEST_F(ProtobufValueDecoderTest, DecodesEveryKindOfField) {
  const std::string bytes = order(R"(
    id: 7 customer: "c" created { seconds: 1700000000 nanos: 123456789 } tags: "a" tags: "b"
    status: PAID card: "visa" shipping { sku: "s" count: 2 }
    counts { key: "x" value: 1 } counts { key: "y" value: 2 }
    discount: 0 delta: -3 qty: 4000000000 big: 18446744073709551615 blob: "\000\377"
    ratio: 0.1 gift: true lines { sku: "k" count: 2 } lines {} numbers: [1, -2, 3]
    by_id { key: -5 value { sku: "q" } } by_id { key: 6 }
    note { value: "n" } day { year: 2024 month: 2 day: 29 } at { hours: 13 minutes: 5 nanos: 1999999 }
    price { value: "\001\000" scale: 2 })");
  EXPECT_EQ(
      decode(bytes),
      "Struct{payment_0=Struct{card=\"visa\",voucher=null,gift_line=null},id=7,customer=\"c\","
      "created=1700000000123,tags=[\"a\",\"b\"],status=\"PAID\","
      "shipping=Struct{sku=\"s\",count=2},counts={\"x\":1,\"y\":2},discount=d:0,delta=-3,"
      "qty=4000000000,big=-1,blob=0x00ff,ratio=f:0.100000001,gift=true,"
      "lines=[Struct{sku=\"k\",count=2},Struct{sku=\"\",count=0}],numbers=[1,-2,3],"
      "by_id={-5:Struct{sku=\"q\",count=0},6:Struct{sku=\"\",count=0}},"
      "note=\"n\",day=19782,at=47100001,price=dec(0x0100,2)}");
}

TEST_F(ProtobufValueDecoderTest, UnsetMessagesBecomeDefaultStructsWithGenerateStructForNulls) {
  ProtobufDataConfig config;
  config.generate_struct_for_nulls = true;
  // 0001-01-01 is a Julian date for Java's GregorianCalendar; a Date of year 0 (the default) is
  // no date at all.
  EXPECT_EQ(decode(order("day { year: 1 month: 1 day: 1 } price { value: \"\\000\" }"), config),
            "Struct{payment_0=null,id=0,customer=\"\",created=0,tags=[],status=\"NEW\","
            "shipping=Struct{sku=\"\",count=0},counts={},discount=d:0,delta=0,qty=0,big=0,"
            "blob=0x,ratio=f:0,gift=false,lines=[],numbers=[],by_id={},note=\"\","
            "day=-719164,at=0,price=dec(0x00,0)}");
  EXPECT_THAT(decode(order(""), config), HasSubstr("Invalid Date: YEAR"));
}

TEST_F(ProtobufValueDecoderTest, EnumsAsNumbersAndWrappersAsPrimitives) {
  ProtobufDataConfig config;
  config.int_for_enums = true;
  config.wrapper_for_nullables = true;
  const std::string s = decode(order("status: PAID note { }"), config);
  EXPECT_THAT(s, HasSubstr("status=1,"));
  EXPECT_THAT(s, HasSubstr("note=\"\","));  // set, empty: its default
  EXPECT_THAT(decode(order("status: PAID"), config), HasSubstr("note=null,"));
}

TEST_F(ProtobufValueDecoderTest, ANullInARequiredFieldOfANestedStructFailsAsStructPutFails) {
  ProtobufDataConfig config;
  config.wrapper_for_nullables = true;  // scalars are required fields then
  EXPECT_EQ(decode(order("card: \"visa\""), config),
            "error: Invalid value: null used for required field: \"voucher\", schema type: INT32");
  // The top-level struct is not checked (the format writer refuses its nulls later).
  EXPECT_THAT(decode(order("id: 1"), config), HasSubstr("discount=null,"));
}

TEST_F(ProtobufValueDecoderTest, OneofMembersFlattenedOrInTheUnionStruct) {
  const std::string bytes = order("gift_line { sku: \"g\" }");
  EXPECT_THAT(decode(bytes), HasSubstr("payment_0=Struct{card=null,voucher=null,gift_line="
                                       "Struct{sku=\"g\",count=0}},"));
  ProtobufDataConfig flat;
  flat.flatten_unions = true;
  EXPECT_EQ(
      decode(bytes, flat)
          .rfind("Struct{card=null,voucher=null,gift_line=Struct{sku=\"g\",count=0},id=0,", 0),
      0u);
}

std::string tag(int number, int wire_type) {
  std::string out;
  uint32_t v = static_cast<uint32_t>(number << 3 | wire_type);
  while (v >= 0x80) {
    out.push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out.push_back(static_cast<char>(v));
  return out;
}

std::string delimited(int number, const std::string& payload) {
  return tag(number, 2) + std::string(1, static_cast<char>(payload.size())) + payload;
}

TEST_F(ProtobufValueDecoderTest, WireRulesLastScalarWinsMessagesMergeOneofsClearUnknownSkipped) {
  std::string bytes;
  bytes += tag(1, 0) + "\x01";  // id 1
  bytes += delimited(8, tag(1, 2) +
                            "\x01"
                            "a");                                   // shipping.sku = a
  bytes += tag(1, 0) + "\x02";                                      // id 2 (wins)
  bytes += delimited(8, tag(2, 0) + "\x05");                        // shipping.count = 5 (merged)
  bytes += tag(99, 0) + "\x07" + tag(98, 1) + std::string(8, 'x');  // unknown fields
  bytes += tag(1, 2) +
           "\x01"
           "z";  // id with a wrong wire type
  bytes += delimited(18, tag(1, 2) +
                             "\x01"
                             "g");                           // gift_line.sku = g
  bytes += tag(7, 0) + "\x09";                               // voucher clears gift_line
  bytes += delimited(18, tag(2, 0) + "\x03");                // gift_line again: count 3 only
  bytes += tag(19, 0) + "\x04" + delimited(19, "\x05\x06");  // unpacked then packed
  bytes += delimited(9, tag(1, 2) +
                            "\x01"
                            "k" +
                            tag(2, 0) + "\x01");  // counts k=1
  bytes += delimited(9, tag(1, 2) +
                            "\x01"
                            "j" +
                            tag(2, 0) + "\x02");  // counts j=2
  bytes += delimited(9, tag(1, 2) +
                            "\x01"
                            "k" +
                            tag(2, 0) + "\x03");  // k again: first place, 3
  bytes += delimited(9, tag(2, 0) + "\x04");      // no key: ""
  const std::string s = decode(bytes);
  EXPECT_THAT(s, HasSubstr("payment_0=Struct{card=null,voucher=null,gift_line=Struct{sku=\"\","
                           "count=3}},id=2,"));
  EXPECT_THAT(s, HasSubstr("shipping=Struct{sku=\"a\",count=5},"));
  EXPECT_THAT(s, HasSubstr("counts={\"k\":3,\"j\":2,\"\":4},"));
  EXPECT_THAT(s, HasSubstr("numbers=[4,5,6],"));
}

TEST_F(ProtobufValueDecoderTest, AnUnknownEnumNumberIsNamedAsJavaNamesIt) {
  EXPECT_THAT(decode(tag(5, 0) + "\x07"), HasSubstr("status=\"UNKNOWN_ENUM_VALUE_Status_7\","));
}

TEST_F(ProtobufValueDecoderTest, BadInputIsADataErrorWithTheOffset) {
  const std::string good = order("customer: \"abc\" lines { sku: \"x\" }");
  EXPECT_EQ(decode(good.substr(0, good.size() - 2)),
            "error: Protocol message ended unexpectedly in the middle of a field (at byte 7)");
  EXPECT_EQ(decode(std::string("\x08\x01\x00", 3)),
            "error: Protocol message contained an invalid tag (zero) (at byte 2)");
  EXPECT_EQ(decode(tag(2, 2) + "\x02\xc3\x28"),
            "error: Protocol message had invalid UTF-8. (at byte 1)");
  EXPECT_EQ(decode(delimited(3, tag(2, 0) + "\xff\xff\xff\xff\x0f")),
            "error: Timestamp is not valid. See proto definition for valid values. Seconds (0) "
            "must be in range [-62,135,596,800, +253,402,300,799]. Nanos (-1) must be in range "
            "[0, +999,999,999].");
  EXPECT_EQ(decode(delimited(24, "")), "error: Zero length BigInteger");
}

constexpr std::string_view kProto2 = R"(syntax = "proto2";
package p2;
message M {
  optional int32 a = 1;
  optional string s = 2 [default = "dflt"];
  required int32 r = 3;
  optional E e = 4;
  repeated E es = 5;
  enum E { ONE = 1; TWO = 2; }
}
)";

TEST(ProtobufValueDecoderProto2Test, OptionalsRequiredClosedEnumsAndJavaStrings) {
  auto file = load_proto(kProto2);
  const google::protobuf::Descriptor& m = message_type(*file, "p2.M");
  Arena arena;
  auto run = [&](const std::string& bytes, const ProtobufDataConfig& config) {
    auto schema = ProtobufToConnectSchema(config).convert(m, std::nullopt);
    ProtobufValueDecoder decoder(config);
    Value out;
    Status st = decoder.decode(bytes, m, **schema, arena, &out);
    return st.ok() ? render(out) : "error: " + st.message();
  };
  // e = 9 and es = [9] are unknown numbers of a closed enum: skipped like unknown fields.
  const std::string bytes = tag(3, 0) + "\x05" + tag(4, 0) + "\x09" + tag(5, 0) + "\x09" +
                            tag(5, 0) + "\x02" + delimited(2, "a\xff");
  EXPECT_EQ(run(bytes, {}), "Struct{a=null,s=\"a\xEF\xBF\xBD\",r=5,e=null,es=[\"TWO\"]}");
  ProtobufDataConfig defaults;
  defaults.optional_for_proto2 = false;
  EXPECT_EQ(run(tag(3, 0) + "\x05", defaults), "Struct{a=0,s=\"dflt\",r=5,e=\"ONE\",es=[]}");
  EXPECT_EQ(run("", {}), "error: Message missing required fields: r");
}

}  // namespace
}  // namespace sluice::connect
