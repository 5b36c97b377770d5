// HeaderFrom$Key/$Value against Apache Kafka 4.4.0: every expected value below was produced by
// running Kafka's own HeaderFrom on the same input (cases/header_from.cases, cases/README.md).
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"HeaderFrom$Value", "fields=a,b,c;headers=ha,hb,hc;operation=move", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"n\",\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"},{\"field\":\"b\",\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},{"
     "\"field\":\"c\",\"type\":\"struct\",\"fields\":[{\"field\":\"x\",\"type\":\"int32\"}]}]},"
     "\"payload\":{\"a\":1,\"b\":null,\"c\":{\"x\":2}}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[],\"optional\":false,\"name\":\"n\"},"
     "\"payload\":{}} HEADER ha={\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1} "
     "HEADER "
     "hb={\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},\"payload\":\"bd\"}"
     " HEADER "
     "hc={\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"x\"}],\"optional\":false},\"payload\":{\"x\":2}}",
     "headers"},
    {"HeaderFrom$Value", "fields=a,b;headers=ha,hb;operation=copy;replace.null.with.default=false",
     false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"n\",\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"},{\"field\":\"b\",\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},{"
     "\"field\":\"c\",\"type\":\"struct\",\"fields\":[{\"field\":\"x\",\"type\":\"int32\"}]}]},"
     "\"payload\":{\"a\":1,\"b\":null,\"c\":{\"x\":2}}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"default\":\"bd\",\"field\":\"b\"},{"
     "\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"x\"}],"
     "\"optional\":false,\"field\":\"c\"}],\"optional\":false,\"name\":\"n\"},\"payload\":{\"a\":1,"
     "\"b\":\"bd\",\"c\":{\"x\":2}}} HEADER "
     "ha={\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1} HEADER "
     "hb={\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},\"payload\":"
     "\"bd\"}",
     "headers"},
    {"HeaderFrom$Value", "fields=b,a;headers=h,h;operation=move;replace.null.with.default=false",
     false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"n\",\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"},{\"field\":\"b\",\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},{"
     "\"field\":\"c\",\"type\":\"struct\",\"fields\":[{\"field\":\"x\",\"type\":\"int32\"}]}]},"
     "\"payload\":{\"a\":1,\"b\":null,\"c\":{\"x\":2}}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":[{\"type\":"
     "\"int32\",\"optional\":false,\"field\":\"x\"}],\"optional\":false,\"field\":\"c\"}],"
     "\"optional\":false,\"name\":\"n\"},\"payload\":{\"c\":{\"x\":2}}} HEADER "
     "h={\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},\"payload\":\"bd\"} "
     "HEADER h={\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1}",
     "headers"},
    {"HeaderFrom$Value", "fields=a;headers=h;operation=copy", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"n\",\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"},{\"field\":\"b\",\"type\":\"string\",\"optional\":true,\"default\":\"bd\"},{"
     "\"field\":\"c\",\"type\":\"struct\",\"fields\":[{\"field\":\"x\",\"type\":\"int32\"}]}]},"
     "\"payload\":{\"a\":1,\"b\":null,\"c\":{\"x\":2}}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"default\":\"bd\",\"field\":\"b\"},{"
     "\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"field\":\"x\"}],"
     "\"optional\":false,\"field\":\"c\"}],\"optional\":false,\"name\":\"n\"},\"payload\":{\"a\":1,"
     "\"b\":\"bd\",\"c\":{\"x\":2}}} HEADER "
     "h={\"schema\":{\"type\":\"int32\",\"optional\":false},\"payload\":1}",
     "headers"},
    {"HeaderFrom$Key", "fields=a,zz,c;headers=ha,hz,hc;operation=move", true, false,
     "{\"a\":1,\"b\":\"x\",\"c\":{\"d\":[1,2]},\"e\":null}",
     "{\"schema\":null,\"payload\":{\"b\":\"x\",\"e\":null}} HEADER "
     "ha={\"schema\":null,\"payload\":1} HEADER hz=null HEADER "
     "hc={\"schema\":null,\"payload\":{\"d\":[1,2]}}",
     "headers"},
    {"HeaderFrom$Key", "fields=a,b;headers=h1,h2;operation=copy", true, false,
     "{\"a\":1,\"b\":\"x\",\"c\":{\"d\":[1,2]},\"e\":null}",
     "{\"schema\":null,\"payload\":{\"a\":1,\"b\":\"x\",\"c\":{\"d\":[1,2]},\"e\":null}} HEADER "
     "h1={\"schema\":null,\"payload\":1} HEADER h2={\"schema\":null,\"payload\":\"x\"}",
     "headers"},
    {"HeaderFrom$Value", "fields=a;headers=h;operation=move", false, false, "\"x\"",
     "ERROR Only Map objects supported in absence of schema for [header move], found: "
     "java.lang.String",
     "headers"},
    {"HeaderFrom$Value", "fields=a;headers=h;operation=copy", false, false, "null",
     "ERROR Only Map objects supported in absence of schema for [header copy], found: null",
     "headers"},
    {"HeaderFrom$Value", "fields=a;headers=h;operation=copy", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"}]},\"payload\":null}",
     "ERROR Only Struct objects supported for [header copy], found: null", "headers"},
};

TEST(HeaderFromTest, MatchesKafka) {
  expect_recorded(kCases);
}

TEST(HeaderFromTest, MissingStructFieldFailsAsKafkasNullPointerException) {
  Harness h;
  auto t = h.make("org.apache.kafka.connect.transforms.HeaderFrom$Value",
                  {{"fields", "zz"}, {"headers", "hz"}, {"operation", "copy"}});
  ASSERT_NE(t, nullptr);
  connect::SinkRecord r = h.record(
      false, true,
      R"({"schema":{"type":"struct","fields":[{"field":"a","type":"int32"}]},"payload":{"a":1}})");
  TransformContext context{h.arena()};
  Result<Disposition> result = t->apply(r, context);
  ASSERT_FALSE(result.ok());
  // Kafka 4.4.0 (JDK 17's helpful NullPointerException message).
  EXPECT_EQ(result.status().message(),
            "Cannot invoke \"org.apache.kafka.connect.data.Field.schema()\" because the return "
            "value of \"org.apache.kafka.connect.data.Schema.field(String)\" is null");
  EXPECT_EQ(context.failure_class, "java.lang.NullPointerException");
}

TEST(HeaderFromTest, ConfigProblems) {
  Harness h;
  // Kafka 4.4.0's configure() messages.
  EXPECT_EQ(h.make("org.apache.kafka.connect.transforms.HeaderFrom$Value",
                   {{"fields", "a"}, {"headers", "b,c"}, {"operation", "move"}}),
            nullptr);
  EXPECT_EQ(h.first_problem(),
            "'fields' config must have the same number of elements as 'headers' config.");
  EXPECT_EQ(h.make("org.apache.kafka.connect.transforms.HeaderFrom$Value",
                   {{"fields", ""}, {"headers", ""}, {"operation", "move"}}),
            nullptr);
  EXPECT_EQ(h.first_problem(), "Invalid value [] for configuration fields: Empty list");
  EXPECT_EQ(h.make("org.apache.kafka.connect.transforms.HeaderFrom$Value",
                   {{"fields", "a"}, {"headers", "b"}, {"operation", "Move"}}),
            nullptr);
  EXPECT_EQ(h.first_problem(),
            "Invalid value 'Move' for configuration operation: String must be one of: move, copy");
}

}  // namespace
}  // namespace sluice::transforms::testing
