// InsertField$Key/$Value against Apache Kafka 4.4.0: every expected value below was produced by
// running Kafka's own InsertField on the same input (cases/insert_field.cases, cases/README.md).
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"InsertField$Value",
     "topic.field=t;partition.field=p!;offset.field=o;timestamp.field=ts;static.field=s;static."
     "value=v",
     false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"n\",\"version\":3,\"doc\":\"d\",\"parameters\":{"
     "\"k\":\"v\"},\"optional\":true,\"fields\":[{\"field\":\"a\",\"type\":\"int32\",\"optional\":"
     "true,\"default\":7}]},\"payload\":{\"a\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,"
     "\"default\":7,\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"field\":\"t\"},{"
     "\"type\":\"int32\",\"optional\":false,\"field\":\"p\"},{\"type\":\"int64\",\"optional\":true,"
     "\"field\":\"o\"},{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect."
     "data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":\"string\",\"optional\":true,"
     "\"field\":\"s\"}],\"optional\":false,\"name\":\"n\",\"version\":3,\"doc\":\"d\","
     "\"parameters\":{\"k\":\"v\"}},\"payload\":{\"a\":7,\"t\":\"topic1\",\"p\":2,\"o\":42,\"ts\":"
     "1700000000123,\"s\":\"v\"}}"},
    {"InsertField$Value", "topic.field=t;replace.null.with.default=false", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int32\","
     "\"optional\":true,\"default\":7}]},\"payload\":{\"a\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,"
     "\"default\":7,\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"field\":\"t\"}],"
     "\"optional\":false},\"payload\":{\"a\":7,\"t\":\"topic1\"}}"},
    {"InsertField$Key",
     "topic.field=t!;partition.field=p?;offset.field=o!;timestamp.field=ts!;static.field=s!;static."
     "value=hello",
     true, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"string\"}]},"
     "\"payload\":{\"a\":\"x\"}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"a\"},{\"type\":\"string\",\"optional\":false,\"field\":\"t\"},{\"type\":"
     "\"int32\",\"optional\":true,\"field\":\"p\"},{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"o\"},{\"type\":\"int64\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"}],\"optional\":false},\"payload\":{\"a\":\"x\",\"t\":\"topic1\",\"p\":2,"
     "\"o\":42,\"ts\":1700000000123,\"s\":\"hello\"}}"},
    {"InsertField$Key",
     "topic.field=t;partition.field=p;offset.field=o;timestamp.field=ts;static.field=s;static."
     "value=v",
     true, false, "{\"a\":1,\"b\":{\"c\":[1,2]},\"zz\":null}",
     "{\"schema\":null,\"payload\":{\"zz\":null,\"p\":2,\"a\":1,\"b\":{\"c\":[1,2]},\"s\":\"v\","
     "\"t\":\"topic1\",\"o\":42,\"ts\":1700000000123}}"},
    {"InsertField$Value", "topic.field=a", false, false, "{\"a\":1,\"b\":2}",
     "{\"schema\":null,\"payload\":{\"a\":\"topic1\",\"b\":2}}"},
    {"InsertField$Value", "static.field=s;static.value=v", false, false, "{\"a\":1}",
     "{\"schema\":null,\"payload\":{\"a\":1,\"s\":\"v\"}}"},
    {"InsertField$Value", "topic.field=t", false, false, "null", "null"},
    {"InsertField$Value", "topic.field=t", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"}]},\"payload\":null}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"}],\"optional\":true},\"payload\":null}"},
    {"InsertField$Value", "topic.field=t", false, false, "\"x\"",
     "ERROR Only Map objects supported in absence of schema for [field insertion], found: "
     "java.lang.String"},
    {"InsertField$Value", "topic.field=t", false, false, "[1,2]",
     "ERROR Only Map objects supported in absence of schema for [field insertion], found: "
     "java.util.ArrayList"},
    {"InsertField$Value", "topic.field=t", false, true,
     "{\"schema\":{\"type\":\"string\"},\"payload\":\"x\"}",
     "ERROR Only Struct objects supported for [field insertion], found: java.lang.String"},
    {"InsertField$Value", "topic.field=t", false, true,
     "{\"schema\":{\"type\":\"int8\"},\"payload\":3}",
     "ERROR Only Struct objects supported for [field insertion], found: java.lang.Byte"},
    {"InsertField$Value", "topic.field=a", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int32\"}]},"
     "\"payload\":{\"a\":1}}",
     "ERROR Cannot create field because of field name duplication a"},
    {"InsertField$Value", "", false, false, "{\"a\":1}", "CONFIG No field insertion configured"},
};

TEST(InsertFieldTest, MatchesKafka) {
  expect_recorded(kCases);
}

TEST(InsertFieldTest, StaticFieldWithoutValueIsAConfigError) {
  Harness h;
  EXPECT_EQ(
      h.make("org.apache.kafka.connect.transforms.InsertField$Value", {{"static.field", "s"}}),
      nullptr);
  // Kafka ends the message with the spec object's identity (InsertionSpec@4a883b15); sluice names
  // the field instead.
  EXPECT_EQ(h.first_problem(),
            "Invalid value null for configuration static.value: No value specified for static "
            "field: s");
}

TEST(InsertFieldTest, DerivedSchemaIsCachedPerInputSchema) {
  Harness h;
  auto t = h.make("org.apache.kafka.connect.transforms.InsertField$Value", {{"topic.field", "t"}});
  ASSERT_NE(t, nullptr);
  const char* input =
      R"({"schema":{"type":"struct","fields":[{"field":"a","type":"int32"}]},"payload":{"a":1}})";
  // One converter decodes both records, so they share the input schema.
  connect::SinkRecord first = h.record(false, true, input);
  connect::SinkRecord second = first;
  TransformContext context{h.arena()};
  ASSERT_TRUE(t->apply(first, context).ok());
  ASSERT_TRUE(t->apply(second, context).ok());
  EXPECT_EQ(first.value_schema.get(), second.value_schema.get());
}

}  // namespace
}  // namespace sluice::transforms::testing
