// Confluent's wire-format framing: magic byte, big-endian schema id, Protobuf message indexes.
#include "connect/confluent_wire_format.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

namespace sluice::connect {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

std::string bytes(std::initializer_list<int> values) {
  std::string out;
  for (int v : values) out += static_cast<char>(v);
  return out;
}

TEST(ConfluentWireFormatTest, ReadsTheBigEndianIdAndLeavesThePayload) {
  std::string in = bytes({0, 0x01, 0x02, 0x03, 0x04}) + "body";
  auto frame = parse_wire_frame(in);
  ASSERT_TRUE(frame.ok()) << frame.status().message();
  EXPECT_EQ(frame->id.value, 0x01020304);
  EXPECT_EQ(frame->payload, "body");
  auto max = parse_wire_frame(bytes({0, 0x7f, 0xff, 0xff, 0xff}));
  ASSERT_TRUE(max.ok());
  EXPECT_EQ(max->id.value, 2147483647);
  EXPECT_EQ(max->payload, "");
}

TEST(ConfluentWireFormatTest, BadMagicAndShortHeadersAreDataErrors) {
  auto magic = parse_wire_frame(bytes({1, 0, 0, 0, 1}));
  ASSERT_FALSE(magic.ok());
  EXPECT_EQ(magic.status().code(), StatusCode::kDataError);
  EXPECT_EQ(magic.status().message(), "Unknown magic byte!");
  auto plain_json = parse_wire_frame("{\"a\":1}");
  ASSERT_FALSE(plain_json.ok());
  EXPECT_EQ(plain_json.status().message(), "Unknown magic byte!");
  auto empty = parse_wire_frame("");
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), StatusCode::kDataError);
  auto short_header = parse_wire_frame(bytes({0, 0, 1}));
  ASSERT_FALSE(short_header.ok());
  EXPECT_THAT(short_header.status().message(), HasSubstr("3 bytes long"));
}

TEST(ConfluentWireFormatTest, ProtobufMessageIndexesAsTheSerializersWriteThem) {
  // [0] is the single byte 0; [1] is count 1, index 1; [0, 2] is count 2, 0, 2 (zig-zag).
  std::string first = bytes({0x00}) + "msg";
  std::string_view view = first;
  auto indexes = read_protobuf_message_indexes(view);
  ASSERT_TRUE(indexes.ok());
  EXPECT_THAT(*indexes, ElementsAre(0));
  EXPECT_EQ(view, "msg");
  std::string second = bytes({0x02, 0x02});
  view = second;
  EXPECT_THAT(*read_protobuf_message_indexes(view), ElementsAre(1));
  std::string nested = bytes({0x04, 0x00, 0x04});
  view = nested;
  EXPECT_THAT(*read_protobuf_message_indexes(view), ElementsAre(0, 2));
  EXPECT_TRUE(view.empty());
  std::string large = bytes({0x02, 0xac, 0x02});  // index 150
  view = large;
  EXPECT_THAT(*read_protobuf_message_indexes(view), ElementsAre(150));
}

TEST(ConfluentWireFormatTest, MalformedMessageIndexesAreDataErrors) {
  for (const std::string& bad : {bytes({0x04, 0x00}),  // count 2, one index
                                 bytes({0x80}),        // unterminated varint
                                 bytes({0x01}),        // count -1
                                 bytes({0x02, 0x01}),  // index -1
                                 bytes({0xff, 0xff, 0xff, 0xff, 0xff, 0x01})}) {
    std::string_view view = bad;
    auto indexes = read_protobuf_message_indexes(view);
    ASSERT_FALSE(indexes.ok());
    EXPECT_EQ(indexes.status().code(), StatusCode::kDataError);
  }
}

}  // namespace
}  // namespace sluice::connect
