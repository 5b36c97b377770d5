// TaskMetrics: the metric series of one sink task — its offset commits and partition count,
// and the cells of each partition it owns (sink/partition_metrics.h) — in a metrics::Registry,
// with the labels connector and task (and topic, partition).
//
// The families and their meaning are listed in docs/metrics.md. A partition's series are made
// when it is assigned and taken out of the exposition when it is revoked (or the task stops):
// a scrape shows the partitions the task owns now, and a partition that comes back starts its
// counters from zero again (a counter reset, which Prometheus' rate() handles).
//
// Owned and called by the task's thread; what it registers is read by scrapes on the REST
// threads through the registry.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <unordered_map>

#include "kafka/topic_partition.h"
#include "metrics/registry.h"
#include "sink/partition_metrics.h"

namespace sluice::runtime {

class TaskMetrics {
 public:
  // REQUIRES: `registry` outlives this object.
  TaskMetrics(metrics::Registry& registry, const std::string& connector, int task_id);
  ~TaskMetrics();
  TaskMetrics(const TaskMetrics&) = delete;
  TaskMetrics& operator=(const TaskMetrics&) = delete;

  // The cells of a partition the task was just assigned (made at zero).
  std::shared_ptr<const sink::PartitionMetrics> assign(const kafka::TopicPartition& tp);
  // Takes a revoked partition's series out of the exposition.
  void revoke(const kafka::TopicPartition& tp);
  void revoke_all();

  // The consumer lag of an assigned partition, from librdkafka's statistics. Its series is made
  // with the first value, so a scrape never shows a lag that is not known yet. Ignored for a
  // partition that is not assigned.
  void set_consumer_lag(const kafka::TopicPartition& tp, int64_t lag);

  // A synchronous offset commit succeeded or failed.
  void commit_succeeded();
  void commit_failed() { commit_failures_->inc(); }

 private:
  metrics::Registry& registry_;
  const std::string connector_;
  const std::string task_;
  metrics::Registration registration_;  // the task's own series
  std::shared_ptr<metrics::Gauge> partition_count_;
  std::shared_ptr<metrics::Counter> commits_;
  std::shared_ptr<metrics::Counter> commit_failures_;
  // Wall-clock seconds of the last successful commit (the task's start before the first one),
  // read by the sluice_offset_commit_age_seconds callback.
  std::shared_ptr<std::atomic<double>> last_commit_seconds_;
  struct Assigned {
    metrics::Registration registration;
    std::shared_ptr<metrics::Gauge> consumer_lag;  // null until the first statistics
  };
  std::unordered_map<kafka::TopicPartition, Assigned, kafka::TopicPartitionHash> partitions_;
};

}  // namespace sluice::runtime
