#include "storage/memory_object_store.h"

#include "aws/hashing.h"

namespace sluice::storage {

namespace {

size_t index_of(ObjectStoreOp op) {
  return static_cast<size_t>(op);
}

std::string quoted(std::string text) {
  return "\"" + text + "\"";
}

std::string describe(ObjectStoreOp op, std::string_view key) {
  return std::string("memory store ") + object_store_op_name(op) + " key=" + std::string(key);
}

}  // namespace

Status MemoryObjectStore::begin(ObjectStoreOp op, std::string_view key,
                                std::optional<Status>& after) {
  Hook hook;
  {
    std::lock_guard lock(mutex_);
    ++calls_[index_of(op)];
    auto& queue = faults_[index_of(op)];
    if (!queue.empty()) {
      Fault fault = std::move(queue.front());
      queue.pop_front();
      if (fault.timing == FaultTiming::kBefore) return fault.status;
      after = std::move(fault.status);
    }
    hook = hook_;
  }
  // Outside the lock: a hook may block to let a test interleave other calls.
  if (hook) return hook(op, key);
  return Status::ok_status();
}

Status MemoryObjectStore::head_bucket() {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kHeadBucket, "", after));
  {
    std::lock_guard lock(mutex_);
    if (!bucket_exists_) return Status::fatal("memory store HeadBucket: bucket does not exist");
  }
  return after.value_or(Status::ok_status());
}

Status MemoryObjectStore::put_object(std::string_view key, std::string_view body,
                                     const PutOptions& options) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kPutObject, key, after));
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (options.if_none_match_star && it != objects_.end()) {
      return Status::conflict(describe(ObjectStoreOp::kPutObject, key) +
                              " status=412 code=PreconditionFailed: the object already exists");
    }
    StoredObject object;
    object.body = std::string(body);
    object.etag = quoted(aws::hex_encode(aws::md5(body)));
    object.options = options;
    objects_[std::string(key)] = std::move(object);
  }
  return after.value_or(Status::ok_status());
}

Result<std::string> MemoryObjectStore::create_multipart_upload(std::string_view key,
                                                               const PutOptions& options) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kCreateMultipartUpload, key, after));
  std::string upload_id;
  {
    std::lock_guard lock(mutex_);
    upload_id = "upload-" + std::to_string(next_upload_id_++);
    uploads_[upload_id] = Upload{std::string(key), options, {}};
  }
  if (after) return *after;
  return upload_id;
}

Result<std::string> MemoryObjectStore::upload_part(std::string_view key, std::string_view upload_id,
                                                   int part_number, std::string_view body,
                                                   const PutOptions&) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kUploadPart, key, after));
  if (part_number < 1 || part_number > 10000) {
    return Status::invalid_argument(describe(ObjectStoreOp::kUploadPart, key) + " part number " +
                                    std::to_string(part_number) + " is outside 1..10000");
  }
  {
    std::lock_guard lock(mutex_);
    auto it = uploads_.find(upload_id);
    if (it == uploads_.end() || it->second.key != key) {
      return Status::fatal(describe(ObjectStoreOp::kUploadPart, key) + " upload_id=" +
                           std::string(upload_id) + " status=404 code=NoSuchUpload");
    }
    it->second.parts[part_number] = std::string(body);
  }
  if (after) return *after;
  return quoted(aws::hex_encode(aws::md5(body)));
}

Status MemoryObjectStore::complete_multipart_upload(std::string_view key,
                                                    std::string_view upload_id,
                                                    const std::vector<std::string>& etags,
                                                    const PutOptions& options) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kCompleteMultipartUpload, key, after));
  const std::string what = describe(ObjectStoreOp::kCompleteMultipartUpload, key) +
                           " upload_id=" + std::string(upload_id);
  {
    std::lock_guard lock(mutex_);
    auto it = uploads_.find(upload_id);
    if (it == uploads_.end() || it->second.key != key) {
      return Status::fatal(what + " status=404 code=NoSuchUpload");
    }
    Upload& upload = it->second;
    if (etags.empty()) return Status::fatal(what + " status=400 code=MalformedXML: no parts");
    StoredObject object;
    std::string part_digests;
    for (size_t i = 0; i < etags.size(); ++i) {
      int number = static_cast<int>(i) + 1;
      auto part = upload.parts.find(number);
      if (part == upload.parts.end() ||
          quoted(aws::hex_encode(aws::md5(part->second))) != etags[i]) {
        return Status::fatal(what + " status=400 code=InvalidPart part=" + std::to_string(number));
      }
      if (min_part_size_ > 0 && i + 1 < etags.size() && part->second.size() < min_part_size_) {
        return Status::fatal(what +
                             " status=400 code=EntityTooSmall part=" + std::to_string(number));
      }
      object.body += part->second;
      aws::Md5Digest digest = aws::md5(part->second);
      part_digests.append(reinterpret_cast<const char*>(digest.data()), digest.size());
    }
    if (options.if_none_match_star && objects_.count(key) > 0) {
      // S3 leaves the upload open after a failed precondition, and so does the Java connector.
      return Status::conflict(what +
                              " status=412 code=PreconditionFailed: the object already exists");
    }
    object.etag =
        quoted(aws::hex_encode(aws::md5(part_digests)) + "-" + std::to_string(etags.size()));
    object.part_count = static_cast<int>(etags.size());
    object.options = upload.options;
    objects_[std::string(key)] = std::move(object);
    uploads_.erase(it);
  }
  return after.value_or(Status::ok_status());
}

Status MemoryObjectStore::abort_multipart_upload(std::string_view key, std::string_view upload_id) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kAbortMultipartUpload, key, after));
  {
    std::lock_guard lock(mutex_);
    auto it = uploads_.find(upload_id);
    if (it != uploads_.end() && it->second.key == key) uploads_.erase(it);
  }
  return after.value_or(Status::ok_status());
}

Result<ListPage> MemoryObjectStore::list_objects(std::string_view prefix,
                                                 std::string_view continuation_token) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kListObjects, prefix, after));
  ListPage page;
  {
    std::lock_guard lock(mutex_);
    // The token is the last key of the previous page; the next page starts after it.
    auto it = continuation_token.empty() ? objects_.lower_bound(prefix)
                                         : objects_.upper_bound(continuation_token);
    for (; it != objects_.end() && it->first.starts_with(prefix); ++it) {
      if (static_cast<int>(page.objects.size()) == max_keys_) {
        page.next_continuation_token = page.objects.back().key;
        break;
      }
      page.objects.push_back(ObjectInfo{it->first, it->second.body.size(), it->second.etag,
                                        "2026-01-01T00:00:00.000Z"});
    }
  }
  if (after) return *after;
  return page;
}

Result<std::string> MemoryObjectStore::get_object(std::string_view key) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kGetObject, key, after));
  std::string body;
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return Status::not_found(describe(ObjectStoreOp::kGetObject, key) +
                               " status=404 code=NoSuchKey");
    }
    body = it->second.body;
  }
  if (after) return *after;
  return body;
}

Result<bool> MemoryObjectStore::object_exists(std::string_view key) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kHeadObject, key, after));
  bool exists;
  {
    std::lock_guard lock(mutex_);
    exists = objects_.find(key) != objects_.end();
  }
  if (after) return *after;
  return exists;
}

Result<std::optional<ObjectInfo>> MemoryObjectStore::head_object(std::string_view key) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kHeadObject, key, after));
  std::optional<ObjectInfo> info;
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (it != objects_.end()) {
      info = ObjectInfo{it->first, it->second.body.size(), it->second.etag,
                        "Thu, 01 Jan 2026 00:00:00 GMT"};
    }
  }
  if (after) return *after;
  return info;
}

Status MemoryObjectStore::delete_object(std::string_view key) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kDeleteObject, key, after));
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (it != objects_.end()) objects_.erase(it);
  }
  return after.value_or(Status::ok_status());
}

Status MemoryObjectStore::put_object_tagging(std::string_view key, const ObjectTags& tags) {
  std::optional<Status> after;
  SLUICE_RETURN_IF_ERROR(begin(ObjectStoreOp::kPutObjectTagging, key, after));
  {
    std::lock_guard lock(mutex_);
    auto it = objects_.find(key);
    if (it == objects_.end()) {
      return Status::not_found(describe(ObjectStoreOp::kPutObjectTagging, key) +
                               " status=404 code=NoSuchKey");
    }
    it->second.tags = tags;
  }
  return after.value_or(Status::ok_status());
}

void MemoryObjectStore::fail_next(ObjectStoreOp op, Status status, int times, FaultTiming timing) {
  if (status.ok()) return;  // an "ok fault" would be a Result without a value
  std::lock_guard lock(mutex_);
  for (int i = 0; i < times; ++i) faults_[index_of(op)].push_back(Fault{status, timing});
}

void MemoryObjectStore::set_hook(Hook hook) {
  std::lock_guard lock(mutex_);
  hook_ = std::move(hook);
}

void MemoryObjectStore::set_bucket_exists(bool exists) {
  std::lock_guard lock(mutex_);
  bucket_exists_ = exists;
}

void MemoryObjectStore::set_min_part_size(uint64_t bytes) {
  std::lock_guard lock(mutex_);
  min_part_size_ = bytes;
}

void MemoryObjectStore::set_max_keys(int max_keys) {
  std::lock_guard lock(mutex_);
  max_keys_ = max_keys < 1 ? 1 : max_keys;
}

int MemoryObjectStore::call_count(ObjectStoreOp op) const {
  std::lock_guard lock(mutex_);
  return calls_[index_of(op)];
}

std::optional<MemoryObjectStore::StoredObject> MemoryObjectStore::object(
    std::string_view key) const {
  std::lock_guard lock(mutex_);
  auto it = objects_.find(key);
  if (it == objects_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> MemoryObjectStore::keys() const {
  std::lock_guard lock(mutex_);
  std::vector<std::string> out;
  out.reserve(objects_.size());
  for (const auto& [key, object] : objects_) out.push_back(key);
  return out;
}

size_t MemoryObjectStore::object_count() const {
  std::lock_guard lock(mutex_);
  return objects_.size();
}

size_t MemoryObjectStore::open_upload_count() const {
  std::lock_guard lock(mutex_);
  return uploads_.size();
}

void MemoryObjectStore::clear() {
  std::lock_guard lock(mutex_);
  objects_.clear();
  uploads_.clear();
  for (auto& queue : faults_) queue.clear();
  calls_.fill(0);
  hook_ = nullptr;
  bucket_exists_ = true;
  min_part_size_ = 0;
  max_keys_ = 1000;
}

}  // namespace sluice::storage
