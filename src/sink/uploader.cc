#include "sink/uploader.h"

#include "storage/object_etag.h"
#include "util/log.h"

namespace sluice::sink {

namespace {

// A conditional write found `key` taken: success when the object there is the one we sent
// (`sent_etag`), kConflict when it is another, as the Java connector's HeadObject check decides
// otherwise (spec confluent-s3-sink.md §5.11): a denied HeadObject counts as "exists".
Status settle_conflict(storage::ObjectStore& store, const std::string& key,
                       const std::string& sent_etag, const storage::PutOptions& options,
                       const Status& conflict) {
  if (!storage::etag_is_md5_based(options) || sent_etag.empty()) {
    return Status::conflict(conflict.message() +
                            " (with SSE-KMS or SSE-C the ETag cannot show whether it is the same "
                            "object, so it is taken as a different one)");
  }
  Result<std::optional<storage::ObjectInfo>> head = store.head_object(key);
  if (!head.ok()) {
    if (head.status().is_retriable()) return head.status().with_context(key);
    return Status::conflict(conflict.message() + " (HeadObject failed: " + head.status().message() +
                            "; taken as a different object)");
  }
  if (!head->has_value()) {
    return Status::fatal(conflict.message() +
                         ": contradicting response: S3 refused the write because the key exists, "
                         "but HeadObject does not find it");
  }
  if (storage::etags_match((*head)->etag, sent_etag)) {
    SLUICE_LOG(kSink).info(
        "conditional write of key={}: the object exists with the same bytes (ETag {})", key,
        sent_etag);
    return Status::ok_status();
  }
  return Status::conflict(conflict.message() + ": the existing object (ETag " + (*head)->etag +
                          ") differs from the one written (ETag " + sent_etag +
                          "); it is not overwritten");
}

}  // namespace

Uploader::Uploader(size_t threads, StoreFactory store_factory) {
  if (threads == 0) threads = 1;
  for (size_t i = 0; i < threads; ++i) {
    threads_.emplace_back(
        [this, store = store_factory()]() mutable { worker_loop(std::move(store)); });
  }
}

Uploader::~Uploader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_all();
  for (std::thread& t : threads_) t.join();
}

size_t Uploader::queued_jobs() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return jobs_.size();
}

void Uploader::enqueue(Job job) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_.push_back(std::move(job));
  }
  work_.notify_one();
}

void Uploader::worker_loop(std::unique_ptr<storage::ObjectStore> store) {
  for (;;) {
    Job job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !jobs_.empty(); });
      if (jobs_.empty()) return;  // stopping and drained
      job = std::move(jobs_.front());
      jobs_.pop_front();
    }
    job(*store);
  }
}

void Uploader::upload_part(const std::shared_ptr<ObjectUpload>& upload, Part part) {
  int part_number = ++upload->parts_submitted_;
  auto shared_part = std::make_shared<Part>(std::move(part));
  enqueue([this, upload, part_number, shared_part](storage::ObjectStore& store) {
    send_part(store, upload, part_number, *shared_part);
  });
}

void Uploader::send_part(storage::ObjectStore& store, const std::shared_ptr<ObjectUpload>& upload,
                         int part_number, Part& part) {
  {
    // The first part to run creates the multipart upload; later parts wait on the mutex for it.
    std::lock_guard<std::mutex> lock(upload->mutex_);
    if (upload->aborted_ || !upload->error_.ok()) {
      ++upload->parts_done_;
      maybe_complete_locked(upload);
      return;
    }
    if (upload->upload_id_.empty()) {
      Result<std::string> id = store.create_multipart_upload(upload->key_, upload->options_);
      if (!id.ok()) {
        upload->error_ = id.status();
        ++upload->parts_done_;
        maybe_complete_locked(upload);
        return;
      }
      upload->upload_id_ = std::move(id).value();
    }
  }
  Result<std::string> etag = store.upload_part(upload->key_, upload->upload_id_, part_number,
                                               part.bytes, upload->options_);
  const size_t part_bytes = part.bytes.size();
  part = Part();  // give the memory back as soon as the bytes are sent
  std::lock_guard<std::mutex> lock(upload->mutex_);
  if (etag.ok()) {
    upload->bytes_sent_ += part_bytes;
    if (upload->metrics_) upload->metrics_->parts_uploaded->inc();
    if (upload->etags_.size() < static_cast<size_t>(part_number))
      upload->etags_.resize(part_number);
    upload->etags_[part_number - 1] = std::move(etag).value();
  } else if (upload->error_.ok()) {
    upload->error_ = etag.status();
  }
  ++upload->parts_done_;
  maybe_complete_locked(upload);
}

void Uploader::finish(const std::shared_ptr<ObjectUpload>& upload, Part last,
                      ObjectUpload::DoneCallback on_done) {
  if (upload->parts_submitted_ == 0) {
    // Small object: one PutObject, no multipart upload at all.
    auto shared_last = std::make_shared<Part>(std::move(last));
    enqueue([upload, shared_last, on_done = std::move(on_done)](storage::ObjectStore& store) {
      Status st = store.put_object(upload->key_, shared_last->bytes, upload->options_);
      if (st.code() == StatusCode::kConflict && upload->options_.if_none_match_star) {
        st = settle_conflict(store, upload->key_, storage::put_object_etag(shared_last->bytes),
                             upload->options_, st);
      }
      if (st.ok() && upload->metrics_) {
        upload->metrics_->objects_committed->inc();
        upload->metrics_->bytes_written->inc(shared_last->bytes.size());
      }
      *shared_last = Part();
      if (upload->completion_hook_) st = upload->completion_hook_(store, st);
      on_done(st);
    });
    return;
  }
  // A multipart object: an empty last part is skipped (the Java connector sends a zero-length
  // part there, which some S3-compatible stores reject).
  if (!last.bytes.empty()) upload_part(upload, std::move(last));
  std::lock_guard<std::mutex> lock(upload->mutex_);
  upload->on_done_ = std::move(on_done);
  upload->parts_total_ = upload->parts_submitted_;
  maybe_complete_locked(upload);
}

void Uploader::maybe_complete_locked(const std::shared_ptr<ObjectUpload>& upload) {
  if (upload->parts_total_ < 0 || upload->parts_done_ < upload->parts_total_ ||
      upload->completion_started_) {
    return;
  }
  upload->completion_started_ = true;
  enqueue([this, upload](storage::ObjectStore& store) { complete(store, upload); });
}

void Uploader::complete(storage::ObjectStore& store, const std::shared_ptr<ObjectUpload>& upload) {
  Status result;
  ObjectUpload::DoneCallback on_done;
  bool aborted = false;
  {
    std::lock_guard<std::mutex> lock(upload->mutex_);
    on_done = upload->on_done_;
    aborted = upload->aborted_;
    if (aborted) {
      result = Status::cancelled("upload of " + upload->key_ + " was abandoned");
    } else {
      result = upload->error_;
    }
  }
  bool completed = false;
  if (result.ok()) {
    result = store.complete_multipart_upload(upload->key_, upload->upload_id_, upload->etags_,
                                             upload->options_);
    completed = result.ok();
    if (result.code() == StatusCode::kConflict && upload->options_.if_none_match_star) {
      result = settle_conflict(store, upload->key_, storage::multipart_etag(upload->etags_),
                               upload->options_, result);
    }
    if (result.ok() && upload->metrics_) {
      // Parts are all done: bytes_sent_ is no longer written.
      upload->metrics_->objects_committed->inc();
      upload->metrics_->bytes_written->inc(upload->bytes_sent_);
    }
  }
  if (!completed && !upload->upload_id_.empty()) {
    // Leave no billable parts behind; a failure to abort is only worth a warning. A refused
    // conditional completion leaves the upload open in S3 (the Java connector leaves it so): it
    // is aborted here like any other failed one.
    Status abort_status = store.abort_multipart_upload(upload->key_, upload->upload_id_);
    if (!abort_status.ok()) {
      SLUICE_LOG(kSink).warn("could not abort multipart upload key={} upload_id={}: {}",
                             upload->key_, upload->upload_id_, abort_status.message());
    }
  }
  if (upload->completion_hook_ && !aborted) {
    result = upload->completion_hook_(store, result);
  }
  if (on_done) on_done(result);
}

void Uploader::abort(const std::shared_ptr<ObjectUpload>& upload) {
  std::lock_guard<std::mutex> lock(upload->mutex_);
  upload->aborted_ = true;
  if (upload->parts_total_ < 0) {
    // Nobody will call finish(): complete() runs the abort once the queued parts have drained.
    upload->parts_total_ = upload->parts_submitted_;
    upload->on_done_ = nullptr;
    maybe_complete_locked(upload);
  }
}

}  // namespace sluice::sink
