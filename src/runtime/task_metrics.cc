#include "runtime/task_metrics.h"

#include <chrono>

namespace sluice::runtime {

namespace {

double wall_seconds() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

const std::vector<std::string> kTaskLabels = {"connector", "task"};
const std::vector<std::string> kPartitionLabels = {"connector", "task", "topic", "partition"};

}  // namespace

TaskMetrics::TaskMetrics(metrics::Registry& registry, const std::string& connector, int task_id)
    : registry_(registry),
      connector_(connector),
      task_(std::to_string(task_id)),
      last_commit_seconds_(std::make_shared<std::atomic<double>>(wall_seconds())) {
  const metrics::LabelValues labels = {connector_, task_};
  partition_count_ = registration_.add(
      registry.gauge("sluice_task_partitions",
                     "Topic-partitions assigned to the task (Connect's partition-count).",
                     kTaskLabels),
      labels);
  commits_ = registration_.add(registry.counter("sluice_offset_commits_total",
                                                "Successful offset commits of the task (Connect's "
                                                "offset-commit-completion-total).",
                                                kTaskLabels),
                               labels);
  commit_failures_ = registration_.add(
      registry.counter("sluice_offset_commit_failures_total",
                       "Offset commits the broker refused; the same offsets are offered again.",
                       kTaskLabels),
      labels);
  metrics::GaugeFamily& age = registry.gauge(
      "sluice_offset_commit_age_seconds",
      "Seconds since the task's last successful offset commit (since the task started, before "
      "the first).",
      kTaskLabels);
  registration_.add_callback(age, labels, [last = last_commit_seconds_] {
    return wall_seconds() - last->load(std::memory_order_relaxed);
  });
}

TaskMetrics::~TaskMetrics() {
  revoke_all();
}

void TaskMetrics::commit_succeeded() {
  commits_->inc();
  last_commit_seconds_->store(wall_seconds(), std::memory_order_relaxed);
}

std::shared_ptr<const sink::PartitionMetrics> TaskMetrics::assign(const kafka::TopicPartition& tp) {
  partitions_.erase(tp);  // a stale registration would take the new series out with it
  metrics::Registration reg;
  const metrics::LabelValues labels = {connector_, task_, tp.topic, std::to_string(tp.partition)};
  metrics::Registry& r = registry_;
  auto counter = [&](const char* name, const char* help) {
    return reg.add(r.counter(name, help, kPartitionLabels), labels);
  };
  auto gauge = [&](const char* name, const char* help) {
    return reg.add(r.gauge(name, help, kPartitionLabels), labels);
  };
  auto m = std::make_shared<sink::PartitionMetrics>();
  m->records_consumed = counter(
      "sluice_records_consumed_total",
      "Records read from Kafka (Connect's sink-record-read-total); a record read again after a "
      "rewind counts again.");
  m->bytes_consumed =
      counter("sluice_consumed_bytes_total", "Bytes of the key and value of the records read.");
  m->records_written =
      counter("sluice_records_written_total",
              "Records handed to the partition's writer (Connect's sink-record-send-total).");
  m->records_skipped =
      counter("sluice_records_skipped_total",
              "Records that failed conversion, a transform or the write and were tolerated "
              "(errors.tolerance=all; Connect's total-records-skipped).");
  m->records_filtered =
      counter("sluice_records_filtered_total",
              "Records not written by design: dropped by a transform or predicate, or null values "
              "ignored (behavior.on.null.values=ignore).");
  m->records_dead_lettered = counter(
      "sluice_records_dead_lettered_total",
      "Records sent to the dead-letter queue (Connect's deadletterqueue-produce-requests).");
  m->committed_offset =
      gauge("sluice_committed_offset",
            "The last offset the task committed for the partition (the next record to read).");
  m->open_files = gauge("sluice_open_files", "Files the partition's writer has open.");
  m->parts_uploaded = counter("sluice_parts_uploaded_total", "Multipart upload parts S3 accepted.");
  m->objects_committed = counter(
      "sluice_objects_committed_total",
      "Objects made visible in the bucket (PutObject or CompleteMultipartUpload succeeded).");
  m->bytes_written = counter("sluice_written_bytes_total",
                             "Bytes of the objects counted by sluice_objects_committed_total.");
  partitions_.emplace(tp, Assigned{std::move(reg), nullptr});
  partition_count_->set(static_cast<double>(partitions_.size()));
  return m;
}

void TaskMetrics::set_consumer_lag(const kafka::TopicPartition& tp, int64_t lag) {
  auto it = partitions_.find(tp);
  if (it == partitions_.end()) return;
  Assigned& a = it->second;
  if (a.consumer_lag == nullptr) {
    a.consumer_lag = a.registration.add(
        registry_.gauge("sluice_consumer_lag_records",
                        "Records between the partition's high watermark and the consumer's "
                        "position, from librdkafka's statistics every 5 s (Connect's records-lag).",
                        kPartitionLabels),
        {connector_, task_, tp.topic, std::to_string(tp.partition)});
  }
  a.consumer_lag->set(static_cast<double>(lag));
}

void TaskMetrics::revoke(const kafka::TopicPartition& tp) {
  partitions_.erase(tp);
  partition_count_->set(static_cast<double>(partitions_.size()));
}

void TaskMetrics::revoke_all() {
  partitions_.clear();
  partition_count_->set(0);
}

}  // namespace sluice::runtime
