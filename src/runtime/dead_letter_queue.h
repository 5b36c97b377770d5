// DeadLetterQueue: where records that failed conversion or writing go when
// errors.deadletterqueue.topic.name is set (kafka-connect.md §4).
//
// A DLQ record carries the consumed record's original key, value, headers and timestamp, and,
// with errors.deadletterqueue.context.headers.enable, the __connect.errors.* headers that say
// where it came from and why it failed. Sends are asynchronous; flush() waits for them, and the
// task calls it before every offset commit, so an offset is never committed past a bad record
// whose DLQ copy is not in Kafka. Owned and used by one task thread.
#pragma once

#include <librdkafka/rdkafka.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "connect/record_converter.h"
#include "kafka/oauthbearer_token.h"
#include "util/status.h"

namespace sluice::runtime {

struct DeadLetterQueueOptions {
  std::string topic;
  int replication_factor = 3;
  bool context_headers = false;
  std::string connector_name;
  int task_id = 0;
  // librdkafka properties: bootstrap servers and the security settings of the task's consumer.
  std::map<std::string, std::string> properties;
  // The consumer's OAUTHBEARER token source when it uses one (MSK IAM).
  kafka::OAuthBearerTokenSource oauthbearer_token;
};

// Why a record failed, in Connect's terms.
struct ErrantRecordContext {
  std::string_view stage;            // KEY_CONVERTER, VALUE_CONVERTER, HEADER_CONVERTER, TASK_PUT
  std::string_view class_name;       // the converter or task class that failed
  std::string_view exception_class;  // e.g. org.apache.kafka.connect.errors.DataException
  std::string_view message;
};

// Where a task reports records that failed: the dead-letter queue, or an in-memory stand-in in
// unit tests. Owned and used by one task thread.
class ErrantRecordReporter {
 public:
  virtual ~ErrantRecordReporter() = default;
  // Sends `original` with why it failed; may return before it is acknowledged.
  virtual Status report(const connect::KafkaRecordView& original,
                        const ErrantRecordContext& context) = 0;
  // Waits until every report is acknowledged; fails if any could not be delivered.
  virtual Status flush(std::chrono::milliseconds timeout) = 0;
};

// Makes a task's reporter from its errors.deadletterqueue.* options.
using ErrantRecordReporterFactory =
    std::function<Result<std::unique_ptr<ErrantRecordReporter>>(const DeadLetterQueueOptions&)>;

class DeadLetterQueue final : public ErrantRecordReporter {
 public:
  // Creates the producer and the topic (one partition) when it does not exist yet.
  static Result<std::unique_ptr<DeadLetterQueue>> create(const DeadLetterQueueOptions& options);
  ~DeadLetterQueue() override;
  DeadLetterQueue(const DeadLetterQueue&) = delete;
  DeadLetterQueue& operator=(const DeadLetterQueue&) = delete;

  Status report(const connect::KafkaRecordView& original,
                const ErrantRecordContext& context) override;
  Status flush(std::chrono::milliseconds timeout) override;

  uint64_t reported() const { return reported_; }

 private:
  DeadLetterQueue() = default;
  Status ensure_topic();
  static void on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque);
  static void on_oauthbearer_refresh(rd_kafka_t* rk, const char* config, void* opaque);
  static void on_error(rd_kafka_t* rk, int err, const char* reason, void* opaque);
  // The login failure librdkafka reported, if any: fatal, as for the consumer.
  Status refused() const;

  DeadLetterQueueOptions options_;
  rd_kafka_t* producer_ = nullptr;
  uint64_t reported_ = 0;
  std::atomic<uint64_t> failed_{0};
  std::string first_failure_;         // written by the delivery callback, read after flush
  mutable std::mutex refused_mutex_;  // the error callback runs on librdkafka's threads
  std::string refused_;               // why Kafka refused the producer's login; empty if it did not
};

}  // namespace sluice::runtime
