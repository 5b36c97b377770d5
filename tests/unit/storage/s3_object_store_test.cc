// S3ObjectStore request building, error handling and retries, against an in-process HTTP server
// that records requests and returns canned S3 answers.
#include "storage/s3_object_store.h"

#include <gtest/gtest.h>

#include <ctime>
#include <deque>
#include <mutex>
#include <regex>

#include "aws/hashing.h"
#include "aws/sigv4_signer.h"
#include "aws/static_credentials_provider.h"
#include "aws/uri_encoding.h"
#include "http/test_http_server.h"
#include "storage/object_etag.h"

namespace sluice::storage {
namespace {

using std::chrono::milliseconds;
using std::chrono::system_clock;
using testing::RecordedRequest;

constexpr const char* kAccessKeyId = "AKIDTESTEXAMPLE";
constexpr const char* kSecret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYTESTKEY";
// base64 of 32 bytes 0x00..0x1f, and base64 of its MD5.
constexpr const char* kCustomerKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

system_clock::time_point parse_amz_date(const std::string& text) {
  std::tm tm{};
  strptime(text.c_str(), "%Y%m%dT%H%M%SZ", &tm);
  return system_clock::from_time_t(timegm(&tm));
}

const system_clock::time_point kNow = parse_amz_date("20260102T030405Z");

struct Canned {
  int status = 200;
  http::HeaderList headers;
  std::string body;
};

// Counts invalidations and can hand out a session token.
class CountingProvider : public aws::CredentialsProvider {
 public:
  Result<aws::AwsCredentials> credentials() override {
    aws::AwsCredentials c;
    c.access_key_id = kAccessKeyId;
    c.secret_access_key = kSecret;
    c.session_token = session_token;
    c.provider = "test";
    return c;
  }
  void invalidate() override { ++invalidations; }
  std::string name() const override { return "test"; }
  std::string session_token;
  int invalidations = 0;
};

class S3ObjectStoreTest : public ::testing::Test {
 protected:
  S3ObjectStoreTest() {
    server_.set_handler([this](const RecordedRequest&, httplib::Response& res) {
      Canned canned;
      {
        std::lock_guard lock(mutex_);
        if (!responses_.empty()) {
          canned = std::move(responses_.front());
          responses_.pop_front();
        }
      }
      res.status = canned.status;
      for (const auto& [name, value] : canned.headers) res.set_header(name, value);
      if (!canned.body.empty()) res.set_content(canned.body, "application/xml");
    });
    provider_ = std::make_shared<CountingProvider>();
  }

  void respond(int status, std::string body = "", http::HeaderList headers = {}) {
    std::lock_guard lock(mutex_);
    responses_.push_back(Canned{status, std::move(headers), std::move(body)});
  }

  S3StoreOptions options() {
    S3StoreOptions o;
    o.bucket = "test-bucket";
    o.region = "us-east-1";
    o.endpoint = server_.base_url();
    o.path_style = true;
    o.max_attempts = 3;
    o.retry_backoff_base = milliseconds(200);
    o.http.expect_continue = false;
    o.http.request_timeout = milliseconds(5000);
    return o;
  }

  std::unique_ptr<S3ObjectStore> store(S3StoreOptions o) {
    S3StoreClock clock;
    clock.now = [this] { return now_; };
    clock.sleep = [this](milliseconds d) { sleeps_.push_back(d); };
    clock.uniform = [] { return 0.5; };
    Result<std::unique_ptr<S3ObjectStore>> s =
        S3ObjectStore::create(std::move(o), provider_, clock);
    EXPECT_TRUE(s.ok()) << s.status().to_string();
    return std::move(s).value();
  }
  std::unique_ptr<S3ObjectStore> store() { return store(options()); }

  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::string host() const { return "127.0.0.1:" + std::to_string(server_.port()); }

  // Recomputes the signature from what arrived on the wire: proves that the bytes sent (path,
  // query, headers) are the bytes signed.
  void expect_valid_signature(const RecordedRequest& r) {
    std::smatch m;
    std::string authorization = r.header("Authorization");
    ASSERT_TRUE(std::regex_match(
        authorization, m,
        std::regex("AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/us-east-1/s3/aws4_request, "
                   "SignedHeaders=([a-z0-9;-]+), Signature=([0-9a-f]{64})")))
        << authorization;
    EXPECT_EQ(m[1].str(), kAccessKeyId);
    aws::SignableRequest s;
    s.method = r.method;
    s.canonical_uri = r.path;
    std::string query = r.query;
    size_t start = 0;
    while (start < query.size()) {
      size_t end = query.find('&', start);
      std::string pair =
          query.substr(start, end == std::string::npos ? std::string::npos : end - start);
      size_t eq = pair.find('=');
      s.query.emplace_back(aws::uri_decode(pair.substr(0, eq)),
                           eq == std::string::npos ? "" : aws::uri_decode(pair.substr(eq + 1)));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    std::string names = m[3].str();
    size_t pos = 0;
    while (pos <= names.size()) {
      size_t semi = names.find(';', pos);
      std::string name =
          names.substr(pos, semi == std::string::npos ? std::string::npos : semi - pos);
      EXPECT_TRUE(r.has_header(name)) << "signed header not sent: " << name;
      s.headers.emplace_back(name, r.header(name));
      if (semi == std::string::npos) break;
      pos = semi + 1;
    }
    s.payload_hash = r.header("x-amz-content-sha256");
    if (s.payload_hash != aws::kUnsignedPayload) {
      EXPECT_EQ(s.payload_hash, aws::sha256_hex(r.body));
    }
    aws::AwsCredentials c = provider_->credentials().value();
    aws::SigningResult expected =
        aws::SigV4Signer("s3", "us-east-1").sign(s, c, parse_amz_date(r.header("x-amz-date")));
    EXPECT_EQ(m[4].str(), expected.signature) << expected.canonical_request;
  }

  testing::TestHttpServer server_;
  std::mutex mutex_;
  std::deque<Canned> responses_;
  std::shared_ptr<CountingProvider> provider_;
  system_clock::time_point now_ = kNow;
  std::vector<milliseconds> sleeps_;
};

TEST_F(S3ObjectStoreTest, PutObjectSendsSignedRequestWithObjectHeaders) {
  respond(200, "", {{"ETag", "\"abc\""}});
  PutOptions put;
  put.canned_acl = "bucket-owner-full-control";
  put.encryption = ServerSideEncryption::kS3;
  put.send_content_md5 = true;
  put.content_type = "application/json";
  ASSERT_TRUE(store()->put_object("topics/a+b c.json", "{\"x\":1}\n", put).ok());

  ASSERT_EQ(requests().size(), 1u);
  const RecordedRequest r = requests()[0];
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.target, "/test-bucket/topics/a%2Bb%20c.json");
  EXPECT_EQ(r.body, "{\"x\":1}\n");
  EXPECT_EQ(r.header("Host"), host());
  EXPECT_EQ(r.header("x-amz-date"), "20260102T030405Z");
  // Plain http: the payload is hashed (spec msk-connect-and-aws.md §4.4).
  EXPECT_EQ(r.header("x-amz-content-sha256"), aws::sha256_hex("{\"x\":1}\n"));
  EXPECT_EQ(r.header("x-amz-acl"), "bucket-owner-full-control");
  EXPECT_EQ(r.header("x-amz-server-side-encryption"), "AES256");
  EXPECT_EQ(r.header("Content-MD5"), aws::base64_encode(aws::md5("{\"x\":1}\n")));
  EXPECT_EQ(r.header("Content-Type"), "application/json");
  EXPECT_EQ(r.header("User-Agent"), "sluice/" SLUICE_VERSION);
  EXPECT_FALSE(r.has_header("If-None-Match"));
  EXPECT_FALSE(r.has_header("x-amz-security-token"));
  EXPECT_NE(r.header("Authorization")
                .find("SignedHeaders=content-md5;content-type;host;x-amz-acl;x-amz-content-sha256;"
                      "x-amz-date;x-amz-server-side-encryption, Signature="),
            std::string::npos)
      << r.header("Authorization");
  expect_valid_signature(r);
}

TEST_F(S3ObjectStoreTest, UnsignedPayloadModeSendsTheLiteral) {
  S3StoreOptions o = options();
  o.payload_signing = PayloadSigning::kUnsigned;
  ASSERT_TRUE(store(o)->put_object("k", "body", {}).ok());
  EXPECT_EQ(requests()[0].header("x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  expect_valid_signature(requests()[0]);
}

TEST_F(S3ObjectStoreTest, SessionTokenIsSentAndSigned) {
  provider_->session_token = "FwoGZXIvYXdzEXAMPLETOKEN";
  ASSERT_TRUE(store()->put_object("k", "body", {}).ok());
  const RecordedRequest r = requests()[0];
  EXPECT_EQ(r.header("x-amz-security-token"), "FwoGZXIvYXdzEXAMPLETOKEN");
  EXPECT_NE(r.header("Authorization").find(";x-amz-security-token, Signature="), std::string::npos);
  expect_valid_signature(r);
}

TEST_F(S3ObjectStoreTest, ExpectContinueOptionAddsTheHeader) {
  S3StoreOptions o = options();
  o.http.expect_continue = true;
  ASSERT_TRUE(store(o)->put_object("k", "body", {}).ok());
  EXPECT_EQ(requests()[0].header("Expect"), "100-continue");
  // Not signed (spec §4.3): a proxy may drop it.
  EXPECT_EQ(requests()[0].header("Authorization").find("expect"), std::string::npos);
  expect_valid_signature(requests()[0]);
}

TEST_F(S3ObjectStoreTest, IfNoneMatchPutThatFindsTheKeyIsConflict) {
  respond(412,
          "<Error><Code>PreconditionFailed</Code><Message>At least one of the pre-conditions "
          "you specified did not hold</Message><RequestId>R412</RequestId></Error>");
  PutOptions put;
  put.if_none_match_star = true;
  Status st = store()->put_object("k", "body", put);
  EXPECT_EQ(st.code(), StatusCode::kConflict);
  EXPECT_EQ(requests()[0].header("If-None-Match"), "*");
  EXPECT_EQ(requests().size(), 1u);
}

TEST_F(S3ObjectStoreTest, MultipartUploadRequestsCarryTheRightHeadersAndBody) {
  respond(200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<InitiateMultipartUploadResult "
          "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Bucket>test-bucket</Bucket>"
          "<Key>topics/t/t+0+0000000000.json</Key><UploadId>VXBsb2FkIElE/+x=</UploadId>"
          "</InitiateMultipartUploadResult>");
  respond(200, "", {{"ETag", "\"etag-1\""}});
  respond(200, "", {{"ETag", "\"etag-2\""}});
  respond(
      200,
      "<CompleteMultipartUploadResult><ETag>\"final-2\"</ETag></CompleteMultipartUploadResult>");
  auto s3 = store();
  PutOptions put;
  put.canned_acl = "bucket-owner-full-control";
  put.encryption = ServerSideEncryption::kCustomerKey;
  put.customer_key_base64 = kCustomerKey;
  put.if_none_match_star = true;
  put.send_content_md5 = true;
  const std::string key = "topics/t/t+0+0000000000.json";

  Result<std::string> upload = s3->create_multipart_upload(key, put);
  ASSERT_TRUE(upload.ok()) << upload.status().to_string();
  EXPECT_EQ(*upload, "VXBsb2FkIElE/+x=");
  Result<std::string> e1 = s3->upload_part(key, *upload, 1, "part one", put);
  Result<std::string> e2 = s3->upload_part(key, *upload, 2, "part two", put);
  ASSERT_TRUE(e1.ok() && e2.ok());
  EXPECT_EQ(*e1, "\"etag-1\"");
  ASSERT_TRUE(s3->complete_multipart_upload(key, *upload, {*e1, *e2}, put).ok());

  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 4u);
  // CreateMultipartUpload: POST ?uploads= with ACL and SSE-C (spec confluent-s3-sink.md §6.2).
  EXPECT_EQ(r[0].method, "POST");
  EXPECT_EQ(r[0].target, "/test-bucket/topics/t/t%2B0%2B0000000000.json?uploads=");
  EXPECT_EQ(r[0].header("x-amz-acl"), "bucket-owner-full-control");
  EXPECT_EQ(r[0].header("x-amz-server-side-encryption-customer-algorithm"), "AES256");
  EXPECT_EQ(r[0].header("x-amz-server-side-encryption-customer-key"), kCustomerKey);
  EXPECT_EQ(r[0].header("x-amz-server-side-encryption-customer-key-MD5"),
            aws::base64_encode(aws::md5(*aws::base64_decode(kCustomerKey))));
  EXPECT_FALSE(r[0].has_header("x-amz-server-side-encryption"));
  EXPECT_FALSE(r[0].has_header("If-None-Match"));
  EXPECT_FALSE(r[0].has_header("Content-MD5"));
  // UploadPart: SSE-C and Content-MD5, no ACL; query sorted and encoded.
  EXPECT_EQ(r[1].method, "PUT");
  EXPECT_EQ(
      r[1].target,
      "/test-bucket/topics/t/t%2B0%2B0000000000.json?partNumber=1&uploadId=VXBsb2FkIElE%2F%2Bx%3D");
  EXPECT_EQ(r[1].body, "part one");
  EXPECT_EQ(r[1].header("Content-MD5"), aws::base64_encode(aws::md5("part one")));
  EXPECT_EQ(r[1].header("x-amz-server-side-encryption-customer-key"), kCustomerKey);
  EXPECT_FALSE(r[1].has_header("x-amz-acl"));
  EXPECT_EQ(r[2].target.find("?partNumber=2&"), r[1].target.find("?partNumber=1&"));
  // CompleteMultipartUpload: parts in order with quoted ETags, If-None-Match (spec §6.4).
  EXPECT_EQ(r[3].method, "POST");
  EXPECT_EQ(r[3].target,
            "/test-bucket/topics/t/t%2B0%2B0000000000.json?uploadId=VXBsb2FkIElE%2F%2Bx%3D");
  EXPECT_EQ(r[3].header("If-None-Match"), "*");
  EXPECT_FALSE(r[3].has_header("x-amz-acl"));
  EXPECT_FALSE(r[3].has_header("x-amz-server-side-encryption-customer-key"));
  EXPECT_EQ(r[3].body,
            "<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">"
            "<Part><PartNumber>1</PartNumber><ETag>\"etag-1\"</ETag></Part>"
            "<Part><PartNumber>2</PartNumber><ETag>\"etag-2\"</ETag></Part>"
            "</CompleteMultipartUpload>");
  for (const RecordedRequest& each : r) expect_valid_signature(each);
}

TEST_F(S3ObjectStoreTest, KmsHeadersGoOnCreateOnly) {
  respond(200,
          "<InitiateMultipartUploadResult><UploadId>u1</UploadId></InitiateMultipartUploadResult>");
  respond(200, "", {{"ETag", "\"e\""}});
  auto s3 = store();
  PutOptions put;
  put.encryption = ServerSideEncryption::kKms;
  put.kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc";
  ASSERT_TRUE(s3->create_multipart_upload("k", put).ok());
  ASSERT_TRUE(s3->upload_part("k", "u1", 1, "x", put).ok());
  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].header("x-amz-server-side-encryption"), "aws:kms");
  EXPECT_EQ(r[0].header("x-amz-server-side-encryption-aws-kms-key-id"),
            "arn:aws:kms:us-east-1:111122223333:key/abc");
  EXPECT_FALSE(r[1].has_header("x-amz-server-side-encryption"));
  EXPECT_FALSE(r[1].has_header("x-amz-server-side-encryption-aws-kms-key-id"));
}

TEST_F(S3ObjectStoreTest, RetriesTransientErrorsWithFullJitterThenSucceeds) {
  respond(503,
          "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
          "<RequestId>R1</RequestId></Error>");
  respond(500,
          "<Error><Code>InternalError</Code><Message>We encountered an internal error."
          "</Message><RequestId>R2</RequestId></Error>");
  respond(200, "", {{"ETag", "\"ok\""}});
  auto s3 = store();
  now_ = kNow;
  ASSERT_TRUE(s3->put_object("k", "body", {}).ok());
  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 3u);
  // Draw 0.5 each time: half of 200 ms before attempt 2, half of 400 ms before attempt 3.
  EXPECT_EQ(sleeps_, (std::vector<milliseconds>{milliseconds(100), milliseconds(200)}));
  for (const RecordedRequest& each : r) {
    EXPECT_EQ(each.body, "body");
    expect_valid_signature(each);
  }
}

TEST_F(S3ObjectStoreTest, EachAttemptIsSignedWithTheCurrentTime) {
  respond(503, "<Error><Code>SlowDown</Code></Error>");
  respond(200);
  int calls = 0;
  // Time moves on between attempts; the retry must carry a fresh x-amz-date.
  S3StoreOptions o = options();
  Result<std::unique_ptr<S3ObjectStore>> moving =
      S3ObjectStore::create(o, provider_,
                            S3StoreClock{[&] { return kNow + std::chrono::seconds(calls++ * 30); },
                                         [](milliseconds) {}, [] { return 0.0; }});
  ASSERT_TRUE(moving.ok());
  ASSERT_TRUE((*moving)->put_object("k", "b", {}).ok());
  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_NE(r[0].header("x-amz-date"), r[1].header("x-amz-date"));
  expect_valid_signature(r[1]);
}

TEST_F(S3ObjectStoreTest, GivesUpAfterMaxAttemptsWithARetriableStatus) {
  for (int i = 0; i < 3; ++i) {
    respond(503,
            "<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message>"
            "<RequestId>REQ" +
                std::to_string(i) + "</RequestId></Error>");
  }
  Status st = store()->put_object("topics/x", "body", {});
  EXPECT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_EQ(requests().size(), 3u);
  EXPECT_EQ(sleeps_.size(), 2u);
  EXPECT_EQ(st.message(),
            "S3 PutObject failed: bucket=test-bucket key=topics/x status=503 code=SlowDown "
            "message=\"Please reduce your request rate.\" request_id=REQ2 attempts=3");
}

TEST_F(S3ObjectStoreTest, MaxAttemptsOneMeansNoRetry) {
  respond(500, "<Error><Code>InternalError</Code></Error>");
  S3StoreOptions o = options();
  o.max_attempts = 1;
  EXPECT_EQ(store(o)->put_object("k", "b", {}).code(), StatusCode::kRetriable);
  EXPECT_EQ(requests().size(), 1u);
  EXPECT_TRUE(sleeps_.empty());
}

TEST_F(S3ObjectStoreTest, AccessDeniedIsFatalAtOnceAndNamesKeyIdAndAction) {
  respond(403,
          "<Error><Code>AccessDenied</Code><Message>Access Denied</Message>"
          "<RequestId>DENY1</RequestId><HostId>h</HostId></Error>",
          {{"x-amz-request-id", "DENY1"}});
  Status st = store()->put_object("topics/secret.json", "b", {});
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_EQ(requests().size(), 1u);
  EXPECT_TRUE(sleeps_.empty());
  EXPECT_EQ(st.message(),
            "S3 PutObject failed: bucket=test-bucket key=topics/secret.json status=403 "
            "code=AccessDenied message=\"Access Denied\" request_id=DENY1 attempts=1: "
            "access_key_id=AKIDTESTEXAMPLE is not allowed PutObject (needs s3:PutObject)");
  EXPECT_EQ(st.message().find(kSecret), std::string::npos);
}

TEST_F(S3ObjectStoreTest, SignatureMismatchPointsAtTheSecret) {
  respond(403,
          "<Error><Code>SignatureDoesNotMatch</Code><Message>The request signature we "
          "calculated does not match the signature you provided.</Message></Error>");
  Status st = store()->delete_object("k");
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("the secret access key does not match access_key_id=AKIDTESTEXAMPLE"),
            std::string::npos)
      << st.message();
  EXPECT_EQ(st.message().find(kSecret), std::string::npos);
}

TEST_F(S3ObjectStoreTest, OtherClientErrorsAreNotRetried) {
  respond(400, "<Error><Code>InvalidArgument</Code><Message>bad</Message></Error>");
  EXPECT_EQ(store()->put_object("k", "b", {}).code(), StatusCode::kFatal);
  EXPECT_EQ(requests().size(), 1u);
}

TEST_F(S3ObjectStoreTest, ClockSkewAdoptsTheServerClockAndResigns) {
  // Server 20 minutes ahead.
  respond(403,
          "<Error><Code>RequestTimeTooSkewed</Code><Message>The difference between the request "
          "time and the current time is too large.</Message><RequestTime>20260102T030405Z"
          "</RequestTime><ServerTime>2026-01-02T03:24:05Z</ServerTime></Error>",
          {{"Date", "Fri, 02 Jan 2026 03:24:05 GMT"}});
  respond(200);
  auto s3 = store();
  ASSERT_TRUE(s3->put_object("k", "b", {}).ok());
  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 2u);
  EXPECT_EQ(r[0].header("x-amz-date"), "20260102T030405Z");
  EXPECT_EQ(r[1].header("x-amz-date"), "20260102T032405Z");
  EXPECT_EQ(s3->clock_offset(), std::chrono::seconds(1200));
  expect_valid_signature(r[1]);
}

TEST_F(S3ObjectStoreTest, PersistentClockSkewReportsBothTimes) {
  for (int i = 0; i < 3; ++i) {
    respond(403,
            "<Error><Code>RequestTimeTooSkewed</Code><Message>too skewed</Message>"
            "<ServerTime>2026-01-02T03:24:05Z</ServerTime></Error>");
  }
  Status st = store()->put_object("k", "b", {});
  EXPECT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_NE(st.message().find("code=RequestTimeTooSkewed message=\"too skewed (our x-amz-date "
                              "20260102T030405Z, server time 2026-01-02T03:24:05Z: check the "
                              "host's clock)\""),
            std::string::npos)
      << st.message();
}

TEST_F(S3ObjectStoreTest, ExpiredTokenRefreshesCredentialsAndRetriesOnce) {
  respond(400,
          "<Error><Code>ExpiredToken</Code><Message>The provided token has expired."
          "</Message></Error>");
  respond(200);
  S3StoreOptions o = options();
  o.max_attempts = 1;  // the refresh retry does not count against the attempts
  ASSERT_TRUE(store(o)->put_object("k", "b", {}).ok());
  EXPECT_EQ(provider_->invalidations, 1);
  EXPECT_EQ(requests().size(), 2u);
}

TEST_F(S3ObjectStoreTest, CompleteRetriesAnErrorEmbeddedInA200) {
  respond(200,
          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\n   \n<Error><Code>InternalError"
          "</Code><Message>We encountered an internal error. Please try again.</Message>"
          "<RequestId>EMB</RequestId></Error>");
  respond(200,
          "<CompleteMultipartUploadResult><ETag>\"x-1\"</ETag></CompleteMultipartUploadResult>");
  ASSERT_TRUE(store()->complete_multipart_upload("k", "u", {"\"e\""}, {}).ok());
  EXPECT_EQ(requests().size(), 2u);
  EXPECT_EQ(sleeps_.size(), 1u);
}

TEST_F(S3ObjectStoreTest, CompleteConflictOn412) {
  respond(412,
          "<Error><Code>PreconditionFailed</Code><Message>At least one of the "
          "pre-conditions you specified did not hold</Message></Error>");
  PutOptions put;
  put.if_none_match_star = true;
  Status st = store()->complete_multipart_upload("k", "u", {"\"e\""}, put);
  EXPECT_EQ(st.code(), StatusCode::kConflict);
  EXPECT_NE(st.message().find("upload_id=u status=412 code=PreconditionFailed"), std::string::npos)
      << st.message();
}

TEST_F(S3ObjectStoreTest, CompleteRetryThatFindsUploadGoneChecksTheObject) {
  // Spec §6.4: the first attempt may have completed although its response was lost.
  respond(500, "<Error><Code>InternalError</Code></Error>");
  respond(404,
          "<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist."
          "</Message></Error>");
  respond(200);  // HeadObject
  ASSERT_TRUE(store()->complete_multipart_upload("k", "u", {"\"e\""}, {}).ok());
  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[2].method, "HEAD");
  EXPECT_EQ(r[2].target, "/test-bucket/k");
}

// A Complete whose answer was lost (here: a 500 stands for the lost answer, as the store cannot
// tell them apart) and whose retry meets NoSuchUpload: HeadObject's ETag decides.
class LostCompletionTest : public S3ObjectStoreTest {
 protected:
  const std::vector<std::string> parts_ = {put_object_etag("part one"),
                                           put_object_etag("part two")};
  Status complete_after_lost_answer(http::HeaderList head_headers, int head_status = 200) {
    respond(500, "<Error><Code>InternalError</Code></Error>");
    respond(404, "<Error><Code>NoSuchUpload</Code></Error>");
    respond(head_status, "", std::move(head_headers));
    return store()->complete_multipart_upload("k", "u", parts_, {});
  }
};

TEST_F(LostCompletionTest, TheObjectWithTheMultipartEtagOfOurPartsIsOurs) {
  Status st = complete_after_lost_answer({{"ETag", multipart_etag(parts_)}});
  EXPECT_TRUE(st.ok()) << st.to_string();
  ASSERT_EQ(requests().size(), 3u);
  EXPECT_EQ(requests()[2].method, "HEAD");
}

TEST_F(LostCompletionTest, AnotherObjectAtTheKeyMeansUploadAgain) {
  Status st = complete_after_lost_answer({{"ETag", "\"0123456789abcdef0123456789abcdef-2\""}});
  EXPECT_EQ(st.code(), StatusCode::kRetriable) << st.to_string();
  EXPECT_NE(st.message().find("is not the one completed"), std::string::npos) << st.message();
}

TEST_F(LostCompletionTest, AnAbsentObjectMeansUploadAgain) {
  Status st = complete_after_lost_answer({}, 404);
  EXPECT_EQ(st.code(), StatusCode::kRetriable) << st.to_string();
  EXPECT_NE(st.message().find("the object is absent"), std::string::npos) << st.message();
}

TEST(DecideLostCompletionTest, PresenceAndEtagDecide) {
  const std::string ours = multipart_etag({put_object_etag("a"), put_object_etag("b")});
  EXPECT_EQ(decide_lost_completion(true, ours, ours), LostCompletion::kCompletedByUs);
  EXPECT_EQ(decide_lost_completion(true, "\"other-2\"", ours), LostCompletion::kNotOurs);
  EXPECT_EQ(decide_lost_completion(false, "", ours), LostCompletion::kNotOurs);
  // SSE-KMS / SSE-C: no comparable ETag, presence decides.
  EXPECT_EQ(decide_lost_completion(true, "\"opaque\"", ""), LostCompletion::kCompletedByUs);
  EXPECT_EQ(decide_lost_completion(false, "", ""), LostCompletion::kNotOurs);
}

TEST_F(S3ObjectStoreTest, NoSuchUploadOnFirstCompleteIsFatal) {
  respond(404, "<Error><Code>NoSuchUpload</Code></Error>");
  EXPECT_EQ(store()->complete_multipart_upload("k", "u", {"\"e\""}, {}).code(), StatusCode::kFatal);
  EXPECT_EQ(requests().size(), 1u);
}

TEST_F(S3ObjectStoreTest, AbortTreatsAMissingUploadAsDone) {
  respond(404, "<Error><Code>NoSuchUpload</Code></Error>");
  respond(204);
  auto s3 = store();
  EXPECT_TRUE(s3->abort_multipart_upload("k", "gone").ok());
  EXPECT_TRUE(s3->abort_multipart_upload("k", "u 2").ok());
  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].method, "DELETE");
  EXPECT_EQ(r[0].target, "/test-bucket/k?uploadId=gone");
  EXPECT_EQ(r[1].target, "/test-bucket/k?uploadId=u%202");
}

TEST_F(S3ObjectStoreTest, HeadBucketReportsMissingBucketAndWrongRegion) {
  respond(200);
  respond(404, "", {{"x-amz-request-id", "HB404"}});
  respond(301, "", {{"x-amz-bucket-region", "eu-west-1"}});
  respond(403);
  auto s3 = store();
  EXPECT_TRUE(s3->head_bucket().ok());
  Status missing = s3->head_bucket();
  EXPECT_EQ(missing.code(), StatusCode::kFatal);
  EXPECT_EQ(missing.message(),
            "S3 HeadBucket failed: bucket=test-bucket status=404 code=NotFound request_id=HB404 "
            "attempts=1: bucket test-bucket does not exist at http://" +
                host() + " path-style");
  Status region = s3->head_bucket();
  EXPECT_EQ(region.code(), StatusCode::kFatal);
  EXPECT_NE(
      region.message().find(
          "bucket test-bucket is in region eu-west-1, not us-east-1; set s3.region=eu-west-1"),
      std::string::npos)
      << region.message();
  // 403 counts as "the bucket exists", as in the Java connector (spec §1): a role may write
  // objects without s3:ListBucket. A real denial surfaces at the first upload.
  EXPECT_TRUE(s3->head_bucket().ok());
  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].method, "HEAD");
  EXPECT_EQ(r[0].target, "/test-bucket");
  expect_valid_signature(r[0]);
}

TEST_F(S3ObjectStoreTest, WrongRegionInAuthorizationErrorNamesTheRightOne) {
  respond(400,
          "<Error><Code>AuthorizationHeaderMalformed</Code><Message>The authorization "
          "header is malformed; the region 'us-east-1' is wrong; expecting 'ap-south-1'"
          "</Message><Region>ap-south-1</Region><RequestId>R</RequestId></Error>");
  Status st = store()->put_object("k", "b", {});
  EXPECT_EQ(st.code(), StatusCode::kFatal);
  EXPECT_NE(st.message().find("is in region ap-south-1, not us-east-1; set s3.region=ap-south-1"),
            std::string::npos);
}

TEST_F(S3ObjectStoreTest, ListObjectsDecodesKeysAndFollowsContinuationTokens) {
  respond(
      200,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ListBucketResult "
      "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Name>test-bucket</Name>"
      "<Prefix>topics%2F</Prefix><KeyCount>2</KeyCount><MaxKeys>2</MaxKeys>"
      "<EncodingType>url</EncodingType><IsTruncated>true</IsTruncated>"
      "<Contents><Key>topics/a%2Bb+c.json</Key><LastModified>2026-01-02T03:04:05.000Z"
      "</LastModified><ETag>&quot;d41d8cd98f00b204e9800998ecf8427e&quot;</ETag><Size>0</Size>"
      "<StorageClass>STANDARD</StorageClass></Contents>"
      "<Contents><Key>topics/%C3%A9</Key><ETag>\"x-2\"</ETag><Size>10485760</Size></Contents>"
      "<NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>"
      "</ListBucketResult>");
  respond(200,
          "<ListBucketResult><EncodingType>url</EncodingType><IsTruncated>false</IsTruncated>"
          "<Contents><Key>topics/z</Key><Size>1</Size></Contents></ListBucketResult>");
  auto s3 = store();
  Result<ListPage> first = s3->list_objects("topics/", "");
  ASSERT_TRUE(first.ok()) << first.status().to_string();
  ASSERT_EQ(first->objects.size(), 2u);
  EXPECT_EQ(first->objects[0].key, "topics/a+b c.json");
  EXPECT_EQ(first->objects[0].etag, "\"d41d8cd98f00b204e9800998ecf8427e\"");
  EXPECT_EQ(first->objects[0].size, 0u);
  EXPECT_EQ(first->objects[0].last_modified, "2026-01-02T03:04:05.000Z");
  EXPECT_EQ(first->objects[1].key, "topics/\xC3\xA9");
  EXPECT_EQ(first->objects[1].size, 10485760u);
  EXPECT_EQ(first->next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
  Result<ListPage> second = s3->list_objects("topics/", first->next_continuation_token);
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->objects.size(), 1u);
  EXPECT_EQ(second->next_continuation_token, "");

  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].method, "GET");
  EXPECT_EQ(r[0].target, "/test-bucket?encoding-type=url&list-type=2&prefix=topics%2F");
  EXPECT_EQ(r[1].target,
            "/test-bucket?continuation-token=1ueGcxLPRx1Tr%2FXYExHnhbYLgveDs2J%2Fwm36Hy4vbOwM%3D&"
            "encoding-type=url&list-type=2&prefix=topics%2F");
  expect_valid_signature(r[1]);
}

TEST_F(S3ObjectStoreTest, GetObjectAndHeadObjectMapMissingKeys) {
  respond(200, "object bytes");
  respond(404,
          "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>"
          "<Key>k</Key></Error>");
  respond(200);
  respond(404);
  auto s3 = store();
  Result<std::string> body = s3->get_object("dir/k");
  ASSERT_TRUE(body.ok());
  EXPECT_EQ(*body, "object bytes");
  EXPECT_EQ(s3->get_object("k").status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(*s3->object_exists("k"));
  EXPECT_FALSE(*s3->object_exists("k"));
  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].target, "/test-bucket/dir/k");
  EXPECT_EQ(r[0].header("x-amz-content-sha256"), aws::kEmptyPayloadSha256);
  EXPECT_EQ(r[2].method, "HEAD");
}

TEST_F(S3ObjectStoreTest, HeadObjectReturnsEtagSizeAndLastModifiedOrNothingOn404) {
  respond(200, "",
          {{"ETag", "\"9b2cf535f27731c974343645a3985328\""},
           {"Content-Length", "1234"},
           {"Last-Modified", "Fri, 02 Jan 2026 03:04:05 GMT"}});
  respond(404);
  respond(403, "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>");
  auto s3 = store();
  Result<std::optional<ObjectInfo>> found = s3->head_object("dir/k");
  ASSERT_TRUE(found.ok());
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->key, "dir/k");
  EXPECT_EQ((*found)->etag, "\"9b2cf535f27731c974343645a3985328\"");
  EXPECT_EQ((*found)->size, 1234u);
  EXPECT_EQ((*found)->last_modified, "Fri, 02 Jan 2026 03:04:05 GMT");
  Result<std::optional<ObjectInfo>> missing = s3->head_object("k");
  ASSERT_TRUE(missing.ok());
  EXPECT_FALSE(missing->has_value());
  EXPECT_EQ(s3->head_object("k").status().code(), StatusCode::kFatal);
  std::vector<RecordedRequest> r = requests();
  EXPECT_EQ(r[0].method, "HEAD");
  EXPECT_EQ(r[0].target, "/test-bucket/dir/k");
  expect_valid_signature(r[0]);
}

TEST_F(S3ObjectStoreTest, TaggingSendsTagSetWithContentMd5) {
  respond(200);
  ASSERT_TRUE(store()->put_object_tagging("k", {{"startOffset", "0"}, {"a&b", "<v>"}}).ok());
  const RecordedRequest r = requests()[0];
  EXPECT_EQ(r.method, "PUT");
  EXPECT_EQ(r.target, "/test-bucket/k?tagging=");
  EXPECT_EQ(r.body,
            "<Tagging xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><TagSet>"
            "<Tag><Key>startOffset</Key><Value>0</Value></Tag>"
            "<Tag><Key>a&amp;b</Key><Value>&lt;v&gt;</Value></Tag></TagSet></Tagging>");
  EXPECT_EQ(r.header("Content-MD5"), aws::base64_encode(aws::md5(r.body)));
  expect_valid_signature(r);
}

TEST_F(S3ObjectStoreTest, NetworkErrorsAreRetriedThenReportedRetriable) {
  int closed_port;
  {
    testing::TestHttpServer gone;
    closed_port = gone.port();
  }
  S3StoreOptions o = options();
  o.endpoint = "http://127.0.0.1:" + std::to_string(closed_port);
  Status st = store(o)->put_object("k", "b", {});
  EXPECT_EQ(st.code(), StatusCode::kRetriable);
  EXPECT_EQ(sleeps_.size(), 2u);
  EXPECT_NE(st.message().find("S3 PutObject bucket=test-bucket key=k attempts=3: HTTP PUT"),
            std::string::npos)
      << st.message();
}

TEST_F(S3ObjectStoreTest, RejectsBadArgumentsBeforeSending) {
  auto s3 = store();
  EXPECT_EQ(s3->upload_part("k", "u", 0, "x", {}).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s3->upload_part("k", "u", 10001, "x", {}).status().code(),
            StatusCode::kInvalidArgument);
  PutOptions bad_key;
  bad_key.encryption = ServerSideEncryption::kCustomerKey;
  bad_key.customer_key_base64 = "c2hvcnQ=";
  EXPECT_EQ(s3->put_object("k", "x", bad_key).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s3->put_object("", "x", {}).code(), StatusCode::kInvalidArgument);
  EXPECT_TRUE(requests().empty());
  S3StoreOptions no_bucket = options();
  no_bucket.bucket = "";
  EXPECT_EQ(S3ObjectStore::create(no_bucket, provider_).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_F(S3ObjectStoreTest, ReusesOneConnectionAcrossRequests) {
  auto s3 = store();
  ASSERT_TRUE(s3->put_object("a", "1", {}).ok());
  ASSERT_TRUE(s3->put_object("b", "2", {}).ok());
  ASSERT_TRUE(s3->get_object("a").ok());
  std::vector<RecordedRequest> r = requests();
  ASSERT_EQ(r.size(), 3u);
  EXPECT_EQ(r[0].remote_port, r[1].remote_port);
  EXPECT_EQ(r[1].remote_port, r[2].remote_port);
}

}  // namespace
}  // namespace sluice::storage

namespace sluice::storage {
namespace {

TEST_F(S3ObjectStoreTest, MetricsCountEachAttemptErrorKindAndRetry) {
  respond(503, "<Error><Code>SlowDown</Code></Error>");
  respond(500, "<Error><Code>InternalError</Code></Error>");
  respond(200, "", {{"ETag", "\"ok\""}});
  respond(403, "<Error><Code>AccessDenied</Code></Error>");
  metrics::Registry registry;
  metrics::Registration registration;
  S3StoreOptions o = options();
  o.metrics = S3StoreMetrics::create(registry, "c1", &registration);
  auto s3 = store(o);
  ASSERT_TRUE(s3->put_object("k", "body", {}).ok());
  EXPECT_EQ(s3->delete_object("k").code(), StatusCode::kFatal);
  std::string text = registry.render();
  EXPECT_NE(text.find("sluice_s3_errors_total{connector=\"c1\",kind=\"throttled\"} 1\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("sluice_s3_errors_total{connector=\"c1\",kind=\"server\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("sluice_s3_errors_total{connector=\"c1\",kind=\"client\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("sluice_s3_errors_total{connector=\"c1\",kind=\"network\"} 0\n"),
            std::string::npos);
  EXPECT_NE(text.find("sluice_s3_retries_total{connector=\"c1\"} 2\n"), std::string::npos);
  EXPECT_NE(text.find("sluice_s3_request_duration_seconds_count{connector=\"c1\",operation="
                      "\"PutObject\"} 3\n"),
            std::string::npos);
  EXPECT_NE(text.find("sluice_s3_request_duration_seconds_count{connector=\"c1\",operation="
                      "\"DeleteObject\"} 1\n"),
            std::string::npos);
  registration.release();
  EXPECT_EQ(registry.render().find("c1"), std::string::npos);
}

TEST(S3ErrorKindTest, KindsFollowTheErrorClassification) {
  auto kind = [](int status, std::string code) {
    S3Error e;
    e.http_status = status;
    e.code = std::move(code);
    return s3_error_kind_name(s3_error_kind(e));
  };
  EXPECT_EQ(kind(503, "SlowDown"), "throttled");
  EXPECT_EQ(kind(429, "HTTP 429"), "throttled");
  EXPECT_EQ(kind(400, "RequestTimeout"), "timeout");
  EXPECT_EQ(kind(502, "HTTP 502"), "server");
  EXPECT_EQ(kind(200, "InternalError"), "server");  // embedded in a 200 Complete answer
  EXPECT_EQ(kind(403, "AccessDenied"), "client");
  EXPECT_EQ(kind(403, "RequestTimeTooSkewed"), "client");
  EXPECT_EQ(kind(404, "NoSuchKey"), "client");
}

}  // namespace
}  // namespace sluice::storage
