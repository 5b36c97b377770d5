// ObjectStore: the interface the sink writes objects through (S3, or an in-memory fake in tests).
//
// An ObjectStore instance is used by ONE thread at a time: the sink creates one per upload
// thread (S3ObjectStore holds a kept-alive connection that must not be shared). Implementations
// may share thread-safe collaborators (a CredentialsProvider) between instances.
//
// Every call returns a Status whose kind the caller acts on: kRetriable after the store's own
// retries gave up on a transient fault (rewind and try again later), kFatal for what retrying
// cannot fix (403, missing bucket, bad request), kNotFound for a missing object, kConflict when a
// conditional write found an existing object. Messages name the operation, bucket, key, HTTP
// status, S3 error code and request id.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "storage/put_options.h"
#include "util/status.h"

namespace sluice::storage {

// The operations, for messages, metrics and fault injection.
enum class ObjectStoreOp {
  kHeadBucket,
  kPutObject,
  kCreateMultipartUpload,
  kUploadPart,
  kCompleteMultipartUpload,
  kAbortMultipartUpload,
  kListObjects,
  kGetObject,
  kHeadObject,
  kDeleteObject,
  kPutObjectTagging,
};
inline constexpr int kObjectStoreOpCount = 11;

// The S3 API name ("CompleteMultipartUpload").
const char* object_store_op_name(ObjectStoreOp op);

struct ObjectInfo {
  std::string key;
  uint64_t size = 0;
  std::string etag;           // quoted, as S3 returns it
  std::string last_modified;  // ISO-8601, as S3 returns it
};

struct ListPage {
  std::vector<ObjectInfo> objects;      // in key order (UTF-8 byte order)
  std::string next_continuation_token;  // empty on the last page
};

using ObjectTags = std::vector<std::pair<std::string, std::string>>;

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // Checks that the bucket exists and is reachable with these credentials (the Java connector's
  // start-up check). A missing bucket, a denial or a wrong region are kFatal with a message that
  // says which (naming the bucket's real region when S3 tells it).
  virtual Status head_bucket() = 0;

  // Single-request upload. kConflict when options.if_none_match_star and the key exists.
  virtual Status put_object(std::string_view key, std::string_view body,
                            const PutOptions& options) = 0;

  // Starts a multipart upload (ACL and encryption apply here); returns the upload id.
  virtual Result<std::string> create_multipart_upload(std::string_view key,
                                                      const PutOptions& options) = 0;
  // Uploads part `part_number` (1..10000); returns its ETag (quoted) for completion. Only SSE-C
  // and Content-MD5 of the options apply.
  virtual Result<std::string> upload_part(std::string_view key, std::string_view upload_id,
                                          int part_number, std::string_view body,
                                          const PutOptions& options) = 0;
  // Completes with parts 1..etags.size(). kConflict when options.if_none_match_star and the key
  // exists (the upload is then left open, as the Java connector leaves it).
  virtual Status complete_multipart_upload(std::string_view key, std::string_view upload_id,
                                           const std::vector<std::string>& etags,
                                           const PutOptions& options) = 0;
  // An upload that is already gone counts as aborted.
  virtual Status abort_multipart_upload(std::string_view key, std::string_view upload_id) = 0;

  // One page of the keys under `prefix` (ListObjectsV2); pass the previous page's
  // next_continuation_token to continue, "" to start.
  virtual Result<ListPage> list_objects(std::string_view prefix,
                                        std::string_view continuation_token) = 0;

  // The whole object; kNotFound when there is none.
  virtual Result<std::string> get_object(std::string_view key) = 0;
  // HeadObject: true when the key exists, false on 404; a denial is kFatal.
  virtual Result<bool> object_exists(std::string_view key) = 0;
  // HeadObject with what it tells: the object's size, ETag (quoted) and Last-Modified; nullopt
  // on 404; a denial is kFatal. The key of the ObjectInfo is `key`.
  virtual Result<std::optional<ObjectInfo>> head_object(std::string_view key) = 0;
  // Deleting a missing key succeeds, as in S3.
  virtual Status delete_object(std::string_view key) = 0;
  // Replaces the object's tag set; kNotFound when the key does not exist.
  virtual Status put_object_tagging(std::string_view key, const ObjectTags& tags) = 0;
};

}  // namespace sluice::storage
