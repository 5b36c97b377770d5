// The ETags sluice expects for what it wrote (spec confluent-s3-sink.md §6.3).
#include "storage/object_etag.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

TEST(ObjectEtagTest, PutObjectEtagIsTheQuotedHexMd5) {
  EXPECT_EQ(put_object_etag(""), "\"d41d8cd98f00b204e9800998ecf8427e\"");
  EXPECT_EQ(put_object_etag("hello"), "\"5d41402abc4b2a76b9719d911017c592\"");
}

TEST(ObjectEtagTest, MultipartEtagIsMd5OfBinaryPartDigestsWithPartCount) {
  // Parts "hel" and "lo": md5(md5("hel") || md5("lo")) = 554a2f61..., with "-2" (the value
  // computed independently with Python's hashlib).
  EXPECT_EQ(multipart_etag({put_object_etag("hel"), put_object_etag("lo")}),
            "\"554a2f6105cc700b8cc987b5ddfb8102-2\"");
  // Upper-case hex from a store is read the same.
  EXPECT_EQ(multipart_etag({"\"5D41402ABC4B2A76B9719D911017C592\""}),
            multipart_etag({put_object_etag("hello")}));
  // One empty part: md5(md5("")) -- the zero-length last part case of §6.3.
  EXPECT_EQ(multipart_etag({put_object_etag("")}), "\"59adb24ef3cdbe0297f05b395827453f-1\"");
  // Not a hex MD5 (an SSE-KMS part ETag could be anything): nothing to compare.
  EXPECT_EQ(multipart_etag({"\"not-an-md5\""}), "");
  EXPECT_EQ(multipart_etag({"\"zz1d8cd98f00b204e9800998ecf8427e\""}), "");
}

TEST(ObjectEtagTest, EtagsMatchIgnoringQuotesAndCaseButNeverWhenEmpty) {
  EXPECT_TRUE(etags_match("\"abc-2\"", "abc-2"));
  EXPECT_TRUE(etags_match("\"ABCDEF\"", "\"abcdef\""));
  EXPECT_FALSE(etags_match("\"abc-2\"", "\"abc-3\""));
  EXPECT_FALSE(etags_match("", ""));
  EXPECT_FALSE(etags_match("\"\"", "\"\""));
}

TEST(ObjectEtagTest, OnlySseS3AndNoEncryptionGiveMd5Etags) {
  PutOptions o;
  EXPECT_TRUE(etag_is_md5_based(o));
  o.encryption = ServerSideEncryption::kS3;
  EXPECT_TRUE(etag_is_md5_based(o));
  o.encryption = ServerSideEncryption::kKms;
  EXPECT_FALSE(etag_is_md5_based(o));
  o.encryption = ServerSideEncryption::kKmsDsse;
  EXPECT_FALSE(etag_is_md5_based(o));
  o.encryption = ServerSideEncryption::kCustomerKey;
  EXPECT_FALSE(etag_is_md5_based(o));
}

}  // namespace
}  // namespace sluice::storage
