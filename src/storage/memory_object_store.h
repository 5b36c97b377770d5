// MemoryObjectStore: an in-memory ObjectStore for other modules' unit tests.
//
// It behaves like S3 where tests can observe it: multipart uploads assemble their parts in order
// and get the multipart ETag form ("<md5 of part md5s>-<n>"), single PUTs get the MD5 ETag,
// If-None-Match: * gives kConflict on an existing key (and leaves the upload open), listing is in
// byte order and paginates, aborting or deleting something absent succeeds. Part sizes are not
// checked unless set_min_part_size() asks for S3's EntityTooSmall rule.
//
// Unlike S3ObjectStore it is thread-safe (one mutex), so one instance may stand in for the
// per-thread stores of a whole sink. Faults are injected per operation with fail_next() (before the
// operation takes effect, or after it, to simulate a lost response) or with a hook that sees every
// call; call counts are kept per operation.
#pragma once

#include <array>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "storage/object_store.h"

namespace sluice::storage {

class MemoryObjectStore final : public ObjectStore {
 public:
  struct StoredObject {
    std::string body;
    std::string etag;    // quoted
    int part_count = 0;  // 0 for PutObject
    PutOptions options;  // as given to PutObject / CreateMultipartUpload
    ObjectTags tags;
  };

  // Whether an injected fault hits before the operation takes effect or after (the operation
  // happened but the caller sees the error, like a response lost on the way back).
  enum class FaultTiming { kBefore, kAfter };

  // Sees every call before it runs; a non-ok Status is returned instead of running it.
  using Hook = std::function<Status(ObjectStoreOp op, std::string_view key)>;

  MemoryObjectStore() = default;

  Status head_bucket() override;
  Status put_object(std::string_view key, std::string_view body,
                    const PutOptions& options) override;
  Result<std::string> create_multipart_upload(std::string_view key,
                                              const PutOptions& options) override;
  Result<std::string> upload_part(std::string_view key, std::string_view upload_id, int part_number,
                                  std::string_view body, const PutOptions& options) override;
  Status complete_multipart_upload(std::string_view key, std::string_view upload_id,
                                   const std::vector<std::string>& etags,
                                   const PutOptions& options) override;
  Status abort_multipart_upload(std::string_view key, std::string_view upload_id) override;
  Result<ListPage> list_objects(std::string_view prefix,
                                std::string_view continuation_token) override;
  Result<std::string> get_object(std::string_view key) override;
  Result<bool> object_exists(std::string_view key) override;
  Result<std::optional<ObjectInfo>> head_object(std::string_view key) override;
  Status delete_object(std::string_view key) override;
  Status put_object_tagging(std::string_view key, const ObjectTags& tags) override;

  // Fault injection: the next `times` calls of `op` return `status` (which must not be ok).
  void fail_next(ObjectStoreOp op, Status status, int times = 1,
                 FaultTiming timing = FaultTiming::kBefore);
  void set_hook(Hook hook);
  // head_bucket() reports a missing bucket (kFatal) while false.
  void set_bucket_exists(bool exists);
  // Parts other than the last must be at least this big (S3: 5 MiB); 0 = no check.
  void set_min_part_size(uint64_t bytes);
  // Page size of list_objects (S3: 1000).
  void set_max_keys(int max_keys);

  // Inspection.
  int call_count(ObjectStoreOp op) const;
  std::optional<StoredObject> object(std::string_view key) const;
  std::vector<std::string> keys() const;
  size_t object_count() const;
  size_t open_upload_count() const;
  // Removes everything and resets counters, faults and settings.
  void clear();

 private:
  struct Upload {
    std::string key;
    PutOptions options;
    std::map<int, std::string> parts;  // part number -> bytes
  };
  struct Fault {
    Status status;
    FaultTiming timing;
  };

  // Counts the call and returns the fault to apply before running it, if any; `after` receives
  // a fault to apply once the operation took effect.
  Status begin(ObjectStoreOp op, std::string_view key, std::optional<Status>& after);

  mutable std::mutex mutex_;
  std::map<std::string, StoredObject, std::less<>> objects_;
  std::map<std::string, Upload, std::less<>> uploads_;
  std::array<std::deque<Fault>, kObjectStoreOpCount> faults_;
  std::array<int, kObjectStoreOpCount> calls_{};
  Hook hook_;
  bool bucket_exists_ = true;
  uint64_t min_part_size_ = 0;
  int max_keys_ = 1000;
  uint64_t next_upload_id_ = 1;
};

}  // namespace sluice::storage
