// ParquetFormat: the schema derivation of parquet-avro, the row shredding of AvroWriteSupport and
// the record views, read back with the test reader of the parquet module (independent of the
// writer). The golden cases parquet-* in tests/golden compare whole files with Confluent's.
#include "format/parquet_record_writer.h"

#include <gtest/gtest.h>

#include "../parquet/nested_test_reader.h"
#include "avro/schema_parser.h"
#include "format/parquet_avro_schema.h"
#include "format/string_byte_sink.h"
#include "format_test_support.h"

namespace sluice::format {
namespace {

using namespace testing;  // NOLINT: the schema and value helpers
using parquet::Repetition;
using parquet::testing::LevelEntry;
using parquet::testing::parse_file;
using parquet::testing::read_leveled_chunk;

ParquetWriterOptions uncompressed() {
  ParquetWriterOptions options;
  options.properties.codec = parquet::CompressionCodec::kUncompressed;
  options.properties.dictionary = false;
  options.data.enhanced_avro_schema_support = true;
  return options;
}

connect::SinkRecord value_record(const SchemaPtr& schema, const Value& value) {
  connect::SinkRecord r;
  r.topic = "t";
  r.value_schema = schema;
  r.value = value;
  return r;
}

// "name:repetition" of every schema element after the root, depth first.
std::vector<std::string> shape(const parquet::NestedSchema& schema) {
  std::vector<std::string> out;
  const std::vector<parquet::SchemaElement> elements = schema.to_schema_elements();
  for (size_t i = 1; i < elements.size(); ++i) {
    const char* rep[] = {"required", "optional", "repeated"};
    out.push_back(elements[i].name + ":" + rep[static_cast<int>(*elements[i].repetition_type)]);
  }
  return out;
}

Result<parquet::NestedSchema> parquet_of(std::string_view avro_text, ParquetListShape lists) {
  Result<avro::SchemaPtr> avro = avro::parse_schema(avro_text);
  if (!avro.ok()) return avro.status();
  return avro_to_parquet_schema(**avro, lists);
}

TEST(ParquetAvroSchemaTest, ArrayOfOptionalItemsIsFoundInStructsMapValuesAndArraysNotMapKeys) {
  SchemaPtr optional_items = array_of(primitive(SchemaType::kString, true));
  EXPECT_TRUE(has_array_of_optional_items(*struct_of("s", {{"a", optional_items}})));
  EXPECT_TRUE(has_array_of_optional_items(
      *struct_of("s", {{"m", map_of(primitive(SchemaType::kString), optional_items)}})));
  EXPECT_TRUE(has_array_of_optional_items(*struct_of("s", {{"l", array_of(optional_items)}})));
  EXPECT_TRUE(has_array_of_optional_items(
      *struct_of("s", {{"n", struct_of("n", {{"a", optional_items}}, true)}})));
  EXPECT_FALSE(has_array_of_optional_items(
      *struct_of("s", {{"m", map_of(optional_items, primitive(SchemaType::kInt32))}})));
  EXPECT_FALSE(has_array_of_optional_items(
      *struct_of("s", {{"a", array_of(primitive(SchemaType::kString), true)}})));
}

TEST(ParquetAvroSchemaTest, ShapesFollowParquetAvro) {
  constexpr std::string_view kRecord = R"({"type":"record","name":"R","namespace":"n","fields":[
    {"name":"nothing","type":"null"},
    {"name":"opt","type":["null","int"]},
    {"name":"u","type":["null","int","string"]},
    {"name":"single","type":["long"]},
    {"name":"l","type":{"type":"array","items":"string"}},
    {"name":"m","type":{"type":"map","values":["null","long"]}}]})";
  Result<parquet::NestedSchema> two = parquet_of(kRecord, ParquetListShape::kTwoLevel);
  ASSERT_TRUE(two.ok()) << two.status().message();
  EXPECT_EQ(two->root_name(), "n.R");
  EXPECT_EQ(shape(*two),
            (std::vector<std::string>{"opt:optional", "u:optional", "member0:optional",
                                      "member1:optional", "single:required", "member0:optional",
                                      "l:required", "array:repeated", "m:required",
                                      "key_value:repeated", "key:required", "value:optional"}));
  Result<parquet::NestedSchema> three = parquet_of(kRecord, ParquetListShape::kThreeLevel);
  ASSERT_TRUE(three.ok());
  EXPECT_EQ(shape(*three)[6], "l:required");
  EXPECT_EQ(shape(*three)[7], "list:repeated");
  EXPECT_EQ(shape(*three)[8], "element:required");
}

TEST(ParquetAvroSchemaTest, UnwritableSchemasAreDataErrors) {
  EXPECT_EQ(parquet_of(R"("string")", ParquetListShape::kTwoLevel).status().message(),
            "Avro schema must be a record.");
  EXPECT_EQ(parquet_of(R"({"type":"record","name":"E","fields":[{"name":"n","type":"null"}]})",
                       ParquetListShape::kTwoLevel)
                .status()
                .code(),
            StatusCode::kDataError);
  Result<parquet::NestedSchema> recursive = parquet_of(
      R"({"type":"record","name":"Node","fields":[{"name":"next","type":["null","Node"]}]})",
      ParquetListShape::kTwoLevel);
  EXPECT_EQ(recursive.status().code(), StatusCode::kDataError);
  EXPECT_NE(recursive.status().message().find("recursive"), std::string::npos);
}

TEST(ParquetRecordWriterTest, RowsAreShreddedWithDremelLevels) {
  // tags: array<optional string> turns the file's lists into 3-level ones: tags (required, def
  // 0) / list (repeated, def 1) / element (optional, def 2); counts: map<string,int32> (required)
  // / key_value (repeated, def 1) / key, value (required).
  SchemaPtr schema = struct_of(
      "S", {{"tags", array_of(primitive(SchemaType::kString, true))},
            {"counts", map_of(primitive(SchemaType::kString), primitive(SchemaType::kInt32))}});
  connect::Arena arena;
  StringByteSink sink;
  ParquetRecordWriter writer(sink, uncompressed());
  Value rows[] = {
      record(arena, schema, {list(arena, {Value::string("a"), Value::null()}), map(arena, {})}),
      record(arena, schema, {list(arena, {}), map(arena, {Value::string("k"), Value::integer(1)})}),
  };
  for (const Value& row : rows) {
    ASSERT_TRUE(writer.write(value_record(schema, row), RecordView::kValue).ok());
  }
  ASSERT_TRUE(writer.close().ok());
  auto file = parse_file(sink.data());
  EXPECT_EQ(read_leveled_chunk(file, 0, 0, 0, 1, 2).entries,
            (std::vector<LevelEntry>{{0, 2, "a"}, {1, 1, std::nullopt}, {0, 0, std::nullopt}}));
  EXPECT_EQ(read_leveled_chunk(file, 0, 1, 0, 1, 1).entries,
            (std::vector<LevelEntry>{{0, 0, std::nullopt}, {0, 1, "k"}}));
  EXPECT_EQ(read_leveled_chunk(file, 0, 2, 4, 1, 1).entries,
            (std::vector<LevelEntry>{{0, 0, std::nullopt}, {0, 1, std::string("\1\0\0\0", 4)}}));
}

TEST(ParquetRecordWriterTest, ValuesThatAreNotStructsAreDataErrorsAndWriteNothing) {
  StringByteSink sink;
  ParquetRecordWriter writer(sink, uncompressed());
  Status primitive_value = writer.write(
      value_record(primitive(SchemaType::kString, true), Value::string("x")), RecordView::kValue);
  EXPECT_EQ(primitive_value.code(), StatusCode::kDataError);
  EXPECT_NE(primitive_value.message().find("struct"), std::string::npos);
  EXPECT_EQ(writer.write(value_record(nullptr, Value::string("x")), RecordView::kValue).code(),
            StatusCode::kDataError);
  EXPECT_EQ(writer.bytes_written(), 0u);
  // The file is still usable: the next struct opens it.
  connect::Arena arena;
  SchemaPtr schema = struct_of("S", {{"a", primitive(SchemaType::kInt64)}});
  EXPECT_TRUE(writer
                  .write(value_record(schema, record(arena, schema, {Value::integer(5)})),
                         RecordView::kValue)
                  .ok());
  EXPECT_TRUE(writer.close().ok());
}

TEST(ParquetRecordWriterTest, KeysAreWrappedInRecordKey) {
  StringByteSink sink;
  ParquetRecordWriter writer(sink, uncompressed());
  connect::SinkRecord r = value_record(nullptr, Value::null());
  r.key_schema = primitive(SchemaType::kString, true);
  r.key = Value::string("k1");
  ASSERT_TRUE(writer.write(r, RecordView::kKey).ok());
  r.key = Value::null();
  ASSERT_TRUE(writer.write(r, RecordView::kKey).ok());
  r.key_schema = nullptr;
  EXPECT_EQ(writer.write(r, RecordView::kKey).code(), StatusCode::kDataError);
  ASSERT_TRUE(writer.close().ok());
  auto file = parse_file(sink.data());
  EXPECT_EQ(file.footer.at(2).list.at(0).at(4).binary, "RecordKey");
  EXPECT_EQ(file.footer.at(2).list.at(1).at(4).binary, "key");
  EXPECT_EQ(read_leveled_chunk(file, 0, 0, 0, 0, 1).entries,
            (std::vector<LevelEntry>{{0, 1, "k1"}, {0, 0, std::nullopt}}));
}

TEST(ParquetRecordWriterTest, HeadersAreWrappedInRecordHeadersAndANullValueAddsNoRow) {
  StringByteSink sink;
  ParquetRecordWriter writer(sink, uncompressed());
  connect::Header headers[] = {
      {"h1", primitive(SchemaType::kInt32), Value::integer(7), "7", false},
      {"h2", primitive(SchemaType::kString), Value::string("x"), "x", false}};
  connect::SinkRecord r = value_record(nullptr, Value::null());
  r.headers = headers;
  ASSERT_TRUE(writer.write(r, RecordView::kHeaders).ok());
  headers[1].value = Value::null();
  EXPECT_EQ(writer.write(r, RecordView::kHeaders).code(), StatusCode::kDataError);
  ASSERT_TRUE(writer.close().ok());
  auto file = parse_file(sink.data());
  EXPECT_EQ(file.footer.at(2).list.at(0).at(4).binary, "RecordHeaders");
  EXPECT_EQ(file.footer.at(3).integer, 1);  // num_rows: the failed record added none
  // headers / array (2-level, repeated: def 1) / key, value (required).
  EXPECT_EQ(read_leveled_chunk(file, 0, 0, 0, 1, 1).entries,
            (std::vector<LevelEntry>{{0, 1, "h1"}, {1, 1, "h2"}}));
  EXPECT_EQ(read_leveled_chunk(file, 0, 1, 0, 1, 1).entries,
            (std::vector<LevelEntry>{{0, 1, "7"}, {1, 1, "x"}}));
}

TEST(ParquetRecordWriterTest, ExtensionsAreParquetJavas) {
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kSnappy), ".snappy.parquet");
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kGzip), ".gz.parquet");
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kZstd), ".zstd.parquet");
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kLz4), ".lz4hadoop.parquet");
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kLz4Raw), ".lz4raw.parquet");
  EXPECT_EQ(parquet_extension(parquet::CompressionCodec::kUncompressed), ".parquet");
}

}  // namespace
}  // namespace sluice::format
