#include "sink/topic_partition_writer.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "sink/time_bucket.h"

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
  PartBuffer buffer;
  PartBufferSink sink;
  std::unique_ptr<format::RecordWriter> writer;
  std::shared_ptr<ObjectUpload> upload;
};

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
};

TopicPartitionWriter::TopicPartitionWriter(const WriterServices& services, std::string topic,
                                           int32_t partition, PlanCommitter commit_plan)
    : services_(services),
      topic_(std::move(topic)),
      partition_(partition),
      commit_plan_(std::move(commit_plan)) {}

TopicPartitionWriter::~TopicPartitionWriter() { reset(); }

uint64_t TopicPartitionWriter::buffered_bytes() const {
  uint64_t total = 0;
  for (const auto& f : files_) {
    for (const auto& view : f->views) total += view->buffer.total_bytes();
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
      next.ok() ? *next : (now_ms / p.rotate_schedule_interval_ms + 1) * p.rotate_schedule_interval_ms;
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

bool TopicPartitionWriter::schema_requires_rotation(const OpenFile* file,
                                                    const connect::SinkRecord& record) const {
  if (file == nullptr) return false;
  const connect::Schema* file_schema = file->schema.get();
  const connect::Schema* record_schema = record.value_schema.get();
  if (file_schema == record_schema) return false;
  // A switch between schemaless and schema-based values always starts a new file.
  if ((file_schema == nullptr) != (record_schema == nullptr)) return true;
  switch (services_.policy.schema_compatibility) {
    case SchemaCompatibility::kNone:
      return !connect::schemas_equal(file_schema, record_schema);
    case SchemaCompatibility::kBackward:
    case SchemaCompatibility::kFull:
      return record_schema->version.value_or(0) > file_schema->version.value_or(0);
    case SchemaCompatibility::kForward:
      return record_schema->version.value_or(0) < file_schema->version.value_or(0);
  }
  return false;
}

Status TopicPartitionWriter::write(const connect::SinkRecord& record, int64_t now_ms) {
  if (start_offset_ < 0) start_offset_ = record.offset;
  last_seen_offset_ = record.offset;
  if (range_begin_ < 0) range_begin_ = record.offset;
  if (!replay_.empty() && record.offset >= replay_.front().end_offset) {
    // The recorded rotation ended before this record (its last records are skipped this time).
    rotate(now_ms, /*time_based=*/false, &replay_.front());
    replay_.pop_front();
  }
  if (!replay_.empty() && record.offset >= replay_.front().begin_offset) {
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
  encoded_scratch_.clear();
  SLUICE_RETURN_IF_ERROR(services_.partitioner->encode_partition(record, ts, &encoded_scratch_));
  if (!base_timestamp_) base_timestamp_ = ts;

  auto it = files_by_partition_.find(encoded_scratch_);
  OpenFile* file = it == files_by_partition_.end() ? nullptr : it->second;
  if (schema_requires_rotation(file, record)) {
    rotate(now_ms, /*time_based=*/false);
    file = nullptr;
    base_timestamp_ = ts;
  } else if (rotation_due_on_time(encoded_scratch_, ts, now_ms)) {
    rotate(now_ms, /*time_based=*/true);
    file = nullptr;
    base_timestamp_ = ts;
  } else if (file == nullptr && services_.policy.max_open_files > 0 &&
             static_cast<int64_t>(files_.size()) >= services_.policy.max_open_files) {
    rotate(now_ms, /*time_based=*/false);
    base_timestamp_ = ts;
  }

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
  auto it = files_by_partition_.find(encoded_scratch_);
  SLUICE_RETURN_IF_ERROR(append_record(record, it == files_by_partition_.end() ? nullptr : it->second));
  if (record.offset + 1 >= plan.end_offset) {
    rotate(now_ms, /*time_based=*/false, &plan);
    replay_.pop_front();
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
    st = Status::data_error("the record has no headers, which store.kafka.headers=true cannot write");
  }
  size_t written_views = 0;
  for (auto& view : file->views) {
    if (!st.ok()) break;
    st = view->writer->write(record, view->view);
    if (st.ok()) ++written_views;
  }
  if (!st.ok()) {
    if (written_views > 0) {
      // One object of the file took the record and another refused it: they no longer line up.
      return Status::fatal("the objects of " + file->key + " can no longer be kept aligned: " +
                           st.message());
    }
    if (opened && file->record_count == 0) {
      // Undo the file this record opened, so a dead-lettered record leaves no empty object.
      for (auto& view : file->views) services_.uploader->abort(view->upload);
      files_by_partition_.erase(file->encoded_partition);
      files_.pop_back();
    }
    return st.code() == StatusCode::kDataError ? st : st.with_context(file->key);
  }
  ship_full_parts(*file);
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
  file->start_offset = record.offset;
  file->end_offset = record.offset;
  file->schema = record.value_schema;
  file->plan_index = static_cast<int>(files_.size());

  key_scratch_.clear();
  services_.partitioner->partitioned_path(topic_, encoded, &key_scratch_);
  // Keys and headers objects share the value object's name up to its extension (spec §3.4).
  const std::string base = build_object_key(services_.key_layout, key_scratch_, topic_, partition_,
                                            record.offset, "");
  // A tombstone file (behavior.on.null.values=write) holds keys and headers only. The test is on
  // the whole encoded partition, not a substring of the name as in Java (spec §3.8).
  file->has_value_view = !(services_.tombstone_partition && encoded == *services_.tombstone_partition);
  auto add_view = [&](format::RecordView view, const format::RecordWriterProvider* provider) -> Status {
    auto v = std::make_unique<FileView>(services_.budget, services_.part_size);
    v->view = view;
    v->key = base + std::string(format::record_view_extension(view)) + provider->extension();
    Result<std::unique_ptr<format::RecordWriter>> writer = provider->create_writer(v->sink);
    if (!writer.ok()) return writer.status().with_context(v->key);
    v->writer = std::move(writer).value();
    v->upload = std::make_shared<ObjectUpload>(v->key, services_.put_options);
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
    return Status::data_error("a null value maps to the tombstone directory, but no keys or headers "
                              "are stored");
  }
  file->key = file->views.front()->key;

  OpenFile* raw = file.get();
  files_by_partition_.emplace(encoded, raw);
  files_.push_back(std::move(file));
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
        current_runs_.clear();
        last_run_index_ = -1;
        total_records_ = 0;
        base_timestamp_.reset();
        failure_ = Status::retriable("could not record the rotation plan of " + topic_ + "-" +
                                     std::to_string(partition_) + ": " +
                                     committed.status().message());
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
    spdlog::debug("rotating topic={} partition={} key={} records={} first_offset={} last_offset={}",
                  topic_, partition_, file->key, file->record_count, file->start_offset,
                  file->end_offset);
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
      services_.uploader->finish(view->upload, view->buffer.take_rest(),
                                 [rotation, key = view->key](const Status& st) {
                                   if (!st.ok()) {
                                     std::lock_guard<std::mutex> lock(rotation->mutex);
                                     if (rotation->error.ok()) rotation->error = st.with_context(key);
                                   }
                                   rotation->outstanding.fetch_sub(1, std::memory_order_release);
                                 });
    }
  }
  pending_.push_back(std::move(rotation));
  files_.clear();
  files_by_partition_.clear();
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
    spdlog::warn("topic={} partition={}: the rotation plan ({} bytes, {} files) is larger than "
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
  while (!pending_.empty() && pending_.front()->outstanding.load(std::memory_order_acquire) == 0) {
    std::shared_ptr<Rotation> done = pending_.front();
    {
      std::lock_guard<std::mutex> lock(done->mutex);
      if (!done->error.ok()) return done->error;
    }
    durable_offset_ = std::max(durable_offset_, done->commit_offset);
    pending_.pop_front();
  }
  // Records after the last file that were all skipped need no file: once nothing is open or in
  // flight, they are as good as durable (the Java connector never commits them: issue #232).
  if (files_.empty() && pending_.empty() && last_seen_offset_ >= 0) {
    durable_offset_ = std::max(durable_offset_, last_seen_offset_ + 1);
  }
  return Status::ok_status();
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
  // Rotations still in flight may yet complete; their keys will be written again identically:
  // planned ones by replaying their plans, the others because their cuts depend on the records only.
  std::deque<RotationPlan> replay;
  for (const auto& rotation : pending_) {
    if (rotation->plan) replay.push_back(*rotation->plan);
  }
  replay.insert(replay.end(), replay_.begin(), replay_.end());
  replay_ = std::move(replay);
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
