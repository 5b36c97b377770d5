// sluice_loadgen: creates a topic and fills it with JSON records, for the quickstart, the
// integration tests and the benchmarks. Records look like
//   {"id":123,"ts":1700000000000,"user":"user-17","amount":12.5,"pad":"xxxx..."}
// padded to --record-size bytes, keyed "key-<id>", spread round-robin over the partitions, with
// the record timestamp --start-ts + id * --ts-step-ms (so tests can aim at time buckets).
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <thread>

namespace {

struct KafkaDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Kafka = std::unique_ptr<rd_kafka_t, KafkaDeleter>;

// Records the broker refused (a delivery report with an error): the run must fail, not print a
// count of records that are not there.
long long g_failed_deliveries = 0;
std::string g_first_delivery_error;

void on_delivery(rd_kafka_t*, const rd_kafka_message_t* m, void*) {
  if (m->err == RD_KAFKA_RESP_ERR_NO_ERROR) return;
  if (g_failed_deliveries++ == 0) g_first_delivery_error = rd_kafka_err2str(m->err);
}

Kafka make_client(rd_kafka_type_t type, const std::string& bootstrap) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (type == RD_KAFKA_PRODUCER) rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
  char err[512];
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof(err));
  if (type == RD_KAFKA_PRODUCER) {
    rd_kafka_conf_set(conf, "linger.ms", "20", err, sizeof(err));
    rd_kafka_conf_set(conf, "batch.size", "1000000", err, sizeof(err));
    rd_kafka_conf_set(conf, "compression.type", "lz4", err, sizeof(err));
    rd_kafka_conf_set(conf, "queue.buffering.max.kbytes", "1048576", err, sizeof(err));
  }
  rd_kafka_t* rk = rd_kafka_new(type, conf, err, sizeof(err));
  if (rk == nullptr) {
    std::fprintf(stderr, "sluice_loadgen: %s\n", err);
    std::exit(1);
  }
  return Kafka(rk);
}

bool create_topic(rd_kafka_t* rk, const std::string& topic, int partitions) {
  char err[512];
  rd_kafka_NewTopic_t* nt = rd_kafka_NewTopic_new(topic.c_str(), partitions, 1, err, sizeof(err));
  rd_kafka_queue_t* q = rd_kafka_queue_new(rk);
  rd_kafka_CreateTopics(rk, &nt, 1, nullptr, q);
  rd_kafka_event_t* ev = rd_kafka_queue_poll(q, 30000);
  bool ok = false;
  if (ev != nullptr) {
    const rd_kafka_CreateTopics_result_t* res = rd_kafka_event_CreateTopics_result(ev);
    size_t n = 0;
    const rd_kafka_topic_result_t** results = rd_kafka_CreateTopics_result_topics(res, &n);
    rd_kafka_resp_err_t e = n > 0 ? rd_kafka_topic_result_error(results[0]) : rd_kafka_event_error(ev);
    ok = e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
    if (!ok) std::fprintf(stderr, "sluice_loadgen: create topic %s: %s\n", topic.c_str(), rd_kafka_err2str(e));
    rd_kafka_event_destroy(ev);
  }
  rd_kafka_queue_destroy(q);
  rd_kafka_NewTopic_destroy(nt);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Create a topic and produce JSON records into it"};
  std::string bootstrap = "127.0.0.1:9092", topic;
  int partitions = 3;
  long long count = 1000, start_ts = -1, ts_step_ms = 1;
  int record_size = 200;
  app.add_option("--bootstrap-servers", bootstrap);
  app.add_option("--topic", topic)->required();
  app.add_option("--partitions", partitions, "Partitions when the topic is created");
  app.add_option("--count", count, "Records to produce");
  app.add_option("--record-size", record_size, "Approximate bytes per record value");
  app.add_option("--start-ts", start_ts, "Timestamp of record 0 in ms (default: now)");
  app.add_option("--ts-step-ms", ts_step_ms, "Timestamp increment per record");
  CLI11_PARSE(app, argc, argv);

  Kafka producer = make_client(RD_KAFKA_PRODUCER, bootstrap);
  if (!create_topic(producer.get(), topic, partitions)) return 1;
  if (start_ts < 0) {
    start_ts = std::chrono::duration_cast<std::chrono::milliseconds>(
                   std::chrono::system_clock::now().time_since_epoch())
                   .count();
  }
  std::string value, key;
  auto started = std::chrono::steady_clock::now();
  for (long long i = 0; i < count; ++i) {
    long long ts = start_ts + i * ts_step_ms;
    value = "{\"id\":" + std::to_string(i) + ",\"ts\":" + std::to_string(ts) + ",\"user\":\"user-" +
            std::to_string(i % 100) + "\",\"amount\":" + std::to_string(i % 1000) + ".5,\"pad\":\"";
    if (static_cast<int>(value.size()) + 2 < record_size) value.append(record_size - value.size() - 2, 'x');
    value += "\"}";
    key = "key-" + std::to_string(i);
    for (;;) {
      rd_kafka_resp_err_t err = rd_kafka_producev(
          producer.get(), RD_KAFKA_V_TOPIC(topic.c_str()),
          RD_KAFKA_V_PARTITION(static_cast<int32_t>(i % partitions)),
          RD_KAFKA_V_VALUE(value.data(), value.size()), RD_KAFKA_V_KEY(key.data(), key.size()),
          RD_KAFKA_V_TIMESTAMP(ts), RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
      if (err == RD_KAFKA_RESP_ERR__QUEUE_FULL) {
        rd_kafka_poll(producer.get(), 50);
        continue;
      }
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
        std::fprintf(stderr, "sluice_loadgen: produce: %s\n", rd_kafka_err2str(err));
        return 1;
      }
      break;
    }
    rd_kafka_poll(producer.get(), 0);
  }
  if (rd_kafka_flush(producer.get(), 120000) != RD_KAFKA_RESP_ERR_NO_ERROR) {
    std::fprintf(stderr, "sluice_loadgen: flush timed out\n");
    return 1;
  }
  if (g_failed_deliveries > 0) {
    std::fprintf(stderr, "sluice_loadgen: %lld of %lld records were not delivered (first error: %s)\n",
                 g_failed_deliveries, count, g_first_delivery_error.c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("produced %lld records to %s in %.2fs\n", count, topic.c_str(), secs);
  return 0;
}
