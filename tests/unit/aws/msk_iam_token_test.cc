// The MSK IAM OAUTHBEARER token (spec msk-connect-and-aws.md §3.2, §4, §5.8): the exact URL, a
// signature recomputed here from the literal canonical request with OpenSSL, a golden token from
// AWS's own Python signer, broker-host region parsing, the JAAS login options and the caching
// provider.
#include "aws/msk_iam_token.h"

#include <gtest/gtest.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "http/test_http_server.h"

namespace sluice::aws {
namespace {

using namespace std::chrono;
using sluice::testing::RecordedRequest;
using sluice::testing::TestHttpServer;

constexpr char kAccessKey[] = "AKIAIOSFODNN7EXAMPLE";
constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
constexpr char kSessionToken[] = "IQoJb3JpZ2luX2VjEXAMPLE/+token==";

// 2026-11-25T12:34:56.789Z: the fraction must not reach X-Amz-Date.
system_clock::time_point signing_time() {
  return system_clock::time_point(seconds(1795610096)) + milliseconds(789);
}

AwsCredentials long_term() {
  AwsCredentials c;
  c.access_key_id = kAccessKey;
  c.secret_access_key = kSecret;
  c.provider = "test";
  return c;
}

AwsCredentials temporary() {
  AwsCredentials c = long_term();
  c.access_key_id = "ASIAIOSFODNN7EXAMPLE";
  c.session_token = kSessionToken;
  return c;
}

// base64url without padding, decoded with OpenSSL rather than the module's own helpers.
std::string base64url_decode(std::string text) {
  for (char& c : text) {
    if (c == '-') c = '+';
    if (c == '_') c = '/';
  }
  size_t padding = (4 - text.size() % 4) % 4;
  text.append(padding, '=');
  std::string out(text.size() / 4 * 3, '\0');
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(text.data()),
                          static_cast<int>(text.size()));
  EXPECT_GE(n, 0);
  out.resize(static_cast<size_t>(n) - padding);
  return out;
}

std::string hex(const unsigned char* data, size_t n) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < n; ++i) {
    out += digits[data[i] >> 4];
    out += digits[data[i] & 15];
  }
  return out;
}

std::string hmac(const std::string& key, const std::string& data) {
  unsigned char out[32];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), out, &len);
  return std::string(reinterpret_cast<char*>(out), len);
}

std::string sha256_of(const std::string& data) {
  unsigned char out[32];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return hex(out, 32);
}

// SigV4 (spec §4.1) from the literal canonical request.
std::string signature_of(const std::string& canonical_request, const std::string& secret) {
  std::string string_to_sign =
      "AWS4-HMAC-SHA256\n20261125T123456Z\n20261125/eu-west-1/kafka-cluster/aws4_request\n" +
      sha256_of(canonical_request);
  std::string key = hmac("AWS4" + secret, "20261125");
  key = hmac(key, "eu-west-1");
  key = hmac(key, "kafka-cluster");
  key = hmac(key, "aws4_request");
  std::string sig = hmac(key, string_to_sign);
  return hex(reinterpret_cast<const unsigned char*>(sig.data()), sig.size());
}

TEST(MskIamTokenTest, ExactUrlWithSignatureRecomputedFromTheCanonicalRequest) {
  Result<MskIamToken> token =
      make_msk_iam_token(long_term(), "eu-west-1", signing_time(), "sluice/1.0 (test)");
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  EXPECT_EQ(token->value.find('='), std::string::npos);
  EXPECT_EQ(token->value.find_first_of("+/"), std::string::npos);

  // Spec §3.2 steps 1-2 and §4.1: GET /, the sorted strictly-encoded query, host only, empty
  // payload hash.
  const std::string canonical_request =
      "GET\n"
      "/\n"
      "Action=kafka-cluster%3AConnect&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
      "AKIAIOSFODNN7EXAMPLE%2F20261125%2Feu-west-1%2Fkafka-cluster%2Faws4_request&X-Amz-Date="
      "20261125T123456Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host\n"
      "host:kafka.eu-west-1.amazonaws.com\n"
      "\n"
      "host\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string signature = signature_of(canonical_request, kSecret);
  // The same value aws-msk-iam-sasl-signer-python 1.0.2 produced (see the golden test below).
  EXPECT_EQ(signature, "dd9f6aeab9675082efc540f3404e19b1a6583000e5a72f8300da25deac9ee61e");

  // Step 3: User-Agent after the signature, unsigned, strictly encoded.
  EXPECT_EQ(base64url_decode(token->value),
            "https://kafka.eu-west-1.amazonaws.com/?Action=kafka-cluster%3AConnect"
            "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20261125%2Feu-west-1%2Fkafka-cluster%2F"
            "aws4_request"
            "&X-Amz-Date=20261125T123456Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
            "&X-Amz-Signature=" +
                signature + "&User-Agent=sluice%2F1.0%20%28test%29");
  // Step 5: X-Amz-Date + 900 s (whole seconds); the principal is the key id.
  EXPECT_EQ(token->expiration, system_clock::time_point(seconds(1795610096 + 900)));
  EXPECT_EQ(token->principal, kAccessKey);
}

TEST(MskIamTokenTest, SessionTokenIsSignedAndSentAfterSignedHeaders) {
  Result<MskIamToken> token = make_msk_iam_token(temporary(), "eu-west-1", signing_time());
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  const std::string canonical_request =
      "GET\n"
      "/\n"
      "Action=kafka-cluster%3AConnect&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential="
      "ASIAIOSFODNN7EXAMPLE%2F20261125%2Feu-west-1%2Fkafka-cluster%2Faws4_request&X-Amz-Date="
      "20261125T123456Z&X-Amz-Expires=900&X-Amz-Security-Token="
      "IQoJb3JpZ2luX2VjEXAMPLE%2F%2Btoken%3D%3D&X-Amz-SignedHeaders=host\n"
      "host:kafka.eu-west-1.amazonaws.com\n"
      "\n"
      "host\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  const std::string signature = signature_of(canonical_request, kSecret);
  EXPECT_EQ(signature, "d1fd834153b9bcce46d9726723432aa093390df1677afcf95d4aa09dcfc6ba24");
  // On the wire the token follows SignedHeaders (botocore's order), not the canonical order.
  EXPECT_EQ(base64url_decode(token->value),
            "https://kafka.eu-west-1.amazonaws.com/?Action=kafka-cluster%3AConnect"
            "&X-Amz-Algorithm=AWS4-HMAC-SHA256"
            "&X-Amz-Credential=ASIAIOSFODNN7EXAMPLE%2F20261125%2Feu-west-1%2Fkafka-cluster%2F"
            "aws4_request"
            "&X-Amz-Date=20261125T123456Z&X-Amz-Expires=900&X-Amz-SignedHeaders=host"
            "&X-Amz-Security-Token=IQoJb3JpZ2luX2VjEXAMPLE%2F%2Btoken%3D%3D"
            "&X-Amz-Signature=" +
                signature + "&User-Agent=sluice");
  EXPECT_EQ(token->principal, "ASIAIOSFODNN7EXAMPLE");
}

// Golden tokens from AWS's signer: aws-msk-iam-sasl-signer-python 1.0.2 (botocore 1.44.8) in a
// throwaway venv, MSKAuthTokenProvider.__construct_auth_token("eu-west-1", Credentials(...)) with
// botocore.auth.get_current_datetime patched to return 2026-11-25T12:34:56 UTC. It reported
// expiry 1795610996000 ms (= X-Amz-Date + 900 s) for both. Its User-Agent parameter is
// "aws-msk-iam-sasl-signer-python/1.0.2"; given the same user agent, sluice must produce the very
// same token string.
constexpr char kGoldenLongTerm[] =
    "aHR0cHM6Ly9rYWZrYS5ldS13ZXN0LTEuYW1hem9uYXdzLmNvbS8_QWN0aW9uPWthZmthLWNsdXN0ZXIlM0FDb25uZWN0Jl"
    "gtQW16LUFsZ29yaXRobT1BV1M0LUhNQUMtU0hBMjU2JlgtQW16LUNyZWRlbnRpYWw9QUtJQUlPU0ZPRE5ON0VYQU1QTEUl"
    "MkYyMDI2MTEyNSUyRmV1LXdlc3QtMSUyRmthZmthLWNsdXN0ZXIlMkZhd3M0X3JlcXVlc3QmWC1BbXotRGF0ZT0yMDI2MT"
    "EyNVQxMjM0NTZaJlgtQW16LUV4cGlyZXM9OTAwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCZYLUFtei1TaWduYXR1cmU9"
    "ZGQ5ZjZhZWFiOTY3NTA4MmVmYzU0MGYzNDA0ZTE5YjFhNjU4MzAwMGU1YTcyZjgzMDBkYTI1ZGVhYzllZTYxZSZVc2VyLU"
    "FnZW50PWF3cy1tc2staWFtLXNhc2wtc2lnbmVyLXB5dGhvbiUyRjEuMC4y";
constexpr char kGoldenSession[] =
    "aHR0cHM6Ly9rYWZrYS5ldS13ZXN0LTEuYW1hem9uYXdzLmNvbS8_QWN0aW9uPWthZmthLWNsdXN0ZXIlM0FDb25uZWN0Jl"
    "gtQW16LUFsZ29yaXRobT1BV1M0LUhNQUMtU0hBMjU2JlgtQW16LUNyZWRlbnRpYWw9QVNJQUlPU0ZPRE5ON0VYQU1QTEUl"
    "MkYyMDI2MTEyNSUyRmV1LXdlc3QtMSUyRmthZmthLWNsdXN0ZXIlMkZhd3M0X3JlcXVlc3QmWC1BbXotRGF0ZT0yMDI2MT"
    "EyNVQxMjM0NTZaJlgtQW16LUV4cGlyZXM9OTAwJlgtQW16LVNpZ25lZEhlYWRlcnM9aG9zdCZYLUFtei1TZWN1cml0eS1U"
    "b2tlbj1JUW9KYjNKcFoybHVYMlZqRVhBTVBMRSUyRiUyQnRva2VuJTNEJTNEJlgtQW16LVNpZ25hdHVyZT1kMWZkODM0MT"
    "UzYjliY2NlNDZkOTcyNjcyMzQzMmFhMDkzMzkwZGYxNjc3YWZjZjk1ZDRhYTA5ZGNmYzZiYTI0JlVzZXItQWdlbnQ9YXdz"
    "LW1zay1pYW0tc2FzbC1zaWduZXItcHl0aG9uJTJGMS4wLjI";

std::string without_user_agent(const std::string& url) {
  return url.substr(0, url.rfind("&User-Agent="));
}

TEST(MskIamTokenTest, ReproducesTheAwsPythonSignerByteForByte) {
  constexpr char kPythonUserAgent[] = "aws-msk-iam-sasl-signer-python/1.0.2";
  Result<MskIamToken> plain =
      make_msk_iam_token(long_term(), "eu-west-1", signing_time(), kPythonUserAgent);
  Result<MskIamToken> session =
      make_msk_iam_token(temporary(), "eu-west-1", signing_time(), kPythonUserAgent);
  ASSERT_TRUE(plain.ok() && session.ok());
  EXPECT_EQ(plain->value, kGoldenLongTerm);
  EXPECT_EQ(session->value, kGoldenSession);
  EXPECT_EQ(duration_cast<milliseconds>(plain->expiration.time_since_epoch()).count(),
            1795610996000);

  // With sluice's own user agent only the User-Agent parameter differs.
  Result<MskIamToken> ours = make_msk_iam_token(temporary(), "eu-west-1", signing_time());
  ASSERT_TRUE(ours.ok());
  EXPECT_EQ(without_user_agent(base64url_decode(ours->value)),
            without_user_agent(base64url_decode(kGoldenSession)));
  EXPECT_NE(ours->value, kGoldenSession);
}

TEST(MskIamTokenTest, ExpiryIsTheEarlierOfTokenAndCredentials) {
  system_clock::time_point signed_at = system_clock::time_point(seconds(1795610096));
  AwsCredentials creds = temporary();
  creds.expiration = signing_time() + seconds(300);
  Result<MskIamToken> short_lived = make_msk_iam_token(creds, "eu-west-1", signing_time());
  ASSERT_TRUE(short_lived.ok());
  EXPECT_EQ(short_lived->expiration, signing_time() + seconds(300));

  creds.expiration = signing_time() + hours(2);
  Result<MskIamToken> long_lived = make_msk_iam_token(creds, "eu-west-1", signing_time());
  ASSERT_TRUE(long_lived.ok());
  EXPECT_EQ(long_lived->expiration, signed_at + seconds(900));

  creds.expiration = signing_time() - seconds(1);
  Status expired = make_msk_iam_token(creds, "eu-west-1", signing_time()).status();
  EXPECT_EQ(expired.code(), StatusCode::kRetriable);
  EXPECT_EQ(expired.message(),
            "MSK IAM token: the AWS credentials have expired (access_key_id=ASIAIOSFODNN7EXAMPLE "
            "provider=test session_token=yes)");
}

TEST(MskIamTokenTest, EmptyRegionOrCredentialsAreInvalidAndNameNoSecret) {
  Status no_region = make_msk_iam_token(temporary(), "", signing_time()).status();
  EXPECT_EQ(no_region.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_region.message(), "MSK IAM token: the region is empty");
  Status bad_region = make_msk_iam_token(temporary(), "evil.com/x", signing_time()).status();
  EXPECT_EQ(bad_region.code(), StatusCode::kInvalidArgument);

  AwsCredentials no_secret = temporary();
  no_secret.secret_access_key.clear();
  Status empty = make_msk_iam_token(no_secret, "eu-west-1", signing_time()).status();
  EXPECT_EQ(empty.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.message(),
            "MSK IAM token: the AWS credentials are empty (access_key_id=ASIAIOSFODNN7EXAMPLE "
            "provider=test session_token=yes)");
  EXPECT_EQ(empty.message().find(kSessionToken), std::string::npos);
}

TEST(MskIamRegionTest, RegionFromBrokerHostNames) {
  EXPECT_EQ(
      region_from_msk_broker_hosts("b-1.mycluster.abc123.c2.kafka.us-east-1.amazonaws.com:9098"),
      "us-east-1");
  EXPECT_EQ(region_from_msk_broker_hosts(
                "b-2-public.sink-prod.9z77lu.c4.kafka.eu-central-1.amazonaws.com:9198"),
            "eu-central-1");
  EXPECT_EQ(region_from_msk_broker_hosts("boot-abcd1234.c1.kafka-serverless.ap-southeast-2."
                                         "amazonaws.com:9098"),
            "ap-southeast-2");
  EXPECT_EQ(region_from_msk_broker_hosts("b-1.orders.x1y2z3.c3.kafka.cn-north-1.amazonaws.com.cn"),
            "cn-north-1");
  EXPECT_EQ(region_from_msk_broker_hosts("B-1.Demo.ABC.C2.KAFKA.US-GOV-WEST-1.AMAZONAWS.COM."),
            "us-gov-west-1");
  // A bootstrap list: the first MSK-shaped host wins, blanks are ignored.
  EXPECT_EQ(
      region_from_msk_broker_hosts("localhost:9092, b-1.c.id.c2.kafka.eu-west-1.amazonaws.com:9098,"
                                   "b-2.c.id.c2.kafka.eu-west-2.amazonaws.com:9098"),
      "eu-west-1");
}

TEST(MskIamRegionTest, NonMskHostsHaveNoRegion) {
  EXPECT_EQ(region_from_msk_broker_hosts(""), std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("localhost:9092"), std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("127.0.0.1:9092,[::1]:9092"), std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("kafka.us-east-1.amazonaws.com"), std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("mybucket.s3.us-east-1.amazonaws.com"), std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("b-1.c.id.c2.kafka.notaregion.amazonaws.com:9098"),
            std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("b-1.c.id.c2.kafka.us-east-1.amazonaws.com.evil.org"),
            std::nullopt);
  EXPECT_EQ(region_from_msk_broker_hosts("pkc-abc.us-east-1.aws.confluent.cloud:9092"),
            std::nullopt);
}

using Options = std::vector<std::pair<std::string, std::string>>;

TEST(MskIamLoginOptionsTest, NoOptionsMeanTheDefaultChainAndJavaDefaults) {
  Result<MskIamLoginOptions> o = parse_msk_iam_login_options({});
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->profile_name, "");
  EXPECT_EQ(o->role_arn, "");
  EXPECT_EQ(o->role_session_name, "aws-msk-iam-auth");
  EXPECT_EQ(o->max_retries, 3);
  EXPECT_EQ(o->max_back_off, milliseconds(5000));
  EXPECT_FALSE(o->debug_credentials);
  EXPECT_TRUE(o->add_default_providers);
  EXPECT_TRUE(o->role_source_credentials.empty());
}

TEST(MskIamLoginOptionsTest, EveryOption) {
  Result<MskIamLoginOptions> o =
      parse_msk_iam_login_options({{"awsRoleArn", "arn:aws:iam::123456789012:role/msk_client_role"},
                                   {"awsRoleSessionName", "producer"},
                                   {"awsRoleExternalId", "ext-1"},
                                   {"awsStsRegion", "us-west-2"},
                                   {"awsRoleAccessKeyId", "AKIDROLE"},
                                   {"awsRoleSecretAccessKey", "role-secret"},
                                   {"awsRoleSessionToken", "role-token"},
                                   {"awsDebugCreds", "true"},
                                   {"awsMaxRetries", "7"},
                                   {"awsMaxBackOffTimeMs", "500"},
                                   {"awsAddDefaultProviders", "false"}});
  ASSERT_TRUE(o.ok()) << o.status().to_string();
  EXPECT_EQ(o->role_arn, "arn:aws:iam::123456789012:role/msk_client_role");
  EXPECT_EQ(o->role_session_name, "producer");
  EXPECT_EQ(o->role_external_id, "ext-1");
  EXPECT_EQ(o->sts_region, "us-west-2");
  EXPECT_EQ(o->role_source_credentials.access_key_id, "AKIDROLE");
  EXPECT_EQ(o->role_source_credentials.secret_access_key, "role-secret");
  EXPECT_EQ(o->role_source_credentials.session_token, "role-token");
  EXPECT_TRUE(o->debug_credentials);
  EXPECT_EQ(o->max_retries, 7);
  EXPECT_EQ(o->max_back_off, milliseconds(500));
  EXPECT_FALSE(o->add_default_providers);

  Result<MskIamLoginOptions> profile =
      parse_msk_iam_login_options({{"awsProfileName", "msk_client"}, {"awsDebugCreds", "FALSE"}});
  ASSERT_TRUE(profile.ok());
  EXPECT_EQ(profile->profile_name, "msk_client");
  EXPECT_FALSE(profile->debug_credentials);
}

TEST(MskIamLoginOptionsTest, UnknownOptionIsNamed) {
  Status s = parse_msk_iam_login_options({{"awsProfileName", "p"}, {"awsRegion", "x"}}).status();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(
      s.message().rfind("unknown MSK IAM login option 'awsRegion' (known: awsProfileName,", 0), 0u)
      << s.message();
  // Names are case-sensitive, as in Java.
  EXPECT_EQ(parse_msk_iam_login_options({{"awsprofilename", "p"}}).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(MskIamLoginOptionsTest, BadValuesAndCombinationsAreRefusedWithoutQuotingSecrets) {
  auto message = [](const Options& options) {
    Status s = parse_msk_iam_login_options(options).status();
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
    return s.message();
  };
  EXPECT_EQ(message({{"awsMaxRetries", "three"}}),
            "MSK IAM login option awsMaxRetries: expected an integer 0..100, got 'three'");
  EXPECT_EQ(message({{"awsMaxBackOffTimeMs", "-1"}}),
            "MSK IAM login option awsMaxBackOffTimeMs: expected an integer 0..600000, got '-1'");
  EXPECT_EQ(message({{"awsDebugCreds", "yes"}}),
            "MSK IAM login option awsDebugCreds: expected true or false, got 'yes'");
  EXPECT_EQ(message({{"awsRoleArn", ""}}), "MSK IAM login option awsRoleArn is empty");
  EXPECT_EQ(message({{"awsRoleArn", "arn:x"}, {"awsRoleSessionName", "has space"}}),
            "MSK IAM login option awsRoleSessionName: 'has space' is not 2..64 characters of "
            "letters, digits and _+=,.@-");
  EXPECT_EQ(message({{"awsStsRegion", "us-east-1.evil"}}),
            "MSK IAM login option awsStsRegion: 'us-east-1.evil' is not an AWS region name");
  std::string half =
      message({{"awsRoleArn", "arn:x"}, {"awsRoleSecretAccessKey", "top-secret-value"}});
  EXPECT_EQ(half,
            "MSK IAM login options awsRoleAccessKeyId and awsRoleSecretAccessKey must be set "
            "together");
  EXPECT_EQ(message({{"awsRoleArn", "arn:x"}, {"awsRoleSessionToken", "top-secret-value"}}),
            "MSK IAM login option awsRoleSessionToken needs awsRoleAccessKeyId and "
            "awsRoleSecretAccessKey");
  EXPECT_EQ(message({{"awsRoleAccessKeyId", "AKID"}, {"awsRoleSecretAccessKey", "s"}}),
            "MSK IAM login option awsRoleAccessKeyId needs awsRoleArn");
  EXPECT_EQ(message({{"awsRoleSessionName", "producer"}}),
            "MSK IAM login option awsRoleSessionName needs awsRoleArn");
  EXPECT_EQ(message({{"awsRoleExternalId", "e"}}),
            "MSK IAM login option awsRoleExternalId needs awsRoleArn");
  EXPECT_EQ(message({{"awsRoleArn", "arn:x"},
                     {"awsProfileName", "p"},
                     {"awsRoleAccessKeyId", "AKID"},
                     {"awsRoleSecretAccessKey", "s"}}),
            "MSK IAM login options awsProfileName and awsRoleAccessKeyId both name the "
            "credentials that assume the role; set one");
}

// A credentials source the test controls.
class FakeCredentialsProvider final : public CredentialsProvider {
 public:
  Result<AwsCredentials> credentials() override {
    std::lock_guard lock(mutex_);
    ++calls_;
    if (!error_.ok()) return error_;
    return current_;
  }
  std::string name() const override { return "fake"; }

  void set(AwsCredentials c) {
    std::lock_guard lock(mutex_);
    current_ = std::move(c);
  }
  void fail(Status s) {
    std::lock_guard lock(mutex_);
    error_ = std::move(s);
  }
  int calls() {
    std::lock_guard lock(mutex_);
    return calls_;
  }

 private:
  std::mutex mutex_;
  AwsCredentials current_ = temporary();
  Status error_;
  int calls_ = 0;
};

struct FakeClock {
  system_clock::time_point now = signing_time();
  std::function<system_clock::time_point()> fn() {
    return [this] { return now; };
  }
};

TEST(MskIamTokenProviderTest, CachesUntilFourFifthsOfTheLifetime) {
  auto source = std::make_shared<FakeCredentialsProvider>();
  FakeClock clock;
  MskIamTokenProvider provider(source, "eu-west-1", clock.fn(), "sluice-test");
  Result<MskIamToken> first = provider.token();
  ASSERT_TRUE(first.ok()) << first.status().to_string();
  EXPECT_EQ(first->expiration, system_clock::time_point(seconds(1795610096 + 900)));
  EXPECT_NE(base64url_decode(first->value).find("&User-Agent=sluice-test"), std::string::npos);

  // The lifetime counts from the call (12:34:56.789) to the expiry (12:49:56): one fifth of
  // 899.211 s is 179.8422 s, so the token is kept until 12:46:56.1578 (call + 719.3688 s).
  clock.now = signing_time() + milliseconds(719'000);
  EXPECT_EQ(provider.token()->value, first->value);
  clock.now = signing_time() + milliseconds(719'368);
  EXPECT_EQ(provider.token()->value, first->value);
  clock.now = signing_time() + milliseconds(719'369);
  Result<MskIamToken> second = provider.token();
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->value, first->value);
  EXPECT_NE(base64url_decode(second->value).find("X-Amz-Date=20261125T124656Z"), std::string::npos);
  EXPECT_EQ(source->calls(), 4);  // asked every time: that is how a change is noticed
}

TEST(MskIamTokenProviderTest, NewTokenWhenTheCredentialsChange) {
  auto source = std::make_shared<FakeCredentialsProvider>();
  FakeClock clock;
  MskIamTokenProvider provider(source, "eu-west-1", clock.fn());
  Result<MskIamToken> first = provider.token();
  ASSERT_TRUE(first.ok());
  AwsCredentials rotated = temporary();
  rotated.session_token = "rotated-token";
  source->set(rotated);
  clock.now += seconds(1);
  Result<MskIamToken> second = provider.token();
  ASSERT_TRUE(second.ok());
  EXPECT_NE(second->value, first->value);
  EXPECT_NE(base64url_decode(second->value).find("X-Amz-Security-Token=rotated-token"),
            std::string::npos);
  // Same key id, same secret, same token: the cached one again.
  clock.now += seconds(1);
  EXPECT_EQ(provider.token()->value, second->value);
}

TEST(MskIamTokenProviderTest, ShortLivedCredentialsShortenTheTokenAndItsCache) {
  auto source = std::make_shared<FakeCredentialsProvider>();
  AwsCredentials creds = temporary();
  creds.expiration = signing_time() + seconds(100);
  source->set(creds);
  FakeClock clock;
  MskIamTokenProvider provider(source, "eu-west-1", clock.fn());
  Result<MskIamToken> first = provider.token();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->expiration, signing_time() + seconds(100));
  clock.now += seconds(79);
  EXPECT_EQ(provider.token()->value, first->value);
  clock.now += seconds(1);  // 80 s of 100: due
  EXPECT_NE(provider.token()->value, first->value);
}

TEST(MskIamTokenProviderTest, CredentialErrorsCarryTheRegion) {
  auto source = std::make_shared<FakeCredentialsProvider>();
  source->fail(Status::fatal("no AWS credentials found"));
  MskIamTokenProvider provider(source, "eu-west-1");
  Status s = provider.token().status();
  EXPECT_EQ(s.code(), StatusCode::kFatal);
  EXPECT_EQ(s.message(), "MSK IAM token for eu-west-1: no AWS credentials found");
}

TEST(MskIamTokenProviderTest, ThreadsShareOneToken) {
  auto source = std::make_shared<FakeCredentialsProvider>();
  FakeClock clock;
  MskIamTokenProvider provider(source, "eu-west-1", clock.fn());
  std::string expected = provider.token()->value;
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        Result<MskIamToken> token = provider.token();
        if (!token.ok() || token->value != expected) ++mismatches;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(mismatches.load(), 0);
}

EnvironmentCredentialsProvider::Lookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const char* name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end()) return std::nullopt;
    return it->second;
  };
}

// Nothing outside the test: no IMDS, no container, no shared files of the machine.
std::map<std::string, std::string> isolated_env() {
  return {{"AWS_EC2_METADATA_DISABLED", "true"},
          {"AWS_CONFIG_FILE", "/nonexistent/config"},
          {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials"}};
}

std::string principal_of(const MskIamLoginOptions& options, DefaultChainOptions chain) {
  auto provider = make_msk_iam_token_provider(options, "eu-west-1", std::move(chain));
  EXPECT_TRUE(provider.ok()) << provider.status().to_string();
  if (!provider.ok()) return "";
  Result<MskIamToken> token = (*provider)->token();
  EXPECT_TRUE(token.ok()) << token.status().to_string();
  return token.ok() ? token->principal : "";
}

TEST(MakeMskIamTokenProviderTest, DefaultChainFromTheEnvironment) {
  auto vars = isolated_env();
  vars["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  DefaultChainOptions chain;
  chain.env = env_of(vars);
  EXPECT_EQ(principal_of({}, chain), "AKIDENV");

  EXPECT_EQ(make_msk_iam_token_provider({}, "", chain).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(MakeMskIamTokenProviderTest, NamedProfileInsteadOfTheChain) {
  std::string path = ::testing::TempDir() + "/sluice-msk-credentials";
  std::ofstream(path) << "[default]\naws_access_key_id = AKIDDEFAULT\n"
                         "aws_secret_access_key = d\n[msk_client]\n"
                         "aws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n";
  auto vars = isolated_env();
  vars["AWS_SHARED_CREDENTIALS_FILE"] = path;
  vars["AWS_ACCESS_KEY_ID"] = "AKIDENV";  // would win in the default chain
  vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  DefaultChainOptions chain;
  chain.env = env_of(vars);
  Result<MskIamLoginOptions> options =
      parse_msk_iam_login_options({{"awsProfileName", "msk_client"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(principal_of(*options, chain), "AKIDPROFILE");
  std::remove(path.c_str());
}

// aws-msk-iam-auth puts the profile before the role in its chain: with both options the profile's
// keys sign and no role is assumed.
TEST(MakeMskIamTokenProviderTest, ProfileTakesPrecedenceOverTheRoleAsInJava) {
  TestHttpServer sts;
  sts.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.status = 500;  // must not be called
  });
  std::string path = ::testing::TempDir() + "/sluice-msk-credentials-role";
  std::ofstream(path)
      << "[msk_client]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = p\n";
  auto vars = isolated_env();
  vars["AWS_SHARED_CREDENTIALS_FILE"] = path;
  DefaultChainOptions chain;
  chain.env = env_of(vars);
  chain.sts.endpoint = sts.base_url();
  Result<MskIamLoginOptions> options = parse_msk_iam_login_options(
      {{"awsProfileName", "msk_client"}, {"awsRoleArn", "arn:aws:iam::123456789012:role/msk"}});
  ASSERT_TRUE(options.ok()) << options.status().to_string();
  EXPECT_EQ(principal_of(*options, chain), "AKIDPROFILE");
  EXPECT_TRUE(sts.requests().empty());
  std::remove(path.c_str());
}

// Spec msk-connect-and-aws.md §5.7, success shape.
const char* kAssumeRoleOk =
    "<AssumeRoleResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><AssumeRoleResult>"
    "<AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn>"
    "<AssumedRoleId>AROA:s</AssumedRoleId></AssumedRoleUser><Credentials>"
    "<AccessKeyId>ASIAROLE</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey>"
    "<SessionToken>role-token</SessionToken><Expiration>2099-01-01T12:00:00Z</Expiration>"
    "</Credentials></AssumeRoleResult><ResponseMetadata><RequestId>req-1</RequestId>"
    "</ResponseMetadata></AssumeRoleResponse>";

TEST(MakeMskIamTokenProviderTest, AssumesTheRoleWithJavaDefaultsInTheTokenRegion) {
  TestHttpServer sts;
  sts.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kAssumeRoleOk, "text/xml");
  });
  auto vars = isolated_env();
  vars["AWS_ACCESS_KEY_ID"] = "AKIDENV";
  vars["AWS_SECRET_ACCESS_KEY"] = "env-secret";
  DefaultChainOptions chain;
  chain.env = env_of(vars);
  chain.sts.endpoint = sts.base_url();
  Result<MskIamLoginOptions> options =
      parse_msk_iam_login_options({{"awsRoleArn", "arn:aws:iam::123456789012:role/msk"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(principal_of(*options, chain), "ASIAROLE");
  auto requests = sts.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].body.find("Action=AssumeRole&"), std::string::npos);
  EXPECT_NE(requests[0].body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Fmsk"),
            std::string::npos);
  EXPECT_NE(requests[0].body.find("RoleSessionName=aws-msk-iam-auth"), std::string::npos);
  EXPECT_EQ(requests[0].body.find("ExternalId"), std::string::npos);
  // Signed by the environment's keys for STS in the token's region.
  EXPECT_NE(requests[0].header("Authorization").find("Credential=AKIDENV/"), std::string::npos);
  EXPECT_NE(requests[0].header("Authorization").find("/eu-west-1/sts/aws4_request"),
            std::string::npos);
}

TEST(MakeMskIamTokenProviderTest, RoleKeysExternalIdAndStsRegionFromTheOptions) {
  TestHttpServer sts;
  sts.set_handler([](const RecordedRequest&, httplib::Response& res) {
    res.set_content(kAssumeRoleOk, "text/xml");
  });
  DefaultChainOptions chain;
  chain.env = env_of(isolated_env());  // no credentials anywhere but the options
  chain.sts.endpoint = sts.base_url();
  Result<MskIamLoginOptions> options =
      parse_msk_iam_login_options({{"awsRoleArn", "arn:aws:iam::123456789012:role/msk"},
                                   {"awsRoleSessionName", "producer"},
                                   {"awsRoleExternalId", "ext-7"},
                                   {"awsStsRegion", "us-west-2"},
                                   {"awsRoleAccessKeyId", "AKIDOPTION"},
                                   {"awsRoleSecretAccessKey", "option-secret"},
                                   {"awsRoleSessionToken", "option-token"}});
  ASSERT_TRUE(options.ok());
  EXPECT_EQ(principal_of(*options, chain), "ASIAROLE");
  auto requests = sts.requests();
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_NE(requests[0].body.find("RoleSessionName=producer"), std::string::npos);
  EXPECT_NE(requests[0].body.find("ExternalId=ext-7"), std::string::npos);
  EXPECT_NE(requests[0].header("Authorization").find("Credential=AKIDOPTION/"), std::string::npos);
  EXPECT_NE(requests[0].header("Authorization").find("/us-west-2/sts/aws4_request"),
            std::string::npos);
  EXPECT_EQ(requests[0].header("X-Amz-Security-Token"), "option-token");
}

TEST(MakeMskIamTokenProviderTest, TransientCredentialFailuresAreRetriedAsConfigured) {
  TestHttpServer sts;
  std::atomic<int> calls{0};
  sts.set_handler([&](const RecordedRequest&, httplib::Response& res) {
    if (++calls <= 2) {
      res.status = 503;
      res.set_content(
          "<ErrorResponse><Error><Code>ServiceUnavailable</Code></Error></ErrorResponse>",
          "text/xml");
      return;
    }
    res.set_content(kAssumeRoleOk, "text/xml");
  });
  DefaultChainOptions chain;
  chain.env = env_of(isolated_env());
  chain.sts.endpoint = sts.base_url();
  Options base = {{"awsRoleArn", "arn:aws:iam::1:role/r"},
                  {"awsRoleAccessKeyId", "AKIDOPTION"},
                  {"awsRoleSecretAccessKey", "s"},
                  {"awsMaxBackOffTimeMs", "1"}};

  Options no_retries = base;
  no_retries.emplace_back("awsMaxRetries", "0");
  auto failing =
      make_msk_iam_token_provider(*parse_msk_iam_login_options(no_retries), "eu-west-1", chain);
  ASSERT_TRUE(failing.ok());
  EXPECT_EQ((*failing)->token().status().code(), StatusCode::kRetriable);
  EXPECT_EQ(calls.load(), 1);

  Options two_retries = base;
  two_retries.emplace_back("awsMaxRetries", "2");
  auto retrying =
      make_msk_iam_token_provider(*parse_msk_iam_login_options(two_retries), "eu-west-1", chain);
  ASSERT_TRUE(retrying.ok());
  calls = 1;  // one more failure, then success on the second retry
  Result<MskIamToken> token = (*retrying)->token();
  ASSERT_TRUE(token.ok()) << token.status().to_string();
  EXPECT_EQ(token->principal, "ASIAROLE");
  EXPECT_EQ(calls.load(), 3);
}

}  // namespace
}  // namespace sluice::aws
