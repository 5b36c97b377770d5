// The compact-protocol encoder against the protocol's examples and edge values.
#include "parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <functional>
#include <limits>

#include "test_support.h"
#include "thrift_test_reader.h"

namespace sluice::parquet::thrift {
namespace {

using parquet::testing::to_hex;

std::string varint(uint64_t v) {
  std::string out;
  append_varint(out, v);
  return to_hex(out);
}

TEST(ThriftCompactTest, VarintsAndZigzag) {
  EXPECT_EQ(varint(0), "00");
  EXPECT_EQ(varint(127), "7f");
  EXPECT_EQ(varint(128), "80 01");
  EXPECT_EQ(varint(50399), "df 89 03");
  EXPECT_EQ(varint(std::numeric_limits<uint64_t>::max()), "ff ff ff ff ff ff ff ff ff 01");
  EXPECT_EQ(zigzag32(0), 0u);
  EXPECT_EQ(zigzag32(-1), 1u);
  EXPECT_EQ(zigzag32(1), 2u);
  EXPECT_EQ(zigzag32(-2), 3u);
  EXPECT_EQ(zigzag32(std::numeric_limits<int32_t>::min()), 0xffffffffu);
  EXPECT_EQ(zigzag32(std::numeric_limits<int32_t>::max()), 0xfffffffeu);
  EXPECT_EQ(zigzag64(std::numeric_limits<int64_t>::min()), ~uint64_t{0});
  EXPECT_EQ(zigzag64(std::numeric_limits<int64_t>::max()), ~uint64_t{0} - 1);
  EXPECT_EQ(zigzag64(300), 600u);
}

std::string encode(const std::function<void(CompactWriter&)>& body) {
  std::string out;
  CompactWriter w(out);
  w.begin_struct();
  body(w);
  w.end_struct();
  return to_hex(out);
}

TEST(ThriftCompactTest, FieldHeaders) {
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_i32(1, 1); }), "15 02 00");
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_bool(1, true); }), "11 00");
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_bool(1, false); }), "12 00");
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_i32(7, 0);
              w.field_i64(9, 4);
            }),
            "75 00 26 08 00");
  // Delta 16: long form (type byte, then the id as a zigzag varint).
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_i32(1, 0);
              w.field_i32(17, 0);
            }),
            "15 00 05 22 00 00");
  // Delta 15: still short.
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_i32(15, -1); }), "f5 01 00");
  // Decreasing ids: long form.
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_i32(3, 0);
              w.field_i32(2, 0);
            }),
            "35 00 05 04 00 00");
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_i32(3, 0);
              w.field_binary(4, "id");
            }),
            "35 00 18 02 69 64 00");
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_i8(1, -1); }), "13 ff 00");
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_i16(7, 0); }), "74 00 00");
  EXPECT_EQ(encode([](CompactWriter& w) { w.field_i64(1, 300); }), "16 d8 04 00");
}

TEST(ThriftCompactTest, ListsAndNestedStructs) {
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_list(2, CompactType::kI32, 2);
              w.element_i32(0);
              w.element_i32(3);
            }),
            "29 25 00 06 00");
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_list(3, CompactType::kBinary, 1);
              w.element_binary("id");
            }),
            "39 18 02 69 64 00");
  std::string sizes14 = encode([](CompactWriter& w) {
    w.field_list(1, CompactType::kI32, 14);
    for (int i = 0; i < 14; ++i) w.element_i32(0);
  });
  EXPECT_EQ(sizes14.substr(0, 5), "19 e5");
  std::string sizes15 = encode([](CompactWriter& w) {
    w.field_list(1, CompactType::kI32, 15);
    for (int i = 0; i < 15; ++i) w.element_i32(0);
  });
  EXPECT_EQ(sizes15.substr(0, 8), "19 f5 0f");
  std::string size20 = encode([](CompactWriter& w) {
    w.field_list(1, CompactType::kStruct, 20);
    for (int i = 0; i < 20; ++i) {
      w.begin_struct();
      w.end_struct();
    }
  });
  EXPECT_EQ(size20.substr(0, 8), "19 fc 14");
  // A nested struct has its own field numbering; the outer one resumes after it.
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_i32(1, 1);
              w.field_struct(5);
              w.field_i32(1, 3);
              w.end_struct();
              w.field_i32(6, 2);
            }),
            "15 02 4c 15 06 00 15 04 00");
  // Empty struct and the STRING member of a union.
  EXPECT_EQ(encode([](CompactWriter& w) {
              w.field_struct(1);
              w.end_struct();
            }),
            "1c 00 00");
}

TEST(ThriftCompactTest, TestReaderDecodesWhatTheWriterWrites) {
  std::string out;
  CompactWriter w(out);
  w.begin_struct();
  w.field_i64(1, std::numeric_limits<int64_t>::min());
  w.field_bool(2, true);
  w.field_binary(40, std::string(300, 'x'));
  w.field_list(41, CompactType::kI32, 20);
  for (int i = 0; i < 20; ++i) w.element_i32(-i);
  w.end_struct();
  parquet::testing::TReader r(out);
  parquet::testing::TValue v = r.read_struct();
  EXPECT_EQ(r.pos(), out.size());
  EXPECT_EQ(v.at(1).integer, std::numeric_limits<int64_t>::min());
  EXPECT_EQ(v.at(2).integer, 1);
  EXPECT_EQ(v.at(40).binary, std::string(300, 'x'));
  ASSERT_EQ(v.at(41).list.size(), 20u);
  EXPECT_EQ(v.at(41).list[19].integer, -19);
}

}  // namespace
}  // namespace sluice::parquet::thrift
