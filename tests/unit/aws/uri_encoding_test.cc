// S3 key encoding rules of spec msk-connect-and-aws.md §4.2.
#include "aws/uri_encoding.h"

#include <gtest/gtest.h>

namespace sluice::aws {
namespace {

TEST(UriEncodingTest, EncodesKeyLikeTheVerifiedSpecExample) {
  // Spec §4.2 [verified]: photos/Jan 2024/a+b=c&d~é.json.
  EXPECT_EQ(s3_key_path("photos/Jan 2024/a+b=c&d~\xC3\xA9.json"),
            "photos/Jan%202024/a%2Bb%3Dc%26d~%C3%A9.json");
}

TEST(UriEncodingTest, KeepsUnreservedBytesAndEncodesTheRestUppercase) {
  EXPECT_EQ(uri_encode("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(uri_encode("*!'();:@&=+$,/?#[]% "),
            "%2A%21%27%28%29%3B%3A%40%26%3D%2B%24%2C%2F%3F%23%5B%5D%25%20");
  EXPECT_EQ(uri_encode(std::string_view("\x00\x7f\xff", 3)), "%00%7F%FF");
}

TEST(UriEncodingTest, KeyPathKeepsDoubledAndTrailingSlashesAndDotSegments) {
  // Spec §4.2: encode once; no '.'/'..' resolution, no '//' collapse, no trailing-'/' trim.
  EXPECT_EQ(s3_key_path("topics//orders/./../x/"), "topics//orders/./../x/");
  EXPECT_EQ(s3_key_path("/leading"), "/leading");
}

TEST(UriEncodingTest, ConfluentFileNameCharactersAreEncoded) {
  // The Java connector's file delimiter '+' and partition '=' must be encoded in the path.
  EXPECT_EQ(s3_key_path("topics/orders/partition=3/orders+3+0000000000.json"),
            "topics/orders/partition%3D3/orders%2B3%2B0000000000.json");
}

TEST(UriEncodingTest, DecodesPercentAndOptionallyPlus) {
  EXPECT_EQ(uri_decode("a%2Bb%20c+d"), "a+b c+d");
  EXPECT_EQ(uri_decode("a%2Bb%20c+d", /*plus_as_space=*/true), "a+b c d");
  EXPECT_EQ(uri_decode("%C3%a9"), "\xC3\xA9");
  EXPECT_EQ(uri_decode("100%"), "100%");
  EXPECT_EQ(uri_decode("%zz%4"), "%zz%4");
}

TEST(UriEncodingTest, RoundTripsEveryByte) {
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(uri_decode(uri_encode(all)), all);
  EXPECT_EQ(uri_decode(s3_key_path(all)), all);
}

}  // namespace
}  // namespace sluice::aws
