#include "sink/topic_partition_writer.h"

#include <algorithm>
#include <chrono>
#include <thread>

#include "connect/schema_projector.h"
#include "sink/file_slot.h"
#include "sink/time_bucket.h"
#include "util/log.h"

namespace sluice::sink {

namespace {

// Feeds a format writer's output into the file's part buffer.
class PartBufferSink : public format::ByteSink {
 public:
  explicit PartBufferSink(PartBuffer* buffer) : buffer_(buffer) {}
  void append(std::string_view bytes) override { buffer_->append(bytes); }

 private:
  PartBuffer* buffer_;
};

// One object of a file: the values, the keys (store.kafka.keys) or the headers
// (store.kafka.headers), each with its own format writer, buffer and upload.
struct FileView {
  FileView(MemoryBudget* budget, size_t part_size) : buffer(budget, part_size), sink(&buffer) {}

  format::RecordView view = format::RecordView::kValue;
  std::string key;
  std::string suffix;  // what follows the start offset in the key: view and format extensions
  PartBuffer buffer;
  PartBufferSink sink;
  std::unique_ptr<format::RecordWriter> writer;
  std::shared_ptr<ObjectUpload> upload;
};

// Where a recorded plan starts taking records. Plans recorded before range_begin_ was fixed could
// name the offset after the record that opened their first file; their runs still name it.
int64_t replay_begin(const RotationPlan& plan) {
  return plan.runs.empty() ? plan.begin_offset
                           : std::min(plan.begin_offset, plan.runs.front().first);
}

// The Java connector's "file exists" scan (spec §5.11): the first offset after `start` that is
// not a remembered record of the file, or whose would-be key is free, within `limit` offsets;
// start + 1 + limit when all are taken. A failed HeadObject (403 above all) counts as free: a
// smaller new start only writes some records twice, never loses one.
int64_t scan_for_new_start(storage::ObjectStore& store, int64_t start,
                           const std::vector<std::pair<int64_t, std::string>>& remembered,
                           int64_t limit) {
  size_t next = 0;
  for (int64_t i = 1; i <= limit; ++i) {
    const int64_t offset = start + i;
    if (next >= remembered.size() || remembered[next].first != offset) return offset;
    Result<bool> exists = store.object_exists(remembered[next].second);
    ++next;
    if (!exists.ok() || !*exists) return offset;
  }
  return start + 1 + limit;
}

}  // namespace

struct TopicPartitionWriter::OpenFile {
  std::string encoded_partition;
  std::string key;  // the value object's key (or, for a tombstone file, its keys object's)
  int64_t start_offset = 0;
  int64_t end_offset = 0;
  int64_t record_count = 0;
  int plan_index = 0;         // position in files_ when opened: the plan's partition index
  connect::SchemaPtr schema;  // the value schema of the file's first record
  // Value, keys and headers objects, in that order (the value is absent in a tombstone file).
  std::vector<std::unique_ptr<FileView>> views;
  bool has_value_view = true;
  // Conditional writes: the offsets of the file's first records (at most max.files.scan.limit
  // after the first), whose would-be keys the "file exists" scan checks.
  std::vector<int64_t> scan_offsets;
};

TopicPartitionWriter::TopicPartitionWriter(const WriterServices& services, std::string topic,
                                           int32_t partition, PlanCommitter commit_plan)
    : services_(services),
      topic_(std::move(topic)),
      partition_(partition),
      commit_plan_(std::move(commit_plan)) {}

TopicPartitionWriter::~TopicPartitionWriter() {
  reset();
}

uint64_t TopicPartitionWriter::buffered_bytes() const {
  uint64_t total = 0;
  for (const auto& f : files_) {
    for (const auto& view : f->views) {
      total += view->buffer.total_bytes() + (view->writer ? view->writer->held_bytes() : 0);
    }
  }
  return total;
}

void TopicPartitionWriter::reschedule(int64_t now_ms) {
  const RotationPolicy& p = services_.policy;
  if (p.rotate_schedule_interval_ms <= 0) return;
  Result<int64_t> next = next_scheduled_rotation(now_ms, p.rotate_schedule_interval_ms, p.timezone);
  // The timezone was validated with the configuration; a failure here would be a bug, so fall
  // back to plain interval arithmetic in UTC rather than never rotating.
  next_scheduled_rotation_ =
      next.ok() ? *next
                : (now_ms / p.rotate_schedule_interval_ms + 1) * p.rotate_schedule_interval_ms;
}

bool TopicPartitionWriter::rotation_due_on_time(const std::string& encoded, int64_t ts,
                                                int64_t now_ms) const {
  if (total_records_ == 0) return false;
  const RotationPolicy& p = services_.policy;
  if (p.rotate_interval_ms > 0 && services_.timestamp_extractor != nullptr) {
    if (base_timestamp_ && ts - *base_timestamp_ >= p.rotate_interval_ms) return true;
    if (p.rotate_file_on_partition_change && encoded != last_encoded_partition_) return true;
  }
  return p.rotate_schedule_interval_ms > 0 && now_ms >= next_scheduled_rotation_;
}

Result<bool> TopicPartitionWriter::schema_requires_rotation(
    const OpenFile& file, const connect::SinkRecord& record) const {
  const connect::Schema* file_schema = file.schema.get();
  const connect::Schema* record_schema = record.value_schema.get();
  if (file_schema == record_schema) return false;
  Result<SchemaChange> change =
      check_schema_change(services_.policy.schema_compatibility, record_schema, file_schema);
  if (!change.ok()) return change.status();
  return *change != SchemaChange::kCompatible;
}

Result<const connect::SinkRecord*> TopicPartitionWriter::project_onto(
    const OpenFile& file, const connect::SinkRecord& record) {
  const connect::Schema* file_schema = file.schema.get();
  const connect::Schema* record_schema = record.value_schema.get();
  if (services_.policy.schema_compatibility == SchemaCompatibility::kNone ||
      file_schema == record_schema || file_schema == nullptr || record_schema == nullptr ||
      connect::schemas_equal(record_schema, file_schema)) {
    return &record;
  }
  projection_arena_.reset();
  Result<connect::Value> value =
      connect::project_value(*record_schema, record.value, *file_schema, projection_arena_);
  if (!value.ok()) return value.status();
  projected_ = record;
  projected_.value_schema = file.schema;
  projected_.value = *value;
  return &projected_;
}

Status TopicPartitionWriter::write(const connect::SinkRecord& record, int64_t now_ms) {
  // A rotation failed (its plan could not be recorded): everything after the durable offset is
  // read again once the task rewinds this writer (reset), so this record is not kept now.
  if (!failure_.ok()) return Status::ok_status();
  if (start_offset_ < 0) start_offset_ = record.offset;
  last_seen_offset_ = record.offset;
  if (range_begin_ < 0) range_begin_ = record.offset;
  if (!replay_.empty() && record.offset >= replay_.front().end_offset) {
    // The recorded rotation ended before this record (its last records are skipped this time).
    rotate(now_ms, /*time_based=*/false, &replay_.front());
    replay_.pop_front();
    replay_in_progress_ = false;
  }
  if (!replay_.empty() && record.offset >= replay_begin(replay_.front())) {
    if (!replay_in_progress_ && !files_.empty()) {
      // Records cut afresh (an unrecorded rotation before this plan) end where the plan begins.
      rotate(now_ms, /*time_based=*/false);
    }
    replay_in_progress_ = true;
    return write_replayed(record, now_ms);
  }
  if (total_records_ == 0 && services_.policy.rotate_schedule_interval_ms > 0 &&
      (next_scheduled_rotation_ < 0 || now_ms >= next_scheduled_rotation_)) {
    // Nothing open: an expired schedule only moves on, it does not make an empty file.
    reschedule(now_ms);
  }

  int64_t ts = now_ms;
  if (services_.timestamp_extractor != nullptr) {
    Result<int64_t> extracted = services_.timestamp_extractor->extract(record, now_ms);
    if (!extracted.ok()) return extracted.status();
    ts = *extracted;
  }
  partition_scratch_.clear();
  SLUICE_RETURN_IF_ERROR(services_.partitioner->encode_partition(record, ts, &partition_scratch_));
  // A transform may have routed the record to another topic or partition (file_slot.h).
  make_file_slot(topic_, partition_, record.topic, record.partition, partition_scratch_,
                 &encoded_scratch_);
  if (!skip_below_.empty()) {
    auto skip_it = skip_below_.find(encoded_scratch_);
    if (skip_it != skip_below_.end() && record.offset < skip_it->second) {
      // Already in an object that a conditional write found (rewind_after_conflict).
      skip(record.offset);
      return Status::ok_status();
    }
  }
  if (!base_timestamp_) base_timestamp_ = ts;

  auto it = files_by_partition_.find(encoded_scratch_);
  OpenFile* file = it == files_by_partition_.end() ? nullptr : it->second;
  // The Java connector's order: a switch between schemaless and schema'd values, then time, then
  // a schema change, then the open-files limit.
  const bool null_flip =
      file != nullptr && (file->schema == nullptr) != (record.value_schema == nullptr);
  const bool time_due = !null_flip && rotation_due_on_time(encoded_scratch_, ts, now_ms);
  bool schema_rotation = false;
  if (file != nullptr && !null_flip && !time_due) {
    Result<bool> rotation = schema_requires_rotation(*file, record);
    if (!rotation.ok()) return rotation.status();
    schema_rotation = *rotation;
  }
  if (null_flip || time_due || schema_rotation) {
    rotate(now_ms, /*time_based=*/time_due);
    file = nullptr;
    base_timestamp_ = ts;
  } else if (file == nullptr && services_.policy.max_open_files > 0 &&
             static_cast<int64_t>(files_.size()) >= services_.policy.max_open_files) {
    rotate(now_ms, /*time_based=*/false);
    base_timestamp_ = ts;
  }
  // The rotation just tried failed and dropped the open files: a file started now would begin
  // after records that are in no object.
  if (!failure_.ok()) return Status::ok_status();

  SLUICE_RETURN_IF_ERROR(append_record(record, file));
  if (total_records_ >= std::max<int64_t>(services_.policy.flush_size, 1)) {
    rotate(now_ms, /*time_based=*/false);
  }
  return Status::ok_status();
}

Status TopicPartitionWriter::write_replayed(const connect::SinkRecord& record, int64_t now_ms) {
  const RotationPlan& plan = replay_.front();
  int index = plan.partition_for(record.offset);
  if (index < 0) {
    // Before the plan's first written record: it was skipped the first time too.
    return Status::ok_status();
  }
  encoded_scratch_ = plan.partitions[index];
  auto skip_it = skip_below_.find(encoded_scratch_);
  if (skip_it != skip_below_.end() && record.offset < skip_it->second) {
    // In an existing object a conditional write found: the replayed file starts after it.
    skip(record.offset);
  } else {
    auto it = files_by_partition_.find(encoded_scratch_);
    SLUICE_RETURN_IF_ERROR(
        append_record(record, it == files_by_partition_.end() ? nullptr : it->second));
  }
  if (record.offset + 1 >= plan.end_offset) {
    rotate(now_ms, /*time_based=*/false, &plan);
    replay_.pop_front();
    replay_in_progress_ = false;
  }
  return Status::ok_status();
}

Status TopicPartitionWriter::append_record(const connect::SinkRecord& record, OpenFile* file) {
  bool opened = false;
  if (file == nullptr) {
    Result<OpenFile*> created = open_file(encoded_scratch_, record);
    if (!created.ok()) return created.status();
    file = *created;
    opened = true;
  }
  // Checked before anything is written, so the value, keys and headers objects stay aligned.
  Status st;
  const bool is_null_value = record.value.is_null();
  if (is_null_value && file->has_value_view) {
    st = Status::data_error("a null value cannot be written to " + file->key);
  } else if (!is_null_value && !file->has_value_view) {
    st = Status::data_error("a record with a value maps to the tombstone directory '" +
                            file->encoded_partition + "'");
  } else if (services_.keys_format != nullptr && record.key.is_null()) {
    st = Status::data_error("the record has a null key, which store.kafka.keys=true cannot write");
  } else if (services_.headers_format != nullptr && record.headers.empty()) {
    st = Status::data_error(
        "the record has no headers, which store.kafka.headers=true cannot write");
  }
  const connect::SinkRecord* to_write = &record;
  if (st.ok() && !opened) {
    Result<const connect::SinkRecord*> projected = project_onto(*file, record);
    if (projected.ok()) {
      to_write = *projected;
    } else {
      st = projected.status();
    }
  }
  size_t written_views = 0;
  for (auto& view : file->views) {
    if (!st.ok()) break;
    st = view->writer->write(*to_write, view->view);
    if (st.ok()) ++written_views;
  }
  if (!st.ok()) {
    if (written_views > 0) {
      // One object of the file took the record and another refused it: they no longer line up.
      return Status::fatal("the objects of " + file->key +
                           " can no longer be kept aligned: " + st.message());
    }
    if (opened && file->record_count == 0) {
      // Undo the file this record opened, so a dead-lettered record leaves no empty object.
      for (auto& view : file->views) services_.uploader->abort(view->upload);
      files_by_partition_.erase(file->encoded_partition);
      files_.pop_back();
      update_open_files();
    }
    return st.code() == StatusCode::kDataError ? st : st.with_context(file->key);
  }
  ship_full_parts(*file);
  // A record that cut the previous rotation before it was written begins the next range.
  if (range_begin_ < 0) range_begin_ = record.offset;
  if (services_.put_options.if_none_match_star &&
      static_cast<int64_t>(file->scan_offsets.size()) <= services_.max_files_scan_limit) {
    file->scan_offsets.push_back(record.offset);
  }
  file->end_offset = record.offset;
  ++file->record_count;
  ++total_records_;
  last_written_offset_ = record.offset;
  if (last_encoded_partition_ != encoded_scratch_) last_encoded_partition_ = encoded_scratch_;
  if (file->plan_index != last_run_index_) {
    current_runs_.emplace_back(record.offset, file->plan_index);
    last_run_index_ = file->plan_index;
  }
  return Status::ok_status();
}

Result<TopicPartitionWriter::OpenFile*> TopicPartitionWriter::open_file(
    const std::string& encoded, const connect::SinkRecord& record) {
  auto file = std::make_unique<OpenFile>();
  file->encoded_partition = encoded;
  const FileSlot slot = parse_file_slot(encoded, topic_, partition_);
  file->start_offset = record.offset;
  file->end_offset = record.offset;
  file->schema = record.value_schema;
  file->plan_index = static_cast<int>(files_.size());

  key_scratch_.clear();
  services_.partitioner->partitioned_path(slot.topic, slot.encoded, &key_scratch_);
  // Keys and headers objects share the value object's name up to its extension (spec §3.4).
  const std::string base =
      build_object_key(services_.key_layout, key_scratch_, topic_, partition_, record.offset, "");
  // A tombstone file (behavior.on.null.values=write) holds keys and headers only. The test is on
  // the whole encoded partition, not a substring of the name as in Java (spec §3.8).
  file->has_value_view =
      !(services_.tombstone_partition && slot.encoded == *services_.tombstone_partition);
  auto add_view = [&](format::RecordView view,
                      const format::RecordWriterProvider* provider) -> Status {
    auto v = std::make_unique<FileView>(services_.budget, services_.part_size);
    v->view = view;
    v->suffix = std::string(format::record_view_extension(view)) + provider->extension();
    v->key = base + v->suffix;
    Result<std::unique_ptr<format::RecordWriter>> writer = provider->create_writer(v->sink);
    if (!writer.ok()) return writer.status().with_context(v->key);
    v->writer = std::move(writer).value();
    v->upload = std::make_shared<ObjectUpload>(v->key, services_.put_options);
    v->upload->set_metrics(metrics_);
    file->views.push_back(std::move(v));
    return Status::ok_status();
  };
  if (file->has_value_view) {
    SLUICE_RETURN_IF_ERROR(add_view(format::RecordView::kValue, services_.value_format));
  }
  if (services_.keys_format != nullptr) {
    SLUICE_RETURN_IF_ERROR(add_view(format::RecordView::kKey, services_.keys_format));
  }
  if (services_.headers_format != nullptr) {
    SLUICE_RETURN_IF_ERROR(add_view(format::RecordView::kHeaders, services_.headers_format));
  }
  if (file->views.empty()) {
    return Status::data_error(
        "a null value maps to the tombstone directory, but no keys or headers "
        "are stored");
  }
  file->key = file->views.front()->key;

  OpenFile* raw = file.get();
  files_by_partition_.emplace(encoded, raw);
  files_.push_back(std::move(file));
  update_open_files();
  return raw;
}

void TopicPartitionWriter::ship_full_parts(OpenFile& file) {
  for (auto& view : file.views) {
    while (view->buffer.has_full_part()) {
      services_.uploader->upload_part(view->upload, view->buffer.pop_full_part());
    }
  }
}

void TopicPartitionWriter::rotate(int64_t now_ms, bool time_based, const RotationPlan* replayed) {
  if (time_based) reschedule(now_ms);
  const bool planned = replayed != nullptr || services_.policy.plan_rotations || force_plan_;
  force_plan_ = false;
  if (files_.empty()) {
    current_runs_.clear();
    last_run_index_ = -1;
    return;
  }
  auto rotation = std::make_shared<Rotation>();
  rotation->commit_offset = replayed != nullptr ? replayed->end_offset : last_written_offset_ + 1;
  if (planned) {
    RotationPlan plan;
    if (replayed != nullptr) {
      plan = *replayed;
    } else {
      plan.begin_offset = range_begin_ >= 0 ? range_begin_ : current_runs_.front().first;
      plan.end_offset = rotation->commit_offset;
      for (const auto& file : files_) plan.partitions.push_back(file->encoded_partition);
      plan.runs = current_runs_;
    }
    if (replayed == nullptr) {
      // The plan must be in Kafka before any object of this rotation can become visible.
      Result<bool> committed = commit_plan_before_upload(plan);
      if (!committed.ok()) {
        for (auto& file : files_) {
          for (auto& view : file->views) services_.uploader->abort(view->upload);
        }
        files_.clear();
        files_by_partition_.clear();
        update_open_files();
        current_runs_.clear();
        last_run_index_ = -1;
        total_records_ = 0;
        base_timestamp_.reset();
        failure_ =
            Status::retriable("could not record the rotation plan of " + topic_ + "-" +
                              std::to_string(partition_) + ": " + committed.status().message());
        return;
      }
      // A plan too large to record is not kept: later commits must not carry it either.
      if (*committed) rotation->plan = std::move(plan);
    } else {
      rotation->plan = std::move(plan);
    }
  }
  current_runs_.clear();
  last_run_index_ = -1;
  range_begin_ = -1;
  int objects = 0;
  for (const auto& file : files_) objects += static_cast<int>(file->views.size());
  rotation->outstanding.store(objects);
  for (auto& file : files_) {
    SLUICE_LOG(kSink).debug(
        "rotating topic={} partition={} key={} records={} first_offset={} last_offset={}", topic_,
        partition_, file->key, file->record_count, file->start_offset, file->end_offset);
    for (auto& view : file->views) {
      Status closed = view->writer->close();
      if (!closed.ok()) {
        // The format could not finish the object: fail the rotation, which fails the writer.
        std::lock_guard<std::mutex> lock(rotation->mutex);
        if (rotation->error.ok()) rotation->error = closed.with_context(view->key);
        services_.uploader->abort(view->upload);
        rotation->outstanding.fetch_sub(1);
        continue;
      }
      while (view->buffer.has_full_part()) {
        services_.uploader->upload_part(view->upload, view->buffer.pop_full_part());
      }
      if (view->view == format::RecordView::kValue &&
          (services_.tagger != nullptr || services_.put_options.if_none_match_star)) {
        view->upload->set_completion_hook(
            completion_hook(*file, view->key, view->suffix, rotation));
      }
      services_.uploader->finish(view->upload, view->buffer.take_rest(),
                                 [rotation, key = view->key](const Status& st) {
                                   if (!st.ok()) {
                                     std::lock_guard<std::mutex> lock(rotation->mutex);
                                     if (rotation->error.ok())
                                       rotation->error = st.with_context(key);
                                   }
                                   rotation->outstanding.fetch_sub(1, std::memory_order_release);
                                 });
    }
  }
  pending_.push_back(std::move(rotation));
  files_.clear();
  files_by_partition_.clear();
  update_open_files();
  total_records_ = 0;
  base_timestamp_.reset();
}

bool TopicPartitionWriter::rotate_now(int64_t now_ms) {
  if (files_.empty() || !replay_.empty()) return false;
  force_plan_ = true;  // a cut made by memory pressure is not a function of the records
  rotate(now_ms, /*time_based=*/false);
  return true;
}

std::vector<RotationPlan> TopicPartitionWriter::plans_in_flight() const {
  std::vector<RotationPlan> plans;
  for (const auto& rotation : pending_) {
    if (rotation->plan) plans.push_back(*rotation->plan);
  }
  plans.insert(plans.end(), replay_.begin(), replay_.end());
  return plans;
}

std::string TopicPartitionWriter::commit_metadata() const {
  return encode_rotation_plans(plans_in_flight());
}

void TopicPartitionWriter::set_replay_plans(std::vector<RotationPlan> plans) {
  replay_.assign(plans.begin(), plans.end());
}

Result<bool> TopicPartitionWriter::commit_plan_before_upload(const RotationPlan& plan) {
  if (!commit_plan_) return Status::fatal("no plan committer configured");
  std::vector<RotationPlan> plans = plans_in_flight();
  plans.push_back(plan);
  std::string metadata = encode_rotation_plans(plans);
  if (metadata.size() > kMaxPlanMetadataBytes && !pending_.empty()) {
    // Too many plans in flight for one commit: let the earlier rotations finish first.
    for (int i = 0; i < 6000 && !pending_.empty(); ++i) {
      SLUICE_RETURN_IF_ERROR(collect_finished_rotations());
      if (!pending_.empty()) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    plans = plans_in_flight();
    plans.push_back(plan);
    metadata = encode_rotation_plans(plans);
  }
  if (metadata.size() > kMaxPlanMetadataBytes) {
    SLUICE_LOG(kSink).warn(
        "topic={} partition={}: the rotation plan ({} bytes, {} files) is larger than "
        "offset commit metadata allows; this rotation is not protected against "
        "duplicates after a crash",
        topic_, partition_, metadata.size(), plan.partitions.size());
    return false;
  }
  int64_t offset = std::max({durable_offset_, start_offset_, committed_offset_});
  SLUICE_RETURN_IF_ERROR(commit_plan_(topic_, partition_, offset, metadata));
  mark_committed(offset);
  return true;
}

void TopicPartitionWriter::skip(int64_t offset) {
  if (start_offset_ < 0) start_offset_ = offset;
  if (range_begin_ < 0) range_begin_ = offset;
  last_seen_offset_ = offset;
}

Status TopicPartitionWriter::collect_finished_rotations() {
  // After a failed rotation the records of the dropped files are in no object: nothing may count
  // as durable (in particular not as "skipped" below) until reset() rewinds.
  if (!failure_.ok()) return failure_;
  while (!pending_.empty() && pending_.front()->outstanding.load(std::memory_order_acquire) == 0) {
    std::shared_ptr<Rotation> done = pending_.front();
    {
      std::lock_guard<std::mutex> lock(done->mutex);
      if (!done->error.ok()) {
        if (done->error.code() == StatusCode::kConflict && !done->conflicts.empty()) {
          return rewind_after_conflict(*done);
        }
        return done->error;
      }
    }
    durable_offset_ = std::max(durable_offset_, done->commit_offset);
    pending_.pop_front();
  }
  if (!skip_below_.empty()) {
    // Skips below the durable offset can no longer apply: those records are not read again.
    std::erase_if(skip_below_,
                  [this](const auto& entry) { return entry.second <= durable_offset_; });
  }
  // Records after the last file that were all skipped need no file: once nothing is open or in
  // flight, they are as good as durable (the Java connector never commits them: issue #232).
  if (files_.empty() && pending_.empty() && last_seen_offset_ >= 0) {
    durable_offset_ = std::max(durable_offset_, last_seen_offset_ + 1);
  }
  return Status::ok_status();
}

ObjectUpload::CompletionHook TopicPartitionWriter::completion_hook(
    const OpenFile& file, const std::string& key, const std::string& suffix,
    const std::shared_ptr<Rotation>& rotation) {
  const bool conditional = services_.put_options.if_none_match_star;
  std::vector<std::pair<int64_t, std::string>> remembered;
  if (conditional && file.scan_offsets.size() > 1) {
    std::string directory;
    const FileSlot slot = parse_file_slot(file.encoded_partition, topic_, partition_);
    services_.partitioner->partitioned_path(slot.topic, slot.encoded, &directory);
    remembered.reserve(file.scan_offsets.size() - 1);
    for (size_t i = 1; i < file.scan_offsets.size(); ++i) {
      const int64_t offset = file.scan_offsets[i];
      remembered.emplace_back(offset, build_object_key(services_.key_layout, directory, topic_,
                                                       partition_, offset, suffix));
    }
  }
  return [tagger = services_.tagger, conditional, limit = services_.max_files_scan_limit, key,
          encoded = file.encoded_partition, start = file.start_offset, end = file.end_offset,
          count = file.record_count, remembered = std::move(remembered),
          rotation](storage::ObjectStore& store, const Status& result) -> Status {
    if (result.ok()) {
      return tagger != nullptr ? tagger->tag(store, key, start, end, count) : result;
    }
    if (!conditional || result.code() != StatusCode::kConflict) return result;
    const int64_t new_start = scan_for_new_start(store, start, remembered, limit);
    {
      std::lock_guard<std::mutex> lock(rotation->mutex);
      rotation->conflicts.emplace_back(encoded, new_start);
    }
    return Status::conflict(result.message() + "; the records of '" + encoded + "' from offset " +
                            std::to_string(start) + " to " + std::to_string(new_start - 1) +
                            " are taken as already in S3 and written again from offset " +
                            std::to_string(new_start));
  };
}

Status TopicPartitionWriter::rewind_after_conflict(Rotation& done) {
  for (const auto& [encoded, new_start] : done.conflicts) {
    int64_t& below = skip_below_[encoded];
    below = std::max(below, new_start);
  }
  // The recorded plans stay: replaying them cuts the same files, except that the refused ones now
  // start after the records the existing objects hold (a new key), and the files of later
  // rotations that became visible meanwhile are rewritten byte for byte (accepted as identical).
  return Status::retriable("conditional write refused (enable.conditional.writes): " +
                           done.error.message());
}

Status TopicPartitionWriter::tick(int64_t now_ms) {
  if (!failure_.ok()) return failure_;
  if (!replay_.empty()) return collect_finished_rotations();
  if (total_records_ > 0 && services_.policy.rotate_schedule_interval_ms > 0 &&
      next_scheduled_rotation_ >= 0 && now_ms >= next_scheduled_rotation_) {
    rotate(now_ms, /*time_based=*/true);
  } else if (total_records_ == 0 && services_.policy.rotate_schedule_interval_ms > 0 &&
             next_scheduled_rotation_ >= 0 && now_ms >= next_scheduled_rotation_) {
    reschedule(now_ms);
  }
  return collect_finished_rotations();
}

std::optional<int64_t> TopicPartitionWriter::committable_offset() const {
  // Never move the group backwards from where this writer started reading (spec §5.7).
  if (durable_offset_ > std::max(committed_offset_, start_offset_)) return durable_offset_;
  return std::nullopt;
}

std::optional<int64_t> TopicPartitionWriter::take_committable_offset() {
  std::optional<int64_t> offset = committable_offset();
  if (offset) mark_committed(*offset);
  return offset;
}

int64_t TopicPartitionWriter::reset() {
  for (auto& file : files_) {
    for (auto& view : file->views) services_.uploader->abort(view->upload);
  }
  files_.clear();
  files_by_partition_.clear();
  update_open_files();
  // Rotations still in flight may yet complete; their keys will be written again identically:
  // planned ones by replaying their plans, the others because their cuts depend on the records
  // only.
  std::deque<RotationPlan> replay;
  for (const auto& rotation : pending_) {
    if (rotation->plan) replay.push_back(*rotation->plan);
  }
  replay.insert(replay.end(), replay_.begin(), replay_.end());
  replay_ = std::move(replay);
  replay_in_progress_ = false;
  pending_.clear();
  failure_ = Status();
  current_runs_.clear();
  last_run_index_ = -1;
  range_begin_ = -1;
  total_records_ = 0;
  base_timestamp_.reset();
  last_encoded_partition_.clear();
  int64_t resume_from = durable_offset_ >= 0 ? durable_offset_ : start_offset_;
  last_seen_offset_ = resume_from - 1;
  last_written_offset_ = resume_from - 1;
  return resume_from;
}

}  // namespace sluice::sink
