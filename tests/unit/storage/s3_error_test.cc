#include "storage/s3_error.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

http::HttpResponse response(int status, std::string body, http::HeaderList headers = {}) {
  http::HttpResponse r;
  r.status = status;
  r.body = std::move(body);
  r.headers = std::move(headers);
  return r;
}

TEST(S3ErrorTest, ParsesErrorXml) {
  // The error shape of spec msk-connect-and-aws.md §6.
  S3Error e = parse_s3_error(response(
      503,
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>SlowDown</Code>"
      "<Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId>"
      "<HostId>host-id</HostId></Error>"));
  EXPECT_EQ(e.http_status, 503);
  EXPECT_EQ(e.code, "SlowDown");
  EXPECT_EQ(e.message, "Please reduce your request rate.");
  EXPECT_EQ(e.request_id, "4442587FB7D0A2F9");
  EXPECT_EQ(e.host_id, "host-id");
  EXPECT_EQ(e.describe(),
            "status=503 code=SlowDown message=\"Please reduce your request rate.\" "
            "request_id=4442587FB7D0A2F9");
}

TEST(S3ErrorTest, BodylessResponseUsesStatusAndHeaders) {
  // HEAD responses carry no body (spec §6): go by the status and headers.
  S3Error e = parse_s3_error(
      response(301, "", {{"x-amz-request-id", "R1"}, {"x-amz-bucket-region", "eu-central-1"}}));
  EXPECT_EQ(e.code, "MovedPermanently");
  EXPECT_EQ(e.request_id, "R1");
  EXPECT_EQ(e.region, "eu-central-1");
  EXPECT_EQ(parse_s3_error(response(404, "")).code, "NotFound");
  EXPECT_EQ(parse_s3_error(response(502, "<html>bad gateway</html>")).code, "HTTP 502");
}

TEST(S3ErrorTest, ProxyRefusalNamesTheProxySettings) {
  // A 407 comes from s3.proxy.url's proxy, with an HTML or empty body.
  S3Error e = parse_s3_error(response(407, "<html>Proxy Authentication Required</html>"));
  EXPECT_EQ(e.code, "ProxyAuthenticationRequired");
  EXPECT_EQ(e.describe(),
            "status=407 code=ProxyAuthenticationRequired message=\"the proxy refused the request: "
            "check s3.proxy.user and s3.proxy.password\"");
  EXPECT_EQ(classify_s3_error(e), S3ErrorClass::kFatal);
}

TEST(S3ErrorTest, ReadsRegionAndSkewDetails) {
  S3Error wrong_region = parse_s3_error(
      response(400,
               "<Error><Code>AuthorizationHeaderMalformed</Code><Message>the region 'us-east-1' is "
               "wrong; expecting 'eu-west-1'</Message><Region>eu-west-1</Region>"
               "<RequestId>R2</RequestId></Error>"));
  EXPECT_EQ(wrong_region.region, "eu-west-1");
  S3Error skew =
      parse_s3_error(response(403,
                              "<Error><Code>RequestTimeTooSkewed</Code><Message>m</Message>"
                              "<RequestTime>20260101T000000Z</RequestTime>"
                              "<ServerTime>2026-01-01T00:20:00Z</ServerTime></Error>"));
  EXPECT_EQ(skew.server_time, "2026-01-01T00:20:00Z");
  EXPECT_EQ(skew.request_time, "20260101T000000Z");
}

TEST(S3ErrorTest, FindsErrorEmbeddedInOkResponse) {
  // Spec §6.4: "A 200 may still contain <Error>".
  auto embedded = parse_embedded_error(response(
      200,
      "<?xml version=\"1.0\"?>\n          \n<Error><Code>InternalError</Code>"
      "<Message>We encountered an internal error.</Message><RequestId>R3</RequestId></Error>"));
  ASSERT_TRUE(embedded.has_value());
  EXPECT_TRUE(embedded->embedded_in_ok);
  EXPECT_EQ(embedded->code, "InternalError");
  EXPECT_EQ(classify_s3_error(*embedded), S3ErrorClass::kRetriable);
  EXPECT_FALSE(parse_embedded_error(response(200,
                                             "<CompleteMultipartUploadResult><ETag>\"x-2\"</ETag>"
                                             "</CompleteMultipartUploadResult>"))
                   .has_value());
}

S3ErrorClass classify(int status, std::string code) {
  S3Error e;
  e.http_status = status;
  e.code = std::move(code);
  return classify_s3_error(e);
}

TEST(S3ErrorTest, ClassifiesLikeTheSdkRetryPolicy) {
  // Spec confluent-s3-sink.md §6.5 and msk-connect-and-aws.md §6.9.
  EXPECT_EQ(classify(500, "InternalError"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(502, "HTTP 502"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(503, "SlowDown"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(504, "HTTP 504"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(429, "TooManyRequests"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(400, "RequestTimeout"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(400, "Throttling"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(409, "OperationAborted"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(409, "ConditionalRequestConflict"), S3ErrorClass::kRetriable);
  EXPECT_EQ(classify(403, "RequestTimeTooSkewed"), S3ErrorClass::kClockSkew);
  EXPECT_EQ(classify(400, "ExpiredToken"), S3ErrorClass::kExpiredCredentials);
  // Not retried: other 4xx.
  EXPECT_EQ(classify(403, "AccessDenied"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(403, "InvalidAccessKeyId"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(403, "SignatureDoesNotMatch"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(404, "NoSuchBucket"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(404, "NoSuchKey"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(400, "EntityTooSmall"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(400, "InvalidPart"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(400, "MalformedXML"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(400, "InvalidArgument"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(400, "KMS.DisabledException"), S3ErrorClass::kFatal);
  EXPECT_EQ(classify(412, "PreconditionFailed"), S3ErrorClass::kFatal);
}

}  // namespace
}  // namespace sluice::storage
