// docs/config-reference.md is generated from the key definitions; this test fails when the
// committed file is stale. Regenerate with: SLUICE_UPDATE_DOCS=1 ./config_unit_tests
#include "config/config_reference.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/connector_config.h"
#include "config/worker_config.h"

namespace sluice::config {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

std::filesystem::path reference_path() {
  const char* data = std::getenv("SLUICE_TEST_DATA");
  std::filesystem::path root =
      data != nullptr ? std::filesystem::path(data) / ".." / ".." : std::filesystem::path(".");
  return (root / "docs" / "config-reference.md").lexically_normal();
}

TEST(ConfigReferenceTest, CommittedReferenceIsUpToDate) {
  if (std::getenv("SLUICE_TEST_DATA") == nullptr) {
    GTEST_SKIP() << "SLUICE_TEST_DATA is not set (run through ctest)";
  }
  std::string generated = render_reference_markdown();
  std::filesystem::path path = reference_path();
  auto read = [&path] {
    std::ifstream in(path, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  };
  const char* update = std::getenv("SLUICE_UPDATE_DOCS");
  if (update != nullptr && std::string(update) == "1") {
    // Only this module's part is rewritten; the transforms section that follows is kept.
    const std::string tail(reference_transforms_part(read()));
    std::ofstream(path, std::ios::binary) << generated << tail;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run the config unit tests with SLUICE_UPDATE_DOCS=1";
  const std::string committed = read();
  EXPECT_TRUE(reference_config_part(committed) == generated)
      << path << " is out of date; run the config unit tests with SLUICE_UPDATE_DOCS=1 to "
      << "regenerate it";
}

TEST(ConfigReferenceTest, ListsEveryKeyAndPrefix) {
  std::string text = render_reference_markdown();
  for (const ConfigDef* def : {&connector_definition(), &worker_definition()}) {
    for (const ConfigKey& key : def->keys()) {
      EXPECT_THAT(text, HasSubstr("| `" + key.name() + "` |")) << key.name();
    }
    for (const ConfigPrefix& prefix : def->prefixes()) {
      EXPECT_THAT(text, HasSubstr("| `" + prefix.prefix + "` |")) << prefix.prefix;
    }
  }
}

TEST(ConfigReferenceTest, RendersTypesDefaultsAndValidValues) {
  std::string text = render_reference_markdown();
  EXPECT_THAT(text, HasSubstr("| `s3.part.size` | int | `26214400` | [5242880,...,2147483647] | "
                              "high |"));
  EXPECT_THAT(text, HasSubstr("| `format.class` | class | **required** |"));
  EXPECT_THAT(text, HasSubstr("| `s3.acl.canned` | string | null | [private, public-read,"));
  EXPECT_THAT(text, HasSubstr("| `format.bytearray.separator` | string | `\\n` |"));
  EXPECT_THAT(text, HasSubstr("| `s3.ssea.name` | string | `\"\"` | [\"\", AES256, aws:kms, "
                              "aws:kms:dsse] |"));
  EXPECT_THAT(text, HasSubstr("| `aws.secret.access.key` | password | null |"));
  // Each table row is a single line with escaped pipes.
  EXPECT_THAT(text, Not(HasSubstr("| |\n|")));
}

}  // namespace
}  // namespace sluice::config
