#include "runtime/sink_task.h"

#include <thread>

#include "kafka/client_config.h"
#include "kafka/consumer_statistics.h"
#include "kafka/rdkafka_consumer.h"
#include "runtime/retry_delay.h"
#include "runtime/shutdown_signal.h"
#include "util/log.h"

namespace sluice::runtime {

namespace {

constexpr std::string_view kSinkTaskClass = "org.apache.kafka.connect.sink.SinkTask";

std::string describe(std::string_view topic, int32_t partition, int64_t offset) {
  return "topic=" + std::string(topic) + " partition=" + std::to_string(partition) +
         " offset=" + std::to_string(offset);
}

}  // namespace

int64_t wall_clock_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

SinkTask::SinkTask(TaskSettings settings, TaskPipeline pipeline,
                   const sink::WriterServices& services)
    : settings_(std::move(settings)),
      pipeline_(std::move(pipeline)),
      services_(services),
      own_registry_(settings_.metrics == nullptr ? std::make_unique<metrics::Registry>() : nullptr),
      metrics_(settings_.metrics != nullptr ? *settings_.metrics : *own_registry_,
               settings_.connector_name, settings_.task_id) {
  // librdkafka reads read_committed unless isolation.level says otherwise.
  auto isolation = settings_.consumer.properties.find("isolation.level");
  if (isolation == settings_.consumer.properties.end() || isolation->second != "read_uncommitted") {
    lag_end_ = kafka::LagEnd::kLastStable;
  }
}

SinkTask::~SinkTask() {
  // Writers abort their open uploads; the consumer leaves the group.
  writers_.clear();
  consumer_.reset();
}

void SinkTask::record_kafka_cluster_id() {
  if (settings_.status == nullptr || settings_.status->has_kafka_cluster_id()) return;
  // The metadata that led to this assignment already carried the id.
  if (std::optional<std::string> id = consumer_->cluster_id()) {
    settings_.status->set_kafka_cluster_id(*id);
  }
}

void SinkTask::on_partitions_assigned(const std::vector<kafka::TopicPartition>& partitions) {
  std::vector<kafka::TopicPartition> added;
  for (const kafka::TopicPartition& tp : partitions) {
    if (writers_.count(tp) != 0) continue;
    auto committer = [this](const std::string& topic, int32_t partition, int64_t offset,
                            const std::string& metadata) {
      return consumer_->commit({kafka::OffsetCommit{{topic, partition}, offset, metadata}});
    };
    auto writer =
        std::make_unique<sink::TopicPartitionWriter>(services_, tp.topic, tp.partition, committer);
    writer->set_metrics(metrics_.assign(tp));
    writers_.emplace(tp, std::move(writer));
    added.push_back(tp);
    SLUICE_LOG(kRuntime).info("task={} assigned topic={} partition={}", settings_.task_id, tp.topic,
                              tp.partition);
    if (settings_.status != nullptr) settings_.status->record_topic(tp.topic);
  }
  if (added.empty()) return;
  if (paused_) {
    // Assigned while the connector is paused: paused before the first fetch (they are assigned
    // already). A failure is tried again by the loop's next apply_pause().
    Status st = consumer_->pause(added);
    pause_dirty_ = !st.ok();
  }
  record_kafka_cluster_id();
  // A previous owner may have recorded rotation plans it had not finished: replay them, so the
  // objects it may already have made visible are written again with the same keys and bytes.
  Result<std::vector<kafka::OffsetCommit>> committed =
      consumer_->committed(added, std::chrono::milliseconds(30000));
  if (!committed.ok()) {
    rebalance_error_ = committed.status().with_context("reading committed offsets on assignment");
    return;
  }
  for (const kafka::OffsetCommit& c : *committed) {
    Result<std::vector<sink::RotationPlan>> plans = sink::decode_rotation_plans(c.metadata);
    if (!plans.ok()) {
      rebalance_error_ = plans.status().with_context(c.tp.to_string());
      return;
    }
    if (plans->empty()) continue;
    SLUICE_LOG(kRuntime).info(
        "task={} topic={} partition={}: replaying {} recorded rotation(s) from offset {}",
        settings_.task_id, c.tp.topic, c.tp.partition, plans->size(), c.offset);
    writers_.at(c.tp)->set_replay_plans(std::move(plans).value());
  }
}

void SinkTask::on_partitions_revoked(const std::vector<kafka::TopicPartition>& partitions,
                                     bool lost) {
  std::vector<kafka::OffsetCommit> commits;
  for (const kafka::TopicPartition& tp : partitions) {
    auto it = writers_.find(tp);
    if (it == writers_.end()) continue;
    if (!lost) {
      // Collect uploads that already finished so their offsets go out with this last commit;
      // files still open are dropped and rebuilt by the partition's next owner from that offset.
      Status st = it->second->tick(wall_clock_ms());
      if (!st.ok())
        SLUICE_LOG(kRuntime).warn("task={} revoking {}: {}", settings_.task_id, tp.to_string(),
                                  st.message());
      if (std::optional<int64_t> offset = it->second->committable_offset()) {
        commits.push_back(kafka::OffsetCommit{tp, *offset, it->second->commit_metadata()});
      }
    }
    SLUICE_LOG(kRuntime).info("task={} revoked topic={} partition={}{}", settings_.task_id,
                              tp.topic, tp.partition, lost ? " (lost)" : "");
    writers_.erase(it);
    metrics_.revoke(tp);
    backoff_until_.erase(tp);
    retries_.erase(tp);
  }
  if (!commits.empty()) {
    Status st = consumer_->commit(commits);
    if (!st.ok())
      SLUICE_LOG(kRuntime).warn("task={} commit on revocation failed: {}", settings_.task_id,
                                st.message());
  }
}

Status SinkTask::tolerate(const Status& error, const connect::KafkaRecordView& m,
                          const StageFailure& failure, const sink::PartitionMetrics& metrics) {
  std::string where = describe(m.topic, m.partition, m.offset);
  if (error.code() != StatusCode::kDataError) return error.with_context(where);
  if (settings_.errors_log_enable) {
    // Connect's LogReporter line, then the exception. The record's key and value are not logged
    // (a converter's message may quote part of a malformed input, as Connect's do).
    std::string line = "Error encountered in task " + settings_.connector_name + "-" +
                       std::to_string(settings_.task_id) + ". Executing stage '" +
                       std::string(failure.stage) + "' with class '" +
                       std::string(failure.class_name) + "'";
    if (settings_.errors_log_include_messages) {
      line += ", where consumed record is {topic='" + std::string(m.topic) +
              "', partition=" + std::to_string(m.partition) +
              ", offset=" + std::to_string(m.offset);
      if (m.timestamp_type != connect::TimestampType::kNone) {
        line += ", timestamp=" + std::to_string(m.timestamp) + ", timestampType=" +
                (m.timestamp_type == connect::TimestampType::kLogAppendTime ? "LogAppendTime"
                                                                            : "CreateTime");
      }
      line += "}";
    }
    SLUICE_LOG(kRuntime).error("{}. {}: {}", line, failure.exception_class, failure.message);
  }
  if (dlq_ != nullptr) {
    // Reported before the tolerance decision, as Connect does: with errors.tolerance=none the
    // record is in the dead-letter queue and the task then fails.
    ErrantRecordContext context{failure.stage, failure.class_name, failure.exception_class,
                                failure.message};
    SLUICE_RETURN_IF_ERROR(dlq_->report(m, context));
    metrics.records_dead_lettered->inc();
  }
  if (settings_.error_tolerance == ErrorTolerance::kNone) {
    return Status::fatal("Tolerance exceeded in error handler (" + where +
                         " stage=" + std::string(failure.stage) + "): " + error.message());
  }
  metrics.records_skipped->inc();
  return Status::ok_status();
}

Status SinkTask::prepare_record(const connect::KafkaRecordView& m, const kafka::TopicPartition& tp,
                                sink::TopicPartitionWriter& writer, int64_t now_ms, bool* handled) {
  *handled = true;
  connect::ConversionFailure conversion;
  Status converted = pipeline_.converter->convert(m, arena_, record_, &conversion);
  if (converted.is_retriable()) {
    bool exhausted = false;
    SLUICE_RETURN_IF_ERROR(retry_later(tp, m.offset, now_ms, converted, &exhausted));
    if (!exhausted) return Status::ok_status();
    // errors.retry.timeout ran out: the record fails as a bad one would.
    converted = Status::data_error(converted.message());
  } else if (!retries_.empty()) {
    retries_.erase(tp);
  }
  if (!converted.ok()) {
    if (!conversion.tolerable) return Status::fatal(converted.message());
    StageFailure failure{connect::conversion_stage_name(conversion.stage), conversion.class_name,
                         transforms::kDataException, conversion.message};
    SLUICE_RETURN_IF_ERROR(tolerate(converted, m, failure, writer.metrics()));
    writer.skip(m.offset);
    return Status::ok_status();
  }
  if (pipeline_.transforms != nullptr) {
    transforms::TransformContext context{arena_};
    Result<transforms::Disposition> done = pipeline_.transforms->apply(record_, context);
    if (!done.ok()) {
      const std::string message = done.status().message();
      StageFailure failure{"TRANSFORMATION", pipeline_.transforms->failed_class(),
                           context.failure_class, message};
      // Connect's error handler tolerates any exception of a transform.
      SLUICE_RETURN_IF_ERROR(tolerate(Status::data_error(message), m, failure, writer.metrics()));
      writer.skip(m.offset);
      return Status::ok_status();
    }
    if (*done == transforms::Disposition::kDrop) {
      writer.skip(m.offset);  // filtered out: its offset commits like any other
      writer.metrics().records_filtered->inc();
      return Status::ok_status();
    }
  }
  *handled = false;
  return Status::ok_status();
}

Status SinkTask::process_message(const connect::KafkaRecordView& m, int64_t now_ms) {
  kafka::TopicPartition tp{std::string(m.topic), m.partition};
  auto it = writers_.find(tp);
  if (it == writers_.end()) return Status::ok_status();  // revoked while the batch was in flight
  if (backoff_until_.count(tp) != 0) return Status::ok_status();  // rewound; will be re-read
  sink::TopicPartitionWriter& writer = *it->second;
  const sink::PartitionMetrics& metrics = writer.metrics();
  metrics.records_consumed->inc();
  metrics.bytes_consumed->inc((m.value ? m.value->size() : 0) + (m.key ? m.key->size() : 0));

  bool handled = false;
  SLUICE_RETURN_IF_ERROR(prepare_record(m, tp, writer, now_ms, &handled));
  if (handled) return Status::ok_status();
  const connect::SinkRecord& record = record_;
  if (record.value.is_null() && settings_.null_values != NullValueBehavior::kWrite) {
    if (settings_.null_values == NullValueBehavior::kFail) {
      return Status::fatal(
          "Null valued records are not writeable with current "
          "behavior.on.null.values 'settings' (" +
          describe(tp.topic, tp.partition, m.offset) + ")");
    }
    if (dlq_ != nullptr && settings_.report_null_values_to_dlq) {
      // Java also fails the task here under errors.tolerance=none; sluice only reports (the user
      // asked for null values to be ignored).
      ErrantRecordContext context{"TASK_PUT", kSinkTaskClass,
                                  "org.apache.kafka.connect.errors.DataException",
                                  "null value ignored (behavior.on.null.values=ignore)"};
      SLUICE_RETURN_IF_ERROR(dlq_->report(m, context));
      metrics.records_dead_lettered->inc();
    }
    writer.skip(m.offset);
    metrics.records_filtered->inc();
    return Status::ok_status();
  }
  Status written = writer.write(record, now_ms);
  if (!written.ok()) {
    if (written.code() != StatusCode::kDataError) {
      return written.with_context(describe(tp.topic, tp.partition, m.offset));
    }
    StageFailure failure{"TASK_PUT", kSinkTaskClass, transforms::kDataException, written.message()};
    SLUICE_RETURN_IF_ERROR(tolerate(written, m, failure, metrics));
    writer.skip(m.offset);
    return Status::ok_status();
  }
  metrics.records_written->inc();
  return Status::ok_status();
}

Status SinkTask::retry_later(const kafka::TopicPartition& tp, int64_t offset, int64_t now_ms,
                             const Status& why, bool* exhausted) {
  *exhausted = false;
  RetryState& state = retries_[tp];
  if (state.offset != offset) state = RetryState{offset, now_ms, 0};
  ++state.attempts;
  const int64_t timeout = settings_.errors_retry_timeout.count();
  if (timeout > 0 && now_ms - state.first_failure_ms >= timeout) {
    SLUICE_LOG(kRuntime).warn(
        "task={} gave up retrying the record at topic={} partition={} offset={} after {} "
        "attempts (errors.retry.timeout={} ms): {}",
        settings_.task_id, tp.topic, tp.partition, offset, state.attempts, timeout, why.message());
    retries_.erase(tp);
    *exhausted = true;
    return Status::ok_status();
  }
  int64_t delay =
      connect_retry_delay_ms(state.attempts, settings_.errors_retry_delay_max.count(), rng_);
  // As Connect, never wait past the end of errors.retry.timeout.
  if (timeout > 0) delay = std::min(delay, state.first_failure_ms + timeout - now_ms);
  SLUICE_LOG(kRuntime).warn(
      "task={} cannot convert the record at topic={} partition={} offset={} now, reading "
      "it again in {} ms (attempt {}): {}",
      settings_.task_id, tp.topic, tp.partition, offset, delay, state.attempts, why.message());
  // The records before it stay in the open file, which goes on from this offset on resume.
  SLUICE_RETURN_IF_ERROR(consumer_->pause({tp}));
  SLUICE_RETURN_IF_ERROR(consumer_->seek(tp, offset));
  backoff_until_[tp] = now_ms + delay;
  return Status::ok_status();
}

Status SinkTask::tick_writers(int64_t now_ms) {
  for (auto& [tp, writer] : writers_) {
    auto backoff = backoff_until_.find(tp);
    if (backoff != backoff_until_.end()) {
      if (now_ms < backoff->second) continue;
      backoff_until_.erase(backoff);
      if (!paused_) SLUICE_RETURN_IF_ERROR(consumer_->resume({tp}));
    }
    Status st = writer->tick(now_ms);
    if (st.ok()) continue;
    if (!st.is_retriable()) return st.with_context(tp.to_string());
    // Rewind to the last durable offset; the files are rebuilt with the same keys and bytes.
    int64_t resume_from = writer->reset();
    SLUICE_LOG(kRuntime).warn(
        "task={} upload failed for topic={} partition={}, retrying from offset {} in {} ms: {}",
        settings_.task_id, tp.topic, tp.partition, resume_from, settings_.retry_backoff.count(),
        st.message());
    SLUICE_RETURN_IF_ERROR(consumer_->pause({tp}));
    SLUICE_RETURN_IF_ERROR(consumer_->seek(tp, resume_from));
    backoff_until_[tp] = now_ms + settings_.retry_backoff.count();
  }
  return Status::ok_status();
}

bool SinkTask::stop_requested() const {
  return ShutdownSignal::requested() ||
         (settings_.control != nullptr && settings_.control->stop.load());
}

Status SinkTask::apply_pause() {
  const bool want = settings_.control != nullptr && settings_.control->paused.load();
  if (want == paused_ && !pause_dirty_) return Status::ok_status();
  pause_dirty_ = false;
  std::vector<kafka::TopicPartition> partitions;
  for (const auto& [tp, writer] : writers_) {
    if (want || backoff_until_.count(tp) == 0) partitions.push_back(tp);
  }
  if (!partitions.empty()) {
    SLUICE_RETURN_IF_ERROR(want ? consumer_->pause(partitions) : consumer_->resume(partitions));
  }
  if (want != paused_) {
    SLUICE_LOG(kRuntime).info("task={} {} {} partition(s)", settings_.task_id,
                              want ? "paused" : "resumed", partitions.size());
    if (settings_.status != nullptr) {
      if (want) {
        settings_.status->set_paused(settings_.task_id);
      } else {
        settings_.status->set_running(settings_.task_id);
      }
    }
  }
  paused_ = want;
  return Status::ok_status();
}

Status SinkTask::commit_durable(bool force) {
  auto now = std::chrono::steady_clock::now();
  if (!force && now - last_commit_ < settings_.commit_interval) return Status::ok_status();
  last_commit_ = now;
  std::vector<kafka::OffsetCommit> commits;
  for (auto& [tp, writer] : writers_) {
    if (std::optional<int64_t> offset = writer->committable_offset()) {
      commits.push_back(kafka::OffsetCommit{tp, *offset, writer->commit_metadata()});
    }
  }
  if (commits.empty()) return Status::ok_status();
  // No offset goes past a bad record whose dead-letter copy is not safely in Kafka.
  if (dlq_ != nullptr) SLUICE_RETURN_IF_ERROR(dlq_->flush(std::chrono::milliseconds(30000)));
  Status st = consumer_->commit(commits);
  if (!st.ok()) {
    // Nothing is marked committed, so the next commit (about a second later) offers the same
    // offsets again; nothing is lost meanwhile.
    SLUICE_LOG(kRuntime).warn("task={} offset commit failed: {}", settings_.task_id, st.message());
    metrics_.commit_failed();
    return Status::ok_status();
  }
  for (const kafka::OffsetCommit& c : commits) {
    sink::TopicPartitionWriter& writer = *writers_.at(c.tp);
    writer.mark_committed(c.offset);
    writer.metrics().committed_offset->set(static_cast<double>(c.offset));
  }
  metrics_.commit_succeeded();
  for (const kafka::OffsetCommit& c : commits) {
    SLUICE_LOG(kRuntime).debug("task={} committed topic={} partition={} offset={}",
                               settings_.task_id, c.tp.topic, c.tp.partition, c.offset);
  }
  return Status::ok_status();
}

void SinkTask::record_statistics(std::string_view json) {
  Result<std::vector<kafka::PartitionLag>> lags = kafka::parse_consumer_lag(json, lag_end_);
  if (!lags.ok()) {
    SLUICE_LOG(kRuntime).debug("task={} librdkafka statistics: {}", settings_.task_id,
                               lags.status().message());
    return;
  }
  for (kafka::PartitionLag& lag : *lags) {
    metrics_.set_consumer_lag(kafka::TopicPartition{std::move(lag.topic), lag.partition}, lag.lag);
  }
}

void SinkTask::relieve_memory_pressure(int64_t now_ms) {
  if (!services_.budget->over_limit()) return;
  // Uploads in flight give memory back as they finish: wait for them first.
  bool uploads_in_flight = false;
  for (auto& [tp, writer] : writers_) uploads_in_flight |= writer->has_pending_uploads();
  if (uploads_in_flight && services_.budget->wait_for_room(settings_.poll_timeout)) return;
  if (!services_.budget->over_limit()) return;
  // Still full: cut the files of the partition holding the most bytes, so their memory can go.
  sink::TopicPartitionWriter* largest = nullptr;
  for (auto& [tp, writer] : writers_) {
    if (largest == nullptr || writer->buffered_bytes() > largest->buffered_bytes())
      largest = writer.get();
  }
  if (largest != nullptr && largest->rotate_now(now_ms)) {
    SLUICE_LOG(kRuntime).info(
        "task={} memory budget of {} bytes reached: rotated the files of topic={} partition={} "
        "early",
        settings_.task_id, services_.budget->limit(), largest->topic(), largest->partition());
  }
}

Status SinkTask::process_batch(int64_t now_ms) {
  kafka::MessageBatch batch;
  SLUICE_RETURN_IF_ERROR(consumer_->poll(settings_.poll_timeout, &batch));
  if (!rebalance_error_.ok()) return rebalance_error_;
  arena_.reset();
  for (size_t i = 0; i < batch.size(); ++i) {
    SLUICE_RETURN_IF_ERROR(process_message(batch.view(i, arena_, &headers_scratch_), now_ms));
  }
  return Status::ok_status();
}

Status SinkTask::run() {
  if (!settings_.dead_letter_queue.topic.empty()) {
    DeadLetterQueueOptions dlq = settings_.dead_letter_queue;
    if (dlq.properties.empty()) {
      // No producer security settings of its own: reach the cluster as the consumer does.
      dlq.properties = kafka::connection_properties(settings_.consumer.properties);
      dlq.oauthbearer_token = settings_.consumer.oauthbearer_token;
    }
    if (settings_.dead_letter_queue_factory) {
      SLUICE_ASSIGN_OR_RETURN(dlq_, settings_.dead_letter_queue_factory(dlq));
    } else {
      SLUICE_ASSIGN_OR_RETURN(dlq_, DeadLetterQueue::create(dlq));
    }
  }
  settings_.consumer.on_statistics = [this](std::string_view json) { record_statistics(json); };
  if (settings_.consumer_factory) {
    SLUICE_ASSIGN_OR_RETURN(consumer_, settings_.consumer_factory(settings_.consumer, this));
  } else {
    SLUICE_ASSIGN_OR_RETURN(consumer_, kafka::RdKafkaConsumer::create(settings_.consumer, this));
  }
  last_commit_ = std::chrono::steady_clock::now();
  SLUICE_LOG(kRuntime).info("task={} started: group={}", settings_.task_id,
                            settings_.consumer.properties.count("group.id")
                                ? settings_.consumer.properties.at("group.id")
                                : "");
  Status failure;
  while (!stop_requested()) {
    int64_t now_ms = wall_clock_ms();
    relieve_memory_pressure(now_ms);
    failure = apply_pause();
    if (!failure.ok()) break;
    failure = process_batch(now_ms);
    if (!failure.ok()) break;
    failure = tick_writers(wall_clock_ms());
    if (!failure.ok()) break;
    failure = commit_durable(/*force=*/false);
    if (!failure.ok()) break;
  }
  if (!failure.ok()) {
    SLUICE_LOG(kRuntime).error("task={} failed: {}", settings_.task_id, failure.message());
    // What is durable still gets committed, so a restart re-reads as little as possible.
    (void)tick_writers(wall_clock_ms());
    (void)commit_durable(/*force=*/true);
    return failure;
  }
  return shutdown();
}

Status SinkTask::shutdown() {
  SLUICE_LOG(kRuntime).info("task={} shutting down: waiting up to {} ms for uploads in flight",
                            settings_.task_id, settings_.shutdown_timeout.count());
  // Open files are not cut early: that would change where files end. They are abandoned and the
  // next run rebuilds them, from the committed offset, with the same keys and bytes.
  auto deadline = std::chrono::steady_clock::now() + settings_.shutdown_timeout;
  for (;;) {
    bool in_flight = false;
    for (auto& [tp, writer] : writers_) {
      Status st = writer->tick(wall_clock_ms());
      if (!st.ok())
        SLUICE_LOG(kRuntime).warn("task={} {}: {}", settings_.task_id, tp.to_string(),
                                  st.message());
      in_flight |= writer->has_pending_uploads() && st.ok();
    }
    if (!in_flight || std::chrono::steady_clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  Status st = commit_durable(/*force=*/true);
  writers_.clear();
  metrics_.revoke_all();
  consumer_->close();
  SLUICE_LOG(kRuntime).info("task={} stopped", settings_.task_id);
  return st;
}

}  // namespace sluice::runtime
