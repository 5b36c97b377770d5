// ReplaceField$Key/$Value against Apache Kafka 4.4.0: every expected value below was produced by
// running Kafka's own ReplaceField on the same input (cases/replace_field.cases, cases/README.md).
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"ReplaceField$Value", "include=a,b;exclude=b;renames=a:x", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"name\":\"nm\",\"version\":2,\"fields\":["
     "{\"field\":\"a\",\"type\":\"int32\"},{\"field\":\"b\",\"type\":\"int32\"},{\"field\":\"c\","
     "\"type\":\"string\",\"optional\":true,\"default\":\"dd\"}]},\"payload\":{\"a\":1,\"b\":2,"
     "\"c\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"x\"}],\"optional\":false,\"name\":\"nm\",\"version\":2},\"payload\":{\"x\":1}}"},
    {"ReplaceField$Value", "renames=c:x;replace.null.with.default=false", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int32\"},{\"field\":"
     "\"c\",\"type\":\"string\",\"optional\":true,\"default\":\"dd\"}]},\"payload\":{\"a\":1,\"c\":"
     "null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dd\",\"field\":\"x\"}],"
     "\"optional\":false},\"payload\":{\"a\":1,\"x\":\"dd\"}}"},
    {"ReplaceField$Key", "exclude=b;renames=a:b", true, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int32\"},{\"field\":"
     "\"b\",\"type\":\"int32\"}]},\"payload\":{\"a\":1,\"b\":2}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"b\"}],\"optional\":false},\"payload\":{\"b\":1}}"},
    {"ReplaceField$Key", "renames=a:b", true, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a\",\"type\":\"int32\"},{\"field\":"
     "\"b\",\"type\":\"int32\"}]},\"payload\":{\"a\":1,\"b\":2}}",
     "ERROR Cannot create field because of field name duplication b"},
    {"ReplaceField$Value", "renames=c:x", false, false, "{\"a\":1,\"c\":null,\"b\":{\"q\":1}}",
     "{\"schema\":null,\"payload\":{\"x\":null,\"a\":1,\"b\":{\"q\":1}}}"},
    {"ReplaceField$Value", "renames=x:y", false, false, "{\"a\":1,\"b\":2,\"e\":3}",
     "{\"schema\":null,\"payload\":{\"a\":1,\"e\":3,\"b\":2}}"},
    {"ReplaceField$Value", "exclude=a;renames=b:a", false, false, "{\"a\":1,\"b\":2,\"e\":3}",
     "{\"schema\":null,\"payload\":{\"a\":2,\"e\":3}}"},
    {"ReplaceField$Value", "include=e,b", false, false, "{\"a\":1,\"b\":2,\"e\":3,\"f\":4}",
     "{\"schema\":null,\"payload\":{\"e\":3,\"b\":2}}"},
    {"ReplaceField$Value", "renames=a:b:,e::,:f", false, false, "{\"a\":1,\"b\":2,\"e\":3,\"\":4}",
     "CONFIG Invalid value [a:b:, e::, :f] for configuration renames: Invalid rename mapping: e::"},
    {"ReplaceField$Value", "renames=b:c,d", false, false, "{\"a\":1}",
     "CONFIG Invalid value [b:c, d] for configuration renames: Invalid rename mapping: d"},
    {"ReplaceField$Value", "renames=a::", false, false, "{\"a\":1}",
     "CONFIG Invalid value [a::] for configuration renames: Invalid rename mapping: a::"},
    {"ReplaceField$Value", "", false, false, "null", "null"},
    {"ReplaceField$Value", "", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"}]},\"payload\":null}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"}],\"optional\":true},\"payload\":null}"},
    {"ReplaceField$Value", "", false, false, "12",
     "ERROR Only Map objects supported in absence of schema for [field replacement], found: "
     "java.lang.Long"},
    {"ReplaceField$Value", "", false, true,
     "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":{\"type\":\"int32\"}}"
     ",\"payload\":{\"a\":1}}",
     "ERROR Only Struct objects supported for [field replacement], found: java.util.HashMap"},
};

TEST(ReplaceFieldTest, MatchesKafka) {
  expect_recorded(kCases);
}

}  // namespace
}  // namespace sluice::transforms::testing
