// JsonConverter with schemas.enable=true: the envelope, the payload coercion rules, logical types
// and the schema cache (kafka-connect.md §2.3).
#include <gtest/gtest.h>

#include <string>

#include "connect/json_converter.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

class EnvelopeJsonTest : public ::testing::Test {
 protected:
  // "<schema> => <value>", or "ERROR <message>".
  std::string convert(std::string_view json) {
    SchemaAndValue out;
    Status st = converter_->to_connect("t", json, arena_, out);
    if (!st.ok()) {
      EXPECT_EQ(st.code(), StatusCode::kDataError);
      return "ERROR " + st.message();
    }
    return render(out.schema.get()) + " => " + render(out.value);
  }
  // Converts `payload` with the schema `schema_json`.
  std::string convert(std::string_view schema_json, std::string_view payload) {
    return convert("{\"schema\":" + std::string(schema_json) +
                   ",\"payload\":" + std::string(payload) + "}");
  }
  std::string value_of(std::string_view schema_json, std::string_view payload) {
    std::string out = convert(schema_json, payload);
    const size_t arrow = out.find(" => ");
    return arrow == std::string::npos ? out : out.substr(arrow + 4);
  }

  Arena arena_;
  std::unique_ptr<JsonConverter> converter_ = std::make_unique<JsonConverter>();
};

// kafka-connect.md §2.3, "Example envelope": "AN0=" is 2.21 at scale 2, 19724 = 2024-01-02.
constexpr std::string_view kSpecEnvelopeSchema = R"({"type":"struct","fields":[
   {"type":"int32","optional":false,"field":"id"},
   {"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,
    "parameters":{"scale":"2"},"field":"price"},
   {"type":"int32","optional":false,"name":"org.apache.kafka.connect.data.Date","version":1,"field":"day"},
   {"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"}],
  "optional":false,"name":"com.example.Order"})";

TEST_F(EnvelopeJsonTest, SpecExampleEnvelope) {
  const std::string json = "{\"schema\":" + std::string(kSpecEnvelopeSchema) +
                           ",\n \"payload\":{\"id\":1,\"price\":\"AN0=\",\"day\":19724,"
                           "\"ts\":1700000000000}}";
  EXPECT_EQ(convert(json),
            "struct com.example.Order{id:int32,price:optional Decimal(scale=2) bytes,day:Date "
            "int32,ts:Timestamp int64} => Struct{id=1,price=dec(0x00dd,2),day=19724,"
            "ts=1700000000000}");
}

TEST_F(EnvelopeJsonTest, SpecExampleWithNumericDecimal) {
  // "With decimal.format=NUMERIC the payload would carry "price":2.21; both forms are accepted."
  EXPECT_EQ(value_of(kSpecEnvelopeSchema, R"({"id":1,"price":2.21,"day":19724,"ts":1})"),
            "Struct{id=1,price=dec(0x00dd,2),day=19724,ts=1}");
}

TEST_F(EnvelopeJsonTest, SchemaAttributesAreRead) {
  SchemaAndValue out;
  ASSERT_TRUE(converter_
                  ->to_connect("t", std::string_view(R"({"schema":{"type":"string","optional":true,
                                   "name":"n","version":3,"doc":"d","parameters":{"b":"2","a":"1"}},
                                   "payload":"x"})"),
                               arena_, out)
                  .ok());
  ASSERT_NE(out.schema, nullptr);
  EXPECT_TRUE(out.schema->optional);
  EXPECT_EQ(out.schema->name, "n");
  EXPECT_EQ(out.schema->version, 3);
  EXPECT_EQ(out.schema->doc, "d");
  ASSERT_EQ(out.schema->parameters.size(), 2u);
  EXPECT_EQ(out.schema->parameters[0], (std::pair<std::string, std::string>("b", "2")));
  EXPECT_EQ(out.schema->parameters[1], (std::pair<std::string, std::string>("a", "1")));
}

TEST_F(EnvelopeJsonTest, EnvelopeMustHaveExactlySchemaAndPayload) {
  const std::string expected = "ERROR " + std::string(JsonConverter::kEnvelopeError);
  EXPECT_EQ(convert(R"({"schema":null,"payload":1,"extra":2})"), expected);
  EXPECT_EQ(convert(R"({"payload":1})"), expected);
  EXPECT_EQ(convert(R"({"schema":null})"), expected);
  EXPECT_EQ(convert(R"([1,2])"), expected);
  EXPECT_EQ(convert(R"("text")"), expected);
  EXPECT_EQ(convert(""), expected);
  EXPECT_EQ(convert("42"), expected);
}

TEST_F(EnvelopeJsonTest, EnvelopeErrorMessageIsConnects) {
  EXPECT_EQ(JsonConverter::kEnvelopeError,
            "JsonConverter with schemas.enable requires \"schema\" and \"payload\" fields and may "
            "not contain additional fields. If you are trying to deserialize plain JSON data, set "
            "schemas.enable=false in your converter configuration.");
}

TEST_F(EnvelopeJsonTest, DuplicatedEnvelopeMembersCountOnce) {
  // Jackson's ObjectNode keeps one entry per name, so size() is still 2.
  EXPECT_EQ(convert(R"({"schema":{"type":"int8"},"payload":1,"payload":2})"), "int8 => 2");
}

TEST_F(EnvelopeJsonTest, SyntaxErrorWinsOverEnvelopeError) {
  EXPECT_EQ(convert(R"({"schema":null,"payload":1,"extra":[1,}]})")
                .rfind("ERROR Converting byte[] to Kafka Connect data failed due to serialization "
                       "error: ",
                       0),
            0u);
}

TEST_F(EnvelopeJsonTest, SyntaxErrorInsideTheSchemaIsASerializationError) {
  EXPECT_EQ(convert(R"({"schema":{"type":"int32",},"payload":1})")
                .rfind("ERROR Converting byte[] to Kafka Connect data failed due to serialization "
                       "error: ",
                       0),
            0u);
}

TEST_F(EnvelopeJsonTest, NullSchemaMeansSchemalessPayload) {
  EXPECT_EQ(convert(R"({"schema":null,"payload":{"a":[1,2.5]}})"), "none => {\"a\":[1,d:2.5]}");
}

TEST_F(EnvelopeJsonTest, NonObjectSchemaHasNoType) {
  EXPECT_EQ(convert(R"({"schema":"int32","payload":1})"), "ERROR Schema must contain 'type' field");
  EXPECT_EQ(convert(R"({"schema":[],"payload":1})"), "ERROR Schema must contain 'type' field");
}

TEST_F(EnvelopeJsonTest, KafkaNullIsNullNull) {
  SchemaAndValue out;
  ASSERT_TRUE(converter_->to_connect("t", std::nullopt, arena_, out).ok());
  EXPECT_EQ(out.schema, nullptr);
  EXPECT_TRUE(out.value.is_null());
}

TEST_F(EnvelopeJsonTest, IntegersWrapSilently) {
  EXPECT_EQ(value_of(R"({"type":"int8"})", "300"), "44");
  EXPECT_EQ(value_of(R"({"type":"int8"})", "-129"), "127");
  EXPECT_EQ(value_of(R"({"type":"int16"})", "70000"), "4464");
  EXPECT_EQ(value_of(R"({"type":"int32"})", "2147483648"), "-2147483648");
  EXPECT_EQ(value_of(R"({"type":"int32"})", "4294967297"), "1");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "18446744073709551615"), "-1");
}

TEST_F(EnvelopeJsonTest, FractionsTruncateTowardZeroIntoIntegers) {
  EXPECT_EQ(value_of(R"({"type":"int32"})", "3.9"), "3");
  EXPECT_EQ(value_of(R"({"type":"int32"})", "-3.9"), "-3");
  EXPECT_EQ(value_of(R"({"type":"int32"})", "1e10"), "1410065408");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "1e19"), "-8446744073709551616");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "1e400"), "0");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "12.5e1"), "125");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "0.5e-3"), "0");
}

TEST_F(EnvelopeJsonTest, NonNumbersReadAsNumbersAreZero) {
  EXPECT_EQ(value_of(R"({"type":"int32"})", R"("abc")"), "0");
  EXPECT_EQ(value_of(R"({"type":"int32"})", "true"), "0");
  EXPECT_EQ(value_of(R"({"type":"int64"})", "[5]"), "0");
  EXPECT_EQ(value_of(R"({"type":"float"})", R"("1.5")"), "f:0");
  EXPECT_EQ(value_of(R"({"type":"double"})", "{}"), "d:0");
}

TEST_F(EnvelopeJsonTest, NonBooleansReadAsBooleanAreFalse) {
  EXPECT_EQ(value_of(R"({"type":"boolean"})", "true"), "true");
  EXPECT_EQ(value_of(R"({"type":"boolean"})", R"("true")"), "false");
  EXPECT_EQ(value_of(R"({"type":"boolean"})", "1"), "false");
}

TEST_F(EnvelopeJsonTest, FloatingPointTypes) {
  EXPECT_EQ(value_of(R"({"type":"float"})", "0.1"), "f:0.100000001");
  EXPECT_EQ(value_of(R"({"type":"float"})", "16777217"), "f:16777216");
  EXPECT_EQ(value_of(R"({"type":"float"})", "1e39"), "f:inf");
  EXPECT_EQ(value_of(R"({"type":"double"})", "7"), "d:7");
  EXPECT_EQ(value_of(R"({"type":"double"})", "-0"), "d:0");
}

TEST_F(EnvelopeJsonTest, NonStringsReadAsStringAreNull) {
  EXPECT_EQ(value_of(R"({"type":"string"})", "5"), "null");
  EXPECT_EQ(value_of(R"({"type":"string"})", R"("s")"), "\"s\"");
}

TEST_F(EnvelopeJsonTest, BytesAreBase64) {
  EXPECT_EQ(value_of(R"({"type":"bytes"})", R"("AQID")"), "0x010203");
  EXPECT_EQ(value_of(R"({"type":"bytes"})", R"(" AQ== ")"), "0x01");
  EXPECT_EQ(value_of(R"({"type":"bytes"})", R"("AQ==AQ==")"), "0x0101");
  EXPECT_EQ(value_of(R"({"type":"bytes"})", R"("")"), "0x");
  EXPECT_EQ(value_of(R"({"type":"bytes"})", "5"), "null");
  EXPECT_EQ(value_of(R"({"type":"bytes"})", R"("AQ")"),
            "ERROR Invalid bytes field: Unexpected end of base64-encoded String: base64 variant "
            "'MIME-NO-LINEFEEDS' expects padding (one or more '=' characters) at the end");
}

TEST_F(EnvelopeJsonTest, NullPayloads) {
  EXPECT_EQ(value_of(R"({"type":"int32"})", "null"),
            "ERROR Invalid null value for required INT32 field");
  EXPECT_EQ(value_of(R"({"type":"int32","optional":true})", "null"), "null");
  EXPECT_EQ(value_of(R"({"type":"int32","default":7})", "null"), "7");
}

TEST_F(EnvelopeJsonTest, ReplaceNullWithDefaultCanBeTurnedOff) {
  converter_ =
      std::make_unique<JsonConverter>(JsonConverterConfig{.replace_null_with_default = false});
  EXPECT_EQ(value_of(R"({"type":"int32","optional":true,"default":7})", "null"), "null");
  EXPECT_EQ(value_of(R"({"type":"int32","default":7})", "null"),
            "ERROR Invalid null value for required INT32 field");
}

TEST_F(EnvelopeJsonTest, DecimalFromNumbersKeepsTheWrittenScale) {
  constexpr std::string_view kDecimal =
      R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}})";
  EXPECT_EQ(value_of(kDecimal, "2.21"), "dec(0x00dd,2)");
  EXPECT_EQ(value_of(kDecimal, "2.2"), "dec(0x16,1)");  // not rescaled to 2, as in Java
  EXPECT_EQ(value_of(kDecimal, "2.210"), "dec(0x08a2,3)");
  EXPECT_EQ(value_of(kDecimal, "1e2"), "dec(0x01,-2)");
  EXPECT_EQ(value_of(kDecimal, "-1"), "dec(0xff,0)");
  EXPECT_EQ(value_of(kDecimal, "-128"), "dec(0x80,0)");
  EXPECT_EQ(value_of(kDecimal, "128"), "dec(0x0080,0)");
  EXPECT_EQ(value_of(kDecimal, "0.00"), "dec(0x00,2)");
  EXPECT_EQ(value_of(kDecimal, "-0.5"), "dec(0xfb,1)");
  EXPECT_EQ(value_of(kDecimal, "123456789012345678901234567890"),
            "dec(0x018ee90ff6c373e0ee4e3f0ad2,0)");
}

TEST_F(EnvelopeJsonTest, DecimalFromBase64UsesTheSchemaScale) {
  constexpr std::string_view kDecimal =
      R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal","parameters":{"scale":"2"}})";
  EXPECT_EQ(value_of(kDecimal, R"("AN0=")"), "dec(0x00dd,2)");
  EXPECT_EQ(value_of(kDecimal, R"("AAAA3Q==")"), "dec(0x00dd,2)");  // normalised like BigInteger
  EXPECT_EQ(value_of(kDecimal, R"("/w==")"), "dec(0xff,2)");
  EXPECT_EQ(value_of(kDecimal, R"("")"),
            "ERROR Invalid bytes for Decimal field: Zero length BigInteger");
  EXPECT_EQ(value_of(kDecimal, "true"),
            "ERROR Invalid type for Decimal, underlying representation should be numeric or bytes "
            "but was BOOLEAN");
  EXPECT_EQ(
      value_of(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal"})", R"("AN0=")"),
      "ERROR Invalid bytes for Decimal field: Invalid Decimal schema: scale parameter not "
      "found.");
  // A number never looks at the scale parameter.
  EXPECT_EQ(value_of(R"({"type":"bytes","name":"org.apache.kafka.connect.data.Decimal"})", "1.5"),
            "dec(0x0f,1)");
}

TEST_F(EnvelopeJsonTest, DateAndTimeNeed32BitIntegers) {
  constexpr std::string_view kDate =
      R"({"type":"int32","name":"org.apache.kafka.connect.data.Date","version":1})";
  constexpr std::string_view kTime =
      R"({"type":"int32","name":"org.apache.kafka.connect.data.Time","version":1})";
  EXPECT_EQ(value_of(kDate, "19724"), "19724");
  EXPECT_EQ(value_of(kDate, "-1"), "-1");
  EXPECT_EQ(value_of(kDate, "1.0"),
            "ERROR Invalid type for Date, underlying representation should be integer but was "
            "NUMBER");
  EXPECT_EQ(value_of(kDate, "3000000000"),
            "ERROR Invalid type for Date, underlying representation should be integer but was "
            "NUMBER");
  EXPECT_EQ(value_of(kDate, R"("2024-01-02")"),
            "ERROR Invalid type for Date, underlying representation should be integer but was "
            "STRING");
  EXPECT_EQ(value_of(kTime, "86400000"), "86400000");  // accepted: off by one in Connect
  EXPECT_EQ(value_of(kTime, "0"), "0");
  EXPECT_EQ(value_of(kTime, "86400001"),
            "ERROR Time values must use number of milliseconds greater than 0 and less than "
            "86400000");
  EXPECT_EQ(value_of(kTime, "-1"),
            "ERROR Time values must use number of milliseconds greater than 0 and less than "
            "86400000");
}

TEST_F(EnvelopeJsonTest, TimestampNeedsAnIntegralNumber) {
  constexpr std::string_view kTimestamp =
      R"({"type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1})";
  EXPECT_EQ(value_of(kTimestamp, "-1700000000000"), "-1700000000000");
  EXPECT_EQ(value_of(kTimestamp, "18446744073709551617"), "1");
  EXPECT_EQ(value_of(kTimestamp, "1.5"),
            "ERROR Invalid type for Timestamp, underlying representation should be integral but "
            "was NUMBER");
  EXPECT_EQ(value_of(kTimestamp, "1e3"),
            "ERROR Invalid type for Timestamp, underlying representation should be integral but "
            "was NUMBER");
}

TEST_F(EnvelopeJsonTest, ArraysIterateWhateverTheyGet) {
  constexpr std::string_view kArray = R"({"type":"array","items":{"type":"int32"}})";
  EXPECT_EQ(value_of(kArray, "[1,2]"), "[1,2]");
  EXPECT_EQ(value_of(kArray, R"({"a":1,"b":2})"), "[1,2]");  // an object's values
  EXPECT_EQ(value_of(kArray, "5"), "[]");
  EXPECT_EQ(value_of(kArray, "[1,null]"), "ERROR Invalid null value for required INT32 field");
  EXPECT_EQ(value_of(R"({"type":"array","items":{"type":"int32","optional":true}})", "[1,null]"),
            "[1,null]");
}

TEST_F(EnvelopeJsonTest, StringKeyedMapsAreObjects) {
  constexpr std::string_view kMap =
      R"({"type":"map","keys":{"type":"string"},"values":{"type":"int8"}})";
  EXPECT_EQ(convert(kMap, R"({"b":1,"a":2})"), "map<string,int8> => {\"b\":1,\"a\":2}");
  EXPECT_EQ(value_of(kMap, "[]"),
            "ERROR Maps with string fields should be encoded as JSON objects, but found ARRAY");
}

TEST_F(EnvelopeJsonTest, OtherMapsAreArraysOfPairs) {
  constexpr std::string_view kMap =
      R"({"type":"map","keys":{"type":"int32"},"values":{"type":"string"}})";
  EXPECT_EQ(value_of(kMap, R"([[1,"a"],[2,"b"]])"), R"({1:"a",2:"b"})");
  EXPECT_EQ(value_of(kMap, R"([[1,"a"],[2,"b"],[1,"c"]])"), R"({1:"c",2:"b"})");
  EXPECT_EQ(value_of(kMap, R"({"1":"a"})"),
            "ERROR Maps with non-string fields should be encoded as JSON array of tuples, but "
            "found OBJECT");
  EXPECT_EQ(value_of(kMap, "[5]"), "ERROR Found invalid map entry instead of array tuple: NUMBER");
  EXPECT_EQ(value_of(kMap, "[[1]]"),
            "ERROR Found invalid map entry, expected length 2 but found :1");
}

TEST_F(EnvelopeJsonTest, Structs) {
  constexpr std::string_view kStruct = R"({"type":"struct","fields":[
      {"type":"int32","field":"a"},
      {"type":"string","optional":true,"field":"b"},
      {"type":"int64","default":9,"field":"c"}]})";
  EXPECT_EQ(value_of(kStruct, R"({"c":3,"b":"x","a":1,"ignored":true})"),
            R"(Struct{a=1,b="x",c=3})");
  EXPECT_EQ(value_of(kStruct, R"({"a":1})"), "Struct{a=1,b=null,c=9}");
  EXPECT_EQ(value_of(kStruct, R"({"b":"x"})"), "ERROR Invalid null value for required INT32 field");
  EXPECT_EQ(value_of(kStruct, "[]"),
            "ERROR Structs should be encoded as JSON objects, but found ARRAY");
}

TEST_F(EnvelopeJsonTest, StructFieldsTakeTheLastDuplicateMember) {
  EXPECT_EQ(
      value_of(R"({"type":"struct","fields":[{"type":"int8","field":"a"}]})", R"({"a":1,"a":2})"),
      "Struct{a=2}");
}

TEST_F(EnvelopeJsonTest, StructPutValidatesFieldValues) {
  EXPECT_EQ(
      value_of(R"({"type":"struct","fields":[{"type":"string","field":"name"}]})", R"({"name":5})"),
      "ERROR Invalid value: null used for required field: \"name\", schema type: STRING");
  EXPECT_EQ(value_of(R"({"type":"struct","fields":[{"type":"array","items":{"type":"string"},
                        "field":"tags"}]})",
                     R"({"tags":["a",5]})"),
            "ERROR Invalid value: null used for required field: \"null\", schema type: STRING");
  // A top-level value is not validated.
  EXPECT_EQ(value_of(R"({"type":"array","items":{"type":"string"}})", R"(["a",5])"),
            "[\"a\",null]");
}

TEST_F(EnvelopeJsonTest, NestedStructsKeepTheirSchemas) {
  SchemaAndValue out;
  ASSERT_TRUE(converter_
                  ->to_connect("t", std::string_view(R"({"schema":{"type":"struct","fields":[
                                 {"type":"struct","name":"Inner","fields":[{"type":"int8","field":"x"}],
                                  "field":"inner"}]},"payload":{"inner":{"x":1}}})"),
                               arena_, out)
                  .ok());
  const Value* inner = out.value.struct_field("inner");
  ASSERT_NE(inner, nullptr);
  ASSERT_NE(inner->struct_schema(), nullptr);
  EXPECT_EQ(inner->struct_schema()->name, "Inner");
  EXPECT_EQ(inner->struct_schema(), out.schema->fields[0].schema.get());
  EXPECT_EQ(render(*inner), "Struct{x=1}");
}

TEST_F(EnvelopeJsonTest, SchemasAreCachedByText) {
  converter_ = std::make_unique<JsonConverter>(JsonConverterConfig{.schemas_cache_size = 2});
  SchemaAndValue a, b;
  const std::string_view one = R"({"schema":{"type":"int8"},"payload":1})";
  ASSERT_TRUE(converter_->to_connect("t", one, arena_, a).ok());
  ASSERT_TRUE(converter_->to_connect("t", one, arena_, b).ok());
  EXPECT_EQ(a.schema.get(), b.schema.get());
  EXPECT_EQ(converter_->cached_schema_count(), 1u);
  ASSERT_TRUE(converter_
                  ->to_connect("t", std::string_view(R"({"schema":{"type":"int16"},"payload":1})"),
                               arena_, b)
                  .ok());
  ASSERT_TRUE(converter_
                  ->to_connect("t", std::string_view(R"({"schema":{"type":"int32"},"payload":1})"),
                               arena_, b)
                  .ok());
  EXPECT_EQ(converter_->cached_schema_count(), 2u);  // least recently used evicted
  ASSERT_TRUE(converter_->to_connect("t", one, arena_, b).ok());
  EXPECT_NE(a.schema.get(), b.schema.get());  // int8 had been evicted and was parsed again
  EXPECT_EQ(render(b.schema.get()), "int8");
}

TEST_F(EnvelopeJsonTest, CacheSizeZeroCachesNothing) {
  converter_ = std::make_unique<JsonConverter>(JsonConverterConfig{.schemas_cache_size = 0});
  SchemaAndValue out;
  ASSERT_TRUE(converter_
                  ->to_connect("t", std::string_view(R"({"schema":{"type":"int8"},"payload":1})"),
                               arena_, out)
                  .ok());
  EXPECT_EQ(converter_->cached_schema_count(), 0u);
  EXPECT_EQ(render(out.value), "1");
}

TEST_F(EnvelopeJsonTest, PayloadBeforeSchemaIsFine) {
  EXPECT_EQ(convert(R"({"payload":"AQ==","schema":{"type":"bytes"}})"), "bytes => 0x01");
}

}  // namespace
}  // namespace sluice::connect
