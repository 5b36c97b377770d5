// Kafka ConfigDef parsing rules (confluent-s3-sink.md §2 intro, kafka-connect.md §7.2) and the
// problem reporting built on them.
#include "config/config_def.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>

namespace sluice::config {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;
using ::testing::Not;

ConfigValue parse_ok(ConfigType type, std::string_view text, bool trim = true) {
  Result<ConfigValue> v = parse_config_value(type, text, trim);
  EXPECT_TRUE(v.ok()) << "'" << text << "': " << v.status().to_string();
  return v.ok() ? *v : ConfigValue();
}

std::string parse_error(ConfigType type, std::string_view text) {
  Result<ConfigValue> v = parse_config_value(type, text);
  EXPECT_FALSE(v.ok()) << "'" << text << "' parsed";
  return v.ok() ? "" : v.status().message();
}

TEST(ParseConfigValueTest, StringsAreTrimmedLikeJavaStringTrim) {
  EXPECT_EQ(std::get<std::string>(parse_ok(ConfigType::kString, "  a b \t\n")), "a b");
  // Java's trim removes every character <= U+0020, control characters included.
  EXPECT_EQ(std::get<std::string>(parse_ok(ConfigType::kString, "\x01x\x1f")), "x");
  EXPECT_EQ(std::get<std::string>(parse_ok(ConfigType::kString, " a ", false)), " a ");
  EXPECT_EQ(std::get<std::string>(parse_ok(ConfigType::kClass, " a.B ")), "a.B");
}

TEST(ParseConfigValueTest, PasswordsAreTrimmedAndHidden) {
  ConfigValue v = parse_ok(ConfigType::kPassword, " s3cr3t ");
  EXPECT_EQ(std::get<Password>(v).reveal(), "s3cr3t");
  EXPECT_EQ(format_config_value(v), "[hidden]");
}

TEST(ParseConfigValueTest, IntegersFollowIntegerParseInt) {
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kInt, " 42 ")), 42);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kInt, "+7")), 7);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kInt, "-2147483648")), INT32_MIN);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kInt, "2147483647")), INT32_MAX);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kInt, "007")), 7);
  for (const char* bad :
       {"2147483648", "-2147483649", "1.0", "", "+", "-", "1e3", "0x10", "1_000", "12a"}) {
    EXPECT_EQ(parse_error(ConfigType::kInt, bad),
              "must be a whole number between -2147483648 and 2147483647 (type int)")
        << bad;
  }
}

TEST(ParseConfigValueTest, ShortsFollowShortParseShortIntoAnInt) {
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kShort, " 3 ")), 3);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kShort, "-32768")), -32768);
  EXPECT_EQ(std::get<int32_t>(parse_ok(ConfigType::kShort, "32767")), 32767);
  for (const char* bad : {"32768", "-32769", "1.0", "", "x"}) {
    EXPECT_EQ(parse_error(ConfigType::kShort, bad),
              "must be a whole number between -32768 and 32767 (type short)")
        << bad;
  }
}

TEST(ParseConfigValueTest, LongsFollowLongParseLong) {
  EXPECT_EQ(std::get<int64_t>(parse_ok(ConfigType::kLong, "9223372036854775807")), INT64_MAX);
  EXPECT_EQ(std::get<int64_t>(parse_ok(ConfigType::kLong, "-9223372036854775808")), INT64_MIN);
  EXPECT_EQ(std::get<int64_t>(parse_ok(ConfigType::kLong, "-1")), -1);
  EXPECT_THAT(parse_error(ConfigType::kLong, "9223372036854775808"), HasSubstr("(type long)"));
  EXPECT_THAT(parse_error(ConfigType::kLong, "ten"), HasSubstr("(type long)"));
}

TEST(ParseConfigValueTest, BooleansAreTrueOrFalseInAnyCase) {
  EXPECT_TRUE(std::get<bool>(parse_ok(ConfigType::kBoolean, "TRUE")));
  EXPECT_TRUE(std::get<bool>(parse_ok(ConfigType::kBoolean, " True ")));
  EXPECT_FALSE(std::get<bool>(parse_ok(ConfigType::kBoolean, "fAlSe")));
  for (const char* bad : {"yes", "1", "", "t", "truee"}) {
    EXPECT_EQ(parse_error(ConfigType::kBoolean, bad), "must be true or false") << bad;
  }
}

TEST(ParseConfigValueTest, DoublesFollowDoubleParseDouble) {
  EXPECT_EQ(std::get<double>(parse_ok(ConfigType::kDouble, "1e3")), 1000.0);
  EXPECT_EQ(std::get<double>(parse_ok(ConfigType::kDouble, "-2.5")), -2.5);
  EXPECT_EQ(std::get<double>(parse_ok(ConfigType::kDouble, "1.5f")), 1.5);
  EXPECT_TRUE(std::isnan(std::get<double>(parse_ok(ConfigType::kDouble, "NaN"))));
  EXPECT_EQ(std::get<double>(parse_ok(ConfigType::kDouble, "-Infinity")), -INFINITY);
  for (const char* bad : {"abc", "inf", "nan", "", "1.2.3"}) {
    EXPECT_EQ(parse_error(ConfigType::kDouble, bad), "must be a number (type double)") << bad;
  }
}

TEST(ParseConfigValueTest, ListsSplitOnCommasWithWhitespaceRemoved) {
  using List = std::vector<std::string>;
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "")), IsEmpty());
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "   ")), IsEmpty());
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, " a , b ,c")), ElementsAre("a", "b", "c"));
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "a\t,\nb")), ElementsAre("a", "b"));
  // Java's split(regex, -1) keeps empty items.
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "a,,b")), ElementsAre("a", "", "b"));
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "a,")), ElementsAre("a", ""));
  EXPECT_THAT(std::get<List>(parse_ok(ConfigType::kList, "a b")), ElementsAre("a b"));
  EXPECT_EQ(format_config_value(parse_ok(ConfigType::kList, "a, b")), "a,b");
}

TEST(ValidatorTest, RangeValidatorsSayWhatIsAllowed) {
  EXPECT_EQ(Validator::at_least(5).check(ConfigValue(int32_t{4})), "must be at least 5");
  EXPECT_EQ(Validator::at_least(5).check(ConfigValue(int64_t{5})), std::nullopt);
  EXPECT_EQ(Validator::at_most(9).check(ConfigValue(int32_t{10})), "must be at most 9");
  EXPECT_EQ(Validator::between(-1, 9).check(ConfigValue(int32_t{-2})), "must be between -1 and 9");
  EXPECT_EQ(Validator::between(-1, 9).check(ConfigValue(int32_t{9})), std::nullopt);
  EXPECT_EQ(Validator::between(0, 1).check(ConfigValue(2.5)), "must be between 0 and 1");
  EXPECT_EQ(Validator::between(-1, 9).description(), "[-1,...,9]");
  EXPECT_EQ(Validator::at_least(4096).description(), "[4096,...]");
}

TEST(ValidatorTest, OneOfIsCaseSensitiveUnlessAskedOtherwise) {
  Validator exact = Validator::one_of({"NONE", "BACKWARD"});
  EXPECT_EQ(exact.check(ConfigValue(std::string("NONE"))), std::nullopt);
  EXPECT_EQ(exact.check(ConfigValue(std::string("backward"))), "must be one of NONE, BACKWARD");
  EXPECT_EQ(exact.description(), "[NONE, BACKWARD]");
  Validator loose = Validator::one_of({"ignore", "fail"}, true);
  EXPECT_EQ(loose.check(ConfigValue(std::string("IGNORE"))), std::nullopt);
  EXPECT_EQ(loose.check(ConfigValue(std::string("drop"))),
            "must be one of ignore, fail (case-insensitive)");
  EXPECT_EQ(Validator::one_of({"", "AES256"}).description(), "[\"\", AES256]");
}

TEST(ValidatorTest, NonEmptyStringRejectsBlank) {
  EXPECT_EQ(Validator::non_empty_string().check(ConfigValue(std::string(""))), "must not be empty");
  EXPECT_EQ(Validator::non_empty_string().check(ConfigValue(std::string("b"))), std::nullopt);
}

TEST(ValidatorTest, CustomValidatorAndListElements) {
  Validator even =
      Validator::custom("even numbers", [](const ConfigValue& v) -> std::optional<std::string> {
        const auto* s = std::get_if<std::string>(&v);
        if (s != nullptr && s->size() % 2 != 0) return "must have an even length";
        return std::nullopt;
      });
  EXPECT_EQ(even.check(ConfigValue(std::vector<std::string>{"ab", "abc"})),
            "item 'abc' must have an even length");
  EXPECT_EQ(even.check(ConfigValue(std::vector<std::string>{"ab", "cd"})), std::nullopt);
  EXPECT_EQ(even.description(), "even numbers");
}

TEST(ValidatorTest, NullValuesAreNeverValidated) {
  EXPECT_EQ(Validator::non_empty_string().check(ConfigValue()), std::nullopt);
  EXPECT_FALSE(static_cast<bool>(Validator()));
}

// A small table exercising ConfigDef::parse.
const ConfigDef& test_definition() {
  static const ConfigDef def = [] {
    ConfigDef d("Test");
    d.begin_group("Main");
    d.define("flush.size", ConfigType::kInt).required().validator(Validator::at_least(1));
    d.define("s3.compression.type", ConfigType::kString)
        .default_value("none")
        .validator(Validator::one_of({"none", "gzip"}));
    d.define("store.kafka.keys", ConfigType::kBoolean).default_value("false");
    d.define("topics", ConfigType::kList).default_value("");
    d.define("aws.secret.access.key", ConfigType::kPassword)
        .default_null()
        .validator(Validator::custom("8 characters",
                                     [](const ConfigValue& v) -> std::optional<std::string> {
                                       const auto* p = std::get_if<Password>(&v);
                                       if (p != nullptr && p->reveal().size() != 8)
                                         return "must have 8 characters";
                                       return std::nullopt;
                                     }));
    d.define("separator", ConfigType::kString).default_value("\n").keep_whitespace();
    d.define("plugin.path", ConfigType::kList).default_null().ignored("sluice has no plugins");
    d.define("name", ConfigType::kString).required().hint_when_missing("pass --name");
    d.define_prefix("transforms.", "transform settings");
    return d;
  }();
  return def;
}

RawConfig with_name(std::initializer_list<std::pair<std::string, std::string>> pairs) {
  RawConfig raw(pairs);
  if (!raw.contains("name")) raw.set("name", "n");
  return raw;
}

TEST(ConfigDefTest, ParsesValuesAndFillsDefaults) {
  ConfigReport report;
  ParsedConfig p =
      test_definition().parse(with_name({{"flush.size", " 100 "}, {"topics", "a, b"}}), &report);
  EXPECT_TRUE(report.ok());
  EXPECT_THAT(report.warnings, IsEmpty());
  EXPECT_EQ(p.int_value("flush.size"), 100);
  EXPECT_TRUE(p.is_set("flush.size"));
  EXPECT_EQ(p.string_value("s3.compression.type"), "none");
  EXPECT_FALSE(p.is_set("s3.compression.type"));
  EXPECT_FALSE(p.bool_value("store.kafka.keys"));
  EXPECT_THAT(p.list_value("topics"), ElementsAre("a", "b"));
  EXPECT_TRUE(p.is_null("aws.secret.access.key"));
  EXPECT_EQ(p.password_value("aws.secret.access.key"), std::nullopt);
  EXPECT_EQ(p.string_value("separator"), "\n");
}

TEST(ConfigDefTest, InvalidValueMessageNamesKeyValueAndWhatIsAllowed) {
  ConfigReport report;
  RawConfig raw = with_name({{"flush.size", "10"}, {"s3.compression.type", "gzipp"}});
  ParsedConfig p = test_definition().parse(raw, &report);
  ASSERT_EQ(report.errors.size(), 1u);
  const ConfigProblem& problem = report.errors[0];
  EXPECT_EQ(problem.key, "s3.compression.type");
  EXPECT_EQ(problem.value, "gzipp");
  EXPECT_EQ(
      problem.message,
      "Invalid value 'gzipp' for configuration s3.compression.type: must be one of none, gzip");
  EXPECT_EQ(problem.severity, Severity::kError);
  EXPECT_FALSE(p.is_valid("s3.compression.type"));
  EXPECT_TRUE(p.is_null("s3.compression.type"));
}

TEST(ConfigDefTest, ReportsEveryProblemAtOnce) {
  ConfigReport report;
  RawConfig raw({{"flush.size", "0"},
                 {"s3.compression.type", "zip"},
                 {"store.kafka.keys", "yes"},
                 {"flush_siez", "1"}});
  test_definition().parse(raw, &report);
  std::vector<std::string> messages;
  for (const ConfigProblem& p : report.errors) messages.push_back(p.message);
  EXPECT_THAT(messages,
              ElementsAre("Invalid value '0' for configuration flush.size: must be at least 1",
                          "Invalid value 'zip' for configuration s3.compression.type: must be one "
                          "of none, gzip",
                          "Invalid value 'yes' for configuration store.kafka.keys: must be true or "
                          "false",
                          "Missing required configuration 'name' which has no default value: pass "
                          "--name"));
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].message,
            "Unknown configuration 'flush_siez' is ignored; did you mean 'flush.size'?");
}

TEST(ConfigDefTest, MissingRequiredKeyIsAnError) {
  ConfigReport report;
  test_definition().parse(with_name({}), &report);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].key, "flush.size");
  EXPECT_EQ(report.errors[0].message,
            "Missing required configuration 'flush.size' which has no default value");
}

TEST(ConfigDefTest, UnknownKeysAreWarningsWithSuggestionsOnlyWhenClose) {
  ConfigReport report;
  RawConfig raw = with_name({{"flush.size", "1"},
                             {"FLUSH.SIZE", "2"},
                             {"totally.different", "3"},
                             {"transforms.x.type", "ok"},
                             {"transforms", "not-a-prefix-match"}});
  test_definition().parse(raw, &report);
  EXPECT_TRUE(report.ok());
  std::vector<std::string> messages;
  for (const ConfigProblem& p : report.warnings) messages.push_back(p.message);
  EXPECT_THAT(
      messages,
      ElementsAre("Unknown configuration 'FLUSH.SIZE' is ignored; did you mean 'flush.size'?",
                  "Unknown configuration 'totally.different' is ignored",
                  "Unknown configuration 'transforms' is ignored"));
  EXPECT_EQ(report.warnings[0].severity, Severity::kWarning);
}

TEST(ConfigDefTest, PrefixesAcceptAnyKeyBelowThem) {
  const ConfigDef& def = test_definition();
  ASSERT_NE(def.accepting_prefix("transforms.a.type"), nullptr);
  EXPECT_EQ(def.accepting_prefix("transforms.a.type")->prefix, "transforms.");
  EXPECT_EQ(def.accepting_prefix("transforms."), nullptr);  // the bare prefix is no key
  EXPECT_EQ(def.accepting_prefix("transformsx"), nullptr);
}

TEST(ConfigDefTest, DuplicateKeysAreWarnings) {
  RawConfig raw("c.properties");
  raw.set("name", "n", 1);
  raw.set("flush.size", "1", 2);
  raw.set("flush.size", "2", 5);
  ConfigReport report;
  ParsedConfig p = test_definition().parse(raw, &report);
  EXPECT_EQ(p.int_value("flush.size"), 2);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].message,
            "'flush.size' is set more than once (lines 2 and 5); the later value is used");
  EXPECT_EQ(report.warnings[0].location, "c.properties:5");
}

TEST(ConfigDefTest, IgnoredKeysGiveAnInfoNoteWhenSet) {
  ConfigReport report;
  test_definition().parse(with_name({{"flush.size", "1"}, {"plugin.path", "/opt/plugins"}}),
                          &report);
  EXPECT_TRUE(report.ok());
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].severity, Severity::kInfo);
  EXPECT_EQ(report.warnings[0].message,
            "plugin.path is accepted but not used: sluice has no plugins");
}

TEST(ConfigDefTest, PasswordValuesNeverAppearInProblems) {
  ConfigReport report;
  RawConfig raw = with_name({{"flush.size", "1"}, {"aws.secret.access.key", "wJalrXUtnFEMI"}});
  ParsedConfig p = test_definition().parse(raw, &report);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].value, "[hidden]");
  EXPECT_EQ(report.errors[0].message,
            "Invalid value '[hidden]' for configuration aws.secret.access.key: must have 8 "
            "characters");
  EXPECT_THAT(report.errors[0].to_string(), Not(HasSubstr("wJalr")));
}

TEST(ConfigDefTest, ValidPasswordIsRevealedOnlyOnRequest) {
  ConfigReport report;
  ParsedConfig p = test_definition().parse(
      with_name({{"flush.size", "1"}, {"aws.secret.access.key", "12345678"}}), &report);
  EXPECT_TRUE(report.ok());
  ASSERT_TRUE(p.password_value("aws.secret.access.key").has_value());
  EXPECT_EQ(p.password_value("aws.secret.access.key")->reveal(), "12345678");
  EXPECT_EQ(format_config_value(p.value("aws.secret.access.key")), "[hidden]");
}

TEST(ConfigDefTest, SensitiveUnknownKeysAreHiddenInWarnings) {
  ConfigReport report;
  test_definition().parse(
      with_name({{"flush.size", "1"}, {"consumer.sasl.jaas.config", "password=\"p4ss\""}}),
      &report);
  ASSERT_EQ(report.warnings.size(), 1u);
  EXPECT_EQ(report.warnings[0].value, "[hidden]");
  EXPECT_THAT(report.warnings[0].to_string(), Not(HasSubstr("p4ss")));
}

TEST(ConfigDefTest, ProblemsCarryTheirLocation) {
  RawConfig raw("connector.properties");
  raw.set("name", "n", 1);
  raw.set("flush.size", "x", 7);
  ConfigReport report;
  test_definition().parse(raw, &report);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_EQ(report.errors[0].location, "connector.properties:7");
  EXPECT_EQ(report.errors[0].to_string(),
            "connector.properties:7: error: Invalid value 'x' for configuration flush.size: must "
            "be a whole number between -2147483648 and 2147483647 (type int)");
}

TEST(ConfigDefTest, ControlCharactersAreEscapedInMessages) {
  ConfigReport report;
  test_definition().parse(with_name({{"flush.size", "1\n2"}}), &report);
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_THAT(report.errors[0].message, HasSubstr("Invalid value '1\\n2'"));
  EXPECT_EQ(report.errors[0].value, "1\n2");
}

TEST(ConfigDefTest, ConfigProviderPlaceholdersAreNotFlaggedHere) {
  // Placeholders are resolved (providers/config_resolver.h) before a ConfigDef sees the values;
  // a ${...} that reaches it is ordinary text, such as a TimestampRouter's topic.format.
  ConfigReport report;
  test_definition().parse(
      with_name({{"flush.size", "1"}, {"transforms.route.topic.format", "${topic}-${timestamp}"}}),
      &report);
  EXPECT_TRUE(report.warnings.empty());
}

TEST(ConfigProblemTest, ProblemsToStatusListsEveryError) {
  std::vector<ConfigProblem> errors = {
      ConfigProblem{"a", "1", "first", Severity::kError, "c.properties:1"},
      ConfigProblem{"b", "2", "second", Severity::kError, ""}};
  Status st = problems_to_status("invalid connector configuration", errors);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(),
            "invalid connector configuration: 2 problems\n  c.properties:1: error: first\n  "
            "error: second");
  EXPECT_TRUE(problems_to_status("x", {}).ok());
}

TEST(SensitiveKeyTest, RecognisesSecretBearingKeys) {
  for (const char* key :
       {"ssl.key.password", "consumer.sasl.jaas.config", "aws.secret.access.key",
        "value.converter.basic.auth.user.info", "ssl.keystore.key", "s3.sse.customer.key",
        "value.converter.bearer.auth.token", "value.converter.bearer.auth.client.secret"}) {
    EXPECT_TRUE(is_sensitive_key(key)) << key;
  }
  for (const char* key : {"ssl.truststore.location", "flush.size", "consumer.max.poll.records"}) {
    EXPECT_FALSE(is_sensitive_key(key)) << key;
  }
}

}  // namespace
}  // namespace sluice::config
