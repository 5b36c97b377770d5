// The transforms section of docs/config-reference.md is generated from the ConfigDefs; this test
// fails when the committed section is stale. Regenerate with:
// SLUICE_UPDATE_DOCS=1 ./transforms_unit_tests
#include "transforms/transforms_reference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/config_reference.h"
#include "transforms/transform_registry.h"

namespace sluice::transforms {
namespace {

using ::testing::HasSubstr;

std::filesystem::path reference_path() {
  const char* data = std::getenv("SLUICE_TEST_DATA");
  std::filesystem::path root =
      data != nullptr ? std::filesystem::path(data) / ".." / ".." : std::filesystem::path(".");
  return (root / "docs" / "config-reference.md").lexically_normal();
}

std::string read(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(TransformsReferenceTest, CommittedSectionIsUpToDate) {
  if (std::getenv("SLUICE_TEST_DATA") == nullptr) {
    GTEST_SKIP() << "SLUICE_TEST_DATA is not set (run through ctest)";
  }
  const std::string generated = render_transforms_reference_markdown();
  const std::filesystem::path path = reference_path();
  ASSERT_TRUE(std::filesystem::exists(path)) << path;
  const char* update = std::getenv("SLUICE_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    // Only this module's section is rewritten; the connector and worker part is kept.
    const std::string head(config::reference_config_part(read(path)));
    std::ofstream(path, std::ios::binary) << head << generated;
  }
  EXPECT_TRUE(config::reference_transforms_part(read(path)) == generated)
      << path << " is out of date; run the transforms unit tests with SLUICE_UPDATE_DOCS=1";
}

TEST(TransformsReferenceTest, ListsEveryTypeAndKey) {
  const std::string text = render_transforms_reference_markdown();
  for (const TransformType& type : transform_types()) {
    EXPECT_THAT(text, HasSubstr("#### `" + std::string(type.class_name) + "`"));
    for (const config::ConfigKey& key : type.definition().keys()) {
      EXPECT_THAT(text, HasSubstr("| `" + key.name() + "` |")) << type.class_name;
    }
  }
  for (const PredicateType& type : predicate_types()) {
    EXPECT_THAT(text, HasSubstr("#### `" + std::string(type.class_name) + "`"));
  }
  // Kafka 4.4: RegexRouter.regex is a required STRING with RegexValidator ("valid regex").
  EXPECT_THAT(text, HasSubstr("| `regex` | string | **required** | valid regex | high | "
                              "Regular expression to use for matching. |"));
  EXPECT_THAT(text, HasSubstr("| `timestamp.format` | string | `yyyyMMdd` |"));
  EXPECT_THAT(text, HasSubstr("Also accepted as `RegexRouter`."));
}

}  // namespace
}  // namespace sluice::transforms
