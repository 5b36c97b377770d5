// TopicPartitionWriter: turns the records of one Kafka topic-partition into S3 objects.
//
// Records keep their consumed offsets, and offsets commit against the consumed topic-partition,
// but a transform may have routed a record to another topic or partition: its file then goes
// under the routed topic's directory (file_slot.h).
//
// It keeps one open file per encoded partition (directory), applies the Java connector's rotation
// rules (flush.size over all open files of the partition, rotate.interval.ms on record time,
// rotate.schedule.interval.ms on the wall clock, schema changes, partitioner.max.open.files), and
// hands every finished file to the Uploader. It also answers the one question offsets depend on:
// up to which offset is every record durable in S3? A rotation's offset becomes committable only
// when all of its objects, and all objects of earlier rotations, are complete — and, with
// s3.object.tagging, tagged: as in the Java connector, a file whose tagging fails under
// s3.object.behavior.on.tagging.error=fail never becomes committable.
//
// Conditional writes (put_options.if_none_match_star, spec confluent-s3-sink.md §5.11): a value
// file whose key holds a different object is never overwritten. The writer then finds the file's
// new start offset by the Java connector's scan (the first of the next max.files.scan.limit
// offsets whose would-be key is free), fails the rotation as retriable, and after the rewind
// skips that encoded partition's records below the new start: they are in the existing objects.
// Recorded rotation plans are still replayed, without those records.
//
// Owned by the task thread that owns the partition; upload threads only touch the Rotation
// records through their atomics and mutex.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "connect/sink_record.h"
#include "format/record_writer.h"
#include "format/record_writer_provider.h"
#include "sink/memory_budget.h"
#include "sink/object_key.h"
#include "sink/object_tagger.h"
#include "sink/part_buffer.h"
#include "sink/partition_metrics.h"
#include "sink/partitioner.h"
#include "sink/rotation_plan.h"
#include "sink/schema_compatibility.h"
#include "sink/timestamp_extractor.h"
#include "sink/uploader.h"
#include "storage/object_store.h"
#include "util/status.h"

namespace sluice::sink {

// What the connector configuration says about cutting files.
struct RotationPolicy {
  int64_t flush_size = 1000;
  int64_t rotate_interval_ms = -1;           // record time; needs a time-based partitioner
  int64_t rotate_schedule_interval_ms = -1;  // wall clock, aligned to midnight in `timezone`
  std::string timezone = "UTC";
  bool rotate_file_on_partition_change = true;
  int64_t max_open_files = -1;
  SchemaCompatibility schema_compatibility = SchemaCompatibility::kNone;
  // Record each rotation's plan in the offset commit metadata before its objects become visible
  // (rotation_plan.h). Needed, and set, when file boundaries depend on the wall clock.
  bool plan_rotations = false;
};

// Commits `offset` for the writer's partition with `metadata`, synchronously (the task's consumer).
using PlanCommitter = std::function<Status(const std::string& topic, int32_t partition,
                                           int64_t offset, const std::string& metadata)>;

// Everything a writer shares with the other writers of the task: owned by the task (or the
// process) and outliving every writer.
struct WriterServices {
  Uploader* uploader = nullptr;
  MemoryBudget* budget = nullptr;
  const Partitioner* partitioner = nullptr;
  const TimestampExtractor* timestamp_extractor = nullptr;  // null: no time-based partitioner
  const format::RecordWriterProvider* value_format = nullptr;
  const format::RecordWriterProvider* keys_format = nullptr;     // store.kafka.keys
  const format::RecordWriterProvider* headers_format = nullptr;  // store.kafka.headers
  // behavior.on.null.values=write: the encoded partition of tombstone files (keys/headers only).
  std::optional<std::string> tombstone_partition;
  ObjectKeyLayout key_layout;
  size_t part_size = 25 * 1024 * 1024;
  storage::PutOptions put_options;
  RotationPolicy policy;
  // s3.object.tagging: tags each value file once it is complete; null = no tagging.
  std::shared_ptr<const ObjectTagger> tagger;
  // max.files.scan.limit: bound of the "file exists" scan when put_options.if_none_match_star.
  int64_t max_files_scan_limit = 100;
};

class TopicPartitionWriter {
 public:
  // `commit_plan` commits through the consumer of the task that owns the partition; without it,
  // planned rotations fail.
  TopicPartitionWriter(const WriterServices& services, std::string topic, int32_t partition,
                       PlanCommitter commit_plan = {});
  ~TopicPartitionWriter();
  TopicPartitionWriter(const TopicPartitionWriter&) = delete;
  TopicPartitionWriter& operator=(const TopicPartitionWriter&) = delete;

  // Writes one record. kDataError means the record was not written (the caller applies
  // errors.tolerance and then calls skip()); any other error fails the writer.
  Status write(const connect::SinkRecord& record, int64_t now_ms);
  // The record at `offset` was consumed but will not be written (filtered, ignored, dead-lettered).
  void skip(int64_t offset);
  // Periodic work: scheduled rotation of idle files, collecting finished uploads. Returns the
  // first failed upload's status (retriable or fatal) once, then the writer needs reset().
  Status tick(int64_t now_ms);

  // The next offset to commit, when it moved past the last one committed; call mark_committed()
  // once the commit succeeded (a failed commit is then offered again).
  std::optional<int64_t> committable_offset() const;
  void mark_committed(int64_t offset) { committed_offset_ = std::max(committed_offset_, offset); }
  // committable_offset() and mark_committed() in one step, for tests and callers that cannot fail.
  std::optional<int64_t> take_committable_offset();
  int64_t durable_offset() const { return durable_offset_; }

  // Drops open files (their multipart uploads are aborted) and rotations still in flight, and
  // returns the offset to consume from again: everything before it is durable.
  int64_t reset();

  // Rotates every open file now (memory pressure). Returns false if nothing was open or the
  // writer is replaying a recorded plan (whose cuts must not move).
  bool rotate_now(int64_t now_ms);

  // Plans found in the committed offset's metadata: the next records are cut exactly as they say.
  void set_replay_plans(std::vector<RotationPlan> plans);
  bool replaying() const { return !replay_.empty(); }
  // The metadata to commit with the next offset: the plans not yet durable ("" for none).
  std::string commit_metadata() const;

  bool has_open_files() const { return !files_.empty(); }
  bool has_pending_uploads() const { return !pending_.empty(); }
  // Bytes the open files hold: their part buffers and what their record writers hold.
  uint64_t buffered_bytes() const;
  size_t open_file_count() const { return files_.size(); }
  const std::string& topic() const { return topic_; }
  int32_t partition() const { return partition_; }

  // The partition's metric cells: this writer records open files, and its uploads parts, objects
  // and bytes written, into them; the task records the rest. Detached cells until set.
  // REQUIRES: set before the first write().
  void set_metrics(std::shared_ptr<const PartitionMetrics> metrics) {
    metrics_ = std::move(metrics);
  }
  const PartitionMetrics& metrics() const { return *metrics_; }

 private:
  struct OpenFile;
  // One rotation: the files it committed and the offset that becomes durable with them.
  struct Rotation {
    int64_t commit_offset = 0;
    std::atomic<int> outstanding{0};
    std::mutex mutex;
    Status error;
    std::optional<RotationPlan> plan;  // set for a planned (or replayed) rotation
    // Value files refused because a different object holds their key: (encoded partition, the
    // offset its records are written from again). Guarded by `mutex`.
    std::vector<std::pair<std::string, int64_t>> conflicts;
  };

  bool rotation_due_on_time(const std::string& encoded, int64_t ts, int64_t now_ms) const;
  // Whether the record's value schema starts a new file rather than joining `file`
  // (schema_compatibility.h). kDataError when the schemas lack the versions the mode compares.
  // REQUIRES: file != nullptr, and both schemas present or both absent.
  Result<bool> schema_requires_rotation(const OpenFile& file,
                                        const connect::SinkRecord& record) const;
  // The record as it goes into `file`: projected onto the file's value schema under
  // BACKWARD/FORWARD/FULL when its own differs, in projection_arena_; else `record` itself.
  Result<const connect::SinkRecord*> project_onto(const OpenFile& file,
                                                  const connect::SinkRecord& record);
  // Cuts every open file; `replayed` is the recorded plan being re-executed, if any.
  void rotate(int64_t now_ms, bool time_based, const RotationPlan* replayed = nullptr);
  // Records `plan` in Kafka; false when it is too large for commit metadata (not recorded).
  Result<bool> commit_plan_before_upload(const RotationPlan& plan);
  std::vector<RotationPlan> plans_in_flight() const;
  Status write_replayed(const connect::SinkRecord& record, int64_t now_ms);
  // Appends the record to the file of encoded_scratch_ (opening it when `file` is null).
  Status append_record(const connect::SinkRecord& record, OpenFile* file);
  Result<OpenFile*> open_file(const std::string& encoded, const connect::SinkRecord& record);
  void ship_full_parts(OpenFile& file);
  Status collect_finished_rotations();
  // The front rotation met existing objects: skip what they hold and return the retriable error
  // that makes the task rewind.
  Status rewind_after_conflict(Rotation& done);
  // Runs on the upload thread when the value object of `file` ended: tags it, or scans after a
  // conflict. Captures no `this`: uploads may outlive the writer.
  ObjectUpload::CompletionHook completion_hook(const OpenFile& file, const std::string& key,
                                               const std::string& suffix,
                                               const std::shared_ptr<Rotation>& rotation);
  void reschedule(int64_t now_ms);
  // Tells metrics_ how many files are open (after files_ changed).
  void update_open_files() { metrics_->open_files->set(static_cast<double>(files_.size())); }

  const WriterServices& services_;
  const std::string topic_;
  const int32_t partition_;
  const PlanCommitter commit_plan_;
  std::shared_ptr<const PartitionMetrics> metrics_ = PartitionMetrics::detached();

  std::vector<std::unique_ptr<OpenFile>> files_;  // in the order they were opened
  std::unordered_map<std::string, OpenFile*> files_by_partition_;
  std::deque<std::shared_ptr<Rotation>> pending_;

  int64_t total_records_ = 0;  // records in the open files
  std::optional<int64_t> base_timestamp_;
  std::string last_encoded_partition_;
  int64_t last_written_offset_ = -1;
  int64_t last_seen_offset_ = -1;
  int64_t start_offset_ = -1;      // the first offset this writer saw (where it started reading)
  int64_t durable_offset_ = -1;    // every record before it is durable (-1: nothing yet)
  int64_t committed_offset_ = -1;  // the last offset known to be committed
  int64_t next_scheduled_rotation_ = -1;

  // The plan of the rotation being built: runs of (first offset, index of the file in files_).
  std::vector<std::pair<int64_t, int>> current_runs_;
  int last_run_index_ = -1;
  int64_t range_begin_ = -1;  // the first offset after the previous rotation
  bool force_plan_ = false;  // this rotation is cut by memory pressure: plan it whatever the policy
  std::deque<RotationPlan> replay_;
  bool replay_in_progress_ = false;  // the open files belong to replay_.front()
  Status failure_;                   // a plan commit failed: the writer needs reset()
  // Conditional writes: records of an encoded partition below this offset are in objects that
  // already exist (found by the scan) and are not written again.
  std::unordered_map<std::string, int64_t> skip_below_;

  // Reused per record (no allocation on the hot path): the partitioner's encoded partition and
  // the record's file slot (file_slot.h), which is what files_by_partition_ and plans hold.
  std::string partition_scratch_;
  std::string encoded_scratch_;
  std::string key_scratch_;
  // The last projected record and the Arena its value lives in (reset per projection: writers
  // encode a record before write() returns and keep no reference to its values).
  connect::SinkRecord projected_;
  connect::Arena projection_arena_;
};

}  // namespace sluice::sink
