// JsonValueEncoder: the two JsonFormat code paths (confluent-s3-sink.md §4.1 (a) and (b)).
//
// Goldens were produced with Kafka's JsonConverter (connect-json, schemas.enable=false,
// decimal.format BASE64 / NUMERIC) and a default Jackson 2 ObjectMapper on OpenJDK 17 with the same
// inputs; Java maps were HashMaps filled in the order the Values below list their entries.
#include "format/json_value_encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

#include "format/format_test_support.h"

namespace sluice::format {
namespace {

using connect::Arena;
using connect::SchemaType;
using connect::Value;
using connect::ValueKind;
using namespace testing;  // NOLINT: schema and value builders

std::string converter_json(const connect::Schema* schema, const Value& v,
                           JsonEncoderOptions options = {}) {
  JsonValueEncoder encoder(options);
  std::string out;
  Status st = encoder.append_converter_json(out, schema, v);
  EXPECT_TRUE(st.ok()) << st.to_string();
  return out;
}

std::string mapper_json(const connect::Schema* schema, const Value& v,
                        JsonEncoderOptions options = {}) {
  JsonValueEncoder encoder(options);
  std::string out;
  Status st = encoder.append_object_mapper_json(out, schema, v);
  EXPECT_TRUE(st.ok()) << st.to_string();
  return out;
}

class AllTypesStruct : public ::testing::Test {
 protected:
  AllTypesStruct() {
    nested_ = struct_of("Nested", {{"x", primitive(SchemaType::kInt32)},
                                   {"s", primitive(SchemaType::kString, true)}});
    auto optional_nested = struct_of(
        "Nested",
        {{"x", primitive(SchemaType::kInt32)}, {"s", primitive(SchemaType::kString, true)}},
        /*optional=*/true);
    schema_ = struct_of(
        "com.example.All",
        {{"i8", primitive(SchemaType::kInt8)},
         {"i16", primitive(SchemaType::kInt16)},
         {"i32", primitive(SchemaType::kInt32)},
         {"i64", primitive(SchemaType::kInt64)},
         {"f32", primitive(SchemaType::kFloat32)},
         {"f64", primitive(SchemaType::kFloat64)},
         {"f64nan", primitive(SchemaType::kFloat64)},
         {"f64negzero", primitive(SchemaType::kFloat64)},
         {"f64big", primitive(SchemaType::kFloat64)},
         {"f32inf", primitive(SchemaType::kFloat32)},
         {"bool", primitive(SchemaType::kBoolean)},
         {"str", primitive(SchemaType::kString)},
         {"bytes", primitive(SchemaType::kBytes)},
         {"arr", array_of(primitive(SchemaType::kInt32))},
         {"smap", map_of(primitive(SchemaType::kString), primitive(SchemaType::kInt32))},
         {"imap", map_of(primitive(SchemaType::kInt32), primitive(SchemaType::kString))},
         {"nested", nested_},
         {"opt_null", primitive(SchemaType::kString, true)},
         {"with_default", with_default(primitive(SchemaType::kInt32, true), Value::integer(42))},
         {"req_default", with_default(primitive(SchemaType::kInt64), Value::integer(7))},
         {"price", decimal(2)},
         {"day", logical(connect::kDateLogicalName, SchemaType::kInt32)},
         {"tod", logical(connect::kTimeLogicalName, SchemaType::kInt32)},
         {"ts", logical(connect::kTimestampLogicalName, SchemaType::kInt64)},
         {"arr_of_struct", array_of(nested_)},
         {"opt_struct", optional_nested}});
    value_ =
        record(arena_, schema_,
               {Value::integer(-8),
                Value::integer(1600),
                Value::integer(-32),
                Value::integer(9007199254740993LL),
                Value::float32(1.0e-4f),
                Value::float64(12345678.9),
                Value::float64(std::nan("")),
                Value::float64(-0.0),
                Value::float64(1e23),
                Value::float32(-std::numeric_limits<float>::infinity()),
                Value::boolean(true),
                Value::string("tab\there \"q\" \\ \xC3\xA9/\x7f\x01"),
                Value::bytes(unhex_("000102feff")),
                list(arena_, {Value::integer(1), Value::integer(2), Value::integer(3)}),
                map(arena_, {Value::string("zeta"), Value::integer(4), Value::string("alpha"),
                             Value::integer(5), Value::string("mid"), Value::integer(3),
                             Value::string("beta"), Value::integer(4)}),
                map(arena_, {Value::integer(300), Value::string("c"), Value::integer(1),
                             Value::string("a"), Value::integer(17), Value::string("b")}),
                record(arena_, nested_, {Value::integer(5), Value::string("n")}),
                Value::null(),
                Value::null(),
                Value::null(),
                Value::decimal(unhex_("00dd"), 2),
                Value::integer(19724),
                Value::integer(3723004),
                Value::integer(1700000000000LL),
                list(arena_, {record(arena_, nested_, {Value::integer(1), Value::null()}),
                              record(arena_, nested_, {Value::integer(2), Value::string("two")})}),
                Value::null()});
  }

  std::string_view unhex_(std::string_view hex) { return arena_.copy(unhex(hex)); }

  Arena arena_;
  connect::SchemaPtr nested_;
  connect::SchemaPtr schema_;
  Value value_;
};

TEST_F(AllTypesStruct, MatchesJsonConverterWithBase64Decimals) {
  EXPECT_EQ(
      converter_json(schema_.get(), value_),
      "{\"i8\":-8,\"i16\":1600,\"i32\":-32,\"i64\":9007199254740993,\"f32\":1.0E-4,"
      "\"f64\":1.23456789E7,\"f64nan\":\"NaN\",\"f64negzero\":-0.0,"
      // Java 17's digits for 1e23 (JDK >= 19 prints 1.0E23: see ShortestDoubleDigits below).
      "\"f64big\":9.999999999999999E22,\"f32inf\":\"-Infinity\",\"bool\":true,"
      "\"str\":\"tab\\there \\\"q\\\" \\\\ \xC3\xA9/\x7f\\u0001\",\"bytes\":\"AAEC/v8=\","
      "\"arr\":[1,2,3],\"smap\":{\"zeta\":4,\"alpha\":5,\"mid\":3,\"beta\":4},"
      "\"imap\":[[1,\"a\"],[17,\"b\"],[300,\"c\"]],\"nested\":{\"x\":5,\"s\":\"n\"},"
      "\"opt_null\":null,\"with_default\":42,\"req_default\":7,\"price\":\"AN0=\","
      "\"day\":19724,\"tod\":3723004,\"ts\":1700000000000,"
      "\"arr_of_struct\":[{\"x\":1,\"s\":null},{\"x\":2,\"s\":\"two\"}],\"opt_struct\":null}");
}

TEST_F(AllTypesStruct, NumericDecimalFormat) {
  JsonEncoderOptions options;
  options.decimal_format = JsonDecimalFormat::kNumeric;
  std::string json = converter_json(schema_.get(), value_, options);
  EXPECT_NE(json.find(",\"price\":2.21,"), std::string::npos) << json;
}

// sluice.json.double.digits=shortest: the digits of JDK >= 19.
TEST_F(AllTypesStruct, ShortestDoubleDigits) {
  JsonEncoderOptions options;
  options.double_digits = util::JavaDoubleDigits::kShortest;
  std::string json = converter_json(schema_.get(), value_, options);
  EXPECT_NE(json.find(",\"f64big\":1.0E23,"), std::string::npos) << json;
}

// With java_map_order off the producer's order is kept (the sluice extension).
TEST_F(AllTypesStruct, ProducerMapOrderWhenJavaOrderIsOff) {
  JsonEncoderOptions options;
  options.java_map_order = false;
  std::string json = converter_json(schema_.get(), value_, options);
  EXPECT_NE(json.find("\"smap\":{\"zeta\":4,\"alpha\":5,\"mid\":3,\"beta\":4}"), std::string::npos);
  EXPECT_NE(json.find("\"imap\":[[300,\"c\"],[1,\"a\"],[17,\"b\"]]"), std::string::npos) << json;
}

struct DecimalCase {
  const char* unscaled_hex;  // BigInteger.toByteArray()
  int scale;
  const char* base64;
  const char* numeric;  // BigDecimal.toString()
};

// Spec §4.1 and kafka-connect.md §2.3 ("AN0=" is 2.21 at scale 2), plus BigDecimal.toString edge
// cases, all from JsonConverter.
TEST(JsonValueEncoderTest, DecimalsInBothFormats) {
  const DecimalCase cases[] = {
      {"00dd", 2, "AN0=", "2.21"},
      {"04ce", 2, "BM4=", "12.30"},
      {"80", 0, "gA==", "-128"},
      {"01", 9, "AQ==", "1E-9"},
      {"01", -2, "AQ==", "1E+2"},
      {"00", 2, "AA==", "0.00"},
      {"018ee90ff6c373e0ee4e3f0ad2", 5, "AY7pD/bDc+DuTj8K0g==", "1234567890123456789012345.67890"},
      {"fb", 7, "+w==", "-5E-7"},
      {"7b", 8, "ew==", "0.00000123"},
      {"7b", 9, "ew==", "1.23E-7"},
      {"ff", 0, "/w==", "-1"},
      {"0080", 0, "AIA=", "128"},
      {"ff7f", 3, "/38=", "-0.129"},
      {"00ff", 1, "AP8=", "25.5"},
      {"8000", 0, "gAA=", "-32768"},
      {"008000", 0, "AIAA", "32768"},
  };
  Arena arena;
  for (const DecimalCase& c : cases) {
    auto schema = struct_of("", {{"d", decimal(c.scale)}});
    // Plain bytes under the Decimal schema (scale from the schema)...
    Value plain = record(arena, schema, {Value::bytes(arena.copy(unhex(c.unscaled_hex)))});
    // ...and a Value::decimal carrying its scale.
    Value tagged =
        record(arena, schema, {Value::decimal(arena.copy(unhex(c.unscaled_hex)), c.scale)});
    JsonEncoderOptions numeric;
    numeric.decimal_format = JsonDecimalFormat::kNumeric;
    for (const Value& v : {plain, tagged}) {
      EXPECT_EQ(converter_json(schema.get(), v), std::string("{\"d\":\"") + c.base64 + "\"}");
      EXPECT_EQ(converter_json(schema.get(), v, numeric), std::string("{\"d\":") + c.numeric + "}");
    }
    // Path (b): a top-level BigDecimal is written with toString() by Jackson.
    EXPECT_EQ(mapper_json(schema->fields[0].schema.get(),
                          Value::bytes(arena.copy(unhex(c.unscaled_hex)))),
              c.numeric);
  }
}

TEST(JsonValueEncoderTest, Base64DecimalUsesMinimalBytes) {
  Arena arena;
  auto schema = struct_of("", {{"d", decimal(2)}});
  // 0x0000dd and 0xffff80 are 221 and -128 with redundant sign bytes (e.g. from Avro fixed).
  EXPECT_EQ(converter_json(schema.get(),
                           record(arena, schema, {Value::bytes(arena.copy(unhex("0000dd")))})),
            "{\"d\":\"AN0=\"}");
  EXPECT_EQ(converter_json(schema.get(),
                           record(arena, schema, {Value::bytes(arena.copy(unhex("ffff80")))})),
            "{\"d\":\"gA==\"}");
}

TEST(JsonValueEncoderTest, Base64DecimalRejectsMismatchingScale) {
  Arena arena;
  auto schema = struct_of("", {{"d", decimal(2)}});
  Value v = record(arena, schema, {Value::decimal(arena.copy(unhex("16")), 1)});  // 2.2, scale 1
  JsonValueEncoder encoder;
  std::string out;
  Status st = encoder.append_converter_json(out, schema.get(), v);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(), "BigDecimal has mismatching scale value for given Decimal schema");
  // NUMERIC prints the value's own scale, as JsonConverter does.
  JsonEncoderOptions numeric;
  numeric.decimal_format = JsonDecimalFormat::kNumeric;
  EXPECT_EQ(converter_json(schema.get(), v, numeric), "{\"d\":2.2}");
}

// Supplementary characters are escaped as UTF-16 surrogates in names and values (Jackson 2).
TEST(JsonValueEncoderTest, ConverterEscapesFieldNamesAndSurrogates) {
  Arena arena;
  auto schema = struct_of(
      "", {{"e", primitive(SchemaType::kString)}, {"k\"ey\x01", primitive(SchemaType::kInt32)}});
  Value v = record(arena, schema, {Value::string("\xF0\x9F\x98\x80x"), Value::integer(1)});
  EXPECT_EQ(converter_json(schema.get(), v), "{\"e\":\"\\uD83D\\uDE00x\",\"k\\\"ey\\u0001\":1}");
}

TEST(JsonValueEncoderTest, ConverterDataErrors) {
  Arena arena;
  JsonValueEncoder encoder;
  std::string out;

  auto required = struct_of("", {{"a", primitive(SchemaType::kString)}});
  Status st =
      encoder.append_converter_json(out, required.get(), record(arena, required, {Value::null()}));
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_EQ(st.message(),
            "Conversion error: null value for field that is required and has no default value");

  Status wrong_type = encoder.append_converter_json(out, required.get(),
                                                    record(arena, required, {Value::integer(3)}));
  EXPECT_EQ(wrong_type.code(), StatusCode::kDataError);
  EXPECT_EQ(wrong_type.message(), "Invalid type for STRING: class java.lang.Long");

  // The record's schema must equal the struct's own schema.
  auto other = struct_of("Other", {{"a", primitive(SchemaType::kString)}});
  Status mismatch = encoder.append_converter_json(out, other.get(),
                                                  record(arena, required, {Value::string("x")}));
  EXPECT_EQ(mismatch.code(), StatusCode::kDataError);
  EXPECT_EQ(mismatch.message(), "Mismatching schema.");
  Status no_schema =
      encoder.append_converter_json(out, nullptr, record(arena, required, {Value::string("x")}));
  EXPECT_EQ(no_schema.message(), "Mismatching schema.");
}

TEST(JsonValueEncoderTest, ConverterAcceptsEqualSchemaInstances) {
  Arena arena;
  auto a = struct_of("S", {{"a", primitive(SchemaType::kInt32)}});
  auto b = struct_of("S", {{"a", primitive(SchemaType::kInt32)}});
  EXPECT_EQ(converter_json(b.get(), record(arena, a, {Value::integer(1)})), "{\"a\":1}");
}

// ---- Path (b): Jackson ObjectMapper -----------------------------------------------------------

TEST(JsonValueEncoderTest, MapperStringEscapes) {
  // StringConverter values (spec §4.1 (b), issues #559, #89).
  EXPECT_EQ(mapper_json(nullptr, Value::string("a\"b\\c/d\x01\x1f\b\t\n\f\r\x7f \xC3\xA9 "
                                               "\xF0\x9F\x98\x80 \xE2\x80\xA8 " +
                                               std::string(1, '\0'))),
            "\"a\\\"b\\\\c/d\\u0001\\u001F\\b\\t\\n\\f\\r\x7f \xC3\xA9 \\uD83D\\uDE00 "
            "\xE2\x80\xA8 \\u0000\"");
}

TEST(JsonValueEncoderTest, MapperScalars) {
  EXPECT_EQ(mapper_json(nullptr, Value::bytes("{\"a\":1}")), "\"eyJhIjoxfQ==\"");
  EXPECT_EQ(mapper_json(nullptr, Value::null()), "null");
  EXPECT_EQ(mapper_json(nullptr, Value::float64(std::nan(""))), "\"NaN\"");
  EXPECT_EQ(mapper_json(nullptr, Value::float64(std::numeric_limits<double>::infinity())),
            "\"Infinity\"");
  EXPECT_EQ(mapper_json(nullptr, Value::float32(1.0e-4f)), "1.0E-4");
  EXPECT_EQ(mapper_json(nullptr, Value::integer(-42)), "-42");
  EXPECT_EQ(mapper_json(nullptr, Value::boolean(false)), "false");
  // A top-level Date is a java.util.Date: epoch millis, not days (spec §4.1 (b)).
  auto date = logical(connect::kDateLogicalName, SchemaType::kInt32);
  EXPECT_EQ(mapper_json(date.get(), Value::integer(19724)), "1704153600000");
}

// Schemaless JSON after JsonConverter: HashMap order, numbers through double/long (spec §4.1 (b),
// §8 item 2). Java input:
// {"id":1,"name":"x","email":"e@x","age":30,"city":"Paris","country":"FR","zip":"75001",
//  "phone":null,"created_at":1.50,"updated_at":1e2,"active":true,"score":12345678.9,
//  "tags":[1,2.0,"t",{"b":1,"a":2}],"notes":{"zz":0,"aa":-1},"big":123456789012345678901234567890}
TEST(JsonValueEncoderTest, SchemalessMapInHashMapOrder) {
  Arena arena;
  Value v = map(
      arena,
      {Value::string("id"), Value::integer(1), Value::string("name"), Value::string("x"),
       Value::string("email"), Value::string("e@x"), Value::string("age"), Value::integer(30),
       Value::string("city"), Value::string("Paris"), Value::string("country"), Value::string("FR"),
       Value::string("zip"), Value::string("75001"), Value::string("phone"), Value::null(),
       Value::string("created_at"), Value::float64(1.50), Value::string("updated_at"),
       Value::float64(1e2), Value::string("active"), Value::boolean(true), Value::string("score"),
       Value::float64(12345678.9), Value::string("tags"),
       list(arena, {Value::integer(1), Value::float64(2.0), Value::string("t"),
                    map(arena, {Value::string("b"), Value::integer(1), Value::string("a"),
                                Value::integer(2)})}),
       Value::string("notes"),
       map(arena,
           {Value::string("zz"), Value::integer(0), Value::string("aa"), Value::integer(-1)}),
       // The converter truncates integers to 64 bits.
       Value::string("big"), Value::integer(-4362896299872285998LL)});
  EXPECT_EQ(mapper_json(nullptr, v),
            "{\"zip\":\"75001\",\"country\":\"FR\",\"big\":-4362896299872285998,"
            "\"notes\":{\"zz\":0,\"aa\":-1},\"city\":\"Paris\",\"created_at\":1.5,"
            "\"active\":true,\"tags\":[1,2.0,\"t\",{\"a\":2,\"b\":1}],\"score\":1.23456789E7,"
            "\"updated_at\":100.0,\"phone\":null,\"name\":\"x\",\"id\":1,\"email\":\"e@x\","
            "\"age\":30}");
  JsonEncoderOptions keep;
  keep.java_map_order = false;
  EXPECT_EQ(mapper_json(nullptr,
                        map(arena, {Value::string("b"), Value::integer(1), Value::string("a"),
                                    Value::integer(2)}),
                        keep),
            "{\"b\":1,\"a\":2}");
}

// Jackson writes non-string keys with toString(): {"2":2.5,"10":"ten","true":[]}.
TEST(JsonValueEncoderTest, MapperKeysUseToString) {
  Arena arena;
  // Schemaless Long and Boolean keys; HashMap order of 10L, 2L, true is 2, 10, true.
  Value v = map(arena, {Value::integer(10), Value::string("ten"), Value::integer(2),
                        Value::float64(2.5), Value::boolean(true), list(arena, {})});
  EXPECT_EQ(mapper_json(nullptr, v), "{\"2\":2.5,\"10\":\"ten\",\"true\":[]}");

  auto ts = logical(connect::kTimestampLogicalName, SchemaType::kInt64);
  auto date_keys = map_of(ts, primitive(SchemaType::kInt32));
  EXPECT_EQ(mapper_json(date_keys.get(),
                        map(arena, {Value::integer(1700000000123LL), Value::integer(1)})),
            "{\"2023-11-14T22:13:20.123+00:00\":1}");

  EXPECT_EQ(mapper_json(nullptr, map(arena, {list(arena, {Value::integer(1), Value::string("a")}),
                                             Value::string("x")})),
            "{\"[1, a]\":\"x\"}");
}

TEST(JsonValueEncoderTest, MapperLists) {
  Arena arena;
  // [BigDecimal 1E+2, 1.5f, byte[]{1}, null] -> [1E+2,1.5,"AQ==",null]
  EXPECT_EQ(mapper_json(nullptr,
                        list(arena, {Value::decimal(arena.copy(unhex("01")), -2),
                                     Value::float32(1.5f), Value::bytes("\x01"), Value::null()})),
            "[1E+2,1.5,\"AQ==\",null]");
}

TEST(JsonValueEncoderTest, MapperFailsOnNestedStructAndNullKey) {
  Arena arena;
  auto s = struct_of("S", {{"a", primitive(SchemaType::kInt32)}});
  JsonValueEncoder encoder;
  std::string out;
  Status nested = encoder.append_object_mapper_json(
      out, nullptr, list(arena, {record(arena, s, {Value::integer(1)})}));
  EXPECT_EQ(nested.code(), StatusCode::kFatal);
  Status null_key = encoder.append_object_mapper_json(
      out, nullptr, map(arena, {Value::null(), Value::integer(1)}));
  EXPECT_EQ(null_key.code(), StatusCode::kFatal);
}

}  // namespace
}  // namespace sluice::format
