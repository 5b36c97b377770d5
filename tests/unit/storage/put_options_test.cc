// validate_put_options: what the S3 store checks before sending an SSE-C key. How the connector's
// settings become PutOptions is runtime::put_options (tests/unit/runtime/config_mapping_test.cc).
#include "storage/put_options.h"

#include <gtest/gtest.h>

namespace sluice::storage {
namespace {

// base64 of 32 bytes 0x00..0x1f.
constexpr const char* kCustomerKey = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";

TEST(PutOptionsTest, CustomerKeyMustBeBase64OfThirtyTwoBytes) {
  PutOptions o;
  o.encryption = ServerSideEncryption::kCustomerKey;
  o.customer_key_base64 = kCustomerKey;
  EXPECT_TRUE(validate_put_options(o).ok());
  o.customer_key_base64 = "AAEC";
  Status short_key = validate_put_options(o);
  EXPECT_EQ(short_key.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(short_key.message().find("s3.sse.customer.key"), std::string::npos);
  // The message never echoes the key.
  EXPECT_EQ(short_key.message().find("AAEC"), std::string::npos);
  // Only SSE-C carries a key to check.
  o.encryption = ServerSideEncryption::kS3;
  EXPECT_TRUE(validate_put_options(o).ok());
}

}  // namespace
}  // namespace sluice::storage
