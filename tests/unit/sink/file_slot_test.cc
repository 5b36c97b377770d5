// File slots (file_slot.h) and what a TopicPartitionWriter does with records a transform routed to
// another topic or partition.
#include "sink/file_slot.h"

#include <gtest/gtest.h>

#include "writer_test_fixture.h"

namespace sluice::sink {
namespace {

using test::TopicPartitionWriterTest;

TEST(FileSlotTest, UnroutedSlotsAreTheEncodedPartitionItself) {
  std::string slot;
  make_file_slot("orders", 3, "orders", 3, "partition=3", &slot);
  EXPECT_EQ(slot, "partition=3");
  const FileSlot parts = parse_file_slot(slot, "orders", 3);
  EXPECT_FALSE(parts.routed);
  EXPECT_EQ(parts.topic, "orders");
  EXPECT_EQ(parts.partition, 3);
  EXPECT_EQ(parts.encoded, "partition=3");
}

TEST(FileSlotTest, RoutedSlotsCarryTopicAndPartitionAndParseBack) {
  std::string slot;
  make_file_slot("orders", 3, "orders-20261207", 3, "partition=3", &slot);
  EXPECT_EQ(slot, std::string("\0orders-20261207\0"
                              "3\0partition=3",
                              30));
  FileSlot parts = parse_file_slot(slot, "orders", 3);
  EXPECT_TRUE(parts.routed);
  EXPECT_EQ(parts.topic, "orders-20261207");
  EXPECT_EQ(parts.partition, 3);
  EXPECT_EQ(parts.encoded, "partition=3");

  make_file_slot("orders", 3, "orders", -1, "", &slot);  // only the partition changed
  parts = parse_file_slot(slot, "orders", 3);
  EXPECT_TRUE(parts.routed);
  EXPECT_EQ(parts.topic, "orders");
  EXPECT_EQ(parts.partition, -1);
  EXPECT_EQ(parts.encoded, "");
}

TEST(FileSlotTest, AnEncodedPartitionStartingWithNulStaysUnambiguous) {
  const std::string encoded("\0weird", 6);
  std::string slot;
  make_file_slot("orders", 3, "orders", 3, encoded, &slot);
  const FileSlot parts = parse_file_slot(slot, "orders", 3);
  EXPECT_EQ(parts.topic, "orders");
  EXPECT_EQ(parts.partition, 3);
  EXPECT_EQ(parts.encoded, encoded);
  // Something that merely starts with NUL but was not made here is taken as an encoded partition.
  const std::string stray("\0no-separators", 14);
  EXPECT_EQ(parse_file_slot(stray, "orders", 3).encoded, stray);
  EXPECT_FALSE(parse_file_slot(stray, "orders", 3).routed);
}

// A routed record goes under its new topic's directory; its file name keeps the consumed topic,
// partition and offset, and the consumed partition's offsets commit as usual.
TEST_F(TopicPartitionWriterTest, RoutedRecordsGoUnderTheRoutedTopicAndCommitTheConsumedOffsets) {
  RotationPolicy policy;
  policy.flush_size = 4;
  build(PartitionerOptions{}, policy);
  for (int i = 0; i < 4; ++i) {
    connect::SinkRecord r = record(100 + i, i % 2 == 0 ? "even" : "odd");
    if (i % 2 == 1) r.topic = "orders-odd";  // as RegexRouter would rename it
    ASSERT_TRUE(writer_->write(r, 0).ok());
  }
  ASSERT_TRUE(settle().ok());
  EXPECT_EQ(store_.keys(),
            (std::vector<std::string>{"topics/orders-odd/partition=3/orders+3+0000000101.json",
                                      "topics/orders/partition=3/orders+3+0000000100.json"}));
  EXPECT_EQ(body("topics/orders/partition=3/orders+3+0000000100.json"), "\"even\"\n\"even\"\n");
  EXPECT_EQ(body("topics/orders-odd/partition=3/orders+3+0000000101.json"), "\"odd\"\n\"odd\"\n");
  EXPECT_EQ(writer_->take_committable_offset(), std::optional<int64_t>(104));
}

}  // namespace
}  // namespace sluice::sink
