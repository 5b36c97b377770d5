#include "runtime/dead_letter_queue.h"

#include <cstring>

#include "kafka/client_logging.h"
#include "util/log.h"

namespace sluice::runtime {

namespace {

void add_header(rd_kafka_headers_t* headers, const char* name, std::string_view value) {
  rd_kafka_header_add(headers, name, -1, value.data(), static_cast<ssize_t>(value.size()));
}

}  // namespace

Result<std::unique_ptr<DeadLetterQueue>> DeadLetterQueue::create(
    const DeadLetterQueueOptions& options) {
  std::unique_ptr<DeadLetterQueue> dlq(new DeadLetterQueue());  // private constructor
  dlq->options_ = options;
  if (options.oauthbearer_token) {
    dlq->options_.oauthbearer_token = kafka::keep_last_good_token(options.oauthbearer_token);
  }
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  char err[512];
  std::map<std::string, std::string> props = options.properties;
  // As Connect's DLQ producer: every copy acknowledged by all replicas, in order.
  props["acks"] = "all";
  props["enable.idempotence"] = "false";
  props["max.in.flight.requests.per.connection"] = "1";
  props["client.id"] =
      "connector-dlq-producer-" + options.connector_name + "-" + std::to_string(options.task_id);
  for (const auto& [key, value] : props) {
    if (rd_kafka_conf_set(conf, key.c_str(), value.c_str(), err, sizeof(err)) != RD_KAFKA_CONF_OK) {
      rd_kafka_conf_destroy(conf);
      return Status::invalid_argument("dead-letter queue producer property " + key + ": " + err);
    }
  }
  rd_kafka_conf_set_dr_msg_cb(conf, &DeadLetterQueue::on_delivery);
  rd_kafka_conf_set_log_cb(conf, kafka::log_to_spdlog);
  rd_kafka_conf_set_error_cb(conf, &DeadLetterQueue::on_error);
  rd_kafka_conf_set_opaque(conf, dlq.get());
  if (options.oauthbearer_token) {
    kafka::install_oauthbearer_refresh(conf, &DeadLetterQueue::on_oauthbearer_refresh);
  }
  dlq->producer_ = rd_kafka_new(RD_KAFKA_PRODUCER, conf, err, sizeof(err));
  if (dlq->producer_ == nullptr) {
    rd_kafka_conf_destroy(conf);
    return Status::fatal(std::string("dead-letter queue producer: ") + err);
  }
  if (options.oauthbearer_token) {
    SLUICE_RETURN_IF_ERROR(kafka::enable_oauthbearer_background(dlq->producer_));
  }
  SLUICE_RETURN_IF_ERROR(dlq->ensure_topic());
  return dlq;
}

DeadLetterQueue::~DeadLetterQueue() {
  if (producer_ == nullptr) return;
  Status st = flush(std::chrono::milliseconds(10000));
  if (!st.ok()) SLUICE_LOG(kRuntime).warn("dead-letter queue: {}", st.message());
  rd_kafka_destroy(producer_);
}

void DeadLetterQueue::on_error(rd_kafka_t*, int err, const char* reason, void* opaque) {
  auto* self = static_cast<DeadLetterQueue*>(opaque);
  if (kafka::is_authentication_failure(err, reason)) {
    std::lock_guard<std::mutex> lock(self->refused_mutex_);
    if (self->refused_.empty()) self->refused_ = reason != nullptr ? reason : "refused";
    return;
  }
  SLUICE_LOG(kRuntime).warn("kafka (dead-letter queue producer): {} ({})", reason,
                            rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)));
}

Status DeadLetterQueue::refused() const {
  std::lock_guard<std::mutex> lock(refused_mutex_);
  if (refused_.empty()) return Status::ok_status();
  // Like a Java task whose producer cannot log in: fail instead of retrying forever.
  return Status::fatal("dead-letter queue producer: Kafka authentication failed: " + refused_ +
                       " (it uses the worker's producer.* security settings when there are any, "
                       "else the consumer's)");
}

void DeadLetterQueue::on_oauthbearer_refresh(rd_kafka_t* rk, const char*, void* opaque) {
  kafka::refresh_oauthbearer_token(
      rk, static_cast<DeadLetterQueue*>(opaque)->options_.oauthbearer_token);
}

Status DeadLetterQueue::ensure_topic() {
  char err[512];
  rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(options_.topic.c_str(), 1,
                                                     options_.replication_factor, err, sizeof(err));
  if (topic == nullptr)
    return Status::invalid_argument("dead-letter queue topic: " + std::string(err));
  rd_kafka_queue_t* queue = rd_kafka_queue_new(producer_);
  rd_kafka_CreateTopics(producer_, &topic, 1, nullptr, queue);
  // Up to 30 s for the answer, but a refused login ends the wait at once.
  rd_kafka_event_t* event = nullptr;
  for (int waited_ms = 0; event == nullptr && waited_ms < 30000; waited_ms += 200) {
    event = rd_kafka_queue_poll(queue, 200);
    rd_kafka_poll(producer_, 0);  // serves the error callback, which records a refused login
    if (event == nullptr && !refused().ok()) break;
  }
  if (event == nullptr && !refused().ok()) {
    rd_kafka_queue_destroy(queue);
    rd_kafka_NewTopic_destroy(topic);
    return refused();
  }
  Status result = Status::retriable("dead-letter queue topic " + options_.topic +
                                    ": no answer from Kafka to CreateTopics");
  if (event != nullptr) {
    size_t n = 0;
    const rd_kafka_topic_result_t** results =
        rd_kafka_CreateTopics_result_topics(rd_kafka_event_CreateTopics_result(event), &n);
    rd_kafka_resp_err_t code =
        n > 0 ? rd_kafka_topic_result_error(results[0]) : rd_kafka_event_error(event);
    if (code == RD_KAFKA_RESP_ERR_NO_ERROR || code == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
      result = Status::ok_status();
    } else {
      const char* why = n > 0 ? rd_kafka_topic_result_error_string(results[0]) : nullptr;
      result = Status::fatal("creating dead-letter queue topic " + options_.topic +
                             " (errors.deadletterqueue.topic.replication.factor=" +
                             std::to_string(options_.replication_factor) +
                             "): " + (why != nullptr ? why : rd_kafka_err2str(code)));
    }
    rd_kafka_event_destroy(event);
  }
  rd_kafka_queue_destroy(queue);
  rd_kafka_NewTopic_destroy(topic);
  return result;
}

void DeadLetterQueue::on_delivery(rd_kafka_t*, const rd_kafka_message_t* message, void* opaque) {
  if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  auto* self = static_cast<DeadLetterQueue*>(opaque);
  // Delivery callbacks run inside rd_kafka_poll/flush on the task thread: no race with readers.
  if (self->failed_.fetch_add(1) == 0) self->first_failure_ = rd_kafka_err2str(message->err);
}

Status DeadLetterQueue::report(const connect::KafkaRecordView& m,
                               const ErrantRecordContext& context) {
  rd_kafka_headers_t* headers = rd_kafka_headers_new(8);
  // The original headers, keys as the consumer decoded them (Java's consumer makes Strings of
  // them too, which its DLQ reporter then writes back).
  for (const connect::KafkaHeaderView& h : m.headers) {
    rd_kafka_header_add(headers, h.key.data(), static_cast<ssize_t>(h.key.size()),
                        h.value ? h.value->data() : nullptr,
                        h.value ? static_cast<ssize_t>(h.value->size()) : 0);
  }
  if (options_.context_headers) {
    add_header(headers, "__connect.errors.topic", m.topic);
    add_header(headers, "__connect.errors.partition", std::to_string(m.partition));
    add_header(headers, "__connect.errors.offset", std::to_string(m.offset));
    add_header(headers, "__connect.errors.connector.name", options_.connector_name);
    add_header(headers, "__connect.errors.task.id", std::to_string(options_.task_id));
    add_header(headers, "__connect.errors.stage", context.stage);
    add_header(headers, "__connect.errors.class.name", context.class_name);
    add_header(headers, "__connect.errors.exception.class.name", context.exception_class);
    if (context.message.empty()) {
      // Connect adds the header with a null value when the exception has no message.
      rd_kafka_header_add(headers, "__connect.errors.exception.message", -1, nullptr, 0);
    } else {
      add_header(headers, "__connect.errors.exception.message", context.message);
    }
    // Java's printStackTrace text starts with "<exception class>: <message>"; sluice has no Java
    // frames to add, so the header holds that first line.
    std::string trace(context.exception_class);
    if (!context.message.empty()) trace.append(": ").append(context.message);
    add_header(headers, "__connect.errors.exception.stacktrace", trace);
  }
  const int64_t ts = m.timestamp_type != connect::TimestampType::kNone ? m.timestamp : -1;
  // librdkafka's V_ macros cast their arguments without parentheses: plain variables only.
  void* key = m.key ? const_cast<char*>(m.key->data()) : nullptr;
  const size_t key_size = m.key ? m.key->size() : 0;
  void* value = m.value ? const_cast<char*>(m.value->data()) : nullptr;
  const size_t value_size = m.value ? m.value->size() : 0;
  rd_kafka_resp_err_t err;
  for (;;) {
    err = rd_kafka_producev(producer_, RD_KAFKA_V_TOPIC(options_.topic.c_str()),
                            RD_KAFKA_V_KEY(key, key_size), RD_KAFKA_V_VALUE(value, value_size),
                            RD_KAFKA_V_TIMESTAMP(ts >= 0 ? ts : 0), RD_KAFKA_V_HEADERS(headers),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL) break;
    rd_kafka_poll(producer_, 50);
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    rd_kafka_headers_destroy(headers);  // not taken over by a failed produce
    return Status::retriable("dead-letter queue " + options_.topic + ": " + rd_kafka_err2str(err));
  }
  ++reported_;
  rd_kafka_poll(producer_, 0);
  return Status::ok_status();
}

Status DeadLetterQueue::flush(std::chrono::milliseconds timeout) {
  rd_kafka_resp_err_t err = rd_kafka_flush(producer_, static_cast<int>(timeout.count()));
  SLUICE_RETURN_IF_ERROR(refused());
  if (failed_.load() > 0) {
    return Status::fatal("dead-letter queue " + options_.topic + ": " +
                         std::to_string(failed_.load()) +
                         " record(s) could not be delivered (first error: " + first_failure_ + ")");
  }
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::retriable("dead-letter queue " + options_.topic +
                             ": flush: " + rd_kafka_err2str(err));
  }
  return Status::ok_status();
}

}  // namespace sluice::runtime
