// SimpleHeaderConverter (kafka-connect.md §2.5).
#include "connect/simple_header_converter.h"

#include <gtest/gtest.h>

#include <string>

#include "value_text.h"

namespace sluice::connect {
namespace {

using testing::render;

class SimpleHeaderConverterTest : public ::testing::Test {
 protected:
  std::string convert(KafkaBytes bytes) {
    SchemaAndValue out;
    Status st = converter_.to_connect_header("orders", "h", bytes, arena_, out);
    if (!st.ok()) return "ERROR " + st.message();
    return render(out.schema.get()) + " => " + render(out.value);
  }
  Arena arena_;
  SimpleHeaderConverter converter_;
};

TEST_F(SimpleHeaderConverterTest, NullHeaderIsNullNull) {
  EXPECT_EQ(convert(std::nullopt), "none => null");
}

TEST_F(SimpleHeaderConverterTest, TypesTheText) {
  EXPECT_EQ(convert("42"), "int8 => 42");
  EXPECT_EQ(convert("2024-01-02"), "Date int32 => 19724");
  EXPECT_EQ(convert("abc"), "string => \"abc\"");
  EXPECT_EQ(convert(""), "string => \"\"");
}

TEST_F(SimpleHeaderConverterTest, StringsPointIntoTheHeaderBytes) {
  const std::string bytes = "trace-id-1";
  SchemaAndValue out;
  ASSERT_TRUE(converter_.to_connect_header("t", "h", bytes, arena_, out).ok());
  EXPECT_EQ(out.value.as_text().data(), bytes.data());
}

TEST_F(SimpleHeaderConverterTest, MalformedUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(convert("a\xFF"
                    "b"),
            "string => \"a\xEF\xBF\xBD"
            "b\"");
}

TEST_F(SimpleHeaderConverterTest, ParserOverflowKeepsTheRawBytes) {
  const std::string deep = std::string(1500, '[');
  EXPECT_EQ(convert(deep), "bytes => " + testing::hex(deep));
}

TEST_F(SimpleHeaderConverterTest, ClassName) {
  EXPECT_EQ(converter_.class_name(), "org.apache.kafka.connect.storage.SimpleHeaderConverter");
}

}  // namespace
}  // namespace sluice::connect
