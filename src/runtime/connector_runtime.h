// ConnectorRuntime: one S3 sink connector in this process — its tasks, their shared upload pool
// and memory budget, and the objects built from the configuration.
//
// Built from validated worker and connector configurations; run() checks the bucket, starts
// tasks.max tasks on their own threads (each a member of the group connect-<name>, so several
// sluice processes share the partitions) and supervises them through tasks() until a shutdown
// (ShutdownSignal) or tasks().request_stop(); it returns OK once all have stopped. A failed task
// does not stop the others: it shows FAILED on status() until restarted. run() fails only when
// the connector cannot start (the bucket check, the consumer's client settings).
#pragma once

#include <memory>
#include <vector>

#include "aws/credentials.h"
#include "config/config_problem.h"
#include "config/connector_config.h"
#include "config/worker_config.h"
#include "connect/schema.h"
#include "format/record_writer_provider.h"
#include "metrics/registry.h"
#include "runtime/task_set.h"
#include "runtime/task_status_board.h"
#include "sink/memory_budget.h"
#include "sink/partitioner.h"
#include "sink/timestamp_extractor.h"
#include "sink/topic_partition_writer.h"
#include "sink/uploader.h"
#include "storage/object_store.h"
#include "storage/s3_store_metrics.h"
#include "util/status.h"

namespace sluice::runtime {

// Process-level knobs that are not part of the Connect configuration.
struct RuntimeOptions {
  size_t memory_budget_bytes = 512ull * 1024 * 1024;
  size_t upload_threads = 4;
  // Where the connector's metrics go (docs/metrics.md); null: metrics::process_registry(), the
  // one GET /metrics serves. Borrowed: must outlive the runtime.
  metrics::Registry* metrics = nullptr;
};

class ConnectorRuntime {
 public:
  static Result<std::unique_ptr<ConnectorRuntime>> create(
      const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
      RuntimeOptions options = {});
  ~ConnectorRuntime();

  Status run();

  // The tasks' states, topics and cluster id; safe to read from any thread while run() runs.
  const TaskStatusBoard& status() const { return status_; }
  // The tasks' lifecycle requests (restart, pause, stop); thread-safe, carried out by run().
  TaskSet& tasks() { return tasks_; }
  // A client of the connector's bucket with its S3 settings and credentials (`sluice verify`).
  std::unique_ptr<storage::ObjectStore> new_object_store() const { return store_factory()(); }

 private:
  ConnectorRuntime(const config::WorkerConfig& worker,
                   const config::S3SinkConnectorConfig& connector, RuntimeOptions options);
  Status build();
  std::function<std::unique_ptr<storage::ObjectStore>()> store_factory() const;
  // The memory budget's gauges, the S3 request metrics and the process metrics.
  // REQUIRES: budget_ made.
  void register_connector_metrics();

  const config::WorkerConfig& worker_;
  const config::S3SinkConnectorConfig& connector_;
  RuntimeOptions options_;

  std::shared_ptr<aws::CredentialsProvider> credentials_;  // shared by every store
  std::unique_ptr<sink::MemoryBudget> budget_;
  std::unique_ptr<sink::Partitioner> partitioner_;
  std::unique_ptr<sink::TimestampExtractor> extractor_;
  connect::SchemaPtr value_schema_;  // sluice.value.schema.*, or null
  std::unique_ptr<format::RecordWriterProvider> value_format_;
  std::unique_ptr<format::RecordWriterProvider> keys_format_;     // store.kafka.keys
  std::unique_ptr<format::RecordWriterProvider> headers_format_;  // store.kafka.headers
  std::shared_ptr<const storage::S3StoreMetrics> s3_metrics_;     // shared by every store
  std::unique_ptr<sink::Uploader> uploader_;
  sink::WriterServices services_;
  TaskStatusBoard status_;
  TaskSet tasks_{&status_};  // after status_, which it writes to
  metrics::Registry& metrics_;
  // The connector's own series (memory budget, S3 requests); declared last, so they leave the
  // exposition before what their callbacks read is destroyed.
  metrics::Registration metric_series_;
};

// Problems of the task consumers' Kafka client settings (worker consumer.* and connector
// consumer.override.* keys: security translation, JKS stores, JAAS entries, MSK IAM options and
// region), found without connecting, so that `sluice validate` and `sluice run` report them with
// the other configuration errors (exit 2).
std::vector<config::ConfigProblem> check_kafka_client_config(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector);

}  // namespace sluice::runtime
