// timestamp.extractor (spec §3.3): Wallclock, Record and RecordField over Struct and Map values.
#include "sink/timestamp_extractor.h"

#include <gtest/gtest.h>

#include <memory>
#include <vector>

namespace sluice::sink {
namespace {

using connect::Schema;
using connect::SchemaPtr;
using connect::SchemaType;
using connect::SinkRecord;
using connect::Value;

SchemaPtr primitive(SchemaType type, std::optional<std::string> name = std::nullopt) {
  auto s = std::make_shared<Schema>();
  s->type = type;
  s->optional = true;
  s->name = std::move(name);
  return s;
}

SchemaPtr structure(std::vector<std::pair<std::string, SchemaPtr>> fields) {
  auto s = std::make_shared<Schema>();
  s->type = SchemaType::kStruct;
  for (size_t i = 0; i < fields.size(); ++i) {
    s->fields.push_back({fields[i].first, static_cast<int>(i), fields[i].second});
  }
  return s;
}

class TimestampExtractorTest : public ::testing::Test {
 protected:
  Value make_struct(const SchemaPtr& schema, std::vector<Value> values) {
    arrays_.push_back(std::make_unique<std::vector<Value>>(std::move(values)));
    return Value::structure(schema.get(), *arrays_.back());
  }
  Value make_map(std::vector<Value> entries) {
    arrays_.push_back(std::make_unique<std::vector<Value>>(std::move(entries)));
    return Value::map(*arrays_.back());
  }
  static std::unique_ptr<TimestampExtractor> field_extractor(std::string field) {
    TimestampExtractorOptions o;
    o.kind = TimestampExtractorKind::kRecordField;
    o.timestamp_field = std::move(field);
    Result<std::unique_ptr<TimestampExtractor>> e = make_timestamp_extractor(o);
    EXPECT_TRUE(e.ok()) << e.status().message();
    return std::move(e).value();
  }
  static SinkRecord record(SchemaPtr schema, Value value) {
    SinkRecord r;
    r.topic = "t";
    r.value_schema = std::move(schema);
    r.value = value;
    return r;
  }

  std::vector<std::unique_ptr<std::vector<Value>>> arrays_;
};

TEST_F(TimestampExtractorTest, WallclockReturnsTheBatchClock) {
  auto e = make_timestamp_extractor({TimestampExtractorKind::kWallclock, ""}).value();
  SinkRecord r;
  r.timestamp = 5;
  EXPECT_EQ(*e->extract(r, 1715087106789), 1715087106789);
  EXPECT_TRUE(e->is_wallclock());
}

TEST_F(TimestampExtractorTest, RecordTimestampOrDataError) {
  auto e = make_timestamp_extractor({TimestampExtractorKind::kRecord, ""}).value();
  SinkRecord r;
  r.timestamp = -1234;
  EXPECT_EQ(*e->extract(r, 99), -1234);
  r.timestamp.reset();
  Result<int64_t> missing = e->extract(r, 99);
  EXPECT_EQ(missing.status().code(), StatusCode::kDataError);
  EXPECT_FALSE(e->is_wallclock());
}

TEST_F(TimestampExtractorTest, StructFieldTypes) {
  const SchemaPtr s =
      structure({{"ts", primitive(SchemaType::kInt64, std::string(connect::kTimestampLogicalName))},
                 {"i32", primitive(SchemaType::kInt32)},
                 {"i64", primitive(SchemaType::kInt64)},
                 {"digits", primitive(SchemaType::kString)},
                 {"iso", primitive(SchemaType::kString)},
                 {"local", primitive(SchemaType::kString)},
                 {"f", primitive(SchemaType::kFloat64)}});
  const SinkRecord r =
      record(s, make_struct(s, {Value::integer(1715087106789), Value::integer(86400000),
                                Value::integer(-5), Value::string("-1715087106789"),
                                Value::string("2024-05-07T13:45:12.345+02:00"),
                                Value::string("2024-05-07T13:45:12"), Value::float64(1.0)}));
  EXPECT_EQ(*field_extractor("ts")->extract(r, 0), 1715087106789);
  EXPECT_EQ(*field_extractor("i32")->extract(r, 0), 86400000);
  EXPECT_EQ(*field_extractor("i64")->extract(r, 0), -5);
  EXPECT_EQ(*field_extractor("digits")->extract(r, 0), -1715087106789);
  EXPECT_EQ(*field_extractor("iso")->extract(r, 0), 1715082312345);
  // No offset: UTC in sluice (Java: the JVM default zone).
  EXPECT_EQ(*field_extractor("local")->extract(r, 0), 1715089512000);

  Result<int64_t> unsupported = field_extractor("f")->extract(r, 0);
  EXPECT_EQ(unsupported.status().code(), StatusCode::kDataError);
  EXPECT_NE(unsupported.status().message().find("'f'"), std::string::npos);
  Result<int64_t> missing = field_extractor("nope")->extract(r, 0);
  EXPECT_EQ(missing.status().code(), StatusCode::kDataError);
  EXPECT_NE(missing.status().message().find("not present in the schema"), std::string::npos);
}

TEST_F(TimestampExtractorTest, NestedStructField) {
  const SchemaPtr meta = structure({{"created", primitive(SchemaType::kInt64)}});
  const SchemaPtr s = structure({{"meta", meta}});
  const SinkRecord r = record(s, make_struct(s, {make_struct(meta, {Value::integer(42)})}));
  EXPECT_EQ(*field_extractor("meta.created")->extract(r, 0), 42);
  const SinkRecord null_meta = record(s, make_struct(s, {Value::null()}));
  EXPECT_EQ(field_extractor("meta.created")->extract(null_meta, 0).status().code(),
            StatusCode::kDataError);
}

TEST_F(TimestampExtractorTest, BadStringsAreDataErrors) {
  const SchemaPtr s = structure({{"v", primitive(SchemaType::kString)}});
  for (std::string_view bad : {"yesterday", "9999999999999999999", "2024-02-30", ""}) {
    const SinkRecord r = record(s, make_struct(s, {Value::string(bad)}));
    EXPECT_EQ(field_extractor("v")->extract(r, 0).status().code(), StatusCode::kDataError) << bad;
  }
}

TEST_F(TimestampExtractorTest, MapValues) {
  const Value inner = make_map({Value::string("at"), Value::string("2024-05-07")});
  const SinkRecord r =
      record(nullptr,
             make_map({Value::string("n"), Value::integer(7), Value::string("d"),
                       Value::float64(-2.9), Value::string("s"), Value::string("123"),
                       Value::string("nested"), inner, Value::string("b"), Value::boolean(true)}));
  EXPECT_EQ(*field_extractor("n")->extract(r, 0), 7);
  EXPECT_EQ(*field_extractor("d")->extract(r, 0), -2);  // Number.longValue truncates
  EXPECT_EQ(*field_extractor("s")->extract(r, 0), 123);
  EXPECT_EQ(*field_extractor("nested.at")->extract(r, 0), 1715040000000);
  EXPECT_EQ(field_extractor("b")->extract(r, 0).status().code(), StatusCode::kDataError);
  EXPECT_EQ(field_extractor("absent")->extract(r, 0).status().code(), StatusCode::kDataError);
}

TEST_F(TimestampExtractorTest, OtherValuesAreDataErrors) {
  EXPECT_EQ(field_extractor("x")->extract(record(nullptr, Value::string("v")), 0).status().code(),
            StatusCode::kDataError);
  EXPECT_EQ(field_extractor("x")->extract(record(nullptr, Value::null()), 0).status().code(),
            StatusCode::kDataError);
}

TEST_F(TimestampExtractorTest, RejectsAnEmptyFieldPathSegment) {
  TimestampExtractorOptions o{TimestampExtractorKind::kRecordField, "a..b"};
  EXPECT_EQ(make_timestamp_extractor(o).status().code(), StatusCode::kInvalidArgument);
}

TEST(IsoDateTimeTest, CommonForms) {
  EXPECT_EQ(*parse_iso_date_time("2024-05-07T13:45:12.345Z"), 1715089512345);
  EXPECT_EQ(*parse_iso_date_time("2024-05-07"), 1715040000000);
  EXPECT_EQ(*parse_iso_date_time("2024-W19-2"), 1715040000000);
  EXPECT_EQ(*parse_iso_date_time("2024-128"), 1715040000000);
  EXPECT_EQ(*parse_iso_date_time("1969-12-31T23:59:59.999Z"), -1);
  EXPECT_FALSE(parse_iso_date_time("2024-05-07 13:45").ok());
}

TEST(SplitFieldPathTest, Segments) {
  EXPECT_EQ(split_field_path("a.b.c"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(split_field_path("a"), (std::vector<std::string>{"a"}));
  EXPECT_EQ(split_field_path("a."), (std::vector<std::string>{"a", ""}));
}

}  // namespace
}  // namespace sluice::sink
