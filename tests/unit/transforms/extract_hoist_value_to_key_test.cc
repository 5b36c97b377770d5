// ExtractField, HoistField and ValueToKey against Apache Kafka 4.4.0: every expected value below
// was produced by running Kafka's own transforms on the same input
// (cases/extract_hoist_value_to_key.cases, cases/README.md). "HARNESS" lines are runs where
// Kafka's JsonConverter refused to write the transform's result; sluice's JSON encoder must refuse
// it with the same message.
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"ExtractField$Value", "field=id", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"int64\",\"optional\":false},\"payload\":7}"},
    {"ExtractField$Value", "field=nested", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,"
     "\"default\":5,\"field\":\"x\"},{\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],"
     "\"optional\":true,\"name\":\"inner\"},\"payload\":{\"x\":5,\"y\":\"why\"}}"},
    {"ExtractField$Value", "field=d", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"dv\"},\"payload\":\"dv\"}"},
    {"ExtractField$Value", "field=d;replace.null.with.default=false", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"string\",\"optional\":true,\"default\":\"dv\"},\"payload\":\"dv\"}"},
    {"ExtractField$Value", "field=a.b", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":\"dotted\"}"},
    {"ExtractField$Value", "field=a.b;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "ERROR Unknown field: a.b"},
    {"ExtractField$Value", "field=`a.b`;field.syntax.version=v2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":\"dotted\"}"},
    {"ExtractField$Value", "field=nested.x;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":5},\"payload\":5}"},
    {"ExtractField$Value", "field=nested.x;field.syntax.version=V2;replace.null.with.default=false",
     false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":5},\"payload\":5}"},
    {"ExtractField$Value", "field=nested.zz;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "ERROR Unknown field: nested.zz"},
    {"ExtractField$Value", "field=nested.x;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"nested\",\"type\":\"struct\",\"optional\":true,\"fields\":[{"
     "\"field\":\"x\",\"type\":\"int32\"}]}]},\"payload\":{\"id\":7,\"nested\":null}}",
     "HARNESS org.apache.kafka.connect.errors.DataException: Conversion error: null value for "
     "field that is required and has no default value"},
    {"ExtractField$Value", "field=id.x;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "ERROR Cannot look up fields on non-struct type"},
    {"ExtractField$Value", "field=missing", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "ERROR Unknown field: missing"},
    {"ExtractField$Value", "field=id", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"}]},\"payload\":null}",
     "HARNESS org.apache.kafka.connect.errors.DataException: Conversion error: null value for "
     "field that is required and has no default value"},
    {"ExtractField$Key", "field=nested", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":{\"x\":1,\"y\":\"why\"}}"},
    {"ExtractField$Key", "field=nested.y;field.syntax.version=V2", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":\"why\"}"},
    {"ExtractField$Key", "field=s.y;field.syntax.version=V2", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "ERROR Only Map objects supported in absence of schema for [nested field access], found: "
     "java.lang.String"},
    {"ExtractField$Key", "field=n.y;field.syntax.version=V2", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "null"},
    {"ExtractField$Key", "field=missing", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "null"},
    {"ExtractField$Key", "field=`a.b`;field.syntax.version=V2", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":\"dotted\"}"},
    {"ExtractField$Key", "field=id", true, false, "null", "null"},
    {"ExtractField$Key", "field=id", true, false, "[1]",
     "ERROR Only Map objects supported in absence of schema for [field extraction], found: "
     "java.util.ArrayList"},
    {"ExtractField$Key", "field=`a.b;field.syntax.version=V2", true, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "CONFIG Incomplete backtick pair in path: [`a.b], consider adding a backslash before backtick "
     "at position 0 to escape it"},
    {"ExtractField$Key", "field=a.`b\\`.c`;field.syntax.version=V2", true, false,
     "{\"a\":{\"b`.c\":1}}", "{\"schema\":null,\"payload\":1}"},
    {"ExtractField$Key", "field=a.`b`c`.d;field.syntax.version=V2", true, false,
     "{\"a\":{\"b`c\":{\"d\":2}}}", "{\"schema\":null,\"payload\":2}"},
    {"ExtractField$Key", "field=a.;field.syntax.version=V2", true, false, "{\"a\":{\"\":3}}",
     "{\"schema\":null,\"payload\":3}"},
    {"ExtractField$Key", "field=`a\\`;field.syntax.version=V2", true, false, "{\"a\":1}",
     "CONFIG Incomplete backtick pair in path: [`a\\`], consider adding a backslash before "
     "backtick at position 0 to escape it"},
    {"HoistField$Value", "field=wrap", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"struct\",\"fields\":[{\"type\":"
     "\"int64\",\"optional\":false,\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,"
     "\"field\":\"a.b\"},{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,"
     "\"default\":5,\"field\":\"x\"},{\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],"
     "\"optional\":true,\"name\":\"inner\",\"field\":\"nested\"},{\"type\":\"string\",\"optional\":"
     "true,\"default\":\"dv\",\"field\":\"d\"}],\"optional\":false,\"name\":\"outer\",\"field\":"
     "\"wrap\"}],\"optional\":false},\"payload\":{\"wrap\":{\"id\":7,\"a.b\":\"dotted\",\"nested\":"
     "{\"x\":5,\"y\":\"why\"},\"d\":\"dv\"}}}"},
    {"HoistField$Key", "field=wrap", true, true,
     "{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":true,"
     "\"field\":\"wrap\"}],\"optional\":false},\"payload\":{\"wrap\":null}}"},
    {"HoistField$Key", "field=wrap", true, true,
     "{\"schema\":{\"type\":\"string\"},\"payload\":\"s\"}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"wrap\"}],\"optional\":false},\"payload\":{\"wrap\":\"s\"}}"},
    {"HoistField$Value", "field=wrap", false, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":{\"wrap\":{\"s\":\"str\",\"a.b\":\"dotted\",\"id\":7,\"nested\":"
     "{\"x\":1,\"y\":\"why\"},\"n\":null}}}"},
    {"HoistField$Value", "field=wrap", false, false, "null",
     "{\"schema\":null,\"payload\":{\"wrap\":null}}"},
    {"HoistField$Value", "field=wrap", false, false, "12",
     "{\"schema\":null,\"payload\":{\"wrap\":12}}"},
    {"ValueToKey", "fields=id,d,nested", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"field\":\"a.b\"},{\"type\":"
     "\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"x\"},{"
     "\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],\"optional\":true,\"name\":"
     "\"inner\",\"field\":\"nested\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dv\","
     "\"field\":\"d\"}],\"optional\":false,\"name\":\"outer\"},\"payload\":{\"id\":7,\"a.b\":"
     "\"dotted\",\"nested\":{\"x\":5,\"y\":\"why\"},\"d\":\"dv\"}} KEY "
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dv\",\"field\":\"d\"},"
     "{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":5,"
     "\"field\":\"x\"},{\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],\"optional\":true,"
     "\"name\":\"inner\",\"field\":\"nested\"}],\"optional\":false},\"payload\":{\"id\":7,\"d\":"
     "\"dv\",\"nested\":{\"x\":5,\"y\":\"why\"}}}",
     "otherkey"},
    {"ValueToKey", "fields=id,d;replace.null.with.default=false", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"field\":\"a.b\"},{\"type\":"
     "\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"x\"},{"
     "\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],\"optional\":true,\"name\":"
     "\"inner\",\"field\":\"nested\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dv\","
     "\"field\":\"d\"}],\"optional\":false,\"name\":\"outer\"},\"payload\":{\"id\":7,\"a.b\":"
     "\"dotted\",\"nested\":{\"x\":5,\"y\":\"why\"},\"d\":\"dv\"}} KEY "
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dv\",\"field\":\"d\"}]"
     ",\"optional\":false},\"payload\":{\"id\":7,\"d\":\"dv\"}}",
     "otherkey"},
    {"ValueToKey", "fields=nested.x,id,`a.b`;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"id\"},{\"type\":\"string\",\"optional\":true,\"field\":\"a.b\"},{\"type\":"
     "\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":5,\"field\":\"x\"},{"
     "\"type\":\"string\",\"optional\":false,\"field\":\"y\"}],\"optional\":true,\"name\":"
     "\"inner\",\"field\":\"nested\"},{\"type\":\"string\",\"optional\":true,\"default\":\"dv\","
     "\"field\":\"d\"}],\"optional\":false,\"name\":\"outer\"},\"payload\":{\"id\":7,\"a.b\":"
     "\"dotted\",\"nested\":{\"x\":5,\"y\":\"why\"},\"d\":\"dv\"}} KEY "
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,"
     "\"default\":5,\"field\":\"nested.x\"},{\"type\":\"int64\",\"optional\":false,\"field\":"
     "\"id\"},{\"type\":\"string\",\"optional\":true,\"field\":\"`a.b`\"}],\"optional\":false},"
     "\"payload\":{\"nested.x\":5,\"id\":7,\"`a.b`\":\"dotted\"}}",
     "otherkey"},
    {"ValueToKey", "fields=nested.x;field.syntax.version=V2", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"nested\",\"type\":\"struct\",\"optional\":true,\"fields\":[{"
     "\"field\":\"x\",\"type\":\"int32\"}]}]},\"payload\":{\"id\":7,\"nested\":null}}",
     "ERROR Invalid value: null used for required field: \"nested.x\", schema type: INT32",
     "otherkey"},
    {"ValueToKey", "fields=id,missing", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"outer\",\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"},{\"field\":\"a.b\",\"type\":\"string\",\"optional\":true},{\"field\":\"nested\","
     "\"type\":\"struct\",\"optional\":true,\"name\":\"inner\",\"fields\":[{\"field\":\"x\","
     "\"type\":\"int32\",\"optional\":true,\"default\":5},{\"field\":\"y\",\"type\":\"string\"}]},{"
     "\"field\":\"d\",\"type\":\"string\",\"optional\":true,\"default\":\"dv\"}]},\"payload\":{"
     "\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":null,\"y\":\"why\"},\"d\":null}}",
     "ERROR Field does not exist: missing", "otherkey"},
    {"ValueToKey", "fields=id,s,n,missing,nested", false, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":{\"s\":\"str\",\"a.b\":\"dotted\",\"id\":7,\"nested\":{\"x\":1,"
     "\"y\":\"why\"},\"n\":null}} KEY "
     "{\"schema\":null,\"payload\":{\"missing\":null,\"id\":7,\"s\":\"str\",\"nested\":{\"x\":1,"
     "\"y\":\"why\"},\"n\":null}}",
     "otherkey"},
    {"ValueToKey", "fields=nested.y,id;field.syntax.version=V2", false, false,
     "{\"id\":7,\"a.b\":\"dotted\",\"nested\":{\"x\":1,\"y\":\"why\"},\"s\":\"str\",\"n\":null}",
     "{\"schema\":null,\"payload\":{\"s\":\"str\",\"a.b\":\"dotted\",\"id\":7,\"nested\":{\"x\":1,"
     "\"y\":\"why\"},\"n\":null}} KEY "
     "{\"schema\":null,\"payload\":{\"nested.y\":\"why\",\"id\":7}}",
     "otherkey"},
    {"ValueToKey", "fields=id", false, false, "null",
     "ERROR Only Map objects supported in absence of schema for [copying fields from value to "
     "key], found: null",
     "otherkey"},
    {"ValueToKey", "fields=id", false, true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"id\",\"type\":"
     "\"int64\"}]},\"payload\":null}",
     "ERROR Only Struct objects supported for [copying fields from value to key], found: null",
     "otherkey"},
};

TEST(ExtractHoistValueToKeyTest, MatchesKafka) {
  expect_recorded(kCases);
}

TEST(ExtractFieldTest, UnknownFieldIsAnIllegalArgumentException) {
  Harness h;
  auto t = h.make("org.apache.kafka.connect.transforms.ExtractField$Value", {{"field", "zz"}});
  ASSERT_NE(t, nullptr);
  connect::SinkRecord r = h.record(
      false, true,
      R"({"schema":{"type":"struct","fields":[{"field":"a","type":"int32"}]},"payload":{"a":1}})");
  TransformContext context{h.arena()};
  Result<Disposition> result = t->apply(r, context);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(context.failure_class, kIllegalArgumentException);
}

TEST(ValueToKeyTest, RejectsAnEmptyFieldList) {
  Harness h;
  EXPECT_EQ(h.make("org.apache.kafka.connect.transforms.ValueToKey", {{"fields", ""}}), nullptr);
  // Kafka 4.4.0's message for fields= (ConfigDef.ValidList.anyNonDuplicateValues).
  EXPECT_EQ(h.first_problem(),
            "Configuration 'fields' must not be empty. Valid values include: any non-empty value");
}

}  // namespace
}  // namespace sluice::transforms::testing
