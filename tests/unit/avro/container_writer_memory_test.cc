// What a ContainerWriter holds between calls is charged to its memory account: the block being
// built as it grows, its compressed copy while a block is emitted, and nothing once a block is in
// the sink (an idle open file costs nothing). These tests fail if any of it goes uncharged.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "avro/container_writer.h"
#include "avro_test_support.h"

namespace sluice::avro {
namespace {

using testing::parse_or_die;

// Counts what is charged, the high-water mark, and every release that was never charged.
class CountingAccount final : public util::MemoryAccount {
 public:
  void charge(size_t bytes) override {
    used_ += bytes;
    peak_ = std::max(peak_, used_);
  }
  void release(size_t bytes) override {
    if (bytes > used_) over_released_ = true;
    used_ -= std::min(bytes, used_);
  }
  size_t used() const { return used_; }
  size_t peak() const { return peak_; }
  bool over_released() const { return over_released_; }

 private:
  size_t used_ = 0;
  size_t peak_ = 0;
  bool over_released_ = false;
};

constexpr CodecId kCodecs[] = {CodecId::kNull,  CodecId::kDeflate, CodecId::kSnappy,
                               CodecId::kBzip2, CodecId::kXz,      CodecId::kZstandard};

// A datum of the "string" schema: `size` bytes of text that compresses a little.
std::string string_datum(size_t size, int seed) {
  std::string text(size, 'a');
  for (size_t i = 0; i < size; i += 7) text[i] = static_cast<char>('a' + (seed + i) % 26);
  std::string datum;
  append_long(datum, static_cast<int64_t>(size));
  return datum + text;
}

TEST(ContainerWriterMemoryTest, TheBlockBeingBuiltIsChargedAsItGrows) {
  SchemaPtr schema = parse_or_die(R"("string")");
  for (CodecId codec : kCodecs) {
    SCOPED_TRACE(std::string(codec_name(codec)));
    CountingAccount account;
    StringByteSink sink;
    ContainerWriterOptions options;
    options.codec = codec;
    options.memory = &account;
    auto writer = ContainerWriter::create(*schema, sink, options);
    ASSERT_TRUE(writer.ok()) << writer.status().message();
    ContainerWriter& w = **writer;
    EXPECT_EQ(account.used(), 0u);
    for (int k = 0; k < 40; ++k) {
      ASSERT_TRUE(w.append_encoded(string_datum(1000, k)).ok());
      // Exactly what the writer holds, and at least the bytes of the block not yet in the sink.
      EXPECT_EQ(account.used(), w.held_bytes());
      EXPECT_GE(account.used(), w.buffered_bytes());
      EXPECT_GT(account.used(), 0u);
    }
    EXPECT_EQ(w.blocks_written(), 0u);
    const size_t block = w.buffered_bytes();
    ASSERT_TRUE(w.flush().ok());
    EXPECT_EQ(w.blocks_written(), 1u);
    // The block and its compressed copy were freed once they reached the sink.
    EXPECT_EQ(account.used(), 0u);
    EXPECT_EQ(w.held_bytes(), 0u);
    // While it was emitted, the block and (but for the null codec) its compressed copy counted.
    EXPECT_GE(account.peak(), block);
    if (codec != CodecId::kNull) {
      EXPECT_GT(account.peak(), block);
    }
    ASSERT_TRUE(w.close().ok());
    EXPECT_FALSE(account.over_released());
  }
}

TEST(ContainerWriterMemoryTest, BlocksCutBySizeAndDroppedDatumsKeepTheChargeExact) {
  SchemaPtr schema = parse_or_die(R"("string")");
  CountingAccount account;
  StringByteSink sink;
  ContainerWriterOptions options;
  options.codec = CodecId::kDeflate;
  options.memory = &account;
  {
    auto writer = ContainerWriter::create(*schema, sink, options);
    ASSERT_TRUE(writer.ok());
    ContainerWriter& w = **writer;
    for (int k = 0; k < 300; ++k) {
      Status st = w.append_datum([&](std::string& block) {
        block.append(string_datum(700, k));
        // Every fifth datum fails half-way: what it appended is dropped.
        return k % 5 == 4 ? Status::data_error("refused") : Status::ok_status();
      });
      EXPECT_EQ(st.ok(), k % 5 != 4);
      EXPECT_EQ(account.used(), w.held_bytes());
      EXPECT_LE(w.held_bytes(), kDefaultSyncInterval);
    }
    EXPECT_EQ(w.datums_written(), 240u);
    // Between calls a block never keeps more room than the sync interval.
    EXPECT_LE(w.held_bytes(), kDefaultSyncInterval);
    EXPECT_GE(w.blocks_written(), 2u);  // 240 x 702 bytes: cut at 64,000 bytes twice
    EXPECT_GT(account.used(), 0u);      // the last, partial block
  }
  // A writer destroyed without close() (an abandoned file) gives everything back.
  EXPECT_EQ(account.used(), 0u);
  EXPECT_FALSE(account.over_released());
}

TEST(ContainerWriterMemoryTest, WithoutAnAccountNothingIsCounted) {
  SchemaPtr schema = parse_or_die(R"("string")");
  StringByteSink sink;
  auto writer = ContainerWriter::create(*schema, sink, ContainerWriterOptions{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE((*writer)->append_encoded(string_datum(100, 0)).ok());
  EXPECT_GT((*writer)->held_bytes(), 0u);
  ASSERT_TRUE((*writer)->close().ok());
}

}  // namespace
}  // namespace sluice::avro
