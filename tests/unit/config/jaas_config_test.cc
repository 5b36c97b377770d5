// sasl.jaas.config parsed as the Java client reads it (Kafka's JaasConfig).
#include "config/jaas_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
constexpr char kSecret[] = "Sup3r-Secret-Value";

// --- JAAS parsing ------------------------------------------------------------------------------

TEST(JaasConfigTest, ParsesModuleFlagAndOptionsInOrder) {
  auto m = parse_jaas_config(
      "  org.apache.kafka.common.security.scram.ScramLoginModule   REQUIRED\n"
      "    username=\"a b\" /* a comment */ password=\"x\\\"y\\\\z\\n\\101\" // end\n"
      "    retries=3 mode=some-thing_$1.0;  ");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->class_name, "org.apache.kafka.common.security.scram.ScramLoginModule");
  EXPECT_EQ(m->control_flag, "required");
  ASSERT_EQ(m->options.size(), 4u);
  EXPECT_EQ(m->options[0], (std::pair<std::string, std::string>("username", "a b")));
  EXPECT_EQ(m->options[1].second, "x\"y\\z\nA");
  EXPECT_EQ(m->option("retries"), "3");
  EXPECT_EQ(m->option("mode"), "some-thing_$1.0");
  EXPECT_EQ(m->option("missing"), std::nullopt);
}

TEST(JaasConfigTest, EmptyQuotedValueAndOtherFlags) {
  auto m = parse_jaas_config("a.B sufficient k=\"\";");
  ASSERT_TRUE(m.ok()) << m.status().message();
  EXPECT_EQ(m->control_flag, "sufficient");
  EXPECT_EQ(m->option("k"), "");
  EXPECT_TRUE(parse_jaas_config("a.B optional;").ok());
  EXPECT_TRUE(parse_jaas_config("a.B requisite;").ok());
}

TEST(JaasConfigTest, ErrorsNameThePlaceButNeverAValue) {
  struct Case {
    const char* text;
    const char* why;
  };
  const Case cases[] = {
      {"m.Module required password=\"Sup3r-Secret-Value\"", "must end with ';'"},
      {"m.Module required password=\"Sup3r-Secret-Value;", "option password is not terminated"},
      {"m.Module mandatory password=\"Sup3r-Secret-Value\";", "expected a control flag"},
      {"m.Module required password \"Sup3r-Secret-Value\";",
       "expected '=' after option password at character 28"},
      {"m.Module required password=;", "option password has no value at character 28"},
      {"m.A required; m.B required password=\"Sup3r-Secret-Value\";",
       "exactly one login module, not 2"},
      {"", "exactly one login module, not 0"},
      {"m.Module required /* Sup3r-Secret-Value", "unterminated /* comment"},
  };
  for (const Case& c : cases) {
    auto m = parse_jaas_config(c.text);
    ASSERT_FALSE(m.ok()) << c.text;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument);
    EXPECT_THAT(m.status().message(),
                HasSubstr("Invalid value [hidden] for configuration sasl.jaas.config: "));
    EXPECT_THAT(m.status().message(), HasSubstr(c.why)) << c.text;
    EXPECT_THAT(m.status().message(), Not(HasSubstr(kSecret))) << c.text;
  }
}

}  // namespace
}  // namespace sluice::config
