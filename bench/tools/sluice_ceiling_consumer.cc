// sluice_ceiling_consumer: the benchmark's ceiling. A plain librdkafka consumer that reads a topic
// from the beginning to nowhere, in its own consumer group, until it has seen --records records;
// prints records, bytes and seconds. sluice cannot drain a topic faster than this on the same
// machine, so the benchmark reports sluice's figures as a ratio of these.
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <string>

int main(int argc, char** argv) {
  CLI::App app{"Read a topic to nowhere, as fast as librdkafka can"};
  std::string bootstrap = "127.0.0.1:9092", topic, group;
  long long records = 0;
  app.add_option("--bootstrap-servers", bootstrap);
  app.add_option("--topic", topic)->required();
  app.add_option("--group", group)->required();
  app.add_option("--records", records, "Stop after this many records")->required();
  CLI11_PARSE(app, argc, argv);

  char err[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", bootstrap.c_str(), err, sizeof(err));
  rd_kafka_conf_set(conf, "group.id", group.c_str(), err, sizeof(err));
  rd_kafka_conf_set(conf, "auto.offset.reset", "earliest", err, sizeof(err));
  rd_kafka_conf_set(conf, "enable.auto.commit", "false", err, sizeof(err));
  // The queue bound and refill delay sluice's consumer uses (kafka/client_config.cc).
  rd_kafka_conf_set(conf, "queued.max.messages.kbytes", "65536", err, sizeof(err));
  rd_kafka_conf_set(conf, "fetch.queue.backoff.ms", "100", err, sizeof(err));
  rd_kafka_t* rk = rd_kafka_new(RD_KAFKA_CONSUMER, conf, err, sizeof(err));
  if (rk == nullptr) {
    std::fprintf(stderr, "%s\n", err);
    return 1;
  }
  rd_kafka_poll_set_consumer(rk);
  rd_kafka_topic_partition_list_t* topics = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(topics, topic.c_str(), RD_KAFKA_PARTITION_UA);
  rd_kafka_subscribe(rk, topics);
  rd_kafka_topic_partition_list_destroy(topics);

  rd_kafka_queue_t* queue = rd_kafka_queue_get_consumer(rk);
  rd_kafka_message_t* batch[1000];
  long long seen = 0, bytes = 0;
  auto started = std::chrono::steady_clock::now();
  bool first = true;
  while (seen < records) {
    ssize_t n = rd_kafka_consume_batch_queue(queue, 1000, batch, 1000);
    for (ssize_t i = 0; i < n; ++i) {
      if (batch[i]->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
        if (first) {
          started = std::chrono::steady_clock::now();  // time the drain, not the group join
          first = false;
        }
        ++seen;
        bytes += static_cast<long long>(batch[i]->len + batch[i]->key_len);
      }
      rd_kafka_message_destroy(batch[i]);
    }
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("records=%lld bytes=%lld seconds=%.3f\n", seen, bytes, secs);
  rd_kafka_queue_destroy(queue);
  rd_kafka_consumer_close(rk);
  rd_kafka_destroy(rk);
  return 0;
}
