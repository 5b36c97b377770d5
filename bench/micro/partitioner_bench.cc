// Cost of encoding one record's partition with the time-based partitioners (the per-record hot
// path of a time-partitioned connector): bucket arithmetic plus Joda pattern formatting.
#include <benchmark/benchmark.h>

#include <string>

#include "sink/partitioner.h"

namespace {

using sluice::sink::PartitionerKind;
using sluice::sink::PartitionerOptions;

void run(benchmark::State& state, PartitionerOptions options) {
  auto partitioner = sluice::sink::make_partitioner(options).value();
  sluice::connect::SinkRecord record;
  record.topic = "clicks";
  std::string out;
  int64_t ts = 1715087106789;  // 2024-05-07T13:05Z
  for (auto _ : state) {
    out.clear();
    benchmark::DoNotOptimize(partitioner->encode_partition(record, ts, &out));
    ts += 997;  // a new instant per record, crossing hour boundaries now and then
  }
  state.SetItemsProcessed(state.iterations());
}

void BM_HourlyUtc(benchmark::State& state) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kHourly;
  o.locale = "en";
  o.timezone = "UTC";
  run(state, o);
}
BENCHMARK(BM_HourlyUtc);

void BM_HourlyBerlin(benchmark::State& state) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kHourly;
  o.locale = "en";
  o.timezone = "Europe/Berlin";
  run(state, o);
}
BENCHMARK(BM_HourlyBerlin);

void BM_TimeBasedTextPattern(benchmark::State& state) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kTimeBased;
  o.partition_duration_ms = 15 * 60 * 1000;
  o.path_format = "'dt'=yyyy-MM-dd/'hour'=HH/'min'=mm/EEE-MMM";
  o.locale = "fr";
  o.timezone = "America/New_York";
  run(state, o);
}
BENCHMARK(BM_TimeBasedTextPattern);

}  // namespace
