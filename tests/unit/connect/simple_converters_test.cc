// StringConverter, ByteArrayConverter and the number converters (kafka-connect.md §2.1, §2.2,
// §2.4).
#include <gtest/gtest.h>

#include <string>

#include "connect/byte_array_converter.h"
#include "connect/number_converters.h"
#include "connect/string_converter.h"
#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

std::string convert(Converter& c, KafkaBytes bytes) {
  Arena arena;
  SchemaAndValue out;
  Status st = c.to_connect("t", bytes, arena, out);
  if (!st.ok()) return "ERROR " + st.message();
  return render(out.schema.get()) + " => " + render(out.value);
}

TEST(StringConverterTest, DecodesUtf8ToAnOptionalString) {
  StringConverter c;
  EXPECT_EQ(convert(c, "h\xC3\xA9"), "optional string => \"h\xC3\xA9\"");
  EXPECT_EQ(convert(c, ""), "optional string => \"\"");
}

TEST(StringConverterTest, NullKeepsTheOptionalStringSchema) {
  StringConverter c;
  EXPECT_EQ(convert(c, std::nullopt), "optional string => null");
}

TEST(StringConverterTest, ValidUtf8IsNotCopied) {
  StringConverter c;
  Arena arena;
  SchemaAndValue out;
  const std::string bytes = "value";
  ASSERT_TRUE(c.to_connect("t", bytes, arena, out).ok());
  EXPECT_EQ(out.value.as_text().data(), bytes.data());
}

TEST(StringConverterTest, MalformedInputBecomesReplacementCharacters) {
  StringConverter c;
  EXPECT_EQ(convert(c, "a\xE2\x82"), "optional string => \"a\xEF\xBF\xBD\"");
}

TEST(StringConverterTest, ConfiguredEncoding) {
  std::vector<std::string> problems;
  auto c = StringConverter::configure({{"converter.encoding", " UTF-16LE "}}, "value.converter.",
                                      false, problems);
  EXPECT_TRUE(problems.empty());
  EXPECT_EQ(c->charset(), Charset::kUtf16Le);
  EXPECT_EQ(convert(*c, std::string_view("h\0i\0", 4)), "optional string => \"hi\"");
}

TEST(StringConverterTest, SlotDeserializerEncodingWins) {
  std::vector<std::string> problems;
  auto value = StringConverter::configure({{"converter.encoding", "UTF-8"},
                                           {"value.deserializer.encoding", "ISO-8859-1"},
                                           {"key.deserializer.encoding", "UTF-16"}},
                                          "value.converter.", false, problems);
  EXPECT_EQ(value->charset(), Charset::kIso8859_1);
  auto key = StringConverter::configure({{"key.deserializer.encoding", "UTF-16"}}, "key.converter.",
                                        true, problems);
  EXPECT_EQ(key->charset(), Charset::kUtf16);
  EXPECT_TRUE(problems.empty());
}

TEST(StringConverterTest, UnknownEncodingIsAConfigProblemNamingIt) {
  std::vector<std::string> problems;
  StringConverter::configure({{"converter.encoding", "klingon"}}, "value.converter.", false,
                             problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("Invalid value klingon for configuration "
                              "value.converter.converter.encoding: Unsupported or unknown charset; "
                              "supported: UTF-8, ISO-8859-1, US-ASCII, UTF-16, UTF-16BE, UTF-16LE, "
                              "windows-1252",
                              0),
            0u)
      << problems[0];
}

TEST(ByteArrayConverterTest, PassesBytesThroughAsAView) {
  ByteArrayConverter c;
  const std::string bytes("\x00\xFF", 2);
  Arena arena;
  SchemaAndValue out;
  ASSERT_TRUE(c.to_connect("t", bytes, arena, out).ok());
  EXPECT_EQ(render(out.schema.get()), "optional bytes");
  EXPECT_EQ(out.value.as_text().data(), bytes.data());
  EXPECT_EQ(render(out.value), "0x00ff");
  EXPECT_EQ(convert(c, std::nullopt), "optional bytes => null");
  EXPECT_EQ(c.class_name(), "org.apache.kafka.connect.converters.ByteArrayConverter");
}

TEST(NumberConvertersTest, DecodeBigEndian) {
  NumberConverter s(NumberKind::kShort), i(NumberKind::kInteger), l(NumberKind::kLong),
      f(NumberKind::kFloat), d(NumberKind::kDouble);
  EXPECT_EQ(convert(s, std::string_view("\x00\x2A", 2)), "optional int16 => 42");
  EXPECT_EQ(convert(s, "\xFF\xFE"), "optional int16 => -2");
  EXPECT_EQ(convert(i, std::string_view("\x80\x00\x00\x00", 4)), "optional int32 => -2147483648");
  EXPECT_EQ(convert(l, std::string_view("\x00\x00\x01\x8B\xCF\xE5\x68\x00", 8)),
            "optional int64 => 1700000000000");
  EXPECT_EQ(convert(f, std::string_view("\x3F\xC0\x00\x00", 4)), "optional float => f:1.5");
  EXPECT_EQ(convert(d, std::string_view("\x3F\xF8\x00\x00\x00\x00\x00\x00", 8)),
            "optional double => d:1.5");
}

TEST(NumberConvertersTest, WrongLengthsFailWithKafkasWording) {
  NumberConverter s(NumberKind::kShort), i(NumberKind::kInteger), l(NumberKind::kLong),
      f(NumberKind::kFloat), d(NumberKind::kDouble), b(NumberKind::kBoolean);
  EXPECT_EQ(
      convert(s, "abc"),
      "ERROR Failed to deserialize short: Size of data received by ShortDeserializer is not 2");
  EXPECT_EQ(convert(i, ""),
            "ERROR Failed to deserialize integer: Size of data received by IntegerDeserializer is "
            "not 4");
  EXPECT_EQ(convert(l, "1234567"),
            "ERROR Failed to deserialize long: Size of data received by LongDeserializer is not 8");
  EXPECT_EQ(convert(f, "12345"),
            "ERROR Failed to deserialize float: Size of data received by Deserializer is not 4");
  EXPECT_EQ(convert(d, "1234"),
            "ERROR Failed to deserialize double: Size of data received by Deserializer is not 8");
  EXPECT_EQ(convert(b, "12"),
            "ERROR Failed to deserialize boolean: Size of data received by BooleanDeserializer is "
            "not 1");
}

TEST(NumberConvertersTest, Boolean) {
  NumberConverter b(NumberKind::kBoolean);
  EXPECT_EQ(convert(b, std::string_view("\x01", 1)), "optional boolean => true");
  EXPECT_EQ(convert(b, std::string_view("\x00", 1)), "optional boolean => false");
  EXPECT_EQ(
      convert(b, "\x02"),
      "ERROR Failed to deserialize boolean: Unexpected byte received by BooleanDeserializer: 2");
  EXPECT_EQ(
      convert(b, "\xFF"),
      "ERROR Failed to deserialize boolean: Unexpected byte received by BooleanDeserializer: -1");
}

TEST(NumberConvertersTest, NullsKeepTheOptionalSchema) {
  EXPECT_EQ(convert(*std::make_unique<NumberConverter>(NumberKind::kLong), std::nullopt),
            "optional int64 => null");
  EXPECT_EQ(convert(*std::make_unique<NumberConverter>(NumberKind::kBoolean), std::nullopt),
            "optional boolean => null");
}

TEST(NumberConvertersTest, ClassNames) {
  EXPECT_EQ(NumberConverter(NumberKind::kInteger).class_name(),
            "org.apache.kafka.connect.converters.IntegerConverter");
  EXPECT_EQ(NumberConverter(NumberKind::kBoolean).class_name(),
            "org.apache.kafka.connect.converters.BooleanConverter");
}

}  // namespace
}  // namespace sluice::connect
