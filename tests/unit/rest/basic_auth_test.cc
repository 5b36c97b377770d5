#include "rest/basic_auth.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <thread>

#include "rest/test_worker.h"
#include "test_support/tls_files.h"

namespace sluice::rest {
namespace {

using test_support::TempDir;
using ::testing::HasSubstr;

config::WorkerConfig worker(std::initializer_list<std::pair<std::string, std::string>> extra) {
  return test_worker(extra);
}

constexpr const char* kExtension =
    "org.apache.kafka.connect.rest.basic.auth.extension.BasicAuthSecurityRestExtension";

TEST(BasicAuthTest, ParsesTheAuthorizationHeaderAsConnectDoes) {
  // "alice:pw" and "bob:a:b" (the password keeps later colons).
  std::optional<BasicCredentials> c = parse_basic_authorization("Basic YWxpY2U6cHc=");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "alice");
  EXPECT_EQ(c->password, "pw");
  c = parse_basic_authorization("bAsIc Ym9iOmE6Yg==");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->user, "bob");
  EXPECT_EQ(c->password, "a:b");
  c = parse_basic_authorization("Basic Ym9iOg");  // "bob:" without padding: empty password
  ASSERT_TRUE(c);
  EXPECT_EQ(c->password, "");
  EXPECT_FALSE(parse_basic_authorization(""));
  EXPECT_FALSE(parse_basic_authorization("Basic"));
  EXPECT_FALSE(parse_basic_authorization("Bearer YWxpY2U6cHc="));
  EXPECT_FALSE(parse_basic_authorization("Basic YWxpY2U="));      // "alice": no colon
  EXPECT_FALSE(parse_basic_authorization("Basic OnB3"));          // ":pw": no user
  EXPECT_FALSE(parse_basic_authorization("Basic YWxp*2U6cHc="));  // not base64
}

TEST(BasicAuthTest, ReadsTheKafkaConnectEntryOfAJaasFile) {
  Result<std::string> file = credentials_file_from_jaas(
      "// comment\nOther { com.example.Module required; };\n"
      "KafkaConnect {\n  org.apache.kafka.connect.rest.basic.auth.extension."
      "PropertyFileLoginModule required\n  file=\"/etc/connect/{users}.properties\";\n};\n",
      "jaas.conf");
  ASSERT_TRUE(file.ok()) << file.status().message();
  EXPECT_EQ(*file, "/etc/connect/{users}.properties");

  EXPECT_THAT(
      credentials_file_from_jaas("Other { a.B required; };", "jaas.conf").status().message(),
      HasSubstr("no KafkaConnect entry"));
  EXPECT_THAT(credentials_file_from_jaas("KafkaConnect { com.example.Ldap required; };", "j")
                  .status()
                  .message(),
              HasSubstr("sluice understands only"));
  EXPECT_THAT(credentials_file_from_jaas(
                  "KafkaConnect { org.apache.kafka.connect.rest.basic.auth.extension."
                  "PropertyFileLoginModule required; };",
                  "j")
                  .status()
                  .message(),
              HasSubstr("file="));
}

TEST(BasicAuthTest, WhereTheCredentialsFileComesFrom) {
  Result<std::optional<std::string>> none = basic_auth_credentials_file(worker({}), "");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());

  Result<std::optional<std::string>> direct = basic_auth_credentials_file(
      worker({{"sluice.rest.basic.auth.credentials.file", "/creds"}}), "");
  ASSERT_TRUE(direct.ok());
  EXPECT_EQ(direct->value(), "/creds");

  TempDir dir;
  std::string jaas = dir.file(
      "jaas.conf",
      "KafkaConnect { org.apache.kafka.connect.rest.basic.auth.extension.PropertyFileLoginModule "
      "required file=\"/from-jaas\"; };");
  Result<std::optional<std::string>> from_opts = basic_auth_credentials_file(
      worker({{"rest.extension.classes", kExtension}}),
      "-Xmx1g -Djava.security.auth.login.config=" + jaas + " -Dother=1");
  ASSERT_TRUE(from_opts.ok()) << from_opts.status().message();
  EXPECT_EQ(from_opts->value(), "/from-jaas");
  Result<std::optional<std::string>> from_key = basic_auth_credentials_file(
      worker({{"rest.extension.classes", kExtension}, {"sluice.rest.jaas.config.file", jaas}}), "");
  ASSERT_TRUE(from_key.ok()) << from_key.status().message();
  EXPECT_EQ(from_key->value(), "/from-jaas");

  EXPECT_THAT(basic_auth_credentials_file(worker({{"rest.extension.classes", kExtension}}), "")
                  .status()
                  .message(),
              HasSubstr("sluice.rest.jaas.config.file"));
  EXPECT_FALSE(
      basic_auth_credentials_file(worker({{"rest.extension.classes", kExtension},
                                          {"sluice.rest.basic.auth.credentials.file", "/creds"}}),
                                  "")
          .ok());
}

TEST(BasicAuthTest, OtherRestExtensionsAreRefused) {
  config::RawConfig raw{{"bootstrap.servers", "broker:9092"},
                        {"key.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"value.converter", "org.apache.kafka.connect.storage.StringConverter"},
                        {"rest.extension.classes", "com.example.MyExtension"}};
  Result<config::WorkerConfig> w = config::WorkerConfig::parse(raw);
  ASSERT_FALSE(w.ok());
  EXPECT_THAT(w.status().message(), HasSubstr("rest.extension.classes"));
}

TEST(BasicAuthTest, AuthenticatesAgainstTheFileAndRereadsItWhenItChanges) {
  TempDir dir;
  std::string path = dir.file("users.properties", "# users\nalice: pw\nbob=other\n");
  Result<std::shared_ptr<BasicAuthenticator>> auth = BasicAuthenticator::open(path);
  ASSERT_TRUE(auth.ok()) << auth.status().message();
  EXPECT_TRUE((*auth)->authenticate("Basic YWxpY2U6cHc="));   // alice:pw
  EXPECT_FALSE((*auth)->authenticate("Basic YWxpY2U6cHg="));  // alice:px
  EXPECT_FALSE((*auth)->authenticate("Basic Y2Fyb2w6cHc="));  // carol:pw
  EXPECT_FALSE((*auth)->authenticate(""));

  dir.file("users.properties", "alice: rotated\ncarol: pw\n");
  EXPECT_FALSE((*auth)->authenticate("Basic YWxpY2U6cHc="));
  EXPECT_TRUE((*auth)->authenticate("Basic Y2Fyb2w6cHc="));

  // A file that disappears keeps the last credentials.
  std::filesystem::remove(path);
  EXPECT_TRUE((*auth)->authenticate("Basic Y2Fyb2w6cHc="));
}

TEST(BasicAuthTest, AnEmptyOrMissingFileIsRefused) {
  TempDir dir;
  EXPECT_THAT(BasicAuthenticator::open(dir.file("empty", "# nobody\n")).status().message(),
              HasSubstr("holds no user"));
  EXPECT_THAT(BasicAuthenticator::open("/nonexistent/users").status().message(),
              HasSubstr("cannot read the credentials file /nonexistent/users"));
}

}  // namespace
}  // namespace sluice::rest
