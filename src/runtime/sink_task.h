// SinkTask: one consumer-group member and the writers of the partitions it owns.
//
// The loop: poll a batch from Kafka, convert each message to a SinkRecord, run the connector's
// transforms on it, hand it to the writer of its consumed topic-partition, let writers rotate and
// collect finished uploads, and commit offsets that are durable in S3. A task runs on its own
// thread and owns everything it touches except the shared Uploader and MemoryBudget, so the hot
// path takes no locks. Failures follow the Java connector: a record that fails conversion, a
// transform or the write follows errors.tolerance; an S3 fault that survived the client's retries
// rewinds the partition to its last durable offset and retries after retry.backoff.ms; anything
// else fails the task.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "connect/record_converter.h"
#include "connect/value.h"
#include "kafka/consumer.h"
#include "kafka/consumer_statistics.h"
#include "kafka/topic_partition.h"
#include "metrics/registry.h"
#include "runtime/dead_letter_queue.h"
#include "runtime/task_control.h"
#include "runtime/task_metrics.h"
#include "runtime/task_status_board.h"
#include "sink/topic_partition_writer.h"
#include "transforms/transform_chain.h"
#include "util/status.h"

namespace sluice::runtime {

enum class NullValueBehavior { kFail, kIgnore, kWrite };
enum class ErrorTolerance { kNone, kAll };

struct TaskSettings {
  std::string connector_name;
  int task_id = 0;
  kafka::ConsumerOptions consumer;
  // Makes the task's consumer; null: RdKafkaConsumer::create (unit tests pass an in-memory one).
  kafka::ConsumerFactory consumer_factory;
  NullValueBehavior null_values = NullValueBehavior::kFail;
  ErrorTolerance error_tolerance = ErrorTolerance::kNone;
  bool errors_log_enable = false;
  // errors.log.include.messages: the record's topic, partition, offset and timestamp in the log
  // line.
  bool errors_log_include_messages = false;
  // errors.retry.timeout (0: retry until the service is back, as sluice does by default; -1: the
  // same; > 0: then the record follows errors.tolerance) and errors.retry.delay.max.ms.
  std::chrono::milliseconds errors_retry_timeout{0};
  std::chrono::milliseconds errors_retry_delay_max{60000};
  // errors.deadletterqueue.*: no DLQ when the topic is empty. Properties are filled by the task
  // from its consumer's bootstrap and security settings.
  DeadLetterQueueOptions dead_letter_queue;
  // Makes the dead-letter queue when its topic is set; null: DeadLetterQueue::create (unit tests
  // pass an in-memory one).
  ErrantRecordReporterFactory dead_letter_queue_factory;
  bool report_null_values_to_dlq = true;
  std::chrono::milliseconds retry_backoff{5000};
  std::chrono::milliseconds commit_interval{1000};
  std::chrono::milliseconds shutdown_timeout{30000};
  std::chrono::milliseconds poll_timeout{200};
  // Where the task reports its assigned topics and the Kafka cluster id; may be null. Borrowed:
  // must outlive the task.
  TaskStatusBoard* status = nullptr;
  // Where the task's metrics go (task_metrics.h); null: a registry of the task's own, which
  // nobody renders. Borrowed: must outlive the task.
  metrics::Registry* metrics = nullptr;
  // Stop and pause requests for this task alone (REST restarts, pause, stop); may be null.
  // Borrowed: must outlive the task. ShutdownSignal stops every task regardless.
  const TaskControl* control = nullptr;
};

// What the task turns consumed messages into sink records with. Owned by the task.
struct TaskPipeline {
  std::unique_ptr<connect::RecordConverter> converter;
  // The connector's transforms and predicates; null when there are none.
  std::unique_ptr<transforms::TransformChain> transforms;
};

class SinkTask : public kafka::RebalanceListener {
 public:
  SinkTask(TaskSettings settings, TaskPipeline pipeline, const sink::WriterServices& services);
  ~SinkTask() override;

  // Runs until a shutdown is requested (ShutdownSignal or settings.control->stop; returns OK after
  // the graceful shutdown) or the task fails. While settings.control->paused is set, every
  // assigned partition is paused (Consumer::pause): the loop keeps polling, so the
  // group membership stays, and open files stay open; the status board shows the task PAUSED.
  Status run();

  void on_partitions_assigned(const std::vector<kafka::TopicPartition>& partitions) override;
  void on_partitions_revoked(const std::vector<kafka::TopicPartition>& partitions,
                             bool lost) override;

 private:
  using WriterMap =
      std::unordered_map<kafka::TopicPartition, std::unique_ptr<sink::TopicPartitionWriter>,
                         kafka::TopicPartitionHash>;

  // A record that failed in a stage Connect's error handler covers, in its terms.
  struct StageFailure {
    std::string_view stage;            // KEY_CONVERTER, ..., TRANSFORMATION, TASK_PUT
    std::string_view class_name;       // the converter, transform or task class
    std::string_view exception_class;  // the Java exception it stands for
    std::string_view message;          // the exception's message, without record context
  };

  Status process_batch(int64_t now_ms);
  Status process_message(const connect::KafkaRecordView& message, int64_t now_ms);
  // Converts and transforms `message` into record_. Sets *handled when there is nothing left to
  // write: a transform dropped the record, or it failed and was tolerated (skipped) or rewound
  // for a retry. Returns the failures that end the task.
  // REQUIRES: `tp` is the message's topic-partition and `writer` its writer.
  Status prepare_record(const connect::KafkaRecordView& message, const kafka::TopicPartition& tp,
                        sink::TopicPartitionWriter& writer, int64_t now_ms, bool* handled);
  // Logs (errors.log.enable), reports to the dead-letter queue and applies errors.tolerance to a
  // record that failed; `error` is the full status (its code decides whether it is tolerable).
  // The partition's metrics count the skipped and dead-lettered record.
  Status tolerate(const Status& error, const connect::KafkaRecordView& message,
                  const StageFailure& failure, const sink::PartitionMetrics& metrics);
  // Pauses `tp` and rewinds it to `offset`, to be read again after Connect's retry backoff: for a
  // record whose conversion failed for a reason outside it (kRetriable, e.g. the Schema Registry
  // or its token endpoint unreachable). Nothing is skipped or dead-lettered unless
  // errors.retry.timeout > 0 has run out, when the failure follows errors.tolerance (*exhausted).
  Status retry_later(const kafka::TopicPartition& tp, int64_t offset, int64_t now_ms,
                     const Status& why, bool* exhausted);
  Status tick_writers(int64_t now_ms);
  bool stop_requested() const;
  // Pauses or resumes the assigned partitions when settings_.control->paused changed, or when a
  // partition assigned while paused could not be paused then. Partitions waiting out a retry
  // backoff stay paused.
  Status apply_pause();
  // Tells settings_.status the cluster id librdkafka learned from the broker's metadata (known
  // by the time partitions are assigned), once per process.
  void record_kafka_cluster_id();
  Status commit_durable(bool force);
  // The stats callback (on this thread, inside poll): consumer lag of the owned partitions.
  void record_statistics(std::string_view json);
  void relieve_memory_pressure(int64_t now_ms);
  Status shutdown();

  // Connect's retry schedule for one partition's failing record (errors.retry.*).
  struct RetryState {
    int64_t offset = -1;
    int64_t first_failure_ms = 0;
    int attempts = 0;
  };

  TaskSettings settings_;
  TaskPipeline pipeline_;
  const sink::WriterServices& services_;
  std::unique_ptr<kafka::Consumer> consumer_;
  std::unique_ptr<ErrantRecordReporter> dlq_;
  WriterMap writers_;
  // Partitions waiting out retry.backoff.ms after a failed upload or a retriable conversion
  // failure, with the time they resume.
  std::map<kafka::TopicPartition, int64_t> backoff_until_;
  Status rebalance_error_;
  bool paused_ = false;       // the partitions are paused for settings_.control->paused
  bool pause_dirty_ = false;  // a partition assigned while paused could not be paused yet
  std::map<kafka::TopicPartition, RetryState> retries_;
  std::minstd_rand rng_{std::random_device{}()};  // the random part of Connect's retry delay
  connect::Arena arena_;
  std::vector<connect::KafkaHeaderView> headers_scratch_;
  connect::SinkRecord record_;  // the record being processed
  std::chrono::steady_clock::time_point last_commit_;
  std::unique_ptr<metrics::Registry> own_registry_;  // when settings_.metrics is null
  TaskMetrics metrics_;
  // The partition end the consumer lag is measured from (isolation.level).
  kafka::LagEnd lag_end_ = kafka::LagEnd::kLastStable;
};

int64_t wall_clock_ms();

}  // namespace sluice::runtime
