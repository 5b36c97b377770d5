#include "config/config_loader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

namespace sluice::config {
namespace {

using ::testing::HasSubstr;

class ConfigLoaderTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("sluice-config-loader-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::string write(const std::string& name, const std::string& contents) {
    std::filesystem::path path = dir_ / name;
    std::ofstream(path, std::ios::binary) << contents;
    return path.string();
  }

  std::filesystem::path dir_;
};

TEST_F(ConfigLoaderTest, DetectsJsonByItsFirstCharacter) {
  EXPECT_EQ(detect_config_syntax("  \n\t{\"a\": 1}"), ConfigSyntax::kJson);
  EXPECT_EQ(detect_config_syntax("\xEF\xBB\xBF{}"), ConfigSyntax::kJson);
  EXPECT_EQ(detect_config_syntax("# {json?}\na=1"), ConfigSyntax::kProperties);
  EXPECT_EQ(detect_config_syntax("a={}"), ConfigSyntax::kProperties);
  EXPECT_EQ(detect_config_syntax(""), ConfigSyntax::kProperties);
}

TEST_F(ConfigLoaderTest, LoadsAPropertiesFile) {
  std::string path = write("connector.properties", "name=s3\nflush.size=10\n");
  Result<RawConfig> c = load_config_file(path);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(*c->get("flush.size"), "10");
  EXPECT_EQ(c->source_name(), path);
  EXPECT_EQ(c->location("flush.size"), path + ":2");
}

TEST_F(ConfigLoaderTest, LoadsAJsonFileWhateverItsExtension) {
  std::string path =
      write("connector.properties", "\n  {\"name\": \"s3\", \"config\": {\"a\": 1}}");
  Result<RawConfig> c = load_config_file(path);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(*c->get("name"), "s3");
  EXPECT_EQ(*c->get("a"), "1");
}

TEST_F(ConfigLoaderTest, LoadsAJsonFileWithAByteOrderMark) {
  std::string path = write("c.json", "\xEF\xBB\xBF{\"a\": \"b\"}");
  Result<RawConfig> c = load_config_file(path);
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(*c->get("a"), "b");
}

TEST_F(ConfigLoaderTest, MissingFileNamesThePathAndTheReason) {
  std::string path = (dir_ / "nope.properties").string();
  Result<RawConfig> c = load_config_file(path);
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(c.status().message(),
            "cannot read configuration file '" + path + "': No such file or directory");
}

TEST_F(ConfigLoaderTest, DirectoryIsReportedAsSuch) {
  Result<RawConfig> c = load_config_file(dir_.string());
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("it is a directory"));
}

TEST_F(ConfigLoaderTest, UnreadableFileNamesTheReason) {
  if (::geteuid() == 0) GTEST_SKIP() << "root can read any file";
  std::string path = write("secret.properties", "a=1\n");
  std::filesystem::permissions(path, std::filesystem::perms::none);
  Result<RawConfig> c = load_config_file(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr("Permission denied"));
}

TEST_F(ConfigLoaderTest, MalformedJsonFileNamesTheFileLineAndColumn) {
  std::string path = write("bad.json", "{\n  \"a\": }\n");
  Result<RawConfig> c = load_config_file(path);
  ASSERT_FALSE(c.ok());
  EXPECT_THAT(c.status().message(), HasSubstr(path + ":2:"));
}

}  // namespace
}  // namespace sluice::config
