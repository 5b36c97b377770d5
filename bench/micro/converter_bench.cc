// Micro benchmarks of the connect converters on the hot path: JsonConverter decoding a ~1 KB
// object without schemas (the common S3-sink setup), the same with an envelope whose schema is
// cached, and SimpleHeaderConverter on a typical header.
#include <benchmark/benchmark.h>

#include <string>

#include "connect/json_converter.h"
#include "connect/simple_header_converter.h"

namespace sluice::connect {
namespace {

// A ~1 KB order event: strings, integers, decimals, a nested object and an array.
std::string order_json() {
  std::string json =
      R"({"order_id":"ord-2024-000123456","customer":{"id":987654321,"name":"Jane Q. Public",)"
      R"("email":"jane.public@example.com","tier":"gold","since":"2019-04-01"},)"
      R"("created_at":1700000000123,"currency":"EUR","total":1234.56,"tax":234.56,)"
      R"("shipping":{"method":"express","address":{"street":"1 Infinite Loop",)"
      R"("city":"Cupertino","zip":"95014","country":"US"},"cost":12.5},"items":[)";
  for (int i = 0; i < 6; ++i) {
    if (i > 0) json += ",";
    json += R"({"sku":"SKU-)" + std::to_string(100000 + i) + R"(","qty":)" + std::to_string(i + 1) +
            R"(,"price":)" + std::to_string(19.99 + i) + R"(,"gift":)" +
            (i % 2 ? "true" : "false") + "}";
  }
  json += R"(],"notes":"leave at the door \u2014 thanks","flags":["priority","fragile"]})";
  return json;
}

void BM_JsonSchemalessDecode1KB(benchmark::State& state) {
  JsonConverter converter(JsonConverterConfig{.schemas_enable = false});
  const std::string json = order_json();
  Arena arena;
  SchemaAndValue out;
  int in_batch = 0;
  for (auto _ : state) {
    Status st = converter.to_connect("orders", json, arena, out);
    benchmark::DoNotOptimize(st);
    benchmark::DoNotOptimize(out.value);
    if (++in_batch == 500) {  // the task resets its arena once per batch
      arena.reset();
      in_batch = 0;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
  state.counters["bytes_per_record"] = static_cast<double>(json.size());
}
BENCHMARK(BM_JsonSchemalessDecode1KB);

void BM_JsonEnvelopeDecodeCachedSchema(benchmark::State& state) {
  JsonConverter converter;
  const std::string json =
      R"({"schema":{"type":"struct","name":"Order","fields":[)"
      R"({"type":"string","optional":false,"field":"order_id"},)"
      R"({"type":"int64","optional":false,"field":"customer_id"},)"
      R"({"type":"bytes","optional":true,"name":"org.apache.kafka.connect.data.Decimal","version":1,)"
      R"("parameters":{"scale":"2"},"field":"total"},)"
      R"({"type":"int64","optional":false,"name":"org.apache.kafka.connect.data.Timestamp","version":1,"field":"ts"},)"
      R"({"type":"array","items":{"type":"string"},"optional":true,"field":"tags"}],"optional":false},)"
      R"("payload":{"order_id":"ord-1","customer_id":42,"total":"AN0=","ts":1700000000000,"tags":["a","b"]}})";
  Arena arena;
  SchemaAndValue out;
  int in_batch = 0;
  for (auto _ : state) {
    Status st = converter.to_connect("orders", json, arena, out);
    benchmark::DoNotOptimize(st);
    if (++in_batch == 500) {
      arena.reset();
      in_batch = 0;
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * json.size()));
}
BENCHMARK(BM_JsonEnvelopeDecodeCachedSchema);

void BM_SimpleHeaderConverter(benchmark::State& state) {
  SimpleHeaderConverter converter;
  Arena arena;
  SchemaAndValue out;
  int in_batch = 0;
  for (auto _ : state) {
    for (std::string_view header :
         {"3f2a9c1e-0d4b-4e8a-9f6a-1b2c3d4e5f60", "42", "2024-01-02T10:15:30.123Z"}) {
      Status st = converter.to_connect_header("orders", "h", header, arena, out);
      benchmark::DoNotOptimize(st);
    }
    if (++in_batch == 500) {
      arena.reset();
      in_batch = 0;
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * 3));
}
BENCHMARK(BM_SimpleHeaderConverter);

}  // namespace
}  // namespace sluice::connect
