// Flatten$Key/$Value against Apache Kafka 4.4.0: every expected value below was produced by
// running Kafka's own Flatten on the same input (cases/flatten.cases, cases/README.md).
// Schemaless results are LinkedHashMaps: JsonConverter writes them in the walk's order.
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"Flatten$Value", "", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"rec\",\"version\":2,\"doc\":\"d\",\"optional\":"
     "false,\"fields\":[{\"field\":\"id\",\"type\":\"int32\"},{\"field\":\"arr\",\"type\":"
     "\"array\",\"items\":{\"type\":\"string\"},\"optional\":true},{\"field\":\"addr\",\"type\":"
     "\"struct\",\"name\":\"Addr\",\"optional\":true,\"fields\":[{\"field\":\"city\",\"type\":"
     "\"string\",\"doc\":\"c\"},{\"field\":\"zip\",\"type\":\"int32\",\"optional\":true,"
     "\"default\":99},{\"field\":\"geo\",\"type\":\"struct\",\"fields\":[{\"field\":\"lat\","
     "\"type\":\"double\"},{\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka."
     "connect.data.Timestamp\",\"version\":1}]}]},{\"field\":\"dft\",\"type\":\"struct\","
     "\"optional\":true,\"fields\":[{\"field\":\"p\",\"type\":\"int32\"},{\"field\":\"q\",\"type\":"
     "\"string\",\"optional\":true}]}]},\"payload\":{\"id\":1,\"arr\":[\"a\"],\"addr\":{\"city\":"
     "\"X\",\"zip\":null,\"geo\":{\"lat\":1.5,\"ts\":5}},\"dft\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"array\",\"items\":{\"type\":\"string\",\"optional\":false},"
     "\"optional\":true,\"field\":\"arr\"},{\"type\":\"string\",\"optional\":true,\"doc\":\"c\","
     "\"field\":\"addr.city\"},{\"type\":\"int32\",\"optional\":true,\"default\":99,\"field\":"
     "\"addr.zip\"},{\"type\":\"double\",\"optional\":true,\"field\":\"addr.geo.lat\"},{\"type\":"
     "\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":"
     "1,\"field\":\"addr.geo.ts\"},{\"type\":\"int32\",\"optional\":true,\"field\":\"dft.p\"},{"
     "\"type\":\"string\",\"optional\":true,\"field\":\"dft.q\"}],\"optional\":false,\"name\":"
     "\"rec\",\"version\":2,\"doc\":\"d\"},\"payload\":{\"id\":1,\"arr\":[\"a\"],\"addr.city\":"
     "\"X\",\"addr.zip\":99,\"addr.geo.lat\":1.5,\"addr.geo.ts\":5,\"dft.p\":null,\"dft.q\":null}"
     "}"},
    {"Flatten$Value", "delimiter=_", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"id\",\"type\":\"int32\"},{"
     "\"field\":\"addr\",\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"city\","
     "\"type\":\"string\"}]}]},\"payload\":{\"id\":1,\"addr\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"field\":\"addr_city\"}],"
     "\"optional\":false},\"payload\":{\"id\":1,\"addr_city\":null}}"},
    {"Flatten$Value", "", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"a.b\",\"type\":\"int32\"},{"
     "\"field\":\"a\",\"type\":\"struct\",\"fields\":[{\"field\":\"b\",\"type\":\"int32\"}]}]},"
     "\"payload\":{\"a.b\":1,\"a\":{\"b\":2}}}",
     "ERROR Cannot create field because of field name duplication a.b"},
    {"Flatten$Value", "", false, true,
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"field\":\"m\",\"type\":\"map\",\"keys\":{"
     "\"type\":\"string\"},\"values\":{\"type\":\"int32\"}}]},\"payload\":{\"m\":{}}}",
     "ERROR Flatten transformation does not support MAP for record with schemas (for field m)."},
    {"Flatten$Value", "", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"a\",\"type\":"
     "\"int32\"}]},\"payload\":null}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,"
     "\"field\":\"a\"}],\"optional\":true},\"payload\":null}"},
    {"Flatten$Value", "", false, true, "{\"schema\":{\"type\":\"string\"},\"payload\":\"x\"}",
     "ERROR Only Struct objects supported for [flattening], found: java.lang.String"},
    {"Flatten$Key", "", true, false,
     "{\"b\":{\"z\":1,\"a\":{\"deep\":[1,2],\"n\":null}},\"a\":\"top\",\"c\":{},\"e\":true,\"d\":1."
     "5,\"k1\":{\"k2\":{\"k3\":{\"k4\":\"v\"}}},\"b.z\":\"dup\"}",
     "{\"schema\":null,\"payload\":{\"a\":\"top\",\"b.a.deep\":[1,2],\"b.a.n\":null,\"b.z\":"
     "\"dup\",\"d\":1.5,\"e\":true,\"k1.k2.k3.k4\":\"v\"}}"},
    {"Flatten$Key", "delimiter=->", true, false,
     "{\"b\":{\"z\":1,\"a\":{\"deep\":[1,2],\"n\":null}},\"a\":\"top\",\"c\":{},\"e\":true,\"d\":1."
     "5,\"k1\":{\"k2\":{\"k3\":{\"k4\":\"v\"}}},\"b.z\":\"dup\"}",
     "{\"schema\":null,\"payload\":{\"a\":\"top\",\"b->a->deep\":[1,2],\"b->a->n\":null,\"b->z\":1,"
     "\"d\":1.5,\"e\":true,\"k1->k2->k3->k4\":\"v\",\"b.z\":\"dup\"}}"},
    {"Flatten$Key", "", true, false,
     "{\"q\":1,\"w\":2,\"e\":3,\"r\":4,\"t\":5,\"y\":6,\"u\":7,\"i\":8,\"o\":9,\"p\":10,\"a\":11,"
     "\"s\":12,\"d\":13,\"f\":{\"g\":1,\"h\":2}}",
     "{\"schema\":null,\"payload\":{\"a\":11,\"d\":13,\"e\":3,\"f.g\":1,\"f.h\":2,\"i\":8,\"o\":9,"
     "\"p\":10,\"q\":1,\"r\":4,\"s\":12,\"t\":5,\"u\":7,\"w\":2,\"y\":6}}"},
    {"Flatten$Value", "", false, false, "null", "null"},
    {"Flatten$Value", "", false, false, "[1]",
     "ERROR Only Map objects supported in absence of schema for [flattening], found: "
     "java.util.ArrayList"},
};

TEST(FlattenTest, MatchesKafka) {
  expect_recorded(kCases);
}

}  // namespace
}  // namespace sluice::transforms::testing
