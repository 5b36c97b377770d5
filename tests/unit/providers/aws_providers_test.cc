#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "aws/static_credentials_provider.h"
#include "http/test_http_server.h"
#include "providers/aws_json_client.h"
#include "providers/aws_provider_settings.h"
#include "providers/secrets_manager_config_provider.h"
#include "providers/ssm_param_store_config_provider.h"

namespace sluice::providers {
namespace {

using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;

// Wire format: the AWS JSON 1.1 protocol as documented in the Secrets Manager API reference
// (GetSecretValue: SecretId -> SecretString; errors ResourceNotFoundException, ...) and the
// Systems Manager API reference (GetParameter: Name, WithDecryption -> Parameter.Value; error
// ParameterNotFound). Placeholder shapes and params: aws-samples/msk-config-providers' README.

AwsProviderDeps deps_for(std::vector<std::chrono::milliseconds>* sleeps = nullptr) {
  AwsProviderDeps deps;
  aws::AwsCredentials creds;
  creds.access_key_id = "AKIDTEST";
  creds.secret_access_key = "test-secret-key";
  deps.credentials = std::make_shared<aws::StaticCredentialsProvider>(creds);
  deps.env = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  deps.sleep = [sleeps](std::chrono::milliseconds d) {
    if (sleeps != nullptr) sleeps->push_back(d);
  };
  return deps;
}

std::map<std::string, std::string> params_for(const TestHttpServer& server) {
  return {{"region", "eu-west-1"}, {"endpoint", server.base_url()}};
}

void answer_json(httplib::Response& res, int status, const nlohmann::json& body) {
  res.status = status;
  res.set_content(body.dump(), "application/x-amz-json-1.1");
}

// A Secrets Manager that knows one JSON secret "db" and one plain-text secret "token".
void secrets_manager(const RecordedRequest& req, httplib::Response& res) {
  nlohmann::json in = nlohmann::json::parse(req.body);
  std::string id = in.value("SecretId", "");
  if (id == "db" || id == "arn:aws:secretsmanager:eu-west-1:123:secret:db-AbCd") {
    answer_json(res, 200,
                {{"Name", "db"},
                 {"SecretString", R"({"username":"admin","password":"s3cr3t!","port":5432})"}});
  } else if (id == "token") {
    answer_json(res, 200, {{"Name", "token"}, {"SecretString", "plain-token"}});
  } else {
    answer_json(res, 400,
                {{"__type", "ResourceNotFoundException"},
                 {"Message", "Secrets Manager can't find the specified secret."}});
  }
}

TEST(SecretsManagerConfigProviderTest, SendsGetSecretValueSigned) {
  TestHttpServer server;
  server.set_handler(secrets_manager);
  auto provider = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(provider.ok()) << provider.status().message();
  Result<ConfigData> data = (*provider)->get("db", {"username", "password"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->data.at("username"), "admin");
  EXPECT_EQ(data->data.at("password"), "s3cr3t!");
  EXPECT_FALSE(data->ttl.has_value());
  std::vector<RecordedRequest> requests = server.requests();
  ASSERT_EQ(requests.size(), 1u);  // one call per secret, whatever the number of fields
  const RecordedRequest& r = requests[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.path, "/");
  EXPECT_EQ(r.header("X-Amz-Target"), "secretsmanager.GetSecretValue");
  EXPECT_EQ(r.header("Content-Type"), "application/x-amz-json-1.1");
  EXPECT_EQ(nlohmann::json::parse(r.body), nlohmann::json({{"SecretId", "db"}}));
  std::string auth = r.header("Authorization");
  EXPECT_EQ(auth.rfind("AWS4-HMAC-SHA256 Credential=AKIDTEST/", 0), 0u) << auth;
  EXPECT_NE(auth.find("/eu-west-1/secretsmanager/aws4_request"), std::string::npos) << auth;
  EXPECT_NE(auth.find("x-amz-target"), std::string::npos) << auth;  // the target is signed
}

TEST(SecretsManagerConfigProviderTest, NumbersAsTextUrlEncodedArnAndTtl) {
  TestHttpServer server;
  server.set_handler(secrets_manager);
  auto provider = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(provider.ok());
  Result<ConfigData> data =
      (*provider)->get("arn%3Aaws%3Asecretsmanager%3Aeu-west-1%3A123%3Asecret%3Adb-AbCd",
                       {"port?ttl=300000", "username?ttl=60000"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->data.at("port?ttl=300000"), "5432");
  EXPECT_EQ(data->data.at("username?ttl=60000"), "admin");
  ASSERT_TRUE(data->ttl.has_value());
  EXPECT_EQ(data->ttl->count(), 60000);
}

TEST(SecretsManagerConfigProviderTest, WholeSecretWithoutPathAndBase64) {
  TestHttpServer server;
  server.set_handler(secrets_manager);
  auto plain = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)->get("", {"token"})->data.at("token"), "plain-token");
  auto params = params_for(server);
  params["RawSecretEncoding"] = "base64";
  auto encoded = SecretsManagerConfigProvider::create(params, deps_for());
  ASSERT_TRUE(encoded.ok());
  EXPECT_EQ((*encoded)->get("", {"token"})->data.at("token"), "cGxhaW4tdG9rZW4=");
}

TEST(SecretsManagerConfigProviderTest, NotFoundFailsByDefaultOrIsEmptyWithIgnore) {
  TestHttpServer server;
  server.set_handler(secrets_manager);
  auto failing = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(failing.ok());
  Result<ConfigData> missing = (*failing)->get("nope", {"password"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("secret 'nope' does not exist"), std::string::npos)
      << missing.status().message();
  // A field the secret lacks is absent from the data: the resolver reports it.
  Result<ConfigData> no_field = (*failing)->get("db", {"nofield"});
  ASSERT_FALSE(no_field.ok());
  EXPECT_NE(no_field.status().message().find("has no field 'nofield'"), std::string::npos);
  auto params = params_for(server);
  params["NotFoundStrategy"] = "ignore";
  auto ignoring = SecretsManagerConfigProvider::create(params, deps_for());
  ASSERT_TRUE(ignoring.ok());
  EXPECT_EQ((*ignoring)->get("nope", {"password"})->data.at("password"), "");
}

TEST(SecretsManagerConfigProviderTest, RetriesThrottlingThenSucceeds) {
  TestHttpServer server;
  int calls = 0;
  server.set_handler([&](const RecordedRequest& req, httplib::Response& res) {
    if (++calls <= 2) {
      answer_json(res, 400, {{"__type", "ThrottlingException"}, {"message", "Rate exceeded"}});
      return;
    }
    secrets_manager(req, res);
  });
  std::vector<std::chrono::milliseconds> sleeps;
  auto provider = SecretsManagerConfigProvider::create(params_for(server), deps_for(&sleeps));
  ASSERT_TRUE(provider.ok());
  Result<ConfigData> data = (*provider)->get("db", {"password"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(calls, 3);
  EXPECT_EQ(sleeps.size(), 2u);
}

TEST(SecretsManagerConfigProviderTest, ErrorsNameSecretAndStatusNeverTheValue) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 400,
                {{"__type", "com.amazonaws.secretsmanager#AccessDeniedException"},
                 {"Message", "not authorized to perform secretsmanager:GetSecretValue"}});
  });
  auto provider = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(provider.ok());
  Result<ConfigData> data = (*provider)->get("db", {"password"});
  ASSERT_FALSE(data.ok());
  const std::string& m = data.status().message();
  EXPECT_NE(m.find("GetSecretValue for secret 'db'"), std::string::npos) << m;
  EXPECT_NE(m.find("HTTP 400: AccessDeniedException"), std::string::npos) << m;
  EXPECT_EQ(m.find("test-secret-key"), std::string::npos) << m;
  EXPECT_EQ(server.requests().size(), 1u);  // not retried
}

TEST(SecretsManagerConfigProviderTest, ServerErrorsRetriedUntilAttemptsRunOut) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest&, httplib::Response& res) {
    answer_json(res, 503, {{"__type", "ServiceUnavailable"}});
  });
  auto provider = SecretsManagerConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(provider.ok());
  Result<ConfigData> data = (*provider)->get("db", {"password"});
  ASSERT_FALSE(data.ok());
  EXPECT_EQ(data.status().code(), StatusCode::kRetriable);
  EXPECT_NE(data.status().message().find("HTTP 503"), std::string::npos);
  EXPECT_EQ(server.requests().size(), 4u);
}

TEST(SecretsManagerConfigProviderTest, SecretThatIsNotAFlatObject) {
  EXPECT_FALSE(secret_json_fields("not json").ok());
  EXPECT_FALSE(secret_json_fields(R"({"a":{"b":1}})").ok());
  auto fields = secret_json_fields(R"({"a":"x","b":true,"c":1.5})");
  ASSERT_TRUE(fields.ok());
  EXPECT_EQ(fields->at("b"), "true");
  EXPECT_EQ(fields->at("c"), "1.5");
}

TEST(SsmParamStoreConfigProviderTest, GetParameterWithDecryption) {
  TestHttpServer server;
  server.set_handler([](const RecordedRequest& req, httplib::Response& res) {
    nlohmann::json in = nlohmann::json::parse(req.body);
    if (in.value("Name", "") == "/msk/db/password") {
      answer_json(res, 200,
                  {{"Parameter",
                    {{"Name", "/msk/db/password"}, {"Type", "SecureString"}, {"Value", "pw!"}}}});
    } else {
      answer_json(res, 400, {{"__type", "ParameterNotFound"}});
    }
  });
  auto provider = SsmParamStoreConfigProvider::create(params_for(server), deps_for());
  ASSERT_TRUE(provider.ok()) << provider.status().message();
  Result<ConfigData> data = (*provider)->get("", {"/msk/db/password?ttl=1000"});
  ASSERT_TRUE(data.ok()) << data.status().message();
  EXPECT_EQ(data->data.at("/msk/db/password?ttl=1000"), "pw!");
  EXPECT_EQ(data->ttl->count(), 1000);
  RecordedRequest r = server.requests().at(0);
  EXPECT_EQ(r.header("X-Amz-Target"), "AmazonSSM.GetParameter");
  EXPECT_EQ(nlohmann::json::parse(r.body),
            nlohmann::json({{"Name", "/msk/db/password"}, {"WithDecryption", true}}));
  EXPECT_NE(r.header("Authorization").find("/eu-west-1/ssm/aws4_request"), std::string::npos);
  Result<ConfigData> missing = (*provider)->get("", {"/nope"});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("parameter '/nope' does not exist"), std::string::npos);
}

TEST(AwsProviderSettingsTest, RegionAndEndpointFallbacks) {
  auto env = [](const char* name) -> std::optional<std::string> {
    if (std::string(name) == "AWS_DEFAULT_REGION") return "cn-north-1";
    return std::nullopt;
  };
  auto s = aws_provider_settings({}, "secretsmanager", "SECRETS_MANAGER", env);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->region, "cn-north-1");
  EXPECT_EQ(s->endpoint_url, "https://secretsmanager.cn-north-1.amazonaws.com.cn");
  auto env2 = [](const char* name) -> std::optional<std::string> {
    if (std::string(name) == "AWS_ENDPOINT_URL_SSM") return "http://localhost:4566/";
    return std::nullopt;
  };
  auto s2 = aws_provider_settings({{"region", "us-east-1"}}, "ssm", "SSM", env2);
  ASSERT_TRUE(s2.ok());
  EXPECT_EQ(s2->endpoint_url, "http://localhost:4566");
  auto none = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  EXPECT_FALSE(aws_provider_settings({}, "ssm", "SSM", none).ok());
  auto bad = aws_provider_settings({{"region", "us-east-1"}, {"NotFoundStrategy", "skip"}}, "ssm",
                                   "SSM", none);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("NotFoundStrategy"), std::string::npos);
}

TEST(AwsProviderSettingsTest, KeyOptions) {
  auto plain = parse_key_reference("password");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->name, "password");
  EXPECT_FALSE(plain->ttl.has_value());
  auto ttl = parse_key_reference("password?ttl=300000");
  ASSERT_TRUE(ttl.ok());
  EXPECT_EQ(ttl->name, "password");
  EXPECT_EQ(ttl->ttl->count(), 300000);
  EXPECT_FALSE(parse_key_reference("password?ttl=soon").ok());
  EXPECT_FALSE(parse_key_reference("password?refresh=1").ok());
}

TEST(AwsJsonClientTest, ErrorTypeFromHeaderWhenBodyHasNone) {
  http::HttpResponse response;
  response.status = 400;
  response.headers = {{"X-Amzn-ErrorType", "ValidationException:http://internal.amazon.com/"}};
  AwsJsonError e = parse_json_error(response);
  EXPECT_EQ(e.code, "ValidationException");
  EXPECT_FALSE(is_retriable_json_error(e));
  response.status = 500;
  EXPECT_TRUE(is_retriable_json_error(parse_json_error(response)));
}

}  // namespace
}  // namespace sluice::providers
