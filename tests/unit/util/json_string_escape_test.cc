// Jackson's JSON string escaping (json_string_escape.h; confluent-s3-sink.md §4.1 "Strings").
#include "util/json_string_escape.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::util {
namespace {

std::string json_quoted(std::string_view text) {
  std::string out;
  append_json_string(out, text);
  return out;
}

TEST(JsonStringEscapeTest, QuoteAndBackslash) {
  EXPECT_EQ(json_quoted("say \"hi\""), "\"say \\\"hi\\\"\"");
  EXPECT_EQ(json_quoted("C:\\dir"), "\"C:\\\\dir\"");
}

TEST(JsonStringEscapeTest, ShortEscapesForFiveControlCharacters) {
  EXPECT_EQ(json_quoted("\b\t\n\f\r"), "\"\\b\\t\\n\\f\\r\"");
}

TEST(JsonStringEscapeTest, OtherControlCharactersAsUpperCaseUnicodeEscapes) {
  std::string all_controls;
  for (int c = 0; c < 0x20; ++c) all_controls.push_back(static_cast<char>(c));
  EXPECT_EQ(json_quoted(all_controls),
            "\"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000B\\f\\r"
            "\\u000E\\u000F\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018"
            "\\u0019\\u001A\\u001B\\u001C\\u001D\\u001E\\u001F\"");
}

TEST(JsonStringEscapeTest, SlashDelAndPrintableAsciiAreRaw) {
  std::string printable;
  for (int c = 0x20; c < 0x80; ++c) {
    if (c != '"' && c != '\\') printable.push_back(static_cast<char>(c));
  }
  EXPECT_EQ(json_quoted(printable), "\"" + printable + "\"");
  EXPECT_EQ(json_quoted("a/b\x7f"), "\"a/b\x7f\"");
}

TEST(JsonStringEscapeTest, BmpCharactersAreRawUtf8) {
  // é, €, 日本, U+2028 (not escaped by Jackson), U+FFFD.
  std::string text = "\xC3\xA9\xE2\x82\xAC\xE6\x97\xA5\xE6\x9C\xAC\xE2\x80\xA8\xEF\xBF\xBD";
  EXPECT_EQ(json_quoted(text), "\"" + text + "\"");
}

TEST(JsonStringEscapeTest, SupplementaryCharactersAsSurrogateEscapes) {
  // U+1F600 and U+10348: Jackson 2 escapes each UTF-16 surrogate.
  EXPECT_EQ(json_quoted("a\xF0\x9F\x98\x80z"), "\"a\\uD83D\\uDE00z\"");
  EXPECT_EQ(json_quoted("\xF0\x90\x8D\x88"), "\"\\uD800\\uDF48\"");
}

TEST(JsonStringEscapeTest, MalformedBytesBecomeReplacementCharacters) {
  // A lone continuation byte, a truncated sequence and an encoded surrogate (CESU-8).
  EXPECT_EQ(json_quoted("a\x80z"), "\"a\xEF\xBF\xBDz\"");
  EXPECT_EQ(json_quoted("\xE2\x82"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");
  EXPECT_EQ(json_quoted("\xED\xA0\x80"), "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonStringEscapeTest, EmptyAndAppend) {
  std::string out = "[";
  append_json_string(out, "");
  out.push_back(']');
  EXPECT_EQ(out, "[\"\"]");
}

}  // namespace
}  // namespace sluice::util
