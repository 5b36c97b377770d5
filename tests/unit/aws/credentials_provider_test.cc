#include <gtest/gtest.h>

#include <map>
#include <string>

#include "aws/credentials.h"
#include "aws/credentials_provider_chain.h"
#include "aws/environment_credentials_provider.h"
#include "aws/static_credentials_provider.h"

namespace sluice::aws {
namespace {

EnvironmentCredentialsProvider::Lookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

AwsCredentials keys(std::string id, std::string secret) {
  AwsCredentials c;
  c.access_key_id = std::move(id);
  c.secret_access_key = std::move(secret);
  return c;
}

TEST(CredentialsTest, DescribeNeverShowsSecrets) {
  AwsCredentials c = keys("AKIDEXAMPLE", "very-secret");
  c.session_token = "token-secret";
  c.provider = "environment";
  EXPECT_EQ(c.describe(), "access_key_id=AKIDEXAMPLE provider=environment session_token=yes");
}

TEST(CredentialsTest, ExpiresWithinUsesExpirationOnly) {
  auto now = std::chrono::system_clock::now();
  AwsCredentials c = keys("a", "b");
  EXPECT_FALSE(c.expires_within(std::chrono::hours(24 * 365), now));
  c.expiration = now + std::chrono::minutes(10);
  EXPECT_TRUE(c.expires_within(std::chrono::minutes(15), now));
  EXPECT_FALSE(c.expires_within(std::chrono::minutes(5), now));
}

TEST(StaticCredentialsProviderTest, NeedsBothKeyAndSecret) {
  StaticCredentialsProvider both(keys("AKID", "secret"));
  Result<AwsCredentials> c = both.credentials();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKID");
  EXPECT_EQ(c->provider, "static");
  EXPECT_EQ(StaticCredentialsProvider(keys("AKID", " ")).credentials().status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(StaticCredentialsProvider(keys("", "secret")).credentials().status().code(),
            StatusCode::kNotFound);
}

TEST(EnvironmentCredentialsProviderTest, ReadsKeysAndSessionToken) {
  EnvironmentCredentialsProvider provider(env_of({{"AWS_ACCESS_KEY_ID", "ASIAENV"},
                                                  {"AWS_SECRET_ACCESS_KEY", "s"},
                                                  {"AWS_SESSION_TOKEN", "tok"}}));
  Result<AwsCredentials> c = provider.credentials();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "ASIAENV");
  EXPECT_EQ(c->secret_access_key, "s");
  EXPECT_EQ(c->session_token, "tok");
  EXPECT_EQ(c->provider, "environment");
}

TEST(EnvironmentCredentialsProviderTest, FallsBackToLegacySecurityToken) {
  EnvironmentCredentialsProvider provider(env_of(
      {{"AWS_ACCESS_KEY_ID", "A"}, {"AWS_SECRET_ACCESS_KEY", "s"}, {"AWS_SECURITY_TOKEN", "old"}}));
  EXPECT_EQ(provider.credentials()->session_token, "old");
}

TEST(EnvironmentCredentialsProviderTest, UnsetIsNotFoundAndHalfSetIsFatal) {
  EXPECT_EQ(EnvironmentCredentialsProvider(env_of({})).credentials().status().code(),
            StatusCode::kNotFound);
  Status half = EnvironmentCredentialsProvider(env_of({{"AWS_ACCESS_KEY_ID", "AKIDHALF"}}))
                    .credentials()
                    .status();
  EXPECT_EQ(half.code(), StatusCode::kFatal);
  EXPECT_EQ(half.message(), "AWS_ACCESS_KEY_ID=AKIDHALF is set but AWS_SECRET_ACCESS_KEY is empty");
}

// Counts calls and answers what it is told.
class ScriptedProvider : public CredentialsProvider {
 public:
  ScriptedProvider(std::string name, Result<AwsCredentials> answer)
      : name_(std::move(name)), answer_(std::move(answer)) {}
  Result<AwsCredentials> credentials() override {
    ++calls;
    return answer_;
  }
  void invalidate() override { ++invalidations; }
  std::string name() const override { return name_; }
  void set_answer(Result<AwsCredentials> answer) { answer_ = std::move(answer); }
  int calls = 0;
  int invalidations = 0;

 private:
  std::string name_;
  Result<AwsCredentials> answer_;
};

TEST(CredentialsProviderChainTest, UsesFirstConfiguredSourceAndRemembersIt) {
  auto first = std::make_unique<ScriptedProvider>("first", Status::not_found("nothing here"));
  auto second = std::make_unique<ScriptedProvider>("second", keys("AKID2", "s2"));
  auto third = std::make_unique<ScriptedProvider>("third", keys("AKID3", "s3"));
  ScriptedProvider* p1 = first.get();
  ScriptedProvider* p2 = second.get();
  ScriptedProvider* p3 = third.get();
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::move(first));
  providers.push_back(std::move(second));
  providers.push_back(std::move(third));
  CredentialsProviderChain chain(std::move(providers));

  EXPECT_EQ(chain.credentials()->access_key_id, "AKID2");
  EXPECT_EQ(chain.credentials()->access_key_id, "AKID2");
  EXPECT_EQ(p1->calls, 1);  // asked once; the second call went straight to the remembered source
  EXPECT_EQ(p2->calls, 2);
  EXPECT_EQ(p3->calls, 0);

  chain.invalidate();
  EXPECT_EQ(p1->invalidations + p2->invalidations + p3->invalidations, 3);
}

TEST(CredentialsProviderChainTest, ConfiguredButFailingSourceStopsTheChain) {
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::make_unique<ScriptedProvider>("env", Status::fatal("half set")));
  providers.push_back(std::make_unique<ScriptedProvider>("later", keys("AKID", "s")));
  CredentialsProviderChain chain(std::move(providers));
  Status st = chain.credentials().status();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_EQ(st.message(), "AWS credentials from env: half set");
}

TEST(CredentialsProviderChainTest, NothingConfiguredListsEverySourceTried) {
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::make_unique<StaticCredentialsProvider>(AwsCredentials{}));
  providers.push_back(std::make_unique<EnvironmentCredentialsProvider>(env_of({})));
  CredentialsProviderChain chain(std::move(providers));
  Status st = chain.credentials().status();
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_EQ(st.message(),
            "no AWS credentials found (tried static: aws.access.key.id and aws.secret.access.key "
            "are not both set; environment: AWS_ACCESS_KEY_ID is not set)");
}

TEST(CredentialsProviderChainTest, FallsBackWhenRememberedSourceDisappears) {
  auto first = std::make_unique<ScriptedProvider>("first", keys("AKID1", "s1"));
  auto second = std::make_unique<ScriptedProvider>("second", keys("AKID2", "s2"));
  ScriptedProvider* p1 = first.get();
  std::vector<std::unique_ptr<CredentialsProvider>> providers;
  providers.push_back(std::move(first));
  providers.push_back(std::move(second));
  CredentialsProviderChain chain(std::move(providers));
  EXPECT_EQ(chain.credentials()->access_key_id, "AKID1");
  p1->set_answer(Status::not_found("gone"));
  EXPECT_EQ(chain.credentials()->access_key_id, "AKID2");
}

TEST(CredentialsProviderChainTest, DefaultChainPrefersConfiguredKeys) {
  auto chain = make_default_credentials_chain(keys("AKIDCONFIG", "secret"));
  Result<AwsCredentials> c = chain->credentials();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIDCONFIG");
  EXPECT_EQ(c->provider, "static");
}

}  // namespace
}  // namespace sluice::aws
