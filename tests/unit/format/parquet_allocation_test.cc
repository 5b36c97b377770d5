// The hot-path contract of ParquetRecordWriter: once its buffers have grown, writing a record
// (Avro encoding, shredding into the column writers, dictionary look-ups) allocates nothing on the
// heap. What does allocate is per page or per row group (a page's compressed copy, the chunk's
// growth), so the test counts allocations over many records and allows only a few per page.
// Counted with the replaced global operator new of counting_new.h.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "counting_new.h"
#include "format/parquet_record_writer.h"
#include "format/string_byte_sink.h"
#include "format_test_support.h"

namespace sluice::format {
namespace {

using sluice::testing::g_allocations;
using sluice::testing::g_counting;

using namespace testing;  // NOLINT: the schema and value helpers

// Records of the shape the benchmark writes (strings, numbers, an optional field, a list and a
// map), with values that vary so the dictionary and the plain fallback both see work.
class ParquetAllocationTest : public ::testing::TestWithParam<bool> {};

TEST_P(ParquetAllocationTest, SteadyStateWritesAllocateOnlyPerPage) {
  const bool dictionary = GetParam();
  SchemaPtr schema =
      struct_of("bench.Row",
                {{"id", primitive(SchemaType::kInt64)},
                 {"name", primitive(SchemaType::kString)},
                 {"score", primitive(SchemaType::kFloat64, true)},
                 {"tags", array_of(primitive(SchemaType::kString))},
                 {"attrs", map_of(primitive(SchemaType::kString), primitive(SchemaType::kInt32))}});
  ParquetWriterOptions options;
  options.properties.codec = parquet::CompressionCodec::kSnappy;
  options.properties.dictionary = dictionary;
  options.data.enhanced_avro_schema_support = true;
  StringByteSink sink;
  ParquetRecordWriter writer(sink, options);
  connect::Arena arena;
  std::vector<std::string> names;  // 5,000 distinct strings, made before counting
  for (int i = 0; i < 5000; ++i) names.push_back("customer-" + std::to_string(i));
  const std::string tags[] = {"red", "green", "blue"};
  auto run = [&](int64_t from, int64_t count) {
    for (int64_t i = from; i < from + count; ++i) {
      arena.reset();
      Value row =
          record(arena, schema,
                 {Value::integer(i), Value::string(names[static_cast<size_t>(i % 5000)]),
                  i % 7 == 0 ? Value::null() : Value::float64(static_cast<double>(i) / 3),
                  list(arena, {Value::string(tags[i % 3]), Value::string(tags[(i + 1) % 3])}),
                  map(arena, {Value::string("a"), Value::integer(i % 100), Value::string("b"),
                              Value::integer(i % 13)})});
      connect::SinkRecord r;
      r.topic = "t";
      r.value_schema = schema;
      r.value = row;
      ASSERT_TRUE(writer.write(r, RecordView::kValue).ok());
    }
  };
  run(0, 50'000);  // warm up: scratch buffers, dictionaries, page buffers
  g_allocations = 0;
  g_counting = true;
  { std::vector<int> probe(10); }  // the counter sees allocations
  g_counting = false;
  ASSERT_EQ(g_allocations, 1u);

  // 100,000 records in chunks of 10,000: what allocates is per page (a page's header and
  // compressed copy, statistics, the chunk's growth), a few dozen per chunk; anything per record
  // would be at least 10,000.
  g_allocations = 0;
  g_counting = true;
  size_t worst_chunk = 0;
  for (int64_t chunk = 0; chunk < 10; ++chunk) {
    const size_t before = g_allocations;
    run(50'000 + chunk * 10'000, 10'000);
    worst_chunk = std::max(worst_chunk, g_allocations - before);
  }
  g_counting = false;
  EXPECT_LT(worst_chunk, 100u);  // under one allocation per 100 records
  EXPECT_LT(g_allocations, 1000u);
  ASSERT_TRUE(writer.close().ok());
}

INSTANTIATE_TEST_SUITE_P(Dictionary, ParquetAllocationTest, ::testing::Bool());

}  // namespace
}  // namespace sluice::format
