// Object key formula (spec §3.1), keys/headers names (§3.4), extensions (§3.5), edge cases (§3.8).
#include "sink/object_key.h"

#include <gtest/gtest.h>

namespace sluice::sink {
namespace {

TEST(ObjectKeyTest, DefaultLayout) {
  EXPECT_EQ(build_object_key(ObjectKeyLayout{}, "orders/partition=3", "orders", 3, 1000,
                             ".snappy.parquet"),
            "topics/orders/partition=3/orders+3+0000001000.snappy.parquet");
}

TEST(ObjectKeyTest, KeysAndHeadersFilesShareTheStartOffset) {
  // spec §3.4
  const ObjectKeyLayout layout;
  std::string keys_ext = std::string(kKeysViewExtension) + ".json";
  std::string headers_ext = std::string(kHeadersViewExtension) + ".avro";
  EXPECT_EQ(build_object_key(layout, "orders/partition=3", "orders", 3, 1000, keys_ext),
            "topics/orders/partition=3/orders+3+0000001000.keys.json");
  EXPECT_EQ(build_object_key(layout, "orders/partition=3", "orders", 3, 1000, headers_ext),
            "topics/orders/partition=3/orders+3+0000001000.headers.avro");
}

TEST(ObjectKeyTest, PaddingWidth) {
  ObjectKeyLayout layout;
  EXPECT_EQ(build_object_key(layout, "c/dt=2024-05-07", "c", 2, 12345678901, ".avro"),
            "topics/c/dt=2024-05-07/c+2+12345678901.avro");  // wider than 10: in full
  layout.zero_pad_width = 0;  // Java throws on "%00d"; sluice prints the plain number
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 2, 42, ".avro"), "topics/c/p/c+2+42.avro");
  layout.zero_pad_width = 3;
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 2, 7, ".avro"), "topics/c/p/c+2+007.avro");
  std::string out;
  append_zero_padded(-5, 10, &out);
  EXPECT_EQ(out, "-000000005");  // Java counts the sign in the width
}

TEST(ObjectKeyTest, TopicsDirIsUsedVerbatimUnlessBlank) {
  ObjectKeyLayout layout;
  layout.topics_dir = "";
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 0, 0, ".json"), "c/p/c+0+0000000000.json");
  layout.topics_dir = "  ";
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 0, 0, ".json"), "c/p/c+0+0000000000.json");
  layout.topics_dir = "data/";  // spec §2.4: a trailing '/' gives '//'
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 0, 0, ".json"), "data//c/p/c+0+0000000000.json");
  layout.topics_dir = "/abs";
  EXPECT_EQ(build_object_key(layout, "c/p", "c", 0, 0, ".json"), "/abs/c/p/c+0+0000000000.json");
}

TEST(ObjectKeyTest, CustomDelimiters) {
  ObjectKeyLayout layout;
  layout.directory_delim = "_";
  layout.file_delim = "#";
  EXPECT_EQ(build_object_key(layout, "test-topic_partition=12", "test-topic", 12, 0, ".avro"),
            "topics_test-topic_partition=12_test-topic#12#0000000000.avro");
}

TEST(ObjectKeyTest, AppendsToTheCallerBuffer) {
  std::string out = "s3://bucket/";
  append_object_key(ObjectKeyLayout{}, "t/partition=1", "t", 1, 9, ".bin", &out);
  EXPECT_EQ(out, "s3://bucket/topics/t/partition=1/t+1+0000000009.bin");
}

}  // namespace
}  // namespace sluice::sink
