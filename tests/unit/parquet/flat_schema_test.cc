// FlatSchema validation, the footer's schema elements (converted types next to logical types),
// and the compact bytes of the logical-type unions (the writer specification's verified vectors).
#include "parquet/flat_schema.h"

#include <gtest/gtest.h>

#include "parquet/metadata_serializer.h"
#include "test_support.h"

namespace sluice::parquet {
namespace {

using Kind = LogicalType::Kind;
using testing::to_hex;

Status make_status(std::vector<FlatColumn> columns) {
  return FlatSchema::make("r", std::move(columns)).status();
}

TEST(FlatSchemaTest, RefusesInvalidColumns) {
  EXPECT_EQ(make_status({{.name = ""}}).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(make_status({{.name = "a"}, {.name = "a"}}).message(),
            "parquet schema: column 'a' appears twice");
  EXPECT_EQ(make_status({{.name = "a", .type = PhysicalType::kInt96}}).code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(make_status({{.name = "a", .type = PhysicalType::kFixedLenByteArray}}).message(),
            "parquet schema: column 'a': FIXED_LEN_BYTE_ARRAY needs a positive length");
  EXPECT_EQ(make_status({{.name = "a",
                          .type = PhysicalType::kInt32,
                          .logical_type = LogicalType::of(Kind::kString)}})
                .message(),
            "parquet schema: column 'a': logical type needs BYTE_ARRAY");
  EXPECT_FALSE(make_status({{.name = "a",
                             .type = PhysicalType::kInt32,
                             .logical_type = LogicalType::decimal(2, 10)}})
                   .ok());
  EXPECT_TRUE(make_status({{.name = "a",
                            .type = PhysicalType::kInt64,
                            .logical_type = LogicalType::decimal(2, 18)}})
                  .ok());
  // FLBA(8) holds 18 digits, not 19.
  EXPECT_TRUE(make_status({{.name = "a",
                            .type = PhysicalType::kFixedLenByteArray,
                            .type_length = 8,
                            .logical_type = LogicalType::decimal(0, 18)}})
                  .ok());
  EXPECT_FALSE(make_status({{.name = "a",
                             .type = PhysicalType::kFixedLenByteArray,
                             .type_length = 8,
                             .logical_type = LogicalType::decimal(0, 19)}})
                   .ok());
  EXPECT_FALSE(make_status({{.name = "a",
                             .type = PhysicalType::kInt32,
                             .logical_type = LogicalType::timestamp(true, TimeUnit::kMillis)}})
                   .ok());
  EXPECT_FALSE(make_status({{.name = "a",
                             .type = PhysicalType::kInt64,
                             .logical_type = LogicalType::integer(32, true)}})
                   .ok());
}

TEST(FlatSchemaTest, ConvertedTypesFollowLogicalTypes) {
  EXPECT_EQ(converted_type_for(LogicalType::of(Kind::kString)), ConvertedType::kUtf8);
  EXPECT_EQ(converted_type_for(LogicalType::timestamp(true, TimeUnit::kMicros)),
            ConvertedType::kTimestampMicros);
  EXPECT_EQ(converted_type_for(LogicalType::timestamp(true, TimeUnit::kNanos)), std::nullopt);
  EXPECT_EQ(converted_type_for(LogicalType::time(true, TimeUnit::kMillis)),
            ConvertedType::kTimeMillis);
  EXPECT_EQ(converted_type_for(LogicalType::integer(16, false)), ConvertedType::kUint16);
  EXPECT_EQ(converted_type_for(LogicalType::integer(64, true)), ConvertedType::kInt64);
  EXPECT_EQ(converted_type_for(LogicalType::of(Kind::kUuid)), std::nullopt);
  EXPECT_EQ(converted_type_for(LogicalType{}), std::nullopt);
}

TEST(FlatSchemaTest, SortOrders) {
  EXPECT_EQ(sort_order_of({.type = PhysicalType::kInt32}), SortOrder::kSigned);
  EXPECT_EQ(
      sort_order_of({.type = PhysicalType::kInt32, .logical_type = LogicalType::integer(8, false)}),
      SortOrder::kUnsigned);
  EXPECT_EQ(sort_order_of({.type = PhysicalType::kByteArray}), SortOrder::kUnsigned);
  EXPECT_EQ(sort_order_of(
                {.type = PhysicalType::kByteArray, .logical_type = LogicalType::decimal(2, 20)}),
            SortOrder::kUndefined);
}

// The footer of `columns` (no row groups) as hex.
std::string footer_hex(std::vector<FlatColumn> columns) {
  Result<FlatSchema> schema = FlatSchema::make("r", std::move(columns));
  EXPECT_TRUE(schema.ok()) << schema.status().to_string();
  FileMetaData meta{.schema = schema->to_schema_elements()};
  std::string out;
  serialize_file_metadata(meta, out);
  return to_hex(out);
}

TEST(FlatSchemaTest, LogicalTypeUnionsMatchTheVerifiedBytes) {
  // name "t" (18 02 74 ...), converted type, then field 10 (delta 4: 4c) and the union.
  EXPECT_NE(footer_hex({{.name = "t",
                         .type = PhysicalType::kInt64,
                         .logical_type = LogicalType::timestamp(true, TimeUnit::kMillis)}})
                .find("25 12 4c 8c 11 1c 1c 00 00 00 00"),
            std::string::npos);  // converted TIMESTAMP_MILLIS (9 -> 12)
  EXPECT_NE(footer_hex({{.name = "t",
                         .type = PhysicalType::kInt32,
                         .logical_type = LogicalType::time(true, TimeUnit::kMillis)}})
                .find("25 0e 4c 7c 11 1c 1c 00 00 00 00"),
            std::string::npos);
  EXPECT_NE(footer_hex({{.name = "t",
                         .type = PhysicalType::kByteArray,
                         .logical_type = LogicalType::decimal(2, 64)}})
                .find("25 0a 15 04 15 80 01 2c 5c 15 04 15 80 01 00 00"),
            std::string::npos);  // converted DECIMAL, scale 2, precision 64, then the union
  EXPECT_NE(footer_hex({{.name = "t",
                         .type = PhysicalType::kInt32,
                         .logical_type = LogicalType::of(Kind::kDate)}})
                .find("25 0c 4c 6c 00 00"),
            std::string::npos);
  EXPECT_NE(footer_hex({{.name = "t",
                         .type = PhysicalType::kInt32,
                         .logical_type = LogicalType::integer(8, false)}})
                .find("25 16 4c ac 13 08 12 00 00"),
            std::string::npos);  // UINT_8 (11 -> 16); INTEGER is member 10 (ac), bitWidth i8
  EXPECT_NE(footer_hex({{.name = "t", .type = PhysicalType::kFixedLenByteArray, .type_length = 3}})
                .find("15 0e 15 06 15 00 18 01 74 00"),
            std::string::npos);  // FLBA (7 -> 0e), type_length 3, REQUIRED, name
}

}  // namespace
}  // namespace sluice::parquet
