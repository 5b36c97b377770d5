#include "aws/profile_credentials_provider.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "aws/credentials_provider_chain.h"
#include "aws/process_credentials_provider.h"
#include "http/test_http_server.h"

namespace sluice::aws {
namespace {

using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;

const char* kAssumeRoleOk =
    "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAPROFILEROLE</AccessKeyId>"
    "<SecretAccessKey>role-secret</SecretAccessKey><SessionToken>role-token</SessionToken>"
    "<Expiration>2099-01-01T12:00:00Z</Expiration></Credentials></AssumeRoleResult>"
    "</AssumeRoleResponse>";

class ProfileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("sluice-profiles-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::create_directories(dir_);
    vars_["HOME"] = dir_.string();  // no ~/.aws there
    vars_["AWS_CONFIG_FILE"] = (dir_ / "config").string();
    vars_["AWS_SHARED_CREDENTIALS_FILE"] = (dir_ / "credentials").string();
    server_.set_handler([](const RecordedRequest&, httplib::Response& res) {
      res.set_content(kAssumeRoleOk, "text/xml");
    });
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  void write(const char* name, const std::string& text) { std::ofstream(dir_ / name) << text; }

  EnvironmentCredentialsProvider::Lookup env() {
    return [vars = vars_](const char* name) -> std::optional<std::string> {
      auto it = vars.find(name);
      if (it == vars.end()) return std::nullopt;
      return it->second;
    };
  }
  ProfileCredentialsProvider provider() {
    ProfileProviderOptions options;
    options.sts.endpoint = server_.base_url();
    return ProfileCredentialsProvider(env(), options);
  }

  std::filesystem::path dir_;
  std::map<std::string, std::string> vars_;
  TestHttpServer server_;
};

TEST(ProfileFileTest, ParsesSectionsKeysAndComments) {
  ProfileMap config = parse_profile_file(
      "# comment\n[default]\nregion = eu-west-1 ; inline\n[profile dev]\r\n"
      "AWS_Access_Key_Id=AKIDDEV\n"
      "s3 =\n  max_concurrent_requests = 4\n[sso-session corp]\nsso_region=x\n[plain]\nk=v\n",
      true);
  ASSERT_EQ(config.size(), 2u);
  EXPECT_EQ(config["default"]["region"], "eu-west-1");
  EXPECT_EQ(config["dev"]["aws_access_key_id"], "AKIDDEV");
  EXPECT_EQ(config["dev"].count("max_concurrent_requests"), 0u);
  ProfileMap credentials =
      parse_profile_file("[dev]\n; c\naws_secret_access_key = a/b+c=\n", false);
  EXPECT_EQ(credentials["dev"]["aws_secret_access_key"], "a/b+c=");
}

TEST_F(ProfileTest, StaticKeysWithCredentialsFileWinningOverConfig) {
  write("config", "[profile dev]\naws_access_key_id = AKIDCONFIG\naws_secret_access_key = c\n");
  write("credentials",
        "[dev]\naws_access_key_id = AKIDCREDS\naws_secret_access_key = s\naws_session_token = t\n");
  vars_["AWS_PROFILE"] = "dev";
  auto p = provider();
  Result<AwsCredentials> c = p.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDCREDS");
  EXPECT_EQ(c->secret_access_key, "s");
  EXPECT_EQ(c->session_token, "t");
  EXPECT_FALSE(c->expiration.has_value());
}

TEST_F(ProfileTest, RegionOfTheNamedTheEnvironmentsOrTheDefaultProfile) {
  EXPECT_EQ(profile_region(env()), std::nullopt);  // no config file
  write("config",
        "[default]\nregion = eu-west-1\n[profile dev]\nregion = ap-south-1\n[profile bare]\n");
  // The credentials file is not where the SDKs read a region from.
  write("credentials", "[other]\nregion = us-west-2\n");
  EXPECT_EQ(profile_region(env()), "eu-west-1");
  EXPECT_EQ(profile_region(env(), "dev"), "ap-south-1");
  EXPECT_EQ(profile_region(env(), "bare"), std::nullopt);
  EXPECT_EQ(profile_region(env(), "other"), std::nullopt);
  vars_["AWS_PROFILE"] = "dev";
  EXPECT_EQ(profile_region(env()), "ap-south-1");
  EXPECT_EQ(profile_region(env(), "default"), "eu-west-1");
}

TEST_F(ProfileTest, MissingDefaultIsNotFoundButMissingNamedProfileIsFatal) {
  auto p = provider();
  EXPECT_EQ(p.credentials().status().code(), StatusCode::kNotFound);
  write("credentials", "[default]\nregion=x\n");
  EXPECT_EQ(p.credentials().status().code(), StatusCode::kNotFound);
  vars_["AWS_PROFILE"] = "nope";
  auto named = provider();
  EXPECT_EQ(named.credentials().status().code(), StatusCode::kFatal);
}

TEST_F(ProfileTest, HalfSetKeysAreFatalWithoutTheSecret) {
  write("credentials", "[default]\naws_access_key_id = AKIDHALF\n");
  Status s = provider().credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_EQ(s.message(),
            "profile default has aws_access_key_id AKIDHALF but no aws_secret_access_key");
}

TEST_F(ProfileTest, CredentialProcessJsonV1) {
  write(
      "config",
      "[default]\ncredential_process = /bin/echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDPROC\", "
      "\"SecretAccessKey\": \"proc-secret\", \"SessionToken\": \"proc-token\", "
      "\"Expiration\": \"2099-05-01T00:00:00Z\"}'\n"
      "aws_access_key_id = AKIDIGNORED\naws_secret_access_key = x\n");
  auto p = provider();
  Result<AwsCredentials> c = p.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDPROC");
  EXPECT_EQ(c->session_token, "proc-token");
  EXPECT_EQ(c->provider, "credential-process");
  ASSERT_TRUE(c->expiration.has_value());
}

TEST_F(ProfileTest, CredentialProcessFailures) {
  ProcessCredentialsProvider exits("/bin/false");
  Status s = exits.credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_EQ(s.message(), "credential_process /bin/false: exited with status 1");
  ProcessCredentialsProvider wrong_version(
      "/bin/echo '{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"proc-secret\"}'");
  s = wrong_version.credentials().status();
  EXPECT_EQ(s.message(),
            "credential_process /bin/echo: output is not a Version 1 credentials document");
  ProcessCredentialsProvider missing("/nonexistent/helper --flag");
  EXPECT_EQ(missing.credentials().status().code(), StatusCode::kFatal);
}

// A helper that never answers must not hang the sink: it is killed, with what it started.
TEST(ProcessCredentialsTimeoutTest, HangingCommandIsKilledAndNamedWithoutItsOutput) {
  std::string dir = ::testing::TempDir() + "/sluice-hanging-helper-" + std::to_string(getpid());
  std::filesystem::create_directories(dir);
  std::string script = dir + "/helper.sh";
  std::string child_pid_file = dir + "/child.pid";
  // Prints half a document (with something secret-looking), starts a child that keeps the pipe
  // open, and waits for it.
  std::ofstream(script) << "#!/bin/sh\n"
                           "echo '{\"Version\": 1, \"SecretAccessKey\": \"leaked-secret\"'\n"
                           "sleep 30 &\n"
                           "echo $! > " +
                               child_pid_file +
                               "\n"
                               "wait\n";
  std::filesystem::permissions(script, std::filesystem::perms::owner_all);

  ProcessCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(300);
  ProcessCredentialsProvider provider(script + " --flag", options);
  auto started = std::chrono::steady_clock::now();
  Status s = provider.credentials().status();
  auto elapsed = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(s.code(), StatusCode::kRetriable);
  EXPECT_EQ(s.message(), "credential_process " + script + ": no answer within 300 ms; killed it");
  EXPECT_EQ(s.message().find("leaked-secret"), std::string::npos);
  EXPECT_GE(elapsed, std::chrono::milliseconds(300));
  EXPECT_LT(elapsed, std::chrono::seconds(5));

  // The grandchild went with it: gone, or a zombie waiting for init to reap it.
  std::string pid_text;
  std::ifstream(child_pid_file) >> pid_text;
  ASSERT_FALSE(pid_text.empty());
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  std::ifstream stat("/proc/" + pid_text + "/stat");
  std::string pid, comm, state;
  if (stat >> pid >> comm >> state) {
    EXPECT_EQ(state, "Z") << "sleep " << pid_text << " survived";
  }
  std::filesystem::remove_all(dir);
}

TEST(ProcessCredentialsTimeoutTest, CommandThatClosesStdoutButKeepsRunningTimesOut) {
  ProcessCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(200);
  ProcessCredentialsProvider provider("/bin/sh -c 'exec >&-; sleep 30'", options);
  auto started = std::chrono::steady_clock::now();
  Status s = provider.credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kRetriable);
  EXPECT_EQ(s.message(), "credential_process /bin/sh: no answer within 200 ms; killed it");
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
}

TEST(ProcessCredentialsTimeoutTest, DefaultIsAMinuteAndFastCommandsAreUnaffected) {
  EXPECT_EQ(ProcessCredentialsOptions{}.timeout, std::chrono::seconds(60));
  ProcessCredentialsOptions options;
  options.timeout = std::chrono::milliseconds(5000);
  ProcessCredentialsProvider provider(
      "/bin/echo '{\"Version\": 1, \"AccessKeyId\": \"AKIDFAST\", \"SecretAccessKey\": \"s\"}'",
      options);
  Result<AwsCredentials> c = provider.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDFAST");
}

TEST(SplitCommandLineTest, SplitsLikeAShell) {
  auto words = split_command_line(R"(  helper --a 'b c' "d \"e\" \\f" g\ h 'it''s' )");
  ASSERT_TRUE(words.ok());
  EXPECT_EQ(*words,
            (std::vector<std::string>{"helper", "--a", "b c", "d \"e\" \\f", "g h", "its"}));
  EXPECT_EQ(split_command_line("a 'b").status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(split_command_line("   ").status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ProfileTest, RoleArnWithSourceProfileCallsAssumeRole) {
  write("config",
        "[profile sink]\nrole_arn = arn:aws:iam::1:role/sink\nsource_profile = base\n"
        "region = eu-north-1\nexternal_id = ext-9\nrole_session_name = sluice\n"
        "duration_seconds = 1800\n");
  write("credentials",
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n");
  vars_["AWS_PROFILE"] = "sink";
  auto p = provider();
  Result<AwsCredentials> c = p.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAPROFILEROLE");
  ASSERT_TRUE(p.credentials().ok());
  auto requests = server_.requests();
  ASSERT_EQ(requests.size(), 1u);  // the second call was served from the cache
  EXPECT_EQ(requests[0].body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fsink&"
            "RoleSessionName=sluice&ExternalId=ext-9&DurationSeconds=1800");
  EXPECT_NE(requests[0].header("Authorization").find("Credential=AKIDBASE/"), std::string::npos);
  EXPECT_NE(requests[0].header("Authorization").find("/eu-north-1/sts/aws4_request"),
            std::string::npos);
}

TEST_F(ProfileTest, SelfReferencingSourceProfileUsesItsOwnKeys) {
  write("credentials",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n"
        "aws_access_key_id = AKIDSELF\naws_secret_access_key = s\n");
  ASSERT_TRUE(provider().credentials().ok());
  EXPECT_NE(server_.requests().at(0).header("Authorization").find("Credential=AKIDSELF/"),
            std::string::npos);
}

TEST_F(ProfileTest, SourceProfileCycleIsFatal) {
  write("config",
        "[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n"
        "[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n");
  vars_["AWS_PROFILE"] = "a";
  Status s = provider().credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_NE(s.message().find("source_profile cycle"), std::string::npos) << s.message();
  EXPECT_TRUE(server_.requests().empty());
}

TEST_F(ProfileTest, CredentialSourceEnvironmentAndMfaRefusal) {
  write("config",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Environment\n"
        "[profile mfa]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = default\n"
        "mfa_serial = arn:aws:iam::1:mfa/me\n"
        "[profile odd]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Floppy\n");
  vars_["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  vars_["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  ASSERT_TRUE(provider().credentials().ok());
  EXPECT_NE(server_.requests().at(0).header("Authorization").find("Credential=AKIDENV/"),
            std::string::npos);
  vars_["AWS_PROFILE"] = "mfa";
  EXPECT_EQ(provider().credentials().status().code(), StatusCode::kFatal);
  vars_["AWS_PROFILE"] = "odd";
  EXPECT_EQ(provider().credentials().status().message(),
            "profile odd: unknown credential_source Floppy");
}

TEST_F(ProfileTest, StsErrorsReachTheCallerWithoutSecrets) {
  server_.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.status = 403;
    res.set_content(
        "<ErrorResponse><Error><Code>AccessDenied</Code><Message>not allowed</Message>"
        "</Error></ErrorResponse>",
        "text/xml");
  });
  write("credentials",
        "[default]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = base\n"
        "[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = base-secret\n");
  Status s = provider().credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_NE(s.message().find("AccessDenied: not allowed"), std::string::npos) << s.message();
  EXPECT_EQ(s.message().find("base-secret"), std::string::npos);
}

TEST_F(ProfileTest, DefaultChainFallsThroughToTheProfile) {
  write("credentials", "[default]\naws_access_key_id = AKIDFILE\naws_secret_access_key = f\n");
  vars_["AWS_EC2_METADATA_DISABLED"] = "true";
  DefaultChainOptions options;
  options.env = env();
  auto chain = make_default_credentials_chain(AwsCredentials{}, options);
  Result<AwsCredentials> c = chain->credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "AKIDFILE");
  EXPECT_EQ(c->provider, "profile");
}

TEST_F(ProfileTest, DefaultChainUsesContainerThenReportsEverySource) {
  TestHttpServer container;
  container.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(R"({"AccessKeyId":"ASIATASK","SecretAccessKey":"s","Token":"t",)"
                    R"("Expiration":"2099-01-01T00:00:00Z"})",
                    "application/json");
  });
  vars_["AWS_EC2_METADATA_DISABLED"] = "true";
  DefaultChainOptions options;
  options.env = env();
  auto empty = make_default_credentials_chain(AwsCredentials{}, options);
  Status s = empty->credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_EQ(
      s.message(),
      "no AWS credentials found (tried static: aws.access.key.id and aws.secret.access.key are "
      "not both set; environment: "
      "AWS_ACCESS_KEY_ID is not set; profile: profile default not found; container: "
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI/_FULL_URI not set; imds: "
      "AWS_EC2_METADATA_DISABLED=true)");
  vars_["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"] = "/v2/credentials/t";
  options.env = env();
  options.container_relative_base = container.base_url();
  auto chain = make_default_credentials_chain(AwsCredentials{}, options);
  Result<AwsCredentials> c = chain->credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIATASK");
  ASSERT_TRUE(chain->credentials().ok());
  EXPECT_EQ(container.requests().size(), 1u);  // cached
}

}  // namespace
}  // namespace sluice::aws

namespace sluice::aws {
namespace {

TEST_F(ProfileTest, RoleArnWithWebIdentityTokenFileIsUnsigned) {
  server_.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(
        "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
        "<AccessKeyId>ASIAWEBPROFILE</AccessKeyId><SecretAccessKey>s</SecretAccessKey>"
        "<SessionToken>t</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
        "</Credentials></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
        "text/xml");
  });
  write("token", "oidc-jwt\n");
  write("config",
        "[default]\nrole_arn = arn:aws:iam::1:role/w\nrole_session_name = pod\n"
        "web_identity_token_file = " +
            (dir_ / "token").string() + "\n");
  Result<AwsCredentials> c = provider().credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAWEBPROFILE");
  auto r = server_.requests().at(0);
  EXPECT_FALSE(r.has_header("Authorization"));
  EXPECT_EQ(r.body,
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3A"
            "role%2Fw&RoleSessionName=pod&WebIdentityToken=oidc-jwt");
}

}  // namespace
}  // namespace sluice::aws
