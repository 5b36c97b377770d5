#include "aws/hashing.h"

#include <gtest/gtest.h>

#include <string_view>
#include <vector>

namespace sluice::aws {
namespace {

TEST(HashingTest, Sha256OfKnownInputs) {
  EXPECT_EQ(sha256_hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  // Spec msk-connect-and-aws.md §4.7: the PUT example's body hash.
  EXPECT_EQ(sha256_hex("Welcome to Amazon S3."),
            "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
}

TEST(HashingTest, ChunkedDigestsEqualDigestOfConcatenation) {
  std::vector<std::string_view> chunks = {"Welcome ", "", "to Amazon", " S3."};
  EXPECT_EQ(hex_encode(sha256(chunks)), sha256_hex("Welcome to Amazon S3."));
  EXPECT_EQ(hex_encode(md5(chunks)), hex_encode(md5("Welcome to Amazon S3.")));
}

TEST(HashingTest, Md5AndContentMd5Form) {
  // RFC 1321 test suite.
  EXPECT_EQ(hex_encode(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex_encode(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  // Content-MD5 is base64 of the raw digest.
  EXPECT_EQ(base64_encode(md5("")), "1B2M2Y8AsgTpgAmY7PhCfg==");
}

TEST(HashingTest, HmacSha256MatchesRfc4231Case2) {
  EXPECT_EQ(hex_encode(hmac_sha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
}

TEST(HashingTest, Base64RoundTripsAndRejectsGarbage) {
  // RFC 4648 §10 vectors.
  EXPECT_EQ(base64_encode(std::string_view("f")), "Zg==");
  EXPECT_EQ(base64_encode(std::string_view("fo")), "Zm8=");
  EXPECT_EQ(base64_encode(std::string_view("foobar")), "Zm9vYmFy");
  EXPECT_EQ(*base64_decode("Zm9vYg=="), "foob");
  EXPECT_EQ(*base64_decode("Zm9vYg"), "foob");
  EXPECT_EQ(*base64_decode(""), "");
  EXPECT_FALSE(base64_decode("Zm9v!mFy").ok());
  EXPECT_FALSE(base64_decode("Z").ok());
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  EXPECT_EQ(*base64_decode(base64_encode(std::string_view(all))), all);
}

}  // namespace
}  // namespace sluice::aws
