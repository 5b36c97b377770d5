#include "storage/put_options.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

// base64 of 32 bytes 0x00..0x1f.
constexpr const char* kCustomerKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

TEST(PutOptionsTest, MapsConfluentEncryptionSettingsLikeTheJavaConnector) {
  // Spec confluent-s3-sink.md §6.4, row by row.
  EXPECT_EQ(put_options_from_confluent("", "", "", "", false)->encryption,
            ServerSideEncryption::kNone);
  EXPECT_EQ(put_options_from_confluent("AES256", "", "", "", false)->encryption,
            ServerSideEncryption::kS3);
  Result<PutOptions> sse_c = put_options_from_confluent("AES256", kCustomerKey, "", "", false);
  ASSERT_TRUE(sse_c.ok());
  EXPECT_EQ(sse_c->encryption, ServerSideEncryption::kCustomerKey);
  EXPECT_EQ(sse_c->customer_key_base64, kCustomerKey);
  Result<PutOptions> kms = put_options_from_confluent("aws:kms", "", "arn:aws:kms:k", "", false);
  EXPECT_EQ(kms->encryption, ServerSideEncryption::kKms);
  EXPECT_EQ(kms->kms_key_id, "arn:aws:kms:k");
  // aws:kms with an empty key id and aws:kms:dsse send nothing.
  EXPECT_EQ(put_options_from_confluent("aws:kms", "", "", "", false)->encryption,
            ServerSideEncryption::kNone);
  EXPECT_EQ(put_options_from_confluent("aws:kms:dsse", "", "k", "", false)->encryption,
            ServerSideEncryption::kNone);
  // A customer key without AES256 is ignored.
  EXPECT_EQ(put_options_from_confluent("", kCustomerKey, "", "", false)->encryption,
            ServerSideEncryption::kNone);
}

TEST(PutOptionsTest, CarriesAclAndDigest) {
  Result<PutOptions> o = put_options_from_confluent("", "", "", "bucket-owner-full-control", true);
  ASSERT_TRUE(o.ok());
  EXPECT_EQ(o->canned_acl, "bucket-owner-full-control");
  EXPECT_TRUE(o->send_content_md5);
  EXPECT_FALSE(o->if_none_match_star);
}

TEST(PutOptionsTest, RejectsUnknownAlgorithmAndBadCustomerKey) {
  Status unknown = put_options_from_confluent("aes256", "", "", "", false).status();
  EXPECT_EQ(unknown.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.message().find("s3.ssea.name=aes256"), std::string::npos);
  Status short_key = put_options_from_confluent("AES256", "AAEC", "", "", false).status();
  EXPECT_EQ(short_key.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(short_key.message().find("s3.sse.customer.key"), std::string::npos);
  // The message never echoes the key.
  EXPECT_EQ(short_key.message().find("AAEC"), std::string::npos);
}

}  // namespace
}  // namespace sluice::storage
