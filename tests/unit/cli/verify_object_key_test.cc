// Reading the sink's object keys back (`sluice verify`): keys built by sink/object_key.h with
// several layouts parse to the partition and offset they were built from; foreign keys do not.
#include "cli/verify_object_key.h"

#include <gtest/gtest.h>

namespace sluice::cli {
namespace {

TEST(VerifyObjectKey, ReadsWhatTheSinkBuilds) {
  sink::ObjectKeyLayout layout;
  std::string key =
      sink::build_object_key(layout, "orders/partition=3", "orders", 3, 1200, ".json.gz");
  EXPECT_EQ(key, "topics/orders/partition=3/orders+3+0000001200.json.gz");
  std::optional<ParsedObjectKey> parsed = parse_object_key(layout, "orders", key);
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->encoded_partition, "partition=3");
  EXPECT_EQ(parsed->kafka_partition, 3);
  EXPECT_EQ(parsed->start_offset, 1200);
  EXPECT_EQ(parsed->view, ObjectView::kValues);
  EXPECT_EQ(parsed->extension, ".json.gz");
}

TEST(VerifyObjectKey, CustomDelimitersBlankTopicsDirAndNoPadding) {
  sink::ObjectKeyLayout layout{" ", "#", "_", 0};
  std::string key =
      sink::build_object_key(layout, "t.x#year=2024#month=05", "t.x", 0, 12345678901, ".keys.avro");
  EXPECT_EQ(topic_object_prefix(layout, "t.x"), "t.x#");
  std::optional<ParsedObjectKey> parsed = parse_object_key(layout, "t.x", key);
  ASSERT_TRUE(parsed) << key;
  EXPECT_EQ(parsed->encoded_partition, "year=2024#month=05");
  EXPECT_EQ(parsed->start_offset, 12345678901);
  EXPECT_EQ(parsed->view, ObjectView::kKeys);
  EXPECT_EQ(parsed->extension, ".avro");
}

TEST(VerifyObjectKey, HeadersViewAndWideOffsets) {
  sink::ObjectKeyLayout layout;
  std::optional<ParsedObjectKey> parsed =
      parse_object_key(layout, "a", "topics/a/partition=0/a+0+123456789012.headers.snappy.parquet");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->start_offset, 123456789012);
  EXPECT_EQ(parsed->view, ObjectView::kHeaders);
  EXPECT_EQ(parsed->extension, ".snappy.parquet");
}

TEST(VerifyObjectKey, RefusesKeysOfAnotherShape) {
  sink::ObjectKeyLayout layout;
  for (const char* key : {"topics/a/partition=0/b+0+0000000000.json",  // another topic's name
                          "topics/a/partition=0/a+x+0000000000.json",  // no partition number
                          "topics/a/partition=0/a+0+.json",            // no offset
                          "topics/a/partition=0/a+0+0000000000",       // no extension
                          "topics/a/partition=0/a+0+00000000x0.json",  // junk after the offset
                          "topics/a/a+0+0000000000.json",              // no encoded partition
                          "topics/b/partition=0/a+0+0000000000.json",  // another prefix
                          "topics/a/partition=0/a+-1+0000000000.json"}) {
    EXPECT_FALSE(parse_object_key(layout, "a", key)) << key;
  }
}

}  // namespace
}  // namespace sluice::cli
