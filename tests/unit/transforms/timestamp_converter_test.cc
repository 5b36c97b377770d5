// TimestampConverter$Key/$Value against Apache Kafka 4.4.0: every expected value below was
// produced by running Kafka's own TimestampConverter on the same input
// (cases/timestamp_converter.cases, cases/README.md; the JVM's time zone was UTC).
#include <gtest/gtest.h>

#include "field_transform_harness.h"

namespace sluice::transforms::testing {
namespace {

constexpr RecordedCase kCases[] = {
    {"TimestampConverter$Value", "field=ts;target.type=string;format=yyyy-MM-dd HH:mm:ss", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"ts\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":"
     "\"string\",\"optional\":false,\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,"
     "\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1,"
     "\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\","
     "\"optional\":true,\"default\":86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\","
     "\"version\":1},\"payload\":{\"ts\":\"2023-11-14 22:13:20\",\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=ts;target.type=unix;unix.precision=seconds", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"ts\"},{\"type\":\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":"
     "\"string\",\"optional\":false,\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,"
     "\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1,"
     "\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\","
     "\"optional\":true,\"default\":86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\","
     "\"version\":1},\"payload\":{\"ts\":1700000000,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=ts;target.type=Date", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"ts\"},{\"type\":\"int64\","
     "\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,\"field\":\"s\"},{"
     "\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\","
     "\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache."
     "kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":"
     "false,\"field\":\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":"
     "\"n\"}],\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":19675,\"u\":-"
     "1500,\"s\":\"2024-02-29 13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=ts;target.type=Time", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"ts\"},{\"type\":\"int64\","
     "\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,\"field\":\"s\"},{"
     "\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\","
     "\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache."
     "kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":"
     "false,\"field\":\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":"
     "\"n\"}],\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":80000123,\"u\":-"
     "1500,\"s\":\"2024-02-29 13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=u;target.type=Timestamp", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Timestamp\",\"version\":"
     "1,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,\"field\":\"s\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,"
     "\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":"
     "\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":\"n\"}],"
     "\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-"
     "1500,\"s\":\"2024-02-29 13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=u;target.type=Date", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,"
     "\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,\"field\":\"s\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,"
     "\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":"
     "\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":\"n\"}],"
     "\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-1,"
     "\"s\":\"2024-02-29 13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=u;target.type=Time;unix.precision=microseconds", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int32\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1,"
     "\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,\"field\":\"s\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,"
     "\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":"
     "\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":\"n\"}],"
     "\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":"
     "86399999,\"s\":\"2024-02-29 13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value",
     "field=u;target.type=string;format=yyyy-MM-dd HH:mm:ss;unix.precision=nanoseconds", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"string\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\","
     "\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":"
     "86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{"
     "\"ts\":1700000000123,\"u\":\"1970-01-01 00:00:00\",\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value",
     "field=s;target.type=unix;format=yyyy-MM-dd HH:mm:ss;unix.precision=microseconds", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"int64\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\","
     "\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":"
     "86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{"
     "\"ts\":1700000000123,\"u\":-1500,\"s\":1709212455000000,\"d\":19000,\"t\":3723004,\"i\":5,"
     "\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=s;target.type=Timestamp;format=yyyy-MM-dd HH:mm:ss", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"s\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Date\",\"version\":1,"
     "\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":"
     "\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":86400000,\"field\":\"n\"}],"
     "\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-"
     "1500,\"s\":1709212455000,\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=s;target.type=Timestamp", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "ERROR Cannot invoke \"java.text.SimpleDateFormat.parse(String)\" because \"config.format\" "
     "is null"},
    {"TimestampConverter$Value", "field=s;target.type=Timestamp;format=yyyy/MM/dd", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "ERROR Could not parse timestamp: value (2024-02-29 13:14:15) does not match pattern "
     "(yyyy/MM/dd)"},
    {"TimestampConverter$Value", "field=d;target.type=string;format=yyyy-MM-dd HH:mm:ss", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"string\",\"optional\":false,\"field\":\"d\"},{\"type\":"
     "\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect.data.Time\",\"version\":1,"
     "\"field\":\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\","
     "\"optional\":true,\"default\":86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\","
     "\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":\"2022-01-08 00:00:00\",\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=t;target.type=unix;unix.precision=nanoseconds", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int64\",\"optional\":false,\"field\":"
     "\"t\"},{\"type\":\"int32\",\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\","
     "\"optional\":true,\"default\":86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\","
     "\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004000000,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=i;target.type=unix", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "ERROR Schema Schema{INT32} does not correspond to a known timestamp type format"},
    {"TimestampConverter$Value", "field=n;target.type=Date", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\","
     "\"optional\":false,\"field\":\"i\"},{\"type\":\"int32\",\"optional\":true,\"name\":\"org."
     "apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"n\"}],\"optional\":true,\"name\":"
     "\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":1}}"},
    {"TimestampConverter$Value", "field=n;target.type=Date;replace.null.with.default=false", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\","
     "\"optional\":false,\"field\":\"i\"},{\"type\":\"int32\",\"optional\":true,\"name\":\"org."
     "apache.kafka.connect.data.Date\",\"version\":1,\"field\":\"n\"}],\"optional\":true,\"name\":"
     "\"e\",\"version\":1},\"payload\":{\"ts\":1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":1}}"},
    {"TimestampConverter$Value", "field=zz;target.type=Date", false, true,
     "{\"schema\":{\"type\":\"struct\",\"name\":\"e\",\"version\":1,\"optional\":true,\"fields\":[{"
     "\"field\":\"ts\",\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},{\"field\":\"u\",\"type\":\"int64\",\"optional\":true},{\"field\":\"s\","
     "\"type\":\"string\"},{\"field\":\"d\",\"type\":\"int32\",\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1},{\"field\":\"t\",\"type\":\"int32\",\"name\":\"org.apache.kafka."
     "connect.data.Time\",\"version\":1},{\"field\":\"i\",\"type\":\"int32\"},{\"field\":\"n\","
     "\"type\":\"int64\",\"optional\":true,\"default\":86400000}]},\"payload\":{\"ts\":"
     "1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":null}}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Timestamp\",\"version\":1,\"field\":\"ts\"},{\"type\":"
     "\"int64\",\"optional\":true,\"field\":\"u\"},{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"s\"},{\"type\":\"int32\",\"optional\":false,\"name\":\"org.apache.kafka.connect."
     "data.Date\",\"version\":1,\"field\":\"d\"},{\"type\":\"int32\",\"optional\":false,\"name\":"
     "\"org.apache.kafka.connect.data.Time\",\"version\":1,\"field\":\"t\"},{\"type\":\"int32\","
     "\"optional\":false,\"field\":\"i\"},{\"type\":\"int64\",\"optional\":true,\"default\":"
     "86400000,\"field\":\"n\"}],\"optional\":true,\"name\":\"e\",\"version\":1},\"payload\":{"
     "\"ts\":1700000000123,\"u\":-1500,\"s\":\"2024-02-29 "
     "13:14:15\",\"d\":19000,\"t\":3723004,\"i\":5,\"n\":86400000}}"},
    {"TimestampConverter$Value", "field=ts;target.type=string;format=yyyy-MM-dd HH:mm:ss", false,
     true,
     "{\"schema\":{\"type\":\"struct\",\"optional\":true,\"fields\":[{\"field\":\"ts\",\"type\":"
     "\"int64\"}]},\"payload\":null}",
     "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"string\",\"optional\":false,"
     "\"field\":\"ts\"}],\"optional\":true},\"payload\":null}"},
    {"TimestampConverter$Value", "target.type=Timestamp", false, true,
     "{\"schema\":{\"type\":\"int64\",\"optional\":true},\"payload\":1700000000123}",
     "{\"schema\":{\"type\":\"int64\",\"optional\":true,\"name\":\"org.apache.kafka.connect.data."
     "Timestamp\",\"version\":1},\"payload\":1700000000123}"},
    {"TimestampConverter$Value", "target.type=string;format=EEE, d MMM yyyy HH:mm:ss Z", false,
     true,
     "{\"schema\":{\"type\":\"int64\",\"name\":\"org.apache.kafka.connect.data.Timestamp\","
     "\"version\":1},\"payload\":-1}",
     "{\"schema\":{\"type\":\"string\",\"optional\":false},\"payload\":\"Wed, 31 Dec 1969 23:59:59 "
     "+0000\"}"},
    {"TimestampConverter$Value", "target.type=unix", false, true,
     "{\"schema\":{\"type\":\"string\",\"optional\":true},\"payload\":null}",
     "{\"schema\":{\"type\":\"int64\",\"optional\":true},\"payload\":null}"},
    {"TimestampConverter$Value", "target.type=unix", false, true,
     "{\"schema\":{\"type\":\"int32\"},\"payload\":1}",
     "ERROR Schema Schema{INT32} does not correspond to a known timestamp type format"},
    {"TimestampConverter$Key", "field=ts;target.type=string;format=yyyy-MM-dd HH:mm:ss", true,
     false, "{\"ts\":1700000000123,\"x\":\"y\"}",
     "{\"schema\":null,\"payload\":{\"x\":\"y\",\"ts\":\"2023-11-14 22:13:20\"}}"},
    {"TimestampConverter$Key",
     "field=ts;target.type=unix;unix.precision=seconds;format=yyyy-MM-dd HH:mm:ss", true, false,
     "{\"ts\":\"2001-09-09 01:46:40\",\"x\":\"y\"}",
     "{\"schema\":null,\"payload\":{\"x\":\"y\",\"ts\":1000000000}}"},
    {"TimestampConverter$Key", "field=ts;target.type=unix", true, false, "{\"ts\":1.5}",
     "ERROR TimestampConverter does not support class java.lang.Double objects as timestamps"},
    {"TimestampConverter$Key", "field=ts;target.type=unix", true, false, "{\"x\":1}",
     "{\"schema\":null,\"payload\":{\"x\":1,\"ts\":null}}"},
    {"TimestampConverter$Key", "target.type=string;format=yyyyMMdd", true, false, "1700000000123",
     "{\"schema\":null,\"payload\":\"20231114\"}"},
    {"TimestampConverter$Key", "target.type=unix;format=yyyyMMdd", true, false, "\"20240229\"",
     "{\"schema\":null,\"payload\":1709164800000}"},
    {"TimestampConverter$Key", "target.type=unix", true, false, "\"20240229\"",
     "ERROR Cannot invoke \"java.text.SimpleDateFormat.parse(String)\" because \"config.format\" "
     "is null"},
    {"TimestampConverter$Key", "target.type=unix", true, false, "null", "null"},
    {"TimestampConverter$Key", "target.type=unix", true, false, "true",
     "ERROR TimestampConverter does not support class java.lang.Boolean objects as timestamps"},
    {"TimestampConverter$Key", "field=a;target.type=unix", true, false, "[1]",
     "ERROR Only Map objects supported in absence of schema for [converting timestamp formats], "
     "found: java.util.ArrayList"},
};

TEST(TimestampConverterTest, MatchesKafka) {
  expect_recorded(kCases);
}

// Schemaless, Kafka's result is a java.util.Date, which JsonConverter cannot write and S3's
// JsonFormat writes as its getTime(): 2023-11-14T00:00:00Z for a Date of 1700000000123, and the
// time of day since the epoch for a Time (the getTime() of Kafka 4.4.0's results, printed by a Java
// run).
TEST(TimestampConverterTest, SchemalessDateAndTimeHoldTheDatesMilliseconds) {
  for (auto [target, expected] :
       {std::pair{"Date", int64_t{1699920000000}}, std::pair{"Time", int64_t{80000123}},
        std::pair{"Timestamp", int64_t{1700000000123}}}) {
    Harness h;
    auto t = h.make("org.apache.kafka.connect.transforms.TimestampConverter$Value",
                    {{"field", "ts"}, {"target.type", target}});
    ASSERT_NE(t, nullptr);
    connect::SinkRecord r = h.record(false, false, R"({"ts":1700000000123})");
    TransformContext context{h.arena()};
    ASSERT_TRUE(t->apply(r, context).ok());
    ASSERT_NE(r.value.map_lookup("ts"), nullptr);
    EXPECT_EQ(r.value.map_lookup("ts")->as_int(), expected) << target;
  }
}

TEST(TimestampConverterTest, ConfigProblems) {
  Harness h;
  const char* kClass = "org.apache.kafka.connect.transforms.TimestampConverter$Value";
  // Kafka 4.4.0's configure() messages (ConfigDef-level ones quote the value in sluice).
  EXPECT_EQ(h.make(kClass, {{"target.type", "string"}}), nullptr);
  EXPECT_EQ(h.first_problem(),
            "TimestampConverter requires format option to be specified when using string "
            "timestamps");
  EXPECT_EQ(h.make(kClass, {{"target.type", "date"}}), nullptr);
  EXPECT_EQ(h.first_problem(),
            "Invalid value 'date' for configuration target.type: String must be one of: string, "
            "unix, Date, Time, Timestamp");
  EXPECT_EQ(h.make(kClass, {{"target.type", "unix"}, {"unix.precision", "ms"}}), nullptr);
  EXPECT_EQ(h.first_problem(),
            "Invalid value 'ms' for configuration unix.precision: String must be one of: "
            "nanoseconds, microseconds, milliseconds, seconds");
  EXPECT_EQ(h.make(kClass, {{"target.type", "string"}, {"format", "yyyy-MM-dd qq"}}), nullptr);
  EXPECT_EQ(h.first_problem(),
            "Invalid value java.lang.IllegalArgumentException: Illegal pattern character 'q' for "
            "configuration TimestampConverter requires a SimpleDateFormat-compatible pattern for "
            "string timestamps: yyyy-MM-dd qq");
}

}  // namespace
}  // namespace sluice::transforms::testing
