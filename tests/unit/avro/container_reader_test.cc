#include "avro/container_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "avro/container_writer.h"
#include "avro/datum_reader.h"
#include "avro/decoder.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using ::testing::HasSubstr;
using testing::parse_or_die;
using testing::read_file;
using testing::unhex;

struct FileContents {
  int64_t records = 0;
  int blocks = 0;
  std::vector<std::string> json;  // each record in Avro's JSON encoding
};

// Reads every block and every record (checking that each block holds exactly its count).
Result<FileContents> read_all(std::string_view file) {
  SLUICE_ASSIGN_OR_RETURN(auto reader, ContainerReader::open(file));
  FileContents contents;
  for (;;) {
    SLUICE_ASSIGN_OR_RETURN(auto block, reader->next_block());
    if (!block) break;
    ++contents.blocks;
    Decoder decoder(block->data);
    for (int64_t i = 0; i < block->count; ++i) {
      std::string json;
      SLUICE_RETURN_IF_ERROR(append_datum_json(decoder, *reader->schema(), json));
      contents.json.push_back(std::move(json));
    }
    if (!decoder.at_end()) return Status::data_error("bytes left after the block's objects");
    contents.records += block->count;
  }
  return contents;
}

TEST(ContainerReaderTest, ReadsJavasFilesForEveryCodec) {
  std::vector<std::string> reference;
  for (std::string_view codec : {"null", "deflate", "snappy", "bzip2", "xz", "zstandard"}) {
    SCOPED_TRACE(codec);
    std::string file =
        read_file(testing::data_dir() / "java" / ("mixed-" + std::string(codec) + ".avro"));
    auto reader = ContainerReader::open(file);
    ASSERT_TRUE(reader.ok()) << reader.status().to_string();
    EXPECT_EQ(codec_name((*reader)->codec()), codec);
    EXPECT_EQ((*reader)->metadata()[0].first, "avro.schema");
    EXPECT_EQ((*reader)->metadata()[1].first, "avro.codec");
    auto contents = read_all(file);
    ASSERT_TRUE(contents.ok()) << contents.status().to_string();
    EXPECT_EQ(contents->records, 120);
    EXPECT_GT(contents->blocks, 5);
    if (reference.empty()) reference = contents->json;
    EXPECT_EQ(contents->json, reference);
  }
  // fastavro reads record 1 of mixed-null.avro as {'id': 1, 'i': 766119304, 'flag': False,
  // 'f': 11860.25, 'd': 284756.361328125, 's': 'héllo-1-abababababababab',
  // 'b': b'\x07\x08\t\n\x0b', 'opt': 'o1', 'e': 'GREEN', 'fx': b'[\xd4\x99\x08',
  // 'arr': [-1000003, 0, 1000003, 2000006], 'm': {'k0': 0}}.
  EXPECT_EQ(reference[1],
            "{\"id\":1,\"i\":766119304,\"flag\":false,\"f\":11860.25,\"d\":284756.361328125,"
            "\"s\":\"h\xc3\xa9llo-1-abababababababab\",\"b\":\"\\u0007\\b\\t\\n\\u000B\","
            "\"opt\":{\"string\":\"o1\"},\"e\":\"GREEN\",\"fx\":\"[\xc3\x94\xc2\x99\\b\","
            "\"arr\":[-1000003,0,1000003,2000006],\"m\":{\"k0\":0}}");
}

TEST(ContainerReaderTest, ReadsWhatTheWriterWritesWithEveryCodec) {
  SchemaPtr schema = parse_or_die(testing::kMixedSchema);
  for (CodecId codec : {CodecId::kNull, CodecId::kDeflate, CodecId::kSnappy, CodecId::kBzip2,
                        CodecId::kXz, CodecId::kZstandard}) {
    SCOPED_TRACE(codec_name(codec));
    StringByteSink sink;
    ContainerWriterOptions options;
    options.codec = codec;
    options.sync_interval = 2000;
    options.metadata = {{"sluice.topic", "t"}, {"x", std::string("\0\1", 2)}};
    auto writer = ContainerWriter::create(*schema, sink, options);
    ASSERT_TRUE(writer.ok());
    testing::MixedRecords generator;
    for (int k = 0; k < 500; ++k) {
      Encoder e = (*writer)->encoder();
      generator.encode(e, k);
      ASSERT_TRUE((*writer)->datum_appended().ok());
    }
    ASSERT_TRUE((*writer)->close().ok());
    auto reader = ContainerReader::open(sink.data());
    ASSERT_TRUE(reader.ok());
    EXPECT_EQ((*reader)->sync_marker(), (*writer)->sync_marker());
    EXPECT_EQ((*reader)->schema_json(), schema->to_json());
    EXPECT_EQ((*reader)->metadata().size(), 4u);
    auto contents = read_all(sink.data());
    ASSERT_TRUE(contents.ok()) << contents.status().to_string();
    EXPECT_EQ(contents->records, 500);
    EXPECT_EQ(static_cast<uint64_t>(contents->blocks), (*writer)->blocks_written());
  }
}

TEST(ContainerReaderTest, RejectsMalformedFiles) {
  std::string good = read_file(testing::data_dir() / "java" / "simple-null.avro");
  auto error = [](std::string_view file) {
    auto contents = read_all(file);
    EXPECT_FALSE(contents.ok());
    if (!contents.ok()) {
      EXPECT_EQ(contents.status().code(), StatusCode::kDataError);
    }
    return contents.ok() ? std::string() : contents.status().message();
  };
  EXPECT_THAT(error("Obj"), HasSubstr("bad magic"));
  EXPECT_THAT(error("Obj\x02"), HasSubstr("bad magic"));
  for (size_t cut = 4; cut < good.size(); ++cut) {
    std::string prefix = good.substr(0, cut);
    if (cut == 150) continue;  // header complete, no block: an empty file
    EXPECT_FALSE(read_all(prefix).ok()) << "cut " << cut;
  }
  std::string bad_sync = good;
  bad_sync.back() ^= 1;
  EXPECT_THAT(error(bad_sync), HasSubstr("invalid sync marker after block (file offset 150)"));
  std::string bad_count = good;
  bad_count[150] = '\x01';  // block count -1
  EXPECT_THAT(error(bad_count), HasSubstr("invalid block"));
  std::string short_block = good;
  short_block[151] = '\x08';  // claims 4 bytes, holds 5: the sync check fails
  EXPECT_FALSE(read_all(short_block).ok());
  std::string extra = good;
  extra[150] = '\x04';  // claims 2 objects, holds 1
  EXPECT_THAT(error(extra), HasSubstr("truncated"));
  std::string no_schema = unhex("4f 62 6a 01 02 14") + "avro.codec" + unhex("08") + "null" +
                          std::string(1, '\0') + std::string(16, 'S');
  EXPECT_THAT(error(no_schema), HasSubstr("no avro.schema"));
  std::string lz4 = good;
  lz4.replace(lz4.find("\x08null"), 5, "\x08lz4x");
  EXPECT_THAT(error(lz4), HasSubstr("unrecognized codec lz4x"));
}

TEST(ContainerReaderTest, AcceptsAFileWithoutCodecAndAnyMetadataBlocking) {
  // Metadata as two sized blocks, no avro.codec (means null), then one block.
  std::string schema = R"("int")";
  std::string file = unhex("4f 62 6a 01");
  file += unhex("01") + std::string(1, static_cast<char>(2 * (1 + 11 + 1 + schema.size())));
  file +=
      unhex("16") + "avro.schema" + std::string(1, static_cast<char>(2 * schema.size())) + schema;
  file += unhex("01 0a 02 61 04 62 63 00");  // sized block {"a": "bc"}
  std::string sync(16, '\x11');
  file += sync + unhex("04 04 02 04") + sync;  // two ints: 1, 2
  auto reader = ContainerReader::open(file);
  ASSERT_TRUE(reader.ok()) << reader.status().to_string();
  EXPECT_EQ((*reader)->codec(), CodecId::kNull);
  ASSERT_EQ((*reader)->metadata().size(), 2u);
  EXPECT_EQ((*reader)->metadata()[1].second, "bc");
  auto contents = read_all(file);
  ASSERT_TRUE(contents.ok()) << contents.status().to_string();
  EXPECT_EQ(contents->json, (std::vector<std::string>{"1", "2"}));
}

TEST(ContainerReaderTest, MutatedFilesFailCleanly) {
  // Random byte changes anywhere (header, schema text, block sizes, compressed data): every read
  // ends with a Status, never a crash or a read out of bounds (the ASan build checks the latter).
  uint64_t x = 1;
  auto next = [&x] {
    x = x * 6364136223846793005ULL + 1442695040888963407ULL;
    return x >> 33;
  };
  for (std::string_view name :
       {"mixed-null.avro", "mixed-deflate.avro", "mixed-snappy.avro", "mixed-zstandard.avro"}) {
    std::string original = read_file(testing::data_dir() / "java" / std::string(name));
    int failures = 0;
    for (int round = 0; round < 300; ++round) {
      std::string file = original;
      for (int flips = 0; flips < 3; ++flips) {
        file[next() % file.size()] ^= static_cast<char>(1 + next() % 255);
      }
      file.resize(file.size() - next() % 3);
      failures += read_all(file).ok() ? 0 : 1;
    }
    EXPECT_GT(failures, 200) << name;
  }
}

}  // namespace
}  // namespace sluice::avro
