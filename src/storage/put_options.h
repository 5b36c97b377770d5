// PutOptions: the per-object extras a write carries to S3 (canned ACL, server-side encryption,
// conditional write, integrity digest), and how Confluent's S3 settings map onto them.
//
// Which request carries which header follows the Java connector and S3's rules (spec
// confluent-s3-sink.md §6.4, msk-connect-and-aws.md §6.8): the ACL and SSE-S3/SSE-KMS headers go
// on PutObject and CreateMultipartUpload only; SSE-C headers go on those and on every UploadPart;
// If-None-Match goes on PutObject and CompleteMultipartUpload; Content-MD5 on PutObject and
// UploadPart.
#pragma once

#include <string>
#include <string_view>

#include "util/status.h"

namespace sluice::storage {

enum class ServerSideEncryption {
  kNone,         // no header: the bucket's default encryption applies
  kS3,           // x-amz-server-side-encryption: AES256 (SSE-S3)
  kKms,          // x-amz-server-side-encryption: aws:kms (+ key id when given)
  kKmsDsse,      // x-amz-server-side-encryption: aws:kms:dsse (+ key id when given)
  kCustomerKey,  // SSE-C: algorithm AES256, the key and its MD5
};

struct PutOptions {
  std::string canned_acl;  // x-amz-acl ("bucket-owner-full-control"); empty = none
  ServerSideEncryption encryption = ServerSideEncryption::kNone;
  std::string kms_key_id;  // kKms / kKmsDsse; empty = the account's aws/s3 key
  // kCustomerKey: base64 of the 32-byte key. A secret: never logged, never in a message.
  std::string customer_key_base64;
  // Fail with kConflict instead of overwriting an existing object (If-None-Match: *).
  bool if_none_match_star = false;
  // Send Content-MD5 (Confluent's s3.send.digest).
  bool send_content_md5 = false;
  std::string content_type;  // PutObject / CreateMultipartUpload; empty = none
};

// kInvalidArgument unless the options are usable: an SSE-C key must decode to 32 bytes.
Status validate_put_options(const PutOptions& options);

}  // namespace sluice::storage
