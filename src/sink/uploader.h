// Uploader: a small pool of threads that sends parts and whole objects to the object store.
//
// Task threads never wait for S3 while they encode: they hand full parts to the Uploader and go
// on. Each upload thread owns its own ObjectStore (and so its own keep-alive HTTP connection).
// An ObjectUpload is the state of one object, shared between the task that produces its parts
// and the threads that send them: the multipart upload is created by whichever part goes first,
// and the object is completed by whichever job finishes last after finish() was called. Objects
// that never reached a full part are sent with one PutObject (one request instead of three).
//
// Conditional writes (PutOptions::if_none_match_star): when S3 answers that the key exists, the
// Uploader compares the existing object's ETag with the ETag of what it sent. A byte-identical
// object (sluice's own earlier write, replayed after a crash or completed by a response that got
// lost) counts as success; any other object is left alone and the write ends in kConflict.
// A completion hook set on the ObjectUpload then runs on the same upload thread, with that
// thread's store, before the done callback: the writer tags the object there, or scans after a
// conflict (topic_partition_writer.h).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "sink/part_buffer.h"
#include "sink/partition_metrics.h"
#include "storage/object_store.h"
#include "util/status.h"

namespace sluice::sink {

class Uploader;

class ObjectUpload {
 public:
  using DoneCallback = std::function<void(const Status&)>;
  // Gets the write's outcome (after the identical-object check) and returns the outcome to report.
  using CompletionHook = std::function<Status(storage::ObjectStore& store, const Status& result)>;

  ObjectUpload(std::string key, storage::PutOptions options)
      : key_(std::move(key)), options_(std::move(options)) {}

  const std::string& key() const { return key_; }
  int parts_submitted() const { return parts_submitted_; }
  // Set by the producing task before finish(); runs once, on an upload thread.
  void set_completion_hook(CompletionHook hook) { completion_hook_ = std::move(hook); }
  // Where the parts and the object are counted once S3 accepted them; set before the first part.
  void set_metrics(std::shared_ptr<const PartitionMetrics> metrics) {
    metrics_ = std::move(metrics);
  }

 private:
  friend class Uploader;

  const std::string key_;
  const storage::PutOptions options_;

  std::mutex mutex_;
  std::string upload_id_;           // empty until CreateMultipartUpload ran
  std::vector<std::string> etags_;  // by part number - 1
  int parts_submitted_ = 0;         // only touched by the owning task thread
  int parts_done_ = 0;
  int parts_total_ = -1;  // known once finish() is called
  bool completion_started_ = false;
  bool aborted_ = false;
  Status error_;
  DoneCallback on_done_;
  CompletionHook completion_hook_;
  std::shared_ptr<const PartitionMetrics> metrics_;  // may be null
  uint64_t bytes_sent_ = 0;                          // of the parts S3 accepted
};

class Uploader {
 public:
  using StoreFactory = std::function<std::unique_ptr<storage::ObjectStore>()>;

  Uploader(size_t threads, StoreFactory store_factory);
  ~Uploader();  // finishes every queued job, then joins the threads
  Uploader(const Uploader&) = delete;
  Uploader& operator=(const Uploader&) = delete;

  // Sends the next part of `upload` (parts are numbered in the order of these calls).
  void upload_part(const std::shared_ptr<ObjectUpload>& upload, Part part);
  // Sends `last` as the final part (or the whole object) and completes the object; `on_done` runs
  // on an upload thread once the object is durable or has failed.
  void finish(const std::shared_ptr<ObjectUpload>& upload, Part last,
              ObjectUpload::DoneCallback on_done);
  // Gives the object up: queued parts are dropped and a started multipart upload is aborted.
  void abort(const std::shared_ptr<ObjectUpload>& upload);

  size_t queued_jobs() const;

 private:
  using Job = std::function<void(storage::ObjectStore&)>;

  void enqueue(Job job);
  void worker_loop(std::unique_ptr<storage::ObjectStore> store);
  void send_part(storage::ObjectStore& store, const std::shared_ptr<ObjectUpload>& upload,
                 int part_number, Part& part);
  // Called with upload->mutex_ held, after a part finished or finish() was called.
  void maybe_complete_locked(const std::shared_ptr<ObjectUpload>& upload);
  void complete(storage::ObjectStore& store, const std::shared_ptr<ObjectUpload>& upload);

  mutable std::mutex mutex_;
  std::condition_variable work_;
  std::deque<Job> jobs_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;
};

}  // namespace sluice::sink
