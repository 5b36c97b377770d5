// AvroRecordWriter: whole AvroFormat files compared with the ones Confluent's connector wrote for
// the same records (the golden files: JsonConverter values; StringConverter keys and
// SimpleHeaderConverter headers for keys and headers files): with the golden file's sync marker
// (Java draws one at random per file) and codec, every byte is the same.
#include "format/avro_record_writer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>

#include "avro/container_reader.h"
#include "connect/avro_test_util.h"
#include "connect/json_converter.h"
#include "connect/simple_header_converter.h"
#include "connect/string_converter.h"
#include "format/format_test_support.h"
#include "format/string_byte_sink.h"

namespace sluice::format {
namespace {

using connect::testing::read_data;
using connect::testing::read_lines;
using ::testing::HasSubstr;

struct GoldenCase {
  const char* file;
  const char* values;
};

TEST(AvroRecordWriterTest, ConfluentsGoldenFilesByteForByte) {
  const GoldenCase cases[] = {
      {"avro/confluent/golden-avro-snappy+0+0000000000.avro",
       "avro/connect/avro-snappy-p0-0.values"},
      {"avro/confluent/golden-avro-deflate+1+0000000050.avro",
       "avro/connect/avro-deflate-p1-50.values"},
  };
  for (const GoldenCase& c : cases) {
    const std::string golden = read_data(c.file);
    auto reader = avro::ContainerReader::open(golden);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    AvroWriterOptions options;
    options.codec = (*reader)->codec();
    options.sync_marker = (*reader)->sync_marker();
    StringByteSink sink;
    AvroRecordWriter writer(sink, options);
    connect::JsonConverter json;
    connect::Arena arena;
    for (const std::string& input : read_lines(c.values)) {
      connect::SchemaAndValue converted;
      ASSERT_TRUE(json.to_connect("t", input, arena, converted).ok());
      connect::SinkRecord record;
      record.value_schema = converted.schema;
      record.value = converted.value;
      Status st = writer.write(record, RecordView::kValue);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    ASSERT_TRUE(writer.close().ok());
    EXPECT_EQ(writer.bytes_written(), golden.size()) << c.file;
    EXPECT_TRUE(sink.data() == golden) << c.file << ": the file differs from Confluent's";
  }
}

TEST(AvroRecordWriterTest, SchemalessValuesAreRefused) {
  StringByteSink sink;
  AvroRecordWriter writer(sink, {});
  connect::SinkRecord record;
  record.value = connect::Value::string("plain");
  Status schemaless = writer.write(record, RecordView::kValue);
  EXPECT_EQ(schemaless.code(), StatusCode::kDataError);
  EXPECT_THAT(schemaless.message(), ::testing::HasSubstr("needs records with a schema"));
  EXPECT_TRUE(sink.data().empty());
}

TEST(AvroRecordWriterTest, ARecordThatDoesNotFitAddsNothing) {
  StringByteSink sink;
  AvroRecordWriter writer(sink, {});
  connect::JsonConverter json;
  connect::Arena arena;
  const std::string schema =
      R"({"type":"struct","fields":[{"field":"t","type":"int32","optional":false,)"
      R"("name":"org.apache.kafka.connect.data.Time","version":1}]})";
  auto write = [&](std::string_view payload) {
    connect::SchemaAndValue converted;
    Status st =
        json.to_connect("t", "{\"schema\":" + schema + ",\"payload\":" + std::string(payload) + "}",
                        arena, converted);
    EXPECT_TRUE(st.ok()) << st.message();
    connect::SinkRecord record;
    record.value_schema = converted.schema;
    record.value = converted.value;
    return writer.write(record, RecordView::kValue);
  };
  ASSERT_TRUE(write(R"({"t":1000})").ok());
  // A Time of more than a day cannot be written (Java's AvroData refuses it too); JsonConverter
  // refuses to make one, so build it by hand with the same schema.
  connect::SchemaAndValue good;
  ASSERT_TRUE(
      json.to_connect("t", "{\"schema\":" + schema + ",\"payload\":{\"t\":1}}", arena, good).ok());
  const connect::Value out_of_range[] = {connect::Value::integer(90'000'000)};
  connect::SinkRecord bad_record;
  bad_record.value_schema = good.schema;
  bad_record.value = connect::Value::structure(good.schema.get(), out_of_range);
  Status bad = writer.write(bad_record, RecordView::kValue);
  EXPECT_EQ(bad.code(), StatusCode::kDataError) << bad.message();
  ASSERT_TRUE(write(R"({"t":2000})").ok());
  ASSERT_TRUE(writer.close().ok());
  auto reader = avro::ContainerReader::open(sink.data());
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  auto block = (*reader)->next_block();
  ASSERT_TRUE(block.ok());
  ASSERT_TRUE(block->has_value());
  EXPECT_EQ((*block)->count, 2);  // the refused record left nothing behind
  EXPECT_EQ((*block)->data, std::string("\xd0\x0f\xa0\x1f", 4));  // zig-zag 1000, 2000
}

// Standard Base64 with padding, as input.jsonl stores bytes.
std::string unbase64(std::string_view text) {
  auto digit = [](char c) -> uint32_t {
    if (c >= 'A' && c <= 'Z') return static_cast<uint32_t>(c - 'A');
    if (c >= 'a' && c <= 'z') return static_cast<uint32_t>(c - 'a' + 26);
    if (c >= '0' && c <= '9') return static_cast<uint32_t>(c - '0' + 52);
    return c == '+' ? 62u : 63u;
  };
  std::string out;
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    bits = (bits << 6) | digit(c);
    if (++count == 4) {
      out.push_back(static_cast<char>(bits >> 16));
      out.push_back(static_cast<char>(bits >> 8));
      out.push_back(static_cast<char>(bits));
      bits = 0;
      count = 0;
    }
  }
  if (count == 3) {
    out.push_back(static_cast<char>(bits >> 10));
    out.push_back(static_cast<char>(bits >> 2));
  } else if (count == 2) {
    out.push_back(static_cast<char>(bits >> 4));
  }
  return out;
}

// A golden case's input.jsonl as the case's worker converts keys and headers (StringConverter,
// SimpleHeaderConverter); values are only told apart as null (tombstones) or not.
class GoldenKeysAndHeaders {
 public:
  explicit GoldenKeysAndHeaders(const std::string& case_dir) {
    connect::StringConverter keys;
    connect::SimpleHeaderConverter headers;
    for (const std::string& line : read_lines(case_dir + "input.jsonl")) {
      auto json = nlohmann::json::parse(line);
      connect::SinkRecord record;
      record.offset = json["offset"].get<int64_t>();
      connect::SchemaAndValue key;
      bytes_.push_back(unbase64(json["key"].get<std::string>()));
      EXPECT_TRUE(keys.to_connect("t", std::string_view(bytes_.back()), arena_, key).ok());
      record.key_schema = key.schema;
      record.key = key.value;
      if (!json["value"].is_null()) record.value = connect::Value::string("not null");
      std::vector<connect::Header>& list = headers_.emplace_back();
      for (const auto& pair : json["headers"]) {
        connect::Header header;
        bytes_.push_back(pair[0].get<std::string>());
        header.key = bytes_.back();
        bytes_.push_back(unbase64(pair[1].get<std::string>()));
        connect::SchemaAndValue converted;
        EXPECT_TRUE(headers
                        .to_connect_header("t", header.key, std::string_view(bytes_.back()), arena_,
                                           converted)
                        .ok());
        header.schema = converted.schema;
        header.value = converted.value;
        list.push_back(std::move(header));
      }
      record.headers = list;
      records_.push_back(std::move(record));
    }
  }
  const std::vector<connect::SinkRecord>& records() const { return records_; }

 private:
  connect::Arena arena_;
  std::deque<std::string> bytes_;
  std::deque<std::vector<connect::Header>> headers_;
  std::vector<connect::SinkRecord> records_;
};

TEST(AvroRecordWriterTest, KeysAndHeadersFilesAreConfluentsByteForByte) {
  const std::string case_dir = "../golden/avro-keys-headers-string/";
  const std::string objects = case_dir + "expected/golden-avro-keys-headers-string/";
  GoldenKeysAndHeaders input(case_dir);
  ASSERT_EQ(input.records().size(), 60u);
  // flush.size=15: the first rotation holds offsets 0-14; its tombstones (5 and 11) went to the
  // keys and headers files of the tombstone directory, the rest to partition=0's.
  struct File {
    const char* name;
    RecordView view;
    bool tombstones;
  };
  const File files[] = {
      {"partition=0/golden-avro-keys-headers-string+0+0000000000.keys.avro", RecordView::kKey,
       false},
      {"partition=0/golden-avro-keys-headers-string+0+0000000000.headers.avro",
       RecordView::kHeaders, false},
      {"tombstone/golden-avro-keys-headers-string+0+0000000005.keys.avro", RecordView::kKey, true},
      {"tombstone/golden-avro-keys-headers-string+0+0000000005.headers.avro", RecordView::kHeaders,
       true},
  };
  for (const File& file : files) {
    SCOPED_TRACE(file.name);
    const std::string golden = read_data(objects + file.name);
    auto reader = avro::ContainerReader::open(golden);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    AvroWriterOptions options;
    options.codec = (*reader)->codec();
    options.sync_marker = (*reader)->sync_marker();
    StringByteSink sink;
    AvroRecordWriter writer(sink, options);
    for (size_t i = 0; i < 15; ++i) {
      const connect::SinkRecord& record = input.records()[i];
      if (record.value.is_null() != file.tombstones) continue;
      Status st = writer.write(record, file.view);
      ASSERT_TRUE(st.ok()) << st.message();
    }
    ASSERT_TRUE(writer.close().ok());
    EXPECT_EQ(writer.bytes_written(), golden.size());
    EXPECT_TRUE(sink.data() == golden) << "the file differs from Confluent's";
  }
  // The headers schema, as Java's Schema.toString() printed it.
  auto headers = avro::ContainerReader::open(
      read_data(objects + "partition=0/golden-avro-keys-headers-string+0+0000000000.headers.avro"));
  ASSERT_TRUE(headers.ok());
  EXPECT_EQ((*headers)->schema_json(),
            R"({"type":"array","items":{"type":"record","name":"ConnectDefault",)"
            R"("namespace":"io.confluent.connect.avro","fields":[{"name":"key","type":"string"},)"
            R"({"name":"value","type":"string"}]}})");
}

TEST(AvroRecordWriterTest, AHeaderWithoutAValueIsADataErrorAndAddsNothing) {
  StringByteSink sink;
  AvroRecordWriter writer(sink, {});
  const connect::Header good[] = {
      {"a", connect::Schema::optional_string(), connect::Value::string("x"), "x", false}};
  const connect::Header bad[] = {
      {"a", connect::Schema::optional_string(), connect::Value::string("x"), "x", false},
      {"gone", nullptr, connect::Value::null(), "", true}};
  connect::SinkRecord record;
  record.headers = good;
  ASSERT_TRUE(writer.write(record, RecordView::kHeaders).ok());
  record.headers = bad;
  Status st = writer.write(record, RecordView::kHeaders);
  EXPECT_EQ(st.code(), StatusCode::kDataError);
  EXPECT_THAT(st.message(), HasSubstr("null used for required field: \"value\""));
  EXPECT_THAT(st.message(), HasSubstr("'gone'"));
  record.headers = {};  // written as an empty array
  ASSERT_TRUE(writer.write(record, RecordView::kHeaders).ok());
  ASSERT_TRUE(writer.close().ok());
  auto reader = avro::ContainerReader::open(sink.data());
  ASSERT_TRUE(reader.ok());
  auto block = (*reader)->next_block();
  ASSERT_TRUE(block.ok() && block->has_value());
  EXPECT_EQ((*block)->count, 2);
  // [{a, x}] then [].
  EXPECT_EQ((*block)->data, std::string("\x02\x02"
                                        "a\x02x\x00\x00",
                                        7));
}

TEST(AvroRecordWriterTest, AKeyIsWrittenWithTheFilesSchemaOnlyWhereAvroDataAcceptsIt) {
  using testing::logical;
  using testing::primitive;
  using testing::record;
  using testing::struct_of;
  connect::Arena arena;
  auto write_keys = [&](const std::vector<std::pair<connect::SchemaPtr, connect::Value>>& keys) {
    StringByteSink sink;
    AvroRecordWriter writer(sink, {});
    std::vector<Status> results;
    for (const auto& [schema, value] : keys) {
      connect::SinkRecord r;
      r.key_schema = schema;
      r.key = value;
      results.push_back(writer.write(r, RecordView::kKey));
    }
    return results;
  };
  // A struct key needs an equal schema: AvroData's "Mismatching struct schema" otherwise.
  auto v1 = struct_of("com.example.Key", {{"id", primitive(connect::SchemaType::kInt64)}});
  auto v1_again = struct_of("com.example.Key", {{"id", primitive(connect::SchemaType::kInt64)}});
  auto v2 =
      struct_of("com.example.Key", {{"id", primitive(connect::SchemaType::kInt64)},
                                    {"region", primitive(connect::SchemaType::kString, true)}});
  auto results = write_keys(
      {{v1, record(arena, v1, {connect::Value::integer(1)})},
       {v1_again, record(arena, v1_again, {connect::Value::integer(2)})},
       {v2, record(arena, v2, {connect::Value::integer(3), connect::Value::string("eu")})}});
  EXPECT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ(results[2].code(), StatusCode::kDataError);
  EXPECT_THAT(results[2].message(), HasSubstr("Mismatching struct schema"));
  // A primitive key fits when its Java class does: the optional flag does not matter, the
  // type and a logical type do.
  results = write_keys({{connect::Schema::optional_string(), connect::Value::string("a")},
                        {primitive(connect::SchemaType::kString), connect::Value::string("b")},
                        {primitive(connect::SchemaType::kInt64), connect::Value::integer(1)}});
  EXPECT_TRUE(results[0].ok() && results[1].ok());
  EXPECT_EQ(results[2].code(), StatusCode::kDataError);
  results = write_keys({{primitive(connect::SchemaType::kInt32), connect::Value::integer(1)},
                        {logical(connect::kDateLogicalName, connect::SchemaType::kInt32),
                         connect::Value::integer(2)}});
  EXPECT_TRUE(results[0].ok());
  EXPECT_EQ(results[1].code(), StatusCode::kDataError);
}

// Counts what is charged and released (the format module does not see the sink's MemoryBudget).
class CountingAccount final : public util::MemoryAccount {
 public:
  void charge(size_t bytes) override { used_ += bytes; }
  void release(size_t bytes) override { used_ -= bytes; }
  size_t used() const { return used_; }

 private:
  size_t used_ = 0;
};

TEST(AvroRecordWriterTest, OpenFilesChargeTheirBlockToTheProvidersMemoryAccount) {
  CountingAccount account;
  FormatOptions options;
  options.avro_codec = avro::CodecId::kDeflate;
  options.memory = &account;
  auto provider = make_record_writer_provider(FormatClass::kAvro, options);
  ASSERT_TRUE(provider.ok()) << provider.status().message();
  StringByteSink first_sink, second_sink;
  auto first = (*provider)->create_writer(first_sink);
  auto second = (*provider)->create_writer(second_sink);
  ASSERT_TRUE(first.ok() && second.ok());
  const std::string text(1000, 'v');
  connect::SinkRecord record;
  record.value_schema = connect::Schema::optional_string();
  record.value = connect::Value::string(text);
  for (int i = 0; i < 30; ++i) {
    ASSERT_TRUE((*first)->write(record, RecordView::kValue).ok());
    ASSERT_TRUE((*second)->write(record, RecordView::kValue).ok());
  }
  // 30 records of about 1 kB each are held in each file's block, not yet in its sink.
  const auto& a = static_cast<const AvroRecordWriter&>(**first);
  const auto& b = static_cast<const AvroRecordWriter&>(**second);
  EXPECT_GE(a.held_bytes(), 30u * 1000);
  EXPECT_EQ(account.used(), a.held_bytes() + b.held_bytes());
  ASSERT_TRUE((*first)->close().ok());
  EXPECT_EQ(account.used(), b.held_bytes());
  (*second).reset();  // an abandoned file gives its memory back too
  EXPECT_EQ(account.used(), 0u);
}

}  // namespace
}  // namespace sluice::format
