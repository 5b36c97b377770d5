// JavaRegex: a java.util.regex.Pattern stand-in on PCRE2, for RegexRouter and TopicNameMatches.
//
// PCRE2 reads Java's syntax for everything topic patterns use (classes, quantifiers including
// possessive ones, groups, named groups (?<name>...), lookaround, \Q...\E, inline flags); it is
// compiled in UTF mode without Unicode classes, so \d, \w and \s are ASCII as in Java, and with
// any Unicode line terminator ending a line, so '.' excludes \n, \r, \u0085, \u2028 and \u2029 as
// Java's does. Java-only class names (\p{Lower}, \p{javaLowerCase}, ...) are not PCRE2 syntax and
// fail to compile. A compile error reads like Java's PatternSyntaxException ("<description> near
// index <n>", the pattern, a caret) with PCRE2's description of the problem.
//
// matches() is Matcher.matches() (the whole subject); replace_first() is Matcher.replaceFirst()
// (the first match found by searching, which need not span the subject) with Java's replacement
// syntax: $n takes the longest group number that exists, ${name} a named group, a backslash
// quotes the next character, and an unmatched group appends nothing.
//
// Thread rules: compiled once; matching reuses one match-data block owned by the object, so one
// JavaRegex must be used by one thread at a time (each task owns its transforms).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace sluice::transforms {

// A replacement string compiled against a pattern's groups. When it is not valid for the
// pattern, error() holds the exception Java's Matcher would throw on the first match.
class JavaReplacement {
 public:
  struct Part {
    std::string literal;  // used when group < 0
    int group = -1;
  };
  const std::vector<Part>& parts() const { return parts_; }
  bool ok() const { return error_message_.empty(); }
  // "java.lang.IllegalArgumentException" or "java.lang.IndexOutOfBoundsException".
  std::string_view error_class() const { return error_class_; }
  const std::string& error_message() const { return error_message_; }

 private:
  friend class JavaRegex;
  std::vector<Part> parts_;
  std::string_view error_class_;
  std::string error_message_;
};

class JavaRegex {
 public:
  // Compiles `pattern`. Fails with InvalidArgument, the message as Java's
  // PatternSyntaxException.getMessage() lays it out.
  static Result<JavaRegex> compile(std::string_view pattern);

  JavaRegex(JavaRegex&&) noexcept;
  JavaRegex& operator=(JavaRegex&&) noexcept;
  ~JavaRegex();

  // Whether the whole of `subject` matches (Matcher.matches()).
  bool matches(std::string_view subject) const;

  // Parses a Matcher.replaceFirst replacement against this pattern's groups.
  JavaReplacement compile_replacement(std::string_view replacement) const;

  // Appends `subject` with its first match replaced to *out; false (and nothing appended) when
  // nothing matches. REQUIRES: replacement.ok() and it was compiled by this JavaRegex.
  bool replace_first(std::string_view subject, const JavaReplacement& replacement,
                     std::string* out) const;

  const std::string& pattern() const { return pattern_; }
  int group_count() const { return group_count_; }

 private:
  struct Compiled;
  JavaRegex(std::string pattern, std::unique_ptr<Compiled> compiled, int group_count);

  std::string pattern_;
  std::unique_ptr<Compiled> compiled_;
  int group_count_ = 0;
};

}  // namespace sluice::transforms

namespace sluice::config {
class Validator;
}

namespace sluice::transforms {

// Kafka's RegexValidator ("valid regex"): the reason is "Invalid regex: <message>".
config::Validator valid_java_regex();

}  // namespace sluice::transforms
