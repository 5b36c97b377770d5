// Consumer: sluice's member of the consumer group connect-<name>, the interface a task reads
// through.
//
// One Consumer per task, used only from that task's thread. Offsets are never committed
// automatically: the task commits, explicitly, only offsets whose records are durable in S3.
// Rebalancing is cooperative when the group allows it (cooperative-sticky), so partitions that
// stay with this member keep their open files; the RebalanceListener hears of each change while
// librdkafka waits, which is the moment to commit what is durable and drop revoked writers.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
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

// The consumer a SinkTask reads through. RdKafkaConsumer (rdkafka_consumer.h) is the one that
// ships; unit tests substitute an in-memory one. Used only from the owning task's thread.
class Consumer {
 public:
  virtual ~Consumer() = default;

  // Waits up to `timeout` for messages and fills `batch` (possibly with none). Rebalance callbacks
  // run inside this call. Consumer errors that the client retries itself are logged, not
  // returned; a fatal client error is.
  virtual Status poll(std::chrono::milliseconds timeout, MessageBatch* batch) = 0;

  // Commits the given offsets (with their metadata). Synchronous: returns once the broker answered.
  virtual Status commit(const std::vector<OffsetCommit>& offsets) = 0;
  // The group's committed offsets (and metadata) for `partitions`; offset -1 when none.
  virtual Result<std::vector<OffsetCommit>> committed(const std::vector<TopicPartition>& partitions,
                                                      std::chrono::milliseconds timeout) = 0;

  // Makes the next poll return records of `tp` from `offset` on (after a failed upload).
  virtual Status seek(const TopicPartition& tp, int64_t offset) = 0;
  virtual Status pause(const std::vector<TopicPartition>& partitions) = 0;
  virtual Status resume(const std::vector<TopicPartition>& partitions) = 0;

  // Leaves the group (the revocation callback runs) and stops the client.
  virtual void close() = 0;

  // The Kafka cluster id, when the client learned it from the broker's metadata already.
  virtual std::optional<std::string> cluster_id() = 0;
};

// Makes a task's consumer, subscribed as `options` say, reporting rebalances to `listener`
// (borrowed: must outlive the consumer).
using ConsumerFactory = std::function<Result<std::unique_ptr<Consumer>>(
    const ConsumerOptions& options, RebalanceListener* listener)>;

}  // namespace sluice::kafka
