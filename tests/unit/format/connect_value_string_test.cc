// Values.convertToString for header values (connect_value_string.h, java_date_format.h).
//
// Goldens from Kafka Connect's Values.convertToString on OpenJDK 17 with TZ=UTC
// (confluent-s3-sink.md §4.0 item 4).
#include "format/connect_value_string.h"

#include <gtest/gtest.h>

#include <string>

#include "format/format_test_support.h"
#include "format/java_date_format.h"

namespace sluice::format {
namespace {

using connect::Arena;
using connect::SchemaType;
using connect::Value;
using namespace testing;  // NOLINT: schema and value builders

std::string convert(const connect::Schema* schema, const Value& v) {
  std::string out;
  Status st = append_connect_value_string(out, schema, v);
  EXPECT_TRUE(st.ok()) << st.to_string();
  return out;
}

// Java 17's digits by default; JDK >= 19's shortest ones on request, nested values included.
TEST(ConnectValueStringTest, DoubleDigitsFollowTheOption) {
  Arena arena;
  auto schema = array_of(primitive(SchemaType::kFloat64));
  Value v = list(arena, {Value::float64(1e23), Value::float64(2.82879384806159e17)});
  std::string jdk17;
  ASSERT_TRUE(append_connect_value_string(jdk17, schema.get(), v).ok());
  EXPECT_EQ(jdk17, "[9.999999999999999E22,2.82879384806159008E17]");
  std::string shortest;
  ASSERT_TRUE(
      append_connect_value_string(shortest, schema.get(), v, util::JavaDoubleDigits::kShortest)
          .ok());
  EXPECT_EQ(shortest, "[1.0E23,2.82879384806159E17]");
}

TEST(ConnectValueStringTest, Scalars) {
  EXPECT_EQ(convert(primitive(SchemaType::kInt8).get(), Value::integer(5)), "5");
  EXPECT_EQ(convert(primitive(SchemaType::kFloat32).get(), Value::float32(1.5f)), "1.5");
  EXPECT_EQ(convert(primitive(SchemaType::kFloat64).get(), Value::float64(0.1)), "0.1");
  EXPECT_EQ(convert(primitive(SchemaType::kFloat64).get(), Value::float64(1e7)), "1.0E7");
  EXPECT_EQ(convert(primitive(SchemaType::kFloat64).get(), Value::float64(1e23)),
            "9.999999999999999E22");
  EXPECT_EQ(convert(primitive(SchemaType::kBoolean).get(), Value::boolean(true)), "true");
  // Top-level strings are not escaped.
  EXPECT_EQ(convert(primitive(SchemaType::kString).get(), Value::string("plain \"q\" \\")),
            "plain \"q\" \\");
  EXPECT_EQ(convert(primitive(SchemaType::kBytes).get(), Value::bytes("\x01\x02\x03\xff")),
            "AQID/w==");
  EXPECT_EQ(convert(nullptr, Value::integer(-7)), "-7");
}

TEST(ConnectValueStringTest, DecimalsUseBigDecimalToString) {
  Arena arena;
  EXPECT_EQ(convert(decimal(2).get(), Value::bytes(arena.copy(unhex("04ce")))), "12.30");
  EXPECT_EQ(convert(decimal(9).get(), Value::decimal(arena.copy(unhex("7b")), 9)), "1.23E-7");
}

TEST(ConnectValueStringTest, ListsMapsAndStructs) {
  Arena arena;
  EXPECT_EQ(convert(array_of(primitive(SchemaType::kString)).get(),
                    list(arena, {Value::string("a"), Value::string("b\"c\\d"), Value::null()})),
            "[\"a\",\"b\\\"c\\\\d\",null]");
  EXPECT_EQ(convert(array_of(primitive(SchemaType::kInt32)).get(),
                    list(arena, {Value::integer(1), Value::integer(2)})),
            "[1,2]");
  // A LinkedHashMap (what SimpleHeaderConverter builds): insertion order is kept.
  EXPECT_EQ(
      convert(nullptr, map(arena, {Value::string("k"), Value::string("v"), Value::string("n"),
                                   Value::integer(1), Value::string("l"),
                                   list(arena, {Value::boolean(true), Value::float64(2.5)})})),
      "{\"k\":\"v\",\"n\":1,\"l\":[true,2.5]}");
  auto nested = struct_of("Nested", {{"x", primitive(SchemaType::kInt32)},
                                     {"s", primitive(SchemaType::kString, true)}});
  EXPECT_EQ(convert(nested.get(), record(arena, nested, {Value::integer(3), Value::string("q\"")})),
            "{\"x\":3,\"s\":\"q\\\"\"}");
}

TEST(ConnectValueStringTest, StructNullFieldTakesDefault) {
  Arena arena;
  auto s =
      struct_of("", {{"a", with_default(primitive(SchemaType::kInt32, true), Value::integer(9))},
                     {"b", primitive(SchemaType::kString, true)}});
  EXPECT_EQ(convert(s.get(), record(arena, s, {Value::null(), Value::null()})),
            "{\"a\":9,\"b\":null}");
}

TEST(ConnectValueStringTest, TemporalValues) {
  auto date = logical(connect::kDateLogicalName, SchemaType::kInt32);
  auto time = logical(connect::kTimeLogicalName, SchemaType::kInt32);
  auto ts = logical(connect::kTimestampLogicalName, SchemaType::kInt64);
  EXPECT_EQ(convert(date.get(), Value::integer(19724)), "2024-01-02");
  EXPECT_EQ(convert(time.get(), Value::integer(3723004)), "01:02:03.004Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(1700000000123LL)), "2023-11-14T22:13:20.123Z");
  // Anything before 1970-01-02 is printed as a time of day, negative instants included.
  EXPECT_EQ(convert(ts.get(), Value::integer(-1000)), "23:59:59.000Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(0)), "00:00:00.000Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(-86400000)), "00:00:00.000Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(-62135769600000LL + 5)), "00:00:00.005Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(-12219292800000LL - 1)), "23:59:59.999Z");
  // Five-digit years print in full.
  EXPECT_EQ(convert(ts.get(), Value::integer(253402300800000LL + 86400001LL)),
            "10000-01-02T00:00:00.001Z");
  EXPECT_EQ(convert(ts.get(), Value::integer(86400000)), "1970-01-02");
}

TEST(ConnectValueStringTest, ValueOfWrongKindForDecimalIsDataError) {
  auto bad = decimal(2);
  bad = std::make_shared<connect::Schema>(*bad);
  const_cast<connect::Schema&>(*bad).parameters.clear();
  std::string out;
  EXPECT_EQ(append_connect_value_string(out, bad.get(), Value::bytes("\x01")).code(),
            StatusCode::kDataError);
}

TEST(JavaDateFormatTest, JacksonDateKey) {
  std::string out;
  append_jackson_date_key(out, 1700000000123LL);
  EXPECT_EQ(out, "2023-11-14T22:13:20.123+00:00");
  out.clear();
  append_jackson_date_key(out, -1);
  EXPECT_EQ(out, "1969-12-31T23:59:59.999+00:00");
}

}  // namespace
}  // namespace sluice::format
