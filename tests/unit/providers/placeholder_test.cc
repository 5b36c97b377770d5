#include "providers/placeholder.h"

#include <gtest/gtest.h>

namespace sluice::providers {
namespace {

// Expected values: Kafka 4.4.0's ConfigTransformer (pattern
// \$\{([^}]*?):(([^}]*?):)?([^}]*?)\}) run in jshell on the same inputs.

TEST(PlaceholderTest, ProviderPathAndKey) {
  auto p = find_placeholders("${file:/etc/secrets.properties:password}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].provider, "file");
  EXPECT_EQ(p[0].path, "/etc/secrets.properties");
  EXPECT_EQ(p[0].key, "password");
  EXPECT_EQ(p[0].begin, 0u);
  EXPECT_EQ(p[0].end, 40u);
}

TEST(PlaceholderTest, WithoutPathThePathIsEmpty) {
  auto a = find_placeholders("${env:HOME}");
  auto b = find_placeholders("${env::HOME}");
  ASSERT_EQ(a.size(), 1u);
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(a[0].path, "");
  EXPECT_EQ(a[0].key, "HOME");
  EXPECT_EQ(b[0].path, "");
  EXPECT_EQ(b[0].key, "HOME");
}

TEST(PlaceholderTest, KeyKeepsLaterColonsAndPathStopsAtTheSecond) {
  // ${file:/p:a:b} asks file for key "a:b" at path "/p".
  auto p = find_placeholders("${file:/p:a:b}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].path, "/p");
  EXPECT_EQ(p[0].key, "a:b");
  // An unencoded ARN splits at its first colons, which is why AWS's provider wants it encoded.
  auto arn = find_placeholders("${secretsmanager:arn:aws:secretsmanager:us-east-1:1:secret:x:pw}");
  ASSERT_EQ(arn.size(), 1u);
  EXPECT_EQ(arn[0].path, "arn");
  EXPECT_EQ(arn[0].key, "aws:secretsmanager:us-east-1:1:secret:x:pw");
}

TEST(PlaceholderTest, SeveralInOneValueWithText) {
  std::string value = "pre-${file:/a:b}-${dir:/d:passwd}-post";
  auto p = find_placeholders(value);
  ASSERT_EQ(p.size(), 2u);
  EXPECT_EQ(p[0].text(value), "${file:/a:b}");
  EXPECT_EQ(p[1].text(value), "${dir:/d:passwd}");
  EXPECT_EQ(p[1].provider, "dir");
}

TEST(PlaceholderTest, NoEscapeDollarDollarIsDollarThenPlaceholder) {
  // Kafka turned "$${file:...:a}" into "$1" when a=1.
  auto p = find_placeholders("$${file:/a:b}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].begin, 1u);
}

TEST(PlaceholderTest, NotPlaceholders) {
  EXPECT_TRUE(find_placeholders("${novariable}").empty());
  EXPECT_TRUE(find_placeholders("${file:/a:b").empty());
  EXPECT_TRUE(find_placeholders("$file:/a:b}").empty());
  EXPECT_TRUE(find_placeholders("plain text").empty());
}

TEST(PlaceholderTest, PlaceholderEndsAtFirstBrace) {
  // The provider part may contain "${": the pattern's groups only exclude '}'.
  auto p = find_placeholders("${a${b:c}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].provider, "a${b");
  EXPECT_EQ(p[0].key, "c");
  // A "${x}" without ':' is skipped and the next one still matches.
  auto q = find_placeholders("${x}${env:Y}");
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].provider, "env");
}

TEST(PlaceholderTest, EmptyParts) {
  auto p = find_placeholders("${:}");
  ASSERT_EQ(p.size(), 1u);
  EXPECT_EQ(p[0].provider, "");
  EXPECT_EQ(p[0].key, "");
}

}  // namespace
}  // namespace sluice::providers
