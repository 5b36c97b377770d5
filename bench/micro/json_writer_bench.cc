// JSON line encoding throughput: StringConverter values through JsonRecordWriter, with and without
// gzip, and a schemaless JSON object (HashMap ordering cost). Bytes counted are the value bytes
// handed to the writer, so MB/s compares with the input rate a task must sustain.
#include <benchmark/benchmark.h>

#include <string>
#include <vector>

#include "connect/schema.h"
#include "connect/sink_record.h"
#include "connect/value.h"
#include "format/byte_sink.h"
#include "format/json_record_writer.h"

namespace {

using sluice::connect::Schema;
using sluice::connect::SchemaType;
using sluice::connect::SinkRecord;
using sluice::connect::Value;
using sluice::format::ByteSink;
using sluice::format::CompressionType;
using sluice::format::FormatOptions;
using sluice::format::JsonRecordWriter;
using sluice::format::RecordView;

// Discards bytes; the part upload is not what is measured here.
class CountingSink final : public ByteSink {
 public:
  void append(std::string_view bytes) override { size_ += bytes.size(); }
  size_t size() const { return size_; }

 private:
  size_t size_ = 0;
};

std::vector<std::string> sample_values() {
  std::vector<std::string> values;
  for (int i = 0; i < 1024; ++i) {
    values.push_back("{\"order_id\":" + std::to_string(100000 + i) + ",\"customer\":\"customer-" +
                     std::to_string(i * 7919 % 5000) + "\",\"items\":[{\"sku\":\"SKU-" +
                     std::to_string(i % 97) + "\",\"qty\":" + std::to_string(1 + i % 5) +
                     "}],\"note\":\"caf\xC3\xA9 \\\"quoted\\\"\",\"total\":" +
                     std::to_string(10 + i % 300) + ".5}");
  }
  return values;
}

void run_string_values(benchmark::State& state, CompressionType compression) {
  std::vector<std::string> values = sample_values();
  std::vector<SinkRecord> records(values.size());
  size_t bytes_per_pass = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    records[i].value_schema = Schema::optional_string();
    records[i].value = Value::string(values[i]);
    bytes_per_pass += values[i].size();
  }
  FormatOptions options;
  options.compression = compression;
  int64_t passes = 0;
  for (auto _ : state) {
    CountingSink sink;
    auto writer = JsonRecordWriter::create(sink, options);
    for (const SinkRecord& r : records) {
      if (!(*writer)->write(r, RecordView::kValue).ok()) state.SkipWithError("write failed");
    }
    if (!(*writer)->close().ok()) state.SkipWithError("close failed");
    benchmark::DoNotOptimize(sink.size());
    ++passes;
  }
  state.SetBytesProcessed(passes * static_cast<int64_t>(bytes_per_pass));
  state.SetItemsProcessed(passes * static_cast<int64_t>(records.size()));
}

void BM_JsonLinesStringValues(benchmark::State& state) {
  run_string_values(state, CompressionType::kNone);
}
BENCHMARK(BM_JsonLinesStringValues);

void BM_JsonLinesStringValuesGzip(benchmark::State& state) {
  run_string_values(state, CompressionType::kGzip);
}
BENCHMARK(BM_JsonLinesStringValuesGzip);

// A 14-key schemaless object per record, re-emitted in java.util.HashMap order.
void BM_JsonLinesSchemalessMap(benchmark::State& state) {
  const char* keys[] = {"id",    "name",       "email",      "age",    "city",  "country", "zip",
                        "phone", "created_at", "updated_at", "active", "score", "tags",    "notes"};
  std::vector<Value> entries;
  for (int i = 0; i < 14; ++i) {
    entries.push_back(Value::string(keys[i]));
    entries.push_back(i % 2 == 0 ? Value::integer(i * 1000) : Value::string("some text value"));
  }
  SinkRecord record;
  record.value = Value::map(entries);
  FormatOptions options;
  CountingSink sink;
  auto writer = JsonRecordWriter::create(sink, options);
  for (auto _ : state) {
    if (!(*writer)->write(record, RecordView::kValue).ok()) state.SkipWithError("write failed");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(static_cast<int64_t>(sink.size()));
}
BENCHMARK(BM_JsonLinesSchemalessMap);

}  // namespace
