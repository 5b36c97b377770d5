#include "storage/put_options.h"

#include "aws/hashing.h"

namespace sluice::storage {

Status validate_put_options(const PutOptions& options) {
  if (options.encryption == ServerSideEncryption::kCustomerKey) {
    Result<std::string> key = aws::base64_decode(options.customer_key_base64);
    if (!key.ok() || key->size() != 32) {
      return Status::invalid_argument(
          "s3.sse.customer.key must be the base64 encoding of a 32-byte AES-256 key");
    }
  }
  return Status::ok_status();
}

}  // namespace sluice::storage
