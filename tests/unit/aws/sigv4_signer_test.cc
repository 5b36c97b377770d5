// SigV4 against every example value AWS publishes (spec msk-connect-and-aws.md §4.7), plus the
// S3-specific rules of §4.2-§4.5.
#include "aws/sigv4_signer.h"

#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "aws/uri_encoding.h"

namespace sluice::aws {
namespace {

using std::chrono::system_clock;

system_clock::time_point utc(int year, int month, int day, int hour, int minute, int second) {
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return system_clock::from_time_t(timegm(&tm));
}

// Spec §4.7: the S3 examples' credentials, region and time.
AwsCredentials example_credentials() {
  AwsCredentials c;
  c.access_key_id = "AKIAIOSFODNN7EXAMPLE";
  c.secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  return c;
}
const system_clock::time_point kExampleTime = utc(2013, 5, 24, 0, 0, 0);
constexpr const char* kExampleHost = "examplebucket.s3.amazonaws.com";

const std::string* find_header(const http::HeaderList& headers, std::string_view name) {
  for (const auto& [k, v] : headers) {
    if (http::header_name_equals(k, name)) return &v;
  }
  return nullptr;
}

TEST(SigV4SignerTest, SigningKeyMatchesPublishedExample) {
  // Spec §4.7: "Signing key = dbb893ac…8378".
  Sha256Digest key = SigV4Signer::signing_key("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
                                              "20130524", "us-east-1", "s3");
  EXPECT_EQ(hex_encode(key), "dbb893acc010964918f1fd433add87c70e8b0db6be30c1fbeafefa5ec6ba8378");
}

TEST(SigV4SignerTest, FormatsAmzDateInUtc) {
  EXPECT_EQ(format_amz_date(kExampleTime), "20130524T000000Z");
  EXPECT_EQ(format_amz_date(utc(2015, 8, 30, 12, 36, 0)), "20150830T123600Z");
}

TEST(SigV4SignerTest, GetObjectWithRangeMatchesPublishedExample) {
  // Spec §4.7 row 1: GET /test.txt, Range: bytes=0-9, empty payload.
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request;
  request.method = "GET";
  request.canonical_uri = "/" + s3_key_path("test.txt");
  request.headers = {{"Host", kExampleHost}, {"Range", "bytes=0-9"}};
  request.payload_hash = std::string(kEmptyPayloadSha256);
  SigningResult result = signer.sign(request, example_credentials(), kExampleTime);

  EXPECT_EQ(
      result.canonical_request,
      "GET\n"
      "/test.txt\n"
      "\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "range:bytes=0-9\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n"
      "\n"
      "host;range;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(result.canonical_request),
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(result.string_to_sign,
            "AWS4-HMAC-SHA256\n"
            "20130524T000000Z\n"
            "20130524/us-east-1/s3/aws4_request\n"
            "7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
  EXPECT_EQ(result.signature, "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  EXPECT_EQ(result.authorization,
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, "
            "SignedHeaders=host;range;x-amz-content-sha256;x-amz-date, "
            "Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  // The headers to send now carry what was signed.
  ASSERT_NE(find_header(request.headers, "x-amz-date"), nullptr);
  EXPECT_EQ(*find_header(request.headers, "x-amz-date"), "20130524T000000Z");
  EXPECT_EQ(*find_header(request.headers, "x-amz-content-sha256"), kEmptyPayloadSha256);
  EXPECT_EQ(*find_header(request.headers, "Authorization"), result.authorization);
  EXPECT_EQ(find_header(request.headers, "x-amz-security-token"), nullptr);
}

TEST(SigV4SignerTest, PutObjectMatchesPublishedExample) {
  // Spec §4.7 row 2: PUT of key "test$file.text" with a storage class and a Date header.
  SigV4Signer signer("s3", "us-east-1");
  std::string body = "Welcome to Amazon S3.";
  SignableRequest request;
  request.method = "PUT";
  request.canonical_uri = "/" + s3_key_path("test$file.text");
  request.headers = {{"Host", kExampleHost},
                     {"Date", "Fri, 24 May 2013 00:00:00 GMT"},
                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"}};
  request.payload_hash = sha256_hex(body);
  EXPECT_EQ(request.payload_hash,
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  SigningResult result = signer.sign(request, example_credentials(), kExampleTime);

  EXPECT_EQ(
      result.canonical_request,
      "PUT\n"
      "/test%24file.text\n"
      "\n"
      "date:Fri, 24 May 2013 00:00:00 GMT\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "x-amz-content-sha256:44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072\n"
      "x-amz-date:20130524T000000Z\n"
      "x-amz-storage-class:REDUCED_REDUNDANCY\n"
      "\n"
      "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class\n"
      "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
  EXPECT_EQ(sha256_hex(result.canonical_request),
            "9e0e90d9c76de8fa5b200d8c849cd5b8dc7a3be3951ddb7f6a76b4158342019d");
  EXPECT_EQ(result.signed_headers, "date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class");
  EXPECT_EQ(result.signature, "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
}

TEST(SigV4SignerTest, ValuelessQueryParameterMatchesLifecycleExample) {
  // Spec §4.7 row 3: GET /?lifecycle, canonical query "lifecycle=".
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request;
  request.method = "GET";
  request.canonical_uri = "/";
  request.query = {{"lifecycle", ""}};
  request.headers = {{"Host", kExampleHost}};
  request.payload_hash = std::string(kEmptyPayloadSha256);
  SigningResult result = signer.sign(request, example_credentials(), kExampleTime);
  EXPECT_EQ(
      result.canonical_request,
      "GET\n/\nlifecycle=\n"
      "host:examplebucket.s3.amazonaws.com\n"
      "x-amz-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n"
      "x-amz-date:20130524T000000Z\n\n"
      "host;x-amz-content-sha256;x-amz-date\n"
      "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256_hex(result.canonical_request),
            "9766c798316ff2757b517bc739a67f6213b4ab36dd5da2f94eaebf79c77395ca");
  EXPECT_EQ(result.signature, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
}

TEST(SigV4SignerTest, ListObjectsQueryMatchesPublishedExample) {
  // Spec §4.7 row 4: GET /?max-keys=2&prefix=J, parameters given out of order.
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request;
  request.method = "GET";
  request.canonical_uri = "";  // an empty path is "/"
  request.query = {{"prefix", "J"}, {"max-keys", "2"}};
  request.headers = {{"Host", kExampleHost}};
  request.payload_hash = std::string(kEmptyPayloadSha256);
  SigningResult result = signer.sign(request, example_credentials(), kExampleTime);
  EXPECT_EQ(result.canonical_request.substr(0, 26), "GET\n/\nmax-keys=2&prefix=J\n");
  EXPECT_EQ(sha256_hex(result.canonical_request),
            "df57d21db20da04d7fa30298dd4488ba3a2b47ca3a489c74750e0f1e7df1b9b7");
  EXPECT_EQ(result.signature, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
}

TEST(SigV4SignerTest, PresignedGetMatchesPublishedExample) {
  // Spec §4.7 row 5 and the presigned URL printed under the table.
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request;
  request.method = "GET";
  request.canonical_uri = "/test.txt";
  request.headers = {{"Host", kExampleHost}};
  SigningResult details;
  Result<std::string> query = signer.presign_query(request, example_credentials(), kExampleTime,
                                                   std::chrono::seconds(86400), &details);
  ASSERT_TRUE(query.ok()) << query.status().to_string();
  EXPECT_EQ(details.canonical_request,
            "GET\n"
            "/test.txt\n"
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
            "X-Amz-SignedHeaders=host\n"
            "host:examplebucket.s3.amazonaws.com\n"
            "\n"
            "host\n"
            "UNSIGNED-PAYLOAD");
  EXPECT_EQ(sha256_hex(details.canonical_request),
            "3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
  EXPECT_EQ(details.signature, "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
  EXPECT_EQ(*query,
            "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2F"
            "us-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&"
            "X-Amz-SignedHeaders=host&X-Amz-Signature="
            "aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
}

TEST(SigV4SignerTest, PresignRejectsExpiryOutsideAllowedRange) {
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request{"GET", "/k", {}, {{"Host", kExampleHost}}, ""};
  EXPECT_EQ(
      signer
          .presign_query(request, example_credentials(), kExampleTime, std::chrono::seconds(604801))
          .status()
          .code(),
      StatusCode::kInvalidArgument);
  EXPECT_EQ(
      signer.presign_query(request, example_credentials(), kExampleTime, std::chrono::seconds(0))
          .status()
          .code(),
      StatusCode::kInvalidArgument);
}

TEST(SigV4SignerTest, PresignCarriesSessionTokenInSignedQuery) {
  // Spec §4.5: in a presigned URL the token is X-Amz-Security-Token, part of the canonical query.
  SigV4Signer signer("s3", "us-east-1");
  AwsCredentials credentials = example_credentials();
  credentials.session_token = "tok/en+=";
  SignableRequest request{"GET", "/k", {}, {{"Host", kExampleHost}}, ""};
  SigningResult details;
  Result<std::string> query =
      signer.presign_query(request, credentials, kExampleTime, std::chrono::seconds(60), &details);
  ASSERT_TRUE(query.ok());
  EXPECT_NE(details.canonical_request.find(
                "&X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host\n"),
            std::string::npos)
      << details.canonical_request;
  EXPECT_NE(query->find("X-Amz-Security-Token=tok%2Fen%2B%3D&X-Amz-SignedHeaders=host&"
                        "X-Amz-Signature="),
            std::string::npos);
}

TEST(SigV4SignerTest, StreamingUploadSeedAndChunkSignaturesMatchPublishedExample) {
  // Spec §4.7 row 6: aws-chunked PUT of 66560 x 'a' in chunks of 65536 + 1024 + 0.
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request;
  request.method = "PUT";
  request.canonical_uri = "/examplebucket/chunkObject.txt";
  request.headers = {{"Host", "s3.amazonaws.com"},
                     {"x-amz-storage-class", "REDUCED_REDUNDANCY"},
                     {"Content-Encoding", "aws-chunked"},
                     {"x-amz-decoded-content-length", "66560"},
                     {"Content-Length", "66824"}};
  request.payload_hash = std::string(kStreamingSignedPayload);
  SigningResult seed = signer.sign(request, example_credentials(), kExampleTime);
  EXPECT_EQ(seed.signed_headers,
            "content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;"
            "x-amz-decoded-content-length;x-amz-storage-class");
  EXPECT_EQ(sha256_hex(seed.canonical_request),
            "cee3fed04b70f867d036f722359b0b1f2f0e5dc0efadbc082b76c4c60e316455");
  EXPECT_EQ(seed.signature, "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9");

  Sha256Digest key = SigV4Signer::signing_key(example_credentials().secret_access_key, "20130524",
                                              "us-east-1", "s3");
  std::string first = SigV4Signer::chunk_signature(key, seed.amz_date, seed.scope, seed.signature,
                                                   std::string(65536, 'a'));
  EXPECT_EQ(first, "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
  std::string second =
      SigV4Signer::chunk_signature(key, seed.amz_date, seed.scope, first, std::string(1024, 'a'));
  EXPECT_EQ(second, "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
  std::string last = SigV4Signer::chunk_signature(key, seed.amz_date, seed.scope, second, "");
  EXPECT_EQ(last, "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
}

TEST(SigV4SignerTest, GenericSuiteGetVanillaMatches) {
  // Spec §4.7: the generic SigV4 suite's "get-vanilla" (non-S3 service: no x-amz-content-sha256).
  SigV4Signer signer("service", "us-east-1");
  AwsCredentials credentials;
  credentials.access_key_id = "AKIDEXAMPLE";
  credentials.secret_access_key = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
  SignableRequest request{
      "GET", "/", {}, {{"Host", "example.amazonaws.com"}}, std::string(kEmptyPayloadSha256)};
  SigningResult result = signer.sign(request, credentials, utc(2015, 8, 30, 12, 36, 0));
  EXPECT_EQ(result.signed_headers, "host;x-amz-date");
  EXPECT_EQ(find_header(request.headers, "x-amz-content-sha256"), nullptr);
  EXPECT_EQ(result.signature, "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
}

TEST(SigV4SignerTest, SessionTokenIsSentAndSigned) {
  // Spec §4.5: x-amz-security-token must be signed.
  SigV4Signer signer("s3", "eu-west-1");
  AwsCredentials credentials = example_credentials();
  credentials.session_token = "FQoGZXIvYXdzEXAMPLE";
  SignableRequest request{
      "PUT", "/k", {}, {{"Host", "b.s3.eu-west-1.amazonaws.com"}}, std::string(kUnsignedPayload)};
  SigningResult result = signer.sign(request, credentials, kExampleTime);
  EXPECT_EQ(result.signed_headers, "host;x-amz-content-sha256;x-amz-date;x-amz-security-token");
  EXPECT_NE(result.canonical_request.find("\nx-amz-security-token:FQoGZXIvYXdzEXAMPLE\n"),
            std::string::npos);
  EXPECT_EQ(*find_header(request.headers, "x-amz-security-token"), "FQoGZXIvYXdzEXAMPLE");
  EXPECT_EQ(*find_header(request.headers, "x-amz-content-sha256"), "UNSIGNED-PAYLOAD");
  EXPECT_EQ(result.scope, "20130524/eu-west-1/s3/aws4_request");
}

TEST(SigV4SignerTest, ResigningReplacesPreviousSignatureHeaders) {
  // A retry re-signs the same request with a later date: no duplicate x-amz-date/Authorization.
  SigV4Signer signer("s3", "us-east-1");
  SignableRequest request{
      "GET", "/k", {}, {{"Host", kExampleHost}}, std::string(kEmptyPayloadSha256)};
  SigningResult first = signer.sign(request, example_credentials(), kExampleTime);
  SigningResult second =
      signer.sign(request, example_credentials(), kExampleTime + std::chrono::seconds(1));
  EXPECT_NE(first.signature, second.signature);
  EXPECT_EQ(request.headers.size(), 4u);  // host, x-amz-date, x-amz-content-sha256, authorization
  EXPECT_EQ(*find_header(request.headers, "x-amz-date"), "20130524T000001Z");
  EXPECT_EQ(*find_header(request.headers, "authorization"), second.authorization);
}

TEST(SigV4SignerTest, CanonicalHeadersTrimCollapseJoinAndSkipHopByHop) {
  // Spec §4.3: lowercase, trim, collapse spaces, join repeats with ',', don't sign Expect etc.
  http::HeaderList headers = {{"X-Amz-Meta-B", "  two   spaces  here "},
                              {"Host", "localhost:9000"},
                              {"x-amz-meta-a", "first"},
                              {"Expect", "100-continue"},
                              {"User-Agent", "sluice/0.1.0"},
                              {"X-AMZ-META-A", "second"},
                              {"Content-Type", "application/json"}};
  auto [block, names] = canonical_headers(headers);
  EXPECT_EQ(block,
            "content-type:application/json\n"
            "host:localhost:9000\n"
            "x-amz-meta-a:first,second\n"
            "x-amz-meta-b:two spaces here\n");
  EXPECT_EQ(names, "content-type;host;x-amz-meta-a;x-amz-meta-b");
}

TEST(SigV4SignerTest, CanonicalQueryEncodesStrictlyAndSortsAfterEncoding) {
  // Spec §4.2: '/' is %2F in query values, '*' %2A, '+' %2B, '=' %3D, ':' %3A, ',' %2C, space %20;
  // sort by encoded name, then by value for repeated names.
  QueryParams query = {{"prefix", "topics/a b*+=:,"},
                       {"list-type", "2"},
                       {"continuation-token", "1/x=="},
                       {"a", "2"},
                       {"a", "1"},
                       {"uploads", ""}};
  EXPECT_EQ(canonical_query_string(query),
            "a=1&a=2&continuation-token=1%2Fx%3D%3D&list-type=2&"
            "prefix=topics%2Fa%20b%2A%2B%3D%3A%2C&uploads=");
}

}  // namespace
}  // namespace sluice::aws
