// java.util.Properties.load syntax, case by case (spec: the Properties.load javadoc; sluice's
// deviations are listed in properties_parser.h).
#include "config/properties_parser.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

RawConfig parse(std::string_view text) {
  Result<RawConfig> result = parse_properties(text, "test.properties");
  EXPECT_TRUE(result.ok()) << result.status().to_string();
  return result.ok() ? *result : RawConfig();
}

std::string value_of(const RawConfig& config, std::string_view key) {
  auto v = config.get(key);
  EXPECT_TRUE(v.has_value()) << "missing key " << key;
  return v ? std::string(*v) : std::string();
}

TEST(PropertiesParserTest, AcceptsEqualsColonAndWhitespaceSeparators) {
  RawConfig c = parse("a=1\nb:2\nc 3\nd\t4\ne\f5\n");
  EXPECT_EQ(value_of(c, "a"), "1");
  EXPECT_EQ(value_of(c, "b"), "2");
  EXPECT_EQ(value_of(c, "c"), "3");
  EXPECT_EQ(value_of(c, "d"), "4");
  EXPECT_EQ(value_of(c, "e"), "5");
}

TEST(PropertiesParserTest, SkipsBlanksAroundOneSeparator) {
  RawConfig c = parse("a = 1\nb  :  2\nc = = 3\nd==4\ne  =:5\nf\t:\tx\n");
  EXPECT_EQ(value_of(c, "a"), "1");
  EXPECT_EQ(value_of(c, "b"), "2");
  EXPECT_EQ(value_of(c, "c"), "= 3");  // only the first separator is consumed
  EXPECT_EQ(value_of(c, "d"), "=4");
  EXPECT_EQ(value_of(c, "e"), ":5");
  EXPECT_EQ(value_of(c, "f"), "x");
}

TEST(PropertiesParserTest, FirstUnescapedSeparatorEndsTheKey) {
  RawConfig c = parse("url=http://host:8080/a?b=c\nk:v=w\n");
  EXPECT_EQ(value_of(c, "url"), "http://host:8080/a?b=c");
  EXPECT_EQ(value_of(c, "k"), "v=w");
}

TEST(PropertiesParserTest, KeyWithoutValueHasEmptyValue) {
  RawConfig c = parse("flag\nother   \nthird=\n");
  EXPECT_EQ(value_of(c, "flag"), "");
  EXPECT_EQ(value_of(c, "other"), "");
  EXPECT_EQ(value_of(c, "third"), "");
}

TEST(PropertiesParserTest, KeepsTrailingWhitespaceOfValues) {
  RawConfig c = parse("k=v  \t\n");
  EXPECT_EQ(value_of(c, "k"), "v  \t");
}

TEST(PropertiesParserTest, IgnoresLeadingWhitespaceOfLines) {
  RawConfig c = parse("   \t\f key=value\n");
  EXPECT_EQ(value_of(c, "key"), "value");
}

TEST(PropertiesParserTest, HashAndBangStartCommentLines) {
  RawConfig c = parse("# comment=1\n! bang=2\n   # indented=3\n\t! tab=4\nreal=5\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(value_of(c, "real"), "5");
}

TEST(PropertiesParserTest, HashInsideAValueIsData) {
  RawConfig c = parse("color=#ff0000 ! not a comment\n");
  EXPECT_EQ(value_of(c, "color"), "#ff0000 ! not a comment");
}

TEST(PropertiesParserTest, CommentLineEndingInBackslashDoesNotContinue) {
  RawConfig c = parse("# a comment \\\nnext=1\n");
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(value_of(c, "next"), "1");
}

TEST(PropertiesParserTest, OddTrailingBackslashesContinueTheLine) {
  RawConfig c = parse("k = first, \\\n      second, \\\n\t third\nafter=x\n");
  EXPECT_EQ(value_of(c, "k"), "first, second, third");
  EXPECT_EQ(value_of(c, "after"), "x");
}

TEST(PropertiesParserTest, EvenTrailingBackslashesAreEscapedBackslashes) {
  RawConfig c = parse("two=a\\\\\nthree=b\\\\\\\n  c\n");
  EXPECT_EQ(value_of(c, "two"), "a\\");     // "\\" is one backslash, no continuation
  EXPECT_EQ(value_of(c, "three"), "b\\c");  // "\\" + continuation
}

TEST(PropertiesParserTest, ContinuationLineStartingWithHashIsData) {
  RawConfig c = parse("k=a\\\n  #b\n");
  EXPECT_EQ(value_of(c, "k"), "a#b");
}

TEST(PropertiesParserTest, EmptyContinuationLineEndsTheLogicalLine) {
  RawConfig c = parse("k=a\\\n\nz=1\n");
  EXPECT_EQ(value_of(c, "k"), "a");
  EXPECT_EQ(value_of(c, "z"), "1");
}

TEST(PropertiesParserTest, ContinuationInsideTheKey) {
  RawConfig c = parse("fl\\\n   ush.size=7\n");
  EXPECT_EQ(value_of(c, "flush.size"), "7");
}

TEST(PropertiesParserTest, TrailingBackslashAtEndOfFileIsDropped) {
  RawConfig c = parse("k=v\\");
  EXPECT_EQ(value_of(c, "k"), "v");
}

TEST(PropertiesParserTest, AcceptsCrLfAndLoneCrLineEnds) {
  RawConfig c = parse("a=1\r\nb=2\rc=3\r\nd=x\\\r\n  y\r\n");
  EXPECT_EQ(value_of(c, "a"), "1");
  EXPECT_EQ(value_of(c, "b"), "2");
  EXPECT_EQ(value_of(c, "c"), "3");
  EXPECT_EQ(value_of(c, "d"), "xy");
  EXPECT_EQ(c.find("c")->line, 3);
  EXPECT_EQ(c.find("d")->line, 4);
}

TEST(PropertiesParserTest, ResolvesCharacterEscapes) {
  RawConfig c = parse("t=a\\tb\nn=a\\nb\nr=a\\rb\nf=a\\fb\n");
  EXPECT_EQ(value_of(c, "t"), "a\tb");
  EXPECT_EQ(value_of(c, "n"), "a\nb");
  EXPECT_EQ(value_of(c, "r"), "a\rb");
  EXPECT_EQ(value_of(c, "f"), "a\fb");
}

TEST(PropertiesParserTest, BackslashBeforeAnyOtherCharacterYieldsIt) {
  RawConfig c = parse("k=\\q\\\\\\\"\\'\\#\\ x\n");
  EXPECT_EQ(value_of(c, "k"), "q\\\"'# x");
}

TEST(PropertiesParserTest, UnicodeEscapesBecomeUtf8) {
  RawConfig c = parse("a=\\u0041\nb=\\u00e9\nc=\\u20AC\nd=\\uD83D\\uDE00\ne=x\\u0000y\n");
  EXPECT_EQ(value_of(c, "a"), "A");
  EXPECT_EQ(value_of(c, "b"), "\xC3\xA9");
  EXPECT_EQ(value_of(c, "c"), "\xE2\x82\xAC");
  EXPECT_EQ(value_of(c, "d"), "\xF0\x9F\x98\x80");  // surrogate pair -> one code point
  EXPECT_EQ(value_of(c, "e"), std::string("x\0y", 3));
}

TEST(PropertiesParserTest, LoneSurrogateEscapeBecomesQuestionMark) {
  RawConfig c = parse("high=a\\uD83Db\nlow=\\uDE00\n");
  EXPECT_EQ(value_of(c, "high"), "a?b");
  EXPECT_EQ(value_of(c, "low"), "?");
}

TEST(PropertiesParserTest, Utf8TextPassesThrough) {
  RawConfig c = parse("topics=caf\xC3\xA9\n");
  EXPECT_EQ(value_of(c, "topics"), "caf\xC3\xA9");
}

TEST(PropertiesParserTest, KeysMayContainEscapedSeparators) {
  RawConfig c = parse("a\\=b=c\nd\\:e:f\ng\\ h i\nj\\\\=k\n");
  EXPECT_EQ(value_of(c, "a=b"), "c");
  EXPECT_EQ(value_of(c, "d:e"), "f");
  EXPECT_EQ(value_of(c, "g h"), "i");
  EXPECT_EQ(value_of(c, "j\\"), "k");  // "\\" is an escaped backslash, so '=' separates
}

TEST(PropertiesParserTest, MalformedUnicodeEscapesAreReportedWithTheirLines) {
  Result<RawConfig> result = parse_properties("ok=1\nbad=\\u12G4\nshort=\\u12\n", "c.properties");
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(result.status().message(), HasSubstr("c.properties:2: malformed \\uXXXX escape"));
  EXPECT_THAT(result.status().message(), HasSubstr("c.properties:3: malformed \\uXXXX escape"));
}

TEST(PropertiesParserTest, LaterDuplicateWinsAndIsRecorded) {
  RawConfig c = parse("flush.size=1\nother=x\nflush.size=2\n");
  EXPECT_EQ(value_of(c, "flush.size"), "2");
  EXPECT_EQ(c.find("flush.size")->line, 3);
  ASSERT_EQ(c.duplicates().size(), 1u);
  EXPECT_EQ(c.duplicates()[0].key, "flush.size");
  EXPECT_EQ(c.duplicates()[0].first_line, 1);
  EXPECT_EQ(c.duplicates()[0].line, 3);
  // First appearance keeps its position.
  ASSERT_EQ(c.entries().size(), 2u);
  EXPECT_EQ(c.entries()[0].key, "flush.size");
}

TEST(PropertiesParserTest, KeepsLineNumbersOfLogicalLines) {
  RawConfig c = parse("# header\n\na=1\nb=x\\\n  y\nc=3\n");
  EXPECT_EQ(c.find("a")->line, 3);
  EXPECT_EQ(c.find("b")->line, 4);
  EXPECT_EQ(c.find("c")->line, 6);
  EXPECT_EQ(c.location("c"), "test.properties:6");
}

TEST(PropertiesParserTest, SkipsAUtf8ByteOrderMark) {
  RawConfig c = parse("\xEF\xBB\xBFname=x\n");
  EXPECT_EQ(value_of(c, "name"), "x");
}

TEST(PropertiesParserTest, EmptyAndCommentOnlyFilesGiveEmptyConfigs) {
  EXPECT_TRUE(parse("").empty());
  EXPECT_TRUE(parse("\n\n   \n# only\n").empty());
}

TEST(PropertiesParserTest, KeepsEntriesInOrderOfFirstAppearance) {
  RawConfig c = parse("z=1\na=2\nm=3\n");
  std::vector<std::string> keys;
  for (const RawEntry& e : c.entries()) keys.push_back(e.key);
  EXPECT_THAT(keys, ElementsAre("z", "a", "m"));
}

}  // namespace
}  // namespace sluice::config
