#include "cli/verify_kafka_offsets.h"

#include <librdkafka/rdkafka.h>

#include <memory>
#include <mutex>

#include "kafka/client_config.h"
#include "kafka/client_logging.h"
#include "util/thread_annotations.h"

namespace sluice::cli {

namespace {

using Handle = std::unique_ptr<rd_kafka_t, void (*)(rd_kafka_t*)>;
using PartitionList =
    std::unique_ptr<rd_kafka_topic_partition_list_t, void (*)(rd_kafka_topic_partition_list_t*)>;

// The last error librdkafka reported (connection refused, authentication failed, ...), told with
// a failed request instead of logged as it happens. Written by librdkafka's threads.
struct LastError {
  std::mutex mu;
  std::string text GUARDED_BY(mu);
};

void remember_error(rd_kafka_t* /*rk*/, int /*err*/, const char* reason, void* opaque) {
  auto* last = static_cast<LastError*>(opaque);
  std::lock_guard<std::mutex> lock(last->mu);
  last->text = reason;
}

Result<Handle> make_consumer(const config::WorkerConfig& worker,
                             const config::S3SinkConnectorConfig& connector, LastError* last) {
  kafka::ClientConfigInput input;
  for (size_t b = 0; b < worker.bootstrap_servers().size(); ++b) {
    input.bootstrap_servers += (b ? "," : "") + worker.bootstrap_servers()[b];
  }
  input.group_id = connector.consumer_group_id();
  input.client_id = "sluice-verify-" + connector.name();
  input.layers = {worker.consumer_overrides(), connector.consumer_overrides()};
  SLUICE_ASSIGN_OR_RETURN(kafka::ClientConfig client, kafka::translate_consumer_config(input));
  if (client.msk_iam_options || client.oidc) {
    return Status::invalid_argument(
        "sluice verify does not support MSK IAM or OAUTHBEARER OIDC logins yet; give it a "
        "worker file whose consumer.* keys use another login");
  }
  std::unique_ptr<rd_kafka_conf_t, void (*)(rd_kafka_conf_t*)> conf(rd_kafka_conf_new(),
                                                                    rd_kafka_conf_destroy);
  char err[512];
  for (const auto& [key, value] : client.properties) {
    if (rd_kafka_conf_set(conf.get(), key.c_str(), value.c_str(), err, sizeof(err)) !=
        RD_KAFKA_CONF_OK) {
      return Status::invalid_argument("Kafka client setting " + key + ": " + err);
    }
  }
  rd_kafka_conf_set_log_cb(conf.get(), kafka::log_to_spdlog);
  rd_kafka_conf_set_error_cb(conf.get(), remember_error);
  rd_kafka_conf_set_opaque(conf.get(), last);
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf.get(), err, sizeof(err));
  if (rk == nullptr) return Status::invalid_argument(std::string("Kafka client: ") + err);
  conf.release();  // rd_kafka_new took it
  return Handle(rk, rd_kafka_destroy);
}

// REQUIRES: `last` is the opaque of `rk`.
Status kafka_error(rd_kafka_t* rk, const std::string& what, rd_kafka_resp_err_t err,
                   LastError& last) {
  rd_kafka_poll(rk, 0);  // serves the error callbacks queued so far
  std::lock_guard<std::mutex> lock(last.mu);
  return Status::retriable(what + ": " + rd_kafka_err2str(err) +
                           (last.text.empty() ? "" : " (last error: " + last.text + ")"));
}

}  // namespace

Result<std::map<int32_t, PartitionOffsets>> read_topic_offsets(
    const config::WorkerConfig& worker, const config::S3SinkConnectorConfig& connector,
    const std::string& topic, std::chrono::milliseconds timeout) {
  LastError last;  // declared before the handle, which calls into it until destroyed
  SLUICE_ASSIGN_OR_RETURN(Handle rk, make_consumer(worker, connector, &last));
  const int timeout_ms = static_cast<int>(timeout.count());
  std::unique_ptr<rd_kafka_topic_t, void (*)(rd_kafka_topic_t*)> rkt(
      rd_kafka_topic_new(rk.get(), topic.c_str(), nullptr), rd_kafka_topic_destroy);
  const rd_kafka_metadata_t* metadata = nullptr;
  rd_kafka_resp_err_t err = rd_kafka_metadata(rk.get(), 0, rkt.get(), &metadata, timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR)
    return kafka_error(rk.get(), "metadata of " + topic, err, last);
  std::unique_ptr<const rd_kafka_metadata_t, void (*)(const rd_kafka_metadata_t*)> guard(
      metadata, rd_kafka_metadata_destroy);
  if (metadata->topic_cnt != 1 || metadata->topics[0].err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return Status::not_found("topic " + topic + " not found in Kafka");
  }

  std::map<int32_t, PartitionOffsets> out;
  PartitionList list(rd_kafka_topic_partition_list_new(metadata->topics[0].partition_cnt),
                     rd_kafka_topic_partition_list_destroy);
  for (int i = 0; i < metadata->topics[0].partition_cnt; ++i) {
    int32_t p = metadata->topics[0].partitions[i].id;
    int64_t low = 0, high = 0;
    err = rd_kafka_query_watermark_offsets(rk.get(), topic.c_str(), p, &low, &high, timeout_ms);
    if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
      return kafka_error(rk.get(), "offsets of " + topic + "-" + std::to_string(p), err, last);
    }
    out[p] = PartitionOffsets{low, high, std::nullopt};
    rd_kafka_topic_partition_list_add(list.get(), topic.c_str(), p);
  }
  err = rd_kafka_committed(rk.get(), list.get(), timeout_ms);
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return kafka_error(rk.get(), "committed offsets of group " + connector.consumer_group_id(), err,
                       last);
  }
  for (int i = 0; i < list->cnt; ++i) {
    const rd_kafka_topic_partition_t& tp = list->elems[i];
    if (tp.err == RD_KAFKA_RESP_ERR_NO_ERROR && tp.offset >= 0)
      out[tp.partition].committed = tp.offset;
  }
  return out;
}

}  // namespace sluice::cli
