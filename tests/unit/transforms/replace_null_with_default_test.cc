// replace.null.with.default (KIP-1040) on the field transforms that copy struct fields: true reads
// a null field as its schema's default (Struct.get), false keeps the null (getWithoutDefault).
// Kafka's JsonConverter writes a field's default for a null anyway, so the recorded JSON cases
// cannot tell the two apart; these expectations come from a Java run of Kafka 4.4.0's transforms
// printing Struct.getWithoutDefault("a") of the result (a: optional int32, default 7, value null).
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

struct Case {
  const char* class_name;
  std::map<std::string, std::string> params;
};

TEST(ReplaceNullWithDefaultTest, TrueReadsTheDefaultFalseKeepsTheNull) {
  const Case cases[] = {
      {"ReplaceField$Value", {{"renames", "b:c"}}},
      {"InsertField$Value", {{"static.field", "z"}, {"static.value", "q"}}},
      {"MaskField$Value", {{"fields", "b"}}},
      {"Cast$Value", {{"spec", "a:string"}}},
      {"SetSchemaMetadata$Value", {{"schema.name", "n"}}},
      {"HeaderFrom$Value", {{"fields", "b"}, {"headers", "h"}, {"operation", "move"}}},
  };
  for (const Case& c : cases) {
    for (bool replace : {true, false}) {
      SCOPED_TRACE(std::string(c.class_name) + (replace ? " true" : " false"));
      Harness h;
      std::map<std::string, std::string> params = c.params;
      params["replace.null.with.default"] = replace ? "true" : "false";
      auto t = h.make(std::string("org.apache.kafka.connect.transforms.") + c.class_name, params);
      ASSERT_NE(t, nullptr) << h.first_problem();
      connect::SinkRecord r = h.record(
          false, true,
          R"({"schema":{"type":"struct","fields":[{"field":"a","type":"int32","optional":true,"default":7},)"
          R"({"field":"b","type":"int32"}]},"payload":{"a":null,"b":1}})");
      // JsonConverter already reads a null field with a default as the default; put the null
      // back, as a struct built in Java with put("b", 1) only holds it.
      std::span<connect::Value> items = h.arena().allocate_array<connect::Value>(2);
      items[0] = connect::Value::null();
      items[1] = r.value.items()[1];
      r.value = connect::Value::structure(r.value.struct_schema(), items);
      TransformContext context{h.arena()};
      ASSERT_TRUE(t->apply(r, context).ok());
      const connect::Value* a = r.value.struct_field("a");
      ASSERT_NE(a, nullptr);
      if (!replace) {
        EXPECT_TRUE(a->is_null());
      } else if (std::string_view(c.class_name) == "Cast$Value") {
        EXPECT_EQ(a->as_text(), "7");  // the default, then cast
      } else {
        EXPECT_EQ(a->as_int(), 7);
      }
    }
  }
}

}  // namespace
}  // namespace sluice::transforms::testing
