// Writes container files for independent readers (fastavro, avro-tools, ...) when
// SLUICE_AVRO_DUMP_DIR names a folder; skipped otherwise. Files:
//   mixed-<codec>.avro     the records of tests/data/avro/java/mixed-<codec>.avro, written by us
//                          with the same settings (a reader must return the same records for both)
//   alltypes-<codec>.avro  every type and the common logical types
//   recursive.avro         a recursive record, deflate
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "avro/container_writer.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using testing::parse_or_die;

constexpr CodecId kCodecs[] = {CodecId::kNull,  CodecId::kDeflate, CodecId::kSnappy,
                               CodecId::kBzip2, CodecId::kXz,      CodecId::kZstandard};

constexpr std::string_view kAllTypes =
    R"({"type":"record","name":"AllTypes","namespace":"sluice.test",
  "fields":[{"name":"bo","type":"boolean"},{"name":"i","type":"int"},{"name":"l","type":"long"},
  {"name":"f","type":"float"},{"name":"d","type":"double"},
  {"name":"s","type":["null","string"],"default":null},{"name":"by","type":"bytes"},
  {"name":"fx","type":{"type":"fixed","name":"F2","size":2}},
  {"name":"e","type":{"type":"enum","name":"E","symbols":["A","B","C"],"default":"A"}},
  {"name":"a","type":{"type":"array","items":"long"}},{"name":"m","type":{"type":"map","values":"int"}},
  {"name":"dec","type":{"type":"bytes","logicalType":"decimal","precision":64,"scale":2}},
  {"name":"date","type":{"type":"int","logicalType":"date"}},
  {"name":"tm","type":{"type":"int","logicalType":"time-millis"}},
  {"name":"tu","type":{"type":"long","logicalType":"time-micros"}},
  {"name":"ts","type":{"type":"long","logicalType":"timestamp-millis"}},
  {"name":"tsu","type":{"type":"long","logicalType":"timestamp-micros"}},
  {"name":"lts","type":{"type":"long","logicalType":"local-timestamp-millis"}},
  {"name":"uuid","type":{"type":"string","logicalType":"uuid"}},
  {"name":"nested","type":{"type":"record","name":"Inner","fields":[{"name":"x","type":"E"}]}}]})";

void encode_all_types(Encoder& e, int k) {
  e.write_boolean(k % 2 == 0);
  e.write_int(-1 - k);
  e.write_long((int64_t{1} << 40) + k);
  e.write_float(1.5f);
  e.write_double(-0.25 * k);
  if (k % 2 == 0) {
    e.write_union_index(1);
    e.write_string("h\xc3\xa9 \xf0\x9f\x98\x80");
  } else {
    e.write_union_index(0);
  }
  e.write_bytes(std::string_view("\x00\xff", 2));
  e.write_fixed("\xab\xcd");
  e.write_enum(k % 3);
  e.write_array_start(2);
  e.write_long(3);
  e.write_long(27);
  e.write_array_end();
  e.write_map_start(1);
  e.write_string("k");
  e.write_int(64);
  e.write_map_end();
  e.write_bytes("\xcf\xc7");  // -123.45
  e.write_int(19000);
  e.write_int(3723004);
  e.write_long(int64_t{3723004} * 1000);
  e.write_long(1700000000123);
  e.write_long(int64_t{1700000000123} * 1000);
  e.write_long(1700000000123);
  e.write_string("123e4567-e89b-12d3-a456-426614174000");
  e.write_enum(2);
}

void write_file(const std::filesystem::path& path, std::string_view schema_json,
                ContainerWriterOptions options, int records,
                const std::function<void(Encoder&, int)>& encode, int flush_after = -1) {
  SchemaPtr schema = parse_or_die(schema_json);
  ASSERT_NE(schema, nullptr);
  StringByteSink sink;
  auto writer = ContainerWriter::create(*schema, sink, std::move(options));
  ASSERT_TRUE(writer.ok()) << writer.status().to_string();
  for (int k = 0; k < records; ++k) {
    Encoder e = (*writer)->encoder();
    encode(e, k);
    ASSERT_TRUE((*writer)->datum_appended().ok());
    if (k + 1 == flush_after) {
      ASSERT_TRUE((*writer)->flush().ok());
    }
  }
  ASSERT_TRUE((*writer)->close().ok());
  std::ofstream(path, std::ios::binary) << sink.data();
}

TEST(DumpFilesTest, WritesFilesForExternalReaders) {
  const char* dir = std::getenv("SLUICE_AVRO_DUMP_DIR");
  if (dir == nullptr) GTEST_SKIP() << "set SLUICE_AVRO_DUMP_DIR to write the files";
  std::filesystem::create_directories(dir);
  SyncMarker sync;
  for (size_t i = 0; i < SyncMarker::kSize; ++i) sync.bytes[i] = static_cast<uint8_t>(i);
  for (CodecId codec : kCodecs) {
    std::string name(codec_name(codec));
    ContainerWriterOptions mixed{.codec = codec, .sync_interval = 1024, .sync_marker = sync};
    // As ContainerVectors.java: 120 records, a flush after the 10th.
    testing::MixedRecords generator;
    write_file(
        std::filesystem::path(dir) / ("mixed-" + name + ".avro"), testing::kMixedSchema, mixed, 120,
        [&](Encoder& e, int k) { generator.encode(e, k); }, 10);
    ContainerWriterOptions all{.codec = codec, .sync_interval = 200};
    write_file(std::filesystem::path(dir) / ("alltypes-" + name + ".avro"), kAllTypes, all, 7,
               encode_all_types);
  }
  ContainerWriterOptions recursive{.codec = CodecId::kDeflate};
  write_file(std::filesystem::path(dir) / "recursive.avro",
             R"({"type":"record","name":"Node","fields":[{"name":"v","type":"int"},
                {"name":"next","type":["null","Node"],"default":null}]})",
             recursive, 3, [](Encoder& e, int k) {
               // k + 1 nodes: v = k, k - 1, ..., 0.
               for (int v = k; v >= 0; --v) {
                 e.write_int(v);
                 e.write_union_index(v == 0 ? 0 : 1);
               }
             });
}

}  // namespace
}  // namespace sluice::avro
