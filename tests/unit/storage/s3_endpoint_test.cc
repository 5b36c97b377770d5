#include "storage/s3_endpoint.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

S3Endpoint make(std::string_view url, bool path_style, std::string_view region = "us-east-1",
                bool accelerate = false) {
  Result<S3Endpoint> e = S3Endpoint::create(url, region, "my-bucket", path_style, accelerate);
  EXPECT_TRUE(e.ok()) << e.status().to_string();
  return std::move(e).value();
}

TEST(S3EndpointTest, BlankStoreUrlIsTheRegionalAwsEndpoint) {
  // Spec confluent-s3-sink.md §6.1 and msk-connect-and-aws.md §4.6.
  S3Endpoint path = make("", true, "eu-west-1");
  EXPECT_TRUE(path.is_https());
  EXPECT_EQ(path.host(), "s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(path.path("topics/a+b"), "/my-bucket/topics/a%2Bb");
  EXPECT_EQ(path.path(""), "/my-bucket");
  EXPECT_EQ(path.url(path.path("k"), "uploads="),
            "https://s3.eu-west-1.amazonaws.com/my-bucket/k?uploads=");

  S3Endpoint virtual_hosted = make("", false, "eu-west-1");
  EXPECT_EQ(virtual_hosted.host(), "my-bucket.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(virtual_hosted.path("topics/a b"), "/topics/a%20b");
  EXPECT_EQ(virtual_hosted.path(""), "/");
  EXPECT_EQ(make("", true, "cn-north-1").host(), "s3.cn-north-1.amazonaws.com.cn");
}

TEST(S3EndpointTest, StoreUrlWithoutSchemeGetsHttps) {
  // Spec confluent-s3-sink.md §2.4: "A value without scheme gets https://".
  S3Endpoint e = make("minio.internal:9000", true);
  EXPECT_TRUE(e.is_https());
  EXPECT_EQ(e.host(), "minio.internal:9000");
  EXPECT_EQ(e.url(e.path("k"), ""), "https://minio.internal:9000/my-bucket/k");
}

TEST(S3EndpointTest, HostCarriesOnlyNonDefaultPorts) {
  // Spec msk-connect-and-aws.md §4.3: host with :port if non-default.
  EXPECT_EQ(make("http://127.0.0.1:19000", true).host(), "127.0.0.1:19000");
  EXPECT_EQ(make("http://Example.COM:80/", true).host(), "example.com");
  EXPECT_EQ(make("https://example.com:443", true).host(), "example.com");
  EXPECT_EQ(make("https://example.com:80", true).host(), "example.com:80");
  EXPECT_EQ(make("http://[::1]:9000", true).host(), "[::1]:9000");
  EXPECT_EQ(make("http://[::1]:80", true).host(), "[::1]");
  EXPECT_FALSE(make("http://127.0.0.1:19000", true).is_https());
}

TEST(S3EndpointTest, KeepsABasePathAndAddsTheBucketHostForVirtualHosting) {
  S3Endpoint e = make("https://gateway.example.com/s3/", true);
  EXPECT_EQ(e.path("a//b"), "/s3/my-bucket/a//b");
  S3Endpoint v = make("https://s3.example.com", false);
  EXPECT_EQ(v.host(), "my-bucket.s3.example.com");
  EXPECT_EQ(v.describe(), "https://my-bucket.s3.example.com virtual-hosted");
}

TEST(S3EndpointTest, AccelerateNeedsVirtualHosting) {
  EXPECT_EQ(make("", false, "us-east-1", true).host(), "my-bucket.s3-accelerate.amazonaws.com");
  Result<S3Endpoint> bad = S3Endpoint::create("", "us-east-1", "b", true, true);
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
}

TEST(S3EndpointTest, RejectsUnusableSettings) {
  EXPECT_EQ(S3Endpoint::create("ftp://x", "us-east-1", "b", true, false).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_FALSE(S3Endpoint::create("http://user:pw@x", "us-east-1", "b", true, false).ok());
  EXPECT_FALSE(S3Endpoint::create("http://x/?a=b", "us-east-1", "b", true, false).ok());
  EXPECT_FALSE(S3Endpoint::create("", "us-east-1", "", true, false).ok());
  EXPECT_FALSE(S3Endpoint::create("", "", "b", true, false).ok());
}

}  // namespace
}  // namespace sluice::storage
