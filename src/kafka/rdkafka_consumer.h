// RdKafkaConsumer: the Consumer that ships, over librdkafka's high-level consumer.
//
// One per task, used only from that task's thread. auto-commit is off (the task commits what is
// durable); cooperative rebalancing is used when the group allows it. Owns its rd_kafka_t.
#pragma once

#include <librdkafka/rdkafka.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kafka/consumer.h"

namespace sluice::kafka {

class RdKafkaConsumer final : public Consumer {
 public:
  static Result<std::unique_ptr<RdKafkaConsumer>> create(const ConsumerOptions& options,
                                                         RebalanceListener* listener);
  ~RdKafkaConsumer() override;
  RdKafkaConsumer(const RdKafkaConsumer&) = delete;
  RdKafkaConsumer& operator=(const RdKafkaConsumer&) = delete;

  Status poll(std::chrono::milliseconds timeout, MessageBatch* batch) override;
  Status commit(const std::vector<OffsetCommit>& offsets) override;
  Result<std::vector<OffsetCommit>> committed(const std::vector<TopicPartition>& partitions,
                                              std::chrono::milliseconds timeout) override;
  Status seek(const TopicPartition& tp, int64_t offset) override;
  Status pause(const std::vector<TopicPartition>& partitions) override;
  Status resume(const std::vector<TopicPartition>& partitions) override;
  void close() override;
  std::optional<std::string> cluster_id() override;

  const std::string& member_id();
  // Makes the next poll() fail with `status` (set from librdkafka's error callback).
  void set_fatal(Status status) {
    if (fatal_.ok()) fatal_ = std::move(status);
  }

 private:
  RdKafkaConsumer() = default;
  static void rebalance_trampoline(rd_kafka_t* rk, rd_kafka_resp_err_t err,
                                   rd_kafka_topic_partition_list_t* partitions, void* opaque);
  void on_rebalance(rd_kafka_resp_err_t err, rd_kafka_topic_partition_list_t* partitions);
  static void oauthbearer_trampoline(rd_kafka_t* rk, const char* config, void* opaque);
  static int statistics_trampoline(rd_kafka_t* rk, char* json, size_t json_len, void* opaque);

  rd_kafka_t* rk_ = nullptr;
  rd_kafka_queue_t* queue_ = nullptr;
  RebalanceListener* listener_ = nullptr;
  size_t max_batch_ = 500;
  OAuthBearerTokenSource oauthbearer_token_;
  std::function<void(std::string_view)> on_statistics_;
  bool closed_ = false;
  std::string member_id_;
  Status fatal_;
};

// Owns an rd_kafka_topic_partition_list_t.
struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const {
    rd_kafka_topic_partition_list_destroy(list);
  }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;
PartitionList make_partition_list(const std::vector<TopicPartition>& partitions);
std::vector<TopicPartition> to_topic_partitions(const rd_kafka_topic_partition_list_t* list);

}  // namespace sluice::kafka
