// footer_row_count: the row count of files FileWriter writes (several row groups, key/value
// metadata, logical types in the schema it skips) and refusals of what is not a Parquet file.
#include "parquet/footer_row_count.h"

#include <gtest/gtest.h>

#include "parquet/file_writer.h"

namespace sluice::parquet {
namespace {

std::string write_file(int rows, int rows_per_group) {
  using Kind = LogicalType::Kind;
  std::vector<FlatColumn> columns = {
      {.name = "id", .type = PhysicalType::kInt64},
      {.name = "name",
       .type = PhysicalType::kByteArray,
       .optional = true,
       .logical_type = LogicalType::of(Kind::kString)},
  };
  WriterProperties properties;
  properties.key_value_metadata = {{"parquet.avro.schema", "{\"type\":\"record\"}"}};
  StringByteSink sink;
  auto writer = FileWriter::open(*FlatSchema::make("r", columns), properties, sink);
  EXPECT_TRUE(writer.ok());
  for (int k = 0; k < rows; ++k) {
    EXPECT_TRUE((*writer)->column(0).write_int64(k).ok());
    EXPECT_TRUE((k % 2 ? (*writer)->column(1).write_null()
                       : (*writer)->column(1).write_bytes("row " + std::to_string(k)))
                    .ok());
    EXPECT_TRUE((*writer)->end_row().ok());
    if (k % rows_per_group == rows_per_group - 1) {
      EXPECT_TRUE((*writer)->flush_row_group().ok());
    }
  }
  EXPECT_TRUE((*writer)->close().ok());
  return sink.data();
}

TEST(FooterRowCount, CountsEveryRowGroup) {
  Result<int64_t> rows = footer_row_count(write_file(1234, 500));
  ASSERT_TRUE(rows.ok()) << rows.status().message();
  EXPECT_EQ(*rows, 1234);
  EXPECT_EQ(*footer_row_count(write_file(0, 10)), 0);
}

TEST(FooterRowCount, RefusesWhatIsNotParquet) {
  std::string file = write_file(10, 10);
  EXPECT_EQ(footer_row_count("").status().code(), StatusCode::kDataError);
  EXPECT_EQ(footer_row_count(file.substr(0, file.size() - 1)).status().code(),
            StatusCode::kDataError);
  // A footer length past the file's start.
  std::string broken = file;
  broken[broken.size() - 5] = '\x7f';
  EXPECT_EQ(footer_row_count(broken).status().code(), StatusCode::kDataError);
  // A footer of junk (each byte a field header of an unknown type).
  std::string junk = "PAR1" + std::string(8, '\x0f') + std::string("\x08\0\0\0PAR1", 8);
  EXPECT_EQ(footer_row_count(junk).status().code(), StatusCode::kDataError);
}

}  // namespace
}  // namespace sluice::parquet
