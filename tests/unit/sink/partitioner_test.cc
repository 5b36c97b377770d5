// Built-in partitioners, wrappers and object keys end to end (spec §2.5, §3.1, §3.2, §3.6-§3.8).
#include "sink/partitioner.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

#include "connect/schema.h"
#include "connect/value.h"
#include "sink/object_key.h"

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::SinkRecord;
using connect::Value;

SchemaPtr primitive(SchemaType type, bool optional = true,
                    std::optional<std::string> name = std::nullopt) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = optional;
  s->name = std::move(name);
  return s;
}

SchemaPtr structure(std::vector<std::pair<std::string, SchemaPtr>> fields,
                    std::optional<std::string> name = std::nullopt) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kStruct;
  s->name = std::move(name);
  for (size_t i = 0; i < fields.size(); ++i) {
    s->fields.push_back({fields[i].first, static_cast<int>(i), fields[i].second});
  }
  return s;
}

// Owns the schemas and value arrays a test record points into.
struct RecordBuilder {
  std::vector<std::unique_ptr<std::vector<Value>>> arrays;

  Value make_struct(const SchemaPtr& schema, std::vector<Value> values) {
    arrays.push_back(std::make_unique<std::vector<Value>>(std::move(values)));
    return Value::structure(schema.get(), *arrays.back());
  }
  Value make_map(std::vector<Value> entries) {
    arrays.push_back(std::make_unique<std::vector<Value>>(std::move(entries)));
    return Value::map(*arrays.back());
  }
};

SinkRecord record(std::string_view topic, int32_t partition, int64_t offset, SchemaPtr schema,
                  Value value) {
  SinkRecord r;
  r.topic = topic;
  r.partition = partition;
  r.offset = offset;
  r.value_schema = std::move(schema);
  r.value = value;
  return r;
}

std::unique_ptr<Partitioner> make(const PartitionerOptions& o) {
  Result<std::unique_ptr<Partitioner>> p = make_partitioner(o);
  EXPECT_TRUE(p.ok()) << p.status().message();
  return p.ok() ? std::move(p).value() : nullptr;
}

std::string encode(const Partitioner& p, const SinkRecord& r, int64_t ts = 0) {
  std::string out;
  Status st = p.encode_partition(r, ts, &out);
  EXPECT_TRUE(st.ok()) << st.message();
  return out;
}

std::string key_for(const Partitioner& p, const SinkRecord& r, int64_t ts,
                    const ObjectKeyLayout& layout, std::string_view ext) {
  const std::string encoded = encode(p, r, ts);
  std::string path;
  p.partitioned_path(r.topic, encoded, &path);
  return build_object_key(layout, path, r.topic, r.partition, r.offset, ext);
}

constexpr int64_t k2024_05_07T13_05 = 1715087100000;

TEST(PartitionerTest, SpecExamplesWithDefaultLayout) {
  // spec §3.6 (defaults: topics.dir=topics, '/', '+', width 10)
  const ObjectKeyLayout layout;
  const SinkRecord plain = record("clicks", 0, 0, nullptr, Value::string("x"));

  PartitionerOptions def;
  EXPECT_EQ(key_for(*make(def), plain, 0, layout, ".avro"),
            "topics/clicks/partition=0/clicks+0+0000000000.avro");

  PartitionerOptions hourly;
  hourly.kind = PartitionerKind::kHourly;
  hourly.locale = "en";
  hourly.timezone = "UTC";
  const SinkRecord r2 = record("clicks", 2, 12345, nullptr, Value::string("x"));
  EXPECT_EQ(key_for(*make(hourly), r2, k2024_05_07T13_05, layout, ".json.gz"),
            "topics/clicks/year=2024/month=05/day=07/hour=13/clicks+2+0000012345.json.gz");

  RecordBuilder b;
  const SchemaPtr s = structure(
      {{"region", primitive(SchemaType::kString)}, {"country", primitive(SchemaType::kString)}});
  PartitionerOptions field;
  field.kind = PartitionerKind::kField;
  field.field_names = {"region", "country"};
  const SinkRecord r3 =
      record("clicks", 2, 12345, s, b.make_struct(s, {Value::string("eu"), Value::string("de")}));
  EXPECT_EQ(key_for(*make(field), r3, 0, layout, ".bin"),
            "topics/clicks/region=eu/country=de/clicks+2+0000012345.bin");

  PartitionerOptions prefix;
  prefix.schema_affix = SchemaAffix::kPrefix;
  const SchemaPtr click = structure({{"id", primitive(SchemaType::kInt32)}}, "com.acme.Click");
  const SinkRecord r4 = record("clicks", 2, 42, click, b.make_struct(click, {Value::integer(1)}));
  EXPECT_EQ(key_for(*make(prefix), r4, 0, layout, ".avro"),
            "topics/clicks/schema_name=com.acme.Click/partition=2/clicks+2+0000000042.avro");

  PartitionerOptions tomb;
  tomb.write_tombstones = true;
  const SinkRecord r5 = record("clicks", 2, 77, nullptr, Value::null());
  EXPECT_EQ(key_for(*make(tomb), r5, 0, layout, ".keys.avro"),
            "topics/clicks/tombstone/clicks+2+0000000077.keys.avro");

  PartitionerOptions dt;
  dt.kind = PartitionerKind::kTimeBased;
  dt.partition_duration_ms = 86400000;
  dt.path_format = "'dt'=yyyy-MM-dd";
  dt.locale = "en";
  dt.timezone = "UTC";
  const SinkRecord r6 = record("clicks", 2, 12345678901, nullptr, Value::string("x"));
  EXPECT_EQ(key_for(*make(dt), r6, k2024_05_07T13_05, layout, ".avro"),
            "topics/clicks/dt=2024-05-07/clicks+2+12345678901.avro");
}

TEST(PartitionerTest, UpstreamDelimiterGoldenStrings) {
  // spec §3.7: directory.delim=_ and file.delim=#
  ObjectKeyLayout layout;
  layout.directory_delim = "_";
  layout.file_delim = "#";
  const SinkRecord r = record("test-topic", 12, 0, nullptr, Value::string("x"));

  PartitionerOptions def;
  def.directory_delim = "_";
  EXPECT_EQ(key_for(*make(def), r, 0, layout, ".avro"),
            "topics_test-topic_partition=12_test-topic#12#0000000000.avro");

  PartitionerOptions hourly;
  hourly.kind = PartitionerKind::kHourly;
  hourly.directory_delim = "_";
  hourly.locale = "en";
  hourly.timezone = "UTC";
  EXPECT_EQ(key_for(*make(hourly), r, 1737512000000 /* 2025-01-22T02:13:20Z */, layout, ".avro"),
            "topics_test-topic_year=2025_month=01_day=22_hour=02_test-topic#12#0000000000.avro");
}

TEST(PartitionerTest, HourlyAndDailyPatternsUseTheDirectoryDelimiter) {
  EXPECT_EQ(hourly_path_format("/"), "'year'=YYYY/'month'=MM/'day'=dd/'hour'=HH");
  EXPECT_EQ(daily_path_format("_"), "'year'=YYYY_'month'=MM_'day'=dd");
}

TEST(PartitionerTest, HourlyAcrossDstInBerlin) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kHourly;
  o.locale = "en";
  o.timezone = "Europe/Berlin";
  auto p = make(o);
  const SinkRecord r = record("t", 0, 0, nullptr, Value::string("x"));
  EXPECT_TRUE(p->is_time_based());
  // Spring forward 2024-03-31: 01:59 CET is followed by 03:00 CEST.
  EXPECT_EQ(encode(*p, r, 1711846799999), "year=2024/month=03/day=31/hour=01");
  EXPECT_EQ(encode(*p, r, 1711846800000), "year=2024/month=03/day=31/hour=03");
  // Fall back 2024-10-27: 02:30 CEST and 02:30 CET both land in hour=02.
  EXPECT_EQ(encode(*p, r, 1729989000000), "year=2024/month=10/day=27/hour=02");
  EXPECT_EQ(encode(*p, r, 1729992600000), "year=2024/month=10/day=27/hour=02");
  EXPECT_EQ(encode(*p, r, 1729996200000), "year=2024/month=10/day=27/hour=03");
}

TEST(PartitionerTest, DailyWithHalfHourOffsetAndPreEpoch) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kDaily;
  o.locale = "en";
  o.timezone = "+05:30";
  auto p = make(o);
  const SinkRecord r = record("t", 0, 0, nullptr, Value::string("x"));
  EXPECT_EQ(encode(*p, r, 1715020199999), "year=2024/month=05/day=06");
  EXPECT_EQ(encode(*p, r, 1715020200000), "year=2024/month=05/day=07");
  o.timezone = "UTC";
  auto utc = make(o);
  // Java's truncating division puts 1969-12-31T12:00Z in 1970-01-01's directory.
  EXPECT_EQ(encode(*utc, r, -43200000), "year=1970/month=01/day=01");
  EXPECT_EQ(encode(*utc, r, -129600000), "year=1969/month=12/day=31");
}

TEST(PartitionerTest, TimeBasedStripsOneTrailingDelimiterAndUsesLocale) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kTimeBased;
  o.partition_duration_ms = 86400000;
  o.path_format = "'mois'=MMMM/EEEE//";
  o.locale = "fr";
  o.timezone = "Europe/Paris";
  const SinkRecord r = record("t", 0, 0, nullptr, Value::string("x"));
  EXPECT_EQ(encode(*make(o), r, 1707300000000), "mois=f\xc3\xa9vrier/mercredi/");
  o.locale = "fr-FR";  // Java: unknown language "fr-fr", root text
  o.path_format = "'mois'=MMMM/EEEE";
  EXPECT_EQ(encode(*make(o), r, 1707300000000), "mois=Feb/Wed");
}

TEST(PartitionerTest, TimeBasedConfigurationErrorsNameTheKey) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kTimeBased;
  o.partition_duration_ms = 3600000;
  o.path_format = "YYYY/qq";
  o.locale = "en";
  o.timezone = "UTC";
  auto expect_error = [](const PartitionerOptions& opt, std::string_view key) {
    Result<std::unique_ptr<Partitioner>> p = make_partitioner(opt);
    ASSERT_FALSE(p.ok());
    EXPECT_EQ(p.status().code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(p.status().message().rfind(key, 0), 0u) << p.status().message();
  };
  expect_error(o, "path.format");
  o.path_format = "/";
  expect_error(o, "path.format");
  o.path_format = "  ";
  expect_error(o, "path.format");
  o.path_format = "YYYY";
  o.partition_duration_ms = 0;  // Java divides by zero on the first record
  expect_error(o, "partition.duration.ms");
  o.partition_duration_ms = -5;
  expect_error(o, "partition.duration.ms");
  o.partition_duration_ms = 3600000;
  o.timezone = "Mars/Base";
  expect_error(o, "timezone");
  o.timezone = "";
  expect_error(o, "timezone");
  o.timezone = "UTC";
  o.locale = " ";
  expect_error(o, "locale");
}

TEST(PartitionerTest, FieldPartitionerTypes) {
  RecordBuilder b;
  const SchemaPtr s = structure({{"i8", primitive(SchemaType::kInt8)},
                                 {"i64", primitive(SchemaType::kInt64)},
                                 {"flag", primitive(SchemaType::kBoolean)},
                                 {"name", primitive(SchemaType::kString)},
                                 {"f", primitive(SchemaType::kFloat64)}});
  const SinkRecord r = record(
      "t", 0, 0, s,
      b.make_struct(s, {Value::integer(-7), Value::integer(1234567890123), Value::boolean(true),
                        Value::string("a/b c=d"), Value::float64(1.5)}));
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  o.field_names = {"i8", "i64", "flag", "name"};
  EXPECT_EQ(encode(*make(o), r), "i8=-7/i64=1234567890123/flag=true/name=a/b c=d");
  o.directory_delim = "_";
  o.field_names = {"flag", "i8"};
  EXPECT_EQ(encode(*make(o), r), "flag=true_i8=-7");

  o.field_names = {"f"};
  std::string out;
  Status st = make(o)->encode_partition(r, 0, &out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("'f'"), std::string::npos);
  EXPECT_NE(st.message().find("double"), std::string::npos);
}

TEST(PartitionerTest, FieldPartitionerNullsMissingFieldsAndLogicalTypes) {
  RecordBuilder b;
  const SchemaPtr s = structure(
      {{"name", primitive(SchemaType::kString)},
       {"n", primitive(SchemaType::kInt32)},
       {"ts", primitive(SchemaType::kInt64, true, std::string(connect::kTimestampLogicalName))}});
  const SinkRecord r =
      record("t", 0, 0, s, b.make_struct(s, {Value::null(), Value::null(), Value::integer(5)}));
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  o.field_names = {"name", "n"};
  EXPECT_EQ(encode(*make(o), r), "name=null/n=null");

  o.field_names = {"missing"};
  std::string out;
  Status st = make(o)->encode_partition(r, 0, &out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("'missing' is not present in the schema"), std::string::npos);

  o.field_names = {"ts"};
  EXPECT_EQ(make(o)->encode_partition(r, 0, &out).code(), StatusCode::kDataError);
}

TEST(PartitionerTest, FieldPartitionerNestedFields) {
  RecordBuilder b;
  const SchemaPtr inner = structure({{"c", primitive(SchemaType::kInt32)}});
  const SchemaPtr middle = structure({{"b", inner}});
  const SchemaPtr outer = structure({{"a", middle}, {"top", primitive(SchemaType::kString)}});
  const Value c = b.make_struct(inner, {Value::integer(42)});
  const Value bv = b.make_struct(middle, {c});
  const SinkRecord r = record("t", 0, 0, outer, b.make_struct(outer, {bv, Value::string("x")}));
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  o.field_names = {"a.b.c", "top"};
  EXPECT_EQ(encode(*make(o), r), "a.b.c=42/top=x");

  // A null struct on the way makes the field null.
  const SinkRecord r_null =
      record("t", 0, 0, outer, b.make_struct(outer, {Value::null(), Value::string("y")}));
  EXPECT_EQ(encode(*make(o), r_null), "a.b.c=null/top=y");

  o.field_names = {"a.x"};
  std::string out;
  EXPECT_EQ(make(o)->encode_partition(r, 0, &out).code(), StatusCode::kDataError);
}

TEST(PartitionerTest, FieldPartitionerSchemalessMapsAreASluiceExtension) {
  RecordBuilder b;
  const Value nested = b.make_map({Value::string("city"), Value::string("Lyon")});
  const SinkRecord r =
      record("t", 0, 0, nullptr,
             b.make_map({Value::string("region"), Value::string("eu"), Value::string("n"),
                         Value::integer(3), Value::string("addr"), nested, Value::string("score"),
                         Value::float64(0.5)}));
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  o.field_names = {"region", "n", "addr.city", "absent"};
  EXPECT_EQ(encode(*make(o), r), "region=eu/n=3/addr.city=Lyon/absent=null");

  o.field_names = {"score"};
  std::string out;
  EXPECT_EQ(make(o)->encode_partition(r, 0, &out).code(), StatusCode::kDataError);

  // Java behaviour when the extension is off: a Map value is a partition (data) error.
  o.field_names = {"region"};
  o.field_partitioner_accepts_maps = false;
  Status st = make(o)->encode_partition(r, 0, &out);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_NE(st.message().find("Struct"), std::string::npos);
}

TEST(PartitionerTest, FieldPartitionerRejectsNonStructValues) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  o.field_names = {"a"};
  std::string out;
  EXPECT_EQ(
      make(o)->encode_partition(record("t", 0, 0, nullptr, Value::string("s")), 0, &out).code(),
      StatusCode::kDataError);
  EXPECT_EQ(make(o)->encode_partition(record("t", 0, 0, nullptr, Value::null()), 0, &out).code(),
            StatusCode::kDataError);
}

TEST(PartitionerTest, FieldPartitionerEmptyListAndBadNames) {
  // spec §3.8: an empty list at runtime gives an empty encoded partition -> "topics/t//file".
  PartitionerOptions o;
  o.kind = PartitionerKind::kField;
  RecordBuilder b;
  const SchemaPtr s = structure({{"a", primitive(SchemaType::kInt32)}});
  const SinkRecord r = record("t", 1, 5, s, b.make_struct(s, {Value::integer(1)}));
  EXPECT_EQ(key_for(*make(o), r, 0, ObjectKeyLayout{}, ".json"), "topics/t//t+1+0000000005.json");
  o.field_names = {"a..b"};
  EXPECT_EQ(make_partitioner(o).status().code(), StatusCode::kInvalidArgument);
  o.field_names = {" "};
  EXPECT_EQ(make_partitioner(o).status().code(), StatusCode::kInvalidArgument);
}

TEST(PartitionerTest, SchemaAffixSuffixAndNullSchemaName) {
  PartitionerOptions o;
  o.schema_affix = SchemaAffix::kSuffix;
  const SinkRecord no_schema = record("t", 4, 0, nullptr, Value::string("x"));
  EXPECT_EQ(encode(*make(o), no_schema), "partition=4/schema_name=null");
  const SinkRecord unnamed = record("t", 4, 0, primitive(SchemaType::kString), Value::string("x"));
  EXPECT_EQ(encode(*make(o), unnamed), "partition=4/schema_name=null");
}

TEST(PartitionerTest, TombstoneWrapperIsOutermost) {
  PartitionerOptions o;
  o.kind = PartitionerKind::kHourly;
  o.locale = "en";
  o.timezone = "UTC";
  o.schema_affix = SchemaAffix::kPrefix;
  o.write_tombstones = true;
  o.tombstone_encoded_partition = "deleted";
  auto p = make(o);
  EXPECT_TRUE(p->is_time_based());
  const SchemaPtr named = primitive(SchemaType::kString, true, std::string("Name"));
  EXPECT_EQ(encode(*p, record("t", 0, 0, named, Value::null()), k2024_05_07T13_05), "deleted");
  EXPECT_EQ(encode(*p, record("t", 0, 0, named, Value::string("v")), k2024_05_07T13_05),
            "schema_name=Name/year=2024/month=05/day=07/hour=13");
}

}  // namespace
}  // namespace sluice::sink
