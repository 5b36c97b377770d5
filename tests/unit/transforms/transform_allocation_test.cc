// The per-record contract of transformation.h: once warm, a chain allocates nothing on the heap
// per record (new topics and header arrays go to the batch Arena, buffers are reused). Counted
// with the replaced global operator new of counting_new.h; PCRE2 allocates with malloc, outside
// this count, and reuses its match data.
#include <gtest/gtest.h>

#include "counting_new.h"
#include "field_transform_harness.h"
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

// The field transforms, each on the records it takes (with a schema and schemaless): once the
// derived schema is cached and the scratch space grown, a record costs no heap allocation.
TEST(TransformAllocationTest, WarmFieldTransformsAllocateNothingPerRecord) {
  const std::string with_schema =
      R"({"schema":{"type":"struct","name":"r","fields":[{"field":"id","type":"int64"},)"
      R"({"field":"s","type":"string","optional":true,"default":"d"},)"
      R"({"field":"ts","type":"int64","name":"org.apache.kafka.connect.data.Timestamp","version":1},)"
      R"({"field":"n","type":"struct","fields":[{"field":"x","type":"double"}]}]},)"
      R"("payload":{"id":7,"s":null,"ts":1700000000123,"n":{"x":1.5}}})";
  const std::string schemaless =
      R"({"id":7,"s":"str","ts":1700000000123,"n":{"x":1.5,"y":{"z":[1,2]}},"a":1,"b":2,"c":3})";
  struct Case {
    const char* class_name;
    std::map<std::string, std::string> params;
    bool key = false;
  };
  const Case cases[] = {
      {"InsertField$Value",
       {{"topic.field", "t"}, {"offset.field", "o"}, {"timestamp.field", "w"}}},
      {"ReplaceField$Value", {{"exclude", "s"}, {"renames", "id:ident"}}},
      {"MaskField$Value", {{"fields", "s,id"}}},
      {"MaskField$Value", {{"fields", "id"}, {"replacement", "12"}}},
      {"ValueToKey", {{"fields", "id,n"}}},
      {"HoistField$Value", {{"field", "wrapped"}}},
      {"ExtractField$Value", {{"field", "n.x"}, {"field.syntax.version", "V2"}}},
      {"SetSchemaMetadata$Value", {{"schema.name", "renamed"}}},
      {"Flatten$Value", {{"delimiter", "_"}}},
      {"Cast$Value", {{"spec", "id:string,ts:string"}}},
      {"HeaderFrom$Value", {{"fields", "id,s"}, {"headers", "h1,h2"}, {"operation", "move"}}},
      {"TimestampConverter$Value",
       {{"field", "ts"}, {"target.type", "string"}, {"format", "yyyy-MM-dd HH:mm:ss.SSS"}}},
  };
  for (const Case& c : cases) {
    for (bool schema : {true, false}) {
      // Schemaless inputs where the transform has no schemaless path are skipped.
      if (!schema && std::string_view(c.class_name) == "SetSchemaMetadata$Value") continue;
      SCOPED_TRACE(std::string(c.class_name) + (schema ? " with a schema" : " schemaless"));
      testing::Harness h;
      auto t = h.make(std::string("org.apache.kafka.connect.transforms.") + c.class_name, c.params);
      ASSERT_NE(t, nullptr) << h.first_problem();
      const connect::SinkRecord input = h.record(false, schema, schema ? with_schema : schemaless);
      connect::Arena arena;
      auto run_batch = [&] {
        arena.reset();
        for (int i = 0; i < 50; ++i) {
          connect::SinkRecord r = input;
          TransformContext context{arena};
          ASSERT_TRUE(t->apply(r, context).ok());
        }
      };
      run_batch();
      sluice::testing::g_allocations = 0;
      sluice::testing::g_counting = true;
      for (int batch = 0; batch < 5; ++batch) run_batch();
      sluice::testing::g_counting = false;
      EXPECT_EQ(sluice::testing::g_allocations, 0u);
    }
  }
}

}  // namespace
}  // namespace sluice::transforms
