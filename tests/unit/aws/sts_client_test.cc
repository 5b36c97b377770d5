#include "aws/sts_client.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "aws/assume_role_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/static_credentials_provider.h"
#include "aws/web_identity_credentials_provider.h"
#include "http/test_http_server.h"

namespace sluice::aws {
namespace {

using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;

// Spec msk-connect-and-aws.md §5.7, success shape.
const char* kAssumeRoleOk =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
    "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>"
    "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser><Credentials>"
    "<AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role/secret+x</SecretAccessKey>"
    "<SessionToken>role-token&amp;more</SessionToken><Expiration>2026-01-01T12:00:00Z</Expiration>"
    "</Credentials><PackedPolicySize>6</PackedPolicySize></AssumeRoleResult>"
    "<ResponseMetadata><RequestId>req-1</RequestId></ResponseMetadata></AssumeRoleResponse>";

// Spec §5.4 response shape.
const char* kWebIdentityOk =
    "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">"
    "<AssumeRoleWithWebIdentityResult><SubjectFromWebIdentityToken>sub</"
    "SubjectFromWebIdentityToken>"
    "<Audience>sts.amazonaws.com</Audience><AssumedRoleUser><Arn>a</Arn><AssumedRoleId>b"
    "</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>ASIAWEB</AccessKeyId>"
    "<SecretAccessKey>web-secret</SecretAccessKey><SessionToken>web-token</SessionToken>"
    "<Expiration>2026-01-01T13:00:00Z</Expiration></Credentials><Provider>oidc</Provider>"
    "</AssumeRoleWithWebIdentityResult><ResponseMetadata><RequestId>r</RequestId>"
    "</ResponseMetadata></AssumeRoleWithWebIdentityResponse>";

std::string sts_error(const std::string& code, const std::string& message) {
  return "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>Sender"
         "</Type><Code>" +
         code + "</Code><Message>" + message + "</Message></Error><RequestId>x</RequestId>" +
         "</ErrorResponse>";
}

AwsCredentials caller() {
  AwsCredentials c;
  c.access_key_id = "AKIDCALLER";
  c.secret_access_key = "caller-secret";
  c.session_token = "caller-token";
  return c;
}

StsClientOptions options_for(const TestHttpServer& server) {
  StsClientOptions o;
  o.region = "eu-west-1";
  o.endpoint = server.base_url();
  o.clock = [] { return *parse_iso8601("2026-01-01T10:00:00Z"); };
  return o;
}

void expect_no_secret(const Status& s) {
  for (const char* secret :
       {"caller-secret", "caller-token", "role/secret", "web-secret", "the-oidc-token"}) {
    EXPECT_EQ(s.message().find(secret), std::string::npos) << s.message();
  }
}

TEST(StsClientTest, RegionalEndpoint) {
  EXPECT_EQ(StsClient::regional_endpoint("eu-west-1"), "https://sts.eu-west-1.amazonaws.com");
  EXPECT_EQ(StsClient::regional_endpoint("cn-north-1"), "https://sts.cn-north-1.amazonaws.com.cn");
  StsClientOptions o;
  o.region = "ap-south-1";
  EXPECT_EQ(StsClient(o).endpoint(), "https://sts.ap-south-1.amazonaws.com");
}

// The SDKs' configured endpoints (AWS_ENDPOINT_URL_STS before AWS_ENDPOINT_URL), unless
// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true; an explicit options.endpoint beats both.
TEST(StsClientTest, ConfiguredEndpointFromTheEnvironment) {
  ::unsetenv("AWS_ENDPOINT_URL_STS");
  ::unsetenv("AWS_ENDPOINT_URL");
  ::unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
  EXPECT_EQ(StsClient::configured_endpoint("eu-west-1"), "https://sts.eu-west-1.amazonaws.com");
  ::setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:4566", 1);
  EXPECT_EQ(StsClient::configured_endpoint("eu-west-1"), "http://127.0.0.1:4566");
  ::setenv("AWS_ENDPOINT_URL_STS", "https://sts.vpce.example:443/", 1);
  EXPECT_EQ(StsClient::configured_endpoint("eu-west-1"), "https://sts.vpce.example:443/");
  StsClient from_env(StsClientOptions{});
  EXPECT_EQ(from_env.endpoint(), "https://sts.vpce.example:443");
  StsClientOptions explicit_endpoint;
  explicit_endpoint.endpoint = "http://localhost:1";
  EXPECT_EQ(StsClient(explicit_endpoint).endpoint(), "http://localhost:1");
  ::setenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE", 1);
  EXPECT_EQ(StsClient::configured_endpoint("eu-west-1"), "https://sts.eu-west-1.amazonaws.com");
  ::unsetenv("AWS_ENDPOINT_URL_STS");
  ::unsetenv("AWS_ENDPOINT_URL");
  ::unsetenv("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS");
}

TEST(StsClientTest, AssumeRoleSendsSignedFormPostAndParsesCredentials) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kAssumeRoleOk, "text/xml");
  });
  StsClient sts(options_for(server));
  AssumeRoleRequest request{"arn:aws:iam::123456789012:role/sink", "sess", "ext id", 900};
  Result<AwsCredentials> c = sts.assume_role(request, caller());
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAROLE");
  EXPECT_EQ(c->secret_access_key, "role/secret+x");
  EXPECT_EQ(c->session_token, "role-token&more");
  EXPECT_EQ(*c->expiration, *parse_iso8601("2026-01-01T12:00:00Z"));

  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);
  const RecordedRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.body,
            "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole"
            "%2Fsink&RoleSessionName=sess&ExternalId=ext%20id&DurationSeconds=900");
  EXPECT_EQ(r.header("Content-Type"), "application/x-www-form-urlencoded; charset=utf-8");
  EXPECT_EQ(r.header("X-Amz-Date"), "20260101T100000Z");
  EXPECT_EQ(r.header("X-Amz-Security-Token"), "caller-token");
  EXPECT_EQ(
      r.header("Authorization")
          .rfind("AWS4-HMAC-SHA256 Credential=AKIDCALLER/20260101/eu-west-1/sts/aws4_request, "
                 "SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, Signature=",
                 0),
      0u)
      << r.header("Authorization");
}

TEST(StsClientTest, ErrorResponsesCarryCodeAndMessageAndClassifyRetries) {
  TestHttpServer server;
  struct Case {
    int http;
    std::string code;
    StatusCode expected;
  };
  for (const Case& c : {Case{403, "AccessDenied", StatusCode::kFatal},
                        Case{400, "Throttling", StatusCode::kRetriable},
                        Case{400, "ExpiredToken", StatusCode::kRetriable},
                        Case{503, "ServiceUnavailable", StatusCode::kRetriable},
                        Case{400, "RegionDisabledException", StatusCode::kFatal}}) {
    server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
      res.status = c.http;
      res.set_content(sts_error(c.code, "it &lt;failed&gt;"), "text/xml");
    });
    StsClient sts(options_for(server));
    Result<AwsCredentials> r =
        sts.assume_role({"arn:aws:iam::1:role/x", "s", "", std::nullopt}, caller());
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.status().code(), c.expected) << c.code;
    EXPECT_NE(r.status().message().find("STS AssumeRole arn:aws:iam::1:role/x: HTTP " +
                                        std::to_string(c.http) + ": " + c.code + ": it <failed>"),
              std::string::npos)
        << r.status().message();
    EXPECT_EQ(StsClient::error_code(r.status()), c.code);
    expect_no_secret(r.status());
  }
}

TEST(StsClientTest, WebIdentityIsUnsigned) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kWebIdentityOk, "text/xml");
  });
  StsClient sts(options_for(server));
  Result<AwsCredentials> c =
      sts.assume_role_with_web_identity({"arn:aws:iam::1:role/w", "pod", "the-oidc-token", {}});
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAWEB");
  EXPECT_EQ(c->session_token, "web-token");
  auto r = server.requests().at(0);
  EXPECT_FALSE(r.has_header("Authorization"));
  EXPECT_FALSE(r.has_header("X-Amz-Date"));
  EXPECT_EQ(r.body,
            "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3A"
            "role%2Fw&RoleSessionName=pod&WebIdentityToken=the-oidc-token");
}

TEST(StsClientTest, MissingCredentialsElementIsFatal) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content("<AssumeRoleResponse></AssumeRoleResponse>", "text/xml");
  });
  StsClient sts(options_for(server));
  auto r = sts.assume_role({"arn", "s", "", {}}, caller());
  EXPECT_EQ(r.status().code(), StatusCode::kFatal);
}

// A source that counts invalidations and hands out a new key id after each.
class CountingSource : public CredentialsProvider {
 public:
  Result<AwsCredentials> credentials() override {
    if (missing) return Status::not_found("nothing here");
    AwsCredentials c = caller();
    c.access_key_id = "AKIDGEN" + std::to_string(invalidations);
    return c;
  }
  void invalidate() override { ++invalidations; }
  std::string name() const override { return "counting"; }
  int invalidations = 0;
  bool missing = false;
};

TEST(AssumeRoleCredentialsProviderTest, ExpiredTokenRefreshesTheSourceAndRetriesOnce) {
  TestHttpServer server;
  int calls = 0;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    if (calls++ == 0) {
      res.status = 400;
      res.set_content(sts_error("ExpiredToken",
                                "The security token included in the request is "
                                "expired"),
                      "text/xml");
    } else {
      res.set_content(kAssumeRoleOk, "text/xml");
    }
  });
  auto source = std::make_unique<CountingSource>();
  CountingSource* counting = source.get();
  AssumeRoleCredentialsProvider provider(std::move(source),
                                         std::make_shared<StsClient>(options_for(server)),
                                         {"arn:aws:iam::1:role/x", "s", "", {}});
  Result<AwsCredentials> c = provider.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAROLE");
  EXPECT_EQ(c->provider, "assume-role");
  EXPECT_EQ(counting->invalidations, 1);
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].header("Authorization").find("Credential=AKIDGEN0/"), std::string::npos);
  EXPECT_NE(requests[1].header("Authorization").find("Credential=AKIDGEN1/"), std::string::npos);
}

TEST(AssumeRoleCredentialsProviderTest, MissingSourceIsFatal) {
  TestHttpServer server;
  auto source = std::make_unique<CountingSource>();
  source->missing = true;
  AssumeRoleCredentialsProvider provider(std::move(source),
                                         std::make_shared<StsClient>(options_for(server)),
                                         {"arn:aws:iam::1:role/x", "s", "", {}});
  Result<AwsCredentials> c = provider.credentials();
  EXPECT_EQ(c.status().code(), StatusCode::kFatal);
  EXPECT_EQ(c.status().message(),
            "assume role arn:aws:iam::1:role/x: no source credentials (counting: nothing here)");
  EXPECT_TRUE(server.requests().empty());
}

// confluent-s3-sink.md §2.6: sts.role.arn, sts.role.session.name, sts.role.external.id required.
TEST(AssumeRoleCredentialsProviderTest, ConfluentPropertiesRequireAllThreeKeys) {
  std::map<std::string, std::string> props = {{"sts.role.arn", "arn:aws:iam::1:role/x"},
                                              {"sts.role.session.name", "connect"}};
  auto missing =
      make_confluent_assume_role_provider(props, "us-west-2", std::make_unique<CountingSource>());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(missing.status().message(),
            "s3.credentials.provider.sts.role.external.id is required by "
            "AwsAssumeRoleCredentialsProvider");

  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    // Far in the future, so the real clock of the refreshing wrapper sees it as fresh.
    std::string body = kAssumeRoleOk;
    body.replace(body.find("2026-01-01T12"), 13, "2099-01-01T12");
    res.set_content(body, "text/xml");
  });
  props["sts.role.external.id"] = "ext";
  props["sts.region"] = "eu-central-1";
  StsClientOptions sts_options;
  sts_options.endpoint = server.base_url();
  auto provider = make_confluent_assume_role_provider(
      props, "us-west-2", std::make_unique<CountingSource>(), sts_options);
  ASSERT_TRUE(provider.ok());
  ASSERT_EQ((*provider)->credentials()->access_key_id, "ASIAROLE");
  ASSERT_EQ((*provider)->credentials()->access_key_id, "ASIAROLE");
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);  // cached by the refreshing wrapper
  EXPECT_NE(requests[0].body.find("&RoleSessionName=connect&ExternalId=ext"), std::string::npos);
  EXPECT_NE(requests[0].header("Authorization").find("/eu-central-1/sts/aws4_request"),
            std::string::npos);
}

TEST(WebIdentityCredentialsProviderTest, RereadsTheTokenFileOnEveryFetch) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kWebIdentityOk, "text/xml");
  });
  std::string path = ::testing::TempDir() + "/sluice-web-identity-token";
  std::ofstream(path) << "token-one\n";
  WebIdentityCredentialsProvider provider({"arn:aws:iam::1:role/w", path, "pod"},
                                          std::make_shared<StsClient>(options_for(server)));
  ASSERT_TRUE(provider.credentials().ok());
  std::ofstream(path) << "token-two";
  ASSERT_TRUE(provider.credentials().ok());
  auto requests = server.requests();
  ASSERT_EQ(requests.size(), 2u);
  EXPECT_NE(requests[0].body.find("&WebIdentityToken=token-one"), std::string::npos);
  EXPECT_NE(requests[1].body.find("&WebIdentityToken=token-two"), std::string::npos);
  std::remove(path.c_str());
  Result<AwsCredentials> gone = provider.credentials();
  EXPECT_EQ(gone.status().code(), StatusCode::kFatal);
}

TEST(WebIdentityCredentialsProviderTest, InvalidIdentityTokenIsRetriedOnceWithAFreshRead) {
  TestHttpServer server;
  int calls = 0;
  server.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    if (calls++ < 2) {
      res.status = 400;
      res.set_content(sts_error("InvalidIdentityToken", "bad"), "text/xml");
    } else {
      res.set_content(kWebIdentityOk, "text/xml");
    }
  });
  std::string path = ::testing::TempDir() + "/sluice-web-identity-token2";
  std::ofstream(path) << "the-oidc-token";
  WebIdentityCredentialsProvider provider({"arn:aws:iam::1:role/w", path, "pod"},
                                          std::make_shared<StsClient>(options_for(server)));
  Result<AwsCredentials> first = provider.credentials();
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(server.requests().size(), 2u);
  expect_no_secret(first.status());
  EXPECT_TRUE(provider.credentials().ok());
  std::remove(path.c_str());
}

TEST(WebIdentityCredentialsProviderTest, FromEnvNeedsRoleAndTokenFile) {
  auto env = [](std::map<std::string, std::string> vars) {
    return [vars](const char* name) -> std::optional<std::string> {
      auto it = vars.find(name);
      return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
    };
  };
  EXPECT_EQ(make_web_identity_provider_from_env(env({{"AWS_ROLE_ARN", "arn"}})), nullptr);
  EXPECT_NE(make_web_identity_provider_from_env(
                env({{"AWS_ROLE_ARN", "arn"}, {"AWS_WEB_IDENTITY_TOKEN_FILE", "/t"}})),
            nullptr);
}

}  // namespace
}  // namespace sluice::aws
