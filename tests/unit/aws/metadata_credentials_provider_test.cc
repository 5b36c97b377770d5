// ContainerCredentialsProvider and ImdsCredentialsProvider against an in-process server speaking
// the documented wire formats (spec msk-connect-and-aws.md §5.5, §5.6).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <thread>

#include "aws/container_credentials_provider.h"
#include "aws/credentials_parsing.h"
#include "aws/imds_credentials_provider.h"
#include "http/test_http_server.h"

namespace sluice::aws {
namespace {

using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;

EnvironmentCredentialsProvider::Lookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

const char* kContainerJson =
    R"({"AccessKeyId":"ASIACONTAINER","SecretAccessKey":"container-secret","Token":"container-token",)"
    R"("Expiration":"2026-01-01T18:00:00Z","RoleArn":"arn:aws:iam::1:role/task"})";

const char* kImdsJson =
    R"({"Code":"Success","LastUpdated":"2026-01-01T00:00:00Z","Type":"AWS-HMAC",)"
    R"("AccessKeyId":"ASIAIMDS","SecretAccessKey":"imds-secret","Token":"imds-token",)"
    R"("Expiration":"2026-01-01T06:00:00Z"})";

TEST(ContainerCredentialsProviderTest, RelativeUriWithTokenFromEnv) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kContainerJson, "application/json");
  });
  ContainerCredentialsProvider provider(
      env_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc"},
              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-env"}}),
      server.base_url());
  Result<AwsCredentials> c = provider.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIACONTAINER");
  EXPECT_EQ(c->secret_access_key, "container-secret");
  EXPECT_EQ(c->session_token, "container-token");
  EXPECT_EQ(c->provider, "container");
  EXPECT_EQ(*c->expiration, *parse_iso8601("2026-01-01T18:00:00Z"));
  auto r = server.requests().at(0);
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/v2/credentials/abc");
  EXPECT_EQ(r.header("Authorization"), "auth-env");
}

TEST(ContainerCredentialsProviderTest, FullUriWithTokenFileTakingPrecedence) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kContainerJson, "application/json");
  });
  std::string path = ::testing::TempDir() + "/sluice-pod-identity-token";
  std::ofstream(path) << "auth-file-1\n";
  ContainerCredentialsProvider provider(
      env_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", server.url("/v1/creds")},
              {"AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", path},
              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-env"}}));
  ASSERT_TRUE(provider.credentials().ok());
  std::ofstream(path) << "auth-file-2";  // rotated: re-read
  ASSERT_TRUE(provider.credentials().ok());
  auto requests = server.requests();
  EXPECT_EQ(requests.at(0).header("Authorization"), "auth-file-1");
  EXPECT_EQ(requests.at(1).header("Authorization"), "auth-file-2");
  std::remove(path.c_str());
}

TEST(ContainerCredentialsProviderTest, UnsetIsNotFoundAndForeignHostIsRefused) {
  ContainerCredentialsProvider unset(env_of({}));
  EXPECT_EQ(unset.credentials().status().code(), StatusCode::kNotFound);
  ContainerCredentialsProvider foreign(
      env_of({{"AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.0.0.5/creds"}}));
  EXPECT_EQ(foreign.credentials().status().code(), StatusCode::kFatal);
  EXPECT_TRUE(ContainerCredentialsProvider::full_uri_allowed("https://example.com/x"));
  EXPECT_TRUE(ContainerCredentialsProvider::full_uri_allowed("http://169.254.170.23/v1/creds"));
  EXPECT_TRUE(ContainerCredentialsProvider::full_uri_allowed("http://[fd00:ec2::23]/v1/creds"));
  EXPECT_TRUE(ContainerCredentialsProvider::full_uri_allowed("http://127.0.0.1:8080/c"));
  EXPECT_TRUE(ContainerCredentialsProvider::full_uri_allowed("http://localhost/c"));
  EXPECT_FALSE(ContainerCredentialsProvider::full_uri_allowed("http://169.254.170.2.evil.com/c"));
  EXPECT_FALSE(ContainerCredentialsProvider::full_uri_allowed("ftp://127.0.0.1/c"));
}

TEST(ContainerCredentialsProviderTest, ErrorsNameTheUrlButNoSecret) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.status = 500;
    res.set_content("boom", "text/plain");
  });
  ContainerCredentialsProvider provider(
      env_of({{"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds"},
              {"AWS_CONTAINER_AUTHORIZATION_TOKEN", "auth-secret"}}),
      server.base_url());
  Status s = provider.credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kRetriable);
  EXPECT_EQ(s.message(), "container credentials from " + server.url("/creds") + ": HTTP 500");
}

class ImdsServer {
 public:
  ImdsServer() {
    server.set_handler([this](const RecordedRequest& r, httplib::Response& res) {
      if (r.method == "PUT" && r.path == "/latest/api/token") {
        res.set_content("imds-session-" + std::to_string(++tokens), "text/plain");
      } else if (r.header("X-aws-ec2-metadata-token") != "imds-session-" + std::to_string(tokens) ||
                 reject_next) {
        reject_next = false;
        res.status = 401;
      } else if (r.path == "/latest/meta-data/iam/security-credentials/") {
        res.set_content("sink-role\n", "text/plain");
      } else if (r.path == "/latest/meta-data/iam/security-credentials/sink-role") {
        res.set_content(body, "application/json");
      } else if (r.path == "/latest/meta-data/placement/region") {
        res.set_content("eu-north-1", "text/plain");
      } else {
        res.status = 404;
      }
    });
  }
  TestHttpServer server;
  int tokens = 0;
  bool reject_next = false;
  std::string body = kImdsJson;
};

TEST(ImdsCredentialsProviderTest, RegionOfTheInstance) {
  ImdsServer imds;
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.base_url() + "/"}}));
  Result<std::string> region = provider.region();
  ASSERT_TRUE(region.ok()) << region.status().to_string();
  EXPECT_EQ(*region, "eu-north-1");
  auto r = imds.server.requests();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[1].path, "/latest/meta-data/placement/region");
  EXPECT_EQ(r[1].header("X-aws-ec2-metadata-token"), "imds-session-1");
  ImdsCredentialsProvider disabled(env_of({{"AWS_EC2_METADATA_DISABLED", "true"}}));
  EXPECT_EQ(disabled.region().status().code(), StatusCode::kNotFound);
}

TEST(ImdsCredentialsProviderTest, TokenThenRoleThenCredentials) {
  ImdsServer imds;
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.base_url() + "/"}}));
  Result<AwsCredentials> c = provider.credentials();
  ASSERT_TRUE(c.ok()) << c.status().to_string();
  EXPECT_EQ(c->access_key_id, "ASIAIMDS");
  EXPECT_EQ(c->secret_access_key, "imds-secret");
  EXPECT_EQ(c->session_token, "imds-token");
  EXPECT_EQ(c->provider, "imds");
  EXPECT_EQ(*c->expiration, *parse_iso8601("2026-01-01T06:00:00Z"));
  auto r = imds.server.requests();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].method, "PUT");
  EXPECT_EQ(r[0].path, "/latest/api/token");
  EXPECT_EQ(r[0].header("X-aws-ec2-metadata-token-ttl-seconds"), "21600");
  EXPECT_EQ(r[1].method, "GET");
  EXPECT_EQ(r[1].path, "/latest/meta-data/iam/security-credentials/");
  EXPECT_EQ(r[1].header("X-aws-ec2-metadata-token"), "imds-session-1");
  EXPECT_EQ(r[2].path, "/latest/meta-data/iam/security-credentials/sink-role");

  // The session token is reused.
  ASSERT_TRUE(provider.credentials().ok());
  EXPECT_EQ(imds.server.requests().size(), 5u);
  EXPECT_EQ(imds.tokens, 1);
}

TEST(ImdsCredentialsProviderTest, UnauthorizedFetchesANewToken) {
  ImdsServer imds;
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.base_url()}}));
  ASSERT_TRUE(provider.credentials().ok());
  imds.reject_next = true;
  ASSERT_TRUE(provider.credentials().ok());
  EXPECT_EQ(imds.tokens, 2);
}

TEST(ImdsCredentialsProviderTest, CodeOtherThanSuccessIsFatal) {
  ImdsServer imds;
  imds.body = R"({"Code":"AssumeRoleUnauthorizedAccess","AccessKeyId":"A","SecretAccessKey":"s"})";
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.base_url()}}));
  Status s = provider.credentials().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_EQ(s.message(), "IMDS credentials of role sink-role: Code AssumeRoleUnauthorizedAccess");
}

TEST(ImdsCredentialsProviderTest, DisabledOrUnreachableIsNotFound) {
  ImdsCredentialsProvider disabled(env_of({{"AWS_EC2_METADATA_DISABLED", "TRUE"}}));
  EXPECT_EQ(disabled.credentials().status().code(), StatusCode::kNotFound);
  // A closed local port: the connection is refused at once.
  int port;
  {
    TestHttpServer gone;
    port = gone.port();
  }
  ImdsCredentialsProvider unreachable(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", "http://127.0.0.1:" + std::to_string(port)}}));
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(unreachable.credentials().status().code(), StatusCode::kNotFound);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(3));
}

// Spec §5.6 "non-EC2 hosts fail fast": an IMDS that does not answer is remembered for
// ImdsOptions::unreachable_ttl, so the calls after the first do not wait out the timeouts again.
TEST(ImdsCredentialsProviderTest, UnreachableIsCachedBriefly) {
  TestHttpServer silent;  // accepts the connection, then answers too late for the timeout
  silent.set_handler([](const RecordedRequest&, httplib::Response& res) {
    std::this_thread::sleep_for(std::chrono::milliseconds(400));
    res.set_content("late", "text/plain");
  });
  auto now = std::chrono::steady_clock::now();
  ImdsOptions options;
  options.connect_timeout = std::chrono::milliseconds(100);
  options.request_timeout = std::chrono::milliseconds(100);
  options.clock = [&now] { return now; };
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", silent.base_url()}}), options);

  Status first = provider.credentials().status();
  EXPECT_EQ(first.code(), StatusCode::kNotFound);
  EXPECT_EQ(first.message().rfind(
                "instance metadata service at " + silent.base_url() + " not reachable: ", 0),
            0u)
      << first.message();
  ASSERT_EQ(silent.requests().size(), 1u);

  // Within the 5 s: answered from memory, nothing sent, no waiting.
  now += std::chrono::milliseconds(4'999);
  auto started = std::chrono::steady_clock::now();
  Status second = provider.credentials().status();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(50));
  EXPECT_EQ(second.code(), StatusCode::kNotFound);
  EXPECT_EQ(second.message(), first.message());
  EXPECT_EQ(silent.requests().size(), 1u);

  // Afterwards IMDS is asked again, and a service that has come up is used.
  now += std::chrono::milliseconds(1);
  EXPECT_EQ(provider.credentials().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(silent.requests().size(), 2u);
  EXPECT_EQ(ImdsOptions{}.unreachable_ttl, std::chrono::seconds(5));
}

TEST(ImdsCredentialsProviderTest, AnsweringServiceIsNotCachedAsUnreachable) {
  ImdsServer imds;
  imds.body = R"({"Code":"AssumeRoleUnauthorizedAccess","AccessKeyId":"A","SecretAccessKey":"s"})";
  ImdsCredentialsProvider provider(
      env_of({{"AWS_EC2_METADATA_SERVICE_ENDPOINT", imds.server.base_url()}}));
  EXPECT_EQ(provider.credentials().status().code(), StatusCode::kFatal);
  imds.body = kImdsJson;  // the role became usable: the next call sees it at once
  EXPECT_TRUE(provider.credentials().ok());
}

TEST(CredentialsParsingTest, Iso8601) {
  using namespace std::chrono;
  auto base = parse_iso8601("2026-01-01T12:00:00Z");
  ASSERT_TRUE(base.has_value());
  EXPECT_EQ(duration_cast<seconds>(base->time_since_epoch()).count(), 1767268800);
  EXPECT_EQ(*parse_iso8601("2026-01-01T12:00:00.500Z"), *base + milliseconds(500));
  EXPECT_EQ(*parse_iso8601("2026-01-01T13:30:00+01:30"), *base);
  EXPECT_EQ(*parse_iso8601("2026-01-01T10:00:00-02:00"), *base);
  EXPECT_FALSE(parse_iso8601("2026-01-01T12:00:00").has_value());
  EXPECT_FALSE(parse_iso8601("2026-02-30T12:00:00Z").has_value());
  EXPECT_FALSE(parse_iso8601("yesterday").has_value());
}

TEST(CredentialsParsingTest, XmlElementTextUnescapes) {
  EXPECT_EQ(xml_element_text("<a><B>x &amp; &lt;y&gt; &quot;&apos;</B></a>", "B"), "x & <y> \"'");
  EXPECT_FALSE(xml_element_text("<a></a>", "B").has_value());
}

TEST(CredentialsParsingTest, JsonErrorsDoNotQuoteTheDocument) {
  Result<AwsCredentials> r =
      parse_credentials_json(R"({"AccessKeyId":"A","Token":"tok-secret"})", "Token", "imds");
  EXPECT_EQ(r.status().message(),
            "imds: credentials response lacks AccessKeyId or SecretAccessKey");
  r = parse_credentials_json("not json secret", "Token", "imds");
  EXPECT_EQ(r.status().message(), "imds: credentials response is not JSON");
}

}  // namespace
}  // namespace sluice::aws
