// SinkTask: one consumer-group member and the writers of the partitions it owns.
//
// The loop: poll a batch from Kafka, convert each message to a SinkRecord, hand it to the writer of
// its topic-partition, let writers rotate and collect finished uploads, and commit offsets that
// are durable in S3. A task runs on its own thread and owns everything it touches except the
// shared Uploader and MemoryBudget, so the hot path takes no locks. Failures follow the Java
// connector: a bad record follows errors.tolerance; an S3 fault that survived the client's
// retries rewinds the partition to its last durable offset and retries after retry.backoff.ms;
// anything else fails the task.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "connect/converter.h"
#include "connect/schemaless_value_binder.h"
#include "connect/value.h"
#include "kafka/consumer.h"
#include "kafka/topic_partition.h"
#include "runtime/dead_letter_queue.h"
#include "sink/topic_partition_writer.h"
#include "util/status.h"

namespace sluice::runtime {

enum class NullValueBehavior { kFail, kIgnore, kWrite };
enum class ErrorTolerance { kNone, kAll };

struct TaskSettings {
  std::string connector_name;
  int task_id = 0;
  kafka::ConsumerOptions consumer;
  NullValueBehavior null_values = NullValueBehavior::kFail;
  ErrorTolerance error_tolerance = ErrorTolerance::kNone;
  bool errors_log_enable = false;
  // errors.deadletterqueue.*: no DLQ when the topic is empty. Properties are filled by the task
  // from its consumer's bootstrap and security settings.
  DeadLetterQueueOptions dead_letter_queue;
  bool report_null_values_to_dlq = true;
  std::chrono::milliseconds retry_backoff{5000};
  std::chrono::milliseconds commit_interval{1000};
  std::chrono::milliseconds shutdown_timeout{30000};
  std::chrono::milliseconds poll_timeout{200};
};

// What the task converts records with. Owned by the task.
struct TaskConverters {
  std::unique_ptr<connect::Converter> key;
  std::unique_ptr<connect::Converter> value;
  std::unique_ptr<connect::HeaderConverter> header;
  std::unique_ptr<connect::SchemalessValueBinder> value_binder;  // sluice.value.schema.*, or null
};

// Counters a task exposes (read by the metrics endpoint from another thread).
struct TaskCounters {
  std::atomic<uint64_t> records_read{0};
  std::atomic<uint64_t> records_written{0};
  std::atomic<uint64_t> records_skipped{0};
  std::atomic<uint64_t> bytes_read{0};
  std::atomic<uint64_t> offset_commits{0};
};

class SinkTask : public kafka::RebalanceListener {
 public:
  SinkTask(TaskSettings settings, TaskConverters converters, const sink::WriterServices& services);
  ~SinkTask() override;

  // Runs until a shutdown is requested (returns OK after the graceful shutdown) or the task fails.
  Status run();

  const TaskCounters& counters() const { return counters_; }

  void on_partitions_assigned(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_partitions_revoked(const std::vector<kafka::TopicPartition>& partitions,
                             bool lost) override;

 private:
  using WriterMap =
      std::unordered_map<kafka::TopicPartition, std::unique_ptr<sink::TopicPartitionWriter>,
                         kafka::TopicPartitionHash>;

  Status process_batch(int64_t now_ms);
  Status process_message(rd_kafka_message_t* message, int64_t now_ms);
  // Applies errors.tolerance to a record that could not be converted or written, after sending it
  // to the dead-letter queue when there is one.
  Status tolerate(const Status& error, const rd_kafka_message_t* message, const char* stage,
                  std::string_view class_name);
  // Pauses `tp` and rewinds it to `offset`, to be read again after retry.backoff.ms: for a record
  // whose conversion failed for a reason outside it (kRetriable, e.g. the Schema Registry or its
  // token endpoint unreachable). Nothing is skipped or dead-lettered.
  Status retry_later(const kafka::TopicPartition& tp, int64_t offset, int64_t now_ms,
                     const Status& why);
  Status tick_writers(int64_t now_ms);
  Status commit_durable(bool force);
  void relieve_memory_pressure(int64_t now_ms);
  Status shutdown();

  TaskSettings settings_;
  TaskConverters converters_;
  const sink::WriterServices& services_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::unique_ptr<DeadLetterQueue> dlq_;
  WriterMap writers_;
  // Partitions waiting out retry.backoff.ms after a failed upload or a retriable conversion
  // failure, with the time they resume.
  std::map<kafka::TopicPartition, int64_t> backoff_until_;
  Status rebalance_error_;
  connect::Arena arena_;
  std::vector<connect::Header> headers_scratch_;
  std::chrono::steady_clock::time_point last_commit_;
  TaskCounters counters_;
};

int64_t wall_clock_ms();

}  // namespace sluice::runtime
