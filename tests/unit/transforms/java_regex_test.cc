#include "transforms/java_regex.h"

#include <gtest/gtest.h>

#include <string>

namespace sluice::transforms {
namespace {

// Expected values come from java.util.regex on OpenJDK 17:
// Pattern.compile(regex).matcher(input).matches() and .replaceFirst(replacement).

struct ReplaceCase {
  const char* regex;
  const char* input;
  const char* replacement;
  bool matches;
  const char* expected;
};

TEST(JavaRegexTest, MatchesAndReplacesFirstAsJava) {
  const ReplaceCase cases[] = {
      {"(.*)-(.*)", "orders-eu", "$2_$1", true, "eu_orders"},
      {"a|ab", "ab", "X", true, "Xb"},  // matches() backtracks; replaceFirst takes the first find
      {"(a)", "a", "$12", true, "a2"},  // the longest group number that exists
      {"(a)", "a", "\\$1", true, "$1"},
      {"(?<name>a)b", "ab", "${name}!", true, "a!"},
      {"(a)(b)?", "a", "[$2]", true, "[]"},
      {"topic-(\\d+)", "topic-12", "t$1", true, "t12"},
      {"\xC3\xA9(.)", "\xC3\xA9x", "$1\xC3\xA9", true, "x\xC3\xA9"},
      {"(?i)ORDERS", "orders", "o", true, "o"},
      {"a.c", "a\nc", "x", false, nullptr},
      {"a++b", "aab", "X", true, "X"},
  };
  for (const ReplaceCase& c : cases) {
    auto regex = JavaRegex::compile(c.regex);
    ASSERT_TRUE(regex.ok()) << c.regex << ": " << regex.status().message();
    EXPECT_EQ(regex->matches(c.input), c.matches) << c.regex;
    if (!c.matches) continue;
    JavaReplacement replacement = regex->compile_replacement(c.replacement);
    ASSERT_TRUE(replacement.ok()) << c.replacement << ": " << replacement.error_message();
    std::string out;
    ASSERT_TRUE(regex->replace_first(c.input, replacement, &out));
    EXPECT_EQ(out, c.expected) << c.regex << " / " << c.replacement;
  }
}

TEST(JavaRegexTest, MatchesIsWholeSubject) {
  auto regex = JavaRegex::compile("orders-.*");
  ASSERT_TRUE(regex.ok());
  EXPECT_TRUE(regex->matches("orders-eu"));
  EXPECT_FALSE(regex->matches("old-orders-eu"));
  auto partial = JavaRegex::compile("orders");
  ASSERT_TRUE(partial.ok());
  EXPECT_FALSE(partial->matches("orders-eu"));
  std::string out;
  EXPECT_TRUE(partial->replace_first("my-orders-eu", partial->compile_replacement("x"), &out));
  EXPECT_EQ(out, "my-x-eu");
}

TEST(JavaRegexTest, ReportsJavaReplacementErrors) {
  const struct {
    const char* replacement;
    const char* error_class;
    const char* message;
  } cases[] = {
      {"$2", "java.lang.IndexOutOfBoundsException", "No group 2"},
      {"$", "java.lang.IllegalArgumentException",
       "Illegal group reference: group index is missing"},
      {"$x", "java.lang.IllegalArgumentException", "Illegal group reference"},
      {"a\\", "java.lang.IllegalArgumentException", "character to be escaped is missing"},
      {"${", "java.lang.IllegalArgumentException", "named capturing group has 0 length name"},
      {"${}", "java.lang.IllegalArgumentException", "named capturing group has 0 length name"},
      {"${a", "java.lang.IllegalArgumentException",
       "named capturing group is missing trailing '}'"},
      {"${zz}", "java.lang.IllegalArgumentException", "No group with name {zz}"},
      {"${1}", "java.lang.IllegalArgumentException",
       "capturing group name {1} starts with digit character"},
  };
  auto regex = JavaRegex::compile("(a)");
  ASSERT_TRUE(regex.ok());
  for (const auto& c : cases) {
    JavaReplacement replacement = regex->compile_replacement(c.replacement);
    EXPECT_FALSE(replacement.ok()) << c.replacement;
    EXPECT_EQ(replacement.error_class(), c.error_class) << c.replacement;
    EXPECT_EQ(replacement.error_message(), c.message) << c.replacement;
  }
}

TEST(JavaRegexTest, CompileErrorsLookLikePatternSyntaxException) {
  // Java: "Unclosed character class near index 1\n[a\n ^"; PCRE2 words the description
  // differently, the layout (index in chars, the pattern, a caret under the index) is Java's.
  auto unclosed = JavaRegex::compile("[a");
  ASSERT_FALSE(unclosed.ok());
  EXPECT_EQ(unclosed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unclosed.status().message().find(" near index "), std::string::npos);
  EXPECT_NE(unclosed.status().message().find("\n[a"), std::string::npos)
      << unclosed.status().message();
  auto dangling = JavaRegex::compile("*a");
  ASSERT_FALSE(dangling.ok());
  EXPECT_NE(dangling.status().message().find(" near index 0\n*a\n^"), std::string::npos)
      << dangling.status().message();
  EXPECT_FALSE(JavaRegex::compile("a(b").ok());
  EXPECT_FALSE(JavaRegex::compile("a)").ok());
  EXPECT_FALSE(JavaRegex::compile("(?<n>a)(?<n>b)").ok());
}

}  // namespace
}  // namespace sluice::transforms
