// Consumer: sluice's member of the consumer group connect-<name>, over librdkafka.
//
// One Consumer per task, used only from that task's thread. Offsets are never committed
// automatically: the task commits, explicitly, only offsets whose records are durable in S3.
// Rebalancing is cooperative when the group allows it (cooperative-sticky), so partitions that
// stay with this member keep their open files; the RebalanceListener hears of each change while
// librdkafka waits, which is the moment to commit what is durable and drop revoked writers.
#pragma once

#include <librdkafka/rdkafka.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kafka/message_batch.h"
#include "kafka/oauthbearer_token.h"
#include "kafka/topic_partition.h"
#include "util/status.h"

namespace sluice::kafka {

class RebalanceListener {
 public:
  virtual ~RebalanceListener() = default;
  virtual void on_partitions_assigned(const std::vector<TopicPartition>& partitions) = 0;
  // `lost` is true when the partitions were taken away without a chance to commit (session
  // timeout): committing for them would fail, and their uncommitted work is someone else's now.
  virtual void on_partitions_revoked(const std::vector<TopicPartition>& partitions, bool lost) = 0;
};

struct ConsumerOptions {
  // librdkafka properties, already translated from the worker's Java client keys.
  std::map<std::string, std::string> properties;
  // Topic names, or one regular expression starting with '^' (librdkafka's convention).
  std::vector<std::string> subscription;
  size_t max_batch = 500;
  // Set when sasl.mechanism is OAUTHBEARER with tokens made by sluice (MSK IAM); must be
  // thread-safe, it is called on librdkafka's background thread.
  OAuthBearerTokenSource oauthbearer_token;
  // Called with librdkafka's statistics JSON every kStatisticsIntervalMs
  // (consumer_statistics.h), on the thread that calls poll(). When set, it replaces a
  // statistics.interval.ms in `properties`: the consumer lag metric depends on that period.
  std::function<void(std::string_view json)> on_statistics;
};

class Consumer {
 public:
  static Result<std::unique_ptr<Consumer>> create(const ConsumerOptions& options,
                                                  RebalanceListener* listener);
  ~Consumer();
  Consumer(const Consumer&) = delete;
  Consumer& operator=(const Consumer&) = delete;

  // Waits up to `timeout` for messages and fills `batch` (possibly with none). Rebalance callbacks
  // run inside this call. Consumer errors that librdkafka retries itself are logged, not returned;
  // a fatal client error is.
  Status poll(std::chrono::milliseconds timeout, MessageBatch* batch);

  // Commits the given offsets (with their metadata). Synchronous: returns once the broker answered.
  Status commit(const std::vector<OffsetCommit>& offsets);
  // The group's committed offsets (and metadata) for `partitions`; offset -1 when none.
  Result<std::vector<OffsetCommit>> committed(const std::vector<TopicPartition>& partitions,
                                              std::chrono::milliseconds timeout);

  // Makes the next poll return records of `tp` from `offset` on (after a failed upload).
  Status seek(const TopicPartition& tp, int64_t offset);
  Status pause(const std::vector<TopicPartition>& partitions);
  Status resume(const std::vector<TopicPartition>& partitions);

  // Leaves the group (the revocation callback runs) and stops the client.
  void close();

  const std::string& member_id();
  // Makes the next poll() fail with `status` (set from librdkafka's error callback).
  void set_fatal(Status status) {
    if (fatal_.ok()) fatal_ = std::move(status);
  }
  rd_kafka_t* handle() { return rk_; }

 private:
  Consumer() = default;
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
