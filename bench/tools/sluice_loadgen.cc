// sluice_loadgen: creates a topic and fills it with JSON records, for the quickstart, the
// integration tests and the benchmarks. Records look like
//   {"id":123,"ts":1700000000000,"user":"user-17","amount":12.5,"pad":"xxxx..."}
// padded to --record-size bytes, keyed "key-<id>", spread round-robin over the partitions, with
// the record timestamp --start-ts + id * --ts-step-ms (so tests can aim at time buckets).
//
// With --value-format avro the values are the same fields in Confluent's wire format instead
// (magic byte 0, the 4-byte schema id given by --avro-schema-id, then the Avro binary datum of
// the record schema --print-avro-schema prints), padded to exactly --record-size bytes too. The
// caller registers that schema (e.g. under <topic>-value) and passes the id the registry gave.
//
// With --value-format json-schema the values are JsonConverter envelopes (schemas.enable=true):
// {"schema":<the same fields as a Connect struct>,"payload":{...}}, padded to --record-size too.
// --random-pad fills the JSON pads with letters and digits drawn from a generator seeded by the
// record's id (the same topic every time) instead of 'x', for data that does not compress.
#include <librdkafka/rdkafka.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <thread>

namespace {

// The schema of --value-format avro values; fields in the order encode_avro_value writes them.
constexpr const char* kAvroSchema =
    R"({"type":"record","name":"LoadgenRecord","namespace":"sluice.bench","fields":[)"
    R"({"name":"id","type":"long"},{"name":"ts","type":"long"},{"name":"user","type":"string"},)"
    R"({"name":"amount","type":"double"},{"name":"pad","type":"string"}]})";

// The Connect schema of --value-format json-schema values, in JsonConverter's envelope form.
constexpr const char* kJsonSchemaEnvelope =
    R"({"schema":{"type":"struct","name":"sluice.bench.LoadgenRecord","optional":false,"fields":[)"
    R"({"field":"id","type":"int64","optional":false},{"field":"ts","type":"int64","optional":false},)"
    R"({"field":"user","type":"string","optional":false},)"
    R"({"field":"amount","type":"double","optional":false},)"
    R"({"field":"pad","type":"string","optional":false}]},"payload":)";

// Appends `n` pad characters: 'x', or letters and digits from a xorshift generator seeded by `id`.
void append_pad(std::string& out, size_t n, bool random, long long id) {
  if (!random) {
    out.append(n, 'x');
    return;
  }
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  uint64_t state = static_cast<uint64_t>(id) * 0x9E3779B97F4A7C15ull + 1;
  for (size_t i = 0; i < n; ++i) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    out.push_back(kChars[state % 62]);
  }
}

void append_varint(std::string& out, int64_t value) {
  uint64_t n = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  while (n >= 0x80) {
    out.push_back(static_cast<char>((n & 0x7f) | 0x80));
    n >>= 7;
  }
  out.push_back(static_cast<char>(n));
}

size_t varint_size(int64_t value) {
  uint64_t n = (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
  size_t size = 1;
  for (; n >= 0x80; n >>= 7) ++size;
  return size;
}

// Confluent wire format: 0, the schema id (big-endian), the datum; `pad` 'x' bytes make the value
// record_size bytes long whenever the other fields leave room.
void encode_avro_value(std::string& out, int32_t schema_id, long long id, long long ts,
                       int record_size) {
  out.assign(1, '\0');
  for (int shift = 24; shift >= 0; shift -= 8) {
    out.push_back(static_cast<char>((static_cast<uint32_t>(schema_id) >> shift) & 0xff));
  }
  append_varint(out, id);
  append_varint(out, ts);
  std::string user = "user-" + std::to_string(id % 100);
  append_varint(out, static_cast<int64_t>(user.size()));
  out += user;
  double amount = static_cast<double>(id % 1000) + 0.5;
  char bits[8];
  std::memcpy(bits, &amount, sizeof(bits));  // little-endian, as Avro's double
  out.append(bits, sizeof(bits));
  // The pad's length prefix grows with it: take the longest pad that still fits.
  long long room = record_size - static_cast<long long>(out.size());
  long long pad = room > 1 ? room - 1 : 0;
  while (pad > 0 && static_cast<long long>(varint_size(pad)) + pad > room) --pad;
  append_varint(out, pad);
  out.append(static_cast<size_t>(pad), 'x');
}

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
    rd_kafka_resp_err_t e =
        n > 0 ? rd_kafka_topic_result_error(results[0]) : rd_kafka_event_error(ev);
    ok = e == RD_KAFKA_RESP_ERR_NO_ERROR || e == RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS;
    if (!ok)
      std::fprintf(stderr, "sluice_loadgen: create topic %s: %s\n", topic.c_str(),
                   rd_kafka_err2str(e));
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
  app.add_option("--topic", topic);
  app.add_option("--partitions", partitions, "Partitions when the topic is created");
  app.add_option("--count", count, "Records to produce");
  app.add_option("--record-size", record_size, "Approximate bytes per record value");
  app.add_option("--start-ts", start_ts, "Timestamp of record 0 in ms (default: now)");
  app.add_option("--ts-step-ms", ts_step_ms, "Timestamp increment per record");
  std::string value_format = "json";
  int avro_schema_id = -1;
  bool print_avro_schema = false;
  app.add_option("--value-format", value_format,
                 "json, avro (Confluent wire format) or json-schema (JsonConverter envelopes)")
      ->check(CLI::IsMember({"json", "avro", "json-schema"}));
  app.add_option("--avro-schema-id", avro_schema_id,
                 "Schema id written in avro values (the registry's id of --print-avro-schema)");
  bool random_pad = false;
  app.add_flag("--random-pad", random_pad,
               "Pad JSON values with pseudo-random letters and digits instead of 'x'");
  app.add_flag("--print-avro-schema", print_avro_schema,
               "Print the Avro schema of avro values and exit");
  CLI11_PARSE(app, argc, argv);
  if (print_avro_schema) {
    std::printf("%s\n", kAvroSchema);
    return 0;
  }
  const bool avro = value_format == "avro";
  if (avro && avro_schema_id < 0) {
    std::fprintf(stderr, "sluice_loadgen: --value-format avro needs --avro-schema-id\n");
    return 2;
  }

  if (topic.empty()) {
    std::fprintf(stderr, "sluice_loadgen: --topic is required\n");
    return 2;
  }
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
    if (avro) {
      encode_avro_value(value, avro_schema_id, i, ts, record_size);
    } else {
      const bool envelope = value_format == "json-schema";
      value = envelope ? kJsonSchemaEnvelope : "";
      value += "{\"id\":" + std::to_string(i) + ",\"ts\":" + std::to_string(ts) +
               ",\"user\":\"user-" + std::to_string(i % 100) +
               "\",\"amount\":" + std::to_string(i % 1000) + ".5,\"pad\":\"";
      const size_t closing = envelope ? 3 : 2;
      if (value.size() + closing < static_cast<size_t>(record_size))
        append_pad(value, record_size - value.size() - closing, random_pad, i);
      value += envelope ? "\"}}" : "\"}";
    }
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
    std::fprintf(stderr,
                 "sluice_loadgen: %lld of %lld records were not delivered (first error: %s)\n",
                 g_failed_deliveries, count, g_first_delivery_error.c_str());
    return 1;
  }
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::printf("produced %lld records to %s in %.2fs\n", count, topic.c_str(), secs);
  return 0;
}
