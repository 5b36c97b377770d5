// The per-record contract of transformation.h: once warm, a chain allocates nothing on the heap
// per record (new topics and header arrays go to the batch Arena, buffers are reused). Counted
// with the replaced global operator new of counting_new.h; PCRE2 allocates with malloc, outside
// this count, and reuses its match data.
#include <gtest/gtest.h>

#include "counting_new.h"
#include "transform_test_support.h"

namespace sluice::transforms {
namespace {

using testing::make_record;
using testing::must_build;
using testing::predicate;
using testing::transform;

TEST(TransformAllocationTest, WarmChainAllocatesNothingPerRecord) {
  auto chain = must_build(
      {transform("route", "RegexRouter", {{"regex", "(.*)-raw"}, {"replacement", "$1"}}),
       transform("ts", "TimestampRouter",
                 {{"topic.format", "${topic}-${timestamp}"}, {"timestamp.format", "yyyy-MM-dd"}},
                 "hasId"),
       transform("tag", "InsertHeader", {{"header", "source"}, {"value.literal", "42"}}),
       transform("drop", "DropHeaders", {{"headers", "secret"}}),
       transform("skipEu", "Filter", {}, "isEu")},
      {predicate("hasId", "HasHeaderKey", {{"name", "id"}}),
       predicate("isEu", "TopicNameMatches", {{"pattern", ".*-eu-.*"}})});
  ASSERT_NE(chain, nullptr);
  // The records are made before counting, in an arena of their own; the chain runs on copies of
  // them with a batch arena reset per batch, as a task does.
  connect::Arena record_arena;
  connect::Arena arena;
  std::vector<connect::SinkRecord> records;
  for (const char* topic :
       {"orders-of-the-day-raw", "orders-of-the-day-eu-raw", "payments-of-the-day"}) {
    records.push_back(make_record(record_arena, topic, "v", {{"id", "1"}, {"secret", "s"}}));
  }
  auto run_batch = [&] {
    arena.reset();
    for (int i = 0; i < 100; ++i) {
      connect::SinkRecord r = records[i % records.size()];
      r.timestamp = 1700000000123 + i * 86'400'000LL;
      TransformContext context{arena};
      ASSERT_TRUE(chain->apply(r, context).ok());
    }
  };
  run_batch();  // warms the reused buffers and the arena's blocks
  sluice::testing::g_allocations = 0;
  sluice::testing::g_counting = true;
  for (int batch = 0; batch < 10; ++batch) run_batch();
  sluice::testing::g_counting = false;
  EXPECT_EQ(sluice::testing::g_allocations, 0u);
}

}  // namespace
}  // namespace sluice::transforms
