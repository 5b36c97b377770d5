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

Result<PutOptions> put_options_from_confluent(std::string_view ssea_name,
                                              std::string_view sse_customer_key,
                                              std::string_view sse_kms_key_id,
                                              std::string_view acl_canned, bool send_digest) {
  PutOptions out;
  out.canned_acl = std::string(acl_canned);
  out.send_content_md5 = send_digest;
  if (ssea_name.empty()) {
    out.encryption = ServerSideEncryption::kNone;
  } else if (ssea_name == "AES256") {
    if (sse_customer_key.empty()) {
      out.encryption = ServerSideEncryption::kS3;
    } else {
      out.encryption = ServerSideEncryption::kCustomerKey;
      out.customer_key_base64 = std::string(sse_customer_key);
    }
  } else if (ssea_name == "aws:kms") {
    // The Java connector sends SSE-KMS only with a key id; without one, nothing.
    if (!sse_kms_key_id.empty()) {
      out.encryption = ServerSideEncryption::kKms;
      out.kms_key_id = std::string(sse_kms_key_id);
    }
  } else if (ssea_name == "aws:kms:dsse") {
    // Accepted by the Java connector's validator but never turned into a header.
  } else {
    return Status::invalid_argument("s3.ssea.name=" + std::string(ssea_name) +
                                    " is not one of \"\", AES256, aws:kms, aws:kms:dsse");
  }
  SLUICE_RETURN_IF_ERROR(validate_put_options(out));
  return out;
}

}  // namespace sluice::storage
