#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "providers/allowed_paths.h"
#include "providers/directory_config_provider.h"
#include "providers/env_var_config_provider.h"
#include "providers/file_config_provider.h"

namespace sluice::providers {
namespace {

namespace fs = std::filesystem;

// Expected behaviour and messages: Kafka 4.4.0's FileConfigProvider, DirectoryConfigProvider,
// EnvVarConfigProvider and AllowedPaths (kafka-clients-4.4.0.jar, run in jshell and read with
// javap), except where a comment says sluice reports an error where Kafka returns no data.

class TempDir {
 public:
  TempDir() {
    path_ = fs::temp_directory_path() /
            ("sluice-providers-" + std::to_string(::getpid()) + "-" + std::to_string(counter_++));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  const fs::path& path() const { return path_; }
  std::string write(const std::string& name, const std::string& text) const {
    fs::path p = path_ / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }

 private:
  static inline int counter_ = 0;
  fs::path path_;
};

std::unique_ptr<ConfigProvider> make(Result<std::unique_ptr<ConfigProvider>> r) {
  EXPECT_TRUE(r.ok()) << r.status().message();
  return r.ok() ? std::move(r).value() : nullptr;
}

TEST(FileConfigProviderTest, ReadsRequestedKeysOfAPropertiesFile) {
  TempDir dir;
  std::string file = dir.write("s.properties", "a=1\nb = two\\\n  lines\nc:3\n");
  auto provider = make(FileConfigProvider::create({}));
  Result<ConfigData> data = provider->get(file, {"a", "b", "missing"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->data.size(), 2u);  // an absent key is simply not in the data
  EXPECT_EQ(data->data.at("a"), "1");
  EXPECT_EQ(data->data.at("b"), "twolines");
  EXPECT_FALSE(data->ttl.has_value());
}

TEST(FileConfigProviderTest, MissingFileNamesThePath) {
  auto provider = make(FileConfigProvider::create({}));
  Result<ConfigData> data = provider->get("/nonexistent/x.properties", {"a"});
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find("Could not read properties from file "
                                         "/nonexistent/x.properties"),
            std::string::npos)
      << data.status().message();
}

TEST(FileConfigProviderTest, AllowedPathsRestrictsAndNormalises) {
  TempDir dir;
  std::string inside = dir.write("sub/in.properties", "k=v\n");
  std::string outside = dir.write("out.properties", "k=v\n");
  auto provider =
      make(FileConfigProvider::create({{"allowed.paths", (dir.path() / "sub").string()}}));
  EXPECT_EQ(provider->get(inside, {"k"})->data.at("k"), "v");
  // Kafka returns no data here (and logs "The path ... is not allowed to be accessed").
  Result<ConfigData> denied = provider->get(outside, {"k"});
  ASSERT_FALSE(denied.ok());
  EXPECT_NE(denied.status().message().find("is not allowed to be accessed"), std::string::npos);
  // "/sub/../out.properties" normalises to a path outside: refused, as Kafka does.
  EXPECT_FALSE(provider->get((dir.path() / "sub/../out.properties").string(), {"k"}).ok());
}

TEST(AllowedPathsTest, MessagesOfKafka) {
  EXPECT_EQ(AllowedPaths::parse(std::string("relative/x")).status().message(),
            "Path relative/x is not absolute");
  EXPECT_EQ(AllowedPaths::parse(std::string("/nonexistent-sluice-dir")).status().message(),
            "Path /nonexistent-sluice-dir does not exist");
  TempDir dir;
  // An empty entry in the middle is the path "", not absolute.
  EXPECT_EQ(AllowedPaths::parse(dir.path().string() + ",,/x").status().message(),
            "Path  is not absolute");
  // Trailing empty entries are dropped by String.split.
  EXPECT_TRUE(AllowedPaths::parse(dir.path().string() + ",").ok());
  Result<AllowedPaths> none = AllowedPaths::parse(std::string());
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->restricted());
  EXPECT_TRUE(none->check("/anything").has_value());
}

TEST(AllowedPathsTest, ComparesWholeComponents) {
  TempDir dir;
  dir.write("ab/x", "1");
  dir.write("a/x", "1");
  Result<AllowedPaths> allowed = AllowedPaths::parse((dir.path() / "a").string());
  ASSERT_TRUE(allowed.ok());
  EXPECT_TRUE(allowed->check((dir.path() / "a/x").string()).has_value());
  EXPECT_FALSE(allowed->check((dir.path() / "ab/x").string()).has_value());
}

TEST(DirectoryConfigProviderTest, FileContentsVerbatimRegularFilesOnly) {
  TempDir dir;
  dir.write("passwd", "secret-value\n");
  dir.write("sub/inner", "x");
  auto provider = make(DirectoryConfigProvider::create({}));
  Result<ConfigData> data = provider->get(dir.path().string(), {"passwd", "sub", "nothere"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->data.size(), 1u);
  EXPECT_EQ(data->data.at("passwd"), "secret-value\n");  // the newline is kept
}

TEST(DirectoryConfigProviderTest, NotADirectoryAndNotAllowed) {
  TempDir dir;
  std::string file = dir.write("f", "x");
  auto provider = make(DirectoryConfigProvider::create({}));
  // Kafka logs "The path ... is not a directory" and returns no data.
  Result<ConfigData> data = provider->get(file, {"f"});
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find("is not a directory"), std::string::npos);
  dir.write("sub/inner", "x");
  auto limited =
      make(DirectoryConfigProvider::create({{"allowed.paths", (dir.path() / "sub").string()}}));
  EXPECT_FALSE(limited->get(dir.path().string(), {"f"}).ok());
  // "/sub/../sub" normalises inside: allowed (Kafka gave {inner=x}).
  EXPECT_EQ(limited->get((dir.path() / "sub/../sub").string(), {"inner"})->data.at("inner"), "x");
}

TEST(DirectoryConfigProviderTest, InvalidUtf8IsAnError) {
  TempDir dir;
  dir.write("bin", std::string("\xff\xfe", 2));
  auto provider = make(DirectoryConfigProvider::create({}));
  Result<ConfigData> data = provider->get(dir.path().string(), {"bin"});
  ASSERT_FALSE(data.ok());
  EXPECT_NE(data.status().message().find("Could not read file"), std::string::npos);
  EXPECT_NE(data.status().message().find("for property bin"), std::string::npos);
}

EnvVarConfigProvider::Lookup fake_env() {
  return [](const std::string& name) -> std::optional<std::string> {
    if (name == "HOME") return "/root";
    if (name == "PATH") return "/bin";
    return std::nullopt;
  };
}

TEST(EnvVarConfigProviderTest, AllVariablesByDefault) {
  auto provider = make(EnvVarConfigProvider::create({}, fake_env()));
  Result<ConfigData> data = provider->get("", {"HOME", "PATH", "UNSET"});
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->data.size(), 2u);
  EXPECT_EQ(data->data.at("HOME"), "/root");
}

TEST(EnvVarConfigProviderTest, AllowlistMustMatchTheWholeName) {
  // Kafka with allowlist.pattern=HO.* gave {HOME=/root} for HOME and PATH.
  auto provider = make(EnvVarConfigProvider::create({{"allowlist.pattern", "HO.*"}}, fake_env()));
  Result<ConfigData> data = provider->get("", {"HOME", "PATH"});
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->data.size(), 1u);
  EXPECT_EQ(data->data.count("HOME"), 1u);
  auto partial = make(EnvVarConfigProvider::create({{"allowlist.pattern", "HO"}}, fake_env()));
  EXPECT_TRUE(partial->get("", {"HOME"})->data.empty());  // Matcher.matches, not find
}

TEST(EnvVarConfigProviderTest, PathIsRefused) {
  auto provider = make(EnvVarConfigProvider::create({}, fake_env()));
  EXPECT_EQ(provider->get("foo", {"HOME"}).status().message(),
            "Path is not supported for EnvVarConfigProvider, invalid value 'foo'");
}

TEST(EnvVarConfigProviderTest, BadPatternNamesTheParam) {
  Result<std::unique_ptr<ConfigProvider>> r =
      EnvVarConfigProvider::create({{"allowlist.pattern", "("}}, fake_env());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("allowlist.pattern"), std::string::npos);
}

}  // namespace
}  // namespace sluice::providers
