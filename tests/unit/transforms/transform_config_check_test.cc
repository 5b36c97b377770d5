#include "transforms/transform_config_check.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sluice::transforms {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

config::RawConfig connector(std::vector<std::pair<std::string, std::string>> entries) {
  config::RawConfig raw("connector.properties");
  int line = 1;
  for (auto& [key, value] : entries) raw.set(key, value, line++);
  return raw;
}

std::vector<std::string> errors(const config::ConfigReport& report) {
  std::vector<std::string> out;
  for (const config::ConfigProblem& p : report.errors) out.push_back(p.to_string());
  return out;
}

TEST(TransformConfigCheckTest, ReportsTransformProblemsWithTheirLines) {
  config::ConfigReport report = check_transform_configs(connector({
      {"transforms", "route, tag"},
      {"transforms.route.type", "RegexRouter"},
      {"transforms.route.regex", "(.*)"},
      {"transforms.tag.type", "InsertHeader"},
      {"transforms.tag.header", "h"},
      {"transforms.tag.predicate", "p"},
      {"predicates", "p"},
      {"predicates.p.type", "HasHeaderKey"},
      {"predicates.p.name", "x"},
  }));
  EXPECT_THAT(errors(report),
              ElementsAre("connector.properties: error: Missing required configuration "
                          "'transforms.route.replacement' which has no default value",
                          "connector.properties: error: Missing required configuration "
                          "'transforms.tag.value.literal' which has no default value"));
  report = check_transform_configs(connector({{"transforms", "r"},
                                              {"transforms.r.type", "RegexRouter"},
                                              {"transforms.r.regex", "[a"},
                                              {"transforms.r.replacement", "x"}}));
  ASSERT_EQ(report.errors.size(), 1u);
  EXPECT_THAT(report.errors[0].to_string(),
              HasSubstr("connector.properties:3: error: Invalid value '[a' for configuration "
                        "transforms.r.regex: Invalid regex: "));
}

TEST(TransformConfigCheckTest, LeavesListProblemsToTheConnectorConfiguration) {
  // A missing type, an unknown predicate reference and a bad negate are reported by
  // S3SinkConnectorConfig; the aliases concerned are skipped here.
  config::ConfigReport report = check_transform_configs(connector({
      {"transforms", "a,b,c,,a"},
      {"transforms.b.type", "Filter"},
      {"transforms.b.predicate", "missing"},
      {"transforms.c.type", "Filter"},
      {"transforms.c.negate", "maybe"},
  }));
  EXPECT_TRUE(report.errors.empty()) << ::testing::PrintToString(errors(report));
  EXPECT_TRUE(check_transform_configs(connector({})).ok());
}

}  // namespace
}  // namespace sluice::transforms
