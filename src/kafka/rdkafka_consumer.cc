#include "kafka/rdkafka_consumer.h"

#include <cstring>

#include "kafka/client_logging.h"
#include "kafka/consumer_statistics.h"
#include "util/log.h"

namespace sluice::kafka {

namespace {

struct ConfDeleter {
  void operator()(rd_kafka_conf_t* conf) const { rd_kafka_conf_destroy(conf); }
};
using Conf = std::unique_ptr<rd_kafka_conf_t, ConfDeleter>;

struct ErrorDeleter {
  void operator()(rd_kafka_error_t* e) const { rd_kafka_error_destroy(e); }
};
using ErrorPtr = std::unique_ptr<rd_kafka_error_t, ErrorDeleter>;

void error_callback(rd_kafka_t* rk, int err, const char* reason, void* opaque) {
  if (err == RD_KAFKA_RESP_ERR__AUTHENTICATION) {
    // librdkafka would retry a refused login forever; like a Java task, fail instead, so that the
    // operator sees a stopped connector rather than one that silently reads nothing.
    static_cast<RdKafkaConsumer*>(opaque)->set_fatal(
        Status::fatal(std::string("Kafka authentication failed: ") + reason));
  } else if (is_tls_refusal(err, reason)) {
    // The Java client raises SslAuthenticationException here and the task fails: a broker that
    // rejects our certificate, or one we cannot verify, will do the same on every retry.
    static_cast<RdKafkaConsumer*>(opaque)->set_fatal(Status::fatal(
        std::string("Kafka authentication failed (TLS): ") + reason +
        " (check ssl.truststore.* for the broker's CA and ssl.keystore.* for the client "
        "certificate)"));
  }
  // Most errors here are transient (a broker went away) and librdkafka retries them itself.
  char fatal[512];
  if (err == RD_KAFKA_RESP_ERR__FATAL &&
      rd_kafka_fatal_error(rk, fatal, sizeof(fatal)) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    SLUICE_LOG(kKafka).error("kafka fatal error: {}", fatal);
    return;
  }
  SLUICE_LOG(kKafka).warn("kafka: {} ({})", reason,
                          rd_kafka_err2name(static_cast<rd_kafka_resp_err_t>(err)));
}

}  // namespace

PartitionList make_partition_list(const std::vector<TopicPartition>& partitions) {
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(partitions.size())));
  for (const TopicPartition& tp : partitions) {
    rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition);
  }
  return list;
}

std::vector<TopicPartition> to_topic_partitions(const rd_kafka_topic_partition_list_t* list) {
  std::vector<TopicPartition> out;
  out.reserve(list->cnt);
  for (int i = 0; i < list->cnt; ++i) {
    out.push_back(TopicPartition{list->elems[i].topic, list->elems[i].partition});
  }
  return out;
}

Result<std::unique_ptr<RdKafkaConsumer>> RdKafkaConsumer::create(const ConsumerOptions& options,
                                                                 RebalanceListener* listener) {
  std::unique_ptr<RdKafkaConsumer> consumer(
      new RdKafkaConsumer());  // private constructor; owned at once
  consumer->listener_ = listener;
  consumer->max_batch_ = options.max_batch;
  consumer->oauthbearer_token_ =
      options.oauthbearer_token ? keep_last_good_token(options.oauthbearer_token) : nullptr;

  consumer->on_statistics_ = options.on_statistics;

  Conf conf(rd_kafka_conf_new());
  char err[512];
  for (const auto& [key, value] : options.properties) {
    if (key == "statistics.interval.ms" && consumer->on_statistics_) {
      SLUICE_LOG(kKafka).warn(
          "kafka: statistics.interval.ms={} replaced by {}: sluice reads the consumer "
          "lag from the statistics",
          value, kStatisticsIntervalMs);
      continue;
    }
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof(err)) !=
        RD_KAFKA_CONF_OK) {
      return Status::invalid_argument("Kafka client property " + key + ": " + err);
    }
  }
  rd_kafka_conf_set_log_cb(conf.get(), log_to_spdlog);
  rd_kafka_conf_set_error_cb(conf.get(), error_callback);
  rd_kafka_conf_set_rebalance_cb(conf.get(), &RdKafkaConsumer::rebalance_trampoline);
  rd_kafka_conf_set_opaque(conf.get(), consumer.get());
  if (consumer->on_statistics_) {
    const std::string interval = std::to_string(kStatisticsIntervalMs);
    if (rd_kafka_conf_set(conf.get(), "statistics.interval.ms", interval.c_str(), err,
                          sizeof(err)) != RD_KAFKA_CONF_OK) {
      return Status::invalid_argument(std::string("Kafka statistics.interval.ms: ") + err);
    }
    rd_kafka_conf_set_stats_cb(conf.get(), &RdKafkaConsumer::statistics_trampoline);
  }
  if (consumer->oauthbearer_token_) {
    install_oauthbearer_refresh(conf.get(), &RdKafkaConsumer::oauthbearer_trampoline);
  }

  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof(err));
  if (rk == nullptr) return Status::invalid_argument(std::string("Kafka consumer: ") + err);
  conf.release();  // rd_kafka_new took ownership
  consumer->rk_ = rk;
  if (consumer->oauthbearer_token_) SLUICE_RETURN_IF_ERROR(enable_oauthbearer_background(rk));
  rd_kafka_poll_set_consumer(rk);
  consumer->queue_ = rd_kafka_queue_get_consumer(rk);

  PartitionList topics(
      rd_kafka_topic_partition_list_new(static_cast<int>(options.subscription.size())));
  for (const std::string& t : options.subscription) {
    rd_kafka_topic_partition_list_add(topics.get(), t.c_str(), RD_KAFKA_PARTITION_UA);
  }
  rd_kafka_resp_err_t rc = rd_kafka_subscribe(rk, topics.get());
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::fatal(std::string("Kafka subscribe: ") + rd_kafka_err2str(rc));
  }
  return consumer;
}

RdKafkaConsumer::~RdKafkaConsumer() {
  close();
  if (queue_ != nullptr) rd_kafka_queue_destroy(queue_);
  if (rk_ != nullptr) rd_kafka_destroy(rk_);
}

void RdKafkaConsumer::rebalance_trampoline(rd_kafka_t*, rd_kafka_resp_err_t err,
                                           rd_kafka_topic_partition_list_t* partitions,
                                           void* opaque) {
  static_cast<RdKafkaConsumer*>(opaque)->on_rebalance(err, partitions);
}

void RdKafkaConsumer::oauthbearer_trampoline(rd_kafka_t* rk, const char*, void* opaque) {
  refresh_oauthbearer_token(rk, static_cast<RdKafkaConsumer*>(opaque)->oauthbearer_token_);
}

int RdKafkaConsumer::statistics_trampoline(rd_kafka_t*, char* json, size_t json_len, void* opaque) {
  static_cast<RdKafkaConsumer*>(opaque)->on_statistics_(std::string_view(json, json_len));
  return 0;  // librdkafka frees the JSON
}

void RdKafkaConsumer::on_rebalance(rd_kafka_resp_err_t err,
                                   rd_kafka_topic_partition_list_t* partitions) {
  const bool cooperative = std::strcmp(rd_kafka_rebalance_protocol(rk_), "COOPERATIVE") == 0;
  std::vector<TopicPartition> tps = to_topic_partitions(partitions);
  if (err == RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS) {
    ErrorPtr error;
    if (cooperative) {
      error.reset(rd_kafka_incremental_assign(rk_, partitions));
    } else if (rd_kafka_assign(rk_, partitions) != RD_KAFKA_RESP_ERR_NO_ERROR) {
      SLUICE_LOG(kKafka).error("kafka: assign failed");
    }
    if (error)
      SLUICE_LOG(kKafka).error("kafka: incremental assign failed: {}",
                               rd_kafka_error_string(error.get()));
    if (listener_ != nullptr && !tps.empty()) listener_->on_partitions_assigned(tps);
  } else if (err == RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS) {
    const bool lost = rd_kafka_assignment_lost(rk_) != 0;
    // The listener commits durable offsets first: after unassign they could no longer be.
    if (listener_ != nullptr && !tps.empty()) listener_->on_partitions_revoked(tps, lost);
    ErrorPtr error;
    if (cooperative) {
      error.reset(rd_kafka_incremental_unassign(rk_, partitions));
    } else {
      rd_kafka_assign(rk_, nullptr);
    }
    if (error)
      SLUICE_LOG(kKafka).error("kafka: incremental unassign failed: {}",
                               rd_kafka_error_string(error.get()));
  } else {
    SLUICE_LOG(kKafka).error("kafka: rebalance error: {}", rd_kafka_err2str(err));
    rd_kafka_assign(rk_, nullptr);
  }
}

Status RdKafkaConsumer::poll(std::chrono::milliseconds timeout, MessageBatch* batch) {
  rd_kafka_message_t** slots = batch->prepare(max_batch_);
  ssize_t n =
      rd_kafka_consume_batch_queue(queue_, static_cast<int>(timeout.count()), slots, max_batch_);
  if (n < 0) {
    batch->set_size(0);
    return Status::fatal(std::string("Kafka poll: ") + rd_kafka_err2str(rd_kafka_last_error()));
  }
  // Error events arrive as messages with err set; keep only real records in the batch.
  size_t kept = 0;
  for (ssize_t i = 0; i < n; ++i) {
    rd_kafka_message_t* m = slots[i];
    if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      slots[kept++] = m;
      continue;
    }
    if (m->err == RD_KAFKA_RESP_ERR__PARTITION_EOF) {
      rd_kafka_message_destroy(m);
      continue;
    }
    std::string what = rd_kafka_message_errstr(m);
    const char* topic = m->rkt != nullptr ? rd_kafka_topic_name(m->rkt) : "";
    rd_kafka_resp_err_t code = m->err;
    rd_kafka_message_destroy(m);
    if (code == RD_KAFKA_RESP_ERR__FATAL) {
      for (ssize_t j = i + 1; j < n; ++j) rd_kafka_message_destroy(slots[j]);
      batch->set_size(kept);
      return Status::fatal("Kafka consumer: " + what);
    }
    SLUICE_LOG(kKafka).warn("kafka: consumer error topic={} error={}: {}", topic,
                            rd_kafka_err2name(code), what);
  }
  batch->set_size(kept);
  return fatal_;
}

Status RdKafkaConsumer::commit(const std::vector<OffsetCommit>& offsets) {
  if (offsets.empty()) return Status::ok_status();
  PartitionList list(rd_kafka_topic_partition_list_new(static_cast<int>(offsets.size())));
  for (const OffsetCommit& c : offsets) {
    rd_kafka_topic_partition_t* p =
        rd_kafka_topic_partition_list_add(list.get(), c.tp.topic.c_str(), c.tp.partition);
    p->offset = c.offset;
    if (!c.metadata.empty()) {
      // librdkafka frees the metadata with the list, so it must be malloc'd memory of its own.
      p->metadata = malloc(c.metadata.size());
      std::memcpy(p->metadata, c.metadata.data(), c.metadata.size());
      p->metadata_size = c.metadata.size();
    }
  }
  rd_kafka_resp_err_t rc = rd_kafka_commit(rk_, list.get(), /*async=*/0);
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::retriable(std::string("Kafka offset commit: ") + rd_kafka_err2str(rc));
  }
  for (int i = 0; i < list->cnt; ++i) {
    if (list->elems[i].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return Status::retriable("Kafka offset commit for " + std::string(list->elems[i].topic) +
                               "-" + std::to_string(list->elems[i].partition) + ": " +
                               rd_kafka_err2str(list->elems[i].err));
    }
  }
  return Status::ok_status();
}

Result<std::vector<OffsetCommit>> RdKafkaConsumer::committed(
    const std::vector<TopicPartition>& partitions, std::chrono::milliseconds timeout) {
  PartitionList list = make_partition_list(partitions);
  rd_kafka_resp_err_t rc = rd_kafka_committed(rk_, list.get(), static_cast<int>(timeout.count()));
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::retriable(std::string("Kafka committed offsets: ") + rd_kafka_err2str(rc));
  }
  std::vector<OffsetCommit> out;
  for (int i = 0; i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t& p = list->elems[i];
    OffsetCommit c{TopicPartition{p.topic, p.partition}, p.offset, {}};
    if (p.metadata != nullptr && p.metadata_size > 0) {
      c.metadata.assign(static_cast<const char*>(p.metadata), p.metadata_size);
    }
    out.push_back(std::move(c));
  }
  return out;
}

Status RdKafkaConsumer::seek(const TopicPartition& tp, int64_t offset) {
  PartitionList list(rd_kafka_topic_partition_list_new(1));
  rd_kafka_topic_partition_list_add(list.get(), tp.topic.c_str(), tp.partition)->offset = offset;
  ErrorPtr error(rd_kafka_seek_partitions(rk_, list.get(), 10000));
  if (error) {
    return Status::retriable("Kafka seek " + tp.to_string() + " to " + std::to_string(offset) +
                             ": " + rd_kafka_error_string(error.get()));
  }
  if (list->elems[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::retriable("Kafka seek " + tp.to_string() + ": " +
                             rd_kafka_err2str(list->elems[0].err));
  }
  return Status::ok_status();
}

Status RdKafkaConsumer::pause(const std::vector<TopicPartition>& partitions) {
  PartitionList list = make_partition_list(partitions);
  rd_kafka_resp_err_t rc = rd_kafka_pause_partitions(rk_, list.get());
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) return Status::retriable(rd_kafka_err2str(rc));
  return Status::ok_status();
}

Status RdKafkaConsumer::resume(const std::vector<TopicPartition>& partitions) {
  PartitionList list = make_partition_list(partitions);
  rd_kafka_resp_err_t rc = rd_kafka_resume_partitions(rk_, list.get());
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR) return Status::retriable(rd_kafka_err2str(rc));
  return Status::ok_status();
}

void RdKafkaConsumer::close() {
  if (closed_ || rk_ == nullptr) return;
  closed_ = true;
  rd_kafka_resp_err_t rc = rd_kafka_consumer_close(rk_);
  if (rc != RD_KAFKA_RESP_ERR_NO_ERROR)
    SLUICE_LOG(kKafka).warn("kafka: close: {}", rd_kafka_err2str(rc));
}

std::optional<std::string> RdKafkaConsumer::cluster_id() {
  if (rk_ == nullptr) return std::nullopt;
  // Timeout 0: only what the metadata received so far carried.
  char* id = rd_kafka_clusterid(rk_, 0);
  if (id == nullptr) return std::nullopt;
  std::string out = id;
  rd_kafka_mem_free(rk_, id);
  return out;
}

const std::string& RdKafkaConsumer::member_id() {
  if (member_id_.empty() && rk_ != nullptr) {
    char* id = rd_kafka_memberid(rk_);
    if (id != nullptr) {
      member_id_ = id;
      rd_kafka_mem_free(rk_, id);
    }
  }
  return member_id_;
}

}  // namespace sluice::kafka
